# accord --help lists the commands and exits 0.
"$ACCORD" --help
