/* Shared by fuzz targets whose API takes a path: one scratch file per
 * process, rewritten for each input. */
#ifndef QX_FUZZ_COMMON_H
#define QX_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qexplain/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline const char *fuzz_scratch_file(const uint8_t *data, size_t size, const char *suffix)
{
    static char path[64];
    static int fd = -1;
    if (fd < 0) {
        snprintf(path, sizeof path, "%s/qxfuzzXXXXXX%s", qx_tmpdir(), suffix);
        fd = mkstemps(path, (int)strlen(suffix));
        if (fd < 0)
            abort();
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    return path;
}

#endif
