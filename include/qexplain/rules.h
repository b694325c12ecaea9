/* rules: the only PCRE2 user, and a literal word matcher. Patterns are
 * compiled once (with JIT when the platform has it) and matched under fixed
 * match and depth limits, so that no pattern and no input can make a match
 * run away: a match that hits a limit is reported, never waited for.
 *
 * Subjects must be valid UTF-8 (the linter checks and sanitises its input
 * first); matching passes PCRE2_NO_UTF_CHECK. A compiled pattern owns its
 * match data, so one struct qx_rx must not be used by two threads at once. */
#ifndef QEXPLAIN_RULES_H
#define QEXPLAIN_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "qexplain/diag.h"

/* Limits applied to every match (pcre2_set_match_limit / _depth_limit). */
#define QX_RX_MATCH_LIMIT 200000u
#define QX_RX_DEPTH_LIMIT 2000u
#define QX_RX_MAX_GROUPS 10

enum qx_rx_flags {
    QX_RX_CASELESS = 1,  /* ASCII and Unicode case folding */
    QX_RX_MULTILINE = 2, /* ^ and $ match at line ends */
    QX_RX_ANCHORED = 4   /* match only at the start offset */
};

struct qx_rx;

/* Compiles pattern (UTF mode, Unicode properties). On a syntax error adds
 * one diagnostic "invalid pattern '...': reason at offset N" under rule
 * "pattern" and returns QX_EINPUT. `what` names the pattern's owner for the
 * message (may be NULL). */
int qx_rx_compile(struct qx_rx **out, const char *pattern, unsigned flags, const char *what,
                  struct qx_diags *d);
void qx_rx_free(struct qx_rx *rx);

/* Finds the first match in s[0..len) that starts at or after `start`.
 * Returns 1 and sets *ms, *me (byte offsets), 0 when there is none, or
 * QX_ELIMIT when a match limit was hit (the caller treats the rest of the
 * subject as unmatched). */
int qx_rx_find(struct qx_rx *rx, const char *s, size_t len, size_t start, size_t *ms, size_t *me);
/* After a successful find: the span of capture group n (0 = whole match).
 * Returns 0 when the group did not take part in the match. */
int qx_rx_group(const struct qx_rx *rx, unsigned n, size_t *gs, size_t *ge);
/* 1 if the last qx_rx_find hit a limit (for tests and diagnostics). */
int qx_rx_hit_limit(const struct qx_rx *rx);
/* 1 when the pattern was JIT-compiled. */
int qx_rx_jit(const struct qx_rx *rx);

/* Literal word set: a byte trie. Matching at one position costs at most the
 * length of the longest word, so a scan over n positions is O(n * maxlen).
 * Words are UTF-8; QX_WORD_ASCII words are matched ASCII-case-insensitively
 * and only between non-alphanumeric ASCII boundaries. */
enum qx_word_flags { QX_WORD_ASCII = 1 };

struct qx_wordset;

struct qx_wordset *qx_wordset_new(void);
void qx_wordset_free(struct qx_wordset *w);
/* Adds word with a caller's id (>= 0). A later duplicate keeps the first id. */
void qx_wordset_add(struct qx_wordset *w, const char *word, int id, unsigned flags);
/* Longest word that starts exactly at s[i]: returns its id and sets *mlen,
 * or returns -1. */
int qx_wordset_match_at(const struct qx_wordset *w, const char *s, size_t len, size_t i, size_t *mlen);
/* 1 when some word starts with byte b (a cheap pre-filter). */
int qx_wordset_may_start(const struct qx_wordset *w, unsigned char b);

#endif
