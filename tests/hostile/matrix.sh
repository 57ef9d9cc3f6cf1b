#!/bin/sh
# matrix.sh README BUILDDIR: count the hostile matrix. For each case of the table in README
# ("| case | test | what holds |"), its verdict: the line "hostile case: CASE: ..." in its
# test's log under BUILDDIR when the test prints verdicts (tests/hostile/cases.sh), else the
# whole test's result in its .trs (PASS: held). Prints the cases not held and not run, then
# "hostile matrix: N of M cases held (K not run or skipped)", M counting the cases that ran.
readme=$1
top=${2:-.}
held=0
total=0
none=0
tab=$(printf '\t')
sed -n 's/^| \([^|]*[^ |]\) | \(tests\/[^ |]*\) | .*/\1\t\2/p' "$readme" | grep -v "^case$tab" >"${TMPDIR:-/tmp}/matrix.$$"
while IFS="$tab" read -r name test; do
	case $test in
	*.test) log=$top/${test%.test}.log ;;
	*.sh) log=$top/$test.log ;;
	*) log=$top/$test.log ;;
	esac
	trs=${log%.log}.trs
	v=
	if [ -f "$log" ]; then
		v=$(grep -F "hostile case: $name: " "$log" | tail -n 1 | sed 's/^hostile case: .*: \([^:]*\)$/\1/')
	fi
	if [ -z "$v" ] && [ -f "$trs" ]; then
		case $(sed -n 's/^:test-result: //p' "$trs" | head -n 1) in
		PASS) v=held ;;
		SKIP) v="skipped" ;;
		*) v="NOT HELD" ;;
		esac
	fi
	case $v in
	held) held=$((held + 1)); total=$((total + 1)) ;;
	"NOT HELD") total=$((total + 1)); echo "  not held: $name ($test)" ;;
	skipped*) none=$((none + 1)); echo "  $v: $name ($test)" ;;
	*) none=$((none + 1)); echo "  not run: $name ($test)" ;;
	esac
done <"${TMPDIR:-/tmp}/matrix.$$"
rm -f "${TMPDIR:-/tmp}/matrix.$$"
echo "hostile matrix: $held of $total cases held ($none not run or skipped)"
