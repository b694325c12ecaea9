/* batch manifest: YAML (through the skill module's YAML loader, which keeps
 * positions) into a list of articles. Every error points at its node. */
#include <stdlib.h>
#include <string.h>

#include "qexplain/batch.h"
#include "qexplain/file.h"
#include "qexplain/hash.h"
#include "qexplain/json.h"
#include "qexplain/skill.h"

static const char *const article_keys[] = {"out", "skill", "methods", "variant", "format", NULL};
static const char *const formats[] = {"text", "html", "json", NULL};

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return qx_strdup(".");
    if (slash == path)
        return qx_strdup("/");
    return qx_strndup(path, (size_t)(slash - path));
}

/* "./a//b/./c" -> "a/b/c": the lock file and duplicate detection key on it. */
static char *normalise_rel(const char *p)
{
    struct qx_buf b;
    qx_buf_init(&b);
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n && !(n == 1 && p[0] == '.')) {
            if (b.len)
                qx_buf_addc(&b, '/');
            qx_buf_add(&b, p, n);
        }
        p += n;
        if (*p == '/')
            p++;
    }
    return qx_buf_detach(&b, NULL);
}

static void article_release(struct qx_batch_article *a)
{
    free(a->out);
    free(a->out_path);
    free(a->skill);
    free(a->format);
    free(a->entry_sha);
    qx_strvec_release(&a->methods);
}

void qx_batch_manifest_free(struct qx_batch_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        article_release(&m->items[i]);
    free(m->items);
    free(m->path);
    free(m->lock_path);
    free(m);
}

/* The entry hash covers every field that changes what is generated, in a
 * fixed textual form, so that reordering YAML keys changes nothing. */
static void entry_hash(struct qx_batch_article *a)
{
    struct qx_buf b;
    qx_buf_init(&b);
    qx_buf_addf(&b, "skill=%s\nvariant=%d\nformat=%s\nmethods=", a->skill, a->variant, a->format);
    for (size_t i = 0; i < a->methods.n; i++)
        qx_buf_addf(&b, "%s%s", i ? "," : "", a->methods.items[i]);
    char sha[QX_SHA256_HEX];
    qx_hash_sha256_hex(sha, b.data, b.len);
    a->entry_sha = qx_strdup(sha);
    qx_buf_release(&b);
}

static int parse_article(struct qx_batch_article *a, const struct qx_json_doc *doc, const cJSON *node,
                         const char *base, struct qx_diags *d)
{
    int bad = 0;
    if (!cJSON_IsObject(node)) {
        qx_json_diag(doc, d, node, QX_SEV_ERROR, "manifest.type", "an article must be a mapping");
        return 1;
    }
    qx_json_doc_pos(doc, node, &a->line, &a->col);
    for (const cJSON *k = node->child; k; k = k->next) {
        if (!in_list(article_keys, k->string)) {
            qx_json_diag(doc, d, k, QX_SEV_ERROR, "manifest.key",
                         "unknown key '%s' (expected out, skill, methods, variant, format)", k->string);
            bad = 1;
        }
    }
    const cJSON *out = cJSON_GetObjectItemCaseSensitive(node, "out");
    const cJSON *skill = cJSON_GetObjectItemCaseSensitive(node, "skill");
    const cJSON *methods = cJSON_GetObjectItemCaseSensitive(node, "methods");
    const cJSON *variant = cJSON_GetObjectItemCaseSensitive(node, "variant");
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(node, "format");
    if (!cJSON_IsString(out) || !*out->valuestring) {
        qx_json_diag(doc, d, out ? out : node, QX_SEV_ERROR, "manifest.out",
                     "article needs 'out', a non-empty string");
        bad = 1;
    } else if (out->valuestring[0] == '/' || strstr(out->valuestring, "..") ||
               strspn(out->valuestring, "./") == strlen(out->valuestring)) {
        qx_json_diag(doc, d, out, QX_SEV_ERROR, "manifest.out",
                     "'out' must be a relative path without '..': '%s'", out->valuestring);
        bad = 1;
    }
    if (!cJSON_IsString(skill) || !*skill->valuestring) {
        qx_json_diag(doc, d, skill ? skill : node, QX_SEV_ERROR, "manifest.skill",
                     "article needs 'skill', a non-empty string");
        bad = 1;
    }
    qx_strvec_init(&a->methods);
    if (methods) {
        if (!cJSON_IsArray(methods)) {
            qx_json_diag(doc, d, methods, QX_SEV_ERROR, "manifest.type", "'methods' must be a list of strings");
            bad = 1;
        } else {
            for (const cJSON *m = methods->child; m; m = m->next) {
                if (!cJSON_IsString(m)) {
                    qx_json_diag(doc, d, m, QX_SEV_ERROR, "manifest.type", "'methods' must be a list of strings");
                    bad = 1;
                } else {
                    qx_strvec_push(&a->methods, m->valuestring);
                }
            }
        }
    }
    a->variant = 0;
    if (variant) {
        if (!cJSON_IsNumber(variant) || variant->valuedouble < 0 || variant->valuedouble > 1000 ||
            variant->valuedouble != (double)(int)variant->valuedouble) {
            qx_json_diag(doc, d, variant, QX_SEV_ERROR, "manifest.type",
                         "'variant' must be an integer from 0 to 1000");
            bad = 1;
        } else {
            a->variant = (int)variant->valuedouble;
        }
    }
    const char *fmt = "text";
    if (format) {
        if (!cJSON_IsString(format) || !in_list(formats, format->valuestring)) {
            qx_json_diag(doc, d, format, QX_SEV_ERROR, "manifest.format", "'format' must be text, html or json");
            bad = 1;
        } else {
            fmt = format->valuestring;
        }
    }
    if (bad)
        return 1;
    a->out = normalise_rel(out->valuestring);
    a->out_path = qx_path_join(base, a->out);
    a->skill = qx_strdup(skill->valuestring);
    a->format = qx_strdup(fmt);
    entry_hash(a);
    return 0;
}

int qx_batch_manifest_load(struct qx_batch_manifest **out, const char *path, const char *out_dir,
                           struct qx_diags *d)
{
    *out = NULL;
    struct qx_buf text;
    qx_buf_init(&text);
    int rc = qx_file_read(&text, path, QX_FILE_MAX_TEXT, d);
    if (rc) {
        qx_buf_release(&text);
        return rc;
    }
    struct qx_json_doc doc;
    rc = qx_yaml_parse(&doc, path, text.data, text.len, 1, d);
    qx_buf_release(&text);
    if (rc) {
        qx_json_doc_release(&doc);
        return rc;
    }
    struct qx_batch_manifest *m = qx_calloc(1, sizeof *m);
    m->path = qx_strdup(path);
    m->lock_path = qx_asprintf("%s.lock", path);
    char *base = out_dir ? qx_strdup(out_dir) : dir_of(path);
    const cJSON *root = doc.root;
    const cJSON *articles = NULL;
    size_t nerr = qx_diags_count(d, QX_SEV_ERROR);
    if (!cJSON_IsObject(root)) {
        qx_json_diag(&doc, d, root, QX_SEV_ERROR, "manifest.type",
                     "a manifest is a mapping with an 'articles' list");
    } else {
        for (const cJSON *k = root->child; k; k = k->next)
            if (strcmp(k->string, "articles") != 0 && strcmp(k->string, "version") != 0)
                qx_json_diag(&doc, d, k, QX_SEV_ERROR, "manifest.key",
                             "unknown key '%s' (expected version, articles)", k->string);
        articles = cJSON_GetObjectItemCaseSensitive(root, "articles");
        if (!cJSON_IsArray(articles)) {
            qx_json_diag(&doc, d, articles ? articles : root, QX_SEV_ERROR, "manifest.articles",
                         "'articles' must be a list");
            articles = NULL;
        }
    }
    size_t count = articles ? (size_t)cJSON_GetArraySize(articles) : 0;
    if (count > QX_BATCH_MAX_ARTICLES) {
        qx_json_diag(&doc, d, articles, QX_SEV_ERROR, "limit.articles", "more than %d articles",
                     QX_BATCH_MAX_ARTICLES);
        articles = NULL;
        count = 0;
    }
    m->items = qx_calloc(count ? count : 1, sizeof *m->items);
    for (const cJSON *a = articles ? articles->child : NULL; a; a = a->next) {
        struct qx_batch_article *art = &m->items[m->n];
        if (parse_article(art, &doc, a, base, d) != 0) {
            article_release(art);
            memset(art, 0, sizeof *art);
            continue;
        }
        for (size_t j = 0; j < m->n; j++) {
            if (strcmp(m->items[j].out_path, art->out_path) == 0) {
                qx_json_diag(&doc, d, cJSON_GetObjectItemCaseSensitive(a, "out"), QX_SEV_ERROR,
                             "manifest.duplicate", "output '%s' is also written by the article at line %u",
                             art->out, m->items[j].line);
                break;
            }
        }
        m->n++;
    }
    free(base);
    qx_json_doc_release(&doc);
    if (qx_diags_count(d, QX_SEV_ERROR) > nerr) {
        qx_batch_manifest_free(m);
        return QX_EINPUT;
    }
    *out = m;
    return 0;
}
