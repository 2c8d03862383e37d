# Acceptance of issue 4: `accord annotate` on the Kazakhstan / Abraham
# Accords story of ../shared. Checks with grep what a correct annotation
# must contain (one JSON object on one line).
story="$ACCORD_SHARED/examples/kazakhstan-abraham-accords.txt"
if [ ! -f "$story" ]; then
    echo "SKIP: ../shared not found"
    exit 0
fi
"$ACCORD" annotate --quiet --date 2025-11-07 "$story" >story.json || echo "accord failed: exit $?"
fail=0
# The objects of one list (what stands between "LIST":[ and ],"NEXT":), one a line.
objects() {   # objects LIST NEXT
    sed -n "s/.*\"$1\":\[\(.*\)\],\"$2\":.*/\1/p" story.json | awk '{ gsub(/\},\{"/, "}\n{\""); print }'
}
check() {   # check DESCRIPTION FILE ERE
    if grep -Eq "$3" "$2"; then
        echo "ok: $1"
    else
        echo "MISSING: $1"
        fail=1
    fi
}
objects quotes actors >quotes.txt
objects actors themes >actors.txt
objects themes tone >themes.txt
objects agreements planned >agreements.txt
sed -n 's/.*"planned":\[\(.*\)\]}$/\1/p' story.json | awk '{ gsub(/\},\{"/, "}\n{\""); print }' >planned.txt

check "the Trump quotation, whole, by Donald Trump (USAGOV)" quotes.txt \
      '^\{"text":"Kazakhstan is the first country of my second term to join the Abraham Accords, the first of many",.*"kind":"direct","speaker":"Trump",.*"speaker_name":"Donald Trump","speaker_code":"USAGOV","verb":"stated"'
check "Rubio's remarks as indirect speech (USAGOV)" quotes.txt \
      '"kind":"indirect",.*"speaker_name":"Marco Rubio","speaker_code":"USAGOV"'
for c in KAZ ISR USA CHN RUS; do
    check "actor $c" actors.txt "\"code\":\"$c\",\"kind\":\"country\""
done
check "Donald Trump, USAGOV" actors.txt '"name":"Donald Trump","code":"USAGOV","kind":"person"'
check "Benjamin Netanyahu, ISRGOV" actors.txt '"name":"Benjamin Netanyahu","code":"ISRGOV","kind":"person"'
check "Kassym-Jomart Tokayev, KAZGOV" actors.txt '"name":"Kassym-Jomart Tokayev","code":"KAZGOV","kind":"person"'
check "Marco Rubio, USAGOV" actors.txt '"name":"Marco Rubio","code":"USAGOV","kind":"person"'
for t in CYBERSECURITY AGRICULTURE WATER TRADE; do
    check "theme $t" themes.txt "^\{\"theme\":\"$t\""
done
check "the Abraham Accords with Kazakhstan's intent to join" agreements.txt \
      '"agreement":"ABRAHAM_ACCORDS",.*\{"action":"intent","mood":"intent","actor":"KAZ"'
if grep -q '"action":"joined"' agreements.txt; then
    echo "WRONG: Kazakhstan reported as having joined"
    fail=1
else
    echo "ok: not yet joined"
fi
check "the signing ceremony, planned" planned.txt '"what":"[a-z ]*signing ceremony",.*"agreement":"ABRAHAM_ACCORDS"'
# The web-form line is the last sentence (32): nothing may come from it.
if grep -q 'required fields' story.json ||
   grep -Eq '"sentence(_id)?":32[,}]|,32(,[0-9])?\]' story.json; then
    echo "WRONG: something from the web-form line"
    fail=1
else
    echo "ok: nothing from the web-form line"
fi
exit $fail
