/* compose: the generate flow of DESIGN.md §5 after the skill and facts are
 * loaded: load the template set, choose methods, analogies and blocks
 * (select.c), build the Mustache context, render each section, assemble the
 * paragraphs (assemble.c). Depends on skill, facts, tmpl (through render.c)
 * and numfmt (through context.c). The context never holds a raw number. */
#include <stdlib.h>
#include <string.h>

#include "compose_int.h"
#include "qexplain/file.h"
#include "qexplain/text.h"
#include "select.h"

struct run {
    const struct qx_skill *skill;
    const struct qx_facts *facts;
    struct lib lib;
    int variant;
    const char *alias;
    cJSON *base; /* t, f, variant flags: what nested texts see */
    cJSON *ctx;  /* base plus the composed material: what sections see */
    struct qx_strvec methods;
    struct qx_strvec analogy_facts; /* facts the chosen analogies cite */
    struct qx_diags *d;
};

/* Nested texts are named FILE#ID.FIELD in diagnostics. A block's phrasing
 * avoids the facts the analogies already cite when an alternative can. */
static int render_nested(struct qx_buf *out, struct run *r, const struct lib_text *t, size_t doc,
                         const char *id, const char *field)
{
    char *name = qx_asprintf("%s#%s.%s", r->lib.docs[doc].file, id, field);
    qx_buf_reset(out);
    const char *text = strcmp(field, "text") == 0 ? sel_phrasing(t, r->variant, &r->analogy_facts)
                                                  : lib_pick(t, r->variant);
    int rc = cx_render_text(out, &r->lib, name, text, r->base, r->d);
    free(name);
    return rc;
}

static int add_analogy(cJSON *into, const char *key, struct run *r, const struct lib_analogy *a)
{
    sel_fact_refs(&r->analogy_facts, lib_pick(&a->mapping, r->variant));
    sel_fact_refs(&r->analogy_facts, lib_pick(&a->practice, r->variant));
    struct qx_buf b;
    qx_buf_init(&b);
    cJSON *o = cJSON_AddObjectToObject(into, key);
    cJSON_AddStringToObject(o, "id", a->id);
    cJSON_AddStringToObject(o, "domain", a->domain);
    if (a->shorthand)
        cJSON_AddStringToObject(o, "short", a->shorthand);
    int rc = render_nested(&b, r, &a->practice, a->doc, a->id, "practice");
    if (rc == 0) {
        cJSON_AddStringToObject(o, "practice", b.data);
        rc = render_nested(&b, r, &a->mapping, a->doc, a->id, "mapping");
    }
    if (rc == 0)
        cJSON_AddStringToObject(o, "mapping", b.data);
    qx_buf_release(&b);
    return rc;
}

static const char *list_sep(size_t i, size_t n)
{
    return i + 1 == n ? "" : i + 2 == n ? "和" : "、";
}

static void mark_position(cJSON *o, size_t i, size_t n)
{
    cJSON_AddBoolToObject(o, "first", i == 0);
    cJSON_AddBoolToObject(o, "last", i + 1 == n);
    cJSON_AddStringToObject(o, "sep", list_sep(i, n));
    cJSON_AddStringToObject(o, "ordinal", cx_numeral_zh(i + 1, 1));
}

static int add_methods(struct run *r)
{
    cJSON *arr = cJSON_AddArrayToObject(r->ctx, "methods");
    cJSON *t = cJSON_GetObjectItemCaseSensitive(r->base, "t");
    struct qx_buf list;
    qx_buf_init(&list);
    struct qx_strvec used;
    qx_strvec_init(&used);
    int rc = 0;
    for (size_t i = 0; i < r->methods.n && rc == 0; i++) {
        const char *tag = r->methods.items[i];
        const struct qx_gloss *g = qx_facts_gloss_find(r->facts, tag);
        char *slug = cx_slug(g->term, '-');
        const char *marker = qx_json_str(t, slug);
        free(slug);
        cJSON *m = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, m);
        cJSON_AddStringToObject(m, "tag", tag);
        cJSON_AddStringToObject(m, "term", marker ? marker : g->term);
        cJSON_AddStringToObject(m, "label", g->label_zh);
        mark_position(m, i, r->methods.n);
        qx_buf_adds(&list, marker ? marker : g->term);
        qx_buf_adds(&list, list_sep(i, r->methods.n));
        if (!r->lib.method_role)
            continue;
        const struct lib_analogy *a =
            sel_analogy(&r->lib, r->skill, r->lib.method_role, tag, (size_t)(r->variant - 1) + i, &used);
        if (!a) {
            qx_diags_add(r->d, NULL, 0, 0, QX_SEV_ERROR, "compose.analogy",
                         "no analogy explains '%s' in the domains of skill '%s'; add one to "
                         "templates/analogies/",
                         tag, r->skill->name);
            rc = QX_EINPUT;
            break;
        }
        rc = add_analogy(m, "analogy", r, a);
    }
    cJSON_AddStringToObject(r->ctx, "method_list", list.data);
    cJSON_AddStringToObject(r->ctx, "method_count", cx_numeral_zh(r->methods.n, 0));
    cJSON_AddBoolToObject(r->ctx, "single", r->methods.n == 1);
    cJSON_AddBoolToObject(r->ctx, "several", r->methods.n > 1);
    /* Whole-article analogies take other domains than the methods' ones
     * where the skill offers enough domains. */
    for (size_t i = 0; i < r->lib.analogy_slots.n && rc == 0; i++) {
        const struct lib_analogy *a = sel_analogy(&r->lib, r->skill, r->lib.analogy_roles.items[i], NULL,
                                                  (size_t)(r->variant - 1) + i, &used);
        if (!a) {
            qx_diags_add(r->d, NULL, 0, 0, QX_SEV_ERROR, "compose.analogy",
                         "no '%s' analogy in the domains of skill '%s'", r->lib.analogy_roles.items[i],
                         r->skill->name);
            rc = QX_EINPUT;
            break;
        }
        rc = add_analogy(r->ctx, r->lib.analogy_slots.items[i], r, a);
    }
    qx_strvec_release(&used);
    qx_buf_release(&list);
    return rc;
}

static int add_lists(struct run *r)
{
    struct qx_buf b;
    qx_buf_init(&b);
    int rc = 0;
    for (size_t i = 0; i < r->lib.nlists && rc == 0; i++) {
        const struct lib_list *l = &r->lib.lists[i];
        const struct lib_block **v = NULL;
        size_t n = 0;
        rc = sel_list(&v, &n, &r->lib, l, r->alias, &r->methods, r->variant, &r->analogy_facts, r->d);
        if (rc)
            break;
        cJSON *arr = cJSON_AddArrayToObject(r->ctx, l->name);
        for (size_t k = 0; k < n && rc == 0; k++) {
            rc = render_nested(&b, r, &v[k]->text, v[k]->doc, v[k]->id, "text");
            cJSON *o = cJSON_CreateObject();
            cJSON_AddItemToArray(arr, o);
            cJSON_AddStringToObject(o, "id", v[k]->id);
            cJSON_AddStringToObject(o, "text", b.data);
            mark_position(o, k, n);
        }
        char *count = qx_asprintf("%s_count", l->name);
        cJSON_AddStringToObject(r->ctx, count, cx_numeral_zh(n, 0));
        free(count);
        free(v);
    }
    qx_buf_release(&b);
    return rc;
}

static const char *pair_value(const struct qx_strvec *pairs, const char *key)
{
    for (size_t i = 0; i + 1 < pairs->n; i += 2)
        if (strcmp(pairs->items[i], key) == 0)
            return pairs->items[i + 1];
    return NULL;
}

/* The sources of the facts cited so far, one entry per source, named in
 * Chinese by templates/sources.json (English titles would be unexplained
 * English in a Chinese article). */
static int add_sources(struct run *r, const struct qx_article *a)
{
    struct qx_strvec ids, titles;
    qx_strvec_init(&ids);
    qx_strvec_init(&titles);
    for (size_t s = 0; s < a->nsections; s++)
        for (size_t p = 0; p < a->sections[s].n; p++)
            for (size_t k = 0; k < a->sections[s].paras[p].facts.n; k++)
                if (!qx_strvec_contains(&ids, a->sections[s].paras[p].facts.items[k]))
                    qx_strvec_push(&ids, a->sections[s].paras[p].facts.items[k]);
    cJSON *arr = cJSON_CreateArray();
    struct qx_buf b;
    qx_buf_init(&b);
    int rc = 0;
    for (size_t i = 0; i < ids.n && rc == 0; i++) {
        const struct qx_fact *f = qx_facts_find(r->facts, ids.items[i]);
        if (!f || !f->source.title || qx_strvec_contains(&titles, f->source.title))
            continue;
        qx_strvec_push(&titles, f->source.title);
        const char *name = pair_value(&r->lib.source_names, f->source.title);
        if (!name) {
            qx_diags_add(r->d, NULL, 0, 0, QX_SEV_ERROR, "template.source",
                         "source '%s' of fact '%s' has no Chinese name in templates/sources.json",
                         f->source.title, f->id);
            rc = QX_EINPUT;
            break;
        }
        char *label = qx_asprintf("sources.json:%s", f->id);
        qx_buf_reset(&b);
        rc = cx_render_text(&b, &r->lib, label, name, r->base, r->d);
        free(label);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, o);
        cJSON_AddStringToObject(o, "name", b.data);
        cJSON_AddStringToObject(o, "title", f->source.title);
        char year[16];
        snprintf(year, sizeof year, "%d", f->source.year);
        cJSON_AddStringToObject(o, "year", f->source.year > 0 ? year : "");
    }
    int n = cJSON_GetArraySize(arr);
    int i = 0;
    for (cJSON *o = arr->child; o; o = o->next, i++)
        cJSON_AddStringToObject(o, "sep", i + 1 == n ? "" : "；");
    cJSON_DeleteItemFromObjectCaseSensitive(r->ctx, "sources");
    cJSON_AddItemToObject(r->ctx, "sources", arr);
    qx_buf_release(&b);
    qx_strvec_release(&ids);
    qx_strvec_release(&titles);
    return rc;
}

/* A note must hold the term's label or full name, or be a piece of its
 * explanation at least four characters long: what the acronym rule accepts
 * as an explanation. */
static int check_notes(const struct lib *lib, const struct qx_facts *f, struct qx_diags *d)
{
    int rc = 0;
    for (size_t i = 0; i + 1 < lib->term_notes.n; i += 2) {
        const char *term = lib->term_notes.items[i], *note = lib->term_notes.items[i + 1];
        const struct qx_gloss *g = qx_facts_gloss_find(f, term);
        int ok = g && ((g->label_zh && strstr(note, g->label_zh)) || (g->full && strstr(note, g->full)) ||
                       (g->explain_zh && qx_text_count_chars(note, strlen(note)) >= 4 &&
                        strstr(g->explain_zh, note)));
        if (!ok) {
            char *path = qx_path_join(lib->root, "terms.json");
            qx_diags_add(d, path, 0, 0, QX_SEV_ERROR, "template.term-note",
                         g ? "the note of '%s' neither holds its glossary label or full name nor is a piece of its explanation"
                           : "'%s' is not a glossary term",
                         term);
            free(path);
            rc = QX_EINPUT;
        }
    }
    return rc;
}

static void term_state_init(struct term_state *ts, const struct qx_skill *s, const struct lib *lib)
{
    memset(ts, 0, sizeof *ts);
    qx_strvec_init(&ts->seen);
    ts->form = lib->term_form;
    ts->notes = &lib->term_notes;
    const char *mode = s->lint ? qx_json_str(s->lint, "acronym") : NULL;
    if (mode && strcmp(mode, "explain-first-per-section") == 0)
        ts->scope_section = 1;
    else if (mode && strcmp(mode, "forbid") == 0)
        ts->mode = 1;
    else if (mode && strcmp(mode, "allow") == 0)
        ts->mode = 2;
}

static int render_section(struct run *r, struct qx_article_section *sec, struct term_state *ts)
{
    char *file = qx_asprintf("%s.mustache", sec->id);
    char *path = qx_path_join(r->lib.skill_dir, file);
    free(file);
    struct qx_buf b;
    qx_buf_init(&b);
    int rc = cx_render_file(&b, &r->lib, path, r->ctx, r->d);
    if (rc == 0) {
        if (ts->scope_section)
            qx_strvec_release(&ts->seen), qx_strvec_init(&ts->seen);
        rc = cx_assemble(sec, b.data, b.len, ts, r->facts, path, r->d);
    }
    if (rc == 0 && sec->n == 0) {
        qx_diags_add(r->d, path, 0, 0, QX_SEV_ERROR, "template.empty",
                     "section '%s' rendered no paragraph", sec->id);
        rc = QX_EINPUT;
    }
    qx_buf_release(&b);
    free(path);
    return rc;
}

static int build(struct qx_article *a, struct run *r)
{
    r->base = cJSON_CreateObject();
    cJSON_AddItemToObject(r->base, "t", cx_terms(r->facts));
    cJSON_AddItemToObject(r->base, "f", cx_figures(r->facts));
    cJSON_AddNumberToObject(r->base, "variant", r->variant);
    for (int v = 1; v <= r->lib.variants; v++) {
        char key[16];
        snprintf(key, sizeof key, "v%d", v);
        cJSON_AddBoolToObject(r->base, key, v == r->variant);
    }
    r->ctx = cJSON_Duplicate(r->base, 1);
    int rc = add_methods(r);
    if (rc == 0)
        rc = add_lists(r);
    if (rc)
        return rc;
    rc = check_notes(&r->lib, r->facts, r->d);
    if (rc)
        return rc;
    struct term_state ts;
    term_state_init(&ts, r->skill, &r->lib);
    a->nsections = r->skill->nsections;
    a->sections = qx_calloc(a->nsections ? a->nsections : 1, sizeof *a->sections);
    size_t deferred = a->nsections;
    for (size_t i = 0; i < a->nsections && rc == 0; i++) {
        struct qx_article_section *sec = &a->sections[i];
        sec->id = qx_strdup(r->skill->sections[i].id);
        sec->heading = r->skill->sections[i].heading ? qx_strdup(r->skill->sections[i].heading) : NULL;
        if (r->lib.sources_section && strcmp(sec->id, r->lib.sources_section) == 0)
            deferred = i;
        else
            rc = render_section(r, sec, &ts);
    }
    if (rc == 0 && deferred < a->nsections) {
        rc = add_sources(r, a);
        if (rc == 0)
            rc = render_section(r, &a->sections[deferred], &ts);
    }
    qx_strvec_release(&ts.seen);
    return rc;
}

int qx_compose_variants(int *n, const struct qx_skill *skill, const char *templates_dir,
                        struct qx_diags *d)
{
    struct lib lib;
    int rc = lib_load(&lib, templates_dir, skill->alias ? skill->alias : skill->name, d);
    *n = rc == 0 ? lib.variants : 0;
    lib_release(&lib);
    return rc;
}

int qx_compose(struct qx_article **out, const struct qx_skill *skill, const struct qx_facts *facts,
               const struct qx_compose_opts *o, struct qx_diags *d)
{
    *out = NULL;
    struct run r = {.skill = skill, .facts = facts, .d = d};
    r.alias = skill->alias ? skill->alias : skill->name;
    r.variant = o->variant ? o->variant : 1;
    qx_strvec_init(&r.methods);
    qx_strvec_init(&r.analogy_facts);
    struct qx_article *a = qx_calloc(1, sizeof *a);
    qx_strvec_init(&a->methods);
    int rc = lib_load(&r.lib, o->templates_dir, r.alias, d);
    if (rc == 0 && (r.variant < 1 || r.variant > r.lib.variants)) {
        qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "usage",
                     "variant %d is out of range: skill '%s' has variants 1 to %d", r.variant,
                     skill->name, r.lib.variants);
        rc = QX_EUSAGE;
    }
    if (rc == 0)
        rc = sel_methods(&r.methods, skill, facts, o->methods, d);
    if (rc == 0)
        rc = build(a, &r);
    if (rc == 0) {
        a->skill = qx_strdup(skill->name);
        a->alias = qx_strdup(r.alias);
        for (size_t i = 0; i < r.methods.n; i++)
            qx_strvec_push(&a->methods, r.methods.items[i]);
        a->variant = r.variant;
        a->nvariants = r.lib.variants;
        const char *indent = skill->lint ? qx_json_str(skill->lint, "indent") : NULL;
        a->indent = indent && strcmp(indent, "two-fullwidth-spaces") == 0;
        *out = a;
    } else {
        qx_article_free(a);
    }
    cJSON_Delete(r.base);
    cJSON_Delete(r.ctx);
    qx_strvec_release(&r.methods);
    qx_strvec_release(&r.analogy_facts);
    lib_release(&r.lib);
    return rc;
}

void qx_article_free(struct qx_article *a)
{
    if (!a)
        return;
    for (size_t s = 0; s < a->nsections; s++) {
        struct qx_article_section *sec = &a->sections[s];
        for (size_t p = 0; p < sec->n; p++) {
            struct qx_para *para = &sec->paras[p];
            for (size_t c = 0; c < para->ncites; c++)
                free(para->cites[c].fact), free(para->cites[c].key), free(para->cites[c].display);
            free(para->cites);
            free(para->text);
            qx_strvec_release(&para->facts);
        }
        free(sec->paras), free(sec->id), free(sec->heading);
    }
    free(a->sections);
    qx_strvec_release(&a->methods);
    free(a->skill), free(a->alias);
    free(a);
}
