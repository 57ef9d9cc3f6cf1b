#!/bin/sh
# badinput.sh: what a learner may hand lesson by mistake, and the terminals it may meet. Each
# bad file gets one clear sentence and exit status 1 (a usage error 2), and leaves nothing in
# $TMPDIR: an unreadable file, a compiled program or other binary data, UTF-16 text, an
# unusable TMPDIR or --keep directory. What gcc can take is a result, walked with exit status
# 0, and the report says what gcc said: an empty file, Latin-1 text, a file that is not C, a
# 1 MB source, a syntax error, a link error, and names with spaces, quotes, a leading '-',
# non-ASCII letters or a newline (the report's commands, run by hand, make the same files).
# Screens: from 1x1 to 1000x3 and a storm of resizes, every screen fits its size and the
# walkthrough comes back at 80x24; in tmux, TERM unset or dumb gives the report and says why,
# a 20x5 terminal says it is too small, and resizes and SIGWINCH storms leave it working and
# the terminal as it was.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
use_utf8_locale
scratch=$(make_scratch badinput)
# each tmux session on a server of its own (tmux_socket), whose socket is in the scratch directory
trap 'tmux_kill_all "$scratch"; chmod -R u+rwx "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
tmp=$scratch/tmp
mkdir "$tmp" || hard_error "mkdir failed"
hello=$(abs_path "$top_srcdir/samples/hello.c")

# Run lesson with TMPDIR=$tmp, no stdin, stdout in $out and stderr in $err; rc is its status.
out=$scratch/out err=$scratch/err
run() {
	TMPDIR=$tmp "$LESSON" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
}

# Fail unless the last run exited with status $1, saying what ran ($2).
want_rc() {
	[ "$rc" -eq "$1" ] || fail "$2: exit status $rc, want $1; it said: $(cat "$err")"
}

# Fail unless the last run's stderr says $1 (a fixed string).
said() {
	grep -qF -- "$1" "$err" || fail "$2: the message lacks '$1': $(cat "$err")"
}

# Fail unless the walk directory is gone.
nothing_left() {
	[ -z "$(ls -A "$tmp")" ] || fail "$1 left $(ls -A "$tmp") in TMPDIR"
}

# Fail if file $1 holds a control character other than tab and newline, or is not UTF-8.
clean_text() {
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" || tr -d '\n\t' <"$1" |
		LC_ALL=C grep -qaP '\x00'; then
		fail "$2: control characters in $(basename "$1"):
$(grep -an "$(printf '[\001-\010\013-\037\177]')" "$1" | cat -v | head -n 5)"
	fi
	if command -v iconv >/dev/null 2>&1 && ! iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; then
		fail "$2: $(basename "$1") is not valid UTF-8"
	fi
}

# Fail unless every stage of the report in $out ran: three results and the dynamic link.
all_stages_ran() {
	[ "$(grep -c '^- Result: exit 0,' "$out")" -ge 4 ] ||
		fail "$1: not every stage exited 0: $(grep '^- Result' "$out")"
}

# --- files lesson refuses ----------------------------------------------------------------

# An unreadable file (root reads everything: then as the user nobody, where setpriv can).
printf 'int main(void)\n{\n\treturn 0;\n}\n' >"$scratch/secret.c"
chmod 000 "$scratch/secret.c"
if [ "$(id -u)" != 0 ]; then
	run --report "$scratch/secret.c"
	want_rc 1 "an unreadable file"
	said "secret.c: Permission denied" "an unreadable file"
	nothing_left "an unreadable file"
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$LESSON" --version >/dev/null 2>&1; then
	chmod 755 "$scratch" && chmod 1777 "$tmp"
	setpriv --reuid=65534 --regid=65534 --clear-groups env TMPDIR="$tmp" \
		"$LESSON" --report "$scratch/secret.c" >"$out" 2>"$err" </dev/null
	rc=$?
	want_rc 1 "an unreadable file (as nobody)"
	said "secret.c: Permission denied" "an unreadable file (as nobody)"
	nothing_left "an unreadable file"
	chmod 700 "$scratch" && chmod 700 "$tmp"
else
	echo "badinput.sh: root, and the user nobody cannot run $LESSON: an unreadable file was not tried"
fi

# A compiled program, under its own name and under a .c name: named for what it is.
gcc "$hello" -o "$scratch/hello" 2>/dev/null || hard_error "gcc cannot link hello.c"
cp "$scratch/hello" "$scratch/prog.c"
for f in hello prog.c; do
	run "$scratch/$f"
	want_rc 1 "a compiled program ($f)"
	said "$f is an ELF file" "a compiled program ($f)"
	said "not C source" "a compiled program ($f)"
	nothing_left "a compiled program"
done

# An object file in a static library (ar archive).
gcc -c "$hello" -o "$scratch/hello.o" && ar rc "$scratch/libhello.a" "$scratch/hello.o" ||
	hard_error "cannot make an archive"
run "$scratch/libhello.a"
want_rc 1 "an archive"
said "ar archive" "an archive"

# Binary data after some text: the message says where the first NUL byte is.
prefix='int main(void) {'
printf '%s\000\001\002 return 0; }\n' "$prefix" >"$scratch/nul.c"
run --report "$scratch/nul.c"
want_rc 1 "a file with a NUL byte"
said "binary data (a NUL byte at offset ${#prefix})" "a file with a NUL byte"
nothing_left "a binary file"

# UTF-16 text (as some editors save it): say what to convert it with.
if command -v iconv >/dev/null 2>&1; then
	printf 'int main(void) { return 0; }\n' | iconv -f UTF-8 -t UTF-16 >"$scratch/wide.c" ||
		hard_error "iconv cannot write UTF-16"
	run "$scratch/wide.c"
	want_rc 1 "UTF-16 text"
	said "UTF-16" "UTF-16 text"
	said "iconv" "UTF-16 text"
fi

# A TMPDIR that cannot hold the walk directory: missing, a file, read-only.
TMPDIR=$scratch/no-such-dir "$LESSON" --report "$hello" >"$out" 2>"$err" </dev/null
rc=$?
want_rc 1 "a missing TMPDIR"
said "cannot create the walk directory under \$TMPDIR: No such file or directory" "a missing TMPDIR"
: >"$scratch/a-file"
TMPDIR=$scratch/a-file "$LESSON" --report "$hello" >"$out" 2>"$err" </dev/null
rc=$?
want_rc 1 "a TMPDIR that is a file"
said "Not a directory" "a TMPDIR that is a file"
mkdir "$scratch/ro"
if command -v unshare >/dev/null 2>&1 &&
	unshare -m sh -c "mount -t tmpfs -o ro,size=64k tmpfs '$scratch/ro'" 2>/dev/null; then
	unshare -m sh -c "mount -t tmpfs -o ro,size=64k tmpfs '$scratch/ro' &&
		TMPDIR='$scratch/ro' '$LESSON' --report '$hello'" >"$out" 2>"$err" </dev/null
	rc=$?
	want_rc 1 "a read-only TMPDIR"
	said "cannot create the walk directory under \$TMPDIR: Read-only file system" "a read-only TMPDIR"
else
	echo "badinput.sh: cannot mount a read-only tmpfs here: a read-only TMPDIR was not tried"
fi
run --keep /proc/cstages-keep --report "$hello"
want_rc 1 "--keep where nothing can be made"
said "cannot create the walk directory /proc/cstages-keep" "--keep where nothing can be made"

# A file named with a leading '-' reads as options: a usage error that says how to name it.
cp "$hello" "$scratch/-dash.c"
(cd "$scratch" && "$LESSON" -dash.c >"$out" 2>"$err" </dev/null)
rc=$?
want_rc 2 "a leading '-' without ./"
said "name it ./-dash.c" "a leading '-' without ./"

# --- files gcc takes, walked as results --------------------------------------------------

# An empty file is valid C for gcc -E, -S and -c, and fails to link: no main.
: >"$scratch/empty.c"
(cd "$scratch" && gcc -c empty.c -o empty.o && ! gcc empty.o -o empty 2>"$scratch/ld-err") ||
	hard_error "gcc did not take empty.c to an object file and fail to link it"
undef=$(grep -o "undefined reference to .main." "$scratch/ld-err" | head -n 1)
[ -n "$undef" ] || hard_error "the link of empty.o did not say what was undefined"
run --report "$scratch/empty.c"
want_rc 0 "an empty file"
[ "$(grep -c '^- Result: exit 0,' "$out")" -eq 3 ] || fail "an empty file: not three stages exit 0"
grep -qF "$undef" "$out" || fail "an empty file: the report lacks ld's '$undef'"
nothing_left "an empty file"

# Latin-1 text: gcc takes the bytes; the report shows them as <e9>, never as broken UTF-8.
printf '#include <stdio.h>\n/* caf\351 cr\350me */\nint main(void)\n{\n\tputs("caf\351");\n\treturn 0;\n}\n' \
	>"$scratch/latin1.c"
run --report "$scratch/latin1.c"
want_rc 0 "Latin-1 text"
all_stages_ran "Latin-1 text"
grep -qF 'caf<e9>' "$out" || fail "Latin-1 text: the program's output is not shown as caf<e9>"
clean_text "$out" "Latin-1 text"
"$LESSON" --headless=80x24 --keys='n n n' "$scratch/latin1.c" >"$scratch/latin1.screens" ||
	fail "Latin-1 text: the walkthrough exited $?"
for i in 0 1 2 3; do
	screen "$i" "$scratch/latin1.screens" >"$scratch/s"
	assert_fits "$scratch/s" 80 24 "Latin-1 text, screen $i"
done

# A file that is not C: read as C (-x c), the report says so, and gcc's error is shown.
printf 'import os\nprint("hello")\n' >"$scratch/script.py"
(cd "$scratch" && gcc -E -x c script.py -o script.i && ! gcc -S script.i -o script.s 2>"$scratch/cc-err") ||
	hard_error "gcc -x c accepted script.py"
gcc_error=$(grep -m 1 'error:' "$scratch/cc-err" | sed 's/.*error: //')
run --report "$scratch/script.py"
want_rc 0 "a file that is not C"
grep -qF -- '-x c' "$out" || fail "a file that is not C: the report does not say it was read as C"
grep -qF -- "$gcc_error" "$out" || fail "a file that is not C: gcc's '$gcc_error' is not in the report"
grep -q '^Not reached: the compile stage failed' "$out" || fail "a file that is not C: the later stages"

# A syntax error and a link error: results (status 0), with gcc's and ld's own words.
printf 'int main(void)\n{\n\treturn 0\n}\n' >"$scratch/syntax.c"
! gcc -S "$scratch/syntax.c" -o /dev/null 2>"$scratch/cc-err" || hard_error "gcc accepted syntax.c"
gcc_error=$(grep -m 1 'error:' "$scratch/cc-err" | sed 's/.*error: //')
run --report "$scratch/syntax.c"
want_rc 0 "a syntax error"
grep -qF -- "$gcc_error" "$out" || fail "a syntax error: gcc's '$gcc_error' is not in the report"
run --stage compile "$scratch/syntax.c"
want_rc 0 "--stage compile on a syntax error"
grep -qF -- "$gcc_error" "$out" || fail "--stage compile: gcc's '$gcc_error' is not shown"
printf 'int helper(void);\nint main(void)\n{\n\treturn helper();\n}\n' >"$scratch/nolink.c"
run --report "$scratch/nolink.c"
want_rc 0 "a link error"
grep -q 'undefined reference to .helper.' "$out" || fail "a link error: ld's message is not in the report"
nothing_left "a link error"

# A 1 MB source: walked like any other, and the walkthrough scrolls through it.
awk 'BEGIN {
	print "#include <stdio.h>"
	for (i = 0; i < 16000; i++)
		printf "/* line %05d: a comment to make the file big, as generated code can be */\n", i
	for (i = 0; i < 2000; i++)
		printf "int v%04d = %d;\n", i, i
	print "int main(void) { printf(\"%d\\n\", v1999); return 0; }"
}' >"$scratch/big.c"
[ "$(wc -c <"$scratch/big.c")" -ge 1000000 ] || hard_error "big.c is under 1 MB"
run --report "$scratch/big.c"
want_rc 0 "a 1 MB source"
all_stages_ran "a 1 MB source"
"$LESSON" --headless=80x24 --keys='<PgDn> <PgDn> <Tab> <PgDn> n <PgDn> n n' "$scratch/big.c" \
	>"$scratch/big.screens" || fail "a 1 MB source: the walkthrough exited $?"
[ "$(screen_count "$scratch/big.screens")" -eq 9 ] || fail "a 1 MB source: not 9 screens"
nothing_left "a 1 MB source"

# Awkward names: the report's commands, run by hand in a shell, make the same files.
nl='
'
n=0
for name in "two words.c" "it's \"quoted\".c" "-dash first.c" "naïve café.c" "new${nl}line.c"; do
	n=$((n + 1))
	cp "$hello" "$scratch/$name"
	(cd "$scratch" && TMPDIR=$tmp "$LESSON" --keep "kept$n" --report "./$name" >"$out" 2>"$err" </dev/null)
	rc=$?
	want_rc 0 "the name '$name'"
	all_stages_ran "the name '$name'"
	clean_text "$out" "the name '$name'"
	case $name in
	*"$nl"*) grep -qF 'new<U+000A>line.c' "$out" || fail "the newline in a name is not shown as <U+000A>"
		continue ;; # its commands cannot be pasted from a Markdown line
	esac
	mkdir "$scratch/byhand$n"
	sed -n 's/^- Command: `\(.*\)`$/\1/p' "$out" >"$scratch/commands"
	[ "$(wc -l <"$scratch/commands")" -ge 4 ] || fail "the name '$name': the report has too few commands"
	(cd "$scratch/byhand$n" && while read -r cmd; do eval "$cmd" || exit 1; done <"$scratch/commands") ||
		fail "the name '$name': a command from the report failed when run by hand"
	for f in "$scratch/kept$n"/*; do
		[ -f "$f" ] || continue
		# NAME.g.s is the line table's compile (-g), which records its directory, and
		# NAME.g.o that .s assembled for its DWARF (the variables in the .s); NAME.musl.o
		# is stage 5's compile of the source with musl-gcc -c, whose relocations are paired
		# with musl's program (no "Command:" line of the report makes it)
		case $f in *.g.s | *.g.o | *.musl.o) continue ;; *.i | *.s | *.o) ;; *) continue ;; esac
		cmp -s "$f" "$scratch/byhand$n/$(basename "$f")" ||
			fail "the name '$name': $(basename "$f") differs from what the report's command makes"
	done
done
nothing_left "awkward names"

# --- screens of every size ---------------------------------------------------------------

# Check every screen of headless dump $1 against the size in force: $2x$3 at the start, then
# whatever each <Resize:WxH> key set; $4 says what ran. One awk pass, in bytes (LC_ALL=C):
# a row's columns are its characters, counted as the bytes that do not continue a UTF-8
# sequence (the screens of hello.c hold no double-width characters).
fits_all() {
	LC_ALL=C awk -v w="$2" -v h="$3" -v what="$4" '
	function done_screen() {
		if (n != "" && rows > h) {
			printf "%s: screen %s has %d rows at %dx%d\n", what, n, rows, w, h
			bad = 1
		}
	}
	/^--- screen / {
		done_screen()
		if (match($0, /<Resize:[0-9]+x[0-9]+>/)) {
			split(substr($0, RSTART + 8, RLENGTH - 9), wh, "x"); w = wh[1] + 0; h = wh[2] + 0
		}
		n = $3; rows = 0
		next
	}
	{
		rows++
		row = $0
		gsub(/[\200-\277]/, "", row)
		if (length(row) > w) {
			printf "%s: screen %s row %d is %d columns at %dx%d: %s\n", what, n, rows, length(row), w, h, $0
			bad = 1
		}
	}
	END { done_screen(); if (n == "") { print what ": no screens"; bad = 1 }; exit bad }' "$1" \
		>"$scratch/fits" || fail "$(head -n 3 "$scratch/fits")"
}

# (The walks at every size, and the storm below, are independent: they start at once, side
# by side, and each is checked in turn.)
sizes='1x1 2x2 10x3 39x10 40x9 39x9 1000x3 3x1000 1000x1000'
for size in $sizes; do
	spawn "$scratch/tiny-$size" "$LESSON" --headless="$size" --keys='n ? x 4 <PgDn> <Tab> <Down> p' "$hello"
done
keys=$(awk 'BEGIN {
	srand(8); split("n p <Tab> <Down> <PgDn> 4 1 ?", k, " ")
	for (i = 0; i < 300; i++) {
		printf "<Resize:%dx%d> ", 1 + int(rand() * 250), 1 + int(rand() * 80)
		if (i % 3 == 0) printf "%s ", k[1 + int(rand() * 8)]
	}
	printf "<Resize:80x24>"
}')
spawn "$scratch/storm" "$LESSON" --headless=80x24 --keys="$keys" "$hello"
for size in $sizes; do
	w=${size%x*} h=${size#*x}
	reap "$scratch/tiny-$size" || fail "$size: the walkthrough exited $?"
	mv "$scratch/tiny-$size" "$scratch/tiny"
	[ "$(screen_count "$scratch/tiny")" -eq 9 ] || fail "$size: not 9 screens"
	fits_all "$scratch/tiny" "$w" "$h" "$size"
	if [ "$w" -ge 20 ] && [ "$h" -ge 2 ] && { [ "$w" -lt 40 ] || [ "$h" -lt 10 ]; }; then
		screen 0 "$scratch/tiny" >"$scratch/s"
		assert_has "$scratch/s" "too small" "$size"
	fi
done

# A storm of resizes, with keys between them, then 80x24: every screen fits, and the last one
# is the walkthrough again.
reap "$scratch/storm" || fail "a resize storm: exited $?"
fits_all "$scratch/storm" 80 24 "a resize storm"
last=$(($(screen_count "$scratch/storm") - 1))
screen "$last" "$scratch/storm" >"$scratch/s"
assert_lacks "$scratch/s" "too small" "after a resize storm, at 80x24"
assert_has "$scratch/s" "q quit" "after a resize storm, at 80x24"
head -n 1 "$scratch/s" | grep -q 'Preprocess' || fail "after a resize storm: no stage bar: $(cat "$scratch/s")"

# --- a real terminal (tmux) --------------------------------------------------------------

if ! command -v tmux >/dev/null 2>&1; then
	echo "badinput.sh: tmux not installed (apt-get install tmux): the terminal cases were not tried"
	exit 0
fi
printf 'set -g history-limit 100000\n' >"$scratch/tmux.conf"
T() {
	tmux -u -S "$sock" -f "$scratch/tmux.conf" "$@"
}
capture() {
	T capture-pane -p -S - -t bad
}
see() {
	wait_for 600 "$1" capture || fail "tmux: '$1' never showed ($2):
$(capture | tail -n 30)"
}
# Start a 100x30 session running a script that prints the terminal's settings before and
# after lesson, so a test can see that lesson gave the terminal back as it found it. Each on a
# new server: the last one may still be exiting after stop.
start() {
	sock=$(tmux_socket "$scratch")
	cat >"$scratch/run" <<EOF
before=\$(stty -g)
$1
echo EXITED-\$?
if [ "\$(stty -g)" = "\$before" ]; then echo TTY-SAME; else echo TTY-CHANGED; fi
exec cat
EOF
	T new-session -d -s bad -x "${2:-100}" -y "${3:-30}" "TMPDIR='$tmp' sh '$scratch/run'" ||
		hard_error "tmux cannot start a session"
}
stop() {
	T kill-server 2>/dev/null
}

# TERM unset or dumb on a terminal: the report instead of the walkthrough, and why.
for term in unset dumb; do
	if [ "$term" = unset ]; then cmd="env -u TERM '$LESSON' '$hello'"; else cmd="TERM=dumb '$LESSON' '$hello'"; fi
	start "$cmd"
	see "EXITED-0" "TERM $term"
	see "TTY-SAME" "TERM $term: the terminal as it was"
	if [ "$term" = unset ]; then why="TERM is not set"; else why="TERM is dumb"; fi
	capture | grep -qF "$why, so here is the report" || fail "TERM $term: no word of why: $(capture | head)"
	capture | grep -q '^## 4\. Link' || fail "TERM $term: no report on the terminal"
	stop
	nothing_left "TERM $term"
done

# A bad file on a terminal: the message, status 1, the terminal untouched.
start "'$LESSON' '$scratch/hello'"
see "EXITED-1" "a compiled program on a terminal"
see "TTY-SAME" "a compiled program on a terminal"
capture | grep -qF "is an ELF file" || fail "a compiled program on a terminal: no message"
stop

# A 20x5 terminal says it is too small; q still quits and gives the terminal back.
start "'$LESSON' '$hello'" 20 5
see "too small" "a 20x5 terminal"
T send-keys -t bad q
see "EXITED-0" "q on a 20x5 terminal"
see "TTY-SAME" "q on a 20x5 terminal"
stop

# Storms: fifty resizes as fast as tmux makes them, then a hundred SIGWINCHs; the walkthrough
# still answers keys, fits 100x30, and q leaves the terminal as it was.
start "sh -c 'echo \$\$ >\"\$1\"; shift; exec \"\$@\"' sh '$scratch/pid' '$LESSON' '$hello'"
see "q quit" "the walkthrough in tmux"
i=0
while [ $i -lt 50 ]; do
	T resize-window -t bad -x $((10 + i * 37 % 190)) -y $((3 + i * 13 % 60)) 2>/dev/null
	i=$((i + 1))
done
T resize-window -t bad -x 100 -y 30 || hard_error "tmux resize-window failed"
pid=$(cat "$scratch/pid") && [ -n "$pid" ] || fail "the process ID of lesson in tmux is unknown"
i=0
while [ $i -lt 100 ]; do
	kill -WINCH "$pid" 2>/dev/null || fail "lesson died in a SIGWINCH storm"
	i=$((i + 1))
done
T send-keys -t bad 4
see "[4 Link" "4 after the storms"
T capture-pane -p -t bad >"$scratch/s"
assert_fits "$scratch/s" 100 30 "after the storms"
assert_lacks "$scratch/s" "too small" "after the storms, at 100x30"
T send-keys -t bad q
see "EXITED-0" "q after the storms"
see "TTY-SAME" "q after the storms"
stop
nothing_left "the terminal cases"
exit 0
