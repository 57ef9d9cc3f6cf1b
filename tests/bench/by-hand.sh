#!/bin/sh
# tests/bench/by-hand.sh: what `lesson --report FILE.c` runs, typed as a learner would type it,
# one command after another: the floor that the pipeline figure holds lesson against. The same
# commands with the same arguments, in a private directory that is also TMPDIR (as lesson's
# walk directory is), output to stdout (the benchmark throws it away):
#
#   gcc -E, gcc -S, gcc -S -g (the compile whose .loc lines tie the .s to the source), gcc -c,
#   then nm, readelf -sSrW and objdump -dr on the object;
#   each link: gcc, gcc -static, gcc -static-pie (those two with -Wl,-Map), and musl-gcc -static
#   from the source with -Wl,-Map when musl-gcc is installed; for each program ldd, a run with
#   stdin from /dev/null, and a run alone in an empty root: unshare -r chroot (plain chroot
#   when unshare is refused and we are root).
#   Stage 5, Run: the -g .s assembled (its line table ties the .o's offsets to source lines),
#   objdump -dw of the .o (and of musl's, compiled again with musl-gcc -c), and for each
#   program objdump -d, readelf -rW, readelf -hlW and nm (the relocations filled in, the
#   segments, the entry point and main); runs with LD_DEBUG=libs,bindings,statistics, and
#   again with LD_BIND_NOW=1 for the dynamic program; the process at main twice, in gdb
#   (break main, run, info proc mappings; when gdb is installed); and an LD_PRELOAD wrapper
#   of puts built with gcc -shared -fPIC and run under each program.
#
#   sh tests/bench/by-hand.sh FILE.c
#
# Always exits 0 once it ran (a failing stage ends the walk, as in lesson, and is a result).
# lesson's own reading of the results (libclang's parse of the source among them) has no
# command to type, so it is not here: it is part of what lesson must win back.
set -u

if [ $# -ne 1 ]; then
	echo "usage: by-hand.sh FILE.c" >&2
	exit 2
fi
case $1 in
/*) src=$1 ;;
*) src=$(pwd -P)/$1 ;;
esac
base=${src##*/}
base=${base%.c}
dir=$(mktemp -d "${TMPDIR:-/tmp}/by-hand.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
TMPDIR=$dir
export TMPDIR

gcc -E "$src" -o "$base.i" || exit 0
gcc -S "$base.i" -o "$base.s" || exit 0
gcc -S -g "$base.i" -o "$base.g.s"
gcc -c "$base.s" -o "$base.o" || exit 0
nm "$base.o"
readelf -sSrW "$base.o"
objdump -dr "$base.o"

# The program alone in an empty directory as its root. lesson falls back to plain chroot only
# when unshare itself said no; the first line of its messages tells.
empty_root() {
	mkdir "root-$1" && cp "$2" "root-$1/$2" || return 0
	unshare -r chroot "root-$1" "/$2" </dev/null 2>"root-$1.err" && return 0
	IFS= read -r why <"root-$1.err" || why=
	case $why in
	*"unshare: "*) [ "$(id -u)" -eq 0 ] && chroot "root-$1" "/$2" </dev/null ;;
	esac
	return 0
}

# After a link that worked: ldd, a run, and the empty-root run.
inspect() {
	ldd "./$2"
	"./$2" </dev/null
	empty_root "$1" "$2"
	linked="$linked $2"
}

# Stage 5 for one program: its relocations filled in, its segments, its loader, its process
# at main (twice, to compare the addresses), and the wrapper.
run_stage() {
	objdump -d "$1"
	readelf -rW "$1"
	readelf -hlW "$1"
	nm "$1"
	LD_DEBUG=libs,bindings,statistics "./$1" </dev/null
	if [ "$1" = "$base" ]; then
		LD_BIND_NOW=1 LD_DEBUG=libs,bindings,statistics "./$1" </dev/null
	fi
	if command -v gdb >/dev/null 2>&1; then
		for i in 1 2; do
			gdb -q -batch -ex 'break main' -ex run -ex 'info proc mappings' "./$1" </dev/null
		done
	fi
	LD_PRELOAD=./interpose-puts.so "./$1" </dev/null
}
linked=

gcc "$base.o" -o "$base" && inspect dynamic "$base"
gcc -static "$base.o" "-Wl,-Map,$base-static.map" -o "$base-static" &&
	inspect static "$base-static"
gcc -static-pie "$base.o" "-Wl,-Map,$base-static-pie.map" -o "$base-static-pie" &&
	inspect static-pie "$base-static-pie"
if command -v musl-gcc >/dev/null 2>&1; then
	musl-gcc -static "$src" "-Wl,-Map,$base-musl.map" -o "$base-musl" &&
		inspect musl "$base-musl" && musl-gcc -c "$src" -o "$base.musl.o" &&
		objdump -dw "$base.musl.o"
fi

# Stage 5, once the programs are linked.
[ -n "$linked" ] || exit 0
gcc -c -g "$base.g.s" -o "$base.g.o"
objdump -dw "$base.o"
cat >interpose-puts.c <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

int puts(const char *s)
{
	static const char m[] = "[wrapper] puts called\n";
	write(2, m, sizeof m - 1);
	int (*real)(const char *) = (int (*)(const char *))dlsym(RTLD_NEXT, "puts");
	return real(s);
}
EOF
gcc -shared -fPIC -o interpose-puts.so interpose-puts.c -ldl
for prog in $linked; do
	run_stage "$prog"
done
exit 0
