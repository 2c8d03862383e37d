# The kinds of accord annotate (theme-table, theme, tone): dict check names
# every bad line, and dict stats and annotate use the good ones.
mkdir -p dict
cat >dict/annotate.txt <<'DICT'
@kind theme-table
TRADE | WB_698_TRADE ECON_FREETRADE | Trade and tariffs
WATER | | Water supply and desalination
TRADE | WB_698_TRADE | defined twice
lower | X | a bad code
BAD | WB_698_TRADE bad-gkg | a bad GKG theme
ONLY | two fields
@kind theme
bilateral trade | trade deal = TRADE
desalination = WATER
cyber attack = CYBERSECURITY
tariffs = TRADE, WATER
@kind tone
cooperation | warm ties = POS
war = NEG
peace = GOOD
@kind country
Kazakhstan | Kazakh = KAZ
Israel = ISR
DICT
"$ACCORD" dict check --dict dict 2>&1
"$ACCORD" dict stats --dict dict 2>/dev/null | grep -E '^themes '
printf 'Kazakhstan and Israel signed a trade deal on desalination, praising warm ties and cooperation.\n' >story.txt
"$ACCORD" annotate --quiet --dict dict --date 2025-06-01 story.txt >story.json
sed -n 's/.*"themes":\[\(.*\)\],"tone":.*/themes: \1/p' story.json
sed -n 's/.*"tone":{\([^}]*\)}.*/tone: \1/p' story.json
