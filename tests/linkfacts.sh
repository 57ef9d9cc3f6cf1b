#!/bin/sh
# linkfacts.sh: the link's explanations agree with the facts beside them, checked against the
# toolchain and the package manager of this machine.
#  - zlib's zpipe.c linked without -lz: each undefined symbol that libz defines is said to
#    need the options pkg-config --libs gives for the module of the package (dpkg -S) that
#    has the header the .i names, and linking by hand with them succeeds;
#  - hello.c -- -lm: the dynamic program's NEEDED (readelf -d) lacks libm, and the JSON and
#    the report say so, with gcc -dumpspecs's --as-needed as the reason;
#  - libm.c: glibc's links fail on cbrt and musl's succeeds; the report says which member of
#    musl's libc.a has it, as musl's link map does, and musl's libm.a holds nothing (ar t).
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd nm
need_cmd readelf
need_cmd jq
scratch=$(make_scratch linkfacts)
trap 'rm -rf "$scratch"' EXIT

# --- zpipe.c without -lz
zpipe=/usr/share/doc/zlib1g-dev/examples/zpipe.c
if [ -r "$zpipe" ] && command -v dpkg >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1 &&
	pkg-config --exists zlib; then
	cp "$zpipe" "$scratch/zpipe.c"
	"$LESSON" --keep "$scratch/z" --json "$scratch/zpipe.c" >"$scratch/z.json" 2>/dev/null ||
		fail "zpipe.c: --json exited $?"
	flags=$(pkg-config --libs zlib | sed 's/ *$//')
	libz=$(gcc -print-file-name=libz.so)
	nm -D --defined-only "$libz" | awk '{print $NF}' | sort -u >"$scratch/libz.syms"
	jq -r '.link[] | select(.kind != "musl") | .messages_explained[] |
		select(.kind == "undefined") | .symbol' "$scratch/z.json" | sort -u >"$scratch/undef"
	[ -s "$scratch/undef" ] || fail "zpipe.c: no undefined reference explained"
	n=0
	while read -r sym; do
		grep -qx "$sym" "$scratch/libz.syms" || continue
		n=$((n + 1))
		jq -r --arg s "$sym" '.link[] | select(.kind != "musl") | .messages_explained[] |
			select(.symbol == $s) | [.library.header, .library.package,
			.library.pkg_config, .library.flags] | @tsv' "$scratch/z.json" |
		while IFS='	' read -r header package pc got; do
			[ "$got" = "$flags" ] ||
				fail "zpipe.c: $sym: flags '$got', pkg-config --libs zlib: '$flags'"
			grep -q "^# [0-9]* \"$header\"" "$scratch/z/zpipe.i" ||
				fail "zpipe.c: $sym: the .i names no header $header"
			want=$(dpkg -S "$header" | sed -n '1s/: .*//p')
			[ "$package" = "$want" ] || fail "zpipe.c: $sym: package $package, dpkg -S: $want"
			dpkg -L "$package" | grep -q "/pkgconfig/$pc\.pc\$" ||
				fail "zpipe.c: $sym: $package ships no $pc.pc"
		done || exit 1
	done <"$scratch/undef"
	[ "$n" -gt 0 ] || fail "zpipe.c: no undefined symbol that libz defines"
	"$LESSON" --report "$scratch/zpipe.c" 2>/dev/null | grep -q -- "-lNAME" &&
		fail "zpipe.c: the report still says -lNAME"
	# shellcheck disable=SC2086 # the flags are words
	(cd "$scratch/z" && gcc zpipe.o $flags -o by-hand) ||
		fail "zpipe.c: linking by hand with $flags failed"
else
	echo "zpipe.c: skipped: needs zlib1g-dev's examples, dpkg and pkg-config" >&2
fi

# --- hello.c -- -lm: NEEDED without libm
hello=$(abs_path "$top_srcdir/samples/hello.c")
"$LESSON" --keep "$scratch/h" --json "$hello" -- -lm >"$scratch/h.json" 2>/dev/null ||
	fail "hello.c -- -lm: --json exited $?"
if readelf -d "$scratch/h/hello" | grep NEEDED | grep -q 'libm\.so'; then
	want='[]'
else
	want='["m"]'
fi
got=$(jq -c '.link[] | select(.kind == "dynamic") | .needed_dropped' "$scratch/h.json")
[ "$got" = "$want" ] || fail "hello.c -- -lm: needed_dropped $got, readelf -d: $want"
if [ "$want" = '["m"]' ]; then
	if gcc -dumpspecs | grep -q -- '--as-needed}'; then asn=true; else asn=false; fi
	got=$(jq -c '.link[] | select(.kind == "dynamic") | .gcc_passes_as_needed' "$scratch/h.json")
	[ "$got" = "$asn" ] || fail "hello.c -- -lm: gcc_passes_as_needed $got, gcc -dumpspecs: $asn"
	"$LESSON" --report "$hello" -- -lm 2>/dev/null |
		grep -q -- "-lm is on the link command, but NEEDED does not list libm" ||
		fail "hello.c -- -lm: the report does not say why NEEDED lacks libm"
fi
"$LESSON" --json "$hello" >"$scratch/n.json" 2>/dev/null || fail "hello.c: --json exited $?"
got=$(jq -c '.link[] | select(.kind == "dynamic") | .needed_dropped' "$scratch/n.json")
[ "$got" = '[]' ] || fail "hello.c: needed_dropped $got without -l"

# --- libm.c: musl's libc.a has cbrt
if command -v musl-gcc >/dev/null 2>&1; then
	libm=$(abs_path "$top_srcdir/samples/libm.c")
	"$LESSON" --keep "$scratch/m" --report "$libm" >"$scratch/m.md" 2>/dev/null ||
		fail "libm.c: --report exited $?"
	[ -f "$scratch/m/libm-musl" ] || fail "libm.c: musl's link made no program"
	[ -f "$scratch/m/libm" ] && fail "libm.c: glibc's dynamic link succeeded without -lm"
	archive=$(grep -o '^[^ (]*libc\.a(cbrt\.l*o)' "$scratch/m/libm-musl.map" | head -n 1)
	[ -n "$archive" ] || fail "libm.c: musl's map names no member for cbrt"
	member=$(basename "$archive")
	grep -qF "cbrt came from $member" "$scratch/m.md" ||
		fail "libm.c: the report does not say that cbrt came from $member"
	mlibm=$(dirname "${archive%%(*}")/libm.a
	[ -f "$mlibm" ] && [ -z "$(ar t "$mlibm")" ] ||
		fail "libm.c: $mlibm is not an empty archive, as the report says"
else
	echo "libm.c: skipped: musl-gcc not installed" >&2
fi
exit 0
