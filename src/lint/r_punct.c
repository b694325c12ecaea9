/* r_punct: punctuation in Chinese prose — half-width marks next to Chinese
 * (punct.fullwidth), exclamation marks, repeated marks, the ellipsis, the
 * dash, and balanced pairs. One pass per block over prose bytes. Fixes are
 * local replacements; a pair of brackets or quotes is one finding whose fix
 * rewrites the pair with its content (inner findings apply on a later pass).
 * "Chinese context": a Han character or full-width mark on either side. */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

static uint32_t prev_cp(const struct lx_doc *d, size_t i, size_t lo)
{
    if (i <= lo)
        return 0;
    size_t s;
    return lx_cp_before(d->t, i, &s);
}

static uint32_t next_cp(const struct lx_doc *d, size_t i, size_t hi)
{
    if (i >= hi)
        return 0;
    size_t n;
    return lx_cp(d->t, hi, i, &n);
}

static int zh(uint32_t c)
{
    return lx_is_han(c) || lx_is_zh_punct(c);
}

static size_t skip_spaces(const struct lx_doc *d, size_t i, size_t hi)
{
    while (i < hi && d->t[i] == ' ')
        i++;
    return i;
}

static const char *fullwidth_of(char c)
{
    switch (c) {
    case ',': return "，";
    case '.': return "。";
    case ':': return "：";
    case ';': return "；";
    case '?': return "？";
    case '!': return "！";
    default: return NULL;
    }
}

static int is_zh_mark(uint32_t c)
{
    return c == 0xFF0C || c == 0x3002 || c == 0xFF1F || c == 0xFF01 || c == 0xFF1B || c == 0xFF1A ||
           c == 0x3001 || c == '?' || c == '!';
}

/* A bracket or quote pair: ( ... ) or " ... " within the block. */
static size_t pair_close(const struct lx_doc *d, size_t i, size_t hi, char open, char close)
{
    int depth = 0;
    for (size_t j = i + 1; j < hi && j < i + 400; j++) {
        char c = d->t[j];
        if (c == '\n')
            return 0;
        if (!lx_prose(d, j))
            continue;
        if (c == close && depth == 0)
            return j;
        if (open != close && c == open)
            depth++;
        else if (open != close && c == close)
            depth--;
    }
    return 0;
}

static int span_has_han(const struct lx_doc *d, size_t s, size_t e)
{
    for (size_t i = s, n; i < e; i += n) {
        uint32_t c = lx_cp(d->t, e, i, &n);
        if (lx_is_han(c))
            return 1;
    }
    return 0;
}

static void pair_fix(struct lx_doc *d, size_t i, size_t j, const char *open, const char *close,
                     const char *what)
{
    struct qx_buf b;
    qx_buf_init(&b);
    qx_buf_adds(&b, open);
    qx_buf_add(&b, d->t + i + 1, j - i - 1);
    qx_buf_adds(&b, close);
    lx_report(d, QX_R_PUNCT_FULLWIDTH, i, j + 1 - i, b.data, "half-width %s in Chinese text; use %s%s", what,
              open, close);
    qx_buf_release(&b);
}

/* An unpaired '(' or ')' next to Chinese, with the run of the same mark
 * that follows it: converting one mark per --fix pass would make each
 * converted mark the Chinese context of the next, and fixing would take as
 * many passes as the run is long. */
static void paren_run(struct lx_doc *d, size_t lo, size_t i, size_t hi, size_t *skip_to, char c,
                      const char *fw)
{
    /* The run may also end here: earlier marks of it had no Chinese
     * neighbour of their own and were not reported. */
    while (i > lo && d->t[i - 1] == c && lx_prose(d, i - 1))
        i--;
    size_t e = i;
    while (e < hi && d->t[e] == c && lx_prose(d, e))
        e++;
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t k = i; k < e; k++)
        qx_buf_adds(&b, fw);
    lx_report(d, QX_R_PUNCT_FULLWIDTH, i, e - i, b.data, "half-width '%c' in Chinese text; use '%s'", c, fw);
    qx_buf_release(&b);
    if (e - 1 > i)
        *skip_to = e - 1;
}

static void fullwidth(struct lx_doc *d, const struct lx_block *bl, size_t *skip_to, size_t i)
{
    const char *t = d->t;
    char c = t[i];
    size_t hi = bl->end;
    uint32_t p = prev_cp(d, i, bl->start);
    if (c == '(' || c == '"') {
        size_t j = pair_close(d, i, hi, c, c == '(' ? ')' : '"');
        if (j && (span_has_han(d, i + 1, j) || zh(p) || zh(next_cp(d, j + 1, hi)))) {
            if (c == '(')
                pair_fix(d, i, j, "（", "）", "parentheses");
            else
                pair_fix(d, i, j, "“", "”", "quotes");
            *skip_to = j; /* the closing mark belongs to this finding */
            return;
        }
        if (!j && (zh(p) || zh(next_cp(d, i + 1, hi))) && c == '(')
            paren_run(d, bl->start, i, hi, skip_to, '(', "（");
        return;
    }
    if (c == ')') {
        /* a ')' closed by an earlier '(' finding is skipped by the caller */
        if (zh(p) || zh(next_cp(d, i + 1, hi)))
            paren_run(d, bl->start, i, hi, skip_to, ')', "）");
        return;
    }
    const char *fw = fullwidth_of(c);
    if (!fw)
        return;
    if (c == '!' && lx_on(d, QX_R_PUNCT_EXCLAMATION))
        return;
    size_t after = skip_spaces(d, i + 1, hi);
    uint32_t nx = next_cp(d, after, hi);
    if (c == '.') {
        /* not a decimal point, an abbreviation, a file name or an ellipsis */
        if (!lx_is_han(p) || (i + 1 < hi && (t[i + 1] == '.' || lx_is_digit((unsigned char)t[i + 1]))))
            return;
    } else if (!(zh(p) || lx_is_han(nx))) {
        return;
    }
    if ((c == '?' || c == '!') && i + 1 < hi && (t[i + 1] == '?' || t[i + 1] == '!'))
        return; /* a run: punct.repeated rewrites it */
    lx_report(d, QX_R_PUNCT_FULLWIDTH, i, after - i, fw, "half-width '%c' in Chinese text; use '%s'", c, fw);
}

static void exclamation(struct lx_doc *d, const struct lx_block *bl, size_t i, size_t *next)
{
    size_t e = i, n;
    int any_full = 0;
    while (e < bl->end) {
        uint32_t c = lx_cp(d->t, bl->end, e, &n);
        if (c != 0xFF01 && c != '!')
            break;
        any_full |= c == 0xFF01;
        e += n;
    }
    *next = e;
    uint32_t p = prev_cp(d, i, bl->start);
    /* ASCII '!' counts unless it is code-like (!=) or ends English (Hello!) */
    if (!any_full && (lx_is_ascii_alpha(p) || (e < bl->end && d->t[e] == '=')))
        return;
    if (p == 0xFF1F || p == '?')
        return; /* part of ？！, a repeated-punctuation finding */
    lx_report(d, QX_R_PUNCT_EXCLAMATION, i, e - i, NULL,
              "exclamation mark; state the point calmly with '。'");
}

static void repeated(struct lx_doc *d, const struct lx_block *bl, size_t i, size_t *next)
{
    size_t e = i, n, count = 0;
    int only_excl = 1;
    uint32_t first = 0;
    /* 。。。 is an ellipsis (punct.ellipsis): skip the whole run */
    while (e + 3 <= bl->end && memcmp(d->t + e, "。", 3) == 0)
        e += 3;
    if (e - i >= 9) {
        *next = e;
        return;
    }
    e = i;
    while (e < bl->end && lx_prose(d, e)) {
        uint32_t c = lx_cp(d->t, bl->end, e, &n);
        if (!is_zh_mark(c) && c != 0xFF0C && !(count && c < 0x80 && strchr(",;:?!", (int)c)))
            break;
        if (!first)
            first = c;
        only_excl &= c == 0xFF01 || c == '!';
        count++;
        e += n;
    }
    *next = e > i ? e : i + 1;
    if (count < 2 || (only_excl && lx_on(d, QX_R_PUNCT_EXCLAMATION)))
        return;
    char enc[4];
    size_t el = qx_text_encode(first == '?' ? 0xFF1F : first == '!' ? 0xFF01 : first, enc);
    char fix[5];
    memcpy(fix, enc, el);
    fix[el] = '\0';
    char *q = lx_quote(d, i, e - i);
    lx_report(d, QX_R_PUNCT_REPEATED, i, e - i, fix, "repeated punctuation '%s'; use one '%s'", q, fix);
    free(q);
}

/* The run of one repeated code point starting at i: its end, the code
 * point and the run length in characters. */
static size_t same_run(struct lx_doc *d, const struct lx_block *bl, size_t i, uint32_t *c0, size_t *count)
{
    size_t e = i, n;
    *c0 = lx_cp(d->t, bl->end, i, &n);
    *count = 0;
    while (e < bl->end && lx_cp(d->t, bl->end, e, &n) == *c0) {
        (*count)++;
        e += n;
    }
    return e;
}

static void ellipsis(struct lx_doc *d, const struct lx_block *bl, size_t i, size_t *next)
{
    const char *t = d->t;
    size_t count;
    uint32_t c0;
    size_t e = same_run(d, bl, i, &c0, &count);
    *next = e;
    int bad = 0;
    if (c0 == '.')
        bad = count >= 3 && !(i > bl->start && lx_is_ascii_alnum((unsigned char)t[i - 1]) && e < bl->end &&
                              lx_is_ascii_alnum((unsigned char)t[e]));
    else if (c0 == 0x3002)
        bad = count >= 3;
    else if (c0 == 0x2026)
        bad = count != 2;
    if (bad)
        lx_report(d, QX_R_PUNCT_ELLIPSIS, i, e - i, "……", "ellipsis must be '……' (two U+2026)");
}

static void dash(struct lx_doc *d, const struct lx_block *bl, size_t i, size_t *next)
{
    const char *t = d->t;
    size_t count;
    uint32_t c0;
    size_t e = same_run(d, bl, i, &c0, &count);
    *next = e;
    /* a line of dashes alone is a divider, not a dash */
    size_t ls = i, le = e;
    while (ls > bl->start && (t[ls - 1] == ' ' || (unsigned char)t[ls - 1] == 0x80))
        ls--;
    if ((ls == bl->start || t[ls - 1] == '\n') && (le == bl->end || t[le] == '\n' || t[le] == '\r'))
        return;
    size_t s = i;
    while (s > bl->start && t[s - 1] == ' ')
        s--;
    size_t a = skip_spaces(d, e, bl->end);
    uint32_t p = prev_cp(d, s, bl->start), nx = next_cp(d, a, bl->end);
    int ctx = zh(p) || zh(nx);
    if (c0 == '-') {
        if (count < 2 || !ctx)
            return;
        lx_report(d, QX_R_PUNCT_DASH, s, a - s, "——", "'%.*s' used as a dash; use '——'", (int)count, t + i);
    } else if (c0 == 0x2014) {
        if (count == 2 || !ctx)
            return;
        lx_report(d, QX_R_PUNCT_DASH, i, e - i, "——", "the dash is two U+2014 '——', not %zu", count);
    } else if (c0 == 0x2013) {
        if (!(lx_is_han(p) && lx_is_han(nx)))
            return;
        lx_report(d, QX_R_PUNCT_DASH, s, a - s, "——", "en dash between Chinese; use '——'");
    }
}

static int opener_of(uint32_t c)
{
    switch (c) {
    case 0x201D: return 0x201C;
    case 0xFF09: return 0xFF08;
    case 0x300B: return 0x300A;
    case 0x300D: return 0x300C;
    case 0x300F: return 0x300E;
    case 0x2019: return 0x2018;
    case 0x3011: return 0x3010;
    case 0x3009: return 0x3008;
    default: return 0;
    }
}

static int is_opener(uint32_t c)
{
    return c == 0x201C || c == 0xFF08 || c == 0x300A || c == 0x300C || c == 0x300E || c == 0x2018 ||
           c == 0x3010 || c == 0x3008;
}

#define PAIR_DEPTH 32

static void pairs(struct lx_doc *d, const struct lx_block *bl)
{
    struct {
        uint32_t c;
        size_t at;
    } st[PAIR_DEPTH];
    size_t sp = 0, n;
    for (size_t i = bl->start; i < bl->end; i += n) {
        uint32_t c = lx_cp(d->t, bl->end, i, &n);
        if (!lx_prose(d, i) || c < 0x2018)
            continue;
        if (is_opener(c)) {
            if (sp < PAIR_DEPTH) {
                st[sp].c = c;
                st[sp++].at = i;
            }
            continue;
        }
        uint32_t o = (uint32_t)opener_of(c);
        if (!o)
            continue;
        if (c == 0x2019 && i > bl->start && lx_is_ascii_alpha((unsigned char)d->t[i - 1]))
            continue; /* an English apostrophe */
        size_t k = sp;
        while (k > 0 && st[k - 1].c != o)
            k--;
        if (k == 0) {
            lx_report(d, QX_R_PUNCT_PAIRS, i, n, NULL, "closing mark without its opening mark");
            continue;
        }
        for (size_t j = k; j < sp; j++)
            lx_report(d, QX_R_PUNCT_PAIRS, st[j].at, 3, NULL,
                      "mark is not closed before the enclosing pair ends");
        sp = k - 1;
    }
    for (size_t j = 0; j < sp; j++)
        lx_report(d, QX_R_PUNCT_PAIRS, st[j].at, 3, NULL, "opening mark is never closed in this paragraph");
}

void lx_rules_punct(struct lx_doc *d)
{
    int fw = lx_on(d, QX_R_PUNCT_FULLWIDTH), ex = lx_on(d, QX_R_PUNCT_EXCLAMATION),
        rp = lx_on(d, QX_R_PUNCT_REPEATED), el = lx_on(d, QX_R_PUNCT_ELLIPSIS),
        da = lx_on(d, QX_R_PUNCT_DASH);
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const struct lx_block *bl = &d->blocks[bi];
        size_t covered = (size_t)-1; /* a closing mark already in a pair finding */
        size_t rp_next = 0;
        for (size_t i = bl->start, n; i < bl->end; i += n) {
            unsigned char b = (unsigned char)d->t[i];
            n = 1;
            if (b >= 0x80)
                (void)lx_cp(d->t, bl->end, i, &n);
            if (!lx_prose(d, i))
                continue;
            if (b < 0x80) {
                if (i == covered)
                    continue;
                if (fw && strchr(",.:;?!()\"", b)) {
                    size_t skip = 0;
                    fullwidth(d, bl, &skip, i);
                    if (skip)
                        covered = skip;
                }
                if (ex && b == '!') {
                    size_t nx;
                    exclamation(d, bl, i, &nx);
                    n = nx - i;
                }
                if (rp && (b == '?' || b == '!') && i >= rp_next)
                    repeated(d, bl, i, &rp_next);
                if (el && b == '.') {
                    size_t nx;
                    ellipsis(d, bl, i, &nx);
                    n = nx - i;
                }
                if (da && b == '-') {
                    size_t nx;
                    dash(d, bl, i, &nx);
                    n = nx - i;
                }
                continue;
            }
            uint32_t c = lx_cp(d->t, bl->end, i, &n);
            if (ex && c == 0xFF01) {
                size_t nx;
                exclamation(d, bl, i, &nx);
                if (rp && i >= rp_next)
                    repeated(d, bl, i, &rp_next);
                n = nx - i;
                continue;
            }
            if (rp && is_zh_mark(c) && i >= rp_next)
                repeated(d, bl, i, &rp_next);
            if (el && (c == 0x2026 || c == 0x3002)) {
                size_t nx;
                ellipsis(d, bl, i, &nx);
                if (c == 0x2026)
                    n = nx - i;
            }
            if (da && (c == 0x2014 || c == 0x2013)) {
                size_t nx;
                dash(d, bl, i, &nx);
                n = nx - i;
            }
        }
        if (lx_on(d, QX_R_PUNCT_PAIRS))
            pairs(d, bl);
    }
}
