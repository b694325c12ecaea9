/* lint: checks a Chinese draft (plain text or Markdown) against a rule
 * profile: segmentation into lines, blocks, paragraphs, sentences and
 * headings; the rule engine; mechanical fixes; inline suppression; baselines.
 * Layer 5: uses rules, facts, skill, numfmt and text. Rules, their sources
 * and defaults: docs/lint-rules.md. Library code: never prints. */
#ifndef QEXPLAIN_LINT_H
#define QEXPLAIN_LINT_H

#include <stddef.h>

#include "qexplain/diag.h"
#include "qexplain/facts.h"
#include "qexplain/skill.h"
#include "qexplain/util.h"

/* Rule identifiers, in the order of docs/lint-rules.md. */
enum qx_lint_rule {
    QX_R_ENCODING,
    QX_R_SUPPRESSION,
    QX_R_MARKDOWN,
    QX_R_EMOJI,
    QX_R_BULLETS,
    QX_R_DIVIDER,
    QX_R_INDENT,
    QX_R_WHITESPACE,
    QX_R_PARA_SENTENCES,
    QX_R_SENTENCE_CHARS,
    QX_R_SIMPLIFIED,
    QX_R_ACRONYM,
    QX_R_HEADING_ACRONYM,
    QX_R_ADDRESS_NIN,
    QX_R_BUZZWORDS,
    QX_R_SUBJECTIVE,
    QX_R_GENERALISATION,
    QX_R_GENERIC_ADVICE,
    QX_R_STORYTELLING,
    QX_R_JARGON,
    QX_R_MODEL_TELLS,
    QX_R_PUNCT_FULLWIDTH,
    QX_R_PUNCT_EXCLAMATION,
    QX_R_PUNCT_REPEATED,
    QX_R_PUNCT_ELLIPSIS,
    QX_R_PUNCT_DASH,
    QX_R_PUNCT_PAIRS,
    QX_R_UNITS_LATIN,
    QX_R_DIGITS_FULLWIDTH,
    QX_R_RANGES,
    QX_R_NUMBERS_MIXED,
    QX_R_FIGURES_TRACEABLE,
    QX_R_SOURCES_KNOWN,
    QX_R_DEID_CONTACT,
    QX_R_DEID_DATES,
    QX_R_DEID_IDENTIFIERS,
    QX_R_STRUCTURE,
    QX_R_COUNT
};

/* What the profile value of a rule may be besides a severity. */
enum qx_lint_param_kind {
    QX_P_NONE,     /* error | warning | off */
    QX_P_INT,      /* a positive integer */
    QX_P_MARKDOWN, /* forbid | bold-and-h3 */
    QX_P_INDENT,   /* none | two-fullwidth-spaces */
    QX_P_ACRONYM   /* explain-first | explain-first-per-section | forbid | allow */
};

enum qx_lint_markdown { QX_MD_FORBID = 0, QX_MD_BOLD_AND_H3 = 1 };
enum qx_lint_indent { QX_INDENT_NONE = 0, QX_INDENT_TWO_FULLWIDTH = 1 };
enum qx_lint_acronym {
    QX_ACR_EXPLAIN_FIRST = 0,
    QX_ACR_PER_SECTION = 1,
    QX_ACR_FORBID = 2,
    QX_ACR_ALLOW = 3
};

/* The built-in profiles: the default (no --skill) and one per seed skill. */
enum qx_lint_column { QX_COL_DEFAULT, QX_COL_PS, QX_COL_WX, QX_COL_NE, QX_COL_COUNT };

struct qx_lint_rule_info {
    const char *id;
    const char *family;  /* format length language punctuation grounding structure input */
    const char *summary; /* one line, lower case */
    const char *source;  /* the clause the rule comes from */
    const char *bad;     /* an example that triggers it */
    const char *good;    /* the near miss that does not */
    int fixable;         /* --fix may apply its replacements */
    enum qx_lint_param_kind param;
    enum qx_severity sev;               /* severity when a parameter switches it on */
    const char *defaults[QX_COL_COUNT]; /* profile value per column, "off" when off */
};

const struct qx_lint_rule_info *qx_lint_rule_info(enum qx_lint_rule r);
/* Rule by id, or -1. */
int qx_lint_rule_find(const char *id);
const char *qx_lint_column_name(enum qx_lint_column c); /* "default", "public-sector", ... */

struct qx_lint_setting {
    int on;               /* 0 off */
    enum qx_severity sev; /* when on */
    int param;            /* enum value or integer */
};

struct qx_lint_profile {
    struct qx_lint_setting r[QX_R_COUNT];
};

/* The built-in profile of a column. */
void qx_lint_profile_builtin(struct qx_lint_profile *p, enum qx_lint_column c);
/* Parses one value ("error", "warning", "off", "3", "forbid", ...) for rule r
 * into p. Returns 0, or QX_EINPUT with *why set to a static explanation. */
int qx_lint_profile_set(struct qx_lint_profile *p, enum qx_lint_rule r, const char *value, const char **why);
/* The profile of a skill: the built-in column of its seed when the name or
 * alias is one of them (otherwise the default), overlaid with the skill's
 * qexplain.lint block. Unknown rule ids and invalid values are diagnostics
 * at their line and column in the skill file (QX_EINPUT). */
int qx_lint_profile_from_skill(struct qx_lint_profile *p, const struct qx_skill *s, struct qx_diags *d);
/* The column whose built-in profile a skill starts from. */
enum qx_lint_column qx_lint_column_for_skill(const struct qx_skill *s);

/* A section requirement of the structure rule (from qexplain.sections). */
struct qx_lint_range {
    int set;     /* 0: no requirement */
    unsigned lo; /* inclusive */
    unsigned hi; /* inclusive; UINT_MAX when open */
};

struct qx_lint_section {
    char *id;
    char *heading; /* NULL: the section continues the previous one */
    int optional;  /* the article may leave it out */
    struct qx_lint_range paragraphs, sentences, questions, figures, items;
    char *items_pattern; /* PCRE2 pattern matched at paragraph start */
};

struct qx_lint_sections {
    struct qx_lint_section *v;
    size_t n;
};

/* Reads the lint-relevant needs of a skill's sections. Errors (bad range,
 * bad pattern) are diagnostics at the skill's line and column. */
int qx_lint_sections_from_skill(struct qx_lint_sections *out, const struct qx_skill *s, struct qx_diags *d);
void qx_lint_sections_release(struct qx_lint_sections *s);

/* Everything a lint run needs besides the text. Borrowed pointers. */
struct qx_lint_opts {
    const struct qx_lint_profile *profile;
    const struct qx_facts *facts;            /* glossary, fact values, sources; may be NULL */
    const struct qx_lint_sections *sections; /* structure rule; NULL: rule skipped */
    const char *skill_name;                  /* for messages; may be NULL */
};

/* Lints text[0..len) and appends findings (sorted by position) to out.
 * Invalid UTF-8 is a finding ("encoding") at the first byte of each bad
 * sequence, and the rest of the text is still linted. Returns 0, or a
 * negative code when the run itself failed (details in err). */
int qx_lint_text(struct qx_diags *out, const char *file, const char *text, size_t len,
                 const struct qx_lint_opts *o, struct qx_diags *err);

/* Applies the replacements of the fixable findings in d (file `file` only)
 * to text, skipping any that overlaps an earlier one. Returns the number
 * applied. */
size_t qx_lint_apply_fixes(struct qx_buf *out, const char *text, size_t len, const struct qx_diags *d,
                           const char *file);
/* Lints and fixes repeatedly until no fixable finding remains (a fixpoint,
 * so fix(fix(x)) == fix(x)); out receives the fixed text. *applied counts
 * the replacements made. Real text converges in two or three passes; a
 * fix can create the Chinese context of its neighbour, so a pathological
 * run of marks may need one pass per mark: the cap only bounds hostile
 * input (fuzzing found such runs of parentheses, semicolons and emphasis). */
#define QX_LINT_FIX_PASSES 1024
int qx_lint_fix(struct qx_buf *out, size_t *applied, const char *file, const char *text, size_t len,
                const struct qx_lint_opts *o, struct qx_diags *err);

/* A unified diff (3 lines of context) of a and b, with headers
 * "--- a/NAME" "+++ b/NAME"; nothing when they are equal. */
void qx_lint_diff(struct qx_buf *out, const char *name, const char *a, size_t alen, const char *b,
                  size_t blen);

/* Baselines: a JSON file recording the fingerprints of known findings. */
/* Writes findings of d as a baseline to out (deterministic JSON). */
void qx_lint_baseline_write(struct qx_buf *out, const struct qx_diags *d);
/* Removes from d every finding recorded in the baseline text (multiset
 * semantics: a fingerprint recorded twice absorbs two findings). Syntax
 * errors are diagnostics in err (QX_EINPUT). *removed may be NULL. */
int qx_lint_baseline_filter(struct qx_diags *d, const char *bfile, const char *btext, size_t blen,
                            size_t *removed, struct qx_diags *err);

/* The rule table as Markdown (docs/lint-rules.md's table) or plain text. */
void qx_lint_rules_table(struct qx_buf *out, int markdown);

#endif
