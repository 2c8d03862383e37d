# Issue 5: accord brief. Three stories (examples/story.txt, and two written
# for this test: tests/store/brief/signing.txt, a signing ceremony, and
# china-trade.txt, Kazakhstan-China trade) are ingested, then `accord brief
# KAZ` must say what happened (the accession, the calls), the sectors, the
# relations with the neighbours and major powers, the voices and what is
# next, each item citing its sentence, every citation quoted word for word
# from its story under References. The brief itself is the golden: it is
# the same on SQLite and PostgreSQL (ACCORD_TEST_DB, tests/store/lib.sh).
# store_brief_kazakhstan.sh adds the Kazakhstan story of ../shared.
. "$ACCORD_SOURCE/tests/store/lib.sh"
. "$STORE_DIR/brief/check.sh"
fresh_db
ingest() {
    "$ACCORD" ingest --quiet --db "$DB" --date "$1" "$2" || echo "FAIL: ingest $2: exit $?"
}
ingest 2025-03-12 "$ACCORD_SOURCE/examples/story.txt"
ingest 2025-11-20 "$STORE_DIR/brief/signing.txt"
ingest 2025-11-25 "$STORE_DIR/brief/china-trade.txt"

"$ACCORD" brief KAZ --db "$DB" >kaz.md
check "accord brief KAZ exits 0" [ $? -eq 0 ]
check "every item cites its sentence" brief_cited kaz.md
check "every citation has its reference, every reference is cited" brief_refs kaz.md
check "every reference quotes its story word for word" brief_sources kaz.md \
    "story=$ACCORD_SOURCE/examples/story.txt" "signing=$STORE_DIR/brief/signing.txt" \
    "china-trade=$STORE_DIR/brief/china-trade.txt"
check "what happened: the accession, cited" \
    grep -q '^- \*\*2025-11-20\*\* Kazakhstan (KAZ): joined the Abraham Accords.*\[signing:1\]$' kaz.md
check "what happened: the call with Uzbekistan, cited" \
    grep -q '^- \*\*2025-03-12\*\* .*Mirziyoyev: talk by phone (041)\. \[story:4\]$' kaz.md
check "sectors: trade, energy, transport, agriculture, each cited" \
    sh -c 'for s in Trade Energy Transport Agriculture; do grep -q "^- \*\*$s\*\* — .*\[.*:[0-9]*\]$" kaz.md || exit 1; done'
check "strategic context: Russia's call, China's visit, no events with Turkmenistan" \
    sh -c 'grep -q "^- \*\*Russia (RUS)\*\* — neighbour and major power: 1 event .*\[china-trade:5\]$" kaz.md &&
           grep -q "^- \*\*China (CHN)\*\* — neighbour and major power: 2 events .*\[china-trade:1\]" kaz.md &&
           grep -q "^- \*\*TKM\*\* — neighbour: no events between them\.$" kaz.md'
check "voices: Tokayev at the ceremony, Xi on investment, cited" \
    sh -c 'grep -q "^- \*\*Kassym-Jomart Tokayev\*\* (KAZGOV), 2025-11-20, said: .*Today Kazakhstan opens.*\[signing:3\]$" kaz.md &&
           grep -q "^- \*\*Xi Jinping\*\* (CHNGOV), 2025-11-25, said that China would increase.*\[china-trade:4\]$" kaz.md'
check "what is next: the working group in January, cited" \
    grep -q '^- \*\*will meet\*\* — when: in January; .*\[signing:5\]$' kaz.md
echo "--- accord brief KAZ"
cat kaz.md
echo "---"

"$ACCORD" brief KAZ --format html --db "$DB" >kaz.html
check "HTML: a whole page with the same references" \
    sh -c '[ "$(grep -c "<li id=\"ref-" kaz.html)" = "$(sed -n "/^## References/,\$p" kaz.md | grep -c "^- ")" ] &&
           grep -q "^<!DOCTYPE html>" kaz.html && tail -n 1 kaz.html | grep -q "</html>"'
"$ACCORD" brief "Abraham Accords" --db "$DB" >aa.md
check "an agreement by name: its member, cited" \
    grep -q '^- \*\*Kazakhstan (KAZ)\*\* — latest, 2025-11-20: joined the Abraham Accords.*\[signing:1\]' aa.md
check "an agreement: every item cited" brief_cited aa.md
"$ACCORD" brief KAZ --since 2025-11-21 --db "$DB" >late.md
check "--since: only the later story is cited" sh -c '! grep -q "\[signing:[0-9]\|\[story:[0-9]" late.md && grep -q "\[china-trade:" late.md'
"$ACCORD" brief NOR --db "$DB" 2>nothing.err
rc=$?
check "an actor the data does not name: exit 1, says so" sh -c "[ $rc -eq 1 ] && grep -q \"nothing in the database about 'NOR'\" nothing.err"
"$ACCORD" brief KAZ --since 2025-13-01 --db "$DB" 2>baddate.err
rc=$?
check "a bad date: exit 1, says so" sh -c "[ $rc -eq 1 ] && grep -q 'is not a date' baddate.err"
exit $fail
