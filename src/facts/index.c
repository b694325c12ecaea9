/* facts/index.c: look-ups over a loaded base (fact by id, value by key,
 * glossary entry by term or alias, longest glossary match in text), the
 * canonical unit and topic vocabularies, and the positioned-error helper the
 * rules share. Invariants: f->facts is sorted by id and f->gloss by term
 * (load.c); priv->names is sorted by strcmp and rebuilt whenever f->gloss
 * changes. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* docs/fact-base.md "Units"; keep the two in step. */
static const char *const units[] = {
    "GB",       "GiB", "MB",     "MiB",    "bytes", "bits",      "bits/weight", "bytes/param", "tokens/s",
    "ms/token", "ms",  "s",      "s/iter", "hours", "gpu-hours", "x",           "%",           "points",
    "accuracy", "ppl", "params", "count",  "gpus",  "ratio",     "version",     "text",        NULL};

/* docs/fact-base.md "Topics": the tags of ../shared/facts. */
const char *const qx_facts_topics[] = {
    "memory",    "accuracy", "speed",          "chinese-benchmark", "chinese-model",  "format", "fine-tuning",
    "hardware",  "kv-cache", "serving-engine", "limitation",        "weight-storage", "awq",    "gptq",
    "qlora",     "gguf",     "bitsandbytes",   "smoothquant",       "int4",           "int8",   "fp8",
    "sub-4-bit", NULL};

static int in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; s && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

int qx_facts_unit_known(const char *unit)
{
    return in_list(units, unit);
}

int qx_facts_topic_known(const char *topic)
{
    return in_list(qx_facts_topics, topic);
}

int facts_is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int facts_is_alnum(char c)
{
    return facts_is_alpha(c) || (c >= '0' && c <= '9');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int facts_ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (unsigned char)lower(*a), y = (unsigned char)lower(*b);
        if (x != y || !x)
            return x - y;
    }
}

const struct qx_fact *qx_facts_find(const struct qx_facts *f, const char *id)
{
    size_t lo = 0, hi = f->n;
    while (lo < hi) { /* first of equal ids: the one loaded first */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(f->facts[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->n && strcmp(f->facts[lo].id, id) == 0 ? &f->facts[lo] : NULL;
}

const struct qx_fact_value *qx_fact_value_find(const struct qx_fact *fact, const char *key)
{
    for (size_t i = 0; i < fact->nvalues; i++)
        if (fact->values[i].key && strcmp(fact->values[i].key, key) == 0)
            return &fact->values[i];
    return NULL;
}

int qx_fact_has_topic(const struct qx_fact *fact, const char *topic)
{
    return qx_strvec_contains(&fact->topics, topic);
}

static int cmp_name(const void *a, const void *b)
{
    const struct gloss_name *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->entry < y->entry ? -1 : x->entry > y->entry);
}

static unsigned char first_key(const char *name)
{
    return (unsigned char)lower(name[0]);
}

void facts_index_names(struct qx_facts *f)
{
    struct facts_priv *p = f->priv;
    size_t n = 0, cap = 0;
    free(p->names);
    free(p->byfirst);
    p->names = NULL;
    p->byfirst = NULL;
    for (size_t i = 0; i < f->ngloss; i++) {
        const struct qx_gloss *g = &f->gloss[i];
        p->names = qx_grow(p->names, &cap, n + 1 + g->aliases.n, sizeof *p->names);
        p->names[n++] = (struct gloss_name){g->term, strlen(g->term), i, 0};
        for (size_t k = 0; k < g->aliases.n; k++)
            p->names[n++] = (struct gloss_name){g->aliases.items[k], strlen(g->aliases.items[k]), i, 1};
    }
    if (n)
        qsort(p->names, n, sizeof *p->names, cmp_name);
    p->nnames = n;
    /* Counting sort by first byte keeps the strcmp order inside a group. */
    memset(p->first, 0, sizeof p->first);
    for (size_t i = 0; i < n; i++)
        p->first[first_key(p->names[i].name) + 1]++;
    for (size_t c = 1; c <= 256; c++)
        p->first[c] += p->first[c - 1];
    p->byfirst = qx_calloc(n ? n : 1, sizeof *p->byfirst);
    size_t fill[256];
    memcpy(fill, p->first, sizeof fill);
    for (size_t i = 0; i < n; i++)
        p->byfirst[fill[first_key(p->names[i].name)]++] = p->names[i];
}

const struct qx_gloss *qx_facts_gloss_find(const struct qx_facts *f, const char *term)
{
    const struct facts_priv *p = f->priv;
    if (!p || !term)
        return NULL;
    size_t lo = 0, hi = p->nnames;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(p->names[mid].name, term) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < p->nnames && strcmp(p->names[lo].name, term) == 0)
        return &f->gloss[p->names[lo].entry];
    for (size_t i = 0; i < p->nnames; i++)
        if (facts_ascii_casecmp(p->names[i].name, term) == 0)
            return &f->gloss[p->names[i].entry];
    return NULL;
}

const struct qx_gloss *qx_facts_gloss_match(const struct qx_facts *f, const char *s, size_t len,
                                            size_t *matched)
{
    const struct facts_priv *p = f->priv;
    const struct gloss_name *best = NULL;
    size_t bestlen = 0;
    *matched = 0;
    if (!p || !p->byfirst || len == 0)
        return NULL;
    unsigned char c = first_key(s);
    for (size_t i = p->first[c]; i < p->first[c + 1]; i++) {
        const struct gloss_name *g = &p->byfirst[i];
        size_t n = g->len;
        if (n == 0 || n > len || n < bestlen)
            continue;
        size_t k = 0;
        while (k < n && lower(g->name[k]) == lower(s[k]))
            k++;
        if (k < n)
            continue;
        /* "INT4" must not match the start of "INT48"; "LLM.int8()" ends in
         * punctuation, so any character may follow it. */
        if (facts_is_alnum(g->name[n - 1]) && n < len && facts_is_alnum(s[n]))
            continue;
        /* Longest wins; among equal lengths the exact spelling wins. */
        if (n > bestlen || (strncmp(s, g->name, n) == 0 && strncmp(s, best->name, n) != 0)) {
            best = g;
            bestlen = n;
        }
    }
    *matched = bestlen;
    return best ? &f->gloss[best->entry] : NULL;
}

const struct qx_json_doc *facts_doc_of(const struct qx_facts *f, const char *file)
{
    const struct facts_priv *p = f->priv;
    for (size_t i = 0; p && file && i < p->ndocs; i++)
        if (strcmp(p->docs[i]->file, file) == 0)
            return p->docs[i];
    return NULL;
}

struct qx_diag *facts_error(const struct qx_facts *f, struct qx_diags *d, const char *file, const cJSON *obj,
                            const char *key, unsigned line, unsigned col, const char *rule, const char *fmt,
                            ...)
{
    const struct qx_json_doc *doc = obj ? facts_doc_of(f, file) : NULL;
    if (doc) {
        const cJSON *at = key ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
        qx_json_doc_pos(doc, at ? at : obj, &line, &col);
    }
    va_list ap;
    va_start(ap, fmt);
    struct qx_diag *g = qx_diags_vadd(d, file, line, col, QX_SEV_ERROR, rule, fmt, ap);
    va_end(ap);
    return g;
}
