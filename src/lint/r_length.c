/* r_length: sentences per paragraph and characters per sentence, on the
 * segmenter's sentences. A character is any code point of prose or code
 * that is not white space; markup does not count. No fixes. */
#include "lint_int.h"

static size_t sentence_chars(const struct lx_doc *d, const struct lx_sent *s)
{
    size_t n = 0, k;
    for (size_t i = s->start; i < s->end; i += k) {
        uint32_t c = lx_cp(d->t, d->len, i, &k);
        unsigned char m = d->mask[i];
        if ((m == LX_M_PROSE || m == LX_M_CODE) && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != 0x3000)
            n++;
    }
    return n;
}

void lx_rules_length(struct lx_doc *d)
{
    int para = lx_on(d, QX_R_PARA_SENTENCES), sent = lx_on(d, QX_R_SENTENCE_CHARS);
    if (!para && !sent)
        return;
    size_t maxs = (size_t)lx_param(d, QX_R_PARA_SENTENCES);
    size_t maxc = (size_t)lx_param(d, QX_R_SENTENCE_CHARS);
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const struct lx_block *b = &d->blocks[bi];
        if (b->heading)
            continue;
        if (para && maxs && b->nsent > maxs) {
            const struct lx_sent *s = &d->sents[b->sent0 + maxs];
            lx_report(d, QX_R_PARA_SENTENCES, s->start, s->end - s->start, NULL,
                      "paragraph has %zu sentences; at most %zu allowed, so split it here", b->nsent, maxs);
        }
        if (!sent || !maxc)
            continue;
        for (size_t k = 0; k < b->nsent; k++) {
            const struct lx_sent *s = &d->sents[b->sent0 + k];
            size_t n = sentence_chars(d, s);
            if (n > maxc)
                lx_report(d, QX_R_SENTENCE_CHARS, s->start, s->end - s->start, NULL,
                          "sentence has %zu characters; keep it under %zu", n, maxc);
        }
    }
}
