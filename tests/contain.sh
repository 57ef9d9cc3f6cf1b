#!/bin/sh
# contain.sh: lesson writes only where it chooses, says what happened in words that agree, and
# leaves nothing behind (issue 17, items 3, 4, 6, 8 and 9):
#  - a reader that stops early (lesson --report | head -n 1, --json | head -c 10, --stage,
#    --headless, --report --topic): TMPDIR is empty afterwards, stderr is empty, and lesson
#    ends as a filter does, killed by SIGPIPE (status 141) when its output did not fit in the
#    pipe, else 0;
#  - link arguments that would choose where a link writes or what it makes (-o FILE, -oFILE,
#    --output, -Wl,-o, -Xlinker -o, -c, -S, -E, -shared, -save-temps, the -M options, -r,
#    --help, -###, @FILE, ...) are refused with exit status 2 and a sentence saying lesson
#    chooses where each link writes; nothing is written at the path they named and nothing
#    runs; -v, -pipe and -lm are taken;
#  - a symbolic link link.c -> notes.txt is walked as link.c (gcc is given that name, so it
#    reads C), every stage succeeds and the program prints what gcc's own build of it prints;
#    a compiler that exits 0 and makes nothing is reported as such ("exit 0, but it made no
#    hello.i"), never as "failed (exit 0)" alone;
#  - a HOME that does not exist, or the directory above XDG_STATE_HOME, is never made; a home
#    without .local still keeps progress;
#  - backticks in a file name: the report's code spans hold the whole name (a longer backtick
#    run), and pandoc, when installed, renders every mention of it whole.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
use_utf8_locale
scratch=$(make_scratch contain)
trap 'rm -rf "$scratch"' EXIT
tmp=$scratch/tmp
mkdir "$tmp" || hard_error "mkdir failed"
hello=$(abs_path "$top_srcdir/samples/hello.c")
out=$scratch/out err=$scratch/err

nothing_left() {
	[ -z "$(ls -A "$tmp")" ] || fail "$1: left $(ls -A "$tmp") in TMPDIR"
}

# Run lesson with TMPDIR=$tmp, no stdin, stdout in $out and stderr in $err; rc is its status.
run() {
	TMPDIR=$tmp "$LESSON" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
}

# --- a reader that stops early --------------------------------------------------------------

# early DESC READER ARG...: lesson ARG... | READER. Its whole output, from a run into a file,
# says whether it could fit in the pipe (64 KiB) once the reader stopped: if not, the write
# fails and lesson must die of SIGPIPE (141); else it may also finish first (0).
early() {
	e_desc=$1 e_reader=$2
	shift 2
	run "$@"
	[ "$rc" -eq 0 ] || fail "$e_desc: the whole run exited $rc: $(cat "$err")"
	e_size=$(wc -c <"$out")
	nothing_left "$e_desc (read whole)"
	{
		TMPDIR=$tmp "$LESSON" "$@" 2>"$err" </dev/null
		echo $? >"$scratch/rc"
	} | $e_reader >/dev/null
	rc=$(cat "$scratch/rc")
	if [ "$e_size" -gt 131072 ]; then
		[ "$rc" -eq 141 ] || fail "$e_desc: exit status $rc, want 141 (SIGPIPE) for $e_size bytes"
	else
		[ "$rc" -eq 141 ] || [ "$rc" -eq 0 ] || fail "$e_desc: exit status $rc, want 141 or 0"
	fi
	[ ! -s "$err" ] || fail "$e_desc: it said: $(cat "$err")"
	nothing_left "$e_desc"
}
early "--report | head -n 1" "head -n 1" --report "$hello"
early "--json | head -c 10" "head -c 10" --json "$hello"
early "--stage link FILE | head -n 1" "head -n 1" --stage link "$hello"
early "--headless | head -n 1" "head -n 1" --headless=80x24 --keys='n n n' "$hello"
early "--report --topic libraries | head -n 1" "head -n 1" --report --topic libraries
# the reader gone before anything is written
early "--report | true" "true" --report "$hello"

# --- link arguments that write elsewhere --------------------------------------------------

target=$scratch/target
refused() {
	# shellcheck disable=SC2086 # the words are the arguments
	run --report "$hello" -- $1
	[ "$rc" -eq 2 ] || fail "-- $1: exit status $rc, want 2: $(head -c 300 "$out") $(cat "$err")"
	grep -qF "lesson chooses where each link writes" "$err" || fail "-- $1: the message: $(cat "$err")"
	grep -qF "'$2'" "$err" || fail "-- $1: the message does not name '$2': $(cat "$err")"
	grep -q "^Try 'lesson --help'" "$err" || fail "-- $1: no pointer to --help: $(cat "$err")"
	[ ! -s "$out" ] || fail "-- $1: a report was written"
	[ ! -e "$target" ] || fail "-- $1: $target was written"
	nothing_left "-- $1"
}
refused "-o $target" "-o $target"
refused "-o$target" "-o$target"
refused "--output=$target" "--output=$target"
refused "--output $target" "--output $target"
refused "-Wl,-o,$target" "-Wl,-o,$target"
refused "-Wl,-o$target" "-Wl,-o$target"
refused "-Wl,--output=$target" "-Wl,--output=$target"
refused "-Wl,--output,$target" "-Wl,--output,$target"
refused "-Wl,--outp=$target" "-Wl,--outp=$target"
refused "-Xlinker -o -Xlinker $target" "-Xlinker -o"
refused "-Xlinker --output=$target" "-Xlinker --output=$target"
refused "-Wl,-Map,$target" "-Wl,-Map,$target"
refused "-Wl,-Map=$target" "-Wl,-Map=$target"
refused "-lm -c" "-c"
refused "-S" "-S"
refused "-E" "-E"
refused "-shared" "-shared"
refused "-Wl,-shared" "-Wl,-shared"
refused "-r" "-r"
refused "-Wl,-r" "-Wl,-r"
refused "-Wl,--relocatable" "-Wl,--relocatable"
refused "-save-temps" "-save-temps"
refused "-save-temps=obj" "-save-temps=obj"
refused "-M" "-M"
refused "-MM" "-MM"
refused "-MD" "-MD"
refused "-MMD" "-MMD"
refused "-MF $target" "-MF $target"
refused "-MT $target" "-MT $target"
refused "-MQ $target" "-MQ $target"
refused "-Wp,-MD,$target" "-Wp,-MD,$target"
refused "-Wa,-o,$target" "-Wa,-o,$target"
refused "-dumpdir $scratch/" "-dumpdir $scratch/"
refused "-fdump-tree-all=$target" "-fdump-tree-all=$target"
refused "-fsyntax-only" "-fsyntax-only"
refused "--help" "--help"
refused "--version" "--version"
refused "-###" "-###"
refused "-print-search-dirs" "-print-search-dirs"
refused "-dumpspecs" "-dumpspecs"
refused "-Wl,--version" "-Wl,--version"
refused "-Wl,--help" "-Wl,--help"
printf -- '-o %s\n' "$target" >"$scratch/args"
refused "@$scratch/args" "@$scratch/args"
# the same check before --stage's walk
run --stage link "$hello" -- -o "$target"
[ "$rc" -eq 2 ] || fail "--stage link -- -o: exit status $rc, want 2"
[ ! -e "$target" ] || fail "--stage link -- -o: $target was written"
nothing_left "--stage link -- -o"

# Taken: -v (gcc shows the commands it runs, and links), -pipe, -lm.
run --report "$hello" -- -v -pipe -lm
[ "$rc" -eq 0 ] || fail "-- -v -pipe -lm: exit status $rc: $(cat "$err")"
grep -q '^- Command: `gcc hello.o -o hello -v -pipe -lm`$' "$out" ||
	fail "-- -v -pipe -lm: the dynamic link's command: $(grep '^- Command: `gcc hello.o' "$out")"
grep -q 'collect2' "$out" || fail "-- -v: gcc's -v account of collect2 is not in the report"
nothing_left "-- -v -pipe -lm"

# --- a symbolic link whose target is not named .c ------------------------------------------

mkdir "$scratch/sym" || hard_error "mkdir failed"
cp "$hello" "$scratch/sym/notes.txt"
ln -s notes.txt "$scratch/sym/link.c"
symdir=$(cd "$scratch/sym" && pwd -P)
run --report "$scratch/sym/link.c"
[ "$rc" -eq 0 ] || fail "link.c -> notes.txt: exit status $rc: $(cat "$err")"
grep -qF -- "- Command: \`gcc -E $symdir/link.c -o link.i\`" "$out" ||
	fail "link.c -> notes.txt: gcc is not given link.c: $(grep '^- Command' "$out" | head -n 1)"
[ "$(grep -c '^- Result: exit 0,' "$out")" -ge 4 ] ||
	fail "link.c -> notes.txt: not every stage exited 0: $(grep '^- Result' "$out")"
if grep -q '^Not reached' "$out"; then
	fail "link.c -> notes.txt: $(grep '^Not reached' "$out" | head -n 1)"
fi
# what the program prints, built by hand from the link's name
(cd "$scratch/sym" && gcc link.c -o byhand && ./byhand >"$scratch/byhand.out" </dev/null) ||
	hard_error "gcc could not build link.c by hand"
first=$(head -n 1 "$scratch/byhand.out")
[ -n "$first" ] || hard_error "hello.c printed nothing when built by hand"
grep -qxF -- "$first" "$out" || fail "link.c -> notes.txt: the program's output ('$first') is not in the report"
nothing_left "link.c -> notes.txt"
# libclang's parse of it too: the JSON names the functions of the source
run --json "$scratch/sym/link.c"
[ "$rc" -eq 0 ] || fail "link.c -> notes.txt --json: exit status $rc"
nothing_left "link.c -> notes.txt --json"

# A compiler that exits 0 and makes nothing: the result says so, never "failed (exit 0)".
mkdir "$scratch/bin" || hard_error "mkdir failed"
printf '#!/bin/sh\nexit 0\n' >"$scratch/bin/qcc"
chmod +x "$scratch/bin/qcc"
PATH=$scratch/bin:$PATH
run --report --cc qcc "$hello"
[ "$rc" -eq 0 ] || fail "a compiler that makes nothing: exit status $rc: $(cat "$err")"
grep -q '^- Result: exit 0, but it made no hello\.i, in ' "$out" ||
	fail "a compiler that makes nothing: the result: $(grep '^- Result' "$out")"
grep -q '^Not reached: the preprocess stage failed (exit 0, but it made no hello\.i)\.$' "$out" ||
	fail "a compiler that makes nothing: the later stages: $(grep '^Not reached' "$out" | head -n 1)"
if grep -q 'failed (exit 0)' "$out"; then
	fail "a compiler that makes nothing: 'failed (exit 0)' without a reason"
fi
TMPDIR=$tmp "$LESSON" --headless=200x50 --cc qcc "$hello" >"$out" 2>"$err" </dev/null ||
	fail "a compiler that makes nothing, headless: exit status $?"
assert_has "$out" "qcc failed: exit 0, but it made no hello.i" "a compiler that makes nothing, on screen"
nothing_left "a compiler that makes nothing"

# --- a HOME that does not exist -----------------------------------------------------------

env -u XDG_STATE_HOME -u CSTAGES_NO_PROGRESS HOME="$scratch/nonexistent/x" TMPDIR="$tmp" \
	"$LESSON" --headless=100x30 --keys='2' "$hello" >/dev/null 2>"$err" </dev/null ||
	fail "HOME=$scratch/nonexistent/x: exit status $?: $(cat "$err")"
[ ! -e "$scratch/nonexistent" ] || fail "HOME=$scratch/nonexistent/x was made: $(find "$scratch/nonexistent")"
env -u CSTAGES_NO_PROGRESS XDG_STATE_HOME="$scratch/gone/state" TMPDIR="$tmp" \
	"$LESSON" --headless=100x30 --keys='2' "$hello" >/dev/null 2>"$err" </dev/null ||
	fail "XDG_STATE_HOME=$scratch/gone/state: exit status $?: $(cat "$err")"
[ ! -e "$scratch/gone" ] || fail "the directory above XDG_STATE_HOME was made: $(find "$scratch/gone")"
# a home that exists, without .local: progress is kept in it
mkdir "$scratch/home" || hard_error "mkdir failed"
env -u XDG_STATE_HOME -u CSTAGES_NO_PROGRESS HOME="$scratch/home" TMPDIR="$tmp" \
	"$LESSON" --headless=100x30 --keys='2' "$hello" >/dev/null 2>"$err" </dev/null ||
	fail "HOME without .local: exit status $?: $(cat "$err")"
grep -qx 'stage:compile' "$scratch/home/.local/state/cstages/progress" 2>/dev/null ||
	fail "HOME without .local: no progress kept in it"
nothing_left "HOME that does not exist"

# --- backticks in a file name -------------------------------------------------------------

mkdir "$scratch/ticks" || hard_error "mkdir failed"
have_pandoc=0
command -v pandoc >/dev/null 2>&1 && have_pandoc=1
[ "$have_pandoc" = 1 ] || echo "contain.sh: pandoc not installed: the report's code spans were checked as text only"
for name in 'a`b``c.c' '`tick.c' 'tick`.c'; do
	cp "$hello" "$scratch/ticks/$name"
	(cd "$scratch/ticks" && TMPDIR=$tmp "$LESSON" --report "$name" >"$out" 2>"$err" </dev/null)
	rc=$?
	[ "$rc" -eq 0 ] || fail "the name $name: exit status $rc: $(cat "$err")"
	nothing_left "the name $name"
	# the longest backtick run in the name, and the run that must open its span: one longer
	run=$(printf '%s' "$name" | awk '{ n = 0; for (i = 1; i <= length($0); i++) if (substr($0, i, 1) == "`") { c++; if (c > n) n = c } else c = 0; print n }')
	fence=$(printf "%$((run + 1))s" '' | tr ' ' '`')
	case $name in '`'* | *'`') pad=' ' ;; *) pad='' ;; esac
	head -n 1 "$out" | grep -qxF "# $fence$pad$name$pad$fence through gcc's four stages" ||
		fail "the name $name: the title's span: $(head -n 1 "$out")"
	grep -qF -- "- Command: ${fence}gcc -E " "$out" ||
		fail "the name $name: the command's span: $(grep -m 1 '^- Command' "$out")"
	if [ "$have_pandoc" = 1 ]; then
		# every mention (in code, or escaped in prose) renders as the whole name
		esc=$(printf '%s' "$name" | sed 's/`/\\`/g')
		want=$(grep -oF -e "$name" -e "$esc" "$out" | wc -l)
		for from in commonmark gfm markdown; do
			got=$(pandoc -f "$from" -t plain "$out" 2>/dev/null | grep -oF -- "$name" | wc -l)
			[ "$got" -eq "$want" ] ||
				fail "the name $name: pandoc -f $from shows it whole $got times, the report names it $want times"
		done
	fi
done
exit 0
