# An unknown option is a usage error: exit 2, usage on stderr.
"$ACCORD" code --no-such-option "$ACCORD_SOURCE/examples/story.txt"
