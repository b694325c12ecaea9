/* render_rdjson: reviewdog's Diagnostic Result format (rdjson). Columns
 * are 1-based byte counts within the line, as reviewdog's rdf.proto
 * defines them (not characters); suggestions carry the replacement. */
#include "qexplain/render.h"

static void range(struct qx_buf *out, const struct qx_render_pos *p)
{
    qx_buf_addf(out, "{\"start\": {\"line\": %u, \"column\": %zu}, \"end\": {\"line\": %u, \"column\": %zu}}", p->line,
                p->byte_col + 1, p->end_line, p->end_byte_col + 1);
}

void qx_render_rdjson(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c,
                      const struct qx_render_opts *o)
{
    qx_buf_adds(out, "{\n  \"source\": {\"name\": ");
    qx_render_json_str(out, o->tool ? o->tool : "qexplain");
    if (o->uri) {
        qx_buf_adds(out, ", \"url\": ");
        qx_render_json_str(out, o->uri);
    }
    qx_buf_adds(out, "},\n  \"diagnostics\": [");
    for (size_t i = 0; i < d->n; i++) {
        const struct qx_diag *g = &d->items[i];
        struct qx_render_pos p;
        qx_render_pos(c, g, &p);
        qx_buf_adds(out, i ? ",\n    {" : "\n    {");
        qx_buf_adds(out, "\"message\": ");
        qx_render_json_str(out, g->message);
        qx_buf_adds(out, ", \"location\": {\"path\": ");
        qx_render_json_str(out, g->file ? g->file : "");
        if (g->line) {
            qx_buf_adds(out, ", \"range\": ");
            range(out, &p);
        }
        qx_buf_addf(out, "}, \"severity\": \"%s\", \"code\": {\"value\": ",
                    g->sev == QX_SEV_ERROR ? "ERROR" : g->sev == QX_SEV_WARNING ? "WARNING" : "INFO");
        qx_render_json_str(out, g->rule);
        qx_buf_adds(out, "}");
        if (g->fix && g->line) {
            qx_buf_adds(out, ", \"suggestions\": [{\"range\": ");
            range(out, &p);
            qx_buf_adds(out, ", \"text\": ");
            qx_render_json_str(out, g->fix);
            qx_buf_adds(out, "}]");
        }
        qx_buf_addc(out, '}');
    }
    qx_buf_adds(out, d->n ? "\n  ]\n}\n" : "]\n}\n");
}
