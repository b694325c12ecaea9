/* render_sarif: one SARIF 2.1.0 log with one run: tool.driver with the
 * rule metadata (short description, help text, default level, fixable),
 * columnKind "unicodeCodePoints" (our columns count characters), results
 * with text and byte regions, a partial fingerprint, and fixes carrying the
 * suggested replacement as a byte-region replacement. */
#include <string.h>

#include "qexplain/render.h"

static const char *level(enum qx_severity s)
{
    return s == QX_SEV_ERROR ? "error" : s == QX_SEV_WARNING ? "warning" : "note";
}

static long rule_index(const struct qx_render_opts *o, const char *id)
{
    for (size_t i = 0; i < o->nrules; i++)
        if (strcmp(o->rules[i].id, id) == 0)
            return (long)i;
    return -1;
}

static void rules(struct qx_buf *out, const struct qx_render_opts *o)
{
    qx_buf_adds(out, "\"rules\": [");
    for (size_t i = 0; i < o->nrules; i++) {
        const struct qx_render_rule *r = &o->rules[i];
        qx_buf_adds(out, i ? ",\n            {\"id\": " : "\n            {\"id\": ");
        qx_render_json_str(out, r->id);
        qx_buf_adds(out, ", \"shortDescription\": {\"text\": ");
        qx_render_json_str(out, r->summary);
        qx_buf_adds(out, "}, \"fullDescription\": {\"text\": ");
        qx_render_json_str(out, r->summary);
        qx_buf_adds(out, "}, \"help\": {\"text\": ");
        qx_render_json_str(out, r->help);
        qx_buf_addf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"}, \"properties\": {\"fixable\": %s}}",
                    level(r->sev), r->fixable ? "true" : "false");
    }
    qx_buf_adds(out, o->nrules ? "\n          ]" : "]");
}

void qx_render_sarif(struct qx_buf *out, const struct qx_diags *d, struct qx_render_ctx *c,
                     const struct qx_render_opts *o)
{
    qx_buf_adds(out, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                     "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
                     "          \"name\": ");
    qx_render_json_str(out, o->tool ? o->tool : "qexplain");
    qx_buf_adds(out, ",\n          \"version\": ");
    qx_render_json_str(out, o->version ? o->version : "0");
    if (o->uri) {
        qx_buf_adds(out, ",\n          \"informationUri\": ");
        qx_render_json_str(out, o->uri);
    }
    qx_buf_adds(out, ",\n          ");
    rules(out, o);
    qx_buf_adds(out, "\n        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [");
    for (size_t i = 0; i < d->n; i++) {
        const struct qx_diag *g = &d->items[i];
        struct qx_render_pos p;
        qx_render_pos(c, g, &p);
        qx_buf_adds(out, i ? ",\n        {" : "\n        {");
        qx_buf_adds(out, "\"ruleId\": ");
        qx_render_json_str(out, g->rule);
        long ri = rule_index(o, g->rule);
        if (ri >= 0)
            qx_buf_addf(out, ", \"ruleIndex\": %ld", ri);
        qx_buf_addf(out, ", \"level\": \"%s\", \"message\": {\"text\": ", level(g->sev));
        qx_render_json_str(out, g->message);
        qx_buf_adds(out, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
        qx_render_json_str(out, g->file ? g->file : "");
        qx_buf_adds(out, "}");
        if (g->line)
            qx_buf_addf(out,
                        ", \"region\": {\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, \"endColumn\": %u, "
                        "\"byteOffset\": %zu, \"byteLength\": %zu}",
                        p.line, p.col, p.end_line, p.end_col, g->byte, g->len);
        qx_buf_adds(out, "}}]");
        if (g->fingerprint) {
            qx_buf_adds(out, ", \"partialFingerprints\": {\"qexplain/v1\": ");
            qx_render_json_str(out, g->fingerprint);
            qx_buf_adds(out, "}");
        }
        if (g->fix && g->line) {
            qx_buf_adds(out, ", \"fixes\": [{\"description\": {\"text\": ");
            qx_render_json_str(out, *g->fix ? "replace" : "remove");
            qx_buf_adds(out, "}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ");
            qx_render_json_str(out, g->file ? g->file : "");
            qx_buf_addf(out, "}, \"replacements\": [{\"deletedRegion\": {\"byteOffset\": %zu, \"byteLength\": %zu}, "
                             "\"insertedContent\": {\"text\": ",
                        g->byte, g->len);
            qx_render_json_str(out, g->fix);
            qx_buf_adds(out, "}}]}]}]");
        }
        qx_buf_addc(out, '}');
    }
    qx_buf_adds(out, d->n ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n");
}
