#!/usr/bin/env bash
# Figure 4, responsiveness: with a 100,000-line .i in the output pane, a key must be handled
# and drawn within 16 ms (a frame at 60 Hz). The walkthrough runs headless
# (--headless=120x40 --keys=...): it waits for the walk, draws the first screen, then handles
# each key, draws, and writes the screen out. screentime (screentime.c) notes when each
# screen arrives, so the time from the first screen to the last is the keys alone: the walk,
# which costs seconds and varies by more than all the keys together, is not in it.
#
# Each figure is the median over the runs of the mean time a key, with the screen's writing
# included (a terminal does not write the screen as text: the "x" run, a key bound to nothing,
# shows what that costs). The rows: moving by line, by page and to the ends in the .i pane and
# the source pane (at Preprocess the two are tied: the other pane follows the cursor), folding
# and unfolding the .i's header region (Enter), a search (/, the pattern, then Enter: the
# Enter's time alone) and stepping through its matches (n), and, as information against the
# same target, the keys that lay the screen out again (a stage change, zoom), which rebuild
# every pane.
. "$(dirname "$0")/lib.sh"

st=$bench_tmp/screentime
big=$bench_tmp/big.c
bash "$bench_dir/gensrc.sh" vars 100000 >"$big" || exit 1
runs=$(bench_runs 3)

# keys_repeat TEXT N: TEXT N times
keys_repeat() {
	local out='' i
	for ((i = 0; i < $2; i++)); do
		out+=$1
	done
	printf '%s' "$out"
}

# row LABEL KEYS [KEY]: time the key script (only the screens after KEY, when given); print
# the runs; a row with the median of the runs' means, and the single keys' p95 and max.
row() {
	local label=$1 keys=$2 only=() out n med p95 max
	[[ -n ${3:-} ]] && only=(-k "$3")
	out=$bench_tmp/st.out
	"$st" -r "$runs" "${only[@]}" -- "$lesson" --headless=120x40 --keys="$keys" "$big" >"$out" || {
		echo "bench: screentime failed for $label" >&2
		return 1
	}
	sed 's/^/  /' "$out"
	read -r n med p95 max < <(sed -n 's/^keys: n=\([^ ]*\) runs=[^ ]* run-median=\([^ ]*\) median=[^ ]* p95=\([^ ]*\) max=\([^ ]*\)$/\1 \2 \3 \4/p' "$out")
	med=$(bench_calc 'a / 1000' a="$med")
	bench_row 4 "key: $label" "<= 16 ms a key" "$(bench_time "$med")" \
		"p95 $p95 ms, max $max ms, $n keys" "$(bench_verdict "$med" 0.016)"
}

bench_title "4. responsiveness: keys on a 100,000-line source and .i, headless 120x40 ($runs runs a row)"
echo "  (the source: one #include <stdio.h>, then an extern variable a line; its .i has the header"
echo "  region folded into one row, which Enter on the 8th row of the .i unfolds)"
row "x, bound to nothing (writing the screen)" "$(keys_repeat x 2000)"
row "j, down a line (.i pane)" "$(keys_repeat j 300)"
row "k, up a line, after G (.i pane)" "G$(keys_repeat k 300)"
row "f, down a page (.i pane)" "$(keys_repeat f 200)"
row "G then g, last line and first (.i pane)" "$(keys_repeat Gg 100)"
# Enter folds only on the folded row: check that the 8th row is the one, as it is with gcc 12
fold=g$(keys_repeat j 7)
"$lesson" --headless=120x40 --keys="$fold<Enter>" "$big" >"$bench_tmp/fold.out" 2>&1
if sed -n '/^--- screen 8 after/,/^--- screen 9 after/p' "$bench_tmp/fold.out" |
	grep -q 'lines: stdio\.h' &&
	! sed -n '/^--- screen 9 after/,$p' "$bench_tmp/fold.out" | grep -q 'lines: stdio\.h'; then
	row "Enter, unfold and fold the headers (.i pane)" "$fold$(keys_repeat '<Enter>' 100)" \
		'<Enter>'
else
	echo "  (Enter on the 8th row did not unfold the header region: folding is not timed)"
fi
row "/ and Enter: search the .i for one line" "$(keys_repeat '/v77777<Enter><Esc>' 20)" '<Enter>'
row "n, the next match of /v1 (.i pane, 11,000 or so)" "/v1<Enter>$(keys_repeat n 300)" n
row "Shift-Tab then j, down a line (source pane)" "<BTab>$(keys_repeat j 300)"
row "2 then 1, change stage (information)" "$(keys_repeat 21 10)"
row "z, zoom the pane and back (information)" "$(keys_repeat z 20)"
rm -f "$big"
exit 0
