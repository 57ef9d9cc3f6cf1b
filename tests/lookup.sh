#!/bin/sh
# lookup.sh: `lesson --stage NAME FILE.c`, the quick lookup. Its tables are laid out in
# columns (no Markdown pipes or delimiter rows) within 80 columns in a pipe; a static link's
# archive members are summarized, their count as the linker's map has it, the biggest first;
# --full lists every member; --full elsewhere is a usage error.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
use_utf8_locale
src=${top_srcdir:-.}
scratch=$(make_scratch lookup)
trap 'rm -rf "$scratch"' EXIT
hello=$(abs_path "$src/samples/hello.c")

for stage in preprocess compile assemble link run; do
	"$LESSON" --stage "$stage" "$hello" >"$scratch/$stage" 2>"$scratch/$stage.err" ||
		fail "--stage $stage FILE exited $?: $(cat "$scratch/$stage.err")"
	if grep -n -e '|---' -e '---|' -e '--:|' "$scratch/$stage"; then
		fail "--stage $stage FILE prints a table as Markdown"
	fi
	# the file's results, after the lesson (whose code blocks are its authors' to keep short)
	sed -n "/ at the $stage stage\$/,\$p" "$scratch/$stage" >"$scratch/$stage.results"
	[ -s "$scratch/$stage.results" ] || fail "--stage $stage FILE: no results after the lesson"
	w=$(wc -L <"$scratch/$stage.results")
	[ "$w" -le 80 ] || fail "--stage $stage FILE: a line of the results is $w columns wide in a pipe:
$(awk 'length > 80' "$scratch/$stage.results")"
done

# The assemble stage's symbol table, in columns: each symbol nm lists in hello.o starts a row
# whose next cells are its binding and type.
"$LESSON" --keep "$scratch/kept" --stage link "$hello" >"$scratch/brief" 2>/dev/null ||
	fail "--stage link FILE exited $?"
grep -q '^  symbol  *binding  *type  *section' "$scratch/assemble" ||
	fail "the assemble stage's symbol table has no row of headings in columns"
nm "$scratch/kept/hello.o" | awk '{print $NF}' | while read -r sym; do
	grep -q "^  $sym  *[A-Z][A-Z]*  *[A-Z][A-Z]*  " "$scratch/assemble" ||
		fail "symbol $sym is not a row of the assemble stage's table"
done || exit 1

# The static link's members: the count is the map's, and the biggest are listed largest first.
map=$scratch/kept/hello-static.map
[ -f "$map" ] || skip "no static link on this machine (no libc.a?)"
members=$(awk '/^Archive member included/ { f = 1; next } /^[A-Z]/ { f = 0 }
	f && /^[^ ]/ { print $1 }' "$map" | sort -u | wc -l)
[ "$members" -gt 12 ] || skip "the static link took only $members archive members"
grep -q "^What the linker copied in from archives.*: $members members," "$scratch/brief" ||
	fail "the brief does not count the map's $members members: $(grep -A1 'copied in' "$scratch/brief")"
grep -q "^All $members members," "$scratch/brief" || fail "the brief does not say how to see all $members members"
awk -v n="$members" '/^What the linker copied in from archives/ { f = index($0, ": " n " members,") > 0 }
	f && /^  member  *bytes  *for/ { t = 1; next }
	t && !NF { exit }
	t { print }' "$scratch/brief" >"$scratch/top"
top=$(wc -l <"$scratch/top")
[ "$top" -ge 1 ] && [ "$top" -lt "$members" ] || fail "the biggest members: $top rows"
awk '{ print $2 }' "$scratch/top" | sed -n "1,${top}p" >"$scratch/sizes"
sort -rn "$scratch/sizes" | cmp -s - "$scratch/sizes" || fail "the biggest members are not largest first: $(cat "$scratch/top")"
awk '{ print $1 }' "$scratch/top" | sort -u | while read -r m; do
	grep -qF "$m" "$map" || fail "$m is listed among the biggest but is not in the map"
done || exit 1

# --full: every member, a line each in the tree, as many as the map names
"$LESSON" --full --stage link "$hello" >"$scratch/full" 2>/dev/null || fail "--full --stage link FILE exited $?"
rows=$(awk -v n="$members" '
	/^What the linker copied in from archives/ { f = index($0, ": " n " members,") > 0; next }
	f && /^[A-Z]/ { f = 0 }
	f && /\.a\(.*\)/ { c++ }
	END { print c + 0 }' "$scratch/full")
[ "$rows" -eq "$members" ] || fail "--full lists $rows members of the static link, the map $members"
[ "$(wc -l <"$scratch/full")" -gt "$(wc -l <"$scratch/brief")" ] || fail "--full is no longer than the brief"

# --full where nothing is cut is a usage error, said so
"$LESSON" --full --stage link >/dev/null 2>"$scratch/err"
[ $? -eq 2 ] || fail "--full without a FILE did not exit 2"
grep -q -- '--full' "$scratch/err" || fail "--full without a FILE: the error does not name --full"
"$LESSON" --help | grep -q -- '--full' || fail "--help does not mention --full"
exit 0
