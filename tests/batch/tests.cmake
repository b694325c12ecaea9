# SIGKILL during a real batch of the 54 example articles (issue 5).
add_test(NAME batch/sigkill
  COMMAND ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/kill_test.py $<TARGET_FILE:qexplain> ${PROJECT_SOURCE_DIR} 12)
