/* gguf/select: tensor groups and --target selectors (GGUF.md §4). Names
 * follow llama.cpp (gguf-py/gguf/constants.py); `matmul` mirrors which
 * tensors src/llama-quant.cpp quantizes. Regular expressions are POSIX
 * extended (<regex.h>); the rules module owns PCRE2 and may take this over. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "gguf_impl.h"

static const char *const group_names[QX_GROUP_COUNT] = {"embedding", "attention", "feed-forward",
                                                        "norms",     "output",    "other"};

const char *qx_gguf_group_name(enum qx_gguf_group g)
{
    return group_names[g];
}

/* Layer number of "blk.N." names, or -1; *rest points after the prefix. */
static long layer_of(const char *name, const char **rest)
{
    *rest = name;
    if (strncmp(name, "blk.", 4) != 0 || name[4] < '0' || name[4] > '9')
        return -1;
    char *end;
    long n = strtol(name + 4, &end, 10);
    if (*end != '.')
        return -1;
    *rest = end + 1;
    return n;
}

char *qx_gguf_role(const char *name)
{
    const char *rest;
    layer_of(name, &rest);
    size_t n = strlen(rest);
    if (n > 7 && strcmp(rest + n - 7, ".weight") == 0)
        n -= 7;
    return qx_strndup(rest, n);
}

static int is_norm(const char *role)
{
    return strstr(role, "norm") != NULL;
}

enum qx_gguf_group qx_gguf_group_of(const struct qx_gguf_tensor *t)
{
    char *role = qx_gguf_role(t->name);
    enum qx_gguf_group g = QX_GROUP_OTHER;
    if (is_norm(role))
        g = QX_GROUP_NORMS;
    else if (strncmp(role, "token_embd", 10) == 0 || strncmp(role, "pos_embd", 8) == 0 ||
             strncmp(role, "token_types", 11) == 0)
        g = QX_GROUP_EMBEDDING;
    else if (strcmp(role, "output") == 0 || strcmp(role, "output.bias") == 0)
        g = QX_GROUP_OUTPUT;
    else if (strncmp(role, "attn_", 5) == 0)
        g = QX_GROUP_ATTENTION;
    else if (strncmp(role, "ffn_", 4) == 0)
        g = QX_GROUP_FEED_FORWARD;
    free(role);
    return g;
}

int qx_gguf_is_matmul(const struct qx_gguf_tensor *t)
{
    const char *n = t->name;
    if (!qx_str_ends_with(n, "weight") || t->n_dims < 2 || qx_str_ends_with(n, "_norm.weight"))
        return 0;
    return !strstr(n, "ffn_gate_inp") && !strstr(n, "pos_embd") && !strstr(n, "token_types") &&
           !strstr(n, "ssm_conv1d");
}

enum item_kind { IT_GROUP, IT_REGEX };

struct item {
    enum item_kind kind;
    const char *group; /* static name */
    long lo, hi;       /* layer range, lo = -1 for none */
    regex_t re;
};

struct qx_gguf_select {
    struct item *items;
    size_t n;
};

static const char *const groups[] = {"embed",       "output", "norm",   "attn_norm", "ffn_norm",
                                     "output_norm", "attn_q", "attn_k", "attn_v",    "attn_output",
                                     "attn_qkv",    "attn",   "ffn",    "matmul",    "all"};

static int match_group(const char *g, const struct qx_gguf_tensor *t, const char *role)
{
    if (strcmp(g, "all") == 0)
        return 1;
    if (strcmp(g, "embed") == 0)
        return strcmp(t->name, "token_embd.weight") == 0;
    if (strcmp(g, "output") == 0)
        return strcmp(t->name, "output.weight") == 0;
    if (strcmp(g, "norm") == 0)
        return qx_str_ends_with(t->name, "_norm.weight");
    if (strcmp(g, "matmul") == 0)
        return qx_gguf_is_matmul(t);
    if (strcmp(g, "attn_qkv") == 0)
        return strcmp(role, "attn_q") == 0 || strcmp(role, "attn_k") == 0 || strcmp(role, "attn_v") == 0 ||
               strcmp(role, "attn_qkv") == 0;
    if (strcmp(g, "attn") == 0)
        return strncmp(t->name, "blk.", 4) == 0 && strncmp(role, "attn_", 5) == 0 && !is_norm(role) &&
               t->n_dims >= 2;
    if (strcmp(g, "ffn") == 0) {
        static const char *const ffn[] = {"ffn_gate", "ffn_up", "ffn_down"};
        for (int i = 0; i < 3; i++) {
            size_t n = strlen(ffn[i]);
            if (strncmp(role, ffn[i], n) == 0 &&
                (role[n] == '\0' || strcmp(role + n, "_exps") == 0 || strcmp(role + n, "_shexp") == 0))
                return qx_str_ends_with(t->name, ".weight");
        }
        return 0;
    }
    /* single roles: attn_norm, ffn_norm, output_norm, attn_q, ... (weights) */
    return strcmp(role, g) == 0 && qx_str_ends_with(t->name, ".weight");
}

static int parse_range(const char *s, long *lo, long *hi)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    *lo = strtol(s, &end, 10);
    *hi = *lo;
    if (*end == '-') {
        if (end[1] < '0' || end[1] > '9')
            return -1;
        *hi = strtol(end + 1, &end, 10);
    }
    return *end == '\0' && *lo <= *hi ? 0 : -1;
}

int qx_gguf_select_compile(struct qx_gguf_select **out, const char *spec, struct qx_diags *d)
{
    struct qx_gguf_select *s = qx_calloc(1, sizeof *s);
    size_t cap = 0;
    const char *p = spec;
    *out = NULL;
    if (!*spec) {
        qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "gguf.target", "empty --target");
        free(s);
        return QX_EUSAGE;
    }
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char *tok = qx_strndup(p, len);
        s->items = qx_grow(s->items, &cap, s->n + 1, sizeof *s->items);
        struct item *it = &s->items[s->n];
        memset(it, 0, sizeof *it);
        it->lo = -1;
        char *at = strchr(tok, '@');
        if (at)
            *at = '\0';
        for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
            if (strcmp(tok, groups[g]) == 0)
                it->group = groups[g];
        int bad = 0;
        if (it->group) {
            it->kind = IT_GROUP;
            if (at && parse_range(at + 1, &it->lo, &it->hi) != 0) {
                qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "gguf.target",
                             "invalid layer range '%s' in target '%.*s' (use @N or @N-M)", at + 1, (int)len,
                             p);
                bad = 1;
            }
        } else {
            if (at)
                *at = '@';
            it->kind = IT_REGEX;
            int rc = len ? regcomp(&it->re, tok, REG_EXTENDED | REG_NOSUB) : REG_BADPAT;
            if (rc) {
                char msg[128];
                if (len)
                    regerror(rc, &it->re, msg, sizeof msg);
                qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "gguf.target",
                             "target '%s' is neither a group nor a valid regular expression: %s", tok,
                             len ? msg : "empty");
                bad = 1;
            }
        }
        free(tok);
        if (bad) {
            qx_gguf_select_free(s);
            return QX_EUSAGE;
        }
        s->n++;
        if (!comma)
            break;
        p = comma + 1;
    }
    *out = s;
    return 0;
}

void qx_gguf_select_free(struct qx_gguf_select *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i].kind == IT_REGEX)
            regfree(&s->items[i].re);
    free(s->items);
    free(s);
}

int qx_gguf_select_match(const struct qx_gguf_select *s, const struct qx_gguf_tensor *t)
{
    char *role = qx_gguf_role(t->name);
    int hit = 0;
    for (size_t i = 0; i < s->n && !hit; i++) {
        const struct item *it = &s->items[i];
        if (it->kind == IT_REGEX) {
            hit = regexec(&it->re, t->name, 0, NULL, 0) == 0;
            continue;
        }
        if (it->lo >= 0) {
            const char *rest;
            long l = layer_of(t->name, &rest);
            if (l < it->lo || l > it->hi)
                continue;
        }
        hit = match_group(it->group, t, role);
    }
    free(role);
    return hit;
}
