#!/bin/sh
# screen.sh: what a learner sees, on the virtual screen of `lesson --headless` at 80x24 and
# 200x50, stepping through the five stages and back. Every expectation comes from the
# toolchain run by hand on the same file: lines of the real .i and .s, their line counts, where
# the learner's code starts in the .i (from its linemarkers), the sizes of the .o and of the
# four programs linked by hand (gcc, -static, -static-pie, musl-gcc -static) and how many times
# the dynamic one each is, their ELF type and interpreter as readelf sees them, what they
# print; the lesson titles come from the lessons' own first headings. Also: the stage bar
# brackets the stage shown, no row is wider than the screen, the key line names help and
# quit, the help screen opens and closes, the lesson list opens, opens a lesson full screen
# (filled from this walk where it names this file) and goes back, ] and [ step through a
# stage's lessons, a missing lesson says so, a missing musl-gcc says so, a failed compile
# shows gcc's verdict, q ends the key script, and a screen below 40x10 says it is too small.
# The output pane's views: the object's facts list every symbol nm prints with the binding,
# type and size readelf -s gives it; o shows nm's own output line for line, and objdump -dr's
# relocation lines as objdump prints them; at the link stage the dynamic program's printf
# comes from the library and version the dynamic linker reports binding (LD_DEBUG=bindings),
# and each static link took as many archive members as its map, made by hand, lists, the ones
# hello.o needed heading the tree.
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
# the compile view shows the .s of the command it shows, tied to the source by the .loc
# lines of the same compile with -g
[ -f "$h.s" ] || hard_error "gcc -S made no hello.s by hand"
(cd "$scratch/byhand" && gcc -S -g hello.i -o hello.g.s) || hard_error "gcc -S -g failed"
[ -f "$h.o" ] || hard_error "gcc could not take hello.c to an object file by hand"
[ -f "$h" ] || hard_error "gcc could not link hello.o by hand"

if [ "$(is_utf8)" = 1 ]; then ok_mark='✓' bad_mark='✗' arrow='→'; else ok_mark='+' bad_mark='x' arrow='->'; fi
titles='Preprocess Compile Assemble Link Run'
stage_names='preprocess compile assemble link run'
# The link variants as the table names them, and the file each makes.
variants='dynamic:hello static:hello-static static-pie:hello-static-pie musl:hello-musl'

# Print word N (1-based) of a list.
nth() {
	echo "$2" | tr ' ' '\n' | sed -n "${1}p"
}

# Lines LO..HI of file F, tabs expanded, trailing blanks dropped, at most 30 columns: short
# enough to show unclipped in the output pane at 80 columns.
short_lines() {
	sed -n "$2,$3p" "$1" | expand | sed 's/ *$//' | awk 'length($0) > 0 && length($0) <= 30'
}

# The title of lesson NAME: its first heading.
lesson_title() {
	sed -n 's/^# //p' "$lessons/$1.md" | head -n 1
}

# Fail unless the panes' title row (the second) of screen file F contains S.
title_has() {
	sed -n 2p "$1" | grep -qF -- "$2" || fail "$3: '$2' is not in the title row: $(sed -n 2p "$1")"
}

# The checks every screen passes: its size, the stage bar, the key line, the lesson.
check_common() { # FILE STAGE(1-5) W H WHAT
	f=$1 s=$2 w=$3 hh=$4 what=$5
	assert_fits "$f" "$w" "$hh" "$what"
	[ "$(wc -l <"$f")" -eq "$hh" ] || fail "$what: the dump has $(wc -l <"$f") rows, not $hh"
	bar=$(head -n 1 "$f")
	cur=$(echo "$bar" | grep -o '\[[1-5] [A-Z][a-z]*' | tr '\n' ' ')
	[ "$cur" = "[$s $(nth "$s" "$titles") " ] ||
		fail "$what: the stage bar brackets '$cur', not stage $s: $bar"
	tail -n 1 "$f" | grep -q 'q quit' || fail "$what: the key line lacks 'q quit': $(tail -n 1 "$f")"
	tail -n 1 "$f" | grep -q '? help' || fail "$what: the key line lacks '? help'"
	assert_has "$f" "$(lesson_title "$(nth "$s" "$stage_names")")" "$what: the lesson's title"
}

# Where the learner's code starts in the .i, and its first line that is not blank.
home=$(home_line "$h.i" "$hello")
[ -n "$home" ] || hard_error "no linemarker in hello.i comes back into hello.c"
first_code=$(awk -v from="$home" 'NR >= from && !/^#/ && NF > 0 { print; exit }' "$h.i" |
	expand | sed 's/^ *//' | cut -c 1-24)
[ -n "$first_code" ] || hard_error "no code after line $home of hello.i"

check_preprocess() { # FILE WHAT
	title_has "$1" "hello.i" "$2: the output pane's title"
	title_has "$1" "$(wc -l <"$h.i") lines" "$2: the .i's line count (wc -l) in the title"
	assert_has "$1" '$ gcc -E ' "$2: the command"
	# It opens at the learner's code, and says where the headers end.
	assert_has "$1" "$first_code" "$2: the first line of hello.c's code in the .i"
	# the headers' lines are folded into one row, up to where the learner's code starts
	assert_has "$1" "$((home - 1)) lines: stdc-predef.h" "$2: the folded headers"
	title_has "$1" "hello.c" "$2: the source pane's title"
	assert_has "$1" "$(head -n 1 "$hello" | expand | cut -c 1-24)" "$2: the source"
}

check_compile() {
	tail -n 1 "$1" | grep -q 'o view' || fail "$2: the key line lacks 'o view' (the .s, functions and calls): $(tail -n 1 "$1")"
	title_has "$1" "hello.s" "$2: the output pane's title"
	title_has "$1" "of $(wc -l <"$h.s") lines" "$2: the line count (wc -l) of the .s the command made, in the title"
	assert_has "$1" '$ gcc -S hello.i -o hello.s' "$2: the command"
	short_lines "$h.s" 1 2 >"$scratch/want"
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
	grep -qE "\.text +$(printf '%d' "0x$text") +AX( |$)" "$1" ||
		fail "$2: .text is not shown with readelf's size $(printf '%d' "0x$text") and flags AX"
	# the output pane's views are named, and so is the key that switches them
	assert_has "$1" "facts" "$2: the views of the object"
	tail -n 1 "$1" | grep -q 'o view' || fail "$2: the key line lacks 'o view': $(tail -n 1 "$1")"
}

# The top of the link view: the table of the variants, each with its size, how many times
# the dynamic one it is, its ELF type; the interpreter; the dynamic link's command.
check_link_top() {
	for v in $variants; do
		name=${v%%:*} file=$scratch/byhand/${v#*:}
		if [ ! -f "$file" ]; then
			if [ "$name" = musl ] && ! command -v musl-gcc >/dev/null 2>&1; then
				assert_has "$1" "musl-gcc is not installed" "$2: why musl was not built"
				continue
			fi
			# it failed by hand too (no libc.a, say): lesson must say it failed
			grep -qE "(^|│|\|)$name +link failed" "$1" ||
				fail "$2: $name failed by hand, but the table does not say so:
$(cat "$1")"
			continue
		fi
		bytes=$(stat -c %s "$file")
		ratio=$(size_ratio "$file" "$h")
		grep -qE "(^|│|\|)$name +$bytes +$ratio( |$)" "$1" ||
			fail "$2: the table has no row '$name $bytes $ratio' (stat -c %s):
$(cat "$1")"
		type=$(readelf -hW "$file" | awk '$1 == "Type:" { print $2 }')
		assert_has "$1" "($type)" "$2: $name's ELF type"
	done
	interp=$(readelf -lW "$h" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
	[ -n "$interp" ] && assert_has "$1" "$interp" "$2: the interpreter"
	assert_has "$1" '$ gcc hello.o -o hello' "$2: the dynamic link's command"
}

# At 200 columns the four variants' details stand side by side: each heading, its size in
# bytes and how many times the dynamic one it is.
check_link_wide() {
	row=$(grep -n 'dynamic (the default)' "$1" | head -n 1 | cut -d: -f1)
	[ -n "$row" ] || fail "$2: no details of the dynamic link:
$(cat "$1")"
	for head in 'static (-static)' 'static PIE (-static-pie)' 'musl (musl-gcc -static)'; do
		sed -n "${row}p" "$1" | grep -qF -- "$head" ||
			fail "$2: '$head' is not beside the dynamic link's details: $(sed -n "${row}p" "$1")"
	done
	for v in $variants; do
		file=$scratch/byhand/${v#*:}
		[ -f "$file" ] || continue
		assert_has "$1" "$(stat -c %s "$file") bytes" "$2: ${v%%:*}'s size in the details"
		[ "$file" = "$h" ] && continue
		assert_has "$1" "$(size_ratio "$file" "$h") the dynamic" "$2: ${v%%:*}'s size ratio"
	done
	# the table's last column: the program alone in an empty root, as it ends by hand
	for v in $variants; do
		file=$scratch/byhand/${v#*:}
		[ -f "$file" ] || continue
		r=$(mktemp -d "$scratch/root.XXXXXX")
		cp "$file" "$r/"
		name=/$(basename "$file")
		rc=0
		if unshare -r true 2>/dev/null; then
			unshare -r chroot "$r" "$name" >/dev/null 2>&1 </dev/null || rc=$?
		elif [ "$(id -u)" = 0 ]; then
			chroot "$r" "$name" >/dev/null 2>&1 </dev/null || rc=$?
		else
			continue
		fi
		grep -E "^[│|]${v%%:*} " "$1" | head -n 1 | grep -qE "exit $rc +[│|]" ||
			fail "$2: ${v%%:*} in an empty root should end with exit $rc: $(grep -E "^[│|]${v%%:*} " "$1" | head -n 1)"
	done
}

# The bottom of the link view: what each program printed, and how it ended.
check_link_bottom() {
	(cd "$scratch/byhand" && ./hello) >"$scratch/printed" 2>/dev/null ||
		hard_error "hello, linked by hand, did not run"
	awk 'length($0) <= 24' "$scratch/printed" >"$scratch/want"
	while IFS= read -r line; do
		assert_has "$1" "$line" "$2: what the program printed"
	done <"$scratch/want"
	assert_has "$1" "$arrow exit 0" "$2: how the program ended"
}

# --- The walks -----------------------------------------------------------------------------
# The key scripts on hello.c at one size share one walk (shared_walk: joined by <Reset>, each
# one's screens split out as if from a walk of its own, and every <Reset> checked to give back
# the first screen); the walks that need a file, a PATH, a data directory, options or a first
# size of their own start here, side by side in the background, and are checked below.

# The line of hello.c that calls printf("Bye.\n"), and the Down keys that take the source
# cursor there from its first line.
bye=$(grep -n 'printf("Bye' "$hello" | cut -d: -f1)
downs=$(printf '<Down>%.0s' $(seq 2 "$bye"))
# The .i's line that declares FILE, in a header of stdio.h's, as gcc -E wrote it.
fline=$(grep -n 'typedef struct _IO_FILE FILE;' "$h.i" | head -n 1 | cut -d: -f1)
[ -n "$fline" ] || hard_error "hello.i declares no FILE"
# Every lesson, as lesson --list numbers them.
"$LESSON" --list 2>/dev/null | awk 'NR > 1 && $1 ~ /^[0-9]+$/ { print $1, $3 }' >"$scratch/catalog"
[ -s "$scratch/catalog" ] || hard_error "lesson --list lists no lesson"
# A lesson whose live block names hello.c: opened from the list, paged through, closed.
# (a live block's sample line, not a question's: lessons/question.h)
live=$(awk 'FNR == 1 { prev = "" } prev ~ /^```live/ && /^sample: hello\.c *$/ { print FILENAME; nextfile }
	{ prev = $0 }' "$lessons"/*.md 2>/dev/null | head -n 1)
openkeys=
if [ -n "$live" ]; then
	name=$(basename "$live" .md)
	n=$(awk -v name="$name" '$2 == name { print $1 }' "$scratch/catalog")
	[ -n "$n" ] || hard_error "lesson --list does not name $name"
	openkeys='L g'
	j=1
	while [ "$j" -lt "$n" ]; do openkeys="$openkeys <Down>"; j=$((j + 1)); done
	openkeys="$openkeys <Enter> <PgDn> <PgDn> <PgDn> <PgDn> <Esc> <Esc>"
fi
# The members tree of the static link, zoomed, page by page.
treekeys='4 o z'
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do treekeys="$treekeys <PgDn>"; done
# The glibc-static lesson, opened from the list: its live blocks walk nss.c.
at=$("$LESSON" --list | awk '$3 == "glibc-static" { print $1 }')
[ -n "$at" ] || fail "glibc-static is not in lesson --list"
livekeys="L g"
i=1
while [ "$i" -lt "$at" ]; do livekeys="$livekeys <Down>"; i=$((i + 1)); done
# A data directory with one lesson only, link.md.
mkdir -p "$scratch/data/lessons" || hard_error "mkdir failed"
cp "$lessons/link.md" "$scratch/data/lessons/" || hard_error "cp failed"
ln -s "$(abs_path "$top_srcdir/samples")" "$scratch/data/samples" || hard_error "ln failed"
# A PATH without musl-gcc.
mkdir "$scratch/bin" || hard_error "mkdir failed"
for c in gcc as ld ldd sh bash sed cat; do
	p=$(command -v "$c") && ln -s "$p" "$scratch/bin/$c"
done
# A file gcc rejects.
printf 'int main(void)\n{\n\treturn 0\n}\n' >"$scratch/broken.c"
spaces=$(printf '<Space>%.0s' $(seq 1 400))

spawn "$scratch/live" "$LESSON" --headless=200x60 --keys="$livekeys <Enter>" "$hello"
spawn "$scratch/run80" "$LESSON" --headless=80x24 --keys='5 <Down> o o o v' "$hello"
spawn "$scratch/demo" "$LESSON" --demo --headless=80x24 --keys="$spaces" "$hello"
spawn "$scratch/demoback" "$LESSON" --demo --headless=100x30 --keys='<Space><Space><BS>' "$hello"
spawn "$scratch/miss" env CSTAGES_DATADIR="$scratch/data" "$LESSON" --headless=80x24 --keys='4 ] 1 L' "$hello"
spawn "$scratch/nomusl" env PATH="$scratch/bin" "$LESSON" --headless=120x40 --keys='4' "$hello"
spawn "$scratch/small" "$LESSON" --headless=30x8 --keys='<Resize:80x24>' "$hello"
spawn "$scratch/min" "$LESSON" --headless=40x10 --keys='n n n L <Esc> z' "$hello"
spawn "$scratch/broken" "$LESSON" --headless=200x50 --keys='n 4' "$scratch/broken.c"

# 80x24: the stages; g, Enter and the help; the resolution; q.
shared_walk "$scratch/w80" 'n n n G p p p 4 1' 'g <Enter> ? <Down> x' '4 <PgDn> <PgDn>' 'q n n' \
	-- --headless=80x24 "$hello" || fail "lesson --headless=80x24 exited $?"
# 200x50: the stages; the lesson list; the object's facts; objdump's view; the members tree;
# a lesson opened from the list (last: it leaves the list's cursor where it was).
set -- 'n n n G p p p 4 1' 'L <Esc>' '3 z <PgDn> <PgDn>' '3 o o o z <PgDn> <PgDn>' "$treekeys"
[ -z "$openkeys" ] || set -- "$@" "$openkeys"
shared_walk "$scratch/w200" "$@" -- --headless=200x50 "$hello" || fail "lesson --headless=200x50 exited $?"
# 120x40: search; the tied source; goto; a search at the .s; the mouse; the directives; ] and
# [; nm's view; the members views; a search at the .i; + (last: it starts another walk).
shared_walk "$scratch/w120" '<Tab><Tab> /printf<Enter> n <Esc> n' "2 <Tab><Tab> $downs" \
	":$fline<Enter>" '2 /puts@PLT<Enter>' '3 <WheelDown:80,10> <Click:10,10> <Down>' \
	'2 d s d D' '4 ] [' '3 o O' '4 o o o' '/printf<Enter> n' '2 +' \
	-- --headless=120x40 "$hello" || fail "lesson --headless=120x40 exited $?"

for size in 80x24 200x50; do
	w=${size%x*} hh=${size#*x}
	case $size in 80x24) dump=$scratch/w80.1 ;; *) dump=$scratch/w200.1 ;; esac
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
		if [ "$size" = 200x50 ]; then
			case $i in 3 | 8) check_link_wide "$f" "$what" ;; esac
		fi
		i=$((i + 1))
	done
	# every stage finished, and each says so on the bar
	for s in 1 2 3 4; do
		head -n 1 "$scratch/screen-$size-0" | grep -qF "$(nth "$s" "$titles") $ok_mark" ||
			fail "$size: stage $s is not marked done: $(head -n 1 "$scratch/screen-$size-0")"
	done
done

# g goes to the top of the .i, where the headers' lines are folded into one row; Enter
# unfolds it: gcc's first lines. The help screen is generated from the key table; any other
# key closes it.
mv "$scratch/w80.2" "$scratch/top"
screen 1 "$scratch/top" >"$scratch/t0"
assert_has "$scratch/t0" "$((home - 1)) lines: stdc-predef.h" "80x24 after g: the folded headers"
assert_lacks "$scratch/t0" '# 0 "<built-in>"' "80x24 after g: the folded headers' lines"
screen 2 "$scratch/top" >"$scratch/t1"
short_lines "$h.i" 2 6 >"$scratch/want"
[ -s "$scratch/want" ] || hard_error "no short line near the top of hello.i"
while IFS= read -r line; do
	assert_has "$scratch/t1" "$line" "80x24 after g: a line at the top of gcc -E's output"
done <"$scratch/want"
assert_lacks "$scratch/t1" "$first_code" "80x24 after g: the learner's code"
screen 3 "$scratch/top" >"$scratch/h1"
screen 5 "$scratch/top" >"$scratch/h3"
assert_has "$scratch/h1" " Keys " "the help screen's title"
assert_has "$scratch/h1" "next stage" "the help screen"
assert_has "$scratch/h1" "previous stage" "the help screen"
assert_lacks "$scratch/h3" " Keys " "the help screen after a key closed it"

# / searches the focused pane (here the source, two Tabs from the output pane), smart case:
# as many matching lines as grep -ci finds; n steps to the next; Esc forgets the search,
# and n is the next stage again.
want_hits=$(grep -ci printf "$hello")
mv "$scratch/w120.1" "$scratch/search"
# screens: 0 start, 1-2 Tab, 3 '/', 4-9 the letters, 10 Enter, 11 n, 12 Esc, 13 n
screen 9 "$scratch/search" | tail -n 1 | grep -qF "/printf_" ||
	fail "/: the key line does not show the pattern being typed: $(screen 9 "$scratch/search" | tail -n 1)"
screen 10 "$scratch/search" >"$scratch/s10"
tail -n 1 "$scratch/s10" | grep -qF "/printf  1 of $want_hits" ||
	fail "/printf: want '1 of $want_hits' on the key line: $(tail -n 1 "$scratch/s10")"
first=$(grep -i printf "$hello" | head -n 1 | expand | sed 's/^ *//' | cut -c 1-20)
assert_has "$scratch/s10" "$first" "/printf: the first matching line in view"
screen 11 "$scratch/search" | tail -n 1 | grep -qF "/printf  2 of $want_hits" ||
	fail "n after /printf: want '2 of $want_hits': $(screen 11 "$scratch/search" | tail -n 1)"
screen 13 "$scratch/search" | grep -qF "[2 Compile" || fail "Esc then n: not the next stage"

# The source tied to the .s: the source pane's cursor on the line of printf("Bye.\n") brings
# into view the asm gcc made from it, which calls puts (gcc's own .loc lines say which).
awk -v l="$bye" '$1 == ".loc" { on = ($3 == l) } on && /call/' "$h.g.s" | grep -q 'puts' ||
	hard_error "gcc -S -g does not call puts for line $bye of hello.c"
mv "$scratch/w120.2" "$scratch/tied"
screen 3 "$scratch/tied" | grep -q 'call.*puts@PLT' && hard_error "puts is in view before the cursor moves"
screen "$(($(screen_count "$scratch/tied") - 1))" "$scratch/tied" >"$scratch/t-last"
grep -q 'call.*puts@PLT' "$scratch/t-last" ||
	fail "the source cursor on line $bye did not bring its call of puts into view"
# ... at the line number it has in the hello.s that the shown command makes by hand
pline=$(grep -n 'call.*puts@PLT' "$h.s" | head -n 1 | cut -d: -f1)
[ -n "$pline" ] || hard_error "hello.s made by hand does not call puts@PLT"
grep -q "│ *$pline  *call  *puts@PLT" "$scratch/t-last" ||
	fail "call puts@PLT is not numbered $pline as in hello.s: $(grep 'call.*puts@PLT' "$scratch/t-last")"

# : goes to a line: at the .i, a line inside the folded headers (stdio.h's declaration of
# FILE, from a header of its, as gcc -E wrote it) unfolds its region and comes into view with its number.
mv "$scratch/w120.3" "$scratch/goto"
screen "$(($(screen_count "$scratch/goto") - 1))" "$scratch/goto" >"$scratch/g-last"
grep -q "│ *$fline [A-Za-z0-9_.-]*\.h:[0-9]*  typedef struct _IO_FILE FILE;" "$scratch/g-last" ||
	fail ":$fline: the .i's line $fline is not in view, unfolded: $(cat "$scratch/g-last")"

# A search hit at the .s is the tied cursor too: the head explains the line it is on, the
# call to puts that gcc made of printf("Bye.\n").
mv "$scratch/w120.4" "$scratch/scur"
screen "$(($(screen_count "$scratch/scur") - 1))" "$scratch/scur" >"$scratch/sc-last"
assert_has "$scratch/sc-last" "gcc calls puts instead of printf" "/puts@PLT at the .s: the head explains the hit's line"

# / at the .i finds every line of the .i with the pattern, those of the folded headers too
# (grep -c counts them), and n unfolds the header that holds the next one, as : does.
ihits=$(grep -c printf "$h.i")
mv "$scratch/w120.10" "$scratch/isearch"
isn=$(screen_count "$scratch/isearch") # the screens after Enter and after n are the last two
screen $((isn - 2)) "$scratch/isearch" | tail -n 1 | grep -qF "/printf  1 of $ihits" ||
	fail "/printf at the .i: want '1 of $ihits' (grep -c): $(screen $((isn - 2)) "$scratch/isearch" | tail -n 1)"
screen $((isn - 1)) "$scratch/isearch" >"$scratch/is2"
tail -n 1 "$scratch/is2" | grep -qF "/printf  2 of $ihits" ||
	fail "n at the .i: want '2 of $ihits': $(tail -n 1 "$scratch/is2")"
grep -q "│ *[0-9][0-9]* [A-Za-z0-9_.-]*\.h:[0-9]*  .*printf" "$scratch/is2" ||
	fail "n at the .i: no unfolded header line with printf in view: $(cat "$scratch/is2")"

# + compiles again at the next level: the bar, the command and the .s say -O1.
(cd "$scratch/byhand" && gcc -S -O1 hello.i -o hello-O1.s) || hard_error "gcc -S -O1 failed"
mv "$scratch/w120.11" "$scratch/plus"
screen 2 "$scratch/plus" >"$scratch/p2"
head -n 1 "$scratch/p2" | grep -q 'hello.c -O1' || fail "+: the bar does not say -O1: $(head -n 1 "$scratch/p2")"
assert_has "$scratch/p2" '$ gcc -S -O1 hello.i -o hello.s' "+: the compile command"
title_has "$scratch/p2" "of $(wc -l <"$scratch/byhand/hello-O1.s") lines" "+: the -O1 .s's line count"

# The mouse: the wheel scrolls the pane under the pointer (three lines), a click focuses the
# pane under it, so the arrow keys then move that pane.
mv "$scratch/w120.5" "$scratch/mouse"
screen 2 "$scratch/mouse" | grep -q '─ lines 4-[0-9]* of [0-9]* ─┘$' ||
	fail "the wheel did not scroll the output pane three lines: $(screen 2 "$scratch/mouse" | grep 'lines [0-9]' | head -n 1)"
screen 4 "$scratch/mouse" | grep -q 'lines 2-[0-9]* of [0-9]* ─┘└' ||
	fail "a click on the source did not focus it: $(screen 4 "$scratch/mouse" | grep 'lines [0-9]' | head -n 1)"

# The .s view's groups of directives: d opens the chooser, s hides the symbol directives
# (.globl, .type, .size...), so the view's row count drops by as many lines as the .s has
# of them; D shows every line gcc wrote.
mv "$scratch/w120.6" "$scratch/dirs"
rows_of() { screen "$1" "$scratch/dirs" | sed -n 2p | sed -n 's/.* \([0-9][0-9]*\) of \([0-9][0-9]*\) lines.*/\1 \2/p'; }
set -- $(rows_of 1)
before=$1 total=$2
set -- $(rows_of 3)
after=$1
set -- $(rows_of 5)
all=$1
symdirs=$(awk '/^[ \t]*\.section[ \t]+\.debug/ { dbg = 1; next }
	/^[ \t]*\.(text|data|bss|section|previous)/ { dbg = 0 }
	!dbg && /^[ \t]*\.(globl|global|local|weak|type|size|hidden|protected|internal|comm|lcomm|set|equ|symver)[ \t]/ { n++ }
	END { print n + 0 }' "$h.s")
[ "$symdirs" -gt 0 ] || hard_error "hello.s has no symbol directive"
[ -n "$before" ] && [ $((before - after)) -eq "$symdirs" ] ||
	fail "d s: the .s view went from '$before' to '$after' rows, want $symdirs fewer (the symbol directives)"
screen 2 "$scratch/dirs" | tail -n 1 | grep -q 'directives:.*s symbols shown' ||
	fail "d: the key line is not the chooser: $(screen 2 "$scratch/dirs" | tail -n 1)"
[ "$all" = "$total" ] || fail "D: the .s view shows $all rows, not all $total of gcc's lines"

# 80x24, stage 5: key 5 opens Run on the relocations of hello.o, as many as readelf -rW
# lists in its code; Down moves the cursor to another row; o steps through the segments
# (as many as readelf -lW lists in the program), the loader (with the library the program
# NEEDs, as readelf -d says) and the process at main; v shows the static program's.
nrel=$(readelf -rW "$h.o" | awk '/^Relocation section/ { code = ($3 ~ /^.\.rela\.text/); next }
	code && /^[0-9a-f]+ / { n++ } END { print n + 0 }')
nph=$(readelf -lW "$h" | awk '/^Program Headers/ { p = 1; next } p && /^ *$/ { exit }
	p && $1 != "Type" && $1 !~ /^\[/ { n++ } END { print n + 0 }')
needed=$(readelf -dW "$h" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | head -n 1)
[ "$nrel" -gt 0 ] && [ "$nph" -gt 0 ] && [ -n "$needed" ] ||
	hard_error "readelf: $nrel relocations in code, $nph program headers, NEEDED '$needed'"
if [ "$(is_utf8)" = 1 ]; then cursor='▸'; else cursor='>'; fi
reap "$scratch/run80" || fail "stage 5 run exited $?"
for i in 1 2 3 4 5 6; do
	screen "$i" "$scratch/run80" >"$scratch/r$i"
	assert_fits "$scratch/r$i" 80 24 "stage 5, screen $i"
	head -n 1 "$scratch/r$i" | grep -qF "[5 Run" || fail "stage 5, screen $i: the bar: $(head -n 1 "$scratch/r$i")"
	tail -n 1 "$scratch/r$i" | grep -q '1-5 stage' || fail "stage 5, screen $i: the key line lacks '1-5 stage'"
done
title_has "$scratch/r1" "hello's relocations filled in" "stage 5: the relocations view"
title_has "$scratch/r1" "$nrel relocations" "stage 5: the relocations of hello.o's code"
row1=$(grep -F "$cursor" "$scratch/r1" | head -n 1)
row2=$(grep -F "$cursor" "$scratch/r2" | head -n 1)
[ -n "$row1" ] && [ -n "$row2" ] && [ "$row1" != "$row2" ] ||
	fail "stage 5: Down did not move the relocations' cursor: '$row1' then '$row2'"
title_has "$scratch/r3" "sections into segments" "stage 5: the segments view"
title_has "$scratch/r3" "$nph segments" "stage 5: the program's headers"
title_has "$scratch/r4" "the loader at work" "stage 5: the loader view"
assert_has "$scratch/r4" "$needed" "stage 5: the library the program needs"
title_has "$scratch/r5" "the process at main" "stage 5: the process view"
assert_has "$scratch/r5" "[dynamic]" "stage 5: the dynamic program's process"
assert_has "$scratch/r6" "[static]" "stage 5, v: the static program's process"

# The classroom demo: a banner of big letters over one pane at 80x24, and Space alone walks
# the class through every stage in order, one idea at a time; Backspace goes back to the
# screen before.
reap "$scratch/demo" || fail "demo run exited $?"
screen 0 "$scratch/demo" >"$scratch/d0"
assert_fits "$scratch/d0" 80 24 "the demo's first screen"
if [ "$(is_utf8)" = 1 ]; then big='█'; else big='#'; fi
[ "$(sed -n '2,6p' "$scratch/d0" | grep -c "$big")" -eq 5 ] || fail "the demo's banner is not five rows of big letters: $(sed -n '2,7p' "$scratch/d0")"
# (at 80 columns the five stages leave the bar no room for the title: the bar is the row
# after each screen's header)
order=$(grep -A 1 '^--- screen ' "$scratch/demo" | grep -o '\[[1-5] [A-Z]' | cut -c 2 | uniq |
	tr -d '\n')
[ "$order" = 12345 ] || fail "Space alone: the stages came in the order '$order', want 12345"
# (the first Space marks the .i's folded headers, the second opens the include tree)
reap "$scratch/demoback" || fail "demo back run exited $?"
screen 1 "$scratch/demoback" >"$scratch/db1"
screen 2 "$scratch/demoback" >"$scratch/db2"
screen 3 "$scratch/demoback" >"$scratch/db3"
assert_has "$scratch/db2" "Include tree" "the demo's second idea"
cmp -s "$scratch/db1" "$scratch/db2" && fail "the demo's second Space changed nothing"
cmp -s "$scratch/db1" "$scratch/db3" || fail "Backspace did not go back to the screen before: $(diff "$scratch/db1" "$scratch/db3" | head -n 6)"
"$LESSON" --demo=0 "$hello" >/dev/null 2>"$scratch/err" </dev/null
[ $? -eq 2 ] && grep -q -- "--demo takes a number of seconds" "$scratch/err" || fail "--demo=0: $(cat "$scratch/err")"

# The lesson list: L opens it over the walkthrough, with every lesson's title (those lesson
# --list names, which are the ones that exist), the ones for this stage marked.
mv "$scratch/w200.2" "$scratch/list"
screen 1 "$scratch/list" >"$scratch/l1"
screen 2 "$scratch/list" >"$scratch/l2"
assert_fits "$scratch/l1" 200 50 "the lesson list"
assert_has "$scratch/l1" " Lessons " "the lesson list's title"
assert_has "$scratch/l1" "goes with the Preprocess stage" "the lesson list's legend"
while read -r n name; do
	[ -f "$lessons/$name.md" ] || hard_error "lesson --list names $name, but there is no $name.md"
	title=$(lesson_title "$name" | cut -c 1-50)
	# "stage", the mark of a lesson read (in this run: the tests keep no progress), the title
	grep -F -- "$title" "$scratch/l1" | grep -qE "(stage|topic) (✓|[+ ]) [^ ]" ||
		fail "the lesson list lacks lesson $n, '$title':
$(cat "$scratch/l1")"
done <"$scratch/catalog"
assert_lacks "$scratch/l2" " Lessons " "the lesson list after Esc"
check_common "$scratch/l2" 1 200 50 "after the lesson list"

# Enter opens the chosen lesson full screen; Esc goes back to the list, Esc again to the
# walkthrough, whose lesson pane keeps the lesson. A lesson whose live block names hello.c
# shows what this walk measured.
if [ -n "$live" ]; then
	name=$(basename "$live" .md)
	mv "$scratch/w200.6" "$scratch/open"
	last=$(screen_count "$scratch/open")
	opened=$((last - 7))
	screen "$opened" "$scratch/open" >"$scratch/o1"
	title_has "$scratch/o1" "$(lesson_title "$name" | cut -c 1-40)" "$name opened from the list"
	assert_has "$scratch/o1" "from the lesson list" "$name opened from the list"
	assert_lacks "$scratch/o1" "Source: hello.c" "$name opened full screen"
	: >"$scratch/o-all"
	for k in 0 1 2 3 4; do screen $((opened + k)) "$scratch/open" >>"$scratch/o-all"; done
	assert_has "$scratch/o-all" "On this machine, just now," "$name's live block, filled from this walk"
	fact=$(grep -A 1 '^sample: hello\.c *$' "$live" | sed -n 's/^fact: *//p' | head -n 1)
	if [ "$fact" = assemble.sections ]; then
		text=$(readelf -SW "$h.o" | sed 's/^ *\[ *[0-9]*\]//' | awk '$1 == ".text" { print $5; exit }')
		grep -qE "\.text +$(printf '%d' "0x$text") bytes" "$scratch/o-all" ||
			fail "$name's live block lacks readelf's .text size $(printf '%d' "0x$text")"
	fi
	screen $((last - 2)) "$scratch/open" >"$scratch/o2"
	screen $((last - 1)) "$scratch/open" >"$scratch/o3"
	assert_has "$scratch/o2" " Lessons " "Esc from a lesson opened from the list"
	assert_lacks "$scratch/o3" " Lessons " "Esc from the list"
	assert_fits "$scratch/o3" 200 50 "back from the lesson list"
	title_has "$scratch/o3" "Source: hello.c" "back from the lesson list"
	# its title, or its name where the title does not fit beside "from the lesson list"
	grep -qF -- "$(lesson_title "$name" | cut -c 1-40)" "$scratch/o3" ||
		assert_has "$scratch/o3" "─ $name ─" "the lesson pane after the list"
fi

# ] and [ step through the lessons of a stage in the lesson pane, and say where they are.
mv "$scratch/w120.7" "$scratch/cycle"
screen 1 "$scratch/cycle" >"$scratch/c1"
screen 2 "$scratch/cycle" >"$scratch/c2"
screen 3 "$scratch/cycle" >"$scratch/c3"
assert_has "$scratch/c1" "lesson 1 of " "the link stage's own lesson"
assert_has "$scratch/c2" "lesson 2 of " "] at the link stage"
assert_lacks "$scratch/c2" "$(lesson_title link)" "] at the link stage"
assert_has "$scratch/c3" "lesson 1 of " "[ back at the link stage"
assert_has "$scratch/c3" "$(lesson_title link)" "[ back at the link stage"

# A lesson whose file is missing (being written) says so, in the pane and in the list.
reap "$scratch/miss" || fail "missing-lesson run exited $?"
screen 2 "$scratch/miss" >"$scratch/m2"
screen 3 "$scratch/miss" >"$scratch/m3"
screen 4 "$scratch/miss" >"$scratch/m4"
assert_has "$scratch/m2" "is not written yet" "a missing lesson of the link stage"
assert_has "$scratch/m3" "is not written yet" "the missing preprocess lesson"
assert_has "$scratch/m3" "no lessons/preprocess.md" "the missing preprocess lesson"
assert_has "$scratch/m4" "(not written yet)" "the lesson list with lessons missing"
assert_has "$scratch/m4" "$(lesson_title link)" "the lesson list with lessons missing"

# Without musl-gcc on the PATH, the musl column says why it is empty.
reap "$scratch/nomusl" || fail "run without musl-gcc exited $?"
screen 1 "$scratch/nomusl" >"$scratch/n1"
if grep -qF "$(stat -c %s "$h") bytes" "$scratch/n1"; then
	assert_has "$scratch/n1" "not run: musl-gcc is not installed" "the table without musl-gcc"
	assert_has "$scratch/n1" "Not run: musl-gcc is not" "the musl column without musl-gcc"
fi

# The assemble stage's views. Its facts: every symbol nm prints for the .o, each with the
# binding, type and size readelf -s gives it.
mv "$scratch/w200.3" "$scratch/obj"
: >"$scratch/obj-all"
for i in 2 3 4; do screen "$i" "$scratch/obj" >>"$scratch/obj-all"; done
(cd "$scratch/byhand" && nm hello.o) >"$scratch/nm" || hard_error "nm hello.o failed"
(cd "$scratch/byhand" && readelf -sW hello.o) >"$scratch/syms" || hard_error "readelf -s failed"
[ -s "$scratch/nm" ] || hard_error "nm prints no symbol for hello.o"
awk '{ print $NF }' "$scratch/nm" | while IFS= read -r name; do
	row=$(awk -v n="$name" '$8 == n { print $5, $4, $3; exit }' "$scratch/syms")
	[ -n "$row" ] || hard_error "readelf -s has no $name, which nm prints"
	set -- $row
	re=$(printf '%s' "$name" | sed 's/[].[*^$\\]/\\&/g')
	grep -qE "  $re +$1 +$2 +[^ ]+ +$3( |$)" "$scratch/obj-all" ||
		fail "the object's facts lack '$name $1 $2 ... $3' (nm, readelf -s):
$(cat "$scratch/obj-all")"
done || exit 1
assert_has "$scratch/obj-all" "Relocations" "the object's facts"
# Each defined symbol's row names the line of the declaration that made it (libclang), the
# line gcc's own debug info gives it (DW_AT_decl_line of -g).
if "$LESSON" --json "$hello" 2>/dev/null | grep -q '"state": "ok"' &&
	(cd "$scratch/byhand" && gcc -g -c "$hello" -o hello-g.o); then
	(cd "$scratch/byhand" && readelf --debug-dump=info hello-g.o) | awk '
		/DW_TAG_/ { tag = $0; name = "" }
		/DW_AT_name/ { name = $NF }
		/DW_AT_decl_line/ && tag ~ /DW_TAG_(variable|subprogram)/ && name != "" {
			print name, $NF }' >"$scratch/decl"
	checked=0
	while read -r name dline; do
		grep -qE "^[0-9a-f]+ [TtDdBbRr] $name\$" "$scratch/nm" || continue
		grep -qE "  $name +.* line $dline: " "$scratch/obj-all" ||
			fail "the object's facts: $name's row does not say line $dline (DWARF):
$(grep -E "  $name " "$scratch/obj-all")"
		checked=$((checked + 1))
	done <"$scratch/decl"
	[ "$checked" -gt 0 ] || hard_error "no symbol of hello.o has a DW_AT_decl_line"
fi

# o goes to nm's view: nm's own output, line for line, under its command; O comes back.
mv "$scratch/w120.8" "$scratch/nmv"
screen 2 "$scratch/nmv" >"$scratch/nm1"
screen 3 "$scratch/nmv" >"$scratch/nm2"
assert_fits "$scratch/nm1" 120 40 "the nm view"
assert_has "$scratch/nm1" '$ nm hello.o' "the nm view's command"
assert_has "$scratch/nm1" '[nm]' "the nm view named as shown"
while IFS= read -r line; do
	assert_has "$scratch/nm1" "$line" "the nm view: a line nm prints"
done <"$scratch/nm"
assert_has "$scratch/nm2" '[facts]' "O back to the facts"

# objdump -dr's view: a relocation line as objdump prints it, under its instruction.
mv "$scratch/w200.4" "$scratch/od"
: >"$scratch/od-all"
for i in 4 5 6 7; do screen "$i" "$scratch/od" >>"$scratch/od-all"; done
assert_has "$scratch/od-all" '$ objdump -dr hello.o' "the objdump view's command"
(cd "$scratch/byhand" && objdump -dr hello.o) | expand >"$scratch/objdump" ||
	hard_error "objdump -dr hello.o failed"
for type in R_X86_64_PLT32 R_X86_64_PC32; do
	line=$(grep -E "^ +[0-9a-f]+: $type " "$scratch/objdump" | head -n 1 | sed 's/^ *//; s/ *$//')
	[ -n "$line" ] || continue
	assert_has "$scratch/od-all" "$line" "the objdump view: a relocation objdump -dr prints"
done
assert_fits "$scratch/od-all" 200 200 "the objdump view"

# The link stage. The dynamic program's printf comes from the library and version that the
# dynamic linker itself reports binding it to (LD_DEBUG=bindings).
bind=$(cd "$scratch/byhand" && LD_DEBUG=bindings LD_BIND_NOW=1 ./hello 2>&1 >/dev/null |
	grep "binding file ./hello .*symbol \`printf'" | head -n 1)
if [ -n "$bind" ]; then
	lib=$(basename "$(echo "$bind" | sed -n 's/.* to \([^ ]*\) \[.*/\1/p')")
	ver=$(echo "$bind" | sed -n "s/.*\`printf' \[\(.*\)\]\$/\1/p")
	want="printf $arrow $lib${ver:+ ($ver)}"
	mv "$scratch/w80.3" "$scratch/res"
	: >"$scratch/res-all"
	for i in 1 2 3; do screen "$i" "$scratch/res" >>"$scratch/res-all"; done
	assert_has "$scratch/res-all" "$want" "who resolves printf (LD_DEBUG=bindings)"
fi

# Each static link's archive members: as many as the "Archive member included" part of a map
# made by hand lists, in the table and in the members view; the members the learner's object
# needed are roots of the tree, each under the symbol it was taken for.
count_members() {
	awk '/^Archive member included/ { on = 1; next } on && /^[A-Z]/ { on = 0 } on' "$1" |
		grep -cE '^[^ (]+\([^)]+\)'
}
mkdir "$scratch/maps" || hard_error "mkdir failed"
cp "$h.o" "$scratch/maps/" || hard_error "cp failed"
(
	cd "$scratch/maps" || exit 1
	gcc -static hello.o -o static -Wl,-Map,static.map 2>/dev/null
	gcc -static-pie hello.o -o static-pie -Wl,-Map,static-pie.map 2>/dev/null
	if command -v musl-gcc >/dev/null 2>&1; then
		musl-gcc -static "$hello" -o musl -Wl,-Map,musl.map 2>/dev/null
	fi
	exit 0
) || hard_error "cannot enter $scratch/maps"
mv "$scratch/w120.9" "$scratch/mem"
screen 1 "$scratch/mem" >"$scratch/mem1"
view=2
for v in static static-pie musl; do
	map=$scratch/maps/$v.map
	if [ ! -f "$map" ]; then
		view=$((view + 1))
		continue
	fi
	n=$(count_members "$map")
	[ "$n" -gt 0 ] || hard_error "$v.map lists no archive member"
	grep -qE "^│$v +[0-9]+ +[0-9.]+x +$n " "$scratch/mem1" ||
		fail "the link table's $v row lacks $n members (its map by hand):
$(cat "$scratch/mem1")"
	screen "$view" "$scratch/mem" >"$scratch/memv"
	assert_has "$scratch/memv" "$n archive members" "the $v members view"
	assert_has "$scratch/memv" "[$v]" "the $v members view named as shown"
	view=$((view + 1))
done
if [ -f "$scratch/maps/static.map" ]; then
	mv "$scratch/w200.5" "$scratch/tree"
	: >"$scratch/tree-all"
	for i in $(seq 2 17); do screen "$i" "$scratch/tree" >>"$scratch/tree-all"; done
	# a member's line, then (on it or the next) the file that needed it and the symbol
	awk '/^Archive member included/ { on = 1; next }
	     on && /^[A-Z]/ { on = 0 }
	     !on || NF == 0 { next }
	     /^[^ ]/ { mem = $1; if (NF < 3) next; by = $2; sym = $3 }
	     /^ / { by = $1; sym = $2 }
	     by == "hello.o" { print mem, sym }' "$scratch/maps/static.map" >"$scratch/roots"
	[ -s "$scratch/roots" ] || hard_error "the map names no member taken for hello.o"
	while read -r mem sym; do
		sym=${sym#(}
		sym=${sym%)}
		label=$(basename "${mem%%(*}")"($(echo "$mem" | sed 's/.*(\(.*\))$/\1/'))"
		assert_has "$scratch/tree-all" "$label for $sym, needed by hello.o" \
			"the members tree: a member hello.o needed (the map by hand)"
	done <"$scratch/roots"
fi

# q ends the key script: no screen after it.
mv "$scratch/w80.4" "$scratch/quit"
[ "$(screen_count "$scratch/quit")" -eq 1 ] || fail "screens after q: $(screen_count "$scratch/quit")"

# Too small a screen says so and what it needs; growing it brings the walkthrough.
reap "$scratch/small" || fail "30x8 run exited $?"
screen 0 "$scratch/small" >"$scratch/s0"
screen 1 "$scratch/small" >"$scratch/s1"
assert_fits "$scratch/s0" 30 8 "30x8"
assert_has "$scratch/s0" "terminal too small" "30x8"
assert_has "$scratch/s0" "need 40x10, have 30x8" "30x8"
check_common "$scratch/s1" 1 80 24 "resized from 30x8 to 80x24"
reap "$scratch/min" || fail "40x10 run exited $?"
for i in 0 1 2 3 4 5 6; do
	screen "$i" "$scratch/min" >"$scratch/m"
	assert_fits "$scratch/m" 40 10 "40x10 screen $i"
	assert_lacks "$scratch/m" "too small" "40x10 screen $i"
done

# A file gcc rejects: the compile stage shows gcc's verdict, the later ones are not run.
gcc -E "$scratch/broken.c" -o "$scratch/broken.i" || hard_error "gcc -E broken.c failed"
gcc -S "$scratch/broken.i" -o "$scratch/broken.s" 2>/dev/null && hard_error "gcc accepted broken.c"
rc=$?
reap "$scratch/broken" || fail "broken.c run exited $?"
screen 1 "$scratch/broken" >"$scratch/b1"
screen 2 "$scratch/broken" >"$scratch/b2"
assert_has "$scratch/b1" "2 Compile $bad_mark" "broken.c: the stage bar"
assert_has "$scratch/b1" "gcc failed: exit $rc" "broken.c: how gcc ended"
assert_has "$scratch/b1" "error:" "broken.c: gcc's message"
assert_has "$scratch/b2" "not run: the compile stage failed" "broken.c: the link table"

# A lesson whose live blocks name another sample: the TUI walks that sample itself and fills
# the blocks; here the glibc-static lesson and nss.c's static-link warning, which gcc gives
# when asked by hand.
nss=$(abs_path "$top_srcdir/samples/nss.c")
warn=$(cd "$scratch" && gcc -c "$nss" -o nss.o && gcc -static nss.o -o nss-static 2>&1 |
	sed -n "s/.*warning: \(Using 'getpwnam'[^,]*\).*/\1/p" | head -n 1)
[ -n "$warn" ] || fail "gcc -static gave no getpwnam warning for nss.c"
reap "$scratch/live" || fail "live lesson run exited $?"
screen "$(($(screen_count "$scratch/live") - 1))" "$scratch/live" >"$scratch/live-last"
assert_has "$scratch/live-last" "On this machine, just now," "glibc-static: a filled live block"
assert_has "$scratch/live-last" "${warn%% in statically*}" "glibc-static: nss.c's static-link warning"
exit 0
