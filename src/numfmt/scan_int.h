/* scan internals: byte-level helpers and the lexer of one written number
 * (digits, scale word, unit), shared by scan.c (the driver that classifies
 * and assembles figures) and scan_lex.c. */
#ifndef QEXPLAIN_SCAN_INT_H
#define QEXPLAIN_SCAN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "numfmt_int.h"

/* 1 if t[i..) starts with s (a literal). */
int qx_scan_has(const char *t, size_t len, size_t i, const char *s);
/* 1 if t[..i) ends with s. */
int qx_scan_ends(const char *t, size_t i, const char *s);
/* The code point before byte i (0 at the start) and where it begins. */
uint32_t qx_scan_prev(const char *t, size_t i, size_t *start);
/* The code point at i (0 at the end). */
uint32_t qx_scan_cp(const char *t, size_t len, size_t i);
/* A decimal digit at i, ASCII or full-width: its value, and *w its bytes;
 * else -1. */
int qx_scan_digit(const char *t, size_t len, size_t i, int *w);
int qx_scan_ascii_alpha(uint32_t c);
int qx_scan_ascii_alnum(uint32_t c);
/* 1 if byte i begins a line: only blanks, U+3000, '#' or '>' before it. */
int qx_scan_line_start(const char *t, size_t i);
/* Skips a Latin word (letters, digits, _ and inner - . + / : @ #), or a
 * whole URL; returns the end. */
size_t qx_scan_skip_word(const char *t, size_t len, size_t i);

/* Outcome of lexing one number. */
enum qx_part_status { QX_PART_OK, QX_PART_NAME, QX_PART_EXEMPT, QX_PART_NONE };

/* One written number: digits, scale word, 多/余, unit. */
struct qx_part {
    size_t b, e;   /* the number, sign included */
    size_t ub, ue; /* the unit as written */
    size_t end;    /* after everything lexed */
    double value;  /* in unit, signed */
    double step;   /* one unit of the last written digit, in unit */
    int decimals, tzeros, nint;
    int lead0;                /* an integer written with a leading zero: 007 */
    int sign;                 /* -1, 0 (none written), 1 */
    double factor;            /* of the unit word: 1天 -> 24 hours */
    const char *unit;         /* canonical unit or "" */
    unsigned uwflags;         /* QX_UW_* of the unit word */
    unsigned flags;           /* QX_FIGF_* */
    int more;                 /* 多 or 余 after the number (a lower bound) */
    int scaled;               /* a scale word was written */
    enum qx_figure_kind kind; /* for QX_PART_EXEMPT */
};

/* Lexes an Arabic number at i (a digit, or a sign before one). */
enum qx_part_status qx_scan_arabic(const char *t, size_t len, size_t i, struct qx_part *p);
/* Lexes a Chinese numeral at i (〇零一二三四五六七八九十两 ...), including
 * 点 decimals. Returns QX_PART_NONE when it is no figure. */
enum qx_part_status qx_scan_zh(const char *t, size_t len, size_t i, struct qx_part *p);
/* 1 if cp can start a Chinese numeral (〇零一二三四五六七八九十两). */
int qx_scan_zh_start(uint32_t cp);
/* Value of a Chinese numeral run at t[i..), and its end; -1 if none. */
double qx_scan_zh_value(const char *t, size_t len, size_t i, size_t *end, int *decimals, int *positional);

/* Markers (scan_mark.c). pre: the longest marker right before b (spaces
 * skipped); returns its start or b. post: a suffix marker at e; returns
 * the end. lead: pre, else a marker earlier in the clause, else the 约 of
 * the figure ending at last_end (SIZE_MAX: none) joined by 和 、 ... */
size_t qx_scan_skip_spaces_back(const char *t, size_t i);
size_t qx_scan_pre_marker(const char *t, size_t b, int *approx, int *bound);
size_t qx_scan_post_marker(const char *t, size_t len, size_t e, int *approx, int *bound);
size_t qx_scan_lead(const char *t, size_t len, size_t b, size_t last_end, int last_approx, int *approx,
                    int *bound);

#endif
