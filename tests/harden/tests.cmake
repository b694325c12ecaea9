# Hardening: failure injection (LD_PRELOAD shim; not under ASan, which owns
# malloc) and hostile-input transcripts (tests/harden/*.t).
if(NOT QX_SANITIZE)
  add_library(qxfailinject SHARED ${CMAKE_CURRENT_LIST_DIR}/../tools/failinject.c)
  target_link_libraries(qxfailinject PRIVATE ${CMAKE_DL_LIBS})
  # One test per command that writes or reads files: see failinject_cases below.
  include(${CMAKE_CURRENT_LIST_DIR}/failinject_cases.cmake OPTIONAL)
endif()
