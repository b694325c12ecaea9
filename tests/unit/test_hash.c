/* SHA-256 against the FIPS 180-2 test vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "qexplain/hash.h"

static void known_vectors(void **state)
{
    (void)state;
    char hex[QX_SHA256_HEX];
    qx_hash_sha256_hex(hex, "abc", 3);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    qx_hash_sha256_hex(hex, "", 0);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void file_matches_buffer(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/qxhashXXXXXX", qx_tmpdir());
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    /* Larger than one read chunk, to cover the streaming loop. */
    size_t n = 200000;
    char *data = malloc(n);
    for (size_t i = 0; i < n; i++)
        data[i] = (char)(i * 7);
    assert_int_equal(write(fd, data, n), (ssize_t)n);
    close(fd);
    char a[QX_SHA256_HEX], b[QX_SHA256_HEX];
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_hash_file_sha256_hex(a, path, &d), 0);
    qx_hash_sha256_hex(b, data, n);
    assert_string_equal(a, b);
    unlink(path);
    assert_int_equal(qx_hash_file_sha256_hex(a, path, &d), QX_EIO);
    assert_int_equal(d.n, 1);
    qx_diags_release(&d);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_vectors),
        cmocka_unit_test(file_matches_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
