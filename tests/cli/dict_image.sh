# accord dict compile and accord dict convert on a small dictionary written
# here: the image reports the same figures as the text, the converted text is
# accord's format (shown whole) and codes as the original, and an image is
# not accepted where text dictionaries are needed.
cat > tiny.txt <<'EOF'
@kind country
Kazakhstan | Kazakh | Astana = KAZ
Israel | Israeli | Jerusalem = ISR
@kind person
Pat Example | Example = KAZGOV [2010-01-01..2012-12-31], KAZELI
@kind agent
president | foreign minister = GOV
@plurals off
rebels = REB~
@kind discard
football match
@kind issue
@caps none
oil price = ECONOMY
@kind irregular
meet met met meets meeting
@kind verb
040  *meet with +
042:043  *travel to +
@kind cameo
04 | 1.0 | 1 | CONSULT | Consult
040 | 1.0 | 1 | CONSULT | Consult, not specified
042 | 1.9 | 1 | CONSULT | Make a visit
043 | 2.8 | 1 | CONSULT | Host a visit
EOF
"$ACCORD" dict compile --dict tiny.txt --out tiny.img >compile.txt; echo "compile: exit $?"
grep -E '^(files|entries|patterns|words|bad lines|image) ' compile.txt | sed 's/, [0-9.]* MB$//'
"$ACCORD" dict stats --dict tiny.txt | grep -E '^(countries|people|agents|patterns|words) '
echo "--- convert"
"$ACCORD" dict convert tiny.txt
"$ACCORD" dict convert --out conv.txt tiny.txt && "$ACCORD" dict check --dict conv.txt
text="The Kazakh foreign minister travelled to Jerusalem. Kazakh President Example met with Israeli rebels."
for d in tiny.txt conv.txt; do
    echo "$text" | "$ACCORD" code --quiet --date 2011-03-03 --dict "$d" | sed 's/"pattern":"[^"]*",//' >"events.$d"
done
cmp -s events.tiny.txt events.conv.txt && echo "converted dictionary: same events ($(wc -l <events.tiny.txt))"
echo "--- an image is not a text dictionary"
"$ACCORD" dict convert tiny.img 2>&1; echo "exit $?"
"$ACCORD" dict compile --dict tiny.img --out again.img 2>&1; echo "exit $?"
