#!/bin/sh
# zh_catalog.sh: each catalogue of po/LINGUAS is whole and sound: msgfmt -c --check-format
# passes (the header, the format specifiers of every translation), --statistics reports no
# fuzzy and no untranslated message, and msgcmp finds every msgid of the template that make pot
# extracts now translated in it (a sentence added to the sources since is missing). The
# catalogue make built for the build tree is the one ./lesson reads.
. "${top_srcdir:-.}/tests/lib.sh"

need_cmd msgfmt
need_cmd msgcmp
need_cmd xgettext
builddir=${top_builddir:-.}
make -s -C "$builddir" pot >/dev/null || fail "make pot failed"
pot=$builddir/cstages.pot
[ -s "$pot" ] || fail "make pot wrote no $pot"
langs=$(sed -e 's/#.*//' "$top_srcdir/po/LINGUAS" | tr -s ' \t\n' '   ')
[ -n "$langs" ] || fail "po/LINGUAS names no language"
scratch=$(make_scratch zh-catalog)
trap 'rm -rf "$scratch"' EXIT

for l in $langs; do
	po=$top_srcdir/po/$l.po
	[ -f "$po" ] || fail "po/LINGUAS names $l, but there is no po/$l.po"
	LC_ALL=C msgfmt -c --check-format --statistics -o "$scratch/$l.mo" "$po" \
		>"$scratch/stats" 2>&1 || fail "msgfmt -c --check-format po/$l.po: $(head -n 5 "$scratch/stats")"
	stats=$(grep 'translated message' "$scratch/stats")
	case $stats in
	*fuzzy* | *untranslated*) fail "po/$l.po: $stats (every message translated and none fuzzy)" ;;
	"") fail "msgfmt --statistics said nothing of po/$l.po" ;;
	esac
	if ! LC_ALL=C msgcmp -N "$po" "$pot" >"$scratch/cmp" 2>&1; then
		n=$(sed -n 's/.*:\([0-9][0-9]*\): this message is used but not defined.*/\1/p' "$scratch/cmp" | head -n 1)
		fail "po/$l.po lacks $(grep -c 'used but not defined' "$scratch/cmp") msgids of the template, untranslated or absent (make update-po merges them in), the first: $(sed -n "${n:-1},\$p" "$pot" | awk '/^msgid/ { p = 1 } p && /^msgstr/ { exit } p' | tr '\n' ' ')"
	fi
	mo=$builddir/po/locale/$l/LC_MESSAGES/cstages.mo
	[ -f "$mo" ] || fail "make did not build $mo"
	cmp -s "$mo" "$scratch/$l.mo" || fail "$mo is not po/$l.po compiled now (run make)"
	echo "po/$l.po: $stats"
done
