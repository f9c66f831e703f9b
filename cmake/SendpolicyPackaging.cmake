# Install-side extras a packaged tool needs, beside the CMake package:
#   - pkg-config files (sendpolicy_c.pc for C callers: cgo, Rust, Makefiles);
#   - the man page sendpolicy(1), generated from `sendpolicy --help` by
#     help2man when it is installed (Debian package help2man);
#   - CPack settings for `cpack -G DEB` (a Debian package; docs/install.md).
# Included from the top-level CMakeLists.txt when SENDPOLICY_INSTALL is on.

# pkg-config. The C API is the only library a non-CMake, non-C++ caller can
# link without knowing Abseil's and date's link lines: it hides them inside.
# The file sits in <libdir>/pkgconfig and finds its prefix from there, so the
# same file works in /usr, /usr/local or any --prefix.
if(TARGET sendpolicy_c)
  # From <prefix>/<libdir>/pkgconfig back up to <prefix> (libdir is lib, or
  # lib/x86_64-linux-gnu under /usr).
  file(RELATIVE_PATH SENDPOLICY_PC_TO_PREFIX "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
  configure_file(${CMAKE_CURRENT_LIST_DIR}/sendpolicy_c.pc.in
    ${CMAKE_CURRENT_BINARY_DIR}/sendpolicy_c.pc @ONLY)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/sendpolicy_c.pc
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endif()

# The man page: help2man runs the freshly built program, so the page always
# matches its --help and --version.
if(TARGET sendpolicy_cli)
  find_program(SENDPOLICY_HELP2MAN help2man)
  if(SENDPOLICY_HELP2MAN)
    set(_sendpolicy_man ${CMAKE_CURRENT_BINARY_DIR}/man/sendpolicy.1)
    add_custom_command(OUTPUT ${_sendpolicy_man}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
      COMMAND ${SENDPOLICY_HELP2MAN} --no-info --no-discard-stderr
        --name "may we send this message to this person now?"
        --section 1 --output ${_sendpolicy_man} $<TARGET_FILE:sendpolicy_cli>
      DEPENDS sendpolicy_cli
      COMMENT "Generating the sendpolicy(1) man page with help2man"
      VERBATIM)
    add_custom_target(sendpolicy_man ALL DEPENDS ${_sendpolicy_man})
    install(FILES ${_sendpolicy_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  else()
    message(STATUS "help2man not found: no man page (apt-get install help2man)")
  endif()
endif()

# cpack -G DEB: one package with the CLI, the libraries, headers, CMake and
# pkg-config files, the Python module and the man page. DESTDIR staging, so
# install-time decisions (the Python directory) see the real prefix /usr.
set(CPACK_PACKAGE_NAME sendpolicy)
set(CPACK_PACKAGE_VENDOR "sendpolicy developers")
set(CPACK_PACKAGE_CONTACT "sendpolicy developers <sendpolicy@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # sendpolicy_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# Shared libraries the binaries link (Abseil, simdjson, date-tz, libstdc++)
# come from dpkg-shlibdeps; what it cannot see is listed by hand: the tz
# database the CLI reads, python3 for the module, and the -dev packages the
# installed headers and CMake package need to build against.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata, python3")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libabsl-dev, libhowardhinnant-date-dev, libsimdjson-dev, libutf8proc-dev")
include(CPack)
