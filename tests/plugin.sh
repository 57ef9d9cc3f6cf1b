#!/bin/bash
# plugin.sh: the dlopen sample really hot-reloads. The host and the plugin are built with the
# commands that the lesson "dlopen" teaches (taken from its "Try it" blocks), the host runs in
# the background, and the plugin is rebuilt under it twice with the lesson's method: build
# under a temporary name, then mv it into place. Each time the host must unload the old code
# (its destructor runs), load the new one, and carry its own state across; at end of input
# it must stop cleanly, and leave nothing running.
#
# The one change to the lesson's commands: the host is started with a poll count far above
# the lesson's, so that it never stops by itself on a slow machine; the test stops it by
# closing its standard input, as Ctrl-D does. Every wait is a bounded poll of the host's
# output (wait_for), never an assertion on how long something took.
. "${top_srcdir:-.}/tests/lib.sh"

need_cmd gcc
src=$(cd "${top_srcdir:-.}" && pwd -P) || hard_error "no top_srcdir"
scratch=$(make_scratch plugin)
hostpid=
cleanup() {
	exec 3>&-
	if [ -n "$hostpid" ] && kill -0 "$hostpid" 2>/dev/null; then
		kill "$hostpid" 2>/dev/null
		wait "$hostpid" 2>/dev/null
	fi
	cd / && rm -rf "$scratch"
}
trap cleanup EXIT

TRIES=1200 # of a tenth of a second each: a bound on every wait, not a time limit

lesson=$src/lessons/dlopen.md
[ -f "$lesson" ] || hard_error "no $lesson"

# The Nth fenced code block after the heading "## Try it".
try_block() {
	awk -v want="$2" '
		/^## Try it/ { on = 1; next }
		on && /^## / { exit }
		on && /^```/ { if (inb) { inb = 0; if (n == want) exit } else { inb = 1; n++ } next }
		inb && n == want
	' "$1"
}

try_block "$lesson" 1 >"$scratch/try1"
try_block "$lesson" 2 >"$scratch/try2"
build_host=$(grep -m 1 '^gcc .*-o host host\.c$' "$scratch/try1")
build_plugin=$(grep -m 1 '^gcc -shared .*-o plugin\.so plugin\.c$' "$scratch/try1")
run_host=$(grep -m 1 '^\./host \./plugin\.so [0-9][0-9]*$' "$scratch/try1")
rebuild=$(grep -m 1 '^gcc -shared .* && mv .* plugin\.so$' "$scratch/try2")
nm_line=$(grep -m 1 '^nm ' "$scratch/try2")
[ -n "$build_host" ] || fail "dlopen.md: no 'gcc ... -o host host.c' line in its first Try it block"
[ -n "$build_plugin" ] || fail "dlopen.md: no 'gcc -shared ... -o plugin.so plugin.c' line"
[ -n "$run_host" ] || fail "dlopen.md: no './host ./plugin.so COUNT' line"
[ -n "$rebuild" ] || fail "dlopen.md: the second Try it block does not rebuild into a temporary name and mv it"
tmpname=$(echo "$rebuild" | sed -n 's/.* -o \([^ ]*\) .*&& mv \([^ ]*\) plugin\.so$/\1 \2/p')
read -r tmpfile moved <<<"$tmpname"
[ -n "$tmpfile" ] && [ "$tmpfile" = "$moved" ] && [ "$tmpfile" != plugin.so ] ||
	fail "dlopen.md: the rebuild does not write a temporary file and mv that one: $rebuild"

p=$scratch/p
mkdir -p "$p"
cp "$src/samples/plugin/host.c" "$src/samples/plugin/plugin.c" "$p/"
cd "$p" || hard_error "cannot enter $p"

# glibc 2.34 and later have dlopen in libc; older ones need -ldl, as host.c's comment says.
if ! eval "$build_host" 2>"$scratch/host.err"; then
	eval "$build_host -ldl" 2>"$scratch/host.err" ||
		skip "gcc cannot link dlopen(3), with or without -ldl: $(cat "$scratch/host.err")"
	echo "note: the host needed -ldl here"
fi
eval "$build_plugin" 2>"$scratch/plugin.err" || fail "'$build_plugin' failed: $(cat "$scratch/plugin.err")"

# First the lesson's quick run: at end of input the host stops after one call.
./host ./plugin.so </dev/null >"$scratch/once" 2>&1 || fail "./host ./plugin.so < /dev/null failed: $(cat "$scratch/once")"
for want in "plugin v1: loaded" "plugin v1: call 1, 0 -> 1" "host: end of input, stopping" \
	"plugin v1: unloaded after 1 call(s)" "host: done, value 1"; do
	grep -qxF "$want" "$scratch/once" || fail "the run at end of input lacks '$want':
$(cat "$scratch/once")"
done

# Now the hot reload. The host reads a FIFO that the test holds open.
out=$scratch/host.out
mkfifo "$scratch/in" || hard_error "mkfifo failed"
read -r -a hostcmd <<<"${run_host% *} 1000000000"
"${hostcmd[@]}" <"$scratch/in" >"$out" 2>"$scratch/host.stderr" &
hostpid=$!
exec 3>"$scratch/in"

host_says() { # STRING WHAT: wait until the host's output holds the line STRING
	if ! wait_for $TRIES "$1" cat "$out"; then
		kill -0 "$hostpid" 2>/dev/null || fail "$2: the host is gone:
$(cat "$out" "$scratch/host.stderr")"
		fail "$2: the host never printed '$1':
$(cat "$out" "$scratch/host.stderr")"
	fi
}

# Line number of the first line that starts with STRING, or 0.
line_of() {
	awk -v s="$1" 'index($0, s) == 1 { print NR; found = 1; exit } END { if (!found) print 0 }' "$out"
}

# The value the last call of version V returned.
last_value() {
	sed -n "s/^plugin v$1: call [0-9]*, -*[0-9]* -> \(-*[0-9]*\)\$/\1/p" "$out" | tail -n 1
}

# Version OLD is running; build NEW with CMD; the host must switch over in order, and pass on
# its value: the new version's first call starts where the old one's last call ended.
reload() {
	old=$1 new=$2 cmd=$3
	eval "$cmd" 2>"$scratch/rebuild.err" || fail "'$cmd' failed: $(cat "$scratch/rebuild.err")"
	[ ! -e "$tmpfile" ] || fail "'$cmd' left $tmpfile behind"
	host_says "plugin v$new: call 2," "after '$cmd'"
	changed=$(awk -v o="plugin v$old: loaded" 'index($0, o) == 1 { on = 1 }
		on && /^host: .* changed, reloading$/ { print NR; exit }' "$out")
	unloaded=$(line_of "plugin v$old: unloaded after ")
	loaded=$(line_of "plugin v$new: loaded")
	first=$(line_of "plugin v$new: call 1,")
	[ -n "$changed" ] || fail "v$old -> v$new: the host never said it was reloading:
$(cat "$out")"
	[ "$changed" -lt "$unloaded" ] && [ "$unloaded" -lt "$loaded" ] && [ "$loaded" -lt "$first" ] ||
		fail "v$old -> v$new: not 'reloading', then v$old unloaded, then v$new loaded and called:
$(cat "$out")"
	# The plugin's own count starts over; the host's value goes on.
	v=$(last_value "$old")
	grep -qxF "plugin v$new: call 1, $v -> $((v + new))" "$out" ||
		fail "v$old -> v$new: the first call of v$new did not start from v$old's last value $v:
$(cat "$out")"
	echo "ok: the host reloaded v$old as v$new and went on from $v"
}

host_says "plugin v1: call 2, 1 -> 2" "the first plugin"

# The lesson's rebuild: version 2, by -DPLUGIN_VERSION=2.
reload 1 2 "$rebuild"
if [ -n "$nm_line" ]; then
	eval "$nm_line" >"$scratch/nm.out" 2>&1 || fail "'$nm_line' failed: $(cat "$scratch/nm.out")"
	grep -q ' T plugin_step$' "$scratch/nm.out" || fail "'$nm_line' does not show plugin_step: $(cat "$scratch/nm.out")"
fi

# A change in the source this time, built the same way: a copy of plugin.c whose default
# version is 3.
sed 's/^#define PLUGIN_VERSION 1$/#define PLUGIN_VERSION 3/' plugin.c >plugin3.c
cmp -s plugin.c plugin3.c && hard_error "plugin.c no longer has '#define PLUGIN_VERSION 1' to change"
rebuild3=$(echo "$rebuild" | sed 's/ -DPLUGIN_VERSION=[0-9]*//; s/ plugin\.c / plugin3.c /')
reload 2 3 "$rebuild3"

# End of input: the host stops by itself, unloads the plugin and exits 0.
exec 3>&-
n=0
while kill -0 "$hostpid" 2>/dev/null && [ $n -lt $TRIES ]; do
	sleep 0.1
	n=$((n + 1))
done
kill -0 "$hostpid" 2>/dev/null && fail "the host did not stop at end of input:
$(cat "$out")"
wait "$hostpid"
rc=$?
hostpid=
[ $rc = 0 ] || fail "the host exited $rc: $(cat "$out" "$scratch/host.stderr")"
tail -n 3 "$out" >"$scratch/end"
sed -n 1p "$scratch/end" | grep -qxF "host: end of input, stopping" &&
	sed -n 2p "$scratch/end" | grep -q "^plugin v3: unloaded after [0-9]* call(s)$" &&
	sed -n 3p "$scratch/end" | grep -q "^host: done, value $(last_value 3)$" ||
	fail "the host did not end with end of input, v3 unloaded, and its last value:
$(cat "$out")"
[ ! -s "$scratch/host.stderr" ] || fail "the host complained: $(cat "$scratch/host.stderr")"

# Nothing left running from here: no process works in the scratch directory or names it.
cd / || hard_error "cannot leave $p"
for d in /proc/[0-9]*; do
	[ "${d#/proc/}" = $$ ] && continue
	cwd=$(readlink "$d/cwd" 2>/dev/null) || continue
	case $cwd in
	"$scratch"*) fail "process ${d#/proc/} still runs in $cwd: $(tr '\0' ' ' <"$d/cmdline")" ;;
	esac
done
echo "ok: the host stopped cleanly at end of input"

# The lesson "musl": in a static musl program dlopen fails, and says so.
if command -v musl-gcc >/dev/null 2>&1; then
	m=$scratch/m
	mkdir -p "$m/plugin"
	cp "$src/samples/plugin/host.c" "$src/samples/plugin/plugin.c" "$m/plugin/"
	awk '/^## Try it/ { on = 1; next } on && /^```/ { if (inb) exit; inb = 1; next } inb' \
		"$src/lessons/musl.md" | grep 'plugin/' >"$scratch/musl.lines"
	grep -q 'musl-gcc -static .*host' "$scratch/musl.lines" ||
		fail "musl.md: no static musl build of the host in its Try it block"
	(
		cd "$m" || exit 1
		while IFS= read -r line; do
			eval "$line" || exit 1
		done <"$scratch/musl.lines"
	) >"$scratch/musl.out" 2>"$scratch/musl.err" ||
		fail "musl.md: its plugin lines failed: $(cat "$scratch/musl.err")"
	grep -q 'Dynamic loading not supported' "$scratch/musl.err" ||
		fail "musl.md: the static musl host did not say 'Dynamic loading not supported':
$(cat "$scratch/musl.out" "$scratch/musl.err")"
	echo "ok: musl.md: a static musl host cannot dlopen, and says so"
else
	echo "note: musl-gcc not installed (package musl-tools): its dlopen is not checked"
fi
exit 0
