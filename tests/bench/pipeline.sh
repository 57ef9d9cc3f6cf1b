#!/usr/bin/env bash
# Figure 1, the pipeline: `lesson --report samples/hello.c` runs the toolchain and the
# inspection tools and writes the whole walkthrough. by-hand.sh types the same commands one
# after another. lesson runs what does not depend on each other side by side, so it should beat
# the serial script. Target: median(lesson) / median(by hand) <= 0.9.
. "$(dirname "$0")/lib.sh"

hello=$srcdir/samples/hello.c
runs=$(bench_total_runs "$(bench_runs 30)")
a=$(bench_cmd "$lesson" --report "$hello")
b=$(bench_cmd sh "$bench_dir/by-hand.sh" "$hello")
"$lesson" --report "$hello" >/dev/null 2>&1 || {
	echo "bench: lesson --report failed" >&2
	exit 1
}

bench_title "1. pipeline: lesson --report against the same commands by hand ($runs runs each)"
mapfile -t m < <(bench_medians "$runs" 3 "$a" "$b")
((${#m[@]} == 2)) || exit 1
printf '  %-24s %s\n' "lesson --report hello.c" "$(bench_time "${m[0]}")" \
	"sh by-hand.sh hello.c" "$(bench_time "${m[1]}")"
ratio=$(bench_ratio "${m[0]}" "${m[1]}")
bench_row 1 "pipeline: lesson --report hello.c" "<= 0.9x by hand" "$(bench_time "${m[0]}")" \
	"${ratio}x by hand ($(bench_time "${m[1]}"))" "$(bench_verdict "$ratio" 0.9)"
exit 0
