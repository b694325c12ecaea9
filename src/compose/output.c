/* output: a composed article as WeChat-ready text, paste-ready HTML, JSON,
 * and the --trace map (paragraph -> figure -> fact -> source). Depends on
 * facts and json. Every format is a pure function of the article, so output
 * is byte-identical across runs. */
#include <stdlib.h>
#include <string.h>

#include "compose_int.h"

#define INDENT "\xe3\x80\x80\xe3\x80\x80" /* two U+3000 IDEOGRAPHIC SPACE */

/* Calls fn for every heading (para NULL) and paragraph with its 1-based line
 * in the text form: units are separated by one blank line. */
static void walk(const struct qx_article *a,
                 void (*fn)(void *, const struct qx_article_section *, size_t, const struct qx_para *, unsigned),
                 void *arg)
{
    unsigned line = 1;
    for (size_t s = 0; s < a->nsections; s++) {
        const struct qx_article_section *sec = &a->sections[s];
        if (sec->heading) {
            fn(arg, sec, 0, NULL, line);
            line += 2;
        }
        for (size_t p = 0; p < sec->n; p++) {
            fn(arg, sec, p, &sec->paras[p], line);
            line += 2;
        }
    }
}

struct text_out {
    struct qx_buf *b;
    int indent;
};

static void text_unit(void *arg, const struct qx_article_section *sec, size_t i, const struct qx_para *p,
                      unsigned line)
{
    struct text_out *t = arg;
    (void)i;
    if (line > 1)
        qx_buf_addc(t->b, '\n');
    if (!p) {
        qx_buf_adds(t->b, sec->heading);
    } else {
        if (t->indent)
            qx_buf_adds(t->b, INDENT);
        qx_buf_adds(t->b, p->text);
    }
    qx_buf_addc(t->b, '\n');
}

void qx_article_text(struct qx_buf *out, const struct qx_article *a)
{
    struct text_out t = {out, a->indent};
    walk(a, text_unit, &t);
}

static void html_escape(struct qx_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': qx_buf_adds(b, "&amp;"); break;
        case '<': qx_buf_adds(b, "&lt;"); break;
        case '>': qx_buf_adds(b, "&gt;"); break;
        case '"': qx_buf_adds(b, "&quot;"); break;
        case '\'': qx_buf_adds(b, "&#39;"); break;
        default: qx_buf_addc(b, *s);
        }
    }
}

void qx_article_html(struct qx_buf *out, const struct qx_article *a)
{
    const char *pstyle = a->indent ? "margin:0 0 1em 0;text-indent:2em;" : "margin:0 0 1em 0;";
    qx_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    html_escape(out, a->alias);
    qx_buf_adds(out, "</title>\n</head>\n<body>\n<article style=\"max-width:40em;margin:0 auto;"
                     "font-size:16px;line-height:1.8;color:#222222;\">\n");
    for (size_t s = 0; s < a->nsections; s++) {
        const struct qx_article_section *sec = &a->sections[s];
        qx_buf_adds(out, "<section style=\"margin:0 0 1.5em 0;\">\n");
        if (sec->heading) {
            qx_buf_adds(out, "<h3 style=\"font-size:1.1em;font-weight:bold;margin:1.2em 0 0.8em 0;\">");
            html_escape(out, sec->heading);
            qx_buf_adds(out, "</h3>\n");
        }
        for (size_t p = 0; p < sec->n; p++) {
            qx_buf_addf(out, "<p style=\"%s\">", pstyle);
            html_escape(out, sec->paras[p].text);
            qx_buf_adds(out, "</p>\n");
        }
        qx_buf_adds(out, "</section>\n");
    }
    qx_buf_adds(out, "</article>\n</body>\n</html>\n");
}

static cJSON *strvec_json(const struct qx_strvec *v)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < v->n; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(v->items[i]));
    return arr;
}

static cJSON *head_json(const struct qx_article *a)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "skill", a->skill);
    cJSON_AddStringToObject(o, "alias", a->alias);
    cJSON_AddItemToObject(o, "methods", strvec_json(&a->methods));
    cJSON_AddNumberToObject(o, "variant", a->variant);
    return o;
}

static void print_json(struct qx_buf *out, cJSON *o)
{
    char *s = qx_json_print(o, 1);
    qx_buf_adds(out, s);
    qx_buf_addc(out, '\n');
    free(s);
    cJSON_Delete(o);
}

void qx_article_json(struct qx_buf *out, const struct qx_article *a)
{
    cJSON *o = head_json(a);
    cJSON *secs = cJSON_AddArrayToObject(o, "sections");
    for (size_t s = 0; s < a->nsections; s++) {
        const struct qx_article_section *sec = &a->sections[s];
        cJSON *so = cJSON_CreateObject();
        cJSON_AddItemToArray(secs, so);
        cJSON_AddStringToObject(so, "id", sec->id);
        if (sec->heading)
            cJSON_AddStringToObject(so, "heading", sec->heading);
        else
            cJSON_AddNullToObject(so, "heading");
        cJSON *ps = cJSON_AddArrayToObject(so, "paragraphs");
        for (size_t p = 0; p < sec->n; p++) {
            cJSON *po = cJSON_CreateObject();
            cJSON_AddItemToArray(ps, po);
            cJSON_AddStringToObject(po, "text", sec->paras[p].text);
            cJSON_AddItemToObject(po, "facts", strvec_json(&sec->paras[p].facts));
        }
    }
    print_json(out, o);
}

struct trace {
    cJSON *paras;
    struct qx_strvec ids;
    const struct qx_facts *f;
};

static void add_str(cJSON *o, const char *k, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

static void trace_unit(void *arg, const struct qx_article_section *sec, size_t i, const struct qx_para *p,
                       unsigned line)
{
    struct trace *t = arg;
    if (!p)
        return;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(t->paras, o);
    cJSON_AddStringToObject(o, "section", sec->id);
    cJSON_AddNumberToObject(o, "paragraph", (double)(i + 1));
    cJSON_AddNumberToObject(o, "line", line);
    cJSON_AddStringToObject(o, "text", p->text);
    cJSON *figs = cJSON_AddArrayToObject(o, "figures");
    for (size_t c = 0; c < p->ncites; c++) {
        const struct qx_cite *ct = &p->cites[c];
        cJSON *fo = cJSON_CreateObject();
        cJSON_AddItemToArray(figs, fo);
        cJSON_AddStringToObject(fo, "display", ct->display);
        cJSON_AddStringToObject(fo, "fact", ct->fact);
        cJSON_AddStringToObject(fo, "key", ct->key);
        const struct qx_fact *f = qx_facts_find(t->f, ct->fact);
        const struct qx_fact_value *v = f ? qx_fact_value_find(f, ct->key) : NULL;
        if (v && v->is_number)
            cJSON_AddNumberToObject(fo, "value", v->value);
        else
            add_str(fo, "value", v ? v->text : NULL);
        add_str(fo, "unit", v ? v->unit : NULL);
        add_str(fo, "expr", v ? v->expr : NULL);
    }
    cJSON_AddItemToObject(o, "facts", strvec_json(&p->facts));
    for (size_t k = 0; k < p->facts.n; k++)
        if (!qx_strvec_contains(&t->ids, p->facts.items[k]))
            qx_strvec_push(&t->ids, p->facts.items[k]);
}

void qx_article_trace(struct qx_buf *out, const struct qx_article *a, const struct qx_facts *f)
{
    struct trace t = {.f = f};
    qx_strvec_init(&t.ids);
    cJSON *o = head_json(a);
    t.paras = cJSON_AddArrayToObject(o, "paragraphs");
    walk(a, trace_unit, &t);
    cJSON *facts = cJSON_AddArrayToObject(o, "facts");
    for (size_t i = 0; i < t.ids.n; i++) {
        const struct qx_fact *fact = qx_facts_find(f, t.ids.items[i]);
        if (!fact)
            continue;
        cJSON *fo = cJSON_CreateObject();
        cJSON_AddItemToArray(facts, fo);
        cJSON_AddStringToObject(fo, "id", fact->id);
        add_str(fo, "claim_zh", fact->claim_zh);
        add_str(fo, "model", fact->model);
        add_str(fo, "hardware", fact->hardware);
        add_str(fo, "baseline", fact->baseline);
        add_str(fo, "caveat", fact->caveat);
        cJSON *src = cJSON_AddObjectToObject(fo, "source");
        add_str(src, "title", fact->source.title);
        add_str(src, "authors", fact->source.authors);
        cJSON_AddNumberToObject(src, "year", fact->source.year);
        add_str(src, "venue", fact->source.venue);
        add_str(src, "arxiv", fact->source.arxiv);
        add_str(src, "url", fact->source.url);
        add_str(src, "locator", fact->source.locator);
    }
    qx_strvec_release(&t.ids);
    print_json(out, o);
}
