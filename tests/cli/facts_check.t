# facts check: every rule, from the broken fixtures (one file per error kind).
# The whole report is compared, so a rule that stops firing, fires twice or
# moves its position fails this test.

$ cd $SRC/tests/fixtures/facts && qexplain facts check --dir broken
? 3
! broken/claim.json:2:3: error: fact 'claim-missing' has no claim_zh [facts.claim]
! broken/derived.json:32:9: error: derived value 'int4_cut' is 0.75 but '1 - int4_infer / fp16_infer' gives 0.538462 (tolerance 0.005) [facts.derived]
! broken/duplicate-id.json:54:5: error: duplicate id 'chatglm-6b-memory' (first defined at broken/duplicate-id.json:2:3) [facts.duplicate-id]
! broken/duplicate-key.json:19:9: error: duplicate key 'unit' [facts.duplicate-key]
! broken/duplicate-value-key.json:21:9: error: duplicate value key 'fp16_infer' in 'value-key-twice' (first at line 14) [facts.duplicate-value-key]
! broken/english.json:4:5: error: English word 'SXM4' (in 'A100-SXM4') in claim_zh is not in the glossary [facts.english]
! broken/expr.json:31:9: error: cannot evaluate '1 - int4_infer / fp32_infer' of 'int4_cut': unknown key 'fp32_infer' (at character 18) [facts.expr]
! broken/glossary-ref.json:51:7: error: unknown glossary term 'GPTQ' in terms of 'glossary-ref-unknown' [facts.glossary-ref]
! broken/id.json:3:5: error: invalid id 'ChatGLM 6B memory' (use lower-case letters, digits, '.', '_', '-') [facts.id]
! broken/json.json:12:5: error: expected ',' or '}' [facts.json]
! broken/key.json:14:7: error: value entry of 'value-key-bad' has no key [facts.key]
! broken/key.json:20:9: error: invalid key 'Int4-Infer' (use [a-z][a-z0-9_]*, at most 64) [facts.key]
! broken/locator.json:37:5: error: source of 'locator-missing' has no locator (table, section or file and lines) [facts.locator]
! broken/nfc.json:4:5: error: text is not in Unicode NFC (normalise it: decomposed or compatibility characters) [facts.nfc]
! broken/schema.json:5:5: error: 'topics' must be an array, not a string [facts.schema]
! broken/schema.json:36:7: error: 'year' must be an integer, not a string [facts.schema]
! broken/schema.json:48:5: error: unknown field 'claim' in fact [facts.schema]
! broken/source.json:37:5: error: source of 'source-incomplete' has neither url nor arxiv [facts.source]
! broken/source.json:38:7: error: source of 'source-incomplete' has no title [facts.source]
! broken/terms.json:46:5: error: 'terms-incomplete' uses glossary term 'FP16' but its terms do not list it [facts.terms]
! broken/topic.json:6:7: error: unknown topic 'memroy' (topics: docs/fact-base.md) [facts.topic]
! broken/unit.json:18:9: error: unknown unit 'GB (approx.)' (canonical units: docs/fact-base.md) [facts.unit]
! broken/unit.json:20:7: error: value 'int4_infer' has no unit [facts.unit]
! broken/unsupported.json:4:5: error: claim_zh names '信通院', a seed claim no checked source supports [facts.unsupported]
! broken/utf8.json:4:56: error: invalid UTF-8 byte 0xFF [facts.utf8]
! facts check: 25 errors

$ cd $SRC/tests/fixtures/facts && qexplain facts check --dir glossary-field
? 3
! glossary-field/glossary.json:9:3: error: glossary entry 'FP16' has no 'label_zh' [facts.glossary]
! glossary-field/glossary.json:20:5: error: unknown kind 'measure' (method, format, unit, hardware, benchmark, metric, software or concept) [facts.glossary]
! facts check: 2 errors

$ cd $SRC/tests/fixtures/facts && qexplain facts check --dir glossary-duplicate
? 3
! glossary-duplicate/glossary.json:34:5: error: glossary name 'Int4' is already used by 'INT4' (glossary-duplicate/glossary.json:23:3) [facts.duplicate-term]
! facts check: 1 error

$ cd $SRC/tests/fixtures/facts && qexplain facts check --dir glossary-english
? 3
! glossary-english/glossary.json:20:5: error: English word 'MB' (in '1000MB') in explain_zh is not in the glossary [facts.english]
! facts check: 1 error

# Without a glossary, only that is reported (not every English word).
$ cd $SRC/tests/fixtures/facts && qexplain facts check --dir no-glossary
? 3
! no-glossary/glossary.json: error: missing glossary file 'no-glossary/glossary.json' [facts.glossary]
! facts check: 1 error

# Nothing reaches stdout when the check fails.
$ cd $SRC/tests/fixtures/facts && qexplain facts check --dir broken 2>/dev/null
? 3
^ \A\Z

# A file that is not an array, and an entry that is not an object.
$ mkdir -p $TMP/shape && cp $SRC/tests/fixtures/facts/valid/glossary.json $TMP/shape/ && echo '{"id": "x"}' > $TMP/shape/obj.json && echo '[1]' > $TMP/shape/arr.json && cd $TMP/shape && qexplain facts check --dir .
? 3
! ./arr.json:1:2: error: a fact must be an object, not a number [facts.schema]
! ./obj.json:1:1: error: a fact file must hold an array of facts, not an object [facts.schema]
! facts check: 2 errors

# A value entry without "value", a fact without "id", a bad qualifier.
$ mkdir -p $TMP/req && cp $SRC/tests/fixtures/facts/valid/glossary.json $TMP/req/ && printf '[{"claim_zh": "x"},\n {"id": "a", "values": [{"key": "k", "unit": "GB", "qual": "about"}]}]\n' > $TMP/req/f.json && cd $TMP/req && qexplain facts check --dir .
? 3
! ./f.json:1:2: error: fact has no 'id' [facts.schema]
! ./f.json:2:25: error: value entry has no 'value' [facts.schema]
! ./f.json:2:52: error: unknown qualifier 'about' (use approx, more-than, at-most or up-to) [facts.schema]
! facts check: 3 errors
