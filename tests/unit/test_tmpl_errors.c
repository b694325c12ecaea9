/* Unit tests for tmpl's error paths: every compile error with its rule and
 * file:line:column (column in characters), errors inside partials, the
 * depth, size, partial-count, output and step limits, and the directory
 * loader's confinement (names with "..", absolute names, backslashes, NUL
 * bytes, symlinks out of the root). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
/* cmocka needs the headers above first */
#include <cmocka.h>

#include "qexplain/file.h"
#include "qexplain/tmpl.h"

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

/* Compiles src (len bytes) and expects failure rc with a first diagnostic
 * of the given rule at file:line:col. */
static void expect_error_n(const char *src, size_t len, const char *const *parts,
                           const struct qx_tmpl_limits *lim, int rc, const char *rule, const char *file,
                           unsigned line, unsigned col)
{
    struct qx_tmpl_loader l = {list_load, (void *)(uintptr_t)parts};
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_tmpl *t = (struct qx_tmpl *)&d; /* must be reset to NULL */
    assert_int_equal(qx_tmpl_compile(&t, "t.mustache", src, len, parts ? &l : NULL, lim, &d), rc);
    assert_null(t);
    assert_true(d.n >= 1);
    if (strcmp(d.items[0].rule, rule) != 0 || strcmp(d.items[0].file, file) != 0 || d.items[0].line != line ||
        d.items[0].col != col)
        fail_msg("%s: got %s:%u:%u [%s] %s, want %s:%u:%u [%s]", src, d.items[0].file, d.items[0].line,
                 d.items[0].col, d.items[0].rule, d.items[0].message, file, line, col, rule);
    assert_int_equal(d.items[0].sev, QX_SEV_ERROR);
    qx_diags_release(&d);
}

static void expect_error(const char *src, const char *rule, unsigned line, unsigned col)
{
    expect_error_n(src, strlen(src), NULL, NULL, QX_EINPUT, rule, "t.mustache", line, col);
}

static void syntax_errors_have_positions(void **state)
{
    (void)state;
    expect_error("ab\n  {{x", "tmpl.unclosed-tag", 2, 3);
    expect_error("{{{x}}", "tmpl.unclosed-tag", 1, 1);
    expect_error("{{=<% %>=}}\n<%x}}", "tmpl.unclosed-tag", 2, 1);
    expect_error("中文{{x", "tmpl.unclosed-tag", 1, 3);
    expect_error("{{#a}}\n  {{/b}}", "tmpl.section-mismatch", 2, 3);
    expect_error("x\n{{/a}}", "tmpl.unexpected-close", 2, 1);
    expect_error("1\n2 {{#a}}\n{{#b}}{{/b}}", "tmpl.unclosed-section", 2, 3);
    expect_error("{{^a}}", "tmpl.unclosed-section", 1, 1);
    expect_error("{{$blk}}", "tmpl.unclosed-section", 1, 1);
    expect_error("  {{<p}}", "tmpl.unclosed-section", 1, 3);
    expect_error("x {{=<% =}}", "tmpl.delimiter", 1, 3);
    expect_error("{{=a= b=}}", "tmpl.delimiter", 1, 1);
    expect_error("{{=a b c=}}", "tmpl.delimiter", 1, 1);
    expect_error("{{=12345678901234567 b=}}", "tmpl.delimiter", 1, 1);
    expect_error("{{}}", "tmpl.name", 1, 1);
    expect_error("{{# }}{{/ }}", "tmpl.name", 1, 1);
    expect_error("\t{{a b}}", "tmpl.name", 1, 2);
    expect_error("{{a..b}}", "tmpl.name", 1, 1);
    expect_error("{{#.a}}{{/.a}}", "tmpl.name", 1, 1);
    expect_error("{{>*dyn}}", "tmpl.unsupported", 1, 1);
}

static void mismatch_names_the_opening_tag(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_tmpl *t;
    const char *src = "{{#outer}}\n{{#inner}}\n{{/outer}}";
    assert_int_equal(qx_tmpl_compile(&t, "t.mustache", src, strlen(src), NULL, NULL, &d), QX_EINPUT);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.items[0].message, "closing tag '/outer' does not match the open section 'inner'");
    assert_int_equal(d.items[1].sev, QX_SEV_NOTE);
    assert_int_equal(d.items[1].line, 2);
    qx_diags_release(&d);
}

static void errors_in_partials_point_into_the_partial(void **state)
{
    (void)state;
    static const char *const parts[] = {"ok", "fine {{>broken}}", "broken", "a\nb {{#s}}", NULL};
    const char *src = "{{>ok}}";
    expect_error_n(src, strlen(src), parts, NULL, QX_EINPUT, "tmpl.unclosed-section", "broken.mustache", 2,
                   3);
}

static char *nest(unsigned n)
{
    struct qx_buf b;
    qx_buf_init(&b);
    for (unsigned i = 0; i < n; i++)
        qx_buf_addf(&b, "{{#s%u}}", i);
    for (unsigned i = n; i-- > 0;)
        qx_buf_addf(&b, "{{/s%u}}", i);
    return qx_buf_detach(&b, NULL);
}

static void section_depth_is_limited(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_tmpl *t = NULL;
    char *ok = nest(QX_TMPL_MAX_DEPTH);
    assert_int_equal(qx_tmpl_compile(&t, "t.mustache", ok, strlen(ok), NULL, NULL, &d), 0);
    qx_tmpl_free(t);
    char *deep = nest(QX_TMPL_MAX_DEPTH + 1);
    /* the 33rd opener, after 32 tags of "{{#sN}}" (7 or 8 bytes each) */
    size_t col = 1 + strstr(deep, "{{#s32}}") - deep;
    expect_error_n(deep, strlen(deep), NULL, NULL, QX_ELIMIT, "tmpl.depth", "t.mustache", 1, (unsigned)col);
    struct qx_tmpl_limits lim = {.max_depth = 2};
    char *three = nest(3);
    expect_error_n(three, strlen(three), NULL, &lim, QX_ELIMIT, "tmpl.depth", "t.mustache", 1, 15);
    free(ok);
    free(deep);
    free(three);
    qx_diags_release(&d);
}

/* Renders and expects rc with the first diagnostic's rule at file:line:col. */
static void expect_render_error(const char *src, const char *const *parts, const struct qx_tmpl_limits *lim,
                                const char *rule, const char *file, unsigned line, unsigned col)
{
    struct qx_tmpl_loader l = {list_load, (void *)(uintptr_t)parts};
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_tmpl *t = NULL;
    assert_int_equal(qx_tmpl_compile(&t, "t.mustache", src, strlen(src), &l, lim, &d), 0);
    struct qx_buf out;
    qx_buf_init(&out);
    assert_int_equal(qx_tmpl_render(&out, t, &qx_tmpl_json_data, NULL, QX_TMPL_ESCAPE_HTML, &d), QX_ELIMIT);
    assert_int_equal(out.len, 0);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].rule, rule);
    if (file) /* NULL, col 0: any tag may be the one that crosses the budget */
        assert_string_equal(d.items[0].file, file);
    assert_int_equal(d.items[0].line, line);
    if (col)
        assert_int_equal(d.items[0].col, col);
    qx_buf_release(&out);
    qx_tmpl_free(t);
    qx_diags_release(&d);
}

static void partial_recursion_is_limited(void **state)
{
    (void)state;
    static const char *const self[] = {"a", "x\n {{>a}}", NULL};
    expect_render_error("{{>a}}", self, NULL, "tmpl.partial-depth", "a.mustache", 2, 2);
    static const char *const pair[] = {"a", "{{>b}}", "b", "{{<a}}{{/a}}", NULL};
    struct qx_tmpl_limits lim = {.max_partial_depth = 3};
    expect_render_error("..{{>a}}", pair, &lim, "tmpl.partial-depth", "a.mustache", 1, 1);
}

static void render_work_and_output_are_limited(void **state)
{
    (void)state;
    /* 8^6 expansions at depth 6, writing nothing: only the step budget stops it */
#define X8(p) p p p p p p p p
    static const char *const fan[] = {"a", X8("{{>b}}"),   "b", X8("{{>c}}"), "c", X8("{{>d}}"),
                                      "d", X8("{{>e}}"),   "e", X8("{{>f}}"), "f", X8("{{>g}}"),
                                      "g", "{{!nothing}}", NULL};
    struct qx_tmpl_limits lim = {.max_steps = 100000};
    expect_render_error("{{>a}}", fan, &lim, "tmpl.steps", NULL, 1, 0);
    static const char *const big[] = {"x", "0123456789{{>x}}{{>x}}", NULL};
    struct qx_tmpl_limits out = {.max_output = 100}; /* crossed at depth 11 */
    expect_render_error("{{>x}}", big, &out, "tmpl.output", "x.mustache", 1, 1);
}

static void size_and_partial_count_are_limited(void **state)
{
    (void)state;
    struct qx_tmpl_limits lim = {.max_bytes = 8, .max_partials = 2};
    expect_error_n("123456789", 9, NULL, &lim, QX_ELIMIT, "tmpl.size", "t.mustache", 0, 0);
    static const char *const parts[] = {"a", "{{>b}}", "b", "0123456789", NULL};
    expect_error_n("{{>a}}", 6, parts, &lim, QX_ELIMIT, "tmpl.size", "a.mustache", 1, 1);
    struct qx_tmpl_limits two = {.max_partials = 2};
    const char *three = "{{>a}}{{>b}}\n{{>a}}{{>c}}";
    expect_error_n(three, strlen(three), NULL, &two, QX_ELIMIT, "tmpl.partials", "t.mustache", 2, 7);
}

static void names_are_confined(void **state)
{
    (void)state;
    assert_true(qx_tmpl_name_ok("footer", 6));
    assert_true(qx_tmpl_name_ok("partials/footer", 15));
    assert_true(qx_tmpl_name_ok("a.b", 3));
    assert_false(qx_tmpl_name_ok("", 0));
    assert_false(qx_tmpl_name_ok("../x", 4));
    assert_false(qx_tmpl_name_ok("a/../../x", 9));
    assert_false(qx_tmpl_name_ok("a..b", 4));
    assert_false(qx_tmpl_name_ok("/etc/passwd", 11));
    assert_false(qx_tmpl_name_ok("a\\b", 3));
    assert_false(qx_tmpl_name_ok("a\0b", 3));
}

struct tree {
    char root[64], dir[80];
};

static void write_file(const char *path, const char *text)
{
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_file_write_atomic(path, text, strlen(text), &d), 0);
    qx_diags_release(&d);
}

/* root/tpl/{ok.mustache, sub/in.mustache, out -> ../secret.mustache,
 * dir.mustache/}, root/secret.mustache */
static void make_tree(struct tree *tr)
{
    /* in the test's working directory (the build tree), removed at the end */
    snprintf(tr->root, sizeof tr->root, "%s", "qx-tmpl-XXXXXX");
    assert_non_null(mkdtemp(tr->root));
    snprintf(tr->dir, sizeof tr->dir, "%s/tpl", tr->root);
    char p[160];
    assert_int_equal(mkdir(tr->dir, 0700), 0);
    snprintf(p, sizeof p, "%s/sub", tr->dir);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/dir.mustache", tr->dir);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/ok.mustache", tr->dir);
    write_file(p, "ok[{{>sub/in}}]");
    snprintf(p, sizeof p, "%s/sub/in.mustache", tr->dir);
    write_file(p, "in");
    snprintf(p, sizeof p, "%s/secret.mustache", tr->root);
    write_file(p, "SECRET");
    snprintf(p, sizeof p, "%s/out.mustache", tr->dir);
    assert_int_equal(symlink("../secret.mustache", p), 0);
}

static void remove_tree(struct tree *tr)
{
    const char *rel[] = {"tpl/ok.mustache",
                         "tpl/sub/in.mustache",
                         "tpl/out.mustache",
                         "secret.mustache",
                         "tpl/sub",
                         "tpl/dir.mustache",
                         "tpl",
                         ""};
    char p[160];
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", tr->root, rel[i]);
        assert_int_equal(remove(p), 0);
    }
}

/* Compiles src with the directory loader; returns rc and the first
 * diagnostic's rule and message in d. */
static int dir_compile(const struct tree *tr, const char *src, size_t len, struct qx_diags *d,
                       struct qx_buf *out)
{
    struct qx_tmpl_loader l = qx_tmpl_dir_loader(tr->dir);
    struct qx_tmpl *t = NULL;
    int rc = qx_tmpl_compile(&t, "t.mustache", src, len, &l, NULL, d);
    if (!rc)
        rc = qx_tmpl_render(out, t, &qx_tmpl_json_data, NULL, QX_TMPL_ESCAPE_HTML, d);
    qx_tmpl_free(t);
    return rc;
}

static void dir_loader_confines_partials(void **state)
{
    (void)state;
    struct tree tr;
    make_tree(&tr);
    struct {
        const char *src;
        size_t len;
        int rc;
        const char *rule, *msg;
    } cases[] = {
        {"{{>ok}}", 7, 0, NULL, NULL},
        {"{{>../secret}}", 14, QX_EINPUT, "tmpl.partial", "the name contains '..'"},
        {"{{>sub/../../secret}}", 21, QX_EINPUT, "tmpl.partial", "contains '..'"},
        {"{{>/etc/passwd}}", 16, QX_EINPUT, "tmpl.partial", "absolute path"},
        {"{{>a\\b}}", 8, QX_EINPUT, "tmpl.partial", "backslash"},
        {"{{>a\0b}}", 8, QX_EINPUT, "tmpl.partial", "'a\\x00b': the name contains a NUL byte"},
        {"{{<out}}{{/out}}", 16, QX_EINPUT, "tmpl.partial", "leads outside"},
        {"{{>dir}}", 8, QX_EIO, "tmpl.partial", "dir.mustache"},
        {"x\n{{>nope}}", 11, 0, "tmpl.partial-missing", "no file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct qx_diags d;
        qx_diags_init(&d);
        struct qx_buf out;
        qx_buf_init(&out);
        int rc = dir_compile(&tr, cases[i].src, cases[i].len, &d, &out);
        if (rc != cases[i].rc)
            fail_msg("case %zu: rc %d, want %d", i, rc, cases[i].rc);
        if (cases[i].rule) {
            assert_true(d.n >= 1);
            assert_string_equal(d.items[0].rule, cases[i].rule);
            assert_string_equal(d.items[0].file, "t.mustache");
            if (!strstr(d.items[0].message, cases[i].msg))
                fail_msg("case %zu: message '%s' lacks '%s'", i, d.items[0].message, cases[i].msg);
        } else {
            assert_int_equal(d.n, 0);
            assert_string_equal(out.data, "ok[in]");
        }
        if (i == 8) {
            assert_int_equal(d.items[0].sev, QX_SEV_WARNING);
            assert_int_equal(d.items[0].line, 2);
            assert_string_equal(out.data, "x\n");
        }
        assert_null(strstr(out.data, "SECRET"));
        qx_buf_release(&out);
        qx_diags_release(&d);
    }
    remove_tree(&tr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(syntax_errors_have_positions),
        cmocka_unit_test(mismatch_names_the_opening_tag),
        cmocka_unit_test(errors_in_partials_point_into_the_partial),
        cmocka_unit_test(section_depth_is_limited),
        cmocka_unit_test(partial_recursion_is_limited),
        cmocka_unit_test(render_work_and_output_are_limited),
        cmocka_unit_test(size_and_partial_count_are_limited),
        cmocka_unit_test(names_are_confined),
        cmocka_unit_test(dir_loader_confines_partials),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
