/* facts/check.c: the structural rules of `facts check` (ids, claims,
 * topics, sources and locators, value keys, units, derived values, the
 * glossary's own fields and duplicates). The text rules (English words,
 * glossary references, NFC, unsupported claims) live in check_text.c.
 * Depends on json (positions) through internal.h. Invariants: every
 * diagnostic is an error located at the JSON member at fault (or the entry,
 * when the member is missing); the result is sorted by file, line, column. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const kinds[] = {"method", "format",   "unit",    "hardware", "benchmark",
                                    "metric", "software", "concept", NULL};

static int blank(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (!strchr(" \t\r\n", *s))
            return 0;
    return 1;
}

static int id_ok(const char *id)
{
    if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
        return 0;
    size_t n = 0;
    for (const char *p = id; *p; p++, n++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("._-", *p)))
            return 0;
    return n <= 128;
}

static int key_ok(const char *k)
{
    if (!(k[0] >= 'a' && k[0] <= 'z'))
        return 0;
    size_t n = 0;
    for (const char *p = k; *p; p++, n++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return n <= FACTS_MAX_KEY;
}

/* The k-th element of array member `key` of obj, or NULL. */
static const cJSON *element(const cJSON *obj, const char *key, size_t k)
{
    const cJSON *arr = obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
    return arr ? cJSON_GetArrayItem(arr, (int)k) : NULL;
}

#define FACT_ERR(x, key, rule, ...)                                                                          \
    facts_error(f, d, (x)->file, (x)->json, key, (x)->line, (x)->col, rule, __VA_ARGS__)
/* An entry built in memory has no position of its own: use the fact's. */
#define VALUE_ERR(x, v, key, rule, ...)                                                                      \
    facts_error(f, d, (x)->file, (v)->json, key, (v)->line ? (v)->line : (x)->line,                          \
                (v)->line ? (v)->col : (x)->col, rule, __VA_ARGS__)

static void check_source(const struct qx_facts *f, struct qx_diags *d, const struct qx_fact *x)
{
    if (!x->has_source) {
        FACT_ERR(x, NULL, "facts.locator", "fact '%s' has no source", x->id);
        return;
    }
    const cJSON *src = x->json ? cJSON_GetObjectItemCaseSensitive(x->json, "source") : NULL;
    const char *file = x->file;
    if (blank(x->source.locator))
        facts_error(f, d, file, src, x->source.locator ? "locator" : NULL, x->line, x->col, "facts.locator",
                    "source of '%s' has no locator (table, section or file and lines)", x->id);
    if (blank(x->source.title))
        facts_error(f, d, file, src, x->source.title ? "title" : NULL, x->line, x->col, "facts.source",
                    "source of '%s' has no title", x->id);
    if (blank(x->source.url) && blank(x->source.arxiv))
        facts_error(f, d, file, src, NULL, x->line, x->col, "facts.source",
                    "source of '%s' has neither url nor arxiv", x->id);
}

/* Half a unit in the last printed decimal: "0.517" is right if the
 * expression gives anything in [0.5165, 0.5175]. */
static double tolerance(const struct qx_fact_value *v)
{
    int dec = v->decimals;
    if (dec < 0) { /* built in memory: the shortest form that round-trips */
        char buf[64];
        for (dec = 0; dec < 15; dec++) {
            snprintf(buf, sizeof buf, "%.*f", dec, v->value);
            double back;
            if (sscanf(buf, "%lf", &back) == 1 && back == v->value)
                break;
        }
    }
    return 0.5 * pow(10.0, -dec);
}

static void check_derived(const struct qx_facts *f, struct qx_diags *d, const struct qx_fact *x, size_t k)
{
    const struct qx_fact_value *v = &x->values[k];
    const char *name = v->key ? v->key : "?";
    if (blank(v->expr)) {
        VALUE_ERR(x, v, NULL, "facts.expr", "derived value '%s' has no expression", name);
        return;
    }
    if (!v->is_number) {
        VALUE_ERR(x, v, "value", "facts.derived", "derived value '%s' must be a number", name);
        return;
    }
    double got;
    struct qx_expr_error err;
    if (qx_fact_eval(&got, x, k, v->expr, &err)) {
        VALUE_ERR(x, v, "expr", "facts.expr", "cannot evaluate '%s' of '%s': %s (at character %zu)", v->expr,
                  name, err.msg, err.at + 1);
        return;
    }
    double tol = tolerance(v);
    if (fabs(got - v->value) > tol * (1 + 1e-9) + 1e-12)
        VALUE_ERR(x, v, "value", "facts.derived",
                  "derived value '%s' is %.*f but '%s' gives %.6g (tolerance %g)", name,
                  v->decimals < 0 ? 6 : v->decimals, v->value, v->expr, got, tol);
}

static void check_values(const struct qx_facts *f, struct qx_diags *d, const struct qx_fact *x)
{
    for (size_t k = 0; k < x->nvalues; k++) {
        const struct qx_fact_value *v = &x->values[k];
        if (!v->key) {
            VALUE_ERR(x, v, NULL, "facts.key", "value entry of '%s' has no key", x->id);
        } else if (!key_ok(v->key)) {
            VALUE_ERR(x, v, "key", "facts.key", "invalid key '%s' (use [a-z][a-z0-9_]*, at most %d)", v->key,
                      FACTS_MAX_KEY);
        } else {
            for (size_t j = 0; j < k; j++)
                if (x->values[j].key && strcmp(x->values[j].key, v->key) == 0) {
                    VALUE_ERR(x, v, "key", "facts.duplicate-value-key",
                              "duplicate value key '%s' in '%s' (first at line %u)", v->key, x->id,
                              x->values[j].line);
                    break;
                }
        }
        if (blank(v->unit))
            VALUE_ERR(x, v, v->unit ? "unit" : NULL, "facts.unit", "value '%s' has no unit",
                      v->key ? v->key : "?");
        else if (!qx_facts_unit_known(v->unit))
            VALUE_ERR(x, v, "unit", "facts.unit", "unknown unit '%s' (canonical units: docs/fact-base.md)",
                      v->unit);
        if (v->derived)
            check_derived(f, d, x, k);
    }
}

static void check_fact(const struct qx_facts *f, struct qx_diags *d, size_t i, size_t *first)
{
    const struct qx_fact *x = &f->facts[i];
    if (i > 0 && strcmp(f->facts[*first].id, x->id) == 0) {
        const struct qx_fact *a = &f->facts[*first];
        FACT_ERR(x, "id", "facts.duplicate-id", "duplicate id '%s' (first defined at %s:%u:%u)", x->id,
                 a->file, a->line, a->col);
    } else {
        *first = i;
    }
    if (!id_ok(x->id))
        FACT_ERR(x, "id", "facts.id", "invalid id '%s' (use lower-case letters, digits, '.', '_', '-')",
                 x->id);
    if (blank(x->claim_zh))
        FACT_ERR(x, x->claim_zh ? "claim_zh" : NULL, "facts.claim", "fact '%s' has no claim_zh", x->id);
    if (!x->topics.n)
        FACT_ERR(x, x->json && cJSON_GetObjectItemCaseSensitive(x->json, "topics") ? "topics" : NULL,
                 "facts.topic", "fact '%s' has no topics", x->id);
    for (size_t k = 0; k < x->topics.n; k++)
        if (!qx_facts_topic_known(x->topics.items[k]))
            facts_error(f, d, x->file, element(x->json, "topics", k), NULL, x->line, x->col, "facts.topic",
                        "unknown topic '%s' (topics: docs/fact-base.md)", x->topics.items[k]);
    check_source(f, d, x);
    check_values(f, d, x);
}

static int in_kinds(const char *k)
{
    for (size_t i = 0; kinds[i]; i++)
        if (strcmp(kinds[i], k) == 0)
            return 1;
    return 0;
}

static void check_gloss(const struct qx_facts *f, struct qx_diags *d)
{
    for (size_t i = 0; i < f->ngloss; i++) {
        const struct qx_gloss *g = &f->gloss[i];
        const char *need[] = {"full", "label_zh", "explain_zh", "kind"};
        const char *have[] = {g->full, g->label_zh, g->explain_zh, g->kind};
        for (size_t k = 0; k < 4; k++)
            if (blank(have[k]))
                facts_error(f, d, g->file, g->json, have[k] ? need[k] : NULL, g->line, g->col,
                            "facts.glossary", "glossary entry '%s' has no '%s'", g->term, need[k]);
        if (!blank(g->kind) && !in_kinds(g->kind))
            facts_error(f, d, g->file, g->json, "kind", g->line, g->col, "facts.glossary",
                        "unknown kind '%s' (method, format, unit, hardware, benchmark, metric, "
                        "software or concept)",
                        g->kind);
        if (blank(g->term))
            facts_error(f, d, g->file, g->json, "term", g->line, g->col, "facts.glossary",
                        "glossary entry has an empty term");
    }
    /* Names are sorted, so equal terms and aliases are neighbours. Report
     * the one that comes later in the files. */
    const struct facts_priv *p = f->priv;
    for (size_t i = 1; p && i < p->nnames; i++) {
        const struct gloss_name *a = &p->names[i - 1], *b = &p->names[i];
        if (strcmp(a->name, b->name) != 0)
            continue;
        const struct qx_gloss *ga = &f->gloss[a->entry], *gb = &f->gloss[b->entry];
        int b_later = strcmp(gb->file, ga->file) > 0 ||
                      (strcmp(gb->file, ga->file) == 0 &&
                       (gb->line > ga->line || (gb->line == ga->line && b->alias >= a->alias)));
        const struct gloss_name *late = b_later ? b : a, *early = b_later ? a : b;
        const struct qx_gloss *gl = &f->gloss[late->entry], *ge = &f->gloss[early->entry];
        facts_error(f, d, gl->file, gl->json, late->alias ? "aliases" : "term", gl->line, gl->col,
                    "facts.duplicate-term", "glossary name '%s' is already used by '%s' (%s:%u:%u)",
                    late->name, ge->term, ge->file, ge->line, ge->col);
    }
}

int qx_facts_check(const struct qx_facts *f, struct qx_diags *d)
{
    struct qx_diags out;
    qx_diags_init(&out);
    size_t first = 0;
    for (size_t i = 0; i < f->n; i++)
        check_fact(f, &out, i, &first);
    check_gloss(f, &out);
    facts_check_text(f, &out);
    qx_diags_sort(&out);
    size_t errors = qx_diags_count(&out, QX_SEV_ERROR);
    qx_diags_move(d, &out);
    qx_diags_release(&out);
    return errors ? QX_EINPUT : 0;
}
