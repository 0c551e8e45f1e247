# The layers of src/ (docs/ARCHITECTURE.md "Layers"), checked on every build: a folder may include
# only the folders listed for it, so no two folders include each other, directly or around a
# circle, and the input side never reaches the output side. A back-include fails the build with
# file:line and what the folder may use.
#   cmake -DSOURCE=<repository root> -P cmake/CheckLayers.cmake
# One line per folder: the folders it may include (besides itself).
set(TCGUARD_LAYERS
  "util:"
  "duration:util"
  "yaml:util"
  "scopes:yaml util"
  "jsone:util"
  "model:util"
  "tccli:model duration util"
  "shell:tccli model util"
  "policy:yaml model scopes duration util"
  "report:model util"
  "api:yaml policy model scopes duration util"
  "actions:api jsone yaml policy model scopes duration util"
  "rules:shell policy model scopes duration tccli util"
  "judge:rules shell policy model scopes duration tccli util"
  "lint:judge rules shell policy report model tccli scopes duration util"
  "review:judge rules policy report model tccli scopes duration util"
  "guard:review judge actions api rules policy report model tccli scopes duration util"
  "launch:guard tccli util"
  "cli:launch guard review lint judge actions api rules policy report jsone model shell tccli scopes duration util")

cmake_minimum_required(VERSION 3.20)

if(NOT SOURCE)
  message(FATAL_ERROR "CheckLayers: pass -DSOURCE=<repository root>")
endif()

set(known)
foreach(entry IN LISTS TCGUARD_LAYERS)
  string(REPLACE ":" ";" parts "${entry}")
  list(GET parts 0 folder)
  list(APPEND known ${folder})
  list(LENGTH parts n)
  set(allowed_${folder})
  if(n GREATER 1)
    list(GET parts 1 uses)
    string(REPLACE " " ";" allowed_${folder} "${uses}")
  endif()
endforeach()

set(problems)
file(GLOB top_entries RELATIVE ${SOURCE}/src ${SOURCE}/src/*)
foreach(folder IN LISTS top_entries)
  if(NOT IS_DIRECTORY ${SOURCE}/src/${folder})
    continue()
  endif()
  if(NOT folder IN_LIST known)
    list(APPEND problems "src/${folder}/: a folder with no layer; add it to cmake/CheckLayers.cmake and docs/ARCHITECTURE.md")
    continue()
  endif()
  file(GLOB_RECURSE sources RELATIVE ${SOURCE} ${SOURCE}/src/${folder}/*.h ${SOURCE}/src/${folder}/*.cpp)
  foreach(source IN LISTS sources)
    file(STRINGS ${SOURCE}/${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[^\"/]+/")
    if(NOT includes)
      continue()
    endif()
    # Line numbers: read the file once more only when it has a forbidden include.
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"/]+)/.*$" "\\1" target "${line}")
      if(target STREQUAL folder OR NOT target IN_LIST known)
        continue()
      endif()
      if(NOT target IN_LIST allowed_${folder})
        file(STRINGS ${SOURCE}/${source} all_lines)
        set(number 0)
        foreach(text IN LISTS all_lines)
          math(EXPR number "${number} + 1")
          if(text STREQUAL line)
            break()
          endif()
        endforeach()
        string(REPLACE ";" " " uses "${allowed_${folder}}")
        string(STRIP "${line}" shown)
        list(APPEND problems "${source}:${number}: ${folder}/ may not include ${target}/ (${shown}); ${folder}/ may use: ${uses}")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  string(REPLACE ";" "\n" text "${problems}")
  message(FATAL_ERROR "layer check failed (cmake/CheckLayers.cmake):\n${text}")
endif()
