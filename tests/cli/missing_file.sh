# A file that cannot be opened: a message naming it, the summary line, exit 1.
"$ACCORD" code --date 2025-03-12 "$TMP/no-such-story.txt"
