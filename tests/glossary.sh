#!/bin/sh
# glossary.sh: `lesson --define TERM` against lessons/glossary.md: a term by its name, by
# another name and in another case prints the definition the file gives it, laid out as a
# lesson (plain in a pipe, no term link's address); an unknown term exits 2 and suggests the
# nearest; --define=list lists every term; the lookup runs no tool and loads no libclang. The
# reports end with a glossary holding an anchor for every term their lessons link to. In the
# walkthrough (headless, 80x24 and 200x50), t lists the terms the lesson pane's lesson marks,
# Enter shows the chosen one's definition, Esc goes back to the list, and Esc again closes it.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
use_utf8_locale
src=${top_srcdir:-.}
gloss=$src/lessons/glossary.md
scratch=$(make_scratch glossary)
trap 'rm -rf "$scratch"' EXIT
[ -f "$gloss" ] || hard_error "no $gloss"

# A term's id, as the lessons' links name it: lower case, other runs of characters one '-'.
slug() {
	printf '%s\n' "$1" | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9]+/-/g; s/^-+//; s/-+$//'
}
# The first words of term NAME's definition as glossary.md writes it, without code marks.
def_words() {
	awk -v name="$1" '
		/^## / { on = (substr($0, 4) == name); start = 1; next }
		!on { next }
		/^$/ { start = 1; next }
		start { start = 0; if ($0 ~ /^(Other names|See also):/) next; print; exit }
	' "$gloss" | tr -d '`' | awk '{ print $1, $2, $3, $4 }'
}
# Term NAME's first other name.
first_alias() {
	awk -v name="$1" '/^## / { on = (substr($0, 4) == name); next }
		on && /^Other names:/ { sub(/^Other names: */, ""); sub(/,.*/, ""); sub(/\.$/, "");
			print; exit }' "$gloss"
}

names=$(sed -n 's/^## //p' "$gloss")
count=$(printf '%s\n' "$names" | wc -l)
[ "$count" -ge 40 ] || fail "the glossary has $count terms"

# By name, by another name, in upper case: the same definition, under the term's name. No
# tool runs (PATH is empty).
for name in relocation "feature-test macro" GOT soname; do
	printf '%s\n' "$names" | grep -qxF "$name" || fail "no term '$name' in $gloss"
	words=$(def_words "$name")
	[ -n "$words" ] || hard_error "no definition of '$name' read from $gloss"
	PATH=/nonexistent "$LESSON" --define "$name" >"$scratch/by-name" 2>"$scratch/err" ||
		fail "--define '$name' exited $?: $(cat "$scratch/err")"
	[ "$(head -n 1 "$scratch/by-name")" = "$name" ] || fail "--define '$name' is titled '$(head -n 1 "$scratch/by-name")'"
	tr '\n' ' ' <"$scratch/by-name" | tr -s ' ' | grep -qF "$words" ||
		fail "--define '$name' lacks '$words': $(cat "$scratch/by-name")"
	if grep -q -e '#term-' -e "$(printf '\033')" "$scratch/by-name"; then
		fail "--define '$name' shows a link's address or escapes in a pipe"
	fi
	alias=$(first_alias "$name")
	[ -n "$alias" ] || hard_error "'$name' has no other name in $gloss"
	"$LESSON" --define "$alias" >"$scratch/by-alias" || fail "--define '$alias' exited $?"
	cmp -s "$scratch/by-name" "$scratch/by-alias" || fail "--define '$alias' is not '$name'"
	upper=$(printf '%s\n' "$name" | tr 'a-z' 'A-Z')
	"$LESSON" --define "$upper" >"$scratch/by-case" || fail "--define '$upper' exited $?"
	cmp -s "$scratch/by-name" "$scratch/by-case" || fail "--define '$upper' is not '$name'"
done

# A near miss: exit 2, the nearest term suggested, and how to list them all.
typo=$(printf 'relocation\n' | sed 's/\(..\)\(.\)\(.\)/\1\3\2/')
"$LESSON" --define "$typo" >"$scratch/out" 2>"$scratch/err"; rc=$?
[ $rc -eq 2 ] || fail "--define '$typo' exited $rc, want 2"
[ ! -s "$scratch/out" ] || fail "--define '$typo' printed to stdout: $(cat "$scratch/out")"
grep -q "no term '$typo'" "$scratch/err" || fail "--define '$typo': $(cat "$scratch/err")"
grep -q 'lesson --define "relocation"' "$scratch/err" || fail "--define '$typo' suggests no relocation: $(cat "$scratch/err")"
"$LESSON" --define qqqqqqqqqqqq >/dev/null 2>"$scratch/err"; rc=$?
[ $rc -eq 2 ] || fail "--define of nonsense exited $rc, want 2"
grep -q 'lesson --define list' "$scratch/err" || fail "--define of nonsense does not say how to list the terms"
# --define=list: a line for each term, after one line that says what it is
"$LESSON" --define list >"$scratch/list" || fail "--define list exited $?"
[ "$(($(wc -l <"$scratch/list") - 1))" -eq "$count" ] || fail "--define list has $(wc -l <"$scratch/list") lines for $count terms"
printf '%s\n' "$names" | while IFS= read -r name; do
	grep -q "^  $name  *" "$scratch/list" || fail "--define list lacks '$name'"
done || exit 1
# --define goes alone
"$LESSON" --define relocation "$src/samples/hello.c" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--define with a FILE exited $rc, want 2"

# A glossary that two terms' names clash in, or none at all: exit 1 and one line that says why.
mkdir -p "$scratch/bad/lessons" || hard_error "mkdir failed"
awk '/^Other names:/ && !done { print "Other names: relocation."; done = 1; next } { print }' \
	"$gloss" >"$scratch/bad/lessons/glossary.md"
first=$(printf '%s\n' "$names" | head -n 1)
CSTAGES_DATADIR=$scratch/bad "$LESSON" --define relocation >/dev/null 2>"$scratch/err"; rc=$?
[ $rc -eq 1 ] || fail "a glossary whose terms share a name: exit $rc, want 1"
[ "$(wc -l <"$scratch/err")" -eq 1 ] && grep -qF "\"$first\" and \"relocation\" share the name \"relocation\"" "$scratch/err" ||
	fail "a glossary whose terms share a name: $(cat "$scratch/err")"
rm "$scratch/bad/lessons/glossary.md"
CSTAGES_DATADIR=$scratch/bad "$LESSON" --define relocation >/dev/null 2>"$scratch/err"; rc=$?
[ $rc -eq 1 ] && grep -q "cannot read the glossary .*glossary.md: No such file or directory" "$scratch/err" ||
	fail "no glossary: exit $rc: $(cat "$scratch/err")"

# The lookup loads no libclang (the loader says which files it opens).
LD_DEBUG=files "$LESSON" --define relocation 2>"$scratch/ld.log" >/dev/null || fail "--define failed under LD_DEBUG"
grep -q 'file=' "$scratch/ld.log" || skip "the loader's LD_DEBUG=files says nothing here"
if grep -q 'libclang' "$scratch/ld.log"; then fail "--define loaded libclang"; fi

# The reports: each term link has its anchor in the glossary at the end.
check_anchors() {
	grep -o '(#term-[a-z0-9-]*)' "$1" | sed 's/^(#//; s/)$//' | sort -u >"$scratch/linked"
	while read -r id; do
		grep -qF "<a id=\"$id\"></a>" "$1" || fail "$2: no anchor for the link #$id"
	done <"$scratch/linked"
}
"$LESSON" --report --topic standards >"$scratch/topic.md" 2>"$scratch/err" || fail "--report --topic standards exited $?: $(cat "$scratch/err")"
check_anchors "$scratch/topic.md" "--report --topic standards"
[ -s "$scratch/linked" ] || fail "--report --topic standards links no term"
# ... and the links work in the HTML that pandoc makes of it (when pandoc is installed)
if command -v pandoc >/dev/null 2>&1; then
	pandoc -f commonmark -t html "$scratch/topic.md" >"$scratch/topic.html" || fail "pandoc failed"
	grep -o 'href="#term-[a-z0-9-]*"' "$scratch/topic.html" | sed 's/^href="#//; s/"$//' |
		sort -u >"$scratch/hrefs"
	cmp -s "$scratch/hrefs" "$scratch/linked" || fail "pandoc's links are not the report's term links"
	while read -r id; do
		grep -qF "id=\"$id\"" "$scratch/topic.html" || fail "pandoc's HTML has no target for #$id"
	done <"$scratch/hrefs"
fi
"$LESSON" --report "$src/samples/hello.c" >"$scratch/report.md" 2>"$scratch/err" || fail "--report exited $?: $(cat "$scratch/err")"
for stage in preprocess compile assemble link run; do
	grep -o '(#term-[a-z0-9-]*)' "$src/lessons/$stage.md" | sed 's/^(#//; s/)$//'
done | sort -u | while read -r id; do
	grep -qF "<a id=\"$id\"></a>" "$scratch/report.md" || fail "the report's glossary lacks $id, which a stage's lesson marks"
done || exit 1

# The walkthrough: at Preprocess the lesson pane shows the preprocess lesson; t lists the
# terms it marks, in alphabetical order; the second one's definition opens on Enter.
for id in $(grep -o '(#term-[a-z0-9-]*)' "$src/lessons/preprocess.md" | sed 's/^(#term-//; s/)$//' | sort -u); do
	printf '%s\n' "$names" | while IFS= read -r name; do
		[ "$(slug "$name")" = "$id" ] && printf '%s\n' "$name"
	done
done | LC_ALL=C sort -f >"$scratch/terms"
[ -s "$scratch/terms" ] || hard_error "lessons/preprocess.md marks no term of the glossary"
second=$(sed -n 2p "$scratch/terms")
[ -n "$second" ] || hard_error "lessons/preprocess.md marks only one term"
words=$(def_words "$second")
hello=$(abs_path "$src/samples/hello.c")
for size in 80x24 200x50; do
	w=${size%x*}
	h=${size#*x}
	"$LESSON" --headless "$size" --keys 't<Down><Enter><Esc><Esc>' "$hello" >"$scratch/tui" 2>"$scratch/err" ||
		fail "--headless $size exited $?: $(cat "$scratch/err")"
	for n in 1 2 3 4 5; do
		screen "$n" "$scratch/tui" >"$scratch/s$n"
		assert_fits "$scratch/s$n" "$w" "$h" "screen $n at $size"
	done
	assert_has "$scratch/s1" "Terms" "t at $size opens the chooser"
	assert_has "$scratch/s1" "$(sed -n 1p "$scratch/terms")" "the chooser at $size"
	if [ "$size" = 200x50 ]; then
		while IFS= read -r name; do
			assert_has "$scratch/s1" "$name" "the chooser at $size lists every term the lesson marks"
		done <"$scratch/terms"
	fi
	assert_has "$scratch/s3" "$second" "Enter at $size opens the second term"
	tr '\n' ' ' <"$scratch/s3" | sed 's/[│|]/ /g' | tr -s ' ' >"$scratch/s3.flat"
	assert_has "$scratch/s3.flat" "$words" "the definition of '$second' at $size"
	assert_lacks "$scratch/s3" "#term-" "the definition at $size"
	assert_has "$scratch/s4" "Terms" "Esc at $size goes back to the chooser"
	assert_lacks "$scratch/s4" "$words" "Esc at $size leaves the definition"
	assert_lacks "$scratch/s5" "Terms" "Esc again at $size closes the chooser"
done
exit 0
