/* Unit tests for tmpl: compile once and render many times, the callback
 * data model without cJSON, escaping modes, the cJSON adapter's number and
 * container text, indentation of partials, and that a failed render leaves
 * the output buffer as it was. Error paths and limits: test_tmpl_errors.c. */
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

/* Partials served from a NULL-terminated list of name, text pairs. */
static int list_load(void *user, const char *name, size_t len, struct qx_buf *out, char **path, char **why)
{
    (void)why;
    for (const char *const *p = user; p[0]; p += 2)
        if (strlen(p[0]) == len && memcmp(p[0], name, len) == 0) {
            qx_buf_adds(out, p[1]);
            *path = qx_asprintf("%s.mustache", p[0]);
            return 0;
        }
    return 1;
}

static struct qx_tmpl *compile(const char *src, const char *const *partials, struct qx_diags *d)
{
    struct qx_tmpl_loader l = {list_load, (void *)(uintptr_t)partials};
    struct qx_tmpl *t = NULL;
    int rc = qx_tmpl_compile(&t, "t.mustache", src, strlen(src), partials ? &l : NULL, NULL, d);
    assert_int_equal(rc, 0);
    assert_non_null(t);
    return t;
}

/* Renders src over the JSON context json; returns an owned string. */
static char *render(const char *src, const char *json, const char *const *partials, enum qx_tmpl_escape esc)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_json_doc doc = {0};
    assert_int_equal(qx_json_parse(&doc, "ctx.json", json, strlen(json), &d), 0);
    struct qx_tmpl *t = compile(src, partials, &d);
    struct qx_buf out;
    qx_buf_init(&out);
    assert_int_equal(qx_tmpl_render_json(&out, t, doc.root, esc, &d), 0);
    qx_tmpl_free(t);
    qx_json_doc_release(&doc);
    qx_diags_release(&d);
    return qx_buf_detach(&out, NULL);
}

static void assert_render(const char *src, const char *json, const char *const *partials, const char *want)
{
    char *got = render(src, json, partials, QX_TMPL_ESCAPE_HTML);
    assert_string_equal(got, want);
    free(got);
}

static void compiles_once_renders_many(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_tmpl *t = compile("{{#xs}}[{{n}}]{{/xs}}{{^xs}}none{{/xs}}", NULL, &d);
    const char *ctx[] = {"{\"xs\":[{\"n\":1},{\"n\":2}]}", "{\"xs\":[]}", "{\"xs\":[{\"n\":1},{\"n\":2}]}"};
    const char *want[] = {"[1][2]", "none", "[1][2]"};
    for (int i = 0; i < 3; i++) {
        struct qx_json_doc doc = {0};
        assert_int_equal(qx_json_parse(&doc, "c.json", ctx[i], strlen(ctx[i]), &d), 0);
        struct qx_buf out;
        qx_buf_init(&out);
        assert_int_equal(qx_tmpl_render_json(&out, t, doc.root, QX_TMPL_ESCAPE_HTML, &d), 0);
        assert_string_equal(out.data, want[i]);
        qx_buf_release(&out);
        qx_json_doc_release(&doc);
    }
    assert_int_equal(d.n, 0);
    qx_tmpl_free(t);
    qx_diags_release(&d);
}

/* A data model with no cJSON in it: values are nodes of a static tree. */
struct node {
    const char *key;  /* member name within the parent map */
    int kind;         /* enum qx_tmpl_kind */
    const char *text; /* scalars */
    const struct node *kids;
    size_t nkids;
};

static const void *n_get(void *u, const void *v, const char *name, size_t n)
{
    (void)u;
    const struct node *x = v;
    if (x->kind != QX_TMPL_MAP)
        return NULL;
    for (size_t i = 0; i < x->nkids; i++)
        if (strlen(x->kids[i].key) == n && memcmp(x->kids[i].key, name, n) == 0)
            return &x->kids[i];
    return NULL;
}

static enum qx_tmpl_kind n_kind(void *u, const void *v)
{
    (void)u;
    return (enum qx_tmpl_kind)((const struct node *)v)->kind;
}

static size_t n_count(void *u, const void *v)
{
    (void)u;
    return ((const struct node *)v)->nkids;
}

static const void *n_item(void *u, const void *v, size_t i)
{
    (void)u;
    return &((const struct node *)v)->kids[i];
}

static void n_text(void *u, const void *v, struct qx_buf *out)
{
    int *calls = u;
    (*calls)++;
    const struct node *x = v;
    if (x->text)
        qx_buf_adds(out, x->text);
}

static void callback_data_model(void **state)
{
    (void)state;
    static const struct node items[] = {{"", QX_TMPL_SCALAR, "a", NULL, 0},
                                        {"", QX_TMPL_SCALAR, "b", NULL, 0}};
    static const struct node inner[] = {{"who", QX_TMPL_SCALAR, "inner", NULL, 0}};
    static const struct node members[] = {
        {"who", QX_TMPL_SCALAR, "world", NULL, 0},
        {"list", QX_TMPL_LIST, NULL, items, 2},
        {"off", QX_TMPL_FALSEY, NULL, NULL, 0},
        {"obj", QX_TMPL_MAP, NULL, inner, 1},
    };
    static const struct node root = {"", QX_TMPL_MAP, NULL, members, 4};
    int calls = 0;
    struct qx_tmpl_data data = {n_get, n_kind, n_count, n_item, n_text, &calls};
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_tmpl *t = compile("{{who}}:{{#list}}{{.}}{{/list}}{{#off}}X{{/off}}{{^off}}-{{/off}}"
                                "{{#obj}}{{who}}/{{obj.who}}{{/obj}}{{missing.x}}",
                                NULL, &d);
    struct qx_buf out;
    qx_buf_init(&out);
    assert_int_equal(qx_tmpl_render(&out, t, &data, &root, QX_TMPL_ESCAPE_HTML, &d), 0);
    assert_string_equal(out.data, "world:ab-inner/inner");
    assert_int_equal(calls, 5);
    qx_buf_release(&out);
    qx_tmpl_free(t);
    qx_diags_release(&d);
}

static void escape_modes(void **state)
{
    (void)state;
    const char *json = "{\"x\":\"<a href='u'>&\\\"</a>\"}";
    char *html = render("{{x}}|{{{x}}}|{{&x}}", json, NULL, QX_TMPL_ESCAPE_HTML);
    assert_string_equal(html, "&lt;a href=&#39;u&#39;&gt;&amp;&quot;&lt;/a&gt;|<a href='u'>&\"</a>|"
                              "<a href='u'>&\"</a>");
    char *none = render("{{x}}", json, NULL, QX_TMPL_ESCAPE_NONE);
    assert_string_equal(none, "<a href='u'>&\"</a>");
    free(html);
    free(none);
}

static void json_values_as_text(void **state)
{
    (void)state;
    assert_render("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} [{{h}}] {{i}}",
                  "{\"a\":85,\"b\":1.21,\"c\":0.1,\"d\":-0.0,\"e\":true,\"f\":[1,\"x\"],"
                  "\"g\":{\"k\":null},\"h\":null,\"i\":1e300}",
                  NULL, "85 1.21 0.1 0 true [1,&quot;x&quot;] {&quot;k&quot;:null} [] 1e+300");
    assert_render("{{x}}", "{\"x\":0.3333333333333333}", NULL, "0.33333333333333331");
    /* "" is falsey, 0 and "0" are not */
    assert_render("{{#e}}E{{/e}}{{^e}}e{{/e}}{{#z}}Z{{/z}}{{#s}}S{{/s}}", "{\"e\":\"\",\"z\":0,\"s\":\"0\"}",
                  NULL, "eZS");
    /* a member that is null hides the same name further down the stack */
    assert_render("{{#o}}[{{x}}]{{/o}}", "{\"x\":\"outer\",\"o\":{\"x\":null}}", NULL, "[]");
}

static void nested_lists_iterate_in_order(void **state)
{
    (void)state;
    assert_render("{{#r}}{{#.}}{{.}}{{/.}};{{/r}}|{{#r}}{{#.}}{{.}}{{/.}}{{/r}}",
                  "{\"r\":[[1,2,3],[4],[],[5,6]]}", NULL, "123;4;;56;|123456");
}

static void partial_indentation_skips_blank_lines(void **state)
{
    (void)state;
    static const char *const parts[] = {"p", "a\n\n{{x}}\nb\n", NULL};
    /* indentation goes before each non-empty line of the partial, never on
     * an empty line (no trailing blanks) and never inside a value */
    assert_render("x:\n    {{>p}}\nend\n", "{\"x\":\"1\\n2\"}", parts, "x:\n    a\n\n    1\n2\n    b\nend\n");
}

static void failed_render_keeps_output(void **state)
{
    (void)state;
    static const char *const parts[] = {"a", "x{{>a}}", NULL};
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_tmpl *t = compile("start{{>a}}", parts, &d);
    struct qx_buf out;
    qx_buf_init(&out);
    qx_buf_adds(&out, "kept");
    assert_int_equal(qx_tmpl_render(&out, t, &qx_tmpl_json_data, NULL, QX_TMPL_ESCAPE_HTML, &d), QX_ELIMIT);
    assert_string_equal(out.data, "kept");
    qx_buf_release(&out);
    qx_tmpl_free(t);
    qx_diags_release(&d);
}

static void inheritance_overrides_and_defaults(void **state)
{
    (void)state;
    static const char *const parts[] = {
        "base", "<h1>{{$title}}Untitled{{/title}}</h1>\n{{$body}}\n  empty\n{{/body}}\n", NULL};
    assert_render("{{<base}}\n{{$title}}{{t}}{{/title}}\n{{/base}}\n", "{\"t\":\"T\"}", parts,
                  "<h1>T</h1>\n  empty\n");
    assert_render("{{<base}}{{$body}}\nline\n{{/body}}{{/base}}\n", "{}", parts,
                  "<h1>Untitled</h1>\n  line\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compiles_once_renders_many),
        cmocka_unit_test(callback_data_model),
        cmocka_unit_test(escape_modes),
        cmocka_unit_test(json_values_as_text),
        cmocka_unit_test(nested_lists_iterate_in_order),
        cmocka_unit_test(partial_indentation_skips_blank_lines),
        cmocka_unit_test(failed_render_keeps_output),
        cmocka_unit_test(inheritance_overrides_and_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
