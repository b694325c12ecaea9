# docs/examples/ holds the articles of docs/examples/manifest.yaml (every skill
# x method combination x variant). When facts, templates or skills change,
# run `qexplain batch docs/examples/manifest.yaml` and commit the result.
$ qexplain --data-dir "$SRC" batch --check "$SRC/docs/examples/manifest.yaml"
> batch: 0 stale, 54 up to date
