#!/bin/sh
# dwvars.sh: the learner's variables in the .s view, the head at the cursor and the report,
# headless at 200x50 and 80x24, against readelf run here on the same program compiled with
# gcc -g -c: a stack slot is DW_OP_fbreg (--debug-dump=info) plus the CFA's offset from
# %rbp in the function's FDE (--debug-dump=frames-interp); at -O2 a parameter's register is
# the first range of its location list (--debug-dump=loc).
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd readelf
need_cmd awk
case "$(gcc -dumpmachine)" in
x86_64*) ;;
*) skip "gcc makes code for $(gcc -dumpmachine); the variables are read for x86-64 only" ;;
esac
scratch=$(make_scratch dwvars)
trap 'rm -rf "$scratch"' EXIT

cat >"$scratch/scale.c" <<'EOF'
int scale(int a) { int x = a * 2; return x + 1; }
int main(void) { return scale(20); }
EOF
cat >"$scratch/o2.c" <<'EOF'
extern int g(int);
int f(int n) { int s = 0; for (int i = 0; i < n; i++) s += g(i); return s; }
EOF
gcc -g -c "$scratch/scale.c" -o "$scratch/scale.o" || hard_error "gcc -g -c scale.c failed"
gcc -g -O2 -c "$scratch/o2.c" -o "$scratch/o2.o" || hard_error "gcc -g -O2 -c o2.c failed"

# DW_OP_fbreg of variable $2 in the DWARF of $1
fbreg() {
	readelf --debug-dump=info "$1" | awk -v want="$2" '
		/Abbrev Number/ { name = "" }
		/DW_AT_name/ { name = $NF }
		/DW_OP_fbreg:/ && name == want { v = $NF; sub(/\)$/, "", v); print v; exit }'
}
# N of the CFA rbp+N in the FDE of the function starting at 0 (scale, the first in .text)
cfa=$(readelf --debug-dump=frames-interp "$scratch/scale.o" | awk '
	/FDE/ { fde = ($0 ~ /pc=0+\.\./) } fde && / rbp\+[0-9]+/ {
		for (i = 1; i <= NF; i++) if ($i ~ /^rbp\+/) { sub(/rbp\+/, "", $i); print $i; exit } }')
fa=$(fbreg "$scratch/scale.o" a)
fx=$(fbreg "$scratch/scale.o" x)
[ -n "$cfa" ] && [ -n "$fa" ] && [ -n "$fx" ] ||
	hard_error "readelf gave no fbreg or CFA (a: '$fa', x: '$fx', CFA rbp+'$cfa')"
sa=$((fa + cfa))
sx=$((fx + cfa))

# Beside the lines at 200x50: the operand that is a variable, named; under the head at the
# cursor (a search puts it on the first line with the slot), a sentence.
"$LESSON" --headless 200x50 --keys "2 /$sa(%rbp)<Enter>" "$scratch/scale.c" \
	>"$scratch/wide" 2>"$scratch/err" || fail "lesson --headless 200x50 failed: $(cat "$scratch/err")"
screen 1 "$scratch/wide" >"$scratch/s1"
assert_has "$scratch/s1" "%edi, $sa(%rbp)  # a = $sa(%rbp)" "the parameter's slot beside its line"
assert_has "$scratch/s1" "%eax, $sx(%rbp)  # x = $sx(%rbp)" "the local's slot beside its line"
last=$(($(screen_count "$scratch/wide") - 1))
screen "$last" "$scratch/wide" >"$scratch/s2"
assert_has "$scratch/s2" "$sa(%rbp) is the parameter a (int, 4 bytes)." "the head at the cursor"
assert_fits "$scratch/s2" 200 50 "200x50"

# At 80x24 the .s pane has no room beside its lines; zoomed (z), it has.
"$LESSON" --headless 80x24 --keys "2 z" "$scratch/scale.c" >"$scratch/narrow" 2>"$scratch/err" ||
	fail "lesson --headless 80x24 failed: $(cat "$scratch/err")"
screen 1 "$scratch/narrow" >"$scratch/n1"
assert_lacks "$scratch/n1" "# a = " "no note where it does not fit"
assert_fits "$scratch/n1" 80 24 "80x24"
screen 2 "$scratch/narrow" >"$scratch/n2"
assert_has "$scratch/n2" "  # a = $sa(%rbp)" "the note in the zoomed pane"
assert_fits "$scratch/n2" 80 24 "80x24 zoomed"

# At 80x24 the head, cut at half the pane, still says it at the cursor: right under the
# instruction's sentence, above the one on the groups of directives.
"$LESSON" --headless 80x24 --keys "2 /$sa(%rbp)<Enter>" "$scratch/scale.c" >"$scratch/narrow2" \
	2>"$scratch/err" || fail "lesson --headless 80x24 failed: $(cat "$scratch/err")"
screen "$(($(screen_count "$scratch/narrow2") - 1))" "$scratch/narrow2" >"$scratch/n3"
assert_has "$scratch/n3" "$sa(%rbp) is the parameter a" "the head at the cursor at 80x24"
assert_fits "$scratch/n3" 80 24 "80x24 at the cursor"

# The report's table.
"$LESSON" --report "$scratch/scale.c" >"$scratch/report" 2>"$scratch/err" ||
	fail "lesson --report failed: $(cat "$scratch/err")"
assert_has "$scratch/report" "| \`a\` | parameter | \`int\` (4 bytes) | stack slot \`$sa(%rbp)\` |" \
	"the report's row of a"
assert_has "$scratch/report" "| \`x\` | local | \`int\` (4 bytes) | stack slot \`$sx(%rbp)\` |" \
	"the report's row of x"

# -O2: n's first range in its location list, a register, in the report as the 4-byte name.
loc=$(readelf --debug-dump=info "$scratch/o2.o" | awk '
	/Abbrev Number/ { name = "" } /DW_AT_name/ { name = $NF }
	/DW_AT_location/ && name == "n" && /location list/ { print $(NF - 2); exit }')
[ -n "$loc" ] || hard_error "readelf shows no location list for n at -O2"
want=$(printf '%08x' "$loc")
reg=$(readelf --debug-dump=loc "$scratch/o2.o" | awk -v want="$want" '
	$1 == want { on = 1; next }
	on && /\(DW_OP_reg[0-9]+ \(/ { r = $0; sub(/.*\(DW_OP_reg[0-9]+ \(/, "", r); sub(/\).*/, "", r);
		print r; exit }')
case "$reg" in
rax|rbx|rcx|rdx|rsi|rdi|rbp|rsp) r32=e${reg#r} ;;
r[0-9]*) r32=${reg}d ;;
*) hard_error "no register in n's location list (offset $loc): '$reg'" ;;
esac
"$LESSON" -O 2 --report "$scratch/o2.c" >"$scratch/report2" 2>"$scratch/err" ||
	fail "lesson -O 2 --report failed: $(cat "$scratch/err")"
assert_has "$scratch/report2" "| \`n\` | parameter | \`int\` (4 bytes) | register \`%$r32\` |" \
	"the register readelf's location list gives n first"
# The JSON's line_table.variables (format version 4): a's place, when jq is here to read it.
if command -v jq >/dev/null 2>&1; then
	"$LESSON" --json "$scratch/scale.c" >"$scratch/json" 2>"$scratch/err" ||
		fail "lesson --json failed: $(cat "$scratch/err")"
	got=$(jq -r '.stages[] | select(.line_table != null) | .line_table.variables[]
		| select(.name == "a" and .function == "scale") | .places[0]
		| "\(.where) \(.fbreg) \(.offset) \(.operand)"' "$scratch/json")
	[ "$got" = "stack $fa $sa $sa(%rbp)" ] ||
		fail "the JSON puts a at '$got'; readelf: fbreg $fa, CFA rbp+$cfa, so $sa(%rbp)"
fi
exit 0
