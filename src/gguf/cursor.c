/* gguf/cursor: the bounds-checked read cursor used by the reader. Each read
 * first checks the bytes left (so a hostile length can never move the
 * cursor past the mapping) and decodes little-endian byte by byte. */
#include <stdarg.h>
#include <stdio.h>

#include "gguf_impl.h"

int qx_gguf_cur_fail(struct qx_gguf_cur *c, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qx_diags_vadd(c->d, c->g->path, 0, 0, QX_SEV_ERROR, rule, fmt, ap);
    va_end(ap);
    return QX_EINPUT;
}

void qx_gguf_cur_warn(struct qx_gguf_cur *c, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qx_diags_vadd(c->d, c->g->path, 0, 0, QX_SEV_WARNING, rule, fmt, ap);
    va_end(ap);
}

uint64_t qx_gguf_cur_left(const struct qx_gguf_cur *c)
{
    return c->len - c->pos;
}

int qx_gguf_cur_need(struct qx_gguf_cur *c, uint64_t n, const char *what)
{
    if (qx_gguf_cur_left(c) < n)
        return qx_gguf_cur_fail(
            c, "gguf.truncated",
            "unexpected end of file at byte %llu reading %s (%llu bytes needed, %llu left)",
            (unsigned long long)c->pos, what, (unsigned long long)n, (unsigned long long)qx_gguf_cur_left(c));
    return 0;
}

int qx_gguf_cur_u32(struct qx_gguf_cur *c, uint32_t *v, const char *what)
{
    int rc = qx_gguf_cur_need(c, 4, what);
    if (rc)
        return rc;
    *v = qx_gguf_rd32(c->p + c->pos);
    c->pos += 4;
    return 0;
}

int qx_gguf_cur_u64(struct qx_gguf_cur *c, uint64_t *v, const char *what)
{
    int rc = qx_gguf_cur_need(c, 8, what);
    if (rc)
        return rc;
    *v = qx_gguf_rd64(c->p + c->pos);
    c->pos += 8;
    return 0;
}

int qx_gguf_cur_string(struct qx_gguf_cur *c, uint64_t *off, uint64_t *n, const char *what)
{
    uint64_t at = c->pos;
    int rc = qx_gguf_cur_u64(c, n, what);
    if (rc)
        return rc;
    if (*n > QX_GGUF_MAX_STRING)
        return qx_gguf_cur_fail(
            c, "gguf.string", "%s: string length %llu at byte %llu exceeds the limit of %llu bytes", what,
            (unsigned long long)*n, (unsigned long long)at, (unsigned long long)QX_GGUF_MAX_STRING);
    if (*n > qx_gguf_cur_left(c))
        return qx_gguf_cur_fail(
            c, "gguf.string", "%s: string length %llu at byte %llu exceeds remaining file size %llu bytes",
            what, (unsigned long long)*n, (unsigned long long)at, (unsigned long long)qx_gguf_cur_left(c));
    *off = c->pos;
    c->pos += *n;
    return 0;
}
