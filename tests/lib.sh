# lib.sh: helpers for the shell tests. Source it with
#   . "${top_srcdir:-.}/tests/lib.sh"
# make check exports top_srcdir, top_builddir, LESSON (the binary under test) and
# CSTAGES_DATADIR. Exit statuses follow automake: 0 pass, 1 fail, 77 skip, 99 hard error.
# Sourcing it defines functions only: it sets no trap and changes no directory.

: "${top_srcdir:=.}"

# Skip the test, saying why (exit 77).
skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# Fail the test, saying what was wrong (exit 1).
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# The test itself could not run as it should (exit 99).
hard_error() {
	echo "ERROR: $*" >&2
	exit 99
}

# Skip unless a command is installed.
need_cmd() {
	command -v "$1" >/dev/null 2>&1 || skip "$1 not installed"
}

# The lesson binary must exist: without it the test cannot say anything.
need_lesson() {
	[ -n "${LESSON:-}" ] || hard_error "LESSON must name the lesson binary"
	[ -x "$LESSON" ] || hard_error "$LESSON is not an executable (run make first)"
}

# Run in a UTF-8 locale when the system has one, so screens use the same glyphs from run to
# run and `wc -L` counts columns, not bytes; else in C, where lesson draws ASCII.
use_utf8_locale() {
	lib_loc=$(locale -a 2>/dev/null | grep -i -m 1 -E '^(C|en_US)\.utf-?8$')
	LC_ALL=${lib_loc:-C}
	export LC_ALL
	unset LANGUAGE
}

# Print 1 when the current locale is UTF-8.
is_utf8() {
	case $(locale charmap 2>/dev/null) in
	UTF-8) echo 1 ;;
	*) echo 0 ;;
	esac
}

# A private scratch directory under $TMPDIR; the caller removes it (trap).
make_scratch() {
	mktemp -d "${TMPDIR:-/tmp}/$1-test.XXXXXX" || hard_error "mktemp failed"
}

# The absolute, symlink-free path of a file, as lesson hands it to gcc.
abs_path() {
	(cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd -P)" "$(basename "$1")")
}

# Take SRC through the stages by hand in DIR, with the commands lesson runs, so a test can
# compare what lesson shows with what the toolchain makes: NAME.i NAME.s NAME.o, and the four
# link variants NAME (gcc), NAME-static (gcc -static), NAME-static-pie (gcc -static-pie) and
# NAME-musl (musl-gcc -static from the source, when musl-gcc is installed). A stage that fails
# leaves its file out.
build_by_hand() {
	lib_dir=$1
	lib_src=$(abs_path "$2")
	lib_name=$(basename "$lib_src" .c)
	(
		cd "$lib_dir" || exit 1
		gcc -E "$lib_src" -o "$lib_name.i" &&
			gcc -S "$lib_name.i" -o "$lib_name.s" &&
			gcc -c "$lib_name.s" -o "$lib_name.o" || exit 0
		gcc "$lib_name.o" -o "$lib_name" 2>/dev/null
		gcc -static "$lib_name.o" -o "$lib_name-static" 2>/dev/null
		gcc -static-pie "$lib_name.o" -o "$lib_name-static-pie" 2>/dev/null
		if command -v musl-gcc >/dev/null 2>&1; then
			musl-gcc -static "$lib_src" -o "$lib_name-musl" 2>/dev/null
		fi
		exit 0
	) || hard_error "cannot enter $lib_dir"
}

# How many times the size of file DYN the size of file F is, as lesson writes it: "47x" from
# 10 on, else one decimal, "2.1x".
size_ratio() {
	awk -v f="$(stat -c %s "$1")" -v d="$(stat -c %s "$2")" \
		'BEGIN { r = f / d; printf(r >= 10 ? "%.0fx\n" : "%.1fx\n", r) }'
}

# Where the learner's own code starts in the .i file I of the source SRC (absolute), as
# lesson finds it: the line after the last linemarker that comes back into SRC (flag 2, or no
# flags after lines of another file). Prints that line number, or nothing.
home_line() {
	awk -v src="\"$2\"" '
		/^# [0-9]+ "/ {
			back = (NF == 3) || ($4 == "2")
			now = ($3 == src)
			if (now && back && !was) home = NR + 1
			was = now
		}
		END { if (home) print home }' "$1"
}

# Print screen N of a headless dump (the rows after "--- screen N after ...").
screen() {
	awk -v n="$1" '/^--- screen / { on = ($3 == n); next } on' "$2"
}

# How many screens a headless dump holds.
screen_count() {
	grep -c '^--- screen ' "$1"
}

# Fail unless file F contains the fixed string S; MSG says what it means.
assert_has() {
	grep -qF -- "$2" "$1" || fail "$3: '$2' not on the screen:
$(cat "$1")"
}

# Fail if file F contains the fixed string S.
assert_lacks() {
	if grep -qF -- "$2" "$1"; then
		fail "$3: '$2' is on the screen:
$(cat "$1")"
	fi
}

# Fail if a row of file F is wider than W columns or F has more than H rows.
assert_fits() {
	lib_w=$(wc -L <"$1")
	lib_h=$(wc -l <"$1")
	[ "$lib_w" -le "$2" ] || fail "$4: a row is $lib_w columns wide on a $2-column screen:
$(cat "$1")"
	[ "$lib_h" -le "$3" ] || fail "$4: $lib_h rows on a $3-row screen"
}

# Poll until CMD's output contains the fixed string S, at most N tries a tenth of a second
# apart: a bound on the wait, never a time limit on the program. Returns 1 if it never did.
wait_for() {
	lib_tries=$1
	lib_want=$2
	shift 2
	while [ "$lib_tries" -gt 0 ]; do
		if "$@" 2>/dev/null | grep -qF -- "$lib_want"; then
			return 0
		fi
		lib_tries=$((lib_tries - 1))
		sleep 0.1
	done
	return 1
}

# Poll until CMD's output no longer contains the fixed string S (bounded as wait_for).
wait_gone() {
	lib_tries=$1
	lib_want=$2
	shift 2
	while [ "$lib_tries" -gt 0 ]; do
		if ! "$@" 2>/dev/null | grep -qF -- "$lib_want"; then
			return 0
		fi
		lib_tries=$((lib_tries - 1))
		sleep 0.1
	done
	return 1
}

# One headless walk for several key scripts: `shared_walk PREFIX SCRIPT... -- ARG...` runs
# lesson ARG... (which must hold --headless=WxH and the file) once, with the scripts joined
# by <Reset>, and splits its dump into PREFIX.1, PREFIX.2, ..., one per script, each numbered
# from "--- screen 0" as if it had been a walk of its own (the screen after <Reset> is the
# next one's screen 0). Every <Reset> must give back the first screen of the walk, row for
# row: a script that leaves something behind (a resize, + with its new walk) cannot share,
# and the test stops with a hard error. Returns lesson's exit status.
shared_walk() {
	sw_prefix=$1
	shift
	sw_keys=
	sw_n=0
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		sw_keys="$sw_keys${sw_keys:+ <Reset> }$1"
		sw_n=$((sw_n + 1))
		shift
	done
	[ $# -gt 0 ] || hard_error "shared_walk: no -- before lesson's arguments"
	shift
	"$LESSON" "$@" --keys="$sw_keys" >"$sw_prefix.all"
	sw_rc=$?
	[ "$sw_rc" -eq 0 ] || return "$sw_rc"
	awk -v p="$sw_prefix" '
		/^--- screen [0-9]+ after <Reset>$/ { part++; n = 0 }
		/^--- screen / { if (!part) part = 1; out = p "." part; printf "--- screen %d after %s\n", n++, ($3 == 0 ? "start" : substr($0, index($0, " after ") + 7)) >out; next }
		{ print >out }' "$sw_prefix.all"
	screen 0 "$sw_prefix.1" >"$sw_prefix.start"
	sw_i=2
	while [ "$sw_i" -le "$sw_n" ]; do
		[ -f "$sw_prefix.$sw_i" ] || hard_error "shared_walk: no screens for key script $sw_i ($sw_keys)"
		screen 0 "$sw_prefix.$sw_i" | cmp -s - "$sw_prefix.start" ||
			hard_error "shared_walk: <Reset> before key script $sw_i did not give back the first screen:
$(screen 0 "$sw_prefix.$sw_i" | diff "$sw_prefix.start" - | head -n 20)"
		sw_i=$((sw_i + 1))
	done
	return 0
}

# Run a command in the background, its output in file OUT: `spawn OUT CMD...`; `reap OUT`
# waits for it and returns its exit status. Independent walks run side by side this way.
spawn() {
	sp_out=$1
	shift
	"$@" >"$sp_out" &
	echo $! >"$sp_out.pid"
}
reap() {
	wait "$(cat "$1.pid")"
}

# A tmux server of its own for every session: `tmux_socket DIR` prints the path of a socket
# in DIR that no server has used (DIR/tmux-XXXXXX), for tmux -S. A new session on a server
# that is still exiting after the last kill-server or kill-session fails with "server exited
# unexpectedly" (faults.sh, once, under make distcheck's two jobs); a fresh socket never meets
# that server. `tmux_kill_all DIR` ends every server listening in DIR (for an EXIT trap).
tmux_socket() {
	ts_sock=$(mktemp -u "$1/tmux-XXXXXX") || hard_error "mktemp -u failed"
	# a Unix socket's path has room for 107 bytes
	[ "${#ts_sock}" -lt 100 ] || hard_error "tmux socket path too long: $ts_sock (set TMPDIR shorter)"
	echo "$ts_sock"
}
tmux_kill_all() {
	for tk_s in "$1"/tmux-*; do
		[ -S "$tk_s" ] && tmux -S "$tk_s" kill-server 2>/dev/null
	done
	return 0
}
