/* render_github: GitHub Actions workflow commands,
 *   ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE
 * with the documented escapes (% CR LF in the message; also : and , in
 * property values). */
#include "qexplain/render.h"

static void esc(struct qx_buf *out, const char *s, int property)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%': qx_buf_adds(out, "%25"); break;
        case '\r': qx_buf_adds(out, "%0D"); break;
        case '\n': qx_buf_adds(out, "%0A"); break;
        case ':':
            if (property) {
                qx_buf_adds(out, "%3A");
                break;
            }
            qx_buf_addc(out, *s);
            break;
        case ',':
            if (property) {
                qx_buf_adds(out, "%2C");
                break;
            }
            qx_buf_addc(out, *s);
            break;
        default: qx_buf_addc(out, *s);
        }
    }
}

void qx_render_github(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct qx_diag *g = &d->items[i];
        struct qx_render_pos p;
        qx_render_pos(c, g, &p);
        qx_buf_addf(out, "::%s ", g->sev == QX_SEV_ERROR ? "error" : g->sev == QX_SEV_WARNING ? "warning" : "notice");
        qx_buf_adds(out, "file=");
        esc(out, g->file ? g->file : "", 1);
        if (g->line)
            qx_buf_addf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u", p.line, p.col, p.end_line, p.end_col);
        qx_buf_adds(out, ",title=");
        esc(out, g->rule, 1);
        qx_buf_adds(out, "::");
        esc(out, g->message, 0);
        if (g->fix && *g->fix) {
            qx_buf_adds(out, " (suggestion: ");
            esc(out, g->fix, 0);
            qx_buf_addc(out, ')');
        }
        qx_buf_addc(out, '\n');
    }
}
