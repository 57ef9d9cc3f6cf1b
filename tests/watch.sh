#!/bin/sh
# watch.sh: lesson --watch in a real terminal (tmux at 120x40 on a private server). A copy of
# hello.c is saved while the walkthrough shows it, in place (the file rewritten) and as
# editors save (a new file renamed over the old one), and the screen must follow each save with the stage
# kept (and the view, and the .s view's scroll): the source pane shows the new text, the key
# line counts the .s lines that changed
# (as many as diff finds between the two .s made by hand with the same commands), and the
# .s view marks them (+ in its gutter); at Link, a size that moved is said with the size
# before (both as stat finds them by hand). A save that does not compile shows gcc's own
# error and the next good save recovers. q then leaves no process and no walk directory
# behind. Without a terminal --watch is a usage error. Then an exercise at 80x24: the wrong
# start says "not yet" with the fact, H gives the hints one at a time, the solution copied in
# is done and kept in the progress file; in the demo of an exercise, the card, H, and a save's
# verdict. Every wait is a bounded poll.
. "${top_srcdir:-.}/tests/lib.sh"

need_cmd tmux
need_lesson
need_cmd gcc
need_cmd diff
use_utf8_locale
scratch=$(make_scratch watch)
trap 'tmux_kill_all "$scratch"; rm -rf "$scratch"' EXIT
if [ "$(is_utf8)" = 1 ]; then ok_mark='✓'; fail_mark='✗'; else ok_mark='+'; fail_mark='x'; fi

# Without a terminal: a usage error, said in one line
out=$("$LESSON" --watch "$top_srcdir/samples/hello.c" </dev/null 2>&1)
rc=$?
[ "$rc" -eq 2 ] || fail "--watch without a terminal exited $rc, not 2: $out"
echo "$out" | grep -q -- "--watch needs a terminal" || fail "--watch without a terminal says: $out"

w=$scratch/w
mkdir "$w" "$scratch/tmp" "$scratch/byhand" || hard_error "mkdir failed"
cp "$top_srcdir/samples/hello.c" "$w/hello.c" || hard_error "cp failed"
src=$(abs_path "$w/hello.c")

# The .s of the file as it is now, made by hand with lesson's commands, into $1
s_by_hand() {
	(cd "$scratch/byhand" && gcc -E "$src" -o hello.i && gcc -S hello.i -o "$1") ||
		hard_error "gcc could not take the file to a .s by hand"
}
# Lines of the new .s that the old one lacks, as diff counts them
s_changed() {
	diff "$scratch/byhand/$1" "$scratch/byhand/$2" | grep -c '^>'
}
# Save the file in place, edited by sed expression $1: the same file rewritten, as an
# editor that writes over the file does (sed -i would write a new file and rename it)
edit_in_place() {
	sed "$1" "$w/hello.c" >"$scratch/edit" && cat "$scratch/edit" >"$w/hello.c" ||
		hard_error "cannot rewrite the file"
}
changed_words() {
	if [ "$1" -eq 1 ]; then echo "1 line of the .s changed"; else echo "$1 lines of the .s changed"; fi
}

printf '%s\n' "cd '$w' || exit 1" "TMPDIR='$scratch/tmp' '$LESSON' --watch hello.c" \
	'echo EXITED-$?' 'exec cat' >"$scratch/run"

T() {
	tmux -u -S "$srv" -f /dev/null "$@"
}
capture() {
	T capture-pane -p -t lesson
}
keyline() {
	capture | tail -n 1
}
see() {
	wait_for 600 "$1" capture || fail "'$1' never showed ($2):
$(capture)"
}
key() {
	T send-keys -t lesson "$@" || hard_error "tmux send-keys failed"
}

srv=$(tmux_socket "$scratch")
T new-session -d -s lesson -x 120 -y 40 "sh $scratch/run" || hard_error "tmux cannot start a session"
see "4 Link $ok_mark" "the first walk"
s_by_hand before.s
key 2
see "[2 Compile $ok_mark]" "the compile stage"

# 1. A save in place
edit_in_place 's/return 2 \* n;/return 3 * n;/'
s_by_hand after1.s
n=$(s_changed before.s after1.s)
[ "$n" -gt 0 ] || hard_error "the edit changed no line of the .s made by hand"
see "$(changed_words "$n")" "a save in place: the count of changed .s lines, as diff finds"
see "walked again" "the walk after the save ends"
see "return 3 * n;" "the source pane shows the file as saved"
see "[2 Compile $ok_mark]" "the stage is kept"
# the first changed line of the .s is marked in the gutter once the cursor goes there
first=$(diff "$scratch/byhand/before.s" "$scratch/byhand/after1.s" |
	sed -n 's/^[0-9,]*[ac]\([0-9]*\).*/\1/p' | head -n 1)
[ -n "$first" ] || hard_error "diff names no changed line"
key : $first Enter
wait_for 600 " $first+ " capture || fail "line $first of the .s is not marked + in the gutter:
$(capture)"

# where the output pane's view starts: its bottom border, the second one on that row
out_from() {
	capture | grep -o 'lines [0-9]*-[0-9]* of [0-9]*' | sed -n 2p | sed 's/-.*//'
}
from=$(out_from)
[ -n "$from" ] || hard_error "the output pane's border says no line range:
$(capture)"

# 2. An editor's save: a new file, renamed over the old one
sed 's/return 3 \* n;/return 3 * n + 7;/' "$w/hello.c" >"$w/.hello.c.new" || hard_error "sed failed"
mv "$w/.hello.c.new" "$w/hello.c" || hard_error "mv failed"
s_by_hand after2.s
n=$(s_changed after1.s after2.s)
see "return 3 * n + 7;" "a save by rename: the source pane shows it"
see "$(changed_words "$n")" "a save by rename: the count of changed .s lines"
see "[2 Compile $ok_mark]" "the stage is kept after a save by rename"
wait_for 600 "walked again" keyline || fail "the walk after the save by rename never ended"
[ "$(out_from)" = "$from" ] || fail "the .s view's scroll moved from '$from' to '$(out_from)' with the save:
$(capture)"
# another view of the stage stays through a save; a comment leaves the .s as it was
key o
see "[functions and calls]" "o shows the functions view"
printf '/* a comment */\n' >>"$w/hello.c"
see "the .s did not change" "a save that changes no line of the .s"
see "[functions and calls]" "the view is kept through a save"
key O

# 3. At Link, a size that moved: 5000 bytes more of .data
key 4
# the link lesson's question comes before the pane that answers it; P skips it and asks no
# more by themselves (tests/predict.sh answers them)
see "Predict, then look" "the link stage's question comes first"
key P
see "[4 Link $ok_mark]" "the link stage"
wait_for 600 "walked again" keyline || fail "the walk never ended"
(cd "$scratch/byhand" && gcc -c hello.i -o hello.o && gcc hello.o -o hello) ||
	hard_error "gcc could not link by hand"
was=$(stat -c %s "$scratch/byhand/hello")
printf 'char watch_big[5000] = { 1 };\nint watch_more(void) { return watch_big[1]; }\n' >>"$w/hello.c"
s_by_hand after3.s
(cd "$scratch/byhand" && gcc -c hello.i -o hello.o && gcc hello.o -o hello) ||
	hard_error "gcc could not link by hand"
now=$(stat -c %s "$scratch/byhand/hello")
[ "$now" -ne "$was" ] || hard_error "5000 bytes of data did not change the program's size"
see "The dynamic program is $now bytes (it was $was bytes before the save)." \
	"the link view says what the size was"
see "[4 Link $ok_mark]" "the link stage is kept"

# 4. A save that does not compile: gcc's error, as gcc prints it by hand
key 2
printf 'int watch_broken(void) { return watch_nosuch; }\n' >>"$w/hello.c"
msg=$(cd "$scratch/byhand" && gcc -S "$src" -o broken.s 2>&1)
[ -n "$msg" ] || hard_error "the broken file compiled by hand"
err=$(echo "$msg" | sed -n 's/.*error: //p' | head -n 1 | cut -c1-22)
see "it does not compile" "the key line says the save does not compile"
see "[2 Compile $fail_mark]" "the stage bar marks the compile failed"
see "$err" "gcc's own error"
# the next good save recovers
edit_in_place '/watch_broken/d'
see "[2 Compile $ok_mark]" "a good save after a broken one"
wait_gone 600 "it does not compile" keyline || fail "the key line still says it does not compile"
see "walked again" "the walk after the good save ends"

# 5. q: nothing left behind
key q
see "EXITED-0" "q ends lesson with status 0"
# the pane's shell became cat: it has no child left, and no process works in the walk
# directory or names the file
pane=$(T display -p -t lesson '#{pane_pid}')
left=$(ps -o pid=,args= --ppid "$pane")
[ -z "$left" ] || fail "processes left behind: $left"
for p in /proc/[0-9]*; do
	case $(readlink "$p/cwd" 2>/dev/null) in
	"$scratch/tmp"*) fail "process ${p#/proc/} left behind in the walk directory: $(tr '\0' ' ' <"$p/cmdline")" ;;
	esac
done
left=$(ps -eo args | grep -F -- "$src" | grep -v grep)
[ -z "$left" ] || fail "processes left behind: $left"
[ -z "$(ls -A "$scratch/tmp")" ] || fail "the walk directory is left behind: $(ls -A "$scratch/tmp")"

# 6. An exercise in the walkthrough (80x24): the wrong start is "not yet" with the fact the
# program shows when built and run by hand; H gives hint 1, then hint 2, as exercise.md has
# them; the solution copied in is done, and marked so in the progress file.
ex=$(cd "$top_srcdir/lessons/exercises/macro-parens" 2>/dev/null && pwd -P)
[ -n "$ex" ] && [ -f "$ex/exercise.md" ] || { echo "no exercise macro-parens: the exercise part is not run"; exit 0; }
state=$scratch/state
mkdir "$state" || hard_error "mkdir failed"
printf '%s\n' "cd '$scratch' || exit 1" \
	"env -u CSTAGES_NO_PROGRESS XDG_STATE_HOME='$state' TMPDIR='$scratch/tmp' '$LESSON' --exercise macro-parens --dir ex" \
	'echo EXITED-$?' 'exec cat' >"$scratch/run"
# what the starting program prints, by hand
(cd "$scratch/byhand" && gcc -std=c11 -o start "$ex/start/main.c" && ./start >start.out) ||
	hard_error "the starting program does not build or run by hand"
fact=$(head -n 1 "$scratch/byhand/start.out")
[ -n "$fact" ] || hard_error "the starting program prints nothing"
# the hints as exercise.md has them: the first words of each item under "## Hints"
hint() {
	awk '/^## Hints/ { h = 1; next } h && /^- / { if (++n == k) { sub(/^- /, ""); print; exit } }' \
		k="$1" "$ex/exercise.md" | tr -d '`' | cut -c1-24
}
hint1=$(hint 1)
hint2=$(hint 2)
[ -n "$hint1" ] && [ -n "$hint2" ] || hard_error "exercise.md has fewer than two hints"
srv=$(tmux_socket "$scratch")
T new-session -d -s lesson -x 80 -y 24 "sh $scratch/run" || hard_error "tmux cannot start a session"
see "Not yet" "the starting files do not reach the goal"
see "$fact" "the fact the program shows, as it prints by hand"
key H
see "Hint 1. $hint1" "H gives the first hint"
key H
see "Hint 2. $hint2" "a second H gives the second hint"
cp "$ex/solution/main.c" "$scratch/ex/main.c" || hard_error "cp failed"
see "Done: the goal holds." "the solution copied in reaches the goal"
grep -qx "exercise:macro-parens" "$state/cstages/progress" ||
	fail "the progress file does not mark the exercise done: $(cat "$state/cstages/progress")"
key q
see "EXITED-0" "q ends the exercise's walkthrough with status 0"
[ -z "$(ls -A "$scratch/tmp")" ] || fail "the walk directory is left behind: $(ls -A "$scratch/tmp")"
T kill-server 2>/dev/null

# 7. The demo of an exercise (80x24), as a teacher fixes it live: it opens on the exercise's
# card (its pane alone: the verdict and the goal); Space shows the exercise's stage; H brings
# the card back with the hint, Space returns to the stage; the teacher's save brings the card
# back with the new verdict.
printf '%s\n' "cd '$scratch' || exit 1" \
	"TMPDIR='$scratch/tmp' '$LESSON' --exercise macro-parens --demo --dir demo" \
	'echo EXITED-$?' 'exec cat' >"$scratch/run"
srv=$(tmux_socket "$scratch")
T new-session -d -s lesson -x 80 -y 24 "sh $scratch/run" || hard_error "tmux cannot start a session"
see "Exercise 1: macro-parens" "the demo opens on the exercise's card"
see "Not yet" "the card says the starting files do not reach the goal"
key Space
see "Preprocessed C: main.i" "Space leaves the card for the exercise's stage"
capture | grep -q "Exercise 1: macro-parens" && fail "the card is still shown after Space:
$(capture)"
key H
see "Hint 1. $hint1" "H in the demo shows the card with the first hint"
key Space
see "Preprocessed C: main.i" "Space goes back from the hint to the stage"
cp "$ex/solution/main.c" "$scratch/demo/main.c" || hard_error "cp failed"
see "Done: the goal holds." "the teacher's save brings the card back with the verdict"
key q
see "EXITED-0" "q ends the demo with status 0"
[ -z "$(ls -A "$scratch/tmp")" ] || fail "the walk directory is left behind: $(ls -A "$scratch/tmp")"
exit 0
