# tcguard_embed(OUTPUT file.cpp FILES f1 f2 ... BASE dir)
# Writes a C++ file that holds each input file as a byte array, keyed by its path relative to BASE,
# and regenerates it whenever an input changes.
function(tcguard_embed)
  cmake_parse_arguments(E "" "OUTPUT;BASE" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DBASE=${E_BASE} "-DFILES=${E_FILES}"
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${E_FILES} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding the default policy and rule docs"
    VERBATIM)
endfunction()
