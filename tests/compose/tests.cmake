# Composer tests: every skill x method combination x variant generated,
# self-linted, checked for determinism and traced figure by figure; and the
# golden articles (tests/compose/golden/), read by eye when updated.
add_test(NAME compose/articles
  COMMAND ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_articles.py
          --qexplain $<TARGET_FILE:qexplain> --src ${PROJECT_SOURCE_DIR})
add_test(NAME compose/golden
  COMMAND ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/golden.py
          --qexplain $<TARGET_FILE:qexplain> --src ${PROJECT_SOURCE_DIR})
set_tests_properties(compose/articles compose/golden PROPERTIES ENVIRONMENT "${QX_TEST_ENV}")
