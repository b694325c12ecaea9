/* numfmt formatting: every canonical unit, rounding (GB/T 8170 half-even on
 * the decimal value), qualifiers, scale words, errors, and independence
 * from LC_NUMERIC. Table-driven: a failure names the row. */
#include <limits.h>
#include <locale.h>
#include <math.h>
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
#include "qexplain/numfmt.h"

struct fcase {
    double value;
    const char *unit;
    int decimals, qual;
    const char *want;
};

static const struct fcase cases[] = {
    {2.5, "s", -1, 0, "2.5秒"},
    {0.446, "s", -1, 0, "0.446秒"},
    {300, "ms", -1, 0, "300毫秒"},
    {0.75, "ratio", -1, 0, "75%"},
    {0.517, "ratio", -1, 0, "51.7%"},
    {0.517, "ratio", 0, 0, "约52%"},
    {0.695, "ratio", 1, 0, "69.5%"},
    {1.0 / 3, "ratio", -1, 0, "约33.3333%"},
    {0.00001, "ratio", -1, 0, "0.001%"},
    {20, "%", -1, QX_QUAL_UP_TO, "最高20%"},
    {79.2, "%", -1, 0, "79.2%"},
    {2.7, "x", -1, 0, "2.7倍"},
    {2.69, "x", 1, 0, "约2.7倍"},
    {2.675, "x", 2, 0, "约2.68倍"}, /* half-even on the decimal 2.675 (binary is 2.67499...) */
    {2.665, "x", 2, 0, "约2.66倍"},
    {3, "x", -1, QX_QUAL_MORE_THAN, "超过3倍"},
    {1.56, "x", -1, QX_QUAL_UP_TO, "最高1.56倍"},
    {1.561, "x", 2, QX_QUAL_UP_TO, "最高1.57倍"},    /* an upper bound rounds up */
    {99.95, "%", 1, QX_QUAL_MORE_THAN, "超过99.9%"}, /* a lower bound rounds down */
    {1, "%", -1, QX_QUAL_AT_MOST, "不超过1%"},
    {14, "GB", -1, 0, "14吉字节"},
    {14.0, "GB", 0, QX_QUAL_APPROX, "约14吉字节"},
    {8.21, "GB", -1, 0, "8.21吉字节"},
    {16.99, "GB", 0, 0, "约17吉字节"},
    {4.58, "GiB", -1, 0, "4.58吉比字节"},
    {13543, "MiB", -1, 0, "13543兆比字节"},
    {62751, "MB", -1, 0, "62751兆字节"},
    {352, "GB", -1, 0, "352吉字节"},
    {2, "bytes/param", -1, 0, "2字节"},
    {0.5, "bytes/param", -1, 0, "0.5字节"},
    {4, "bytes", -1, 0, "4字节"},
    {4.8944, "bits/weight", -1, 0, "4.8944位"},
    {16.0005, "bits/weight", -1, 0, "16.0005位"},
    {4.8944, "bits/weight", 1, 0, "约4.9位"},
    {2, "bits", -1, 0, "2位"},
    {40.93, "tokens/s", -1, 0, "40.93词元/秒"},
    {198.848, "tokens/s", -1, 0, "198.848词元/秒"},
    {6.39, "ms/token", -1, 0, "6.39毫秒/词元"},
    {3.0, "s/iter", -1, 0, "3秒/步"},
    {27.4, "s/iter", -1, 0, "27.4秒/步"},
    {24, "hours", -1, 0, "24小时"},
    {4, "gpu-hours", -1, QX_QUAL_APPROX, "约4GPU小时"},
    {80.1, "points", -1, 0, "80.1分"},
    {-0.7, "points", -1, 0, "\u22120.7分"},
    {0.7849, "accuracy", -1, 0, "78.49%"},
    {5.68, "ppl", -1, 0, "5.68"},
    {0.0026, "ppl", -1, 0, "0.0026"},
    {0.00012345, "ppl", -1, 0, "约0.000123"},
    {7e9, "params", -1, 0, "70亿"},
    {1.2e4, "params", -1, 0, "1.2万"},
    {176e9, "params", -1, 0, "1760亿"},
    {175e9, "params", -1, 0, "1750亿"},
    {3e9, "params", -1, QX_QUAL_APPROX, "约30亿"},
    {1.5e12, "params", -1, 0, "1.5万亿"},
    {7.25e9, "params", 0, 0, "约72亿"},
    {1000, "count", -1, QX_QUAL_MORE_THAN, "超过1000"},
    {57344, "count", -1, 0, "57344"},
    {12000, "count", -1, 0, "1.2万"},
    {1234567, "count", -1, 0, "123.4567万"},
    {2048, "count", -1, 0, "2048"},
    {8, "gpus", -1, 0, "8块"},
    {3, "version", -1, 0, "3"},
    {0, "GB", -1, 0, "0吉字节"},
    {0, "ratio", -1, 0, "0%"},
};

static void formats_every_case(void **state)
{
    (void)state;
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct fcase *c = &cases[i];
        qx_buf_reset(&b);
        int rc = qx_numfmt_format(&b, c->value, c->unit, c->decimals, c->qual);
        if (rc != 0 || strcmp(b.data, c->want) != 0)
            fail_msg("row %zu: format(%.17g, %s, %d, %d) = '%s' (rc %d), want '%s'", i, c->value, c->unit,
                     c->decimals, c->qual, b.data, rc, c->want);
    }
    qx_buf_release(&b);
}

static void keeps_zeros_when_asked(void **state)
{
    (void)state;
    struct qx_buf b;
    qx_buf_init(&b);
    struct qx_numfmt_opts o = {1, 1, 0};
    assert_int_equal(qx_numfmt_format_ex(&b, 14.0, "GB", &o), 0);
    assert_string_equal(b.data, "14.0吉字节");
    qx_buf_reset(&b);
    o.decimals = 2;
    assert_int_equal(qx_numfmt_format_ex(&b, 4.5, "GB", &o), 0);
    assert_string_equal(b.data, "4.50吉字节");
    qx_buf_reset(&b);
    o.keep_zeros = 0;
    assert_int_equal(qx_numfmt_format_ex(&b, 4.5, "GB", &o), 0);
    assert_string_equal(b.data, "4.5吉字节");
    qx_buf_release(&b);
}

static void rejects_bad_input_without_output(void **state)
{
    (void)state;
    struct qx_buf b;
    qx_buf_init(&b);
    qx_buf_adds(&b, "x");
    assert_int_equal(qx_numfmt_format(&b, 1, "furlongs", -1, 0), QX_EINPUT);
    assert_int_equal(qx_numfmt_format(&b, 1, "text", -1, 0), QX_EINPUT);
    assert_int_equal(qx_numfmt_format(&b, 1, "W", -1, 0), QX_EINPUT);
    assert_int_equal(qx_numfmt_format(&b, 1, NULL, -1, 0), QX_EINPUT);
    assert_int_equal(qx_numfmt_format(&b, NAN, "GB", -1, 0), QX_EINPUT);
    assert_int_equal(qx_numfmt_format(&b, INFINITY, "GB", -1, 0), QX_EINPUT);
    assert_string_equal(b.data, "x");
    qx_buf_release(&b);
}

static void names_units(void **state)
{
    (void)state;
    assert_string_equal(qx_numfmt_unit_zh("GB"), "吉字节");
    assert_string_equal(qx_numfmt_unit_zh("GiB"), "吉比字节");
    assert_string_equal(qx_numfmt_unit_zh("MiB"), "兆比字节");
    assert_string_equal(qx_numfmt_unit_zh("ratio"), "%");
    assert_string_equal(qx_numfmt_unit_zh("tokens/s"), "词元/秒");
    assert_string_equal(qx_numfmt_unit_zh("ppl"), "");
    assert_null(qx_numfmt_unit_zh("text"));
    assert_null(qx_numfmt_unit_zh("nope"));
    /* GB and GiB never convert into each other */
    assert_int_not_equal(qx_numfmt_unit("GB")->family, qx_numfmt_unit("GiB")->family);
    assert_int_equal(qx_numfmt_unit("MB")->family, qx_numfmt_unit("GB")->family);
}

static void parses_plain_numbers(void **state)
{
    (void)state;
    double v;
    assert_int_equal(qx_numfmt_parse("1.52", 4, &v), 0);
    assert_true(v == 1.52);
    assert_int_equal(qx_numfmt_parse("-3", 2, &v), 0);
    assert_true(v == -3);
    assert_int_equal(qx_numfmt_parse("7e9", 3, &v), 0);
    assert_true(v == 7e9);
    assert_int_equal(qx_numfmt_parse("0.0026", 6, &v), 0);
    assert_true(v == 0.0026);
    assert_int_equal(qx_numfmt_parse("1.5x", 4, &v), QX_EINPUT);
    assert_int_equal(qx_numfmt_parse("", 0, &v), QX_EINPUT);
    assert_int_equal(qx_numfmt_parse(".", 1, &v), QX_EINPUT);
    assert_int_equal(qx_numfmt_parse("1e", 2, &v), QX_EINPUT);
}

/* A locale whose decimal point is a comma: installed if present, else
 * compiled with localedef into a temporary LOCPATH. */
static int comma_locale(char *dir, size_t n) /* dir: PATH_MAX bytes */
{
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        return 1;
    char rel[] = "qx-numfmt-locale-XXXXXX"; /* in the test's working directory */
    char cwd[PATH_MAX];
    if (!mkdtemp(rel) || !getcwd(cwd, sizeof cwd) || (size_t)snprintf(dir, n, "%s/%s", cwd, rel) >= n)
        return 0;
    char cmd[PATH_MAX + 96];
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 '%s/de_DE.UTF-8' >/dev/null 2>&1", dir);
    if (system(cmd) != 0)
        return 0;
    setenv("LOCPATH", dir, 1);
    return setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL;
}

static void ignores_lc_numeric(void **state)
{
    (void)state;
    char dir[PATH_MAX] = "";
    if (!comma_locale(dir, sizeof dir)) {
        if (dir[0])
            rmdir(dir);
        skip();
    }
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 2.5);
    assert_string_equal(probe, "2,5"); /* the locale really is active */
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        qx_buf_reset(&b);
        assert_int_equal(
            qx_numfmt_format(&b, cases[i].value, cases[i].unit, cases[i].decimals, cases[i].qual), 0);
        if (strcmp(b.data, cases[i].want) != 0)
            fail_msg("row %zu under a comma locale: '%s', want '%s'", i, b.data, cases[i].want);
    }
    double v;
    assert_int_equal(qx_numfmt_parse("1.52", 4, &v), 0);
    assert_true(v == 1.52);
    struct qx_figure *f = NULL;
    size_t n = 0, cap = 0;
    const char *t = "约8.21吉字节";
    qx_numfmt_scan(t, strlen(t), &f, &n, &cap);
    assert_int_equal(n, 1);
    assert_true(f[0].value == 8.21);
    free(f);
    qx_buf_release(&b);
    setlocale(LC_NUMERIC, "C");
    if (dir[0]) {
        char cmd[PATH_MAX + 16];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        assert_int_equal(system(cmd), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_every_case),
        cmocka_unit_test(keeps_zeros_when_asked),
        cmocka_unit_test(rejects_bad_input_without_output),
        cmocka_unit_test(names_units),
        cmocka_unit_test(parses_plain_numbers),
        cmocka_unit_test(ignores_lc_numeric),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
