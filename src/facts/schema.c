/* facts/schema.c: the shape of fact and glossary entries: which fields
 * exist, which are required, and their JSON types. Every violation is one
 * facts.schema diagnostic at the member (or the entry, when a required
 * member is missing). Depends on json for positions. Invariant: an entry that
 * validates can be read by load.c without further type checks. */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "internal.h"

struct schema {
    const struct qx_json_doc *doc;
    struct qx_diags *d;
};

enum ftype {
    F_STR,     /* string or null */
    F_STRS,    /* array of strings */
    F_VALUES,  /* array of value objects */
    F_DERIVED, /* array of derived value objects */
    F_SOURCE,  /* object */
    F_NUMSTR,  /* number or string */
    F_INT,     /* integer or null */
    F_QUAL     /* one of the qualifier names */
};

struct field {
    const char *key;
    enum ftype type;
    int required;
};

static const struct field fact_fields[] = {
    {"id", F_STR, 1},       {"claim_zh", F_STR, 0},  {"claim_en", F_STR, 0},    {"topics", F_STRS, 0},
    {"method", F_STR, 0},   {"model", F_STR, 0},     {"hardware", F_STR, 0},    {"metric", F_STR, 0},
    {"baseline", F_STR, 0}, {"values", F_VALUES, 0}, {"derived", F_DERIVED, 0}, {"source", F_SOURCE, 0},
    {"caveat", F_STR, 0},   {"caveat_zh", F_STR, 0}, {"terms", F_STRS, 0},      {NULL, F_STR, 0}};

static const struct field value_fields[] = {{"key", F_STR, 0},  {"name", F_STR, 0},  {"value", F_NUMSTR, 1},
                                            {"unit", F_STR, 0}, {"qual", F_QUAL, 0}, {"display", F_STR, 0},
                                            {NULL, F_STR, 0}};

static const struct field derived_fields[] = {{"key", F_STR, 0},  {"name", F_STR, 0},  {"value", F_NUMSTR, 1},
                                              {"unit", F_STR, 0}, {"qual", F_QUAL, 0}, {"display", F_STR, 0},
                                              {"expr", F_STR, 0}, {NULL, F_STR, 0}};

static const struct field source_fields[] = {{"title", F_STR, 0},   {"authors", F_STR, 0}, {"year", F_INT, 0},
                                             {"venue", F_STR, 0},   {"arxiv", F_STR, 0},   {"url", F_STR, 0},
                                             {"locator", F_STR, 0}, {NULL, F_STR, 0}};

static const struct field gloss_fields[] = {
    {"term", F_STR, 1}, {"full", F_STR, 0},     {"label_zh", F_STR, 0}, {"explain_zh", F_STR, 0},
    {"kind", F_STR, 0}, {"aliases", F_STRS, 0}, {NULL, F_STR, 0}};

static void schema_error(struct schema *S, const cJSON *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void schema_error(struct schema *S, const cJSON *node, const char *fmt, ...)
{
    unsigned line = 0, col = 0;
    qx_json_doc_pos(S->doc, node, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    qx_diags_vadd(S->d, S->doc->file, line, col, QX_SEV_ERROR, "facts.schema", fmt, ap);
    va_end(ap);
}

const char *facts_type_name(const cJSON *it)
{
    if (cJSON_IsString(it))
        return "a string";
    if (cJSON_IsNumber(it))
        return "a number";
    if (cJSON_IsArray(it))
        return "an array";
    if (cJSON_IsObject(it))
        return "an object";
    if (cJSON_IsNull(it))
        return "null";
    return "a boolean";
}

static int is_integer(const cJSON *it)
{
    return cJSON_IsNumber(it) && it->valuedouble == floor(it->valuedouble) && fabs(it->valuedouble) < 1e9;
}

static int validate_object(struct schema *S, const cJSON *obj, const struct field *fields, const char *what);

static int validate_array(struct schema *S, const cJSON *it, const struct field *fl)
{
    int bad = 0;
    const cJSON *el;
    cJSON_ArrayForEach(el, it)
    {
        if (fl->type == F_STRS && !cJSON_IsString(el)) {
            schema_error(S, el, "'%s' must hold strings, not %s", fl->key, facts_type_name(el));
            bad++;
        } else if (fl->type != F_STRS && !cJSON_IsObject(el)) {
            schema_error(S, el, "'%s' must hold objects, not %s", fl->key, facts_type_name(el));
            bad++;
        } else if (fl->type != F_STRS) {
            bad += validate_object(S, el, fl->type == F_VALUES ? value_fields : derived_fields,
                                   fl->type == F_VALUES ? "value entry" : "derived entry");
        }
    }
    return bad;
}

/* Checks one member against its field description; returns errors added. */
static int validate_member(struct schema *S, const cJSON *it, const struct field *fl)
{
    const char *want = NULL;
    switch (fl->type) {
    case F_STR:
        if (!cJSON_IsString(it) && !cJSON_IsNull(it))
            want = "a string";
        break;
    case F_STRS:
    case F_VALUES:
    case F_DERIVED:
        if (!cJSON_IsArray(it))
            want = "an array";
        else
            return validate_array(S, it, fl);
        break;
    case F_SOURCE:
        if (!cJSON_IsObject(it))
            want = "an object";
        else
            return validate_object(S, it, source_fields, "source");
        break;
    case F_NUMSTR:
        if (!cJSON_IsNumber(it) && !cJSON_IsString(it))
            want = "a number or a string";
        break;
    case F_INT:
        if (!is_integer(it) && !cJSON_IsNull(it))
            want = "an integer";
        break;
    case F_QUAL:
        if (!cJSON_IsString(it)) {
            want = "a string";
            break;
        }
        if (facts_qual_parse(it->valuestring) != QX_QUAL_NONE)
            return 0;
        schema_error(S, it, "unknown qualifier '%s' (use approx, more-than, at-most or up-to)",
                     it->valuestring);
        return 1;
    }
    if (!want)
        return 0;
    schema_error(S, it, "'%s' must be %s, not %s", fl->key, want, facts_type_name(it));
    return 1;
}

static int validate_object(struct schema *S, const cJSON *obj, const struct field *fields, const char *what)
{
    int bad = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, obj)
    {
        const struct field *fl = fields;
        while (fl->key && strcmp(fl->key, it->string) != 0)
            fl++;
        if (!fl->key) {
            schema_error(S, it, "unknown field '%s' in %s", it->string, what);
            bad++;
            continue;
        }
        bad += validate_member(S, it, fl);
    }
    for (const struct field *fl = fields; fl->key; fl++) {
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, fl->key);
        if (fl->required && (!m || cJSON_IsNull(m))) {
            schema_error(S, obj, "%s has no '%s'", what, fl->key);
            bad++;
        }
    }
    return bad;
}

int facts_validate(const struct qx_json_doc *doc, const cJSON *obj, int glossary, struct qx_diags *d)
{
    struct schema S = {doc, d};
    return glossary ? validate_object(&S, obj, gloss_fields, "glossary entry")
                    : validate_object(&S, obj, fact_fields, "fact");
}

static const char *const qual_names[] = {"", "approx", "more-than", "at-most", "up-to"};

const char *qx_fact_qual_name(enum qx_fact_qualifier q)
{
    return q > QX_QUAL_NONE && q <= QX_QUAL_UP_TO ? qual_names[q] : NULL;
}

enum qx_fact_qualifier facts_qual_parse(const char *s)
{
    for (int q = QX_QUAL_APPROX; s && q <= QX_QUAL_UP_TO; q++)
        if (strcmp(s, qual_names[q]) == 0)
            return (enum qx_fact_qualifier)q;
    return QX_QUAL_NONE;
}
