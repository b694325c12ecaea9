/* tmpl_json: the cJSON data model for the Mustache engine, used by the
 * composer and by `qexplain template render`. Values are cJSON nodes;
 * objects are maps, arrays lists, false, null and "" falsey. Numbers print as
 * integers when integral, else in the shortest %.15g / %.17g form that
 * reads back exactly, so output never depends on the locale or on noise
 * digits. Depends on util and json (the cJSON adapter module). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qexplain/json.h"
#include "qexplain/tmpl.h"

static const void *j_get(void *user, const void *v, const char *name, size_t n)
{
    (void)user;
    const cJSON *o = v;
    if (!cJSON_IsObject(o))
        return NULL;
    for (const cJSON *c = o->child; c; c = c->next)
        if (c->string && strlen(c->string) == n && memcmp(c->string, name, n) == 0)
            return c;
    return NULL;
}

static enum qx_tmpl_kind j_kind(void *user, const void *v)
{
    (void)user;
    const cJSON *j = v;
    /* "" is falsey, as in mustache.js, so {{#note}}…{{/note}} guards on text
     * being there; 0 stays truthy: a zero is still a figure to print */
    if (cJSON_IsNull(j) || cJSON_IsFalse(j) || cJSON_IsInvalid(j) ||
        (cJSON_IsString(j) && j->valuestring[0] == '\0'))
        return QX_TMPL_FALSEY;
    if (cJSON_IsArray(j))
        return QX_TMPL_LIST;
    if (cJSON_IsObject(j))
        return QX_TMPL_MAP;
    return QX_TMPL_SCALAR;
}

static size_t j_count(void *user, const void *list)
{
    (void)user;
    size_t n = 0;
    for (const cJSON *c = ((const cJSON *)list)->child; c; c = c->next)
        n++;
    return n;
}

/* Items are visited in order, and cJSON arrays are linked lists: walking
 * from the head each time would be quadratic. The last (list, index, node)
 * seen is kept in a cursor that lives on the stack of one render call (the
 * user pointer), never in global state; without one, items are found from
 * the head. */
struct j_cursor {
    const void *list;
    size_t i;
    const cJSON *node;
};

static const void *j_item(void *user, const void *list, size_t i)
{
    struct j_cursor *cur = user;
    const cJSON *c;
    size_t k;
    if (cur && cur->list == list && cur->node && cur->i <= i) {
        c = cur->node;
        k = cur->i;
    } else {
        c = ((const cJSON *)list)->child;
        k = 0;
    }
    for (; c && k < i; k++)
        c = c->next;
    if (cur) {
        cur->list = list;
        cur->i = k;
        cur->node = c;
    }
    return c;
}

static void j_number(double x, struct qx_buf *out)
{
    char tmp[40];
    if (!isfinite(x)) {
        qx_buf_adds(out, isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
        return;
    }
    if (x == floor(x) && fabs(x) < 9007199254740992.0) {
        qx_buf_addf(out, "%.0f", x == 0 ? 0.0 : x);
        return;
    }
    snprintf(tmp, sizeof tmp, "%.15g", x);
    if (strtod(tmp, NULL) != x)
        snprintf(tmp, sizeof tmp, "%.17g", x);
    qx_buf_adds(out, tmp);
}

static void j_text(void *user, const void *v, struct qx_buf *out)
{
    (void)user;
    const cJSON *j = v;
    if (cJSON_IsString(j))
        qx_buf_adds(out, j->valuestring);
    else if (cJSON_IsNumber(j))
        j_number(j->valuedouble, out);
    else if (cJSON_IsTrue(j))
        qx_buf_adds(out, "true");
    else if (cJSON_IsFalse(j))
        qx_buf_adds(out, "false");
    else if (cJSON_IsArray(j) || cJSON_IsObject(j)) {
        char *s = qx_json_print(j, 0);
        qx_buf_adds(out, s);
        free(s);
    }
}

const struct qx_tmpl_data qx_tmpl_json_data = {j_get, j_kind, j_count, j_item, j_text, NULL};

int qx_tmpl_render_json(struct qx_buf *out, const struct qx_tmpl *t, const struct cJSON *root,
                        enum qx_tmpl_escape esc, struct qx_diags *d)
{
    struct j_cursor cursor = {NULL, 0, NULL};
    struct qx_tmpl_data data = qx_tmpl_json_data;
    data.user = &cursor;
    return qx_tmpl_render(out, t, &data, root, esc, d);
}
