/* Deterministic fuzzing of tmpl: 20,000 templates stitched from Mustache
 * fragments by a fixed-seed generator (the same cases on every run, so a
 * failure reproduces), compiled with partials that recurse, rendered twice
 * over a JSON context. Checks: no crash or sanitizer report, every compile
 * error is one error diagnostic with a position inside the template, every
 * render either succeeds or fails on a limit with the output untouched, and
 * two renders give identical bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above first */
#include <cmocka.h>

#include "qexplain/json.h"
#include "qexplain/tmpl.h"

static const char *const frags[] = {
    "{{",      "}}",     "{{{",         "}}}",    "{{#",
    "{{/",     "{{^",    "{{>",         "{{<",    "{{$",
    "{{!",     "{{&",    "{{=",         "=}}",    /* whole pieces from here on */ "a",
    "b",       "l",      "o",           "p",      "q",
    ".",       " ",      "  ",          "\n",     "\r\n",
    "\t",      "x",      "<%",          "%>",     "{{a}}",
    "{{#l}}",  "{{/l}}", "{{#o}}",      "{{/o}}", "{{^a}}",
    "{{/a}}",  "{{>p}}", "{{>q}}",      "{{$a}}", "{{/a}}",
    "{{<p}}",  "{{/p}}", "{{=<% %>=}}", "<%a%>",  "{{.}}",
    "{{o.k}}", "中",
};

#define NFRAGS (sizeof frags / sizeof frags[0])
#define WHOLE 14u /* frags[WHOLE..] are words, blanks and whole tags */

static uint32_t next(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static int load(void *user, const char *name, size_t len, struct qx_buf *out, char **path, char **why)
{
    (void)user;
    (void)why;
    static const char *const parts[] = {"p", "[{{a}}{{#l}}{{>p}}{{/l}}{{$a}}d{{/a}}]\n  {{>q}}", "q",
                                        "  {{.}}\n{{<p}}{{$a}}o{{/a}}{{/p}}", NULL};
    for (const char *const *p = parts; *p; p += 2)
        if (strlen(p[0]) == len && memcmp(p[0], name, len) == 0) {
            qx_buf_adds(out, p[1]);
            *path = qx_strdup(p[0]);
            return 0;
        }
    return 1;
}

static void random_templates(void **state)
{
    (void)state;
    const char *json = "{\"a\":\"<&>\",\"l\":[1,{\"a\":2},[3]],\"o\":{\"k\":\"v\"},\"q\":false}";
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_json_doc doc = {0};
    assert_int_equal(qx_json_parse(&doc, "ctx.json", json, strlen(json), &d), 0);
    struct qx_tmpl_loader loader = {load, NULL};
    struct qx_tmpl_limits lim = {.max_steps = 20000, .max_output = 1 << 16};
    uint32_t seed = 12345;
    size_t ok = 0, bad = 0;
    struct qx_buf src, a, b;
    qx_buf_init(&src);
    qx_buf_init(&a);
    qx_buf_init(&b);
    for (int n = 0; n < 20000; n++) {
        qx_buf_reset(&src);
        /* odd cases use whole tags and words only, so more of them compile */
        unsigned len = next(&seed) % 24, first = n % 2 ? WHOLE : 0;
        for (unsigned i = 0; i < len; i++)
            qx_buf_adds(&src, frags[first + next(&seed) % (NFRAGS - first)]);
        struct qx_tmpl *t = NULL;
        qx_diags_clear(&d);
        int rc = qx_tmpl_compile(&t, "f.mustache", src.data, src.len, &loader, &lim, &d);
        if (rc) {
            bad++;
            assert_null(t);
            assert_true(rc == QX_EINPUT || rc == QX_ELIMIT);
            assert_int_equal(qx_diags_count(&d, QX_SEV_ERROR), 1);
            const struct qx_diag *g = &d.items[0];
            assert_true(g->line >= 1 && g->col >= 1);
            if (strcmp(g->file, "f.mustache") == 0)
                assert_true(g->byte < src.len);
            continue;
        }
        ok++;
        qx_buf_reset(&a);
        qx_buf_reset(&b);
        int r1 = qx_tmpl_render_json(&a, t, doc.root, QX_TMPL_ESCAPE_HTML, &d);
        int r2 = qx_tmpl_render_json(&b, t, doc.root, QX_TMPL_ESCAPE_HTML, &d);
        assert_int_equal(r1, r2);
        assert_true(r1 == 0 || r1 == QX_ELIMIT);
        if (r1)
            assert_int_equal(a.len, 0);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.data, b.data, a.len);
        qx_tmpl_free(t);
    }
    print_message("%zu compiled, %zu rejected\n", ok, bad);
    /* the generator must exercise both outcomes */
    assert_true(ok > 2000 && bad > 2000);
    qx_buf_release(&src);
    qx_buf_release(&a);
    qx_buf_release(&b);
    qx_json_doc_release(&doc);
    qx_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(random_templates)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
