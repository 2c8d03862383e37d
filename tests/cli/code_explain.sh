# --explain prints the matching steps of every sentence, then the events.
"$ACCORD" code --quiet --explain --date 2025-03-12 "$ACCORD_SOURCE/examples/story.txt" >explain.out
echo "exit $?"
echo "sentences explained: $(grep -c '^sentence [0-9]*:' explain.out)"
echo "actor lines: $(grep -c '^  actor ' explain.out)"
echo "events: $(grep -c '^{"story_id"' explain.out)"
