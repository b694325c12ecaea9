/* json: a small validating scanner runs before cJSON. It owns what cJSON
 * cannot tell us: the line and column of a syntax error, duplicate keys, the
 * nesting limit, and the position of every value. Values are recorded in
 * document (pre-)order; cJSON builds its tree in the same order, so walking
 * both in step pairs each node with its position. */
#include "qexplain/json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qexplain/text.h"

/* cJSON reports exhaustion as a NULL that most call sites read as "absent"
 * (a missing member, a shorter array): output would silently change. Route
 * its allocations through an allocator that dies cleanly instead. */
static void *json_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        qx_die_oom(n);
    return p;
}

__attribute__((constructor)) static void json_hooks(void)
{
    cJSON_Hooks hooks = {json_malloc, free};
    cJSON_InitHooks(&hooks);
}

void qx_json_doc_init(struct qx_json_doc *doc, const char *file)
{
    memset(doc, 0, sizeof *doc);
    doc->file = qx_strdup(file ? file : "<json>");
}

void qx_json_doc_release(struct qx_json_doc *doc)
{
    cJSON_Delete(doc->root);
    free(doc->file);
    free(doc->pos);
    memset(doc, 0, sizeof *doc);
}

void qx_json_doc_set_pos(struct qx_json_doc *doc, const cJSON *node, unsigned line, unsigned col,
                         size_t byte)
{
    doc->pos = qx_grow(doc->pos, &doc->cap, doc->npos + 1, sizeof *doc->pos);
    doc->pos[doc->npos++] = (struct qx_json_pos){node, line, col, byte};
    doc->frozen = 0;
}

static int cmp_pos(const void *a, const void *b)
{
    const struct qx_json_pos *x = a, *y = b;
    return x->node < y->node ? -1 : x->node > y->node;
}

int qx_json_doc_pos(const struct qx_json_doc *doc, const cJSON *node, unsigned *line, unsigned *col)
{
    struct qx_json_doc *mut = (struct qx_json_doc *)doc;
    if (!node || !doc->npos)
        return 0;
    if (!doc->frozen) {
        qsort(mut->pos, mut->npos, sizeof *mut->pos, cmp_pos);
        mut->frozen = 1;
    }
    struct qx_json_pos key = {node, 0, 0, 0};
    const struct qx_json_pos *p = bsearch(&key, doc->pos, doc->npos, sizeof key, cmp_pos);
    if (!p)
        return 0;
    *line = p->line;
    *col = p->col;
    return 1;
}

struct qx_diag *qx_json_diag(const struct qx_json_doc *doc, struct qx_diags *d, const cJSON *node,
                             enum qx_severity sev, const char *rule, const char *fmt, ...)
{
    unsigned line = 0, col = 0;
    qx_json_doc_pos(doc, node, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    struct qx_diag *g = qx_diags_vadd(d, doc->file, line, col, sev, rule, fmt, ap);
    va_end(ap);
    return g;
}

const char *qx_json_str(const cJSON *obj, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(it) ? it->valuestring : NULL;
}

int qx_json_num(const cJSON *obj, const char *key, double *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(it))
        return 0;
    *out = it->valuedouble;
    return 1;
}

char *qx_json_print(const cJSON *node, int pretty)
{
    char *s = pretty ? cJSON_Print(node) : cJSON_PrintUnformatted(node);
    if (!s) /* cJSON only fails on allocation: keep the fatal-OOM contract */
        qx_die_oom(0);
    char *out = qx_strdup(s);
    cJSON_free(s);
    return out;
}

void qx_json_emit(struct qx_buf *out, cJSON *root)
{
    char *s = qx_json_print(root, 1);
    qx_buf_adds(out, s);
    qx_buf_addc(out, '\n');
    free(s);
    cJSON_Delete(root);
}

/* ---- scanner ---- */

struct scan {
    const char *s;
    size_t len, i;
    struct qx_linemap lm;
    const char *file;
    struct qx_diags *d;
    size_t *offs; /* value start offsets in pre-order */
    size_t noffs, cap;
    int depth;
    int failed;
};

static int scan_fail(struct scan *sc, size_t at, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int scan_fail(struct scan *sc, size_t at, const char *rule, const char *fmt, ...)
{
    if (sc->failed)
        return -1;
    unsigned line, col;
    qx_linemap_pos(&sc->lm, at, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    struct qx_diag *g = qx_diags_vadd(sc->d, sc->file, line, col, QX_SEV_ERROR, rule, fmt, ap);
    va_end(ap);
    g->byte = at;
    sc->failed = 1;
    return -1;
}

static void skip_ws(struct scan *sc)
{
    while (sc->i < sc->len) {
        char c = sc->s[sc->i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            sc->i++;
        else
            break;
    }
}

static int scan_value(struct scan *sc);

/* Scans a string; when out is set, the raw bytes between the quotes are
 * returned (escapes left as written: enough for duplicate detection since
 * JSON keys that differ only in escaping are rare and still distinct). */
static int scan_string(struct scan *sc, const char **raw, size_t *rawlen)
{
    size_t start = sc->i++;
    while (sc->i < sc->len) {
        unsigned char c = (unsigned char)sc->s[sc->i];
        if (c == '"') {
            if (raw) {
                *raw = sc->s + start + 1;
                *rawlen = sc->i - start - 1;
            }
            sc->i++;
            return 0;
        }
        if (c < 0x20)
            return scan_fail(sc, sc->i, "json.syntax", "control character in string");
        if (c == '\\') {
            sc->i++;
            if (sc->i >= sc->len)
                break;
            char e = sc->s[sc->i];
            if (e == 'u') {
                for (int k = 1; k <= 4; k++) {
                    char h = sc->i + (size_t)k < sc->len ? sc->s[sc->i + (size_t)k] : 0;
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
                        return scan_fail(sc, sc->i - 1, "json.syntax", "invalid \\u escape");
                }
                sc->i += 4;
            } else if (!strchr("\"\\/bfnrt", e) || e == '\0') {
                return scan_fail(sc, sc->i - 1, "json.syntax", "invalid escape in string");
            }
        }
        sc->i++;
    }
    return scan_fail(sc, start, "json.syntax", "unterminated string");
}

static int scan_number(struct scan *sc)
{
    size_t start = sc->i;
    if (sc->s[sc->i] == '-')
        sc->i++;
    size_t digits = sc->i;
    while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
        sc->i++;
    if (sc->i == digits || (sc->s[digits] == '0' && sc->i - digits > 1))
        return scan_fail(sc, start, "json.syntax", "invalid number");
    if (sc->i < sc->len && sc->s[sc->i] == '.') {
        size_t f = ++sc->i;
        while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
            sc->i++;
        if (sc->i == f)
            return scan_fail(sc, start, "json.syntax", "invalid number");
    }
    if (sc->i < sc->len && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
        sc->i++;
        if (sc->i < sc->len && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-'))
            sc->i++;
        size_t e = sc->i;
        while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
            sc->i++;
        if (sc->i == e)
            return scan_fail(sc, start, "json.syntax", "invalid number");
    }
    return 0;
}

struct keyref {
    const char *p;
    size_t n;
};

static int scan_object(struct scan *sc)
{
    size_t open = sc->i++;
    struct keyref *keys = NULL;
    size_t nkeys = 0, kcap = 0;
    int rc = -1;
    skip_ws(sc);
    if (sc->i < sc->len && sc->s[sc->i] == '}') {
        sc->i++;
        return 0;
    }
    for (;;) {
        skip_ws(sc);
        if (sc->i >= sc->len || sc->s[sc->i] != '"') {
            scan_fail(sc, sc->i < sc->len ? sc->i : open, "json.syntax", "%s",
                      sc->i < sc->len ? "expected a string key" : "unterminated object");
            goto out;
        }
        size_t keyat = sc->i;
        const char *k;
        size_t kn;
        if (scan_string(sc, &k, &kn))
            goto out;
        for (size_t j = 0; j < nkeys; j++) {
            if (keys[j].n == kn && memcmp(keys[j].p, k, kn) == 0) {
                char *name = qx_strndup(k, kn);
                scan_fail(sc, keyat, "json.duplicate-key", "duplicate key '%s'", name);
                free(name);
                goto out;
            }
        }
        keys = qx_grow(keys, &kcap, nkeys + 1, sizeof *keys);
        keys[nkeys++] = (struct keyref){k, kn};
        skip_ws(sc);
        if (sc->i >= sc->len || sc->s[sc->i] != ':') {
            scan_fail(sc, sc->i, "json.syntax", "expected ':' after key");
            goto out;
        }
        sc->i++;
        /* Members are located at their key: that is where an editor looks. */
        size_t before = sc->noffs;
        if (scan_value(sc))
            goto out;
        sc->offs[before] = keyat;
        skip_ws(sc);
        if (sc->i < sc->len && sc->s[sc->i] == ',') {
            sc->i++;
            continue;
        }
        if (sc->i < sc->len && sc->s[sc->i] == '}') {
            sc->i++;
            rc = 0;
            goto out;
        }
        scan_fail(sc, sc->i < sc->len ? sc->i : open, "json.syntax", "%s",
                  sc->i < sc->len ? "expected ',' or '}'" : "unterminated object");
        goto out;
    }
out:
    free(keys);
    return rc;
}

static int scan_array(struct scan *sc)
{
    size_t open = sc->i++;
    skip_ws(sc);
    if (sc->i < sc->len && sc->s[sc->i] == ']') {
        sc->i++;
        return 0;
    }
    for (;;) {
        if (scan_value(sc))
            return -1;
        skip_ws(sc);
        if (sc->i < sc->len && sc->s[sc->i] == ',') {
            sc->i++;
            continue;
        }
        if (sc->i < sc->len && sc->s[sc->i] == ']') {
            sc->i++;
            return 0;
        }
        return scan_fail(sc, sc->i < sc->len ? sc->i : open, "json.syntax", "%s",
                         sc->i < sc->len ? "expected ',' or ']'" : "unterminated array");
    }
}

static int scan_literal(struct scan *sc, const char *lit)
{
    size_t n = strlen(lit);
    if (sc->len - sc->i < n || memcmp(sc->s + sc->i, lit, n) != 0)
        return scan_fail(sc, sc->i, "json.syntax", "unexpected character");
    sc->i += n;
    return 0;
}

static int scan_value(struct scan *sc)
{
    skip_ws(sc);
    if (sc->i >= sc->len)
        return scan_fail(sc, sc->len, "json.syntax", "unexpected end of input");
    sc->offs = qx_grow(sc->offs, &sc->cap, sc->noffs + 1, sizeof *sc->offs);
    sc->offs[sc->noffs++] = sc->i;
    char c = sc->s[sc->i];
    int rc;
    switch (c) {
    case '{':
    case '[':
        if (++sc->depth > QX_JSON_MAX_DEPTH)
            return scan_fail(sc, sc->i, "json.depth", "nesting deeper than %d levels", QX_JSON_MAX_DEPTH);
        rc = c == '{' ? scan_object(sc) : scan_array(sc);
        sc->depth--;
        return rc;
    case '"': return scan_string(sc, NULL, NULL);
    case 't': return scan_literal(sc, "true");
    case 'f': return scan_literal(sc, "false");
    case 'n': return scan_literal(sc, "null");
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return scan_number(sc);
        return scan_fail(sc, sc->i, "json.syntax", "unexpected character");
    }
}

static void assign_positions(struct qx_json_doc *doc, struct scan *sc, const cJSON *node, size_t *k)
{
    if (*k < sc->noffs) {
        unsigned line, col;
        qx_linemap_pos(&sc->lm, sc->offs[*k], &line, &col);
        qx_json_doc_set_pos(doc, node, line, col, sc->offs[*k]);
    }
    (*k)++;
    for (const cJSON *c = node->child; c; c = c->next)
        assign_positions(doc, sc, c, k);
}

int qx_json_parse(struct qx_json_doc *doc, const char *file, const char *text, size_t len,
                  struct qx_diags *d)
{
    qx_json_doc_init(doc, file);
    struct scan sc = {.s = text, .len = len, .file = doc->file, .d = d};
    qx_linemap_init(&sc.lm, text, len);
    int rc = QX_EINPUT;
    size_t bad;
    if (!qx_text_utf8_valid(text, len, &bad)) {
        char byte[8];
        snprintf(byte, sizeof byte, "0x%02X", (unsigned char)text[bad]);
        scan_fail(&sc, bad, "utf8", "invalid UTF-8 byte %s", byte);
        goto out;
    }
    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* a BOM is tolerated: editors on Windows add it */
    sc.i = start;
    if (scan_value(&sc))
        goto out;
    skip_ws(&sc);
    if (sc.i != len) {
        scan_fail(&sc, sc.i, "json.syntax", "trailing characters after the JSON value");
        goto out;
    }
    doc->root = cJSON_ParseWithLength(text + start, len - start);
    if (!doc->root) {
        qx_diags_add(d, doc->file, 0, 0, QX_SEV_ERROR, "json.syntax", "cJSON rejected the document");
        goto out;
    }
    size_t k = 0;
    assign_positions(doc, &sc, doc->root, &k);
    rc = 0;
out:
    qx_linemap_release(&sc.lm);
    free(sc.offs);
    return rc;
}
