/* hash: SHA-256 of buffers and files, the only nettle user. Batch stamps
 * and measured facts name their inputs by these digests. */
#ifndef QEXPLAIN_HASH_H
#define QEXPLAIN_HASH_H

#include <stddef.h>

#include "qexplain/diag.h"

#define QX_SHA256_HEX 65 /* 64 hex digits and a NUL */

void qx_hash_sha256_hex(char out[QX_SHA256_HEX], const void *data, size_t len);

/* Streams the file through SHA-256 (no size cap: GGUF models are large).
 * Returns QX_EIO with a diagnostic when it cannot be read. */
int qx_hash_file_sha256_hex(char out[QX_SHA256_HEX], const char *path, struct qx_diags *d);

#endif
