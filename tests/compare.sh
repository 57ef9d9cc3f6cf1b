#!/bin/sh
# compare.sh: lesson -O 0 --compare 2, in the JSON and the report, against .s files made by
# hand with gcc -S at the two levels and read with awk: each function's instruction lines,
# where it is absent, its tail calls (jmp SYM); the inlined calls against -fopt-info run
# here. Without --compare the JSON's compare is null and the report has no such section; a
# level -O does not take is a usage error (exit 2) that says what --compare takes.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd jq
need_cmd awk
scratch=$(make_scratch compare)
trap 'rm -rf "$scratch"' EXIT

cat >"$scratch/gen.c" <<'EOF'
#include <stdio.h>
static int sq(int x) { return x * x + 1; }
extern int g(int);
int tail(int x) { return g(x + 1); }
int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int main(void)
{
	int a[256];
	for (int i = 0; i < 256; i++)
		a[i] = i * 3;
	printf("%d %d %d\n", sq(3), sum(a, 256), tail(2));
	return 0;
}
EOF

# For each function of a .s (from its label to its .size, a clone counted as its base name):
# "NAME COUNT" its instruction lines; with jmp, "NAME SYM" for each jmp to a symbol.
count_insns() {
	awk -v what="$2" '
	function base(n) { sub(/\..*/, "", n); return n }
	/^\t\.type\t/ && $3 == "@function" { n = $2; sub(/,$/, "", n); fn[n] = 1; next }
	/^[A-Za-z_][A-Za-z0-9_.]*:$/ { n = substr($0, 1, length($0) - 1)
		if (n in fn) { top++; open[top] = n } next }
	/^\t\.size\t/ { n = $2; sub(/,$/, "", n); k = 0
		for (i = 1; i <= top; i++) if (open[i] != n) open[++k] = open[i]; top = k; next }
	/^\t[a-z]/ && top > 0 { b = base(open[top]); cnt[b]++
		if (what == "jmp" && $1 == "jmp" && $2 !~ /^[.*]/) { s = $2; sub(/@PLT$/, "", s)
			print b, s } }
	END { if (what != "jmp") for (b in cnt) print b, cnt[b] }' "$1" | sort
}

check_file() { # SRC NAME
	src=$1 name=$2
	j=$scratch/$name.json
	"$LESSON" --json -O 0 --compare 2 "$src" >"$j" 2>"$scratch/err" ||
		fail "$name: --json -O 0 --compare 2 exited $?: $(cat "$scratch/err")"
	[ "$(jq -r .version "$j")" = 4 ] || fail "$name: format version $(jq .version "$j")"
	[ "$(jq -c .compare.levels "$j")" = '["-O0","-O2"]' ] ||
		fail "$name: levels $(jq -c .compare.levels "$j")"
	[ "$(jq -r .options.compare_level "$j")" = -O2 ] || fail "$name: options.compare_level"
	[ "$(jq -r .compare.ok "$j")" = true ] || fail "$name: the comparison failed: $(jq -r .compare.error "$j")"
	for k in 0 1; do
		lv=$([ $k = 0 ] && echo -O0 || echo -O2)
		gcc -S "$lv" "$src" -o "$scratch/hand$k.s" || fail "$name: gcc -S $lv failed"
		count_insns "$scratch/hand$k.s" >"$scratch/want$k"
		[ -s "$scratch/want$k" ] || hard_error "$name: no function in the .s by hand"
		jq -r --argjson k $k '.compare.functions[] | select(.levels[$k].present) |
			"\(.name) \(.levels[$k].instructions)"' "$j" | sort >"$scratch/got$k"
		cmp -s "$scratch/want$k" "$scratch/got$k" ||
			fail "$name at $lv: instructions per function differ from the .s by hand:
$(diff "$scratch/want$k" "$scratch/got$k")"
		count_insns "$scratch/hand$k.s" jmp >"$scratch/wantj$k"
		jq -r --argjson k $k '.compare.functions[] | .name as $n |
			.levels[$k].tail_calls[] | "\($n) \(.callee)"' "$j" | sort >"$scratch/gotj$k"
		cmp -s "$scratch/wantj$k" "$scratch/gotj$k" ||
			fail "$name at $lv: tail calls differ from the .s's jmps:
$(diff "$scratch/wantj$k" "$scratch/gotj$k")"
		# each inlined call listed is one gcc's -fopt-info names
		gcc -S "$lv" "$src" -o /dev/null -fopt-info-inline-optimized="$scratch/inl$k" ||
			fail "$name: gcc -fopt-info failed"
		sed -n 's/.*Inlin[a-z]* \([^ /]*\)\/[0-9]* into \([^ /.]*\)[^ ]*\/[0-9]*.*/\2 \1/p' \
			"$scratch/inl$k" | sort -u >"$scratch/wanti$k"
		jq -r --argjson k $k '.compare.functions[] | .name as $n |
			.levels[$k].inlined_calls[] | "\($n) \(.callee)"' "$j" | sort -u >"$scratch/goti$k"
		[ -z "$(comm -13 "$scratch/wanti$k" "$scratch/goti$k")" ] ||
			fail "$name at $lv: inlined calls -fopt-info does not report:
$(comm -13 "$scratch/wanti$k" "$scratch/goti$k")"
	done
	# the report: the section, and each function's row with the counts of the .s by hand
	r=$scratch/$name.md
	"$LESSON" --report -O 0 --compare 2 "$src" >"$r" 2>/dev/null || fail "$name: --report exited $?"
	grep -q '^## Two optimisation levels$' "$r" || fail "$name: the report has no comparison"
	while read -r fn n0; do
		n2=$(awk -v f="$fn" '$1 == f { print $2 }' "$scratch/want1")
		grep -qF "| \`$fn\` | $n0 | ${n2:-absent} |" "$r" ||
			fail "$name: the report's row of $fn lacks $n0 and ${n2:-absent}"
	done <"$scratch/want0"
}

check_file "$scratch/gen.c" gen
# the generated program: sq inlined at -O2 where gcc says so, tail's call a jmp
j=$scratch/gen.json
if grep -q 'Inlining sq/[0-9]* into main' "$scratch/inl1"; then
	[ "$(jq -r '.compare.functions[] | select(.name == "sq") | .levels[1].inlined_into' "$j")" = main ] ||
		fail "gen: sq not said to be inlined into main at -O2"
	jq -e '.compare.functions[] | select(.name == "main") | .levels[1].inlined_calls[] |
		select(.callee == "sq" and .call_at_other_level)' "$j" >/dev/null ||
		fail "gen: main's inlined call to sq missing"
fi
[ "$(jq '[.compare.functions[] | .levels[0].inlined_calls[]] | length' "$j")" = 0 ] ||
	fail "gen: calls inlined at -O0"
check_file "${top_srcdir}/samples/hello.c" hello

# the walkthrough (headless): c opens the two levels view at Compile, -O0 against -O2, the
# first function's instruction lines as the .s by hand has them; stacked at 80x24, the two
# levels side by side at 200x50; > moves to the next function
use_utf8_locale
gcc -S -O0 "$scratch/gen.c" -o "$scratch/g0.s" && gcc -S -O2 "$scratch/gen.c" -o "$scratch/g2.s" ||
	fail "gcc -S by hand failed"
count_insns "$scratch/g0.s" >"$scratch/g0"
count_insns "$scratch/g2.s" >"$scratch/g2"
first=$(awk '$1 ~ /:$/ && $1 !~ /^\./ { sub(/:$/, "", $1); print $1; exit }' "$scratch/g0.s")
n0=$(awk -v f="$first" '$1 == f { print $2 }' "$scratch/g0")
"$LESSON" --headless 80x24 --keys 'c >' "$scratch/gen.c" >"$scratch/h80" 2>"$scratch/err" ||
	fail "headless 80x24 exited $?: $(cat "$scratch/err")"
screen 1 "$scratch/h80" >"$scratch/s1"
assert_fits "$scratch/s1" 80 24 "c at 80x24"
assert_has "$scratch/s1" "Two levels: -O0 against -O2" "c at 80x24"
assert_has "$scratch/s1" "[$first]" "c at 80x24: the first function chosen"
assert_has "$scratch/s1" "-O0: $n0 instructions" "c at 80x24: $first's instruction lines"
screen 2 "$scratch/h80" >"$scratch/s2"
second=$(awk '$1 ~ /:$/ && $1 !~ /^\./ { sub(/:$/, "", $1); n++; if (n == 2) { print $1; exit } }' "$scratch/g0.s")
assert_has "$scratch/s2" "[$second]" "> at 80x24: the next function"
"$LESSON" --headless 200x50 --keys 'c' "$scratch/gen.c" >"$scratch/h200" 2>"$scratch/err" ||
	fail "headless 200x50 exited $?: $(cat "$scratch/err")"
screen 1 "$scratch/h200" >"$scratch/w1"
assert_fits "$scratch/w1" 200 50 "c at 200x50"
grep -qE -- '-O0 {20,}-O2' "$scratch/w1" || fail "c at 200x50: the two levels not side by side:
$(cat "$scratch/w1")"
# c again, in the view: the next level (-O3), then the next (-Os); the walk's own is skipped
"$LESSON" --headless 80x24 --keys 'c c c' "$scratch/gen.c" >"$scratch/hc3" ||
	fail "headless c c c exited $?"
screen 2 "$scratch/hc3" >"$scratch/c2"
assert_has "$scratch/c2" "Two levels: -O0 against -O3" "c again"
screen 3 "$scratch/hc3" >"$scratch/c3"
assert_has "$scratch/c3" "Two levels: -O0 against -Os" "c a third time"
n3=$(gcc -S -Os "$scratch/gen.c" -o - | awk '/^sq:$/ { on = 1; next } /^\t\.size\tsq,/ { on = 0 }
	on && /^\t[a-z]/ { n++ } END { print n + 0 }')
if [ "$n3" -gt 0 ]; then
	assert_has "$scratch/c3" "-Os: $n3 instructions" "c a third time: sq at -Os as gcc -S -Os has it"
else
	assert_has "$scratch/c3" "-Os: no sq of its own" "c a third time: sq absent at -Os as gcc -S -Os has it"
fi
# --compare in the walkthrough: the view is there at Compile without c
"$LESSON" --headless 120x40 --keys '2' -O 0 --compare 2 "$scratch/gen.c" >"$scratch/hc" ||
	fail "headless --compare exited $?"
assert_has "$scratch/hc" "two levels" "--compare: the view strip at Compile"
"$LESSON" --headless 120x40 --keys '2' "$scratch/gen.c" >"$scratch/hn" || fail "headless exited $?"
assert_lacks "$scratch/hn" "two levels" "without --compare or c: no view of two levels"

# without --compare: null, and no section
"$LESSON" --json "$scratch/gen.c" >"$scratch/plain.json" 2>/dev/null || fail "--json exited $?"
[ "$(jq -c .compare "$scratch/plain.json")" = null ] || fail "compare is not null without --compare"
"$LESSON" --report "$scratch/gen.c" 2>/dev/null | grep -q '^## Two optimisation levels' &&
	fail "a comparison in the report without --compare"

# a source gcc cannot compile: the comparison says so, with gcc's messages, and lesson exits 0
bad=${top_srcdir}/samples/syntax-error.c
"$LESSON" --json --compare 2 "$bad" >"$scratch/bad.json" 2>/dev/null || fail "syntax-error.c: --json exited $?"
[ "$(jq -r .compare.ok "$scratch/bad.json")" = false ] || fail "syntax-error.c: the comparison is ok"
[ "$(jq -r '.compare.error | length > 0' "$scratch/bad.json")" = true ] ||
	fail "syntax-error.c: no error said"
"$LESSON" --report --compare 2 "$bad" >"$scratch/bad.md" 2>/dev/null ||
	fail "syntax-error.c: --report exited $?"
sed -n '/^## Two optimisation levels$/,$p' "$scratch/bad.md" >"$scratch/bad-section"
[ -s "$scratch/bad-section" ] || fail "syntax-error.c: no section"
grep -q 'error: expected' "$scratch/bad-section" || fail "syntax-error.c: gcc's message not in the section"
grep -qF 'cmp-O0.s' "$scratch/bad-section" || fail "syntax-error.c: the command not in the section"

# a level -O does not take
st=0
"$LESSON" --report --compare 7 "$scratch/gen.c" >"$scratch/out" 2>"$scratch/err" || st=$?
[ "$st" = 2 ] || fail "--compare 7 exited $st, not 2"
grep -q -- "--compare takes 0, 1, 2, 3, s or g, not '7'" "$scratch/err" ||
	fail "--compare 7 said: $(cat "$scratch/err")"
[ -s "$scratch/out" ] && fail "--compare 7 printed a report"
exit 0
