/* batch: regenerate the articles of a manifest incrementally and atomically.
 *
 * The manifest (YAML) lists articles; a lock file beside it ("MANIFEST.lock")
 * records, per article, the SHA-256 of every input the generator reported
 * using (skill file, templates and partials, each cited fact, each glossary
 * entry, the tool version, the manifest entry itself) and of the output.
 * An article is stale when any of those differs. The generator is a callback
 * so that batch knows nothing of composition (and tests can inject failures).
 *
 * Safety: every article is written to a temporary file in its directory and
 * renamed; the lock file likewise, after the articles. A batch killed at any
 * moment leaves each article fully old or fully new; the next run sees the
 * output hash disagree with the lock and regenerates it. Two batches on the
 * same manifest serialise on an flock() of the manifest. */
#ifndef QEXPLAIN_BATCH_H
#define QEXPLAIN_BATCH_H

#include <stddef.h>

#include "qexplain/diag.h"
#include "qexplain/hash.h"
#include "qexplain/util.h"

#define QX_BATCH_MAX_ARTICLES 100000

struct qx_batch_article {
    char *out;       /* as written in the manifest */
    char *out_path;  /* resolved against --out DIR or the manifest's directory */
    char *skill;
    struct qx_strvec methods; /* empty: the skill's defaults */
    int variant;
    char *format;    /* text | html | json */
    char *entry_sha; /* hash of the fields above: a changed entry is stale */
    unsigned line, col;
};

struct qx_batch_manifest {
    char *path;
    char *lock_path;
    struct qx_batch_article *items;
    size_t n;
};

/* Parses MANIFEST.yaml. Errors (unknown key, wrong type, missing out or
 * skill, duplicate out, bad format) carry file:line:column; QX_EINPUT. */
int qx_batch_manifest_load(struct qx_batch_manifest **out, const char *path, const char *out_dir,
                           struct qx_diags *d);
void qx_batch_manifest_free(struct qx_batch_manifest *m);

struct qx_batch_input {
    char *kind; /* tool | skill | template | fact | glossary | ... */
    char *name;
    char sha[QX_SHA256_HEX];
};

struct qx_batch_inputs {
    struct qx_batch_input *items;
    size_t n, cap;
};

void qx_batch_inputs_init(struct qx_batch_inputs *v);
void qx_batch_inputs_release(struct qx_batch_inputs *v);
/* Adds (kind, name, sha) unless the same kind and name is already present. */
void qx_batch_inputs_add(struct qx_batch_inputs *v, const char *kind, const char *name, const char *sha);

/* Generates one article into out and reports its inputs. Called from worker
 * threads: must only read shared state. Returns 0 or QX_E*. */
typedef int (*qx_batch_generate_fn)(void *ctx, const struct qx_batch_article *a, struct qx_buf *out,
                                    struct qx_batch_inputs *used, struct qx_diags *d);
/* Current digest of an input, to decide staleness without generating.
 * Returns 0, or non-zero when the input no longer exists. */
typedef int (*qx_batch_hash_fn)(void *ctx, const char *kind, const char *name, char sha[QX_SHA256_HEX]);
/* Progress: called with a mutex held, after each article. */
typedef void (*qx_batch_progress_fn)(void *ctx, size_t done, size_t total, const char *current);

struct qx_batch_opts {
    int jobs;       /* worker threads, >= 1 */
    int check;      /* write nothing; report stale articles */
    int dry_run;    /* write nothing; report the plan */
    int force;      /* everything is stale */
    const char *tool_version;
    qx_batch_generate_fn generate;
    qx_batch_hash_fn hash;
    qx_batch_progress_fn progress; /* may be NULL */
    void *ctx;
};

enum qx_batch_status {
    QX_BATCH_UNCHANGED,   /* not stale */
    QX_BATCH_STALE,       /* --check / --dry-run: would be regenerated */
    QX_BATCH_REGENERATED, /* written */
    QX_BATCH_FAILED       /* the old file is kept */
};

struct qx_batch_result {
    enum qx_batch_status status;
    char *reason;        /* why stale: "fact 'x' changed", "new article", ... */
    struct qx_diags diags; /* the generator's findings when it failed */
};

struct qx_batch_report {
    struct qx_batch_result *results; /* one per manifest article, same order */
    size_t n;
    size_t unchanged, stale, regenerated, failed;
};

/* Runs the batch. Returns 0 when every article is fresh or regenerated,
 * QX_EFINDINGS when --check finds stale articles or an article failed,
 * QX_EIO when the lock file or an output cannot be written. */
int qx_batch_run(struct qx_batch_report *rep, const struct qx_batch_manifest *m,
                 const struct qx_batch_opts *o, struct qx_diags *d);
void qx_batch_report_release(struct qx_batch_report *rep);

const char *qx_batch_status_name(enum qx_batch_status s);

/* Appends to out the outputs (as written in the manifest) whose last
 * generation, as recorded in the lock file, used input (kind, name). A
 * missing lock file yields nothing; a damaged one a warning in d. */
void qx_batch_affected(struct qx_strvec *out, const struct qx_batch_manifest *m, const char *kind,
                       const char *name, struct qx_diags *d);

#endif
