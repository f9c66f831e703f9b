# Abseil linked statically into sendpolicy's own programs (the command line).
#
# Why: Debian's absl::status is 26 shared libraries (cord, cordz,
# synchronization, stacktrace, symbolize, time, ...), and loading and
# relocating them was two thirds of the `sendpolicy` command's start-up:
# 8.8 ms of CPU against 4.7 ms with the same code linked from Debian's own
# static archives (libabsl_*.a, shipped beside the .so files in
# libabsl-dev). For `sendpolicy check` run once per request that is the whole
# cost; for `sendpolicy audit` of 100,000 lines it was ~40 ns a line
# (docs/performance.md). Abseil itself recommends static linking: it promises
# no ABI stability between releases.
#
# How: every absl:: target the library names gets a mirror,
# sendpolicy_absl_static::<name>, an imported STATIC library at the .a beside
# the .so (its dependencies mirrored the same way). sendpolicy_abseil_links()
# returns a link list that picks the mirror for a consuming program whose
# SENDPOLICY_STATIC_ABSEIL target property is true, and Abseil's own targets
# for everything else: shared libraries and Python or Node modules cannot
# take the archives (Debian builds them without -fPIC), and users' programs
# (add_subdirectory, FetchContent, find_package) keep linking Abseil as they
# always did. A program must not mix the two: set the property only on one
# that links no shared library of ours (libsendpolicy_c.so carries shared
# Abseil).

# _sendpolicy_mirror_abseil(<absl target> <out var> <ok var>): the mirror's
# name, or ok=FALSE when some archive is missing (then nothing is mirrored
# for that program and it links the shared libraries).
function(_sendpolicy_mirror_abseil target out ok)
  string(REPLACE "absl::" "sendpolicy_absl_static::" mirror "${target}")
  set(${out} "${mirror}" PARENT_SCOPE)
  if(TARGET "${mirror}")
    get_target_property(mirror_ok "${mirror}" SENDPOLICY_MIRROR_OK)
    set(${ok} ${mirror_ok} PARENT_SCOPE)
    return()
  endif()
  get_target_property(type "${target}" TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    add_library("${mirror}" INTERFACE IMPORTED GLOBAL)
  else()
    get_target_property(location "${target}" IMPORTED_LOCATION)
    if(NOT location)
      get_target_property(configs "${target}" IMPORTED_CONFIGURATIONS)
      list(GET configs 0 config)
      get_target_property(location "${target}" IMPORTED_LOCATION_${config})
    endif()
    string(REGEX REPLACE "\\.so(\\.[0-9]+)*$" ".a" archive "${location}")
    if(NOT location OR archive STREQUAL location OR NOT EXISTS "${archive}")
      set(${ok} FALSE PARENT_SCOPE)
      return()
    endif()
    add_library("${mirror}" STATIC IMPORTED GLOBAL)
    set_target_properties("${mirror}" PROPERTIES
      IMPORTED_LOCATION "${archive}"
      IMPORTED_LINK_INTERFACE_LANGUAGES CXX)
  endif()
  foreach(prop INTERFACE_INCLUDE_DIRECTORIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES
               INTERFACE_COMPILE_DEFINITIONS INTERFACE_COMPILE_OPTIONS
               INTERFACE_COMPILE_FEATURES INTERFACE_LINK_OPTIONS)
    get_target_property(value "${target}" ${prop})
    if(value)
      set_target_properties("${mirror}" PROPERTIES ${prop} "${value}")
    endif()
  endforeach()
  set(all_ok TRUE)
  set(links)
  get_target_property(deps "${target}" INTERFACE_LINK_LIBRARIES)
  if(deps)
    foreach(dep IN LISTS deps)
      if(dep MATCHES "^absl::" AND TARGET "${dep}")
        _sendpolicy_mirror_abseil("${dep}" dep_mirror dep_ok)
        if(NOT dep_ok)
          set(all_ok FALSE)
        endif()
        list(APPEND links "${dep_mirror}")
      else()
        list(APPEND links "${dep}")  # -latomic and the like, as Abseil gives them
      endif()
    endforeach()
    set_target_properties("${mirror}" PROPERTIES INTERFACE_LINK_LIBRARIES "${links}")
  endif()
  set_target_properties("${mirror}" PROPERTIES SENDPOLICY_MIRROR_OK ${all_ok})
  set(${ok} ${all_ok} PARENT_SCOPE)
endfunction()

# sendpolicy_abseil_links(<out var> <absl targets>...): what to pass to
# target_link_libraries() in place of the absl targets.
function(sendpolicy_abseil_links out)
  set(shared ${ARGN})
  set(static)
  set(all_ok ${SENDPOLICY_STATIC_ABSEIL})
  if(BUILD_SHARED_LIBS)
    set(all_ok FALSE)  # libsendpolicy.so itself carries shared Abseil
  endif()
  if(all_ok)
    foreach(target IN LISTS shared)
      _sendpolicy_mirror_abseil("${target}" mirror mirror_ok)
      if(NOT mirror_ok)
        set(all_ok FALSE)
      endif()
      list(APPEND static "${mirror}")
    endforeach()
  endif()
  if(NOT all_ok)
    set(${out} ${shared} PARENT_SCOPE)
    return()
  endif()
  # One item per target (a list inside a generator expression would reach
  # the installed sendpolicyTargets.cmake as $<SEMICOLON>s).
  set(links)
  set(static_program "$<BOOL:$<TARGET_PROPERTY:SENDPOLICY_STATIC_ABSEIL>>")
  list(LENGTH shared count)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    list(GET shared ${i} target)
    list(GET static ${i} mirror)
    list(APPEND links "$<BUILD_INTERFACE:$<IF:${static_program},${mirror},${target}>>"
                      "$<INSTALL_INTERFACE:${target}>")
  endforeach()
  set(${out} ${links} PARENT_SCOPE)
endfunction()
