# The bundled example story in PLOVER's JSON fields.
"$ACCORD" code --quiet --date 2025-03-12 --format plover "$ACCORD_SOURCE/examples/story.txt"
