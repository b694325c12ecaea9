# bash completion for qexplain: commands, subcommands, options, skill names,
# lint rule ids, fact ids, GGUF selectors and schemes, and files. Installed as
# share/bash-completion/completions/qexplain; to try it from the source tree:
#   source completions/qexplain.bash
# tests/docs/completion.py checks the option lists against each --help.

_qexplain_opts() {
    case $1 in
        generate) echo "--skill --methods --variant --format --trace -o --output --no-lint -h --help" ;;
        lint) echo "--skill --format --fix --fix-dry-run --baseline --update-baseline --disable --enable --facts --list-rules -h --help" ;;
        batch) echo "--out --jobs --check --dry-run --force --progress --no-progress -h --help" ;;
        facts) echo "--dir --topic --method --format --manifest -h --help" ;;
        skills) echo "--format -h --help" ;;
        prompt) echo "--skill -h --help" ;;
        template) echo "--context --partials --escape -o --output -h --help" ;;
        preview) echo "--skill -o --output -h --help" ;;
        gguf) echo "--format --tensors --target --to --tolerance --text --ctx --threads -h --help" ;;
        experiment) echo "--out --lang --progress -h --help" ;;
        *) echo "-h --help" ;;
    esac
}

_qexplain_subcommands() {
    case $1 in
        facts) echo "check list show diff" ;;
        skills) echo "list show match" ;;
        template) echo "render" ;;
        gguf) echo "inspect precision fakequant diff perplexity" ;;
        experiment) echo "run" ;;
    esac
}

# Runs qexplain with the --data-dir of the command line being completed.
_qexplain_run() {
    local exe=${COMP_WORDS[0]} i
    local -a data=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == --data-dir ]]; then
            data=(--data-dir "${COMP_WORDS[i + 1]}")
        fi
    done
    "$exe" "${data[@]}" "$@" 2>/dev/null
}

_qexplain_skills() {
    _qexplain_run skills list | awk 'NR > 1 { print $1; if ($2 != "-") print $2 }'
}

_qexplain_rules() {
    _qexplain_run lint --list-rules | sed -n 's/^| `\([^`]*\)` |.*/\1/p'
}

_qexplain() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmd="" sub="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --data-dir) ((i++)) ;;
            -*) ;;
            *)
                if [[ -z $cmd ]]; then
                    cmd=${COMP_WORDS[i]}
                elif [[ -z $sub ]]; then
                    sub=${COMP_WORDS[i]}
                fi
                ;;
        esac
    done

    if [[ -z $cmd ]]; then
        case $prev in
            --data-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--data-dir --version -h --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "generate lint batch facts skills prompt template gguf experiment preview help" -- "$cur"))
        fi
        return
    fi

    case $prev in
        --skill)
            COMPREPLY=($(compgen -W "$(_qexplain_skills)" -- "$cur")); return ;;
        --disable | --enable)
            COMPREPLY=($(compgen -W "$(_qexplain_rules)" -- "$cur")); return ;;
        --format)
            case $cmd in
                generate) COMPREPLY=($(compgen -W "text html json" -- "$cur")) ;;
                lint) COMPREPLY=($(compgen -W "human json sarif rdjson github" -- "$cur")) ;;
                gguf) COMPREPLY=($(compgen -W "human json" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
            esac
            return ;;
        --escape) COMPREPLY=($(compgen -W "html none" -- "$cur")); return ;;
        --lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
        --to)
            COMPREPLY=($(compgen -W "bf16 f16 q8_0 q4_0 q4_1 q5_0 q5_1 int2 int3 int4 int5 int6 int7 int8" -- "$cur"))
            return ;;
        --target)
            COMPREPLY=($(compgen -W "embed output norm attn_norm ffn_norm output_norm attn_q attn_k attn_v attn_output attn_qkv attn ffn matmul all" -- "$cur"))
            return ;;
        --methods | --variant | --topic | --method | --jobs | --tolerance | --ctx | --threads) return ;;
        --dir | --facts | --partials | --data-dir | --out) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        -o | --output | --trace | --baseline | --context | --manifest | --text) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac

    if [[ $cmd == help ]]; then
        COMPREPLY=($(compgen -W "generate lint batch facts skills prompt template gguf experiment preview" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_qexplain_opts "$cmd")" -- "$cur"))
        return
    fi
    local subs
    subs=$(_qexplain_subcommands "$cmd")
    if [[ -n $subs && -z $sub ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
        return
    fi
    case $cmd/$sub in
        skills/show) COMPREPLY=($(compgen -W "$(_qexplain_skills)" -- "$cur")) ;;
        facts/show) COMPREPLY=($(compgen -W "$(_qexplain_run facts list | awk '{ print $1 }')" -- "$cur")) ;;
        facts/diff) COMPREPLY=($(compgen -d -- "$cur")) ;;
        *) COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
}

complete -o filenames -F _qexplain qexplain
