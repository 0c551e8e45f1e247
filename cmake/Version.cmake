# Stamps the version and the git revision into generated/version.cpp at every build, so
# `tcguard --version` names the revision it was built from (or "unknown" outside a checkout).
add_custom_target(tcguard_version_stamp
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${CMAKE_BINARY_DIR}/generated/version.cpp
          -DSOURCE=${CMAKE_SOURCE_DIR} -DVERSION=${PROJECT_VERSION}
          -P ${CMAKE_SOURCE_DIR}/cmake/VersionScript.cmake
  BYPRODUCTS ${CMAKE_BINARY_DIR}/generated/version.cpp
  VERBATIM)
