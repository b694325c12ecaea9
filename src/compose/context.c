/* context: the parts of the template context built from the fact base: the
 * term markers ("t") and the figure markers ("f"), each figure formatted by
 * numfmt (or the fact's own display form) and tagged with its fact and key
 * so the paragraph that prints it can cite it. Depends on facts and numfmt. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "compose_int.h"
#include "qexplain/numfmt.h"

char *cx_slug(const char *s, char sep)
{
    struct qx_buf b;
    qx_buf_init(&b);
    int pending = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) && c < 0x80) {
            if (pending && b.len)
                qx_buf_addc(&b, sep);
            pending = 0;
            qx_buf_addc(&b, (char)tolower(c));
        } else {
            pending = 1;
        }
    }
    return qx_buf_detach(&b, NULL);
}

const char *cx_numeral_zh(size_t n, int ordinal)
{
    /* A count says 两 (两种方法), an ordinal 二 (第二、误区二). */
    static const char *const zh[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    if (n == 2 && !ordinal)
        return "两";
    return n < sizeof zh / sizeof zh[0] ? zh[n] : "多";
}

/* "15-23" with numbers on both sides: a range printed with the unit on both
 * ends, as GB/T 15835 and the ranges rule ask. */
static int format_range(struct qx_buf *out, const struct qx_fact_value *v)
{
    const char *dash = strchr(v->text, '-');
    if (!dash || dash == v->text)
        return 0;
    char *end;
    double a = strtod(v->text, &end);
    if (end != dash)
        return 0;
    double b = strtod(dash + 1, &end);
    if (*end || end == dash + 1)
        return 0;
    qx_numfmt_format(out, a, v->unit, -1, v->qual);
    qx_buf_adds(out, "～");
    qx_numfmt_format(out, b, v->unit, -1, 0);
    return 1;
}

void cx_format_value(struct qx_buf *out, const struct qx_fact_value *v)
{
    if (v->display && v->display[0])
        qx_buf_adds(out, v->display);
    else if (v->is_number)
        qx_numfmt_format(out, v->value, v->unit, -1, v->qual);
    else if (!format_range(out, v))
        qx_buf_adds(out, v->text ? v->text : "");
}

static int ascii_only(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* The marker carries the spelling itself, so "Qwen-7B" prints as written
 * while its first-use explanation is the one of its glossary entry. */
static void add_term(cJSON *t, const char *spelling)
{
    char *slug = cx_slug(spelling, '-');
    if (slug[0] && ascii_only(spelling) && !cJSON_GetObjectItemCaseSensitive(t, slug)) {
        char *m = qx_asprintf("%c%s%c", TERM_OPEN, spelling, TERM_CLOSE);
        cJSON_AddStringToObject(t, slug, m);
        free(m);
    }
    free(slug);
}

cJSON *cx_terms(const struct qx_facts *f)
{
    cJSON *t = cJSON_CreateObject();
    for (size_t i = 0; i < f->ngloss; i++)
        add_term(t, f->gloss[i].term);
    for (size_t i = 0; i < f->ngloss; i++)
        for (size_t k = 0; k < f->gloss[i].aliases.n; k++)
            add_term(t, f->gloss[i].aliases.items[k]);
    return t;
}

static void add_cond(cJSON *o, const char *name, const char *val)
{
    if (val)
        cJSON_AddStringToObject(o, name, val);
}

cJSON *cx_figures(const struct qx_facts *f)
{
    cJSON *all = cJSON_CreateObject();
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t i = 0; i < f->n; i++) {
        const struct qx_fact *fact = &f->facts[i];
        cJSON *o = cJSON_CreateObject();
        for (size_t k = 0; k < fact->nvalues; k++) {
            const struct qx_fact_value *v = &fact->values[k];
            qx_buf_reset(&b);
            qx_buf_addf(&b, "%c%s%c%s%c", FIG_OPEN, fact->id, FIG_SEP, v->key, FIG_TEXT);
            cx_format_value(&b, v);
            qx_buf_addc(&b, FIG_CLOSE);
            if (!cJSON_GetObjectItemCaseSensitive(o, v->key))
                cJSON_AddStringToObject(o, v->key, b.data);
            /* The checked fact base names values in prose ("Int4 memory");
             * its slug is a second handle, so templates read the same either way. */
            char *slug = v->name ? cx_slug(v->name, '_') : NULL;
            if (slug && slug[0] && !cJSON_GetObjectItemCaseSensitive(o, slug))
                cJSON_AddStringToObject(o, slug, b.data);
            free(slug);
        }
        cJSON *cond = cJSON_AddObjectToObject(o, "cond");
        add_cond(cond, "method", fact->method);
        add_cond(cond, "model", fact->model);
        add_cond(cond, "hardware", fact->hardware);
        add_cond(cond, "metric", fact->metric);
        add_cond(cond, "baseline", fact->baseline);
        cJSON_AddItemToObject(all, fact->id, o);
    }
    qx_buf_release(&b);
    return all;
}
