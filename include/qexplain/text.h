/* text: the only libunistring user. UTF-8 validation and decoding, NFC,
 * display width, and the line map that turns byte offsets into the 1-based
 * line and character column every diagnostic carries. */
#ifndef QEXPLAIN_TEXT_H
#define QEXPLAIN_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Returns 1 if s[0..len) is valid UTF-8; otherwise 0 and *bad is the byte
 * offset of the first byte that does not start a valid sequence. */
int qx_text_utf8_valid(const char *s, size_t len, size_t *bad);

/* Decodes one code point at s[*i] (i < len) and advances *i. Invalid bytes
 * decode as U+FFFD and advance by one byte. */
uint32_t qx_text_next(const char *s, size_t len, size_t *i);
/* Encodes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t qx_text_encode(uint32_t cp, char *out);

/* Number of code points in s[0..len). */
size_t qx_text_count_chars(const char *s, size_t len);

/* 1 if valid UTF-8 s[0..len) is in Normalization Form C. */
int qx_text_is_nfc(const char *s, size_t len);
/* NFC of s; owned, NUL-terminated; NULL if s is not valid UTF-8. */
char *qx_text_nfc_dup(const char *s, size_t len, size_t *outlen);

/* Terminal columns taken by s (East Asian wide characters count 2). */
size_t qx_text_width(const char *s, size_t len);

int qx_text_is_han(uint32_t cp);          /* CJK unified ideographs and extensions */
int qx_text_is_cjk_punct(uint32_t cp);    /* full-width punctuation 。，、；：？！…… */
int qx_text_is_space(uint32_t cp);        /* Unicode white space */

/* Line map over a text: byte offset -> 1-based line and character column.
 * Lines end at "\n"; a "\r" before it belongs to no column. */
struct qx_linemap {
    const char *text;
    size_t len;
    size_t *starts; /* byte offset where each line starts */
    size_t n;       /* number of lines (>= 1) */
};

void qx_linemap_init(struct qx_linemap *m, const char *text, size_t len);
void qx_linemap_release(struct qx_linemap *m);
void qx_linemap_pos(const struct qx_linemap *m, size_t byte, unsigned *line, unsigned *col);
/* The line's bytes without its terminator. line is 1-based. */
const char *qx_linemap_line(const struct qx_linemap *m, unsigned line, size_t *len);

#endif
