/* Unit tests for qx_facts_diff: a copy of the valid fixture base is edited
 * the way a maintainer would (a figure corrected, a display dropped, a
 * derived value added, a fact added and one removed, a glossary entry added
 * and one reworded) and the diff must list exactly those, in order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "qexplain/facts.h"
#include "qexplain/file.h"
#include "qexplain/json.h"

#define VALID QX_TEST_SRC "/tests/fixtures/facts/valid"

static char tmpdir[64];

static char *slurp(const char *path)
{
    struct qx_buf b;
    qx_buf_init(&b);
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_file_read(&b, path, 1 << 20, &d), 0);
    qx_diags_release(&d);
    return qx_buf_detach(&b, NULL);
}

static void put(const char *name, const char *text)
{
    char *path = qx_path_join(tmpdir, name);
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_file_write_atomic(path, text, strlen(text), &d), 0);
    qx_diags_release(&d);
    free(path);
}

/* Copies VALID/name to the temporary base, replacing each `from` (which
 * must occur) by `to`. */
static void copy_edit(const char *name, const char *const *edits)
{
    char *src = qx_path_join(VALID, name);
    char *text = slurp(src);
    for (; edits && edits[0]; edits += 2) {
        char *at = strstr(text, edits[0]);
        assert_non_null(at);
        struct qx_buf b;
        qx_buf_init(&b);
        qx_buf_add(&b, text, (size_t)(at - text));
        qx_buf_adds(&b, edits[1]);
        qx_buf_adds(&b, at + strlen(edits[0]));
        free(text);
        text = qx_buf_detach(&b, NULL);
    }
    put(name, text);
    free(text);
    free(src);
}

static struct qx_facts *load(const char *dir)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *f = NULL;
    assert_int_equal(qx_facts_load(&f, dir, &d), 0);
    qx_diags_release(&d);
    return f;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "%s/qxfactsdiffXXXXXX", qx_tmpdir());
    assert_non_null(mkdtemp(tmpdir));
    static const char *const memory[] = {
        /* a corrected figure: the Chinese README's INT8 value */
        "\"name\": \"INT8 inference (en README)\", \"value\": 10,",
        "\"name\": \"INT8 inference (zh README)\", \"value\": 8,",
        "据ChatGLM-6B的英文说明，推理时FP16版本至少需要13GB显存，INT8版本10GB，",
        "据ChatGLM-6B的中文说明，推理时FP16版本至少需要13GB显存，INT8版本8GB，",
        ", \"display\": \"8.21吉字节\"",
        "",
        "\"value\": 0.517, \"unit\": \"ratio\", \"display\": \"约52%\"}",
        "\"value\": 0.517, \"unit\": \"ratio\", \"display\": \"约52%\"},\n"
        "      {\"key\": \"int8_cut\", \"expr\": \"1 - int8_mem / bf16_mem\", \"value\": 0.341, "
        "\"unit\": \"ratio\"}",
        NULL};
    static const char *const glossary[] = {
        "存储容量单位，1吉字节约等于10亿个字节。", "存储容量单位，1吉字节等于10亿个字节。",
        "  {\"term\": \"AWQ\"",
        "  {\"term\": \"Accelerate\", \"full\": \"Hugging Face Accelerate\", \"label_zh\": "
        "\"Accelerate工具库\", \"explain_zh\": \"帮助在不同硬件上加载和运行模型的开源库。\", "
        "\"kind\": \"software\"},\n  {\"term\": \"AWQ\"",
        NULL};
    copy_edit("memory.json", memory);
    copy_edit("glossary.json", glossary);
    copy_edit("speed.json", NULL);
    copy_edit("accuracy.json", NULL);
    /* format.json is gone; bytes-per-param-accelerate is new. */
    put("storage.json",
        "[{\"id\": \"bytes-per-param-accelerate\", \"claim_zh\": "
        "\"只算权重时，每个参数在FP32下占4个字节。\",\n"
        "  \"topics\": [\"memory\", \"weight-storage\"],\n"
        "  \"values\": [{\"key\": \"fp32\", \"name\": \"FP32\", \"value\": 4, \"unit\": \"bytes/param\"}],\n"
        "  \"source\": {\"title\": \"accelerate estimate-memory command and 'Model memory estimator' "
        "guide\",\n"
        "    \"url\": "
        "\"https://github.com/huggingface/accelerate/blob/main/src/accelerate/commands/estimate.py\",\n"
        "    \"locator\": \"src/accelerate/commands/estimate.py lines 281-289 (dtype divisors)\"},\n"
        "  \"terms\": [\"FP32\"]}]\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    static const char *const names[] = {"memory.json", "glossary.json", "speed.json", "accuracy.json",
                                        "storage.json"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *p = qx_path_join(tmpdir, names[i]);
        unlink(p);
        free(p);
    }
    rmdir(tmpdir);
    return 0;
}

static void identical_bases_have_no_delta(void **state)
{
    (void)state;
    struct qx_facts *a = load(VALID), *b = load(VALID);
    struct qx_facts_diff df;
    qx_facts_diff_init(&df);
    qx_facts_diff(&df, a, b);
    assert_int_equal(df.n, 0);
    qx_facts_diff_release(&df);
    qx_facts_free(a);
    qx_facts_free(b);
}

static char *print(const cJSON *v)
{
    return v ? qx_json_print(v, 0) : qx_strdup("(absent)");
}

static void lists_every_change_in_order(void **state)
{
    (void)state;
    struct qx_facts *a = load(VALID), *b = load(tmpdir);
    struct qx_facts_diff df;
    qx_facts_diff_init(&df);
    qx_facts_diff(&df, a, b);
    static const struct {
        int glossary;
        enum qx_delta_kind kind;
        const char *id, *field, *old_v, *new_v;
    } want[] = {
        {0, QX_DELTA_ADDED, "bytes-per-param-accelerate", NULL, NULL, NULL},
        {0, QX_DELTA_REMOVED, "gguf-spec-magic-version", NULL, NULL, NULL},
        {0, QX_DELTA_CHANGED, "chatglm-6b-memory", "claim_zh",
         "\"据ChatGLM-6B的英文说明，推理时FP16版本至少需要13GB显存，INT8版本10GB，INT4版本只要6GB。\"",
         "\"据ChatGLM-6B的中文说明，推理时FP16版本至少需要13GB显存，INT8版本8GB，INT4版本只要6GB。\""},
        {0, QX_DELTA_CHANGED, "chatglm-6b-memory", "values[int8_infer].name",
         "\"INT8 inference (en README)\"", "\"INT8 inference (zh README)\""},
        {0, QX_DELTA_CHANGED, "chatglm-6b-memory", "values[int8_infer].value", "10", "8"},
        {0, QX_DELTA_CHANGED, "qwen-inference-speed-memory", "values[int4_mem].display", "\"8.21吉字节\"",
         "(absent)"},
        {0, QX_DELTA_CHANGED, "qwen-inference-speed-memory", "derived[int8_cut]", "(absent)",
         "{\"key\":\"int8_cut\",\"value\":0.341,\"unit\":\"ratio\",\"expr\":\"1 - int8_mem / bf16_mem\"}"},
        {1, QX_DELTA_ADDED, "Accelerate", NULL, NULL, NULL},
        {1, QX_DELTA_CHANGED, "GB", "explain_zh", "\"存储容量单位，1吉字节约等于10亿个字节。\"",
         "\"存储容量单位，1吉字节等于10亿个字节。\""},
    };
    size_t n = sizeof want / sizeof want[0];
    for (size_t i = 0; i < df.n; i++)
        print_message("%d %d %s %s\n", df.items[i].glossary, (int)df.items[i].kind, df.items[i].id,
                      df.items[i].field ? df.items[i].field : "-");
    assert_int_equal(df.n, n);
    for (size_t i = 0; i < n; i++) {
        const struct qx_delta *x = &df.items[i];
        assert_int_equal(x->glossary, want[i].glossary);
        assert_int_equal(x->kind, want[i].kind);
        assert_string_equal(x->id, want[i].id);
        if (!want[i].field) {
            assert_null(x->field);
            /* Added and removed entries carry the whole entry on their side. */
            assert_true(x->kind == QX_DELTA_ADDED ? x->new_v && !x->old_v : x->old_v && !x->new_v);
            continue;
        }
        assert_string_equal(x->field, want[i].field);
        char *o = print(x->old_v), *nw = print(x->new_v);
        assert_string_equal(o, want[i].old_v);
        assert_string_equal(nw, want[i].new_v);
        free(o);
        free(nw);
    }
    qx_facts_diff_release(&df);

    /* The other way round, added and removed swap. */
    qx_facts_diff_init(&df);
    qx_facts_diff(&df, b, a);
    assert_int_equal(df.n, n);
    assert_int_equal(df.items[0].kind, QX_DELTA_ADDED);
    assert_string_equal(df.items[0].id, "gguf-spec-magic-version");
    assert_int_equal(df.items[1].kind, QX_DELTA_REMOVED);
    assert_string_equal(df.items[1].id, "bytes-per-param-accelerate");
    qx_facts_diff_release(&df);
    qx_facts_free(a);
    qx_facts_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_bases_have_no_delta),
        cmocka_unit_test(lists_every_change_in_order),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
