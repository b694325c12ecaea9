/* baseline: a JSON record of known findings, so that CI fails only on new
 * ones. A finding is known when a recorded entry has its file, rule and
 * fingerprint (rule + offending text + its line's content, never the line
 * number), counted as a multiset. Format:
 *   {"version": 1, "findings": [{"file": ..., "rule": ..., "fingerprint": ...,
 *                                "line": N, "message": ...}, ...]}
 * line and message are for people; matching ignores them. Depends on json. */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"
#include "qexplain/json.h"

void qx_lint_baseline_write(struct qx_buf *out, const struct qx_diags *d)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON *arr = cJSON_AddArrayToObject(root, "findings");
    for (size_t i = 0; i < d->n; i++) {
        const struct qx_diag *g = &d->items[i];
        if (!g->fingerprint)
            continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "file", g->file ? g->file : "");
        cJSON_AddStringToObject(o, "rule", g->rule);
        cJSON_AddStringToObject(o, "fingerprint", g->fingerprint);
        cJSON_AddNumberToObject(o, "line", g->line);
        cJSON_AddStringToObject(o, "message", g->message);
        cJSON_AddItemToArray(arr, o);
    }
    qx_json_emit(out, root);
}

struct entry {
    const char *file, *rule, *fp;
    int left;
};

int qx_lint_baseline_filter(struct qx_diags *d, const char *bfile, const char *btext, size_t blen,
                            size_t *removed, struct qx_diags *err)
{
    struct qx_json_doc doc;
    if (removed)
        *removed = 0;
    if (qx_json_parse(&doc, bfile, btext, blen, err)) {
        qx_json_doc_release(&doc);
        return QX_EINPUT;
    }
    int rc = 0;
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(doc.root, "findings");
    double version = 0;
    if (!cJSON_IsObject(doc.root) || !qx_json_num(doc.root, "version", &version) || version != 1 ||
        !cJSON_IsArray(arr)) {
        qx_json_diag(&doc, err, doc.root, QX_SEV_ERROR, "baseline",
                     "not a qexplain baseline: expected {\"version\": 1, \"findings\": [...]}");
        qx_json_doc_release(&doc);
        return QX_EINPUT;
    }
    size_t n = (size_t)cJSON_GetArraySize(arr), k = 0;
    struct entry *e = qx_calloc(n + 1, sizeof *e);
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        const char *file = qx_json_str(it, "file"), *rule = qx_json_str(it, "rule"),
                   *fp = qx_json_str(it, "fingerprint");
        if (!file || !rule || !fp) {
            qx_json_diag(&doc, err, it, QX_SEV_ERROR, "baseline",
                         "entry needs string 'file', 'rule' and 'fingerprint'");
            rc = QX_EINPUT;
            continue;
        }
        e[k].file = file;
        e[k].rule = rule;
        e[k].fp = fp;
        e[k++].left = 1;
    }
    if (!rc) {
        size_t w = 0;
        for (size_t i = 0; i < d->n; i++) {
            struct qx_diag *g = &d->items[i];
            int hit = 0;
            for (size_t j = 0; j < k && !hit && g->fingerprint; j++) {
                if (e[j].left && strcmp(e[j].fp, g->fingerprint) == 0 && strcmp(e[j].rule, g->rule) == 0 &&
                    strcmp(e[j].file, g->file ? g->file : "") == 0) {
                    e[j].left = 0;
                    hit = 1;
                }
            }
            if (hit) {
                lx_diag_release(g);
                if (removed)
                    (*removed)++;
            } else {
                d->items[w++] = *g;
            }
        }
        d->n = w;
    }
    free(e);
    qx_json_doc_release(&doc);
    return rc;
}
