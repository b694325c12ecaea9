/* lib: loads a skill's template set: templates/ALIAS/article.json (what the
 * section templates need from the composer), the analogy library
 * templates/analogies/ and the phrasing blocks templates/blocks/ (JSON files).
 * Depends on json and file. Every schema error names file:line:column; the
 * JSON documents stay alive in lib->docs so later errors can point into
 * them too. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compose_int.h"
#include "qexplain/file.h"

static int load_doc(struct lib *lib, const char *path, const cJSON **root, struct qx_diags *d)
{
    struct qx_buf b;
    qx_buf_init(&b);
    int rc = qx_file_read(&b, path, QX_COMPOSE_MAX_LIB_BYTES, d);
    if (rc == 0) {
        lib->docs = qx_grow(lib->docs, &lib->dcap, lib->ndocs + 1, sizeof *lib->docs);
        struct qx_json_doc *doc = &lib->docs[lib->ndocs];
        rc = qx_json_parse(doc, path, b.data, b.len, d);
        if (rc == 0) {
            lib->ndocs++;
            *root = doc->root;
        } else {
            qx_json_doc_release(doc);
        }
    }
    qx_buf_release(&b);
    return rc;
}

static struct qx_json_doc *doc_of(struct lib *lib)
{
    return &lib->docs[lib->ndocs - 1];
}

static int bad(struct lib *lib, struct qx_diags *d, const cJSON *node, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int bad(struct lib *lib, struct qx_diags *d, const cJSON *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = qx_vasprintf(fmt, ap);
    va_end(ap);
    qx_json_diag(doc_of(lib), d, node, QX_SEV_ERROR, "template.schema", "%s", msg);
    free(msg);
    return QX_EINPUT;
}

/* Checks that every key of obj is in the NULL-terminated list. */
static int only_keys(struct lib *lib, const cJSON *obj, const char *const *keys, struct qx_diags *d)
{
    for (const cJSON *m = obj->child; m; m = m->next) {
        int ok = 0;
        for (size_t i = 0; keys[i]; i++)
            ok |= strcmp(m->string, keys[i]) == 0;
        if (!ok)
            return bad(lib, d, m, "unknown key '%s'", m->string);
    }
    return 0;
}

static int get_str(struct lib *lib, const cJSON *obj, const char *key, int required, char **out,
                   struct qx_diags *d)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required)
            return bad(lib, d, obj, "missing key '%s'", key);
        return 0;
    }
    if (!cJSON_IsString(v) || !v->valuestring[0])
        return bad(lib, d, v, "'%s' must be a non-empty string", key);
    *out = qx_strdup(v->valuestring);
    return 0;
}

static int get_strvec(struct lib *lib, const cJSON *obj, const char *key, struct qx_strvec *out,
                      struct qx_diags *d)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return 0;
    if (!cJSON_IsArray(v))
        return bad(lib, d, v, "'%s' must be a list of strings", key);
    for (const cJSON *e = v->child; e; e = e->next) {
        if (!cJSON_IsString(e))
            return bad(lib, d, e, "'%s' must be a list of strings", key);
        qx_strvec_push(out, e->valuestring);
    }
    return 0;
}

/* A text is a string or a non-empty list of alternative strings. */
static int get_text(struct lib *lib, const cJSON *obj, const char *key, struct lib_text *t,
                    struct qx_diags *d)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return bad(lib, d, obj, "missing key '%s'", key);
    size_t n = cJSON_IsString(v) ? 1 : cJSON_IsArray(v) ? (size_t)cJSON_GetArraySize(v) : 0;
    if (n == 0 || n > QX_COMPOSE_MAX_VARIANTS)
        return bad(lib, d, v, "'%s' must be a string or a list of 1 to 16 strings", key);
    t->alts = qx_calloc(n, sizeof *t->alts);
    const cJSON *e = cJSON_IsString(v) ? v : v->child;
    for (; e && t->n < n; e = e->next) {
        if (!cJSON_IsString(e) || !e->valuestring[0])
            return bad(lib, d, e, "'%s' must hold non-empty strings", key);
        t->alts[t->n++] = qx_strdup(e->valuestring);
    }
    return 0;
}

static void text_release(struct lib_text *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->alts[i]);
    free(t->alts);
}

const char *lib_pick(const struct lib_text *t, int variant)
{
    return t->alts[(size_t)(variant - 1) % t->n];
}

int lib_suits(const struct qx_strvec *skills, const char *alias)
{
    return skills->n == 0 || qx_strvec_contains(skills, alias);
}

int lib_range(const cJSON *node, int *min, int *max)
{
    if (cJSON_IsNumber(node)) {
        if (node->valuedouble < 0 || node->valuedouble > 1000)
            return -1;
        *min = *max = (int)node->valuedouble;
        return 0;
    }
    if (!cJSON_IsString(node))
        return -1;
    const char *s = node->valuestring;
    char *end;
    long a = strtol(s, &end, 10);
    if (end == s || a < 0 || a > 1000)
        return -1;
    *min = *max = (int)a;
    if (*end == '\0')
        return 0;
    if (strncmp(end, "..", 2) != 0)
        return -1;
    s = end + 2;
    if (*s == '\0') {
        *max = -1;
        return 0;
    }
    long b = strtol(s, &end, 10);
    if (end == s || *end || b < a || b > 1000)
        return -1;
    *max = (int)b;
    return 0;
}

static int load_analogies(struct lib *lib, const cJSON *root, struct qx_diags *d)
{
    static const char *const keys[] = {"id", "domain", "role", "method", "skills",
                                       "practice", "mapping", "short", NULL};
    if (!cJSON_IsArray(root))
        return bad(lib, d, root, "an analogy file must hold a list of %s", "entries");
    for (const cJSON *e = root->child; e; e = e->next) {
        if (!cJSON_IsObject(e))
            return bad(lib, d, e, "an analogy must be an %s", "object");
        lib->analogies = qx_grow(lib->analogies, &lib->acap, lib->nanalogies + 1, sizeof *lib->analogies);
        struct lib_analogy *a = &lib->analogies[lib->nanalogies++];
        memset(a, 0, sizeof *a);
        qx_strvec_init(&a->skills);
        a->node = e;
        a->doc = lib->ndocs - 1;
        if (only_keys(lib, e, keys, d) || get_str(lib, e, "id", 1, &a->id, d) ||
            get_str(lib, e, "domain", 1, &a->domain, d) || get_str(lib, e, "role", 1, &a->role, d) ||
            get_str(lib, e, "method", 0, &a->method, d) || get_strvec(lib, e, "skills", &a->skills, d) ||
            get_str(lib, e, "short", 0, &a->shorthand, d) ||
            get_text(lib, e, "practice", &a->practice, d) || get_text(lib, e, "mapping", &a->mapping, d))
            return QX_EINPUT;
    }
    return 0;
}

static int load_blocks(struct lib *lib, const cJSON *root, struct qx_diags *d)
{
    static const char *const keys[] = {"id", "kind", "method", "topic", "skills", "text", NULL};
    if (!cJSON_IsArray(root))
        return bad(lib, d, root, "a block file must hold a list of %s", "blocks");
    for (const cJSON *e = root->child; e; e = e->next) {
        if (!cJSON_IsObject(e))
            return bad(lib, d, e, "a block must be an %s", "object");
        lib->blocks = qx_grow(lib->blocks, &lib->bcap, lib->nblocks + 1, sizeof *lib->blocks);
        struct lib_block *b = &lib->blocks[lib->nblocks++];
        memset(b, 0, sizeof *b);
        qx_strvec_init(&b->skills);
        b->node = e;
        b->doc = lib->ndocs - 1;
        if (only_keys(lib, e, keys, d) || get_str(lib, e, "id", 1, &b->id, d) ||
            get_str(lib, e, "kind", 1, &b->kind, d) || get_str(lib, e, "method", 0, &b->method, d) ||
            get_str(lib, e, "topic", 0, &b->topic, d) || get_strvec(lib, e, "skills", &b->skills, d) ||
            get_text(lib, e, "text", &b->text, d))
            return QX_EINPUT;
    }
    return 0;
}

static int load_list(struct lib *lib, const cJSON *m, struct qx_diags *d)
{
    static const char *const keys[] = {"kind", "from", "topic", "per_method", "count", NULL};
    if (!cJSON_IsObject(m))
        return bad(lib, d, m, "list '%s' must be an object", m->string);
    lib->lists = qx_realloc(lib->lists, (lib->nlists + 1) * sizeof *lib->lists);
    struct lib_list *l = &lib->lists[lib->nlists++];
    memset(l, 0, sizeof *l);
    l->name = qx_strdup(m->string);
    l->max = -1;
    if (only_keys(lib, m, keys, d) || get_str(lib, m, "kind", 1, &l->kind, d) ||
        get_str(lib, m, "topic", 0, &l->topic, d))
        return QX_EINPUT;
    const char *from = qx_json_str(m, "from");
    if (from) {
        if (strcmp(from, "featured") == 0)
            l->from = LIST_FEATURED;
        else if (strcmp(from, "general") == 0)
            l->from = LIST_GENERAL;
        else if (strcmp(from, "any") != 0)
            return bad(lib, d, cJSON_GetObjectItemCaseSensitive(m, "from"),
                       "'from' must be featured, general or any, not '%s'", from);
    }
    double pm;
    if (qx_json_num(m, "per_method", &pm))
        l->per_method = pm >= 0 && pm <= 100 ? (int)pm : 0;
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(m, "count");
    if (c && lib_range(c, &l->min, &l->max) != 0)
        return bad(lib, d, c, "'count' must be N, N..M or N.., not '%s'",
                   cJSON_IsString(c) ? c->valuestring : "?");
    return 0;
}

static int load_article(struct lib *lib, const cJSON *root, struct qx_diags *d)
{
    static const char *const keys[] = {"variants", "terms", "method_analogy", "analogies",
                                       "lists", "sources", NULL};
    if (!cJSON_IsObject(root))
        return bad(lib, d, root, "article.json must hold an %s", "object");
    if (only_keys(lib, root, keys, d))
        return QX_EINPUT;
    double v = 1;
    const cJSON *vn = cJSON_GetObjectItemCaseSensitive(root, "variants");
    if (vn && (!qx_json_num(root, "variants", &v) || v < 1 || v > QX_COMPOSE_MAX_VARIANTS))
        return bad(lib, d, vn, "'variants' must be a number from 1 to %s", "16");
    lib->variants = (int)v;
    const char *terms = qx_json_str(root, "terms");
    if (terms && strcmp(terms, "full-label") == 0)
        lib->term_form = TERMS_FULL_LABEL;
    else if (terms && strcmp(terms, "label") != 0)
        return bad(lib, d, cJSON_GetObjectItemCaseSensitive(root, "terms"),
                   "'terms' must be label or full-label, not '%s'", terms);
    if (get_str(lib, root, "method_analogy", 0, &lib->method_role, d) ||
        get_str(lib, root, "sources", 0, &lib->sources_section, d))
        return QX_EINPUT;
    const cJSON *an = cJSON_GetObjectItemCaseSensitive(root, "analogies");
    if (an) {
        if (!cJSON_IsObject(an))
            return bad(lib, d, an, "'analogies' must map context names to %s", "roles");
        for (const cJSON *m = an->child; m; m = m->next) {
            if (!cJSON_IsString(m))
                return bad(lib, d, m, "analogy slot '%s' must name a role", m->string);
            qx_strvec_push(&lib->analogy_slots, m->string);
            qx_strvec_push(&lib->analogy_roles, m->valuestring);
        }
    }
    const cJSON *ls = cJSON_GetObjectItemCaseSensitive(root, "lists");
    if (ls) {
        if (!cJSON_IsObject(ls))
            return bad(lib, d, ls, "'lists' must be an %s", "object");
        for (const cJSON *m = ls->child; m; m = m->next)
            if (load_list(lib, m, d))
                return QX_EINPUT;
    }
    return 0;
}

/* An optional object of non-empty strings, read into key, value pairs:
 * templates/terms.json (the parenthesis a term gets at its first use when
 * its glossary label would repeat the English) and templates/sources.json
 * (the Chinese name of each source, as Mustache text). */
static int load_pairs(struct lib *lib, const char *file, struct qx_strvec *out, struct qx_diags *d)
{
    char *path = qx_path_join(lib->root, file);
    const cJSON *root = NULL;
    int rc = qx_file_exists(path) ? load_doc(lib, path, &root, d) : 0;
    free(path);
    if (rc || !root)
        return rc;
    if (!cJSON_IsObject(root))
        return bad(lib, d, root, "%s must map names to strings", file);
    for (const cJSON *m = root->child; m; m = m->next) {
        if (!cJSON_IsString(m) || !m->valuestring[0])
            return bad(lib, d, m, "the value of '%s' must be a non-empty string", m->string);
        qx_strvec_push(out, m->string);
        qx_strvec_push(out, m->valuestring);
    }
    return 0;
}

/* Loads every JSON file of root/sub through fn. */
static int load_dir(struct lib *lib, const char *sub, int (*fn)(struct lib *, const cJSON *, struct qx_diags *),
                    struct qx_diags *d)
{
    char *dir = qx_path_join(lib->root, sub);
    struct qx_strvec files;
    qx_strvec_init(&files);
    int rc = qx_file_is_dir(dir) ? qx_file_list_dir(&files, dir, ".json", d) : 0;
    for (size_t i = 0; rc == 0 && i < files.n; i++) {
        const cJSON *root;
        rc = load_doc(lib, files.items[i], &root, d);
        if (rc == 0)
            rc = fn(lib, root, d);
    }
    qx_strvec_release(&files);
    free(dir);
    return rc;
}

int lib_load(struct lib *lib, const char *templates_dir, const char *alias, struct qx_diags *d)
{
    memset(lib, 0, sizeof *lib);
    qx_strvec_init(&lib->analogy_slots);
    qx_strvec_init(&lib->analogy_roles);
    qx_strvec_init(&lib->term_notes);
    qx_strvec_init(&lib->source_names);
    lib->variants = 1;
    lib->root = qx_strdup(templates_dir);
    lib->skill_dir = qx_path_join(templates_dir, alias);
    char *path = qx_path_join(lib->skill_dir, "article.json");
    if (!qx_file_exists(path)) {
        qx_diags_add(d, path, 0, 0, QX_SEV_ERROR, "template.missing",
                     "no template set for skill '%s': '%s' does not exist", alias, path);
        free(path);
        return QX_EINPUT;
    }
    const cJSON *root;
    int rc = load_doc(lib, path, &root, d);
    free(path);
    if (rc == 0)
        rc = load_article(lib, root, d);
    if (rc == 0)
        rc = load_dir(lib, "analogies", load_analogies, d);
    if (rc == 0)
        rc = load_dir(lib, "blocks", load_blocks, d);
    if (rc == 0)
        rc = load_pairs(lib, "terms.json", &lib->term_notes, d);
    if (rc == 0)
        rc = load_pairs(lib, "sources.json", &lib->source_names, d);
    return rc;
}

void lib_release(struct lib *lib)
{
    for (size_t i = 0; i < lib->nanalogies; i++) {
        struct lib_analogy *a = &lib->analogies[i];
        free(a->id), free(a->domain), free(a->method), free(a->role), free(a->shorthand);
        qx_strvec_release(&a->skills);
        text_release(&a->practice), text_release(&a->mapping);
    }
    for (size_t i = 0; i < lib->nblocks; i++) {
        struct lib_block *b = &lib->blocks[i];
        free(b->id), free(b->kind), free(b->method), free(b->topic);
        qx_strvec_release(&b->skills);
        text_release(&b->text);
    }
    for (size_t i = 0; i < lib->nlists; i++)
        free(lib->lists[i].name), free(lib->lists[i].kind), free(lib->lists[i].topic);
    for (size_t i = 0; i < lib->ndocs; i++)
        qx_json_doc_release(&lib->docs[i]);
    free(lib->analogies), free(lib->blocks), free(lib->lists), free(lib->docs);
    qx_strvec_release(&lib->analogy_slots);
    qx_strvec_release(&lib->analogy_roles);
    qx_strvec_release(&lib->term_notes);
    qx_strvec_release(&lib->source_names);
    free(lib->root), free(lib->skill_dir), free(lib->method_role), free(lib->sources_section);
    memset(lib, 0, sizeof *lib);
}
