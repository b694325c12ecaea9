/* tmpl_lex: the first pass of the template parser. Finds the tags of one
 * template in order, following set-delimiter tags as they come, and checks
 * each tag on its own (closed, a valid name, valid delimiters). Text is not
 * tokenized: it is whatever lies between the tags' cuts (tmpl_parse.c).
 * Depends on util and diag through tmpl_int.h; linear in the source size. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl_int.h"

#define MAX_DELIM 16
#define NOPOS SIZE_MAX

int qx_tmpl_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static size_t find(const char *s, size_t len, size_t from, const char *pat, size_t plen)
{
    while (from + plen <= len) {
        const char *hit = memchr(s + from, pat[0], len - from - plen + 1);
        if (!hit)
            return NOPOS;
        size_t at = (size_t)(hit - s);
        if (memcmp(hit, pat, plen) == 0)
            return at;
        from = at + 1;
    }
    return NOPOS;
}

int qx_tmpl_fail(struct qx_tmpl_parser *p, size_t off, int err, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qx_tmpl_vdiag_at(p->t, p->u, off, p->d, QX_SEV_ERROR, rule, fmt, ap);
    va_end(ap);
    return err;
}

/* "{{=<% %>=}}": the content between the two '=' holds two delimiters
 * separated by white space; neither may contain white space or '='. */
static int set_delims(struct qx_tmpl_parser *p, const struct qx_tmpl_tok *k, char *otag, size_t *olen,
                      char *ctag, size_t *clen)
{
    const char *c = p->s + k->name, *e = c + k->nlen;
    const char *a = c;
    while (c < e && !qx_tmpl_is_space(*c))
        c++;
    size_t alen = (size_t)(c - a);
    while (c < e && qx_tmpl_is_space(*c))
        c++;
    const char *b = c;
    while (c < e && !qx_tmpl_is_space(*c))
        c++;
    size_t blen = (size_t)(c - b);
    if (!alen || !blen || c != e)
        return qx_tmpl_fail(p, k->start, QX_EINPUT, "tmpl.delimiter",
                            "set-delimiter tag '%.*s' needs two delimiters separated by a space",
                            (int)(k->end - k->start), p->s + k->start);
    if (memchr(a, '=', alen) || memchr(b, '=', blen))
        return qx_tmpl_fail(p, k->start, QX_EINPUT, "tmpl.delimiter",
                            "delimiters in '%.*s' must not contain '='", (int)(k->end - k->start),
                            p->s + k->start);
    if (alen > MAX_DELIM || blen > MAX_DELIM)
        return qx_tmpl_fail(p, k->start, QX_EINPUT, "tmpl.delimiter",
                            "delimiters in '%.*s' are longer than 16 bytes", (int)(k->end - k->start),
                            p->s + k->start);
    memcpy(otag, a, alen);
    *olen = alen;
    memcpy(ctag, b, blen);
    *clen = blen;
    return 0;
}

static int check_name(struct qx_tmpl_parser *p, const struct qx_tmpl_tok *k)
{
    const char *s = p->s + k->name;
    size_t n = k->nlen;
    if (!n)
        return qx_tmpl_fail(p, k->start, QX_EINPUT, "tmpl.name", "tag '%.*s' has no name",
                            (int)(k->end - k->start), p->s + k->start);
    for (size_t i = 0; i < n; i++)
        if (qx_tmpl_is_space(s[i]))
            return qx_tmpl_fail(p, k->start, QX_EINPUT, "tmpl.name", "tag name '%.*s' contains white space",
                                (int)n, s);
    if ((k->type == '>' || k->type == '<') && s[0] == '*')
        return qx_tmpl_fail(p, k->start, QX_EINPUT, "tmpl.unsupported",
                            "dynamic partial name '%.*s' is not supported", (int)n, s);
    if (strchr("v&#^", k->type) && !(n == 1 && s[0] == '.')) {
        int bad = s[0] == '.' || s[n - 1] == '.';
        for (size_t i = 1; i < n && !bad; i++)
            bad = s[i] == '.' && s[i - 1] == '.';
        if (bad)
            return qx_tmpl_fail(p, k->start, QX_EINPUT, "tmpl.name", "dotted name '%.*s' has an empty part",
                                (int)n, s);
    }
    return 0;
}

int qx_tmpl_tokenize(struct qx_tmpl_parser *p)
{
    char otag[MAX_DELIM] = "{{", ctag[MAX_DELIM] = "}}", pat[MAX_DELIM + 1];
    size_t olen = 2, clen = 2, pos = 0;
    for (;;) {
        size_t start = find(p->s, p->len, pos, otag, olen);
        if (start == NOPOS)
            return 0;
        size_t q = start + olen, cend, end;
        char type = q < p->len ? p->s[q] : '\0';
        if (type == '{' || type == '=') {
            /* "{{{x}}}" and "{{=a b=}}" close with their mark before the delimiter. */
            pat[0] = type == '{' ? '}' : '=';
            memcpy(pat + 1, ctag, clen);
            cend = find(p->s, p->len, q + 1, pat, clen + 1);
            if (cend == NOPOS)
                return qx_tmpl_fail(p, start, QX_EINPUT, "tmpl.unclosed-tag",
                                    "tag is not closed: no '%.*s' follows", (int)(clen + 1), pat);
            end = cend + 1 + clen;
            q++;
            if (type == '{')
                type = '&';
        } else {
            if (type && strchr("#^/!>&$<", type))
                q++;
            else
                type = 'v';
            cend = find(p->s, p->len, q, ctag, clen);
            if (cend == NOPOS)
                return qx_tmpl_fail(p, start, QX_EINPUT, "tmpl.unclosed-tag",
                                    "tag is not closed: no '%.*s' follows", (int)clen, ctag);
            end = cend + clen;
        }
        while (q < cend && qx_tmpl_is_space(p->s[q]))
            q++;
        while (cend > q && qx_tmpl_is_space(p->s[cend - 1]))
            cend--;
        p->toks = qx_grow(p->toks, &p->cap, p->n + 1, sizeof *p->toks);
        struct qx_tmpl_tok *k = &p->toks[p->n++];
        *k = (struct qx_tmpl_tok){.type = type,
                                  .start = start,
                                  .end = end,
                                  .name = q,
                                  .nlen = cend - q,
                                  .cut0 = start,
                                  .cut1 = end};
        int rc = 0;
        if (type == '=')
            rc = set_delims(p, k, otag, &olen, ctag, &clen);
        else if (type != '!')
            rc = check_name(p, k);
        if (rc)
            return rc;
        pos = end;
    }
}
