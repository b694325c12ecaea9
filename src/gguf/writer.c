/* gguf/writer: a streaming GGUF v3 writer (GGUF.md §1.5, following
 * ggml-org/ggml src/gguf.cpp gguf_write_out / write_tensor_data): header,
 * KVs in order, tensor infos in order, zero padding to the alignment, each
 * tensor's bytes followed by zero padding including after the last one.
 * The header is assembled in memory; tensor data streams to a temporary
 * file in the target directory (mkstemp), which is fsynced and renamed over
 * the target on commit, so a failure never leaves a partial file. The
 * file module's atomic writer needs the whole content in memory, which a
 * multi-gigabyte model cannot afford. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gguf_impl.h"
#include "qexplain/quant.h"

static void put32(struct qx_buf *b, uint32_t v)
{
    unsigned char p[4];
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
    qx_buf_add(b, p, 4);
}

static void put64(struct qx_buf *b, uint64_t v)
{
    put32(b, (uint32_t)v);
    put32(b, (uint32_t)(v >> 32));
}

static void put_str(struct qx_buf *b, const char *s, size_t n)
{
    put64(b, n);
    qx_buf_add(b, s, n);
}

void qx_gguf_writer_init(struct qx_gguf_writer *w, uint32_t alignment)
{
    memset(w, 0, sizeof *w);
    qx_buf_init(&w->kvs);
    qx_buf_init(&w->infos);
    qx_strvec_init(&w->keys);
    w->alignment = alignment ? alignment : QX_GGUF_DEFAULT_ALIGNMENT;
    w->fd = -1;
}

void qx_gguf_writer_release(struct qx_gguf_writer *w)
{
    if (w->fd >= 0)
        close(w->fd);
    if (w->tmp) {
        unlink(w->tmp);
        qx_tempfile_unregister(w->tmp);
    }
    free(w->tmp);
    free(w->path);
    free(w->sizes);
    qx_buf_release(&w->kvs);
    qx_buf_release(&w->infos);
    qx_strvec_release(&w->keys);
    w->fd = -1;
    w->tmp = w->path = NULL;
}

static int key_start(struct qx_gguf_writer *w, const char *key)
{
    if (!*key || qx_strvec_contains(&w->keys, key))
        return QX_EINPUT;
    qx_strvec_push(&w->keys, key);
    put_str(&w->kvs, key, strlen(key));
    w->n_kv++;
    return 0;
}

int qx_gguf_writer_kv_raw(struct qx_gguf_writer *w, const char *key, uint32_t type, const void *value,
                          size_t len)
{
    int rc = key_start(w, key);
    if (rc)
        return rc;
    put32(&w->kvs, type);
    qx_buf_add(&w->kvs, value, len);
    return 0;
}

int qx_gguf_writer_kv_u32(struct qx_gguf_writer *w, const char *key, uint32_t v)
{
    unsigned char p[4];
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
    return qx_gguf_writer_kv_raw(w, key, QX_GGUF_U32, p, 4);
}

int qx_gguf_writer_kv_i32(struct qx_gguf_writer *w, const char *key, int32_t v)
{
    unsigned char p[4];
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)((uint32_t)v >> (8 * i));
    return qx_gguf_writer_kv_raw(w, key, QX_GGUF_I32, p, 4);
}

int qx_gguf_writer_kv_f32(struct qx_gguf_writer *w, const char *key, float v)
{
    uint32_t b;
    memcpy(&b, &v, 4);
    unsigned char p[4];
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(b >> (8 * i));
    return qx_gguf_writer_kv_raw(w, key, QX_GGUF_F32, p, 4);
}

int qx_gguf_writer_kv_u64(struct qx_gguf_writer *w, const char *key, uint64_t v)
{
    struct qx_buf b;
    qx_buf_init(&b);
    put64(&b, v);
    int rc = qx_gguf_writer_kv_raw(w, key, QX_GGUF_U64, b.data, 8);
    qx_buf_release(&b);
    return rc;
}

int qx_gguf_writer_kv_str(struct qx_gguf_writer *w, const char *key, const char *v)
{
    int rc = key_start(w, key);
    if (rc)
        return rc;
    put32(&w->kvs, QX_GGUF_STRING);
    put_str(&w->kvs, v, strlen(v));
    return 0;
}

int qx_gguf_writer_kv_arr(struct qx_gguf_writer *w, const char *key, uint32_t elem_type, const void *elems,
                          size_t n)
{
    uint64_t es = qx_gguf_vtype_size(elem_type);
    if (es == 0)
        return QX_EINPUT;
    int rc = key_start(w, key);
    if (rc)
        return rc;
    put32(&w->kvs, QX_GGUF_ARRAY);
    put32(&w->kvs, elem_type);
    put64(&w->kvs, n);
    /* elements are host values: encode each little-endian */
    const unsigned char *p = elems;
    for (size_t i = 0; i < n; i++, p += es) {
        uint64_t v = 0;
        if (es == 1)
            v = p[0];
        else if (es == 2) {
            uint16_t x;
            memcpy(&x, p, 2);
            v = x;
        } else if (es == 4) {
            uint32_t x;
            memcpy(&x, p, 4);
            v = x;
        } else
            memcpy(&v, p, 8);
        for (uint64_t k = 0; k < es; k++)
            qx_buf_addc(&w->kvs, (char)(unsigned char)(v >> (8 * k)));
    }
    return 0;
}

int qx_gguf_writer_kv_arr_str(struct qx_gguf_writer *w, const char *key, const char *const *v, size_t n)
{
    int rc = key_start(w, key);
    if (rc)
        return rc;
    put32(&w->kvs, QX_GGUF_ARRAY);
    put32(&w->kvs, QX_GGUF_STRING);
    put64(&w->kvs, n);
    for (size_t i = 0; i < n; i++)
        put_str(&w->kvs, v[i], strlen(v[i]));
    return 0;
}

int qx_gguf_writer_kv_copy(struct qx_gguf_writer *w, const struct qx_gguf *g, const struct qx_gguf_kv *kv)
{
    if (qx_strvec_contains(&w->keys, kv->key))
        return QX_EINPUT;
    qx_strvec_push(&w->keys, kv->key);
    qx_buf_add(&w->kvs, g->data + kv->off, kv->len);
    w->n_kv++;
    return 0;
}

int qx_gguf_writer_tensor(struct qx_gguf_writer *w, const char *name, uint32_t n_dims, const uint64_t *ne,
                          uint32_t type)
{
    const struct qx_type_info *ti = qx_quant_type(type);
    if (!ti || !ti->blck || n_dims > QX_GGUF_MAX_DIMS || strlen(name) > QX_GGUF_MAX_NAME)
        return QX_EINPUT;
    uint64_t n = 1;
    for (uint32_t j = 0; j < n_dims; j++)
        n *= ne[j];
    if (n_dims && ne[0] % ti->blck)
        return QX_EINPUT;
    uint64_t nbytes = n / ti->blck * ti->size;
    put_str(&w->infos, name, strlen(name));
    put32(&w->infos, n_dims);
    for (uint32_t j = 0; j < n_dims; j++)
        put64(&w->infos, ne[j]);
    put32(&w->infos, type);
    put64(&w->infos, w->next_offset);
    w->sizes = qx_grow(w->sizes, &w->cap_sizes, (size_t)w->n_tensors + 1, sizeof *w->sizes);
    w->sizes[w->n_tensors++] = nbytes;
    w->next_offset += qx_gguf_pad(nbytes, w->alignment);
    return 0;
}

static int io_fail(struct qx_gguf_writer *w, struct qx_diags *d, const char *what, int err)
{
    qx_diags_add(d, w->path, 0, 0, QX_SEV_ERROR, "io", "cannot %s: %s", what, strerror(err));
    w->failed = 1;
    return QX_EIO;
}

static int write_all(struct qx_gguf_writer *w, const void *p, size_t len, struct qx_diags *d)
{
    const char *c = p;
    while (len) {
        ssize_t n = write(w->fd, c, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return io_fail(w, d, "write", errno);
        }
        c += n;
        len -= (size_t)n;
    }
    return 0;
}

static int write_zeros(struct qx_gguf_writer *w, uint64_t n, struct qx_diags *d)
{
    static const char zeros[256];
    while (n) {
        size_t k = n < sizeof zeros ? (size_t)n : sizeof zeros;
        int rc = write_all(w, zeros, k, d);
        if (rc)
            return rc;
        n -= k;
    }
    return 0;
}

/* Moves past every complete tensor, writing its padding. */
static int advance(struct qx_gguf_writer *w, struct qx_diags *d)
{
    while (w->cur < w->n_tensors && w->cur_done == w->sizes[w->cur]) {
        int rc = write_zeros(w, qx_gguf_pad(w->sizes[w->cur], w->alignment) - w->sizes[w->cur], d);
        if (rc)
            return rc;
        w->cur++;
        w->cur_done = 0;
    }
    return 0;
}

int qx_gguf_writer_begin(struct qx_gguf_writer *w, const char *path, struct qx_diags *d)
{
    w->path = qx_strdup(path);
    w->tmp = qx_asprintf("%s.tmp.XXXXXX", path);
    w->fd = mkstemp(w->tmp);
    if (w->fd >= 0)
        qx_tempfile_register(w->tmp);
    if (w->fd < 0) {
        int err = errno;
        free(w->tmp);
        w->tmp = NULL;
        return io_fail(w, d, "create a temporary file for it", err);
    }
    struct qx_buf h;
    qx_buf_init(&h);
    qx_buf_add(&h, "GGUF", 4);
    put32(&h, 3);
    put64(&h, w->n_tensors);
    put64(&h, w->n_kv);
    qx_buf_add(&h, w->kvs.data, w->kvs.len);
    qx_buf_add(&h, w->infos.data, w->infos.len);
    uint64_t pad = w->n_tensors ? qx_gguf_pad(h.len, w->alignment) - h.len : 0;
    int rc = write_all(w, h.data, h.len, d);
    qx_buf_release(&h);
    if (!rc)
        rc = write_zeros(w, pad, d);
    w->cur = 0;
    w->cur_done = 0;
    return rc ? rc : advance(w, d);
}

int qx_gguf_writer_data(struct qx_gguf_writer *w, const void *p, size_t len, struct qx_diags *d)
{
    const char *c = p;
    while (len) {
        if (w->cur >= w->n_tensors) {
            qx_diags_add(d, w->path, 0, 0, QX_SEV_ERROR, "gguf.write", "more tensor data than declared");
            w->failed = 1;
            return QX_EINTERNAL;
        }
        uint64_t room = w->sizes[w->cur] - w->cur_done;
        size_t k = len < room ? len : (size_t)room;
        int rc = write_all(w, c, k, d);
        if (rc)
            return rc;
        c += k;
        len -= k;
        w->cur_done += k;
        if ((rc = advance(w, d)))
            return rc;
    }
    return 0;
}

int qx_gguf_writer_commit(struct qx_gguf_writer *w, struct qx_diags *d)
{
    if (w->failed || w->cur != w->n_tensors) {
        if (!w->failed)
            qx_diags_add(d, w->path, 0, 0, QX_SEV_ERROR, "gguf.write", "tensor data incomplete");
        return QX_EINTERNAL;
    }
    if (fsync(w->fd) != 0)
        return io_fail(w, d, "write", errno);
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(w->fd, 0666 & ~mask) != 0)
        return io_fail(w, d, "write", errno);
    if (close(w->fd) != 0) {
        w->fd = -1;
        return io_fail(w, d, "write", errno);
    }
    w->fd = -1;
    if (rename(w->tmp, w->path) != 0)
        return io_fail(w, d, "write", errno);
    qx_tempfile_unregister(w->tmp);
    free(w->tmp);
    w->tmp = NULL;
    return 0;
}
