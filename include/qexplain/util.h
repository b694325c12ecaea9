/* util: error codes, allocation that dies cleanly on exhaustion, a growable
 * byte buffer and a vector of owned strings. Depends on libc only. */
#ifndef QEXPLAIN_UTIL_H
#define QEXPLAIN_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Fallible functions return 0 or one of these (negative). Each maps to one
 * process exit code (DESIGN.md §2) through qx_exit_code(). */
enum qx_err {
    QX_OK = 0,
    QX_EFINDINGS = -1, /* exit 1: lint errors, stale articles, tensors differ */
    QX_EUSAGE = -2,    /* exit 2 */
    QX_EINPUT = -3,    /* exit 3: invalid YAML, JSON, template, GGUF, facts */
    QX_EIO = -4,       /* exit 4: I/O or system error */
    QX_ELIMIT = -5,    /* exit 3: an input exceeds a documented limit */
    QX_EINTERNAL = -70 /* exit 70: a bug */
};

enum qx_exit {
    QX_EXIT_OK = 0,
    QX_EXIT_FINDINGS = 1,
    QX_EXIT_USAGE = 2,
    QX_EXIT_INPUT = 3,
    QX_EXIT_IO = 4,
    QX_EXIT_INTERNAL = 70
};

int qx_exit_code(int err);
const char *qx_err_name(int err);

/* Allocation. On exhaustion these print one line to stderr and exit with
 * QX_EXIT_IO: no caller has a sensible way to go on, and failure-injection
 * tests rely on a clean message rather than a crash. */
void *qx_malloc(size_t n);
void *qx_calloc(size_t n, size_t size);
void *qx_realloc(void *p, size_t n);
/* Grows an array to hold at least `need` elements of `size` bytes;
 * *cap is updated. Overflow-checked. */
/* Prints "qexplain: fatal: out of memory" and exits QX_EXIT_IO, after
 * removing every registered temporary file. For library calls (cJSON,
 * libyaml) whose NULL result can only mean exhaustion. */
void qx_die_oom(size_t n) __attribute__((noreturn));
/* Temporary files that must not survive a fatal exit (atomic writes in
 * progress). Thread-safe; at most 64 at a time (more are not tracked). */
void qx_tempfile_register(const char *path);
void qx_tempfile_unregister(const char *path);
void *qx_grow(void *p, size_t *cap, size_t need, size_t size);
char *qx_strdup(const char *s);
char *qx_strndup(const char *s, size_t n);
char *qx_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *qx_vasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Growable byte buffer. Invariant: after qx_buf_init, data is never NULL and
 * data[len] == '\0', so data can be used as a C string when the content has
 * no NUL bytes. */
struct qx_buf {
    char *data;
    size_t len;
    size_t cap;
};

void qx_buf_init(struct qx_buf *b);
void qx_buf_release(struct qx_buf *b);
void qx_buf_reset(struct qx_buf *b);
void qx_buf_add(struct qx_buf *b, const void *p, size_t n);
void qx_buf_adds(struct qx_buf *b, const char *s);
void qx_buf_addc(struct qx_buf *b, char c);
void qx_buf_addf(struct qx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qx_buf_vaddf(struct qx_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void qx_buf_truncate(struct qx_buf *b, size_t len);
/* Returns the content as an owned string; b is left initialised and empty. */
char *qx_buf_detach(struct qx_buf *b, size_t *len);

/* Vector of owned strings. */
struct qx_strvec {
    char **items;
    size_t n;
    size_t cap;
};

void qx_strvec_init(struct qx_strvec *v);
void qx_strvec_release(struct qx_strvec *v);
void qx_strvec_push(struct qx_strvec *v, const char *s);      /* copies s */
void qx_strvec_push_owned(struct qx_strvec *v, char *s);      /* takes s */
void qx_strvec_sort(struct qx_strvec *v);                     /* strcmp order */
int qx_strvec_contains(const struct qx_strvec *v, const char *s);

/* $TMPDIR, or /tmp when unset or empty (borrowed). */
const char *qx_tmpdir(void);

int qx_str_starts_with(const char *s, const char *prefix);
int qx_str_ends_with(const char *s, const char *suffix);

#endif
