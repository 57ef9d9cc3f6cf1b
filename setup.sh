#!/bin/sh
# setup.sh: make a Debian 12 or Ubuntu machine ready to build cstages, then build it.
#
#   ./setup.sh          install the missing Debian packages, configure, build ./lesson
#   ./setup.sh check    the same, then run the whole test suite (make check)
#
# It installs only what is missing (apt-get, as root or through sudo; otherwise it prints
# the apt-get line to run), runs autoreconf only when ./configure is missing or older than
# configure.ac, ./configure only when the Makefile is missing or older than configure, and
# then make. A second run installs nothing and make has nothing to do.
set -eu

cd "$(dirname "$0")"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

mode=build
case "${1:-}" in
"") ;;
check) mode=check ;;
-h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
*) die "unknown argument '$1' (use: ./setup.sh [check])" ;;
esac

# Why each package is needed:
#   gcc make autoconf automake pkg-config   build from the git sources
#   libncurses-dev libelf-dev libcmark-dev   the curses front end, ELF facts, lessons
#   libjansson-dev                           lesson --json writes its document with jansson
#   libdw-dev                                the -g compile's DWARF (elfutils' libdw): which
#                                            stack slot or register is which variable
#   libclang-dev                             ./configure requires libclang
#   check                                    the unit test framework of make check
#   binutils libc-bin libc6-dev              as, ld, nm, readelf, objdump, ldd, and
#                                            libc.a for the -static and -static-pie links
#   musl-tools                               musl-gcc, for the static link against musl
#   tmux                                     the screen tests drive lesson in tmux
#   util-linux                               unshare, for the empty-root run
#   zlib1g-dev                               zlib's example programs, which the tests
#                                            walk with -lz, as a learner would
#   golang-go                                the Go and cgo lab (lesson go-static, cgo)
#   clang valgrind                           make fuzz-smoke (libFuzzer) and the memcheck test
#   gettext                                  xgettext, for make pot (the translation template)
#   pandoc                                   (./setup.sh check only) the handout test renders
#                                            the report with pandoc
#   locales                                  (./setup.sh check only) localedef and the C
#                                            library's Chinese messages (ldd's), for the test
#                                            that walks a program under LANG=zh_CN.UTF-8
#   jq                                       (./setup.sh check only) tests/linkfacts.sh reads
#                                            the JSON's link facts with jq
#   python3 procps                           (./setup.sh check only) tests/jail.sh and
#                                            tests/runargs.sh start a listener and read
#                                            input with python3; tests/limits.sh looks
#                                            for processes left behind with pgrep
#   patch                                    (./setup.sh check only) tests/exercises.sh
#                                            applies each exercise's --solution with
#                                            patch -p1, as a teacher would
#   gdb                                      (./setup.sh check only) tests/check_procmain
#                                            stops each program at main with gdb too, and
#                                            compares its mappings with lesson's
packages="gcc make autoconf automake pkg-config libncurses-dev libelf-dev libdw-dev libcmark-dev
libjansson-dev libclang-dev check binutils libc-bin libc6-dev musl-tools tmux util-linux zlib1g-dev
golang-go clang valgrind gettext"
[ "$mode" = check ] && packages="$packages pandoc locales jq gdb python3 procps patch"

jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

# Print the packages that are not installed.
missing_packages() {
	for p in $packages; do
		case "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" in
		*" ok installed"*) ;;
		*) printf '%s ' "$p" ;;
		esac
	done
}

# True when apt knows a version of every package given (else the lists need an update).
apt_knows() {
	for p in "$@"; do
		LC_ALL=C apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]' || return 1
	done
}

install_packages() {
	if [ "$(id -u)" = 0 ]; then
		as_root=
	elif command -v sudo >/dev/null 2>&1; then
		as_root=sudo
		say "not root: using sudo for apt-get"
	else
		printf 'setup: missing Debian packages: %s\n' "$*" >&2
		printf 'setup: run this as root, then ./setup.sh again:\n' >&2
		printf '  apt-get update && apt-get install -y --no-install-recommends %s\n' "$*" >&2
		exit 1
	fi
	log=$(mktemp "${TMPDIR:-/tmp}/cstages-setup.XXXXXX")
	updated=no
	if ! apt_knows "$@"; then
		say "apt-get update"
		$as_root apt-get update -q >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "apt-get update failed"; }
		updated=yes
	fi
	say "installing: $*"
	# Stale package lists can name files the mirror no longer has: update once and retry.
	if ! $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "$@" >"$log" 2>&1; then
		if [ "$updated" = yes ]; then
			tail -n 30 "$log" >&2; rm -f "$log"; die "apt-get install failed"
		fi
		say "apt-get update (install failed with the old lists)"
		$as_root apt-get update -q >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "apt-get update failed"; }
		$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "$@" >"$log" 2>&1 ||
			{ tail -n 30 "$log" >&2; rm -f "$log"; die "apt-get install failed"; }
	fi
	rm -f "$log"
}

# 1. Packages.
if command -v dpkg-query >/dev/null 2>&1; then
	missing=$(missing_packages)
	if [ -n "$missing" ]; then
		# shellcheck disable=SC2086 # one word per package
		install_packages $missing
		still=$(missing_packages)
		[ -z "$still" ] || die "still missing after apt-get: $still"
	else
		say "packages: all installed"
	fi
else
	say "no dpkg here: install the equivalents of these Debian packages yourself:"
	say "  $(printf '%s' "$packages" | tr '\n' ' ')"
fi

# 1b. A non-English locale for the tests (tests/locale.sh, and tests/zh_lang.sh, which runs
# lesson in Chinese), generated without the locales package's configuration: binutils' and the
# C library's Chinese messages come with Debian. lesson's own Chinese needs no more: zh_SG,
# zh_TW and --lang are told apart by name (stages/i18n.h), so those locales need not exist.
if [ "$mode" = check ] && command -v localedef >/dev/null 2>&1 &&
	! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	if [ "$(id -u)" = 0 ]; then
		as_root=
	elif command -v sudo >/dev/null 2>&1; then
		as_root=sudo
	else
		as_root=none
	fi
	if [ "$as_root" != none ] && $as_root localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 2>/dev/null; then
		say "generated the zh_CN.UTF-8 locale"
	else
		say "could not generate zh_CN.UTF-8 (localedef -i zh_CN -f UTF-8 zh_CN.UTF-8, as root): tests/locale.sh and tests/zh_lang.sh will be skipped"
	fi
fi

# True when file $1 was modified after file $2 (test -nt is not POSIX).
newer() { [ -n "$(find "$1" -prune -newer "$2" 2>/dev/null)" ]; }

# 2. Configure.
if [ ! -x configure ] || newer configure.ac configure; then
	say "autoreconf -fi"
	log=$(mktemp "${TMPDIR:-/tmp}/cstages-setup.XXXXXX")
	autoreconf -fi >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "autoreconf failed"; }
	rm -f "$log"
fi
if [ ! -f Makefile ] || newer configure Makefile || newer configure.ac Makefile; then
	say "./configure"
	./configure -q || die "./configure failed (see config.log)"
fi

# 3. Build.
say "make -j$jobs"
make -j"$jobs" --no-print-directory || die "make failed"
[ -x lesson ] || die "make finished but ./lesson is missing"
say "built ./lesson"

# 4. Tests.
if [ "$mode" = check ]; then
	say "make check"
	if ! make -j"$jobs" --no-print-directory check; then
		for trs in tests/*.trs tests/*/*.trs; do
			[ -f "$trs" ] || continue
			grep -Eq '^:test-result: (FAIL|ERROR|XPASS)' "$trs" || continue
			log=${trs%.trs}.log
			printf '\n==== %s ====\n' "$log"
			cat "$log" 2>/dev/null || true
		done
		die "make check failed"
	fi
	say "make check passed"
fi
