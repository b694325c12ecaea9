# qexplain prompt: the skill's prompt body with the facts it may cite.
$ qexplain prompt --help
~ usage: qexplain prompt --skill NAME

$ qexplain prompt
? 2
!~ option '--skill' is required

$ qexplain prompt --skill public-sector extra
? 2
!~ unexpected argument 'extra'

$ qexplain prompt --skill nothing-like-this
? 2

$ qexplain prompt --skill public-sector
~ # Goal
~ # Facts you may cite
~ write
~ [qwen-inference-speed-memory]
~   figure int4_memory: 8.21吉字节 (Int4 memory)
~   source: Qwen Team, Alibaba Cloud, Qwen (QwenLM/Qwen) README: Quantization (2023); README.md
~ # Terms
~ AWQ（激活感知权重量化）

$ qexplain prompt --skill wechat | grep -c '^\['
> 58

# The seed bodies stay as the editors wrote them; the prompt names each
# example claim in them that no source supports, with the nearest real facts.
$ qexplain prompt --skill wechat | sed -n '/^# Examples in this prompt that no source supports/,/^# Terms/p' | grep -c '^- '
> 9

$ qexplain prompt --skill non-experts
~ - 'iOS 18': no primary source links it to GGUF (not supported). Nearest real facts: apple-2025-ondevice-2bit-qat, gguf-spec-magic-version

$ qexplain prompt --skill public-sector
~ - 'TIR': no quantization technique of that name is known (not supported by any source). Nearest real facts: tinychat-4090-decode, qwen3-8b-sglang-speed
