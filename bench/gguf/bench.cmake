# GGUF benchmarks (owner: gguf). Built with the tests, never registered as
# ctest tests. Run:  QEXPLAIN_GGML_LIB=<build>/npm/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libggml-base.so <build>/tests/gguf_bench
# or:              cmake --build <build> --target bench-gguf
add_executable(gguf_bench ${CMAKE_CURRENT_LIST_DIR}/bench_gguf.c)
target_include_directories(gguf_bench PRIVATE ${PROJECT_SOURCE_DIR}/tests/gguf)
target_compile_options(gguf_bench PRIVATE ${QX_WARNINGS})
target_compile_definitions(gguf_bench PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(gguf_bench PRIVATE qxggufixture)
add_custom_target(bench-gguf
  COMMAND ${CMAKE_COMMAND} -E env QEXPLAIN_GGML_LIB=${QX_GGML_LIB} $<TARGET_FILE:gguf_bench>
  DEPENDS gguf_bench USES_TERMINAL)
