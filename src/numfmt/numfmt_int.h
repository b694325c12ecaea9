/* numfmt internals shared by its .c files: exact decimal digit strings
 * (so rounding happens on the decimal value a reader sees, not on the
 * binary double), and the written unit words the scanner recognises. */
#ifndef QEXPLAIN_NUMFMT_INT_H
#define QEXPLAIN_NUMFMT_INT_H

#include <stddef.h>

#include "qexplain/numfmt.h"
#include "qexplain/util.h"

/* A non-negative decimal: value = digits (as an integer) × 10^e.
 * Invariant: 1 <= n <= QX_DEC_MAX, no leading zero unless the value is 0
 * ("0", e == 0), no trailing zero (they are folded into e). */
#define QX_DEC_MAX 40
struct qx_dec {
    char d[QX_DEC_MAX + 1];
    int n;
    int e;
};

enum qx_dec_mode { QX_ROUND_HALF_EVEN, QX_ROUND_DOWN, QX_ROUND_UP };

/* The shortest digits that read back as |v| (v finite). */
void qx_dec_from_double(struct qx_dec *x, double v);
/* The value as a double, correctly rounded (no locale involved). */
double qx_dec_to_double(const struct qx_dec *x);
/* Sets x from digits ds[0..nd) (ASCII) times 10^e; normalises. Returns 0,
 * or -1 when there are more than QX_DEC_MAX significant digits. */
int qx_dec_set(struct qx_dec *x, const char *ds, int nd, int e);
/* Rounds to k decimals (k may be negative: tens ...). Returns 1 when a
 * non-zero digit was dropped (the value changed), else 0. */
int qx_dec_round(struct qx_dec *x, int k, enum qx_dec_mode mode);
/* Decimals needed to write x exactly (0 for integers). */
int qx_dec_decimals(const struct qx_dec *x);
/* Digits before the decimal point (<= 0 for values below 1). */
int qx_dec_int_digits(const struct qx_dec *x);
/* Appends x in plain notation with at least mindec decimals. */
void qx_dec_print(struct qx_buf *out, const struct qx_dec *x, int mindec);

/* A unit word as written in prose after a number. */
enum {
    QX_UW_LATIN = 1 << 0,   /* Latin letters: needs a word boundary after it */
    QX_UW_BITLIKE = 1 << 1, /* 位, 比特, bit: "4位整数" is a format name, not a figure */
    QX_UW_MEASURE = 1 << 2, /* a measure word (个 种 块 ...): a count */
    QX_UW_NOT_ZH = 1 << 3   /* not a unit after Chinese numerals (十分, 一位 ...) */
};
struct qx_unit_word {
    const char *text;
    const char *unit; /* canonical unit */
    double factor;    /* written value × factor = value in unit */
    unsigned flags;
};

/* The longest unit word at s[0..len), or NULL. For Latin words, the byte
 * after the word must not be an ASCII letter or digit. */
const struct qx_unit_word *qx_numfmt_unit_word(const char *s, size_t len);

#endif
