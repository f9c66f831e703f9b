# sendpolicy_add_scenarios() as users call it: from an installed package
# (the program found next to the module, or through SENDPOLICY_EXECUTABLE),
# with file names that share a first dot, and from a project that adds
# sendpolicy as a subdirectory without its examples.
# Usage: cmake -DCLI=... -DSOURCE_DIR=... -DWORK_DIR=... -DCXX_COMPILER=...
#              -P run_add_scenarios_test.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Two passing scenario files whose names differ only after the first dot.
set(_scenario [=[{
  "given": { "recipient": { "phone": "+393471234567" } },
  "scenarios": [ { "name": "a reply 2 h after the customer wrote goes out",
                   "given": { "window": { "last_inbound_at": "now - 2h" } },
                   "when": { "now": "2026-03-02T12:00:00Z", "message": { "kind": "free_form" } },
                   "expect": { "verdict": "allow" } } ]
}
]=])

function(write_project dir body)
  file(MAKE_DIRECTORY "${dir}")
  file(WRITE "${dir}/flows.whatsapp.json" "${_scenario}")
  file(WRITE "${dir}/flows.sms.json" "${_scenario}")
  file(WRITE "${dir}/CMakeLists.txt" "${body}")
endfunction()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what}: exit ${rc}\n${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

# Both tests exist and pass.
function(expect_both_pass build)
  run("ctest" ${CMAKE_CTEST_COMMAND} --test-dir "${build}" --output-on-failure)
  foreach(test flows.flows.whatsapp flows.flows.sms)
    if(NOT out MATCHES "${test} [.]+ +Passed")
      message(FATAL_ERROR "${build}: ${test} did not run and pass:\n${out}")
    endif()
  endforeach()
endfunction()

# 1. Installed layout: <prefix>/lib/cmake/sendpolicy/ and <prefix>/bin/.
set(prefix "${WORK_DIR}/prefix")
file(MAKE_DIRECTORY "${prefix}/bin" "${prefix}/lib/cmake/sendpolicy")
file(COPY "${CLI}" DESTINATION "${prefix}/bin")
file(COPY "${SOURCE_DIR}/cmake/SendpolicyScenarios.cmake"
  DESTINATION "${prefix}/lib/cmake/sendpolicy")
write_project("${WORK_DIR}/installed" [=[
cmake_minimum_required(VERSION 3.16)
project(uses_installed LANGUAGES NONE)
enable_testing()
include("${PREFIX}/lib/cmake/sendpolicy/SendpolicyScenarios.cmake")
sendpolicy_add_scenarios(flows FILES flows.whatsapp.json flows.sms.json)
]=])
run("configure (installed)" ${CMAKE_COMMAND} -S "${WORK_DIR}/installed"
  -B "${WORK_DIR}/installed/build" -DPREFIX=${prefix})
expect_both_pass("${WORK_DIR}/installed/build")

# 2. The variable a package config sets.
write_project("${WORK_DIR}/variable" [=[
cmake_minimum_required(VERSION 3.16)
project(uses_variable LANGUAGES NONE)
enable_testing()
include("${SOURCE_DIR}/cmake/SendpolicyScenarios.cmake")
sendpolicy_add_scenarios(flows FILES flows.whatsapp.json flows.sms.json)
]=])
run("configure (SENDPOLICY_EXECUTABLE)" ${CMAKE_COMMAND} -S "${WORK_DIR}/variable"
  -B "${WORK_DIR}/variable/build" -DSOURCE_DIR=${SOURCE_DIR}
  -DSENDPOLICY_EXECUTABLE=${prefix}/bin/sendpolicy)
expect_both_pass("${WORK_DIR}/variable/build")

# 3. Two files of the same name: a clear configure error, not add_test's.
write_project("${WORK_DIR}/clash" [=[
cmake_minimum_required(VERSION 3.16)
project(clash LANGUAGES NONE)
enable_testing()
include("${SOURCE_DIR}/cmake/SendpolicyScenarios.cmake")
sendpolicy_add_scenarios(flows COMMAND sendpolicy FILES flows.sms.json sub/flows.sms.json)
]=])
execute_process(COMMAND ${CMAKE_COMMAND} -S "${WORK_DIR}/clash" -B "${WORK_DIR}/clash/build"
  -DSOURCE_DIR=${SOURCE_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
# (CMake wraps the message's lines.)
if(rc EQUAL 0 OR NOT err MATCHES "two files would both be the" OR NOT err MATCHES "flows[.]flows[.]sms")
  message(FATAL_ERROR "a name clash was not reported:\n${out}${err}")
endif()

# 4. add_subdirectory without examples: the program is sendpolicy's own
#    target (configured only; building it is the install test's job).
write_project("${WORK_DIR}/subdirectory" [=[
cmake_minimum_required(VERSION 3.16)
project(uses_subdirectory LANGUAGES CXX)
enable_testing()
add_subdirectory("${SOURCE_DIR}" sendpolicy)
sendpolicy_add_scenarios(flows FILES flows.whatsapp.json flows.sms.json)
]=])
run("configure (add_subdirectory)" ${CMAKE_COMMAND} -S "${WORK_DIR}/subdirectory"
  -B "${WORK_DIR}/subdirectory/build" -G Ninja -DSOURCE_DIR=${SOURCE_DIR}
  -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
run("ctest -N" ${CMAKE_CTEST_COMMAND} --test-dir "${WORK_DIR}/subdirectory/build"
  --show-only=json-v1)
string(JSON count LENGTH "${out}" tests)
if(NOT count EQUAL 2)
  message(FATAL_ERROR "add_subdirectory: ${count} tests, want 2:\n${out}")
endif()
# (The command is in CTestTestfile.cmake: ctest omits a program not built yet.)
file(READ "${WORK_DIR}/subdirectory/build/CTestTestfile.cmake" testfile)
if(NOT testfile MATCHES "/sendpolicy/examples/cli/sendpolicy\" \"test\"")
  message(FATAL_ERROR "add_subdirectory: the tests do not run sendpolicy's own program:\n${testfile}")
endif()
run("ninja -t query" ninja -C "${WORK_DIR}/subdirectory/build" -t query all)
if(NOT out MATCHES "sendpolicy_scenarios_program")
  message(FATAL_ERROR "add_subdirectory: `all` does not build the program:\n${out}")
endif()
