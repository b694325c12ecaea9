/* experiment/hash: SHA-256 of files for provenance (nettle). Files are
 * mapped read-only and hashed in one pass. */
#include <nettle/sha2.h>

#include "qexplain/experiment.h"
#include "qexplain/file.h"

int qx_sha256_file(char out[65], const char *path, struct qx_diags *d)
{
    struct qx_map m;
    int rc = qx_file_map(&m, path, d);
    if (rc)
        return rc;
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, m.len, m.data);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    qx_file_unmap(&m);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
    return 0;
}
