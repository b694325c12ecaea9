/* batch run: decide which articles are stale, regenerate those on worker
 * threads, write each atomically, then the lock file. Results are stored per
 * article index so that output does not depend on --jobs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch_impl.h"
#include "qexplain/file.h"

const char *qx_batch_status_name(enum qx_batch_status s)
{
    switch (s) {
    case QX_BATCH_UNCHANGED: return "unchanged";
    case QX_BATCH_STALE: return "stale";
    case QX_BATCH_REGENERATED: return "regenerated";
    default: return "failed";
    }
}

void qx_batch_report_release(struct qx_batch_report *rep)
{
    for (size_t i = 0; i < rep->n; i++) {
        free(rep->results[i].reason);
        qx_diags_release(&rep->results[i].diags);
    }
    free(rep->results);
    memset(rep, 0, sizeof *rep);
}

/* Why an article is stale, or NULL when it is fresh. Owned. */
static char *stale_reason(const struct qx_batch_article *a, const struct batch_lock *lock,
                          const struct qx_batch_opts *o)
{
    if (o->force)
        return qx_strdup("forced");
    const struct batch_lock_entry *e = batch_lock_find(lock, a->out);
    if (!e)
        return qx_strdup("new article");
    if (strcmp(e->entry, a->entry_sha) != 0)
        return qx_strdup("manifest entry changed");
    char sha[QX_SHA256_HEX];
    struct qx_diags quiet;
    qx_diags_init(&quiet);
    int rc = qx_hash_file_sha256_hex(sha, a->out_path, &quiet);
    qx_diags_release(&quiet);
    if (rc)
        return qx_strdup("output missing");
    if (strcmp(sha, e->output) != 0)
        return qx_strdup("output differs from the last generated one");
    for (size_t i = 0; i < e->inputs.n; i++) {
        const struct qx_batch_input *in = &e->inputs.items[i];
        if (o->hash(o->ctx, in->kind, in->name, sha) != 0)
            return qx_asprintf("%s '%s' removed", in->kind, in->name);
        if (strcmp(sha, in->sha) != 0)
            return qx_asprintf("%s '%s' changed", in->kind, in->name);
    }
    return NULL;
}

static int mkdir_parents(const char *path)
{
    char *p = qx_strdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

struct job {
    const struct qx_batch_article *a;
    struct qx_batch_result *r;
    struct batch_lock_entry fresh; /* lock entry after a successful write */
    int wrote;
};

struct pool {
    struct job *jobs;
    size_t njobs, next, done, total;
    pthread_mutex_t mu;
    const struct qx_batch_opts *o;
};

static void run_job(struct job *j, const struct qx_batch_opts *o)
{
    struct qx_buf out;
    qx_buf_init(&out);
    struct qx_batch_inputs used;
    qx_batch_inputs_init(&used);
    int rc = o->generate(o->ctx, j->a, &out, &used, &j->r->diags);
    if (!rc) {
        char sha[QX_SHA256_HEX];
        qx_hash_sha256_hex(sha, out.data, out.len);
        if (mkdir_parents(j->a->out_path) != 0) {
            qx_diags_add(&j->r->diags, j->a->out_path, 0, 0, QX_SEV_ERROR, "io",
                         "cannot create the directory: %s", strerror(errno));
            rc = QX_EIO;
        } else {
            rc = qx_file_write_atomic(j->a->out_path, out.data, out.len, &j->r->diags);
        }
        if (!rc) {
            j->fresh.out = qx_strdup(j->a->out);
            snprintf(j->fresh.entry, sizeof j->fresh.entry, "%s", j->a->entry_sha);
            snprintf(j->fresh.output, sizeof j->fresh.output, "%s", sha);
            j->fresh.inputs = used;
            qx_batch_inputs_init(&used);
            j->wrote = 1;
        }
    }
    j->r->status = rc ? QX_BATCH_FAILED : QX_BATCH_REGENERATED;
    qx_batch_inputs_release(&used);
    qx_buf_release(&out);
}

static void *worker(void *arg)
{
    struct pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next < p->njobs ? p->next++ : p->njobs;
        pthread_mutex_unlock(&p->mu);
        if (i >= p->njobs)
            return NULL;
        run_job(&p->jobs[i], p->o);
        pthread_mutex_lock(&p->mu);
        p->done++;
        if (p->o->progress)
            p->o->progress(p->o->ctx, p->done, p->total, p->jobs[i].a->out);
        pthread_mutex_unlock(&p->mu);
    }
}

static void run_pool(struct pool *p, int jobs)
{
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > p->njobs)
        jobs = p->njobs ? (int)p->njobs : 1;
    pthread_t *th = qx_calloc((size_t)jobs, sizeof *th);
    int started = 0;
    for (int t = 1; t < jobs; t++)
        if (pthread_create(&th[t], NULL, worker, p) == 0)
            th[started++ + 1] = th[t];
    worker(p); /* the calling thread works too, so jobs == 1 needs no thread */
    for (int t = 0; t < started; t++)
        pthread_join(th[t + 1], NULL);
    free(th);
}

/* A batch killed mid-write leaves "OUT.tmp.XXXXXX" beside an article (the
 * article itself is whole). With the manifest lock held no other batch is
 * writing, so the leftovers of earlier runs can go. */
static void remove_stale_temps(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? qx_strndup(path, (size_t)(slash - path)) : qx_strdup(".");
    char *prefix = qx_asprintf("%s.tmp.", slash ? slash + 1 : path);
    DIR *dh = opendir(dir);
    struct dirent *e;
    while (dh && (e = readdir(dh)) != NULL) {
        if (qx_str_starts_with(e->d_name, prefix) && strlen(e->d_name) == strlen(prefix) + 6) {
            char *p = qx_path_join(dir, e->d_name);
            unlink(p);
            free(p);
        }
    }
    if (dh)
        closedir(dh);
    free(prefix);
    free(dir);
}

/* Holds an exclusive flock on the manifest for the whole run, so that a
 * second batch on the same manifest waits instead of interleaving writes. */
static int lock_manifest(const char *path, struct qx_diags *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        qx_diags_add(d, path, 0, 0, QX_SEV_ERROR, "io", "cannot open: %s", strerror(errno));
        return -1;
    }
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            qx_diags_add(d, path, 0, 0, QX_SEV_ERROR, "io", "cannot lock: %s", strerror(errno));
            close(fd);
            return -1;
        }
    }
    return fd;
}

int qx_batch_run(struct qx_batch_report *rep, const struct qx_batch_manifest *m,
                 const struct qx_batch_opts *o, struct qx_diags *d)
{
    memset(rep, 0, sizeof *rep);
    int writes = !o->check && !o->dry_run;
    int lockfd = -1;
    if (writes && (lockfd = lock_manifest(m->path, d)) < 0)
        return QX_EIO;
    struct batch_lock lock;
    batch_lock_load(&lock, m->lock_path, d);
    for (size_t i = 0; writes && i < m->n; i++)
        remove_stale_temps(m->items[i].out_path);
    if (writes)
        remove_stale_temps(m->lock_path);
    rep->n = m->n;
    rep->results = qx_calloc(m->n ? m->n : 1, sizeof *rep->results);
    struct pool p = {.o = o};
    pthread_mutex_init(&p.mu, NULL);
    p.jobs = qx_calloc(m->n ? m->n : 1, sizeof *p.jobs);
    for (size_t i = 0; i < m->n; i++) {
        struct qx_batch_result *r = &rep->results[i];
        qx_diags_init(&r->diags);
        r->reason = stale_reason(&m->items[i], &lock, o);
        if (!r->reason) {
            r->status = QX_BATCH_UNCHANGED;
            continue;
        }
        r->status = QX_BATCH_STALE;
        if (writes)
            p.jobs[p.njobs++] = (struct job){.a = &m->items[i], .r = r};
    }
    p.total = p.njobs;
    if (writes && p.njobs)
        run_pool(&p, o->jobs);

    int rc = 0;
    if (writes) {
        /* New lock: fresh entries for written articles, old entries for
         * unchanged and failed ones; articles gone from the manifest drop out. */
        struct batch_lock next = {0};
        size_t j = 0;
        for (size_t i = 0; i < m->n; i++) {
            const struct batch_lock_entry *old = batch_lock_find(&lock, m->items[i].out);
            struct batch_lock_entry e = {0};
            if (j < p.njobs && p.jobs[j].a == &m->items[i]) {
                if (p.jobs[j].wrote) {
                    e = p.jobs[j].fresh;
                    memset(&p.jobs[j].fresh, 0, sizeof p.jobs[j].fresh);
                }
                j++;
            }
            if (!e.out && old) {
                e.out = qx_strdup(old->out);
                memcpy(e.entry, old->entry, sizeof e.entry);
                memcpy(e.output, old->output, sizeof e.output);
                for (size_t k = 0; k < old->inputs.n; k++)
                    qx_batch_inputs_add(&e.inputs, old->inputs.items[k].kind, old->inputs.items[k].name,
                                        old->inputs.items[k].sha);
            }
            if (e.out) {
                next.entries = qx_grow(next.entries, &next.cap, next.n + 1, sizeof *next.entries);
                next.entries[next.n++] = e;
            }
        }
        if (p.njobs || lock.n != next.n || !qx_file_exists(m->lock_path))
            rc = batch_lock_write(&next, m->lock_path, d);
        batch_lock_release(&next);
    }
    for (size_t i = 0; i < m->n; i++) {
        switch (rep->results[i].status) {
        case QX_BATCH_UNCHANGED: rep->unchanged++; break;
        case QX_BATCH_STALE: rep->stale++; break;
        case QX_BATCH_REGENERATED: rep->regenerated++; break;
        case QX_BATCH_FAILED: rep->failed++; break;
        }
    }
    for (size_t i = 0; i < p.njobs; i++) {
        free(p.jobs[i].fresh.out);
        qx_batch_inputs_release(&p.jobs[i].fresh.inputs);
    }
    free(p.jobs);
    pthread_mutex_destroy(&p.mu);
    batch_lock_release(&lock);
    if (lockfd >= 0)
        close(lockfd);
    if (rc)
        return rc;
    if (rep->failed || (o->check && rep->stale))
        return QX_EFINDINGS;
    return 0;
}
