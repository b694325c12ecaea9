/* tmpl_loader: the directory loader for partials. NAME resolves to
 * DIR/NAME.mustache and must stay inside DIR: the name is checked
 * lexically (no "..", no leading "/", no backslash or NUL), then the real
 * path of the file must lie under the real path of DIR, so that a symlink
 * cannot lead out either. Depends on util and file (the only module that
 * opens files). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qexplain/file.h"
#include "qexplain/tmpl.h"

#define SUFFIX ".mustache"
/* The compiler applies its own (smaller) limit; this only bounds the read. */
#define READ_CAP (QX_TMPL_MAX_BYTES * 16)

static const char *name_problem(const char *name, size_t len)
{
    if (!len)
        return "the name is empty";
    if (memchr(name, '\0', len))
        return "the name contains a NUL byte";
    if (name[0] == '/')
        return "the name is an absolute path";
    if (memchr(name, '\\', len))
        return "the name contains a backslash";
    for (size_t i = 0; i + 1 < len; i++)
        if (name[i] == '.' && name[i + 1] == '.')
            return "the name contains '..'";
    return NULL;
}

int qx_tmpl_name_ok(const char *name, size_t len)
{
    return name_problem(name, len) == NULL;
}

/* 1 if path is dir or lies under it (both real paths). */
static int under(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return 1;
    return strncmp(dir, path, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static int dir_load(void *user, const char *name, size_t len, struct qx_buf *out, char **path, char **why)
{
    const char *dir = user;
    const char *problem = name_problem(name, len);
    if (problem) {
        *why = qx_strdup(problem);
        return QX_EINPUT;
    }
    char *file = qx_asprintf("%s/%s%s", dir, name, SUFFIX);
    if (!qx_file_exists(file)) {
        *why = qx_asprintf("no file '%s'", file);
        free(file);
        return 1;
    }
    char real_dir[PATH_MAX], real_file[PATH_MAX];
    if (!realpath(dir, real_dir) || !realpath(file, real_file)) {
        *why = qx_asprintf("cannot resolve '%s': %s", file, strerror(errno));
        free(file);
        return QX_EIO;
    }
    if (!under(real_dir, real_file)) {
        *why = qx_asprintf("'%s' leads outside '%s'", file, dir);
        free(file);
        return QX_EINPUT;
    }
    struct qx_diags d;
    qx_diags_init(&d);
    int rc = qx_file_read(out, file, READ_CAP, &d);
    if (rc) {
        *why = qx_asprintf("'%s': %s", file, d.n ? d.items[0].message : qx_err_name(rc));
        free(file);
    } else {
        *path = file;
    }
    qx_diags_release(&d);
    return rc;
}

struct qx_tmpl_loader qx_tmpl_dir_loader(const char *dir)
{
    struct qx_tmpl_loader l = {dir_load, (void *)(uintptr_t)dir};
    return l;
}
