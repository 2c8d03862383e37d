# Issue 5 acceptance: an unreachable PostgreSQL server gives a clear message
# ("cannot connect to postgresql://...: <libpq's reason>") and a non-zero
# exit, for every command that opens a store, and the password of the URL
# never appears in a message. Needs no server: port 1 of the loopback
# address is closed (binding it needs root, and nothing does), and a host
# name under .invalid never resolves (RFC 2606).
. "$ACCORD_SOURCE/tests/store/lib.sh"
url="postgresql://accord:s3cret@127.0.0.1:1/accord_test"

# expect_refused DESCRIPTION FILE RC
expect_refused() {
    if [ "$3" -ne 0 ] && grep -q "cannot connect to postgresql://accord:\*\*\*@127.0.0.1:1/accord_test: .*refused" "$2" &&
        ! grep -q s3cret "$2"; then
        echo "ok: $1"
    else
        echo "FAIL: $1 (exit $3)"
        cat "$2"
        fail=1
    fi
}

"$ACCORD" ingest --db "$url" "$ACCORD_SOURCE/examples/story.txt" 2>ingest.err
expect_refused "ingest: cannot connect, exit 1" ingest.err $?
"$ACCORD" events --db "$url" 2>events.err
expect_refused "events: cannot connect, exit 1" events.err $?
"$ACCORD" dyad KAZ ISR --db "$url" 2>dyad.err
expect_refused "dyad: cannot connect, exit 1" dyad.err $?
"$ACCORD" agreements --db "$url" 2>agreements.err
expect_refused "agreements: cannot connect, exit 1" agreements.err $?
"$ACCORD" export --format gdelt --db "$url" 2>export.err
expect_refused "export: cannot connect, exit 1" export.err $?
"$ACCORD" brief KAZ --db "$url" 2>brief.err
expect_refused "brief: cannot connect, exit 1" brief.err $?

"$ACCORD" events --db "postgres://accord@accord-test.invalid/accord_test?connect_timeout=5" 2>host.err
rc=$?
check "a host that does not resolve: exit 1, says which host" \
    sh -c "[ $rc -ne 0 ] && grep -q 'cannot connect to postgres://accord@accord-test.invalid/.*accord-test.invalid' host.err"
exit $fail
