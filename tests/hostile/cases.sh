# cases.sh: one verdict per case of the hostile matrix (tests/hostile/README), for
# tests/hostile.sh and the heavy tests under tests/heavy/. Source it after tests/lib.sh.
#   case_begin NAME    start a case (ends the one before)
#   miss MESSAGE       the case did not hold: say why, and go on to the next check
#   case_skip REASON   the case could not be tried here (a tool, a privilege): say why
#   matrix_end         end the last case, print "hostile matrix: N of M cases held" and
#                      exit 1 if one did not hold, 77 if none could be tried, else 0.
# Each verdict is one line "hostile case: NAME: held|NOT HELD|skipped (REASON)", which
# `make check-heavy` counts across its logs.

cases_name=
cases_bad=0
cases_skip=
cases_held=0
cases_total=0
cases_skipped=0

case_end() {
	[ -n "$cases_name" ] || return 0
	if [ -n "$cases_skip" ]; then
		echo "hostile case: $cases_name: skipped ($cases_skip)"
		cases_skipped=$((cases_skipped + 1))
	elif [ "$cases_bad" -eq 0 ]; then
		echo "hostile case: $cases_name: held"
		cases_held=$((cases_held + 1))
		cases_total=$((cases_total + 1))
	else
		echo "hostile case: $cases_name: NOT HELD"
		cases_total=$((cases_total + 1))
	fi
	cases_name=
}

case_begin() {
	case_end
	cases_name=$1
	cases_bad=0
	cases_skip=
}

miss() {
	echo "FAIL: ${cases_name:-?}: $*" >&2
	cases_bad=$((cases_bad + 1))
}

case_skip() {
	cases_skip=$*
	echo "SKIP: $cases_name: $*" >&2
}

matrix_end() {
	case_end
	echo "hostile matrix: $cases_held of $cases_total cases held ($cases_skipped skipped)"
	[ "$cases_held" -eq "$cases_total" ] || exit 1
	[ "$cases_total" -gt 0 ] || exit 77
	exit 0
}
