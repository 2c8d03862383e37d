#!/bin/sh
# bench/run.sh -- the run behind bench/RESULTS.md.
#
#   bench/run.sh [BENCH OPTIONS]      (ACCORD=path/to/accord, OUT=folder)
#
# Prints the machine, runs `accord bench` on the default generated corpus
# (200,000 sentences, seed 1, best of 5), then measures the peak memory of
# `accord code` streaming the same corpus from a file with 1 and 2 threads,
# which is the figure a user of accord sees (the bench itself also holds the
# whole corpus in memory).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
ACCORD=${ACCORD:-$here/build/accord}
OUT=${OUT:-${TMPDIR:-/tmp}/accord-bench}
mkdir -p "$OUT"

echo "cpus    $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
echo "commit  $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "load    $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$ACCORD" bench --repeat 5 --save-corpus "$OUT/corpus.jsonl" "$@" | tee "$OUT/bench.txt"
echo
for j in 1 2; do
    /usr/bin/time -f "%M %e %U %S" -o "$OUT/time.$j" \
        "$ACCORD" code --quiet -j "$j" "$OUT/corpus.jsonl" > "$OUT/events.$j.jsonl"
    read -r kb secs user sys < "$OUT/time.$j"
    echo "accord code -j $j on the corpus file: peak RSS $((kb / 1024)) MiB, ${secs} s wall," \
         "${user} s user, ${sys} s system"
done
if cmp -s "$OUT/events.1.jsonl" "$OUT/events.2.jsonl"; then
    echo "accord code -j 1 and -j 2 wrote the same events"
else
    echo "accord code -j 1 and -j 2 wrote DIFFERENT events"
fi
