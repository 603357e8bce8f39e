# Header-only dependencies from Debian packages (nlohmann-json3-dev, catch2 v2).
# Only their header trees are copied into the build directory, so neither the native nor
# the Emscripten build ever puts /usr/include on the include path.
set(RECERT_HEADER_ROOT ${CMAKE_BINARY_DIR}/third_party/include)

function(recert_copy_header_tree src_dir dest_name)
    if(NOT EXISTS ${src_dir})
        message(FATAL_ERROR "Missing ${src_dir}: run scripts/setup (installs ${dest_name}).")
    endif()
    file(COPY ${src_dir}/ DESTINATION ${RECERT_HEADER_ROOT}/${dest_name})
endfunction()

recert_copy_header_tree(/usr/include/nlohmann nlohmann)
recert_copy_header_tree(/usr/include/catch2 catch2)

add_library(recert_json INTERFACE)
target_include_directories(recert_json SYSTEM INTERFACE ${RECERT_HEADER_ROOT})
target_compile_definitions(recert_json INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)

add_library(recert_catch2 INTERFACE)
target_include_directories(recert_catch2 SYSTEM INTERFACE ${RECERT_HEADER_ROOT})
