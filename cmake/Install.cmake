# `cmake --install` and CPack (.deb). Included by the top CMakeLists when this file exists.
#   bin/tcguard                           the launcher (src/main.cpp)
#   lib/<multiarch>/tcguard/libtcguard-program.so   the program it loads (not a public library)
#   share/man/man1/tcguard.1.gz           generated at build time by `tcguard __man` (the --help
#                                         text of every command and the embedded rule pages)
#   share/bash-completion/completions/tcguard
#   share/zsh/vendor-completions/_tcguard
#   share/fish/vendor_completions.d/tcguard.fish
#   share/tcguard/default.yaml            for reference; the binary embeds it
#   share/doc/tcguard/                    README.md, guide.md, github-actions.md
include(GNUInstallDirs)

install(TARGETS tcguard RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# TCGUARD_PROGRAM_INSTALL_DIR is where the launcher looks (top CMakeLists.txt).
install(TARGETS tcguard_program LIBRARY DESTINATION ${TCGUARD_PROGRAM_INSTALL_DIR} NAMELINK_SKIP)

# The man page comes from the built binary, so it cannot drift from --help and docs/rules.
# Debian wants man pages compressed (gzip -n: no name or time stamp, reproducible).
set(TCGUARD_MAN_DIR ${CMAKE_BINARY_DIR}/man)
set(TCGUARD_MAN_PAGE ${TCGUARD_MAN_DIR}/tcguard.1)
find_program(TCGUARD_GZIP gzip)
if(TCGUARD_GZIP)
  set(TCGUARD_MAN_INSTALLED ${TCGUARD_MAN_PAGE}.gz)
  set(TCGUARD_MAN_COMPRESS COMMAND ${TCGUARD_GZIP} -9nkf ${TCGUARD_MAN_PAGE})
else()
  set(TCGUARD_MAN_INSTALLED ${TCGUARD_MAN_PAGE})
  set(TCGUARD_MAN_COMPRESS)
endif()
add_custom_command(
  OUTPUT ${TCGUARD_MAN_INSTALLED}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${TCGUARD_MAN_DIR}
  # Sanitizer builds (TCGUARD_SANITIZE, TCGUARD_FUZZ) must not fail the build on exit-time leak reports.
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
          $<TARGET_FILE:tcguard> --no-default-policy __man --output ${TCGUARD_MAN_PAGE}
  ${TCGUARD_MAN_COMPRESS}
  DEPENDS tcguard tcguard_program  # the subcommands and their help live in the program library
  COMMENT "Generating the man page tcguard.1"
  VERBATIM)
add_custom_target(tcguard_man ALL DEPENDS ${TCGUARD_MAN_INSTALLED})
install(FILES ${TCGUARD_MAN_INSTALLED} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

install(FILES ${CMAKE_SOURCE_DIR}/completions/tcguard.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME tcguard)
install(FILES ${CMAKE_SOURCE_DIR}/completions/_tcguard
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${CMAKE_SOURCE_DIR}/completions/tcguard.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${CMAKE_SOURCE_DIR}/policies/default.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/tcguard)
foreach(doc README.md docs/guide.md docs/github-actions.md)
  if(EXISTS ${CMAKE_SOURCE_DIR}/${doc})
    install(FILES ${CMAKE_SOURCE_DIR}/${doc} DESTINATION ${CMAKE_INSTALL_DOCDIR})
  endif()
endforeach()

# CPack: `cpack -G DEB` in the build folder writes tcguard_<version>_<arch>.deb.
set(TCGUARD_DEB_MAINTAINER "tcguard maintainers <tcguard@invalid>"
    CACHE STRING "Maintainer field of the .deb (name <email>)")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tcguard)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${TCGUARD_DEB_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "scope-policy linter and safety wrapper for the Taskcluster CLI")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${TCGUARD_DEB_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "scope-policy linter and safety wrapper for the Taskcluster CLI
 tcguard reviews the scopes and lifetime of a Taskcluster sign-in before
 `taskcluster signin` runs, lints shell files (aliases, functions, dotfile
 repositories) for risky credential handling with text, JSON, SARIF or
 GitHub annotation output, and guards state-changing commands such as
 `task rerun`, `task retrigger` and `group cancel` on production clusters.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# dpkg-shlibdeps (package dpkg-dev) computes Depends from the libraries the binary links; libcurl
# and libcrypto are loaded at run time (src/api/libcurl.h), so it cannot see them: named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4 (>= 7.74), libssl3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_STRIP_FILES ON)
include(CPack)
