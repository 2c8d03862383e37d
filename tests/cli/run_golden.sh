#!/bin/sh
# run_golden.sh -- runs one golden test of the command-line tool.
#
# usage: sh run_golden.sh [--update] ACCORD tests/cli/NAME.sh
#
# NAME.sh is run by sh in an empty temporary directory, with ACCORD (the
# binary), ACCORD_SOURCE (the source tree) and ACCORD_SHARED (the shared
# reference data, which may be absent) exported. Then:
#   stdout    must equal NAME.stdout;
#   exit code must equal NAME.exit (0 when the file is absent);
#   stderr    must equal NAME.stderr, when that file exists.
# Before comparing, the source path is written as $ACCORD_SOURCE, the shared
# path as $ACCORD_SHARED and the temporary directory as $TMP, so goldens do
# not depend on where the tree is checked out.
#
# --update (or ACCORD_GOLDEN_UPDATE=1) rewrites NAME.stdout and NAME.exit (and
# NAME.stderr if it exists) from this run instead of comparing. Review the
# diff before committing: a golden is only as good as its content.

LC_ALL=C
export LC_ALL

update=${ACCORD_GOLDEN_UPDATE:-0}
if [ "$1" = --update ]; then
    update=1
    shift
fi
if [ $# -ne 2 ]; then
    echo "usage: run_golden.sh [--update] ACCORD NAME.sh" >&2
    exit 2
fi
case $1 in /*) ACCORD=$1 ;; *) ACCORD=$(pwd)/$1 ;; esac
case $2 in /*) script=$2 ;; *) script=$(pwd)/$2 ;; esac
here=$(cd "$(dirname "$script")" && pwd)
: "${ACCORD_SOURCE:=$(cd "$here/../.." && pwd)}"
: "${ACCORD_SHARED:=$ACCORD_SOURCE/../shared}"
export ACCORD ACCORD_SOURCE ACCORD_SHARED
unset ACCORD_DICT          # the goldens are made with the default dictionaries

base=${script%.sh}
name=$(basename "$base")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/accord-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
mkdir "$tmp/work"

(cd "$tmp/work" && TMP="$tmp/work" && export TMP && sh "$script") >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?

# Paths that depend on the machine.
esc() { printf '%s\n' "$1" | sed 's/[][\.*^$|&/]/\\&/g'; }
shared=$(cd "$ACCORD_SHARED" 2>/dev/null && pwd -P || echo "$ACCORD_SHARED")
subst="s/$(esc "$tmp/work")/\$TMP/g; s/$(esc "$ACCORD_SOURCE")/\$ACCORD_SOURCE/g; s/$(esc "$ACCORD_SHARED")/\$ACCORD_SHARED/g; s/$(esc "$shared")/\$ACCORD_SHARED/g"
for f in stdout stderr; do
    sed "$subst" "$tmp/$f" >"$tmp/$f.n"
done

# A test that cannot run prints "SKIP: why" as its first line.
if head -n 1 "$tmp/stdout" | grep -q "^SKIP:"; then
    echo "$name: $(head -n 1 "$tmp/stdout")"
    exit 0
fi

if [ "$update" = 1 ]; then
    cp "$tmp/stdout.n" "$base.stdout"
    if [ $rc -ne 0 ]; then echo $rc >"$base.exit"; else rm -f "$base.exit"; fi
    [ -f "$base.stderr" ] && cp "$tmp/stderr.n" "$base.stderr"
    echo "$name: updated (exit $rc)"
    exit 0
fi

status=0
want_rc=0
[ -f "$base.exit" ] && want_rc=$(cat "$base.exit")
if [ "$rc" != "$want_rc" ]; then
    echo "$name: exit code $rc, expected $want_rc"
    status=1
fi
if [ -f "$base.stdout" ]; then
    if ! diff -u "$base.stdout" "$tmp/stdout.n" >"$tmp/diff"; then
        echo "$name: stdout differs from $name.stdout:"
        cat "$tmp/diff"
        status=1
    fi
else
    echo "$name: $name.stdout is missing (run with --update to create it)"
    status=1
fi
if [ -f "$base.stderr" ] && ! diff -u "$base.stderr" "$tmp/stderr.n" >"$tmp/diff"; then
    echo "$name: stderr differs from $name.stderr:"
    cat "$tmp/diff"
    status=1
fi
if [ $status -ne 0 ]; then
    echo "--- stderr of the run:"
    cat "$tmp/stderr.n"
    exit 1
fi
echo "$name: ok"
exit 0
