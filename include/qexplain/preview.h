/* preview: the WeChat phone preview. Takes an HTML article (a fragment, or a
 * whole page as `generate --format html` writes it), keeps only the elements,
 * attributes and inline style properties the WeChat editor keeps, and wraps
 * the result in a standalone page 375 CSS pixels wide. No scripts, no
 * external resources, no timestamps: the same input gives the same bytes.
 * What is kept, and why: docs/preview.md. Depends on util, diag and text. */
#ifndef QEXPLAIN_PREVIEW_H
#define QEXPLAIN_PREVIEW_H

#include <stddef.h>

#include "qexplain/diag.h"
#include "qexplain/util.h"

#define QX_PREVIEW_MAX_BYTES ((size_t)16 << 20) /* an article */
#define QX_PREVIEW_MAX_DEPTH 64                 /* open elements */
#define QX_PREVIEW_WIDTH_PX 375                 /* the phone's CSS width */

struct qx_preview_opts {
    const char *title;  /* page title, escaped here; NULL: "qexplain preview" */
    int require_indent; /* warn about paragraphs without a first-line indent */
};

/* Writes the preview page for the article html[0..len) to out (appended).
 * Every element, attribute or style property it drops is a warning
 * (rule preview.dropped) at its file:line:column, and with require_indent
 * every paragraph that starts neither with two U+3000 nor with a
 * text-indent is a warning (preview.indent). Fails with QX_EINPUT on invalid
 * UTF-8 or nesting past QX_PREVIEW_MAX_DEPTH, QX_ELIMIT past
 * QX_PREVIEW_MAX_BYTES; out is then left as it was. */
int qx_preview_page(struct qx_buf *out, const char *file, const char *html, size_t len,
                    const struct qx_preview_opts *opts, struct qx_diags *d);

/* Filters one inline style declaration list (entities already decoded) to
 * the properties the WeChat editor keeps; appends "prop:value;" pairs
 * (lower-case property names, values trimmed) to out. Each dropped
 * declaration's property name is pushed to dropped (may be NULL); returns
 * how many were dropped. When indent is not NULL, *indent becomes 1 when a
 * kept text-indent is not zero. */
size_t qx_preview_style(struct qx_buf *out, const char *style, size_t len, int *indent,
                        struct qx_strvec *dropped);

#endif
