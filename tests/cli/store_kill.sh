# Issue 5 acceptance: a killed ingest loses nothing committed and a second
# run completes it, with no story lost or stored twice. The first run is
# killed (SIGKILL, from inside: ACCORD_TEST_KILL_AFTER) in the middle of its
# third batch of 50 stories, after 120 stories were written; the second run
# finds the 100 committed ones and stores the rest; the database is then
# exactly the one a single run makes (tests/store/expected.txt).
. "$ACCORD_SOURCE/tests/store/lib.sh"
fresh_db
want=$(sed -n 's/^holds/holds/p' "$EXPECTED")

ACCORD_TEST_KILL_AFTER=120 "$ACCORD" ingest --db "$DB" --batch 50 "$CORPUS" 2>killed.err
rc=$?
check "the first run was killed (exit $rc)" [ $rc -eq 137 ]
"$ACCORD" ingest --db "$DB" --batch 50 "$CORPUS" 2>resumed.err
check "the second run exits 0" [ $? -eq 0 ]
check "the second run finds 100 stories committed and stores the 114 others" \
    grep -q "214 stories read: 114 stored (114 new, 0 updated), 100 unchanged" resumed.err
check "no story lost or duplicated: the database of a single run" [ "$(holds resumed.err)" = "$want" ]
[ "$(holds resumed.err)" = "$want" ] || { echo "  got:  $(holds resumed.err)"; echo "  want: $want"; }
expect_blocks
exit $fail
