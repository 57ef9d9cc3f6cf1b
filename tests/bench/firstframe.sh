#!/usr/bin/env bash
# Figure 3, the first frame: `lesson samples/hello.c` in a terminal (a pseudo-terminal of
# 120x40, TERM=xterm-256color) must show the stage bar and the source within 100 ms of its
# start, while the walk goes on behind it. firstframe (firstframe.c) times the fork to the
# read that brings both the stage bar's "1 Preprocess" and the source pane's title
# "Source: hello.c". It also times the walk as the screen shows it: the stage bar writes a
# done mark (✓ in a UTF-8 locale) once per stage that finishes, and the fourth one is the Link
# stage's (every link variant linked; ldd and the runs may still be going on). Reported, no
# target. Then it types q. The same is timed, as information, on a 100,000-line source.
. "$(dirname "$0")/lib.sh"

ff=$bench_tmp/firstframe
runs=$(bench_runs 15)
utf8=$(locale -a 2>/dev/null | grep -i -m 1 -E '^(C|en_US)\.utf-?8$')
if [[ -z $utf8 ]]; then
	echo "bench: no UTF-8 locale: the done marks cannot be told apart, only the first frame is timed"
	mark=()
else
	mark=(-d "✓" -c 4)
fi
env=(-e TERM=xterm-256color -e "LC_ALL=${utf8:-C}" -e LANGUAGE=)

# One figure: firstframe's runs, then a row for the first frame and one for the Link mark.
frame() {
	local label=$1 src=$2 n=$3 out med first fin complete
	out=$bench_tmp/ff.out
	"$ff" -n "$n" -s 120x40 "${env[@]}" -f "1 Preprocess" -f "Source: $(basename "$src")" \
		"${mark[@]}" -q 500 -t 120000 -- "$lesson" "$src" >"$out" || {
		sed 's/^/  /' "$out"
		echo "bench: firstframe failed" >&2
		return 1
	}
	sed 's/^/  /' "$out"
	med=$(sed -n 's/^median: //p' "$out")
	first=$(sed -n 's/.*first=\([^ ]*\).*/\1/p' <<<"$med")
	fin=$(sed -n 's/.*done=\([^ ]*\).*/\1/p' <<<"$med")
	complete=$(sed -n 's/.*complete=\([^ ]*\).*/\1/p' <<<"$med")
	first=$(bench_calc 'a / 1000' a="$first")
	bench_row 3 "first frame: lesson $label (120x40 pty)" "<= 100 ms" "$(bench_time "$first")" \
		"$(bench_ratio "$first" 0.1)x target" "$(bench_verdict "$first" 0.1)"
	if ((${#mark[@]})) && [[ $fin != -1.0 ]]; then
		fin=$(bench_calc 'a / 1000' a="$fin")
		bench_row 3 "  walk drawn: 4 Link done mark, $label" "(reported)" \
			"$(bench_time "$fin")" "$complete of $n runs complete" "-"
	fi
}

bench_title "3. first frame: lesson samples/hello.c under a pseudo-terminal ($runs runs)"
frame hello.c "$srcdir/samples/hello.c" "$runs" || exit 1

big=$bench_tmp/big.c
bash "$bench_dir/gensrc.sh" vars 100000 >"$big" || exit 1
n=$(bench_runs 6)
bench_title "3. (information) first frame on a generated 100,000-line source ($n runs)"
frame "big.c (100k lines)" "$big" "$n"
rm -f "$big"
exit 0
