/* Fuzz target: Mustache compile and render. The input is split at the
 * first NUL byte: template, then a JSON context (if valid). Partials come
 * from an in-memory loader that maps every name to the template itself, so
 * recursion through partials is exercised and must hit the depth limit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qexplain/json.h"
#include "qexplain/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct self {
    const char *text;
    size_t len;
};

static int load_self(void *user, const char *name, size_t len, struct qx_buf *out, char **path, char **why)
{
    struct self *s = user;
    (void)why;
    if (len == 1 && name[0] == 'x')
        return 1; /* a missing partial */
    qx_buf_add(out, s->text, s->len);
    *path = qx_strdup("self.mustache");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    size_t tlen = nul ? (size_t)(nul - text) : size;
    struct qx_diags d;
    qx_diags_init(&d);
    struct self s = {text, tlen};
    struct qx_tmpl_loader loader = {load_self, &s};
    struct qx_tmpl_limits lim = {.max_output = 1 << 20, .max_steps = 200000};
    struct qx_tmpl *t = NULL;
    if (qx_tmpl_compile(&t, "fuzz.mustache", text, tlen, &loader, &lim, &d) == 0) {
        struct qx_json_doc doc = {0};
        const cJSON *root = NULL;
        if (nul && qx_json_parse(&doc, "ctx.json", nul + 1, size - tlen - 1, &d) == 0)
            root = doc.root;
        cJSON *empty = cJSON_CreateObject();
        struct qx_buf out;
        qx_buf_init(&out);
        qx_tmpl_render_json(&out, t, root ? root : empty, QX_TMPL_ESCAPE_HTML, &d);
        qx_buf_release(&out);
        cJSON_Delete(empty);
        if (nul)
            qx_json_doc_release(&doc);
    }
    qx_tmpl_free(t);
    qx_diags_release(&d);
    return 0;
}
