/* preview/html.c: the tokenizer behind the preview (see html.h). Follows the
 * HTML syntax closely enough for articles written by tools and editors:
 * quoted and unquoted attribute values, self-closing tags, comments and raw
 * text. Depends on text (UTF-8 encoding of character references).
 * Invariant: every token advances the lexer by at least one byte. */
#include <ctype.h>
#include <string.h>

#include "html.h"
#include "qexplain/text.h"

int html_ieq(const char *s, size_t n, const char *word)
{
    size_t m = strlen(word);
    if (n != m)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != word[i])
            return 0;
    return 1;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void skip_ws(struct html_lexer *lx)
{
    while (lx->i < lx->len && is_ws(lx->s[lx->i]))
        lx->i++;
}

/* Finds needle (ASCII, lower case) from lx->i on, case-insensitively. */
static size_t find_ci(const struct html_lexer *lx, size_t from, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = from; i + m <= lx->len; i++)
        if (html_ieq(lx->s + i, m, needle))
            return i;
    return lx->len;
}

static void read_attrs(struct html_lexer *lx, struct html_tok *t)
{
    for (;;) {
        skip_ws(lx);
        if (lx->i >= lx->len)
            return;
        char c = lx->s[lx->i];
        if (c == '>') {
            lx->i++;
            return;
        }
        if (c == '/') {
            lx->i++;
            if (lx->i < lx->len && lx->s[lx->i] == '>') {
                t->self_closing = 1;
                lx->i++;
                return;
            }
            continue;
        }
        struct html_attr a = {.name = lx->s + lx->i, .pos = lx->i};
        while (lx->i < lx->len && !is_ws(lx->s[lx->i]) && lx->s[lx->i] != '>' &&
               lx->s[lx->i] != '=' && !(lx->s[lx->i] == '/' && a.name_len > 0))
            lx->i++, a.name_len++;
        if (a.name_len == 0) /* a stray '=' */
            lx->i++;
        skip_ws(lx);
        if (lx->i < lx->len && lx->s[lx->i] == '=') {
            lx->i++;
            skip_ws(lx);
            char q = lx->i < lx->len ? lx->s[lx->i] : 0;
            if (q == '"' || q == '\'') {
                lx->i++;
                a.val = lx->s + lx->i;
                const char *end = memchr(a.val, q, lx->len - lx->i);
                a.val_len = end ? (size_t)(end - a.val) : lx->len - lx->i;
                lx->i += a.val_len + (end != NULL);
            } else {
                a.val = lx->s + lx->i;
                while (lx->i < lx->len && !is_ws(lx->s[lx->i]) && lx->s[lx->i] != '>')
                    lx->i++, a.val_len++;
            }
        }
        if (a.name_len == 0)
            continue;
        if (t->nattrs < HTML_MAX_ATTRS)
            t->attrs[t->nattrs++] = a;
        else
            t->extra_attrs++;
    }
}

void html_next(struct html_lexer *lx, struct html_tok *t)
{
    memset(t, 0, offsetof(struct html_tok, attrs));
    t->nattrs = t->extra_attrs = 0;
    t->pos = lx->i;
    if (lx->i >= lx->len) {
        t->kind = HTML_EOF;
        return;
    }
    const char *s = lx->s;
    size_t i = lx->i;
    t->kind = HTML_TEXT;
    if (s[i] == '<' && i + 1 < lx->len) {
        char c = s[i + 1];
        if (c == '!' && i + 3 < lx->len && s[i + 2] == '-' && s[i + 3] == '-') {
            size_t end = find_ci(lx, i + 4, "-->");
            lx->i = end < lx->len ? end + 3 : lx->len;
            t->kind = HTML_SKIP;
        } else if (c == '!' || c == '?') {
            const char *gt = memchr(s + i, '>', lx->len - i);
            lx->i = gt ? (size_t)(gt - s) + 1 : lx->len;
            t->kind = HTML_SKIP;
        } else if (isalpha((unsigned char)c) ||
                   (c == '/' && i + 2 < lx->len && isalpha((unsigned char)s[i + 2]))) {
            t->kind = c == '/' ? HTML_END : HTML_START;
            lx->i = i + (c == '/' ? 2 : 1);
            size_t n = 0;
            while (lx->i < lx->len && (isalnum((unsigned char)s[lx->i]) || s[lx->i] == '-')) {
                if (n < HTML_MAX_NAME)
                    t->name[n] = (char)tolower((unsigned char)s[lx->i]);
                n++;
                lx->i++;
            }
            t->name[n <= HTML_MAX_NAME ? n : 0] = '\0';
            read_attrs(lx, t);
        }
        if (t->kind != HTML_TEXT) {
            t->len = lx->i - t->pos;
            return;
        }
    }
    /* Text: at least this byte, up to the next '<'. */
    lx->i = i + 1;
    const char *lt = memchr(s + lx->i, '<', lx->len - lx->i);
    lx->i = lt ? (size_t)(lt - s) : lx->len;
    t->kind = HTML_TEXT;
    t->len = lx->i - t->pos;
}

size_t html_skip_raw(struct html_lexer *lx, const char *name)
{
    char close[HTML_MAX_NAME + 3] = "</";
    size_t n = strlen(name);
    memcpy(close + 2, name, n + 1);
    size_t start = lx->i;
    size_t end = find_ci(lx, start, close);
    lx->i = end;
    if (end < lx->len) {
        const char *gt = memchr(lx->s + end, '>', lx->len - end);
        lx->i = gt ? (size_t)(gt - lx->s) + 1 : lx->len;
    }
    return end - start;
}

static long parse_ref(const char *s, size_t n, size_t *used)
{
    static const struct {
        const char *name;
        long cp;
    } named[] = {{"quot;", '"'}, {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"apos;", '\''}};
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
        size_t m = strlen(named[k].name);
        if (n >= m && html_ieq(s, m, named[k].name)) {
            *used = m;
            return named[k].cp;
        }
    }
    if (n < 2 || s[0] != '#')
        return -1;
    int hex = s[1] == 'x' || s[1] == 'X';
    size_t i = hex ? 2 : 1;
    long v = 0;
    size_t digits = 0;
    for (; i < n && digits < 8 && isxdigit((unsigned char)s[i]); i++, digits++) {
        if (!hex && !isdigit((unsigned char)s[i]))
            break;
        v = v * (hex ? 16 : 10) + (isdigit((unsigned char)s[i]) ? s[i] - '0'
                                                                 : tolower((unsigned char)s[i]) - 'a' + 10);
    }
    if (digits == 0 || i >= n || s[i] != ';' || v <= 0 || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
        return -1;
    *used = i + 1;
    return v;
}

size_t html_decode_attr(char *out, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t used = 0;
        long cp = s[i] == '&' ? parse_ref(s + i + 1, n - i - 1, &used) : -1;
        char enc[4];
        size_t elen = cp >= 0 ? qx_text_encode((uint32_t)cp, enc) : 0;
        /* A reference is never shorter than its encoding ("&#1;" is 4 bytes). */
        if (cp >= 0 && elen <= used + 1) {
            memcpy(out + o, enc, elen);
            o += elen;
            i += used + 1;
        } else {
            out[o++] = s[i++];
        }
    }
    out[o] = '\0';
    return o;
}
