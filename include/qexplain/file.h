/* file: bounded reads, atomic writes, sorted directory listings and
 * read-only maps. Every failure is reported as a diagnostic naming the path
 * (line 0) and returned as QX_EIO or QX_ELIMIT. */
#ifndef QEXPLAIN_FILE_H
#define QEXPLAIN_FILE_H

#include <stddef.h>

#include "qexplain/diag.h"
#include "qexplain/util.h"

/* Default cap for text inputs (skills, facts, drafts, templates). */
#define QX_FILE_MAX_TEXT ((size_t)256 << 20)

/* Reads a whole file (or standard input when path is "-") into out, which
 * must be initialised. Fails with QX_ELIMIT past max_bytes, QX_EIO when the
 * path is a directory or unreadable. */
int qx_file_read(struct qx_buf *out, const char *path, size_t max_bytes, struct qx_diags *d);

/* Writes data to path atomically: a temporary file in the same directory,
 * fsync, rename. On any failure the temporary file is removed and path is
 * untouched. */
int qx_file_write_atomic(const char *path, const void *data, size_t len, struct qx_diags *d);

/* Lists the regular files in dir whose names end in suffix (NULL: all), as
 * full paths "dir/name", sorted bytewise. */
int qx_file_list_dir(struct qx_strvec *out, const char *dir, const char *suffix, struct qx_diags *d);

int qx_file_exists(const char *path);
int qx_file_is_dir(const char *path);

/* Read-only private mapping of a whole file. */
struct qx_map {
    const unsigned char *data;
    size_t len;
};

int qx_file_map(struct qx_map *m, const char *path, struct qx_diags *d);
void qx_file_unmap(struct qx_map *m);

/* "a/b" joined with a single slash; owned. */
char *qx_path_join(const char *a, const char *b);

#endif
