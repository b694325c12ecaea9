/* facts/emit.c: facts and glossary entries back to JSON, in the documented
 * field order (docs/fact-base.md), for `facts list --format json`, `facts
 * show` and the field-by-field diff. Depends on cJSON through json.h.
 * Invariants: absent optional fields are left out; a source's null arxiv is
 * kept as null (the source says "no arXiv id", which is information). */
#include "internal.h"

static void add_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddItemToObject(o, key, cJSON_CreateString(s));
}

static void add_strs(cJSON *o, const char *key, const struct qx_strvec *v, int always)
{
    if (!v->n && !always)
        return;
    cJSON *a = cJSON_AddArrayToObject(o, key);
    for (size_t i = 0; i < v->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(v->items[i]));
}

static cJSON *value_to_json(const struct qx_fact_value *v)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "key", v->key);
    add_str(o, "name", v->name);
    if (v->is_number)
        cJSON_AddNumberToObject(o, "value", v->value);
    else
        add_str(o, "value", v->text ? v->text : "");
    add_str(o, "unit", v->unit);
    add_str(o, "qual", qx_fact_qual_name(v->qual));
    add_str(o, "display", v->display);
    if (v->derived)
        add_str(o, "expr", v->expr);
    return o;
}

cJSON *qx_fact_to_json(const struct qx_fact *x)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "id", x->id);
    add_str(o, "claim_zh", x->claim_zh);
    add_str(o, "claim_en", x->claim_en);
    add_strs(o, "topics", &x->topics, 1);
    add_str(o, "method", x->method);
    add_str(o, "model", x->model);
    add_str(o, "hardware", x->hardware);
    add_str(o, "metric", x->metric);
    add_str(o, "baseline", x->baseline);
    for (int derived = 0; derived <= 1; derived++) {
        cJSON *a = NULL;
        for (size_t i = 0; i < x->nvalues; i++) {
            if (x->values[i].derived != derived)
                continue;
            if (!a)
                a = cJSON_AddArrayToObject(o, derived ? "derived" : "values");
            cJSON_AddItemToArray(a, value_to_json(&x->values[i]));
        }
        if (!a && !derived)
            cJSON_AddArrayToObject(o, "values");
    }
    if (x->has_source) {
        cJSON *s = cJSON_AddObjectToObject(o, "source");
        add_str(s, "title", x->source.title);
        add_str(s, "authors", x->source.authors);
        if (x->source.year)
            cJSON_AddNumberToObject(s, "year", x->source.year);
        add_str(s, "venue", x->source.venue);
        if (x->source.arxiv)
            add_str(s, "arxiv", x->source.arxiv);
        else
            cJSON_AddNullToObject(s, "arxiv");
        add_str(s, "url", x->source.url);
        add_str(s, "locator", x->source.locator);
    }
    add_str(o, "caveat", x->caveat);
    add_str(o, "caveat_zh", x->caveat_zh);
    add_strs(o, "terms", &x->terms, 0);
    return o;
}

cJSON *qx_gloss_to_json(const struct qx_gloss *g)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "term", g->term);
    add_str(o, "full", g->full);
    add_str(o, "label_zh", g->label_zh);
    add_str(o, "explain_zh", g->explain_zh);
    add_str(o, "kind", g->kind);
    add_strs(o, "aliases", &g->aliases, 0);
    return o;
}
