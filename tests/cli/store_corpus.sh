# Issue 5 acceptance: ingest the store corpus (tests/store/corpus.jsonl: 214
# stories written for the tests, several per event, four agreements, quotes,
# planned events), then ask the questions of tests/store/expected.txt, whose
# answers make_corpus.py wrote from its plan of the corpus (not from accord):
# de-duplicated events with their mention, source and article counts, a
# dyad timeline, agreement members with status and timeline, quotations.
# Then the same input again (nothing changes), and one story with a new text
# (replaced, and the counts stay right). Set ACCORD_TEST_DB to run it on
# another database (tests/store/lib.sh).
. "$ACCORD_SOURCE/tests/store/lib.sh"
fresh_db
want=$(sed -n 's/^holds/holds/p' "$EXPECTED")

"$ACCORD" ingest --db "$DB" "$CORPUS" 2>first.err
check "first ingest exits 0" [ $? -eq 0 ]
check "214 stories stored, all new" grep -q "214 stories read: 214 stored (214 new, 0 updated), 0 unchanged" first.err
check "the database holds what the plan says" [ "$(holds first.err)" = "$want" ]
[ "$(holds first.err)" = "$want" ] || { echo "  got:  $(holds first.err)"; echo "  want: $want"; }
expect_blocks

# The same input again: every story is known, nothing is written.
"$ACCORD" ingest --db "$DB" "$CORPUS" 2>again.err
check "second ingest exits 0" [ $? -eq 0 ]
check "second ingest: 0 stored, 214 unchanged" grep -q "214 stories read: 0 stored (0 new, 0 updated), 214 unchanged" again.err
check "second ingest: the same database" [ "$(holds again.err)" = "$want" ]

# One story with a new text (a sentence more): replaced, counts unchanged.
awk '!done && /Netanyahu/ { sub(/"}$/, " No details of the agenda were released.\"}"); done = 1 } { print }' \
    "$CORPUS" >changed.jsonl
check "one story changed" [ "$(cmp -l "$CORPUS" changed.jsonl 2>/dev/null | wc -l)" -gt 0 ]
"$ACCORD" ingest --db "$DB" changed.jsonl 2>changed.err
check "changed story: 1 stored (1 updated), 213 unchanged" grep -q "214 stories read: 1 stored (0 new, 1 updated), 213 unchanged" changed.err
check "changed story: the same events, groups and counts" [ "$(holds changed.err)" = "$want" ]
expect_blocks | grep -v "^ok:"
"$ACCORD" events --db "$DB" --text '"imposed an embargo" OR joined' --columns code --csv >text.csv 2>&1
check "text search finds the events of the sentences that match" [ "$(sort -u text.csv | tr '\n' ' ')" = "057 163 code " ]
"$ACCORD" export --db "$DB" --format gdelt >gdelt.tsv
check "GDELT export: one line per event group, 61 columns" \
    [ "$(awk -F'\t' 'NF != 61 { bad++ } END { print NR, bad + 0 }' gdelt.tsv)" = "125 0" ]
"$ACCORD" export --db "$DB" --format phoenix >phoenix.tsv
check "Phoenix export: 26 columns" [ "$(awk -F'\t' 'NF != 26 { bad++ } END { print NR, bad + 0 }' phoenix.tsv)" = "125 0" ]
exit $fail
