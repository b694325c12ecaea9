/* profile: rule settings from the built-in columns, from command-line
 * values, and from a skill's qexplain.lint block (with the line and column
 * of every unknown key or bad value); the structure rule's section needs.
 * Depends on skill (for the parsed front-matter), json and rules. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

static int parse_uint(const char *s, unsigned *out)
{
    if (!s || !*s)
        return -1;
    unsigned long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (unsigned long)(*p - '0');
        if (v > 100000)
            return -1;
    }
    *out = (unsigned)v;
    return 0;
}

int qx_lint_profile_set(struct qx_lint_profile *p, enum qx_lint_rule r, const char *value, const char **why)
{
    const struct qx_lint_rule_info *ri = qx_lint_rule_info(r);
    struct qx_lint_setting *s = &p->r[r];
    *why = NULL;
    if (strcmp(value, "off") == 0) {
        s->on = 0;
        return 0;
    }
    if (strcmp(value, "error") == 0 || strcmp(value, "warning") == 0) {
        s->on = 1;
        s->sev = value[0] == 'e' ? QX_SEV_ERROR : QX_SEV_WARNING;
        return 0;
    }
    int param = -1;
    switch (ri->param) {
    case QX_P_NONE:
        *why = "expected error, warning or off";
        return QX_EINPUT;
    case QX_P_INT: {
        unsigned v;
        if (parse_uint(value, &v) || v == 0) {
            *why = "expected a positive integer, error, warning or off";
            return QX_EINPUT;
        }
        param = (int)v;
        break;
    }
    case QX_P_MARKDOWN:
        if (strcmp(value, "forbid") == 0)
            param = QX_MD_FORBID;
        else if (strcmp(value, "bold-and-h3") == 0)
            param = QX_MD_BOLD_AND_H3;
        else {
            *why = "expected forbid, bold-and-h3, error, warning or off";
            return QX_EINPUT;
        }
        break;
    case QX_P_INDENT:
        if (strcmp(value, "none") == 0)
            param = QX_INDENT_NONE;
        else if (strcmp(value, "two-fullwidth-spaces") == 0)
            param = QX_INDENT_TWO_FULLWIDTH;
        else {
            *why = "expected none, two-fullwidth-spaces, error, warning or off";
            return QX_EINPUT;
        }
        break;
    case QX_P_ACRONYM:
        if (strcmp(value, "explain-first") == 0)
            param = QX_ACR_EXPLAIN_FIRST;
        else if (strcmp(value, "explain-first-per-section") == 0)
            param = QX_ACR_PER_SECTION;
        else if (strcmp(value, "forbid") == 0)
            param = QX_ACR_FORBID;
        else if (strcmp(value, "allow") == 0) {
            s->on = 0;
            s->param = QX_ACR_ALLOW;
            return 0;
        } else {
            *why = "expected explain-first, explain-first-per-section, forbid, allow, error, warning or off";
            return QX_EINPUT;
        }
        break;
    }
    s->on = 1;
    s->sev = ri->sev;
    s->param = param;
    return 0;
}

/* Parameters a rule keeps when its column switches it off or names only a
 * severity: the first parameter value any column gives it. */
static int default_param(enum qx_lint_rule r)
{
    const struct qx_lint_rule_info *ri = qx_lint_rule_info(r);
    struct qx_lint_profile tmp;
    const char *why;
    memset(&tmp, 0, sizeof tmp);
    for (int c = 0; c < QX_COL_COUNT; c++) {
        const char *v = ri->defaults[c];
        if (strcmp(v, "off") && strcmp(v, "error") && strcmp(v, "warning") &&
            qx_lint_profile_set(&tmp, r, v, &why) == 0)
            return tmp.r[r].param;
    }
    return 0;
}

void qx_lint_profile_builtin(struct qx_lint_profile *p, enum qx_lint_column c)
{
    memset(p, 0, sizeof *p);
    for (int r = 0; r < QX_R_COUNT; r++) {
        const char *why;
        p->r[r].param = default_param((enum qx_lint_rule)r);
        p->r[r].sev = qx_lint_rule_info((enum qx_lint_rule)r)->sev;
        (void)qx_lint_profile_set(p, (enum qx_lint_rule)r, qx_lint_rule_info((enum qx_lint_rule)r)->defaults[c],
                                  &why);
    }
}

enum qx_lint_column qx_lint_column_for_skill(const struct qx_skill *s)
{
    static const struct {
        const char *name, *alias;
        enum qx_lint_column col;
    } seeds[] = {
        {"quantized-llm-reporting-for-public-sector", "public-sector", QX_COL_PS},
        {"wechat-public-account-llm-quantization-explainer", "wechat", QX_COL_WX},
        {"quantization-explainer-for-non-experts", "non-experts", QX_COL_NE},
    };
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        if ((s->name && strcmp(s->name, seeds[i].name) == 0) || (s->alias && strcmp(s->alias, seeds[i].alias) == 0))
            return seeds[i].col;
    }
    return QX_COL_DEFAULT;
}

int qx_lint_profile_from_skill(struct qx_lint_profile *p, const struct qx_skill *s, struct qx_diags *d)
{
    qx_lint_profile_builtin(p, qx_lint_column_for_skill(s));
    if (!s->lint)
        return 0;
    int rc = 0;
    if (!cJSON_IsObject(s->lint)) {
        qx_json_diag(&s->doc, d, s->lint, QX_SEV_ERROR, "skill.lint", "'qexplain.lint' must be a mapping");
        return QX_EINPUT;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, s->lint)
    {
        int r = qx_lint_rule_find(it->string);
        if (r < 0) {
            qx_json_diag(&s->doc, d, it, QX_SEV_ERROR, "skill.lint", "unknown lint rule '%s'", it->string);
            rc = QX_EINPUT;
            continue;
        }
        char num[32];
        const char *val = NULL;
        if (cJSON_IsString(it))
            val = it->valuestring;
        else if (cJSON_IsNumber(it) && it->valuedouble >= 0 && it->valuedouble <= 100000 &&
                 it->valuedouble == (double)(int)it->valuedouble) {
            snprintf(num, sizeof num, "%d", (int)it->valuedouble);
            val = num;
        } else if (cJSON_IsBool(it))
            val = cJSON_IsTrue(it) ? qx_lint_rule_info((enum qx_lint_rule)r)->defaults[QX_COL_PS] : "off";
        const char *why = "expected a string or an integer";
        if (!val || qx_lint_profile_set(p, (enum qx_lint_rule)r, val, &why)) {
            qx_json_diag(&s->doc, d, it, QX_SEV_ERROR, "skill.lint", "invalid value for lint rule '%s': %s",
                         it->string, why);
            rc = QX_EINPUT;
        }
    }
    return rc;
}

static int need_range(struct qx_lint_range *r, const struct qx_skill *s, const cJSON *needs, const char *key,
                      struct qx_diags *d)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(needs, key);
    memset(r, 0, sizeof *r);
    if (!v)
        return 0;
    if (qx_skill_range(v, &r->lo, &r->hi)) {
        qx_json_diag(&s->doc, d, v, QX_SEV_ERROR, "skill.sections", "invalid range for '%s': expected N, N..M or N..",
                     key);
        return QX_EINPUT;
    }
    r->set = 1;
    return 0;
}

int qx_lint_sections_from_skill(struct qx_lint_sections *out, const struct qx_skill *s, struct qx_diags *d)
{
    out->v = NULL;
    out->n = 0;
    if (!s->nsections)
        return 0;
    int rc = 0;
    out->v = qx_calloc(s->nsections, sizeof *out->v);
    out->n = s->nsections;
    for (size_t i = 0; i < s->nsections; i++) {
        struct qx_lint_section *ls = &out->v[i];
        const struct qx_skill_section *ss = &s->sections[i];
        ls->id = qx_strdup(ss->id ? ss->id : "");
        ls->heading = ss->heading ? qx_strdup(ss->heading) : NULL;
        ls->optional = ss->optional;
        const cJSON *needs = ss->needs;
        if (!cJSON_IsObject(needs))
            continue;
        rc |= need_range(&ls->paragraphs, s, needs, "paragraphs", d);
        rc |= need_range(&ls->sentences, s, needs, "sentences", d);
        rc |= need_range(&ls->questions, s, needs, "questions", d);
        rc |= need_range(&ls->figures, s, needs, "figures", d);
        const cJSON *items = cJSON_GetObjectItemCaseSensitive(needs, "items");
        if (items) {
            const char *pat = qx_json_str(items, "pattern");
            const cJSON *count = cJSON_GetObjectItemCaseSensitive(items, "count");
            if (!cJSON_IsObject(items) || !pat || !count || qx_skill_range(count, &ls->items.lo, &ls->items.hi)) {
                qx_json_diag(&s->doc, d, items, QX_SEV_ERROR, "skill.sections",
                             "'items' needs 'count' (N, N..M or N..) and 'pattern'");
                rc = QX_EINPUT;
                continue;
            }
            ls->items.set = 1;
            struct qx_rx *rx = NULL;
            struct qx_diags tmp;
            qx_diags_init(&tmp);
            if (qx_rx_compile(&rx, pat, 0, NULL, &tmp)) {
                qx_json_diag(&s->doc, d, items, QX_SEV_ERROR, "skill.sections", "%s", tmp.items[0].message);
                rc = QX_EINPUT;
            } else {
                ls->items_pattern = qx_strdup(pat);
            }
            qx_rx_free(rx);
            qx_diags_release(&tmp);
        }
    }
    return rc ? QX_EINPUT : 0;
}

void qx_lint_sections_release(struct qx_lint_sections *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].id);
        free(s->v[i].heading);
        free(s->v[i].items_pattern);
    }
    free(s->v);
    s->v = NULL;
    s->n = 0;
}
