#!/bin/sh
# json.sh: `lesson --json`, the walk as one JSON document for scripts. The document must parse
# (strictly, with jansson, through tests/jsonflat) and hold the same facts as the report and
# the toolchain: each stage's command (which, run by hand from its argv, makes the same
# artifact), exit status and artifact size (the file's size on disk, as --keep leaves it); the
# object's sections as readelf -S lists them, its symbols as nm lists them, its relocations as
# readelf -r does; the include tree as gcc -H lists it; the functions of the -g compile's .s
# as nm finds them in the .o; libclang's macros as the source defines them, and each call gcc
# rewrote on the .s line named; each link variant's size, ELF type, interpreter and NEEDED as
# readelf sees them and as the report's table gives them, how the program and its empty-root
# run ended, the archive members the link map names, and the library that resolves each
# symbol. A syntax error gives a valid document with the compile stage failed and every later
# stage skipped with a reason; output that is neither UTF-8 nor printable still gives valid
# JSON; a write error is reported with status 1.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd nm
need_cmd readelf
flatten=${top_builddir:-.}/tests/jsonflat
[ -x "$flatten" ] || hard_error "$flatten is not built (make check builds it)"
scratch=$(make_scratch json)
trap 'rm -rf "$scratch"' EXIT
hello=$(abs_path "$top_srcdir/samples/hello.c")

# Parse $1 (a --json output) into $1.flat; fail unless it is one JSON document and a newline.
parse() {
	[ -s "$1" ] || fail "$2: lesson --json wrote nothing"
	[ "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' ')" = 0a ] || fail "$2: no final newline"
	"$flatten" "$1" >"$1.flat" 2>"$scratch/parse.err" ||
		fail "$2: not valid JSON: $(cat "$scratch/parse.err")"
}

# True when the flattened document $1 has a value at path $2.
has() {
	awk -F '\t' -v k="$2" '$1 == k { found = 1 } END { exit !found }' "$1.flat"
}

# Set v to the value at path $2 of the flattened document $1 (JSON: strings keep their
# quotes); fail when there is none.
get() {
	v=$(awk -F '\t' -v k="$2" '$1 == k { print $2; found = 1 } END { exit !found }' "$1.flat") ||
		fail "$1 has no $2"
}

# Print a line for each element of the array at path $2 of $1, in order: the values of the
# keys named after it (paths below the element, as "exit.code"), separated by spaces.
rows() {
	rows_file=$1.flat
	rows_prefix=$2[
	shift 2
	awk -F '\t' -v p="$rows_prefix" -v keys="$*" '
		index($1, p) == 1 {
			rest = substr($1, length(p) + 1)
			i = substr(rest, 1, index(rest, "]") - 1) + 0
			f[i, substr(rest, index(rest, "]") + 2)] = $2
			if (i + 1 > n) n = i + 1
		}
		END {
			nk = split(keys, k, " ")
			for (i = 0; i < n; i++) {
				line = f[i, k[1]]
				for (j = 2; j <= nk; j++)
					line = line " " f[i, k[j]]
				print line
			}
		}' "$rows_file"
}

# Set s to the string at path $2 of $1, unquoted (for strings without escapes).
get_str() {
	get "$1" "$2"
	case $v in
	\"*\") s=${v#\"} s=${s%\"} ;;
	*) fail "$1: $2 is $v, not a string" ;;
	esac
}

# Fail unless the value at path $2 of $1 is $3 (as JSON).
want() {
	get "$1" "$2"
	[ "$v" = "$3" ] || fail "$2 is $v, want $3"
}

# Cell $2 (1 for the first variant) of the report's link table row named $1.
report_cell() {
	awk -F ' [|] ' -v row="| $1" -v k="$2" 'index($0, row " |") == 1 { print $(k + 1); exit }' \
		"$scratch/r.md" | sed 's/ *|$//'
}

# Fail unless the sections of the ELF file $1 that readelf -S lists (but section 0: name, type,
# size, flags) are those of the ELF record at path $2 of the document $j; $3 names the file.
same_sections() {
	readelf -SW "$1" | sed -n 's/^ *\[ *[1-9][0-9]*\] //p' |
		while read -r name type addr off size es rest; do
			# shellcheck disable=SC2086 # the flags column may be empty: count the words
			set -- $rest
			if [ $# -eq 4 ]; then flg=$1; else flg=; fi
			printf '"%s" "%s" %d "%s"\n' "$name" "$type" "0x$size" "$flg"
		done >"$scratch/readelf.sections"
	rows "$j" "$2.sections" name type size flags >"$scratch/json.sections"
	[ -s "$scratch/readelf.sections" ] || hard_error "readelf -S listed no sections in $1"
	cmp -s "$scratch/readelf.sections" "$scratch/json.sections" ||
		fail "$3: the sections differ from readelf -S's: $(diff "$scratch/readelf.sections" "$scratch/json.sections")"
}

# --- samples/hello.c ---------------------------------------------------------------------

# With -g, gcc writes the directory it works in into what it makes: the JSON run and the
# report run work in directories whose names are as long, so that sizes agree whatever the
# stages' flags.
j=$scratch/hello.json
kept=$scratch/json-run
"$LESSON" --keep "$kept" --json "$hello" >"$j" 2>"$scratch/err" || fail "--json exited $?: $(cat "$scratch/err")"
parse "$j" "hello.c"
"$LESSON" --keep "$scratch/mark-run" --report "$hello" >"$scratch/r.md" 2>/dev/null ||
	fail "--report exited $?"

want "$j" .version 4
want "$j" .program '"lesson"'
want "$j" .package_version "\"$("$LESSON" --version | sed -n '1s/.* //p')\""
want "$j" .source.absolute_path "\"$hello\""
want "$j" .source.named_c true

# The stages: state, exit status, artifact and its size on disk.
i=0
for stage in preprocess compile assemble; do
	want "$j" ".stages[$i].name" "\"$stage\""
	want "$j" ".stages[$i].state" '"ok"'
	want "$j" ".stages[$i].skip_reason" null
	want "$j" ".stages[$i].exit.kind" '"exited"'
	want "$j" ".stages[$i].exit.code" 0
	get_str "$j" ".stages[$i].artifact"
	[ -f "$kept/$s" ] || fail "$stage: the artifact $s is not in the kept directory"
	size=$(stat -c %s "$kept/$s")
	want "$j" ".stages[$i].artifact_size" "$size"
	grep -q "^- Artifact: \`$s\`, $size bytes" "$scratch/r.md" ||
		fail "$stage: the report gives another size for $s"
	i=$((i + 1))
done

# The link variants, in the report's order.
variants=$(sed -n 's/^| | \(.*\) |[[:space:]]*$/\1/p' "$scratch/r.md" | sed 's/ | / /g')
[ -n "$variants" ] || fail "no link table in the report"
k=0
for kind in $variants; do
	want "$j" ".link[$k].kind" "\"$kind\""
	k=$((k + 1))
done
has "$j" ".link[$k].kind" && fail "the JSON has more link variants than the report's $k"

# Every command, in order, is the report's.
sed -n 's/^- Command: `\(.*\)`$/\1/p' "$scratch/r.md" >"$scratch/report.commands"
awk -F '\t' '$1 ~ /^\.(stages|link)\[[0-9]+\]\.command_line$/ { print $2 }' "$j.flat" |
	sed 's/^"\(.*\)"$/\1/' >"$scratch/json.commands"
cmp -s "$scratch/report.commands" "$scratch/json.commands" ||
	fail "the commands differ from the report's: $(diff "$scratch/report.commands" "$scratch/json.commands")"

# The object's sections, as readelf -S lists them.
same_sections "$kept/hello.o" .object.elf "the object"

# Its symbols, as nm -S lists them (nm leaves out section and file symbols): the name, and
# the value and size (which nm leaves out when it is 0) of a defined one, or U.
nm -S "$kept/hello.o" | while read -r a b c d; do
	if [ -z "$c" ]; then
		echo "\"$b\" U"
	elif [ -z "$d" ]; then
		printf '"%s" %d\n' "$c" "0x$a"
	else
		printf '"%s" %d %d\n' "$d" "0x$a" "0x$b"
	fi
done | sort >"$scratch/nm.symbols"
rows "$j" .object.symbols name type section value size |
	awk '$2 == "\"SECTION\"" || $2 == "\"FILE\"" || $1 == "\"\"" { next }
		$3 == "\"UND\"" { print $1, "U"; next }
		{ if ($5 == 0) print $1, $4; else print $1, $4, $5 }' | sort >"$scratch/json.symbols"
[ -s "$scratch/nm.symbols" ] || hard_error "nm listed no symbols"
cmp -s "$scratch/nm.symbols" "$scratch/json.symbols" ||
	fail "the object's symbols differ from nm's: $(diff "$scratch/nm.symbols" "$scratch/json.symbols")"
nm -u "$kept/hello.o" | awk '{ print "\"" $NF "\"" }' | sort >"$scratch/nm.undefined"
awk -F '\t' '$1 ~ /^\.object\.undefined\[/ { print $2 }' "$j.flat" | sort >"$scratch/json.undefined"
[ -s "$scratch/nm.undefined" ] || hard_error "nm -u listed nothing: hello.c calls printf"
cmp -s "$scratch/nm.undefined" "$scratch/json.undefined" ||
	fail "the undefined symbols differ from nm -u's: $(diff "$scratch/nm.undefined" "$scratch/json.undefined")"

# Its relocations, as readelf -r lists them: offset and type, in order.
readelf -rW "$kept/hello.o" | awk '$1 ~ /^[0-9a-f]+$/ && $3 ~ /^R_/ { print $1, $3 }' |
	while read -r off type; do printf '%d "%s"\n' "0x$off" "$type"; done >"$scratch/readelf.relocs"
rows "$j" .object.relocations offset type >"$scratch/json.relocs"
[ -s "$scratch/readelf.relocs" ] || hard_error "readelf -r listed no relocations"
cmp -s "$scratch/readelf.relocs" "$scratch/json.relocs" ||
	fail "the relocations differ from readelf -r's: $(diff "$scratch/readelf.relocs" "$scratch/json.relocs")"

# The .i's linemarkers: its lines and markers as counted in the file, and the include tree
# as gcc -H lists it (which leaves out the source itself and <stdc-predef.h>, read from the
# command line).
want "$j" .stages[0].linemarkers.lines "$(wc -l <"$kept/hello.i")"
want "$j" .stages[0].linemarkers.markers "$(grep -c '^# [0-9]' "$kept/hello.i")"
gcc -H -E "$hello" -o /dev/null 2>&1 | grep '^\.\.* ' >"$scratch/gcc-H.tree"
rows "$j" .stages[0].linemarkers.include_tree file depth command_line |
	awk '$2 > 0 && $3 == "false" {
		dots = ""
		for (i = 0; i < $2; i++)
			dots = dots "."
		f = $1
		gsub(/^"|"$/, "", f)
		print dots, f
	}' >"$scratch/json.tree"
[ -s "$scratch/gcc-H.tree" ] || hard_error "gcc -H listed no headers for hello.c"
cmp -s "$scratch/gcc-H.tree" "$scratch/json.tree" ||
	fail "the include tree differs from gcc -H's: $(diff "$scratch/gcc-H.tree" "$scratch/json.tree")"

# The -g compile's .s: its lines, and its functions, which are the object's function symbols.
want "$j" .stages[1].line_table.state '"ok"'
get_str "$j" .stages[1].line_table.artifact
want "$j" .stages[1].line_table.lines "$(wc -l <"$kept/$s")"
nm "$kept/hello.o" | awk '$2 ~ /^[Tt]$/ { print "\"" $3 "\"" }' | sort >"$scratch/nm.functions"
rows "$j" .stages[1].line_table.functions name | sort >"$scratch/json.functions"
[ -s "$scratch/nm.functions" ] || hard_error "nm listed no functions in hello.o"
cmp -s "$scratch/nm.functions" "$scratch/json.functions" ||
	fail "the .s's functions differ from nm's: $(diff "$scratch/nm.functions" "$scratch/json.functions")"

# libclang's facts, when it could be loaded: the macros are the source's #defines; each call
# gcc rewrote is a call to the new function on the .s line given; the counts are the report's.
get_str "$j" .clang.state
if [ "$s" = ok ]; then
	sed -n 's/^[[:space:]]*#[[:space:]]*define[[:space:]][[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\).*/"\1"/p' \
		"$hello" >"$scratch/source.macros"
	rows "$j" .clang.macros name >"$scratch/json.macros"
	cmp -s "$scratch/source.macros" "$scratch/json.macros" ||
		fail "libclang's macros differ from the source's #defines: $(diff "$scratch/source.macros" "$scratch/json.macros")"
	get_str "$j" .stages[1].line_table.artifact
	gs=$kept/$s
	rows "$j" .stages[1].fates.calls kind now s_line | while read -r kind now line; do
		[ "$kind" = '"rewritten"' ] || continue
		now=${now#\"} now=${now%\"}
		sed -n "${line}p" "$gs" | grep -q "call[[:space:]]*$now\\b" ||
			fail "a call rewritten to $now, but line $line of the .s is: $(sed -n "${line}p" "$gs")"
	done || exit 1
	get "$j" .stages[1].fates.rewritten
	rewritten=$v
	get "$j" .stages[1].fates.inlined
	grep -qF ": $rewritten rewritten by gcc, $v inlined." "$scratch/r.md" ||
		fail "the report does not count $rewritten calls rewritten and $v inlined"
else
	get_str "$j" .clang.skip_reason
	echo "json.sh: libclang's facts not checked: $s"
fi

# Each variant against the report's table and against readelf, ldd and the program itself.
k=0
for kind in $variants; do
	col=$((k + 1))
	get_str "$j" ".link[$k].state"
	if [ "$s" = skipped ]; then
		get_str "$j" ".link[$k].skip_reason"
		grep -qxF "Not reached: $s." "$scratch/r.md" || fail "$kind: the report does not say '$s'"
		want "$j" ".link[$k].command" null
		want "$j" ".link[$k].run" null
		k=$((k + 1))
		continue
	fi
	[ "$s" = ok ] || fail "$kind: the link of hello.c is $s"
	get_str "$j" ".link[$k].artifact"
	exe=$kept/$s
	size=$(stat -c %s "$exe")
	want "$j" ".link[$k].artifact_size" "$size"
	[ "$(report_cell 'size (bytes)' $col)" = "$size" ] || fail "$kind: the report's size is not $size"
	t=$(readelf -hW "$exe" | sed -n 's/^ *Type: *\([A-Z]*\).*/\1/p')
	want "$j" ".link[$k].elf.type" "\"$t\""
	same_sections "$exe" ".link[$k].elf" "$kind"
	get_str "$j" ".link[$k].elf.kind"
	[ "$(report_cell 'ELF type' $col)" = "$s" ] || fail "$kind: the report's ELF type is not '$s'"
	interp=$(readelf -lW "$exe" | sed -n 's/.*interpreter: \(.*\)\]/\1/p')
	if [ -n "$interp" ]; then
		want "$j" ".link[$k].elf.interp" "\"$interp\""
	else
		want "$j" ".link[$k].elf.interp" null
	fi
	readelf -dW "$exe" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/"\1"/p' >"$scratch/needed.readelf"
	awk -F '\t' -v p=".link[$k].elf.needed[" 'index($1, p) == 1 { print $2 }' "$j.flat" >"$scratch/needed.json"
	cmp -s "$scratch/needed.readelf" "$scratch/needed.json" || fail "$kind: NEEDED differs from readelf -d's"

	# How the program ended, and what it printed, as when it is run by hand.
	get_str "$j" ".link[$k].run.exit.description"
	[ "$(report_cell 'program ended' $col)" = "$s" ] || fail "$kind: the report says the program ended otherwise than '$s'"
	(cd "$kept" && "./${exe##*/}" </dev/null >"$scratch/run.out" 2>/dev/null)
	want "$j" ".link[$k].run.exit.code" $?
	get "$j" ".link[$k].run.stdout"
	while IFS= read -r line; do
		case $v in *"$line\\n"*) ;; *) fail "$kind: the program's line '$line' is not in run.stdout" ;; esac
	done <"$scratch/run.out"
	get_str "$j" ".link[$k].ldd.exit.description"
	grep -qF "\`ldd ./${exe##*/}\` ($s)" "$scratch/r.md" || fail "$kind: the report says ldd ended otherwise than '$s'"
	get "$j" ".link[$k].empty_root.tried"
	if [ "$v" = true ]; then
		get_str "$j" ".link[$k].empty_root.exit.description"
	else
		s="not tried"
	fi
	[ "$(report_cell 'in an empty root' $col)" = "$s" ] || fail "$kind: the report's empty-root run is not '$s'"

	# Who resolved the symbols: the archive members the map names, the libraries for the
	# dynamic program.
	if has "$j" ".link[$k].link_map.members_size"; then
		map=$exe.map
		[ -f "$map" ] || fail "$kind: a link map in the JSON, but no $map"
		members=$(awk '/^Archive member included/ { on = 1; next }
			on && /^[^ \t]/ { if (index($0, "(")) n++; else exit }
			END { print n + 0 }' "$map")
		got=$(rows "$j" ".link[$k].link_map.members" member | wc -l)
		[ "$got" = "$members" ] || fail "$kind: $got archive members in the JSON, $members in the map"
		get "$j" ".link[$k].link_map.members_size"
		if [ "$members" -gt 0 ]; then
			sed -n '/^### The '"$kind"' link$/,/^### /p' "$scratch/r.md" |
				grep -qF "$members members, $v bytes of code and data" ||
				fail "$kind: the report does not give $members members and $v bytes"
		fi
	fi
	i=0
	while has "$j" ".link[$k].resolved[$i].symbol"; do
		get_str "$j" ".link[$k].resolved[$i].symbol"
		sym=$s
		get_str "$j" ".link[$k].resolved[$i].library"
		grep -qF "| \`$sym\` | $s |" "$scratch/r.md" || fail "$kind: the report does not resolve $sym to $s"
		i=$((i + 1))
	done
	[ -z "$interp" ] || [ $i -gt 0 ] || fail "$kind: a dynamic program, and no symbol resolved"
	k=$((k + 1))
done

# Each command, run by hand from the JSON's argv in the directory where lesson ran it (its
# files moved aside), makes a byte-identical artifact.
mv "$kept" "$scratch/json-made" || hard_error "cannot move $kept"
mkdir "$kept" || hard_error "cannot make $kept"
for run in stages link; do
	i=0
	while has "$j" ".$run[$i].state"; do
		get "$j" ".$run[$i].state"
		if [ "$v" = '"ok"' ]; then
			set --
			n=0
			while has "$j" ".$run[$i].command[$n]"; do
				get_str "$j" ".$run[$i].command[$n]"
				set -- "$@" "$s"
				n=$((n + 1))
			done
			(cd "$kept" && "$@" >/dev/null 2>&1) || fail "'$*' from the JSON failed when run by hand"
			get_str "$j" ".$run[$i].artifact"
			cmp -s "$scratch/json-made/$s" "$kept/$s" ||
				fail "$s differs from the one the JSON's command makes"
		fi
		i=$((i + 1))
	done
done

# --- a syntax error ----------------------------------------------------------------------

# In the C locale, so that gcc quotes with plain apostrophes, which the flattened JSON keeps.
bad=$(abs_path "$top_srcdir/samples/syntax-error.c")
j=$scratch/bad.json
LC_ALL=C "$LESSON" --json "$bad" >"$j" 2>"$scratch/err" || fail "--json on a syntax error exited $?: $(cat "$scratch/err")"
parse "$j" "syntax-error.c"
(cd "$scratch" && LC_ALL=C gcc -S "$bad" -o /dev/null 2>"$scratch/gcc.err")
code=$?
[ $code -ne 0 ] || hard_error "gcc compiled syntax-error.c"
msg=$(sed -n 's/.*error: //p' "$scratch/gcc.err" | head -n 1)
want "$j" ".stages[0].state" '"ok"'
want "$j" ".stages[1].state" '"failed"'
want "$j" ".stages[1].exit.kind" '"exited"'
want "$j" ".stages[1].exit.code" "$code"
get_str "$j" ".stages[1].stderr"
case $s in *"$msg"*) ;; *) fail "gcc's message '$msg' is not in the compile stage's stderr" ;; esac
want "$j" ".stages[2].state" '"skipped"'
want "$j" ".stages[2].command" null
want "$j" ".stages[2].exit" null
get_str "$j" ".stages[2].skip_reason"
reason=$s
case $reason in *compile*) ;; *) fail "the assemble stage's reason '$reason' does not name the compile stage" ;; esac
want "$j" .object null
want "$j" .stages[1].line_table.state '"failed"'
want "$j" .stages[1].line_table.functions null
want "$j" .stages[1].fates null
get_str "$j" .clang.state
if [ "$s" = ok ]; then
	rows "$j" .clang.diagnostics severity in_main | grep -qx '"error" true' ||
		fail "libclang parsed syntax-error.c and reported no error in it"
fi
k=0
while has "$j" ".link[$k].state"; do
	get "$j" ".link[$k].state"
	[ "$v" = '"skipped"' ] || fail "link variant $k is $v after a failed compile"
	want "$j" ".link[$k].skip_reason" "\"$reason\""
	for key in command exit artifact_size elf ldd run empty_root link_map resolved; do
		want "$j" ".link[$k].$key" null
	done
	k=$((k + 1))
done
[ $k -gt 0 ] || fail "no link variants after a failed compile"

# --- output that is not text -------------------------------------------------------------

# The program writes escapes, a NUL and bytes that are not UTF-8: still valid JSON, the
# escapes and the NUL escaped, each bad byte a U+FFFD; no raw control byte in the document.
escapes=$(abs_path "$top_srcdir/tests/hostile/escapes.c")
j=$scratch/escapes.json
"$LESSON" --json "$escapes" >"$j" 2>/dev/null || fail "--json on escapes.c exited $?"
parse "$j" "escapes.c"
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037]')" "$j"; then
	fail "escapes.c: a raw control character in the JSON"
fi
get "$j" ".link[0].run.stdout"
for piece in 'nul:\u0000:cr\rbs\b:bad\uFFFD\uFFFD:end\n' '\u001B[?1049h' 'before\n' 'after\n'; do
	case $v in *"$piece"*) ;; *) fail "escapes.c: run.stdout lacks $piece: $v" ;; esac
done
get "$j" ".link[0].run.stderr"
case $v in *'\u001B[31mred on stderr'*) ;; *) fail "escapes.c: run.stderr is $v" ;; esac

# --- errors ------------------------------------------------------------------------------

mkdir "$scratch/tmp"
TMPDIR=$scratch/tmp "$LESSON" --json "$hello" >/dev/full 2>"$scratch/err" </dev/null
rc=$?
[ $rc -eq 1 ] || fail "--json >/dev/full: exit status $rc, want 1"
grep -q 'write error: No space left on device' "$scratch/err" || fail "--json >/dev/full: $(cat "$scratch/err")"
[ -z "$(ls -A "$scratch/tmp")" ] || fail "--json >/dev/full left $(ls -A "$scratch/tmp")"
for other in --report "--stage link" "--topic libraries" --list; do
	# shellcheck disable=SC2086 # the words are the arguments
	"$LESSON" --json $other "$hello" >/dev/null 2>&1 </dev/null
	rc=$?
	[ $rc -eq 2 ] || fail "--json $other: exit status $rc, want 2 (a usage error)"
done
echo "json.sh: all checks passed"
