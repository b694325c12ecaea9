# The shipped fact base (facts/ of the source tree) passes `facts check`, and
# lists at least 55 facts, each with a non-empty claim_zh and source locator
# (issue 2, "Done when").

$ qexplain --data-dir $SRC facts check
^ \Afacts check: \d+ facts and \d+ glossary entries, no problems\n\Z

$ qexplain --data-dir $SRC facts list --format json | python3 -c 'import json,sys; a=json.load(sys.stdin); print(len(a) >= 55, all(f["claim_zh"].strip() and f["source"]["locator"].strip() for f in a), [f["id"] for f in a] == sorted(f["id"] for f in a))'
> True True True

# A shipped fact shows in full, with its locator.
$ qexplain --data-dir $SRC facts show qwen-inference-speed-memory
~ id:        qwen-inference-speed-memory
~ locator: README.md lines 529-616
