/* scan_lex: lexes one written number for the figure scanner: Arabic digits
 * (ASCII or full-width, thousands separators, decimals, sign), Chinese
 * numerals, the scale word (千 万 亿), 多/余 and the unit word; spots
 * numbers that belong to names (7B, 4-bit, 4位整数, Q4_K_M) and calendar
 * words (年 月 日). Depends on text and the unit-word table. Invariant:
 * every function reads t[0..len) only and returns an end in (i, len]. */
#include <math.h>
#include <string.h>

#include "qexplain/text.h"
#include "scan_int.h"

int qx_scan_has(const char *t, size_t len, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i <= len && len - i >= n && memcmp(t + i, s, n) == 0;
}

int qx_scan_ends(const char *t, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i >= n && memcmp(t + i - n, s, n) == 0;
}

uint32_t qx_scan_prev(const char *t, size_t i, size_t *start)
{
    if (i == 0) {
        *start = 0;
        return 0;
    }
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)t[j] & 0xC0) == 0x80)
        j--;
    size_t k = j;
    uint32_t c = qx_text_next(t, i, &k);
    if (k != i) { /* not a whole sequence: step back one byte only */
        j = i - 1;
        c = 0xFFFD;
    }
    *start = j;
    return c;
}

uint32_t qx_scan_cp(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    return qx_text_next(t, len, &i);
}

int qx_scan_digit(const char *t, size_t len, size_t i, int *w)
{
    if (i >= len)
        return -1;
    unsigned char c = (unsigned char)t[i];
    if (c >= '0' && c <= '9') {
        *w = 1;
        return c - '0';
    }
    if (c == 0xEF && i + 2 < len && (unsigned char)t[i + 1] == 0xBC && (unsigned char)t[i + 2] >= 0x90 &&
        (unsigned char)t[i + 2] <= 0x99) {
        *w = 3;
        return (unsigned char)t[i + 2] - 0x90;
    }
    return -1;
}

int qx_scan_ascii_alpha(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int qx_scan_ascii_alnum(uint32_t c)
{
    return qx_scan_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '_';
}

int qx_scan_line_start(const char *t, size_t i)
{
    for (;;) {
        size_t s;
        uint32_t c = qx_scan_prev(t, i, &s);
        if (i == 0 || c == '\n')
            return 1;
        if (c != ' ' && c != '\t' && c != 0x3000 && c != '#' && c != '>')
            return 0;
        i = s;
    }
}

size_t qx_scan_skip_word(const char *t, size_t len, size_t i)
{
    size_t j = i;
    while (j < len) {
        unsigned char c = (unsigned char)t[j];
        if (qx_scan_ascii_alnum(c)) {
            j++;
        } else if (c == ':' && qx_scan_has(t, len, j, "://")) {
            for (j += 3; j < len && (unsigned char)t[j] > ' ' && (unsigned char)t[j] < 0x80; j++)
                ;
            return j;
        } else if (strchr("-.+/:@#'", c) && c && j + 1 < len && qx_scan_ascii_alnum((unsigned char)t[j + 1])) {
            j++;
        } else {
            break;
        }
    }
    return j > i ? j : i + 1;
}

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
    if (qx_scan_has(t, len, k, "百") && (qx_scan_has(t, len, k + 3, "万") || qx_scan_has(t, len, k + 3, "亿"))) {
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
    while (j + 4 <= len && t[j] == ',' && (p->flags & QX_FIGF_GROUPED ? 1 : nint <= 3) && ascii_digit(t, len, j + 1) &&
           ascii_digit(t, len, j + 2) && ascii_digit(t, len, j + 3) && !ascii_digit(t, len, j + 4)) {
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
        if (nint == 4 && nfrac == 0 && sign == 0 && t[j] == 's' && !qx_scan_ascii_alnum(qx_scan_cp(t, len, j + 1))) {
            p->kind = QX_FIG_YEAR; /* 1990s */
            p->end = j + 1;
            return QX_PART_EXEMPT;
        }
        const struct qx_unit_word *uw = qx_numfmt_unit_word(t + j, len - j);
        if (!uw || !(uw->flags & QX_UW_LATIN)) {
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
        return QX_PART_NAME;
    }
    if (u > 0)
        j = p->ue;
    if (!p->more)
        p->more = more_word(t, len, &j);
    p->end = j;
    return QX_PART_OK;
}

/* ---- Chinese numerals --------------------------------------------------- */

static int zh_digit(uint32_t c)
{
    switch (c) {
    case 0x3007: case 0x96F6: return 0;           /* 〇 零 */
    case 0x4E00: return 1;                        /* 一 */
    case 0x4E8C: case 0x4E24: return 2;           /* 二 两 */
    case 0x4E09: return 3;                        /* 三 */
    case 0x56DB: return 4;                        /* 四 */
    case 0x4E94: return 5;                        /* 五 */
    case 0x516D: return 6;                        /* 六 */
    case 0x4E03: return 7;                        /* 七 */
    case 0x516B: return 8;                        /* 八 */
    case 0x4E5D: return 9;                        /* 九 */
    default: return -1;
    }
}

static int zh_unit(uint32_t c)
{
    switch (c) {
    case 0x5341: return 1; /* 十 */
    case 0x767E: return 2; /* 百 */
    case 0x5343: return 3; /* 千 */
    case 0x4E07: return 4; /* 万 */
    case 0x4EBF: return 8; /* 亿 */
    default: return -1;
    }
}

double qx_scan_zh_value(const char *t, size_t len, size_t i, size_t *end, int *decimals, int *positional)
{
    size_t j = i, k;
    uint32_t c = qx_scan_cp(t, len, j);
    if (zh_digit(c) < 0 && c != 0x5341)
        return -1;
    double total = 0, section = 0, pos = 0;
    int cur = -1, ndig = 0, units = 0;
    for (;;) {
        k = j;
        c = qx_scan_cp(t, len, k);
        if (!c)
            break;
        qx_text_next(t, len, &k);
        int d = zh_digit(c), u = zh_unit(c);
        if (d >= 0) {
            cur = d;
            pos = pos * 10 + d;
            ndig++;
        } else if (u >= 1 && u <= 3) {
            section += (cur < 0 ? 1 : cur) * pow(10, u);
            cur = -1;
            units++;
        } else if (u == 4) {
            section = (section + (cur < 0 ? 0 : cur)) * 1e4;
            total += section;
            section = 0;
            cur = -1;
            units++;
        } else if (u == 8) {
            total = (total + section + (cur < 0 ? 0 : cur)) * 1e8;
            section = 0;
            cur = -1;
            units++;
        } else {
            break;
        }
        j = k;
    }
    *positional = units == 0 && ndig >= 2;
    double v = *positional ? pos : total + section + (cur < 0 ? 0 : cur);
    *decimals = 0;
    /* 三点五: decimals after 点 */
    if (qx_scan_has(t, len, j, "点") && zh_digit(qx_scan_cp(t, len, j + 3)) >= 0) {
        double scale = 0.1;
        j += 3;
        while ((c = qx_scan_cp(t, len, j)) && zh_digit(c) >= 0) {
            v += zh_digit(c) * scale;
            scale /= 10;
            (*decimals)++;
            qx_text_next(t, len, &j);
        }
    }
    *end = j;
    return v;
}

enum qx_part_status qx_scan_zh(const char *t, size_t len, size_t i, struct qx_part *p)
{
    memset(p, 0, sizeof *p);
    p->unit = "";
    int positional;
    double v = qx_scan_zh_value(t, len, i, &p->e, &p->decimals, &positional);
    if (v < 0)
        return QX_PART_NONE;
    p->b = i;
    p->end = p->e;
    p->flags = QX_FIGF_ZH_NUMERAL;
    p->factor = 1;
    p->value = v;
    p->step = pow(10.0, -p->decimals);
    size_t j = p->e;
    if (qx_scan_has(t, len, j, "倍")) {
        p->unit = "x";
        p->ub = j;
        p->ue = p->end = j + 3;
        return QX_PART_OK;
    }
    if (qx_scan_has(t, len, j, "年") || qx_scan_has(t, len, j, "月") || qx_scan_has(t, len, j, "日") ||
        qx_scan_has(t, len, j, "个月") || qx_scan_has(t, len, j, "季度")) {
        p->kind = qx_scan_has(t, len, j, "年") && positional ? QX_FIG_YEAR : QX_FIG_DATE;
        p->end = j + (qx_scan_has(t, len, j, "个月") || qx_scan_has(t, len, j, "季度") ? 6 : 3);
        return QX_PART_EXEMPT;
    }
    const struct qx_unit_word *uw = qx_numfmt_unit_word(t + j, len - j);
    if (uw && !(uw->flags & (QX_UW_LATIN | QX_UW_NOT_ZH))) {
        const struct qx_unit *u = qx_numfmt_unit(uw->unit);
        enum qx_unit_family f = u ? u->family : QX_FAM_NONE;
        p->ub = j;
        p->ue = p->end = j + strlen(uw->text);
        if (f == QX_FAM_BYTES || f == QX_FAM_BIBYTES || f == QX_FAM_TOKENS || f == QX_FAM_MULT ||
            f == QX_FAM_GPUHOURS || (f == QX_FAM_PCT && strcmp(uw->unit, "points") == 0)) {
            p->unit = uw->unit;
            p->value *= uw->factor;
            p->step *= uw->factor;
            return QX_PART_OK;
        }
        if (v >= 1e4 && !positional && f == QX_FAM_PLAIN) {
            p->unit = uw->unit; /* 七十亿参数: a quantity, not a count */
            return QX_PART_OK;
        }
        p->kind = QX_FIG_COUNT; /* 三个问题, 两种方法, 三天 */
        return QX_PART_EXEMPT;
    }
    if (v >= 1e4 && !positional)
        return QX_PART_OK; /* 七十亿 */
    return QX_PART_NONE;
}
