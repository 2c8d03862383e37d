# lib.sh -- what the store tests (tests/cli/store_*.sh) share. Sourced.
#
# The database is $ACCORD_TEST_DB when set (a URL: sqlite:PATH or
# postgresql://...), else an SQLite file in the test's folder. A PostgreSQL
# database must be emptied between tests by the command in
# $ACCORD_TEST_DB_RESET (the test is skipped without one).

STORE_DIR="$ACCORD_SOURCE/tests/store"
CORPUS="$STORE_DIR/corpus.jsonl"
EXPECTED="$STORE_DIR/expected.txt"
DB=${ACCORD_TEST_DB:-sqlite:$TMP/store.db}
fail=0

# fresh_db: an empty database at $DB.
fresh_db() {
    case $DB in
    sqlite:*) rm -f "${DB#sqlite:}" "${DB#sqlite:}-wal" "${DB#sqlite:}-shm" ;;
    postgres*)
        if [ -z "${ACCORD_TEST_DB_RESET:-}" ]; then
            echo "SKIP: ACCORD_TEST_DB is PostgreSQL but ACCORD_TEST_DB_RESET is not set"
            exit 0
        fi
        sh -c "$ACCORD_TEST_DB_RESET" || { echo "cannot reset $DB"; exit 1; } ;;
    *) rm -f "$DB" "$DB-wal" "$DB-shm" ;;
    esac
}

# holds FILE: the "holds ..." part of the ingest summary in FILE.
holds() {
    sed -n 's/^accord: .* \(holds .*\)$/\1/p' "$1"
}

# check DESCRIPTION CONDITION...: prints ok or FAIL.
check() {
    what=$1
    shift
    if "$@"; then
        echo "ok: $what"
    else
        echo "FAIL: $what"
        fail=1
    fi
}

# expect_blocks: runs every "$ ARGS" command of expected.txt against $DB
# and compares its output with the lines under it.
expect_blocks() {
    rm -rf blocks
    mkdir blocks
    awk -v dir=blocks '
        /^#/ { next }
        /^\$ / { n++; print substr($0, 3) > (dir "/cmd." n); printf "" > (dir "/out." n); next }
        n { print > (dir "/out." n) }' "$EXPECTED"
    k=1
    while [ -f blocks/cmd.$k ]; do
        cmd=blocks/cmd.$k
        # shellcheck disable=SC2046
        "$ACCORD" $(cat "$cmd") --db "$DB" >blocks/got."$k" 2>&1
        if diff -u blocks/out."$k" blocks/got."$k" >blocks/diff."$k"; then
            echo "ok: accord $(cat "$cmd")"
        else
            echo "FAIL: accord $(cat "$cmd")"
            cat blocks/diff."$k"
            fail=1
        fi
        k=$((k + 1))
    done
}
