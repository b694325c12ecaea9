/* text: Unicode services over UTF-8 byte strings, through libunistring
 * (validation, NFC, width) plus the line map. The only libunistring user. */
#include "qexplain/text.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "qexplain/util.h"

int qx_text_utf8_valid(const char *s, size_t len, size_t *bad)
{
    const uint8_t *p = u8_check((const uint8_t *)s, len);
    if (!p)
        return 1;
    if (bad)
        *bad = (size_t)(p - (const uint8_t *)s);
    return 0;
}

uint32_t qx_text_next(const char *s, size_t len, size_t *i)
{
    ucs4_t cp;
    int n = u8_mbtoucr(&cp, (const uint8_t *)s + *i, len - *i);
    if (n <= 0) {
        *i += 1;
        return 0xFFFD;
    }
    *i += (size_t)n;
    return cp;
}

size_t qx_text_encode(uint32_t cp, char *out)
{
    int n = u8_uctomb((uint8_t *)out, cp, 4);
    return n > 0 ? (size_t)n : 0;
}

size_t qx_text_count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

char *qx_text_nfc_dup(const char *s, size_t len, size_t *outlen)
{
    if (!qx_text_utf8_valid(s, len, NULL))
        return NULL;
    size_t n = 0;
    uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n);
    if (!r)
        return NULL;
    char *out = qx_malloc(n + 1);
    memcpy(out, r, n);
    out[n] = '\0';
    free(r);
    if (outlen)
        *outlen = n;
    return out;
}

int qx_text_is_nfc(const char *s, size_t len)
{
    /* Pure ASCII is always NFC; skip the allocation for the common case. */
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    if (i == len)
        return 1;
    size_t n;
    char *r = qx_text_nfc_dup(s, len, &n);
    int same = r && n == len && memcmp(r, s, len) == 0;
    free(r);
    return same;
}

size_t qx_text_width(const char *s, size_t len)
{
    int w = u8_width((const uint8_t *)s, len, "UTF-8");
    return w < 0 ? 0 : (size_t)w;
}

int qx_text_is_han(uint32_t cp)
{
    return uc_is_property_unified_ideograph(cp) || (cp >= 0xF900 && cp <= 0xFAFF);
}

int qx_text_is_cjk_punct(uint32_t cp)
{
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x2014 || cp == 0x2026 || cp == 0x201C ||
           cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x00B7;
}

int qx_text_is_space(uint32_t cp)
{
    return uc_is_property_white_space(cp);
}

void qx_linemap_init(struct qx_linemap *m, const char *text, size_t len)
{
    size_t cap = 0;
    m->text = text;
    m->len = len;
    m->starts = NULL;
    m->n = 0;
    m->starts = qx_grow(m->starts, &cap, 1, sizeof *m->starts);
    m->starts[m->n++] = 0;
    const char *p = text, *end = text + len;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        p++;
        m->starts = qx_grow(m->starts, &cap, m->n + 1, sizeof *m->starts);
        m->starts[m->n++] = (size_t)(p - text);
    }
}

void qx_linemap_release(struct qx_linemap *m)
{
    free(m->starts);
    m->starts = NULL;
    m->n = 0;
}

void qx_linemap_pos(const struct qx_linemap *m, size_t byte, unsigned *line, unsigned *col)
{
    if (byte > m->len)
        byte = m->len;
    size_t lo = 0, hi = m->n; /* find last start <= byte */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->starts[mid] <= byte)
            lo = mid;
        else
            hi = mid;
    }
    *line = (unsigned)(lo + 1);
    *col = (unsigned)(qx_text_count_chars(m->text + m->starts[lo], byte - m->starts[lo]) + 1);
}

const char *qx_linemap_line(const struct qx_linemap *m, unsigned line, size_t *len)
{
    if (line == 0 || line > m->n) {
        *len = 0;
        return "";
    }
    size_t s = m->starts[line - 1];
    size_t e = line < m->n ? m->starts[line] : m->len;
    if (e > s && m->text[e - 1] == '\n')
        e--;
    if (e > s && m->text[e - 1] == '\r')
        e--;
    *len = e - s;
    return m->text + s;
}
