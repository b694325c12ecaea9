# GGUF toolkit tests (owner: gguf). Included by tests/CMakeLists.txt.
# Unit tests: tests/gguf/test_*.c, each a cmocka executable linked with
# qxcore and the fixture writer. Oracle tests find the npm-installed ggml via
# QX_NPM_PREFIX (default <build>/npm, filled by tests/gguf/install-oracles.sh)
# and exit 77 (ctest: skipped) when it is absent.
set(QX_NPM_PREFIX "${PROJECT_BINARY_DIR}/npm" CACHE PATH
    "npm prefix holding node-llama-cpp and @node-llama-cpp/linux-x64 (tests/gguf/install-oracles.sh)")
set(QX_GGML_LIB "${QX_NPM_PREFIX}/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libggml-base.so")
set(QX_GGUF_ENV "${QX_TEST_ENV};QEXPLAIN_GGML_LIB=${QX_GGML_LIB};QEXPLAIN_NODE_MODULES=${QX_NPM_PREFIX}/node_modules")

file(GLOB QX_GGUF_FIXTURE_SRC CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/fixture*.c)
add_library(qxggufixture STATIC ${QX_GGUF_FIXTURE_SRC})
target_compile_options(qxggufixture PRIVATE ${QX_WARNINGS})
target_compile_definitions(qxggufixture PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(qxggufixture PUBLIC qxcore ${CMAKE_DL_LIBS})

add_executable(gguf_mkfixture ${CMAKE_CURRENT_LIST_DIR}/mkfixture.c)
target_compile_options(gguf_mkfixture PRIVATE ${QX_WARNINGS})
target_compile_definitions(gguf_mkfixture PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(gguf_mkfixture PRIVATE qxggufixture)

file(GLOB QX_GGUF_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.c)
foreach(src ${QX_GGUF_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(gguf_${name} ${src})
  target_include_directories(gguf_${name} PRIVATE ${CMOCKA_INCLUDE_DIR} ${CMAKE_CURRENT_LIST_DIR})
  target_compile_options(gguf_${name} PRIVATE ${QX_WARNINGS})
  target_compile_definitions(gguf_${name} PRIVATE _POSIX_C_SOURCE=200809L
      QX_TEST_SRC="${PROJECT_SOURCE_DIR}")
  target_link_libraries(gguf_${name} PRIVATE qxggufixture ${CMOCKA_LIBRARY} ${CMAKE_DL_LIBS})
  add_test(NAME gguf/${name} COMMAND gguf_${name})
  set_tests_properties(gguf/${name} PROPERTIES ENVIRONMENT "${QX_GGUF_ENV}" SKIP_RETURN_CODE 77)
endforeach()

# CLI transcripts (format: tests/tools/transcript.py).
file(GLOB QX_GGUF_TRANSCRIPTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.t)
foreach(t ${QX_GGUF_TRANSCRIPTS})
  get_filename_component(name ${t} NAME_WE)
  add_test(NAME gguf/cli_${name}
    COMMAND ${PYTHON3} ${PROJECT_SOURCE_DIR}/tests/tools/transcript.py
            --qexplain $<TARGET_FILE:qexplain> ${t})
  set_tests_properties(gguf/cli_${name} PROPERTIES ENVIRONMENT "${QX_GGUF_ENV}")
endforeach()

# Real perplexity on the tiny model; skipped (77) without an evaluator.
add_test(NAME gguf/perplexity
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/perplexity.sh $<TARGET_FILE:qexplain> $<TARGET_FILE:gguf_mkfixture>)
set_tests_properties(gguf/perplexity PROPERTIES ENVIRONMENT "${QX_GGUF_ENV}" SKIP_RETURN_CODE 77)

include(${PROJECT_SOURCE_DIR}/bench/gguf/bench.cmake)
