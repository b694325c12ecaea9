/* cmd_facts_diff: `qexplain facts diff OLD NEW`, rendering of the facts
 * module's field-by-field diff as text or JSON. Exit status like diff(1):
 * 0 identical, 1 different. Depends on the facts module and json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_facts.h"
#include "qexplain/batch.h"
#include "qexplain/json.h"

static const char *const kind_names[] = {"added", "removed", "changed"};

static void print_json_value(const cJSON *v)
{
    if (!v) {
        fputs("(absent)", stdout);
        return;
    }
    char *s = qx_json_print(v, 0);
    fputs(s, stdout);
    free(s);
}

/* Articles of the manifest that cite the delta's fact or glossary entry;
 * NULL when no manifest was given or the delta is an addition (nothing can
 * cite a fact that did not exist). Owned by the caller. */
static struct qx_strvec *affected(const struct qx_batch_manifest *m, const struct qx_delta *x,
                                  struct qx_diags *d)
{
    if (!m || x->kind == QX_DELTA_ADDED)
        return NULL;
    struct qx_strvec *v = qx_malloc(sizeof *v);
    qx_strvec_init(v);
    qx_batch_affected(v, m, x->glossary ? "glossary" : "fact", x->id, d);
    return v;
}

static void free_affected(struct qx_strvec *v)
{
    if (v)
        qx_strvec_release(v);
    free(v);
}

static void print_affected(const struct qx_batch_manifest *m, const struct qx_delta *x, struct qx_diags *d)
{
    struct qx_strvec *v = affected(m, x, d);
    if (!v)
        return;
    if (!v->n)
        printf("  affects no article\n");
    for (size_t i = 0; i < v->n; i++)
        printf("  affects %s\n", v->items[i]);
    free_affected(v);
}

static void render_text(const struct qx_facts_diff *df, const struct qx_batch_manifest *m, struct qx_diags *d)
{
    size_t count[2][3] = {{0}};
    const char *last = NULL;
    int last_gl = -1;
    for (size_t i = 0; i < df->n; i++) {
        const struct qx_delta *x = &df->items[i];
        const char *what = x->glossary ? "glossary entry" : "fact";
        if (x->kind != QX_DELTA_CHANGED) {
            printf("%s %s '%s'\n", kind_names[x->kind], what, x->id);
            print_affected(m, x, d);
            count[x->glossary][x->kind]++;
            continue;
        }
        if (!last || last_gl != x->glossary || strcmp(last, x->id) != 0) {
            printf("changed %s '%s'\n", what, x->id);
            print_affected(m, x, d);
            count[x->glossary][QX_DELTA_CHANGED]++;
            last = x->id;
            last_gl = x->glossary;
        }
        printf("  %s: ", x->field);
        print_json_value(x->old_v);
        fputs(" -> ", stdout);
        print_json_value(x->new_v);
        putchar('\n');
    }
    if (!df->n) {
        printf("no differences\n");
        return;
    }
    printf("facts: %zu added, %zu removed, %zu changed; glossary: %zu added, %zu removed, %zu "
           "changed\n",
           count[0][0], count[0][1], count[0][2], count[1][0], count[1][1], count[1][2]);
}

static void add_affected_json(cJSON *obj, const struct qx_batch_manifest *m, const struct qx_delta *x,
                              struct qx_diags *d)
{
    struct qx_strvec *v = affected(m, x, d);
    if (!v)
        return;
    cJSON *arr = cJSON_AddArrayToObject(obj, "affects");
    for (size_t i = 0; i < v->n; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(v->items[i]));
    free_affected(v);
}

static void render_json(const struct qx_facts_diff *df, const struct qx_batch_manifest *m, struct qx_diags *d)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *sect[2][3];
    for (int g = 0; g < 2; g++) {
        cJSON *o = cJSON_AddObjectToObject(root, g ? "glossary" : "facts");
        for (int k = 0; k < 3; k++)
            sect[g][k] = cJSON_AddArrayToObject(o, kind_names[k]);
    }
    cJSON *cur = NULL;
    const char *last = NULL;
    int last_gl = -1;
    for (size_t i = 0; i < df->n; i++) {
        const struct qx_delta *x = &df->items[i];
        if (x->kind != QX_DELTA_CHANGED) {
            if (m && x->kind == QX_DELTA_REMOVED) {
                cJSON *entry = cJSON_CreateObject();
                cJSON_AddStringToObject(entry, x->glossary ? "term" : "id", x->id);
                add_affected_json(entry, m, x, d);
                cJSON_AddItemToArray(sect[x->glossary][x->kind], entry);
            } else {
                cJSON_AddItemToArray(sect[x->glossary][x->kind], cJSON_CreateString(x->id));
            }
            continue;
        }
        if (!last || last_gl != x->glossary || strcmp(last, x->id) != 0) {
            cJSON *entry = cJSON_CreateObject();
            cJSON_AddStringToObject(entry, x->glossary ? "term" : "id", x->id);
            cur = cJSON_AddArrayToObject(entry, "fields");
            add_affected_json(entry, m, x, d);
            cJSON_AddItemToArray(sect[x->glossary][QX_DELTA_CHANGED], entry);
            last = x->id;
            last_gl = x->glossary;
        }
        /* An absent side is left out, so that a JSON null stays a value. */
        cJSON *fo = cJSON_CreateObject();
        cJSON_AddStringToObject(fo, "field", x->field);
        if (x->old_v)
            cJSON_AddItemToObject(fo, "old", cJSON_Duplicate(x->old_v, 1));
        if (x->new_v)
            cJSON_AddItemToObject(fo, "new", cJSON_Duplicate(x->new_v, 1));
        cJSON_AddItemToArray(cur, fo);
    }
    char *s = qx_json_print(root, 1);
    printf("%s\n", s);
    free(s);
    cJSON_Delete(root);
}

int cmd_facts_diff(const char *old_dir, const char *new_dir, int json, const char *manifest)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *a = NULL, *b = NULL;
    struct qx_batch_manifest *m = NULL;
    int rc = qx_facts_load(&a, old_dir, &d);
    int rc2 = qx_facts_load(&b, new_dir, &d);
    int rc3 = manifest ? qx_batch_manifest_load(&m, manifest, NULL, &d) : 0;
    int code;
    if (rc || rc2 || rc3) {
        /* The worst: an I/O error (4) over invalid input (3). */
        code = cli_fail(rc == QX_EIO || rc2 == QX_EIO || rc3 == QX_EIO ? QX_EIO : QX_EINPUT, &d);
    } else {
        struct qx_facts_diff df;
        qx_facts_diff_init(&df);
        qx_facts_diff(&df, a, b);
        if (json)
            render_json(&df, m, &d);
        else
            render_text(&df, m, &d);
        cli_print_diags(&d);
        code = df.n ? QX_EXIT_FINDINGS : 0;
        qx_facts_diff_release(&df);
    }
    qx_facts_free(a);
    qx_facts_free(b);
    qx_batch_manifest_free(m);
    qx_diags_release(&d);
    return code;
}
