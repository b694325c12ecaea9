/* r_words: word-list rules — buzzwords, subjective, generalisation,
 * generic-advice, storytelling, jargon, model-tells — and address.nin.
 * The lists are data (the tables below, from LINT-RULES.md and the seeds'
 * own examples); one trie matches all of them in a single pass over the
 * prose of each sentence. Suggestions ride in the fix field but are never
 * applied: rewording is an editor's call. */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

struct word {
    enum qx_lint_rule rule;
    const char *word;
    const char *hint; /* suggestion for the message */
};

static const struct word words[] = {
    {QX_R_BUZZWORDS, "赋能", "say what it does: 让……能够……"},
    {QX_R_BUZZWORDS, "颠覆", "say what changed, with a figure"},
    {QX_R_BUZZWORDS, "革命性", "say what changed, with a figure"},
    {QX_R_BUZZWORDS, "改变游戏规则", "say what changed, with a figure"},
    {QX_R_BUZZWORDS, "抓手", "name the concrete measure"},
    {QX_R_BUZZWORDS, "黑科技", "name the technique"},
    {QX_R_BUZZWORDS, "神奇", "describe the mechanism"},
    {QX_R_BUZZWORDS, "魔法", "describe the mechanism"},
    {QX_R_BUZZWORDS, "revolutionary", "say what changed, with a figure"},
    {QX_R_BUZZWORDS, "game-changing", "say what changed, with a figure"},
    {QX_R_BUZZWORDS, "game changer", "say what changed, with a figure"},
    {QX_R_BUZZWORDS, "empower", "say what it lets people do"},
    {QX_R_BUZZWORDS, "leverage", "use"},
    {QX_R_BUZZWORDS, "magic", "describe the mechanism"},
    {QX_R_BUZZWORDS, "wizardry", "describe the mechanism"},
    {QX_R_SUBJECTIVE, "惊人", "give the figure instead"},
    {QX_R_SUBJECTIVE, "不可思议", "give the figure instead"},
    {QX_R_SUBJECTIVE, "令人难以置信", "give the figure instead"},
    {QX_R_SUBJECTIVE, "令人惊叹", "give the figure instead"},
    {QX_R_SUBJECTIVE, "amazing", "give the figure instead"},
    {QX_R_SUBJECTIVE, "incredible", "give the figure instead"},
    {QX_R_GENERALISATION, "大多数模型", "name the models and cite the measurement"},
    {QX_R_GENERALISATION, "业内公认", "name who says so and cite it"},
    {QX_R_GENERALISATION, "行业标准", "name the standard, or drop the claim"},
    {QX_R_GENERALISATION, "专家一致认为", "name who says so and cite it"},
    {QX_R_GENERALISATION, "众所周知", "cite the source"},
    {QX_R_GENERIC_ADVICE, "始终验证", "say what to check and against which figure"},
    {QX_R_GENERIC_ADVICE, "根据您的具体情况", "name the condition"},
    {QX_R_GENERIC_ADVICE, "根据你的具体情况", "name the condition"},
    {QX_R_GENERIC_ADVICE, "视情况而定", "name the condition"},
    {QX_R_STORYTELLING, "从前", "state the fact directly"},
    {QX_R_STORYTELLING, "有一天", "state the fact directly"},
    {QX_R_STORYTELLING, "故事", "state the fact directly"},
    {QX_R_STORYTELLING, "小明", "no personas: describe the real task"},
    {QX_R_STORYTELLING, "假如您是", "no personas: describe the real task"},
    {QX_R_STORYTELLING, "假如你是", "no personas: describe the real task"},
    {QX_R_STORYTELLING, "让我们想象", "state the fact directly"},
    {QX_R_JARGON, "KL散度", "explain it in plain words in （）, or say what it measures"},
    {QX_R_JARGON, "仿射变换", "explain it in plain words in （）"},
    {QX_R_JARGON, "张量核心", "say “how the GPU does the math”, or explain it in （）"},
    {QX_R_JARGON, "KL divergence", "explain it in plain words"},
    {QX_R_JARGON, "affine transform", "explain it in plain words"},
    {QX_R_JARGON, "tensor core", "say “how the GPU does the math”"},
    {QX_R_MODEL_TELLS, "值得注意的是", "drop it and state the point"},
    {QX_R_MODEL_TELLS, "总而言之", "drop it and state the point"},
    {QX_R_MODEL_TELLS, "综上所述", "drop it and state the point"},
    {QX_R_MODEL_TELLS, "让我们", "address the reader directly, or drop it"},
    {QX_R_ADDRESS_NIN, "你们", "您"},
    {QX_R_ADDRESS_NIN, "你", "您"},
};
#define NWORDS (sizeof words / sizeof words[0])

static int ascii_word(const char *w)
{
    for (; *w; w++)
        if ((unsigned char)*w >= 0x80)
            return 0;
    return 1;
}

static int has_digit(const struct lx_doc *d, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (d->t[i] >= '0' && d->t[i] <= '9' && lx_prose(d, i))
            return 1;
    return 0;
}

static int followed_by_paren(const struct lx_doc *d, size_t i)
{
    return (i + 3 <= d->len && memcmp(d->t + i, "（", 3) == 0) || (i < d->len && d->t[i] == '(');
}

static void scan(struct lx_doc *d, struct qx_wordset *ws, size_t s, size_t e, int cites)
{
    const char *t = d->t;
    for (size_t i = s; i < e;) {
        unsigned char b = (unsigned char)t[i];
        size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if (!qx_wordset_may_start(ws, b) || !lx_prose(d, i)) {
            i += n;
            continue;
        }
        size_t ml;
        int id = qx_wordset_match_at(ws, t, e, i, &ml);
        if (id < 0) {
            i += n;
            continue;
        }
        const struct word *w = &words[id];
        int skip = !lx_on(d, w->rule);
        if (w->rule == QX_R_GENERALISATION && cites)
            skip = 1;
        if (w->rule == QX_R_JARGON && followed_by_paren(d, i + ml))
            skip = 1;
        if (!skip) {
            char *q = lx_quote(d, i, ml);
            if (w->rule == QX_R_ADDRESS_NIN)
                lx_report(d, w->rule, i, ml, "您", "address the reader as '您', not '%s'", q);
            else
                lx_report(d, w->rule, i, ml, NULL, "'%s': %s", q, w->hint);
            free(q);
        }
        i += ml;
    }
}

static void not_only(struct lx_doc *d, size_t s, size_t e)
{
    struct qx_rx *rx = lx_rx(d, "不仅[^。！？；\\n]{0,40}?更是", 0);
    size_t ms, me, from = s;
    while (lx_find(d, rx, from, e, &ms, &me)) {
        lx_report(d, QX_R_MODEL_TELLS, ms, me - ms, NULL, "'不仅……更是……' is a model-writing pattern; state the point");
        from = me;
    }
}

void lx_rules_words(struct lx_doc *d)
{
    static const enum qx_lint_rule fam[] = {QX_R_BUZZWORDS,      QX_R_SUBJECTIVE,   QX_R_GENERALISATION,
                                            QX_R_GENERIC_ADVICE, QX_R_STORYTELLING, QX_R_JARGON,
                                            QX_R_MODEL_TELLS,    QX_R_ADDRESS_NIN};
    int any = 0;
    for (size_t i = 0; i < sizeof fam / sizeof fam[0]; i++)
        any |= lx_on(d, fam[i]);
    if (!any)
        return;
    struct qx_wordset *ws = qx_wordset_new();
    for (size_t i = 0; i < NWORDS; i++)
        qx_wordset_add(ws, words[i].word, (int)i, ascii_word(words[i].word) ? QX_WORD_ASCII : 0);
    /* "让我们想象" is storytelling; the longest match keeps it from also
     * counting as the model tell "让我们". */
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const struct lx_block *b = &d->blocks[bi];
        if (b->heading || !b->nsent) {
            scan(d, ws, b->start, b->end, 0);
            continue;
        }
        for (size_t k = 0; k < b->nsent; k++) {
            const struct lx_sent *s = &d->sents[b->sent0 + k];
            scan(d, ws, s->start, s->end, has_digit(d, s->start, s->end));
            if (lx_on(d, QX_R_MODEL_TELLS))
                not_only(d, s->start, s->end);
        }
    }
    qx_wordset_free(ws);
}
