#define _DEFAULT_SOURCE
/* batch: incremental, atomic and concurrent regeneration, exercised with a
 * fake generator whose inputs are an in-memory "fact" table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "qexplain/batch.h"
#include "qexplain/file.h"
#include "qexplain/hash.h"

#define NFACTS 5

struct fake {
    int version[NFACTS]; /* the "value" of each fact */
    const char *fail_out; /* the generator fails for this article */
    int delay_us;
    int calls;
};

static int fact_of(const struct qx_batch_article *a)
{
    /* article-K.txt cites fact K % NFACTS */
    const char *dash = strrchr(a->out, '-');
    return dash ? atoi(dash + 1) % NFACTS : 0;
}

static void fact_sha(const struct fake *f, int k, char sha[QX_SHA256_HEX])
{
    char text[64];
    snprintf(text, sizeof text, "fact%d=%d", k, f->version[k]);
    qx_hash_sha256_hex(sha, text, strlen(text));
}

static int fake_generate(void *ctx, const struct qx_batch_article *a, struct qx_buf *out,
                         struct qx_batch_inputs *used, struct qx_diags *d)
{
    struct fake *f = ctx;
    __atomic_add_fetch(&f->calls, 1, __ATOMIC_SEQ_CST);
    if (f->fail_out && strcmp(a->out, f->fail_out) == 0) {
        qx_diags_add(d, a->out, 0, 0, QX_SEV_ERROR, "test", "injected failure");
        return QX_EINPUT;
    }
    if (f->delay_us)
        usleep((useconds_t)f->delay_us);
    int k = fact_of(a);
    /* Large enough that a torn write would be visible. */
    for (int i = 0; i < 2000; i++)
        qx_buf_addf(out, "%s fact%d=%d line %d\n", a->out, k, f->version[k], i);
    qx_buf_adds(out, "END\n");
    char sha[QX_SHA256_HEX], name[16];
    fact_sha(f, k, sha);
    snprintf(name, sizeof name, "f%d", k);
    qx_batch_inputs_add(used, "fact", name, sha);
    return 0;
}

static int fake_hash(void *ctx, const char *kind, const char *name, char sha[QX_SHA256_HEX])
{
    struct fake *f = ctx;
    if (strcmp(kind, "fact") != 0 || name[0] != 'f')
        return -1;
    int k = atoi(name + 1);
    if (k < 0 || k >= NFACTS)
        return -1;
    fact_sha(f, k, sha);
    return 0;
}

static char dir[64];

static char *write_manifest(int n)
{
    snprintf(dir, sizeof dir, "%s/qxbatchXXXXXX", qx_tmpdir());
    assert_non_null(mkdtemp(dir));
    struct qx_buf b;
    qx_buf_init(&b);
    qx_buf_adds(&b, "articles:\n");
    for (int i = 0; i < n; i++)
        qx_buf_addf(&b, "  - out: out/article-%d.txt\n    skill: wechat\n    variant: %d\n", i, i % 2);
    char *path = qx_path_join(dir, "m.yaml");
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_file_write_atomic(path, b.data, b.len, &d), 0);
    qx_diags_release(&d);
    qx_buf_release(&b);
    return path;
}

static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

static int run(const char *mpath, struct fake *f, int check, int jobs, struct qx_batch_report *rep)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_batch_manifest *m;
    assert_int_equal(qx_batch_manifest_load(&m, mpath, NULL, &d), 0);
    struct qx_batch_opts o = {.jobs = jobs, .check = check, .tool_version = "test",
                              .generate = fake_generate, .hash = fake_hash, .ctx = f};
    int rc = qx_batch_run(rep, m, &o, &d);
    qx_batch_manifest_free(m);
    qx_diags_release(&d);
    return rc;
}

static void noop_and_one_fact_change(void **state)
{
    (void)state;
    char *mpath = write_manifest(20);
    struct fake f;
    memset(&f, 0, sizeof f);
    struct qx_batch_report rep;
    assert_int_equal(run(mpath, &f, 0, 3, &rep), 0);
    assert_int_equal(rep.regenerated, 20);
    qx_batch_report_release(&rep);

    f.calls = 0;
    assert_int_equal(run(mpath, &f, 0, 3, &rep), 0);
    assert_int_equal(rep.unchanged, 20);
    assert_int_equal(rep.regenerated, 0);
    assert_int_equal(f.calls, 0);
    qx_batch_report_release(&rep);

    f.version[2] = 7; /* articles 2, 7, 12, 17 cite fact 2 */
    assert_int_equal(run(mpath, &f, 1, 1, &rep), QX_EFINDINGS);
    assert_int_equal(rep.stale, 4);
    assert_string_equal(rep.results[7].reason, "fact 'f2' changed");
    assert_null(rep.results[8].reason);
    qx_batch_report_release(&rep);

    assert_int_equal(run(mpath, &f, 0, 2, &rep), 0);
    assert_int_equal(rep.regenerated, 4);
    for (size_t i = 0; i < rep.n; i++)
        assert_int_equal(rep.results[i].status, i % 5 == 2 ? QX_BATCH_REGENERATED : QX_BATCH_UNCHANGED);
    qx_batch_report_release(&rep);
    assert_int_equal(run(mpath, &f, 1, 1, &rep), 0);
    qx_batch_report_release(&rep);
    free(mpath);
    cleanup();
}

static void failing_article_keeps_old_file(void **state)
{
    (void)state;
    char *mpath = write_manifest(6);
    struct fake f;
    memset(&f, 0, sizeof f);
    struct qx_batch_report rep;
    assert_int_equal(run(mpath, &f, 0, 2, &rep), 0);
    qx_batch_report_release(&rep);
    char *p1 = qx_asprintf("%s/out/article-1.txt", dir);
    struct qx_buf before, after;
    qx_buf_init(&before);
    qx_buf_init(&after);
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_file_read(&before, p1, 1 << 24, &d), 0);
    for (int k = 0; k < NFACTS; k++)
        f.version[k]++;
    f.fail_out = "out/article-1.txt";
    assert_int_equal(run(mpath, &f, 0, 2, &rep), QX_EFINDINGS);
    assert_int_equal(rep.failed, 1);
    assert_int_equal(rep.regenerated, 5);
    assert_int_equal(rep.results[1].status, QX_BATCH_FAILED);
    assert_string_equal(rep.results[1].diags.items[0].message, "injected failure");
    qx_batch_report_release(&rep);
    assert_int_equal(qx_file_read(&after, p1, 1 << 24, &d), 0);
    assert_string_equal(before.data, after.data);
    /* Still stale: the next run retries it. */
    f.fail_out = NULL;
    assert_int_equal(run(mpath, &f, 0, 1, &rep), 0);
    assert_int_equal(rep.regenerated, 1);
    qx_batch_report_release(&rep);
    qx_buf_release(&before);
    qx_buf_release(&after);
    qx_diags_release(&d);
    free(p1);
    free(mpath);
    cleanup();
}

/* Every file must be one complete article: "END" last, every line of one version. */
static void assert_complete(const char *path)
{
    struct qx_buf b;
    qx_buf_init(&b);
    struct qx_diags d;
    qx_diags_init(&d);
    if (qx_file_read(&b, path, 1 << 24, &d) != 0) { /* never written yet is fine */
        qx_diags_release(&d);
        qx_buf_release(&b);
        return;
    }
    assert_true(qx_str_ends_with(b.data, "END\n"));
    const char *first = strstr(b.data, "fact");
    const char *eq = strchr(first, '=');
    int v = atoi(eq + 1);
    char needle[32];
    snprintf(needle, sizeof needle, "=%d line 1999\n", v);
    assert_non_null(strstr(b.data, needle));
    qx_diags_release(&d);
    qx_buf_release(&b);
}

static void sigkill_leaves_old_or_new(void **state)
{
    (void)state;
    char *mpath = write_manifest(60);
    struct fake f;
    memset(&f, 0, sizeof f);
    f.delay_us = 2000;
    srand(12345);
    for (int round = 0; round < 8; round++) {
        for (int k = 0; k < NFACTS; k++)
            f.version[k] = round;
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            struct qx_batch_report rep;
            int rc = run(mpath, &f, 0, 2, &rep);
            _exit(rc ? 1 : 0);
        }
        usleep((useconds_t)(rand() % 60000));
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        for (int i = 0; i < 60; i++) {
            char *p = qx_asprintf("%s/out/article-%d.txt", dir, i);
            assert_complete(p);
            free(p);
        }
    }
    /* The next run converges, and the one after finds nothing to do. */
    f.delay_us = 0;
    struct qx_batch_report rep;
    assert_int_equal(run(mpath, &f, 0, 2, &rep), 0);
    qx_batch_report_release(&rep);
    assert_int_equal(run(mpath, &f, 1, 2, &rep), 0);
    assert_int_equal(rep.unchanged, 60);
    qx_batch_report_release(&rep);
    /* No temporary file survives a completed run next to the articles... */
    struct qx_strvec v;
    qx_strvec_init(&v);
    struct qx_diags d;
    qx_diags_init(&d);
    char *out = qx_asprintf("%s/out", dir);
    assert_int_equal(qx_file_list_dir(&v, out, ".txt", &d), 0);
    assert_int_equal(v.n, 60);
    qx_strvec_release(&v);
    qx_diags_release(&d);
    free(out);
    free(mpath);
    cleanup();
}

static void concurrent_batches_serialise(void **state)
{
    (void)state;
    char *mpath = write_manifest(30);
    struct fake f;
    memset(&f, 0, sizeof f);
    f.delay_us = 1000;
    pid_t kids[2];
    for (int i = 0; i < 2; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            struct qx_batch_report rep;
            int rc = run(mpath, &f, 0, 2, &rep);
            /* Whichever ran second found everything fresh. */
            _exit(rc ? 1 : (rep.regenerated == 30 || rep.unchanged == 30) ? 0 : 2);
        }
    }
    for (int i = 0; i < 2; i++) {
        int status;
        waitpid(kids[i], &status, 0);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    struct qx_batch_report rep;
    assert_int_equal(run(mpath, &f, 1, 1, &rep), 0);
    qx_batch_report_release(&rep);
    free(mpath);
    cleanup();
}

static void manifest_errors_have_positions(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/qxbatchXXXXXX", qx_tmpdir());
    assert_non_null(mkdtemp(dir));
    const char *text = "articles:\n  - out: a.txt\n    skill: wechat\n    colour: red\n"
                       "  - out: b.txt\n    skill: wechat\n  - skill: x\n    format: pdf\n"
                       "  - out: ./b.txt\n    skill: wechat\n";
    char *path = qx_path_join(dir, "bad.yaml");
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_file_write_atomic(path, text, strlen(text), &d), 0);
    struct qx_batch_manifest *m = NULL;
    assert_int_equal(qx_batch_manifest_load(&m, path, NULL, &d), QX_EINPUT);
    assert_null(m);
    qx_diags_sort(&d);
    assert_int_equal(d.n, 4);
    assert_string_equal(d.items[0].rule, "manifest.key");
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(d.items[0].col, 5);
    assert_string_equal(d.items[1].rule, "manifest.out");
    assert_int_equal(d.items[1].line, 7);
    assert_string_equal(d.items[2].rule, "manifest.format");
    assert_int_equal(d.items[2].line, 8);
    assert_string_equal(d.items[3].rule, "manifest.duplicate");
    assert_int_equal(d.items[3].line, 9);
    qx_diags_release(&d);
    free(path);
    cleanup();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(noop_and_one_fact_change),
        cmocka_unit_test(failing_article_keeps_old_file),
        cmocka_unit_test(sigkill_leaves_old_or_new),
        cmocka_unit_test(concurrent_batches_serialise),
        cmocka_unit_test(manifest_errors_have_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
