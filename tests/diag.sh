#!/bin/sh
# diag.sh: gcc's errors and warnings as lessons in the walkthrough, at 80x24 and 200x50. For
# programs that provoke them (a ';' missing at the end of a declaration, the sample
# syntax-error.c, a missing header, an implicit declaration), what gcc says is read from gcc
# run by hand, and the line that causes it from grep -n on the source: the source pane marks
# that line in its gutter (! an error, * a warning), e explains it at that line in the output
# pane, and the report says the same.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
use_utf8_locale
scratch=$(make_scratch diag)
trap 'rm -rf "$scratch"' EXIT

printf '#include <stdio.h>\n\nint main(void)\n{\n\tint x = 1\n\tprintf("%%d\\n", x);\n\treturn 0;\n}\n' \
	>"$scratch/semi.c"
printf '#include <nosuchheader.h>\nint main(void) { return 0; }\n' >"$scratch/nohdr.c"
printf 'int main(void)\n{\n\treturn helper(2);\n}\n' >"$scratch/implicit.c"
cp "$top_srcdir/samples/syntax-error.c" "$scratch/syntax-error.c" || hard_error "no sample"

# gcc's line of its first diagnostic of FILE with FLAG (-S or -E)
gcc_line() {
	(cd "$scratch" && LC_ALL=C gcc "$2" "$1" -o /dev/null 2>&1) |
		sed -n -E 's/^[^ ]+:([0-9]+):[0-9]+: (error|fatal error|warning): .*/\1/p' | head -n 1
}
src_line() {
	grep -n -F -m 1 -- "$2" "$scratch/$1" | cut -d: -f1
}

semi_gcc=$(gcc_line semi.c -S)
semi_cause=$(src_line semi.c 'int x = 1')
[ -n "$semi_gcc" ] && [ "$semi_gcc" != "$semi_cause" ] ||
	hard_error "gcc no longer reports the missing ';' at the next line ($semi_gcc)"
se_gcc=$(gcc_line syntax-error.c -S)
[ -n "$se_gcc" ] || hard_error "gcc accepted syntax-error.c"
nohdr_gcc=$(gcc_line nohdr.c -E)
imp_line=$(src_line implicit.c 'helper(2)')
imp_gcc=$(gcc_line implicit.c -S)
[ "$imp_gcc" = "$imp_line" ] || skip "gcc gives no implicit-declaration warning at line $imp_line"

for size in 80x24 200x50; do
	w=${size%x*}
	h=${size#*x}
	d=$scratch/$size
	mkdir "$d" || hard_error "mkdir failed"
	shared_walk "$d/semi" '2' '2 e' -- --headless="$size" "$scratch/semi.c" ||
		fail "semi.c run exited $?"
	screen 1 "$d/semi.1" >"$d/s1"
	screen 2 "$d/semi.2" >"$d/s2"
	assert_fits "$d/s1" "$w" "$h" "$size semi.c"
	assert_fits "$d/s2" "$w" "$h" "$size semi.c after e"
	assert_has "$d/s1" " $semi_cause!" "$size semi.c: the cause line marked"
	assert_lacks "$d/s1" " $semi_gcc!" "$size semi.c: gcc's line is not the cause"
	assert_has "$d/s2" "Line $semi_cause (gcc says line $semi_gcc): missing ';'" \
		"$size semi.c: e explains it at the cause line"
	assert_has "$d/s2" "Fix: end line $semi_cause with" "$size semi.c: the fix"

	"$LESSON" --headless="$size" --keys='2 e' "$scratch/syntax-error.c" >"$d/se" ||
		fail "syntax-error.c run exited $?"
	screen 1 "$d/se" >"$d/se1"
	screen 2 "$d/se" >"$d/se2"
	assert_fits "$d/se2" "$w" "$h" "$size syntax-error.c"
	assert_has "$d/se1" " $se_gcc!" "$size syntax-error.c: the line marked"
	assert_has "$d/se2" "Line $se_gcc: missing ';'" "$size syntax-error.c: e explains it"

	"$LESSON" --headless="$size" --keys='e' "$scratch/nohdr.c" >"$d/nh" ||
		fail "nohdr.c run exited $?"
	screen 1 "$d/nh" >"$d/nh1"
	assert_fits "$d/nh1" "$w" "$h" "$size nohdr.c"
	assert_has "$d/nh1" " $nohdr_gcc!" "$size nohdr.c: the #include marked"
	assert_has "$d/nh1" "Line $nohdr_gcc: missing header" "$size nohdr.c: explained"

	"$LESSON" --headless="$size" --keys='2 e' "$scratch/implicit.c" >"$d/im" ||
		fail "implicit.c run exited $?"
	screen 1 "$d/im" >"$d/im1"
	screen 2 "$d/im" >"$d/im2"
	assert_fits "$d/im2" "$w" "$h" "$size implicit.c"
	assert_has "$d/im1" " $imp_line*" "$size implicit.c: the warning marked"
	assert_has "$d/im1" "gcc gave 1 warning" "$size implicit.c: the head counts it"
	assert_has "$d/im2" "gcc's message 1 of 1." "$size implicit.c: e explains it"
done

"$LESSON" --report "$scratch/semi.c" >"$scratch/report.md" 2>/dev/null
assert_has "$scratch/report.md" "at line $semi_cause (gcc says line $semi_gcc)" \
	"the report: the missing ';' at its cause line"
exit 0
