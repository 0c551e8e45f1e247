# bash completion for tcguard                                    -*- shell-script -*-
# The candidates come from the binary itself (`tcguard __complete line -- WORDS...`), so
# subcommands, options, rule ids and the policy's cluster names are always those of the
# tcguard that runs. Output: "CANDIDATE<TAB>DESCRIPTION" lines; ":files" asks for file names.

_tcguard() {
    local cur words cword
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        # bash-completion: do not split words at = and : (scopes are full of colons).
        _get_comp_words_by_ref -n =: cur words cword
    else
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
    fi

    local line candidate files=0
    local -a found=()
    while IFS= read -r line; do
        if [[ $line == ":files" ]]; then
            files=1
            continue
        fi
        candidate=${line%%$'\t'*}
        [[ -n $candidate ]] && found+=("$candidate")
    done < <("${words[0]}" __complete line -- "${words[@]:1:cword}" 2>/dev/null)

    COMPREPLY=("${found[@]}")
    if ((files)); then
        compopt -o filenames 2>/dev/null
        local file
        while IFS= read -r file; do
            COMPREPLY+=("$file")
        done < <(compgen -f -- "$cur")
    fi
    if declare -F __ltrim_colon_completions >/dev/null 2>&1; then
        __ltrim_colon_completions "$cur"
    fi
    return 0
}
complete -F _tcguard tcguard
