/* facts/internal.h: what the files of the facts module share and nobody
 * else sees: the parsed documents kept for positions, the glossary name
 * index, and small helpers for diagnostics located at JSON members. */
#ifndef QX_FACTS_INTERNAL_H
#define QX_FACTS_INTERNAL_H

#include "qexplain/facts.h"
#include "qexplain/json.h"

/* One name (term or alias) of a glossary entry. */
struct gloss_name {
    const char *name; /* borrowed from the entry */
    size_t len;
    size_t entry; /* index into qx_facts.gloss */
    int alias;
};

struct facts_priv {
    struct qx_json_doc **docs; /* every file parsed, in load order; owned */
    size_t ndocs, capdocs;
    struct gloss_name *names; /* sorted by strcmp */
    size_t nnames;
    /* The same names grouped by ASCII-lower-cased first byte: byfirst[first[c]
     * .. first[c + 1]) start with c. qx_facts_gloss_match looks at one group,
     * so the acronym lint stays linear in its input. */
    struct gloss_name *byfirst;
    size_t first[257];
    int have_glossary; /* glossary.json parsed as an array: the glossary
                          rules have something to check against */
};

#define GLOSSARY_FILE "glossary.json"
#define FACTS_MAX_KEY 64

/* The document a fact or glossary entry came from (by file name), or NULL. */
const struct qx_json_doc *facts_doc_of(const struct qx_facts *f, const char *file);

/* Adds an error at member `key` of obj (or at obj when absent, or at
 * line:col when obj is NULL: in-memory entries). */
struct qx_diag *facts_error(const struct qx_facts *f, struct qx_diags *d, const char *file, const cJSON *obj,
                            const char *key, unsigned line, unsigned col, const char *rule, const char *fmt,
                            ...) __attribute__((format(printf, 9, 10)));

/* Rebuilds priv->names from f->gloss (after sorting). */
void facts_index_names(struct qx_facts *f);

int facts_ascii_casecmp(const char *a, const char *b);
int facts_is_alnum(char c);
int facts_is_alpha(char c);

/* schema.c: validates one fact (or glossary entry, when glossary is set)
 * against its schema; returns the number of facts.schema errors added. */
int facts_validate(const struct qx_json_doc *doc, const cJSON *obj, int glossary, struct qx_diags *d);
const char *facts_type_name(const cJSON *it);           /* "a string", "an array", ... */
enum qx_fact_qualifier facts_qual_parse(const char *s); /* QX_QUAL_NONE if unknown or NULL */

/* Checks of check_text.c: English words, glossary references, NFC and
 * unsupported claims. */
void facts_check_text(const struct qx_facts *f, struct qx_diags *d);

#endif
