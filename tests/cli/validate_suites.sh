# The field's validation suites of ../shared, run from raw text with their own
# dictionaries: each pass rate must stay at or above its floor, which lives in
# one place, the "Validation suites" table of docs/ACCURACY.md (columns:
# suite | file under ../shared/data | checkable | passed | rate | floor).
# Only whether each rate holds its floor is printed, so that this golden does
# not change when the coder gets better: raise the floors in the table then.
data="$ACCORD_SHARED/data"
if [ ! -d "$data/petrarch2-validation" ]; then
    echo "SKIP: ../shared not found"
    exit 0
fi
table=$(awk '/^## Validation suites/ {on = 1; next} /^## / {on = 0}
             on && /^\|/ && !/^\|[-| ]*$/ && !/^\| *suite *\|/' "$ACCORD_SOURCE/docs/ACCURACY.md")
if [ -z "$table" ]; then
    echo "no Validation suites table in docs/ACCURACY.md"
    exit 1
fi
echo "$table" | while IFS='|' read -r _ suite file _ _ _ floor _; do
    suite=$(echo "$suite" | sed 's/^ *//; s/ *$//')
    file=$(echo "$file" | sed 's/^ *//; s/ *$//; s/`//g')
    floor=$(echo "$floor" | sed 's/^ *//; s/ *$//')
    "$ACCORD" validate --min-rate "$floor" "$data/$file" >out.txt 2>err.txt
    rc=$?
    if [ $rc -eq 0 ]; then
        echo "$suite: at or above the floor"
    else
        echo "$suite: exit $rc, below the floor $floor: $(tail -n 1 out.txt)"
        cat err.txt
    fi
done
