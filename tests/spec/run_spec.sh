#!/bin/sh
# run_spec.sh -- runs a spec file of sentences and the events they must give.
#
# usage: sh run_spec.sh [--format json|tsv] [--explain] ACCORD FILE.spec
#
# A spec file is a list of cases (cmark's spec.txt layout):
#
#   # the name of the case (comment lines between cases)
#   date: 2025-11-07            (optional; default 2025-06-01)
#   The sentence or sentences, on one or more lines.
#   .
#   KAZ ISR 036 intent          (SOURCE TARGET CODE [MOOD], one event a line)
#   .
#
# No line between the two dots means the case must code nothing. MOOD is
# done, intent, future or conditional; without it any mood is accepted.
# Each case is coded by `ACCORD code --date D --format json` on its own, and
# the set of (source, target, code, mood) it produces must equal the
# expected set exactly. With --format tsv the TSV output is read instead
# (it has no mood, so moods are not checked). With --explain (or
# SPEC_EXPLAIN=1) a failing case also prints `accord code --explain`.
#
# Prints each failing case, then "N passed, N failed"; exits 1 when a case
# fails, 2 when the spec file or the arguments are unusable.
# POSIX sh and awk only.

LC_ALL=C
export LC_ALL

format=json
explain=${SPEC_EXPLAIN:-0}
while [ $# -gt 0 ]; do
    case $1 in
    --format) format=$2; shift 2 ;;
    --format=*) format=${1#--format=}; shift ;;
    --explain) explain=1; shift ;;
    --) shift; break ;;
    -*) echo "run_spec.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
if [ $# -ne 2 ]; then
    echo "usage: run_spec.sh [--format json|tsv] [--explain] ACCORD FILE.spec" >&2
    exit 2
fi
accord=$1
spec=$2
case $format in json|tsv) ;; *) echo "run_spec.sh: format is json or tsv" >&2; exit 2 ;; esac
if [ ! -x "$accord" ]; then
    echo "run_spec.sh: $accord is not an executable" >&2
    exit 2
fi
if [ ! -r "$spec" ]; then
    echo "run_spec.sh: cannot read $spec" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/accord-spec.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# 1. Cut the spec file into cases: N.txt (sentences), N.exp (expected
#    events), and a line "N<TAB>line<TAB>date<TAB>name" in cases.
awk -v dir="$tmp" -v file="$spec" '
function fail(msg) { printf "%s:%d: %s\n", file, NR, msg > "/dev/stderr"; bad = 1; exit 2 }
BEGIN { state = 0; n = 0; date = ""; name = "" }
{ sub(/\r$/, "") }
state == 0 {
    if ($0 ~ /^[ \t]*$/) { name = ""; next }
    if ($0 ~ /^#/) { if (name == "") { name = $0; sub(/^#[ \t]*/, "", name) } next }
    if ($0 ~ /^date:/) {
        date = $0; sub(/^date:[ \t]*/, "", date); sub(/[ \t]+$/, "", date)
        if (date !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) fail("bad date \"" date "\"")
        next
    }
    if ($0 == ".") fail("a case has no sentence")
    n++; start = NR; state = 1
    txt = dir "/" n ".txt"; expf = dir "/" n ".exp"
    printf "" > expf
    print > txt
    next
}
state == 1 {
    if ($0 == ".") { state = 2; close(txt); next }
    print > txt
    next
}
state == 2 {
    if ($0 == ".") {
        close(expf)
        printf "%d\t%d\t%s\t%s\n", n, start, (date == "" ? "2025-06-01" : date), name > (dir "/cases")
        state = 0; date = ""; name = ""
        next
    }
    m = split($0, f, /[ \t]+/)
    if (f[1] == "") { for (i = 1; i < m; i++) f[i] = f[i + 1]; m-- }
    if (m < 3 || m > 4) fail("an event is SOURCE TARGET CODE [MOOD]")
    if (f[3] !~ /^[0-9][0-9][0-9][0-9]?$/) fail("bad CAMEO code \"" f[3] "\"")
    if (m == 4 && f[4] !~ /^(done|intent|future|conditional)$/) fail("bad mood \"" f[4] "\"")
    print f[1], f[2], f[3], (m == 4 ? f[4] : "*") > expf
    next
}
END {
    if (bad) exit 2
    if (state != 0) { printf "%s: the last case is not closed by \".\"\n", file > "/dev/stderr"; exit 2 }
    if (n == 0) { printf "%s: no cases\n", file > "/dev/stderr"; exit 2 }
}' "$spec" || exit 2

# 2. Code each case and compare.
passed=0
failed=0
tab=$(printf '\t')
while IFS=$tab read -r n line date name; do
    txt="$tmp/$n.txt"
    out="$tmp/$n.out"
    "$accord" code --quiet --input text --date "$date" --format "$format" "$txt" >"$out" 2>"$tmp/$n.err"
    rc=$?
    # (source, target, code, mood) of each produced event, one a line.
    if [ "$format" = json ]; then
        awk '
        function field(k,   r) {
            if (!match($0, "\"" k "\":\"[^\"]*\"")) return "?"
            r = substr($0, RSTART + length(k) + 4, RLENGTH - length(k) - 5)
            return r
        }
        { print field("source"), field("target"), field("code"), field("mood") }' "$out"
    else
        awk -F '\t' '{ print $2, $3, $4, "*" }' "$out"
    fi | sort -u >"$tmp/$n.got"
    sort -u "$tmp/$n.exp" >"$tmp/$n.want"
    # Every expected event must be produced and every produced event expected;
    # an expected event without a mood ("*") matches any mood.
    if [ $rc -eq 0 ] && awk '
        FNR == NR { want[FNR] = $0; ws[FNR] = $1 " " $2 " " $3; wm[FNR] = $4; nw = FNR; next }
        {
            hit = 0
            for (i = 1; i <= nw; i++)
                if (ws[i] == $1 " " $2 " " $3 && (wm[i] == "*" || wm[i] == $4 || $4 == "*")) {
                    used[i] = 1; hit = 1
                }
            if (!hit) extra = 1
        }
        END {
            for (i = 1; i <= nw; i++) if (!used[i]) missing = 1
            exit (extra || missing) ? 1 : 0
        }' "$tmp/$n.want" "$tmp/$n.got"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $spec:$line: ${name:-case $n} (date $date)"
        sed 's/^/    | /' "$txt"
        echo "  expected:"
        if [ -s "$tmp/$n.want" ]; then sed 's/ \*$//; s/^/    /' "$tmp/$n.want"; else echo "    (no event)"; fi
        echo "  produced:"
        if [ -s "$tmp/$n.got" ]; then sed 's/ \*$//; s/^/    /' "$tmp/$n.got"; else echo "    (no event)"; fi
        if [ $rc -ne 0 ]; then
            echo "  accord exited $rc:"
            sed 's/^/    /' "$tmp/$n.err"
        fi
        if [ "$explain" = 1 ]; then
            echo "  explain:"
            "$accord" code --quiet --input text --date "$date" --explain "$txt" 2>&1 | sed 's/^/    /'
        fi
        echo
    fi
done <"$tmp/cases"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
