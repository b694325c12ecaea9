/* cmd_facts_diff: `qexplain facts diff OLD NEW`, rendering of the facts
 * module's field-by-field diff as text or JSON. Exit status like diff(1):
 * 0 identical, 1 different. Depends on the facts module and json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_facts.h"
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

static void render_text(const struct qx_facts_diff *df)
{
    size_t count[2][3] = {{0}};
    const char *last = NULL;
    int last_gl = -1;
    for (size_t i = 0; i < df->n; i++) {
        const struct qx_delta *x = &df->items[i];
        const char *what = x->glossary ? "glossary entry" : "fact";
        if (x->kind != QX_DELTA_CHANGED) {
            printf("%s %s '%s'\n", kind_names[x->kind], what, x->id);
            count[x->glossary][x->kind]++;
            continue;
        }
        if (!last || last_gl != x->glossary || strcmp(last, x->id) != 0) {
            printf("changed %s '%s'\n", what, x->id);
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

static void render_json(const struct qx_facts_diff *df)
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
            cJSON_AddItemToArray(sect[x->glossary][x->kind], cJSON_CreateString(x->id));
            continue;
        }
        if (!last || last_gl != x->glossary || strcmp(last, x->id) != 0) {
            cJSON *entry = cJSON_CreateObject();
            cJSON_AddStringToObject(entry, x->glossary ? "term" : "id", x->id);
            cur = cJSON_AddArrayToObject(entry, "fields");
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

int cmd_facts_diff(const char *old_dir, const char *new_dir, int json)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *a = NULL, *b = NULL;
    int rc = qx_facts_load(&a, old_dir, &d);
    int rc2 = qx_facts_load(&b, new_dir, &d);
    int code;
    if (rc || rc2) {
        /* The worse of the two: an I/O error (4) over invalid input (3). */
        code = cli_fail(rc == QX_EIO || rc2 == QX_EIO ? QX_EIO : QX_EINPUT, &d);
    } else {
        struct qx_facts_diff df;
        qx_facts_diff_init(&df);
        qx_facts_diff(&df, a, b);
        if (json)
            render_json(&df);
        else
            render_text(&df);
        code = df.n ? QX_EXIT_FINDINGS : 0;
        qx_facts_diff_release(&df);
    }
    qx_facts_free(a);
    qx_facts_free(b);
    qx_diags_release(&d);
    return code;
}
