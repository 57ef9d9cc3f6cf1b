# shellcheck shell=bash
# tests/bench/lib.sh: what the figure scripts share. tests/bench/run sources it and exports
# what it sets; a figure script sources it again for the functions.
#
#   bench_dir     this folder          srcdir   the source tree (top_srcdir)
#   lesson        the binary (LESSON)  bench_tmp  a scratch directory that run removes
#   BENCH_RESULTS the file each figure appends its rows to
#
# Times are medians: the machine may be shared and noisy, so every command runs many times,
# in rounds that alternate the order of the commands compared (BENCH_ROUNDS, default 3), and
# the median of all the runs is taken.

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
srcdir=$(cd "${top_srcdir:-$bench_dir/../..}" && pwd -P)
lesson=${LESSON:-./lesson}
case $lesson in
/*) ;;
*) lesson=$(cd "$(dirname "$lesson")" && pwd -P)/$(basename "$lesson") ;;
esac

# BENCH_QUICK=1 divides every run count by 4 (a smoke run of the benchmark itself).
bench_runs() {
	local n=$1
	if [[ -n ${BENCH_QUICK:-} ]]; then
		n=$((n / 4))
		((n >= 2)) || n=2
	fi
	echo "$n"
}

# Quote each argument so that hyperfine, which splits a command as a shell would, gets it
# back whole.
bench_cmd() {
	local out='' a
	for a in "$@"; do
		out+="${out:+ }$(printf '%q' "$a")"
	done
	printf '%s\n' "$out"
}

# bench_medians RUNS WARMUP CMD...: time each command (a string made by bench_cmd) RUNS times
# with hyperfine -N (no shell in between), in rounds whose order alternates, so that a slow
# spell of the machine falls on every command alike. Prints each command's median over all its
# runs in seconds, one a line, in the order given. hyperfine's own tables go to bench.log.
bench_medians() {
	local runs=$1 warmup=$2
	shift 2
	local n=$# rounds=${BENCH_ROUNDS:-3} r per json order i times=$bench_tmp/times.$$
	((rounds >= 1)) || rounds=1
	per=$(((runs + rounds - 1) / rounds))
	((per >= 2)) || per=2
	: >"$times"
	for ((r = 0; r < rounds; r++)); do
		order=("$@")
		if ((r % 2)); then
			order=()
			for ((i = n; i >= 1; i--)); do
				order+=("${!i}")
			done
		fi
		json=$bench_tmp/hf.$$.json
		# the warm-up is needed once: the later rounds find the caches warm
		hyperfine -N --warmup "$((r == 0 ? warmup : 0))" --runs "$per" --style basic \
			--export-json "$json" "${order[@]}" >>"$bench_tmp/bench.log" 2>&1 || {
			echo "bench: hyperfine failed; the end of its output:" >&2
			tail -n 20 "$bench_tmp/bench.log" >&2
			rm -f "$json" "$times"
			return 1
		}
		# hyperfine writes its JSON a field a line, the results in the order of the
		# commands; note each time under the command's place in the argument list
		awk -v n="$n" -v rev="$((r % 2))" '
			/^ *"times": \[/ { k++; in_times = 1; next }
			in_times && /\]/ { in_times = 0 }
			in_times { v = $1; sub(/,$/, "", v); print (rev ? n + 1 - k : k), v }
		' "$json" >>"$times"
		rm -f "$json"
	done
	for ((i = 1; i <= n; i++)); do
		awk -v i="$i" '$1 == i { print $2 }' "$times" | bench_median
	done
	rm -f "$times"
}

# How many runs bench_medians RUNS makes of each command: whole rounds of at least 2.
bench_total_runs() {
	local rounds=${BENCH_ROUNDS:-3} per
	((rounds >= 1)) || rounds=1
	per=$((($1 + rounds - 1) / rounds))
	((per >= 2)) || per=2
	echo $((per * rounds))
}

# Median of the numbers on stdin, one a line.
bench_median() {
	sort -g | awk '{ v[NR] = $1 }
		END {
			if (NR == 0) { print "nan"; exit }
			print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		}'
}

# Seconds as "12.3 ms" or "1.23 s".
bench_time() {
	awk -v s="$1" 'BEGIN {
		if (s != s + 0) print "n/a"
		else if (s < 0.01) printf "%.2f ms\n", s * 1000
		else if (s < 1) printf "%.1f ms\n", s * 1000
		else printf "%.2f s\n", s
	}'
}

# "MET" when a <= b, else "NOT MET" (numbers as awk reads them).
bench_verdict() {
	awk -v a="$1" -v b="$2" 'BEGIN { print (a == a + 0 && a <= b) ? "MET" : "NOT MET" }'
}

# awk arithmetic: bench_calc 'a / b' a=1 b=2
bench_calc() {
	local expr=$1
	shift
	local args=() kv
	for kv in "$@"; do
		args+=(-v "$kv")
	done
	awk "${args[@]}" "BEGIN { x = $expr; printf \"%.4g\\n\", x }"
}

# bench_row FIGURE WHAT TARGET MEASURED RATIO VERDICT: one row of the table, printed now and
# kept for the summary that run prints at the end.
bench_row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$BENCH_RESULTS"
	printf '  => %s | target %s | median %s | %s | %s\n' "$2" "$3" "$4" "$5" "$6"
}

# Say what a figure does before it does it.
bench_title() {
	printf '\n== %s\n' "$*"
}

# a / b with two decimals.
bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a == a + 0) printf "%.2f\n", a / b; else print "n/a" }'
}
