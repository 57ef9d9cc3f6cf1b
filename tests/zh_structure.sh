#!/bin/sh
# zh_structure.sh: every translated lesson, exercise and glossary has the structure of its
# English twin, so that the two languages never drift. For each language of po/LINGUAS:
#   - every lessons/NAME.md has lessons/LANG/NAME.md (and no translation lacks its English):
#     the same heading levels in the same order, every fenced block (live, question, commands)
#     the same line for line except a question's "ask:", the same set of #term- links;
#   - lessons/LANG/glossary.md: the same "## NAME" sections in the same order, each with its
#     English other names among its own, and the same "See also:" links;
#   - every lessons/exercises/NAME/exercise.md has exercise.LANG.md: the same front block but
#     for summary:, the same ```check block and fences, a "## Hints" section with as many hints.
# First the checker is run on copies of the English files made into twins, and must find
# them alike and then find each of a few changes made to them: it is not blind; and it must
# find a real translation, tests/zh/lessons/zh_CN/compile.md, alike.
. "${top_srcdir:-.}/tests/lib.sh"

root=${ZH_ROOT:-$top_srcdir}
langs=$(sed -e 's/#.*//' "$top_srcdir/po/LINGUAS" | tr -s ' \t\n' '   ')
[ -n "$langs" ] || fail "po/LINGUAS names no language"
scratch=$(make_scratch zh-structure)
trap 'rm -rf "$scratch"' EXIT

# The skeleton of a lesson: heading levels; each fenced block line for line (a question's
# "ask:" line as "ask:"); then the sorted set of the #term- ids it links.
skeleton() {
	awk '
		fence && /^(```|~~~)[ \t]*$/ { fence = 0; print "END"; next }
		fence { if (info == "question" && /^ask:/) print "  ask:"; else print "  " $0; next }
		/^(```|~~~)/ { fence = 1; info = substr($0, 4); gsub(/[ \t]/, "", info)
			       print "FENCE " info; next }
		/^#+( |$)/ { match($0, /^#+/); print "H" RLENGTH }
	' "$1"
	echo "TERMS"
	awk '/^(```|~~~)/ { fence = !fence; next }
	     !fence { s = $0
		      while (match(s, /\(#term-[A-Za-z0-9-]+\)/)) {
			      print "  " substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH) } }' "$1" |
		LC_ALL=C sort -u
}

# The glossary's skeleton: its sections in order; per section, its English other names (one a
# line, sorted: the translation's are to include them) and its See also links.
gloss_sections() {
	awk '/^## / { print substr($0, 4) }' "$1"
}
gloss_names() { # file: "SECTION<TAB>name" for every other name
	awk '
		function flush() {
			if (para ~ /^Other names:/) {
				s = substr(para, 13); sub(/\.[ \t]*$/, "", s); n = split(s, a, /, */)
				for (i = 1; i <= n; i++) { x = a[i]; gsub(/^[ \t]+|[ \t]+$/, "", x)
							   if (x != "") print sec "\t" x }
			}
			if (para ~ /^See also:/) { s = para
				while (match(s, /\(#term-[A-Za-z0-9-]+\)/)) {
					print sec "\tSEE " substr(s, RSTART + 1, RLENGTH - 2)
					s = substr(s, RSTART + RLENGTH) } }
			para = ""
		}
		/^## / { flush(); sec = substr($0, 4); next }
		/^[ \t]*$/ { flush(); next }
		{ para = para == "" ? $0 : para " " $0 }
		END { flush() }
	' "$1" | LC_ALL=C sort -u
}

# An exercise's skeleton: its front block but summary's value; every fence line for line;
# whether it has "## Hints" and how many hints (list items) follow it.
ex_skeleton() {
	awk '
		NR == 1 && $0 == "---" { front = 1; print; next }
		front && $0 == "---" { front = 0; print; next }
		front { if (/^summary:/) print "summary:"; else print; next }
		fence && /^```[ \t]*$/ { fence = 0; print "END"; next }
		fence { print "  " $0; next }
		/^```/ { fence = 1; print "FENCE " substr($0, 4); next }
		/^## / { hints = ($0 == "## Hints"); if (hints) print "HINTS"; else print "H2"; next }
		hints && (/^[-*] / || /^[0-9]+[.)] /) { n++ }
		END { print "hints " n + 0 }
	' "$1"
}

problems=$scratch/problems
: >"$problems"
problem() {
	printf '%s\n' "$*" >>"$problems"
}

# compare_lesson EN ZH: say how they differ, if they do
compare_lesson() {
	skeleton "$1" >"$scratch/en.sk"
	skeleton "$2" >"$scratch/zh.sk"
	if ! cmp -s "$scratch/en.sk" "$scratch/zh.sk"; then
		problem "$2: its structure differs from $1's (- English, + translation): $(diff "$scratch/en.sk" "$scratch/zh.sk" | grep '^[<>]' | head -n 4 | sed 's/^</-/; s/^>/+/' | tr '\n' ' ')"
	fi
}

compare_glossary() {
	gloss_sections "$1" >"$scratch/en.gs"
	gloss_sections "$2" >"$scratch/zh.gs"
	cmp -s "$scratch/en.gs" "$scratch/zh.gs" ||
		problem "$2: its ## sections differ from $1's: $(diff "$scratch/en.gs" "$scratch/zh.gs" | grep '^[<>]' | head -n 3 | tr '\n' ' ')"
	gloss_names "$1" >"$scratch/en.gn"
	gloss_names "$2" >"$scratch/zh.gn"
	missing=$(LC_ALL=C comm -23 "$scratch/en.gn" "$scratch/zh.gn" | head -n 3 | tr '\t\n' ': ')
	[ -z "$missing" ] || problem "$2: English other names or See also links it lacks: $missing"
	extra=$(LC_ALL=C comm -13 "$scratch/en.gn" "$scratch/zh.gn" | grep '	SEE ' | head -n 3 | tr '\t\n' ': ')
	[ -z "$extra" ] || problem "$2: See also links the English has not: $extra"
}

compare_exercise() {
	ex_skeleton "$1" >"$scratch/en.ex"
	ex_skeleton "$2" >"$scratch/zh.ex"
	cmp -s "$scratch/en.ex" "$scratch/zh.ex" ||
		problem "$2: its front block, check block or hints differ from $1's: $(diff "$scratch/en.ex" "$scratch/zh.ex" | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
	grep -q '^HINTS$' "$scratch/zh.ex" || problem "$2: no \"## Hints\" section"
}

# check_tree ROOT LANG: every problem of ROOT's LANG twins, into $problems
check_tree() {
	r=$1 l=$2
	for en in "$r"/lessons/*.md; do
		[ -f "$en" ] || continue
		name=${en##*/}
		zh=$r/lessons/$l/$name
		if [ ! -f "$zh" ]; then
			problem "lessons/$l/$name: missing (the twin of lessons/$name)"
		elif [ "$name" = glossary.md ]; then
			compare_glossary "$en" "$zh"
		else
			compare_lesson "$en" "$zh"
		fi
	done
	for zh in "$r"/lessons/"$l"/*.md; do
		[ -f "$zh" ] || continue
		[ -f "$r/lessons/${zh##*/}" ] || problem "$zh: no English lesson lessons/${zh##*/}"
	done
	for en in "$r"/lessons/exercises/*/exercise.md; do
		[ -f "$en" ] || continue
		zh=${en%.md}.$l.md
		if [ -f "$zh" ]; then
			compare_exercise "$en" "$zh"
		else
			problem "${zh#"$r"/}: missing (the twin of ${en#"$r"/})"
		fi
	done
}

# The checker, on English copies made twins, then on each of a few changes.
self=$scratch/self
mkdir -p "$self/lessons/xx" "$self/lessons/exercises/one"
cp "$top_srcdir/lessons/link.md" "$top_srcdir/lessons/glossary.md" "$self/lessons/" ||
	hard_error "cannot copy the English lessons"
cp "$top_srcdir/lessons/exercises/macro-parens/exercise.md" "$self/lessons/exercises/one/" ||
	hard_error "cannot copy an exercise"
twins() {
	cp "$self/lessons/link.md" "$self/lessons/glossary.md" "$self/lessons/xx/"
	sed 's/^summary:.*/summary: 另一种语言/' "$self/lessons/exercises/one/exercise.md" \
		>"$self/lessons/exercises/one/exercise.xx.md"
	# a translated question: its ask: line differs, and may
	sed 's/^ask:.*/ask: 翻译过的问题？/' "$self/lessons/link.md" >"$self/lessons/xx/link.md"
}
twins
check_tree "$self" xx
[ ! -s "$problems" ] || hard_error "the checker finds English copies unlike themselves: $(head -n 3 "$problems")"
# mutate FILE SED-SCRIPT WHAT: after the change the checker must complain
mutate() {
	twins
	sed -i "$2" "$self/$1"
	: >"$problems"
	check_tree "$self" xx
	[ -s "$problems" ] || hard_error "the checker misses $3"
}
mutate lessons/xx/link.md '0,/^## /s/^## /### /' "a heading of another level"
mutate lessons/xx/link.md '0,/^sample:/s/^sample:.*/sample: other.c/' "a changed live block line"
mutate lessons/xx/link.md 's/(#term-[a-z0-9-]*)//g' "lost term links"
mutate lessons/xx/glossary.md '0,/^## /s/^## .*/## renamed/' "a renamed glossary section"
mutate lessons/xx/glossary.md '0,/^Other names:/s/^Other names:.*/Other names: 别名./' "lost other names"
mutate lessons/exercises/one/exercise.xx.md '/^- The whole/,$d' "a lost hint"
mutate lessons/exercises/one/exercise.xx.md 's/^compiles$/links/' "a changed check block"
mutate lessons/exercises/one/exercise.xx.md 's/^order:.*/order: 99/' "a changed front block"
rm "$self/lessons/xx/glossary.md"
: >"$problems"
check_tree "$self" xx
[ -s "$problems" ] || hard_error "the checker misses a missing twin"

# A real translation (the fixture tests/zh/lessons/zh_CN/compile.md) is found alike.
: >"$problems"
compare_lesson "$top_srcdir/lessons/compile.md" "$top_srcdir/tests/zh/lessons/zh_CN/compile.md"
[ ! -s "$problems" ] || hard_error "the fixture, a translation of lessons/compile.md, no longer has its structure: $(cat "$problems")"

# The real tree.
: >"$problems"
for l in $langs; do
	check_tree "$root" "$l"
done
if [ -s "$problems" ]; then
	n=$(wc -l <"$problems")
	sed -n '1,25p' "$problems" >&2
	[ "$n" -le 25 ] || echo "... and $((n - 25)) more" >&2
	fail "$n translated files are missing or differ in structure from their English twins"
fi
echo "languages:" $langs": every lesson, the glossary and every exercise have twins of their structure"
