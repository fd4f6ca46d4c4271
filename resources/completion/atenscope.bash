# SPDX-License-Identifier: MIT
# bash completion for atenscope: commands, each command's options (read from its --help, so
# they never drift), the values of options that take a fixed set, and files.
_atenscope() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmd="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            analyze | render | report | diff | help)
                cmd=${COMP_WORDS[i]}
                break
                ;;
            --) break ;;
        esac
    done
    COMPREPLY=()
    case $prev in
        --profile)
            COMPREPLY=($(compgen -W "ttnn partitioned generic ttnn:predict" -- "$cur"))
            compopt -o filenames 2>/dev/null
            COMPREPLY+=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
            return
            ;;
        --view)
            COMPREPLY=($(compgen -W "start fit collapsed" -- "$cur"))
            return
            ;;
        --groups)
            COMPREPLY=($(compgen -W "readable all remaining none" -- "$cur"))
            return
            ;;
        --metrics-dir | --source-dir)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -d -- "$cur"))
            return
            ;;
        --top | --width | --hops | --image-width | --max-remaining | --max-total-remaining | --min-conversion | \
            --min-total-conversion | --model | --subgraph | --around | --focus | --expand)
            return  # a number or a name: nothing to offer
            ;;
    esac
    if [[ $cmd == help ]]; then
        COMPREPLY=($(compgen -W "analyze render report diff" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        local opts
        opts=$("${COMP_WORDS[0]}" ${cmd:+"$cmd"} --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "analyze render report diff help" -- "$cur"))
    fi
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -f -- "$cur"))
}
complete -F _atenscope atenscope
