#!/bin/sh
# report.sh: `lesson --report` as a handout and for scripts. For each stage it must give the
# exact command (which, run by hand, makes the same artifact), the exit status, and the size
# of the artifact as the file system has it; for the link stage each variant's ELF facts as
# readelf sees them, ldd's verdict and what the program printed. A failing compile is shown
# with gcc's message and the later stages say they were not reached.
. "${top_srcdir:-.}/tests/lib.sh"

: "${LESSON:?LESSON must name the lesson binary}"
src=${top_srcdir:-.}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/report-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
hello=$(cd "$src/samples" && pwd -P)/hello.c

"$LESSON" --keep "$scratch/kept" --report "$hello" >"$scratch/r.md" 2>/dev/null || fail "--report exited $?"
r=$scratch/r.md

n=1
for title in Preprocess Compile Assemble Link Run; do
	grep -q "^## $n\. $title\$" "$r" || fail "no heading for stage $n ($title)"
	n=$((n + 1))
done

# The link variants, from the table's header row: "| | dynamic | static | ... |".
variants=$(sed -n 's/^| | \(.*\) |[[:space:]]*$/\1/p' "$r" | sed 's/ | / /g')
[ -n "$variants" ] || fail "no link table"
exes=
for v in $variants; do
	case $v in
	dynamic) exes="$exes hello" ;;
	*) exes="$exes hello-$v" ;;
	esac
done

# The commands, run by hand in a fresh directory, make byte-identical artifacts.
mkdir "$scratch/byhand"
sed -n 's/^- Command: `\(.*\)`$/\1/p' "$r" >"$scratch/commands"
want=$((3 + $(echo $variants | wc -w)))
[ "$(wc -l <"$scratch/commands")" -eq $want ] || fail "want $want commands, got: $(cat "$scratch/commands")"
(cd "$scratch/byhand" && while read -r cmd; do eval "$cmd" || exit 1; done <"$scratch/commands") ||
	fail "a command from the report failed when run by hand"
for f in hello.i hello.s hello.o $exes; do
	cmp -s "$scratch/kept/$f" "$scratch/byhand/$f" || fail "$f differs from the one the report's command makes"
done

# The sizes the report gives are the files' sizes.
for f in hello.i hello.s hello.o; do
	size=$(stat -c %s "$scratch/kept/$f")
	grep -q "^- Artifact: \`$f\`, $size bytes" "$r" || fail "$f: the report does not give its size $size"
done
lines=$(wc -l <"$scratch/kept/hello.i")
grep -q "^- Artifact: \`hello.i\`, [0-9]* bytes, $lines lines" "$r" || fail "hello.i: not $lines lines"
row="| size (bytes) |"
for f in $exes; do row="$row $(stat -c %s "$scratch/kept/$f") |"; done
grep -qF "$row" "$r" || fail "link sizes row '$row' missing"

# ELF facts as readelf reads them.
interp=$(readelf -lW "$scratch/kept/hello" | sed -n 's/.*interpreter: \(.*\)\]/\1/p')
grep -q "^| interpreter | $interp | none |" "$r" || fail "interpreter $interp not in the table"
for f in $exes; do
	t=$(readelf -hW "$scratch/kept/$f" | sed -n 's/^ *Type: *\([A-Z]*\).*/\1/p')
	grep -q "^| ELF type |.*($t)" "$r" || fail "$f's ELF type $t not in the table"
done
needed=$(readelf -dW "$scratch/kept/hello" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | paste -sd, | sed 's/,/, /g')
grep -q "^| NEEDED | $needed | none |" "$r" || fail "NEEDED $needed not in the table"
readelf -hW "$scratch/kept/hello-static" | grep -q 'Type: *EXEC' && {
	grep -q '^| ELF type | .* | static executable (EXEC) |' "$r" || fail "static ELF type wrong"
}

# ldd's verdict and the program's output, as they are when run by hand.
(cd "$scratch/kept" && ldd ./hello-static 2>&1) | grep -q "not a dynamic executable" &&
	{ grep -q "not a dynamic executable" "$r" || fail "ldd's verdict on the static build is missing"; }
libc=$(cd "$scratch/kept" && ldd ./hello | sed -n 's/^[[:space:]]*\(libc\.so[^ ]*\) => \([^ ]*\).*/\1 => \2/p')
[ -n "$libc" ] && { grep -qF "$libc" "$r" || fail "ldd's line '$libc' is missing"; }
(cd "$scratch/kept" && ./hello </dev/null) >"$scratch/hello.out"
while IFS= read -r line; do
	grep -qxF "$line" "$r" || fail "the program's line '$line' is missing"
done <"$scratch/hello.out"

# Every stage carries its lesson's summary.
for stage in preprocess compile assemble link run; do
	grep -q "lesson --stage $stage" "$r" || fail "no pointer to the $stage lesson"
done

# A syntax error: gcc's message, and the later stages not reached.
printf 'int main(void)\n{\n\treturn 0\n}\n' >"$scratch/broken.c"
"$LESSON" --report "$scratch/broken.c" >"$scratch/b.md" || fail "--report on a broken file exited $?"
msg=$(cd "$scratch" && gcc -S broken.c -o /dev/null 2>&1 | sed -n 's/.*error: //p' | head -n 1)
[ -n "$msg" ] || fail "gcc did not reject broken.c"
grep -qF "$msg" "$scratch/b.md" || fail "gcc's message '$msg' is not in the report"
[ "$(grep -c '^Not reached: the compile stage failed (exit 1)\.$' "$scratch/b.md")" -ge 3 ] ||
	fail "assemble and the links do not say why they were not reached"
sed -n '/^## 5\. Run$/,$p' "$scratch/b.md" | grep -q '^Not reached: the compile stage failed (exit 1)\.$' ||
	fail "section 5 does not say why it was not reached"
echo "report.sh: all checks passed"
