#!/bin/sh
# handout.sh: `lesson --report` as a handout renders cleanly with pandoc, both as GitHub's
# Markdown (gfm) and as pandoc's own, for hello.c and for a program of two sources (the
# report then has the library section too). Checked on each rendering, against the Markdown:
#  - pandoc reads it without a warning (--fail-if-warnings);
#  - every pipe table (a header row over a delimiter row) becomes an HTML table, and no
#    table row is left over as a paragraph;
#  - every fenced code block becomes a <pre>, and every heading a heading;
#  - no `code` or **strong** marker is left over in the text;
# and the Markdown itself is UTF-8 with no control character but the tab (a binary artifact
# pasted into it would show as one).
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd pandoc
need_cmd iconv
scratch=$(make_scratch handout)
trap 'rm -rf "$scratch"' EXIT
src=$(abs_path "$top_srcdir/samples")

# A program of two sources, written here: main.c calls a function of util.c.
printf '#include <stdio.h>\nint twice(int);\nint main(void)\n{\n\tprintf("%%d\\n", twice(21));\n\treturn 0;\n}\n' >"$scratch/main.c"
printf 'int twice(int n)\n{\n\treturn 2 * n;\n}\n' >"$scratch/util.c"

# Outside fenced code blocks: the Markdown's pipe tables, headings, fences.
md_counts() {
	awk '
		/^```/ { fences++; inblock = !inblock; next }
		inblock { next }
		/^#+ / { headings++ }
		/^\|/ && prev ~ /^\|/ && /^\|( *:?-+:? *\|)+ *$/ { tables++ }
		{ prev = $0 }
		END { printf "%d %d %d\n", tables + 0, headings + 0, fences / 2 }' "$1"
}

check_one() {
	md=$1
	name=$2
	[ -s "$md" ] || fail "$name: the report is empty"
	iconv -f UTF-8 -t UTF-8 "$md" >/dev/null 2>&1 || fail "$name: the report is not UTF-8"
	ctl=$(LC_ALL=C tr -d '\t\n' <"$md" | LC_ALL=C tr -dc '\000-\037\177' | wc -c)
	[ "$ctl" -eq 0 ] || fail "$name: the report has $ctl control characters, at lines: $(LC_ALL=C grep -n '[[:cntrl:]]' "$md" | LC_ALL=C grep -v "$(printf '^[0-9]*:[^[:cntrl:]]*\t')" | cut -d: -f1 | head -n 5 | paste -sd ' ')"
	set -- $(md_counts "$md")
	tables=$1 headings=$2 fences=$3
	[ "$tables" -gt 0 ] || fail "$name: the report has no table"
	for from in gfm markdown; do
		html="$md.$from.html"
		pandoc --fail-if-warnings -f "$from" -t html "$md" -o "$html" 2>"$html.err" ||
			fail "$name: pandoc -f $from: $(cat "$html.err")"
		got=$(grep -c '<table' "$html")
		[ "$got" -eq "$tables" ] || fail "$name: pandoc -f $from made $got tables of the $tables in the Markdown"
		grep -q '^<p>|' "$html" && fail "$name: pandoc -f $from left a table row as text: $(grep -m 1 '^<p>|' "$html")"
		got=$(grep -c '<pre' "$html")
		[ "$got" -eq "$fences" ] || fail "$name: pandoc -f $from made $got code blocks of the $fences in the Markdown"
		got=$(grep -c '<h[1-6]' "$html")
		[ "$got" -eq "$headings" ] || fail "$name: pandoc -f $from made $got headings of the $headings in the Markdown"
		# the text outside code: no marker left unpaired
		left=$(sed -e '/<pre/,/<\/pre>/d' -e 's/<code>[^<]*<\/code>//g' "$html" | grep -c '`\|\*\*')
		[ "$left" -eq 0 ] || fail "$name: pandoc -f $from left $left lines with a \` or ** in the text: $(sed -e '/<pre/,/<\/pre>/d' -e 's/<code>[^<]*<\/code>//g' "$html" | grep -m 1 '`\|\*\*')"
	done
	echo "handout.sh: $name: $tables tables, $fences code blocks, $headings headings render with pandoc (gfm, markdown)"
}

"$LESSON" --report "$src/hello.c" >"$scratch/hello.md" 2>"$scratch/hello.err" ||
	fail "lesson --report hello.c exited $?: $(cat "$scratch/hello.err")"
check_one "$scratch/hello.md" hello.c
"$LESSON" --report "$scratch/main.c" "$scratch/util.c" >"$scratch/two.md" 2>"$scratch/two.err" ||
	fail "lesson --report main.c util.c exited $?: $(cat "$scratch/two.err")"
grep -q 'util' "$scratch/two.md" || fail "the report of main.c util.c does not name util.c"
check_one "$scratch/two.md" "main.c util.c"
echo "handout.sh: all checks passed"
