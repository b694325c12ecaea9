/* facts: the cited fact base (facts/NAME.json) and the glossary
 * (facts/glossary.json): load, index, validate, select. Layer 4: uses json
 * and file only. Format: docs/fact-base.md. */
#ifndef QEXPLAIN_FACTS_H
#define QEXPLAIN_FACTS_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "qexplain/diag.h"
#include "qexplain/util.h"

/* Qualifiers that the Chinese text must keep (约, 超过, 不超过, ...). */
enum qx_fact_qualifier {
    QX_QUAL_NONE = 0,
    QX_QUAL_APPROX,    /* "approx"    -> 约 / 左右 */
    QX_QUAL_MORE_THAN, /* "more-than" -> 超过 */
    QX_QUAL_AT_MOST,   /* "at-most"   -> 不超过 / 最多 */
    QX_QUAL_UP_TO      /* "up-to"     -> 最高 / 最多可达 */
};

struct qx_fact_value {
    char *key;        /* identifier, unique within the fact: [a-z][a-z0-9_]* */
    char *name;       /* the name used in ../shared/facts (kept for traceability) */
    int is_number;    /* 0: text value such as "3-4", "OOM", "GGUF" */
    double value;     /* when is_number */
    char *text;       /* when !is_number */
    char *unit;       /* canonical unit, docs/fact-base.md */
    enum qx_fact_qualifier qual;
    char *display;    /* optional Chinese display form written by the editor */
    int derived;      /* 1 for entries of "derived" */
    char *expr;       /* derived only: arithmetic over keys of this fact */
    unsigned line, col;
};

struct qx_fact_source {
    char *title, *authors, *venue, *arxiv, *url, *locator;
    int year;
};

struct qx_fact {
    char *id;
    char *claim_zh, *claim_en;
    struct qx_strvec topics;
    char *method, *model, *hardware, *metric, *baseline, *caveat, *caveat_zh;
    struct qx_fact_value *values; /* "values" then "derived", in file order */
    size_t nvalues;
    struct qx_fact_source source;
    struct qx_strvec terms;       /* glossary terms the Chinese text uses */
    char *file;
    unsigned line, col;
};

struct qx_gloss {
    char *term;        /* "AWQ", "GB", "KV cache" */
    char *full;        /* full English spelling */
    char *label_zh;    /* plain Chinese label: 激活感知权重量化 */
    char *explain_zh;  /* one sentence */
    char *kind;        /* method | format | unit | hardware | benchmark | metric | software | concept */
    struct qx_strvec aliases;
    char *file;
    unsigned line, col;
};

struct qx_facts {
    struct qx_fact *facts;
    size_t n;
    struct qx_gloss *gloss;
    size_t ngloss;
    char *dir;
    void *priv; /* indexes, owned by the module */
};

/* Loads every DIR/NAME.json (each but glossary.json holds an array of facts)
 * and DIR/glossary.json. Syntax errors and missing or mistyped fields are
 * diagnostics with file:line:col; returns QX_EINPUT then, *out NULL. */
int qx_facts_load(struct qx_facts **out, const char *dir, struct qx_diags *d);
void qx_facts_free(struct qx_facts *f);

/* Every rule of docs/fact-base.md: duplicate ids, missing locator, unit-less
 * or unknown unit, wrong derived value, non-NFC text, unknown glossary term,
 * ... Returns QX_EINPUT if any error was added. */
int qx_facts_check(const struct qx_facts *f, struct qx_diags *d);

const struct qx_fact *qx_facts_find(const struct qx_facts *f, const char *id);
const struct qx_fact_value *qx_fact_value_find(const struct qx_fact *fact, const char *key);
/* Term or alias, exact match first, then ASCII case-insensitive. */
const struct qx_gloss *qx_facts_gloss_find(const struct qx_facts *f, const char *term);
/* 1 if the fact has the topic tag. */
int qx_fact_has_topic(const struct qx_fact *fact, const char *topic);

/* The fact as JSON (owned), in the field order of the file. */
cJSON *qx_fact_to_json(const struct qx_fact *fact);

#endif
