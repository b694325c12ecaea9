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

int cx_render_text(struct qx_buf *out, const struct lib *lib, const char *name, const char *text,
                   const cJSON *ctx, struct qx_diags *d)
{
    char *pdir = qx_path_join(lib->root, "partials");
    struct qx_tmpl_loader ld = qx_tmpl_dir_loader(pdir);
    struct qx_tmpl *t = NULL;
    int rc = qx_tmpl_compile(&t, name, text, strlen(text), &ld, NULL, d);
    if (rc == 0)
        rc = qx_tmpl_render_json(out, t, ctx, QX_TMPL_ESCAPE_NONE, d);
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
