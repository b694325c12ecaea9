/* diag: diagnostics with exact positions, collected by library code and
 * rendered by the front end. Library code never prints: it appends here.
 *
 * Positions: line and col are 1-based, col counts Unicode characters (code
 * points) from the start of the line; byte is the 0-based byte offset in the
 * file. line == 0 means "the whole file" (I/O errors, size limits). */
#ifndef QEXPLAIN_DIAG_H
#define QEXPLAIN_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "qexplain/util.h"

enum qx_severity { QX_SEV_NOTE = 0, QX_SEV_WARNING = 1, QX_SEV_ERROR = 2 };

struct qx_diag {
    char *file;      /* owned; may be NULL ("<stdin>" is a fine name) */
    unsigned line;   /* 1-based; 0 = no position */
    unsigned col;    /* 1-based, in characters */
    size_t byte;     /* 0-based byte offset of the offending text */
    size_t len;      /* byte length of the offending text (0 = a point) */
    enum qx_severity sev;
    char *rule;      /* owned; rule or error id, e.g. "yaml.syntax" */
    char *message;   /* owned; lower case, no full stop */
    char *fix;       /* owned or NULL: replacement for [byte, byte+len) */
    char *fingerprint; /* owned or NULL: stable id for baselines */
};

struct qx_diags {
    struct qx_diag *items;
    size_t n;
    size_t cap;
};

void qx_diags_init(struct qx_diags *d);
void qx_diags_release(struct qx_diags *d);

/* Appends a diagnostic and returns it so the caller may set byte, len, fix.
 * The message is formatted with printf rules. Strings are copied. */
struct qx_diag *qx_diags_add(struct qx_diags *d, const char *file, unsigned line, unsigned col,
                             enum qx_severity sev, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
struct qx_diag *qx_diags_vadd(struct qx_diags *d, const char *file, unsigned line, unsigned col,
                              enum qx_severity sev, const char *rule, const char *fmt, va_list ap)
    __attribute__((format(printf, 7, 0)));
void qx_diag_set_fix(struct qx_diag *g, const char *replacement);

/* Moves all items of src to the end of dst; src is left empty. */
void qx_diags_move(struct qx_diags *dst, struct qx_diags *src);
size_t qx_diags_count(const struct qx_diags *d, enum qx_severity at_least);
/* Stable sort by file, line, col, rule. */
void qx_diags_sort(struct qx_diags *d);
void qx_diags_clear(struct qx_diags *d);

const char *qx_severity_name(enum qx_severity s);

/* One line per diagnostic: "file:line:col: severity: message [rule]", or
 * "file: severity: message [rule]" when line is 0. No source excerpt. */
void qx_diag_format_line(struct qx_buf *out, const struct qx_diag *g);

#endif
