#!/bin/sh
# run5.sh: stage 5's cases that must hold. A program that never reaches main (a constructor
# that exits, one that crashes, one that outlasts the time limit), one that forks in main,
# one without main (-nostartfiles and its own _start), a static program that calls dlopen,
# and one that does not link: `lesson --report` of each exits 0, says in section 5 a clear
# sentence of what happened (the sentences the engine writes, checked against what the
# program does by hand: its exit status, nm's main, the linker's failure), and leaves
# nothing behind: no walk directory under $TMPDIR, no process of the program.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd nm
use_utf8_locale
scratch=$(make_scratch run5)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || hard_error "cd failed"
mkdir tmp

# lesson --report NAME.c [-- LINK-ARGS]: exit 0, section 5 alone into NAME.run5, and nothing
# left in its $TMPDIR nor running.
report() {
	name=$1
	shift
	TMPDIR=$scratch/tmp "$LESSON" --report "$name.c" "$@" >"$name.md" 2>"$name.err" ||
		fail "lesson --report $name.c exited $?: $(cat "$name.err")"
	sed -n '/^## 5\. /,$p' "$name.md" >"$name.run5"
	[ -s "$name.run5" ] || fail "$name: the report has no section 5"
	left=$(ls -A tmp)
	[ -z "$left" ] || fail "$name: lesson left $left in its \$TMPDIR"
	# the program's processes (and the wrappers that confine them): none is left whose
	# working directory or command line is in this test's walk directories (another test
	# running at the same time may run programs of the same name elsewhere)
	for c in /proc/[0-9]*/cwd; do
		t=$(readlink "$c" 2>/dev/null) || continue
		case $t in
		"$scratch"/tmp/*)
			p=${c#/proc/}
			p=${p%/cwd}
			fail "$name: a process of the program outlived lesson: $p $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"
			;;
		esac
	done
	if ps -eo pid=,args= | grep -v grep | grep -F -q -- "$scratch/tmp/"; then
		fail "$name: a process outlived lesson: $(ps -eo pid=,args= | grep -v grep | grep -F -- "$scratch/tmp/")"
	fi
}

# the report escapes Markdown (an underscore is \_): compare with the escapes taken out
has() {
	sed 's/\\//g' "$1.run5" | grep -q -- "$2" || fail "$1: section 5 does not say \"$2\":
$(cat "$1.run5" | head -40)"
}

# 1. A constructor that exits: the program ends before main, and says so by hand too.
cat >ctorexit.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void early(void)
{
	puts("leaving before main");
	exit(3);
}

int main(void)
{
	puts("main ran");
	return 0;
}
EOF2
gcc -o by-hand ctorexit.c || hard_error "gcc ctorexit.c failed"
./by-hand >out; st=$?
[ "$st" -eq 3 ] && ! grep -q 'main ran' out || hard_error "by hand, ctorexit exited $st: $(cat out)"
report ctorexit
has ctorexit "ended before it reached main"

# 2. A constructor that crashes.
cat >ctorcrash.c <<'EOF2'
#include <signal.h>

__attribute__((constructor)) static void early(void)
{
	raise(SIGSEGV);
}

int main(void)
{
	return 0;
}
EOF2
report ctorcrash
has ctorcrash "ended before it reached main"

# 3. One that forks in main: the process at main is the parent's, and no child survives.
cat >forker.c <<'EOF2'
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t p = fork();
	if (p == 0) {
		puts("child");
		return 0;
	}
	waitpid(p, NULL, 0);
	puts("parent");
	return 0;
}
EOF2
report forker
has forker "stopped at main"

# 4. No main: -nostartfiles and its own _start, which writes and exits by system calls.
cat >nomain.c <<'EOF2'
void _start(void)
{
	static const char m[] = "no main here\n";
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(1L), "D"(1L), "S"(m), "d"(sizeof m - 1)
			 : "rcx", "r11", "memory");
	__asm__ volatile("syscall" : : "a"(60L), "D"(0L) : "rcx", "r11", "memory");
	for (;;)
		;
}
EOF2
gcc -nostartfiles -o by-hand nomain.c || hard_error "gcc -nostartfiles nomain.c failed"
nm by-hand | grep -q ' T main$' && hard_error "nm finds a main in nomain"
[ "$(./by-hand)" = "no main here" ] || hard_error "by hand, nomain printed: $(./by-hand)"
report nomain -- -nostartfiles
has nomain "has no main in its symbol table"

# 5. A static program that calls dlopen: it links (with glibc's warning) and runs to main.
cat >sdlopen.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>

int main(void)
{
	void *h = dlopen("libm.so.6", RTLD_NOW);
	puts(h ? "loaded" : dlerror());
	return 0;
}
EOF2
report sdlopen
grep -q '^#### static (-static)' sdlopen.run5 || fail "sdlopen: section 5 has no static program"
sed -n '/^### The process at main/,/^### /p' sdlopen.run5 |
	sed -n '/^#### static (-static)/,/^#### /p' | sed 's/\\//g' | grep -q 'sdlopen-static stopped at main' ||
	fail "sdlopen: the static program did not stop at main: $(cat sdlopen.run5 | head -60)"

# 6. One that does not link: stage 5 not reached, and why.
cat >nolink.c <<'EOF2'
int never_defined(void);

int main(void)
{
	return never_defined();
}
EOF2
gcc -o by-hand nolink.c 2>/dev/null && hard_error "nolink.c linked by hand"
report nolink
has nolink "Not reached: no program was linked"
has nolink "the link failed"

# 7. One that its time limit kills before main: a constructor that never returns.
cat >ctorloop.c <<'EOF2'
#include <unistd.h>

__attribute__((constructor)) static void early(void)
{
	for (;;)
		pause();
}

int main(void)
{
	return 0;
}
EOF2
report ctorloop
has ctorloop "killed by its time limit before it reached main"
exit 0
