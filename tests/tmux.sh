#!/bin/sh
# tmux.sh: lesson in a real terminal. It runs in a detached tmux session (on a private tmux
# server) at 120x40 and at 80x24; the test sends keys as a learner would (n, p, 1-5, ?, L,
# Enter, Esc, q), captures the pane and checks what it shows against the toolchain run by
# hand: the stage bar follows the keys, the .i and .s line counts, the .o size, the sizes of
# the four link variants and how many times the dynamic one each is; the lesson list opens,
# opens a lesson full screen and goes back; o and O switch the output pane's views (nm's own
# output at the assemble stage, a static link's archive members at the link stage); at the run
# stage the relocations and segments are as many as readelf lists, and v shows another
# variant's. It
# resizes the terminal (down to too small and back; at 80x24 up to 200x50 just before quitting),
# and checks that q ends the program with status 0 and gives the shell its screen back.
# Every wait is a bounded poll, never a time limit.
. "${top_srcdir:-.}/tests/lib.sh"

need_cmd tmux
need_lesson
need_cmd gcc
need_cmd readelf
use_utf8_locale
scratch=$(make_scratch tmux)
# A server per terminal size, its socket in the scratch directory (tmux_socket): a new session
# on a server that is still exiting after the last one closed fails with "server exited
# unexpectedly".
trap 'tmux_kill_all "$scratch"; rm -rf "$scratch"' EXIT

hello=$(abs_path "$top_srcdir/samples/hello.c")
mkdir "$scratch/byhand" || hard_error "mkdir failed"
build_by_hand "$scratch/byhand" "$hello"
h=$scratch/byhand/hello
(cd "$scratch/byhand" && gcc -S -g hello.i -o hello.g.s) || hard_error "gcc -S -g failed"
[ -f "$h.o" ] || hard_error "gcc could not take hello.c to an object file by hand"
if [ "$(is_utf8)" = 1 ]; then ok_mark='✓'; else ok_mark='+'; fi
nrel=$(readelf -rW "$h.o" | awk '/^Relocation section/ { code = ($3 ~ /^.\.rela\.text/); next }
	code && /^[0-9a-f]+ / { n++ } END { print n + 0 }')
nph=$(readelf -lW "$h" | awk '/^Program Headers/ { p = 1; next } p && /^ *$/ { exit }
	p && $1 != "Type" && $1 !~ /^\[/ { n++ } END { print n + 0 }')
[ "$nrel" -gt 0 ] && [ "$nph" -gt 0 ] ||
	hard_error "readelf: $nrel relocations in code, $nph program headers"


# The program, then its exit status, then a process that keeps the pane open to look at.
cat >"$scratch/run" <<EOF
"$LESSON" "$hello"
echo EXITED-\$?
exec cat
EOF

T() {
	tmux -u -S "$srv" -f /dev/null "$@"
}

capture() {
	T capture-pane -p -t lesson
}

# Wait (bounded: 60 s of polls) for S on the screen; fail with the screen if it never comes.
see() {
	wait_for 600 "$1" capture || fail "$size: '$1' never showed ($2):
$(capture)"
}

unsee() {
	wait_gone 600 "$1" capture || fail "$size: '$1' stayed on the screen ($2):
$(capture)"
}

key() {
	T send-keys -t lesson "$1" || hard_error "tmux send-keys failed"
}

for size in 120x40 80x24; do
	w=${size%x*} hh=${size#*x}
	srv=$(tmux_socket "$scratch")
	T new-session -d -s lesson -x "$w" -y "$hh" "sh $scratch/run" ||
		hard_error "tmux cannot start a session"

	see "4 Link $ok_mark" "the walk finishes and the stage bar says so"
	see "[1 Preprocess $ok_mark]" "the first stage is shown first"
	see "$(wc -l <"$h.i") lines" "the .i's line count, as wc -l says"
	see "$(($(home_line "$h.i" "$hello") - 1)) lines: " "the headers' lines folded into one row"

	key n
	see "[2 Compile $ok_mark]" "n goes to the next stage"
	see "of $(wc -l <"$h.s") lines" "the .s's line count, as wc -l says of the file gcc -S made"
	key p
	see "[1 Preprocess $ok_mark]" "p goes back"
	key 3
	see "[3 Assemble $ok_mark]" "3 jumps to the third stage"
	see "$(stat -c %s "$h.o") bytes" "the .o's size"
	# o switches the output pane to what nm prints, O back to the object's facts
	key o
	# a question of the assemble lesson comes before the pane that answers it; P skips it
	# and asks no more by themselves (tests/predict.sh answers them)
	see "Predict, then look" "the nm view's question comes first"
	key P
	see '$ nm hello.o' "o shows nm's command"
	see "$(cd "$scratch/byhand" && nm hello.o | awk '$2 == "T" { print; exit }')" "a line nm prints"
	key O
	see '[facts]' "O goes back to the object's facts"
	key 4
	see "[4 Link $ok_mark]" "4 jumps to the link stage"
	for p in hello hello-static hello-static-pie hello-musl; do
		[ -f "$scratch/byhand/$p" ] || continue
		see "$(stat -c %s "$scratch/byhand/$p")" "$p's size"
		[ "$p" = hello ] || see "$(size_ratio "$scratch/byhand/$p" "$h")" "$p's size ratio"
	done
	# o shows the archive members the static link took, as a tree; O the links again
	if [ -f "$scratch/byhand/hello-static" ]; then
		key o
		see "[static]" "o shows the static link's members"
		see "archive members," "the static link's members"
		see "The 10 biggest" "the static link's biggest members"
		key O
		see "[side by side]" "O goes back to the links side by side"
	fi
	# 5: the relocations of hello.o's code, as many as readelf -rW lists; o the program's
	# segments, as many as readelf -lW lists; v the static program's
	key 5
	see "[5 Run $ok_mark]" "5 jumps to the run stage"
	see "$nrel relocations" "the relocations of hello.o's code"
	key o
	see "[segments]" "o shows the segments"
	see "$nph segments" "the program's headers"
	key v
	see "[static]" "v shows the static program's"
	key O
	see "[relocations]" "O goes back to the relocations"
	key 2
	see "[2 Compile $ok_mark]" "2 jumps to the second stage"
	key 1
	see "[1 Preprocess $ok_mark]" "1 jumps to the first stage"

	key '?'
	see " Keys " "? opens the help"
	see "next stage" "the help lists the actions"
	key '?'
	unsee " Keys " "a key closes the help"

	# The lesson list, a lesson opened from it full screen, and back.
	key L
	see " Lessons " "L opens the lesson list"
	see "goes with the Preprocess stage" "the lesson list marks this stage's lessons"
	see "$(sed -n 's/^# //p' "$top_srcdir/lessons/link.md" | head -n 1 | cut -c 1-40)" \
		"the lesson list names the link lesson"
	key Down
	key Enter
	see "Esc back" "Enter opens a lesson full screen"
	unsee "Source: hello.c" "a lesson full screen"
	key Escape
	see " Lessons " "Esc goes back to the list"
	key Escape
	unsee " Lessons " "Esc closes the list"
	see "Source: hello.c" "back at the walkthrough"

	if [ "$size" = 120x40 ]; then
		# At 120 columns the four link variants stand side by side, their details under a
		# table; at 80 the table stays on top; below 40x10 the screen says it is too small;
		# back at 120x40 all returns.
		key 4
		see "static PIE (-static-pie)" "the static-pie column at 120 columns"
		see "musl (musl-gcc -static)" "the musl column at 120 columns"
		T resize-window -t lesson -x 80 -y 24 || hard_error "tmux resize-window failed"
		see "[4 Link $ok_mark]" "the stage bar after a resize"
		see "static-pie" "the table at 80 columns"
		see "$(stat -c %s "$scratch/byhand/hello-static")" "the table at 80 columns"
		T resize-window -t lesson -x 30 -y 8
		see "terminal too small" "a 30x8 terminal"
		see "have 30x8" "a 30x8 terminal"
		T resize-window -t lesson -x 120 -y 40
		see "static PIE (-static-pie)" "back at 120x40"
		unsee "terminal too small" "back at 120x40"
		key 1
		see "[1 Preprocess $ok_mark]" "1 after the resizes"
	fi

	if [ "$size" = 80x24 ]; then
		# Grown, then quit: a terminal that grew keeps the rows of the alternate screen
		# above the cursor when it gives the shell its screen back, unless lesson leaves
		# it blank. Wait until the 50th row has the key line, drawn at the new size.
		T resize-window -t lesson -x 200 -y 50 || hard_error "tmux resize-window failed"
		row50() { capture | sed -n 50p; }
		wait_for 600 "quit" row50 || fail "200x50: no key line on the 50th row after growing:
$(capture)"
	fi
	key q
	see "EXITED-0" "q quits with status 0"
	# The terminal is the shell's again: the walkthrough's screen is gone.
	capture | grep -q "Preprocess" && fail "$size: the screen was not restored after q:
$(capture)"
	T kill-session -t lesson
done
exit 0
