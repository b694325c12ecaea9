/* r_numbers: how numbers are written — Latin unit symbols after numbers
 * (units.latin), full-width digits (digits.fullwidth), ranges (ranges) and
 * one form per kind of number (numbers.mixed-forms). Whether a figure is
 * true is figures.traceable's business (r_grounding.c). Patterns run under
 * the rules module's match limits; digit scans are plain loops. */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

struct unit {
    const char *latin, *zh;
};

/* Case-sensitive: "5m" (metres or minutes?) and "7B" (parameters) are left
 * alone on purpose. */
static const struct unit units[] = {
    {"ms", "毫秒"}, {"s", "秒"},    {"sec", "秒"},    {"secs", "秒"},   {"us", "微秒"},   {"μs", "微秒"},
    {"ns", "纳秒"}, {"min", "分钟"}, {"mins", "分钟"}, {"h", "小时"},   {"hr", "小时"},   {"hrs", "小时"},
    {"W", "瓦"},    {"kW", "千瓦"},  {"mW", "毫瓦"},   {"Hz", "赫兹"},  {"kHz", "千赫"},  {"MHz", "兆赫"},
    {"GHz", "吉赫"}, {"kg", "千克"}, {"km", "千米"},   {"cm", "厘米"},  {"mm", "毫米"},
};

static void units_latin(struct lx_doc *d, const struct lx_block *b)
{
    const char *t = d->t;
    for (size_t i = b->start; i < b->end; i++) {
        if (!lx_is_digit((unsigned char)t[i]) || !lx_prose(d, i))
            continue;
        if (i > b->start) {
            unsigned char p = (unsigned char)t[i - 1];
            if (lx_is_ascii_alnum(p) || p == '_' || p == '.' || p == '-') {
                while (i + 1 < b->end && lx_is_ascii_alnum((unsigned char)t[i + 1]))
                    i++;
                continue;
            }
        }
        size_t ns = i, j = i;
        while (j < b->end && (lx_is_digit((unsigned char)t[j]) ||
                              ((t[j] == '.' || t[j] == ',') && j + 1 < b->end && lx_is_digit((unsigned char)t[j + 1]))))
            j++;
        size_t us = j < b->end && t[j] == ' ' ? j + 1 : j;
        size_t ue = us;
        if (ue + 1 < b->end && memcmp(t + ue, "μ", 2) == 0)
            ue += 2;
        while (ue < b->end && lx_is_ascii_alpha((unsigned char)t[ue]))
            ue++;
        i = j - 1;
        if (ue == us || (ue < b->end && (lx_is_ascii_alnum((unsigned char)t[ue]) || t[ue] == '/' || t[ue] == '_')))
            continue;
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
            if (strlen(units[k].latin) == ue - us && memcmp(units[k].latin, t + us, ue - us) == 0) {
                lx_report(d, QX_R_UNITS_LATIN, j, ue - j, units[k].zh, "unit '%s' after a number; write '%.*s%s'",
                          units[k].latin, (int)(j - ns), t + ns, units[k].zh);
                break;
            }
        }
        i = ue - 1;
    }
}

static void digits_fullwidth(struct lx_doc *d, const struct lx_block *b)
{
    const char *t = d->t;
    for (size_t i = b->start, n; i < b->end; i += n) {
        uint32_t c = lx_cp(t, b->end, i, &n);
        if (!(c >= 0xFF10 && c <= 0xFF19) || !lx_prose(d, i))
            continue;
        struct qx_buf fix;
        qx_buf_init(&fix);
        size_t e = i, m;
        while (e < b->end) {
            uint32_t c2 = lx_cp(t, b->end, e, &m);
            if (c2 >= 0xFF10 && c2 <= 0xFF19)
                qx_buf_addc(&fix, (char)('0' + (c2 - 0xFF10)));
            else if (c2 == 0xFF0E && e + m < b->end && lx_cp(t, b->end, e + m, &(size_t){0}) >= 0xFF10 &&
                     lx_cp(t, b->end, e + m, &(size_t){0}) <= 0xFF19)
                qx_buf_addc(&fix, '.');
            else if (c2 == 0xFF05)
                qx_buf_addc(&fix, '%');
            else
                break;
            e += m;
            if (c2 == 0xFF05)
                break;
        }
        char *q = lx_quote(d, i, e - i);
        lx_report(d, QX_R_DIGITS_FULLWIDTH, i, e - i, fix.data, "full-width digits '%s'; write '%s'", q, fix.data);
        free(q);
        qx_buf_release(&fix);
        n = e - i;
    }
}

static const char range_rx[] = "(?<![A-Za-z0-9._\\-])(\\d+(?:\\.\\d+)?)(%?) ?([~～\\-–〜－—]) ?(\\d+(?:\\.\\d+)?)(%?)(?![0-9.])";

static void ranges(struct lx_doc *d, const struct lx_block *b)
{
    struct qx_rx *rx = lx_rx(d, range_rx, 0);
    size_t ms, me, from = b->start;
    const char *t = d->t;
    while (lx_find(d, rx, from, b->end, &ms, &me)) {
        from = me;
        size_t a0, a1, p0, p1, s0, s1, b0, b1, q0, q1;
        qx_rx_group(rx, 1, &a0, &a1);
        qx_rx_group(rx, 2, &p0, &p1);
        qx_rx_group(rx, 3, &s0, &s1);
        qx_rx_group(rx, 4, &b0, &b1);
        qx_rx_group(rx, 5, &q0, &q1);
        int tilde = t[s0] == '~' || (s1 - s0 == 3 && (memcmp(t + s0, "〜", 3) == 0 || memcmp(t + s0, "～", 3) == 0));
        int good_sep = (s1 - s0 == 3 && (memcmp(t + s0, "～", 3) == 0 || memcmp(t + s0, "—", 3) == 0));
        uint32_t after = me < b->end ? lx_cp(t, b->end, me, &(size_t){0}) : 0;
        int unit_follows = q1 > q0 || lx_is_han(after);
        if (!tilde && !unit_follows)
            continue; /* 2024-06, a-b: not a range of quantities */
        int pct_missing = (q1 > q0) != (p1 > p0);
        if (good_sep && !pct_missing)
            continue;
        int pct = q1 > q0 || p1 > p0;
        char *fix = qx_asprintf("%.*s%s%s%.*s%s", (int)(a1 - a0), t + a0, pct ? "%" : "",
                                good_sep ? "" : "～", (int)(b1 - b0), t + b0, pct ? "%" : "");
        if (good_sep) {
            free(fix);
            fix = qx_asprintf("%.*s%%%.*s%.*s%%", (int)(a1 - a0), t + a0, (int)(s1 - s0), t + s0, (int)(b1 - b0),
                              t + b0);
        }
        char *q = lx_quote(d, ms, me - ms);
        lx_report(d, QX_R_RANGES, ms, me - ms, fix, "range '%s': %s; write '%s'", q,
                  pct_missing ? "repeat the percent sign on both ends" : "use '～' between the ends", fix);
        free(q);
        free(fix);
    }
}

/* numbers.mixed-forms: date parts and percentages keep one form per text. */
static const char date_rx[] =
    "(?:([〇零一二三四五六七八九]{4})|(\\d{4}))年(?:(?:([一二三四五六七八九十]{1,3})|(\\d{1,2}))月)?"
    "|(?<![\\d〇零一二三四五六七八九十])(?:([一二三四五六七八九十]{1,3})|(\\d{1,2}))月(?![份度])";
static const char pct_rx[] = "百分之[零一二三四五六七八九十百点]+|\\d+(?:\\.\\d+)?%";

static void mixed_forms(struct lx_doc *d)
{
    struct qx_rx *rx = lx_rx(d, date_rx, 0);
    struct qx_rx *px = lx_rx(d, pct_rx, 0);
    int date_form = 0, pct_form = 0; /* 1 Chinese numerals, 2 Arabic */
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const struct lx_block *b = &d->blocks[bi];
        size_t ms, me, from = b->start, g0, g1;
        while (lx_find(d, rx, from, b->end, &ms, &me)) {
            from = me;
            int zh = qx_rx_group(rx, 1, &g0, &g1) || qx_rx_group(rx, 3, &g0, &g1) || qx_rx_group(rx, 5, &g0, &g1);
            int ar = qx_rx_group(rx, 2, &g0, &g1) || qx_rx_group(rx, 4, &g0, &g1) || qx_rx_group(rx, 6, &g0, &g1);
            char *q = lx_quote(d, ms, me - ms);
            if (zh && ar)
                lx_report(d, QX_R_NUMBERS_MIXED, ms, me - ms, NULL,
                          "'%s' mixes Chinese and Arabic numerals; write the date in Arabic numerals", q);
            else if (date_form && date_form != (zh ? 1 : 2))
                lx_report(d, QX_R_NUMBERS_MIXED, ms, me - ms, NULL,
                          "'%s' uses %s numerals but earlier dates use %s; keep one form", q,
                          zh ? "Chinese" : "Arabic", zh ? "Arabic" : "Chinese");
            else if (!date_form)
                date_form = zh && !ar ? 1 : 2;
            free(q);
        }
        from = b->start;
        while (lx_find(d, px, from, b->end, &ms, &me)) {
            from = me;
            int form = d->t[ms] == '\xE7' ? 1 : 2; /* 百 starts with 0xE7 */
            if (pct_form && form != pct_form) {
                char *q = lx_quote(d, ms, me - ms);
                lx_report(d, QX_R_NUMBERS_MIXED, ms, me - ms, NULL,
                          "'%s': earlier percentages are written %s; keep one form", q,
                          pct_form == 1 ? "百分之…" : "with '%'");
                free(q);
            } else if (!pct_form) {
                pct_form = form;
            }
        }
    }
}

void lx_rules_numbers(struct lx_doc *d)
{
    int ul = lx_on(d, QX_R_UNITS_LATIN), df = lx_on(d, QX_R_DIGITS_FULLWIDTH), rg = lx_on(d, QX_R_RANGES);
    if (ul || df || rg) {
        for (size_t bi = 0; bi < d->nblocks; bi++) {
            const struct lx_block *b = &d->blocks[bi];
            if (ul)
                units_latin(d, b);
            if (df)
                digits_fullwidth(d, b);
            if (rg)
                ranges(d, b);
        }
    }
    if (lx_on(d, QX_R_NUMBERS_MIXED))
        mixed_forms(d);
}
