/* compose: turns a skill, the fact base and the template set into an
 * article. Every choice is made here, in C: which methods are featured,
 * which analogy explains each one, which evidence blocks fill a section,
 * which phrasing a variant uses, where an English term is explained. The
 * Mustache templates only lay the chosen material out. Layer 6: uses skill,
 * facts, tmpl, lint and numfmt. Template-set format: docs/writing-templates.md;
 * the generate command: docs/generate.md.
 *
 * Invariants of a composed article: every figure in a paragraph came from a
 * fact value through numfmt (or the fact's own display form) and is recorded
 * in that paragraph's cites; paragraphs are single lines without markup;
 * composing the same inputs twice gives byte-identical output. */
#ifndef QEXPLAIN_COMPOSE_H
#define QEXPLAIN_COMPOSE_H

#include <stddef.h>

#include "qexplain/diag.h"
#include "qexplain/facts.h"
#include "qexplain/skill.h"
#include "qexplain/util.h"

/* Upper bounds: a template set is small; anything larger is a mistake. */
#define QX_COMPOSE_MAX_METHODS 8
#define QX_COMPOSE_MAX_VARIANTS 16
#define QX_COMPOSE_MAX_LIB_BYTES ((size_t)4 << 20)

struct qx_compose_opts {
    const char *templates_dir;       /* DATA/templates */
    const struct qx_strvec *methods; /* NULL or empty: the skill's qexplain.methods */
    int variant;                     /* 1-based; 0 means 1 */
};

/* One figure printed in a paragraph. */
struct qx_cite {
    char *fact;    /* fact id */
    char *key;     /* value key within the fact */
    char *display; /* the figure as printed */
};

struct qx_para {
    char *text;              /* one line, no indentation, no markers */
    struct qx_cite *cites;
    size_t ncites, cap;
    struct qx_strvec facts;  /* distinct fact ids in order of first citation */
};

struct qx_article_section {
    char *id;
    char *heading;           /* NULL when the skill gives none */
    struct qx_para *paras;
    size_t n, cap;
};

struct qx_article {
    char *skill;             /* full skill name */
    char *alias;
    struct qx_strvec methods; /* featured method tags, in article order */
    int variant, nvariants;
    int indent;              /* 1: text paragraphs start with two U+3000 */
    struct qx_article_section *sections;
    size_t nsections;
};

/* The skill (resolved by name, alias or unique part, or a path) and the fact
 * base of a data directory (DATA/skills, DATA/facts; templates_dir is set to
 * DATA/templates). */
struct qx_compose_inputs {
    struct qx_skill *skill;
    struct qx_facts *facts;
    char *templates_dir;
};

int qx_compose_inputs_load(struct qx_compose_inputs *in, const char *data_dir, const char *skill,
                           struct qx_diags *d);
void qx_compose_inputs_release(struct qx_compose_inputs *in);

/* Splits a comma-separated --methods list into lower-case tags. Rejects an
 * empty item, a duplicate, a tag that is not [a-z0-9-]+, and more than
 * QX_COMPOSE_MAX_METHODS tags (QX_EUSAGE). */
int qx_compose_parse_methods(struct qx_strvec *out, const char *list, struct qx_diags *d);

/* Number of variants the skill's template set offers (article.json). */
int qx_compose_variants(int *n, const struct qx_skill *skill, const char *templates_dir,
                        struct qx_diags *d);

/* Composes the article. Errors: QX_EUSAGE for a variant out of range or a
 * method count outside the skill's needs; QX_EINPUT for a method without
 * enough cited facts (the message names the missing evidence), a method with
 * no analogy in the skill's domains, a broken template or library file (with
 * file:line:column), or a template that cites an unknown fact or value. */
int qx_compose(struct qx_article **out, const struct qx_skill *skill, const struct qx_facts *facts,
               const struct qx_compose_opts *o, struct qx_diags *d);
void qx_article_free(struct qx_article *a);

/* WeChat-ready UTF-8 text: heading lines, paragraphs separated by one blank
 * line, the skill's indentation. This is what self-lint checks. */
void qx_article_text(struct qx_buf *out, const struct qx_article *a);
/* A standalone HTML page with inline styles only, every string escaped. */
void qx_article_html(struct qx_buf *out, const struct qx_article *a);
/* {"skill", "alias", "methods", "variant", "sections": [{"id", "heading",
 *  "paragraphs": [{"text", "facts": [ids]}]}]} */
void qx_article_json(struct qx_buf *out, const struct qx_article *a);
/* Paragraph -> figure -> fact -> source map, with the line of each paragraph
 * in the text form. */
void qx_article_trace(struct qx_buf *out, const struct qx_article *a, const struct qx_facts *f);

/* Lints the text form with the skill's profile; findings are appended to d
 * under the file name `name`. Returns QX_EFINDINGS if any is an error. */
int qx_article_lint(const struct qx_article *a, const struct qx_skill *skill,
                    const struct qx_facts *facts, const char *name, struct qx_diags *d);

/* The skill's prompt body followed by every fact it may cite: id, Chinese
 * claim, each figure as the generator would print it, source and locator. */
void qx_compose_prompt(struct qx_buf *out, const struct qx_skill *skill, const struct qx_facts *facts);

#endif
