# The bundled example story in PETRARCH2's TSV columns.
"$ACCORD" code --quiet --date 2025-03-12 --format tsv "$ACCORD_SOURCE/examples/story.txt"
