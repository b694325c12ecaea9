/* facts/diff.c: what changed between two fact bases, field by field, for
 * `facts diff` and for batch's "which articles does this touch". Both sides
 * go through qx_fact_to_json / qx_gloss_to_json, so the comparison is on
 * the documented shape, not on formatting. Value entries are matched by key.
 * Invariants: output order is fixed (see facts.h); every cJSON in a delta is
 * owned by it. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Document order of every field name, for sorting the fields of a change. */
static const char *const field_order[] = {
    "id",       "term",    "claim_zh", "claim_en",  "topics",   "method",     "model", "hardware", "metric",
    "baseline", "values",  "derived",  "source",    "title",    "authors",    "year",  "venue",    "arxiv",
    "url",      "locator", "caveat",   "caveat_zh", "terms",    "key",        "name",  "value",    "unit",
    "qual",     "display", "expr",     "full",      "label_zh", "explain_zh", "kind",  "aliases",  NULL};

static size_t rank(const char *k)
{
    size_t i = 0;
    while (field_order[i] && strcmp(field_order[i], k) != 0)
        i++;
    return i;
}

void qx_facts_diff_init(struct qx_facts_diff *df)
{
    memset(df, 0, sizeof *df);
}

void qx_facts_diff_release(struct qx_facts_diff *df)
{
    for (size_t i = 0; i < df->n; i++) {
        free(df->items[i].id);
        free(df->items[i].field);
        cJSON_Delete(df->items[i].old_v);
        cJSON_Delete(df->items[i].new_v);
    }
    free(df->items);
    qx_facts_diff_init(df);
}

struct ctx {
    struct qx_facts_diff *df;
    int glossary;
    const char *id;
};

static void add(struct ctx *c, enum qx_delta_kind kind, const char *field, const cJSON *a, const cJSON *b)
{
    struct qx_facts_diff *df = c->df;
    df->items = qx_grow(df->items, &df->cap, df->n + 1, sizeof *df->items);
    struct qx_delta *x = &df->items[df->n++];
    x->kind = kind;
    x->glossary = c->glossary;
    x->id = qx_strdup(c->id);
    x->field = field ? qx_strdup(field) : NULL;
    x->old_v = a ? cJSON_Duplicate(a, 1) : NULL;
    x->new_v = b ? cJSON_Duplicate(b, 1) : NULL;
}

static int cmp_keys(const void *x, const void *y)
{
    const char *a = *(const char *const *)x, *b = *(const char *const *)y;
    size_t ra = rank(a), rb = rank(b);
    return ra != rb ? (ra < rb ? -1 : 1) : strcmp(a, b);
}

static void diff_obj(struct ctx *c, const char *prefix, const cJSON *a, const cJSON *b);

/* An array of objects that all carry a distinct string "key". */
static int keyed(const cJSON *arr)
{
    if (!cJSON_IsArray(arr))
        return 0;
    const cJSON *el;
    cJSON_ArrayForEach(el, arr)
    {
        const char *k = qx_json_str(el, "key");
        if (!k)
            return 0;
        for (const cJSON *p = arr->child; p != el; p = p->next)
            if (strcmp(qx_json_str(p, "key"), k) == 0)
                return 0;
    }
    return 1;
}

static const cJSON *by_key(const cJSON *arr, const char *k)
{
    const cJSON *el;
    cJSON_ArrayForEach(el, arr) if (strcmp(qx_json_str(el, "key"), k) == 0) return el;
    return NULL;
}

static void diff_keyed(struct ctx *c, const char *path, const cJSON *a, const cJSON *b)
{
    const cJSON *el;
    cJSON_ArrayForEach(el, a)
    {
        const char *k = qx_json_str(el, "key");
        char *sub = qx_asprintf("%s[%s]", path, k);
        const cJSON *other = by_key(b, k);
        if (other) {
            char *pre = qx_asprintf("%s.", sub);
            diff_obj(c, pre, el, other);
            free(pre);
        } else {
            add(c, QX_DELTA_CHANGED, sub, el, NULL);
        }
        free(sub);
    }
    cJSON_ArrayForEach(el, b)
    {
        const char *k = qx_json_str(el, "key");
        if (!by_key(a, k)) {
            char *sub = qx_asprintf("%s[%s]", path, k);
            add(c, QX_DELTA_CHANGED, sub, NULL, el);
            free(sub);
        }
    }
}

static void diff_obj(struct ctx *c, const char *prefix, const cJSON *a, const cJSON *b)
{
    struct qx_strvec keys;
    qx_strvec_init(&keys);
    const cJSON *m;
    cJSON_ArrayForEach(m, a) qx_strvec_push(&keys, m->string);
    cJSON_ArrayForEach(m, b) if (!cJSON_GetObjectItemCaseSensitive(a, m->string))
        qx_strvec_push(&keys, m->string);
    if (keys.n)
        qsort(keys.items, keys.n, sizeof *keys.items, cmp_keys);
    for (size_t i = 0; i < keys.n; i++) {
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(a, keys.items[i]);
        const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, keys.items[i]);
        char *path = qx_asprintf("%s%s", prefix, keys.items[i]);
        if (cJSON_IsObject(x) && cJSON_IsObject(y)) {
            char *pre = qx_asprintf("%s.", path);
            diff_obj(c, pre, x, y);
            free(pre);
        } else if (keyed(x) && keyed(y)) {
            diff_keyed(c, path, x, y);
        } else if (!x || !y || !cJSON_Compare(x, y, 1)) {
            add(c, QX_DELTA_CHANGED, path, x, y);
        }
        free(path);
    }
    qx_strvec_release(&keys);
}

/* The name of entry i of side s, or NULL past the end; duplicates after the
 * first are skipped (facts check reports them). */
struct side {
    const struct qx_facts *f;
    int glossary;
    size_t i;
};

static const char *name_at(const struct side *s, size_t i)
{
    if (s->glossary)
        return i < s->f->ngloss ? s->f->gloss[i].term : NULL;
    return i < s->f->n ? s->f->facts[i].id : NULL;
}

static void advance(struct side *s)
{
    const char *cur = name_at(s, s->i);
    do
        s->i++;
    while (name_at(s, s->i) && strcmp(name_at(s, s->i), cur) == 0);
}

static cJSON *entry_json(const struct side *s)
{
    return s->glossary ? qx_gloss_to_json(&s->f->gloss[s->i]) : qx_fact_to_json(&s->f->facts[s->i]);
}

static void diff_pass(struct qx_facts_diff *df, const struct qx_facts *a, const struct qx_facts *b,
                      int glossary, enum qx_delta_kind want)
{
    struct side sa = {a, glossary, 0}, sb = {b, glossary, 0};
    struct ctx c = {df, glossary, NULL};
    for (;;) {
        const char *na = name_at(&sa, sa.i), *nb = name_at(&sb, sb.i);
        if (!na && !nb)
            break;
        int cmp = !na ? 1 : !nb ? -1 : strcmp(na, nb);
        if (cmp < 0 && want == QX_DELTA_REMOVED) {
            cJSON *x = entry_json(&sa);
            c.id = na;
            add(&c, QX_DELTA_REMOVED, NULL, x, NULL);
            cJSON_Delete(x);
        } else if (cmp > 0 && want == QX_DELTA_ADDED) {
            cJSON *y = entry_json(&sb);
            c.id = nb;
            add(&c, QX_DELTA_ADDED, NULL, NULL, y);
            cJSON_Delete(y);
        } else if (cmp == 0 && want == QX_DELTA_CHANGED) {
            cJSON *x = entry_json(&sa), *y = entry_json(&sb);
            c.id = na;
            diff_obj(&c, "", x, y);
            cJSON_Delete(x);
            cJSON_Delete(y);
        }
        if (cmp <= 0)
            advance(&sa);
        if (cmp >= 0)
            advance(&sb);
    }
}

void qx_facts_diff(struct qx_facts_diff *df, const struct qx_facts *a, const struct qx_facts *b)
{
    static const enum qx_delta_kind order[] = {QX_DELTA_ADDED, QX_DELTA_REMOVED, QX_DELTA_CHANGED};
    for (int glossary = 0; glossary <= 1; glossary++)
        for (size_t k = 0; k < 3; k++)
            diff_pass(df, a, b, glossary, order[k]);
}
