/* json: the only cJSON adapter. Parses with exact error positions, rejects
 * duplicate keys and excessive nesting, and remembers where every value sits
 * so that later validation (facts check, skill schema) can point at it.
 * The YAML loader fills the same position index from libyaml marks. */
#ifndef QEXPLAIN_JSON_H
#define QEXPLAIN_JSON_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "qexplain/diag.h"

#define QX_JSON_MAX_DEPTH 64

struct qx_json_pos {
    const cJSON *node;
    unsigned line, col; /* of the value; for object members, of the key */
    size_t byte;
};

struct qx_json_doc {
    cJSON *root;  /* owned */
    char *file;   /* owned; the name used in diagnostics */
    struct qx_json_pos *pos; /* sorted by node pointer once frozen */
    size_t npos, cap;
    int frozen;
};

void qx_json_doc_init(struct qx_json_doc *doc, const char *file);
void qx_json_doc_release(struct qx_json_doc *doc);

/* Parses text as JSON into doc (initialised by this call). Errors: invalid
 * UTF-8, syntax, nesting past QX_JSON_MAX_DEPTH, duplicate keys; each one
 * diagnostic with line and column; returns QX_EINPUT. */
int qx_json_parse(struct qx_json_doc *doc, const char *file, const char *text, size_t len,
                  struct qx_diags *d);

/* Position index, used by the parser and by the YAML loader. */
void qx_json_doc_set_pos(struct qx_json_doc *doc, const cJSON *node, unsigned line, unsigned col,
                         size_t byte);
/* Returns 1 and fills line/col when node's position is known. */
int qx_json_doc_pos(const struct qx_json_doc *doc, const cJSON *node, unsigned *line, unsigned *col);

/* Adds an error or warning located at node (or at line 0 if unknown). */
struct qx_diag *qx_json_diag(const struct qx_json_doc *doc, struct qx_diags *d, const cJSON *node,
                             enum qx_severity sev, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Typed getters: NULL / 0 when absent or of another type. */
const char *qx_json_str(const cJSON *obj, const char *key);
int qx_json_num(const cJSON *obj, const char *key, double *out);

/* Deterministic serialisation (cJSON keeps insertion order); owned. */
char *qx_json_print(const cJSON *node, int pretty);
/* Appends root, pretty-printed, and a newline to out, then deletes root:
 * the last step of every JSON renderer. */
void qx_json_emit(struct qx_buf *out, cJSON *root);

#endif
