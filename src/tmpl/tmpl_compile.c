/* tmpl_compile: the compiled-template object. Compiles the root template,
 * then every partial and parent it names, transitively and once per name,
 * through the caller's loader; a partial that names itself is compiled once
 * and bounded at render time. Diagnostics carry the line and column of the
 * offending tag in the file it sits in.
 * Depends on util, diag and text (line map). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "qexplain/text.h"
#include "tmpl_int.h"

static void set_limits(struct qx_tmpl_limits *l, const struct qx_tmpl_limits *in)
{
    static const struct qx_tmpl_limits def = {QX_TMPL_MAX_BYTES,    QX_TMPL_MAX_DEPTH,
                                              QX_TMPL_MAX_PARTIALS, QX_TMPL_MAX_PARTIAL_DEPTH,
                                              QX_TMPL_MAX_OUTPUT,   QX_TMPL_MAX_STEPS};
    *l = def;
    if (!in)
        return;
    if (in->max_bytes)
        l->max_bytes = in->max_bytes;
    if (in->max_depth)
        l->max_depth = in->max_depth;
    if (in->max_partials)
        l->max_partials = in->max_partials;
    if (in->max_partial_depth)
        l->max_partial_depth = in->max_partial_depth;
    if (in->max_output)
        l->max_output = in->max_output;
    if (in->max_steps)
        l->max_steps = in->max_steps;
}

struct qx_diag *qx_tmpl_vdiag_at(const struct qx_tmpl *t, unsigned u, size_t off, struct qx_diags *d,
                                 enum qx_severity sev, const char *rule, const char *fmt, va_list ap)
{
    const struct qx_tmpl_unit *un = &t->units[u];
    struct qx_linemap m;
    unsigned line, col;
    qx_linemap_init(&m, un->src, un->len);
    qx_linemap_pos(&m, off, &line, &col);
    qx_linemap_release(&m);
    struct qx_diag *g = qx_diags_vadd(d, un->file, line, col, sev, rule, fmt, ap);
    g->byte = off;
    return g;
}

struct qx_diag *qx_tmpl_diag_at(const struct qx_tmpl *t, unsigned u, size_t off, struct qx_diags *d,
                                enum qx_severity sev, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct qx_diag *g = qx_tmpl_vdiag_at(t, u, off, d, sev, rule, fmt, ap);
    va_end(ap);
    return g;
}

void qx_tmpl_quote(struct qx_buf *out, const char *name, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f || c == '\\')
            qx_buf_addf(out, "\\x%02x", c);
        else
            qx_buf_addc(out, (char)c);
    }
}

int qx_tmpl_part_ref(struct qx_tmpl *t, const char *name, size_t len, unsigned u, size_t off)
{
    for (size_t i = 0; i < t->nparts; i++)
        if (t->parts[i].len == len && memcmp(t->parts[i].name, name, len) == 0)
            return (int)i;
    if (t->nparts >= t->lim.max_partials)
        return -1;
    t->parts = qx_grow(t->parts, &t->pcap, t->nparts + 1, sizeof *t->parts);
    struct qx_tmpl_part *pt = &t->parts[t->nparts];
    pt->name = qx_malloc(len + 1);
    memcpy(pt->name, name, len);
    pt->name[len] = '\0';
    pt->len = len;
    pt->unit = -1;
    pt->site_unit = u;
    pt->site_off = off;
    return (int)t->nparts++;
}

/* Takes src (an owned, NUL-terminated buffer of len bytes). */
static unsigned add_unit(struct qx_tmpl *t, const char *file, char *src, size_t len)
{
    t->units = qx_grow(t->units, &t->ucap, t->nunits + 1, sizeof *t->units);
    struct qx_tmpl_unit *un = &t->units[t->nunits];
    memset(un, 0, sizeof *un);
    un->file = qx_strdup(file ? file : "<template>");
    un->src = src;
    un->len = len;
    return (unsigned)t->nunits++;
}

static int load_part(struct qx_tmpl *t, size_t k, const struct qx_tmpl_loader *loader, struct qx_diags *d)
{
    struct qx_buf text, name;
    qx_buf_init(&text);
    qx_buf_init(&name);
    char *path = NULL, *why = NULL;
    unsigned su = t->parts[k].site_unit;
    size_t so = t->parts[k].site_off;
    qx_tmpl_quote(&name, t->parts[k].name, t->parts[k].len);
    int rc = 1;
    if (loader)
        rc = loader->load(loader->user, t->parts[k].name, t->parts[k].len, &text, &path, &why);
    if (rc == 1) {
        qx_tmpl_diag_at(t, su, so, d, QX_SEV_WARNING, "tmpl.partial-missing",
                        "partial '%s' not found%s%s%s; it renders as nothing", name.data, why ? " (" : "",
                        why ? why : "", why ? ")" : "");
        rc = 0;
    } else if (rc < 0) {
        qx_tmpl_diag_at(t, su, so, d, QX_SEV_ERROR, "tmpl.partial", "cannot load partial '%s': %s", name.data,
                        why ? why : qx_err_name(rc));
    } else if (text.len > t->lim.max_bytes) {
        qx_tmpl_diag_at(t, su, so, d, QX_SEV_ERROR, "tmpl.size",
                        "partial '%s' is larger than the limit of %zu bytes", name.data, t->lim.max_bytes);
        rc = QX_ELIMIT;
    } else {
        size_t len;
        char *src = qx_buf_detach(&text, &len);
        unsigned u = add_unit(t, path ? path : name.data, src, len);
        t->parts[k].unit = (int)u;
        rc = qx_tmpl_parse_unit(t, u, d);
    }
    free(path);
    free(why);
    qx_buf_release(&text);
    qx_buf_release(&name);
    return rc;
}

int qx_tmpl_compile(struct qx_tmpl **out, const char *file, const char *text, size_t len,
                    const struct qx_tmpl_loader *loader, const struct qx_tmpl_limits *limits,
                    struct qx_diags *d)
{
    *out = NULL;
    struct qx_tmpl *t = qx_calloc(1, sizeof *t);
    set_limits(&t->lim, limits);
    int rc;
    if (len > t->lim.max_bytes) {
        qx_diags_add(d, file ? file : "<template>", 0, 0, QX_SEV_ERROR, "tmpl.size",
                     "template is larger than the limit of %zu bytes", t->lim.max_bytes);
        rc = QX_ELIMIT;
        goto done;
    }
    char *src = qx_malloc(len + 1);
    memcpy(src, text, len);
    src[len] = '\0';
    rc = qx_tmpl_parse_unit(t, add_unit(t, file, src, len), d);
    /* parts grows while partials are parsed: a work list in name order of discovery */
    for (size_t k = 0; !rc && k < t->nparts; k++)
        rc = load_part(t, k, loader, d);
done:
    if (rc) {
        qx_tmpl_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

void qx_tmpl_free(struct qx_tmpl *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nunits; i++) {
        free(t->units[i].file);
        free(t->units[i].src);
        free(t->units[i].nodes);
    }
    for (size_t i = 0; i < t->nparts; i++)
        free(t->parts[i].name);
    free(t->units);
    free(t->parts);
    free(t);
}
