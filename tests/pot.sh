#!/bin/bash
# pot.sh: `make pot` extracts the sentences marked for gettext (stages/i18n.h) into
# cstages.pot: real sentences of each engine module are there as msgids, every ngettext has
# its msgid_plural, and sentences with several arguments number them (%1$s).
. "${top_srcdir:-.}/tests/lib.sh"

need_cmd xgettext
builddir=${top_builddir:-.}
make -s -C "$builddir" pot >/dev/null || fail "make pot failed"
pot=$builddir/cstages.pot
[ -s "$pot" ] || fail "make pot wrote no $pot"

# One msgid per line, its continuation lines joined, quotes and escapes as xgettext wrote them.
flat=$(mktemp "${TMPDIR:-/tmp}/pot-test.XXXXXX")
trap 'rm -f "$flat"' EXIT
awk '
	/^msgid "/ || /^msgid_plural "/ || /^msgstr/ { if (cur != "") print cur; cur = "" }
	/^msgid "/ { cur = "msgid " substr($0, 8, length($0) - 8); next }
	/^msgid_plural "/ { cur = "msgid_plural " substr($0, 15, length($0) - 15); next }
	/^"/ && cur != "" { cur = cur substr($0, 2, length($0) - 2); next }
	END { if (cur != "") print cur }
' "$pot" >"$flat"

# A sentence (a fixed string) from each module must be a msgid.
has() {
	grep '^msgid' "$flat" | grep -qF -- "$2" || fail "$1: not in cstages.pot: $2"
}
has ocompare_say.c "At %1\$s the call to %2\$s is a jmp, a tail call: %2\$s returns straight to the caller of %3\$s; at %4\$s %3\$s calls it and returns itself."
has cfacts_say.c "msgid Declared here but defined in another file: each call leaves an undefined symbol (nm U) for the linker to resolve from another object file or a library."
has cfacts_say.c "#pragma weak %1\$s = %2\$s makes it a weak alias of %2\$s"
has cfacts_say.c "printf(%1\$s) prints a string with no %% conversion that ends in a newline."
has libbuild.c "the loader found %2\$s through the program's DT_RUNPATH: %3\$s."
has linkmsg.c "is in the maths library, libm, which gcc does not link unless asked."
has asmmap_explain.c "the call frame information"
has insn_table.c "msgid Copy %1\$s into %2\$s."
has insn_ops.c "(addressed relative to %%rip)"
has symbols.c "a global symbol"
has say.c " and "
has segments.c "GNU_RELRO covers %s: they are written while the program is relocated"
has ldtrace.c "msgid_plural Without LD_BIND_NOW its final count at exit was %1\$lld relocations"

# Every ngettext has its plural: xgettext, told of ngettext alone, finds the same singulars
# in the sources, and in cstages.pot each of them is followed by its msgid_plural.
src=${top_srcdir:-.}
only=$flat.ngettext
trap 'rm -f "$flat" "$only"' EXIT
(cd "$src" && xgettext --language=C --from-code=UTF-8 --keyword= --keyword=ngettext:1,2 \
	--output=- stages/*.c stages/writers/*.c lessons/*.c tui/*.c) |
	awk '/^msgid "/ { cur = substr($0, 8, length($0) - 8); inid = 1; next }
	     /^"/ && inid { cur = cur substr($0, 2, length($0) - 2); next }
	     { if (inid && cur != "") print cur; inid = 0 }' >"$only"
plurals=$(wc -l <"$only")
[ "$plurals" -gt 0 ] || fail "no ngettext call found in the sources"
while IFS= read -r id; do
	grep -A1 -xF -- "msgid $id" "$flat" | grep -q '^msgid_plural ' ||
		fail "ngettext's \"$id\" has no msgid_plural in cstages.pot"
done <"$only"
grep -qF 'msgid_plural Being %1$zu bytes long' "$flat" ||
	fail "the string alignment sentence has no plural form"

echo "cstages.pot: $(grep -c '^msgid ' "$pot") msgids, $plurals with plural forms"
