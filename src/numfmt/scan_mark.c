/* scan_mark: the approximation and bound markers around a figure (约 左右
 * 超过 以下 ...), next to the number or earlier in the same clause, and the
 * 约 a figure shares with the one it is joined to. Depends on text and the
 * scan helpers. Invariant: look-behind is bounded (12 characters). */
#include <stdint.h>
#include <string.h>

#include "qexplain/text.h"
#include "scan_int.h"

struct marker {
    const char *text;
    int approx, bound;
};

static const struct marker pre_markers[] = {
    {"大约", 1, 0},    {"约为", 1, 0},    {"大概", 1, 0},  {"将近", 1, 0},  {"接近", 1, 0},
    {"差不多", 1, 0},  {"几乎", 1, 0},    {"约", 1, 0},    {"近", 1, 0},    {"超过", 0, 1},
    {"高于", 0, 1},    {"大于", 0, 1},    {"多于", 0, 1},  {"至少", 0, 1},  {"不少于", 0, 1},
    {"不低于", 0, 1},  {"最少", 0, 1},    {"最低", 0, 1},  {"逾", 0, 1},    {"超", 0, 1},
    {"不超过", 0, -1}, {"不到", 0, -1},   {"不足", 0, -1}, {"低于", 0, -1}, {"小于", 0, -1},
    {"少于", 0, -1},   {"最多", 0, -1},   {"至多", 0, -1}, {"最高", 0, -1}, {"高达", 0, -1},
    {"多达", 0, -1},   {"不高于", 0, -1},
};

/* 1 if a pre-marker can end with the character c: a cheap filter before
 * comparing the marker table (the look-behind runs for every figure). */
static int marker_end(uint32_t c)
{
    switch (c) {
    case 0x7EA6:
    case 0x4E3A:
    case 0x6982:
    case 0x8FD1:
    case 0x591A: /* 约 为 概 近 多 */
    case 0x4E4E:
    case 0x8FC7:
    case 0x4E8E:
    case 0x5C11:
    case 0x4F4E: /* 乎 过 于 少 低 */
    case 0x5230:
    case 0x8DB3:
    case 0x9AD8:
    case 0x8FBE:
    case 0x903E: /* 到 足 高 达 逾 */
    case 0x8D85: /* 超 */ return 1;
    default: return 0;
    }
}

static const struct marker post_markers[] = {
    {"左右", 1, 0},  {"上下", 1, 0},  {"以上", 0, 1},  {"之上", 0, 1},
    {"以下", 0, -1}, {"以内", 0, -1}, {"之内", 0, -1}, {"之下", 0, -1},
};

/* Words whose 约 / 近 / 超 are not markers: 节约30%, 最近3次, 高超. */
static int false_marker(const char *t, size_t at, const char *m)
{
    static const char *const yue[] = {"节", "制", "契", "简", "预", "公", "条", "邀", "隐", "婚", "合"};
    static const char *const jin[] = {"最", "附", "靠", "亲"};
    const char *const *list = NULL;
    size_t n = 0;
    if (strcmp(m, "约") == 0) {
        list = yue;
        n = sizeof yue / sizeof *yue;
    } else if (strcmp(m, "近") == 0) {
        list = jin;
        n = sizeof jin / sizeof *jin;
    }
    for (size_t k = 0; k < n; k++)
        if (qx_scan_ends(t, at, list[k]))
            return 1;
    return 0;
}

/* 约 not as a marker: 约束, 约定, 约会. */
static int yue_word(const char *t, size_t len, size_t after)
{
    return qx_scan_has(t, len, after, "束") || qx_scan_has(t, len, after, "定") ||
           qx_scan_has(t, len, after, "会");
}

/* A marker earlier in the same clause, at most 12 characters back, with no
 * other number in between: "约减少52%", "约为BF16的1.8倍", "最高可达FP16的
 * 1.56倍". Only 约 and markers of two or more characters count at a
 * distance (近, 超, 逾 are too common inside words). Digits inside Latin
 * words (BF16) are not numbers. */
static int far_marker(const char *t, size_t len, size_t b, int *approx, int *bound)
{
    size_t i = b;
    for (int k = 0; k < 12 && i > 0; k++) {
        size_t s;
        uint32_t c = qx_scan_prev(t, i, &s);
        if (c == '\n' || qx_text_is_cjk_punct(c) || (c < 0x80 && c && strchr(",;:!?()%", (int)c)))
            return 0;
        if (c >= '0' && c <= '9') {
            int alpha = 0;
            while (s > 0 && qx_scan_ascii_alnum((unsigned char)t[s - 1])) {
                alpha |= qx_scan_ascii_alpha((unsigned char)t[s - 1]);
                s--;
            }
            if (!alpha)
                return 0;
        }
        const struct marker *best = NULL;
        for (size_t m = 0; marker_end(c) && m < sizeof pre_markers / sizeof *pre_markers; m++) {
            const char *mt = pre_markers[m].text;
            if ((strlen(mt) >= 6 || strcmp(mt, "约") == 0) && qx_scan_ends(t, i, mt) &&
                (!best || strlen(mt) > strlen(best->text)))
                best = &pre_markers[m];
        }
        if (best) {
            size_t ms = i - strlen(best->text);
            if (strcmp(best->text, "约") == 0 && (false_marker(t, ms, "约") || yue_word(t, len, i)))
                return 0;
            *approx |= best->approx;
            if (best->bound)
                *bound = best->bound;
            return 1;
        }
        i = s;
    }
    return 0;
}

/* "约减少67%和69%": a figure joined to an approximate one right before it
 * by 和 、 或 与 及 shares its 约. */
static int joined_approx(const char *t, size_t len, size_t b, size_t last_end, int last_approx)
{
    static const char *const joins[] = {"和", "、", "或", "与", "及"};
    if (!last_approx || last_end == SIZE_MAX)
        return 0;
    for (size_t k = 0; k < sizeof joins / sizeof *joins; k++)
        if (last_end + strlen(joins[k]) == b && qx_scan_has(t, len, last_end, joins[k]))
            return 1;
    return 0;
}

size_t qx_scan_skip_spaces_back(const char *t, size_t i)
{
    while (i > 0 && t[i - 1] == ' ')
        i--;
    return i;
}

/* The longest marker ending at b (spaces skipped); returns its start or b. */
size_t qx_scan_pre_marker(const char *t, size_t b, int *approx, int *bound)
{
    size_t at = qx_scan_skip_spaces_back(t, b), s;
    const struct marker *best = NULL;
    int may = marker_end(qx_scan_prev(t, at, &s));
    for (size_t k = 0; may && k < sizeof pre_markers / sizeof *pre_markers; k++) {
        const struct marker *m = &pre_markers[k];
        if (qx_scan_ends(t, at, m->text) && (!best || strlen(m->text) > strlen(best->text)))
            best = m;
    }
    if (!best || false_marker(t, at - strlen(best->text), best->text))
        return b;
    *approx |= best->approx;
    if (best->bound)
        *bound = best->bound;
    return at - strlen(best->text);
}

size_t qx_scan_post_marker(const char *t, size_t len, size_t e, int *approx, int *bound)
{
    for (size_t k = 0; k < sizeof post_markers / sizeof *post_markers; k++)
        if (qx_scan_has(t, len, e, post_markers[k].text)) {
            *approx |= post_markers[k].approx;
            if (post_markers[k].bound)
                *bound = post_markers[k].bound;
            return e + strlen(post_markers[k].text);
        }
    return e;
}

size_t qx_scan_lead(const char *t, size_t len, size_t b, size_t last_end, int last_approx, int *approx,
                    int *bound)
{
    size_t start = qx_scan_pre_marker(t, b, approx, bound);
    if (start == b && !far_marker(t, len, b, approx, bound) &&
        joined_approx(t, len, b, last_end, last_approx))
        *approx = 1;
    return start;
}
