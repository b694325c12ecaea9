/* render_json: {"version": 1, "findings": [...], "summary": {...}}, one
 * object per diagnostic with file, line, column (characters), end_line,
 * end_column, byte (0-based offset in the file), length (bytes), rule,
 * severity, message, fix (replacement text or null) and fingerprint. */
#include "qexplain/render.h"

void qx_render_json(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c)
{
    size_t errors = 0, warnings = 0;
    qx_buf_adds(out, "{\n  \"version\": 1,\n  \"findings\": [");
    for (size_t i = 0; i < d->n; i++) {
        const struct qx_diag *g = &d->items[i];
        struct qx_render_pos p;
        qx_render_pos(c, g, &p);
        qx_buf_adds(out, i ? ",\n    {" : "\n    {");
        qx_buf_adds(out, "\"file\": ");
        qx_render_json_str(out, g->file);
        qx_buf_addf(out, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u, \"byte\": %zu, "
                         "\"length\": %zu, \"rule\": ",
                    p.line, p.col, p.end_line, p.end_col, g->byte, g->len);
        qx_render_json_str(out, g->rule);
        qx_buf_adds(out, ", \"severity\": ");
        qx_render_json_str(out, qx_severity_name(g->sev));
        qx_buf_adds(out, ", \"message\": ");
        qx_render_json_str(out, g->message);
        qx_buf_adds(out, ", \"fix\": ");
        if (g->fix)
            qx_render_json_str(out, g->fix);
        else
            qx_buf_adds(out, "null");
        qx_buf_adds(out, ", \"fingerprint\": ");
        if (g->fingerprint)
            qx_render_json_str(out, g->fingerprint);
        else
            qx_buf_adds(out, "null");
        qx_buf_addc(out, '}');
        errors += g->sev == QX_SEV_ERROR;
        warnings += g->sev == QX_SEV_WARNING;
    }
    qx_buf_addf(out, "%s],\n  \"summary\": {\"errors\": %zu, \"warnings\": %zu}\n}\n", d->n ? "\n  " : "", errors,
                warnings);
}
