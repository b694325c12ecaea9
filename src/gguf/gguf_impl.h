/* gguf_impl: helpers shared by the files of the gguf module (not a public
 * header). */
#ifndef QX_GGUF_IMPL_H
#define QX_GGUF_IMPL_H

#include <stdint.h>

#include "qexplain/gguf.h"

static inline uint32_t qx_gguf_rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t qx_gguf_rd64(const unsigned char *p)
{
    return (uint64_t)qx_gguf_rd32(p) | (uint64_t)qx_gguf_rd32(p + 4) << 32;
}

static inline uint64_t qx_gguf_pad(uint64_t x, uint64_t a)
{
    return (x + a - 1) & ~(a - 1);
}

/* A bounds-checked read cursor over the file. Every reader returns 0 or
 * QX_EINPUT after adding one diagnostic naming the byte offset. */
struct qx_gguf_cur {
    const unsigned char *p;
    uint64_t len, pos;
    struct qx_gguf *g;
    struct qx_diags *d;
};

int qx_gguf_cur_fail(struct qx_gguf_cur *c, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void qx_gguf_cur_warn(struct qx_gguf_cur *c, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
uint64_t qx_gguf_cur_left(const struct qx_gguf_cur *c);
int qx_gguf_cur_need(struct qx_gguf_cur *c, uint64_t n, const char *what);
int qx_gguf_cur_u32(struct qx_gguf_cur *c, uint32_t *v, const char *what);
int qx_gguf_cur_u64(struct qx_gguf_cur *c, uint64_t *v, const char *what);
/* Rule 4: length <= 1 GiB and <= the bytes left; *off = first byte. */
int qx_gguf_cur_string(struct qx_gguf_cur *c, uint64_t *off, uint64_t *n, const char *what);

/* Parses n tensor infos at the cursor, then checks the data section (rules
 * 9-16 of GGUF.md §1.4). c->g->tensors has room for n. */
int qx_gguf_parse_infos(struct qx_gguf_cur *c, uint64_t n);
/* Sorted name index; returns a duplicate's index or SIZE_MAX. */
size_t qx_gguf_sort_tensors(struct qx_gguf *g);

#endif
