/* preview/html.h: a small HTML tokenizer, private to the preview module.
 * It knows tags, attributes, comments, declarations and raw-text elements;
 * it does not build a tree and never allocates. Positions are byte offsets
 * into the input. */
#ifndef QX_PREVIEW_HTML_H
#define QX_PREVIEW_HTML_H

#include <stddef.h>

#define HTML_MAX_ATTRS 32 /* attributes kept per tag; more are counted */
#define HTML_MAX_NAME 31  /* longer tag names are unknown elements */

enum html_kind { HTML_EOF, HTML_TEXT, HTML_START, HTML_END, HTML_SKIP };

struct html_attr {
    const char *name, *val; /* val NULL without '=' */
    size_t name_len, val_len;
    size_t pos;
};

struct html_tok {
    enum html_kind kind;
    size_t pos, len;            /* the token's bytes */
    char name[HTML_MAX_NAME + 1]; /* lower case; "" when too long */
    int self_closing;
    struct html_attr attrs[HTML_MAX_ATTRS];
    size_t nattrs, extra_attrs;
};

struct html_lexer {
    const char *s;
    size_t len, i;
};

/* Next token: text up to '<', a start or end tag, or HTML_SKIP for
 * comments, <!DOCTYPE>, <?...?>. A '<' that starts none of these is text. */
void html_next(struct html_lexer *lx, struct html_tok *t);
/* After the start tag of a raw-text element (script, style, title ...):
 * moves past its content and end tag; returns the content's length. */
size_t html_skip_raw(struct html_lexer *lx, const char *name);
/* Decodes the character references of an attribute value that matter to
 * the style filter (&quot; &amp; &lt; &gt; &apos; &#N; &#xH;) into out,
 * which has room for n + 1 bytes; returns the decoded length. */
size_t html_decode_attr(char *out, const char *s, size_t n);
/* ASCII case-insensitive comparison of s[0..n) with a lower-case word. */
int html_ieq(const char *s, size_t n, const char *word);

#endif
