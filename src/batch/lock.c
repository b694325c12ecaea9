/* batch lock file: per article, the entry hash, the output hash and the
 * inputs with their hashes. JSON, sorted by output path, written atomically.
 * A damaged lock file is not fatal: every article is then stale. */
#include <stdlib.h>
#include <string.h>

#include "batch_impl.h"
#include "qexplain/file.h"
#include "qexplain/json.h"

void qx_batch_inputs_init(struct qx_batch_inputs *v)
{
    memset(v, 0, sizeof *v);
}

void qx_batch_inputs_release(struct qx_batch_inputs *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free(v->items[i].kind);
        free(v->items[i].name);
    }
    free(v->items);
    memset(v, 0, sizeof *v);
}

void qx_batch_inputs_add(struct qx_batch_inputs *v, const char *kind, const char *name, const char *sha)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->items[i].kind, kind) == 0 && strcmp(v->items[i].name, name) == 0)
            return;
    v->items = qx_grow(v->items, &v->cap, v->n + 1, sizeof *v->items);
    struct qx_batch_input *in = &v->items[v->n++];
    in->kind = qx_strdup(kind);
    in->name = qx_strdup(name);
    snprintf(in->sha, sizeof in->sha, "%s", sha);
}

static int cmp_input(const void *a, const void *b)
{
    const struct qx_batch_input *x = a, *y = b;
    int c = strcmp(x->kind, y->kind);
    return c ? c : strcmp(x->name, y->name);
}

void batch_inputs_sort(struct qx_batch_inputs *v)
{
    if (v->n > 1)
        qsort(v->items, v->n, sizeof *v->items, cmp_input);
}

void batch_lock_release(struct batch_lock *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->entries[i].out);
        qx_batch_inputs_release(&l->entries[i].inputs);
    }
    free(l->entries);
    memset(l, 0, sizeof *l);
}

const struct batch_lock_entry *batch_lock_find(const struct batch_lock *l, const char *out)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->entries[i].out, out) == 0)
            return &l->entries[i];
    return NULL;
}

static int sha_ok(const char *s)
{
    if (!s || strlen(s) != 64)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

int batch_lock_load(struct batch_lock *l, const char *path, struct qx_diags *d)
{
    memset(l, 0, sizeof *l);
    if (!qx_file_exists(path))
        return 0;
    struct qx_buf text;
    qx_buf_init(&text);
    struct qx_diags local;
    qx_diags_init(&local);
    int rc = qx_file_read(&text, path, QX_FILE_MAX_TEXT, &local);
    struct qx_json_doc doc;
    memset(&doc, 0, sizeof doc);
    if (!rc)
        rc = qx_json_parse(&doc, path, text.data, text.len, &local);
    const cJSON *arts = rc ? NULL : cJSON_GetObjectItemCaseSensitive(doc.root, "articles");
    if (!rc && !cJSON_IsObject(arts))
        rc = QX_EINPUT;
    for (const cJSON *a = arts ? arts->child : NULL; !rc && a; a = a->next) {
        const char *entry = qx_json_str(a, "entry"), *output = qx_json_str(a, "output");
        const cJSON *inputs = cJSON_GetObjectItemCaseSensitive(a, "inputs");
        if (!sha_ok(entry) || !sha_ok(output) || !cJSON_IsArray(inputs)) {
            rc = QX_EINPUT;
            break;
        }
        l->entries = qx_grow(l->entries, &l->cap, l->n + 1, sizeof *l->entries);
        struct batch_lock_entry *e = &l->entries[l->n++];
        memset(e, 0, sizeof *e);
        e->out = qx_strdup(a->string);
        snprintf(e->entry, sizeof e->entry, "%s", entry);
        snprintf(e->output, sizeof e->output, "%s", output);
        for (const cJSON *in = inputs->child; in; in = in->next) {
            const cJSON *k = cJSON_GetArrayItem(in, 0), *n = cJSON_GetArrayItem(in, 1),
                        *s = cJSON_GetArrayItem(in, 2);
            if (!cJSON_IsString(k) || !cJSON_IsString(n) || !cJSON_IsString(s) || !sha_ok(s->valuestring)) {
                rc = QX_EINPUT;
                break;
            }
            qx_batch_inputs_add(&e->inputs, k->valuestring, n->valuestring, s->valuestring);
        }
    }
    if (rc) {
        batch_lock_release(l);
        qx_diags_add(d, path, 0, 0, QX_SEV_WARNING, "batch.lock",
                     "lock file is unreadable or damaged; every article is treated as stale");
    }
    qx_json_doc_release(&doc);
    qx_diags_release(&local);
    qx_buf_release(&text);
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const struct batch_lock_entry *)a)->out, ((const struct batch_lock_entry *)b)->out);
}

int batch_lock_write(struct batch_lock *l, const char *path, struct qx_diags *d)
{
    if (l->n > 1)
        qsort(l->entries, l->n, sizeof *l->entries, cmp_entry);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "qexplain_lock", 1);
    cJSON *arts = cJSON_AddObjectToObject(root, "articles");
    for (size_t i = 0; i < l->n; i++) {
        struct batch_lock_entry *e = &l->entries[i];
        batch_inputs_sort(&e->inputs);
        cJSON *a = cJSON_AddObjectToObject(arts, e->out);
        cJSON_AddStringToObject(a, "entry", e->entry);
        cJSON_AddStringToObject(a, "output", e->output);
        cJSON *ins = cJSON_AddArrayToObject(a, "inputs");
        for (size_t j = 0; j < e->inputs.n; j++) {
            cJSON *t = cJSON_CreateArray();
            cJSON_AddItemToArray(t, cJSON_CreateString(e->inputs.items[j].kind));
            cJSON_AddItemToArray(t, cJSON_CreateString(e->inputs.items[j].name));
            cJSON_AddItemToArray(t, cJSON_CreateString(e->inputs.items[j].sha));
            cJSON_AddItemToArray(ins, t);
        }
    }
    char *text = qx_json_print(root, 1);
    cJSON_Delete(root);
    struct qx_buf b;
    qx_buf_init(&b);
    qx_buf_adds(&b, text);
    qx_buf_addc(&b, '\n');
    free(text);
    int rc = qx_file_write_atomic(path, b.data, b.len, d);
    qx_buf_release(&b);
    return rc;
}

void qx_batch_affected(struct qx_strvec *out, const struct qx_batch_manifest *m, const char *kind,
                       const char *name, struct qx_diags *d)
{
    struct batch_lock lock;
    batch_lock_load(&lock, m->lock_path, d);
    for (size_t i = 0; i < m->n; i++) {
        const struct batch_lock_entry *e = batch_lock_find(&lock, m->items[i].out);
        for (size_t k = 0; e && k < e->inputs.n; k++) {
            if (strcmp(e->inputs.items[k].kind, kind) == 0 && strcmp(e->inputs.items[k].name, name) == 0) {
                qx_strvec_push(out, m->items[i].out);
                break;
            }
        }
    }
    batch_lock_release(&lock);
}
