#!/usr/bin/env bash
# Figure 7, watch mode: `lesson --watch hello.c` in a terminal (tmux, 120x40), and a save of
# the file. From the moment the save is written to the moment the screen shows the first
# three stages of the new walk finished (preprocess, compile, assemble: the stage bar's marks
# and the output pane), target 300 ms; and to the moment it shows the dynamic link's result,
# reported. lesson writes a timestamp (CLOCK_REALTIME) to the file LESSON_WATCH_TIMES names
# when it has drawn each stage of the new walk (tui/watch.h: "drawn 2" the assemble stage,
# "drawn 3" the link); this script notes the same clock just before it writes the file, and
# the difference is the figure. The times include lesson's settle time after a save
# (WATCH_SETTLE_MS). Each save changes a constant, so that the .s changes too; the next save
# waits for the walk to be done. Median, fastest and slowest over the saves.
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null 2>&1 || {
	echo "bench: tmux is not installed: watch mode is not measured"
	exit 0
}
saves=$(bench_runs 15)
dir=$bench_tmp/watch
mkdir -p "$dir" || exit 1
src=$dir/hello.c
times=$dir/times
cp "$srcdir/samples/hello.c" "$src" || exit 1
printf 'int watch_bench = 0;\n' >>"$src"
sock=$(mktemp -u "$bench_tmp/tmux-XXXXXX")
T() { tmux -S "$sock" -f /dev/null "$@"; }
: >"$times"
T new-session -d -s watch -x 120 -y 40 \
	"env TERM=xterm-256color LESSON_WATCH_TIMES=$(printf '%q' "$times") $(printf '%q' "$lesson") --watch $(printf '%q' "$src")" || {
	echo "bench: tmux cannot start a session"
	exit 1
}
trap 'T kill-server 2>/dev/null' EXIT

# Wait (polls a tenth of a second apart, at most N) until the times file has K lines "WHAT".
stamps() { grep -c "^$1 " "$times"; }
wait_stamp() {
	local what=$1 k=$2 n=600
	while (($(stamps "$what") < k && n-- > 0)); do sleep 0.1; done
	(($(stamps "$what") >= k))
}
# The first walk: wait until its screen shows the Run stage finished
n=600
until T capture-pane -p -t watch 2>/dev/null | grep -qE '5 Run [✓✗+x!-]'; do
	((n-- > 0)) || {
		echo "bench: the first walk never finished"
		exit 1
	}
	sleep 0.1
done
sleep 0.5

bench_title "7. watch mode: from a save of hello.c to the new walk on screen ($saves saves, 120x40 tmux)"
rows=$dir/rows
: >"$rows"
for ((i = 1; i <= saves; i++)); do
	t0=$(date +%s.%N)
	sed -i "s/^int watch_bench = .*/int watch_bench = $i;/" "$src"
	wait_stamp done "$i" || {
		echo "bench: save $i: the walk never came to an end on screen"
		exit 1
	}
	awk -v t0="$t0" -v i="$i" '
		$1 == "seen" { if (++s == i) seen = $2 }
		$1 == "drawn" && $2 == 2 { if (++a == i) asm = $3 }
		$1 == "drawn" && $2 == 3 { if (++l == i) link = $3 }
		END { printf "%.1f %.1f %.1f\n", (seen - t0) * 1000, (asm - t0) * 1000, (link - t0) * 1000 }
	' "$times" >>"$rows"
	sleep 0.3
done
T send-keys -t watch q
awk '{ printf "  save %2d: event seen %6.1f ms, first three stages drawn %6.1f ms, link drawn %6.1f ms\n", NR, $1, $2, $3 }' "$rows"
stat() { # column: median min max, in seconds
	local c=$1 med
	med=$(awk -v c="$c" '{ print $c / 1000 }' "$rows" | bench_median)
	echo "$med $(awk -v c="$c" 'NR == 1 || $c < m { m = $c } END { print m / 1000 }' "$rows") $(awk -v c="$c" 'NR == 1 || $c > m { m = $c } END { print m / 1000 }' "$rows")"
}
read -r med lo hi <<<"$(stat 2)"
echo "  first three stages: median $(bench_time "$med"), fastest $(bench_time "$lo"), slowest $(bench_time "$hi")"
bench_row 7 "watch: save to stages 1-3 drawn, hello.c" "<= 300 ms" "$(bench_time "$med")" \
	"$(bench_time "$lo") - $(bench_time "$hi")" "$(bench_verdict "$med" 0.3)"
read -r med lo hi <<<"$(stat 3)"
echo "  dynamic link drawn: median $(bench_time "$med"), fastest $(bench_time "$lo"), slowest $(bench_time "$hi")"
bench_row 7 "  watch: save to the link drawn, hello.c" "(reported)" "$(bench_time "$med")" \
	"$(bench_time "$lo") - $(bench_time "$hi")" "-"
exit 0
