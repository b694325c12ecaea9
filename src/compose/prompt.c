/* prompt: `qexplain prompt`'s text: the skill's prompt body, then every
 * fact the article may cite, each figure printed exactly as the generator
 * prints it (so a draft written from it passes the figure rule), then the
 * glossary. An editor hands this to a language model and lints the draft.
 * Depends on skill, facts and numfmt (through context.c). */
#include <string.h>

#include "compose_int.h"

static void line(struct qx_buf *out, const char *label, const char *value)
{
    if (value && value[0] && strcmp(value, "n/a") != 0)
        qx_buf_addf(out, "  %s: %s\n", label, value);
}

static void fact_entry(struct qx_buf *out, const struct qx_fact *f)
{
    qx_buf_addf(out, "\n[%s]\n", f->id);
    line(out, "claim", f->claim_zh ? f->claim_zh : f->claim_en);
    for (size_t i = 0; i < f->nvalues; i++) {
        const struct qx_fact_value *v = &f->values[i];
        qx_buf_addf(out, "  figure %s: ", v->key);
        cx_format_value(out, v);
        qx_buf_addf(out, " (%s%s%s)\n", v->name ? v->name : v->key, v->expr ? " = " : "",
                    v->expr ? v->expr : "");
    }
    line(out, "method", f->method);
    line(out, "model", f->model);
    line(out, "hardware", f->hardware);
    line(out, "baseline", f->baseline);
    line(out, "caveat", f->caveat_zh ? f->caveat_zh : f->caveat);
    qx_buf_addf(out, "  source: %s%s%s", f->source.authors ? f->source.authors : "",
                f->source.authors ? ", " : "", f->source.title ? f->source.title : "");
    if (f->source.year > 0)
        qx_buf_addf(out, " (%d)", f->source.year);
    qx_buf_addf(out, "; %s\n", f->source.locator ? f->source.locator : "");
}

void qx_compose_prompt(struct qx_buf *out, const struct qx_skill *skill, const struct qx_facts *facts)
{
    qx_buf_adds(out, skill->body ? skill->body : "");
    if (out->len && out->data[out->len - 1] != '\n')
        qx_buf_addc(out, '\n');
    qx_buf_addf(out,
                "\n# Facts you may cite\n\n"
                "Use only the figures below, written exactly as shown, each with its model,\n"
                "hardware and baseline, and keep each caveat. Where this prompt asks for evidence\n"
                "that is not listed here (deployment logs, audits, reports, other figures), write\n"
                "that no public evidence is available instead of supplying it. %zu facts:\n",
                facts->n);
    for (size_t i = 0; i < facts->n; i++)
        fact_entry(out, &facts->facts[i]);
    qx_buf_adds(out, "\n# Terms\n\nExplain each English term at its first use with its Chinese label.\n\n");
    for (size_t i = 0; i < facts->ngloss; i++) {
        const struct qx_gloss *g = &facts->gloss[i];
        qx_buf_addf(out, "%s（%s）: %s%s%s\n", g->term, g->label_zh ? g->label_zh : "",
                    g->full ? g->full : "", g->full && g->explain_zh ? ". " : "",
                    g->explain_zh ? g->explain_zh : "");
    }
}
