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
