/* The numfmt contract as a property: whatever qx_numfmt_format prints,
 * qx_numfmt_scan reads back as exactly one figure spanning the whole
 * string, and qx_figures_check matches it to the value it came from (exact,
 * rounded with 约, or a bound on the safe side). Runs over every canonical
 * unit, every qualifier, several decimal settings and thousands of values
 * from a fixed pseudo-random sequence (deterministic). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qexplain/figures.h"

struct urange {
    const char *unit;
    double lo, hi; /* magnitudes drawn log-uniformly in [lo, hi] */
    int integers;  /* only integer values */
    int negative;  /* negative values too */
};

static const struct urange units[] = {
    {"GB", 1e-3, 1e5, 0, 0},        {"GiB", 1e-3, 1e5, 0, 0},      {"MB", 1, 1e6, 0, 0},
    {"MiB", 1, 1e6, 0, 0},          {"bytes", 0.5, 1e6, 0, 0},     {"bits", 0.1, 64, 0, 0},
    {"bits/weight", 0.1, 64, 0, 0}, {"bytes/param", 0.1, 8, 0, 0}, {"tokens/s", 0.01, 1e5, 0, 0},
    {"ms/token", 0.01, 1e4, 0, 0},  {"s", 1e-4, 1e5, 0, 0},        {"ms", 0.01, 1e5, 0, 0},
    {"s/iter", 0.01, 1e3, 0, 0},    {"hours", 0.01, 1e4, 0, 0},    {"gpu-hours", 0.1, 1e6, 0, 0},
    {"x", 0.01, 100, 0, 0},         {"%", 0.001, 1000, 0, 0},      {"points", 0.01, 100, 0, 1},
    {"accuracy", 1e-4, 1, 0, 0},    {"ratio", 1e-5, 1, 0, 0},      {"ppl", 1e-4, 1e5, 0, 0},
    {"params", 1e3, 1e13, 0, 0},    {"count", 1, 1e9, 1, 0},       {"gpus", 1, 1e4, 1, 0},
    {"version", 1, 999, 1, 0},
};

static uint64_t rng = 0x9E3779B97F4A7C15u;

static double uniform(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

/* A value with up to 6 significant digits, as fact values are written. */
static double draw(const struct urange *u)
{
    double v = exp(log(u->lo) + uniform() * (log(u->hi) - log(u->lo)));
    double p = pow(10, floor(log10(v)) - 5);
    v = round(v / p) * p;
    if (u->integers)
        v = fmax(1, round(v));
    char buf[64];
    snprintf(buf, sizeof buf, "%.6g", v); /* C locale in tests: a clean decimal */
    v = strtod(buf, NULL);
    if (u->negative && uniform() < 0.3)
        v = -v;
    return v;
}

static int bit_label(const char *unit, double v, const struct qx_figure *f)
{
    return f->kind == QX_FIG_LABEL && (strcmp(unit, "bits") == 0 || strcmp(unit, "bits/weight") == 0) &&
           v == round(v);
}

static size_t check_one(const struct urange *u, double v, int decimals, int qual, struct qx_buf *s,
                        struct qx_buf *text)
{
    qx_buf_reset(s);
    assert_int_equal(qx_numfmt_format(s, v, u->unit, decimals, qual), 0);
    qx_buf_reset(text);
    qx_buf_adds(text, "实测数值为");
    size_t at = text->len;
    qx_buf_adds(text, s->data);
    qx_buf_adds(text, "。");

    struct qx_figure *f = NULL;
    size_t n = 0, cap = 0;
    qx_numfmt_scan(text->data, text->len, &f, &n, &cap);
    if (n != 1 || f[0].byte != at || f[0].len != s->len)
        fail_msg("%s %.17g dec %d qual %d: '%s' scanned as %zu figures (first at %zu, %zu bytes)", u->unit, v,
                 decimals, qual, s->data, n, n ? f[0].byte : 0, n ? f[0].len : 0);
    struct qx_fact_value val;
    memset(&val, 0, sizeof val);
    val.key = "v";
    val.is_number = 1;
    val.value = v;
    val.unit = (char *)u->unit;
    val.qual = (enum qx_fact_qualifier)qual;
    val.decimals = -1;
    enum qx_trace_status st = qx_figures_check(&f[0], &val);
    int ok = st == QX_TRACE_EXACT || st == QX_TRACE_ROUNDED || st == QX_TRACE_BOUND ||
             (st == QX_TRACE_EXEMPT && bit_label(u->unit, v, &f[0]));
    if (!ok)
        fail_msg("%s %.17g dec %d qual %d: '%s' traces as status %d", u->unit, v, decimals, qual, s->data,
                 (int)st);
    /* 约 appears exactly when the printed value differs from the value */
    if (qual == QX_QUAL_NONE && st == QX_TRACE_ROUNDED && !f[0].approx)
        fail_msg("'%s' rounds %.17g without 约", s->data, v);
    free(f);
    return 1;
}

static void format_scan_trace_round_trip(void **state)
{
    (void)state;
    static const int decs[] = {-1, 0, 1, 2, 3};
    struct qx_buf s, text;
    qx_buf_init(&s);
    qx_buf_init(&text);
    size_t checked = 0;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
        for (int i = 0; i < 160; i++) {
            double v = draw(&units[u]);
            for (size_t d = 0; d < sizeof decs / sizeof decs[0]; d++)
                for (int q = 0; q <= 4; q++)
                    checked += check_one(&units[u], v, decs[d], q, &s, &text);
        }
    /* every unit, hand-picked values where rounding carries or hits a tie */
    static const double edge[] = {0, 0.5, 0.9999, 1, 2.5, 9.995, 99.95, 0.125, 1000, 12000, 7e9};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
        for (size_t e = 0; e < sizeof edge / sizeof edge[0]; e++)
            for (size_t d = 0; d < sizeof decs / sizeof decs[0]; d++)
                for (int q = 0; q <= 4; q++)
                    if (!units[u].integers || edge[e] == round(edge[e]))
                        checked += check_one(&units[u], edge[e], decs[d], q, &s, &text);
    assert_true(checked > 50000);
    qx_buf_release(&s);
    qx_buf_release(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_scan_trace_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
