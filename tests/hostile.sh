#!/bin/sh
# hostile.sh: the programs a learner walks are theirs, and may misbehave. Each program in
# tests/hostile/ is walked with `lesson --report` (exit status 0: whatever the program does
# is a result) and the report must say what happened: one that loops forever is killed at its
# time limit; one that floods stdout and stderr is cut, and the report says so, and one that
# never stops writing ends as soon as its output is full, not at its time limit; one whose .i
# is a line of megabytes has it cut in the report, which stays small; one that reads
# stdin meets end of file at once, even when lesson's own stdin is a file; one that crashes is
# named the signal that killed it (the same one a run by hand gets); one that forks children,
# or leaves its session as a daemon does, leaves nothing running; one that litters its
# directory with a thousand long-named files, a deep chain of directories, unreadable ones,
# a FIFO and links out leaves nothing behind, even as a user who cannot open what it locked,
# and nothing outside is touched; one that prints terminal escapes has them shown as text.
# A compiler stuck on an #include of a FIFO is stopped at its time limit, and q in the
# walkthrough stops it at once. After every run no process is left whose working directory
# was the walk's, and $TMPDIR is empty.
# More of the hostile matrix (tests/hostile/README): a program that sleeps, closes its
# output, aborts, stops itself with SIGSTOP or forks 200 children; #include of /dev/stdin
# (gcc never reads lesson's own stdin) and of the file itself; 10,000 nested #if; CRLF line
# ends; a file name that is not UTF-8; as, ld or unshare missing from PATH; an unknown TERM.
# Each case prints its verdict ("hostile case: NAME: held"), and the last line counts them.
# The compiler's time limit (60 s, which the FIFO case waits for) has no setting to shorten.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/hostile/cases.sh"

need_lesson
need_cmd gcc
# A failed check fails its case (tests/hostile/cases.sh), and the next case is still tried.
fail() {
	miss "$@"
}
scratch=$(make_scratch hostile)
# each tmux session on a server of its own, listening in the scratch directory (lib.sh)
trap 'tmux_kill_all "$scratch"; chmod -R u+rwx "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
sock=$(tmux_socket "$scratch")
tmp=$scratch/tmp
mkdir "$tmp" || hard_error "mkdir failed"
hostile=$(cd "$top_srcdir/tests/hostile" && pwd -P) || hard_error "no tests/hostile"
echo "left alone" >"$scratch/sentinel"

# Walk tests/hostile/$1.c into $scratch/$1.md (stdin from /dev/null unless redirected by the
# caller); fail unless lesson exits 0.
walk() {
	TMPDIR=$tmp "$LESSON" --report "$hostile/$1.c" >"$scratch/$1.md" 2>"$scratch/$1.err"
	rc=$?
	[ $rc -eq 0 ] || fail "$1.c: lesson exited $rc: $(cat "$scratch/$1.err")"
}

# Fail if a process still runs in a walk directory under $2 (default $tmp), or if that
# directory is not empty; $1 says what ran.
nothing_left() {
	dir=${2:-$tmp}
	for cwd in /proc/[0-9]*/cwd; do
		target=$(readlink "$cwd" 2>/dev/null) || continue
		case $target in
		"$dir"/*)
			p=${cwd#/proc/}
			p=${p%/cwd}
			fail "$1: process $p ($(cat "/proc/$p/comm" 2>/dev/null)) still runs in $target"
			;;
		esac
	done
	[ -z "$(ls -A "$dir")" ] || fail "$1: left $(ls -A "$dir") in TMPDIR"
	[ "$(cat "$scratch/sentinel" 2>/dev/null)" = "left alone" ] || fail "$1: a file outside the walk was touched"
}

# The cells of the report's link-table row $2 (e.g. "program ended") in $1, one a line, for the
# variants that linked (a variant that did not has "—").
cells() {
	sed -n "s/^| $2 | \(.*\) |[[:space:]]*\$/\1/p" "$1" | sed 's/ | /\n/g' | grep -v '^—$'
}

# Fail unless every linked variant's cell in row $2 of report $1 contains $3; $4 says what.
every_cell() {
	cells "$1" "$2" >"$scratch/cells"
	[ -s "$scratch/cells" ] || fail "$4: no variant linked: $(grep '^| ' "$1")"
	while IFS= read -r cell; do
		case $cell in
		*"$3"*) ;;
		*) fail "$4: '$cell', not '$3'" ;;
		esac
	done <"$scratch/cells"
}

# A compiler that hangs: gcc -E waits forever to open a FIFO that nobody writes. It runs in
# the background while the programs are walked, and is checked at the end.
mkdir "$scratch/hang"
mkfifo "$scratch/hang/pipe" || hard_error "mkfifo failed"
printf '#include "pipe"\nint main(void)\n{\n\treturn 0;\n}\n' >"$scratch/hang/hang.c"
mkdir "$scratch/hangtmp"
TMPDIR=$scratch/hangtmp "$LESSON" --report "$scratch/hang/hang.c" >"$scratch/hang.md" 2>&1 </dev/null &
hang_pid=$!

# Loops forever: killed at the time limit, every variant.
case_begin "a program that loops"
walk loop
every_cell "$scratch/loop.md" "program ended" "timed out after" "loop.c"
every_cell "$scratch/loop.md" "program ended" "killed" "loop.c"
nothing_left "loop.c"

case_begin "a program that floods stdout and stderr"
# Floods both streams: cut, said so, ended once its output was full (it would exit 0 after
# writing it all), and the report stays small.
walk flood
every_cell "$scratch/flood.md" "program ended" "killed when its output passed" "flood.c"
n=$(cells "$scratch/flood.md" "program ended" | wc -l)
# each variant's run, and its run in an empty root where that got as far as the program
[ "$(grep -c '^_Its output was cut after [0-9]* bytes\._$' "$scratch/flood.md")" -ge "$n" ] ||
	fail "flood.c: not every variant says its output was cut"
# (killed once its standard output was full, it wrote less than the cap on standard error)
# What each run wrote on standard error is labelled, in an empty root too.
roots=$(grep -c '^Alone in an empty root directory, .* It printed:$' "$scratch/flood.md")
[ "$(grep -c '^and on standard error:$' "$scratch/flood.md")" -eq $((n + roots)) ] ||
	fail "flood.c: not every run's standard error is labelled ($n runs, $roots in an empty root)"
size=$(wc -c <"$scratch/flood.md")
[ "$size" -lt 2000000 ] || fail "flood.c: a report of $size bytes"
nothing_left "flood.c"

case_begin "a program that writes for ever"
# Writes for ever: every run, and every run in an empty root that reached the program, is
# ended by the output cap (the record's exit kind), not by its time limit.
TMPDIR=$tmp "$LESSON" --json "$hostile/endless.c" >"$scratch/endless.json" 2>"$scratch/endless.err" ||
	fail "endless.c: lesson exited $?: $(cat "$scratch/endless.err")"
if command -v python3 >/dev/null 2>&1; then
	python3 - "$scratch/endless.json" <<'PY' || fail "endless.c: a run was not ended by the output cap"
import json, sys
doc = json.load(open(sys.argv[1]))
runs = [(l["kind"], "run", l["run"]) for l in doc["link"] if l.get("run")]
runs += [(l["kind"], "empty root", l["empty_root"]) for l in doc["link"]
         if l.get("empty_root") and l["empty_root"]["stdout"]]
bad = [(v, what, r["exit"]["kind"]) for v, what, r in runs
       if r["exit"]["kind"] != "output_capped" or not r["stdout_truncated"]
       or r["exit"]["cap_bytes"] != len(r["stdout"].encode())]
if not runs or bad:
    print("endless.c:", bad or "no run", file=sys.stderr)
    sys.exit(1)
PY
else
	echo "hostile.sh: python3 not installed: endless.c's JSON was not read"
fi
nothing_left "endless.c"

case_begin "a .i whose one line is megabytes long"
# A .i whose one line is megabytes long: the report cuts it, says so, and stays far smaller.
gcc -E "$hostile/longline.c" -o "$scratch/longline.i" || hard_error "gcc -E longline.c failed"
isize=$(wc -c <"$scratch/longline.i")
walk longline
grep -q '^_1 line was longer than [0-9]* bytes: it was cut there\._$' "$scratch/longline.md" ||
	fail "longline.c: the report does not say it cut the .i's long line"
size=$(wc -c <"$scratch/longline.md")
[ "$size" -lt 1000000 ] && [ "$size" -lt "$isize" ] ||
	fail "longline.c: a report of $size bytes for a .i of $isize"
nothing_left "longline.c"

case_begin "a program that reads stdin"
# Reads stdin: end of file at once, though lesson's own stdin is a file with text in it.
gcc "$hostile/stdin.c" -o "$scratch/stdin-byhand" || hard_error "gcc cannot build stdin.c"
want=$("$scratch/stdin-byhand" </dev/null)
TMPDIR=$tmp "$LESSON" --report "$hostile/stdin.c" >"$scratch/stdin.md" 2>"$scratch/stdin.err" <"$hostile/stdin.c" ||
	fail "stdin.c: lesson exited $?"
n=$(cells "$scratch/stdin.md" "program ended" | wc -l)
[ "$(grep -cxF "$want" "$scratch/stdin.md")" -ge "$n" ] ||
	fail "stdin.c: not every variant printed '$want': $(grep 'bytes before' "$scratch/stdin.md")"
if grep -q '^read [1-9][0-9]* bytes' "$scratch/stdin.md"; then
	fail "stdin.c: a run read lesson's own input: $(grep '^read [1-9]' "$scratch/stdin.md")"
fi
nothing_left "stdin.c"

case_begin "a program that segfaults"
# Crashes: the signal named, the same one that kills it when run by hand.
gcc "$hostile/crash.c" -o "$scratch/crash-byhand" || hard_error "gcc cannot build crash.c"
sh -c 'cd "$1" && ./crash-byhand' sh "$scratch" >/dev/null 2>&1
st=$?
[ $st -gt 128 ] || hard_error "crash.c, run by hand, was not killed by a signal (status $st)"
sig=$(kill -l $((st - 128)))
walk crash
every_cell "$scratch/crash.md" "program ended" "killed by SIG$sig" "crash.c"
nothing_left "crash.c"

# Leaves children and a grandchild sleeping, and a daemon that left its session: every one
# of them is gone once the walk is over.
for prog in forks daemon; do
	case_begin "a program that $(if [ $prog = forks ]; then echo leaves children; else echo daemonizes; fi)"
	walk $prog
	every_cell "$scratch/$prog.md" "program ended" "exit 0" "$prog.c"
	pids=$(sed -n 's/^\(child\|daemon\) \([0-9][0-9]*\)$/\2/p' "$scratch/$prog.md")
	[ -n "$pids" ] || fail "$prog.c: the report shows no child's process ID"
	for p in $pids; do
		state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$p/status" 2>/dev/null)
		comm=$(cat "/proc/$p/comm" 2>/dev/null)
		case $comm in
		"$prog"*) [ "$state" = Z ] || fail "$prog.c: its child $p ($comm) is still running ($state)" ;;
		esac
	done
	nothing_left "$prog.c"
done

case_begin "a program that litters its directory"
# Litters its directory: all of it removed, nothing outside touched; and again as a user who
# cannot read or write what the program locked (root can), where setpriv allows it.
walk writes
made=$(sed -n 's/^made \([0-9]*\) files and \([0-9]*\) directories deep$/\1 \2/p' "$scratch/writes.md" | sort -u)
[ -n "$made" ] || fail "writes.c: the program did not report its files: $(grep -A3 'It printed' "$scratch/writes.md")"
nothing_left "writes.c"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$LESSON" --version >/dev/null 2>&1; then
	chmod 755 "$scratch" && chmod 1777 "$tmp"
	case_begin "a program that litters its directory, walked by a user who is not root"
	setpriv --reuid=65534 --regid=65534 --clear-groups env TMPDIR="$tmp" \
		"$LESSON" --report "$hostile/writes.c" >"$scratch/writes-nobody.md" 2>&1 </dev/null ||
		fail "writes.c as nobody: lesson exited $?"
	grep -q '^made [0-9]* files' "$scratch/writes-nobody.md" || fail "writes.c as nobody: it did not run"
	nothing_left "writes.c as nobody"
	chmod 700 "$scratch" "$tmp"
fi

case_begin "a program that prints terminal escapes"
# Prints terminal escapes: shown as text, never sent to the terminal.
walk escapes
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$scratch/escapes.md"; then
	fail "escapes.c: control characters in the report: $(LC_ALL=C grep -an "$(printf '\033')" "$scratch/escapes.md" | cat -v | head -n 3)"
fi
grep -qF '<U+001B>[?1049h' "$scratch/escapes.md" || fail "escapes.c: the escape is not shown as <U+001B>"
grep -qF 'bad<ff><fe>:end' "$scratch/escapes.md" || fail "escapes.c: bytes that are not UTF-8 are not shown as <ff>"
nothing_left "escapes.c"

# Sleeps for ten minutes: ended at its time limit, as a busy loop is.
case_begin "a program that sleeps"
walk sleeper
every_cell "$scratch/sleeper.md" "program ended" "timed out after" "sleeper.c"
every_cell "$scratch/sleeper.md" "program ended" "killed" "sleeper.c"
nothing_left "sleeper.c"

# Closes its standard input, output and error: its line shown, its exit 0 reported.
case_begin "a program that closes its output"
walk closeout
every_cell "$scratch/closeout.md" "program ended" "exit 0" "closeout.c"
n=$(cells "$scratch/closeout.md" "program ended" | wc -l)
[ "$(grep -cx 'closing my output' "$scratch/closeout.md")" -ge "$n" ] ||
	fail "closeout.c: not every run shows the line it printed before closing its output"
nothing_left "closeout.c"

# Aborts: SIGABRT named, the same signal a run by hand dies of.
case_begin "a program that aborts"
gcc "$hostile/abort.c" -o "$scratch/abort-byhand" || hard_error "gcc cannot build abort.c"
sh -c 'cd "$1" && ./abort-byhand' sh "$scratch" >/dev/null 2>&1
st=$?
[ $st -gt 128 ] || hard_error "abort.c, run by hand, was not killed by a signal (status $st)"
walk abort
every_cell "$scratch/abort.md" "program ended" "killed by SIG$(kill -l $((st - 128)))" "abort.c"
nothing_left "abort.c"

# Stops itself with SIGSTOP and is never continued: lesson does not wait for it for ever;
# the run is ended at its time limit, killed, and never goes on to print "continued".
case_begin "a program that stops itself (SIGSTOP)"
walk stop
every_cell "$scratch/stop.md" "program ended" "killed" "stop.c"
if grep -qx 'continued' "$scratch/stop.md"; then
	fail "stop.c: a stopped program was continued"
fi
nothing_left "stop.c"

# Forks 200 children that sleep for five minutes: every one of them is gone after the walk.
case_begin "a program that forks 200 children"
walk forks200
every_cell "$scratch/forks200.md" "program ended" "exit 0" "forks200.c"
grep -q '^started [1-9][0-9]* children$' "$scratch/forks200.md" ||
	fail "forks200.c: the program did not say how many children it started"
for st in /proc/[0-9]*/status; do
	p=${st#/proc/}
	p=${p%/status}
	[ "$(cat "/proc/$p/comm" 2>/dev/null)" = forks200 ] || continue
	state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "$st" 2>/dev/null)
	[ -z "$state" ] || [ "$state" = Z ] || fail "forks200.c: its child $p is still running ($state)"
done
nothing_left "forks200.c"

# #include "/dev/stdin": gcc reads the walk's empty stdin, never lesson's own, here a pipe
# that nobody closes (a gcc reading it would wait until its time limit).
case_begin "#include of /dev/stdin"
mkdir "$scratch/devstdin"
printf '#include "/dev/stdin"\nint main(void)\n{\n\treturn 0;\n}\n' >"$scratch/devstdin/devstdin.c"
mkfifo "$scratch/devstdin/never" || hard_error "mkfifo failed"
exec 8<>"$scratch/devstdin/never"
TMPDIR=$tmp "$LESSON" --report "$scratch/devstdin/devstdin.c" >"$scratch/devstdin.md" 2>"$scratch/devstdin.err" <&8
rc=$?
exec 8>&-
[ $rc -eq 0 ] || fail "devstdin.c: lesson exited $rc: $(cat "$scratch/devstdin.err")"
[ "$(grep -c '^- Result: exit 0,' "$scratch/devstdin.md")" -ge 3 ] ||
	fail "devstdin.c: a stage did not end with exit 0: $(grep '^- Result' "$scratch/devstdin.md")"
every_cell "$scratch/devstdin.md" "program ended" "exit 0" "devstdin.c"
nothing_left "devstdin.c"

# A file that includes itself: gcc's own error (the nesting depth) in the report, the later
# stages not reached, with why.
case_begin "#include of the file itself"
mkdir "$scratch/self"
printf '#include "self.c"\nint main(void)\n{\n\treturn 0;\n}\n' >"$scratch/self/self.c"
want=$(cd "$scratch/self" && gcc -E self.c -o /dev/null 2>&1 | grep -m 1 'error:' | sed 's/^[^ ]* error: //')
[ -n "$want" ] || hard_error "gcc -E self.c gave no error"
TMPDIR=$tmp "$LESSON" --report "$scratch/self/self.c" >"$scratch/self.md" 2>"$scratch/self.err" </dev/null ||
	fail "self.c: lesson exited $?: $(cat "$scratch/self.err")"
grep -qF -- "$want" "$scratch/self.md" || fail "self.c: gcc's error '$want' is not in the report"
grep -q '^Not reached: the preprocess stage failed (exit ' "$scratch/self.md" ||
	fail "self.c: the later stages do not say why they did not run"
nothing_left "self.c"

# 10,000 nested #if around main: gcc takes it, and so is every stage walked.
case_begin "10,000 nested #if"
awk 'BEGIN { for (i = 0; i < 10000; i++) print "#if 1"; print "int main(void)\n{\n\treturn 0;\n}"
	for (i = 0; i < 10000; i++) print "#endif" }' >"$scratch/nested.c"
gcc -c "$scratch/nested.c" -o "$scratch/nested-byhand.o" || hard_error "gcc cannot compile nested.c"
TMPDIR=$tmp "$LESSON" --report "$scratch/nested.c" >"$scratch/nested.md" 2>"$scratch/nested.err" </dev/null ||
	fail "nested.c: lesson exited $?: $(cat "$scratch/nested.err")"
[ "$(grep -c '^- Result: exit 0,' "$scratch/nested.md")" -ge 3 ] ||
	fail "nested.c: a stage failed: $(grep '^- Result' "$scratch/nested.md")"
every_cell "$scratch/nested.md" "program ended" "exit 0" "nested.c"
nothing_left "nested.c"

# CRLF line ends (a file saved on Windows): walked as gcc takes it, the program prints what
# it prints by hand, and no carriage return reaches the report.
case_begin "CRLF line ends"
sed 's/$/\r/' "$top_srcdir/samples/hello.c" >"$scratch/crlf.c"
gcc "$scratch/crlf.c" -o "$scratch/crlf-byhand" || hard_error "gcc cannot build crlf.c"
want=$(cd "$scratch" && ./crlf-byhand | head -n 1)
TMPDIR=$tmp "$LESSON" --report "$scratch/crlf.c" >"$scratch/crlf.md" 2>"$scratch/crlf.err" </dev/null ||
	fail "crlf.c: lesson exited $?: $(cat "$scratch/crlf.err")"
every_cell "$scratch/crlf.md" "program ended" "exit 0" "crlf.c"
grep -qxF -- "$want" "$scratch/crlf.md" || fail "crlf.c: '$want' is not in the report"
if grep -q "$(printf '\r')" "$scratch/crlf.md"; then
	fail "crlf.c: a carriage return in the report"
fi
nothing_left "crlf.c"

# A file name with a byte that is not UTF-8: walked, the byte shown as <ff>, the report
# UTF-8 throughout.
case_begin "a file name that is not UTF-8"
bad=$(printf 'bad\377name.c')
cp "$top_srcdir/samples/hello.c" "$scratch/$bad"
TMPDIR=$tmp "$LESSON" --report "$scratch/$bad" >"$scratch/badname.md" 2>"$scratch/badname.err" </dev/null ||
	fail "a name that is not UTF-8: lesson exited $?: $(cat "$scratch/badname.err")"
every_cell "$scratch/badname.md" "program ended" "exit 0" "a name that is not UTF-8"
grep -qF 'bad<ff>name.c' "$scratch/badname.md" || fail "a name that is not UTF-8: <ff> not in the report"
if command -v iconv >/dev/null 2>&1; then
	iconv -f UTF-8 -t UTF-8 "$scratch/badname.md" >/dev/null 2>&1 ||
		fail "a name that is not UTF-8: the report is not UTF-8"
fi
nothing_left "a name that is not UTF-8"

# as or ld missing from PATH: the stage that needs it fails with gcc's own words, the same a
# run by hand with that PATH gets, and the stages after it say why they did not run; with no
# unshare, the programs still run, and so does their run in an empty root where chroot can.
path_without() {
	farm=$scratch/path-$1
	mkdir "$farm" || hard_error "mkdir $farm failed"
	echo "$PATH" | tr ':' '\n' | while IFS= read -r d; do
		[ -d "$d" ] && ln -s "$d"/* "$farm"/ 2>/dev/null
	done
	rm -f "$farm/$1"
	[ -e "$farm/sh" ] || hard_error "the PATH without $1 has no sh"
	echo "$farm"
}
hello=$(abs_path "$top_srcdir/samples/hello.c")
for t in as ld unshare; do
	case_begin "$t missing from PATH"
	command -v $t >/dev/null 2>&1 || { case_skip "$t is not installed here"; continue; }
	farm=$(path_without $t)
	PATH=$farm TMPDIR=$tmp "$LESSON" --report "$hello" >"$scratch/no$t.md" 2>"$scratch/no$t.err" </dev/null ||
		fail "no $t: lesson exited $?: $(cat "$scratch/no$t.err")"
	case $t in
	as)
		want=$(cd "$scratch" && PATH=$farm gcc -c "$hello" -o hello-noas.o 2>&1 | head -n 1)
		[ -n "$want" ] || { case_skip "gcc finds an assembler of its own without PATH"; continue; }
		grep -qxF -- "$want" "$scratch/noas.md" || fail "no as: gcc's '$want' is not in the report"
		grep -q '^Not reached: the assemble stage failed (exit ' "$scratch/noas.md" ||
			fail "no as: the link does not say why it did not run"
		;;
	ld)
		gcc -c "$hello" -o "$scratch/hello-nold.o" || hard_error "gcc -c hello.c failed"
		want=$(cd "$scratch" && PATH=$farm gcc hello-nold.o -o hello-nold 2>&1 | head -n 1)
		[ -n "$want" ] || { case_skip "gcc finds a linker of its own without PATH"; continue; }
		grep -qxF -- "$want" "$scratch/nold.md" || fail "no ld: gcc's '$want' is not in the report"
		cells "$scratch/nold.md" result | grep -q '^exit 0$' && fail "no ld: a link succeeded"
		;;
	unshare)
		every_cell "$scratch/nounshare.md" "program ended" "exit 0" "no unshare"
		;;
	esac
	nothing_left "no $t"
done

# In the walkthrough, q ends lesson at once even while the compiler hangs: the poll allows
# 20 s, a third of the compiler's time limit.
case_begin "q while the compiler hangs"
if command -v tmux >/dev/null 2>&1; then
	T() {
		tmux -u -S "$sock" -f /dev/null "$@"
	}
	printf '"%s" "%s"\necho EXITED-$?\nexec cat\n' "$LESSON" "$scratch/hang/hang.c" >"$scratch/run"
	T new-session -d -s hang -x 100 -y 30 "TMPDIR='$tmp' sh '$scratch/run'" ||
		hard_error "tmux cannot start a session"
	wait_for 600 "q quit" T capture-pane -p -t hang || fail "the walkthrough of hang.c never showed"
	T send-keys -t hang q
	wait_for 200 "EXITED-0" T capture-pane -p -t hang ||
		fail "q did not end lesson while the compiler hung: $(T capture-pane -p -t hang)"
	T kill-server
	nothing_left "q while the compiler hung"
else
	case_skip "tmux not installed"
fi

# An unknown TERM on a terminal: one sentence naming it and saying what to do instead, exit
# status 1, the terminal as it was, nothing left behind.
case_begin "TERM unknown"
if command -v tmux >/dev/null 2>&1; then
	cat >"$scratch/term" <<EOT
before=\$(stty -g)
TERM=no-such-terminal TMPDIR='$tmp' '$LESSON' '$hello'
echo EXITED-\$?
if [ "\$(stty -g)" = "\$before" ]; then echo TTY-SAME; else echo TTY-CHANGED; fi
exec cat
EOT
	tsock=$(tmux_socket "$scratch")
	tmux -u -S "$tsock" -f /dev/null new-session -d -s term -x 100 -y 30 "sh '$scratch/term'" ||
		hard_error "tmux cannot start a session"
	wait_for 600 "TTY-" tmux -S "$tsock" capture-pane -p -t term ||
		fail "TERM unknown: lesson never ended: $(tmux -S "$tsock" capture-pane -p -t term)"
	tmux -S "$tsock" capture-pane -p -t term >"$scratch/term.screen"
	grep -qF 'TERM=no-such-terminal' "$scratch/term.screen" || fail "TERM unknown: no sentence naming it: $(cat "$scratch/term.screen")"
	grep -qF -- '--report' "$scratch/term.screen" || fail "TERM unknown: does not say to try --report"
	grep -qx 'EXITED-1' "$scratch/term.screen" || fail "TERM unknown: not exit status 1: $(grep EXITED "$scratch/term.screen")"
	grep -qx 'TTY-SAME' "$scratch/term.screen" || fail "TERM unknown: the terminal was changed"
	tmux -S "$tsock" kill-server 2>/dev/null
	nothing_left "TERM unknown"
else
	case_skip "tmux not installed"
fi

case_begin "#include of a FIFO"
# The hanging compiler: stopped at its time limit, the later stages not reached.
wait $hang_pid || fail "hang.c: lesson exited $?: $(tail -n 5 "$scratch/hang.md")"
grep -q '^- Result: timed out after [0-9.]* s, killed' "$scratch/hang.md" ||
	fail "hang.c: the preprocessor was not stopped at its time limit: $(grep '^- Result' "$scratch/hang.md")"
grep -q '^Not reached: the preprocess stage failed (timed out' "$scratch/hang.md" ||
	fail "hang.c: the later stages do not say why they did not run"
nothing_left "hang.c" "$scratch/hangtmp"
matrix_end
