/* scan_util: byte-level helpers of the figure scanner: literal matches
 * before and after a position, code points around a byte, digits (ASCII and
 * full-width), line starts, and skipping Latin words and URLs. Depends on
 * text. Invariant: every function reads t[0..len) only. */
#include <string.h>

#include "qexplain/text.h"
#include "scan_int.h"

int qx_scan_has(const char *t, size_t len, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i <= len && len - i >= n && memcmp(t + i, s, n) == 0;
}

int qx_scan_ends(const char *t, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i >= n && memcmp(t + i - n, s, n) == 0;
}

uint32_t qx_scan_prev(const char *t, size_t i, size_t *start)
{
    if (i == 0) {
        *start = 0;
        return 0;
    }
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)t[j] & 0xC0) == 0x80)
        j--;
    size_t k = j;
    uint32_t c = qx_text_next(t, i, &k);
    if (k != i) { /* not a whole sequence: step back one byte only */
        j = i - 1;
        c = 0xFFFD;
    }
    *start = j;
    return c;
}

uint32_t qx_scan_cp(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    return qx_text_next(t, len, &i);
}

int qx_scan_digit(const char *t, size_t len, size_t i, int *w)
{
    if (i >= len)
        return -1;
    unsigned char c = (unsigned char)t[i];
    if (c >= '0' && c <= '9') {
        *w = 1;
        return c - '0';
    }
    if (c == 0xEF && i + 2 < len && (unsigned char)t[i + 1] == 0xBC && (unsigned char)t[i + 2] >= 0x90 &&
        (unsigned char)t[i + 2] <= 0x99) {
        *w = 3;
        return (unsigned char)t[i + 2] - 0x90;
    }
    return -1;
}

int qx_scan_ascii_alpha(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int qx_scan_ascii_alnum(uint32_t c)
{
    return qx_scan_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '_';
}

int qx_scan_line_start(const char *t, size_t i)
{
    for (;;) {
        size_t s;
        uint32_t c = qx_scan_prev(t, i, &s);
        if (i == 0 || c == '\n')
            return 1;
        if (c != ' ' && c != '\t' && c != 0x3000 && c != '#' && c != '>')
            return 0;
        i = s;
    }
}

size_t qx_scan_skip_word(const char *t, size_t len, size_t i)
{
    size_t j = i;
    while (j < len) {
        unsigned char c = (unsigned char)t[j];
        if (qx_scan_ascii_alnum(c)) {
            j++;
        } else if (c == ':' && qx_scan_has(t, len, j, "://")) {
            for (j += 3; j < len && (unsigned char)t[j] > ' ' && (unsigned char)t[j] < 0x80; j++)
                ;
            return j;
        } else if (strchr("-.+/:@#'", c) && c && j + 1 < len &&
                   qx_scan_ascii_alnum((unsigned char)t[j + 1])) {
            j++;
        } else {
            break;
        }
    }
    return j > i ? j : i + 1;
}
