#!/bin/bash
# cli.sh: the command line as a user meets it: --help, --version, --stage (and that it runs
# no toolchain and loads no libclang), usage errors and their exit statuses, bad input files,
# the report when stdout is not a terminal, --keep, and that nothing is left in $TMPDIR,
# even when the run is interrupted by a signal.
. "${top_srcdir:-.}/tests/lib.sh"

: "${LESSON:?LESSON must name the lesson binary}"
src=${top_srcdir:-.}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cli-test.XXXXXX")
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
hello=$src/samples/hello.c
# nss.c's walk (checked below) waits seconds for a program's time limit: it starts now, beside
# the rest.
nss=$(abs_path "$top_srcdir/samples/nss.c")
spawn "$scratch/nss.md" "$LESSON" --report "$nss"

# --help and --version, GNU style, on stdout with status 0
out=$("$LESSON" --help) || fail "--help exited $?"
echo "$out" | grep -q '^Usage: lesson ' || fail "--help has no Usage line"
echo "$out" | grep -q -- '--stage' || fail "--help does not mention --stage"
version=$(sed -n 's/^AC_INIT(\[cstages\], \[\([^]]*\)\].*/\1/p' "$src/configure.ac")
[ -n "$version" ] || fail "cannot read the version from configure.ac"
first=$("$LESSON" --version | head -n 1)
[ "$first" = "lesson (cstages) $version" ] || fail "--version says '$first'"

# --stage prints the lesson, plain in a pipe; it needs no compiler (PATH is empty)
for stage in preprocess compile assemble link run; do
	title=$(sed -n 's/^# //p' "$src/lessons/$stage.md" | head -n 1)
	out=$(PATH=/nonexistent "$LESSON" --stage "$stage") || fail "--stage $stage exited $?"
	echo "$out" | grep -qF "$title" || fail "--stage $stage lacks its title '$title'"
	if printf '%s' "$out" | grep -q "$(printf '\033')"; then fail "--stage $stage wrote escapes to a pipe"; fi
done
# ... and loads no libclang and no curses terminal set-up (the loader tells which files open)
LD_DEBUG=files "$LESSON" --stage link 2>"$scratch/ld.log" >/dev/null || fail "--stage link failed under LD_DEBUG"
if grep -q 'libclang' "$scratch/ld.log"; then fail "--stage loaded libclang"; fi
LD_DEBUG=files "$LESSON" --stage run 2>"$scratch/ld.log" >/dev/null || fail "--stage run failed under LD_DEBUG"
if grep -q 'libclang' "$scratch/ld.log"; then fail "--stage run loaded libclang"; fi

# usage errors: status 2 and a message that helps
"$LESSON" --stage linking >"$scratch/out" 2>"$scratch/err"; rc=$?
[ $rc -eq 2 ] || fail "unknown stage exited $rc, want 2"
grep -q "unknown stage 'linking'" "$scratch/err" || fail "unknown stage message: $(cat "$scratch/err")"
grep -q 'preprocess, compile, assemble, link' "$scratch/err" || fail "valid stages not listed"
"$LESSON" --no-such-option >/dev/null 2>"$scratch/err"; rc=$?
[ $rc -eq 2 ] || fail "unknown option exited $rc, want 2"
grep -q "lesson --help" "$scratch/err" || fail "unknown option gives no hint"
# two files are one program now: missing ones are an input error (1), named
"$LESSON" a.c b.c >/dev/null 2>"$scratch/err"; rc=$?
[ $rc -eq 1 ] && grep -q "cannot read a.c" "$scratch/err" || fail "two missing files: exit $rc: $(cat "$scratch/err")"

# bad input files: status 1, the file named, nothing left behind
mkdir "$scratch/tmp"
TMPDIR=$scratch/tmp "$LESSON" "$scratch/missing.c" >/dev/null 2>"$scratch/err"; rc=$?
[ $rc -eq 1 ] || fail "missing file exited $rc, want 1"
grep -q "missing.c: No such file or directory" "$scratch/err" || fail "missing file: $(cat "$scratch/err")"
TMPDIR=$scratch/tmp "$LESSON" "$scratch" >/dev/null 2>"$scratch/err"; rc=$?
[ $rc -eq 1 ] || fail "a directory exited $rc, want 1"
grep -q "is a directory" "$scratch/err" || fail "directory: $(cat "$scratch/err")"
[ -z "$(ls -A "$scratch/tmp")" ] || fail "bad input left $(ls "$scratch/tmp") behind"

# an unwritable TMPDIR is reported (root may write anywhere, so only when it really fails)
mkdir "$scratch/ro" && chmod 500 "$scratch/ro"
if ! touch "$scratch/ro/probe" 2>/dev/null; then
	TMPDIR=$scratch/ro "$LESSON" "$hello" >/dev/null 2>"$scratch/err"; rc=$?
	[ $rc -eq 1 ] || fail "unwritable TMPDIR exited $rc, want 1"
	grep -q "cannot create the walk directory" "$scratch/err" || fail "unwritable TMPDIR: $(cat "$scratch/err")"
fi
rm -f "$scratch/ro/probe"

# not a terminal: the report, and the temporary directory is gone afterwards
TMPDIR=$scratch/tmp "$LESSON" </dev/null >"$scratch/report.md" || fail "lesson in a pipe exited $?"
grep -q '^## 4\. Link' "$scratch/report.md" || fail "no report when stdout is a file"
[ -z "$(ls -A "$scratch/tmp")" ] || fail "the walk left $(ls "$scratch/tmp") behind"

# --keep keeps every artifact, named after the source, as the report says
"$LESSON" --keep "$scratch/kept" --report "$hello" >"$scratch/kept.md" 2>/dev/null || fail "--keep exited $?"
for f in hello.i hello.s hello.o hello hello-static; do
	[ -f "$scratch/kept/$f" ] || fail "--keep did not keep $f"
done

# a signal during the walk: the program dies of it and leaves nothing behind
for sig in INT TERM HUP; do
	mkdir -p "$scratch/sig"
	TMPDIR=$scratch/sig "$LESSON" --report "$hello" >/dev/null 2>&1 &
	pid=$!
	n=0
	while [ -z "$(ls -A "$scratch/sig" 2>/dev/null)" ] && [ $n -lt 1000 ]; do
		sleep 0.01; n=$((n + 1))
	done
	kill -$sig $pid
	wait $pid; rc=$?
	want=$((128 + $(kill -l $sig)))
	[ $rc -eq $want ] || [ $rc -eq 0 ] || fail "SIG$sig: exit status $rc, want $want"
	[ -z "$(ls -A "$scratch/sig")" ] || fail "SIG$sig left $(ls "$scratch/sig") behind"
done

# -O LEVEL reaches the compile stage (and the musl build, which compiles from the source);
# gcc's own verdict: the .s made by hand at that level is the same file
"$LESSON" --report -O2 --keep "$scratch/o2" "$hello" >"$scratch/o2.md" || fail "-O2 exited $?"
grep -q '^- Command: `gcc -S -O2 hello.i -o hello.s`$' "$scratch/o2.md" || fail "-O2 not on the compile command"
if grep -q '^- Command: `musl-gcc ' "$scratch/o2.md"; then
	grep -q '^- Command: `musl-gcc -static -O2 ' "$scratch/o2.md" || fail "-O2 not on the musl build"
fi
(cd "$scratch/o2" && gcc -S -O2 hello.i -o by-hand.s) && cmp -s "$scratch/o2/hello.s" "$scratch/o2/by-hand.s" ||
	fail "the -O2 .s is not gcc -S -O2's"
for bad in 4 fast x ''; do
	"$LESSON" --report -O "$bad" "$hello" >/dev/null 2>"$scratch/err"
	rc=$?
	[ $rc -eq 2 ] || fail "-O '$bad': exit status $rc, want 2"
	grep -q "^lesson: -O takes 0, 1, 2, 3, s or g, not '$bad'" "$scratch/err" || fail "-O '$bad': $(cat "$scratch/err")"
done

# Progress: what the walkthrough showed is kept in $XDG_STATE_HOME/cstages/progress (mode
# 0600) and marked by lesson --list; CSTAGES_NO_PROGRESS (the tests' default) keeps nothing.
state=$scratch/state
mkdir "$state"
env -u CSTAGES_NO_PROGRESS XDG_STATE_HOME="$state" "$LESSON" --headless=100x30 --keys='2' "$hello" \
	>/dev/null 2>&1 || fail "headless run for progress exited $?"
[ "$(stat -c %a "$state/cstages/progress" 2>/dev/null)" = 600 ] ||
	fail "progress: $state/cstages/progress is missing or not mode 0600"
for k in stage:preprocess stage:compile lesson:preprocess lesson:compile; do
	grep -qx "$k" "$state/cstages/progress" || fail "progress: $k not kept: $(cat "$state/cstages/progress")"
done
grep -q 'stage:link' "$state/cstages/progress" && fail "progress: the link stage was never shown"
env -u CSTAGES_NO_PROGRESS XDG_STATE_HOME="$state" LC_ALL=C "$LESSON" --list >"$scratch/list" ||
	fail "--list with progress exited $?"
grep -q '^ 2 stage  preprocess  *+ ' "$scratch/list" || fail "--list: preprocess not marked seen: $(sed -n 3p "$scratch/list")"
grep -q '^ 6 stage  link  *[^+ ]' "$scratch/list" || fail "--list: link marked seen: $(grep ' link ' "$scratch/list")"
XDG_STATE_HOME="$scratch/state2" "$LESSON" --headless=100x30 --keys='2' "$hello" >/dev/null 2>&1
[ ! -e "$scratch/state2" ] || fail "CSTAGES_NO_PROGRESS=$CSTAGES_NO_PROGRESS still wrote $scratch/state2"

# Several files: the first is walked stage by stage, the others compiled with gcc -c and
# linked with it; every link runs, and the program prints what gcc main.c util.c's does.
multi=$(abs_path "$top_srcdir/samples/multi")
"$LESSON" --report "$multi/main.c" "$multi/util.c" >"$scratch/multi.md" || fail "main.c util.c exited $?"
grep -q '^- Also: `gcc -c [^`]*util.c -o util.o`: exit 0' "$scratch/multi.md" || fail "main.c util.c: util.c's compile"
grep -q '^- Command: `gcc main.o util.o -o main`$' "$scratch/multi.md" || fail "main.c util.c: the dynamic link"
(cd "$scratch" && gcc -I"$multi" "$multi/main.c" "$multi/util.c" -o multi-by-hand && ./multi-by-hand </dev/null >multi.out) ||
	hard_error "gcc main.c util.c failed by hand"
grep -qF "$(head -n 1 "$scratch/multi.out")" "$scratch/multi.md" || fail "main.c util.c: the program's output"
# util_clamp, which util.c defines, is resolved at link time by util.o, not at run time
sed -n '/^### The dynamic link$/,/^### The static link$/p' "$scratch/multi.md" >"$scratch/multi-dyn.md"
sed -n '/^Resolved at link time/,/^Who resolves/p' "$scratch/multi-dyn.md" |
	grep -q '^| `util_clamp` | `util.o` |$' ||
	fail "main.c util.c: util_clamp is not said to come from util.o at link time"
sed -n '/^Who resolves each undefined symbol/,$p' "$scratch/multi-dyn.md" | grep -q '`util_clamp`' &&
	fail "main.c util.c: util_clamp is listed as resolved at run time"
"$LESSON" --report "$multi/main.c" "$scratch/no-such.c" >/dev/null 2>"$scratch/err"
rc=$?
[ $rc -eq 1 ] && grep -q "cannot read $scratch/no-such.c" "$scratch/err" || fail "a missing second file: $rc $(cat "$scratch/err")"

# The linker's warnings explained in place: each function glibc warns about in the static
# link of nss.c, at the line where the source calls it, with the lesson that covers it.
reap "$scratch/nss.md" || fail "nss.c exited $?"
warned=$(sed -n '/^### The static link$/,/^### The static-pie link$/p' "$scratch/nss.md" |
	grep -o "Using '[a-z_]*'" | sort -u | sed "s/Using '\(.*\)'/\1/")
[ -n "$warned" ] || hard_error "glibc gave no static-link warning for nss.c"
for fn in $warned; do
	line=$(grep -n "[^a-z_]$fn(" "$nss" | grep -v '^[0-9]*: *\*' | head -n 1 | cut -d: -f1)
	grep -q "^- \*\*glibc's static-link warning\*\* \`$fn\` at line $line:[0-9]* in main: .*lesson --topic glibc-static" "$scratch/nss.md" ||
		fail "nss.c: glibc's warning about $fn is not explained at line $line: $(grep -m1 "static-link warning.*$fn" "$scratch/nss.md" | cut -c 1-120)"
done

# link arguments after -- reach the linker (zlib's own example, when zlib1g-dev is there)
zpipe=/usr/share/doc/zlib1g-dev/examples/zpipe.c
if [ -r "$zpipe" ]; then
	"$LESSON" --report "$zpipe" -- -lz >"$scratch/z.md" || fail "zpipe.c -- -lz exited $?"
	grep -q 'gcc zpipe.o -o zpipe -lz' "$scratch/z.md" || fail "-lz not on the link command"
	grep -q 'libz\.so' "$scratch/z.md" || fail "libz.so not in the zpipe report"
else
	echo "cli.sh: $zpipe missing (apt-get install zlib1g-dev); the -lz case was not tried"
fi
echo "cli.sh: all checks passed"
