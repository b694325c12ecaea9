# The official Mustache spec suite (tests/mustache/specs, copied from
# github.com/mustache/spec): one ctest test per module file, each printing
# "<module>: N passed, M failed" and failing on any failure.
add_executable(mustache_spec ${CMAKE_CURRENT_LIST_DIR}/spec_runner.c)
target_compile_options(mustache_spec PRIVATE ${QX_WARNINGS})
target_compile_definitions(mustache_spec PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(mustache_spec PRIVATE qxcore)
foreach(module comments delimiters interpolation inverted partials sections ~inheritance)
  string(REPLACE "~" "" tname ${module})
  add_test(NAME mustache/${tname}
    COMMAND mustache_spec ${CMAKE_CURRENT_LIST_DIR}/specs/${module}.json)
  set_tests_properties(mustache/${tname} PROPERTIES ENVIRONMENT "${QX_TEST_ENV}")
endforeach()
