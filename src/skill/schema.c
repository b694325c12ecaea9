/* schema: the front-matter schema of a skill file, as tables. One walker
 * checks every mapping against its table: unknown keys, missing required
 * keys and wrong types, each located at the offending key or value. The
 * qexplain.lint mapping is only checked to be a mapping of scalars: its keys
 * belong to the lint module, which validates them.
 *
 * Depends on: json (positions), diag. Invariant: a front-matter that passes
 * here can be read by skill.c without further type checks. */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "skill_int.h"

enum kind {
    K_STR,      /* any string */
    K_NAME,     /* [a-z0-9][a-z0-9_-]*: aliases, section ids */
    K_LANG,     /* zh-Hans */
    K_STRLIST,  /* list of strings */
    K_NAMELIST, /* list of distinct K_NAME strings: methods, domains */
    K_RANGE,    /* qx_skill_range */
    K_ANALOGIES,/* a range or "per-method" */
    K_BOOL,
    K_MAP,      /* mapping checked against sub */
    K_SECTIONS, /* non-empty list of K_MAP sections */
    K_SCALARS   /* mapping of scalars (qexplain.lint) */
};

struct field {
    const char *key;
    enum kind kind;
    int required;
    const struct schema *sub;
};

struct schema {
    const struct field *fields;
    size_t n;
    int unknown_warns; /* the seed level: unknown keys are ignored with a warning */
};

#define SCHEMA(name, warns) {name, sizeof name / sizeof name[0], warns}

static const struct field items_fields[] = {
    {"count", K_RANGE, 1, NULL},
    {"pattern", K_STR, 1, NULL},
};
static const struct schema items_schema = SCHEMA(items_fields, 0);

static const struct field needs_fields[] = {
    {"methods", K_RANGE, 0, NULL},          {"facts_per_method", K_RANGE, 0, NULL},
    {"analogies", K_ANALOGIES, 0, NULL},    {"bridge_sentences", K_RANGE, 0, NULL},
    {"paragraphs", K_RANGE, 0, NULL},       {"sentences", K_RANGE, 0, NULL},
    {"questions", K_RANGE, 0, NULL},        {"figures", K_RANGE, 0, NULL},
    {"items", K_MAP, 0, &items_schema},
};
static const struct schema needs_schema = SCHEMA(needs_fields, 0);

static const struct field section_fields[] = {
    {"id", K_NAME, 1, NULL},
    {"heading", K_STR, 0, NULL},
    {"needs", K_MAP, 0, &needs_schema},
    {"optional", K_BOOL, 0, NULL},
};
static const struct schema section_schema = SCHEMA(section_fields, 0);

static const struct field qx_fields[] = {
    {"alias", K_NAME, 1, NULL},
    {"language", K_LANG, 1, NULL},
    {"methods", K_NAMELIST, 0, NULL},
    {"analogy_domains", K_NAMELIST, 0, NULL},
    {"sections", K_SECTIONS, 1, &section_schema},
    {"lint", K_SCALARS, 0, NULL},
};
static const struct schema qx_schema = SCHEMA(qx_fields, 0);

static const struct field top_fields[] = {
    {"id", K_STR, 0, NULL},          {"name", K_NAME, 1, NULL},
    {"description", K_STR, 0, NULL}, {"version", K_STR, 0, NULL},
    {"tags", K_STRLIST, 0, NULL},    {"triggers", K_STRLIST, 0, NULL},
    {"qexplain", K_MAP, 0, &qx_schema},
};
static const struct schema top_schema = SCHEMA(top_fields, 1);

struct ck {
    const struct qx_json_doc *doc;
    struct qx_diags *d;
    size_t errors;
};

static void ck_err(struct ck *c, const cJSON *at, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void ck_err(struct ck *c, const cJSON *at, const char *rule, const char *fmt, ...)
{
    unsigned line = 0, col = 0;
    qx_json_doc_pos(c->doc, at, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    qx_diags_vadd(c->d, c->doc->file, line, col, QX_SEV_ERROR, rule, fmt, ap);
    va_end(ap);
    c->errors++;
}

static int is_name(const char *s)
{
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return 0;
    return 1;
}

static char *join_path(const char *path, const char *key)
{
    return *path ? qx_asprintf("%s.%s", path, key) : qx_strdup(key);
}

static char *allowed_list(const struct schema *s)
{
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t i = 0; i < s->n; i++)
        qx_buf_addf(&b, "%s%s", i ? ", " : "", s->fields[i].key);
    return qx_buf_detach(&b, NULL);
}

static void check_map(struct ck *c, const cJSON *node, const char *path, const struct schema *s);

static void check_name_list(struct ck *c, const cJSON *v, const char *path, int names)
{
    if (!cJSON_IsArray(v)) {
        ck_err(c, v, "skill.type", "'%s' must be a list of %s", path, names ? "names" : "strings");
        return;
    }
    size_t i = 0;
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        if (!cJSON_IsString(it)) {
            ck_err(c, it, "skill.type", "'%s[%zu]' must be a string", path, i);
        } else if (names && !is_name(it->valuestring)) {
            ck_err(c, it, "skill.value", "'%s[%zu]' must be a lower-case name ([a-z0-9][a-z0-9_-]*), not '%s'",
                   path, i, it->valuestring);
        } else if (names) {
            for (const cJSON *p = v->child; p != it; p = p->next)
                if (cJSON_IsString(p) && strcmp(p->valuestring, it->valuestring) == 0) {
                    ck_err(c, it, "skill.value", "'%s' lists '%s' twice", path, it->valuestring);
                    break;
                }
        }
    }
}

static void check_sections(struct ck *c, const cJSON *v, const char *path, const struct schema *sub)
{
    if (!cJSON_IsArray(v) || !v->child) {
        ck_err(c, v, "skill.type", "'%s' must be a non-empty list of sections ({id, heading, needs})", path);
        return;
    }
    size_t i = 0;
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        char *p = qx_asprintf("%s[%zu]", path, i);
        if (!cJSON_IsObject(it)) {
            ck_err(c, it, "skill.type", "'%s' must be a mapping with keys id, heading, needs, optional", p);
        } else {
            check_map(c, it, p, sub);
            const char *id = qx_json_str(it, "id");
            for (const cJSON *q = v->child; id && q != it; q = q->next) {
                const char *other = qx_json_str(q, "id");
                if (other && strcmp(other, id) == 0) {
                    ck_err(c, cJSON_GetObjectItemCaseSensitive(it, "id"), "skill.value",
                           "duplicate section id '%s'", id);
                    break;
                }
            }
        }
        free(p);
    }
}

static void check_value(struct ck *c, const cJSON *v, const char *path, const struct field *f)
{
    unsigned lo, hi;
    switch (f->kind) {
    case K_STR:
        if (!cJSON_IsString(v))
            ck_err(c, v, "skill.type", "'%s' must be a string%s", path,
                   cJSON_IsNumber(v) ? " (quote it)" : "");
        break;
    case K_NAME:
        if (!cJSON_IsString(v))
            ck_err(c, v, "skill.type", "'%s' must be a string", path);
        else if (!is_name(v->valuestring))
            ck_err(c, v, "skill.value", "'%s' must be a lower-case name ([a-z0-9][a-z0-9_-]*), not '%s'", path,
                   v->valuestring);
        break;
    case K_LANG:
        if (!cJSON_IsString(v) || strcmp(v->valuestring, "zh-Hans") != 0)
            ck_err(c, v, "skill.value", "'%s' must be 'zh-Hans', the only language qexplain writes", path);
        break;
    case K_STRLIST: check_name_list(c, v, path, 0); break;
    case K_NAMELIST: check_name_list(c, v, path, 1); break;
    case K_RANGE:
        if (qx_skill_range(v, &lo, &hi))
            ck_err(c, v, "skill.type", "'%s' must be a range: an integer, \"N\", \"N..M\" or \"N..\"", path);
        break;
    case K_ANALOGIES:
        if (!(cJSON_IsString(v) && strcmp(v->valuestring, "per-method") == 0) && qx_skill_range(v, &lo, &hi))
            ck_err(c, v, "skill.type", "'%s' must be 'per-method' or a range: an integer, \"N\", \"N..M\" or \"N..\"",
                   path);
        break;
    case K_BOOL:
        if (!cJSON_IsBool(v))
            ck_err(c, v, "skill.type", "'%s' must be true or false", path);
        break;
    case K_MAP:
        if (!cJSON_IsObject(v)) {
            char *allowed = allowed_list(f->sub);
            ck_err(c, v, "skill.type", "'%s' must be a mapping with keys %s", path, allowed);
            free(allowed);
        } else {
            check_map(c, v, path, f->sub);
        }
        break;
    case K_SECTIONS: check_sections(c, v, path, f->sub); break;
    case K_SCALARS:
        if (!cJSON_IsObject(v)) {
            ck_err(c, v, "skill.type", "'%s' must be a mapping from rule id to a severity or a parameter", path);
            break;
        }
        for (const cJSON *it = v->child; it; it = it->next)
            if (!cJSON_IsString(it) && !cJSON_IsNumber(it) && !cJSON_IsBool(it))
                ck_err(c, it, "skill.type", "'%s.%s' must be a severity or a parameter (a scalar)", path,
                       it->string);
        break;
    }
}

static void check_map(struct ck *c, const cJSON *node, const char *path, const struct schema *s)
{
    for (const cJSON *it = node->child; it; it = it->next) {
        const struct field *f = NULL;
        for (size_t i = 0; i < s->n && !f; i++)
            if (strcmp(s->fields[i].key, it->string) == 0)
                f = &s->fields[i];
        if (!f) {
            char *allowed = allowed_list(s);
            if (s->unknown_warns) {
                qx_json_diag(c->doc, c->d, it, QX_SEV_WARNING, "skill.unknown-key",
                             "unknown key '%s' is ignored; known keys: %s", it->string, allowed);
            } else {
                ck_err(c, it, "skill.unknown-key", "unknown key '%s' in '%s'; allowed: %s", it->string, path,
                       allowed);
            }
            free(allowed);
            continue;
        }
        char *p = join_path(path, it->string);
        check_value(c, it, p, f);
        free(p);
    }
    for (size_t i = 0; i < s->n; i++)
        if (s->fields[i].required && !cJSON_GetObjectItemCaseSensitive(node, s->fields[i].key)) {
            if (*path)
                ck_err(c, node, "skill.missing-key", "missing key '%s' in '%s'", s->fields[i].key, path);
            else
                ck_err(c, node, "skill.missing-key", "missing key '%s' in the front-matter", s->fields[i].key);
        }
}

size_t qx_skill_check_schema(const struct qx_json_doc *doc, struct qx_diags *d)
{
    struct ck c = {doc, d, 0};
    if (!cJSON_IsObject(doc->root)) {
        ck_err(&c, doc->root, "skill.type", "the front-matter must be a mapping of keys to values");
        return c.errors;
    }
    check_map(&c, doc->root, "", &top_schema);
    return c.errors;
}

static int parse_uint(const char **p, unsigned *out)
{
    const char *s = *p;
    unsigned long v = 0;
    if (*s < '0' || *s > '9')
        return -1;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (unsigned long)(*s - '0');
        if (v >= UINT_MAX)
            return -1;
        s++;
    }
    *out = (unsigned)v;
    *p = s;
    return 0;
}

int qx_skill_range(const cJSON *v, unsigned *lo, unsigned *hi)
{
    if (cJSON_IsNumber(v)) {
        double x = v->valuedouble;
        if (x < 0 || x >= UINT_MAX || x != (double)(unsigned)x)
            return QX_EINPUT;
        *lo = *hi = (unsigned)x;
        return 0;
    }
    if (!cJSON_IsString(v))
        return QX_EINPUT;
    const char *s = v->valuestring;
    if (parse_uint(&s, lo))
        return QX_EINPUT;
    if (*s == '\0') {
        *hi = *lo;
        return 0;
    }
    if (strncmp(s, "..", 2) != 0)
        return QX_EINPUT;
    s += 2;
    if (*s == '\0') {
        *hi = UINT_MAX;
        return 0;
    }
    if (parse_uint(&s, hi) || *s != '\0' || *hi < *lo)
        return QX_EINPUT;
    return 0;
}

int qx_skill_need(const struct qx_skill_section *sec, const char *key, unsigned *lo, unsigned *hi)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(sec->needs, key);
    return v && qx_skill_range(v, lo, hi) == 0;
}
