/* tmpl internals shared by the compiler, the parser and the renderer.
 * A compiled template is a set of units (the root template at index 0 and
 * one per partial found), each a copy of its source and a flat node list.
 * Containers (sections, inverted sections, blocks, parents) are followed by
 * their children; `end` is the index one past the last child, so a range
 * [i, end) is walked without recursion into a tree of pointers. */
#ifndef QEXPLAIN_TMPL_INT_H
#define QEXPLAIN_TMPL_INT_H

#include <stdarg.h>

#include "qexplain/tmpl.h"

enum tmpl_node_kind {
    TN_TEXT,     /* literal text: src[off, off+len) */
    TN_VAR,      /* {{x}} */
    TN_RAW,      /* {{{x}}} or {{&x}} */
    TN_SECTION,  /* {{#x}} */
    TN_INVERTED, /* {{^x}} */
    TN_PARTIAL,  /* {{>x}} */
    TN_PARENT,   /* {{<x}}: children hold the overriding blocks */
    TN_BLOCK     /* {{$x}}: children are the default content */
};

struct qx_tmpl_node {
    unsigned char kind;
    unsigned char standalone; /* partial, parent, block: indentation applies */
    unsigned dedent;          /* text: whitespace bytes dropped at each source line start;
                                 block: common indentation of its content (compile time) */
    unsigned strip;           /* partial, parent, block: leading bytes of the indentation
                                 removed by enclosing blocks' dedent */
    size_t off, len;          /* text: the literal; others: the name */
    size_t tag;               /* byte offset of the tag, for diagnostics */
    size_t end;               /* the next sibling: one past the last child, or index + 1 */
    size_t ind_off, ind_len;  /* indentation added to each line when standalone */
    int ref;                  /* partial, parent: index in the partial table */
};

struct qx_tmpl_unit {
    char *file; /* owned: name used in diagnostics */
    char *src;  /* owned copy, NUL-terminated */
    size_t len;
    struct qx_tmpl_node *nodes;
    size_t n, cap;
};

struct qx_tmpl_part {
    char *name; /* owned; len bytes, may hold any byte */
    size_t len;
    int unit;           /* compiled unit, or -1: no such partial (renders empty) */
    unsigned site_unit; /* first tag naming it, for diagnostics */
    size_t site_off;
};

struct qx_tmpl {
    struct qx_tmpl_unit *units;
    size_t nunits, ucap;
    struct qx_tmpl_part *parts;
    size_t nparts, pcap;
    struct qx_tmpl_limits lim;
};

/* Parser state for one unit: tmpl_lex.c fills toks, tmpl_parse.c turns
 * them into nodes. */
struct qx_tmpl_tok {
    char type; /* # ^ / ! > = $ < & (raw) v (variable) */
    unsigned char standalone;
    size_t start, end; /* the tag's bytes */
    size_t name, nlen; /* its trimmed content */
    size_t cut0, cut1; /* bytes left out of the output; contain [start, end) */
    size_t ind0, ind1; /* indentation before a standalone tag */
    size_t match;      /* openers: their close; closes: their opener */
    size_t node;       /* openers: index of their node */
};

struct qx_tmpl_parser {
    struct qx_tmpl *t;
    unsigned u;
    const char *s;
    size_t len;
    struct qx_tmpl_tok *toks;
    size_t n, cap;
    struct qx_diags *d;
};

/* Appends the tags of p's source to p->toks; 0 or an error with one
 * diagnostic. */
int qx_tmpl_tokenize(struct qx_tmpl_parser *p);
/* Adds an error at byte off of p's unit and returns err. */
int qx_tmpl_fail(struct qx_tmpl_parser *p, size_t off, int err, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int qx_tmpl_is_space(char c); /* blank, tab, CR, LF, VT, FF */

/* Parses src (already copied into unit u of t) into nodes, registering the
 * partial names it uses. Returns 0, or QX_EINPUT / QX_ELIMIT with one
 * diagnostic. */
int qx_tmpl_parse_unit(struct qx_tmpl *t, unsigned u, struct qx_diags *d);

/* Registers a partial name (found at unit u, offset off); returns its index
 * or -1 past the limit on distinct partials. */
int qx_tmpl_part_ref(struct qx_tmpl *t, const char *name, size_t len, unsigned u, size_t off);

/* Adds a diagnostic at byte offset off of unit u, with line and column. */
struct qx_diag *qx_tmpl_diag_at(const struct qx_tmpl *t, unsigned u, size_t off, struct qx_diags *d,
                                enum qx_severity sev, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
struct qx_diag *qx_tmpl_vdiag_at(const struct qx_tmpl *t, unsigned u, size_t off, struct qx_diags *d,
                                 enum qx_severity sev, const char *rule, const char *fmt, va_list ap)
    __attribute__((format(printf, 7, 0)));
/* Appends name to out for a message: control bytes, DEL and backslashes
 * are written as \xNN, everything else as is. */
void qx_tmpl_quote(struct qx_buf *out, const char *name, size_t len);

#endif
