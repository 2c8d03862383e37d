# -j 2 writes exactly what -j 1 writes: 700 stories (more than one batch of
# 512), each a copy of the example with its own id.
i=0
while [ $i -lt 700 ]; do
    cp "$ACCORD_SOURCE/examples/story.txt" "story$i.txt"
    i=$((i + 1))
done
"$ACCORD" code --quiet --date 2025-03-12 story*.txt >j1.out || echo "-j 1 failed"
"$ACCORD" code --quiet --date 2025-03-12 -j 2 story*.txt >j2.out || echo "-j 2 failed"
"$ACCORD" code --quiet --date 2025-03-12 -j 7 story*.txt >j7.out || echo "-j 7 failed"
[ -s j1.out ] && echo "events written"
cmp j1.out j2.out && echo "-j 2 identical to -j 1"
cmp j1.out j7.out && echo "-j 7 identical to -j 1"
