# Issue 5 acceptance: malformed input, a locked database, a read-only
# database, a full disk (SQLite's max_page_count, through ?max_bytes=), a
# file that is not a database: each gives a clear message and a non-zero
# exit, and never a half-written record (after each, the database is
# consistent and a clean run completes it exactly). SQLite only: the
# PostgreSQL failures (an unreachable server) are tested with that backend.
. "$ACCORD_SOURCE/tests/store/lib.sh"
case $DB in
sqlite:*) ;;
*) echo "SKIP: SQLite failure modes"; exit 0 ;;
esac
path=${DB#sqlite:}
want=$(sed -n 's/^holds/holds/p' "$EXPECTED")

# expect_fail DESCRIPTION PATTERN FILE RC: the run failed with a message.
expect_fail() {
    if [ "$4" -ne 0 ] && grep -q "$2" "$3"; then
        echo "ok: $1"
    else
        echo "FAIL: $1 (exit $4)"
        cat "$3"
        fail=1
    fi
}

# 1. Malformed input: the bad line is reported with its line number and
#    skipped, the good stories are stored, the exit is 1. (A date that is
#    not a date is only a warning: the story is stored without one.)
fresh_db
head -n 2 "$CORPUS" >bad.jsonl
echo '{"id": "broken", "date": "2025-03-01", "text": "unterminated' >>bad.jsonl
sed -n 3p "$CORPUS" >>bad.jsonl
echo '{"id": "bad-date", "date": "2025-13-45", "text": "Putin met Xi in Moscow."}' >>bad.jsonl
"$ACCORD" ingest --db "$DB" bad.jsonl 2>bad.err
expect_fail "malformed JSON line: reported with its line, exit 1" "bad.jsonl:3" bad.err $?
check "malformed input: the other 4 stories are stored" grep -q "holds 4 stories" bad.err
check "a bad date is a warning with its line" grep -q "bad.jsonl:5: bad-date: unrecognised date" bad.err

# 2. A locked database: another ingest holds the write lock (paused inside
#    its batch); this one waits busy_timeout, then gives up cleanly.
fresh_db
ACCORD_TEST_PAUSE_AFTER=5 "$ACCORD" ingest --db "$DB" "$CORPUS" 2>holder.err &
holder=$!
n=0
while ! grep -q paused holder.err 2>/dev/null && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
check "the first ingest holds the lock" grep -q paused holder.err
"$ACCORD" ingest --db "sqlite:$path?busy_timeout=300" "$CORPUS" 2>locked.err
expect_fail "locked database: 'locked', exit 1" "database is locked by another process" locked.err $?
kill -9 $holder 2>/dev/null
wait $holder 2>/dev/null
"$ACCORD" ingest --db "$DB" "$CORPUS" 2>after-lock.err
check "after the lock: a clean run stores everything once" [ "$(holds after-lock.err)" = "$want" ]

# 3. A read-only database (opened read-only; chmod too when not root, since
#    root writes read-only files).
"$ACCORD" ingest --db "sqlite:$path?mode=ro" "$CORPUS" 2>ro.err
expect_fail "read-only database: 'read-only', exit 1" "database is read-only" ro.err $?
if [ "$(id -u)" != 0 ]; then
    chmod a-w "$path"
    "$ACCORD" ingest --db "$DB" "$CORPUS" 2>ro2.err
    rc=$?
    chmod u+w "$path"
    grep -q "read-only" ro2.err && [ $rc -ne 0 ] || { echo "FAIL: chmod a-w database"; cat ro2.err; fail=1; }
fi
"$ACCORD" events --db "$DB" --columns id --limit 1 --csv >/dev/null 2>ro-read.err
check "a read-only database can still be queried" [ $? -eq 0 ]

# 4. A full disk: the file may not grow past 250 kB (the corpus takes 400). Whole batches are
#    committed until one does not fit; that one is rolled back.
fresh_db
"$ACCORD" ingest --db "sqlite:$path?max_bytes=250000" --batch 40 "$CORPUS" 2>full.err
expect_fail "full disk: 'disk full', exit 1" "disk full" full.err $?
stored=$(sed -n 's/.* holds \([0-9]*\) stories.*/\1/p' full.err)
check "full disk: whole batches only (some stored, all of a batch or none)" [ "${stored:-0}" -gt 0 -a $((${stored:-0} % 40)) -eq 0 ]
"$ACCORD" ingest --db "$DB" "$CORPUS" 2>after-full.err
check "after the full disk: a clean run completes it exactly" [ "$(holds after-full.err)" = "$want" ]
expect_blocks | grep -v "^ok:"

# 5. Not a database, and a backend this build does not have.
echo "not a database" >notadb.db
"$ACCORD" events --db notadb.db 2>notadb.err
expect_fail "not a database: exit 1" "not an SQLite database\|not one of accord's" notadb.err $?
"$ACCORD" ingest --db "sqlite:$TMP/no/such/folder/x.db" "$CORPUS" 2>nofolder.err
expect_fail "a folder that does not exist: exit 1" "cannot open the database" nofolder.err $?
"$ACCORD" events --db "$TMP/missing.db" 2>missing.err
expect_fail "querying a database that does not exist: exit 1" "no database here" missing.err $?
exit $fail
