# Issue 5 acceptance: `accord brief KAZ` after ingesting the Kazakhstan
# story of ../shared (dated 2025-11-07) and the stories written for the
# tests (examples/story.txt; tests/store/brief/signing.txt, the signing
# ceremony; china-trade.txt): a brief whose every item cites its sentence,
# with the accession, the trilateral call, the quotations, the sectors and
# the planned signing. SKIP without ../shared. The brief is the golden, the
# same on SQLite and PostgreSQL.
. "$ACCORD_SOURCE/tests/store/lib.sh"
. "$STORE_DIR/brief/check.sh"
story="$ACCORD_SHARED/examples/kazakhstan-abraham-accords.txt"
if [ ! -f "$story" ]; then
    echo "SKIP: ../shared not found"
    exit 0
fi
fresh_db
ingest() {
    "$ACCORD" ingest --quiet --db "$DB" --date "$1" "$2" || echo "FAIL: ingest $2: exit $?"
}
ingest 2025-03-12 "$ACCORD_SOURCE/examples/story.txt"
ingest 2025-11-07 "$story"
ingest 2025-11-20 "$STORE_DIR/brief/signing.txt"
ingest 2025-11-25 "$STORE_DIR/brief/china-trade.txt"

"$ACCORD" brief KAZ --db "$DB" >kaz.md
check "accord brief KAZ exits 0" [ $? -eq 0 ]
check "every item cites its sentence" brief_cited kaz.md
check "every citation has its reference, every reference is cited" brief_refs kaz.md
check "the references of our stories quote them word for word" brief_sources kaz.md \
    "story=$ACCORD_SOURCE/examples/story.txt" "signing=$STORE_DIR/brief/signing.txt" \
    "china-trade=$STORE_DIR/brief/china-trade.txt"
k='kazakhstan-abraham-accords'
check "the accession: the intent, then joined at the signing, cited" \
    sh -c "grep -q '^- \*\*2025-11-07\*\* Kazakhstan (KAZ): intent to join the Abraham Accords.*\[$k:1\]\$' kaz.md &&
           grep -q '^- \*\*2025-11-20\*\* Kazakhstan (KAZ): joined the Abraham Accords.*\[signing:1\]\$' kaz.md"
check "the trilateral call: Trump, Tokayev and Netanyahu talk by phone, cited" \
    sh -c "grep '^- \*\*2025-11-07\*\* .*: talk by phone (041)\. \[$k:6\]\$' kaz.md | grep Trump | grep Tokayev | grep -q Netanyahu"
check "the quotations: Trump's and Rubio's, cited" \
    sh -c "grep -q '^- \*\*Donald Trump\*\* (USAGOV), 2025-11-07, stated: .*Kazakhstan is the first country of my second term.*\[$k:7\]\$' kaz.md &&
           grep -q '^- \*\*Marco Rubio\*\* (USAGOV), 2025-11-07, .*bilateral trade with Israel.*\[$k:14\]\$' kaz.md"
check "the sectors: trade, agriculture, cybersecurity, technology, water, cited" \
    sh -c 'for s in Trade Agriculture Cybersecurity Technology Water; do grep -q "^- \*\*$s\*\* — .*\[.*:[0-9]*\]$" kaz.md || exit 1; done'
check "the planned signing ceremony, cited" \
    grep -q "^- \*\*official signing ceremony\*\* — Abraham Accords; who: Kazakhstan; reported 2025-11-07\. \[$k:25\]\$" kaz.md
check "the major powers: the United States, from the call and the statement, cited" \
    grep -q "^- \*\*United States (USA)\*\* — 3 events .*\[$k:6\] \[$k:7\]\$" kaz.md
echo "--- accord brief KAZ"
cat kaz.md
exit $fail
