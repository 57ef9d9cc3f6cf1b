#!/bin/sh
# predict.sh: the lessons' questions, "predict, then look". The report's teacher's copy gives
# each answer at the end, and the right choice is the one the tools pick out when run by hand
# (ls -S on the four programs, nm's U lines, ldd's first line, ld's --trace of the archive
# members); --no-answers leaves the answers out; the lesson read without a walk shows each
# question with the commands that answer it; in the walkthrough a question answered shows the
# verdict, right or not, with the pane that answers it.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd ldd
use_utf8_locale
scratch=$(make_scratch predict)
trap 'rm -rf "$scratch"' EXIT
hello=$(abs_path "${top_srcdir:-.}/samples/hello.c")

# --- the oracles: the programs built by hand ---------------------------------------------
mkdir "$scratch/byhand"
build_by_hand "$scratch/byhand" "$hello"
b=$scratch/byhand
[ -f "$b/hello" ] && [ -f "$b/hello-static" ] || hard_error "the builds by hand failed"
biggest=$(cd "$b" && ls -S hello hello-static hello-static-pie $(ls hello-musl 2>/dev/null) |
	head -n 1)
case $biggest in
hello) biggest=dynamic ;;
*) biggest=${biggest#hello-} ;;
esac
members=$(cd "$b" && gcc -static hello.o -o traced -Wl,--trace,--trace 2>&1 | grep -c '^(.*\.a)')
[ "$members" -gt 0 ] || hard_error "ld --trace listed no archive member"
undefined=$(nm "$b/hello.o" | awk '$1 == "U" { print $2 }')
ldd_first=$(ldd "$b/hello" | awk 'NR == 1 { print $1 }')
[ -n "$ldd_first" ] || hard_error "ldd listed nothing"

# The choice a report gives for the question whose text starts with $2, in report $1: its
# number, then the choice's text from the answers at the end.
question_number() {
	sed -n "s/^\*\*Question \([0-9]*\)\.\*\* $2.*/\1/p" "$1" | head -n 1
}
answer_of() {
	sed -n "s/^$2\. \*\*[a-d]) \`\([^\`]*\)\`\.\*\*.*/\1/p" "$1"
}
# The choices of question $2 of report $1, one a line.
choices_of() {
	awk -v n="$2" '
		/^\*\*Question [0-9]+\.\*\*/ { on = ($2 == n ".**"); next }
		on && /^- [a-d]\) `/ { s = $0; sub(/^- [a-d]\) `/, "", s); sub(/`$/, "", s); print s; got = 1; next }
		on && got { exit }' "$1"
}

# --- the report: questions in place, the teacher's copy at the end ---------------------------
"$LESSON" --report "$hello" >"$scratch/r.md" 2>"$scratch/r.err" || fail "--report exited $?: $(cat "$scratch/r.err")"
r=$scratch/r.md
grep -q '^## Answers to the questions' "$r" || fail "the report has no answers section"
nq=$(grep -c '^\*\*Question [0-9]*\.\*\*' "$r")
na=$(grep -c '^[0-9]*\. \*\*[a-d]) `' "$r")
[ "$nq" -ge 3 ] || fail "the report asks $nq questions"
[ "$na" -eq "$nq" ] || fail "$nq questions, $na answers"
# the questions come where their lesson is: the assemble lesson's in section 3
awk '/^## 3\. /{ s = 3 } /^## 4\. /{ s = 4 } /^\*\*Question/ && s == 3 { ok = 1 } END { exit !ok }' "$r" ||
	fail "no question in the assemble section"

n=$(question_number "$r" "The walkthrough links the program four ways")
[ -n "$n" ] || fail "the link lesson's question on sizes is not in the report"
got=$(answer_of "$r" "$n")
[ "$got" = "$biggest" ] || fail "the report says $got is biggest, ls -S says $biggest"
grep "^$n\. " "$r" | grep -qF "$(stat -c %s "$b/hello-$biggest" 2>/dev/null || stat -c %s "$b/hello")" ||
	fail "the answer lacks the biggest program's size as stat gives it: $(grep "^$n\. " "$r")"

n=$(question_number "$r" "How many archive members")
[ -n "$n" ] || fail "the link lesson's question on members is not in the report"
got=$(answer_of "$r" "$n")
want=$(choices_of "$r" "$n" | while read -r c; do
	lo=${c%%[-+]*} hi=${c#*-}
	case $c in
	*+) [ "$members" -ge "$lo" ] && echo "$c" ;;
	*-*) [ "$members" -ge "$lo" ] && [ "$members" -le "$hi" ] && echo "$c" ;;
	*) [ "$members" -eq "$c" ] && echo "$c" ;;
	esac
done)
[ "$got" = "$want" ] || fail "the report's range is '$got', ld --trace took $members members ('$want')"
grep "^$n\. " "$r" | grep -q "$members archive members" || fail "the answer lacks the count $members"

n=$(question_number "$r" "hello.c defines greet")
[ -n "$n" ] || fail "the assemble lesson's question is not in the report"
got=$(answer_of "$r" "$n")
want=$(choices_of "$r" "$n" | while read -r c; do
	echo "$undefined" | grep -qx -- "$c" && echo "$c"
done)
[ "$(echo "$want" | wc -l)" -eq 1 ] || fail "nm marks these choices U: $want"
[ "$got" = "$want" ] || fail "the report says $got stays undefined, nm says $want"

# --- the students' copy ------------------------------------------------------------------
"$LESSON" --report --no-answers "$hello" >"$scratch/s.md" 2>/dev/null || fail "--no-answers exited $?"
grep -q '^## Answers to the questions' "$scratch/s.md" && fail "the students' copy has the answers"
grep -qF "The answer, computed from the walk" "$scratch/s.md" && fail "the students' copy says where the answers are"
[ "$(grep -c '^\*\*Question [0-9]*\.\*\*' "$scratch/s.md")" -eq "$nq" ] ||
	fail "the students' copy does not ask the same questions"

# --- a topic, walked: ldd's first line ------------------------------------------------------
"$LESSON" --report --topic dynamic-linking >"$scratch/t.md" 2>/dev/null || fail "--report --topic exited $?"
n=$(question_number "$scratch/t.md" "hello needs libc.so.6")
[ -n "$n" ] || fail "the dynamic-linking lesson's question is not in its report"
got=$(answer_of "$scratch/t.md" "$n")
[ "${got##*/}" = "${ldd_first##*/}" ] || fail "the report says ldd lists $got first, ldd says $ldd_first"
"$LESSON" --report --no-answers --topic dynamic-linking >"$scratch/t2.md" 2>/dev/null ||
	fail "--report --no-answers --topic exited $?"
grep -q '^## Answers' "$scratch/t2.md" && fail "the topic's students' copy has the answers"
grep -q '^\*\*Question 1\.\*\*' "$scratch/t2.md" || fail "the topic's students' copy lacks the question"

# --- usage: --no-answers goes with --report -----------------------------------------------
for args in "--no-answers $hello" "--stage link --no-answers" "--topic musl --no-answers"; do
	# shellcheck disable=SC2086
	"$LESSON" $args >/dev/null 2>"$scratch/u.err"
	st=$?
	[ "$st" -eq 2 ] || fail "lesson $args exited $st, not 2"
	[ "$(wc -l <"$scratch/u.err")" -le 2 ] && grep -q -- "--no-answers goes with --report" "$scratch/u.err" ||
		fail "lesson $args: $(cat "$scratch/u.err")"
done

# --- the lesson without a walk: the question and the commands that answer it ---------------
"$LESSON" --stage link >"$scratch/l.txt" 2>&1 || fail "--stage link exited $?"
grep -q "The walkthrough links the program four ways" "$scratch/l.txt" || fail "--stage link lacks its question"
grep -q "c) static-pie" "$scratch/l.txt" || fail "--stage link lacks the choices"
grep -q "Predict first; then, to see the answer on your machine, run:" "$scratch/l.txt" ||
	fail "--stage link lacks the commands' caption"
grep -q "ls -l hello hello-static hello-static-pie hello-musl" "$scratch/l.txt" ||
	fail "--stage link lacks the command that shows the sizes"
grep -qF -- "-Wl,-Map,hello.map" "$scratch/l.txt" || fail "--stage link lacks the command that shows the members"
grep -q '```question\|^look:' "$scratch/l.txt" && fail "--stage link shows a question block raw"
"$LESSON" --stage assemble >"$scratch/a.txt" 2>&1 || fail "--stage assemble exited $?"
grep -q "^ *nm hello.o$" "$scratch/a.txt" || fail "--stage assemble lacks nm for its question"
# the commands, run, answer it as the walk does
(cd "$scratch" && gcc -c "$hello" -o hello.o && nm hello.o) >"$scratch/nm.txt" ||
	hard_error "the commands of --stage assemble failed"
grep -q "U $(answer_of "$r" "$(question_number "$r" "hello.c defines greet")")\$" "$scratch/nm.txt" ||
	fail "nm, run as the lesson says, does not show the report's answer"

# --- the walkthrough: P asks, a key answers, the verdict comes with the pane -------------------
letter_of() { # the letter of choice $2 among the choices listed in $1 (one a line)
	awk -v c="$2" '$0 == c { printf("%c\n", 96 + NR); exit }' "$1"
}
n=$(question_number "$r" "The walkthrough links the program four ways")
choices_of "$r" "$n" >"$scratch/choices"
right=$(letter_of "$scratch/choices" "$biggest")
wrong=$(awk -v c="$biggest" '$0 != c { printf("%c\n", 96 + NR); exit }' "$scratch/choices")
[ -n "$right" ] && [ -n "$wrong" ] || hard_error "no letters for the choices: $(cat "$scratch/choices")"
for size in 80x24 200x50; do
	w=${size%x*} h=${size#*x}
	"$LESSON" --headless "$size" --keys "4 P $right <Reset> 4 P $wrong <Reset> 4 P <Esc>" "$hello" \
		>"$scratch/tui" 2>"$scratch/tui.err" || fail "$size: the walkthrough exited $?: $(cat "$scratch/tui.err")"
	# headless screens start with the questions off: 4 shows the links at once
	screen 1 "$scratch/tui" >"$scratch/s1"
	assert_lacks "$scratch/s1" "Predict, then look" "$size: headless, no question comes by itself"
	screen 2 "$scratch/tui" >"$scratch/s2"
	assert_has "$scratch/s2" "Predict, then look" "$size: P asks the link stage's question"
	assert_has "$scratch/s2" "a) dynamic" "$size: the question's choices"
	assert_has "$scratch/s2" "Esc skip" "$size: the key line in a question"
	assert_lacks "$scratch/s2" '$ gcc hello.o -o hello' "$size: the pane that answers it is not shown yet"
	assert_fits "$scratch/s2" "$w" "$h" "$size: the question"
	screen 3 "$scratch/tui" >"$scratch/s3"
	assert_has "$scratch/s3" "You answered $right) $biggest: right." "$size: the right answer"
	assert_has "$scratch/s3" "$(stat -c %s "$b/hello-$biggest" 2>/dev/null || stat -c %s "$b/hello")" \
		"$size: the verdict's fact, the biggest program's size"
	assert_has "$scratch/s3" '$ gcc hello.o -o hello' "$size: the links show with the verdict"
	assert_fits "$scratch/s3" "$w" "$h" "$size: the verdict"
	screen 7 "$scratch/tui" >"$scratch/s7"
	assert_has "$scratch/s7" "not right. The answer is $right) $biggest" "$size: a wrong answer"
	screen 11 "$scratch/tui" >"$scratch/s11"
	assert_has "$scratch/s11" "You skipped it. The answer is $right) $biggest" "$size: Esc skips"
done

# P turns the questions on: then each comes by itself before its pane is first shown, the
# link stage's when 4 shows it, the static link's members' when o shows them
n=$(question_number "$r" "How many archive members")
choices_of "$r" "$n" >"$scratch/choices"
mright=$(letter_of "$scratch/choices" "$(answer_of "$r" "$n")")
"$LESSON" --headless 100x30 --keys "P 4 $right o $mright o" "$hello" >"$scratch/tui" 2>/dev/null ||
	fail "the walkthrough exited $?"
screen 2 "$scratch/tui" >"$scratch/s2"
assert_has "$scratch/s2" "Predict, then look" "once P turned them on, 4 asks the link stage's question"
screen 3 "$scratch/tui" >"$scratch/s3"
assert_has "$scratch/s3" "You answered $right) $biggest: right." "the link stage's question answered"
screen 4 "$scratch/tui" >"$scratch/s4"
assert_has "$scratch/s4" "How many archive members" "o asks the members' question before the members"
assert_lacks "$scratch/s4" "You answered" "the verdict stays with its pane"
screen 5 "$scratch/tui" >"$scratch/s5"
assert_has "$scratch/s5" ": right." "the members' question answered"
assert_has "$scratch/s5" "$members archive members" "the verdict gives ld --trace's count"
assert_has "$scratch/s5" "[static]" "the members' view shows with its verdict"
screen 6 "$scratch/tui" >"$scratch/s6"
assert_lacks "$scratch/s6" "Predict, then look" "a question is asked once"
assert_lacks "$scratch/s6" "You answered" "the verdict goes when its pane does"

# By itself, a question comes only when the pane shown answers it: walking libm.c, nm's view
# asks the libraries lesson's question on libm.c, not the assemble lesson's on hello.c
libm=$(abs_path "${top_srcdir:-.}/samples/libm.c")
"$LESSON" --headless 100x30 --keys "P 3 o" "$libm" >"$scratch/tui" 2>/dev/null ||
	fail "the walkthrough of libm.c exited $?"
screen 3 "$scratch/tui" >"$scratch/s3"
assert_has "$scratch/s3" "libm.c defines main" "nm of libm.o asks the question on libm.c"
assert_lacks "$scratch/s3" "hello.c defines greet" "no question on another sample comes by itself"

# P at Assemble asks its question, whose answer is nm's view: the verdict comes with nm
n=$(question_number "$r" "hello.c defines greet")
choices_of "$r" "$n" >"$scratch/choices"
right=$(letter_of "$scratch/choices" "$(answer_of "$r" "$n")")
"$LESSON" --headless 100x30 --keys "3 P $right" "$hello" >"$scratch/tui" 2>/dev/null ||
	fail "the walkthrough exited $?"
screen 3 "$scratch/tui" >"$scratch/s3"
assert_has "$scratch/s3" '$ nm hello.o' "the assemble question's answer shows with nm"
assert_has "$scratch/s3" ": right." "the assemble question answered right"
exit 0
