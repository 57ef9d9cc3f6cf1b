#!/usr/bin/env bash
# Figure 5, memory: lesson's own peak resident memory (VmHWM, read by peakrss at its exit) must
# stay within 64 MB for `lesson --report samples/hello.c` and within 256 MB for a generated
# 20,000-line source, in the report and in the walkthrough (headless, which holds every pane).
# The tree's peak (ru_maxrss from wait4: the largest of lesson and every process it waited
# for, gcc's cc1 and ld among them) is shown beside it: it is the toolchain's, not lesson's.
. "$(dirname "$0")/lib.sh"

pr=$bench_tmp/peakrss
runs=$(bench_runs 5)
gen=$bench_tmp/gen20k.c
big=$bench_tmp/big.c
bash "$bench_dir/gensrc.sh" code 20000 >"$gen" || exit 1
bash "$bench_dir/gensrc.sh" vars 100000 >"$big" || exit 1

# row LABEL LIMIT_MB COMMAND...: run it runs times; median of self, largest tree.
row() {
	local label=$1 limit=$2 i self tree code anon file cpu selfs=() trees=() ms mt
	shift 2
	for ((i = 0; i < runs; i++)); do
		read -r self tree code anon file cpu < <("$pr" -- "$@" | sed 's/[a-z]*=//g')
		[[ $code == 0 && $self -gt 0 ]] || {
			echo "bench: $label: exit ${code:-?}, self ${self:-?} KiB" >&2
			return 1
		}
		selfs+=("$self")
		trees+=("$tree")
	done
	ms=$(printf '%s\n' "${selfs[@]}" | bench_median)
	mt=$(printf '%s\n' "${trees[@]}" | sort -n | tail -n 1)
	printf '  %s: self %s KiB (runs: %s), tree up to %s KiB;\n' "$label" "$ms" "${selfs[*]}" "$mt"
	printf '    at exit in the last run: %s KiB anonymous and %s KiB of files resident; %s ms of its own CPU\n' \
		"$anon" "$file" "$cpu"
	bench_row 5 "peak RSS: $label" "<= $limit MB" "$(bench_ratio "$ms" 1024) MB" \
		"$(bench_ratio "$ms" $((limit * 1024)))x target; tree $(bench_ratio "$mt" 1024) MB" \
		"$(bench_verdict "$ms" $((limit * 1024)))"
}

bench_title "5. memory: lesson's own peak (VmHWM at exit) and its process tree's ($runs runs a row)"
row "lesson --report hello.c" 64 "$lesson" --report "$srcdir/samples/hello.c"
row "lesson --report (20k-line source)" 256 "$lesson" --report "$gen"
row "lesson walkthrough, headless (20k-line source)" 256 \
	"$lesson" --headless=120x40 --keys=234 "$gen"
row "lesson walkthrough, headless (100k-line .i, information)" 256 \
	"$lesson" --headless=120x40 --keys=234 "$big"
rm -f "$gen" "$big"
exit 0
