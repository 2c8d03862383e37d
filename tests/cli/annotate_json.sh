# accord annotate on the bundled example story: the whole JSON object.
"$ACCORD" annotate --quiet --date 2025-03-12 "$ACCORD_SOURCE/examples/story.txt"
