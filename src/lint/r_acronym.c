/* r_acronym: English terms in Chinese prose (acronym) and in headings
 * (heading.acronym). A glossary term (facts/glossary.json, matched by
 * qx_facts_gloss_match) is explained at its first use — in the document, or
 * in each section with explain-first-per-section — when a full-width (or
 * half-width) parenthesis right after it holds its label, its full spelling
 * or part of its explanation (INT4（4位整数）), or when it stands in
 * parentheses right after its label (激活感知权重量化（AWQ）). An English word
 * that is not in the glossary is reported once. Units after numbers (14GB)
 * count as terms; the Latin units of units.latin (5s) are that rule's. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint_int.h"

#define MAX_TERMS 512

static int is_word_char(unsigned char c)
{
    return lx_is_ascii_alnum(c) || c == '.' || c == '-' || c == '_' || c == '+';
}

/* End of the parenthesised group starting at i ('（' or '('), or 0. */
static size_t paren_end(const struct lx_doc *d, size_t i, size_t hi, size_t *inner_s, size_t *inner_e)
{
    const char *t = d->t;
    size_t open_len;
    if (i + 3 <= hi && memcmp(t + i, "（", 3) == 0)
        open_len = 3;
    else if (i < hi && t[i] == '(')
        open_len = 1;
    else
        return 0;
    int depth = 0;
    for (size_t j = i + open_len; j < hi && j < i + 600; j++) {
        if (t[j] == '\n')
            return 0;
        int open = (j + 3 <= hi && memcmp(t + j, "（", 3) == 0) || t[j] == '(';
        int close3 = j + 3 <= hi && memcmp(t + j, "）", 3) == 0;
        if (open)
            depth++;
        else if (close3 || t[j] == ')') {
            if (depth-- == 0) {
                *inner_s = i + open_len;
                *inner_e = j;
                return j + (close3 ? 3 : 1);
            }
        }
    }
    return 0;
}

static int contains(const char *hay, size_t hn, const char *needle, int fold)
{
    size_t nn = strlen(needle);
    if (!nn || nn > hn)
        return 0;
    for (size_t i = 0; i + nn <= hn; i++)
        if (fold ? strncasecmp(hay + i, needle, nn) == 0 : memcmp(hay + i, needle, nn) == 0)
            return 1;
    return 0;
}

static int explains(const struct lx_doc *d, const struct qx_gloss *g, size_t s, size_t e)
{
    const char *c = d->t + s;
    size_t n = e - s;
    if (g) {
        if ((g->label_zh && contains(c, n, g->label_zh, 0)) || (g->full && contains(c, n, g->full, 1)))
            return 1;
        /* a piece of the plain explanation, at least four characters long */
        if (g->explain_zh && qx_text_count_chars(c, n) >= 4) {
            size_t en = strlen(g->explain_zh);
            for (size_t i = 0; i + n <= en; i++)
                if (memcmp(g->explain_zh + i, c, n) == 0)
                    return 1;
        }
        return 0;
    }
    /* without a glossary: any Chinese explanation counts */
    for (size_t i = s, k; i < e; i += k)
        if (lx_is_han(lx_cp(d->t, e, i, &k)))
            return 1;
    return 0;
}

/* The label right before an opening parenthesis that holds the term. */
static int after_label(const struct lx_doc *d, const struct qx_gloss *g, size_t term, size_t term_end, size_t lo)
{
    const char *t = d->t;
    size_t open;
    if (term >= 3 && memcmp(t + term - 3, "（", 3) == 0)
        open = term - 3;
    else if (term >= 1 && t[term - 1] == '(')
        open = term - 1;
    else
        return 0;
    if (!(term_end + 3 <= d->len && memcmp(t + term_end, "）", 3) == 0) && !(term_end < d->len && t[term_end] == ')'))
        return 0;
    if (!g || !g->label_zh)
        return open > lo && lx_is_han(lx_cp_before(t, open, &(size_t){0}));
    size_t ln = strlen(g->label_zh);
    return open >= lo + ln && memcmp(t + open - ln, g->label_zh, ln) == 0;
}

static int is_latin_unit(const char *s, size_t n)
{
    static const char *u[] = {"ms", "s", "sec", "secs", "us", "ns", "min", "mins", "h", "hr", "hrs", "W", "kW",
                              "mW", "Hz", "kHz", "MHz", "GHz", "kg", "km", "cm", "mm", "x", "B", "M", "K", "k"};
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        if (strlen(u[i]) == n && memcmp(u[i], s, n) == 0)
            return 1;
    return 0;
}

struct seen {
    const void *key[MAX_TERMS];
    size_t scope[MAX_TERMS];
    size_t n;
};

static int seen_check(struct seen *s, const void *key, size_t scope)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->key[i] == key && s->scope[i] == scope)
            return 1;
    if (s->n < MAX_TERMS) {
        s->key[s->n] = key;
        s->scope[s->n++] = scope;
    }
    return 0;
}

static void heading_terms(struct lx_doc *d, const struct lx_block *b)
{
    const char *t = d->t;
    for (size_t i = b->start; i < b->end; i++) {
        if (!lx_is_ascii_alpha((unsigned char)t[i]) || !lx_prose(d, i) ||
            (i > b->start && lx_is_ascii_alnum((unsigned char)t[i - 1])))
            continue;
        size_t e = i;
        while (e < b->end && is_word_char((unsigned char)t[e]))
            e++;
        size_t letters = 0;
        for (size_t k = i; k < e; k++)
            letters += lx_is_ascii_alpha((unsigned char)t[k]) != 0;
        if (letters >= 2) {
            size_t ml;
            const struct qx_gloss *g = d->o->facts ? qx_facts_gloss_match(d->o->facts, t + i, b->end - i, &ml) : NULL;
            char *q = lx_quote(d, i, e - i);
            if (g && g->label_zh)
                lx_report(d, QX_R_HEADING_ACRONYM, i, e - i, g->label_zh,
                          "heading uses English '%s'; spell it out in Chinese: '%s'", q, g->label_zh);
            else
                lx_report(d, QX_R_HEADING_ACRONYM, i, e - i, NULL, "heading uses English '%s'; spell it out in Chinese",
                          q);
            free(q);
        }
        i = e;
    }
}

void lx_rules_acronym(struct lx_doc *d)
{
    int acr = lx_on(d, QX_R_ACRONYM), head = lx_on(d, QX_R_HEADING_ACRONYM);
    if (!acr && !head)
        return;
    const struct qx_facts *f = d->o->facts;
    int mode = lx_param(d, QX_R_ACRONYM);
    const char *t = d->t;
    struct seen *seen = qx_calloc(1, sizeof *seen);
    char **unknown_words = NULL;
    size_t nunknown = 0, unknown_cap = 0;
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const struct lx_block *b = &d->blocks[bi];
        if (b->heading) {
            if (head)
                heading_terms(d, b);
            continue;
        }
        if (!acr)
            continue;
        size_t scope = mode == QX_ACR_PER_SECTION ? b->section : 0;
        for (size_t i = b->start; i < b->end; i++) {
            unsigned char c = (unsigned char)t[i];
            if (!lx_is_ascii_alpha(c) || !lx_prose(d, i))
                continue;
            unsigned char p = i > b->start ? (unsigned char)t[i - 1] : ' ';
            int after_digit = lx_is_digit(p);
            /* inside a token (llama.cpp, Q4_K_M, GPTQ-Int4): not a word start */
            unsigned char pp = i > b->start + 1 ? (unsigned char)t[i - 2] : ' ';
            if (lx_is_ascii_alpha(p) || ((p == '_' || p == '.' || p == '-') && lx_is_ascii_alnum(pp)))
                continue;
            size_t ml = 0;
            const struct qx_gloss *g = f ? qx_facts_gloss_match(f, t + i, b->end - i, &ml) : NULL;
            size_t e = i;
            while (e < b->end && is_word_char((unsigned char)t[e]))
                e++;
            while (e > i && (t[e - 1] == '.' || t[e - 1] == '-'))
                e--;
            if (g && i + ml > e)
                e = i + ml; /* multi-word terms: "KV cache" */
            if (after_digit && (!g || !g->kind || strcmp(g->kind, "unit") != 0 || is_latin_unit(t + i, e - i))) {
                i = e - 1;
                continue; /* 7B, 2.7x, 5s: not terms */
            }
            if (e - i >= 3 && (t[i] == 'N' || t[i] == 'n') && (t[i + 1] == 'O' || t[i + 1] == 'o') &&
                (t[i + 2] == '.' || lx_is_digit((unsigned char)t[i + 2]))) {
                i = e - 1;
                continue; /* NO.123: an identifier, deid.identifiers' business */
            }
            size_t a = e, is = 0, ie = 0;
            while (a < b->end && t[a] == ' ')
                a++;
            size_t pe = paren_end(d, a, b->end, &is, &ie);
            if (!g && f) {
                size_t letters = 0;
                for (size_t k = i; k < e; k++)
                    letters += lx_is_ascii_alpha((unsigned char)t[k]) != 0;
                int dup = 0;
                for (size_t k = 0; k < nunknown && !dup; k++)
                    dup = strlen(unknown_words[k]) == e - i && memcmp(unknown_words[k], t + i, e - i) == 0;
                if (letters >= 2 && !dup) {
                    unknown_words = qx_grow(unknown_words, &unknown_cap, nunknown + 1, sizeof *unknown_words);
                    unknown_words[nunknown++] = qx_strndup(t + i, e - i);
                    char *q = lx_quote(d, i, e - i);
                    lx_report(d, QX_R_ACRONYM, i, e - i, NULL,
                              "English term '%s' is not in the glossary; write it in Chinese, or add it to "
                              "facts/glossary.json and explain it at first use",
                              q);
                    free(q);
                }
                i = (pe ? pe : e) - 1;
                continue;
            }
            if (!g && !f) {
                /* no glossary loaded: only capitalised acronyms are checked */
                int upper = 0;
                for (size_t k = i; k < e; k++)
                    upper += t[k] >= 'A' && t[k] <= 'Z';
                if (upper < 2) {
                    i = e - 1;
                    continue;
                }
            }
            const void *key = g ? (const void *)g : (const void *)(uintptr_t)0;
            if (!g) {
                /* key by spelling when there is no glossary entry */
                uint64_t h = 1469598103934665603ull;
                for (size_t k = i; k < e; k++)
                    h = (h ^ (unsigned char)t[k]) * 1099511628211ull;
                key = (const void *)(uintptr_t)(h | 1);
            }
            if (mode == QX_ACR_FORBID) {
                if (!seen_check(seen, key, scope)) {
                    char *q = lx_quote(d, i, e - i);
                    lx_report(d, QX_R_ACRONYM, i, e - i, g ? g->label_zh : NULL,
                              "English term '%s' is not allowed; write '%s'", q,
                              g && g->label_zh ? g->label_zh : "it in Chinese");
                    free(q);
                }
            } else if (!seen_check(seen, key, scope)) {
                int ok = (pe && explains(d, g, is, ie)) || after_label(d, g, i, e, b->start);
                if (!ok) {
                    char *q = lx_quote(d, i, e - i);
                    char *fix = g && g->label_zh ? qx_asprintf("%s（%s）", q, g->label_zh) : NULL;
                    lx_report(d, QX_R_ACRONYM, i, e - i, fix,
                              "'%s' is not explained at its first use%s; write '%s（%s）' or use the plain label", q,
                              mode == QX_ACR_PER_SECTION ? " in this section" : "", q,
                              g && g->label_zh ? g->label_zh : "…");
                    free(fix);
                    free(q);
                }
            }
            /* English inside the explanation belongs to it */
            i = (pe ? pe : e) - 1;
        }
    }
    for (size_t k = 0; k < nunknown; k++)
        free(unknown_words[k]);
    free(unknown_words);
    free(seen);
}
