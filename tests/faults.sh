#!/bin/sh
# faults.sh: the machine around lesson going wrong. A missing tool degrades the one view that
# needs it, with the Debian package to install: no musl-gcc (the musl build), no ldd (its
# verdict on each program), no gcc (every stage), no static libc.a (the static builds; hidden
# in a private mount namespace, where the system's libc.a is really not there for the
# linker); no objdump, nm or readelf (their listings of the object file, each naming
# binutils, while the ELF facts, which lesson reads with libelf, stay whole). SIGINT,
# SIGTERM and SIGHUP at any moment of a walk, of a program's run and of the walkthrough end
# lesson with that signal, restore the terminal and remove the walk directory. A full disk is
# reported: the report written to /dev/full says "write error" with status 1, and a TMPDIR
# on a 64 KiB tmpfs makes the failing link say "No space left on device", with a hint.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
use_utf8_locale
if [ "$(is_utf8)" = 1 ]; then ok_mark='✓'; else ok_mark='+'; fi
scratch=$(make_scratch faults)
# each tmux session on a server of its own, listening in the scratch directory (tmux_socket):
# a new session on a server still exiting after kill-server fails with "server exited
# unexpectedly"
trap 'tmux_kill_all "$scratch"; rm -rf "$scratch"' EXIT
tmp=$scratch/tmp
mkdir "$tmp" || hard_error "mkdir failed"
hello=$(abs_path "$top_srcdir/samples/hello.c")
loop=$(abs_path "$top_srcdir/tests/hostile/loop.c")
out=$scratch/out err=$scratch/err

# The number of signal $1 (the XSI numbers, which kill -l does not give in every shell).
signum() {
	case $1 in
	HUP) echo 1 ;;
	INT) echo 2 ;;
	TERM) echo 15 ;;
	*) hard_error "no number for SIG$1" ;;
	esac
}

nothing_left() {
	[ -z "$(ls -A "${2:-$tmp}")" ] || fail "$1: left $(ls -A "${2:-$tmp}") in TMPDIR"
}

# A directory of links to every program on PATH but those named: a PATH without them.
path_without() {
	farm=$scratch/path-$(echo "$*" | tr ' ' '-')
	mkdir "$farm" || hard_error "mkdir $farm failed"
	# one ln per directory; a name already linked from an earlier directory stays
	echo "$PATH" | tr ':' '\n' | while IFS= read -r d; do
		[ -d "$d" ] && ln -s "$d"/* "$farm"/ 2>/dev/null
	done
	for t in "$@"; do
		rm -f "$farm/$t"
	done
	[ -e "$farm/sh" ] || hard_error "the PATH without $* has no sh"
	echo "$farm"
}

# The cells of link-table row $1 in report $out, one a line.
cells() {
	sed -n "s/^| $1 | \(.*\) |[[:space:]]*\$/\1/p" "$out" | sed 's/ | /\n/g'
}

# --- missing tools -----------------------------------------------------------------------

# No musl-gcc: the musl build is not reached, and says what to install; the rest is whole.
farm=$(path_without musl-gcc)
PATH=$farm TMPDIR=$tmp "$LESSON" --report "$hello" >"$out" 2>"$err" </dev/null ||
	fail "no musl-gcc: lesson exited $?: $(cat "$err")"
grep -q '^Not reached: musl-gcc is not installed (on Debian: apt-get install musl-tools)' "$out" ||
	fail "no musl-gcc: the musl build does not name musl-tools: $(grep -A2 '### The musl' "$out")"
[ "$(cells result | grep -c '^exit 0$')" -eq 3 ] || fail "no musl-gcc: the other links: $(cells result)"
nothing_left "no musl-gcc"

# No ldd: each program's ldd line says it could not start and names libc-bin; the programs
# still run.
farm=$(path_without ldd)
PATH=$farm TMPDIR=$tmp "$LESSON" --report "$hello" >"$out" 2>"$err" </dev/null ||
	fail "no ldd: lesson exited $?: $(cat "$err")"
n=$(cells result | grep -c '^exit 0$')
[ "$n" -ge 3 ] || fail "no ldd: the links did not succeed: $(cells result)"
[ "$(grep -c '^`ldd ./[^`]*` (could not start: No such file or directory)\.$' "$out")" -eq "$n" ] ||
	fail "no ldd: the ldd lines: $(grep '^`ldd' "$out")"
[ "$(grep -c '^Hint: ldd is not installed (on Debian: apt-get install libc-bin)\.$' "$out")" -eq "$n" ] ||
	fail "no ldd: no hint naming libc-bin: $(grep -A3 '^`ldd' "$out")"
[ "$(cells 'program ended' | grep -c '^exit 0$')" -eq "$n" ] || fail "no ldd: the programs did not run"
nothing_left "no ldd"

# No gcc: the first stage cannot start, names the package, and nothing else runs.
farm=$(path_without gcc cc)
PATH=$farm TMPDIR=$tmp "$LESSON" --report "$hello" >"$out" 2>"$err" </dev/null
grep -q '^- Result: could not start: No such file or directory' "$out" || fail "no gcc: $(grep '^- Result' "$out")"
grep -q '^Hint: gcc is not installed (on Debian: apt-get install gcc)\.$' "$out" || fail "no gcc: no hint naming gcc"
grep -q '^Not reached: the preprocess stage failed (could not start' "$out" || fail "no gcc: the later stages"
nothing_left "no gcc"

# No objdump, nm or readelf: their listings say what to install; the ELF facts, which come
# from libelf, are the same as with them.
farm=$(path_without objdump nm readelf)
PATH=$farm TMPDIR=$tmp "$LESSON" --report "$hello" >"$out" 2>"$err" </dev/null ||
	fail "no binutils viewers: lesson exited $?"
"$LESSON" --report "$hello" 2>/dev/null </dev/null | grep -E '^\| (ELF type|interpreter|NEEDED) ' >"$scratch/want"
grep -E '^\| (ELF type|interpreter|NEEDED) ' "$out" | cmp -s - "$scratch/want" ||
	fail "no objdump, nm or readelf: the ELF facts differ: $(grep -E '^\| (ELF type|interpreter|NEEDED) ' "$out")"
grep -q '^| `\.text` | [0-9]* | AX |$' "$out" || fail "no objdump, nm or readelf: no sections of the .o"
for tool in nm objdump; do
	grep -q "^\`$tool [^\`]*\` (could not start: No such file or directory)" "$out" ||
		fail "no $tool: the report does not say it could not start: $(grep "^\`$tool" "$out")"
done
grep -q 'apt-get install binutils' "$out" || fail "no objdump, nm or readelf: binutils is not named"
nothing_left "no objdump, nm or readelf"

# No libc.a: hide it from the linker in a private mount namespace, where its directory is a
# tmpfs of links to everything in the real one (bound elsewhere) but libc.a. The static
# builds fail with ld's own words and a hint naming libc6-dev; the dynamic and musl ones work.
libc_a=$(gcc -print-file-name=libc.a)
if [ "$libc_a" = libc.a ] || ! command -v unshare >/dev/null 2>&1 ||
	! unshare -m true 2>/dev/null; then
	echo "faults.sh: no libc.a or no mount namespace here: a missing libc.a was not tried"
else
	libdir=$(cd "$(dirname "$libc_a")" && pwd -P)
	mkdir "$scratch/real" "$scratch/libfarm"
	# The links are made before the farm is bound over the directory: after that, a program
	# started here loads its shared libraries through them.
	unshare -m sh -c '
		set -e
		mount --bind "$1" "$2"
		ln -s "$2"/* "$3"/
		rm "$3/libc.a"
		mount --bind "$3" "$1"
		[ ! -e "$1/libc.a" ]
		TMPDIR=$4 "$5" --report "$6"' sh "$libdir" "$scratch/real" "$scratch/libfarm" "$tmp" \
		"$LESSON" "$hello" >"$out" 2>"$err" </dev/null || fail "no libc.a: lesson exited $?: $(cat "$err")"
	result=$(cells result | tr '\n' ' ')
	case $result in
	"exit 0 exit 1 exit 1 "*) ;;
	*) fail "no libc.a: want the dynamic link to work and the static ones to fail: $result" ;;
	esac
	[ "$(grep -c 'cannot find -lc' "$out")" -ge 2 ] || fail "no libc.a: ld's message is not shown"
	[ "$(grep -c '^Hint: the static C library, libc.a, is missing; on Debian it comes with libc6-dev (apt-get install libc6-dev)\.$' "$out")" -eq 2 ] ||
		fail "no libc.a: no hint naming libc6-dev under each static link: $(grep -B2 -A8 '### The static link' "$out")"
	nothing_left "no libc.a"
fi

# --- signals -----------------------------------------------------------------------------

# In a pipe, at moments spread over a walk and over a program's run: lesson dies of the
# signal (or had already finished), leaving nothing behind. A background job of a script
# starts with SIGINT ignored: env gives lesson the default, as a terminal would. Each signal
# and source is a chain of runs of its own, in a TMPDIR of its own; the chains run side by side.
sig_chain() { # SIG SRC TMPDIR
	for delay in 0 0.05 0.2 0.6 1.5; do
		TMPDIR=$3 env --default-signal=INT "$LESSON" --report "$2" >/dev/null 2>&1 </dev/null &
		pid=$!
		sleep "$delay"
		kill -"$1" "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		rc=$?
		want=$((128 + $(signum "$1")))
		[ $rc -eq "$want" ] || [ $rc -eq 0 ] ||
			fail "SIG$1 after $delay s on $(basename "$2"): exit status $rc, want $want"
		nothing_left "SIG$1 after $delay s on $(basename "$2")" "$3"
	done
}
chains=
k=0
for sig in INT TERM HUP; do
	for src in "$hello" "$loop"; do
		k=$((k + 1))
		mkdir "$scratch/sigtmp$k" || hard_error "mkdir failed"
		sig_chain "$sig" "$src" "$scratch/sigtmp$k" &
		chains="$chains $!"
	done
done
st=0
for pid in $chains; do
	wait "$pid" || st=$?
done
[ "$st" -eq 0 ] || exit "$st"

# A signal ignored from the start (nohup) stays ignored: lesson finishes the walk.
TMPDIR=$tmp nohup "$LESSON" --report "$hello" >"$out" 2>/dev/null </dev/null &
pid=$!
sleep 0.2
kill -HUP "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
rc=$?
[ $rc -eq 0 ] || fail "SIGHUP under nohup: exit status $rc, want 0"
grep -q '^## 4\. Link' "$out" || fail "SIGHUP under nohup: the report is not whole"
nothing_left "SIGHUP under nohup"

# In the walkthrough, in tmux: while a program under study runs and once all is shown, the
# signal ends lesson with the signal's status and gives the terminal back as it was.
if command -v tmux >/dev/null 2>&1; then
	T() {
		tmux -u -S "$srv" -f /dev/null "$@"
	}
	for sig in INT TERM HUP; do
		for src in "$loop" "$hello"; do
			srv=$(tmux_socket "$scratch")
			cat >"$scratch/run" <<EOF
before=\$(stty -g)
sh -c 'echo \$\$ >"\$1"; shift; exec "\$@"' sh "$scratch/pid" "$LESSON" "$src"
echo EXITED-\$?
if [ "\$(stty -g)" = "\$before" ]; then echo TTY-SAME; else echo TTY-CHANGED; fi
exec cat
EOF
			rm -f "$scratch/pid"
			T new-session -d -s sig -x 100 -y 30 "TMPDIR='$tmp' sh '$scratch/run'" ||
				hard_error "tmux cannot start a session"
			wait_for 600 "q quit" T capture-pane -p -t sig ||
				fail "SIG$sig: the walkthrough never showed: $(T capture-pane -p -t sig)"
			pid=$(cat "$scratch/pid") && [ -n "$pid" ] || fail "SIG$sig: lesson's process ID is unknown"
			if [ "$src" = "$hello" ]; then
				wait_for 600 "4 Link $ok_mark" T capture-pane -p -t sig ||
					fail "SIG$sig: the walk of hello.c never finished: $(T capture-pane -p -t sig)"
			fi
			kill -"$sig" "$pid"
			want=$((128 + $(signum "$sig")))
			wait_for 600 "EXITED-$want" T capture-pane -p -t sig ||
				fail "SIG$sig in the walkthrough of $(basename "$src"): $(T capture-pane -p -t sig)"
			wait_for 100 "TTY-SAME" T capture-pane -p -t sig ||
				fail "SIG$sig in the walkthrough of $(basename "$src"): the terminal's settings changed"
			if T capture-pane -p -t sig | grep -q 'q quit'; then
				fail "SIG$sig in the walkthrough of $(basename "$src"): its screen is still up"
			fi
			T kill-server
			nothing_left "SIG$sig in the walkthrough of $(basename "$src")"
		done
	done
else
	echo "faults.sh: tmux not installed: signals in the walkthrough were not tried"
fi

# --- a full disk -------------------------------------------------------------------------

# Whatever lesson writes to a full disk is reported, with status 1.
for args in "--report $hello" "--stage link" "--stage link $hello" "--list" "--topic libraries" \
	"--help" "--version"; do
	# shellcheck disable=SC2086 # the words are the arguments
	TMPDIR=$tmp "$LESSON" $args >/dev/full 2>"$err" </dev/null
	rc=$?
	[ $rc -eq 1 ] || fail "lesson $args >/dev/full: exit status $rc, want 1"
	grep -q 'write error: No space left on device' "$err" || fail "lesson $args >/dev/full: $(cat "$err")"
	nothing_left "lesson $args >/dev/full"
done

# The walk directory on a 64 KiB tmpfs: the links that do not fit say so, with a hint, and
# the tmpfs is empty afterwards.
mkdir "$scratch/small"
if command -v unshare >/dev/null 2>&1 &&
	unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$scratch/small'" 2>/dev/null; then
	unshare -m sh -c '
		mount -t tmpfs -o size=64k tmpfs "$1" || exit 99
		TMPDIR=$1 "$2" --report "$3"
		rc=$?
		ls -A "$1" >"$4"
		exit $rc' sh "$scratch/small" "$LESSON" "$hello" "$scratch/left" >"$out" 2>"$err" </dev/null ||
		fail "a full TMPDIR: lesson exited $?: $(cat "$err")"
	[ ! -s "$scratch/left" ] || fail "a full TMPDIR: left $(cat "$scratch/left")"
	grep -q 'No space left on device' "$out" || fail "a full TMPDIR: no stage says the disk is full: $(grep '^- Result' "$out")"
	grep -q '^Hint: the disk that holds the walk directory is full' "$out" || fail "a full TMPDIR: no hint"
else
	echo "faults.sh: cannot mount a tmpfs here: a full TMPDIR was not tried"
fi
exit 0
