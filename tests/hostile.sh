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
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
scratch=$(make_scratch hostile)
sock=lesson-hostile-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"; chmod -R u+rwx "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
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
walk loop
every_cell "$scratch/loop.md" "program ended" "timed out after" "loop.c"
every_cell "$scratch/loop.md" "program ended" "killed" "loop.c"
nothing_left "loop.c"

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

# Litters its directory: all of it removed, nothing outside touched; and again as a user who
# cannot read or write what the program locked (root can), where setpriv allows it.
walk writes
made=$(sed -n 's/^made \([0-9]*\) files and \([0-9]*\) directories deep$/\1 \2/p' "$scratch/writes.md" | sort -u)
[ -n "$made" ] || fail "writes.c: the program did not report its files: $(grep -A3 'It printed' "$scratch/writes.md")"
nothing_left "writes.c"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$LESSON" --version >/dev/null 2>&1; then
	chmod 755 "$scratch" && chmod 1777 "$tmp"
	setpriv --reuid=65534 --regid=65534 --clear-groups env TMPDIR="$tmp" \
		"$LESSON" --report "$hostile/writes.c" >"$scratch/writes-nobody.md" 2>&1 </dev/null ||
		fail "writes.c as nobody: lesson exited $?"
	grep -q '^made [0-9]* files' "$scratch/writes-nobody.md" || fail "writes.c as nobody: it did not run"
	nothing_left "writes.c as nobody"
	chmod 700 "$scratch" "$tmp"
fi

# Prints terminal escapes: shown as text, never sent to the terminal.
walk escapes
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$scratch/escapes.md"; then
	fail "escapes.c: control characters in the report: $(LC_ALL=C grep -an "$(printf '\033')" "$scratch/escapes.md" | cat -v | head -n 3)"
fi
grep -qF '<U+001B>[?1049h' "$scratch/escapes.md" || fail "escapes.c: the escape is not shown as <U+001B>"
grep -qF 'bad<ff><fe>:end' "$scratch/escapes.md" || fail "escapes.c: bytes that are not UTF-8 are not shown as <ff>"
nothing_left "escapes.c"

# In the walkthrough, q ends lesson at once even while the compiler hangs: the poll allows
# 20 s, a third of the compiler's time limit.
if command -v tmux >/dev/null 2>&1; then
	T() {
		tmux -u -L "$sock" -f /dev/null "$@"
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
	echo "hostile.sh: tmux not installed: q during a hanging compile was not tried"
fi

# The hanging compiler: stopped at its time limit, the later stages not reached.
wait $hang_pid || fail "hang.c: lesson exited $?: $(tail -n 5 "$scratch/hang.md")"
grep -q '^- Result: timed out after [0-9.]* s, killed' "$scratch/hang.md" ||
	fail "hang.c: the preprocessor was not stopped at its time limit: $(grep '^- Result' "$scratch/hang.md")"
grep -q '^Not reached: the preprocess stage failed (timed out' "$scratch/hang.md" ||
	fail "hang.c: the later stages do not say why they did not run"
nothing_left "hang.c" "$scratch/hangtmp"
exit 0
