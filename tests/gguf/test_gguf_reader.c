/* Unit tests for the gguf reader, writer and selectors on the fixtures of
 * fixture.h: every valid type is accepted with the expected layout and
 * values; every hostile file is rejected with its precise message (or,
 * for the few documented leniencies, accepted with a warning). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "qexplain/gguf.h"
#include "qexplain/quant.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/qxgguftestXXXXXX", qx_tmpdir());
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char *cmd = qx_asprintf("rm -rf '%s'", dir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static char *path_of(const char *name)
{
    return qx_asprintf("%s/%s", dir, name);
}

static void diags_contain(const struct qx_diags *d, enum qx_severity sev, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].sev == sev && strstr(d->items[i].message, needle))
            return;
    for (size_t i = 0; i < d->n; i++)
        print_error("  got: %s\n", d->items[i].message);
    fail_msg("no diagnostic contains '%s'", needle);
}

static void valid_files_of_every_type(void **state)
{
    (void)state;
    for (uint32_t t = 0; t < QX_TYPE_COUNT; t++) {
        const struct qx_type_info *ti = qx_quant_type(t);
        if (!ti->blck)
            continue;
        char *p = path_of("valid.gguf");
        struct qx_diags d;
        qx_diags_init(&d);
        assert_int_equal(qx_fx_write_valid(p, t, &d), 0);
        struct qx_gguf *g;
        int rc = qx_gguf_open(&g, p, &d);
        if (rc)
            fail_msg("type %s rejected: %s", ti->name, d.n ? d.items[0].message : "?");
        assert_int_equal(d.n, 0);
        assert_int_equal(g->version, 3);
        assert_int_equal(g->n_tensors, 3);
        const struct qx_gguf_tensor *q = qx_gguf_tensor_find(g, "blk.0.attn_q.weight");
        assert_non_null(q);
        assert_int_equal(q->type, t);
        assert_int_equal(q->nelem, 512);
        assert_int_equal(q->nbytes, qx_quant_row_size(t, 512));
        assert_int_equal(g->data_offset % 32, 0);
        /* offsets: running sum of padded sizes */
        assert_int_equal(g->tensors[1].offset, (q->nbytes + 31) / 32 * 32);
        const struct qx_gguf_tensor *n = qx_gguf_tensor_find(g, "blk.0.ffn_norm.weight");
        float v[256];
        assert_int_equal(qx_gguf_tensor_to_f32(v, g, n, &d), 0);
        assert_true(v[0] == 1.0f && v[255] == 1.0f);
        assert_int_equal(g->size, g->data_offset + g->tensors[2].offset + 1024);
        if (t == QX_TYPE_Q8_0) {
            float x[512];
            assert_int_equal(qx_gguf_tensor_to_f32(x, g, q, &d), 0);
            struct qx_scheme s = {.kind = QX_SCHEME_TYPE, .type = QX_TYPE_Q8_0};
            float y[512];
            qx_scheme_roundtrip_row(&s, y, x, 512); /* already on the grid */
            assert_memory_equal(x, y, sizeof x);
        }
        qx_gguf_close(g);
        qx_diags_release(&d);
        free(p);
    }
}

static void broken_files(void **state)
{
    (void)state;
    size_t n;
    const struct qx_fx_broken *b = qx_fx_broken_list(&n);
    assert_true(n >= 30);
    for (size_t i = 0; i < n; i++) {
        char *p = path_of("broken.gguf");
        assert_int_equal(qx_fx_write_broken(p, b[i].kind), 0);
        struct qx_diags d;
        qx_diags_init(&d);
        struct qx_gguf *g;
        int rc = qx_gguf_open(&g, p, &d);
        if (b[i].accepted) {
            if (rc)
                fail_msg("%s: rejected: %s", b[i].kind, d.items[0].message);
            diags_contain(&d, QX_SEV_WARNING, b[i].expect);
            qx_gguf_close(g);
        } else {
            if (rc != QX_EINPUT)
                fail_msg("%s: accepted (rc %d)", b[i].kind, rc);
            assert_null(g);
            assert_int_equal(qx_diags_count(&d, QX_SEV_ERROR), 1);
            diags_contain(&d, QX_SEV_ERROR, b[i].expect);
            assert_string_equal(d.items[d.n - 1].file, p);
        }
        qx_diags_release(&d);
        free(p);
    }
}

/* Every prefix of a valid file is rejected cleanly (no crash, one error). */
static void every_truncation(void **state)
{
    (void)state;
    char *p = path_of("tiny.gguf");
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_fx_write_valid(p, QX_TYPE_Q4_0, &d), 0);
    struct qx_buf b;
    qx_buf_init(&b);
    assert_int_equal(qx_file_read(&b, p, 1 << 20, &d), 0);
    for (size_t len = 0; len < b.len; len++) {
        struct qx_gguf *g;
        int rc = qx_gguf_parse(&g, "t.gguf", b.data, len, &d);
        if (rc == 0) {
            /* only the final padding may be missing */
            assert_true(len >= g->data_offset + g->tensors[2].offset + 1024);
            qx_gguf_close(g);
        } else {
            assert_int_equal(rc, QX_EINPUT);
        }
        qx_diags_clear(&d);
    }
    qx_buf_release(&b);
    qx_diags_release(&d);
    free(p);
}

static void tiny_llama_layout(void **state)
{
    (void)state;
    char *p = path_of("tiny.gguf");
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_fx_write_tiny_llama(p, QX_TYPE_F32, 42, &d), 0);
    struct qx_gguf *g;
    assert_int_equal(qx_gguf_open(&g, p, &d), 0);
    assert_int_equal(g->n_tensors, 21);
    const struct qx_gguf_kv *kv = qx_gguf_kv_find(g, "llama.embedding_length");
    int64_t v;
    assert_non_null(kv);
    assert_int_equal(qx_gguf_kv_int(g, kv, &v), 0);
    assert_int_equal(v, 64);
    kv = qx_gguf_kv_find(g, "tokenizer.ggml.tokens");
    assert_int_equal(kv->type, QX_GGUF_ARRAY);
    assert_int_equal(kv->arr_type, QX_GGUF_STRING);
    assert_int_equal(kv->count, 265);
    struct qx_buf b;
    qx_buf_init(&b);
    qx_gguf_kv_format(&b, g, kv, 3);
    assert_string_equal(b.data, "[string x 265] \"<unk>\", \"<s>\", \"</s>\", ...");
    qx_buf_reset(&b);
    size_t len;
    const char *s = qx_gguf_kv_str(g, qx_gguf_kv_find(g, "general.architecture"), &len);
    assert_int_equal(len, 5);
    assert_memory_equal(s, "llama", 5);
    qx_gguf_escape(&b, "a\x1b[31m\xff\"\xe2\x96\x81", 11);
    assert_string_equal(b.data, "a\\x1B[31m\\xFF\\\"\xe2\x96\x81");
    qx_buf_release(&b);
    /* groups and selectors */
    const struct qx_gguf_tensor *t = qx_gguf_tensor_find(g, "blk.1.ffn_down.weight");
    assert_int_equal(qx_gguf_group_of(t), QX_GROUP_FEED_FORWARD);
    assert_int_equal(qx_gguf_group_of(qx_gguf_tensor_find(g, "blk.0.ffn_norm.weight")), QX_GROUP_NORMS);
    assert_int_equal(qx_gguf_group_of(qx_gguf_tensor_find(g, "output.weight")), QX_GROUP_OUTPUT);
    assert_int_equal(qx_gguf_group_of(qx_gguf_tensor_find(g, "token_embd.weight")), QX_GROUP_EMBEDDING);
    assert_int_equal(qx_gguf_group_of(qx_gguf_tensor_find(g, "blk.0.attn_k.weight")), QX_GROUP_ATTENTION);
    static const struct {
        const char *spec;
        size_t count;
    } sel[] = {{"ffn_norm", 2},
               {"norm", 5},
               {"ffn", 6},
               {"attn", 8},
               {"attn_qkv", 6},
               {"embed", 1},
               {"output", 1},
               {"matmul", 16},
               {"ffn@1", 3},
               {"attn_q@0-1", 2},
               {"all", 21},
               {"ffn_norm,output_norm", 3},
               {"^blk\\.0\\.ffn_(up|gate)", 2},
               {"nothing_matches", 0}};
    for (size_t i = 0; i < sizeof sel / sizeof sel[0]; i++) {
        struct qx_gguf_select *s2;
        assert_int_equal(qx_gguf_select_compile(&s2, sel[i].spec, &d), 0);
        size_t c = 0;
        for (size_t k = 0; k < g->n_tensors; k++)
            c += (size_t)qx_gguf_select_match(s2, &g->tensors[k]);
        if (c != sel[i].count)
            fail_msg("selector '%s' matched %zu tensors, expected %zu", sel[i].spec, c, sel[i].count);
        qx_gguf_select_free(s2);
    }
    struct qx_gguf_select *bad;
    assert_int_equal(qx_gguf_select_compile(&bad, "ffn@3-1", &d), QX_EUSAGE);
    assert_int_equal(qx_gguf_select_compile(&bad, "blk.(", &d), QX_EUSAGE);
    assert_int_equal(qx_gguf_select_compile(&bad, "", &d), QX_EUSAGE);
    char *role = qx_gguf_role("blk.12.ffn_norm.weight");
    assert_string_equal(role, "ffn_norm");
    free(role);
    qx_gguf_close(g);
    qx_diags_release(&d);
    free(p);
}

static void writer_rules(void **state)
{
    (void)state;
    struct qx_gguf_writer w;
    struct qx_diags d;
    qx_diags_init(&d);
    qx_gguf_writer_init(&w, 64);
    assert_int_equal(qx_gguf_writer_kv_u32(&w, "general.alignment", 64), 0);
    assert_int_equal(qx_gguf_writer_kv_u32(&w, "general.alignment", 64), QX_EINPUT);
    assert_int_equal(qx_gguf_writer_kv_str(&w, "", "x"), QX_EINPUT);
    uint64_t ne[1] = {40};
    assert_int_equal(qx_gguf_writer_tensor(&w, "q.weight", 1, ne, QX_TYPE_Q4_0), QX_EINPUT);
    assert_int_equal(qx_gguf_writer_tensor(&w, "a", 1, ne, QX_TYPE_F32), 0);
    assert_int_equal(qx_gguf_writer_tensor(&w, "b", 1, ne, 4), QX_EINPUT);
    ne[0] = 0;
    assert_int_equal(qx_gguf_writer_tensor(&w, "empty", 1, ne, QX_TYPE_F32), 0);
    ne[0] = 3;
    assert_int_equal(qx_gguf_writer_tensor(&w, "c", 1, ne, QX_TYPE_F16), 0);
    char *p = path_of("w.gguf");
    assert_int_equal(qx_gguf_writer_begin(&w, p, &d), 0);
    char a[166] = {1};
    assert_int_equal(qx_gguf_writer_data(&w, a, 100, &d), 0); /* in pieces, across tensors */
    assert_int_equal(qx_gguf_writer_data(&w, a + 100, 60 + 6, &d), 0);
    assert_int_equal(qx_gguf_writer_commit(&w, &d), 0);
    qx_gguf_writer_release(&w);
    struct qx_gguf *g;
    assert_int_equal(qx_gguf_open(&g, p, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(g->alignment, 64);
    assert_int_equal(g->tensors[1].offset, 192);
    assert_int_equal(g->tensors[2].offset, 192);
    assert_int_equal(g->size % 64, 0);
    qx_gguf_close(g);
    /* an uncommitted writer leaves no file behind */
    char *p2 = path_of("never.gguf");
    qx_gguf_writer_init(&w, 32);
    qx_gguf_writer_tensor(&w, "a", 1, ne, QX_TYPE_F32);
    assert_int_equal(qx_gguf_writer_begin(&w, p2, &d), 0);
    assert_int_equal(qx_gguf_writer_commit(&w, &d), QX_EINTERNAL); /* data missing */
    qx_gguf_writer_release(&w);
    assert_int_equal(access(p2, F_OK), -1);
    qx_diags_release(&d);
    free(p);
    free(p2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_files_of_every_type),
        cmocka_unit_test(broken_files),
        cmocka_unit_test(every_truncation),
        cmocka_unit_test(tiny_llama_layout),
        cmocka_unit_test(writer_rules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
