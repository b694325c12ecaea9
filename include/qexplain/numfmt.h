/* numfmt: Chinese number and unit formatting of fact values, and the
 * inverse: every figure in a prose text, with its unit, scale word and
 * approximation marker. The linter's figure rule and the generator share it,
 * so that whatever the formatter prints the linter accepts. */
#ifndef QEXPLAIN_NUMFMT_H
#define QEXPLAIN_NUMFMT_H

#include <stddef.h>

#include "qexplain/util.h"

/* Formats value in unit (a canonical fact-base unit such as "GB", "x", "%",
 * "tokens/s", "ms/token", "s", "params") the Chinese way: "2.5秒", "300毫秒",
 * "75%", "2.7倍", "14吉字节", "70亿", with at most `decimals` decimals
 * (-1: as few as represent the value exactly up to 4 decimals). qual adds
 * 约 / 超过 / 不超过 / 最高 (enum qx_fact_qualifier values). Appends to out. */
void qx_numfmt_format(struct qx_buf *out, double value, const char *unit, int decimals, int qual);

/* The Chinese unit word for a canonical unit ("GB" -> "吉字节"), or NULL. */
const char *qx_numfmt_unit_zh(const char *unit);

enum qx_figure_kind { QX_FIG_PLAIN, QX_FIG_PERCENT, QX_FIG_MULTIPLE, QX_FIG_UNIT, QX_FIG_YEAR,
                      QX_FIG_ORDINAL, QX_FIG_RANGE };

/* A figure found in prose. */
struct qx_figure {
    size_t byte, len;       /* span in the text, including markers and unit */
    double value;           /* after scale words: "1.2万" -> 12000 */
    double value_hi;        /* ranges "1%～2%": the upper end; else == value */
    int decimals;           /* as written: "2.50" -> 2 (rounding tolerance) */
    char unit[24];          /* canonical unit or "" */
    enum qx_figure_kind kind;
    int approx;             /* 约, 左右, 近, 大约, 上下 ... */
    int bound;              /* 1 超过/以上, -1 不超过/以下/最多, 0 none */
};

/* Extracts every figure from UTF-8 text; appends to *out (grown with qx_grow). */
size_t qx_numfmt_scan(const char *text, size_t len, struct qx_figure **out, size_t *n, size_t *cap);

#endif
