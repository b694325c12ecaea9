/* lint_int: the document model shared by the segmenter, the engine and the
 * rule families. Not installed; only src/lint/ includes it.
 *
 * Invariants: d->t is valid UTF-8 (invalid bytes were replaced by U+001A one
 * for one, so offsets match the input); every span is [start, end) in bytes;
 * mask[i] says what byte i is for the prose rules. */
#ifndef QX_LINT_INT_H
#define QX_LINT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "qexplain/lint.h"
#include "qexplain/rules.h"
#include "qexplain/text.h"

/* What a byte is, for prose rules: only LX_M_PROSE is prose. */
enum lx_mask { LX_M_PROSE = 0, LX_M_MARK = 1, LX_M_CODE = 2, LX_M_URL = 3, LX_M_COMMENT = 4 };

enum lx_line_kind { LX_L_BLANK, LX_L_TEXT, LX_L_HEADING, LX_L_FENCE, LX_L_COMMENT };

struct lx_line {
    size_t start, end; /* content, without "\r\n" */
    size_t next;       /* start of the next line (or len) */
    unsigned char kind;
    unsigned char md_level; /* ATX heading level, 0 if none */
};

/* Markdown constructs found by the segmenter (for the markdown rule). */
enum lx_md_kind { LX_MD_HEADING, LX_MD_BOLD, LX_MD_ITALIC, LX_MD_CODE, LX_MD_FENCE, LX_MD_LINK,
                  LX_MD_IMAGE, LX_MD_AUTOLINK, LX_MD_QUOTE, LX_MD_TABLE, LX_MD_RULE, LX_MD_HTML };

struct lx_md {
    enum lx_md_kind kind;
    size_t start, end;             /* whole construct */
    size_t inner_start, inner_end; /* the text to keep when the markers go */
    int level;                     /* heading level */
};

struct lx_block {
    size_t start, end;       /* first line start .. last line end */
    size_t line0, nlines;    /* indices into lines */
    int heading;             /* 1 for a heading line (or the title) */
    int title;               /* the first line, short and without a sentence end */
    size_t section;          /* number of headings before (a heading: its own index + 1) */
    size_t sent0, nsent;     /* sentences */
};

struct lx_sent {
    size_t start, end;
    size_t block;
    int question; /* ends in ？ or ? */
};

struct lx_comment {
    size_t start, end; /* "<!--" .. "-->" inclusive */
    int alone;         /* the only thing on its line(s) */
};

struct lx_supp {
    int rule;          /* rule index, or -1 for "all" */
    size_t from, to;   /* byte span of text it covers */
    size_t cstart, cend; /* the comment */
    int used;
};

struct lx_doc {
    const char *file;
    const char *t;
    size_t len;
    size_t base; /* 3 when the text starts with a BOM */
    int crlf;    /* the first line ends in "\r\n" */
    unsigned char *mask;
    struct qx_linemap map;
    struct lx_line *lines;
    size_t nlines, lines_cap;
    struct lx_block *blocks;
    size_t nblocks, blocks_cap;
    struct lx_sent *sents;
    size_t nsents, sents_cap;
    struct lx_md *md;
    size_t nmd, md_cap;
    struct lx_comment *comments;
    size_t ncomments, comments_cap;
    struct lx_supp *supp;
    size_t nsupp, supp_cap;
    const struct qx_lint_opts *o;
    struct qx_diags *out;
    struct qx_diags *err;
    struct lx_rxcache {
        const char *pattern;
        struct qx_rx *rx;
    } rx[48];
    size_t nrx;
    size_t *block_figs; /* figures per block, when figures.traceable ran; else NULL */
    int failed; /* a rule hit an internal error (details in err) */
};

/* ---- UTF-8 on valid text ---- */
static inline uint32_t lx_cp(const char *s, size_t len, size_t i, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t left = len - i;
    if (u[0] < 0x80 || left < 2) {
        *n = 1;
        return u[0];
    }
    if (u[0] < 0xE0) {
        *n = 2;
        return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    }
    if (u[0] < 0xF0 || left < 4) {
        if (left < 3) {
            *n = 1;
            return 0xFFFD;
        }
        *n = 3;
        return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    *n = 4;
    return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) | ((uint32_t)(u[2] & 0x3F) << 6) |
           (u[3] & 0x3F);
}

/* The code point that ends just before byte i (i > 0), and its start. */
uint32_t lx_cp_before(const char *s, size_t i, size_t *start);

static inline int lx_is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x3134F) ||
           (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

static inline int lx_is_ascii_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int lx_is_ascii_alpha(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int lx_is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* Chinese punctuation that counts as "Chinese context" for punct.fullwidth. */
static inline int lx_is_zh_punct(uint32_t c)
{
    return c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == 0xFF1F ||
           c == 0xFF01 || c == 0x201C || c == 0x201D || c == 0xFF08 || c == 0xFF09 || c == 0x300A ||
           c == 0x300B || c == 0x2026 || c == 0x2014;
}

static inline int lx_prose(const struct lx_doc *d, size_t i)
{
    return d->mask[i] == LX_M_PROSE;
}

/* ---- segmentation (segment.c) ---- */
/* Byte length of a list marker (- * + • · ● 1. 1) 1、 ① ...) at t[i], or 0. */
size_t lx_bullet_at(const char *t, size_t i, size_t e);
void lx_segment(struct lx_doc *d);
/* Byte where a block's text starts once indentation, quote and heading
 * markers are skipped. */
size_t lx_block_text_start(const struct lx_doc *d, const struct lx_block *b);

/* ---- reporting (engine.c) ---- */
int lx_on(const struct lx_doc *d, enum qx_lint_rule r);
int lx_param(const struct lx_doc *d, enum qx_lint_rule r);
/* Adds a finding of rule r over [byte, byte+len), with an optional
 * replacement. Returns it (NULL when the rule is off). */
struct qx_diag *lx_report(struct lx_doc *d, enum qx_lint_rule r, size_t byte, size_t len, const char *fix,
                          const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* A short quotation of text[byte..byte+len) for messages (owned). */
char *lx_quote(const struct lx_doc *d, size_t byte, size_t len);
/* The compiled form of a static pattern, compiled once per lint run and
 * cached by address in the document (so runs on other threads share
 * nothing). NULL, with d->failed set, if it does not compile (a bug). */
struct qx_rx *lx_rx(struct lx_doc *d, const char *pattern, unsigned flags);
/* Next match of rx in [from, end) whose first byte is prose; 1 or 0. */
int lx_find(struct lx_doc *d, struct qx_rx *rx, size_t from, size_t end, size_t *ms, size_t *me);

/* ---- rule families: one file each ---- */
void lx_rules_format(struct lx_doc *d);     /* markdown emoji bullets divider indent whitespace */
void lx_rules_length(struct lx_doc *d);     /* paragraph.max_sentences sentence.max_chars */
void lx_rules_simplified(struct lx_doc *d); /* simplified */
void lx_rules_acronym(struct lx_doc *d);    /* acronym heading.acronym */
void lx_rules_words(struct lx_doc *d);      /* address.nin and the word lists */
void lx_rules_punct(struct lx_doc *d);      /* punct.* */
void lx_rules_numbers(struct lx_doc *d);    /* units.latin digits.fullwidth ranges numbers.mixed-forms */
void lx_rules_grounding(struct lx_doc *d);  /* figures.traceable sources.known */
void lx_rules_deid(struct lx_doc *d);       /* deid.* */
void lx_rules_structure(struct lx_doc *d);  /* structure */

/* ---- suppression (suppress.c) ---- */
void lx_suppress_parse(struct lx_doc *d);
/* Drops suppressed findings from d->out (from index first on) and reports
 * unused suppressions. */
void lx_suppress_apply(struct lx_doc *d, size_t first);

#endif
