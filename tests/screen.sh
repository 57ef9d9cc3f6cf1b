#!/bin/sh
# screen.sh: what a learner sees, on the virtual screen of `lesson --headless` at 80x24 and
# 200x50, stepping through the four stages and back. Every expectation comes from the
# toolchain run by hand on the same file: lines of the real .i and .s, their line counts, the
# sizes of the .o and of the programs linked by hand, their ELF type and interpreter as
# readelf sees them, what they print. Also: the stage bar brackets the stage shown, no row is
# wider than the screen, the key line names help and quit, the help screen opens and closes,
# a failed compile shows gcc's verdict, q ends the key script, and a screen below 40x10 says
# it is too small.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd readelf
use_utf8_locale
scratch=$(make_scratch screen)
trap 'rm -rf "$scratch"' EXIT

hello=$(abs_path "$top_srcdir/samples/hello.c")
lessons=$top_srcdir/lessons
mkdir "$scratch/byhand" || hard_error "mkdir failed"
build_by_hand "$scratch/byhand" "$hello"
h=$scratch/byhand/hello
[ -f "$h.o" ] || hard_error "gcc could not take hello.c to an object file by hand"

if [ "$(is_utf8)" = 1 ]; then ok_mark='✓' bad_mark='✗' arrow='→'; else ok_mark='+' bad_mark='x' arrow='->'; fi
titles='Preprocess Compile Assemble Link'
stage_names='preprocess compile assemble link'

# Print word N (1-based) of a list.
nth() {
	echo "$2" | tr ' ' '\n' | sed -n "${1}p"
}

# Lines LO..HI of file F, tabs expanded, trailing blanks dropped, at most 30 columns: short
# enough to show unclipped in the output pane at 80 columns.
short_lines() {
	sed -n "$2,$3p" "$1" | expand | sed 's/ *$//' | awk 'length($0) > 0 && length($0) <= 30'
}

# Fail unless the panes' title row (the second) of screen file F contains S.
title_has() {
	sed -n 2p "$1" | grep -qF -- "$2" || fail "$3: '$2' is not in the title row: $(sed -n 2p "$1")"
}

# The checks every screen passes: its size, the stage bar, the key line, the lesson.
check_common() { # FILE STAGE(1-4) W H WHAT
	f=$1 s=$2 w=$3 hh=$4 what=$5
	assert_fits "$f" "$w" "$hh" "$what"
	[ "$(wc -l <"$f")" -eq "$hh" ] || fail "$what: the dump has $(wc -l <"$f") rows, not $hh"
	bar=$(head -n 1 "$f")
	cur=$(echo "$bar" | grep -o '\[[1-4] [A-Z][a-z]*' | tr '\n' ' ')
	[ "$cur" = "[$s $(nth "$s" "$titles") " ] ||
		fail "$what: the stage bar brackets '$cur', not stage $s: $bar"
	tail -n 1 "$f" | grep -q 'q quit' || fail "$what: the key line lacks 'q quit': $(tail -n 1 "$f")"
	tail -n 1 "$f" | grep -q '? help' || fail "$what: the key line lacks '? help'"
	title=$(sed -n 's/^# //p' "$lessons/$(nth "$s" "$stage_names").md" | head -n 1)
	assert_has "$f" "$title" "$what: the lesson's title"
}

check_preprocess() { # FILE WHAT
	title_has "$1" "hello.i" "$2: the output pane's title"
	title_has "$1" "$(wc -l <"$h.i") lines" "$2: the .i's line count (wc -l) in the title"
	assert_has "$1" '$ gcc -E ' "$2: the command"
	short_lines "$h.i" 2 6 >"$scratch/want"
	[ -s "$scratch/want" ] || hard_error "no short line near the top of hello.i"
	while IFS= read -r line; do
		assert_has "$1" "$line" "$2: a line of gcc -E's own output"
	done <"$scratch/want"
	title_has "$1" "hello.c" "$2: the source pane's title"
	assert_has "$1" "$(grep -m 1 '^#include' "$hello")" "$2: the source"
}

check_compile() {
	title_has "$1" "hello.s" "$2: the output pane's title"
	title_has "$1" "$(wc -l <"$h.s") lines" "$2: the .s's line count (wc -l) in the title"
	assert_has "$1" '$ gcc -S hello.i -o hello.s' "$2: the command"
	short_lines "$h.s" 1 5 >"$scratch/want"
	[ -s "$scratch/want" ] || hard_error "no short line near the top of hello.s"
	while IFS= read -r line; do
		assert_has "$1" "$line" "$2: a line of gcc -S's own output"
	done <"$scratch/want"
}

check_assemble() {
	assert_has "$1" "$(stat -c %s "$h.o") bytes" "$2: the .o's size"
	assert_has "$1" "ELF relocatable object" "$2: what the .o is"
	text=$(readelf -SW "$h.o" | sed 's/^ *\[ *[0-9]*\]//' | awk '$1 == ".text" { print $5; exit }')
	[ -n "$text" ] || hard_error "readelf shows no .text in hello.o"
	grep -qE "\.text +$(printf '%d' "0x$text") bytes" "$1" ||
		fail "$2: .text is not shown with readelf's size $(printf '%d' "0x$text")"
}

# The top of the link view: the size, ELF type and interpreter of each program.
check_link_top() {
	for p in hello hello-static; do
		[ -f "$scratch/byhand/$p" ] || continue
		assert_has "$1" "size: " "$2: the sizes"
		grep -qE "size: +$(stat -c %s "$scratch/byhand/$p") bytes" "$1" ||
			fail "$2: $p's size $(stat -c %s "$scratch/byhand/$p") is not shown:
$(cat "$1")"
		type=$(readelf -hW "$scratch/byhand/$p" | awk '$1 == "Type:" { print $2 }')
		assert_has "$1" "($type)" "$2: $p's ELF type"
	done
	interp=$(readelf -lW "$h" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
	[ -n "$interp" ] && assert_has "$1" "$interp" "$2: the interpreter"
	assert_has "$1" '$ gcc hello.o -o hello' "$2: the dynamic link's command"
}

# The bottom of the link view: what each program printed, and how it ended.
check_link_bottom() {
	(cd "$scratch/byhand" && ./hello) >"$scratch/printed" 2>/dev/null ||
		hard_error "hello, linked by hand, did not run"
	awk 'length($0) <= 30' "$scratch/printed" >"$scratch/want"
	while IFS= read -r line; do
		assert_has "$1" "$line" "$2: what the program printed"
	done <"$scratch/want"
	assert_has "$1" "$arrow exit 0" "$2: how the program ended"
}

for size in 80x24 200x50; do
	w=${size%x*} hh=${size#*x}
	dump=$scratch/dump-$size
	"$LESSON" --headless="$size" --keys='n n n G p p p 4 1' "$hello" >"$dump" ||
		fail "lesson --headless=$size exited $?"
	[ "$(screen_count "$dump")" -eq 10 ] || fail "$size: want 10 screens, got $(screen_count "$dump")"
	i=0
	for s in 1 2 3 4 4 3 2 1 4 1; do
		f=$scratch/screen-$size-$i
		screen "$i" "$dump" >"$f"
		what="$size screen $i (stage $s)"
		check_common "$f" "$s" "$w" "$hh" "$what"
		case $i in
		0 | 7 | 9) check_preprocess "$f" "$what" ;;
		1 | 6) check_compile "$f" "$what" ;;
		2 | 5) check_assemble "$f" "$what" ;;
		3 | 8) check_link_top "$f" "$what" ;;
		4) check_link_bottom "$f" "$what" ;;
		esac
		i=$((i + 1))
	done
	# every stage finished, and each says so on the bar
	for s in 1 2 3 4; do
		head -n 1 "$scratch/screen-$size-0" | grep -qF "$(nth "$s" "$titles") $ok_mark" ||
			fail "$size: stage $s is not marked done: $(head -n 1 "$scratch/screen-$size-0")"
	done
done

# The help screen is generated from the key table; any other key closes it.
"$LESSON" --headless=80x24 --keys='? <Down> x' "$hello" >"$scratch/help" || fail "help run exited $?"
screen 1 "$scratch/help" >"$scratch/h1"
screen 3 "$scratch/help" >"$scratch/h3"
assert_has "$scratch/h1" " Keys " "the help screen's title"
assert_has "$scratch/h1" "next stage" "the help screen"
assert_has "$scratch/h1" "previous stage" "the help screen"
assert_lacks "$scratch/h3" " Keys " "the help screen after a key closed it"

# q ends the key script: no screen after it.
"$LESSON" --headless=80x24 --keys='q n n' "$hello" >"$scratch/quit" || fail "quit run exited $?"
[ "$(screen_count "$scratch/quit")" -eq 1 ] || fail "screens after q: $(screen_count "$scratch/quit")"

# Too small a screen says so and what it needs; growing it brings the walkthrough.
"$LESSON" --headless=30x8 --keys='<Resize:80x24>' "$hello" >"$scratch/small" ||
	fail "30x8 run exited $?"
screen 0 "$scratch/small" >"$scratch/s0"
screen 1 "$scratch/small" >"$scratch/s1"
assert_fits "$scratch/s0" 30 8 "30x8"
assert_has "$scratch/s0" "terminal too small" "30x8"
assert_has "$scratch/s0" "need 40x10, have 30x8" "30x8"
check_common "$scratch/s1" 1 80 24 "resized from 30x8 to 80x24"
"$LESSON" --headless=40x10 --keys='n n n' "$hello" >"$scratch/min" || fail "40x10 run exited $?"
for i in 0 1 2 3; do
	screen "$i" "$scratch/min" >"$scratch/m"
	assert_fits "$scratch/m" 40 10 "40x10 screen $i"
	assert_lacks "$scratch/m" "too small" "40x10 screen $i"
done

# A file gcc rejects: the compile stage shows gcc's verdict, the later ones are not run.
printf 'int main(void)\n{\n\treturn 0\n}\n' >"$scratch/broken.c"
gcc -E "$scratch/broken.c" -o "$scratch/broken.i" || hard_error "gcc -E broken.c failed"
gcc -S "$scratch/broken.i" -o "$scratch/broken.s" 2>/dev/null && hard_error "gcc accepted broken.c"
rc=$?
"$LESSON" --headless=200x50 --keys='n' "$scratch/broken.c" >"$scratch/broken" ||
	fail "broken.c run exited $?"
screen 1 "$scratch/broken" >"$scratch/b1"
assert_has "$scratch/b1" "2 Compile $bad_mark" "broken.c: the stage bar"
assert_has "$scratch/b1" "gcc failed: exit $rc" "broken.c: how gcc ended"
assert_has "$scratch/b1" "error:" "broken.c: gcc's message"
exit 0
