/* render: the composer's only contact with the Mustache engine. Section
 * templates are files under templates/ALIAS/, nested texts (analogies,
 * blocks) are strings from the library; both may include partials from
 * templates/partials/. Rendering is unescaped: the output is plain text and
 * HTML escaping happens once, in output.c. Depends on tmpl. */
#include <stdlib.h>
#include <string.h>

#include "compose_int.h"
#include "qexplain/file.h"
#include "qexplain/tmpl.h"

/* Mustache renders a missing name as nothing, which would silently drop a
 * figure from a sentence. A name looked up inside "f" (a fact), inside a
 * fact (a value) or inside "t" (a term) must exist: the strict data model
 * records every miss there. */
struct strict {
    const cJSON *f, *t;
    struct qx_strvec missing;
};

static int child_of(const cJSON *parent, const void *v)
{
    for (const cJSON *c = parent ? parent->child : NULL; c; c = c->next)
        if ((const void *)c == v)
            return 1;
    return 0;
}

static const void *strict_get(void *user, const void *v, const char *name, size_t n)
{
    struct strict *s = user;
    const void *r = qx_tmpl_json_data.get(qx_tmpl_json_data.user, v, name, n);
    if (!r && v && (v == (const void *)s->f || v == (const void *)s->t || child_of(s->f, v))) {
        char *miss = qx_strndup(name, n);
        if (!qx_strvec_contains(&s->missing, miss))
            qx_strvec_push(&s->missing, miss);
        free(miss);
    }
    return r;
}

static enum qx_tmpl_kind strict_kind(void *user, const void *v)
{
    (void)user;
    return qx_tmpl_json_data.kind(qx_tmpl_json_data.user, v);
}

static size_t strict_count(void *user, const void *list)
{
    (void)user;
    return qx_tmpl_json_data.count(qx_tmpl_json_data.user, list);
}

static const void *strict_item(void *user, const void *list, size_t i)
{
    (void)user;
    return qx_tmpl_json_data.item(qx_tmpl_json_data.user, list, i);
}

static void strict_text(void *user, const void *v, struct qx_buf *out)
{
    (void)user;
    qx_tmpl_json_data.text(qx_tmpl_json_data.user, v, out);
}

int cx_render_text(struct qx_buf *out, const struct lib *lib, const char *name, const char *text,
                   const cJSON *ctx, struct qx_diags *d)
{
    char *pdir = qx_path_join(lib->root, "partials");
    struct qx_tmpl_loader ld = qx_tmpl_dir_loader(pdir);
    struct qx_tmpl *t = NULL;
    struct strict s = {.f = cJSON_GetObjectItemCaseSensitive(ctx, "f"),
                       .t = cJSON_GetObjectItemCaseSensitive(ctx, "t")};
    qx_strvec_init(&s.missing);
    struct qx_tmpl_data data = {strict_get, strict_kind, strict_count, strict_item, strict_text, &s};
    int rc = qx_tmpl_compile(&t, name, text, strlen(text), &ld, NULL, d);
    if (rc == 0)
        rc = qx_tmpl_render(out, t, &data, ctx, QX_TMPL_ESCAPE_NONE, d);
    for (size_t i = 0; rc == 0 && i < s.missing.n; i++) {
        qx_diags_add(d, name, 0, 0, QX_SEV_ERROR, "template.unknown",
                     "'%s' names a fact, value or term that the fact base does not have",
                     s.missing.items[i]);
        if (i + 1 == s.missing.n)
            rc = QX_EINPUT;
    }
    qx_strvec_release(&s.missing);
    qx_tmpl_free(t);
    free(pdir);
    return rc;
}

int cx_render_file(struct qx_buf *out, const struct lib *lib, const char *path, const cJSON *ctx,
                   struct qx_diags *d)
{
    if (!qx_file_exists(path)) {
        qx_diags_add(d, path, 0, 0, QX_SEV_ERROR, "template.missing", "no template '%s' for this section",
                     path);
        return QX_EINPUT;
    }
    struct qx_buf text;
    qx_buf_init(&text);
    int rc = qx_file_read(&text, path, QX_COMPOSE_MAX_LIB_BYTES, d);
    if (rc == 0)
        rc = cx_render_text(out, lib, path, text.data, ctx, d);
    qx_buf_release(&text);
    return rc;
}
