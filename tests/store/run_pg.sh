#!/bin/sh
# run_pg.sh -- runs a store golden test (tests/cli/store_*.sh) on PostgreSQL.
#
# usage: sh run_pg.sh ACCORD tests/cli/NAME.sh
#
# The server is the one of $ACCORD_TEST_PG_URL (scripts/test starts one with
# scripts/pg-start and exports it). The test gets a database of its own on
# it, accord_NAME_<hash of the accord binary's path> (so that tests and
# builds may run at the same time), as ACCORD_TEST_DB, and the command that
# empties it as ACCORD_TEST_DB_RESET (tests/store/lib.sh); then
# tests/cli/run_golden.sh runs it and compares its output with the same
# NAME.stdout as on SQLite. Without ACCORD_TEST_PG_URL the test prints SKIP
# and passes.
if [ $# -ne 2 ]; then
    echo "usage: run_pg.sh ACCORD NAME.sh" >&2
    exit 2
fi
name=$(basename "$2" .sh)
if [ -z "${ACCORD_TEST_PG_URL:-}" ]; then
    echo "$name (PostgreSQL): SKIP: no PostgreSQL (ACCORD_TEST_PG_URL unset)"
    exit 0
fi
if ! command -v psql >/dev/null 2>&1; then
    echo "$name (PostgreSQL): SKIP: no psql (apt-get install postgresql-client)"
    exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
sum=$(printf '%s' "$1" | cksum | cut -d' ' -f1)
db=$(printf 'accord_%s_%s' "$name" "$sum" | tr -c 'a-zA-Z0-9_\n' '_' | cut -c1-63)
# The URL of the server with the database replaced (its query string kept).
base=${ACCORD_TEST_PG_URL%%\?*}
query=${ACCORD_TEST_PG_URL#"$base"}
rest=${base#*://}
case $rest in
*/*) server=${base%/*} ;;
*) server=$base ;;
esac
ACCORD_TEST_DB="$server/$db$query"
ACCORD_TEST_DB_RESET="psql '$ACCORD_TEST_PG_URL' -qX -v ON_ERROR_STOP=1 -c 'DROP DATABASE IF EXISTS $db WITH (FORCE)' -c 'CREATE DATABASE $db' >/dev/null"
export ACCORD_TEST_DB ACCORD_TEST_DB_RESET
sh "$here/../cli/run_golden.sh" "$1" "$2"
rc=$?
# The database is left for a look after a failure, and dropped otherwise.
if [ $rc -eq 0 ]; then
    psql "$ACCORD_TEST_PG_URL" -qX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
fi
exit $rc
