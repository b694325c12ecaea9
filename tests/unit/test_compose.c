/* Unit tests of the composer against the shipped skills, facts and
 * templates: method parsing and qualification, variants, analogy and block
 * selection, citations, term first use, output formats, and template-set
 * schema errors (written to a temporary directory). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "qexplain/compose.h"
#include "qexplain/file.h"

#define DATA QX_TEST_SRC

struct env {
    struct qx_compose_inputs in;
    struct qx_diags d;
};

static struct env *load(const char *skill)
{
    struct env *e = calloc(1, sizeof *e);
    qx_diags_init(&e->d);
    int rc = qx_compose_inputs_load(&e->in, DATA, skill, &e->d);
    assert_int_equal(rc, 0);
    return e;
}

static void unload(struct env *e)
{
    qx_compose_inputs_release(&e->in);
    qx_diags_release(&e->d);
    free(e);
}

static int compose(struct qx_article **a, struct env *e, const char *methods, int variant)
{
    struct qx_strvec m;
    qx_strvec_init(&m);
    if (methods)
        assert_int_equal(qx_compose_parse_methods(&m, methods, &e->d), 0);
    struct qx_compose_opts o = {.templates_dir = e->in.templates_dir, .methods = &m, .variant = variant};
    int rc = qx_compose(a, e->in.skill, e->in.facts, &o, &e->d);
    qx_strvec_release(&m);
    return rc;
}

static int has_message(const struct qx_diags *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].message, needle))
            return 1;
    return 0;
}

static void test_parse_methods(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_strvec v;
    qx_strvec_init(&v);
    assert_int_equal(qx_compose_parse_methods(&v, "AWQ,gptq,kv-cache", &d), 0);
    assert_int_equal(v.n, 3);
    assert_string_equal(v.items[0], "awq");
    assert_string_equal(v.items[2], "kv-cache");
    qx_strvec_release(&v);
    qx_strvec_init(&v);
    assert_int_equal(qx_compose_parse_methods(&v, "awq,,gptq", &d), QX_EUSAGE);
    qx_strvec_release(&v);
    qx_strvec_init(&v);
    assert_int_equal(qx_compose_parse_methods(&v, "awq,AWQ", &d), QX_EUSAGE);
    assert_true(has_message(&d, "listed twice"));
    qx_strvec_release(&v);
    qx_strvec_init(&v);
    assert_int_equal(qx_compose_parse_methods(&v, "a,b,c,d,e,f,g,h,i", &d), QX_EUSAGE);
    qx_strvec_release(&v);
    qx_diags_release(&d);
}

static void test_unsupported_method(void **state)
{
    (void)state;
    struct env *e = load("public-sector");
    struct qx_article *a = NULL;
    assert_int_equal(compose(&a, e, "awq,tir", 1), QX_EINPUT);
    assert_null(a);
    assert_true(has_message(&e->d, "no cited fact supports 'tir'"));
    unload(e);
}

static void test_variant_range(void **state)
{
    (void)state;
    struct env *e = load("wechat");
    int n = 0;
    assert_int_equal(qx_compose_variants(&n, e->in.skill, e->in.templates_dir, &e->d), 0);
    assert_int_equal(n, 3);
    struct qx_article *a = NULL;
    assert_int_equal(compose(&a, e, NULL, n + 1), QX_EUSAGE);
    assert_null(a);
    assert_true(has_message(&e->d, "out of range"));
    unload(e);
}

/* Every figure is cited, every cited fact exists, every section renders. */
static void test_public_sector_default(void **state)
{
    (void)state;
    struct env *e = load("public-sector");
    struct qx_article *a = NULL;
    assert_int_equal(compose(&a, e, NULL, 0), 0);
    assert_int_equal(a->variant, 1);
    assert_int_equal(a->methods.n, 3);
    assert_string_equal(a->methods.items[0], "awq");
    assert_int_equal(a->nsections, 5);
    assert_string_equal(a->sections[0].heading, "一、用日常工作理解量化");
    assert_null(a->sections[4].heading);
    /* one intro paragraph and one two-sentence bridge per method */
    assert_int_equal(a->sections[0].n, 1 + 3);
    /* three questions after the intro */
    assert_int_equal(a->sections[2].n, 4);
    assert_int_equal(a->sections[3].n, 1);
    size_t cites = 0;
    for (size_t s = 0; s < a->nsections; s++)
        for (size_t p = 0; p < a->sections[s].n; p++) {
            const struct qx_para *para = &a->sections[s].paras[p];
            assert_non_null(strstr(para->text, "。") ? para->text : strstr(para->text, "？"));
            for (size_t c = 0; c < para->ncites; c++) {
                assert_non_null(qx_facts_find(e->in.facts, para->cites[c].fact));
                assert_non_null(strstr(para->text, para->cites[c].display));
                cites++;
            }
        }
    assert_true(cites >= 10);
    /* per-section first use: INT4 is explained in section one and again in two */
    assert_non_null(strstr(a->sections[0].paras[3].text, "INT4（4位整数）"));
    int again = 0;
    for (size_t p = 0; p < a->sections[1].n; p++)
        again |= strstr(a->sections[1].paras[p].text, "INT4（4位整数）") != NULL;
    assert_true(again);
    qx_article_free(a);
    unload(e);
}

/* The variant changes the analogies; the same variant gives the same text. */
static void test_variants_differ_and_repeat(void **state)
{
    (void)state;
    struct env *e = load("public-sector");
    struct qx_buf t1, t2, t1b;
    qx_buf_init(&t1), qx_buf_init(&t2), qx_buf_init(&t1b);
    struct qx_article *a = NULL;
    assert_int_equal(compose(&a, e, "awq,gptq", 1), 0);
    qx_article_text(&t1, a);
    qx_article_free(a);
    assert_int_equal(compose(&a, e, "awq,gptq", 2), 0);
    qx_article_text(&t2, a);
    qx_article_free(a);
    assert_int_equal(compose(&a, e, "awq,gptq", 1), 0);
    qx_article_text(&t1b, a);
    qx_article_free(a);
    assert_string_not_equal(t1.data, t2.data);
    assert_string_equal(t1.data, t1b.data);
    qx_buf_release(&t1), qx_buf_release(&t2), qx_buf_release(&t1b);
    unload(e);
}

static void test_wechat_indent_and_sources(void **state)
{
    (void)state;
    struct env *e = load("wechat");
    struct qx_article *a = NULL;
    assert_int_equal(compose(&a, e, "gptq", 1), 0);
    assert_true(a->indent);
    struct qx_buf t;
    qx_buf_init(&t);
    qx_article_text(&t, a);
    assert_true(qx_str_starts_with(t.data, "一、先看一个真实的工作场景\n\n\xe3\x80\x80\xe3\x80\x80"));
    assert_null(strstr(t.data, "http"));
    const struct qx_article_section *src = &a->sections[a->nsections - 1];
    assert_string_equal(src->id, "sources");
    assert_true(src->n >= 3);
    /* three to five challenges, each starting 没想到 */
    size_t ch = 0;
    for (size_t s = 0; s < a->nsections; s++)
        if (strcmp(a->sections[s].id, "challenges") == 0)
            for (size_t p = 0; p < a->sections[s].n; p++)
                ch += qx_str_starts_with(a->sections[s].paras[p].text, "没想到");
    assert_true(ch >= 3 && ch <= 5);
    qx_buf_release(&t);
    qx_article_free(a);
    unload(e);
}

static void test_html_escapes(void **state)
{
    (void)state;
    struct qx_article a = {0};
    struct qx_article_section sec = {0};
    struct qx_para p = {0};
    p.text = (char *)"a<b>&\"c\"'";
    qx_strvec_init(&p.facts);
    sec.id = (char *)"x";
    sec.heading = (char *)"一、<i>";
    sec.paras = &p;
    sec.n = 1;
    a.alias = (char *)"t&t";
    a.sections = &sec;
    a.nsections = 1;
    struct qx_buf h;
    qx_buf_init(&h);
    qx_article_html(&h, &a);
    assert_non_null(strstr(h.data, "a&lt;b&gt;&amp;&quot;c&quot;&#39;"));
    assert_non_null(strstr(h.data, "一、&lt;i&gt;"));
    assert_non_null(strstr(h.data, "<title>t&amp;t</title>"));
    assert_null(strstr(h.data, "<script"));
    qx_buf_release(&h);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *p = qx_path_join(dir, name);
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_file_write_atomic(p, text, strlen(text), &d), 0);
    qx_diags_release(&d);
    free(p);
}

/* A broken template set: diagnostics carry file:line:column. */
static void test_schema_errors(void **state)
{
    (void)state;
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s/qxcomposeXXXXXX", qx_tmpdir());
    assert_non_null(mkdtemp(tmp));
    char *ps = qx_path_join(tmp, "public-sector");
    assert_int_equal(mkdir(ps, 0700), 0);
    write_file(ps, "article.json", "{\n  \"variants\": 2,\n  \"lists\": {\"x\": {\"kind\": \"k\", \"count\": \"a..b\"}}\n}\n");
    struct env *e = load("public-sector");
    struct qx_strvec none;
    qx_strvec_init(&none);
    struct qx_compose_opts o = {.templates_dir = tmp, .methods = &none};
    struct qx_article *a = NULL;
    assert_int_equal(qx_compose(&a, e->in.skill, e->in.facts, &o, &e->d), QX_EINPUT);
    assert_true(e->d.n >= 1);
    assert_int_equal(e->d.items[e->d.n - 1].line, 3);
    assert_true(has_message(&e->d, "'count' must be"));
    write_file(ps, "article.json", "{\"variants\": 40}\n");
    assert_int_equal(qx_compose(&a, e->in.skill, e->in.facts, &o, &e->d), QX_EINPUT);
    assert_true(has_message(&e->d, "'variants' must be"));
    char *pa = qx_path_join(ps, "article.json");
    unlink(pa);
    free(pa);
    assert_int_equal(qx_compose(&a, e->in.skill, e->in.facts, &o, &e->d), QX_EINPUT);
    assert_true(has_message(&e->d, "no template set"));
    rmdir(ps);
    rmdir(tmp);
    free(ps);
    unload(e);
}

static void test_prompt(void **state)
{
    (void)state;
    struct env *e = load("non-experts");
    struct qx_buf b;
    qx_buf_init(&b);
    qx_compose_prompt(&b, e->in.skill, e->in.facts);
    assert_non_null(strstr(b.data, "# Facts you may cite"));
    assert_non_null(strstr(b.data, "[awq-abstract]"));
    assert_non_null(strstr(b.data, "source: "));
    assert_non_null(strstr(b.data, "# Terms"));
    qx_buf_release(&b);
    unload(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_methods),
        cmocka_unit_test(test_unsupported_method),
        cmocka_unit_test(test_variant_range),
        cmocka_unit_test(test_public_sector_default),
        cmocka_unit_test(test_variants_differ_and_repeat),
        cmocka_unit_test(test_wechat_indent_and_sources),
        cmocka_unit_test(test_html_escapes),
        cmocka_unit_test(test_schema_errors),
        cmocka_unit_test(test_prompt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
