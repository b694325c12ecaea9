/* facts: the cited fact base (the JSON files of facts/) and the glossary
 * (facts/glossary.json): load, index, validate, select, diff. Layer 4: uses
 * json, text and file only. Format and rules: docs/fact-base.md. */
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

/* "approx", "more-than", "at-most", "up-to"; NULL for QX_QUAL_NONE. */
const char *qx_fact_qual_name(enum qx_fact_qualifier q);

struct qx_fact_value {
    char *key;     /* identifier, unique within the fact: [a-z][a-z0-9_]*; NULL if missing */
    char *name;    /* the name used in ../shared/facts (kept for traceability) */
    int is_number; /* 0: text value such as "3-4", "OOM", "GGUF" */
    double value;  /* when is_number */
    char *text;    /* when !is_number */
    int decimals;  /* when is_number: fraction digits as printed ("69.0" -> 1, "7e9" -> 0);
                      -1 when unknown (built in memory) */
    char *unit;    /* canonical unit (docs/fact-base.md); NULL if missing */
    enum qx_fact_qualifier qual;
    char *display; /* optional Chinese display form written by the editor */
    int derived;   /* 1 for entries of "derived" */
    char *expr;    /* derived only: arithmetic over keys of this fact */
    unsigned line, col;
    const cJSON *json; /* the entry in the loaded file (owned by the base); NULL in memory */
};

struct qx_fact_source {
    char *title, *authors, *venue, *arxiv, *url, *locator; /* NULL when absent or null */
    int year;                                              /* 0 when absent */
};

struct qx_fact {
    char *id;
    char *claim_zh, *claim_en;
    struct qx_strvec topics;
    char *method, *model, *hardware, *metric, *baseline, *caveat, *caveat_zh;
    struct qx_fact_value *values; /* "values" then "derived", in file order */
    size_t nvalues;
    int has_source; /* 0 when the fact has no "source" object */
    struct qx_fact_source source;
    struct qx_strvec terms; /* glossary terms the Chinese text uses */
    char *file;
    unsigned line, col;
    const cJSON *json; /* the object in the loaded file (owned by the base); NULL in memory */
};

struct qx_gloss {
    char *term;       /* "AWQ", "GB", "KV cache" */
    char *full;       /* full English spelling */
    char *label_zh;   /* plain Chinese label: 激活感知权重量化 */
    char *explain_zh; /* one sentence */
    char *kind;       /* method | format | unit | hardware | benchmark | metric | software | concept */
    struct qx_strvec aliases;
    char *file;
    unsigned line, col;
    const cJSON *json;
};

/* A loaded base. facts are sorted by id (duplicates kept, in load order),
 * glossary entries by term; both arrays are owned. */
struct qx_facts {
    struct qx_fact *facts;
    size_t n;
    struct qx_gloss *gloss;
    size_t ngloss;
    char *dir;
    void *priv; /* the parsed documents and indexes, owned by the module */
};

/* Loads every DIR/NAME.json (each file but glossary.json holds an array of facts)
 * and DIR/glossary.json (required). Syntax errors, bad UTF-8, duplicate JSON
 * keys and missing, unknown or mistyped fields are diagnostics with
 * file:line:col; returns QX_EINPUT then, *out NULL. I/O errors: QX_EIO. */
int qx_facts_load(struct qx_facts **out, const char *dir, struct qx_diags *d);
/* Like qx_facts_load, but on QX_EINPUT *out still holds every fact and
 * glossary entry that loaded, so that `facts check` reports all problems in
 * one run. *out is NULL only on QX_EIO. */
int qx_facts_load_partial(struct qx_facts **out, const char *dir, struct qx_diags *d);
void qx_facts_free(struct qx_facts *f);

/* Every rule of docs/fact-base.md: duplicate ids, missing locator, unit-less
 * or unknown unit, wrong derived value, non-NFC text, unknown glossary term,
 * English words missing from the glossary, ... Diagnostics are added in file,
 * line, column order. Returns QX_EINPUT if any error was added. */
int qx_facts_check(const struct qx_facts *f, struct qx_diags *d);

const struct qx_fact *qx_facts_find(const struct qx_facts *f, const char *id);
const struct qx_fact_value *qx_fact_value_find(const struct qx_fact *fact, const char *key);
/* Term or alias, exact match first, then ASCII case-insensitive. */
const struct qx_gloss *qx_facts_gloss_find(const struct qx_facts *f, const char *term);
/* The longest glossary term or alias (ASCII case-insensitive) that s[0..len)
 * starts with and that ends at a word boundary (no ASCII letter or digit
 * right after a term ending in one); *matched is its byte length. NULL when
 * none. The acronym lint and the English-word check share it. */
const struct qx_gloss *qx_facts_gloss_match(const struct qx_facts *f, const char *s, size_t len,
                                            size_t *matched);
/* 1 if the fact has the topic tag. */
int qx_fact_has_topic(const struct qx_fact *fact, const char *topic);

/* 1 if unit is one of the canonical units of docs/fact-base.md. */
int qx_facts_unit_known(const char *unit);
/* 1 if topic is one of the topic tags of docs/fact-base.md. */
int qx_facts_topic_known(const char *topic);
/* The canonical topic tags, NULL-terminated (for help and error messages). */
extern const char *const qx_facts_topics[];

/* The fact as JSON (owned), fields in the documented order of
 * docs/fact-base.md; absent optional fields are left out. */
cJSON *qx_fact_to_json(const struct qx_fact *fact);
/* The glossary entry as JSON (owned). */
cJSON *qx_gloss_to_json(const struct qx_gloss *g);

/* Expression evaluator for derived values: numbers, keys, + - * /, unary
 * minus and parentheses, over fact->values[0..visible) (a derived entry sees
 * the values and the derived entries before it). Returns 0 and *out, or
 * QX_EINPUT with err->at the byte offset in expr and err->msg the reason
 * (syntax, unknown key, text value, division by zero, too deep). */
struct qx_expr_error {
    size_t at;
    char msg[160];
};
int qx_fact_eval(double *out, const struct qx_fact *fact, size_t visible, const char *expr,
                 struct qx_expr_error *err);

/* Differences between two bases. Facts are matched by id, glossary entries
 * by term; changed ones list each differing field: "claim_zh",
 * "source.locator", "values[int4_mem].value", or "values[k]" when a whole
 * value entry was added or removed. Sorted: facts before glossary, then
 * added, removed, changed, then by id, then field in document order. */
enum qx_delta_kind { QX_DELTA_ADDED, QX_DELTA_REMOVED, QX_DELTA_CHANGED };

struct qx_delta {
    enum qx_delta_kind kind;
    int glossary; /* 1: a glossary entry (id is the term) */
    char *id;
    char *field;  /* QX_DELTA_CHANGED only */
    cJSON *old_v; /* owned; the field's old value, the removed entry, or NULL when absent */
    cJSON *new_v; /* owned; the field's new value, the added entry, or NULL when absent */
};

struct qx_facts_diff {
    struct qx_delta *items;
    size_t n, cap;
};

void qx_facts_diff_init(struct qx_facts_diff *df);
void qx_facts_diff_release(struct qx_facts_diff *df);
/* Fills df (initialised by the caller) with the differences from a to b. */
void qx_facts_diff(struct qx_facts_diff *df, const struct qx_facts *a, const struct qx_facts *b);

#endif
