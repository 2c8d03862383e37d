# Issue 5 acceptance, PostgreSQL: malformed input, a database locked by
# another writer, a read-only database, a full disk (simulated: a trigger
# raises the server's disk_full error in the middle of a batch, after its
# stories, sentences and events were sent), a database that is not
# accord's. Each gives a clear message and a non-zero exit, and never a
# half-written record: after each, the database holds whole batches only
# and a clean run completes it exactly. (The unreachable server is
# store_pg_unreachable.sh.) Needs the server of $ACCORD_TEST_PG_URL
# (scripts/test starts one) and psql; SKIP without them.
. "$ACCORD_SOURCE/tests/store/lib.sh"
if [ -z "${ACCORD_TEST_PG_URL:-}" ]; then
    echo "SKIP: no PostgreSQL (ACCORD_TEST_PG_URL unset)"
    exit 0
fi
if ! command -v psql >/dev/null 2>&1; then
    echo "SKIP: no psql"
    exit 0
fi
want=$(sed -n 's/^holds/holds/p' "$EXPECTED")
# A database of this test's own (another build may run the same test).
db=accord_failures_$(printf '%s' "$ACCORD" | cksum | cut -d' ' -f1)
base=${ACCORD_TEST_PG_URL%%\?*}
case ${base#*://} in */*) server=${base%/*} ;; *) server=$base ;; esac
DB="$server/$db"
admin() { psql "$ACCORD_TEST_PG_URL" -qX -v ON_ERROR_STOP=1 "$@" >/dev/null; }
sql() { psql "$DB" -qXAt -v ON_ERROR_STOP=1 -c "$1"; }
fresh_db() {
    admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" || {
        echo "cannot make the database $db"
        exit 1
    }
}
# consistent: no row of a story that is not stored, and event groups whose
# counts are those of their events.
consistent() {
    [ "$(sql "SELECT (SELECT count(*) FROM sentences WHERE story NOT IN (SELECT sid FROM stories))
                   + (SELECT count(*) FROM events WHERE story NOT IN (SELECT sid FROM stories))
                   + (SELECT count(*) FROM quotes WHERE story NOT IN (SELECT sid FROM stories))
                   + (SELECT count(*) FROM stories s WHERE sentences <> (SELECT count(*) FROM sentences WHERE story = s.sid))
                   + (SELECT count(*) FROM event_groups g WHERE num_articles <> (SELECT count(*) FROM events WHERE group_id = g.id))")" = 0 ]
}
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
#    skipped, the good stories are stored, the exit is 1.
fresh_db
head -n 2 "$CORPUS" >bad.jsonl
echo '{"id": "broken", "date": "2025-03-01", "text": "unterminated' >>bad.jsonl
sed -n 3p "$CORPUS" >>bad.jsonl
"$ACCORD" ingest --db "$DB" bad.jsonl 2>bad.err
expect_fail "malformed JSON line: reported with its line, exit 1" "bad.jsonl:3" bad.err $?
check "malformed input: the other 3 stories are stored" grep -q "holds 3 stories" bad.err

# 2. A locked database: another ingest holds the write lock (paused inside
#    its batch); this one waits busy_timeout, then gives up cleanly.
fresh_db
ACCORD_TEST_PAUSE_AFTER=5 "$ACCORD" ingest --db "$DB" "$CORPUS" 2>holder.err &
holder=$!
n=0
while ! grep -q paused holder.err 2>/dev/null && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
check "the first ingest holds the lock" grep -q paused holder.err
"$ACCORD" ingest --db "$DB?busy_timeout=300" "$CORPUS" 2>locked.err
expect_fail "locked database: 'locked', exit 1" "database is locked by another process" locked.err $?
check "locked database: nothing written" [ "$(sql 'SELECT count(*) FROM stories')" = 0 ]
kill -9 $holder 2>/dev/null
wait $holder 2>/dev/null
"$ACCORD" ingest --db "$DB" "$CORPUS" 2>after-lock.err
check "after the lock: a clean run stores everything once" [ "$(holds after-lock.err)" = "$want" ]

# 3. A read-only database (the server's default_transaction_read_only for
#    this connection): ingest fails, queries work.
ro="$DB?options=-c%20default_transaction_read_only%3Don"
"$ACCORD" ingest --db "$ro" "$ACCORD_SOURCE/examples/story.txt" 2>ro.err
expect_fail "read-only database: 'read-only', exit 1" "database is read-only" ro.err $?
"$ACCORD" events --db "$ro" --columns id --limit 1 --csv >/dev/null 2>ro-read.err
check "a read-only database can still be queried" [ $? -eq 0 ]
check "read-only: the database is unchanged" [ "$(sql 'SELECT count(*) FROM stories')" = 214 ]

# 4. A full disk in the middle of the third batch: the server raises
#    disk_full when the quotes of a story after the 80th are written (after
#    that batch's stories, sentences and events were sent). Whole batches
#    are committed until then; that one is rolled back.
fresh_db
"$ACCORD" ingest --db "$DB" "$ACCORD_SOURCE/examples/story.txt" 2>/dev/null   # makes the tables
sql "TRUNCATE stories, sentences, events, event_groups, quotes, story_actors, story_themes,
     story_agreements, memberships, planned;
     CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS
     \$\$BEGIN RAISE EXCEPTION USING ERRCODE = 'disk_full',
       MESSAGE = 'could not extend file: No space left on device'; END\$\$;
     CREATE TRIGGER full_disk BEFORE INSERT ON quotes FOR EACH ROW WHEN (NEW.story > 80)
     EXECUTE FUNCTION full_disk();" >/dev/null
"$ACCORD" ingest --db "$DB" --batch 40 "$CORPUS" 2>full.err
expect_fail "full disk: 'out of disk space', exit 1" "out of disk space" full.err $?
stored=$(sql 'SELECT count(*) FROM stories')
check "full disk: whole batches only (stored $stored stories)" [ $((stored % 40)) -eq 0 ] && [ "$stored" -gt 0 ] && [ "$stored" -lt 214 ]
check "full disk: no half-written record" consistent
sql "DROP TRIGGER full_disk ON quotes" >/dev/null
"$ACCORD" ingest --db "$DB" "$CORPUS" 2>after-full.err
check "after the full disk: a clean run completes it exactly" [ "$(holds after-full.err)" = "$want" ]
check "after the full disk: consistent" consistent
expect_blocks | grep -v "^ok:"

# 5. A PostgreSQL database with other tables: not accord's.
fresh_db
sql "CREATE TABLE someone_elses (x int)" >/dev/null
"$ACCORD" ingest --db "$DB" "$ACCORD_SOURCE/examples/story.txt" 2>other.err
expect_fail "a database of other tables: exit 1" "not one of accord's" other.err $?
"$ACCORD" events --db "$DB" 2>other-read.err
expect_fail "querying it: exit 1" "not one of accord's" other-read.err $?
# An empty database: queries say so.
fresh_db
"$ACCORD" events --db "$DB" 2>empty.err
expect_fail "querying an empty database: exit 1" "empty database" empty.err $?

[ $fail = 0 ] && admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
exit $fail
