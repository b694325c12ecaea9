/* file: the only module that opens files. Reads are capped, writes are
 * atomic (temp + fsync + rename in the target directory), listings sorted so
 * that every command's output is deterministic. Depends on util and diag. */
#include "qexplain/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int io_error(struct qx_diags *d, const char *path, const char *what, int err)
{
    qx_diags_add(d, path, 0, 0, QX_SEV_ERROR, "io", "cannot %s: %s", what, strerror(err));
    return QX_EIO;
}

int qx_file_read(struct qx_buf *out, const char *path, size_t max_bytes, struct qx_diags *d)
{
    int use_stdin = strcmp(path, "-") == 0;
    int fd = use_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    const char *name = use_stdin ? "<stdin>" : path;
    if (fd < 0)
        return io_error(d, name, "open", errno);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!use_stdin)
            close(fd);
        return io_error(d, name, "read", EISDIR);
    }
    int rc = 0;
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = io_error(d, name, "read", errno);
            break;
        }
        if (n == 0)
            break;
        if ((size_t)n > max_bytes - out->len || out->len > max_bytes) {
            qx_diags_add(d, name, 0, 0, QX_SEV_ERROR, "limit.size",
                         "file is larger than the limit of %zu bytes", max_bytes);
            rc = QX_ELIMIT;
            break;
        }
        qx_buf_add(out, chunk, (size_t)n);
    }
    if (!use_stdin)
        close(fd);
    return rc;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int qx_file_write_atomic(const char *path, const void *data, size_t len, struct qx_diags *d)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(1, data, len) != 0)
            return io_error(d, "<stdout>", "write", errno);
        return 0;
    }
    /* Character devices (/dev/null, /dev/full) cannot be renamed over:
     * write them directly so that errors such as ENOSPC still surface. */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISCHR(st.st_mode)) {
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            return io_error(d, path, "open", errno);
        int rc = write_all(fd, data, len);
        int err = errno;
        if (close(fd) != 0 && rc == 0) {
            rc = -1;
            err = errno;
        }
        return rc ? io_error(d, path, "write", err) : 0;
    }
    char *tmp = qx_asprintf("%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd >= 0)
        qx_tempfile_register(tmp);
    if (fd < 0) {
        int err = errno;
        free(tmp);
        return io_error(d, path, "create a temporary file next to it", err);
    }
    int err = 0;
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    /* mkstemp creates 0600; published files should get the usual mode. */
    if (!err) {
        mode_t mask = umask(0);
        umask(mask);
        if (chmod(tmp, 0666 & ~mask) != 0)
            err = errno;
    }
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err)
        unlink(tmp);
    qx_tempfile_unregister(tmp);
    free(tmp);
    if (err)
        return io_error(d, path, "write", err);
    return 0;
}

int qx_file_list_dir(struct qx_strvec *out, const char *dir, const char *suffix, struct qx_diags *d)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return io_error(d, dir, "open directory", errno);
    struct qx_strvec names;
    qx_strvec_init(&names);
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (suffix && !qx_str_ends_with(e->d_name, suffix))
            continue;
        char *full = qx_path_join(dir, e->d_name);
        struct stat st;
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode))
            qx_strvec_push_owned(&names, full);
        else
            free(full);
    }
    closedir(dh);
    qx_strvec_sort(&names);
    for (size_t i = 0; i < names.n; i++)
        qx_strvec_push_owned(out, names.items[i]);
    free(names.items);
    return 0;
}

int qx_file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int qx_file_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int qx_file_map(struct qx_map *m, const char *path, struct qx_diags *d)
{
    m->data = NULL;
    m->len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(d, path, "open", errno);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        close(fd);
        return io_error(d, path, "stat", err);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return io_error(d, path, "map", S_ISDIR(st.st_mode) ? EISDIR : EINVAL);
    }
    if (st.st_size == 0) {
        close(fd);
        static const unsigned char empty[1];
        m->data = empty;
        return 0;
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    int err = errno;
    close(fd);
    if (p == MAP_FAILED)
        return io_error(d, path, "map", err);
    m->data = p;
    m->len = (size_t)st.st_size;
    return 0;
}

void qx_file_unmap(struct qx_map *m)
{
    if (m->data && m->len)
        munmap((void *)m->data, m->len);
    m->data = NULL;
    m->len = 0;
}

char *qx_path_join(const char *a, const char *b)
{
    size_t la = strlen(a);
    if (la && a[la - 1] == '/')
        return qx_asprintf("%s%s", a, b);
    return qx_asprintf("%s/%s", a, b);
}
