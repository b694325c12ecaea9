/* scan_zh: Chinese numerals in prose (两倍, 百分之五十, 七十亿, 三点五倍,
 * 二〇二四年), and what they count: a multiple or a quantity with a unit is
 * a figure; a count with a measure word (三个问题) is reported as exempt;
 * numerals inside words (一些, 统一, 十分) are not reported. Depends on
 * text and the unit-word table. */
#include <math.h>
#include <string.h>

#include "qexplain/text.h"
#include "scan_int.h"

static int zh_digit(uint32_t c)
{
    switch (c) {
    case 0x3007:
    case 0x96F6: return 0; /* 〇 零 */
    case 0x4E00: return 1; /* 一 */
    case 0x4E8C:
    case 0x4E24: return 2; /* 二 两 */
    case 0x4E09: return 3; /* 三 */
    case 0x56DB: return 4; /* 四 */
    case 0x4E94: return 5; /* 五 */
    case 0x516D: return 6; /* 六 */
    case 0x4E03: return 7; /* 七 */
    case 0x516B: return 8; /* 八 */
    case 0x4E5D: return 9; /* 九 */
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

int qx_scan_zh_start(uint32_t cp)
{
    return zh_digit(cp) >= 0 || cp == 0x5341; /* 十 */
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
