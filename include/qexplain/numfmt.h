/* numfmt: Chinese number and unit formatting of fact values, and the
 * inverse: every figure in a prose text, with its unit, scale word and
 * approximation marker. The linter's figure rule and the generator share it,
 * so that whatever the formatter prints the linter accepts. Layer 5: uses
 * util and text only. Formats, rounding and exemptions: docs/numbers.md.
 * Nothing here depends on the process locale (LC_NUMERIC). */
#ifndef QEXPLAIN_NUMFMT_H
#define QEXPLAIN_NUMFMT_H

#include <stddef.h>

#include "qexplain/util.h"

/* ---- canonical units (docs/interfaces.md §1) ---------------------------- */

/* Unit families: values convert into each other only inside a family.
 * GB and GiB are in different families on purpose (never converted). */
enum qx_unit_family {
    QX_FAM_NONE,     /* not a figure unit ("text", or an unknown unit like W) */
    QX_FAM_PLAIN,    /* bare numbers: ppl, params, count, gpus, version */
    QX_FAM_BYTES,    /* decimal bytes: bytes, MB, GB, bytes/param (base: byte) */
    QX_FAM_BIBYTES,  /* binary bytes: MiB, GiB (base: byte) */
    QX_FAM_BITS,     /* bits, bits/weight */
    QX_FAM_TIME,     /* s, ms, hours, ms/token, s/iter (base: second) */
    QX_FAM_GPUHOURS, /* gpu-hours */
    QX_FAM_TOKENS,   /* tokens/s, and bare token counts */
    QX_FAM_MULT,     /* x (倍) */
    QX_FAM_PCT,      /* %, points, ratio and accuracy (base: percent) */
    QX_FAM_COUNT_
};

/* What a compound unit is counted per. A figure with no "per" part
 * ("6.39毫秒") matches values of any per in its family ("6.39 ms/token"). */
enum qx_unit_per { QX_PER_NONE, QX_PER_WEIGHT, QX_PER_TOKEN, QX_PER_ITER, QX_PER_SECOND, QX_PER_COUNT_ };

struct qx_unit {
    const char *name; /* canonical: "GB", "tokens/s", "ratio" */
    const char *zh;   /* what the formatter prints after the number: "吉字节", "%", "" */
    enum qx_unit_family family;
    double factor; /* value × factor = value in the family's base unit */
    enum qx_unit_per per;
    int percent;     /* a 0–1 fraction printed ×100 with % (ratio, accuracy) */
    int scale_words; /* printed with 万/亿 when large (params, count, ppl ...) */
};

/* The unit record for a canonical unit name (and the extra scan units "ms",
 * "tokens", "W"), or NULL. */
const struct qx_unit *qx_numfmt_unit(const char *name);

/* The Chinese unit word for a canonical unit ("GB" -> "吉字节", "ratio" ->
 * "%", "ppl" -> ""), or NULL for an unknown unit. */
const char *qx_numfmt_unit_zh(const char *unit);

/* ---- formatting -------------------------------------------------------- */

struct qx_numfmt_opts {
    int decimals;   /* -1: as few as represent the value exactly, at most 4
                     * (more for values below 0.01, to keep 3 significant digits);
                     * >= 0: at most that many decimals of the printed number */
    int keep_zeros; /* with decimals >= 0: print exactly that many decimals ("14.0") */
    int qual;       /* enum qx_fact_qualifier: 0 none, 1 约, 2 超过, 3 不超过, 4 最高 */
};

/* Formats value in unit (a canonical fact-base unit such as "GB", "x", "%",
 * "tokens/s", "ms/token", "s", "params") the Chinese way: "2.5秒",
 * "300毫秒", "75%", "2.7倍", "14吉字节", "70亿". Rounding is GB/T 8170
 * round-half-even on the decimal value; when rounding drops a non-zero
 * digit and no qualifier is given, the figure gets 约. A bound qualifier
 * rounds toward the safe side (超过: down, 不超过/最高: up). Appends to out
 * and returns 0, or QX_EINPUT (appending nothing) for an unknown unit, the
 * unit "text", or a value that is not finite. */
int qx_numfmt_format_ex(struct qx_buf *out, double value, const char *unit,
                        const struct qx_numfmt_opts *opts);
/* The same with opts {decimals, 0, qual}. */
int qx_numfmt_format(struct qx_buf *out, double value, const char *unit, int decimals, int qual);

/* Parses an ASCII decimal number ("1.52", "-3", "1e9") spanning all of
 * s[0..len), without the locale. Returns 0, or QX_EINPUT. */
int qx_numfmt_parse(const char *s, size_t len, double *out);

/* ---- scanning ---------------------------------------------------------- */

enum qx_figure_kind {
    QX_FIG_PLAIN,    /* bare number, maybe with a scale or measure word: 5.68, 70亿, 3个 */
    QX_FIG_PERCENT,  /* 75%, 75％, 百分之七十五 */
    QX_FIG_MULTIPLE, /* 2.7倍, 2.7x, 两倍 */
    QX_FIG_UNIT,     /* number with a unit: 8.21吉字节, 5s, 300毫秒, 2个百分点 */
    QX_FIG_YEAR,     /* exempt: 2024年, 1990s, 90年代, 二〇二四年 */
    QX_FIG_ORDINAL,  /* exempt: 第3, 3.1节, "1." "一、" "（2）" at line start */
    QX_FIG_RANGE,    /* 1%～2%, 1~2%, 3至4倍, 1.52-1.69; unit holds the unit */
    QX_FIG_DATE,     /* exempt: 6月, 15日, 3个月, 2024-06-15, 10:30 */
    QX_FIG_COUNT,    /* exempt: counts in Chinese numerals, 三个问题, 两种方法 */
    QX_FIG_LABEL     /* exempt: a bit width naming a number format: 4位, 8比特, 16位整数 */
};

/* Flags of a figure (bit set). */
enum {
    QX_FIGF_FULLWIDTH = 1 << 0,  /* written with full-width digits １０ */
    QX_FIGF_LATIN_UNIT = 1 << 1, /* unit written in Latin letters: 5s, 300ms, 4 GB */
    QX_FIGF_ZH_NUMERAL = 1 << 2, /* written in Chinese numerals: 两倍, 百分之五十 */
    QX_FIGF_BARE_LO = 1 << 3,    /* range whose lower end lacks the unit: 1~2% */
    QX_FIGF_GROUPED = 1 << 4     /* thousands separators: 13,543 */
};

/* A figure found in prose. Figures that are part of a name (Qwen2-7B, INT4,
 * Q4_K_M, 7B, 4位整数, RTX 4090, v0.5.3, #7) are not reported at all. */
struct qx_figure {
    size_t byte, len;           /* span in the text, including markers and unit */
    size_t num_byte, num_len;   /* the (first) number's digits, sign included */
    size_t unit_byte, unit_len; /* the unit as written (the upper end's in a range); len 0: none */
    size_t sep_byte, sep_len;   /* ranges: the separator (～ ~ - — 至 到); len 0: none */
    double value;               /* in `unit`, after scale words: "1.2万" -> 12000; signed */
    double value_hi;            /* ranges: the upper end; else == value */
    int decimals;               /* as written, relative to the scale word: "2.50" -> 2, "1.2万" -> 1 */
    double step, step_hi;       /* one unit of the last written digit, in `unit`: 1.2万 -> 1000 */
    int tzeros, tzeros_hi;      /* trailing zeros of an integer: 50 -> 1, 1000 -> 3 */
    char unit[24];              /* canonical unit, or "" for a bare number */
    enum qx_figure_kind kind;
    int approx;     /* 约 大约 近 将近 接近 左右 上下 ... */
    int bound;      /* 1: 超过 以上 至少 多 余; -1: 不超过 以下 最多 最高 不到; 0 none */
    unsigned flags; /* QX_FIGF_* */
};

/* 1 for kinds no fact needs to back: years, dates, ordinals, Chinese
 * counts, bit-width labels. */
int qx_figure_exempt(const struct qx_figure *fig);

/* Extracts every figure from UTF-8 text s[0..len) in text order; appends to
 * *out (grown with qx_grow; *n and *cap updated) and returns the number
 * appended. Linear in len; invalid UTF-8 is skipped byte by byte. */
size_t qx_numfmt_scan(const char *text, size_t len, struct qx_figure **out, size_t *n, size_t *cap);

#endif
