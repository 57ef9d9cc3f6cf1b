#!/bin/sh
# liveown.sh: a live block whose sample is "." is the program being walked. The Run lesson's
# worked relocation, in the walkthrough's lesson pane beside a program of the test's own, is
# that program's: its numbers are the ones objdump -dr, objdump -d, readelf -rW and nm give
# for it. Read alone (--stage run) the lesson shows the commands for samples/hello.c, and
# --report --topic run fills the block from a walk of hello.c.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd objdump
need_cmd readelf
need_cmd nm
use_utf8_locale
src=${top_srcdir:-.}
scratch=$(make_scratch liveown)
trap 'rm -rf "$scratch"' EXIT

# A call to a function of its own first, then one into the C library.
cat >"$scratch/ownprog.c" <<'EOF'
#include <stdio.h>

int twice(int x)
{
	return 2 * x;
}

int main(void)
{
	int n = twice(21);
	puts("my own program");
	return n == 42 ? 0 : 1;
}
EOF
mkdir "$scratch/hand" || hard_error "mkdir failed"
build_by_hand "$scratch/hand" "$scratch/ownprog.c"
[ -x "$scratch/hand/ownprog" ] || skip "gcc cannot link a dynamic program here"

# The oracles: the .o's relocation for puts, the program's call, its PLT entry, its GOT slot.
hex() { printf '0x%x' "$((0x$1))"; }
r_off=$(objdump -dr "$scratch/hand/ownprog.o" | awk '/R_X86_64_PLT32[ \t]+puts-0x4/ { sub(":", "", $1); print $1; exit }')
[ -n "$r_off" ] || fail "objdump -dr lists no R_X86_64_PLT32 for puts in ownprog.o"
call=$(objdump -d "$scratch/hand/ownprog" | grep -m 1 'call.*<puts@plt>') ||
	fail "objdump -d shows no call to puts@plt in ownprog"
at=$(printf '%s\n' "$call" | awk '{ sub(":", "", $1); print $1 }')
bytes=$(printf '%s\n' "$call" | awk -F'\t' '{ gsub(/ +$/, "", $2); print $2 }')
plt=$(printf '%s\n' "$call" | awk '{ for (i = 1; i <= NF; i++) if ($i == "call") { print $(i + 1); exit } }')
slot=$(readelf -rW "$scratch/hand/ownprog" | awk '/R_X86_64_JUMP_SLOT/ && / puts@/ { print $1; exit }')
[ -n "$at" ] && [ -n "$bytes" ] && [ -n "$plt" ] && [ -n "$slot" ] ||
	fail "cannot read the call to puts in objdump -d or its slot in readelf -rW:
$call"
at_x=$(hex "$at")
p_x=$(printf '0x%x' "$((0x$at + 1))")
plt_x=$(hex "$plt")
slot_x=$(hex "$slot")

# The walkthrough at stage 5, the lesson pane focused and searched to the worked relocation.
(cd "$scratch" && "$LESSON" --headless=200x50 \
	--keys='5 <Tab> /first<Space>call<Space>through<Enter>' ownprog.c) \
	>"$scratch/screens" 2>"$scratch/err" || fail "lesson exited $?: $(cat "$scratch/err")"
last=$(($(screen_count "$scratch/screens") - 1))
screen "$last" "$scratch/screens" >"$scratch/last"
# the lesson pane is the rightmost: what follows the last pane border on each row, joined
awk -F'││' 'NF > 1 { t = $NF; sub(/│ *$/, "", t); print t }' "$scratch/last" |
	tr -s ' \n' '  ' >"$scratch/pane"
grep -qF 'for your program ownprog.c:' "$scratch/pane" ||
	fail "the worked relocation is not said to be ownprog.c's:
$(cat "$scratch/last")"
for want in "From line 11 of ownprog.c" "call puts" "relocation at offset $(hex "$r_off") (puts - 4)" \
	"with L = $plt_x, puts's PLT entry" "$plt_x - 4 - $p_x" "$bytes at $at_x" \
	"GOT slot $slot_x"; do
	grep -qF -- "$want" "$scratch/pane" ||
		fail "the lesson pane's worked relocation lacks '$want' (from objdump and readelf of ownprog):
$(cat "$scratch/pane")"
done
if [ -x "$scratch/hand/ownprog-static" ]; then
	s=$(nm "$scratch/hand/ownprog-static" | awk '$3 == "puts" { print $1; exit }')
	[ -n "$s" ] && grep -qF -- "with S = $(hex "$s"), puts itself" "$scratch/pane" ||
		fail "the static program's S is not nm's address of puts ($s):
$(cat "$scratch/pane")"
fi

# Read alone, the lesson names samples/hello.c; with a file, that file.
"$LESSON" --stage run >"$scratch/alone" 2>"$scratch/err" ||
	fail "--stage run exited $?: $(cat "$scratch/err")"
grep -q 'gcc -c .*samples/hello\.c -o hello\.o' "$scratch/alone" ||
	fail "--stage run does not show the commands for samples/hello.c"
assert_lacks "$scratch/alone" "ownprog" "--stage run"
(cd "$scratch" && "$LESSON" --stage run ownprog.c) >"$scratch/withfile" 2>"$scratch/err" ||
	fail "--stage run FILE exited $?: $(cat "$scratch/err")"
assert_has "$scratch/withfile" "To see it for your program, run:" "--stage run ownprog.c"
assert_has "$scratch/withfile" "gcc -c ./ownprog.c -o ownprog.o" "--stage run ownprog.c"

# --report --topic run: the block filled from hello.c's walk, its offset objdump's.
"$LESSON" --report --topic run >"$scratch/topic" 2>"$scratch/err" ||
	fail "--report --topic run exited $?: $(cat "$scratch/err")"
mkdir "$scratch/hello" || hard_error "mkdir failed"
build_by_hand "$scratch/hello" "$src/samples/hello.c"
h_off=$(objdump -dr "$scratch/hello/hello.o" | awk '/R_X86_64_PLT32/ { sub(":", "", $1); print $1; exit }')
sed -n '/first call through the PLT/,/^## /p' "$scratch/topic" | tr -s ' \n' '  ' >"$scratch/topic.block"
assert_has "$scratch/topic.block" 'for the sample `hello.c`:' "--report --topic run"
assert_has "$scratch/topic.block" "relocation at offset $(hex "$h_off")" "--report --topic run"
assert_lacks "$scratch/topic.block" "ownprog" "--report --topic run"
exit 0
