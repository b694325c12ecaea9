/* skill: loads one skill file. The front-matter sits between a first line
 * '---' and the next '---' line (a UTF-8 BOM and CRLF line ends are
 * tolerated); it is parsed by yaml.c, checked by schema.c and copied into
 * struct qx_skill. The body is the rest of the file, kept as is.
 *
 * Depends on: file (bounded read), text (UTF-8, line map), json, diag.
 * Invariant: a returned skill passed the schema, so every field read here
 * has the type schema.c checked; borrowed cJSON pointers live in s->doc. */
#include <stdlib.h>
#include <string.h>

#include "qexplain/file.h"
#include "qexplain/text.h"
#include "skill_int.h"

struct split {
    size_t yaml_start, yaml_end; /* front-matter bytes, without the fences */
    size_t body_start;
    unsigned body_line;
};

/* A fence is '---' alone on its line, trailing blanks and a CR allowed. */
static int is_fence(const char *s, size_t n)
{
    if (n < 3 || memcmp(s, "---", 3) != 0)
        return 0;
    for (size_t i = 3; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static size_t line_end(const char *t, size_t n, size_t i)
{
    const char *nl = memchr(t + i, '\n', n - i);
    return nl ? (size_t)(nl - t) : n;
}

static int split_front_matter(struct split *sp, const char *path, const char *t, size_t n,
                              struct qx_diags *d)
{
    size_t i = (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    size_t e = line_end(t, n, i);
    if (!is_fence(t + i, e - i)) {
        qx_diags_add(d, path, 1, 1, QX_SEV_ERROR, "skill.front-matter",
                     "no front-matter: the first line must be '---'");
        return QX_EINPUT;
    }
    unsigned line = 1;
    sp->yaml_start = e < n ? e + 1 : n;
    for (i = sp->yaml_start; i < n; i = e + 1) {
        line++;
        e = line_end(t, n, i);
        if (is_fence(t + i, e - i)) {
            sp->yaml_end = i;
            sp->body_start = e < n ? e + 1 : n;
            sp->body_line = line + 1;
            return 0;
        }
    }
    qx_diags_add(d, path, 1, 1, QX_SEV_ERROR, "skill.front-matter",
                 "the front-matter opened here has no closing '---' line");
    return QX_EINPUT;
}

static size_t count_lines(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k + (n > 0 && s[n - 1] != '\n');
}

static char *dup_str(const cJSON *obj, const char *key)
{
    const char *s = qx_json_str(obj, key);
    return s ? qx_strdup(s) : NULL;
}

static void copy_list(struct qx_strvec *out, const cJSON *obj, const char *key)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
    for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next)
        qx_strvec_push(out, it->valuestring);
}

static void fill(struct qx_skill *s)
{
    const cJSON *root = s->doc.root;
    s->id = dup_str(root, "id");
    s->name = dup_str(root, "name");
    s->description = dup_str(root, "description");
    s->version = dup_str(root, "version");
    copy_list(&s->tags, root, "tags");
    copy_list(&s->triggers, root, "triggers");
    s->qx = cJSON_GetObjectItemCaseSensitive(root, "qexplain");
    if (!s->qx)
        return;
    s->alias = dup_str(s->qx, "alias");
    s->language = dup_str(s->qx, "language");
    s->lint = cJSON_GetObjectItemCaseSensitive(s->qx, "lint");
    copy_list(&s->default_methods, s->qx, "methods");
    copy_list(&s->analogy_domains, s->qx, "analogy_domains");
    const cJSON *secs = cJSON_GetObjectItemCaseSensitive(s->qx, "sections");
    s->nsections = (size_t)cJSON_GetArraySize(secs);
    s->sections = qx_calloc(s->nsections ? s->nsections : 1, sizeof *s->sections);
    size_t k = 0;
    for (const cJSON *it = secs->child; it; it = it->next, k++) {
        s->sections[k].id = dup_str(it, "id");
        s->sections[k].heading = dup_str(it, "heading");
        s->sections[k].needs = cJSON_GetObjectItemCaseSensitive(it, "needs");
        s->sections[k].optional = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "optional"));
    }
}

/* yaml.c counts bytes from the start of the text it was given; the file's
 * offsets are larger by the fence line. */
static void shift_bytes(struct qx_json_doc *doc, struct qx_diags *d, size_t from, size_t base)
{
    for (size_t i = 0; i < doc->npos; i++)
        doc->pos[i].byte += base;
    for (size_t i = from; i < d->n; i++)
        if (d->items[i].line)
            d->items[i].byte += base;
}

/* The whole file is text: valid UTF-8 without NUL bytes (the body is kept
 * as a C string). */
static int check_text(const char *path, const char *t, size_t n, struct qx_diags *d)
{
    size_t bad;
    const char *nul = memchr(t, '\0', n);
    int utf8_ok = qx_text_utf8_valid(t, n, &bad);
    if (utf8_ok && !nul)
        return 0;
    if (utf8_ok || (nul && (size_t)(nul - t) < bad))
        bad = (size_t)(nul - t);
    struct qx_linemap lm;
    unsigned line, col;
    qx_linemap_init(&lm, t, n);
    qx_linemap_pos(&lm, bad, &line, &col);
    qx_linemap_release(&lm);
    struct qx_diag *g = t[bad] == '\0'
        ? qx_diags_add(d, path, line, col, QX_SEV_ERROR, "skill.nul", "NUL byte in a skill file")
        : qx_diags_add(d, path, line, col, QX_SEV_ERROR, "utf8", "invalid UTF-8 byte 0x%02X",
                       (unsigned)(unsigned char)t[bad]);
    g->byte = bad;
    return QX_EINPUT;
}

int qx_skill_load(struct qx_skill **out, const char *path, struct qx_diags *d)
{
    *out = NULL;
    struct qx_buf buf;
    qx_buf_init(&buf);
    int rc = qx_file_read(&buf, path, QX_SKILL_MAX_BYTES, d);
    if (rc) {
        qx_buf_release(&buf);
        return rc;
    }
    rc = check_text(path, buf.data, buf.len, d);
    if (rc) {
        qx_buf_release(&buf);
        return rc;
    }
    struct split sp;
    rc = split_front_matter(&sp, path, buf.data, buf.len, d);
    if (rc) {
        qx_buf_release(&buf);
        return rc;
    }
    struct qx_skill *s = qx_calloc(1, sizeof *s);
    s->path = qx_strdup(path);
    qx_strvec_init(&s->tags);
    qx_strvec_init(&s->triggers);
    qx_strvec_init(&s->analogy_domains);
    qx_strvec_init(&s->default_methods);
    size_t before = d->n;
    rc = qx_yaml_parse(&s->doc, path, buf.data + sp.yaml_start, sp.yaml_end - sp.yaml_start, 2, d);
    if (!rc && qx_skill_check_schema(&s->doc, d) > 0)
        rc = QX_EINPUT;
    shift_bytes(&s->doc, d, before, sp.yaml_start);
    /* The schema walk finds missing keys after the members: report this
     * file's findings in line order. A view sorts only what we added. */
    struct qx_diags mine = {d->n > before ? d->items + before : NULL, d->n - before, d->n - before};
    qx_diags_sort(&mine);
    if (rc) {
        qx_buf_release(&buf);
        qx_skill_free(s);
        return rc;
    }
    fill(s);
    s->body = qx_strndup(buf.data + sp.body_start, buf.len - sp.body_start);
    s->body_lines = count_lines(s->body, buf.len - sp.body_start);
    s->body_line = sp.body_line;
    qx_buf_release(&buf);
    *out = s;
    return 0;
}

void qx_skill_free(struct qx_skill *s)
{
    if (!s)
        return;
    free(s->path);
    free(s->id);
    free(s->name);
    free(s->alias);
    free(s->description);
    free(s->version);
    qx_strvec_release(&s->tags);
    qx_strvec_release(&s->triggers);
    qx_json_doc_release(&s->doc);
    for (size_t i = 0; i < s->nsections; i++) {
        free(s->sections[i].id);
        free(s->sections[i].heading);
    }
    free(s->sections);
    qx_strvec_release(&s->analogy_domains);
    qx_strvec_release(&s->default_methods);
    free(s->language);
    free(s->body);
    free(s);
}
