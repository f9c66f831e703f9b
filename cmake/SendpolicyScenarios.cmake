# sendpolicy_add_scenarios(<name> FILES <file>... [POLICY <policy.json>]
#                          [COMMAND <path to the sendpolicy program>])
#
# Registers one ctest test per scenario file (docs/testing.md), named
# <name>.<file name without .json> (flows.whatsapp.json -> <name>.flows.whatsapp)
# and labelled `scenarios`, that runs `sendpolicy [--policy P] test <file>`:
# it passes iff every scenario does, and its output is the TAP report.
# Relative file names are read from the calling directory.
#
# The program, first found of:
#   1. COMMAND;
#   2. the sendpolicy_cli target of a sendpolicy build in this project
#      (add_subdirectory / FetchContent), built with `all` from then on;
#   3. an imported sendpolicy::cli target, else the variable
#      SENDPOLICY_EXECUTABLE (the installed package's sendpolicyConfig.cmake
#      sets one of them to its bin/sendpolicy);
#   4. `sendpolicy` next to this file's install location (<prefix>/bin), then
#      on the PATH.
#
#   find_package(sendpolicy CONFIG REQUIRED)
#   sendpolicy_add_scenarios(shop_compliance FILES scenarios/order_shipped.json)
include_guard(GLOBAL)

# Where this file is (installed: <prefix>/<libdir>/cmake/sendpolicy/); a
# global property, so a call from any directory sees it.
set_property(GLOBAL PROPERTY SENDPOLICY_SCENARIOS_MODULE_DIR "${CMAKE_CURRENT_LIST_DIR}")

function(sendpolicy_add_scenarios name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "POLICY;COMMAND" "FILES")
  if(NOT arg_FILES)
    message(FATAL_ERROR "sendpolicy_add_scenarios(${name}): FILES is required")
  endif()
  if(arg_COMMAND)
    set(program "${arg_COMMAND}")
  elseif(TARGET sendpolicy_cli)
    set(program "$<TARGET_FILE:sendpolicy_cli>")
    # The program may be outside `all` (a sendpolicy subproject without its
    # examples): a test needs it built.
    if(NOT TARGET sendpolicy_scenarios_program)
      add_custom_target(sendpolicy_scenarios_program ALL)
      add_dependencies(sendpolicy_scenarios_program sendpolicy_cli)
    endif()
  elseif(TARGET sendpolicy::cli)
    set(program "$<TARGET_FILE:sendpolicy::cli>")
  elseif(SENDPOLICY_EXECUTABLE)
    set(program "${SENDPOLICY_EXECUTABLE}")
  else()
    # lib/cmake/sendpolicy -> bin; lib/<multiarch>/cmake/sendpolicy -> bin.
    get_property(module_dir GLOBAL PROPERTY SENDPOLICY_SCENARIOS_MODULE_DIR)
    find_program(SENDPOLICY_PROGRAM sendpolicy
      HINTS "${module_dir}/../../../bin" "${module_dir}/../../../../bin")
    if(NOT SENDPOLICY_PROGRAM)
      message(FATAL_ERROR "sendpolicy_add_scenarios(${name}): cannot find the sendpolicy "
        "program. Install sendpolicy (cmake --install puts it in <prefix>/bin), set "
        "SENDPOLICY_EXECUTABLE, or pass COMMAND <path>.")
    endif()
    set(program "${SENDPOLICY_PROGRAM}")
  endif()
  set(policy_args "")
  if(arg_POLICY)
    get_filename_component(policy "${arg_POLICY}" ABSOLUTE)
    set(policy_args --policy "${policy}")
  endif()
  # The whole file name but ".json": flows.whatsapp.json and flows.sms.json
  # are two tests (NAME_WE would cut both at the first dot).
  set(seen "")
  foreach(file IN LISTS arg_FILES)
    get_filename_component(path "${file}" ABSOLUTE)
    get_filename_component(stem "${file}" NAME)
    string(REGEX REPLACE "\\.json$" "" stem "${stem}")
    set(test "${name}.${stem}")
    if(test IN_LIST seen)
      message(FATAL_ERROR "sendpolicy_add_scenarios(${name}): two files would both be the "
        "test ${test} (${file} and an earlier one of the same name); rename one, or register "
        "them with two calls of different names")
    endif()
    list(APPEND seen "${test}")
    add_test(NAME "${test}" COMMAND "${program}" ${policy_args} test "${path}")
    set_tests_properties("${test}" PROPERTIES LABELS scenarios)
  endforeach()
endfunction()
