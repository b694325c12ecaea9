/* The shipped fact base (facts/, loaded with the facts module) against
 * numfmt and the tracer: every editor-written `display` scans to one figure
 * that traces back to its own value, and every numeric value formatted by
 * numfmt does the same, also through the index of the whole base. A
 * failure names the fact and value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qexplain/diag.h"
#include "qexplain/facts.h"
#include "qexplain/figures.h"

static struct qx_facts *base;
static struct qx_figures_index *ix;

static int setup(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    int rc = qx_facts_load(&base, QX_TEST_SRC "/facts", &d);
    qx_diags_release(&d);
    if (rc != 0)
        return -1;
    ix = qx_figures_index_new(base);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    qx_figures_index_free(ix);
    qx_facts_free(base);
    return 0;
}

/* The one figure of s that is not exempt (bit-width labels aside), or NULL. */
static const struct qx_figure *only_figure(const struct qx_figure *f, size_t n)
{
    const struct qx_figure *one = NULL;
    for (size_t i = 0; i < n; i++) {
        if (qx_figure_exempt(&f[i]) && f[i].kind != QX_FIG_LABEL)
            continue;
        if (one)
            return NULL;
        one = &f[i];
    }
    return one;
}

static void round_trip(const struct qx_fact *fact, const struct qx_fact_value *v, const char *s,
                       const char *what)
{
    struct qx_figure *f = NULL;
    size_t n = 0, cap = 0;
    qx_numfmt_scan(s, strlen(s), &f, &n, &cap);
    const struct qx_figure *fig = only_figure(f, n);
    if (!fig)
        fail_msg("%s.%s: %s '%s' holds %zu figures, want one", fact->id, v->key, what, s, n);
    enum qx_trace_status own = qx_figures_check(fig, v);
    struct qx_trace t;
    enum qx_trace_status any = qx_figures_index_trace(ix, fig, &t);
    int label = fig->kind == QX_FIG_LABEL;
    if (!(qx_trace_ok(own) && (own != QX_TRACE_EXEMPT || label)) || !qx_trace_ok(any))
        fail_msg("%s.%s: %s '%s' traces to its own value as %d and in the base as %d", fact->id, v->key, what,
                 s, (int)own, (int)any);
    free(f);
}

static void displays_trace_to_their_value(void **state)
{
    (void)state;
    size_t n = 0;
    for (size_t i = 0; i < base->n; i++)
        for (size_t k = 0; k < base->facts[i].nvalues; k++) {
            const struct qx_fact_value *v = &base->facts[i].values[k];
            if (!v->display || !qx_numfmt_unit_zh(v->unit))
                continue;
            round_trip(&base->facts[i], v, v->display, "display");
            n++;
        }
    assert_true(n > 100); /* the shipped base has hundreds of displays */
}

static void formatted_values_trace_to_their_value(void **state)
{
    (void)state;
    struct qx_buf b;
    qx_buf_init(&b);
    size_t n = 0;
    for (size_t i = 0; i < base->n; i++)
        for (size_t k = 0; k < base->facts[i].nvalues; k++) {
            const struct qx_fact_value *v = &base->facts[i].values[k];
            if (!v->is_number || !qx_numfmt_unit_zh(v->unit))
                continue;
            for (int dec = -1; dec <= 1; dec++) {
                qx_buf_reset(&b);
                assert_int_equal(qx_numfmt_format(&b, v->value, v->unit, dec, (int)v->qual), 0);
                round_trip(&base->facts[i], v, b.data, "formatted value");
                n++;
            }
        }
    assert_true(n > 300);
    qx_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(displays_trace_to_their_value),
        cmocka_unit_test(formatted_values_trace_to_their_value),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
