#!/bin/sh
# count.sh LOG...: the closing line of `make check-heavy`: the verdicts its tests printed
# (tests/hostile/cases.sh), "hostile matrix: N of M cases held". A test that prints no
# verdict counts as one case, held when its .trs says PASS.
held=0
total=0
skipped=0
for log in "$@"; do
	[ -f "$log" ] || continue
	if grep -q '^hostile case: ' "$log"; then
		h=$(grep -c '^hostile case: .*: held$' "$log")
		n=$(grep -c '^hostile case: .*: NOT HELD$' "$log")
		s=$(grep -c '^hostile case: .*: skipped (' "$log")
		held=$((held + h))
		total=$((total + h + n))
		skipped=$((skipped + s))
	else
		r=$(sed -n 's/^:test-result: //p' "${log%.log}.trs" 2>/dev/null | head -n 1)
		case $r in
		PASS) held=$((held + 1)); total=$((total + 1)) ;;
		SKIP) skipped=$((skipped + 1)) ;;
		*) total=$((total + 1)) ;;
		esac
	fi
done
grep -h '^hostile case: .*: \(NOT HELD\|skipped\)' "$@" 2>/dev/null | sed 's/^/  /'
echo "hostile matrix: $held of $total cases held in the heavy tests ($skipped skipped)"
