#!/usr/bin/env bash
# Figure 6, growth: the walkthrough's time (`lesson --report`) on generated sources of 1k, 10k
# and 50k lines, each against gcc's own `gcc -c` of the same file, timed side by side. lesson
# runs gcc several times over (the stages, the musl build from the source) and reads what they
# make, so it costs a few times gcc; that ratio must not grow with the input faster than gcc's
# own time does. Target: ratio at 50k <= 1.5x the ratio at 1k.
#
# The fixed costs (four links, ldd, the runs) weigh most at 1k, so a row after each series also
# gives, as information, the marginal ratio: what lesson adds per second gcc adds, from 10k to
# 50k lines against from 1k to 10k; above 1 the walk grows faster than gcc does.
#
# Two kinds of source (gensrc.sh): "code", ten-line units of a table, a global and a function
# using both; and "decls", a function declaration a line, where every line is a function that
# the walk's facts about functions must look at.
. "$(dirname "$0")/lib.sh"

# series KIND: the three sizes of one kind, then the growth row.
series() {
	local kind=$1 size runs src a b r k g
	local -A ratio tl tg
	for size in 1000 10000 50000; do
		src=$bench_tmp/gen$size.c
		bash "$bench_dir/gensrc.sh" "$kind" "$size" >"$src" || return 1
		case $size in
		1000) runs=$(bench_runs 12) ;;
		10000) runs=$(bench_runs 9) ;;
		*) runs=$(bench_runs 6) ;;
		esac
		runs=$(bench_total_runs "$runs")
		a=$(bench_cmd "$lesson" --report "$src")
		b=$(bench_cmd gcc -c "$src" -o "$bench_tmp/gen.o")
		mapfile -t m < <(bench_medians "$runs" 1 "$a" "$b")
		((${#m[@]} == 2)) || return 1
		r=$(bench_ratio "${m[0]}" "${m[1]}")
		ratio[$size]=$r
		tl[$size]=${m[0]}
		tg[$size]=${m[1]}
		k=$((size / 1000))k
		printf '  %-5s %-6s lines: lesson --report %s, gcc -c %s, ratio %s (%s runs each)\n' \
			"$kind" "$k" "$(bench_time "${m[0]}")" "$(bench_time "${m[1]}")" "$r" "$runs"
		bench_row 6 "growth ($kind): lesson --report, $k lines" "(ratio to gcc -c)" \
			"$(bench_time "${m[0]}")" "${r}x gcc -c ($(bench_time "${m[1]}"))" "-"
		rm -f "$src" "$bench_tmp/gen.o"
	done
	g=$(bench_ratio "${ratio[50000]}" "${ratio[1000]}")
	bench_row 6 "growth ($kind): ratio at 50k / ratio at 1k" "<= 1.5" "$g" \
		"${ratio[50000]} / ${ratio[1000]}" "$(bench_verdict "$g" 1.5)"
	local s1 s2
	s1=$(bench_ratio "$(bench_calc 'a - b' a="${tl[10000]}" b="${tl[1000]}")" \
		"$(bench_calc 'a - b' a="${tg[10000]}" b="${tg[1000]}")")
	s2=$(bench_ratio "$(bench_calc 'a - b' a="${tl[50000]}" b="${tl[10000]}")" \
		"$(bench_calc 'a - b' a="${tg[50000]}" b="${tg[10000]}")")
	bench_row 6 "growth ($kind): marginal ratio, 10k-50k / 1k-10k" "(information)" \
		"$(bench_ratio "$s2" "$s1")" "$s2 / $s1 s of lesson a s of gcc" "-"
}

bench_title "6. growth: lesson --report against gcc -c on generated sources"
series code || exit 1
series decls || exit 1
exit 0
