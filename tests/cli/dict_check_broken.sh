# accord dict check names file:line of every bad line and exits 1.
mkdir -p dict
cat >dict/broken.txt <<'DICT'
# a test dictionary with one bad line of each kind
@kind country
Kazakhstan | Kazakh = KAZ
Nowhere Land
Atlantis = KAZ [2020-13-45..]
@kind verb
040  *meet +
04x  *meet +
036  meet with +
@kind cameo
040 | 1.0 | 1 | CONSULT | Consult
099 | lots | 1 | CONSULT | Bad Goldstein
@kind irregular
go went
@kind set
lowercase = a | b
@kind nonsense
whatever = X
@kind country
| = KAZ
DICT
"$ACCORD" dict check --dict dict 2>&1
