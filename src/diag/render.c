/* render: the dispatcher, source lookup and position arithmetic shared by
 * the renderers (render_*.c), and a JSON string escaper. Depends on diag and
 * text (line maps). Invariant: a diagnostic whose file has no source, or
 * whose line is 0, renders without excerpt and with its own line/col only. */
#include <stdlib.h>
#include <string.h>

#include "qexplain/render.h"
#include "qexplain/text.h"

struct qx_render_ctx {
    const struct qx_render_opts *o;
    struct qx_linemap *maps; /* one per source, built on first use */
    int *built;
};

int qx_render_format_parse(const char *name, enum qx_render_format *out)
{
    static const struct {
        const char *name;
        enum qx_render_format f;
    } names[] = {{"human", QX_FMT_HUMAN},
                 {"json", QX_FMT_JSON},
                 {"sarif", QX_FMT_SARIF},
                 {"rdjson", QX_FMT_RDJSON},
                 {"github", QX_FMT_GITHUB}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].f;
            return 0;
        }
    return QX_EUSAGE;
}

struct qx_render_ctx *qx_render_ctx_new(const struct qx_render_opts *o)
{
    struct qx_render_ctx *c = qx_calloc(1, sizeof *c);
    c->o = o;
    c->maps = qx_calloc(o->nsources + 1, sizeof *c->maps);
    c->built = qx_calloc(o->nsources + 1, sizeof *c->built);
    return c;
}

void qx_render_ctx_free(struct qx_render_ctx *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->o->nsources; i++)
        if (c->built[i])
            qx_linemap_release(&c->maps[i]);
    free(c->maps);
    free(c->built);
    free(c);
}

static const struct qx_linemap *map_for(struct qx_render_ctx *c, const char *file)
{
    if (!file)
        return NULL;
    for (size_t i = 0; i < c->o->nsources; i++) {
        const struct qx_render_source *s = &c->o->sources[i];
        if (s->file && strcmp(s->file, file) == 0) {
            if (!c->built[i]) {
                qx_linemap_init(&c->maps[i], s->text, s->len);
                c->built[i] = 1;
            }
            return &c->maps[i];
        }
    }
    return NULL;
}

static int has_bom(const struct qx_linemap *m)
{
    return m->len >= 3 && memcmp(m->text, "\xEF\xBB\xBF", 3) == 0;
}

void qx_render_pos(struct qx_render_ctx *c, const struct qx_diag *g, struct qx_render_pos *p)
{
    memset(p, 0, sizeof *p);
    p->line = p->end_line = g->line;
    p->col = p->end_col = g->col;
    const struct qx_linemap *m = g->line ? map_for(c, g->file) : NULL;
    if (!m || g->byte > m->len || g->line > m->n) {
        p->byte_col = g->col ? g->col - 1 : 0;
        p->end_byte_col = p->byte_col + g->len;
        p->end_col = g->col + (unsigned)g->len;
        return;
    }
    size_t ls = m->starts[g->line - 1];
    p->byte_col = g->byte >= ls ? g->byte - ls : 0;
    p->line_text = qx_linemap_line(m, g->line, &p->line_len);
    size_t end = g->byte + g->len <= m->len ? g->byte + g->len : m->len;
    qx_linemap_pos(m, end, &p->end_line, &p->end_col);
    if (p->end_line == 1 && has_bom(m) && end >= 3 && p->end_col > 1)
        p->end_col--;
    if (g->line == 1 && has_bom(m) && p->byte_col >= 3)
        p->byte_col -= 3;
    size_t els = m->starts[p->end_line - 1];
    p->end_byte_col = end - els - (p->end_line == 1 && has_bom(m) && end >= 3 ? 3 : 0);
}

void qx_render_json_str(struct qx_buf *out, const char *s)
{
    qx_buf_addc(out, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': qx_buf_adds(out, "\\\""); break;
        case '\\': qx_buf_adds(out, "\\\\"); break;
        case '\n': qx_buf_adds(out, "\\n"); break;
        case '\r': qx_buf_adds(out, "\\r"); break;
        case '\t': qx_buf_adds(out, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                qx_buf_addf(out, "\\u%04x", *p);
            else
                qx_buf_addc(out, (char)*p);
        }
    }
    qx_buf_addc(out, '"');
}

void qx_render(struct qx_buf *out, const struct qx_diags *d, const struct qx_render_opts *o)
{
    struct qx_render_ctx *c = qx_render_ctx_new(o);
    switch (o->format) {
    case QX_FMT_HUMAN: qx_render_human(out, d, c); break;
    case QX_FMT_JSON: qx_render_json(out, d, c); break;
    case QX_FMT_SARIF: qx_render_sarif(out, d, c, o); break;
    case QX_FMT_RDJSON: qx_render_rdjson(out, d, c, o); break;
    case QX_FMT_GITHUB: qx_render_github(out, d, c); break;
    }
    qx_render_ctx_free(c);
}
