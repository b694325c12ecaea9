# gguf inspect on every hostile fixture: one precise line, exit 3 (or a
# warning and exit 0 for the documented leniencies).
$ "$QX_BUILD"/tests/gguf_mkfixture .

$ qexplain gguf inspect broken-alignment-type.gguf > /dev/null
? 3
! broken-alignment-type.gguf: general.alignment must be of type u32, not u64

$ qexplain gguf inspect broken-array-past-end.gguf > /dev/null
? 3
! broken-array-past-end.gguf: key 'k': array of 1000 elements (at least 4000 bytes) exceeds remaining file size 40 bytes

$ qexplain gguf inspect broken-bad-alignment.gguf > /dev/null
? 3
! broken-bad-alignment.gguf: general.alignment 48 is not a non-zero power of two

$ qexplain gguf inspect broken-bad-bool.gguf > /dev/null
! broken-bad-bool.gguf: warning: key 'k': bool byte 2 is neither 0 nor 1 (read as true)

$ qexplain gguf inspect broken-bad-magic.gguf > /dev/null
? 3
! broken-bad-magic.gguf: invalid magic characters 'GGML' (not a GGUF file)

$ qexplain gguf inspect broken-big-endian.gguf > /dev/null
? 3
! broken-big-endian.gguf: version field 0x03000000 is byte-swapped: big-endian GGUF files are not supported

$ qexplain gguf inspect broken-block-multiple.gguf > /dev/null
? 3
! broken-block-multiple.gguf: tensor 'a.weight': row length 48 is not a multiple of block size 32 (Q4_0)

$ qexplain gguf inspect broken-data-start-past-end.gguf > /dev/null
? 3
! broken-data-start-past-end.gguf: data section starts at byte 96, past the end of the file (66 bytes)

$ qexplain gguf inspect broken-dims-overflow.gguf > /dev/null
? 3
! broken-dims-overflow.gguf: tensor 'a.weight': element count overflows int64

$ qexplain gguf inspect broken-duplicate-key.gguf > /dev/null
? 3
! broken-duplicate-key.gguf: duplicate key 'general.name'

$ qexplain gguf inspect broken-duplicate-tensor.gguf > /dev/null
? 3
! broken-duplicate-tensor.gguf: duplicate tensor name 'a.weight'

$ qexplain gguf inspect broken-empty-key.gguf > /dev/null
? 3
! broken-empty-key.gguf: key 0 is empty

$ qexplain gguf inspect broken-gap-offset.gguf > /dev/null
? 3
! broken-gap-offset.gguf: tensor 'b.weight' has offset 64, expected 32

$ qexplain gguf inspect broken-huge-array.gguf > /dev/null
? 3
! broken-huge-array.gguf: key 'k': array of 2147483648 elements exceeds the limit of 1073741824

$ qexplain gguf inspect broken-huge-string.gguf > /dev/null
? 3
! broken-huge-string.gguf: the key of key-value pair 0: string length 1099511627776 at byte 24 exceeds the limit of 1073741824 bytes

$ qexplain gguf inspect broken-invalid-value-type.gguf > /dev/null
? 3
! broken-invalid-value-type.gguf: key 'k': invalid GGUF type 13

$ qexplain gguf inspect broken-misaligned-offset.gguf > /dev/null
? 3
! broken-misaligned-offset.gguf: tensor 'b.weight' has offset 16, expected 32

$ qexplain gguf inspect broken-name-too-long.gguf > /dev/null
? 3
! broken-name-too-long.gguf: tensor 0: name of 64 bytes exceeds 63 bytes

$ qexplain gguf inspect broken-negative-count.gguf > /dev/null
? 3
! broken-negative-count.gguf: negative count (tensors -1, key-value pairs 0)

$ qexplain gguf inspect broken-negative-dim.gguf > /dev/null
? 3
! broken-negative-dim.gguf: tensor 'a.weight': dimension 0 is negative (-1)

$ qexplain gguf inspect broken-nested-array.gguf > /dev/null
? 3
! broken-nested-array.gguf: key 'k': invalid GGUF type 9 for array elements (arrays of arrays are not supported)

$ qexplain gguf inspect broken-nul-key.gguf > /dev/null
? 3
! broken-nul-key.gguf: key 0 contains a NUL byte

$ qexplain gguf inspect broken-nul-name.gguf > /dev/null
? 3
! broken-nul-name.gguf: tensor 0: name contains a NUL byte

$ qexplain gguf inspect broken-removed-type-33.gguf > /dev/null
? 3
! broken-removed-type-33.gguf: tensor 'a.weight': ggml type 33 was removed from GGUF and has no layout

$ qexplain gguf inspect broken-removed-type.gguf > /dev/null
? 3
! broken-removed-type.gguf: tensor 'a.weight': ggml type 4 was removed from GGUF and has no layout

$ qexplain gguf inspect broken-string-past-end.gguf > /dev/null
? 3
! broken-string-past-end.gguf: the key of key-value pair 0: string length 1000 at byte 24 exceeds remaining file size 30 bytes

$ qexplain gguf inspect broken-tensor-past-end.gguf > /dev/null
? 3
! broken-tensor-past-end.gguf: tensor 'blk.0.attn_q.weight': data ends past end of file (offset 128, size 1024, file 200)

$ qexplain gguf inspect broken-tiny.gguf > /dev/null
? 3
! broken-tiny.gguf: file of 2 bytes is too small to be GGUF

$ qexplain gguf inspect broken-too-many-dims.gguf > /dev/null
? 3
! broken-too-many-dims.gguf: tensor 'a.weight': 5 dimensions exceed the maximum of 4

$ qexplain gguf inspect broken-too-many-kv.gguf > /dev/null
? 3
! broken-too-many-kv.gguf: 1000 key-value pairs cannot fit in the remaining 17 bytes (14 bytes each at least)

$ qexplain gguf inspect broken-too-many-tensors.gguf > /dev/null
? 3
! broken-too-many-tensors.gguf: 1099511627776 tensor infos cannot fit in the remaining 64 bytes (24 bytes each at least)

$ qexplain gguf inspect broken-trailing-bytes.gguf > /dev/null
! broken-trailing-bytes.gguf: warning: 64 trailing bytes after the last tensor's data

$ qexplain gguf inspect broken-truncated.gguf > /dev/null
? 3
! broken-truncated.gguf: unexpected end of file at byte 44 reading a value type (4 bytes needed, 2 left)

$ qexplain gguf inspect broken-unknown-type.gguf > /dev/null
! broken-unknown-type.gguf: warning: tensor 'a.weight': unknown ggml type 50 (newer than this build); llama.cpp of this build would reject the file

$ qexplain gguf inspect broken-version-0.gguf > /dev/null
? 3
! broken-version-0.gguf: bad GGUF version 0

$ qexplain gguf inspect broken-version-1.gguf > /dev/null
? 3
! broken-version-1.gguf: GGUFv1 is no longer supported

$ qexplain gguf inspect broken-version-4.gguf > /dev/null
? 3
! broken-version-4.gguf: GGUF version 4 is newer than this build supports (3)

