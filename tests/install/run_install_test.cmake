# Installs sendpolicy into a scratch prefix, then builds and runs two outside
# projects against it: one with find_package(sendpolicy CONFIG REQUIRED), one
# with FetchContent (which is add_subdirectory underneath).
# Usage: cmake -DSOURCE_DIR=... -DWORK_DIR=... [-DCXX_COMPILER=...] -P run_install_test.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
set(compiler_args "")
if(CXX_COMPILER)
  set(compiler_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGV}\n${out}")
  endif()
endfunction()

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/lib" ${compiler_args}
    -DCMAKE_BUILD_TYPE=Release -DSENDPOLICY_BUILD_TESTS=OFF -DSENDPOLICY_BUILD_EXAMPLES=OFF
    "-DCMAKE_INSTALL_PREFIX=${prefix}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/lib" --parallel 2)
run(${CMAKE_COMMAND} --install "${WORK_DIR}/lib")

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/install/consumer" -B "${WORK_DIR}/consumer"
    ${compiler_args} "-DCMAKE_PREFIX_PATH=${prefix}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/consumer")
run("${WORK_DIR}/consumer/consumer")
run("${WORK_DIR}/consumer/testing_consumer")
run("${WORK_DIR}/consumer/c_consumer")

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/install/fetchcontent" -B "${WORK_DIR}/fetchcontent"
    ${compiler_args} "-DSENDPOLICY_SOURCE_DIR=${SOURCE_DIR}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/fetchcontent" --parallel 2)
run("${WORK_DIR}/fetchcontent/consumer")
run("${WORK_DIR}/fetchcontent/testing_consumer")
message(STATUS "install, find_package and FetchContent consumers passed")
