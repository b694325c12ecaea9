/* render_human: "file:line:col: severity: message [rule]", the source line
 * and a caret under the offending text (aligned by display width, so wide
 * Chinese characters take two columns), the suggested replacement, and a
 * closing count. Depends on render.c and text (display width). */
#include <string.h>

#include "qexplain/render.h"
#include "qexplain/text.h"

static void excerpt(struct qx_buf *out, const struct qx_diag *g, const struct qx_render_pos *p)
{
    const char *lt = p->line_text;
    size_t ll = p->line_len, bc = p->byte_col;
    if (!lt)
        return;
    if (g->line == 1 && ll >= 3 && memcmp(lt, "\xEF\xBB\xBF", 3) == 0) {
        lt += 3;
        ll -= 3;
    }
    if (bc > ll)
        bc = ll;
    qx_buf_addf(out, "%5u | ", g->line);
    for (size_t i = 0; i < ll; i++)
        qx_buf_addc(out, lt[i] == '\t' ? ' ' : lt[i]);
    qx_buf_adds(out, "\n      | ");
    size_t pad = qx_text_width(lt, bc);
    for (size_t i = 0; i < pad; i++)
        qx_buf_addc(out, ' ');
    size_t end = p->end_line == g->line ? p->end_byte_col : ll;
    if (end > ll)
        end = ll;
    size_t w = end > bc ? qx_text_width(lt + bc, end - bc) : 0;
    qx_buf_addc(out, '^');
    for (size_t i = 1; i < w; i++)
        qx_buf_addc(out, '~');
    qx_buf_addc(out, '\n');
}

void qx_render_human(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c)
{
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < d->n; i++) {
        const struct qx_diag *g = &d->items[i];
        struct qx_render_pos p;
        qx_render_pos(c, g, &p);
        qx_diag_format_line(out, g);
        qx_buf_addc(out, '\n');
        excerpt(out, g, &p);
        if (g->fix) {
            if (*g->fix)
                qx_buf_addf(out, "      = suggestion: '%s'\n", g->fix);
            else
                qx_buf_adds(out, "      = suggestion: remove it\n");
        }
        errors += g->sev == QX_SEV_ERROR;
        warnings += g->sev == QX_SEV_WARNING;
    }
    if (errors || warnings)
        qx_buf_addf(out, "%zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s", warnings,
                    warnings == 1 ? "" : "s");
}
