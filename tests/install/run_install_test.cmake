# Installs sendpolicy into a scratch prefix, then checks what a user gets:
#   - bin/sendpolicy runs, and its man page is there;
#   - an outside project with find_package(sendpolicy CONFIG REQUIRED) builds
#     and runs against the core, the testing kit, the C API and the wire
#     codec, and registers scenario files with sendpolicy_add_scenarios();
#   - pkg-config reads sendpolicy_c.pc and a C program links with its flags;
#   - python3 imports the installed module;
#   - one with FetchContent (add_subdirectory underneath);
#   - `cpack -G DEB` builds a .deb whose extracted CLI, Python module and
#     CMake package work, with the Depends the docs promise.
# Usage: cmake -DSOURCE_DIR=... -DBUILD_DIR=<a built tree> -DWORK_DIR=... [-DBUILD_CONFIG=...]
#          [-DCXX_COMPILER=...] -P run_install_test.cmake
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

# The build under test is what gets installed (and packed below): the files a
# user gets are the ones every other test just exercised, and CI does not
# compile the library a second time for this test.
set(config_args "")
if(BUILD_CONFIG)
  set(config_args --config "${BUILD_CONFIG}")
endif()
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}" ${config_args})

# The program and its man page.
run("${prefix}/bin/sendpolicy" --version)
run("${prefix}/bin/sendpolicy" explain outside_service_window)
if(NOT EXISTS "${prefix}/share/man/man1/sendpolicy.1")
  message(FATAL_ERROR "no man page at share/man/man1/sendpolicy.1")
endif()

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/install/consumer" -B "${WORK_DIR}/consumer"
    ${compiler_args} "-DCMAKE_PREFIX_PATH=${prefix}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/consumer" --parallel 2)
run("${WORK_DIR}/consumer/consumer")
run("${WORK_DIR}/consumer/testing_consumer")
run("${WORK_DIR}/consumer/c_consumer")
run("${WORK_DIR}/consumer/wire_consumer")
run(${CMAKE_CTEST_COMMAND} --test-dir "${WORK_DIR}/consumer" --output-on-failure)

# pkg-config: the flags it prints link a C program against libsendpolicy_c.
file(GLOB pc_file "${prefix}/lib*/pkgconfig/sendpolicy_c.pc" "${prefix}/lib/*/pkgconfig/sendpolicy_c.pc")
if(NOT pc_file)
  message(FATAL_ERROR "no sendpolicy_c.pc under ${prefix}")
endif()
get_filename_component(pc_dir "${pc_file}" DIRECTORY)
execute_process(COMMAND ${CMAKE_COMMAND} -E env "PKG_CONFIG_PATH=${pc_dir}"
    pkg-config --cflags --libs sendpolicy_c
  RESULT_VARIABLE rc OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0 OR NOT pc_flags MATCHES "-lsendpolicy_c")
  message(FATAL_ERROR "pkg-config --libs sendpolicy_c failed: ${pc_flags}")
endif()
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
run(cc -std=c11 "${SOURCE_DIR}/tests/install/c_consumer.c" ${pc_flags} -o "${WORK_DIR}/c_consumer_pc")
get_filename_component(lib_dir "${pc_dir}" DIRECTORY)
run(${CMAKE_COMMAND} -E env "LD_LIBRARY_PATH=${lib_dir}" "${WORK_DIR}/c_consumer_pc")

# The Python module, where cmake/python_platlib.py put it for this prefix.
if(EXISTS "${SOURCE_DIR}/cmake/python_platlib.py" AND EXISTS /usr/bin/python3)
  execute_process(COMMAND /usr/bin/python3 "${SOURCE_DIR}/cmake/python_platlib.py" "${prefix}"
    OUTPUT_VARIABLE py_dir OUTPUT_STRIP_TRAILING_WHITESPACE)
  file(GLOB py_module "${py_dir}/sendpolicy*.so")
  if(py_module)
    run(${CMAKE_COMMAND} -E env "PYTHONPATH=${py_dir}" /usr/bin/python3 -c
        "import sendpolicy, sys; sys.exit(0 if sendpolicy.__version__ else 1)")
  elseif(PYTHON_EXPECTED)
    message(FATAL_ERROR "no Python module in ${py_dir}")
  endif()
endif()

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/install/fetchcontent" -B "${WORK_DIR}/fetchcontent"
    ${compiler_args} "-DSENDPOLICY_SOURCE_DIR=${SOURCE_DIR}")
# Only what the consumers link: the subproject's CLI and codec are the same
# sources the main build compiled.
run(${CMAKE_COMMAND} --build "${WORK_DIR}/fetchcontent" --parallel 2 --target consumer testing_consumer)
run("${WORK_DIR}/fetchcontent/consumer")
run("${WORK_DIR}/fetchcontent/testing_consumer")
# The Debian package, from the same build: contents, Depends, and that the
# extracted CLI, Python module and CMake package work.
if(DEB_EXPECTED)
  set(cpack_config_args "")
  if(BUILD_CONFIG)
    set(cpack_config_args -C "${BUILD_CONFIG}")
  endif()
  run(cpack -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${WORK_DIR}/cpack" ${cpack_config_args})
  file(GLOB deb "${WORK_DIR}/cpack/sendpolicy_*_*.deb")
  if(NOT deb)
    message(FATAL_ERROR "cpack made no sendpolicy_<version>_<arch>.deb")
  endif()
  execute_process(COMMAND dpkg-deb -f "${deb}" Depends OUTPUT_VARIABLE depends)
  foreach(dep libabsl libsimdjson tzdata python3)
    if(NOT depends MATCHES "${dep}")
      message(FATAL_ERROR "${deb}: Depends lacks ${dep}: ${depends}")
    endif()
  endforeach()
  set(root "${WORK_DIR}/deb")
  run(dpkg-deb -x "${deb}" "${root}")
  run("${root}/usr/bin/sendpolicy" check "${SOURCE_DIR}/examples/data/request.json")
  foreach(f usr/share/man/man1/sendpolicy.1 usr/include/sendpolicy/sendpolicy.h
            usr/include/sendpolicy/wire/request_json.h usr/lib/cmake/sendpolicy/sendpolicyConfig.cmake)
    if(NOT EXISTS "${root}/${f}")
      message(FATAL_ERROR "${deb} lacks /${f}")
    endif()
  endforeach()
  file(GLOB deb_py "${root}/usr/lib/python3/dist-packages/sendpolicy*.so")
  if(NOT deb_py)
    message(FATAL_ERROR "${deb} lacks the Python module in /usr/lib/python3/dist-packages")
  endif()
  run(${CMAKE_COMMAND} -E env "PYTHONPATH=${root}/usr/lib/python3/dist-packages" /usr/bin/python3 -c
      "import sendpolicy, sys; sys.exit(0 if sendpolicy.__version__ else 1)")
  run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/install/consumer" -B "${WORK_DIR}/deb_consumer"
      ${compiler_args} "-DCMAKE_PREFIX_PATH=${root}/usr")
  run(${CMAKE_COMMAND} --build "${WORK_DIR}/deb_consumer" --target wire_consumer)
  run("${WORK_DIR}/deb_consumer/wire_consumer")
endif()
message(STATUS "install, find_package, pkg-config, Python, FetchContent and .deb consumers passed")
