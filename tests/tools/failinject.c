/* Failure injection shim, loaded with LD_PRELOAD by tests/tools/failinject.py.
 *
 *   QX_FAIL_FUNC=write QX_FAIL_AT=3   the 3rd call to write() fails (ENOSPC;
 *                                      ENOMEM for malloc, EACCES for open,
 *                                      EIO for read and fsync, EXDEV for rename)
 *   QX_FAIL_COUNT=FILE                 at exit, write "func count" lines, so the
 *                                      driver knows which N to try
 *
 * Counting starts when the shim's constructor runs, after the loader; libc's
 * own start-up allocations are few and the same for every run. glibc exports
 * __libc_malloc and friends, so the allocators are wrapped without dlsym. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

enum { F_OPEN, F_READ, F_WRITE, F_FSYNC, F_RENAME, F_MALLOC, F_NFUNCS };
static const char *const names[F_NFUNCS] = {"open", "read", "write", "fsync", "rename", "malloc"};
static long counts[F_NFUNCS];
static int fail_func = -1;
static long fail_at;
static int active;
static char count_file[4096];

static ssize_t (*real_read)(int, void *, size_t);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_open)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_fsync)(int);
static int (*real_rename)(const char *, const char *);

static void report(void)
{
    active = 0;
    if (!count_file[0] || !real_open || !real_write)
        return;
    int fd = real_open(count_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    char line[64];
    for (int i = 0; i < F_NFUNCS; i++) {
        int n = snprintf(line, sizeof line, "%s %ld\n", names[i], counts[i]);
        if (real_write(fd, line, (size_t)n) < 0)
            break;
    }
    close(fd);
}

__attribute__((constructor)) static void init(void)
{
    real_read = (ssize_t(*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    real_openat = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
    real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    real_rename = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    const char *f = getenv("QX_FAIL_FUNC"), *at = getenv("QX_FAIL_AT"), *cf = getenv("QX_FAIL_COUNT");
    if (f)
        for (int i = 0; i < F_NFUNCS; i++)
            if (strcmp(f, names[i]) == 0)
                fail_func = i;
    fail_at = at ? strtol(at, NULL, 10) : 0;
    if (cf)
        snprintf(count_file, sizeof count_file, "%s", cf);
    atexit(report);
    active = 1;
}

/* Returns 1 when this call must fail. */
static int tick(int func)
{
    if (!active)
        return 0;
    long n = ++counts[func];
    return func == fail_func && n == fail_at;
}

void *malloc(size_t n)
{
    if (tick(F_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t s)
{
    if (tick(F_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(n, s);
}

void *realloc(void *p, size_t n)
{
    if (tick(F_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n);
}

static mode_t open_mode(int flags, va_list ap)
{
    return (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    if (tick(F_OPEN)) {
        errno = EACCES;
        return -1;
    }
    return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...) __attribute__((alias("open")));

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    if (tick(F_OPEN)) {
        errno = EACCES;
        return -1;
    }
    return real_openat(dirfd, path, flags, mode);
}

ssize_t read(int fd, void *buf, size_t n)
{
    if (tick(F_READ)) {
        errno = EIO;
        return -1;
    }
    return real_read(fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    if (tick(F_WRITE)) {
        errno = ENOSPC;
        return -1;
    }
    return real_write(fd, buf, n);
}

int fsync(int fd)
{
    if (tick(F_FSYNC)) {
        errno = EIO;
        return -1;
    }
    return real_fsync(fd);
}

int rename(const char *a, const char *b)
{
    if (tick(F_RENAME)) {
        errno = EXDEV;
        return -1;
    }
    return real_rename(a, b);
}
