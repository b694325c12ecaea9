/* Unit tests of the lint machinery: PCRE2 patterns under limits, the word
 * trie, the unified diff, baselines, the skill profile parser, renderers'
 * JSON escaping, and hostile input (truncations and byte flips of the messy
 * article must never crash; run under ASan in the sanitizer build). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qexplain/file.h"
#include "qexplain/lint.h"
#include "qexplain/render.h"
#include "qexplain/rules.h"

static void test_rx_compile_error(void **state)
{
    (void)state;
    struct qx_rx *rx = NULL;
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_rx_compile(&rx, "a(b", 0, "skill.md", &d), QX_EINPUT);
    assert_null(rx);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.items[0].message, "invalid pattern 'a(b'"));
    qx_diags_release(&d);
}

static void test_rx_limit(void **state)
{
    (void)state;
    /* the classic catastrophic pattern: the match limit stops it */
    struct qx_rx *rx = NULL;
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_rx_compile(&rx, "^(a+)+$", 0, NULL, &d), 0);
    char s[64];
    memset(s, 'a', sizeof s - 2);
    s[sizeof s - 2] = 'b';
    s[sizeof s - 1] = '\0';
    size_t ms, me;
    assert_int_equal(qx_rx_find(rx, s, strlen(s), 0, &ms, &me), QX_ELIMIT);
    assert_true(qx_rx_hit_limit(rx));
    assert_int_equal(qx_rx_find(rx, "aaa", 3, 0, &ms, &me), 1);
    assert_int_equal(me, 3);
    qx_rx_free(rx);
    qx_diags_release(&d);
}

static void test_rx_groups(void **state)
{
    (void)state;
    struct qx_rx *rx = NULL;
    assert_int_equal(qx_rx_compile(&rx, "(\\d+)(%)?", 0, NULL, NULL), 0);
    size_t ms, me, gs, ge;
    assert_int_equal(qx_rx_find(rx, "约52%左右", strlen("约52%左右"), 0, &ms, &me), 1);
    assert_int_equal(ms, 3);
    assert_true(qx_rx_group(rx, 2, &gs, &ge));
    assert_int_equal(gs, 5);
    assert_int_equal(qx_rx_find(rx, "约52左右", strlen("约52左右"), 0, &ms, &me), 1);
    assert_false(qx_rx_group(rx, 2, &gs, &ge));
    qx_rx_free(rx);
}

static void test_wordset(void **state)
{
    (void)state;
    struct qx_wordset *w = qx_wordset_new();
    qx_wordset_add(w, "让我们", 0, 0);
    qx_wordset_add(w, "让我们想象", 1, 0);
    qx_wordset_add(w, "magic", 2, QX_WORD_ASCII);
    size_t ml;
    const char *s = "让我们想象一下";
    assert_int_equal(qx_wordset_match_at(w, s, strlen(s), 0, &ml), 1); /* longest */
    assert_int_equal(ml, strlen("让我们想象"));
    s = "让我们看";
    assert_int_equal(qx_wordset_match_at(w, s, strlen(s), 0, &ml), 0);
    s = "a MAGIC trick";
    assert_int_equal(qx_wordset_match_at(w, s, strlen(s), 2, &ml), 2);
    s = "magical";
    assert_int_equal(qx_wordset_match_at(w, s, strlen(s), 0, &ml), -1); /* word boundary */
    assert_false(qx_wordset_may_start(w, 'x'));
    qx_wordset_free(w);
}

static void test_diff(void **state)
{
    (void)state;
    const char *a = "一\n二\n三\n四\n五\n六\n七\n八\n九\n十\n";
    const char *b = "一\n二\n三\n四\n伍\n六\n七\n八\n九\n拾\n";
    struct qx_buf out;
    qx_buf_init(&out);
    qx_lint_diff(&out, "x.txt", a, strlen(a), b, strlen(b));
    assert_string_equal(out.data, "--- a/x.txt\n+++ b/x.txt\n"
                                  "@@ -2,9 +2,9 @@\n 二\n 三\n 四\n-五\n+伍\n 六\n 七\n 八\n 九\n-十\n+拾\n");
    qx_buf_reset(&out);
    qx_lint_diff(&out, "x.txt", a, strlen(a), a, strlen(a));
    assert_int_equal(out.len, 0);
    qx_buf_reset(&out);
    qx_lint_diff(&out, "y", "a", 1, "b\n", 2);
    assert_string_equal(out.data,
                        "--- a/y\n+++ b/y\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n");
    qx_buf_release(&out);
}

static void lint_default(struct qx_diags *out, const char *text)
{
    struct qx_lint_profile p;
    qx_lint_profile_builtin(&p, QX_COL_DEFAULT);
    struct qx_lint_opts o = {&p, NULL, NULL, NULL};
    struct qx_diags err;
    qx_diags_init(&err);
    assert_int_equal(qx_lint_text(out, "f.md", text, strlen(text), &o, &err), 0);
    assert_int_equal(err.n, 0);
    qx_diags_release(&err);
}

static void test_baseline(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    lint_default(&d, "加速🚀\n再加速🚀\n");
    assert_int_equal(d.n, 2);
    struct qx_buf b;
    qx_buf_init(&b);
    qx_lint_baseline_write(&b, &d);
    /* the same text shifted down two lines: both findings are still known */
    struct qx_diags d2, err;
    qx_diags_init(&d2);
    qx_diags_init(&err);
    lint_default(&d2, "前言。\n\n加速🚀\n再加速🚀\n又加速🚀\n");
    assert_int_equal(d2.n, 3);
    size_t removed = 0;
    assert_int_equal(qx_lint_baseline_filter(&d2, "b.json", b.data, b.len, &removed, &err), 0);
    assert_int_equal(removed, 2);
    assert_int_equal(d2.n, 1);
    assert_int_equal(d2.items[0].line, 5);
    assert_int_equal(qx_lint_baseline_filter(&d2, "b.json", "[1,", 3, NULL, &err), QX_EINPUT);
    assert_true(err.n >= 1);
    qx_buf_release(&b);
    qx_diags_release(&d);
    qx_diags_release(&d2);
    qx_diags_release(&err);
}

static void test_profile_values(void **state)
{
    (void)state;
    struct qx_lint_profile p;
    const char *why;
    qx_lint_profile_builtin(&p, QX_COL_WX);
    assert_int_equal(p.r[QX_R_INDENT].param, QX_INDENT_TWO_FULLWIDTH);
    assert_int_equal(p.r[QX_R_MARKDOWN].param, QX_MD_BOLD_AND_H3);
    assert_int_equal(qx_lint_profile_set(&p, QX_R_PARA_SENTENCES, "0", &why), QX_EINPUT);
    assert_non_null(why);
    assert_int_equal(qx_lint_profile_set(&p, QX_R_PARA_SENTENCES, "7", &why), 0);
    assert_int_equal(p.r[QX_R_PARA_SENTENCES].param, 7);
    assert_int_equal(qx_lint_profile_set(&p, QX_R_EMOJI, "forbid", &why), QX_EINPUT);
    assert_int_equal(qx_lint_profile_set(&p, QX_R_ACRONYM, "allow", &why), 0);
    assert_false(p.r[QX_R_ACRONYM].on);
    assert_int_equal(qx_lint_rule_find("punct.dash"), QX_R_PUNCT_DASH);
    assert_int_equal(qx_lint_rule_find("nope"), -1);
}

static void test_render_escaping(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_diag *g = qx_diags_add(&d, "a\"b.md", 1, 2, QX_SEV_ERROR, "x", "say \"hi\"\n%s", "back\\slash");
    g->byte = 1;
    g->len = 1;
    struct qx_render_opts o = {QX_FMT_JSON, "qexplain", "0", NULL, NULL, 0, NULL, 0};
    struct qx_buf out;
    qx_buf_init(&out);
    qx_render(&out, &d, &o);
    assert_non_null(strstr(out.data, "\"file\": \"a\\\"b.md\""));
    assert_non_null(strstr(out.data, "\"message\": \"say \\\"hi\\\"\\nback\\\\slash\""));
    qx_buf_reset(&out);
    o.format = QX_FMT_GITHUB;
    qx_render(&out, &d, &o);
    assert_non_null(strstr(out.data, "::error file=a\"b.md,line=1,col=2"));
    assert_non_null(strstr(out.data, "::say \"hi\"%0Aback\\slash"));
    qx_buf_release(&out);
    qx_diags_release(&d);
}

/* Truncations and byte flips of a real draft: every run completes, every
 * finding lies inside the text. */
static void test_hostile(void **state)
{
    (void)state;
    char *path = qx_path_join(QX_TEST_SRC, "tests/lint/messy.md");
    struct qx_buf b;
    struct qx_diags err;
    qx_buf_init(&b);
    qx_diags_init(&err);
    assert_int_equal(qx_file_read(&b, path, 1 << 20, &err), 0);
    struct qx_lint_profile p;
    qx_lint_profile_builtin(&p, QX_COL_WX);
    struct qx_lint_opts o = {&p, NULL, NULL, NULL};
    char *m = qx_malloc(b.len + 1);
    unsigned seed = 12345;
    for (size_t round = 0; round < 400; round++) {
        size_t len = round < 200 ? round * b.len / 200 : b.len;
        memcpy(m, b.data, b.len);
        if (round >= 200)
            for (int k = 0; k < 4; k++) {
                seed = seed * 1103515245u + 12345u;
                m[(seed >> 8) % b.len] = (char)(seed >> 20);
            }
        struct qx_diags d;
        qx_diags_init(&d);
        assert_int_equal(qx_lint_text(&d, "m", m, len, &o, &err), 0);
        for (size_t i = 0; i < d.n; i++)
            assert_true(d.items[i].byte + d.items[i].len <= len);
        struct qx_buf fixed;
        size_t applied;
        qx_buf_init(&fixed);
        assert_int_equal(qx_lint_fix(&fixed, &applied, "m", m, len, &o, &err), 0);
        qx_buf_release(&fixed);
        qx_diags_release(&d);
    }
    free(m);
    free(path);
    qx_buf_release(&b);
    qx_diags_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rx_compile_error),
        cmocka_unit_test(test_rx_limit),
        cmocka_unit_test(test_rx_groups),
        cmocka_unit_test(test_wordset),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_baseline),
        cmocka_unit_test(test_profile_values),
        cmocka_unit_test(test_render_escaping),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
