#!/usr/bin/env bash
# Figure 2, the quick lookup: `lesson --stage link` prints one lesson and exits, touching no
# toolchain, no libclang and no curses. Its floor is `cat` of the same lesson file: reading the
# file and nothing else. Target: median <= 10 ms and <= 3x cat's. `--topic dlopen` and `--list`
# (which reads every lesson) are timed beside it, against the same target.
. "$(dirname "$0")/lib.sh"

lessonfile=${CSTAGES_DATADIR:-$srcdir}/lessons/link.md
[[ -r $lessonfile ]] || {
	echo "bench: cannot read $lessonfile" >&2
	exit 1
}
runs=$(bench_total_runs "$(bench_runs 300)")
stage=$(bench_cmd "$lesson" --stage link)
topic=$(bench_cmd "$lesson" --topic dlopen)
list=$(bench_cmd "$lesson" --list)
floor=$(bench_cmd cat "$lessonfile")
for c in "$stage" "$topic" "$list"; do
	eval "$c" >/dev/null || {
		echo "bench: '$c' failed" >&2
		exit 1
	}
done

bench_title "2. quick lookup: lesson --stage link against cat lessons/link.md ($runs runs each)"
mapfile -t m < <(bench_medians "$runs" 20 "$stage" "$floor" "$topic" "$list")
((${#m[@]} == 4)) || exit 1
printf '  %-24s %s\n' "lesson --stage link" "$(bench_time "${m[0]}")" \
	"cat lessons/link.md" "$(bench_time "${m[1]}")" "lesson --topic dlopen" "$(bench_time "${m[2]}")" \
	"lesson --list" "$(bench_time "${m[3]}")"

i=0
for what in "lesson --stage link" "lesson --topic dlopen" "lesson --list"; do
	case $i in
	0) t=${m[0]} ;;
	1) t=${m[2]} ;;
	2) t=${m[3]} ;;
	esac
	ratio=$(bench_ratio "$t" "${m[1]}")
	ok=$(awk -v t="$t" -v r="$ratio" 'BEGIN { print (t <= 0.010 && r <= 3) ? "MET" : "NOT MET" }')
	bench_row 2 "quick lookup: $what" "<= 10 ms and <= 3x cat" "$(bench_time "$t")" \
		"${ratio}x cat ($(bench_time "${m[1]}"))" "$ok"
	i=$((i + 1))
done
exit 0
