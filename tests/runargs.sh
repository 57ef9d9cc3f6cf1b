#!/bin/sh
# runargs.sh: `lesson FILE.c --arg A --arg 'B C' --arg '' --stdin FILE` gives every run of
# the program those arguments, each one argument, and that standard input. A program that
# prints its argc, each argument and its input is built and run by hand with the same
# arguments and input (the oracle); every variant's run in the JSON printed the same, and so
# did every run alone in an empty root that could start (the file lies outside that root: it
# arrives as an open descriptor); the JSON's options say what was given; the report's
# commands say `./runargs A 'B C' '' < input.txt`. A --stdin file that does not exist, or a
# directory, is a usage error (exit status 2); without --stdin the runs read /dev/null, as
# before. With two sources, the library build's programs get them as well.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd python3
scratch=$(make_scratch runargs)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || hard_error "cd failed"

cat >runargs.c <<'EOF2'
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("argc=%d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("arg %d=[%s]\n", i, argv[i]);
	int c;
	while ((c = getchar()) != EOF)
		putchar(c);
	return 0;
}
EOF2
printf 'first line\nsecond line, with  spaces\n' >input.txt

# the oracle: the program by hand, with the same arguments and input
gcc -o by-hand runargs.c || hard_error "gcc failed"
./by-hand A 'B C' '' <input.txt >expected || hard_error "the program failed by hand"
grep -q '^argc=4$' expected || hard_error "by hand: $(cat expected)"

"$LESSON" --json runargs.c --arg A --arg 'B C' --arg '' --stdin input.txt >walk.json 2>walk.err ||
	fail "lesson --json failed: $(cat walk.err)"
python3 - walk.json expected <<'EOF2' || fail "the JSON's runs differ from the run by hand"
import json, sys
d = json.load(open(sys.argv[1]))
want = open(sys.argv[2]).read()
o = d["options"]
assert d["version"] >= 4, d["version"]
assert o["args"] == ["A", "B C", ""], o["args"]
assert o["stdin"] == "input.txt", o["stdin"]
runs = roots = 0
for v in d["link"]:
    if v["state"] != "ok":
        continue
    r = v["run"]
    assert r["command"][1:] == ["A", "B C", ""], r["command"]
    assert r["stdout"] == want, (v["kind"], r["stdout"], want)
    runs += 1
    e = v["empty_root"]
    if e and e["tried"] and e["exit"]["kind"] == "exited" and e["exit"]["code"] == 0:
        assert e["command"][-3:] == ["A", "B C", ""], e["command"]
        assert e["stdout"] == want, (v["kind"], "empty root", e["stdout"])
        roots += 1
assert runs >= 3, "fewer than three variants ran"
print("runs", runs, "empty-root runs", roots)
EOF2

"$LESSON" --report runargs.c --arg A --arg 'B C' --arg '' --stdin input.txt >walk.md 2>walk.err ||
	fail "lesson --report failed: $(cat walk.err)"
n=$(grep -c "^\`\./runargs[-a-z]* A 'B C' '' < input.txt\` ran for" walk.md)
[ "$n" -ge 3 ] || fail "the report shows $n runs with their arguments and input:
$(grep -n 'ran for' walk.md)"
# unshare -r chroot, or plain chroot where the kernel refuses a user namespace and we are root
grep -q "^Alone in an empty root directory, \`unshare -r chroot root-static /runargs-static A 'B C' '' < input.txt\`" walk.md ||
	grep -q "^Alone in an empty root directory, \`chroot root-static /runargs-static A 'B C' '' < input.txt\`" walk.md ||
	grep -q "In an empty root directory: not tried" walk.md ||
	fail "the empty-root run's command does not show its arguments and input"
grep -qF "arg 2=[B C]" walk.md || fail "the report does not show the argument with a space"

# several sources: the library build's programs run with them too
cat >util.c <<'EOF2'
int util_twice(int x)
{
	return 2 * x;
}
EOF2
cat >multi.c <<'EOF2'
#include <stdio.h>
int util_twice(int x);

int main(int argc, char **argv)
{
	printf("argc=%d twice=%d\n", argc, util_twice(argc));
	for (int i = 1; i < argc; i++)
		printf("arg %d=[%s]\n", i, argv[i]);
	int c;
	while ((c = getchar()) != EOF)
		putchar(c);
	return 0;
}
EOF2
gcc -o multi-by-hand multi.c util.c || hard_error "gcc failed"
./multi-by-hand A 'B C' '' <input.txt >multi-expected || hard_error "multi failed by hand"
"$LESSON" --json multi.c util.c --arg A --arg 'B C' --arg '' --stdin input.txt >multi.json \
	2>walk.err || fail "lesson --json multi.c util.c failed: $(cat walk.err)"
python3 - multi.json multi-expected <<'EOF2' || fail "the library's runs differ from the run by hand"
import json, sys
d = json.load(open(sys.argv[1]))
want = open(sys.argv[2]).read()
lib = d["library"]
assert lib["state"] == "ok", lib["state"]
n = 0
for p in lib["programs"]:
    for l in p["loads"]:
        r = l["run"]
        if not r or r["exit"]["kind"] != "exited" or r["exit"]["code"] != 0:
            continue
        assert r["command"][1:] == ["A", "B C", ""], r["command"]
        assert r["stdout"] == want, (p["name"], r["stdout"], want)
        n += 1
assert n >= 2, "fewer than two of the library's programs ran"
EOF2

# a --stdin file that is not there, or not a file: a usage error, nothing walked
"$LESSON" --report runargs.c --stdin no-such-file >out 2>err
rc=$?
[ "$rc" -eq 2 ] || fail "--stdin no-such-file: exit $rc, want 2"
grep -qF -- "--stdin" err || fail "--stdin no-such-file: no message: $(cat err)"
[ ! -s out ] || fail "--stdin no-such-file: a walk was printed"
"$LESSON" --report runargs.c --stdin . >out 2>err
rc=$?
[ "$rc" -eq 2 ] || fail "--stdin .: exit $rc, want 2"

# without them: no arguments, and /dev/null, said as before
"$LESSON" --report runargs.c >plain.md 2>walk.err || fail "lesson --report failed: $(cat walk.err)"
grep -q "^\`\./runargs\` (stdin from /dev/null) ran for" plain.md ||
	fail "without --stdin the run no longer says /dev/null"
grep -q "^argc=1$" plain.md || fail "without --arg the program got arguments"
exit 0
