# The bundled example story, coded to JSON lines (the default format).
"$ACCORD" code --date 2025-03-12 "$ACCORD_SOURCE/examples/story.txt"
