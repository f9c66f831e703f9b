# Profile-guided optimisation of the library and the command line (GCC).
#
# Why: what is left between `sendpolicy audit` and the parse-and-print floor
# is not instructions (the audit runs 1.06x the floor's) but how fast they
# run: typed, checked reads branch on the data, and GCC guesses the likely
# side of each branch and the layout of each reader without knowing the
# data. A profile of a real audit tells it. On the peers' 100,000-line
# stream that took 8-9% of the audit's CPU time (docs/performance.md), with
# byte-identical output: optimisation never changes what the code does.
#
# How: with SENDPOLICY_PGO=ON (the release and bench presets, scripts/demo,
# the .deb recipe in docs/install.md), an instrumented copy of the library and the command
# line is built in <build>/pgo-training (an ExternalProject of this same
# source tree), which audits the bundled campaign (examples/data) with the
# default and the campaign's policy; the library, the wire codec and the
# command line of the main build are then compiled with that profile. The
# training copy is rebuilt and re-run on every build, before anything else
# is compiled, so the profile always matches the sources (ninja recompiles
# only what changed, and a training run takes about a second).
#
# The profile files are named after the object files relative to each build
# directory (-fprofile-prefix-path), so the training copy's and the main
# build's match. Another compiler, or SENDPOLICY_PGO=OFF, builds as usual.

option(SENDPOLICY_PGO
  "Compile the library and the command line with a profile of auditing the bundled campaign (GCC; cmake/SendpolicyPgo.cmake)"
  OFF)

set(_sendpolicy_pgo_enabled OFF)
if(SENDPOLICY_PGO)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(STATUS "sendpolicy: SENDPOLICY_PGO needs GCC; building without a profile")
  elseif(NOT EXISTS "${PROJECT_SOURCE_DIR}/examples/data/campaign.jsonl")
    message(STATUS "sendpolicy: SENDPOLICY_PGO needs examples/data; building without a profile")
  else()
    set(_sendpolicy_pgo_enabled ON)
  endif()
endif()

set(_sendpolicy_lto_supported OFF)
if(_sendpolicy_pgo_enabled)
  include(CheckIPOSupported)
  check_ipo_supported(RESULT _sendpolicy_lto_supported LANGUAGES CXX)
  include(ExternalProject)
  set(_pgo_profile "${CMAKE_BINARY_DIR}/pgo-profile")
  set(_pgo_build "${CMAKE_BINARY_DIR}/pgo-training")
  set(_pgo_cli "${_pgo_build}/examples/cli/sendpolicy")
  set(_pgo_data "${PROJECT_SOURCE_DIR}/examples/data")
  set(_pgo_flags "-fprofile-generate=${_pgo_profile} -fprofile-prefix-path=${_pgo_build}")
  set(_pgo_cache_args
    -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
    -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
    "-DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS} ${_pgo_flags}"
    "-DCMAKE_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS} -fprofile-generate"
    -DSENDPOLICY_PGO=OFF
    -DSENDPOLICY_BUILD_CLI=ON
    -DSENDPOLICY_BUILD_EXAMPLES=OFF
    -DSENDPOLICY_BUILD_TESTS=OFF
    -DSENDPOLICY_BUILD_BENCH=${SENDPOLICY_BUILD_BENCH}
    -DSENDPOLICY_BUILD_FUZZERS=OFF
    -DSENDPOLICY_INSTALL=OFF
    -DSENDPOLICY_C_API=OFF
    -DSENDPOLICY_PYTHON=OFF
    -DSENDPOLICY_NODE=OFF
    -DSENDPOLICY_STATIC_ABSEIL=${SENDPOLICY_STATIC_ABSEIL})
  # With the benchmarks, bench/floor (the yardstick the audit is measured
  # against) gets the same treatment, so the ratio compares like with like.
  set(_pgo_targets sendpolicy_cli)
  set(_pgo_floor_run)
  if(SENDPOLICY_BUILD_BENCH)
    list(APPEND _pgo_targets floor)
    set(_pgo_floor_run COMMAND "${_pgo_build}/bench/floor" "${_pgo_data}/campaign.jsonl"
                               -o "${_pgo_build}/training-floor.jsonl")
  endif()
  # The build type's own flags too (-DCMAKE_CXX_FLAGS_RELEASE=-O2, say): a
  # training copy compiled differently gives a profile GCC refuses
  # (-Werror=coverage-mismatch).
  string(TOUPPER "${CMAKE_BUILD_TYPE}" _pgo_config)
  if(_pgo_config)
    list(APPEND _pgo_cache_args "-DCMAKE_CXX_FLAGS_${_pgo_config}=${CMAKE_CXX_FLAGS_${_pgo_config}}")
  endif()
  if(CMAKE_CXX_COMPILER_LAUNCHER)
    list(APPEND _pgo_cache_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}")
  endif()
  ExternalProject_Add(sendpolicy_pgo_training
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${_pgo_build}"
    CMAKE_ARGS ${_pgo_cache_args}
    BUILD_COMMAND ${CMAKE_COMMAND} --build "${_pgo_build}" --target ${_pgo_targets}
    BUILD_ALWAYS ON
    # The training run: a fresh profile of auditing the bundled campaign
    # (2,000 requests of every kind; one thread), with the default policy
    # and with the campaign's own, and once more with the recipients'
    # country left out (the country then comes from the phone number, as
    # for backends that send only the number).
    INSTALL_COMMAND ${CMAKE_COMMAND} -E rm -rf "${_pgo_profile}"
      COMMAND "${_pgo_cli}" audit --no-progress --threads 1 "${_pgo_data}/campaign.jsonl"
              -o "${_pgo_build}/training.jsonl"
      COMMAND "${_pgo_cli}" --policy "${_pgo_data}/campaign-policy.json" audit --no-progress
              --threads 1 "${_pgo_data}/campaign.jsonl" -o "${_pgo_build}/training.jsonl"
      COMMAND ${CMAKE_COMMAND} "-DIN=${_pgo_data}/campaign.jsonl"
              "-DOUT=${_pgo_build}/campaign-without-country.jsonl"
              -P "${CMAKE_CURRENT_LIST_DIR}/pgo_training_without_country.cmake"
      COMMAND "${_pgo_cli}" audit --no-progress --threads 1
              "${_pgo_build}/campaign-without-country.jsonl" -o "${_pgo_build}/training.jsonl"
      ${_pgo_floor_run})
endif()

# sendpolicy_use_pgo_profile(<target>...): compile the targets with the
# training profile (nothing when PGO is off). A function or file the
# training never reached is optimised as usual (-fprofile-partial-training).
#
# The same targets are also link-time optimised (GCC -flto): the audit's
# path crosses the codec, the rules and the program, three archives whose
# small functions (readers, checks, the line writer) GCC can then inline
# and lay out together with the profile: 5-7% less CPU per line on the peers'
# stream (docs/performance.md, round 5). The archives keep regular object
# code beside the LTO bytecode (-ffat-lto-objects), so a program that links
# them without -flto, or with another compiler, gets the usual code.
function(sendpolicy_use_pgo_profile)
  if(NOT _sendpolicy_pgo_enabled)
    return()
  endif()
  foreach(target IN LISTS ARGN)
    target_compile_options(${target} PRIVATE
      "-fprofile-use=${_pgo_profile}" "-fprofile-prefix-path=${CMAKE_BINARY_DIR}"
      -fprofile-partial-training -Wno-missing-profile)
    add_dependencies(${target} sendpolicy_pgo_training)
    if(_sendpolicy_lto_supported)
      set_property(TARGET ${target} PROPERTY INTERPROCEDURAL_OPTIMIZATION ON)
      get_target_property(_type ${target} TYPE)
      if(_type STREQUAL "STATIC_LIBRARY")
        target_compile_options(${target} PRIVATE -ffat-lto-objects)
      endif()
    endif()
  endforeach()
endfunction()
