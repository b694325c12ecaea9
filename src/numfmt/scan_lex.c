/* scan_lex: lexes one written Arabic number for the figure scanner: digits
 * (ASCII or full-width, thousands separators, decimals, sign), the scale
 * word (千 万 亿), 多/余 and the unit word; spots numbers that belong to
 * names (7B, 4-bit, Q4_K_M), bit-width labels (4位) and calendar words
 * (年 月 日). Depends on text, scan_util and the unit-word table.
 * Invariant: reads t[0..len) only; p->end is past i. */
#include <math.h>
#include <string.h>

#include "qexplain/text.h"
#include "scan_int.h"

/* ---- Arabic numbers ----------------------------------------------------- */

static int skip_sign(const char *t, size_t len, size_t *j)
{
    static const char *const minus[] = {"-", "\u2212", "\uFF0D"};
    static const char *const plus[] = {"+", "\uFF0B"};
    for (size_t k = 0; k < 3; k++)
        if (qx_scan_has(t, len, *j, minus[k])) {
            *j += strlen(minus[k]);
            return -1;
        }
    for (size_t k = 0; k < 2; k++)
        if (qx_scan_has(t, len, *j, plus[k])) {
            *j += strlen(plus[k]);
            return 1;
        }
    return 0;
}

/* Reads digits into ds; returns how many were read (all, even past cap). */
static int read_digits(const char *t, size_t len, size_t *j, char *ds, int *nd, unsigned *flags)
{
    int n = 0, d, w;
    while ((d = qx_scan_digit(t, len, *j, &w)) >= 0) {
        if (w == 3)
            *flags |= QX_FIGF_FULLWIDTH;
        if (*nd < QX_DEC_MAX)
            ds[*nd] = (char)('0' + d);
        (*nd)++;
        n++;
        *j += (size_t)w;
    }
    return n;
}

static int ascii_digit(const char *t, size_t len, size_t i)
{
    return i < len && t[i] >= '0' && t[i] <= '9';
}

static int point_at(const char *t, size_t len, size_t j, size_t *w)
{
    int dw;
    if (qx_scan_has(t, len, j, ".") && qx_scan_digit(t, len, j + 1, &dw) >= 0) {
        *w = 1;
        return 1;
    }
    if (qx_scan_has(t, len, j, "\uFF0E") && qx_scan_digit(t, len, j + 3, &dw) >= 0) {
        *w = 3;
        return 1;
    }
    return 0;
}

/* Calendar and clock words right after an integer. */
static enum qx_part_status calendar(const char *t, size_t len, size_t j, int nint, struct qx_part *p)
{
    static const char *const date_words[] = {"个月", "月份", "月", "日", "号", "季度"};
    p->kind = QX_FIG_DATE;
    if (qx_scan_has(t, len, j, "年代")) {
        p->kind = QX_FIG_YEAR;
        p->end = j + strlen("年代");
        return QX_PART_EXEMPT;
    }
    if (qx_scan_has(t, len, j, "年")) {
        p->kind = nint == 4 ? QX_FIG_YEAR : QX_FIG_DATE;
        p->end = j + strlen("年");
        return QX_PART_EXEMPT;
    }
    for (size_t k = 0; k < sizeof date_words / sizeof *date_words; k++)
        if (qx_scan_has(t, len, j, date_words[k])) {
            p->end = j + strlen(date_words[k]);
            return QX_PART_EXEMPT;
        }
    /* 2024-06-15, 2024/6, 10:30 */
    if ((nint == 4 && j < len && (t[j] == '-' || t[j] == '/') && ascii_digit(t, len, j + 1)) ||
        (nint <= 2 && j < len && t[j] == ':' && ascii_digit(t, len, j + 1) && ascii_digit(t, len, j + 2))) {
        char sep = t[j];
        size_t k = j;
        while (k < len && t[k] == sep && ascii_digit(t, len, k + 1))
            for (k++; ascii_digit(t, len, k); k++)
                ;
        p->end = k;
        return QX_PART_EXEMPT;
    }
    return QX_PART_NONE;
}

/* 千 is a scale word unless it starts a unit (千字节) or a metric prefix. */
static int scale_word(const char *t, size_t len, size_t k, int *pow10, size_t *w)
{
    *w = 3;
    if (qx_scan_has(t, len, k, "万")) {
        *pow10 = 4;
        return 1;
    }
    if (qx_scan_has(t, len, k, "亿")) {
        *pow10 = 8;
        return 1;
    }
    if (qx_scan_has(t, len, k, "百") &&
        (qx_scan_has(t, len, k + 3, "万") || qx_scan_has(t, len, k + 3, "亿"))) {
        *pow10 = 2;
        return 1;
    }
    if (qx_scan_has(t, len, k, "千")) {
        static const char *const metric[] = {"米", "克", "瓦", "卡", "焦", "赫", "伏", "帕"};
        const struct qx_unit_word *uw = qx_numfmt_unit_word(t + k, len - k);
        if (uw && strcmp(uw->text, "千") != 0)
            return 0;
        for (size_t m = 0; m < sizeof metric / sizeof *metric; m++)
            if (qx_scan_has(t, len, k + 3, metric[m]))
                return 0;
        *pow10 = 3;
        return 1;
    }
    return 0;
}

/* 多 / 余 after a number: "1000多个", "10余种", "3倍多". */
static int more_word(const char *t, size_t len, size_t *j)
{
    if (qx_scan_has(t, len, *j, "多") || qx_scan_has(t, len, *j, "余")) {
        *j += 3;
        return 1;
    }
    return 0;
}

/* The unit word at j (or after one space). Returns 1 and fills p, 0 for
 * none, -1 when the number turns out to be part of a name. */
static int unit_at(const char *t, size_t len, size_t j, const struct qx_part *num, struct qx_part *p)
{
    size_t u = j;
    const struct qx_unit_word *uw = qx_numfmt_unit_word(t + u, len - u);
    if (!uw && u < len && t[u] == ' ') {
        u++;
        uw = qx_numfmt_unit_word(t + u, len - u);
        if (uw && (uw->flags & QX_UW_MEASURE))
            uw = NULL; /* "3 个" is not how counts are written; keep it bare */
    }
    if (!uw)
        return 0;
    size_t ue = u + strlen(uw->text);
    if (strcmp(uw->text, "分") == 0 && qx_scan_has(t, len, ue, "之"))
        return -1; /* 3分之1: a fraction, not points */
    if ((uw->flags & QX_UW_BITLIKE) && num->decimals == 0 && !num->scaled && num->sign == 0) {
        /* An integer bit width names a number format, like INT4 does:
         * 4位, 8比特, 16位整数 (a label), 4bit (part of a name). */
        static const double widths[] = {1, 2, 3, 4, 5, 6, 8, 16, 32};
        if ((uw->flags & QX_UW_LATIN) && u == j)
            return -1;
        for (size_t k = 0; k < sizeof widths / sizeof *widths; k++)
            if (num->value == widths[k]) {
                p->ub = u;
                p->ue = ue;
                p->unit = uw->unit;
                return -2;
            }
        if (qx_text_is_han(qx_scan_cp(t, len, ue)))
            return -1; /* 7位专家: a measure word */
    }
    p->ub = u;
    p->ue = ue;
    p->unit = uw->unit;
    p->uwflags = uw->flags;
    if (uw->flags & QX_UW_LATIN)
        p->flags |= QX_FIGF_LATIN_UNIT;
    p->value *= uw->factor;
    p->step *= uw->factor;
    p->factor = uw->factor;
    return 1;
}

enum qx_part_status qx_scan_arabic(const char *t, size_t len, size_t i, struct qx_part *p)
{
    memset(p, 0, sizeof *p);
    p->unit = "";
    p->b = i;
    size_t j = i;
    int sign = skip_sign(t, len, &j);
    char ds[QX_DEC_MAX];
    int nd = 0;
    int nint = read_digits(t, len, &j, ds, &nd, &p->flags);
    while (j + 4 <= len && t[j] == ',' && (p->flags & QX_FIGF_GROUPED ? 1 : nint <= 3) &&
           ascii_digit(t, len, j + 1) && ascii_digit(t, len, j + 2) && ascii_digit(t, len, j + 3) &&
           !ascii_digit(t, len, j + 4)) {
        j++;
        nint += read_digits(t, len, &j, ds, &nd, &p->flags);
        p->flags |= QX_FIGF_GROUPED;
    }
    int nfrac = 0;
    size_t pw;
    if (point_at(t, len, j, &pw)) {
        j += pw;
        nfrac = read_digits(t, len, &j, ds, &nd, &p->flags);
        if (point_at(t, len, j, &pw)) { /* 3.1.2 or 0.5.3: a section or a version */
            while (point_at(t, len, j, &pw)) {
                j += pw;
                read_digits(t, len, &j, ds, &nd, &p->flags);
            }
            p->end = j;
            if (qx_scan_has(t, len, j, "节") || qx_scan_has(t, len, j, "章")) {
                p->kind = QX_FIG_ORDINAL;
                p->end = j + 3;
                return QX_PART_EXEMPT;
            }
            return QX_PART_NAME;
        }
    }
    p->e = j;
    p->end = j;
    p->nint = nint;
    p->sign = sign;
    p->factor = 1;
    p->lead0 = nint >= 2 && nfrac == 0 && ds[0] == '0';
    p->decimals = nfrac;
    if (nd > QX_DEC_MAX)
        return QX_PART_NAME; /* an identifier, not a quantity */

    uint32_t c = qx_scan_cp(t, len, j);
    if (qx_scan_ascii_alpha(c) || c == '_') {
        if (nint == 4 && nfrac == 0 && sign == 0 && t[j] == 's' &&
            !qx_scan_ascii_alnum(qx_scan_cp(t, len, j + 1))) {
            p->kind = QX_FIG_YEAR; /* 1990s */
            p->end = j + 1;
            return QX_PART_EXEMPT;
        }
        const struct qx_unit_word *uw = qx_numfmt_unit_word(t + j, len - j);
        if (!uw) {
            p->end = qx_scan_skip_word(t, len, j); /* 7B, 4bit, 2nd, 3x3 */
            return QX_PART_NAME;
        }
    }
    if (c == '-' && qx_scan_ascii_alpha(qx_scan_cp(t, len, j + 1))) {
        p->end = qx_scan_skip_word(t, len, j + 1); /* 4-bit */
        return QX_PART_NAME;
    }
    if (nfrac == 0 && sign == 0) {
        enum qx_part_status st = calendar(t, len, j, nint, p);
        if (st != QX_PART_NONE)
            return st;
    }
    if (qx_scan_has(t, len, j, "章") || qx_scan_has(t, len, j, "节") || qx_scan_has(t, len, j, "页")) {
        p->kind = QX_FIG_ORDINAL;
        p->end = j + 3;
        return QX_PART_EXEMPT;
    }

    int sc = 0, pw10;
    size_t w;
    for (int k = 0; k < 3 && scale_word(t, len, j, &pw10, &w); k++) {
        sc += pw10;
        j += w;
        p->scaled = 1;
    }
    p->more = more_word(t, len, &j);

    struct qx_dec x;
    qx_dec_set(&x, ds, nd, sc - nfrac);
    p->value = qx_dec_to_double(&x) * (sign < 0 ? -1 : 1);
    p->step = pow(10.0, sc - nfrac);
    if (nfrac == 0) {
        int z = 0;
        while (z < nd - 1 && ds[nd - 1 - z] == '0')
            z++;
        p->tzeros = nd == 1 || ds[0] != '0' ? z : 0;
    }
    int u = unit_at(t, len, j, p, p);
    if (u == -2) {
        p->kind = QX_FIG_LABEL;
        p->end = p->ue;
        return QX_PART_EXEMPT;
    }
    if (u < 0) {
        p->end = p->ue ? p->ue : j + 3;
        if (qx_scan_has(t, len, j, "分之")) { /* 3分之1: a fraction, both numbers */
            int dw;
            for (p->end = j + 6; qx_scan_digit(t, len, p->end, &dw) >= 0; p->end += (size_t)dw)
                ;
        }
        return QX_PART_NAME;
    }
    if (u > 0)
        j = p->ue;
    if (!p->more)
        p->more = more_word(t, len, &j);
    p->end = j;
    return QX_PART_OK;
}
