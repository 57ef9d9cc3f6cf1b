#!/bin/sh
# jail.sh: the program under study runs confined (stages/jail.h). A program that writes into
# $HOME, /tmp, the build tree, ../.. and its own directory, and connects to a TCP listener
# this test starts on 127.0.0.1, is walked with `lesson --report` and `--json`. Where the
# kernel allows namespaces (the oracle: `unshare -r -m -p -f -n true` succeeds), none of the
# files outside its directory exists afterwards; the report shows the program's own error
# for a write to the read-only tree (strerror(EROFS), printed by the program itself) and the
# walk's explanation; what it wrote to /tmp succeeded, vanished, and the walk names it; the
# listener was never reached, though the same program run by hand reaches it. With --keep DIR
# the file it wrote in its own directory is there. CSTAGES_JAIL=landlock and =none: the walk
# says what was not confined (and with none, the writes outside really happened). And run in
# the deepest user namespace the kernel allows, where it refuses another, the walk falls back
# and says the kernel refused.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd python3
scratch=$(make_scratch jail)
tag=$$-$(date +%s)
builddir=$(cd "${top_builddir:-.}" && pwd -P) || hard_error "no build directory"
home=${HOME:-/root}
listener=
cleanup() {
	[ -n "$listener" ] && kill "$listener" 2>/dev/null
	rm -f "$home/.cstages-jail-$tag" "/tmp/jail-tmp-$tag" "$builddir/jail-build-$tag" \
		"${scratch%/*}/jail-up-$tag"
	rm -rf "$scratch"
}
trap cleanup EXIT
mkdir "$scratch/tmp" || hard_error "mkdir failed"

cat >"$scratch/jailprog.c" <<'EOF'
/* jailprog.c: writes inside and outside its directory, and connects to a TCP port. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void put(const char *label, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		printf("%s: %s\n", label, strerror(errno));
		return;
	}
	fputs("written by jailprog\n", f);
	printf("%s: %s\n", label, fclose(f) == 0 ? "written" : strerror(errno));
}

int main(void)
{
	const char *tag = getenv("JAIL_TAG"), *home = getenv("HOME");
	const char *build = getenv("JAIL_BUILD"), *port = getenv("JAIL_PORT");
	char p[4096];
	printf("erofs is %s\n", strerror(EROFS));
	snprintf(p, sizeof p, "%s/.cstages-jail-%s", home ? home : "/root", tag);
	put("home", p);
	snprintf(p, sizeof p, "/tmp/jail-tmp-%s", tag);
	put("tmp", p);
	snprintf(p, sizeof p, "%s/jail-build-%s", build, tag);
	put("build", p);
	snprintf(p, sizeof p, "../../jail-up-%s", tag);
	put("up", p);
	put("own", "jail-own");
	/* alone in an empty root (lesson's other run, not this test's concern) it stops here */
	if (port && access("/etc", F_OK) == 0) {
		int s = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(port)) };
		inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
		if (s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0)
			printf("tcp: connected\n");
		else
			printf("tcp: %s\n", strerror(errno));
	}
	return 0;
}
EOF

# A listener on 127.0.0.1 that notes every connection it accepts.
python3 - "$scratch/port" "$scratch/accepted" <<'EOF' &
import os, socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept()
    with open(sys.argv[2], "a") as f:
        f.write("connection\n")
    c.close()
EOF
listener=$!
while [ ! -s "$scratch/port" ] && kill -0 "$listener" 2>/dev/null; do
	sleep 0.05
done
port=$(cat "$scratch/port" 2>/dev/null) || hard_error "the TCP listener did not start"
export JAIL_TAG=$tag JAIL_BUILD=$builddir JAIL_PORT=$port

# By hand, the program reaches the listener (the oracle that the listener works).
gcc "$scratch/jailprog.c" -o "$scratch/byhand" || hard_error "gcc cannot build jailprog.c"
mkdir "$scratch/byhand.d" "$scratch/byhand.d/run" || hard_error "mkdir failed"
(cd "$scratch/byhand.d/run" && "$scratch/byhand") >"$scratch/byhand.out" 2>&1
grep -q '^tcp: connected$' "$scratch/byhand.out" ||
	hard_error "by hand, jailprog did not reach 127.0.0.1:$port: $(cat "$scratch/byhand.out")"
erofs=$(sed -n 's/^erofs is //p' "$scratch/byhand.out")
# the program's connect() returns once the kernel has queued it, maybe before the listener
# accepts it and notes it: wait for that note, so that it is not taken for a confined run's
i=0
while [ ! -e "$scratch/accepted" ] && [ $i -lt 400 ]; do
	sleep 0.05
	i=$((i + 1))
done
[ -e "$scratch/accepted" ] || hard_error "the listener never noted the by-hand connection"
rm -f "$scratch/accepted" "$home/.cstages-jail-$tag" "/tmp/jail-tmp-$tag" \
	"$builddir/jail-build-$tag" "$scratch/jail-up-$tag"

# The value of a key of the first link variant's confinement in $1 (the JSON).
conf() {
	python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["link"][0]["confinement"]; v=c[sys.argv[2]]; print("\n".join(v) if isinstance(v, list) else v)' "$1" "$2"
}

# Fail when a file the program wrote outside its directory is there.
none_outside() {
	for f in "$home/.cstages-jail-$tag" "/tmp/jail-tmp-$tag" "$builddir/jail-build-$tag" \
		"$scratch/jail-up-$tag" "${scratch%/*}/jail-up-$tag"; do
		[ ! -e "$f" ] || fail "$1: the program's $f is there after the walk"
	done
}

# The writes and the network, confined.
TMPDIR=$scratch/tmp "$LESSON" --report "$scratch/jailprog.c" >"$scratch/r.md" 2>"$scratch/r.err" ||
	fail "lesson --report exited $?: $(cat "$scratch/r.err")"
TMPDIR=$scratch/tmp "$LESSON" --json "$scratch/jailprog.c" >"$scratch/r.json" 2>"$scratch/r.err" ||
	fail "lesson --json exited $?: $(cat "$scratch/r.err")"
mode=$(conf "$scratch/r.json" mode) || fail "no confinement in the JSON"
if unshare -r -m -p -f -n true 2>/dev/null; then
	[ "$mode" = namespaces ] || fail "the kernel allows namespaces, yet the program ran with $mode"
fi
# the network: no way out with namespaces, nor with Landlock from ABI 4 (TCP rules) on
tcp_shut() {
	case $1 in
	namespaces) return 0 ;;
	landlock) [ "$(conf "$2" landlock_abi)" -ge 4 ] ;;
	*) return 1 ;;
	esac
}
if tcp_shut "$mode" "$scratch/r.json"; then
	[ ! -e "$scratch/accepted" ] || fail "confined ($mode): the program reached 127.0.0.1:$port"
	grep -q '^tcp: connected$' "$scratch/r.md" && fail "confined ($mode): the report says it connected"
fi
case $mode in
namespaces)
	none_outside "confined ($mode)"
	grep -qF 'The program ran confined, in namespaces of its own' "$scratch/r.md" ||
		fail "the report does not say how the program was confined"
	# the build tree is read-only to it, unless it lies in a directory the program gets fresh
	case $builddir in
	/tmp/* | /var/tmp/* | /dev/shm/* | /run/*) ;;
	*)
		grep -qxF "build: $erofs" "$scratch/r.md" ||
			fail "the report does not show the program's '$erofs': $(grep '^build:' "$scratch/r.md")"
		grep -qF "what the program met when it wrote outside its own directory" "$scratch/r.md" ||
			fail "the report does not explain '$erofs'"
		;;
	esac
	grep -qx 'tmp: written' "$scratch/r.md" || fail "its write to /tmp did not succeed"
	grep -qF "/tmp/jail-tmp-$tag" "$scratch/r.md" || fail "the report does not name what vanished from /tmp"
	vanished=$(conf "$scratch/r.json" vanished)
	printf '%s\n' "$vanished" | grep -qx "/tmp/jail-tmp-$tag" ||
		fail "the JSON's vanished lacks /tmp/jail-tmp-$tag: $vanished"
	grep -qx 'own: written' "$scratch/r.md" || fail "its write in its own directory failed"
	;;
landlock)
	none_outside "confined ($mode)"
	grep -qF 'the kernel does not allow namespaces, so the program ran under Landlock' "$scratch/r.md" ||
		fail "the report does not say the kernel refused namespaces"
	grep -qx 'own: written' "$scratch/r.md" || fail "its write in its own directory failed"
	;;
*)
	# neither: the program wrote where it liked, and the walk says it could
	grep -qF 'On this machine the program could still write outside its directory' "$scratch/r.md" ||
		fail "the report does not say the program was not confined"
	rm -f "$home/.cstages-jail-$tag" "/tmp/jail-tmp-$tag" "$builddir/jail-build-$tag" \
		"$scratch/jail-up-$tag" "$scratch/accepted"
	;;
esac
# the command shown is the program's, not the wrapper's
grep -qF '`./jailprog` (stdin from /dev/null) ran for' "$scratch/r.md" ||
	fail "the report does not show the program's own command"
[ -z "$(ls -A "$scratch/tmp")" ] || fail "the walk left $(ls -A "$scratch/tmp") in TMPDIR"

# --keep DIR: what it wrote in its own directory is there, and nothing outside
TMPDIR=$scratch/tmp "$LESSON" --report --keep "$scratch/keep" "$scratch/jailprog.c" \
	>"$scratch/k.md" 2>"$scratch/k.err" || fail "lesson --keep exited $?: $(cat "$scratch/k.err")"
[ -f "$scratch/keep/jail-own" ] || fail "--keep: the program's own file jail-own is not in the kept directory"
none_outside "--keep"
ls -A "$scratch/keep" | grep -q '^\.lesson-jail' && fail "--keep: the wrapper's notes were left behind"

# A kernel that refuses namespaces, for real: lesson run in the deepest user namespace the
# kernel allows (each level maps us to root), where it can make no other. The walk falls back
# to Landlock, or to nothing, and says the kernel refused.
if unshare -r true 2>/dev/null; then
	cat >"$scratch/deepest.sh" <<'EOF'
#!/bin/sh
# run "$@" in the deepest user namespace the kernel allows
if unshare -r true 2>/dev/null; then
	exec unshare -r sh "$0" "$@"
fi
exec "$@"
EOF
	sh "$scratch/deepest.sh" env TMPDIR="$scratch/tmp" "$LESSON" --json "$scratch/jailprog.c" \
		>"$scratch/d.json" 2>"$scratch/d.err" || fail "deepest namespace: lesson exited $?: $(cat "$scratch/d.err")"
	dmode=$(conf "$scratch/d.json" mode)
	dsum=$(conf "$scratch/d.json" summary)
	case $dmode in
	landlock)
		echo "$dsum" | grep -qF 'On this machine the kernel does not allow namespaces' ||
			fail "deepest namespace: $dsum"
		none_outside "deepest namespace, landlock"
		;;
	none)
		echo "$dsum" | grep -qF 'the kernel allows neither namespaces nor Landlock' ||
			fail "deepest namespace: $dsum"
		rm -f "$home/.cstages-jail-$tag" "/tmp/jail-tmp-$tag" "$builddir/jail-build-$tag" \
			"$scratch/jail-up-$tag"
		;;
	*) fail "deepest namespace: the program ran with $dmode, where the kernel allows no more" ;;
	esac
	rm -f "$scratch/accepted"
fi

# CSTAGES_JAIL=landlock: the walk says what was not confined
CSTAGES_JAIL=landlock TMPDIR=$scratch/tmp "$LESSON" --json "$scratch/jailprog.c" >"$scratch/l.json" \
	2>"$scratch/l.err" || fail "CSTAGES_JAIL=landlock: lesson exited $?: $(cat "$scratch/l.err")"
lmode=$(conf "$scratch/l.json" mode)
lsum=$(conf "$scratch/l.json" summary)
case $lmode in
landlock)
	echo "$lsum" | grep -qF 'CSTAGES_JAIL=landlock turned namespaces off' || fail "landlock: $lsum"
	echo "$lsum" | grep -qF 'could still read every file' || fail "landlock: not what was not confined: $lsum"
	none_outside "landlock"
	if tcp_shut landlock "$scratch/l.json"; then
		[ ! -e "$scratch/accepted" ] || fail "landlock: the program reached 127.0.0.1:$port"
	fi
	;;
none)
	echo "$lsum" | grep -qF 'kernel has no Landlock' || fail "landlock refused: $lsum"
	;;
*) fail "CSTAGES_JAIL=landlock ran the program with $lmode" ;;
esac
rm -f "$scratch/accepted" "$scratch/jail-up-$tag"

# CSTAGES_JAIL=none: as before, and the walk says so; the writes outside really happen
CSTAGES_JAIL=none TMPDIR=$scratch/tmp "$LESSON" --report "$scratch/jailprog.c" >"$scratch/n.md" \
	2>"$scratch/n.err" || fail "CSTAGES_JAIL=none: lesson exited $?: $(cat "$scratch/n.err")"
grep -qF 'The program was not confined (CSTAGES' "$scratch/n.md" ||
	fail "CSTAGES_JAIL=none: the report does not say the program was not confined"
[ -e "/tmp/jail-tmp-$tag" ] || fail "CSTAGES_JAIL=none: the program's write to /tmp did not happen"
[ -e "$scratch/accepted" ] || fail "CSTAGES_JAIL=none: the program did not reach the listener"
exit 0
