/* experiment/plan: loads an experiment plan (YAML through the skill
 * module's loader, which keeps positions) and validates it against the
 * schema in docs/gguf.md. Paths are resolved against the plan's directory,
 * so a plan and its models can move together. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qexplain/experiment.h"
#include "qexplain/file.h"
#include "qexplain/json.h"
#include "qexplain/skill.h"

static char *resolve(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir[0])
        return qx_strdup(rel);
    return qx_path_join(dir, rel);
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? qx_strndup(path, (size_t)(slash - path)) : qx_strdup("");
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

struct ctx {
    struct qx_json_doc *doc;
    struct qx_diags *d;
    int bad;
};

static void err(struct ctx *c, const cJSON *node, const char *fmt, const char *arg)
    __attribute__((format(printf, 3, 0)));
static void err(struct ctx *c, const cJSON *node, const char *fmt, const char *arg)
{
    char msg[512];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(msg, sizeof msg, fmt, arg);
#pragma GCC diagnostic pop
    qx_json_diag(c->doc, c->d, node, QX_SEV_ERROR, "plan", "%s", msg);
    c->bad = 1;
}

static const char *str_of(struct ctx *c, const cJSON *node, const char *what)
{
    if (!cJSON_IsString(node) || !node->valuestring[0]) {
        err(c, node, "%s must be a non-empty string", what);
        return NULL;
    }
    return node->valuestring;
}

static int uint_of(struct ctx *c, const cJSON *node, const char *what, unsigned max, unsigned *out)
{
    if (!cJSON_IsNumber(node) || node->valuedouble < 1 || node->valuedouble > max ||
        node->valuedouble != (double)(unsigned)node->valuedouble) {
        err(c, node, "%s must be a positive integer", what);
        return -1;
    }
    *out = (unsigned)node->valuedouble;
    return 0;
}

/* A string or a list of strings. */
static void str_list(struct ctx *c, const cJSON *node, const char *what, struct qx_strvec *out)
{
    if (cJSON_IsString(node)) {
        if (str_of(c, node, what))
            qx_strvec_push(out, node->valuestring);
        return;
    }
    if (!cJSON_IsArray(node) || !cJSON_GetArraySize(node)) {
        err(c, node, "%s must be a string or a non-empty list of strings", what);
        return;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, node)
    {
        if (str_of(c, it, what))
            qx_strvec_push(out, it->valuestring);
    }
}

static void load_models(struct ctx *c, struct qx_plan *p, const cJSON *node, const char *dir)
{
    if (!cJSON_IsArray(node) || !cJSON_GetArraySize(node)) {
        err(c, node, "%s must be a non-empty list", "models");
        return;
    }
    p->models = qx_calloc((size_t)cJSON_GetArraySize(node), sizeof *p->models);
    const cJSON *m;
    cJSON_ArrayForEach(m, node)
    {
        const char *path = NULL, *name = NULL;
        if (cJSON_IsString(m)) {
            path = str_of(c, m, "a model");
        } else if (cJSON_IsObject(m)) {
            const cJSON *f;
            cJSON_ArrayForEach(f, m)
            {
                if (!strcmp(f->string, "path"))
                    path = str_of(c, f, "path");
                else if (!strcmp(f->string, "name"))
                    name = str_of(c, f, "name");
                else
                    err(c, f, "unknown key '%s' in a model (use path, name)", f->string);
            }
            if (!path && !c->bad)
                err(c, m, "%s", "a model needs a path");
        } else {
            err(c, m, "%s", "a model is a path or a mapping with path and name");
        }
        if (!path)
            continue;
        struct qx_plan_model *pm = &p->models[p->nmodels++];
        pm->path = resolve(dir, path);
        pm->name = qx_strdup(name ? name : base_of(path));
    }
}

static void load_metrics(struct ctx *c, struct qx_plan *p, const cJSON *node)
{
    struct qx_strvec v;
    qx_strvec_init(&v);
    str_list(c, node, "metrics", &v);
    p->do_precision = p->do_diff = p->do_ppl = 0;
    for (size_t i = 0; i < v.n; i++) {
        if (!strcmp(v.items[i], "precision"))
            p->do_precision = 1;
        else if (!strcmp(v.items[i], "diff"))
            p->do_diff = 1;
        else if (!strcmp(v.items[i], "perplexity"))
            p->do_ppl = 1;
        else
            err(c, cJSON_GetArrayItem(node, (int)i) ? cJSON_GetArrayItem(node, (int)i) : node,
                "unknown metric '%s' (use precision, diff, perplexity)", v.items[i]);
    }
    qx_strvec_release(&v);
}

static void load_eval(struct ctx *c, struct qx_plan *p, const cJSON *node, const char *dir)
{
    if (!cJSON_IsObject(node)) {
        err(c, node, "%s must be a mapping", "evaluation");
        return;
    }
    const cJSON *f;
    cJSON_ArrayForEach(f, node)
    {
        if (!strcmp(f->string, "text")) {
            const char *t = str_of(c, f, "text");
            if (t)
                p->text = resolve(dir, t);
        } else if (!strcmp(f->string, "ctx")) {
            uint_of(c, f, "ctx", 1u << 20, &p->ctx);
        } else if (!strcmp(f->string, "threads")) {
            uint_of(c, f, "threads", 1024, &p->threads);
        } else {
            err(c, f, "unknown key '%s' in evaluation (use text, ctx, threads)", f->string);
        }
    }
}

static void validate(struct ctx *c, struct qx_plan *p, const cJSON *root)
{
    const cJSON *targets = cJSON_GetObjectItemCaseSensitive(root, "targets");
    for (size_t i = 0; i < p->targets.n; i++) {
        struct qx_gguf_select *s;
        struct qx_diags tmp;
        qx_diags_init(&tmp);
        if (qx_gguf_select_compile(&s, p->targets.items[i], &tmp) != 0)
            err(c, cJSON_IsArray(targets) ? cJSON_GetArrayItem(targets, (int)i) : targets,
                "invalid target: %s", tmp.n ? tmp.items[0].message : "?");
        qx_gguf_select_free(s);
        qx_diags_release(&tmp);
    }
    const cJSON *schemes = cJSON_GetObjectItemCaseSensitive(root, "schemes");
    for (size_t i = 0; i < p->schemes.n; i++) {
        struct qx_scheme s;
        if (qx_scheme_parse(&s, p->schemes.items[i]) != 0) {
            err(c, cJSON_IsArray(schemes) ? cJSON_GetArrayItem(schemes, (int)i) : schemes,
                "unknown scheme '%s'", p->schemes.items[i]);
            continue;
        }
        char *canon = qx_scheme_name(&s);
        free(p->schemes.items[i]);
        p->schemes.items[i] = canon;
    }
    if (!p->nmodels && !c->bad)
        err(c, root, "%s", "the plan needs models");
    if (!p->targets.n && !c->bad)
        err(c, root, "%s", "the plan needs targets");
    if (p->do_ppl && !p->text)
        err(c, root, "%s", "metric perplexity needs evaluation.text");
}

int qx_plan_load(struct qx_plan **out, const char *path, struct qx_diags *d)
{
    *out = NULL;
    struct qx_buf text;
    qx_buf_init(&text);
    int rc = qx_file_read(&text, path, QX_FILE_MAX_TEXT, d);
    if (rc) {
        qx_buf_release(&text);
        return rc;
    }
    struct qx_json_doc doc; /* initialised by qx_yaml_parse, also on failure */
    rc = qx_yaml_parse(&doc, path, text.data, text.len, 1, d);
    qx_buf_release(&text);
    if (rc) {
        qx_json_doc_release(&doc);
        return rc;
    }
    struct ctx c = {.doc = &doc, .d = d};
    const cJSON *root = doc.root;
    if (!cJSON_IsObject(root)) {
        err(&c, root, "%s", "a plan is a mapping");
        qx_json_doc_release(&doc);
        return QX_EINPUT;
    }
    struct qx_plan *p = qx_calloc(1, sizeof *p);
    qx_strvec_init(&p->targets);
    qx_strvec_init(&p->schemes);
    p->file = qx_strdup(path);
    p->ctx = 512;
    p->threads = 4;
    p->do_precision = p->do_diff = p->do_ppl = 1;
    char *dir = dir_of(path);
    const cJSON *f;
    int have_metrics = 0;
    cJSON_ArrayForEach(f, root)
    {
        const char *k = f->string;
        if (!strcmp(k, "name") || !strcmp(k, "title")) {
            const char *v = str_of(&c, f, k);
            if (v)
                *(!strcmp(k, "name") ? &p->name : &p->title) = qx_strdup(v);
        } else if (!strcmp(k, "models")) {
            load_models(&c, p, f, dir);
        } else if (!strcmp(k, "targets")) {
            str_list(&c, f, "targets", &p->targets);
        } else if (!strcmp(k, "schemes")) {
            str_list(&c, f, "schemes", &p->schemes);
        } else if (!strcmp(k, "metrics")) {
            load_metrics(&c, p, f);
            have_metrics = 1;
        } else if (!strcmp(k, "evaluation")) {
            load_eval(&c, p, f, dir);
        } else if (!strcmp(k, "keep_variants")) {
            if (!cJSON_IsBool(f))
                err(&c, f, "%s must be true or false", "keep_variants");
            p->keep_variants = cJSON_IsTrue(f);
        } else if (!strcmp(k, "year")) {
            unsigned y;
            if (!uint_of(&c, f, "year", 9999, &y))
                p->year = (int)y;
        } else {
            err(&c, f,
                "unknown key '%s' (use name, title, models, targets, schemes, metrics, "
                "evaluation, keep_variants, year)",
                k);
        }
    }
    if (!have_metrics && !p->text)
        p->do_ppl = 0; /* perplexity only when a text is given */
    if (!p->name && !c.bad)
        err(&c, root, "%s", "the plan needs a name");
    if (!p->schemes.n && !c.bad)
        err(&c, root, "%s", "the plan needs schemes");
    validate(&c, p, root);
    free(dir);
    qx_json_doc_release(&doc);
    if (c.bad) {
        qx_plan_free(p);
        return QX_EINPUT;
    }
    if (!p->title)
        p->title = qx_strdup(p->name);
    *out = p;
    return 0;
}

void qx_plan_free(struct qx_plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nmodels; i++) {
        free(p->models[i].path);
        free(p->models[i].name);
    }
    free(p->models);
    qx_strvec_release(&p->targets);
    qx_strvec_release(&p->schemes);
    free(p->file);
    free(p->name);
    free(p->title);
    free(p->text);
    free(p);
}
