# accord validate on a suite that is not well-formed XML: file:line of the
# first error on stderr, exit 3.
"$ACCORD" validate "$ACCORD_SOURCE/tests/validate/malformed/broken.xml" 2>&1
echo "exit $?"
