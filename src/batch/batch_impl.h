/* Internal to the batch module: the lock file model. */
#ifndef QEXPLAIN_BATCH_IMPL_H
#define QEXPLAIN_BATCH_IMPL_H

#include <stdio.h>

#include "qexplain/batch.h"

struct batch_lock_entry {
    char *out; /* the article's out as written in the manifest */
    char entry[QX_SHA256_HEX];
    char output[QX_SHA256_HEX];
    struct qx_batch_inputs inputs;
};

struct batch_lock {
    struct batch_lock_entry *entries;
    size_t n, cap;
};

int batch_lock_load(struct batch_lock *l, const char *path, struct qx_diags *d);
int batch_lock_write(struct batch_lock *l, const char *path, struct qx_diags *d);
void batch_lock_release(struct batch_lock *l);
const struct batch_lock_entry *batch_lock_find(const struct batch_lock *l, const char *out);
void batch_inputs_sort(struct qx_batch_inputs *v);

#endif
