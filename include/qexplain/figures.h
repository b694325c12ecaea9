/* figures: traces a figure found in prose (numfmt) to a value or derived
 * value of the fact base, after unit conversion and within the rounding the
 * figure shows; names the nearest value when none matches. The linter's
 * figures.traceable rule and the generator's self-check use it. Layer 5:
 * uses facts (struct fields only) and numfmt. Rules: docs/numbers.md. */
#ifndef QEXPLAIN_FIGURES_H
#define QEXPLAIN_FIGURES_H

#include "qexplain/facts.h"
#include "qexplain/numfmt.h"
#include "qexplain/util.h"

enum qx_trace_status {
    QX_TRACE_EXEMPT,       /* a year, date, ordinal or Chinese-numeral count */
    QX_TRACE_EXACT,        /* equals a value after conversion: 8.21吉字节, 8210兆字节 */
    QX_TRACE_ROUNDED,      /* a rounding of a value, marked approximate: 约52% for 0.517 */
    QX_TRACE_BOUND,        /* a bound the value meets within the last digit: 超过50% for 51.7% */
    QX_TRACE_QUALIFIER,    /* matches a value but drops its qualifier: 3倍 for "more than 3x" */
    QX_TRACE_NEEDS_APPROX, /* a rounding of a value without 约: 52% for 0.517 */
    QX_TRACE_NONE          /* nothing matches; fact/value name the nearest, if any */
};

struct qx_trace {
    enum qx_trace_status status;
    const struct qx_fact *fact; /* the match (or the nearest for NONE; may be NULL) */
    const struct qx_fact_value *value;
    const struct qx_fact *fact_hi; /* ranges: the upper end's match; else == fact */
    const struct qx_fact_value *value_hi;
    double rel; /* |figure - value| / max(|figure|, |value|) */
};

/* 1 for the statuses the figure rule accepts: EXEMPT EXACT ROUNDED BOUND. */
int qx_trace_ok(enum qx_trace_status s);

/* An index of every numeric value of a fact base, by unit family: build it
 * once (O(n log n)), then each trace is a binary search. The index borrows
 * facts, which must outlive it. */
struct qx_figures_index;
struct qx_figures_index *qx_figures_index_new(const struct qx_facts *facts);
void qx_figures_index_free(struct qx_figures_index *ix);
enum qx_trace_status qx_figures_index_trace(const struct qx_figures_index *ix, const struct qx_figure *fig,
                                            struct qx_trace *out);

/* One-off form: builds a temporary index. Use the index form in loops. */
enum qx_trace_status qx_figures_trace(const struct qx_facts *facts, const struct qx_figure *fig,
                                      struct qx_trace *out);

/* Judges fig against one given value (the generator's check that a figure
 * it printed still says what the cited value says). EXEMPT for exempt
 * figures, NONE when the units cannot be compared. */
enum qx_trace_status qx_figures_check(const struct qx_figure *fig, const struct qx_fact_value *v);

/* Checks that every value's display form (the text articles print) still
 * says its value: each display must scan as figures that qx_figures_check
 * accepts against the value. A display left behind after the value was
 * corrected is an error [facts.display] at the value's line and column.
 * Returns the number of errors added. */
size_t qx_figures_check_displays(const struct qx_facts *facts, struct qx_diags *d);

/* Appends "fact-id.key (display)": the value's display, else the value
 * formatted by numfmt with its qualifier. */
void qx_figures_describe(struct qx_buf *out, const struct qx_fact *fact, const struct qx_fact_value *v);

/* Appends the lint message for fig (found in text) traced as t, e.g.
 * "figure '72%' matches no fact; nearest: qwen3-32b-transformers-speed-mem.mem_cut (69.5%)". */
void qx_figures_message(struct qx_buf *out, const char *text, const struct qx_figure *fig,
                        const struct qx_trace *t);

#endif
