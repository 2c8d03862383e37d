# accord validate on the tiny PETRARCH and TABARI suites of tests/validate,
# written for this test (fictional actors, own dictionary lines): passes,
# a deliberate failure, each kind of skip, the dictionaries found in a
# folder beside the suite or through --dict-dir, and the exit codes.
v="$ACCORD_SOURCE/tests/validate"

echo "== PETRARCH XML, dictionaries in ../petr-dicts"
"$ACCORD" validate --verbose "$v/petr/tiny.records.xml"
echo "exit $?"

echo "== TABARI project: stops at FINAL-01"
"$ACCORD" validate --verbose "$v/tabari/tiny.project"
echo "exit $?"

echo "== --only, failures only"
"$ACCORD" validate --only FAIL-01 "$v/petr/tiny.records.xml"
echo "exit $?"

echo "== --min-rate: 87.5% passes 0.8, not 90%"
"$ACCORD" validate --min-rate 0.8 "$v/petr/tiny.records.xml" >/dev/null
echo "exit $?"
"$ACCORD" validate --min-rate 90% "$v/petr/tiny.records.xml" >/dev/null 2>&1
echo "exit $?"

echo "== a copy of the suite elsewhere needs --dict-dir"
mkdir -p elsewhere
cp "$v/petr/tiny.records.xml" elsewhere/
"$ACCORD" validate elsewhere/tiny.records.xml 2>&1
echo "exit $?"
"$ACCORD" validate --dict-dir "$v/petr-dicts" elsewhere/tiny.records.xml | tail -n 1
echo "exit $?"

echo "== usage errors"
"$ACCORD" validate --only NO-SUCH "$v/petr/tiny.records.xml" 2>&1 | tail -n 1
"$ACCORD" validate --min-rate 2 "$v/petr/tiny.records.xml" 2>&1
echo "exit $?"
"$ACCORD" validate 2>/dev/null
echo "exit $?"
"$ACCORD" validate "$v/petr/tiny.records.xml" "$v/tabari/tiny.project" 2>&1
echo "exit $?"

echo "== not a suite, a missing file"
"$ACCORD" validate "$v/tabari/tiny.actors" 2>&1
echo "exit $?"
"$ACCORD" validate no-such-suite.xml 2>&1
echo "exit $?"
