/* compose_int: what the compose files share and nothing else includes.
 *
 * Markers. Templates never see raw numbers or bare English terms: a figure
 * reaches a template as FIG_OPEN fact FIG_SEP key FIG_TEXT display FIG_CLOSE,
 * a glossary term as TERM_OPEN slug TERM_CLOSE. After rendering, assemble.c
 * removes the markers, records each figure in its paragraph's cites and
 * writes each term in its first-use or later form. Marker bytes are C0
 * controls that valid template and fact text never contain (assemble.c
 * rejects any that survive). */
#ifndef QEXPLAIN_COMPOSE_INT_H
#define QEXPLAIN_COMPOSE_INT_H

#include <cjson/cJSON.h>

#include "qexplain/compose.h"
#include "qexplain/json.h"

#define FIG_OPEN '\x1e'
#define FIG_SEP '\x1f'
#define FIG_TEXT '\x1d'
#define FIG_CLOSE '\x1c'
#define TERM_OPEN '\x0e'
#define TERM_CLOSE '\x0f'

/* Alternative phrasings of one piece of text; a variant picks one. */
struct lib_text {
    char **alts;
    size_t n;
};

struct lib_analogy {
    char *id, *domain, *method, *role; /* method NULL for central/closing */
    struct qx_strvec skills;           /* empty: suits every skill */
    struct lib_text practice, mapping;
    char *shorthand;                   /* a noun phrase naming the practice */
    const cJSON *node;                 /* for diagnostics */
    size_t doc;                        /* index into lib.docs */
};

struct lib_block {
    char *id, *kind, *method, *topic;
    struct qx_strvec skills;
    struct lib_text text;
    const cJSON *node;
    size_t doc;
};

/* How a context list is filled from the blocks: article.json "lists". */
struct lib_list {
    char *name, *kind, *topic;
    int from;       /* LIST_ANY, LIST_FEATURED, LIST_GENERAL */
    int per_method; /* 0: no cap */
    int min, max;
};

enum { LIST_ANY, LIST_FEATURED, LIST_GENERAL };
enum { TERMS_LABEL, TERMS_FULL_LABEL };

/* The template set of one skill plus the shared analogy and block files. */
struct lib {
    char *root;          /* templates dir */
    char *skill_dir;     /* root/alias */
    int variants;
    char *method_role;   /* role of per-method analogies, NULL: none needed */
    struct qx_strvec analogy_slots, analogy_roles; /* context name -> role */
    struct lib_list *lists;
    size_t nlists;
    char *sources_section; /* rendered last, with the sources list */
    int term_form;
    struct qx_strvec term_notes;   /* term, note pairs from templates/terms.json */
    struct qx_strvec source_names; /* title, Chinese name pairs from templates/sources.json */
    struct lib_analogy *analogies;
    size_t nanalogies, acap;
    struct lib_block *blocks;
    size_t nblocks, bcap;
    struct qx_json_doc *docs;
    size_t ndocs, dcap;
};

int lib_load(struct lib *lib, const char *templates_dir, const char *alias, struct qx_diags *d);
void lib_release(struct lib *lib);
const char *lib_pick(const struct lib_text *t, int variant);
int lib_suits(const struct qx_strvec *skills, const char *alias);
/* Parses "N", "N..M", "N.." or an integer node; max -1 when open. */
int lib_range(const cJSON *node, int *min, int *max);

/* Render Mustache text (named `name` in diagnostics) or the template file at
 * path against ctx, with partials from the templates root. */
int cx_render_text(struct qx_buf *out, const struct lib *lib, const char *name, const char *text,
                   const cJSON *ctx, struct qx_diags *d);
int cx_render_file(struct qx_buf *out, const struct lib *lib, const char *path, const cJSON *ctx,
                   struct qx_diags *d);

/* Context builders (context.c). */
cJSON *cx_terms(const struct qx_facts *f);
cJSON *cx_figures(const struct qx_facts *f);
void cx_format_value(struct qx_buf *out, const struct qx_fact_value *v);
char *cx_slug(const char *s, char sep);
const char *cx_numeral_zh(size_t n, int ordinal);

/* Term state across sections (assemble.c). */
struct term_state {
    struct qx_strvec seen;
    int scope_section; /* explain again in each section */
    int mode;          /* 0 explain first, 1 label only, 2 bare term */
    int form;          /* TERMS_LABEL | TERMS_FULL_LABEL */
    const struct qx_strvec *notes; /* term, note, term, note ... (templates/terms.json) */
};

/* The first-use note the template set gives a term, or NULL. */
const char *cx_term_note(const struct term_state *ts, const struct qx_gloss *g);

/* Removes markers from rendered section text, splits it into paragraphs
 * and appends them to sec. */
int cx_assemble(struct qx_article_section *sec, const char *rendered, size_t len,
                struct term_state *ts, const struct qx_facts *f, const char *where,
                struct qx_diags *d);

#endif
