/* yaml: libyaml's event parser turned into a cJSON tree, the project's only
 * libyaml user (skills, batch manifests, experiment plans).
 *
 * Depends on: libyaml, json (document + position index), text (UTF-8, line
 * map), diag. Plain scalars follow the YAML 1.2 core schema (null, bool,
 * int, float; everything else a string); quoted and block scalars are always
 * strings. Rejected, each with file:line:column: aliases and anchors (no
 * expansion bombs), explicit tags other than !!str, duplicate keys, keys that
 * are not scalars, nesting past QX_YAML_MAX_DEPTH, more than one document,
 * NUL characters, non-finite numbers and integers past 2^53 (a double could
 * not hold them exactly).
 *
 * Positions: libyaml counts characters (mark.index) and also breaks lines at
 * CR, NEL, LS and PS, which the rest of the tool does not. So positions are
 * taken from mark.index, converted to a byte offset with a moving cursor and
 * then to line:column with the shared line map; first_line shifts the lines
 * for callers that cut the YAML out of a larger file (front-matter). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "qexplain/skill.h"
#include "qexplain/text.h"

/* Exactly representable integer limit of a double. */
#define QX_YAML_MAX_INT 9007199254740992.0

struct frame {
    cJSON *node;
    int is_map;
    char *key;          /* pending key of a mapping, owned */
    size_t key_byte;    /* where that key starts */
    size_t nkeys;       /* members so far: the duplicate scan is linear */
};

struct ybuild {
    struct qx_json_doc *doc;
    struct qx_diags *d;
    const char *text;
    size_t len;
    unsigned first_line;
    struct qx_linemap lm;
    size_t cur_char, cur_byte; /* cursor for character index -> byte */
    struct frame stack[QX_YAML_MAX_DEPTH + 1];
    int depth;
    int docs;
};

/* Converts libyaml's character index to a byte offset. Marks arrive almost
 * in order, so the cursor moves a short way each time: linear overall. */
static size_t char_to_byte(struct ybuild *b, size_t idx)
{
    while (b->cur_char < idx && b->cur_byte < b->len) {
        qx_text_next(b->text, b->len, &b->cur_byte);
        b->cur_char++;
    }
    while (b->cur_char > idx && b->cur_byte > 0) {
        b->cur_byte--;
        while (b->cur_byte > 0 && ((unsigned char)b->text[b->cur_byte] & 0xC0) == 0x80)
            b->cur_byte--;
        b->cur_char--;
    }
    return b->cur_byte;
}

static void byte_pos(const struct ybuild *b, size_t byte, unsigned *line, unsigned *col)
{
    qx_linemap_pos(&b->lm, byte, line, col);
    *line += b->first_line - 1;
}

static int fail_at_byte(struct ybuild *b, size_t byte, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail_at_byte(struct ybuild *b, size_t byte, const char *rule, const char *fmt, ...)
{
    unsigned line, col;
    byte_pos(b, byte, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    struct qx_diag *g = qx_diags_vadd(b->d, b->doc->file, line, col, QX_SEV_ERROR, rule, fmt, ap);
    va_end(ap);
    g->byte = byte;
    return QX_EINPUT;
}

static int match_word(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return 1;
    return 0;
}

static int all_in(const char *s, size_t n, const char *set)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr(set, s[i]) || s[i] == '\0')
            return 0;
    return 1;
}

/* YAML 1.2 core schema, float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static int is_core_float(const char *s)
{
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    size_t int_digits = 0, frac_digits = 0;
    while (s[i] >= '0' && s[i] <= '9') {
        i++;
        int_digits++;
    }
    if (s[i] == '.') {
        i++;
        while (s[i] >= '0' && s[i] <= '9') {
            i++;
            frac_digits++;
        }
    }
    if (int_digits == 0 && frac_digits == 0)
        return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '+' || s[i] == '-')
            i++;
        size_t e = 0;
        while (s[i] >= '0' && s[i] <= '9') {
            i++;
            e++;
        }
        if (e == 0)
            return 0;
    }
    return s[i] == '\0';
}

/* Resolves a plain scalar; NULL with a diagnostic when it names a number
 * JSON cannot carry exactly. */
static cJSON *plain_scalar(struct ybuild *b, const char *s, size_t n, size_t at)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
    static const char *const trues[] = {"true", "True", "TRUE", NULL};
    static const char *const falses[] = {"false", "False", "FALSE", NULL};
    static const char *const specials[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
                                           "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", NULL};
    if (match_word(s, nulls))
        return cJSON_CreateNull();
    if (match_word(s, trues))
        return cJSON_CreateTrue();
    if (match_word(s, falses))
        return cJSON_CreateFalse();
    if (match_word(s, specials)) {
        fail_at_byte(b, at, "yaml.number", "'%s' is not a finite number; quote it to make it a string", s);
        return NULL;
    }
    double v;
    int is_int = 0, is_num = 0;
    size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (all_in(s + sign, n - sign, "0123456789")) {
        v = strtod(s, NULL);
        is_int = is_num = 1;
    } else if (n > 2 && s[0] == '0' && s[1] == 'o' && all_in(s + 2, n - 2, "01234567")) {
        v = (double)strtoull(s + 2, NULL, 8);
        is_int = is_num = 1;
    } else if (n > 2 && s[0] == '0' && s[1] == 'x' && all_in(s + 2, n - 2, "0123456789abcdefABCDEF")) {
        v = (double)strtoull(s + 2, NULL, 16);
        is_int = is_num = 1;
    } else if (is_core_float(s)) {
        v = strtod(s, NULL);
        is_num = 1;
    }
    if (!is_num)
        return cJSON_CreateString(s);
    if (!isfinite(v) || (is_int && fabs(v) > QX_YAML_MAX_INT)) {
        fail_at_byte(b, at, "yaml.number", "number '%s' is out of range; quote it to make it a string", s);
        return NULL;
    }
    return cJSON_CreateNumber(v);
}

static int is_str_tag(const char *tag)
{
    return strcmp(tag, "tag:yaml.org,2002:str") == 0 || strcmp(tag, "!") == 0;
}

/* Rejects what a node event may not carry: an anchor, a tag other than !!str. */
static int check_node_event(struct ybuild *b, const unsigned char *anchor, const unsigned char *tag,
                            size_t at)
{
    if (anchor)
        return fail_at_byte(b, at, "yaml.anchor", "anchors ('&%s') are not supported; repeat the value",
                            (const char *)anchor);
    if (tag && !is_str_tag((const char *)tag))
        return fail_at_byte(b, at, "yaml.tag", "tag '%s' is not supported", (const char *)tag);
    return 0;
}

/* Attaches a new node under the current container (or as the root) and
 * records its position: for mapping members, the key's. */
static int attach(struct ybuild *b, cJSON *node, size_t at)
{
    if (b->depth == 0) {
        if (b->doc->root) {
            cJSON_Delete(node);
            return fail_at_byte(b, at, "yaml.syntax", "more than one value at the top level");
        }
        b->doc->root = node;
    } else {
        struct frame *f = &b->stack[b->depth - 1];
        if (f->is_map) {
            cJSON_AddItemToObject(f->node, f->key, node);
            at = f->key_byte;
            free(f->key);
            f->key = NULL;
        } else {
            cJSON_AddItemToArray(f->node, node);
        }
    }
    unsigned line, col;
    byte_pos(b, at, &line, &col);
    qx_json_doc_set_pos(b->doc, node, line, col, at);
    return 0;
}

/* A scalar in key position of a mapping: checked and remembered. */
static int take_key(struct ybuild *b, struct frame *f, const char *key, size_t at)
{
    if (++f->nkeys > QX_YAML_MAX_KEYS)
        return fail_at_byte(b, at, "yaml.limit", "a mapping has more than %d keys", QX_YAML_MAX_KEYS);
    if (cJSON_GetObjectItemCaseSensitive(f->node, key))
        return fail_at_byte(b, at, "yaml.duplicate-key", "duplicate key '%s'", key);
    f->key = qx_strdup(key);
    f->key_byte = at;
    return 0;
}

static int on_scalar(struct ybuild *b, const yaml_event_t *e, size_t at)
{
    const char *v = (const char *)e->data.scalar.value;
    size_t n = e->data.scalar.length;
    int rc = check_node_event(b, e->data.scalar.anchor, e->data.scalar.tag, at);
    if (rc)
        return rc;
    if (memchr(v, '\0', n))
        return fail_at_byte(b, at, "yaml.nul", "NUL character in a string");
    struct frame *f = b->depth ? &b->stack[b->depth - 1] : NULL;
    if (f && f->is_map && !f->key)
        return take_key(b, f, v, at);
    int plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !e->data.scalar.tag;
    cJSON *node = plain ? plain_scalar(b, v, n, at) : cJSON_CreateString(v);
    if (!node)
        return QX_EINPUT;
    return attach(b, node, at);
}

static int on_start(struct ybuild *b, const yaml_event_t *e, int is_map, size_t at)
{
    const unsigned char *anchor = is_map ? e->data.mapping_start.anchor : e->data.sequence_start.anchor;
    const unsigned char *tag = is_map ? e->data.mapping_start.tag : e->data.sequence_start.tag;
    int rc = check_node_event(b, anchor, tag, at);
    if (rc)
        return rc;
    if (tag)
        return fail_at_byte(b, at, "yaml.tag", "tag '%s' cannot apply to a %s", (const char *)tag,
                            is_map ? "mapping" : "sequence");
    struct frame *f = b->depth ? &b->stack[b->depth - 1] : NULL;
    if (f && f->is_map && !f->key)
        return fail_at_byte(b, at, "yaml.key", "a mapping key must be a scalar, not a %s",
                            is_map ? "mapping" : "sequence");
    if (b->depth >= QX_YAML_MAX_DEPTH)
        return fail_at_byte(b, at, "yaml.depth", "nesting deeper than %d levels", QX_YAML_MAX_DEPTH);
    cJSON *node = is_map ? cJSON_CreateObject() : cJSON_CreateArray();
    rc = attach(b, node, at);
    if (rc)
        return rc;
    b->stack[b->depth++] = (struct frame){.node = node, .is_map = is_map};
    return 0;
}

static int on_event(struct ybuild *b, const yaml_event_t *e)
{
    size_t at = char_to_byte(b, e->start_mark.index);
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->docs > 1)
            return fail_at_byte(b, at, "yaml.documents", "more than one YAML document");
        return 0;
    case YAML_ALIAS_EVENT:
        return fail_at_byte(b, at, "yaml.alias", "aliases ('*%s') are not supported; repeat the value",
                            (const char *)e->data.alias.anchor);
    case YAML_SCALAR_EVENT: return on_scalar(b, e, at);
    case YAML_SEQUENCE_START_EVENT: return on_start(b, e, 0, at);
    case YAML_MAPPING_START_EVENT: return on_start(b, e, 1, at);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        if (b->depth > 0) {
            b->depth--;
            free(b->stack[b->depth].key);
            b->stack[b->depth].key = NULL;
        }
        return 0;
    default: return 0;
    }
}

static int parser_error(struct ybuild *b, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "unknown error";
    if (p->error == YAML_READER_ERROR) {
        size_t at = p->problem_offset < b->len ? p->problem_offset : b->len;
        return fail_at_byte(b, at, "yaml.syntax", "invalid YAML: %s", problem);
    }
    if (p->error == YAML_MEMORY_ERROR) {
        qx_diags_add(b->d, b->doc->file, 0, 0, QX_SEV_ERROR, "yaml.memory", "out of memory while parsing YAML");
        return QX_EINPUT;
    }
    size_t at = char_to_byte(b, p->problem_mark.index);
    if (p->context) {
        unsigned cl, cc;
        byte_pos(b, char_to_byte(b, p->context_mark.index), &cl, &cc);
        return fail_at_byte(b, at, "yaml.syntax", "invalid YAML: %s (%s at line %u column %u)", problem,
                            p->context, cl, cc);
    }
    return fail_at_byte(b, at, "yaml.syntax", "invalid YAML: %s", problem);
}

int qx_yaml_parse(struct qx_json_doc *doc, const char *file, const char *text, size_t len,
                  unsigned first_line, struct qx_diags *d)
{
    qx_json_doc_init(doc, file);
    struct ybuild b = {.doc = doc, .d = d, .text = text, .len = len,
                       .first_line = first_line ? first_line : 1};
    qx_linemap_init(&b.lm, text, len);
    int rc = 0;
    size_t bad;
    if (!qx_text_utf8_valid(text, len, &bad)) {
        rc = fail_at_byte(&b, bad, "utf8", "invalid UTF-8 byte 0x%02X", (unsigned)(unsigned char)text[bad]);
        goto out;
    }
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        rc = QX_EINTERNAL;
        qx_diags_add(d, doc->file, 0, 0, QX_SEV_ERROR, "yaml.memory", "cannot initialise the YAML parser");
        goto out;
    }
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            rc = parser_error(&b, &p);
            break;
        }
        int type = e.type;
        rc = on_event(&b, &e);
        yaml_event_delete(&e);
        if (rc || type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&p);
    for (int i = 0; i < b.depth; i++)
        free(b.stack[i].key);
    if (!rc && !doc->root) {
        /* An empty document is null, as in YAML. */
        doc->root = cJSON_CreateNull();
        qx_json_doc_set_pos(doc, doc->root, b.first_line, 1, 0);
    }
out:
    if (rc) {
        /* No partial trees: callers see either a whole document or none. */
        cJSON_Delete(doc->root);
        doc->root = NULL;
        doc->npos = 0;
    }
    qx_linemap_release(&b.lm);
    return rc;
}
