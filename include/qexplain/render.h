/* render: diagnostics as text for people (file:line:col with the source
 * line and a caret) and for machines — JSON, SARIF 2.1.0, reviewdog's
 * rdjson and GitHub workflow commands. Layer 2 (diag): uses text for line
 * maps; writes JSON itself (no cJSON here). Output is deterministic: the
 * order of the diagnostics as given, no timestamps. */
#ifndef QEXPLAIN_RENDER_H
#define QEXPLAIN_RENDER_H

#include <stddef.h>

#include "qexplain/diag.h"
#include "qexplain/util.h"

enum qx_render_format { QX_FMT_HUMAN, QX_FMT_JSON, QX_FMT_SARIF, QX_FMT_RDJSON, QX_FMT_GITHUB };

/* "human" "json" "sarif" "rdjson" "github"; 0 or QX_EUSAGE. */
int qx_render_format_parse(const char *name, enum qx_render_format *out);

/* Rule metadata for SARIF's tool.driver.rules (and nothing else). */
struct qx_render_rule {
    const char *id;
    const char *summary; /* shortDescription */
    const char *help;    /* help text: source clause and examples */
    enum qx_severity sev; /* defaultConfiguration.level */
    int fixable;
};

/* The text a diagnostic's file name refers to: source lines in human
 * output, end positions and byte columns in machine formats. */
struct qx_render_source {
    const char *file;
    const char *text;
    size_t len;
};

struct qx_render_opts {
    enum qx_render_format format;
    const char *tool;    /* "qexplain" */
    const char *version; /* tool version */
    const char *uri;     /* informationUri, may be NULL */
    const struct qx_render_rule *rules;
    size_t nrules;
    const struct qx_render_source *sources;
    size_t nsources;
};

/* Appends the rendering of d to out. */
void qx_render(struct qx_buf *out, const struct qx_diags *d, const struct qx_render_opts *o);

/* ---- shared by the renderers ---- */

/* Resolved positions of one diagnostic against its source (when known). */
struct qx_render_pos {
    unsigned line, col;         /* start: 1-based line, character column */
    unsigned end_line, end_col; /* end (exclusive), same units */
    size_t byte_col;            /* start: 0-based byte offset within the line */
    size_t end_byte_col;        /* end: 0-based byte offset within its line */
    const char *line_text;      /* the start line without terminator, or NULL */
    size_t line_len;
};

struct qx_render_ctx;
struct qx_render_ctx *qx_render_ctx_new(const struct qx_render_opts *o);
void qx_render_ctx_free(struct qx_render_ctx *c);
void qx_render_pos(struct qx_render_ctx *c, const struct qx_diag *g, struct qx_render_pos *p);

/* Appends s as a JSON string literal (quotes included). */
void qx_render_json_str(struct qx_buf *out, const char *s);

void qx_render_human(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c);
void qx_render_json(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c);
void qx_render_sarif(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c,
                     const struct qx_render_opts *o);
void qx_render_rdjson(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c,
                      const struct qx_render_opts *o);
void qx_render_github(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c);

#endif
