#!/bin/bash
# exercises.sh: every exercise in lessons/exercises/, proved on the real toolchain through
# lesson's own command line. For each: its starting files, set up by lesson in a fresh DIR,
# are "not yet" (exit 3, one line); its reference solution (lesson --solution, applied with
# patch -p1) is "done" (exit 0); its wrong fix (wrong/ laid over the starting files) is "not
# yet" with a line holding every word of its front block's "wrong:". Two exercises are
# checked at a time. Then the command line around them: --exercises lists every one, an
# unknown name is a usage error that lists the real ones, a DIR that exists is never written
# into, a bad build file is exit 1 naming its line, a source that does not compile is "not
# yet" with gcc's error.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd patch
need_cmd diff
src=${top_srcdir:-.}
exdir=$src/lessons/exercises
[ -d "$exdir" ] || fail "no $exdir"
scratch=$(make_scratch exercises)
trap 'rm -rf "$scratch"' EXIT
export LC_ALL=C
unset LANGUAGE

names=()
for d in "$exdir"/*/; do
	[ -f "$d/exercise.md" ] || continue
	names+=("$(basename "$d")")
done
[ "${#names[@]}" -gt 0 ] || fail "no exercise in $exdir"

# One exercise, proved; what went wrong goes to stderr, "SKIP NAME: why" to stdout when a
# tool the solution needs is missing here. Exit 0 when it holds (or is skipped).
prove() {
	local name=$1 w=$scratch/$1 rc out words
	mkdir -p "$w"
	# the hints: at least one item under "## Hints"
	sed -n '/^## Hints/,/^## /p' "$exdir/$name/exercise.md" | grep -Eq '^([-*]|[0-9]+[.)]) ' || {
		echo "$name: exercise.md has no hint under ## Hints" >&2
		return 1
	}
	# the starting files: lesson makes DIR, and they do not reach the goal
	out=$("$LESSON" --exercise "$name" --check --dir "$w/start" 2>"$w/start.err")
	rc=$?
	if [ "$rc" -ne 3 ]; then
		echo "$name: the starting files gave exit $rc, not 3: $out $(cat "$w/start.err")" >&2
		return 1
	fi
	if [ "$(printf '%s\n' "$out" | wc -l)" -ne 1 ] || [[ "$out" != "$name: not yet: "* ]]; then
		echo "$name: the starting files' check is not one 'not yet' line: $out" >&2
		return 1
	fi
	grep -q "set up in $w/start" "$w/start.err" || {
		echo "$name: lesson did not say where it set the exercise up: $(cat "$w/start.err")" >&2
		return 1
	}
	diff -r "$exdir/$name/start" "$w/start" >/dev/null || {
		echo "$name: DIR does not hold exactly the starting files" >&2
		return 1
	}
	# the reference solution, as a teacher applies it
	cp -R "$w/start" "$w/solved"
	"$LESSON" --exercise "$name" --solution >"$w/solution.diff" || {
		echo "$name: --solution exited $?" >&2
		return 1
	}
	[ -s "$w/solution.diff" ] || { echo "$name: --solution printed nothing" >&2; return 1; }
	(cd "$w/solved" && patch -p1 --quiet <"$w/solution.diff") || {
		echo "$name: patch -p1 does not apply --solution's diff" >&2
		return 1
	}
	for f in "$exdir/$name/solution"/*; do
		cmp -s "$f" "$w/solved/$(basename "$f")" || {
			echo "$name: the patched $(basename "$f") is not solution/'s" >&2
			return 1
		}
	done
	out=$("$LESSON" --exercise "$name" --check --dir "$w/solved" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] && [[ "$out" == *"is not installed"* ]]; then
		echo "SKIP $name: $out"
		return 0
	fi
	if [ "$rc" -ne 0 ] || [[ "$out" != "$name: done: "* ]]; then
		echo "$name: the solution gave exit $rc, not 0: $out" >&2
		return 1
	fi
	# the wrong fix: not yet, saying what its "wrong:" words say
	[ -d "$exdir/$name/wrong" ] || { echo "$name: no wrong/ fix" >&2; return 1; }
	words=$(sed -n '/^---$/,/^---$/s/^wrong:[[:space:]]*//p' "$exdir/$name/exercise.md")
	[ -n "$words" ] || { echo "$name: exercise.md has no wrong: words" >&2; return 1; }
	cp -R "$w/start" "$w/wrong"
	cp "$exdir/$name/wrong"/* "$w/wrong/"
	out=$("$LESSON" --exercise "$name" --check --dir "$w/wrong" 2>&1)
	rc=$?
	if [ "$rc" -ne 3 ]; then
		echo "$name: the wrong fix gave exit $rc, not 3: $out" >&2
		return 1
	fi
	set -f # a word is matched as written, never as a pattern of file names
	for word in $words; do
		case $out in
		*"$word"*) ;;
		*)
			echo "$name: the wrong fix's line lacks '$word': $out" >&2
			return 1
			;;
		esac
	done
	return 0
}

# two at a time
failed=0
i=0
while [ "$i" -lt "${#names[@]}" ]; do
	a=${names[$i]}
	b=${names[$((i + 1))]:-}
	prove "$a" >"$scratch/$a.out" 2>"$scratch/$a.fail" &
	pa=$!
	if [ -n "$b" ]; then
		prove "$b" >"$scratch/$b.out" 2>"$scratch/$b.fail" &
		pb=$!
	fi
	wait "$pa" || failed=1
	if [ -n "$b" ]; then
		wait "$pb" || failed=1
	fi
	i=$((i + 2))
done
for n in "${names[@]}"; do
	cat "$scratch/$n.out"
	cat "$scratch/$n.fail" >&2
done
[ "$failed" -eq 0 ] || fail "an exercise does not hold (above)"
echo "proved ${#names[@]} exercises"

# --exercises: every exercise, with its number, under its stage's heading
list=$("$LESSON" --exercises) || fail "--exercises exited $?"
for n in "${names[@]}"; do
	echo "$list" | grep -Eq "^ +[0-9]+ $n " || fail "--exercises does not list $n: $list"
done
rows=$(echo "$list" | grep -Ec '^ +[0-9]+ [a-z0-9-]+ ')
[ "$rows" -eq "${#names[@]}" ] || fail "--exercises lists $rows rows for ${#names[@]} exercises"
for n in "${names[@]}"; do
	stage=$(sed -n '/^---$/,/^---$/s/^stage:[[:space:]]*\([a-z]*\).*/\1/p' "$exdir/$n/exercise.md")
	title=$(echo "${stage:0:1}" | tr a-z A-Z)${stage:1}
	echo "$list" | grep -qx "$title" || fail "--exercises has no heading $title for $n"
done
# N names the same exercise as its name
first=${names[0]}
num=$(echo "$list" | sed -n "s/^ *\([0-9]*\) $first .*/\1/p")
"$LESSON" --exercise "$num" --solution >"$scratch/by-number.diff" || fail "--exercise $num failed"
"$LESSON" --exercise "$first" --solution | cmp -s - "$scratch/by-number.diff" ||
	fail "--exercise $num is not $first"

# done is kept in the progress file, and --exercises marks it
state=$scratch/state
(
	unset CSTAGES_NO_PROGRESS
	export XDG_STATE_HOME=$state
	"$LESSON" --exercise "$first" --check --dir "$scratch/$first/solved" >/dev/null ||
		fail "the solution of $first is not done in the progress test"
	grep -qx "exercise:$first" "$state/cstages/progress" ||
		fail "the progress file does not keep exercise:$first"
	marked=$("$LESSON" --exercises | grep -E "^ +[0-9]+ $first +\+ ")
	[ -n "$marked" ] || fail "--exercises does not mark $first as done"
	others=$("$LESSON" --exercises | grep -Ec '^ +[0-9]+ [a-z0-9-]+ +\+ ')
	[ "$others" -eq 1 ] || fail "--exercises marks $others exercises done, not 1"
) || exit 1

# the walkthrough on an exercise (headless): DIR set up, its first source shown, the build
# file's compile flags in the command of the preprocess stage
use_utf8_locale
for size in 80x24 200x50; do
	"$LESSON" --exercise "$first" --dir "$scratch/tui-$size" --headless "$size" --keys q \
		>"$scratch/tui-$size.txt" 2>"$scratch/tui-$size.err" || fail "the walkthrough at $size exited $?"
	grep -q "set up in $scratch/tui-$size" "$scratch/tui-$size.err" || fail "the walkthrough did not set DIR up"
	main=$(sed -n 's/^sources:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$scratch/tui-$size/build" | head -n 1)
	grep -q "Source: ${main:-main.c}" "$scratch/tui-$size.txt" || fail "the walkthrough at $size does not show ${main:-main.c}"
done
cflags=$(sed -n 's/^cflags:\([^#]*\).*/\1/p' "$scratch/tui-200x50/build")
set -f
for flag in $cflags; do
	grep -- "gcc -E " "$scratch/tui-200x50.txt" | grep -qF -- "$flag" ||
		fail "the command shown lacks $flag"
done
set +f
export LC_ALL=C

# an unknown exercise: a usage error that lists the real names
"$LESSON" --exercise no-such-exercise --check --dir "$scratch/x" 2>"$scratch/unknown.err"
rc=$?
[ "$rc" -eq 2 ] || fail "an unknown exercise exited $rc, not 2"
for n in "${names[@]}"; do
	grep -qw -- "$n" "$scratch/unknown.err" || fail "the unknown exercise's message lacks $n"
done
[ ! -e "$scratch/x" ] || fail "an unknown exercise made its DIR"
"$LESSON" --check >/dev/null 2>&1
[ $? -eq 2 ] || fail "--check without --exercise is not a usage error"
"$LESSON" --exercise "$first" "$src/samples/hello.c" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--exercise with a FILE is not a usage error"

# a DIR that exists is never written into: with other files, refused (exit 1) untouched; with
# the learner's own edits, checked untouched
mkdir "$scratch/mine"
echo "my notes" >"$scratch/mine/notes.txt"
snap() { (cd "$1" && stat -c "%n %y %s" . && ls -lA --time-style=full-iso . && cksum -- *); }
before=$(snap "$scratch/mine")
"$LESSON" --exercise "$first" --check --dir "$scratch/mine" >/dev/null 2>"$scratch/mine.err"
rc=$?
[ "$rc" -eq 1 ] || fail "a DIR without the starting files gave exit $rc, not 1"
grep -q "$scratch/mine" "$scratch/mine.err" || fail "the refusal does not name DIR"
[ "$before" = "$(snap "$scratch/mine")" ] || fail "lesson wrote into a DIR that existed"
"$LESSON" --exercise "$first" --check --dir "$scratch/edited" >/dev/null 2>&1
echo "/* the learner's edit */" >>"$scratch/edited/main.c"
before=$(snap "$scratch/edited")
"$LESSON" --exercise "$first" --check --dir "$scratch/edited" >/dev/null 2>"$scratch/edited.err"
[ "$before" = "$(snap "$scratch/edited")" ] || fail "lesson wrote into the learner's DIR"
if grep -q "set up in" "$scratch/edited.err"; then fail "lesson set up a DIR that existed"; fi

# a bad build file: exit 1, naming the file and the line
echo "linkk: -lm" >>"$scratch/edited/build"
line=$(wc -l <"$scratch/edited/build")
"$LESSON" --exercise "$first" --check --dir "$scratch/edited" >/dev/null 2>"$scratch/bad.err"
rc=$?
[ "$rc" -eq 1 ] || fail "a bad build file gave exit $rc, not 1"
grep -q "build:$line:" "$scratch/bad.err" || fail "the bad build file's line is not named: $(cat "$scratch/bad.err")"

# a source that does not compile: not yet, with gcc's first error
"$LESSON" --exercise "$first" --check --dir "$scratch/broken" >/dev/null 2>&1
printf 'int broken(void) { return }\n' >>"$scratch/broken/main.c"
out=$("$LESSON" --exercise "$first" --check --dir "$scratch/broken" 2>&1)
rc=$?
[ "$rc" -eq 3 ] || fail "a source that does not compile gave exit $rc, not 3: $out"
case $out in
*"error:"*) ;;
*) fail "the check of a broken source does not say gcc's error: $out" ;;
esac
exit 0
