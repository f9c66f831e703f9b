# Runs `sendpolicy test` on a scenario file and compares its exit status and
# its report with golden files, byte for byte.
# Usage: cmake -DCLI=... -DSOURCE_DIR=... -DFILE=<relative to SOURCE_DIR>
#              -DFORMAT=tap|junit -DGOLDEN=... -DEXPECTED_RC=... -P run_scenarios_test.cmake
execute_process(COMMAND "${CLI}" test --format "${FORMAT}" "${FILE}"
  WORKING_DIRECTORY "${SOURCE_DIR}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL EXPECTED_RC)
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECTED_RC}\n${out}${err}")
endif()
file(READ "${GOLDEN}" want)
if(NOT out STREQUAL want)
  message(FATAL_ERROR "report differs from ${GOLDEN}:\n--- got ---\n${out}--- want ---\n${want}")
endif()
