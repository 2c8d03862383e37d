# Acceptance: the Kazakhstan / Abraham Accords story of ../shared.
# Checks with grep, not a golden, what a correct coding must contain.
story="$ACCORD_SHARED/examples/kazakhstan-abraham-accords.txt"
if [ ! -f "$story" ]; then
    echo "SKIP: ../shared absent"
    exit 0
fi
"$ACCORD" code --quiet --date 2025-11-07 "$story" >events.json || echo "accord failed: exit $?"
fail=0
check() {   # check DESCRIPTION ERE
    if grep -Eq "$2" events.json; then
        echo "ok: $1"
    else
        echo "MISSING: $1"
        fail=1
    fi
}
check "a KAZ event of intent (03x) or accession (057) to Israel, the USA or the Accords" \
      '"source":"KAZ[A-Z]*","target":"(ISR|USA|ABRAHAM_ACCORDS)[A-Z_]*",.*"code":"(03[0-9]*|057)"'
check "a phone call (041) between the US, Israeli and Kazakh governments" \
      '"source":"(USAGOV|ISRGOV|KAZGOV)","target":"(USAGOV|ISRGOV|KAZGOV)",.*"code":"041"'
check "an event with a US government source" '"source":"USAGOV"'
if grep -q 'indicates required fields' events.json; then
    echo "WRONG: an event from the web-form line"
    fail=1
else
    echo "ok: nothing from the web-form line"
fi
exit $fail
