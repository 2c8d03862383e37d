# The bundled dictionaries have no bad line.
"$ACCORD" dict check 2>&1
