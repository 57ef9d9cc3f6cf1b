#!/bin/sh
# locale.sh: lesson reads the tools' output in English, so it runs them in the C locale
# whatever the learner's. Under LANG=zh_CN.UTF-8 and LANGUAGE=zh_CN (binutils and the C
# library ship Chinese messages on Debian) the report of samples/hello.c must show the same
# objdump lines, ldd lines and archive members (from the static links' maps) as the same
# tools run by hand under LC_ALL=C. Skipped (77) when the zh_CN.UTF-8 locale is not generated
# (./setup.sh check generates it) or binutils' Chinese messages are not installed.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd objdump
need_cmd ldd
loc=$(locale -a 2>/dev/null | grep -i -m 1 -E '^zh_CN\.utf-?8$') ||
	skip "the zh_CN.UTF-8 locale is not generated (localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
[ "$(LC_ALL=$loc objdump --help 2>&1 | head -n 1)" != "$(LC_ALL=C objdump --help 2>&1 | head -n 1)" ] ||
	skip "binutils' Chinese messages are not installed (objdump --help is English under $loc)"

scratch=$(make_scratch locale)
trap 'rm -rf "$scratch"' EXIT
src=$(abs_path "$top_srcdir/samples/hello.c")
keep=$scratch/walk
unset LC_ALL LC_MESSAGES
# --lang en: the report's headings, which this test reads, stay English (lesson's own Chinese
# is tests/zh_lang.sh's); the locale the tools inherit is still the learner's
LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$LESSON" --lang en --keep="$keep" --report "$src" >"$scratch/report.md" 2>"$scratch/err" ||
	fail "lesson exited $?: $(cat "$scratch/err")"

# The lines of the first fenced block after the line that starts with $1 in the report.
block_after() {
	awk -v head="$1" '
		!found && index($0, head) == 1 { found = 1; next }
		found == 1 && /^```/ { found = 2; next }
		found == 2 && /^```/ { exit }
		found == 2 { print }' "$scratch/report.md"
}

# ldd's load addresses change from run to run: leave them out.
no_addresses() {
	sed 's/ *(0x[0-9a-f]*)//'
}

# objdump -dr, as the report shows it and as it prints by hand.
(cd "$keep" && LC_ALL=C objdump -dr hello.o) >"$scratch/objdump.hand" 2>&1 ||
	hard_error "objdump -dr hello.o failed by hand"
block_after '`objdump -dr hello.o`' >"$scratch/objdump.shown"
[ -s "$scratch/objdump.shown" ] || fail "the report shows no objdump -dr output"
cmp -s "$scratch/objdump.hand" "$scratch/objdump.shown" ||
	fail "objdump's lines differ from LC_ALL=C objdump -dr hello.o: $(diff "$scratch/objdump.hand" "$scratch/objdump.shown" | head -n 6)"

# ldd on each program lesson linked (a static one: ldd's words on standard error).
checked=0
for exe in hello hello-static hello-static-pie hello-musl; do
	[ -x "$keep/$exe" ] || continue
	(cd "$keep" && LC_ALL=C ldd "./$exe" >"$scratch/ldd.out" 2>"$scratch/ldd.err")
	if [ -s "$scratch/ldd.out" ]; then
		no_addresses <"$scratch/ldd.out" >"$scratch/ldd.hand"
	else
		no_addresses <"$scratch/ldd.err" >"$scratch/ldd.hand"
	fi
	block_after "\`ldd ./$exe\`" | no_addresses >"$scratch/ldd.shown"
	cmp -s "$scratch/ldd.hand" "$scratch/ldd.shown" ||
		fail "ldd ./$exe: the report shows '$(cat "$scratch/ldd.shown")', by hand under LC_ALL=C '$(cat "$scratch/ldd.hand")'"
	checked=$((checked + 1))
done
[ "$checked" -gt 0 ] || fail "lesson linked no program"

# The archive members of each static link's map made by hand under LC_ALL=C, as
# "libc.a(member)", sorted: the lines of the map's first section that name an archive member.
map_members() {
	awk '
		/^Archive member included/ { on = 1; next }
		on && /^[A-Z]/ { exit }
		on && /^[^ \t].*\.a\(.*\)/ { sub(/[ \t].*/, ""); n = split($0, p, "/"); print p[n] }' "$1" | sort
}

# The members the report lists for one link (its "### The ... link" section), sorted.
shown_members() {
	awk -v head="$1" '
		index($0, head) == 1 { on = 1; next }
		on && /^### / { exit }
		on && /^ *- `[^`(]*\.a\([^`]*\)` / { sub(/^ *- `/, ""); sub(/`.*/, ""); print }' \
		"$scratch/report.md" | sort
}

(cd "$keep" && LC_ALL=C gcc -static hello.o -Wl,-Map,hand-static.map -o hand-static) ||
	hard_error "gcc -static failed by hand"
map_members "$keep/hand-static.map" >"$scratch/members.hand"
[ -s "$scratch/members.hand" ] || hard_error "no archive member in the static link's map made by hand"
shown_members "### The static link" >"$scratch/members.shown"
cmp -s "$scratch/members.hand" "$scratch/members.shown" ||
	fail "the static link's archive members differ from its map under LC_ALL=C: $(diff "$scratch/members.hand" "$scratch/members.shown" | head -n 6)"

if command -v musl-gcc >/dev/null 2>&1 && [ -x "$keep/hello-musl" ]; then
	(cd "$keep" && LC_ALL=C musl-gcc -static "$src" -Wl,-Map,hand-musl.map -o hand-musl) ||
		hard_error "musl-gcc -static failed by hand"
	map_members "$keep/hand-musl.map" >"$scratch/members.hand"
	[ -s "$scratch/members.hand" ] || hard_error "no archive member in musl's map made by hand"
	shown_members "### The musl link" >"$scratch/members.shown"
	cmp -s "$scratch/members.hand" "$scratch/members.shown" ||
		fail "the musl link's archive members differ from its map under LC_ALL=C: $(diff "$scratch/members.hand" "$scratch/members.shown" | head -n 6)"
fi
exit 0
