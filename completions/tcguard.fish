# fish completion for tcguard. The candidates come from the binary itself
# (`tcguard __complete line -- WORDS...`): "CANDIDATE<TAB>DESCRIPTION" lines, which is fish's own
# format, and ":files" for file names.

function __tcguard_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -l program $tokens[1]
    set -e tokens[1]
    for line in ($program __complete line -- $tokens "$current" 2>/dev/null)
        if test "$line" = ":files"
            __fish_complete_path "$current"
        else
            printf '%s\n' $line
        end
    end
end

complete -c tcguard -f -a '(__tcguard_complete)'
