#!/bin/sh
# limits.sh: every child lesson starts runs under a memory and a CPU-time limit, and nothing it
# started outlives it, even when lesson itself is killed with SIGKILL (issue 17, items 1, 2).
# - A file that includes /dev/zero: cc1 grows until the memory limit stops it, and the report
#   says so in words (unless lesson is built with AddressSanitizer, which sets no memory
#   limit: then that case is skipped, saying so).
# - lesson --report killed with SIGKILL in the middle of walking a program that forks four busy
#   loops, and of a file that includes a FIFO (gcc, cc1 and the libclang child blocked on it):
#   afterwards no process runs in the walk directory, none of them is left with parent 1, and
#   the walk directory is still there; the next lesson removes it.
# - A running walk's directory is not taken for a dead one's, and a --keep directory named as
#   a walk directory is never removed.
# Waits poll a bounded number of times; nothing asserts on how long anything took.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd mkfifo
need_cmd pgrep
scratch=$(make_scratch limits)
pids=
trap 'for p in $pids; do kill -9 "$p" 2>/dev/null; done; rm -f "$scratch/limitsfifo.h"; rm -rf "$scratch"' EXIT
tmp=$scratch/tmp
mkdir "$tmp" || hard_error "mkdir failed"

# Print the processes (PID and command) that run in a directory under $tmp, or whose command
# line names $1 (lesson's own forks, its init processes, show lesson's command line).
leftovers() {
	find /proc -mindepth 2 -maxdepth 2 -name cwd -lname "$tmp/*" 2>/dev/null |
		while read -r c; do
			p=${c#/proc/}
			p=${p%/cwd}
			echo "$p $(cat "/proc/$p/comm" 2>/dev/null) (in the walk directory)"
		done
	[ -z "$1" ] || pgrep -a -f -- "$1" | grep -v "^$$ "
}

# Wait (a bounded number of polls) until leftovers $1 names a process called $2.
wait_for() {
	i=0
	while [ $i -lt 600 ]; do
		leftovers "$1" | grep -q "^[0-9]* $2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# Wait until nothing is left; fail saying what is.
none_left() {
	i=0
	while [ $i -lt 100 ]; do
		[ -z "$(leftovers "$1")" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "$2: still running after lesson was killed: $(leftovers "$1" | tr '\n' ';')"
}

# --- the memory limit ---------------------------------------------------------------------
if ldd "$LESSON" 2>/dev/null | grep -q libasan; then
	echo "limits.sh: lesson is built with AddressSanitizer, which sets no memory limit: the /dev/zero case is skipped"
else
	printf '#include "/dev/zero"\nint main(void) { return 0; }\n' >"$scratch/zero.c"
	TMPDIR=$tmp "$LESSON" --report "$scratch/zero.c" >"$scratch/zero.md" 2>"$scratch/zero.err" ||
		fail "zero.c: lesson exited $?: $(cat "$scratch/zero.err")"
	grep -q '^- Result: stopped by the memory limit (4 GiB): ' "$scratch/zero.md" ||
		fail "zero.c: the preprocess stage does not say the memory limit stopped it: $(grep -m1 'Result' "$scratch/zero.md")"
	TMPDIR=$tmp "$LESSON" --json "$scratch/zero.c" >"$scratch/zero.json" 2>"$scratch/zero.err" ||
		fail "zero.c: lesson --json exited $?: $(cat "$scratch/zero.err")"
	if command -v jq >/dev/null 2>&1; then
		limit=$(jq -r '[.. | objects | select(has("limit")) | .limit] | map(select(. != null)) | first' "$scratch/zero.json")
		[ "$limit" = memory ] || fail "zero.c: the JSON names no memory limit (limit: $limit)"
	fi
fi

# --- SIGKILL of lesson in the middle of a walk --------------------------------------------
# Only a PID namespace ends what the programs started when lesson is killed outright; where
# the kernel gives none (lesson then runs them without, stages/spawn.h), these cases are not
# tried, and the test says so.
if [ "${CSTAGES_SPAWN_MODE:-}" = plain ] ||
	! { unshare -r -p -f true || unshare -p -f true; } >/dev/null 2>&1; then
	echo "limits.sh: no PID namespace (this machine gives none, or CSTAGES_SPAWN_MODE=plain): the SIGKILL cases are not tried"
	nons=1
else
	nons=
fi
if [ -z "$nons" ]; then
cat >"$scratch/limitsbusy.c" <<'EOF'
#include <unistd.h>
int main(void)
{
	for (int i = 0; i < 4; i++)
		if (fork() == 0)
			for (;;)
				;
	pause();
	return 0;
}
EOF
TMPDIR=$tmp "$LESSON" --report "$scratch/limitsbusy.c" >/dev/null 2>&1 &
lesson=$!
pids="$pids $lesson"
wait_for limitsbusy limitsbusy || fail "limitsbusy.c: the program never ran"
kill -9 "$lesson"
wait "$lesson" 2>/dev/null
none_left limitsbusy limitsbusy.c
stale=$(ls -d "$tmp"/cstages.* 2>/dev/null)
[ -n "$stale" ] || fail "limitsbusy.c: lesson killed with SIGKILL left no walk directory (the test saw nothing to sweep)"

mkfifo "$scratch/limitsfifo.h" || hard_error "mkfifo failed"
printf '#include "limitsfifo.h"\nint main(void) { return 0; }\n' >"$scratch/limitsfifo.c"
TMPDIR=$tmp "$LESSON" --report "$scratch/limitsfifo.c" >/dev/null 2>&1 &
lesson=$!
pids="$pids $lesson"
wait_for limitsfifo cc1 || fail "limitsfifo.c: cc1 never started"
kill -9 "$lesson"
wait "$lesson" 2>/dev/null
none_left limitsfifo limitsfifo.c
fi

# --- the next lesson removes the dead walks' directories, and no other --------------------
# a walk that is running: its directory must stay
cat >"$scratch/limitsslow.c" <<'EOF'
#include <stdio.h>
#include <unistd.h>
int main(void)
{
	sleep(2);
	puts("slept");
	return 0;
}
EOF
mkdir "$scratch/keep" || hard_error "mkdir failed"
TMPDIR=$tmp "$LESSON" --keep "$tmp/cstages.keep01" --report "$scratch/limitsslow.c" \
	>/dev/null 2>&1 || fail "lesson --keep exited $?"
[ -d "$tmp/cstages.keep01" ] || fail "--keep made no directory"
TMPDIR=$tmp "$LESSON" --report "$scratch/limitsslow.c" >"$scratch/slow.md" 2>&1 &
running=$!
pids="$pids $running"
wait_for limitsslow limitsslow || fail "limitsslow.c: the program never ran"
# (the dead walks' directories went when this one started)
live=$(ls -d "$tmp"/cstages.* | grep -v 'cstages\.keep01$')
[ -n "$live" ] || fail "limitsslow.c: no walk directory while it runs"
printf 'int main(void) { return 0; }\n' >"$scratch/plain.c"
TMPDIR=$tmp "$LESSON" --report "$scratch/plain.c" >/dev/null 2>&1 || fail "plain.c: lesson exited $?"
for d in ${stale:-}; do
	[ -e "$d" ] && fail "the directory $d of a walk killed with SIGKILL is still there after the next walk"
done
[ -d "$tmp/cstages.keep01" ] || fail "the next walk removed a --keep directory"
[ -z "$live" ] || [ -d "$live" ] || fail "the next walk removed $live, the directory of a walk still running"
wait "$running" || fail "limitsslow.c: the running walk exited $? after another walk started beside it"
grep -q 'slept' "$scratch/slow.md" || fail "limitsslow.c: the running walk's report lost its program's output"
rm -rf "$tmp/cstages.keep01"
left=$(ls -A "$tmp")
[ -z "$left" ] || fail "left in TMPDIR: $left"
exit 0
