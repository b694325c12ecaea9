/* engine: one lint run — UTF-8 check and sanitising, segmentation, the rule
 * families of the profile, suppression, ordering — plus the reporting
 * helpers every rule uses. Depends on text, diag, rules and the rule files.
 * Invariant: findings carry 1-based line, character column (a BOM is not a
 * column), byte offset and byte length into the caller's text. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

int lx_on(const struct lx_doc *d, enum qx_lint_rule r)
{
    return d->o->profile->r[r].on;
}

int lx_param(const struct lx_doc *d, enum qx_lint_rule r)
{
    return d->o->profile->r[r].param;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *u = p;
    for (size_t i = 0; i < n; i++) {
        h ^= u[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void pos(const struct lx_doc *d, size_t byte, unsigned *line, unsigned *col)
{
    qx_linemap_pos(&d->map, byte, line, col);
    if (*line == 1 && d->base && byte >= d->base && *col > 1)
        (*col)--;
}

struct qx_diag *lx_report(struct lx_doc *d, enum qx_lint_rule r, size_t byte, size_t len, const char *fix,
                          const char *fmt, ...)
{
    if (!lx_on(d, r))
        return NULL;
    unsigned line, col;
    pos(d, byte, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    struct qx_diag *g = qx_diags_vadd(d->out, d->file, line, col, d->o->profile->r[r].sev,
                                      qx_lint_rule_info(r)->id, fmt, ap);
    va_end(ap);
    g->byte = byte;
    g->len = len;
    if (fix)
        qx_diag_set_fix(g, fix);
    /* The fingerprint survives edits elsewhere in the file: rule, the
     * offending text and the rest of its line, never the line number. */
    const char *id = qx_lint_rule_info(r)->id;
    size_t ll;
    const char *lt = qx_linemap_line(&d->map, line, &ll);
    uint64_t h = 1469598103934665603ull;
    h = fnv(h, id, strlen(id) + 1);
    h = fnv(h, d->t + byte, len);
    h = fnv(h, "", 1);
    h = fnv(h, lt, ll);
    g->fingerprint = qx_asprintf("%016llx", (unsigned long long)h);
    return g;
}

char *lx_quote(const struct lx_doc *d, size_t byte, size_t len)
{
    /* at most 24 characters, cut at a character boundary */
    size_t e = byte, chars = 0;
    while (e < byte + len && chars < 24) {
        size_t n;
        (void)lx_cp(d->t, d->len, e, &n);
        e += n;
        chars++;
    }
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t i = byte; i < e; i++) {
        char c = d->t[i];
        if (c == '\n' || c == '\r' || c == '\t')
            qx_buf_addc(&b, ' ');
        else
            qx_buf_addc(&b, c);
    }
    if (e < byte + len)
        qx_buf_adds(&b, "…");
    return qx_buf_detach(&b, NULL);
}

struct qx_rx *lx_rx(struct lx_doc *d, const char *pattern, unsigned flags)
{
    for (size_t i = 0; i < d->nrx; i++)
        if (d->rx[i].pattern == pattern)
            return d->rx[i].rx;
    struct qx_rx *rx = NULL;
    if (d->nrx >= sizeof d->rx / sizeof d->rx[0] || qx_rx_compile(&rx, pattern, flags, "lint", d->err)) {
        d->failed = 1;
        return NULL;
    }
    d->rx[d->nrx].pattern = pattern;
    d->rx[d->nrx++].rx = rx;
    return rx;
}

int lx_find(struct lx_doc *d, struct qx_rx *rx, size_t from, size_t end, size_t *ms, size_t *me)
{
    while (rx && from < end) {
        int rc = qx_rx_find(rx, d->t, end, from, ms, me);
        if (rc == QX_ELIMIT) {
            /* a limit: give up on this line only, never on the rest */
            const char *nl = memchr(d->t + from, '\n', end - from);
            if (!nl)
                return 0;
            from = (size_t)(nl - d->t) + 1;
            continue;
        }
        if (rc != 1)
            return 0;
        if (lx_prose(d, *ms) && *me > *ms)
            return 1;
        size_t n;
        (void)lx_cp(d->t, d->len, *ms, &n);
        from = *me > *ms ? *ms + n : *ms + n;
    }
    return 0;
}

/* Reports each run of invalid bytes and replaces every invalid byte with
 * U+001A (SUB) in buf, so that offsets stay those of the input and no
 * prose rule sees punctuation that is not there. */
static void sanitise(struct lx_doc *d, char *buf, size_t len)
{
    size_t at = 0, bad;
    size_t run_start = 0, run_len = 0;
    while (at < len && !qx_text_utf8_valid(buf + at, len - at, &bad)) {
        size_t b = at + bad;
        if (run_len && run_start + run_len == b) {
            run_len++;
        } else {
            if (run_len)
                lx_report(d, QX_R_ENCODING, run_start, run_len, NULL,
                          "invalid UTF-8 byte 0x%02X; the file must be UTF-8", (unsigned char)d->t[run_start]);
            run_start = b;
            run_len = 1;
        }
        buf[b] = '\x1A';
        at = b + 1;
    }
    if (run_len) {
        /* report with the original byte value */
        lx_report(d, QX_R_ENCODING, run_start, run_len, NULL, "invalid UTF-8 byte 0x%02X; the file must be UTF-8",
                  (unsigned char)d->t[run_start]);
    }
}

static void doc_release(struct lx_doc *d)
{
    for (size_t i = 0; i < d->nrx; i++)
        qx_rx_free(d->rx[i].rx);
    qx_linemap_release(&d->map);
    free(d->mask);
    free(d->lines);
    free(d->blocks);
    free(d->sents);
    free(d->md);
    free(d->comments);
    free(d->supp);
    free(d->block_figs);
}

int qx_lint_text(struct qx_diags *out, const char *file, const char *text, size_t len,
                 const struct qx_lint_opts *o, struct qx_diags *err)
{
    struct lx_doc d;
    memset(&d, 0, sizeof d);
    d.file = file ? file : "<stdin>";
    d.o = o;
    d.err = err;
    struct qx_diags found;
    qx_diags_init(&found);
    d.out = &found;

    char *copy = NULL;
    size_t bad;
    d.t = text;
    d.len = len;
    if (!qx_text_utf8_valid(text, len, &bad)) {
        copy = qx_malloc(len + 1);
        memcpy(copy, text, len);
        copy[len] = '\0';
        /* positions of encoding findings need a line map of the input: the
         * replacement keeps every newline, so build the map on the copy. */
        qx_linemap_init(&d.map, copy, len);
        d.t = text;
        sanitise(&d, copy, len);
        d.t = copy;
    } else {
        qx_linemap_init(&d.map, text, len);
    }
    if (len >= 3 && memcmp(d.t, "\xEF\xBB\xBF", 3) == 0)
        d.base = 3;
    d.mask = qx_calloc(len + 1, 1);

    lx_segment(&d);
    lx_suppress_parse(&d);
    size_t first = d.out->n; /* encoding findings cannot be suppressed */
    lx_rules_format(&d);
    lx_rules_length(&d);
    lx_rules_simplified(&d);
    lx_rules_acronym(&d);
    lx_rules_words(&d);
    lx_rules_punct(&d);
    lx_rules_numbers(&d);
    lx_rules_grounding(&d);
    lx_rules_deid(&d);
    lx_rules_structure(&d);
    lx_suppress_apply(&d, first);

    int rc = d.failed ? QX_EINTERNAL : 0;
    doc_release(&d);
    free(copy);
    qx_diags_sort(&found);
    qx_diags_move(out, &found);
    qx_diags_release(&found);
    return rc;
}
