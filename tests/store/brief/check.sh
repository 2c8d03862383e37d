# check.sh -- what the brief tests (tests/cli/store_brief*.sh) check in a
# Markdown brief. Sourced after tests/store/lib.sh (check, fail).

# brief_cited FILE: every item of every section cites a sentence
# ([story:N]), except the lines that say there is no data.
brief_cited() {
    awk '
        /^## References/ { refs = 1 }
        /^## / { next }
        !refs && /^- / && !/\[[^]]*:[0-9]+\]/ && !/no events between them\.$/ { print "  uncited: " $0; bad = 1 }
        END { exit bad }' "$1"
}

# brief_refs FILE: every citation has its reference, and every reference is cited.
brief_refs() {
    sed -n '/^## References/,$p' "$1" | sed -n 's/^- \[\([^]]*:[0-9]*\)\].*/\1/p' | sort -u >refs.list
    sed '/^## References/,$d' "$1" | grep -o '\[[^] []*:[0-9]*\]' | tr -d '[]' | sort -u >cites.list
    [ -s cites.list ] && cmp -s refs.list cites.list || { diff cites.list refs.list | sed 's/^/  /'; return 1; }
}

# brief_sources FILE STORY=PATH...: every reference of those stories quotes
# a sentence of the story's file, word for word (nothing invented).
brief_sources() {
    f=$1
    shift
    status=0
    for pair in "$@"; do
        story=${pair%%=*}
        path=${pair#*=}
        sed -n "s/^- \[$story:[0-9]*\] [0-9-]*: //p" "$f" | sed 's/\\\([\\*<_]\)/\1/g' >quoted.txt
        while IFS= read -r sentence; do
            grep -qF -- "$sentence" "$path" || { echo "  not in $path: $sentence"; status=1; }
        done <quoted.txt
    done
    return $status
}
