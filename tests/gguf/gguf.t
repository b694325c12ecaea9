# qexplain gguf: inspect, precision, fakequant, diff, perplexity on the
# fixtures written by the test helper (tests/gguf/fixture_gguf.c).
$ "$QX_BUILD"/tests/gguf_mkfixture .

# ---- usage ----
$ qexplain gguf --help
~ usage: qexplain gguf inspect FILE [--format human|json] [--tensors]
~ SCHEME: bf16 f16 q8_0 q4_0 q4_1 q5_0 q5_1 intN[:gG][:sym|asym] (N 2..8)

$ qexplain gguf
? 2
!~ missing subcommand

$ qexplain gguf frob x
? 2
!~ unknown subcommand 'frob'

$ qexplain gguf inspect
? 2
!~ 'inspect' needs 1 file argument

$ qexplain gguf inspect a b
? 2
!~ unexpected argument 'b'

$ qexplain gguf inspect tiny-llama.gguf --to q8_0
? 2
!~ unknown option '--to' for 'inspect'

$ qexplain gguf inspect tiny-llama.gguf --format xml
? 2
!~ unknown format 'xml'

$ qexplain gguf inspect missing.gguf
? 4
! missing.gguf: cannot open: No such file or directory

$ qexplain gguf inspect eval.txt
? 3
! eval.txt: invalid magic characters 'the ' (not a GGUF file)

# ---- inspect ----
$ qexplain gguf inspect tiny-llama.gguf
~ file: tiny-llama.gguf
~ GGUF version 3, alignment 32, data offset 7904, file size 472544 bytes
~ metadata (19 keys):
~   general.architecture (string) = "llama"
~   tokenizer.ggml.tokens (array) = [string x 265] "<unk>", "<s>", "</s>", "<0x00>", "<0x01>", "<0x02>", "<0x03>", "<0x04>", ...
~   F32                21         116160          464640   32.0000
~   embedding           1          16960           67840   32.0000
~   attention           8          32768          131072   32.0000
~   feed-forward        6          49152          196608   32.0000
~   norms               5            320            1280   32.0000
~   output              1          16960           67840   32.0000
~   total              21         116160          464640   32.0000

$ qexplain gguf inspect valid-q4_K.gguf --tensors
~   Q4_K                1            512             288    4.5000
~   total               3           1024            2336   18.2500
~      0 blk.0.attn_q.weight              Q4_K    [256, 2]                  512 elements          288 bytes at 352

$ qexplain gguf inspect valid-q8_0.gguf --format json --tensors | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["types"]["Q8_0"]["bpw"], d["total"]["tensors"], d["tensors"][0]["shape"], d["metadata"][0]["value"])'
> 8.5 3 [256, 2] llama

$ qexplain gguf inspect broken-unknown-type.gguf --tensors
!~ unknown ggml type 50 (newer than this build)
~      0 a.weight                         type 50 [16]

# ---- precision ----
$ qexplain gguf precision tiny-llama.gguf --target ffn_norm
> tensor                           type       values  bf16-ex   f16-ex mant  exponent    zeros   inf   nan
> blk.0.ffn_norm.weight            F32            64 100.00% 100.00%    0      0..0        0     0     0
> blk.1.ffn_norm.weight            F32            64 100.00% 100.00%    0      0..0        0     0     0
> 
> verdicts (1 groups):
>   ffn_norm: 2/2 tensors already BF16-exact — fake BF16 quantization will change nothing

$ qexplain gguf precision tiny-llama.gguf
~   attn_norm: 2/2 tensors already BF16-exact — fake BF16 quantization will change nothing
~   ffn_up: 0/2 tensors BF16-exact, up to 23 mantissa bits used — full precision, fake quantization will change values
~   output_norm: 1/1 tensors already BF16-exact — fake BF16 quantization will change nothing

$ qexplain gguf precision tiny-llama-bf16.gguf --target attn_q,ffn_norm
~   attn_q: 2/2 tensors already BF16-exact — fake BF16 quantization will change nothing

$ qexplain gguf precision tiny-llama-f16.gguf --target ffn_down
~   ffn_down: 2/2 tensors already F16-exact — fake F16 quantization will change nothing

$ qexplain gguf precision valid-q4_K.gguf --target attn_q
~   attn_q: 1/1 tensors stored as Q4_K — already quantized; fake quantization needs float storage

$ qexplain gguf precision valid-iq2_xxs.gguf --target attn_q
~ blk.0.attn_q.weight              IQ2_XXS        512 (no decoder for this type)

$ qexplain gguf precision tiny-llama.gguf --format json --target ffn_norm | python3 -c 'import json,sys; d=json.load(sys.stdin); g=d["groups"][0]; print(g["role"], g["tensors_bf16_exact"], g["max_mantissa_bits"], g["exponent_min"])'
> ffn_norm 2 0 0

$ qexplain gguf precision tiny-llama.gguf --target 'blk.('
? 2
!~ target 'blk.(' is neither a group nor a valid regular expression

# ---- fakequant ----
$ qexplain gguf fakequant tiny-llama.gguf q8.gguf --target ffn --to q8_0
~ blk.0.ffn_gate.weight (F32): values changed: 8192 of 8192, max abs error
~ q8_0: 6 tensors fake-quantized, 0 skipped; values changed: 49150 of 49152

# applying the same command again changes nothing, down to the last byte
$ qexplain gguf fakequant q8.gguf q8-again.gguf --target ffn --to q8_0
~ blk.1.ffn_down.weight (F32): values changed: 0 of 8192 (already representable in the scheme)
~ q8_0: 6 tensors fake-quantized, 0 skipped; values changed: 0 of 49152

$ cmp q8.gguf q8-again.gguf && echo same
> same

$ qexplain gguf fakequant tiny-llama.gguf i4.gguf --target attn --to int4:g32:asym && qexplain gguf fakequant i4.gguf i4-again.gguf --target attn --to int4:g32:asym | tail -1 && cmp i4.gguf i4-again.gguf && echo same
~ int4:g32:asym: 8 tensors fake-quantized, 0 skipped; values changed: 0 of 32768
~ same

$ qexplain gguf inspect q8.gguf | grep fake_quant
>   qexplain.fake_quant.scheme (string) = "q8_0"
>   qexplain.fake_quant.target (string) = "ffn"
>   qexplain.fake_quant.tensors (u32) = 6
>   qexplain.fake_quant.tool (string) = "qexplain 0.1.0"

# BF16 on norms that are already BF16-exact: a zero-change experiment
$ qexplain gguf fakequant tiny-llama.gguf bf.gguf --target ffn_norm --to bf16
> blk.0.ffn_norm.weight (F32): values changed: 0 of 64 (already representable in the scheme)
> blk.1.ffn_norm.weight (F32): values changed: 0 of 64 (already representable in the scheme)
> bf16: 2 tensors fake-quantized, 0 skipped; values changed: 0 of 128

# F16 storage: the Q8_0 values are rounded again on write-back
$ qexplain gguf fakequant tiny-llama-f16.gguf o.gguf --target 'attn_q@0' --to q8_0
> blk.0.attn_q.weight (F16): values changed: 3865 of 4096, max abs error 0.00134277344 at 1331, rmse 0.000499527251, snr 45.82 dB; double rounding: 3481 values (max 0.000118255615)
> q8_0: 1 tensors fake-quantized, 0 skipped; values changed: 3865 of 4096

$ qexplain gguf fakequant valid-q4_K.gguf o.gguf --target attn_q,ffn_norm --to int8
> blk.0.attn_q.weight (Q4_K): skipped: stored as Q4_K; fake quantization needs F32, F16 or BF16 storage
> blk.0.ffn_norm.weight (F32): values changed: 256 of 256, max abs error 4.76837158e-07 at 0, rmse 4.76837158e-07, snr 126.43 dB
> int8:sym: 1 tensors fake-quantized, 1 skipped; values changed: 256 of 256

$ qexplain gguf fakequant tiny-llama.gguf o.gguf --target ffn --to int4:g48
~ skipped: row length 64 is not a multiple of the scheme's block of 48

$ qexplain gguf fakequant tiny-llama.gguf o.gguf --target ffn --to q8_0 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["tensors"][0]; print(d["scheme"], t["values_changed"], t["double_rounded"], t["snr_db"] > 40)'
> q8_0 8192 0 True

$ qexplain gguf fakequant tiny-llama.gguf o.gguf --target nothing_here --to q8_0
? 2
! tiny-llama.gguf: target 'nothing_here' matches no tensor

$ qexplain gguf fakequant tiny-llama.gguf o.gguf --target ffn --to q3_K
? 2
!~ unknown scheme 'q3_K'

$ qexplain gguf fakequant tiny-llama.gguf o.gguf --to q8_0
? 2
!~ fakequant needs --target and --to

$ qexplain gguf fakequant broken-tensor-past-end.gguf o2.gguf --target all --to q8_0; ls o2.gguf*
? 2
!~ broken-tensor-past-end.gguf: tensor 'blk.0.attn_q.weight': data ends past end of file (offset 128, size 1024, file 200)
!~ cannot access 'o2.gguf*'

$ qexplain gguf fakequant tiny-llama.gguf no-such-dir/o.gguf --target ffn --to q8_0
? 4
!~ no-such-dir/o.gguf: cannot create a temporary file for it: No such file or directory

# ---- diff ----
$ qexplain gguf diff tiny-llama.gguf tiny-llama.gguf
~ metadata: 0 differences
~ tensors: 21 compared, 0 differ, 0 beyond tolerance 0

$ qexplain gguf diff tiny-llama.gguf q8.gguf --target ffn_up
? 1
~ metadata: 4 differences
~   only in B qexplain.fake_quant.scheme: "q8_0"
~   only in B qexplain.fake_quant.target: "ffn"
~   only in B qexplain.fake_quant.tensors: 6
~   only in B qexplain.fake_quant.tool: "qexplain 0.1.0"
~ tensors: 2 compared, 2 differ, 2 beyond tolerance 0
~   blk.0.ffn_up.weight (F32 vs F32): 8192 of 8192 values differ; max abs 0.00171375275 at 3107, mean abs 0.000445283124, rmse 0.000529612967, rel rmse 0.00528530986, snr 45.54 dB, cosine 0.999986033 [beyond tolerance]

$ qexplain gguf diff tiny-llama.gguf q8.gguf --tolerance 0.01
~ tensors: 21 compared, 6 differ, 0 beyond tolerance 0.01

$ qexplain gguf diff tiny-llama.gguf tiny-llama-f16.gguf --target attn_k --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["tensors"][0]; print(t["type_a"], t["type_b"], t["values"], t["cosine"] > 0.9999, d["beyond_tolerance"])'
> F32 F16 4096 True 2

$ qexplain gguf diff tiny-llama.gguf valid-f32.gguf --target norm
? 1
~ tensors: 0 compared, 5 differ, 5 beyond tolerance 0
~   blk.0.attn_norm.weight: only in A
~   blk.0.ffn_norm.weight: shape differs

$ qexplain gguf diff tiny-llama.gguf q8.gguf --tolerance -1
? 2
!~ invalid tolerance '-1'

# ---- perplexity without an evaluator ----
$ QEXPLAIN_NODE_MODULES= qexplain gguf perplexity tiny-llama.gguf --text eval.txt
? 4
~ perplexity: unavailable (

$ qexplain gguf perplexity tiny-llama.gguf
? 2
!~ perplexity needs --text FILE

$ qexplain gguf perplexity tiny-llama.gguf --text eval.txt --ctx 0
? 2
!~ invalid value '0' for '--ctx'

# ---- refusals: NaN input, F16 overflow on write-back; no output file ----
$ qexplain gguf fakequant special.gguf n.gguf --target attn_q --to q8_0; ls n.gguf
? 2
!~ special.gguf: tensor 'blk.0.attn_q.weight': row 1 holds NaN or Inf; refusing to quantize it
!~ cannot access 'n.gguf'

$ qexplain gguf fakequant special.gguf n.gguf --target attn_q --to q8_0
? 3

$ qexplain gguf fakequant special.gguf n.gguf --target attn_v --to q8_0
? 3
! special.gguf: tensor 'blk.0.attn_v.weight': value 65532 at index 5 overflows F16 storage

$ qexplain gguf precision special.gguf
~   attn_q: contains 1 NaN and 0 Inf values — fake quantization refuses it
