/* segment: turns a draft into lines, Markdown constructs, blocks
 * (paragraphs and heading lines) and sentences, and marks every byte that
 * prose rules must skip (code, link targets, markup, HTML comments).
 * Depends on text (line map). One pass per level; linear in the input.
 *
 * Sentences end after 。！？；!?; or …… / ..., with closing quotes and
 * brackets attached; a block's end also ends its last sentence. */
#include <string.h>

#include "lint_int.h"

uint32_t lx_cp_before(const char *s, size_t i, size_t *start)
{
    size_t j = i - 1;
    int k = 0;
    while (j > 0 && k < 3 && ((unsigned char)s[j] & 0xC0) == 0x80) {
        j--;
        k++;
    }
    size_t n;
    *start = j;
    return lx_cp(s, i, j, &n);
}

static int is_blank_span(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == ' ' || c == '\t')
            continue;
        if (c == 0xE3 && i + 2 < e && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0x80) {
            i += 2; /* U+3000 */
            continue;
        }
        return 0;
    }
    return 1;
}

static size_t skip_ws(const char *t, size_t i, size_t e)
{
    while (i < e) {
        unsigned char c = (unsigned char)t[i];
        if (c == ' ' || c == '\t')
            i++;
        else if (c == 0xE3 && i + 2 < e && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0x80)
            i += 3;
        else
            break;
    }
    return i;
}

static void add_md(struct lx_doc *d, enum lx_md_kind k, size_t s, size_t e, size_t is, size_t ie)
{
    d->md = qx_grow(d->md, &d->md_cap, d->nmd + 1, sizeof *d->md);
    struct lx_md *m = &d->md[d->nmd++];
    m->kind = k;
    m->start = s;
    m->end = e;
    m->inner_start = is;
    m->inner_end = ie;
    m->level = 0;
}

static void mark(struct lx_doc *d, size_t s, size_t e, unsigned char m)
{
    if (e > s)
        memset(d->mask + s, m, e - s);
}

/* A Chinese numbered heading: 一、… up to 50 characters, no sentence end. */
static int zh_numbered_heading(const struct lx_doc *d, size_t s, size_t e)
{
    const char *t = d->t;
    size_t i = skip_ws(t, s, e), n;
    if (i + 2 <= e && t[i] == '*' && t[i + 1] == '*')
        i += 2;
    int digits = 0;
    while (i < e) {
        uint32_t c = lx_cp(t, e, i, &n);
        if (!(c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94 ||
              c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D || c == 0x5341))
            break;
        digits++;
        i += n;
    }
    if (!digits || digits > 3 || i >= e || lx_cp(t, e, i, &n) != 0x3001)
        return 0;
    if (qx_text_count_chars(t + s, e - s) > 50)
        return 0;
    size_t ls;
    size_t end = e;
    while (end > s && (t[end - 1] == ' ' || t[end - 1] == '*'))
        end--;
    uint32_t last = end > s ? lx_cp_before(t, end, &ls) : 0;
    return !(last == 0x3002 || last == 0xFF01 || last == 0xFF1F || last == 0xFF1B || last == 0xFF0C);
}

/* Inline Markdown on one text line: code spans, images, links, autolinks,
 * bold and italic markers. */
static void inline_md(struct lx_doc *d, size_t s, size_t e)
{
    const char *t = d->t;
    for (size_t i = s; i < e; i++) {
        if (d->mask[i] != LX_M_PROSE)
            continue;
        char c = t[i];
        if (c == '`') {
            size_t k = i;
            while (k < e && t[k] == '`')
                k++;
            size_t run = k - i;
            const char *close = NULL;
            for (size_t j = k; j + run <= e; j++) {
                if (t[j] == '`') {
                    size_t r = j;
                    while (r < e && t[r] == '`')
                        r++;
                    if (r - j == run) {
                        close = t + j;
                        break;
                    }
                    j = r;
                }
            }
            if (!close) {
                i = k - 1;
                continue;
            }
            size_t cs = (size_t)(close - t);
            add_md(d, LX_MD_CODE, i, cs + run, k, cs);
            mark(d, i, k, LX_M_MARK);
            mark(d, k, cs, LX_M_CODE);
            mark(d, cs, cs + run, LX_M_MARK);
            i = cs + run - 1;
        } else if ((c == '[' || (c == '!' && i + 1 < e && t[i + 1] == '['))) {
            size_t lb = c == '!' ? i + 1 : i;
            size_t j = lb + 1;
            while (j < e && t[j] != ']' && t[j] != '[')
                j++;
            if (j + 1 >= e || t[j] != ']' || t[j + 1] != '(')
                continue;
            size_t k = j + 2;
            while (k < e && t[k] != ')' && t[k] != ' ')
                k++;
            if (k >= e || t[k] != ')')
                continue;
            add_md(d, c == '!' ? LX_MD_IMAGE : LX_MD_LINK, i, k + 1, lb + 1, j);
            if (c == '!')
                mark(d, i, k + 1, LX_M_URL);
            else {
                mark(d, i, lb + 1, LX_M_MARK);
                mark(d, j, j + 2, LX_M_MARK);
                mark(d, j + 2, k, LX_M_URL);
                mark(d, k, k + 1, LX_M_MARK);
            }
            i = c == '!' ? k : lb;
        } else if (c == '<' && i + 8 < e && (memcmp(t + i + 1, "http://", 7) == 0 || memcmp(t + i + 1, "https://", 8) == 0)) {
            size_t k = i + 1;
            while (k < e && t[k] != '>' && t[k] != ' ')
                k++;
            if (k < e && t[k] == '>') {
                add_md(d, LX_MD_AUTOLINK, i, k + 1, i + 1, k);
                mark(d, i, k + 1, LX_M_URL);
                i = k;
            }
        } else if ((c == '*' || c == '_') && i + 1 < e && t[i + 1] == c) {
            /* **bold** / __bold__: the closing pair on the same line, with
             * no space just inside either marker. */
            size_t k = i + 2;
            if (k >= e || t[k] == ' ')
                continue;
            size_t j = k;
            while (j + 1 < e && !(t[j] == c && t[j + 1] == c && d->mask[j] == LX_M_PROSE))
                j++;
            if (j + 1 >= e || j == k || t[j - 1] == ' ')
                continue;
            if (c == '_' && ((i > s && lx_is_ascii_alnum((unsigned char)t[i - 1])) ||
                             (j + 2 < e && lx_is_ascii_alnum((unsigned char)t[j + 2]))))
                continue;
            add_md(d, LX_MD_BOLD, i, j + 2, k, j);
            mark(d, i, k, LX_M_MARK);
            mark(d, j, j + 2, LX_M_MARK);
            i = k - 1;
        } else if (c == '*' && i + 1 < e && t[i + 1] != ' ' && t[i + 1] != '*' &&
                   !(i > s && t[i - 1] == '*')) {
            size_t j = i + 1;
            while (j < e && !(t[j] == '*' && d->mask[j] == LX_M_PROSE))
                j++;
            if (j >= e || t[j - 1] == ' ' || (j + 1 < e && t[j + 1] == '*'))
                continue;
            add_md(d, LX_MD_ITALIC, i, j + 1, i + 1, j);
            mark(d, i, i + 1, LX_M_MARK);
            mark(d, j, j + 1, LX_M_MARK);
        }
    }
}

static void comments(struct lx_doc *d)
{
    const char *t = d->t;
    size_t i = d->base;
    while (i + 4 <= d->len) {
        const char *p = memchr(t + i, '<', d->len - i);
        if (!p)
            break;
        size_t s = (size_t)(p - t);
        if (s + 4 > d->len || memcmp(p, "<!--", 4) != 0 || d->mask[s] != LX_M_PROSE) {
            i = s + 1;
            continue;
        }
        size_t e = d->len;
        for (size_t j = s + 4; j + 3 <= d->len; j++) {
            if (t[j] == '-' && memcmp(t + j, "-->", 3) == 0) {
                e = j + 3;
                break;
            }
        }
        mark(d, s, e, LX_M_COMMENT);
        d->comments = qx_grow(d->comments, &d->comments_cap, d->ncomments + 1, sizeof *d->comments);
        struct lx_comment *c = &d->comments[d->ncomments++];
        c->start = s;
        c->end = e;
        size_t ls = s;
        while (ls > 0 && t[ls - 1] != '\n')
            ls--;
        size_t le = e;
        while (le < d->len && t[le] != '\n')
            le++;
        c->alone = is_blank_span(t, ls < d->base ? d->base : ls, s) && is_blank_span(t, e, le);
        i = e;
    }
}

static void lines(struct lx_doc *d)
{
    const char *t = d->t;
    size_t i = 0;
    while (i <= d->len) {
        const char *nl = memchr(t + i, '\n', d->len - i);
        size_t e = nl ? (size_t)(nl - t) : d->len;
        size_t next = nl ? e + 1 : d->len;
        size_t ce = e;
        if (ce > i && t[ce - 1] == '\r')
            ce--;
        d->lines = qx_grow(d->lines, &d->lines_cap, d->nlines + 1, sizeof *d->lines);
        struct lx_line *l = &d->lines[d->nlines++];
        l->start = i == 0 ? d->base : i;
        l->end = ce < l->start ? l->start : ce;
        l->next = next;
        l->kind = LX_L_TEXT;
        l->md_level = 0;
        if (!nl)
            break;
        i = next;
        if (i == d->len) { /* final newline: no empty last line */
            break;
        }
    }
    if (d->nlines > 0 && d->lines[0].end < d->len && d->lines[0].next > d->lines[0].end + 1)
        d->crlf = 1;
}

static void classify(struct lx_doc *d)
{
    const char *t = d->t;
    int fence = 0;
    size_t fence_start = 0;
    char fence_ch = 0;
    for (size_t li = 0; li < d->nlines; li++) {
        struct lx_line *l = &d->lines[li];
        size_t s = l->start, e = l->end;
        size_t i = s;
        while (i < e && i < s + 3 && t[i] == ' ')
            i++;
        int is_fence = i + 3 <= e && (t[i] == '`' || t[i] == '~') && t[i + 1] == t[i] && t[i + 2] == t[i];
        if (fence) {
            l->kind = LX_L_FENCE;
            mark(d, s, e, LX_M_CODE);
            if (is_fence && t[i] == fence_ch) {
                fence = 0;
                mark(d, s, e, LX_M_MARK);
                add_md(d, LX_MD_FENCE, fence_start, e, fence_start, e);
            }
            continue;
        }
        if (is_fence) {
            fence = 1;
            fence_ch = t[i];
            fence_start = s;
            l->kind = LX_L_FENCE;
            mark(d, s, e, LX_M_MARK);
            continue;
        }
        int all_comment = e > s;
        int any = 0;
        for (size_t j = s; j < e; j++) {
            if (d->mask[j] == LX_M_COMMENT)
                any = 1;
            else if (!(t[j] == ' ' || t[j] == '\t'))
                all_comment = 0;
        }
        if (any && all_comment) {
            l->kind = LX_L_COMMENT;
            continue;
        }
        if (is_blank_span(t, s, e)) {
            l->kind = LX_L_BLANK;
            continue;
        }
        /* ATX heading */
        size_t h = i;
        while (h < e && t[h] == '#')
            h++;
        if (h > i && h - i <= 6 && (h == e || t[h] == ' ')) {
            l->kind = LX_L_HEADING;
            l->md_level = (unsigned char)(h - i);
            size_t inner = h;
            while (inner < e && t[inner] == ' ')
                inner++;
            add_md(d, LX_MD_HEADING, s, e, inner, e);
            d->md[d->nmd - 1].level = (int)(h - i);
            mark(d, s, inner, LX_M_MARK);
        } else if (zh_numbered_heading(d, s, e)) {
            l->kind = LX_L_HEADING;
        }
        /* blockquote marker */
        if (i < e && t[i] == '>') {
            size_t q = i + 1;
            if (q < e && t[q] == ' ')
                q++;
            add_md(d, LX_MD_QUOTE, s, q, q, q);
            mark(d, s, q, LX_M_MARK);
        }
        /* table row: starts and ends with '|' */
        if (i < e && t[i] == '|' && t[e - 1] == '|' && e - i >= 3)
            add_md(d, LX_MD_TABLE, s, e, s, e);
        inline_md(d, s, e);
    }
}

static void add_sentence(struct lx_doc *d, size_t s, size_t e, size_t block)
{
    /* trim leading and trailing white space (incl. U+3000) */
    s = skip_ws(d->t, s, e);
    while (e > s && (d->t[e - 1] == ' ' || d->t[e - 1] == '\t' || d->t[e - 1] == '\n' || d->t[e - 1] == '\r'))
        e--;
    if (e <= s)
        return;
    int any = 0;
    for (size_t i = s; i < e && !any; i++)
        any = d->mask[i] == LX_M_PROSE || d->mask[i] == LX_M_CODE;
    if (!any)
        return;
    d->sents = qx_grow(d->sents, &d->sents_cap, d->nsents + 1, sizeof *d->sents);
    struct lx_sent *st = &d->sents[d->nsents++];
    st->start = s;
    st->end = e;
    st->block = block;
    size_t n, k = e, ps;
    uint32_t c = 0;
    while (k > s) {
        c = lx_cp_before(d->t, k, &ps);
        if (c == 0x201D || c == 0x2019 || c == 0xFF09 || c == 0x300B || c == 0x300D || c == ')' || c == '"')
            k = ps;
        else
            break;
    }
    (void)n;
    st->question = c == 0xFF1F || c == '?';
}

static int is_terminator(uint32_t c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '!' || c == '?' || c == ';';
}

static int is_closer(uint32_t c)
{
    return c == 0x201D || c == 0x2019 || c == 0xFF09 || c == 0x300B || c == 0x300D || c == 0x300F || c == ')' ||
           c == '"';
}

static void sentences(struct lx_doc *d, size_t bi)
{
    struct lx_block *b = &d->blocks[bi];
    const char *t = d->t;
    b->sent0 = d->nsents;
    size_t s = b->start, i = b->start, n;
    while (i < b->end) {
        if (d->mask[i] != LX_M_PROSE) {
            i++;
            continue;
        }
        uint32_t c = lx_cp(t, b->end, i, &n);
        size_t j = i + n;
        int end = 0;
        if (is_terminator(c)) {
            end = 1;
        } else if (c == 0x2026) {
            end = 1;
        } else if (c == '.' && j + 1 < b->end && t[j] == '.' && t[j + 1] == '.') {
            end = 1;
            j += 2;
        }
        if (end) {
            /* absorb repeated terminators and closing marks */
            while (j < b->end) {
                size_t m;
                uint32_t c2 = lx_cp(t, b->end, j, &m);
                if (is_terminator(c2) || c2 == 0x2026 || c2 == '.' || is_closer(c2))
                    j += m;
                else
                    break;
            }
            add_sentence(d, s, j, bi);
            s = j;
        }
        i = j;
    }
    if (s < b->end)
        add_sentence(d, s, b->end, bi);
    b->nsent = d->nsents - b->sent0;
}

/* Length of a list marker at t[i], or 0. */
size_t lx_bullet_at(const char *t, size_t i, size_t e)
{
    if (i >= e)
        return 0;
    char c = t[i];
    if ((c == '-' || c == '*' || c == '+') && i + 1 < e && t[i + 1] == ' ')
        return 1;
    if (c >= '0' && c <= '9') {
        size_t j = i;
        while (j < e && j - i < 3 && t[j] >= '0' && t[j] <= '9')
            j++;
        if (j < e && (t[j] == '.' || t[j] == ')') && (j + 1 == e || t[j + 1] == ' '))
            return j + 1 - i;
        if (j + 3 <= e && memcmp(t + j, "\xE3\x80\x81", 3) == 0) /* 1、 */
            return j + 3 - i;
        return 0;
    }
    size_t n;
    uint32_t u = lx_cp(t, e, i, &n);
    if (u == 0x2022 || u == 0x00B7 || u == 0x25CF || u == 0x25AA || u == 0x25E6 || u == 0x25A0 || u == 0x25C6 ||
        u == 0x30FB || u == 0x2023 || (u >= 0x2460 && u <= 0x249B) || (u >= 0x2776 && u <= 0x2793))
        return n;
    return 0;
}

/* A line that opens with a list, heading or quote marker is no title. */
static int title_marked(const struct lx_doc *d, size_t s, size_t e)
{
    size_t i = skip_ws(d->t, s, e);
    return lx_bullet_at(d->t, i, e) || (i < e && (d->t[i] == '#' || d->t[i] == '>' || d->t[i] == '|'));
}

static void blocks(struct lx_doc *d)
{
    size_t section = 0;
    for (size_t li = 0; li < d->nlines;) {
        struct lx_line *l = &d->lines[li];
        if (l->kind == LX_L_BLANK || l->kind == LX_L_COMMENT || l->kind == LX_L_FENCE) {
            li++;
            continue;
        }
        size_t lj = li + 1;
        if (l->kind != LX_L_HEADING)
            while (lj < d->nlines && d->lines[lj].kind == LX_L_TEXT)
                lj++;
        d->blocks = qx_grow(d->blocks, &d->blocks_cap, d->nblocks + 1, sizeof *d->blocks);
        struct lx_block *b = &d->blocks[d->nblocks++];
        memset(b, 0, sizeof *b);
        b->start = l->start;
        b->end = d->lines[lj - 1].end;
        b->line0 = li;
        b->nlines = lj - li;
        b->heading = l->kind == LX_L_HEADING;
        /* the title: a lone first line of at most 40 characters that does
         * not end a sentence (WeChat takes it as the article title) */
        if (d->nblocks == 1 && !b->heading && lj == li + 1 && (lj == d->nlines || d->lines[lj].kind == LX_L_BLANK) &&
            qx_text_count_chars(d->t + b->start, b->end - b->start) <= 40) {
            size_t ps;
            uint32_t last = b->end > b->start ? lx_cp_before(d->t, b->end, &ps) : 0;
            if (last != 0x3002 && last != 0xFF01 && last != 0xFF1F && last != 0xFF1B && last != 0xFF0C &&
                last != 0x2026 && last != '.' && last != ':' && last != 0xFF1A && !title_marked(d, b->start, b->end)) {
                b->heading = 1;
                b->title = 1;
                d->lines[li].kind = LX_L_HEADING;
            }
        }
        if (b->heading)
            section++;
        b->section = section;
        if (!b->heading)
            sentences(d, d->nblocks - 1);
        li = lj;
    }
}

size_t lx_block_text_start(const struct lx_doc *d, const struct lx_block *b)
{
    size_t i = b->start;
    for (;;) {
        size_t j = skip_ws(d->t, i, b->end);
        while (j < b->end && d->mask[j] == LX_M_MARK)
            j++;
        if (j == i)
            return i;
        i = j;
    }
}

void lx_segment(struct lx_doc *d)
{
    comments(d);
    lines(d);
    classify(d);
    blocks(d);
}
