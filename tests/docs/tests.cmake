# Documentation and ecosystem tests: the man page against --help, the
# examples of docs/*.md, the shell completions, the CI recipes, the WeChat preview in headless
# Chromium and the .deb. A test that cannot run here (no Chromium, not root)
# exits 77, which ctest reports as skipped.
set(QX_DOCS_TESTS ${CMAKE_CURRENT_LIST_DIR})

add_test(NAME docs/help_vs_man
  COMMAND ${PYTHON3} ${QX_DOCS_TESTS}/help_vs_man.py --qexplain $<TARGET_FILE:qexplain>
          --man ${PROJECT_SOURCE_DIR}/docs/qexplain.1)

add_test(NAME docs/examples
  COMMAND ${PYTHON3} ${QX_DOCS_TESTS}/doc_examples.py --qexplain $<TARGET_FILE:qexplain>
          --src ${PROJECT_SOURCE_DIR})

add_test(NAME docs/completion
  COMMAND ${PYTHON3} ${QX_DOCS_TESTS}/completion.py --qexplain $<TARGET_FILE:qexplain>
          --src ${PROJECT_SOURCE_DIR})

# docs/ci.md's workflow step and hooks, run here; pre-commit try-repo when
# pre-commit is installed.
add_test(NAME docs/ci_recipes
  COMMAND ${PYTHON3} ${QX_DOCS_TESTS}/ci_recipes.py --qexplain $<TARGET_FILE:qexplain>
          --src ${PROJECT_SOURCE_DIR})

# Screenshots land in the build tree for a human to look at.
add_test(NAME docs/preview_chromium
  COMMAND ${PYTHON3} ${QX_DOCS_TESTS}/preview_chromium.py --qexplain $<TARGET_FILE:qexplain>
          --out ${CMAKE_CURRENT_BINARY_DIR}/docs/screens)

# cpack in the build tree, then (root and QX_TEST_DEB=1 only) dpkg -i / -r.
# Not under the sanitizers: that binary needs libasan, which the package
# does not depend on.
add_test(NAME docs/deb
  COMMAND ${PYTHON3} ${QX_DOCS_TESTS}/deb.py --build ${PROJECT_BINARY_DIR}
          --sanitize $<BOOL:${QX_SANITIZE}>)

set_tests_properties(docs/help_vs_man docs/examples docs/completion docs/ci_recipes
  docs/preview_chromium docs/deb
  PROPERTIES ENVIRONMENT "${QX_TEST_ENV}" SKIP_RETURN_CODE 77)
set_tests_properties(docs/ci_recipes docs/preview_chromium docs/deb PROPERTIES TIMEOUT 600)
# dpkg holds a system-wide lock; the package test runs alone.
set_tests_properties(docs/deb PROPERTIES RUN_SERIAL TRUE)
