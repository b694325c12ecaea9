/* tmpl: a Mustache engine. A template is compiled once (with every partial
 * it can reach) into a flat node list, then rendered any number of times.
 * The engine knows nothing of the data model: values are opaque pointers
 * that a table of callbacks looks into (after jobol/mustach's mustach.h).
 * A ready-made adapter renders over a cJSON tree.
 *
 * Supported: {{x}} (escaped), {{{x}}} and {{&x}} (raw), dotted names, the
 * implicit iterator {{.}}, sections, inverted sections, comments, partials
 * with standalone indentation, set delimiters, the standalone-line rules,
 * and template inheritance ({{<parent}} and {{$block}}). Not supported:
 * lambdas and dynamic names ({{>*x}} is a compile error).
 *
 * Errors carry file:line:column of the offending tag (column in
 * characters). Rule ids: tmpl.unclosed-tag, tmpl.unclosed-section,
 * tmpl.section-mismatch, tmpl.unexpected-close, tmpl.delimiter, tmpl.name,
 * tmpl.unsupported, tmpl.depth, tmpl.size, tmpl.partial, tmpl.partials,
 * tmpl.partial-depth, tmpl.output, tmpl.steps; tmpl.partial-missing is a
 * warning. docs/templates.md describes each. Nothing here prints, exits or
 * keeps global state; a compiled template may be rendered from several
 * threads at once. */
#ifndef QEXPLAIN_TMPL_H
#define QEXPLAIN_TMPL_H

#include <stddef.h>

#include "qexplain/diag.h"
#include "qexplain/util.h"

struct cJSON;

/* Limits; a zero field takes the default in brackets. */
struct qx_tmpl_limits {
    size_t max_bytes;           /* size of one template or partial [1 MiB] */
    unsigned max_depth;         /* section and block nesting in one template [32] */
    unsigned max_partials;      /* distinct partial names reachable [256] */
    unsigned max_partial_depth; /* partials and parents nested at render [32] */
    size_t max_output;          /* bytes one render may produce [64 MiB] */
    size_t max_steps;           /* nodes one render may visit [50 million] */
};

#define QX_TMPL_MAX_BYTES ((size_t)1 << 20)
#define QX_TMPL_MAX_DEPTH 32u
#define QX_TMPL_MAX_PARTIALS 256u
#define QX_TMPL_MAX_PARTIAL_DEPTH 32u
#define QX_TMPL_MAX_OUTPUT ((size_t)64 << 20)
#define QX_TMPL_MAX_STEPS ((size_t)50000000)

/* Finds the text of partial `name` (len bytes; may hold any byte, it comes
 * from the template). On success appends the text to out (initialised,
 * empty), sets *path to an owned name for diagnostics ("dir/x.mustache")
 * and returns 0. Returns 1 when there is no such partial (the spec renders
 * it as the empty string; the compiler adds a tmpl.partial-missing
 * warning). Any other failure: returns a negative QX_E* and sets *why to an
 * owned one-line reason; the compiler reports it at the partial's tag. */
struct qx_tmpl_loader {
    int (*load)(void *user, const char *name, size_t len, struct qx_buf *out, char **path, char **why);
    void *user;
};

/* A loader that reads DIR/NAME.mustache. Names are confined to DIR: empty
 * names, names containing "..", a backslash or a NUL byte, and names
 * starting with "/" are rejected, as is a file whose real path lies outside
 * the real path of DIR (a symlink out). dir is borrowed and must outlive
 * every qx_tmpl_compile call that uses the loader. */
struct qx_tmpl_loader qx_tmpl_dir_loader(const char *dir);
/* The name check on its own: 1 if the loader would accept name. */
int qx_tmpl_name_ok(const char *name, size_t len);

struct qx_tmpl; /* opaque: the compiled template and every partial it reaches */

/* Compiles text (len bytes; file names it in diagnostics) and, through
 * loader (NULL: no partials), every partial and parent it names,
 * transitively. Returns 0 and sets *out, or QX_EINPUT (syntax) or
 * QX_ELIMIT with one error diagnostic at file:line:column and *out NULL.
 * limits may be NULL. */
int qx_tmpl_compile(struct qx_tmpl **out, const char *file, const char *text, size_t len,
                    const struct qx_tmpl_loader *loader, const struct qx_tmpl_limits *limits,
                    struct qx_diags *d);
void qx_tmpl_free(struct qx_tmpl *t);

/* The data model. A value is an opaque non-NULL pointer; NULL means
 * "absent". The engine keeps the context stack and resolves names: the
 * first part of a dotted name is looked up from the top of the stack down,
 * the other parts in the value found. */
enum qx_tmpl_kind {
    QX_TMPL_FALSEY, /* false, null: sections skip, inverted sections render */
    QX_TMPL_SCALAR, /* any other non-container: sections render once, pushing it */
    QX_TMPL_LIST,   /* sections render once per item; an empty list is falsey */
    QX_TMPL_MAP     /* sections render once, pushing it */
};

struct qx_tmpl_data {
    /* Member name (n bytes, not NUL-terminated) of v, or NULL if v has none
     * (or is not a map). A member that is null must be returned (found), so
     * that it hides the same name further down the stack. */
    const void *(*get)(void *user, const void *v, const char *name, size_t n);
    enum qx_tmpl_kind (*kind)(void *user, const void *v);
    size_t (*count)(void *user, const void *list);
    const void *(*item)(void *user, const void *list, size_t i);
    /* Appends the text form of v (any kind) to out, unescaped. */
    void (*text)(void *user, const void *v, struct qx_buf *out);
    void *user;
};

enum qx_tmpl_escape {
    QX_TMPL_ESCAPE_HTML = 0, /* {{x}} escapes & < > " ' (the spec's default) */
    QX_TMPL_ESCAPE_NONE      /* {{x}} is raw, as {{{x}}}: for plain-text output */
};

/* Renders t with root as the bottom of the context stack, appending to out.
 * Fails with QX_ELIMIT (partial depth, output size, step budget) and one
 * diagnostic at the tag that crossed the limit; out is then restored to its
 * length on entry, so no partial output escapes. */
int qx_tmpl_render(struct qx_buf *out, const struct qx_tmpl *t, const struct qx_tmpl_data *data,
                   const void *root, enum qx_tmpl_escape esc, struct qx_diags *d);

/* The cJSON data model: objects are maps, arrays lists; false, null and
 * the empty string are falsey (0 is truthy). Numbers print as integers
 * when integral, otherwise in the shortest of %.15g / %.17g that reads
 * back exactly; arrays and objects interpolate as compact JSON. */
extern const struct qx_tmpl_data qx_tmpl_json_data;
int qx_tmpl_render_json(struct qx_buf *out, const struct qx_tmpl *t, const struct cJSON *root,
                        enum qx_tmpl_escape esc, struct qx_diags *d);

#endif
