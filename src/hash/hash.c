/* hash: SHA-256 through nettle, hex-encoded. Depends on diag for errors. */
#include "qexplain/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <string.h>
#include <unistd.h>

static void to_hex(char out[QX_SHA256_HEX], const unsigned char *digest)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[2 * SHA256_DIGEST_SIZE] = '\0';
}

void qx_hash_sha256_hex(char out[QX_SHA256_HEX], const void *data, size_t len)
{
    struct sha256_ctx ctx;
    unsigned char digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof digest, digest);
    to_hex(out, digest);
}

int qx_hash_file_sha256_hex(char out[QX_SHA256_HEX], const char *path, struct qx_diags *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        qx_diags_add(d, path, 0, 0, QX_SEV_ERROR, "io", "cannot open: %s", strerror(errno));
        return QX_EIO;
    }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    unsigned char chunk[1 << 16];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            close(fd);
            qx_diags_add(d, path, 0, 0, QX_SEV_ERROR, "io", "cannot read: %s", strerror(err));
            return QX_EIO;
        }
        if (n == 0)
            break;
        sha256_update(&ctx, (size_t)n, chunk);
    }
    close(fd);
    unsigned char digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    to_hex(out, digest);
    return 0;
}
