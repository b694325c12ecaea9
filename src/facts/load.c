/* facts/load.c: reads a fact-base directory into struct qx_facts. Every
 * *.json file but glossary.json is an array of facts; glossary.json an array
 * of glossary entries. Uses json (positions, duplicate keys, UTF-8) and file.
 * Invariants: an entry with a schema error (unknown field, wrong type, no id
 * or no value) is reported and left out, so that the rules of check.c only
 * ever see well-typed entries; the parsed documents stay alive in priv for
 * the base's lifetime so that every later diagnostic can name a position. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "qexplain/file.h"

struct loader {
    struct qx_facts *f;
    struct facts_priv *p;
    struct qx_diags *d;
    struct qx_json_doc *doc;
    const char *text;
    size_t len;
    int errors;
    size_t capfacts, capgloss;
};

/* ---- extraction (only called on validated objects) ---- */

static char *dup_str(const cJSON *obj, const char *key)
{
    const char *s = qx_json_str(obj, key);
    return s ? qx_strdup(s) : NULL;
}

static void dup_strs(struct qx_strvec *v, const cJSON *obj, const char *key)
{
    qx_strvec_init(v);
    const cJSON *el;
    cJSON_ArrayForEach(el, cJSON_GetObjectItemCaseSensitive(obj, key)) qx_strvec_push(v, el->valuestring);
}

static int node_byte(const struct qx_json_doc *doc, const cJSON *node, size_t *byte)
{
    unsigned line, col;
    if (!qx_json_doc_pos(doc, node, &line, &col)) /* also sorts the index */
        return 0;
    size_t lo = 0, hi = doc->npos;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->pos[mid].node == node) {
            *byte = doc->pos[mid].byte;
            return 1;
        }
        if ((const void *)doc->pos[mid].node < (const void *)node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Fraction digits of the number as written after member `it` ("value": 69.0
 * -> 1): the printed precision sets the tolerance of derived values, and
 * cJSON's double has forgotten it. Positions of members point at the key. */
static int printed_decimals(struct loader *L, const cJSON *it)
{
    size_t i;
    if (!node_byte(L->doc, it, &i) || i >= L->len || L->text[i] != '"')
        return -1;
    for (i++; i < L->len && L->text[i] != '"'; i++)
        if (L->text[i] == '\\')
            i++;
    for (i++; i < L->len && strchr(" \t\r\n:", L->text[i]); i++)
        ;
    int frac = 0, exp = 0, in_frac = 0, neg = 0;
    for (; i < L->len; i++) {
        char c = L->text[i];
        if (c == '.')
            in_frac = 1;
        else if (c >= '0' && c <= '9')
            frac += in_frac;
        else if (c == 'e' || c == 'E')
            break;
        else if (c != '-')
            return frac;
    }
    if (i < L->len) { /* exponent */
        i++;
        if (i < L->len && (L->text[i] == '+' || L->text[i] == '-'))
            neg = L->text[i++] == '-';
        for (; i < L->len && L->text[i] >= '0' && L->text[i] <= '9' && exp < 400; i++)
            exp = exp * 10 + (L->text[i] - '0');
    }
    int dec = neg ? frac + exp : frac - exp;
    return dec < 0 ? 0 : dec;
}

static void take_value(struct loader *L, struct qx_fact_value *v, const cJSON *obj, int derived)
{
    memset(v, 0, sizeof *v);
    v->key = dup_str(obj, "key");
    v->name = dup_str(obj, "name");
    const cJSON *val = cJSON_GetObjectItemCaseSensitive(obj, "value");
    v->is_number = cJSON_IsNumber(val);
    if (v->is_number) {
        v->value = val->valuedouble;
        v->decimals = printed_decimals(L, val);
    } else {
        v->text = qx_strdup(val->valuestring);
        v->decimals = -1;
    }
    v->unit = dup_str(obj, "unit");
    v->qual = facts_qual_parse(qx_json_str(obj, "qual"));
    v->display = dup_str(obj, "display");
    v->derived = derived;
    v->expr = derived ? dup_str(obj, "expr") : NULL;
    qx_json_doc_pos(L->doc, obj, &v->line, &v->col);
    v->json = obj;
}

static void take_fact(struct loader *L, const cJSON *obj)
{
    struct qx_facts *f = L->f;
    f->facts = qx_grow(f->facts, &L->capfacts, f->n + 1, sizeof *f->facts);
    struct qx_fact *x = &f->facts[f->n++];
    memset(x, 0, sizeof *x);
    x->id = dup_str(obj, "id");
    x->claim_zh = dup_str(obj, "claim_zh");
    x->claim_en = dup_str(obj, "claim_en");
    dup_strs(&x->topics, obj, "topics");
    x->method = dup_str(obj, "method");
    x->model = dup_str(obj, "model");
    x->hardware = dup_str(obj, "hardware");
    x->metric = dup_str(obj, "metric");
    x->baseline = dup_str(obj, "baseline");
    const cJSON *vals = cJSON_GetObjectItemCaseSensitive(obj, "values");
    const cJSON *der = cJSON_GetObjectItemCaseSensitive(obj, "derived");
    size_t nv = (size_t)cJSON_GetArraySize(vals) + (size_t)cJSON_GetArraySize(der);
    x->values = nv ? qx_calloc(nv, sizeof *x->values) : NULL;
    const cJSON *el;
    cJSON_ArrayForEach(el, vals) take_value(L, &x->values[x->nvalues++], el, 0);
    cJSON_ArrayForEach(el, der) take_value(L, &x->values[x->nvalues++], el, 1);
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(obj, "source");
    if (src) {
        x->has_source = 1;
        x->source.title = dup_str(src, "title");
        x->source.authors = dup_str(src, "authors");
        x->source.venue = dup_str(src, "venue");
        x->source.arxiv = dup_str(src, "arxiv");
        x->source.url = dup_str(src, "url");
        x->source.locator = dup_str(src, "locator");
        double y;
        if (qx_json_num(src, "year", &y))
            x->source.year = (int)y;
    }
    x->caveat = dup_str(obj, "caveat");
    x->caveat_zh = dup_str(obj, "caveat_zh");
    dup_strs(&x->terms, obj, "terms");
    x->file = qx_strdup(L->doc->file);
    qx_json_doc_pos(L->doc, obj, &x->line, &x->col);
    x->json = obj;
}

static void take_gloss(struct loader *L, const cJSON *obj)
{
    struct qx_facts *f = L->f;
    f->gloss = qx_grow(f->gloss, &L->capgloss, f->ngloss + 1, sizeof *f->gloss);
    struct qx_gloss *g = &f->gloss[f->ngloss++];
    memset(g, 0, sizeof *g);
    g->term = dup_str(obj, "term");
    g->full = dup_str(obj, "full");
    g->label_zh = dup_str(obj, "label_zh");
    g->explain_zh = dup_str(obj, "explain_zh");
    g->kind = dup_str(obj, "kind");
    dup_strs(&g->aliases, obj, "aliases");
    g->file = qx_strdup(L->doc->file);
    qx_json_doc_pos(L->doc, obj, &g->line, &g->col);
    g->json = obj;
}

static void remap_rules(struct qx_diags *tmp)
{
    for (size_t i = 0; i < tmp->n; i++) {
        const char *r = tmp->items[i].rule;
        const char *to = strcmp(r, "json.duplicate-key") == 0 ? "facts.duplicate-key"
                         : strcmp(r, "utf8") == 0             ? "facts.utf8"
                                                              : "facts.json";
        free(tmp->items[i].rule);
        tmp->items[i].rule = qx_strdup(to);
    }
}

static int load_file(struct loader *L, const char *path, int glossary)
{
    struct qx_buf buf;
    qx_buf_init(&buf);
    int rc = qx_file_read(&buf, path, QX_FILE_MAX_TEXT, L->d);
    if (rc) {
        qx_buf_release(&buf);
        return rc == QX_ELIMIT ? (L->errors++, 0) : rc;
    }
    struct qx_json_doc *doc = qx_malloc(sizeof *doc);
    struct qx_diags tmp;
    qx_diags_init(&tmp);
    if (qx_json_parse(doc, path, buf.data, buf.len, &tmp)) {
        remap_rules(&tmp);
        qx_diags_move(L->d, &tmp);
        qx_diags_release(&tmp);
        qx_json_doc_release(doc);
        free(doc);
        qx_buf_release(&buf);
        L->errors++;
        return 0;
    }
    qx_diags_release(&tmp);
    L->p->docs = qx_grow(L->p->docs, &L->p->capdocs, L->p->ndocs + 1, sizeof *L->p->docs);
    L->p->docs[L->p->ndocs++] = doc;
    L->doc = doc;
    L->text = buf.data;
    L->len = buf.len;
    if (!cJSON_IsArray(doc->root)) {
        qx_json_diag(doc, L->d, doc->root, QX_SEV_ERROR, "facts.schema",
                     "a %s file must hold an array of %s, not %s", glossary ? "glossary" : "fact",
                     glossary ? "entries" : "facts", facts_type_name(doc->root));
        L->errors++;
    } else {
        L->p->have_glossary |= glossary;
        const cJSON *el;
        int n;
        cJSON_ArrayForEach(el, doc->root)
        {
            if (!cJSON_IsObject(el)) {
                qx_json_diag(doc, L->d, el, QX_SEV_ERROR, "facts.schema", "%s must be an object, not %s",
                             glossary ? "a glossary entry" : "a fact", facts_type_name(el));
                L->errors++;
            } else if ((n = facts_validate(doc, el, glossary, L->d)) != 0) {
                L->errors += n;
            } else if (glossary) {
                take_gloss(L, el);
            } else {
                take_fact(L, el);
            }
        }
    }
    L->doc = NULL;
    L->text = NULL;
    qx_buf_release(&buf);
    return 0;
}

static int cmp_fact(const void *a, const void *b)
{
    const struct qx_fact *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (!c)
        c = strcmp(x->file, y->file);
    if (!c)
        c = x->line != y->line ? (x->line < y->line ? -1 : 1) : (int)x->col - (int)y->col;
    return c;
}

static int cmp_gloss(const void *a, const void *b)
{
    const struct qx_gloss *x = a, *y = b;
    int c = strcmp(x->term, y->term);
    if (!c)
        c = x->line != y->line ? (x->line < y->line ? -1 : 1) : (int)x->col - (int)y->col;
    return c;
}

int qx_facts_load_partial(struct qx_facts **out, const char *dir, struct qx_diags *d)
{
    *out = NULL;
    struct qx_strvec files;
    qx_strvec_init(&files);
    int rc = qx_file_list_dir(&files, dir, ".json", d);
    if (rc) {
        qx_strvec_release(&files);
        return rc;
    }
    struct qx_facts *f = qx_calloc(1, sizeof *f);
    struct facts_priv *p = qx_calloc(1, sizeof *p);
    f->priv = p;
    f->dir = qx_strdup(dir);
    struct loader L = {.f = f, .p = p, .d = d};
    int have_glossary = 0;
    for (size_t i = 0; i < files.n && !rc; i++) {
        const char *slash = strrchr(files.items[i], '/');
        int glossary = strcmp(slash ? slash + 1 : files.items[i], GLOSSARY_FILE) == 0;
        have_glossary |= glossary;
        rc = load_file(&L, files.items[i], glossary);
    }
    qx_strvec_release(&files);
    if (rc) {
        qx_facts_free(f);
        return rc;
    }
    if (!have_glossary) {
        char *g = qx_path_join(dir, GLOSSARY_FILE);
        qx_diags_add(d, g, 0, 0, QX_SEV_ERROR, "facts.glossary", "missing glossary file '%s'", g);
        free(g);
        L.errors++;
    }
    if (f->n)
        qsort(f->facts, f->n, sizeof *f->facts, cmp_fact);
    if (f->ngloss)
        qsort(f->gloss, f->ngloss, sizeof *f->gloss, cmp_gloss);
    facts_index_names(f);
    *out = f;
    return L.errors ? QX_EINPUT : 0;
}

int qx_facts_load(struct qx_facts **out, const char *dir, struct qx_diags *d)
{
    int rc = qx_facts_load_partial(out, dir, d);
    if (rc && *out) {
        qx_facts_free(*out);
        *out = NULL;
    }
    return rc;
}

static void value_release(struct qx_fact_value *v)
{
    free(v->key);
    free(v->name);
    free(v->text);
    free(v->unit);
    free(v->display);
    free(v->expr);
}

static void fact_release(struct qx_fact *x)
{
    free(x->id);
    free(x->claim_zh);
    free(x->claim_en);
    qx_strvec_release(&x->topics);
    free(x->method);
    free(x->model);
    free(x->hardware);
    free(x->metric);
    free(x->baseline);
    for (size_t i = 0; i < x->nvalues; i++)
        value_release(&x->values[i]);
    free(x->values);
    free(x->source.title);
    free(x->source.authors);
    free(x->source.venue);
    free(x->source.arxiv);
    free(x->source.url);
    free(x->source.locator);
    free(x->caveat);
    free(x->caveat_zh);
    qx_strvec_release(&x->terms);
    free(x->file);
}

void qx_facts_free(struct qx_facts *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        fact_release(&f->facts[i]);
    free(f->facts);
    for (size_t i = 0; i < f->ngloss; i++) {
        struct qx_gloss *g = &f->gloss[i];
        free(g->term);
        free(g->full);
        free(g->label_zh);
        free(g->explain_zh);
        free(g->kind);
        qx_strvec_release(&g->aliases);
        free(g->file);
    }
    free(f->gloss);
    struct facts_priv *p = f->priv;
    if (p) {
        for (size_t i = 0; i < p->ndocs; i++) {
            qx_json_doc_release(p->docs[i]);
            free(p->docs[i]);
        }
        free(p->docs);
        free(p->names);
        free(p->byfirst);
        free(p);
    }
    free(f->dir);
    free(f);
}
