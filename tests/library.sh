#!/bin/sh
# library.sh: with several sources, lesson builds the others into a static archive and a
# shared library and links the program against each. The facts it gives, in the JSON and the
# report, must be the toolchain's: the archive holds what `ar t` lists; the programs' NEEDED
# and RUNPATH are what `readelf -d` reads; where each of the library's functions ended up is
# what `nm` says (defined in the archive-linked program, undefined in the others); ldd says
# "not found" for the .so without LD_LIBRARY_PATH, as it does run by hand; and each run ends as
# the program run by hand from the kept directory ends, with the same output.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd ar
need_cmd nm
need_cmd readelf
need_cmd ldd
flatten=${top_builddir:-.}/tests/jsonflat
[ -x "$flatten" ] || hard_error "$flatten is not built (make check builds it)"
scratch=$(make_scratch library)
trap 'rm -rf "$scratch"' EXIT
main=$(abs_path "$top_srcdir/samples/multi/main.c")
util=$(abs_path "$top_srcdir/samples/multi/util.c")
kept=$scratch/kept

LC_ALL=C "$LESSON" --keep "$kept" --json "$main" "$util" >"$scratch/j" 2>"$scratch/err" ||
	fail "--json exited $?: $(cat "$scratch/err")"
"$flatten" "$scratch/j" >"$scratch/flat" || fail "--json: not valid JSON"
LC_ALL=C "$LESSON" --report "$main" "$util" >"$scratch/r.md" 2>/dev/null ||
	fail "--report exited $?"

# The value at path $1 of the document, strings unquoted.
val() {
	awk -F '\t' -v k="$1" '$1 == k { v = $2; found = 1 }
		END { if (!found) exit 1; gsub(/^"|"$/, "", v); print v }' "$scratch/flat" ||
		fail "the JSON has no $1"
}

[ "$(val .library.state)" = ok ] || fail "library.state is $(val .library.state), not ok"
lib=$(val .library.name)
archive=$kept/$(val .library.archive)
shared=$kept/$(val .library.shared)
[ -f "$archive" ] && [ -f "$shared" ] || fail "the kept directory lacks $archive or $shared"
[ "$(val .library.archive_size)" = "$(wc -c <"$archive" | tr -d ' ')" ] ||
	fail "archive_size is not the archive's size"

# The archive's members, by ar.
ar t "$archive" >"$scratch/members" || hard_error "ar t failed"
grep -qx util.o "$scratch/members" || fail "ar t does not list util.o in $archive"

# The functions util.c defines, by nm on its object.
gcc -c "$util" -o "$scratch/util.o" || hard_error "gcc -c util.c failed"
nm "$scratch/util.o" | awk '$2 == "T" { print $3 }' | sort >"$scratch/funcs"
[ -s "$scratch/funcs" ] || hard_error "util.c defines no function"

for i in 0 1 2; do
	kind=$(val ".library.programs[$i].kind")
	name=$(val ".library.programs[$i].name")
	prog=$kept/$name
	[ "$(val ".library.programs[$i].linked")" = true ] || fail "$name did not link"
	[ -f "$prog" ] || fail "$name is not in the kept directory"
	[ "$(val ".library.programs[$i].size")" = "$(wc -c <"$prog" | tr -d ' ')" ] ||
		fail "$name: size is not the file's"
	readelf -dW "$prog" >"$scratch/dyn" || hard_error "readelf -d $name failed"
	if grep -q "(NEEDED).*\[lib$lib\.so\]" "$scratch/dyn"; then needs=1; else needs=0; fi
	runpath=$(sed -n 's/.*(RUNPATH).*\[\(.*\)\]$/\1/p' "$scratch/dyn")
	json_runpath=$(val ".library.programs[$i].runpath")
	[ "$json_runpath" = "${runpath:-null}" ] ||
		fail "$name: runpath $json_runpath, readelf -d says '${runpath:-none}'"
	# each function of util.c: defined in the program (T) or undefined (U), as nm says
	while IFS= read -r f; do
		letter=$(nm "$prog" | awk -v f="$f" '$NF == f { print ($1 == "U" ? "U" : $2) }')
		place=$(awk -F '\t' -v p=".library.programs[$i].library_symbols[" -v f="\"$f\"" '
			index($1, p) == 1 && $1 ~ /\]\.symbol$/ && $2 == f {
				sub(/\.symbol$/, ".place", $1); want = $1; next }
			$1 == want { gsub(/"/, "", $2); print $2 }' "$scratch/flat")
		case $kind:$letter:$place in
		archive:T:copied | shared:U:undefined | rpath:U:undefined) ;;
		*:"":absent) ;;
		*) fail "$name: $f is '$place' in the JSON, nm says '${letter:-absent}'" ;;
		esac
	done <"$scratch/funcs"
	case $kind:$needs in
	archive:0 | shared:1 | rpath:1) ;;
	*) fail "$name: NEEDED lib$lib.so is $needs by readelf -d" ;;
	esac
	# ldd and the run, without LD_LIBRARY_PATH, as by hand from the kept directory
	(cd "$kept" && env -u LD_LIBRARY_PATH ldd "./$name") >"$scratch/ldd" 2>&1
	if grep -q "lib$lib\.so => not found" "$scratch/ldd"; then byhand=1; else byhand=0; fi
	if grep -F "lib$lib.so => not found" "$scratch/flat" | grep -q "^\.library\.programs\[$i\]\.loads\[0\]\.ldd\.stdout"; then
		said=1
	else
		said=0
	fi
	[ "$said" = "$byhand" ] || fail "$name: ldd 'not found' is $said in the JSON, $byhand by hand"
	(cd "$kept" && env -u LD_LIBRARY_PATH "./$name" </dev/null >"$scratch/out" 2>/dev/null)
	code=$?
	[ "$(val ".library.programs[$i].loads[0].run.exit.code")" = "$code" ] ||
		fail "$name: the run's exit code is not $code, as by hand"
	grep -qF "\`$name\`" "$scratch/r.md" || fail "the report has no section for $name"
done
# The shared one fails to start without a path, as the loader decides.
[ "$(val '.library.programs[1].loads[0].run.exit.code')" != 0 ] ||
	fail "prog-shared ran without LD_LIBRARY_PATH"
# With it, it prints what the archive-linked program prints.
(cd "$kept" && env -u LD_LIBRARY_PATH "./$(val '.library.programs[0].name')" </dev/null) \
	>"$scratch/want" 2>/dev/null
(cd "$kept" && LD_LIBRARY_PATH="$kept/lib" "./$(val '.library.programs[1].name')" </dev/null) \
	>"$scratch/got" 2>/dev/null || fail "prog-shared fails by hand with LD_LIBRARY_PATH"
cmp -s "$scratch/want" "$scratch/got" || fail "prog-shared with LD_LIBRARY_PATH prints otherwise"
[ "$(val '.library.programs[1].loads[1].run.exit.code')" = 0 ] ||
	fail "the JSON's prog-shared run with LD_LIBRARY_PATH did not exit 0"
# The walkthrough's library view (the link stage's last view) shows the same builds: the
# archive's command and size, and ldd's "not found" for the .so without a path.
nlinks=$(grep -c '^\.link\[[0-9]*\]\.kind	' "$scratch/flat")
[ "$nlinks" -gt 0 ] || hard_error "the JSON has no link variants"
views=$(printf 'o%.0s' $(seq 1 "$nlinks"))
"$LESSON" --headless=120x200 --keys="4 $views" "$main" "$util" >"$scratch/screens" 2>&1 ||
	fail "the headless walkthrough exited $?"
last=$(awk '/^--- screen/ { s = "" } { s = s $0 "\n" } END { printf "%s", s }' "$scratch/screens")
printf '%s' "$last" | grep -qF '[library]' || fail "the last o does not show the library view"
printf '%s' "$last" | grep -qF "$(val .library.ar.command_line)" ||
	fail "the library view lacks the ar command"
printf '%s' "$last" | grep -qF "$(val .library.archive_size) bytes" ||
	fail "the library view lacks the archive's size"
printf '%s' "$last" | grep -qF "lib$lib.so => not found" ||
	fail "the library view lacks ldd's 'not found'"

# A link error explained in the link view: the call that needs -lm, at its line.
libm=$(abs_path "$top_srcdir/samples/libm.c")
fn=$(gcc -c "$libm" -o "$scratch/libm.o" 2>/dev/null && nm "$scratch/libm.o" |
	awk '$1 == "U" && $2 != "printf" && $2 != "puts" { print $2; exit }')
[ -n "$fn" ] || hard_error "libm.c's object has no undefined maths function"
# the line of the call, by gcc's own line table: the .loc before the call in the -g .s
gcc -S -g "$libm" -o "$scratch/libm.s" || hard_error "gcc -S -g libm.c failed"
line=$(awk -v f="$fn" '$1 == ".loc" { l = $3 } $1 == "call" && $2 ~ "^" f "(@PLT)?$" { print l; exit }' \
	"$scratch/libm.s")
[ -n "$line" ] || hard_error "no call of $fn in libm.c's -g assembly"
"$LESSON" --headless=120x60 --keys="4" "$libm" >"$scratch/libm.screens" 2>&1 ||
	fail "the headless walkthrough of libm.c exited $?"
grep -qF "undefined reference: $fn, at line $line" "$scratch/libm.screens" ||
	fail "the link view does not explain the undefined $fn at line $line"

# One source: the library is skipped, saying why.
"$LESSON" --json "$main" >"$scratch/one" 2>/dev/null
"$flatten" "$scratch/one" | grep -q '^\.library\.state	"skipped"' ||
	fail "one source: the library is not skipped"
exit 0
