/* skill: skill files (YAML front-matter between '---' lines, then the
 * prompt body), the only libyaml user. YAML is converted to cJSON (YAML 1.2
 * core scalars) with the position of every node, then the qexplain: block is
 * checked against its schema. Format: docs/skill-format.md. */
#ifndef QEXPLAIN_SKILL_H
#define QEXPLAIN_SKILL_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "qexplain/diag.h"
#include "qexplain/json.h"
#include "qexplain/util.h"

#define QX_YAML_MAX_DEPTH 64
#define QX_YAML_MAX_KEYS 4096          /* members of one mapping */
#define QX_SKILL_MAX_BYTES ((size_t)1 << 20) /* a skill file */

struct qx_skill_section {
    char *id;
    char *heading;       /* NULL when the section has no heading line */
    const cJSON *needs;  /* borrowed from the front-matter; may be NULL */
    int optional;        /* the article may leave the section out */
};

struct qx_skill {
    char *path;
    char *id;                   /* the seed's id (a UUID), or NULL */
    char *name, *alias, *description, *version; /* alias NULL without qexplain: */
    struct qx_strvec tags, triggers;
    struct qx_json_doc doc;     /* front-matter as JSON, with positions */
    const cJSON *qx;            /* the qexplain: mapping, or NULL (seed files) */
    const cJSON *lint;          /* qexplain.lint, or NULL */
    struct qx_skill_section *sections;
    size_t nsections;
    struct qx_strvec analogy_domains;
    struct qx_strvec default_methods;
    char *language;
    char *body;                 /* prompt body after the closing '---' */
    size_t body_lines;
    unsigned body_line;         /* 1-based line where the body starts */
};

/* Parses one skill file. Errors (exit 3): invalid YAML, missing closing
 * '---', a front-matter that is not a mapping, an unknown key or a wrong type
 * in qexplain:, each with file:line:column. */
int qx_skill_load(struct qx_skill **out, const char *path, struct qx_diags *d);
void qx_skill_free(struct qx_skill *s);

/* A needs range (docs/interfaces.md §3): an integer N, or a string "N",
 * "N..M" or "N..". Sets lo and hi (UINT_MAX when open) and returns 0, or
 * returns QX_EINPUT when v is not a range. */
int qx_skill_range(const cJSON *v, unsigned *lo, unsigned *hi);
/* Looks up needs.KEY of a section as a range: 1 and lo/hi when present and a
 * range, 0 otherwise ("items" is a mapping: use its "count"). */
int qx_skill_need(const struct qx_skill_section *sec, const char *key, unsigned *lo, unsigned *hi);

/* Parses YAML text into cJSON with positions in doc (initialised here).
 * Shared by skills, batch manifests and experiment plans. Rejects aliases
 * (no expansion bombs), duplicate keys and nesting past QX_YAML_MAX_DEPTH. */
int qx_yaml_parse(struct qx_json_doc *doc, const char *file, const char *text, size_t len,
                  unsigned first_line, struct qx_diags *d);

/* Loads every skills_dir/NAME.md, sorted by file name. Fails (QX_EINPUT) when
 * any file fails or when two skills share a name or an alias. */
int qx_skills_load_dir(struct qx_skill ***out, size_t *n, const char *skills_dir, struct qx_diags *d);
void qx_skills_free(struct qx_skill **v, size_t n);

/* NAME may be a path (contains '/' or ends in .md), an exact name, an alias
 * or a unique substring of a name or alias, tried in that order. Returns the
 * loaded skill, or QX_EUSAGE with a diagnostic that lists the candidates
 * (unknown or ambiguous name). Files of skills_dir that fail to load are
 * reported only when no loaded skill answers to NAME. */
int qx_skill_resolve(struct qx_skill **out, const char *skills_dir, const char *name, struct qx_diags *d);

/* Score of PHRASE against the skill's triggers, in [0, 1] (higher is better,
 * 0 none): the best trigger's score. 1 for an equal trigger (ASCII case and
 * spacing ignored); 0.5..0.9 when one contains the other, by length ratio;
 * otherwise up to 0.5 by overlap of English words (stop words dropped) and
 * Chinese character pairs. best (may be NULL) receives the trigger's index. */
double qx_skill_match(const struct qx_skill *s, const char *phrase, size_t *best);
double qx_skill_match_score(const struct qx_skill *s, const char *phrase);

#endif
