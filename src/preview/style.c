/* preview/style.c: the inline-style filter of the WeChat preview. Splits a
 * declaration list on ';' outside quotes and parentheses, keeps the
 * properties of the whitelist (docs/preview.md cites where it comes from),
 * and drops any value that could load something (url(), expression(),
 * javascript:). Depends on util only. Invariant: out only ever receives
 * "name:value;" with name in the whitelist. */
#include <ctype.h>
#include <string.h>

#include "qexplain/preview.h"

/* Properties kept with any value. */
static const char *const kept_any[] = {
    "background-color", "border", "border-bottom", "border-left", "border-radius", "border-right",
    "border-top", "box-shadow", "clear", "color", "font-family", "font-size", "font-style",
    "font-weight", "height", "letter-spacing", "line-height", "margin", "margin-bottom",
    "margin-left", "margin-right", "margin-top", "max-height", "max-width", "min-height",
    "min-width", "overflow", "padding", "padding-bottom", "padding-left", "padding-right",
    "padding-top", "text-align", "text-decoration", "text-indent", "text-shadow", "width",
};

/* Properties kept with these values only. */
static const struct {
    const char *name;
    const char *values[4];
} kept_some[] = {
    {"display", {"block", "inline-block", "none", NULL}},
    {"float", {"left", "right", "none", NULL}},
};

#define MAX_PROP 64

static int ci_contains(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++) {
        size_t j = 0;
        while (j < m && tolower((unsigned char)s[i + j]) == needle[j])
            j++;
        if (j == m)
            return 1;
    }
    return 0;
}

static int is_zero(const char *v, size_t n)
{
    size_t i = 0;
    while (i < n && (v[i] == '0' || v[i] == '.'))
        i++;
    if (i == 0)
        return 0;
    return i == n || (n - i <= 3 && isalpha((unsigned char)v[i])) || (n - i == 1 && v[i] == '%');
}

static int value_allowed(const char *name, const char *v, size_t n)
{
    if (n == 0 || ci_contains(v, n, "url(") || ci_contains(v, n, "expression(") ||
        ci_contains(v, n, "javascript:") || memchr(v, '\\', n))
        return 0;
    for (size_t i = 0; i < sizeof kept_any / sizeof kept_any[0]; i++)
        if (strcmp(name, kept_any[i]) == 0)
            return 1;
    for (size_t i = 0; i < sizeof kept_some / sizeof kept_some[0]; i++) {
        if (strcmp(name, kept_some[i].name) != 0)
            continue;
        for (size_t k = 0; kept_some[i].values[k]; k++)
            if (strlen(kept_some[i].values[k]) == n && ci_contains(v, n, kept_some[i].values[k]))
                return 1;
    }
    return 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

/* One declaration "name: value" (no ';'). Returns 1 when dropped. */
static int one_decl(struct qx_buf *out, const char *s, size_t n, int *indent,
                    struct qx_strvec *dropped)
{
    trim(&s, &n);
    if (n == 0)
        return 0;
    const char *colon = memchr(s, ':', n);
    const char *name = s;
    size_t nlen = colon ? (size_t)(colon - s) : n;
    trim(&name, &nlen);
    char prop[MAX_PROP + 1];
    size_t plen = nlen < MAX_PROP ? nlen : MAX_PROP;
    for (size_t i = 0; i < plen; i++)
        prop[i] = (char)tolower((unsigned char)name[i]);
    prop[plen] = '\0';
    const char *v = colon ? colon + 1 : s + n;
    size_t vlen = colon ? (size_t)(s + n - v) : 0;
    trim(&v, &vlen);
    if (!colon || nlen > MAX_PROP || !value_allowed(prop, v, vlen)) {
        if (dropped)
            qx_strvec_push(dropped, plen ? prop : "?");
        return 1;
    }
    qx_buf_adds(out, prop);
    qx_buf_addc(out, ':');
    qx_buf_add(out, v, vlen);
    qx_buf_addc(out, ';');
    if (indent && strcmp(prop, "text-indent") == 0 && !is_zero(v, vlen))
        *indent = 1;
    return 0;
}

size_t qx_preview_style(struct qx_buf *out, const char *style, size_t len, int *indent,
                        struct qx_strvec *dropped)
{
    size_t ndropped = 0, start = 0;
    int paren = 0;
    char quote = 0;
    for (size_t i = 0; i <= len; i++) {
        char c = i < len ? style[i] : ';';
        if (quote) {
            if (c == quote)
                quote = 0;
            if (i < len)
                continue;
        } else if (c == '"' || c == '\'') {
            quote = c;
            continue;
        } else if (c == '(') {
            paren++;
        } else if (c == ')' && paren > 0) {
            paren--;
        }
        if (c != ';' || (paren > 0 && i < len))
            continue;
        ndropped += (size_t)one_decl(out, style + start, i - start, indent, dropped);
        start = i + 1;
    }
    return ndropped;
}
