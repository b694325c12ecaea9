/* facts/check_text.c: the rules of `facts check` that read text. English
 * words in the Chinese fields must be glossary terms (facts.english) and be
 * listed in the fact's `terms` (facts.terms); `terms` may name only glossary
 * entries (facts.glossary-ref); every string of every file must be NFC
 * (facts.nfc); claims must not repeat the seed claims no source supports
 * (facts.unsupported). Depends on text (NFC) and json (positions).
 *
 * An English word is a maximal run of ASCII letters and digits, joined by
 * - _ . / + between them. It is read left to right: the longest glossary name
 * at the current position is consumed (names may hold spaces, "KV cache");
 * otherwise leading digits are skipped ("16.99GB" reads as 16.99 and GB),
 * or one letter-digit segment is consumed, and it is an error if it holds
 * two ASCII letters in a row ("Qwen-7B-Chat" needs "Qwen" and "Chat", while
 * "7B" and "A100" need nothing). A glossary entry's own label and
 * explanation may also use the words of its own term, full name and aliases.
 * Single-letter names ("B" in "8B") need not be listed in terms. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "qexplain/text.h"

/* Seed claims that ../shared/facts/README.md lists as unsupported. */
static const char *const unsupported[] = {"NIAQC", "CAICT", "信通院", "AWQ-v2", "AWQ v2", "iOS 18", NULL};

static int joiner(char c)
{
    return c == '-' || c == '_' || c == '.' || c == '/' || c == '+';
}

struct scan_ctx {
    const struct qx_facts *f;
    struct qx_diags *d;
    const char *file;
    const cJSON *obj; /* entry holding the field, for the position */
    const char *field;
    unsigned line, col;
    unsigned char *used;         /* per glossary entry: seen in this fact's text, or NULL */
    const struct qx_gloss *self; /* checking this entry's own text, or NULL */
    struct qx_strvec reported;
};

static int word_at(const char *s, size_t n, size_t i, size_t len)
{
    return (i == 0 || !facts_is_alnum(s[i - 1])) && (i + len >= n || !facts_is_alnum(s[i + len]));
}

/* 1 if w is a whole word of s. */
static int has_word(const char *s, const char *w)
{
    size_t n = s ? strlen(s) : 0, len = strlen(w);
    for (const char *p = s; p && (p = strstr(p, w)) != NULL; p++)
        if (word_at(s, n, (size_t)(p - s), len))
            return 1;
    return 0;
}

/* A glossary entry's own text may use the words of its own names: "Meta"
 * in the label of "Llama (LLaMA) model family by Meta" is explained by the
 * entry itself. */
static int own_word(const struct qx_gloss *g, const char *w)
{
    if (!g)
        return 0;
    if (has_word(g->term, w) || has_word(g->full, w))
        return 1;
    for (size_t i = 0; i < g->aliases.n; i++)
        if (has_word(g->aliases.items[i], w))
            return 1;
    return 0;
}

/* 1 if the name holds two ASCII letters in a row: single letters ("B" in
 * "8B", "x") are not English words, so terms need not list them. */
static int wordlike(const char *name)
{
    for (; name[0] && name[1]; name++)
        if (facts_is_alpha(name[0]) && facts_is_alpha(name[1]))
            return 1;
    return 0;
}

static void unknown_word(struct scan_ctx *c, const char *s, size_t seg, size_t segend, size_t ws, size_t we)
{
    char *w = qx_strndup(s + seg, segend - seg);
    if (!qx_strvec_contains(&c->reported, w) && !own_word(c->self, w)) {
        if (seg == ws && segend == we)
            facts_error(c->f, c->d, c->file, c->obj, c->field, c->line, c->col, "facts.english",
                        "English word '%s' in %s is not in the glossary", w, c->field);
        else
            facts_error(c->f, c->d, c->file, c->obj, c->field, c->line, c->col, "facts.english",
                        "English word '%s' (in '%.*s') in %s is not in the glossary", w, (int)(we - ws),
                        s + ws, c->field);
        qx_strvec_push(&c->reported, w);
    }
    free(w);
}

/* Reads one English word starting at ws; returns where scanning resumes. */
static size_t scan_word(struct scan_ctx *c, const char *s, size_t n, size_t ws)
{
    size_t we = ws;
    while (we < n && (facts_is_alnum(s[we]) || (joiner(s[we]) && we + 1 < n && facts_is_alnum(s[we + 1]))))
        we++;
    size_t p = ws;
    while (p < we) {
        if (joiner(s[p])) {
            p++;
            continue;
        }
        size_t m;
        const struct qx_gloss *g = qx_facts_gloss_match(c->f, s + p, n - p, &m);
        if (g) {
            char *name = qx_strndup(s + p, m);
            if (c->used && wordlike(name))
                c->used[g - c->f->gloss] = 1;
            free(name);
            p += m;
        } else if (s[p] >= '0' && s[p] <= '9') {
            /* A figure: "16.99GB" is 16.99 then GB, "7B" needs nothing. */
            while (p < we && s[p] >= '0' && s[p] <= '9')
                p++;
        } else {
            size_t e = p;
            int run = 0, letters2 = 0;
            for (; e < we && facts_is_alnum(s[e]); e++) {
                run = facts_is_alpha(s[e]) ? run + 1 : 0;
                letters2 |= run >= 2;
            }
            if (letters2)
                unknown_word(c, s, p, e, ws, we);
            p = e;
        }
    }
    return p > we ? p : we;
}

static void scan_text(struct scan_ctx *c, const char *s, const char *field)
{
    if (!s)
        return;
    c->field = field;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        if (facts_is_alnum(s[i]))
            i = scan_word(c, s, n, i);
        else
            i++;
    }
}

static void check_unsupported(struct scan_ctx *c, const char *s, const char *field)
{
    if (!s)
        return;
    size_t n = strlen(s);
    for (size_t k = 0; unsupported[k]; k++) {
        const char *hit = strstr(s, unsupported[k]);
        if (hit)
            facts_error(c->f, c->d, c->file, c->obj, field, c->line, c->col, "facts.unsupported",
                        "%s names '%s', a seed claim no checked source supports", field, unsupported[k]);
    }
    for (const char *p = s; (p = strstr(p, "TIR")) != NULL; p += 3)
        if (word_at(s, n, (size_t)(p - s), 3)) {
            facts_error(c->f, c->d, c->file, c->obj, field, c->line, c->col, "facts.unsupported",
                        "%s names 'TIR', a seed claim no checked source supports", field);
            break;
        }
}

static void check_fact_text(struct scan_ctx *c, const struct qx_fact *x, int glossary)
{
    c->file = x->file;
    c->obj = x->json;
    c->line = x->line;
    c->col = x->col;
    memset(c->used, 0, c->f->ngloss ? c->f->ngloss : 1);
    check_unsupported(c, x->claim_zh, "claim_zh");
    check_unsupported(c, x->claim_en, "claim_en");
    for (size_t k = 0; k < x->nvalues; k++) {
        const struct qx_fact_value *v = &x->values[k];
        c->obj = v->json;
        c->line = v->line;
        c->col = v->col;
        check_unsupported(c, v->display, "display");
    }
    c->obj = x->json;
    c->line = x->line;
    c->col = x->col;
    if (!glossary)
        return;
    scan_text(c, x->claim_zh, "claim_zh");
    scan_text(c, x->caveat_zh, "caveat_zh");
    for (size_t k = 0; k < x->terms.n; k++) {
        const struct qx_gloss *g = qx_facts_gloss_find(c->f, x->terms.items[k]);
        if (g) {
            c->used[g - c->f->gloss] = 0; /* listed: fine */
            continue;
        }
        const cJSON *arr = x->json ? cJSON_GetObjectItemCaseSensitive(x->json, "terms") : NULL;
        const cJSON *el = arr ? cJSON_GetArrayItem(arr, (int)k) : NULL;
        facts_error(c->f, c->d, x->file, el, NULL, x->line, x->col, "facts.glossary-ref",
                    "unknown glossary term '%s' in terms of '%s'", x->terms.items[k], x->id);
    }
    for (size_t g = 0; g < c->f->ngloss; g++)
        if (c->used[g])
            facts_error(c->f, c->d, x->file, x->json, x->terms.n ? "terms" : NULL, x->line, x->col,
                        "facts.terms", "'%s' uses glossary term '%s' but its terms do not list it", x->id,
                        c->f->gloss[g].term);
}

static void check_nfc(const struct qx_json_doc *doc, const cJSON *node, struct qx_diags *d)
{
    for (; node; node = node->next) {
        if (cJSON_IsString(node) && !qx_text_is_nfc(node->valuestring, strlen(node->valuestring)))
            qx_json_diag(doc, d, node, QX_SEV_ERROR, "facts.nfc",
                         "text is not in Unicode NFC (normalise it: decomposed or compatibility "
                         "characters)");
        if (node->child)
            check_nfc(doc, node->child, d);
    }
}

void facts_check_text(const struct qx_facts *f, struct qx_diags *d)
{
    struct scan_ctx c = {.f = f, .d = d};
    qx_strvec_init(&c.reported);
    c.used = qx_calloc(f->ngloss ? f->ngloss : 1, 1);
    const struct facts_priv *p = f->priv;
    /* Without a glossary every English word would be reported: the missing
     * glossary is the one error worth printing. */
    int glossary = !p || p->have_glossary || f->ngloss;
    for (size_t i = 0; i < f->n; i++) {
        qx_strvec_release(&c.reported);
        check_fact_text(&c, &f->facts[i], glossary);
    }
    free(c.used);
    c.used = NULL;
    for (size_t i = 0; i < f->ngloss; i++) {
        const struct qx_gloss *g = &f->gloss[i];
        qx_strvec_release(&c.reported);
        c.file = g->file;
        c.obj = g->json;
        c.line = g->line;
        c.col = g->col;
        c.self = g;
        scan_text(&c, g->label_zh, "label_zh");
        scan_text(&c, g->explain_zh, "explain_zh");
    }
    qx_strvec_release(&c.reported);
    for (size_t i = 0; p && i < p->ndocs; i++)
        check_nfc(p->docs[i], p->docs[i]->root, d);
}
