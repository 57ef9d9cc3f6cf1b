#!/bin/sh
# valgrind.sh: lesson under Valgrind's memcheck, on the paths a learner takes: the quick
# lookup (--stage link), the report of a walk (--report), a scripted walkthrough (headless,
# stepping through every stage), the lesson list, a walk that fails to compile and a file
# that is refused. Any invalid read or write, use of an uninitialised value, bad free, or
# definitely lost block fails the test. Only lesson itself is checked (--trace-children=no):
# the toolchain it runs is not ours.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
command -v valgrind >/dev/null 2>&1 || skip "valgrind not installed (apt-get install valgrind)"
if ldd "$LESSON" 2>/dev/null | grep -q 'libasan'; then
	skip "lesson is built with AddressSanitizer (--enable-sanitizers), which valgrind cannot run"
fi
scratch=$(make_scratch valgrind)
trap 'rm -rf "$scratch"' EXIT
hello=$(abs_path "$top_srcdir/samples/hello.c")
printf 'int main(void)\n{\n\treturn 0\n}\n' >"$scratch/broken.c"
gcc "$hello" -o "$scratch/hello" 2>/dev/null || hard_error "gcc cannot link hello.c"

# Start lesson under memcheck with arguments "$@", in the background, in a directory of its
# own (its TMPDIR, log, output); $want is the exit status lesson should have. The runs are
# independent, so they run side by side; verdict checks each once all have ended.
n=0
check() {
	n=$((n + 1))
	d=$scratch/run-$n
	mkdir "$d" "$d/tmp" || hard_error "mkdir failed"
	printf '%s\n' "$want" >"$d/want"
	printf '%s ' "$@" >"$d/args"
	# The init each child starts under (stages/spawn.h) is a fork that never execs: its exit
	# would run a leak check of its own, which sees the other threads' blocks as lost.
	(
		TMPDIR=$d/tmp valgrind --quiet --error-exitcode=99 --leak-check=full \
			--suppressions="$top_srcdir/tests/valgrind.supp" \
			--show-leak-kinds=definite --errors-for-leak-kinds=definite --track-origins=yes \
			--trace-children=no --child-silent-after-fork=yes \
			--log-file="$d/vg.log" "$LESSON" "$@" >"$d/out" 2>"$d/err" </dev/null
		echo $? >"$d/rc"
	) &
}

# Check run N: no memcheck error, the exit status wanted, nothing left in its TMPDIR.
verdict() {
	d=$scratch/run-$1
	log=$d/vg.log
	rc=$(cat "$d/rc") want=$(cat "$d/want") args=$(cat "$d/args")
	args=${args% }
	# Valgrind 3.19 does not know pidfd_open (434); proc.c then polls, so its warning is noise.
	grep -v -e 'unhandled amd64-linux syscall: 434' -e 'You may be able to write your own handler' \
		-e 'README_MISSING_SYSCALL_OR_IOCTL' -e 'Nevertheless we consider this a bug' \
		-e 'valgrind.org/support/bug_reports' "$log" >"$log.errors"
	if [ "$rc" -eq 99 ] || [ -s "$log.errors" ]; then
		fail "memcheck on lesson $args:
$(head -n 60 "$log.errors")"
	fi
	[ "$rc" -eq "$want" ] || fail "lesson $args under valgrind exited $rc, want $want: $(cat "$d/err")"
	[ -z "$(ls -A "$d/tmp")" ] || fail "lesson $args under valgrind left $(ls -A "$d/tmp")"
}

want=0
check --stage link
check --report "$hello"
check --headless=80x24 --keys='n n n 4 q' "$hello"
check --headless=100x30 --keys='4 <PgDn> <Tab> <Down> ? x <Resize:30x8> <Resize:80x24> p q' "$hello"
check --list
check --json "$hello"
check --headless=100x30 --keys='<Down> <Enter> o o 2 <Tab><Tab> <Down> /main<Enter> n <Esc> + D q' "$hello"
check --demo --headless=80x24 --keys='<Space> <Space> <Space> <BS> <Space> <Space> q' "$hello"
# stage 5's four views: the relocations' cursor, each view, another variant, a resize
check --headless=80x24 --keys='5 <Down> <Down> o o o v O <Resize:120x40> q' "$hello"
check --report "$scratch/broken.c"
# the glossary: a term, every term, and the walkthrough's chooser and a definition
check --define relocation
check --define list
check --headless=80x24 --keys='t <Down> <Enter> <PgDn> <Esc> <Esc> 5 t <End> <Enter> q' "$hello"
want=2
check --define relocaton
want=1
check "$scratch/hello"
wait
i=1
while [ "$i" -le "$n" ]; do
	verdict "$i"
	i=$((i + 1))
done
exit 0
