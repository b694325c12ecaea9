/* Unit tests for the facts module: loading the fixture base, look-ups,
 * JSON output, and every rule of `facts check` against the broken fixtures
 * of tests/fixtures/facts/ (one file per error kind; asserted by rule,
 * file, line and column). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qexplain/facts.h"
#include "qexplain/json.h"

#define FIX QX_TEST_SRC "/tests/fixtures/facts/"

static struct qx_facts *load_ok(const char *dir)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *f = NULL;
    int rc = qx_facts_load(&f, dir, &d);
    for (size_t i = 0; i < d.n; i++)
        print_message("%s:%u:%u: %s [%s]\n", d.items[i].file, d.items[i].line, d.items[i].col,
                      d.items[i].message, d.items[i].rule);
    assert_int_equal(rc, 0);
    assert_int_equal(d.n, 0);
    assert_non_null(f);
    qx_diags_release(&d);
    return f;
}

static void loads_valid_base(void **state)
{
    (void)state;
    struct qx_facts *f = load_ok(FIX "valid");
    assert_int_equal(f->n, 5);
    assert_int_equal(f->ngloss, 23);
    for (size_t i = 1; i < f->n; i++)
        assert_true(strcmp(f->facts[i - 1].id, f->facts[i].id) < 0);

    const struct qx_fact *q = qx_facts_find(f, "qwen-inference-speed-memory");
    assert_non_null(q);
    assert_null(qx_facts_find(f, "qwen-inference"));
    assert_true(qx_str_ends_with(q->file, "valid/memory.json"));
    assert_int_equal(q->line, 2);
    assert_int_equal(q->col, 3);
    assert_int_equal(q->nvalues, 8);
    assert_true(qx_fact_has_topic(q, "gptq"));
    assert_false(qx_fact_has_topic(q, "awq"));
    assert_string_equal(q->source.locator, "README.md lines 529-616 (Inference Performance table and notes)");
    assert_int_equal(q->source.year, 2023);
    assert_null(q->source.arxiv);
    assert_int_equal(q->terms.n, 8);

    const struct qx_fact_value *v = qx_fact_value_find(q, "int8_mem");
    assert_non_null(v);
    assert_true(v->is_number);
    assert_true(v->value == 11.2);
    assert_int_equal(v->decimals, 2); /* written "11.20" */
    assert_string_equal(v->unit, "GB");
    assert_int_equal(v->line, 16);
    assert_int_equal(v->col, 7);
    v = qx_fact_value_find(q, "load_slowdown");
    assert_int_equal(v->qual, QX_QUAL_APPROX);
    assert_int_equal(v->decimals, 0);
    v = qx_fact_value_find(q, "int4_cut");
    assert_true(v->derived);
    assert_string_equal(v->expr, "1 - int4_mem / bf16_mem");
    assert_string_equal(v->display, "约52%");
    assert_int_equal(v->decimals, 3);
    assert_ptr_equal(v, &q->values[7]); /* derived entries come after values */

    const struct qx_fact *g = qx_facts_find(f, "gguf-spec-magic-version");
    v = qx_fact_value_find(g, "magic");
    assert_false(v->is_number);
    assert_string_equal(v->text, "0x47 0x47 0x55 0x46");
    assert_null(qx_fact_value_find(g, "nope"));
    v = qx_fact_value_find(qx_facts_find(f, "qwen14b-72b-chat-int4"), "q14_int4_ceval");
    assert_int_equal(v->decimals, 1); /* "69.0": cJSON's double forgot the zero */
    qx_facts_free(f);
}

static void glossary_lookups(void **state)
{
    (void)state;
    struct qx_facts *f = load_ok(FIX "valid");
    for (size_t i = 1; i < f->ngloss; i++)
        assert_true(strcmp(f->gloss[i - 1].term, f->gloss[i].term) < 0);
    assert_string_equal(qx_facts_gloss_find(f, "AWQ")->full, "Activation-aware Weight Quantization");
    assert_string_equal(qx_facts_gloss_find(f, "AutoAWQ")->term, "AWQ"); /* alias */
    assert_string_equal(qx_facts_gloss_find(f, "int4")->term, "INT4");   /* case */
    assert_string_equal(qx_facts_gloss_find(f, "Int4")->term, "INT4");
    assert_null(qx_facts_gloss_find(f, "INT3"));

    size_t m = 0;
    const char *kv = "KV cache的大小";
    assert_string_equal(qx_facts_gloss_match(f, kv, strlen(kv), &m)->term, "KV cache");
    assert_int_equal(m, 8);
    assert_null(qx_facts_gloss_match(f, "INT48", 5, &m)); /* not at a word boundary */
    assert_int_equal(m, 0);
    const char *i4 = "Int4版本";
    assert_string_equal(qx_facts_gloss_match(f, i4, strlen(i4), &m)->term, "INT4");
    assert_int_equal(m, 4);
    const char *lc = "llama.cpp的";
    assert_string_equal(qx_facts_gloss_match(f, lc, strlen(lc), &m)->term, "llama.cpp");
    assert_int_equal(m, 9);
    /* The longest name wins: "LLaMA" must not shadow "llama.cpp". */
    assert_string_equal(qx_facts_gloss_match(f, "LLaMA-3", 7, &m)->term, "LLaMA");

    assert_true(qx_facts_unit_known("GB"));
    assert_true(qx_facts_unit_known("tokens/s"));
    assert_false(qx_facts_unit_known("accuracy %"));
    assert_false(qx_facts_unit_known(NULL));
    assert_true(qx_facts_topic_known("sub-4-bit"));
    assert_false(qx_facts_topic_known("memroy"));
    qx_facts_free(f);
}

static void valid_base_checks_clean(void **state)
{
    (void)state;
    struct qx_facts *f = load_ok(FIX "valid");
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_facts_check(f, &d), 0);
    assert_int_equal(d.n, 0);
    qx_diags_release(&d);
    qx_facts_free(f);
}

static void fact_to_json_in_documented_order(void **state)
{
    (void)state;
    struct qx_facts *f = load_ok(FIX "valid");
    cJSON *o = qx_fact_to_json(qx_facts_find(f, "qwen-inference-speed-memory"));
    static const char *const order[] = {"id",      "claim_zh", "claim_en", "topics",    "method",
                                        "model",   "hardware", "metric",   "baseline",  "values",
                                        "derived", "source",   "caveat",   "caveat_zh", "terms"};
    size_t k = 0;
    for (const cJSON *m = o->child; m; m = m->next, k++) {
        assert_true(k < sizeof order / sizeof order[0]);
        assert_string_equal(m->string, order[k]);
    }
    assert_int_equal(k, sizeof order / sizeof order[0]);
    const cJSON *der = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "derived"), 0);
    assert_string_equal(qx_json_str(der, "expr"), "1 - int4_mem / bf16_mem");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "source"), "arxiv")));
    const cJSON *v6 = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "values"), 6);
    assert_string_equal(qx_json_str(v6, "qual"), "approx");
    cJSON_Delete(o);

    o = qx_gloss_to_json(qx_facts_gloss_find(f, "INT4"));
    assert_string_equal(qx_json_str(o, "label_zh"), "4位整数");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(o, "aliases"), 0)->valuestring, "Int4");
    cJSON_Delete(o);
    qx_facts_free(f);
}

/* ---- the rules, against the broken fixtures ---- */

struct expect {
    const char *file; /* relative to tests/fixtures/facts/ */
    const char *rule;
    unsigned line, col;
    const char *text; /* part of the message */
};

static const struct expect broken[] = {
    {"broken/claim.json", "facts.claim", 2, 3, "'claim-missing' has no claim_zh"},
    {"broken/derived.json", "facts.derived", 32, 9,
     "is 0.75 but '1 - int4_infer / fp16_infer' gives 0.538462"},
    {"broken/duplicate-id.json", "facts.duplicate-id", 54, 5, "duplicate id 'chatglm-6b-memory'"},
    {"broken/duplicate-key.json", "facts.duplicate-key", 19, 9, "duplicate key 'unit'"},
    {"broken/duplicate-value-key.json", "facts.duplicate-value-key", 21, 9, "'fp16_infer'"},
    {"broken/english.json", "facts.english", 4, 5, "'SXM4' (in 'A100-SXM4')"},
    {"broken/expr.json", "facts.expr", 31, 9, "unknown key 'fp32_infer' (at character 18)"},
    {"broken/glossary-ref.json", "facts.glossary-ref", 51, 7, "unknown glossary term 'GPTQ'"},
    {"broken/id.json", "facts.id", 3, 5, "invalid id 'ChatGLM 6B memory'"},
    {"broken/json.json", "facts.json", 12, 5, "expected ',' or '}'"},
    {"broken/key.json", "facts.key", 14, 7, "has no key"},
    {"broken/key.json", "facts.key", 20, 9, "invalid key 'Int4-Infer'"},
    {"broken/locator.json", "facts.locator", 37, 5, "has no locator"},
    {"broken/nfc.json", "facts.nfc", 4, 5, "not in Unicode NFC"},
    {"broken/schema.json", "facts.schema", 5, 5, "'topics' must be an array, not a string"},
    {"broken/schema.json", "facts.schema", 36, 7, "'year' must be an integer, not a string"},
    {"broken/schema.json", "facts.schema", 48, 5, "unknown field 'claim' in fact"},
    {"broken/source.json", "facts.source", 37, 5, "neither url nor arxiv"},
    {"broken/source.json", "facts.source", 38, 7, "has no title"},
    {"broken/terms.json", "facts.terms", 46, 5, "uses glossary term 'FP16'"},
    {"broken/topic.json", "facts.topic", 6, 7, "unknown topic 'memroy'"},
    {"broken/unit.json", "facts.unit", 18, 9, "unknown unit 'GB (approx.)'"},
    {"broken/unit.json", "facts.unit", 20, 7, "value 'int4_infer' has no unit"},
    {"broken/unsupported.json", "facts.unsupported", 4, 5, "'信通院'"},
    {"broken/utf8.json", "facts.utf8", 4, 56, "invalid UTF-8 byte 0xFF"},
    {NULL, NULL, 0, 0, NULL}};

static const struct expect glossary_dirs[] = {
    {"glossary-field/glossary.json", "facts.glossary", 9, 3, "'FP16' has no 'label_zh'"},
    {"glossary-field/glossary.json", "facts.glossary", 20, 5, "unknown kind 'measure'"},
    {"glossary-duplicate/glossary.json", "facts.duplicate-term", 34, 5, "'Int4' is already used by 'INT4'"},
    {"glossary-english/glossary.json", "facts.english", 20, 5, "'MB' (in '1000MB') in explain_zh"},
    {"no-glossary/glossary.json", "facts.glossary", 0, 0, "missing glossary file"},
    {NULL, NULL, 0, 0, NULL}};

/* Loads (partially) and checks dir; returns every diagnostic. */
static void load_and_check(const char *dir, struct qx_diags *d)
{
    struct qx_facts *f = NULL;
    qx_diags_init(d);
    int rc = qx_facts_load_partial(&f, dir, d);
    assert_non_null(f);
    int rc2 = qx_facts_check(f, d);
    assert_true(rc == QX_EINPUT || rc2 == QX_EINPUT);
    qx_facts_free(f);
}

static const struct qx_diag *find(const struct qx_diags *d, const struct expect *e)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct qx_diag *g = &d->items[i];
        if (g->file && qx_str_ends_with(g->file, e->file) && strcmp(g->rule, e->rule) == 0 &&
            g->line == e->line && g->col == e->col && strstr(g->message, e->text) && g->sev == QX_SEV_ERROR)
            return g;
    }
    return NULL;
}

/* Every expected diagnostic is there, and every diagnostic is expected:
 * each broken file shows exactly its own error kind. */
static void assert_exactly(const struct qx_diags *d, const struct expect *list)
{
    size_t n = 0;
    for (const struct expect *e = list; e->file; e++, n++) {
        if (!find(d, e))
            fail_msg("missing %s:%u:%u [%s] %s", e->file, e->line, e->col, e->rule, e->text);
    }
    for (size_t i = 0; i < d->n; i++)
        print_message("%s:%u:%u: %s [%s]\n", d->items[i].file, d->items[i].line, d->items[i].col,
                      d->items[i].message, d->items[i].rule);
    assert_int_equal(d->n, n);
}

static void broken_files_each_show_their_rule(void **state)
{
    (void)state;
    struct qx_diags d;
    load_and_check(FIX "broken", &d);
    assert_exactly(&d, broken);
    qx_diags_release(&d);
}

static void glossary_rules(void **state)
{
    (void)state;
    static const char *const dirs[] = {"glossary-field", "glossary-duplicate", "glossary-english",
                                       "no-glossary"};
    struct qx_diags all;
    qx_diags_init(&all);
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char *dir = qx_asprintf("%s%s", FIX, dirs[i]);
        struct qx_diags d;
        load_and_check(dir, &d);
        qx_diags_move(&all, &d);
        qx_diags_release(&d);
        free(dir);
    }
    assert_exactly(&all, glossary_dirs);
    qx_diags_release(&all);
}

static void strict_load_refuses_broken_base(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *f = (struct qx_facts *)&d; /* must be reset to NULL */
    assert_int_equal(qx_facts_load(&f, FIX "broken", &d), QX_EINPUT);
    assert_null(f);
    /* Load-time problems only: syntax, UTF-8, duplicate keys, schema. */
    for (size_t i = 0; i < d.n; i++)
        assert_true(strcmp(d.items[i].rule, "facts.json") == 0 ||
                    strcmp(d.items[i].rule, "facts.utf8") == 0 ||
                    strcmp(d.items[i].rule, "facts.duplicate-key") == 0 ||
                    strcmp(d.items[i].rule, "facts.schema") == 0);
    assert_int_equal(d.n, 6);
    qx_diags_release(&d);

    /* The partial load keeps what loaded, without the invalid entries. */
    qx_diags_init(&d);
    assert_int_equal(qx_facts_load_partial(&f, FIX "broken", &d), QX_EINPUT);
    assert_non_null(f);
    assert_null(qx_facts_find(f, "schema-bad"));
    assert_null(qx_facts_find(f, "json-syntax"));
    assert_non_null(qx_facts_find(f, "derived-wrong"));
    assert_int_equal(f->n, 17);
    qx_facts_free(f);
    qx_diags_release(&d);
}

static void missing_directory_is_io_error(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *f = NULL;
    assert_int_equal(qx_facts_load_partial(&f, FIX "no-such-dir", &d), QX_EIO);
    assert_null(f);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 0);
    qx_diags_release(&d);
}

/* A fact built in memory: no file positions, no printed decimals, so the
 * derived tolerance comes from the shortest form of the stated value. */
static void in_memory_fact_uses_shortest_decimals(void **state)
{
    (void)state;
    struct qx_fact_value vals[3] = {
        {.key = "bf16_mem", .is_number = 1, .value = 16.99, .decimals = -1, .unit = "GB"},
        {.key = "int4_mem", .is_number = 1, .value = 8.21, .decimals = -1, .unit = "GB"},
        {.key = "cut",
         .is_number = 1,
         .value = 0.517,
         .decimals = -1,
         .unit = "ratio",
         .derived = 1,
         .expr = "1 - int4_mem / bf16_mem"}};
    char id[] = "mem", claim[] = "显存约少一半。", loc[] = "README.md", title[] = "t", url[] = "u";
    char topic[] = "memory";
    char *topics[] = {topic};
    struct qx_fact x = {.id = id,
                        .claim_zh = claim,
                        .values = vals,
                        .nvalues = 3,
                        .has_source = 1,
                        .file = id,
                        .line = 1,
                        .col = 1};
    x.topics.items = topics;
    x.topics.n = 1;
    x.source.locator = loc;
    x.source.title = title;
    x.source.url = url;
    struct qx_facts f = {.facts = &x, .n = 1};
    struct qx_diags d;
    qx_diags_init(&d);
    qx_facts_check(&f, &d);
    for (size_t i = 0; i < d.n; i++)
        print_message("%s [%s]\n", d.items[i].message, d.items[i].rule);
    assert_int_equal(d.n, 0);
    vals[2].value = 0.52; /* 0.52 +- 0.005 still holds 0.5168 */
    assert_int_equal(qx_facts_check(&f, &d), 0);
    vals[2].value = 0.5; /* 0.5 +- 0.05 too */
    assert_int_equal(qx_facts_check(&f, &d), 0);
    vals[2].value = 0.515;
    assert_int_equal(qx_facts_check(&f, &d), QX_EINPUT);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].rule, "facts.derived");
    assert_int_equal(d.items[0].line, 1);
    qx_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_valid_base),
        cmocka_unit_test(glossary_lookups),
        cmocka_unit_test(valid_base_checks_clean),
        cmocka_unit_test(fact_to_json_in_documented_order),
        cmocka_unit_test(broken_files_each_show_their_rule),
        cmocka_unit_test(glossary_rules),
        cmocka_unit_test(strict_load_refuses_broken_base),
        cmocka_unit_test(missing_directory_is_io_error),
        cmocka_unit_test(in_memory_fact_uses_shortest_decimals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
