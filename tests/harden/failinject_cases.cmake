# Failure injection per command (issue 7): the Nth open/read/write/fsync/
# rename/malloc fails; every run must exit 0-4 with a message and leave its
# output either old or complete. Inputs are copied into the build tree.
set(QX_FI_DIR ${CMAKE_CURRENT_BINARY_DIR}/failinject)
file(MAKE_DIRECTORY ${QX_FI_DIR})
configure_file(${PROJECT_SOURCE_DIR}/tests/lint/messy.md ${QX_FI_DIR}/draft.md COPYONLY)
set(QX_FI_RUN ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/../tools/failinject.py --shim $<TARGET_FILE:qxfailinject>)
set(QX_FI_QX $<TARGET_FILE:qexplain> --data-dir ${PROJECT_SOURCE_DIR})

add_test(NAME harden/failinject-generate
  COMMAND ${QX_FI_RUN} --out ${QX_FI_DIR}/article.txt -- ${QX_FI_QX} generate --skill wechat
          -o ${QX_FI_DIR}/article.txt)
add_test(NAME harden/failinject-lint-fix
  COMMAND ${QX_FI_RUN} --out ${QX_FI_DIR}/draft.md -- ${QX_FI_QX} lint --fix ${QX_FI_DIR}/draft.md)
add_test(NAME harden/failinject-facts-check
  COMMAND ${QX_FI_RUN} -- ${QX_FI_QX} facts check)
add_test(NAME harden/failinject-skills-show
  COMMAND ${QX_FI_RUN} -- ${QX_FI_QX} skills show wechat)
file(WRITE ${QX_FI_DIR}/t.mustache "{{#.}}{{term}}：{{label_zh}}\n{{/.}}")
add_test(NAME harden/failinject-template
  COMMAND ${QX_FI_RUN} --out ${QX_FI_DIR}/rendered.txt -- ${QX_FI_QX} template render ${QX_FI_DIR}/t.mustache
          --context ${PROJECT_SOURCE_DIR}/facts/glossary.json -o ${QX_FI_DIR}/rendered.txt)
file(WRITE ${QX_FI_DIR}/m.yaml "articles:\n  - out: out/a.txt\n    skill: public-sector\n  - out: out/b.txt\n    skill: non-experts\n")
add_test(NAME harden/failinject-batch
  COMMAND ${QX_FI_RUN} --out ${QX_FI_DIR}/out/a.txt -- ${QX_FI_QX} batch --force --jobs 1 ${QX_FI_DIR}/m.yaml)
add_test(NAME harden/failinject-gguf-fakequant
  COMMAND ${CMAKE_COMMAND} -E env sh -c "mkdir -p ${QX_FI_DIR}/fx && $<TARGET_FILE:gguf_mkfixture> ${QX_FI_DIR}/fx >/dev/null && exec \"$@\"" fi
          ${QX_FI_RUN} --out ${QX_FI_DIR}/fq.gguf -- $<TARGET_FILE:qexplain> gguf fakequant
          ${QX_FI_DIR}/fx/tiny-llama.gguf ${QX_FI_DIR}/fq.gguf --target ffn --to q8_0)
