# sendpolicy_add_scenarios(<name> FILES <file>... [POLICY <policy.json>]
#                          [COMMAND <path to the sendpolicy program>])
#
# Registers one ctest test per scenario file (docs/testing.md), named
# <name>.<file stem> and labelled `scenarios`, that runs
# `sendpolicy [--policy P] test <file>`: it passes iff every scenario does,
# and its output is the TAP report. Relative file names are read from the
# calling directory. The program is COMMAND, else the sendpolicy::cli target
# (built in the tree, or installed and found by find_package), else `sendpolicy` on the PATH.
#
#   sendpolicy_add_scenarios(shop_compliance FILES scenarios/order_shipped.json)
function(sendpolicy_add_scenarios name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "POLICY;COMMAND" "FILES")
  if(NOT arg_FILES)
    message(FATAL_ERROR "sendpolicy_add_scenarios(${name}): FILES is required")
  endif()
  if(arg_COMMAND)
    set(program "${arg_COMMAND}")
  elseif(TARGET sendpolicy::cli)  # in the tree, or imported by find_package(sendpolicy)
    set(program "$<TARGET_FILE:sendpolicy::cli>")
  else()
    find_program(SENDPOLICY_PROGRAM sendpolicy REQUIRED)
    set(program "${SENDPOLICY_PROGRAM}")
  endif()
  set(policy_args "")
  if(arg_POLICY)
    get_filename_component(policy "${arg_POLICY}" ABSOLUTE)
    set(policy_args --policy "${policy}")
  endif()
  foreach(file IN LISTS arg_FILES)
    get_filename_component(path "${file}" ABSOLUTE)
    get_filename_component(stem "${file}" NAME_WE)
    add_test(NAME "${name}.${stem}" COMMAND "${program}" ${policy_args} test "${path}")
    set_tests_properties("${name}.${stem}" PROPERTIES LABELS scenarios)
  endforeach()
endfunction()
