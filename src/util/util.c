/* util: error-code mapping, allocation, buffers, string vectors.
 * Depends on libc only. Allocation failure is fatal by design (see util.h). */
#include "qexplain/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int qx_exit_code(int err)
{
    switch (err) {
    case QX_OK: return QX_EXIT_OK;
    case QX_EFINDINGS: return QX_EXIT_FINDINGS;
    case QX_EUSAGE: return QX_EXIT_USAGE;
    case QX_EINPUT:
    case QX_ELIMIT: return QX_EXIT_INPUT;
    case QX_EIO: return QX_EXIT_IO;
    default: return QX_EXIT_INTERNAL;
    }
}

const char *qx_err_name(int err)
{
    switch (err) {
    case QX_OK: return "ok";
    case QX_EFINDINGS: return "findings";
    case QX_EUSAGE: return "usage";
    case QX_EINPUT: return "invalid input";
    case QX_ELIMIT: return "limit exceeded";
    case QX_EIO: return "I/O error";
    default: return "internal error";
    }
}

/* Fixed-size storage: registering must not allocate, since it runs on the
 * way to an allocation failure too. */
#define QX_MAX_TEMPFILES 64
static char tempfiles[QX_MAX_TEMPFILES][4096];
static pthread_mutex_t tempfiles_mu = PTHREAD_MUTEX_INITIALIZER;

void qx_tempfile_register(const char *path)
{
    pthread_mutex_lock(&tempfiles_mu);
    for (int i = 0; i < QX_MAX_TEMPFILES; i++) {
        if (!tempfiles[i][0] && strlen(path) < sizeof tempfiles[i]) {
            memcpy(tempfiles[i], path, strlen(path) + 1);
            break;
        }
    }
    pthread_mutex_unlock(&tempfiles_mu);
}

void qx_tempfile_unregister(const char *path)
{
    pthread_mutex_lock(&tempfiles_mu);
    for (int i = 0; i < QX_MAX_TEMPFILES; i++)
        if (tempfiles[i][0] && strcmp(tempfiles[i], path) == 0)
            tempfiles[i][0] = '\0';
    pthread_mutex_unlock(&tempfiles_mu);
}

void qx_die_oom(size_t n)
{
    fprintf(stderr, "qexplain: fatal: out of memory (requesting %zu bytes)\n", n);
    pthread_mutex_lock(&tempfiles_mu);
    for (int i = 0; i < QX_MAX_TEMPFILES; i++)
        if (tempfiles[i][0])
            unlink(tempfiles[i]);
    /* _exit: atexit handlers and stdio flushing could allocate again, and a
     * half-written stdout must not be completed as if all went well. */
    _exit(QX_EXIT_IO);
}

static void die_oom(size_t n)
{
    qx_die_oom(n);
}

void *qx_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die_oom(n);
    return p;
}

void *qx_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die_oom(n * size);
    return p;
}

void *qx_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die_oom(n);
    return q;
}

void *qx_grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            die_oom(SIZE_MAX);
        ncap *= 2;
    }
    if (size && ncap > SIZE_MAX / size)
        die_oom(SIZE_MAX);
    p = qx_realloc(p, ncap * size);
    *cap = ncap;
    return p;
}

char *qx_strdup(const char *s)
{
    return qx_strndup(s, strlen(s));
}

char *qx_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = qx_malloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *qx_vasprintf(const char *fmt, va_list ap)
{
    struct qx_buf b;
    qx_buf_init(&b);
    qx_buf_vaddf(&b, fmt, ap);
    return qx_buf_detach(&b, NULL);
}

char *qx_asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = qx_vasprintf(fmt, ap);
    va_end(ap);
    return s;
}

/* A static empty string lets an initialised buffer hold no heap memory. */
static char buf_empty[1];

void qx_buf_init(struct qx_buf *b)
{
    b->data = buf_empty;
    b->len = 0;
    b->cap = 0;
}

void qx_buf_release(struct qx_buf *b)
{
    if (b->cap)
        free(b->data);
    qx_buf_init(b);
}

void qx_buf_reset(struct qx_buf *b)
{
    qx_buf_truncate(b, 0);
}

static void buf_reserve(struct qx_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        die_oom(SIZE_MAX);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    if (b->cap) {
        b->data = qx_realloc(b->data, ncap);
    } else {
        b->data = qx_malloc(ncap);
        b->data[0] = '\0';
    }
    b->cap = ncap;
}

void qx_buf_add(struct qx_buf *b, const void *p, size_t n)
{
    if (!n)
        return;
    buf_reserve(b, n);
    memmove(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void qx_buf_adds(struct qx_buf *b, const char *s)
{
    qx_buf_add(b, s, strlen(s));
}

void qx_buf_addc(struct qx_buf *b, char c)
{
    qx_buf_add(b, &c, 1);
}

void qx_buf_vaddf(struct qx_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n <= 0)
        return;
    buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void qx_buf_addf(struct qx_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qx_buf_vaddf(b, fmt, ap);
    va_end(ap);
}

void qx_buf_truncate(struct qx_buf *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->data[len] = '\0';
}

char *qx_buf_detach(struct qx_buf *b, size_t *len)
{
    char *s;
    if (b->cap) {
        s = b->data;
    } else {
        s = qx_malloc(1);
        s[0] = '\0';
    }
    if (len)
        *len = b->len;
    qx_buf_init(b);
    return s;
}

void qx_strvec_init(struct qx_strvec *v)
{
    v->items = NULL;
    v->n = 0;
    v->cap = 0;
}

void qx_strvec_release(struct qx_strvec *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->items[i]);
    free(v->items);
    qx_strvec_init(v);
}

void qx_strvec_push_owned(struct qx_strvec *v, char *s)
{
    v->items = qx_grow(v->items, &v->cap, v->n + 1, sizeof *v->items);
    v->items[v->n++] = s;
}

void qx_strvec_push(struct qx_strvec *v, const char *s)
{
    qx_strvec_push_owned(v, qx_strdup(s));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void qx_strvec_sort(struct qx_strvec *v)
{
    if (v->n > 1)
        qsort(v->items, v->n, sizeof *v->items, cmp_str);
}

int qx_strvec_contains(const struct qx_strvec *v, const char *s)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->items[i], s) == 0)
            return 1;
    return 0;
}

int qx_str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int qx_str_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

const char *qx_tmpdir(void)
{
    const char *t = getenv("TMPDIR");
    return t && *t ? t : "/tmp";
}
