#!/bin/sh
# classroom.sh: the classroom demo and the screen in a real terminal. lesson runs in tmux, each
# session on a tmux server of its own, at fixed sizes; the test sends keys and mouse reports as
# a teacher would, captures the pane with its attributes (capture-pane -e) and checks:
#  - the demo (--demo, 200x50): the banner's big letters spell the stage the bar brackets, as
#    the font of tui/banner.c draws them; every Space changes the screen; Backspace gives back
#    the screen before it exactly; Space alone goes through the stages in order to Link; the
#    demo survives 80x24 and comes back identical at 200x50.
#  - the help (?): every key of the key table (tui/keys.c) is named in the help's key column,
#    paged with PgDn; another key closes it and leaves the screen as it was.
#  - search: / and a global symbol that nm lists in hello.o built by hand, then Enter: the key
#    line counts as many matching lines as grep -c (case-blind for a lowercase pattern, as the
#    search's smart case) finds in hello.c, which the source pane shows; the visible lines that
#    match, and only they, are highlighted, the current one apart; n and N move it and the
#    count follows; Esc forgets it.
#  - resize 200x50 -> 80x24 -> 200x50: each frame has the bar, the key line and boxes whose
#    borders span the width with nothing left over; the 80x24 screen is the one lesson draws
#    when started at 80x24, and the 200x50 one comes back identical.
#  - the mouse, reports written into the pane (X10 under tmux's own TERM, SGR 1006 under
#    xterm-256color): a click focuses the pane under it (its title takes the focused style,
#    the others lose it); the wheel scrolls it ("lines X-Y of N" on its border moves, and back).
#  - monochrome (TERM=xterm-mono, NO_COLOR=1, --no-color): no SGR sets a colour, yet the
#    focused pane's title, the cursor line and the search hits stand out by reverse, bold or
#    underline.
# Every wait is a bounded poll (60 s), never a time limit. A check that fails is reported and
# the test goes on, so one run names every failure; it then exits 1. The sessions fall in three
# independent groups (the demo; the help, search and mouse; the resize and monochrome ones),
# which run side by side, each with its own servers and files, their messages printed after.
. "${top_srcdir:-.}/tests/lib.sh"

need_cmd tmux
need_lesson
need_cmd gcc
need_cmd nm
use_utf8_locale
scratch=$(make_scratch classroom)
# each session's tmux server listens on a socket in the scratch directory
# The sessions run in three groups side by side (see the end), each in a directory of its own
# under the scratch directory, with its servers' sockets; what the groups share is at its top.
shared=$scratch
servers=
groups=
trap 'kill $groups 2>/dev/null; for s in "$shared"/*/tmux-*; do [ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$shared"' EXIT
trap 'exit 1' HUP INT TERM

hello=$(abs_path "$top_srcdir/samples/hello.c")
mkdir "$shared/byhand" || hard_error "mkdir failed"
build_by_hand "$shared/byhand" "$hello"
[ -f "$shared/byhand/hello.o" ] || hard_error "gcc could not take hello.c to an object file by hand"

if [ "$(is_utf8)" = 1 ]; then
	ok_mark='✓' lit='█' tl='┌' tr='┐' bl='└' br='┘' vl='│'
else
	ok_mark='+' lit='#' tl='+' tr='+' bl='+' br='+' vl='|'
fi

failed=0
# A check failed: say so and go on; the test fails at the end.
flunk() {
	printf 'FAIL: %s\n' "$*" >&2
	failed=$((failed + 1))
}

# ---------------------------------------------------------------------------------------------
# Sessions

# Single-quote $1 for sh.
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# start NAME WxH [VAR=VALUE]... -- [ARG]...: lesson ARG... in a new session on a server of its
# own, with VAR=VALUE in its environment; it becomes the current session. Waits (bounded) for
# the walk to finish and the screen to keep still.
start() {
	st_name=$1
	srv=$scratch/tmux-$1
	size=$2
	servers="$servers $srv"
	shift 2
	st_env=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		st_env="$st_env $(quote "$1")"
		shift
	done
	[ $# -gt 0 ] && shift
	st_args=
	for st_a in "$@"; do st_args="$st_args $(quote "$st_a")"; done
	# the program, then its exit status, then a process that keeps the pane open to look at
	printf 'env%s %s%s\necho EXITED-$?\nexec cat\n' "$st_env" "$(quote "$LESSON")" "$st_args" \
		>"$scratch/run-$st_name"
	T new-session -d -s lesson -x "${size%x*}" -y "${size#*x}" "sh $(quote "$scratch/run-$st_name")" ||
		hard_error "tmux cannot start a session"
	see "4 Link $ok_mark" "the walk finishes"
	settle "$scratch/started" || fail "$size: the screen never kept still:
$(cap)"
}

# End the current session with q: lesson exits with status 0.
finish() {
	key q
	see "EXITED-0" "q quits with status 0"
	T kill-server 2>/dev/null
}

T() {
	tmux -u -S "$srv" -f /dev/null "$@"
}

cap() {
	T capture-pane -p -t lesson
}

# The screen with its attributes, as one sees it: each row on its own (it starts plain and
# ends plain), every cell that looks different from the one before it preceded by one SGR
# sequence of all it shows; attributes that do not show are dropped: those of a blank but its
# background, reverse, underline and strike (and, reversed, its colour and bold), and blank
# cells at the end of a row that look like nothing. tmux leaves the attributes of cells as
# lesson last wrote them, which blank cells keep unseen.
cape() {
	T capture-pane -e -p -t lesson | canon
}

# The raw capture with attributes, as tmux gives it.
cape_raw() {
	T capture-pane -e -p -t lesson
}

key() {
	T send-keys -t lesson "$@" || hard_error "tmux send-keys failed"
}

# Write bytes into the pane as typed (a trailing ';' escaped: tmux reads it as a separator).
typed() {
	case $1 in
	*\;) T send-keys -t lesson -l "${1%;}\\;" ;;
	*) T send-keys -t lesson -l "$1" ;;
	esac || hard_error "tmux send-keys -l failed"
}

# Wait (bounded: 60 s of polls) for S on the screen; fail with the screen if it never comes.
see() {
	wait_for 600 "$1" cap || fail "$size: '$1' never showed ($2):
$(cap)"
}

unsee() {
	wait_gone 600 "$1" cap || fail "$size: '$1' stayed on the screen ($2):
$(cap)"
}

# Wait until the screen, attributes and all, is the same in five captures in a row a tenth of
# a second apart; write it to F (and its text to F.txt). Returns 1 if it never kept still.
settle() {
	st_tries=600
	st_same=0
	cape >"$1.try" 2>/dev/null
	while [ "$st_tries" -gt 0 ]; do
		sleep 0.1
		cape >"$1.next" 2>/dev/null
		if cmp -s "$1.try" "$1.next"; then
			st_same=$((st_same + 1))
			if [ "$st_same" -ge 4 ]; then
				mv "$1.next" "$1"
				rm -f "$1.try"
				cap >"$1.txt"
				cape_raw >"$1.raw"
				return 0
			fi
		else
			st_same=0
			mv "$1.next" "$1.try"
		fi
		st_tries=$((st_tries - 1))
	done
	mv "$1.try" "$1"
	rm -f "$1.next"
	cap >"$1.txt"
	cape_raw >"$1.raw"
	return 1
}

# Wait until the screen differs from file OLD, then settle into NEW. Returns 1 if it never
# changed (NEW then holds the screen as it is).
changed_from() {
	ch_tries=600
	while [ "$ch_tries" -gt 0 ]; do
		cape >"$2.poll" 2>/dev/null
		cmp -s "$1" "$2.poll" || break
		ch_tries=$((ch_tries - 1))
		sleep 0.1
	done
	rm -f "$2.poll"
	settle "$2" || fail "$size: the screen never kept still:
$(cat "$2.txt")"
	[ "$ch_tries" -gt 0 ]
}

# Wait until the screen, attributes and all, is file WANT again. Returns 1 if it never was.
becomes() {
	be_tries=600
	while [ "$be_tries" -gt 0 ]; do
		cape >"$1.poll" 2>/dev/null
		if cmp -s "$1" "$1.poll"; then
			rm -f "$1.poll"
			return 0
		fi
		be_tries=$((be_tries - 1))
		sleep 0.1
	done
	return 1
}

# Show what differs between two captures F and G (their text when it differs, else where
# their attributes do).
differs() {
	if cmp -s "$1.txt" "$2.txt"; then
		echo "(the same text; the attributes differ on rows $(diff "$1" "$2" | sed -n 's/^\([0-9]*\)[,0-9]*c.*/\1/p' | tr '\n' ' '))"
	else
		diff "$1.txt" "$2.txt" | head -n 20
	fi
}

# ---------------------------------------------------------------------------------------------
# Reading a capture. awk counts bytes (LC_ALL=C); a character of the screen is a UTF-8 lead
# byte and its continuation bytes, and every character lesson draws takes one column.

awklib='
function ulen(s,   i, n, c) {
	n = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c < "\200" || c >= "\300")
			n++
	}
	return n
}
function ubyte(s, col,   i, n, c) {
	n = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if ((c < "\200" || c >= "\300") && ++n == col)
			return i
	}
	return length(s) + 1
}
function usub(s, from, cnt,   a) {
	a = ubyte(s, from)
	return substr(s, a, ubyte(s, from + cnt) - a)
}
function ucol(s, t,   i) {
	i = index(s, t)
	return i ? ulen(substr(s, 1, i - 1)) + 1 : 0
}
'

# Columns FROM to FROM+N-1 of row ROW of the screen text F.
cells() {
	LC_ALL=C awk -v r="$2" -v a="$3" -v n="$4" "$awklib"'NR == r { print usub($0, a, n); exit }' "$1"
}

# Each row of the screen text F from R1 to R2: its number, a tab, columns FROM to FROM+N-1.
cells_rows() {
	LC_ALL=C awk -v r1="$2" -v r2="$3" -v a="$4" -v n="$5" "$awklib"'
		NR >= r1 && NR <= r2 { print NR "\t" usub($0, a, n) }' "$1"
}

# The rows R1 to R2 of screen text F inside a pane (columns A to A+N-1), one a line: the row;
# the column of its last blank cell after the line numbers, whose look tells how the row is
# highlighted (0 when it has none); 1 when the row is clipped (its last cell is not blank),
# else 0; and its text. Fields are separated by tabs.
pane_rows() {
	LC_ALL=C awk -v r1="$2" -v r2="$3" -v a="$4" -v n="$5" "$awklib"'
		NR >= r1 && NR <= r2 {
			t = usub($0, a, n)
			g = match(t, /^ *[0-9]+ /) ? RLENGTH : 0
			len = ulen(t)
			probe = 0
			for (k = len; k > g && !probe; k--)
				if (usub(t, k, 1) == " ")
					probe = a + k - 1
			print NR "\t" probe "\t" (usub(t, len, 1) != " ") "\t" t
		}' "$1"
}

# The boxes of the screen text F, top to bottom and left to right: for each, the row of its
# top border, its first and its last column, and the row of its bottom border.
boxes() {
	LC_ALL=C awk -v tl="$tl" -v tr="$tr" -v bl="$bl" "$awklib"'
		{ line[NR] = $0 }
		END {
			for (r = 1; r <= NR; r++) {
				s = line[r]
				col = 0
				first = 0
				for (i = 1; i <= length(s); i++) {
					c = substr(s, i, 1)
					if (c >= "\200" && c < "\300")
						continue
					col++
					if (substr(s, i, length(tl)) == tl)
						first = col
					else if (substr(s, i, length(tr)) == tr && first) {
						bottom = 0
						for (b = r + 1; b <= NR && !bottom; b++)
							if (usub(line[b], first, 1) == bl)
								bottom = b
						print r, first, col, bottom
						first = 0
					}
				}
			}
		}' "$1"
}

# The attributes of the cell at row ROW, column COL of the capture F (with -e): "fg=C bg=C"
# and the flags set, as the SGR sequences before it left them.
style_at() {
	LC_ALL=C awk -v row="$2" -v col="$3" "$awklib"'
		function reset() { fg = "-"; bg = "-"; bold = dim = ital = ul = blink = rev = hide = strike = 0 }
		function sgr(p,   n, a, i, v) {
			n = split(p, a, ";")
			if (n == 0)
				reset()
			for (i = 1; i <= n; i++) {
				v = a[i]
				if (v ~ /^4:/) { ul = v != "4:0"; continue }
				v = v + 0
				if (v == 0) reset()
				else if (v == 1) bold = 1
				else if (v == 2) dim = 1
				else if (v == 3) ital = 1
				else if (v == 4 || v == 21) ul = 1
				else if (v == 5) blink = 1
				else if (v == 7) rev = 1
				else if (v == 8) hide = 1
				else if (v == 9) strike = 1
				else if (v == 22) bold = dim = 0
				else if (v == 23) ital = 0
				else if (v == 24) ul = 0
				else if (v == 25) blink = 0
				else if (v == 27) rev = 0
				else if (v == 28) hide = 0
				else if (v == 29) strike = 0
				else if (v >= 30 && v <= 37 || v >= 90 && v <= 97) fg = v
				else if (v == 39) fg = "-"
				else if (v >= 40 && v <= 47 || v >= 100 && v <= 107) bg = v
				else if (v == 49) bg = "-"
				else if (v == 38 || v == 48) {
					c = a[i + 1] == 5 ? "c" a[i + 2] : "rgb" a[i + 2] "," a[i + 3] "," a[i + 4]
					i += a[i + 1] == 5 ? 2 : 4
					if (v == 38) fg = c
					else bg = c
				}
			}
		}
		function state() {
			return "fg=" fg " bg=" bg (bold ? " bold" : "") (dim ? " dim" : "") \
				(ital ? " italic" : "") (ul ? " underline" : "") (blink ? " blink" : "") \
				(rev ? " reverse" : "") (hide ? " hidden" : "") (strike ? " strike" : "")
		}
		BEGIN { reset() }
		{
			s = $0
			n = length(s)
			c = 0
			for (i = 1; i <= n; i++) {
				ch = substr(s, i, 1)
				if (ch == "\033") {
					j = i + 1
					if (substr(s, j, 1) == "[") {
						j++
						while (j <= n && substr(s, j, 1) !~ /[@-~]/)
							j++
						if (substr(s, j, 1) == "m")
							sgr(substr(s, i + 2, j - i - 2))
					}
					i = j
					continue
				}
				if (ch >= "\200" && ch < "\300")
					continue
				c++
				if (NR == row && c == col) {
					print state()
					exit
				}
			}
			if (NR == row) {
				print "(no cell)"
				exit
			}
		}' "$1"
}

# Read a capture with attributes on stdin, write it in the form cape describes.
canon() {
	LC_ALL=C awk '
		function reset() { fg = ""; bg = ""; bold = dim = ital = ul = blink = rev = hide = strike = 0 }
		function sgr(p,   n, a, i, v) {
			n = split(p, a, ";")
			if (n == 0)
				reset()
			for (i = 1; i <= n; i++) {
				v = a[i]
				if (v ~ /^4:/) { ul = v != "4:0"; continue }
				v = v + 0
				if (v == 0) reset()
				else if (v == 1) bold = 1
				else if (v == 2) dim = 1
				else if (v == 3) ital = 1
				else if (v == 4 || v == 21) ul = 1
				else if (v == 5) blink = 1
				else if (v == 7) rev = 1
				else if (v == 8) hide = 1
				else if (v == 9) strike = 1
				else if (v == 22) bold = dim = 0
				else if (v == 23) ital = 0
				else if (v == 24) ul = 0
				else if (v == 25) blink = 0
				else if (v == 27) rev = 0
				else if (v == 28) hide = 0
				else if (v == 29) strike = 0
				else if (v >= 30 && v <= 37 || v >= 90 && v <= 97) fg = v
				else if (v == 39) fg = ""
				else if (v >= 40 && v <= 47 || v >= 100 && v <= 107) bg = v
				else if (v == 49) bg = ""
				else if (v == 38 || v == 48) {
					c = a[i + 1] == 5 ? v ";5;" a[i + 2] : v ";2;" a[i + 2] ";" a[i + 3] ";" a[i + 4]
					i += a[i + 1] == 5 ? 2 : 4
					if (v == 38) fg = c
					else bg = c
				}
			}
		}
		# the SGR sequence for a cell holding ch, of what shows of the attributes
		function look(ch,   s) {
			if (ch == " " && !rev)
				s = (ul ? ";4" : "") (strike ? ";9" : "") (bg != "" ? ";" bg : "")
			else if (ch == " ")
				s = (bold ? ";1" : "") (ul ? ";4" : "") ";7" (strike ? ";9" : "") \
					(fg != "" ? ";" fg : "") (bg != "" ? ";" bg : "")
			else
				s = (bold ? ";1" : "") (dim ? ";2" : "") (ital ? ";3" : "") (ul ? ";4" : "") \
					(blink ? ";5" : "") (rev ? ";7" : "") (hide ? ";8" : "") \
					(strike ? ";9" : "") (fg != "" ? ";" fg : "") (bg != "" ? ";" bg : "")
			return s == "" ? "" : "\033[0" s "m"
		}
		BEGIN { reset() }
		{
			s = $0
			n = length(s)
			cells = 0
			for (i = 1; i <= n; i++) {
				c = substr(s, i, 1)
				if (c == "\033") {
					j = i + 1
					if (substr(s, j, 1) == "[") {
						j++
						while (j <= n && substr(s, j, 1) !~ /[@-~]/)
							j++
						if (substr(s, j, 1) == "m")
							sgr(substr(s, i + 2, j - i - 2))
					}
					i = j
					continue
				}
				if (c >= "\200" && c < "\300") {
					ch[cells] = ch[cells] c
					continue
				}
				cells++
				ch[cells] = c
				lk[cells] = look(c)
			}
			last = cells
			while (last > 0 && ch[last] == " " && lk[last] == "")
				last--
			out = ""
			was = ""
			for (k = 1; k <= last; k++) {
				if (lk[k] != was)
					out = out (lk[k] == "" ? "\033[0m" : lk[k])
				was = lk[k]
				out = out ch[k]
			}
			if (was != "")
				out = out "\033[0m"
			print out
		}'
}

# The SGR parameters in capture F that set a colour (30-38, 40-48, 90-97, 100-107), one a line;
# 39 and 49, the terminal's own colours, are not colours.
colour_codes() {
	LC_ALL=C awk '{
		s = $0
		while (match(s, /\033\[[0-9;:]*m/)) {
			n = split(substr(s, RSTART + 2, RLENGTH - 3), a, ";")
			for (i = 1; i <= n; i++) {
				v = a[i]
				sub(/:.*/, "", v)
				v = v + 0
				if (v >= 30 && v <= 38 || v >= 40 && v <= 48 || v >= 90 && v <= 97 ||
				    v >= 100 && v <= 107)
					print "ESC[" substr(s, RSTART + 2, RLENGTH - 3) "m"
			}
			s = substr(s, RSTART + RLENGTH)
		}
	}' "$1" | sort -u
}

# The stage the bar brackets in screen text F: "N Title".
bar_stage() {
	head -n 1 "$1" | grep -o '\[[1-5] [A-Z][a-z]*' | head -n 1 | cut -c 2-
}

# The text "lines X-Y of N" on the bottom border of a box (its row, first and last column in
# BOX) of screen text F.
box_position() {
	set -- "$1" $2
	cells "$1" "$5" "$3" $(($4 - $3 + 1)) | grep -o 'lines [0-9]*-[0-9]* of [0-9]*' | head -n 1
}

# The panes of capture F (the screen text in F.txt): their boxes, into the variables
# pane1..pane3 (source, output, lesson: the order lesson lays them out in), and the style of
# each title's first letter into title1..title3. Fails unless there are three.
panes() {
	boxes "$1.txt" >"$1.boxes"
	[ "$(wc -l <"$1.boxes")" -eq 3 ] || fail "$size: want the three panes' boxes, found $(wc -l <"$1.boxes"):
$(cat "$1.txt")"
	pane1=$(sed -n 1p "$1.boxes") pane2=$(sed -n 2p "$1.boxes") pane3=$(sed -n 3p "$1.boxes")
	set -- "$1" $pane1 $pane2 $pane3
	title1=$(style_at "$1" "$2" $(($3 + 3)))
	title2=$(style_at "$1" "$6" $(($7 + 3)))
	title3=$(style_at "$1" "${10}" $((${11} + 3)))
}

# Which pane of capture F (after panes) is focused: the one whose title is not drawn as the
# other two are (1, 2 or 3; 0 when no title stands out).
focused() {
	if [ "$title1" = "$title2" ] && [ "$title1" != "$title3" ]; then
		echo 3
	elif [ "$title1" = "$title3" ] && [ "$title1" != "$title2" ]; then
		echo 2
	elif [ "$title2" = "$title3" ] && [ "$title1" != "$title2" ]; then
		echo 1
	else
		echo 0
	fi
}

# A style that shows without colour: reverse, bold or underline.
stands_out() {
	case " $1 " in
	*" reverse "* | *" bold "* | *" underline "*) return 0 ;;
	esac
	return 1
}

# What is wrong with the frame of screen text F at W columns by H rows, a line each: it must
# have H rows, none wider than W; the bar on the first row names the file and brackets a stage;
# the key line is the last; from the first box down to the key line every row runs from a left
# border in column 1 to a right border in column W; every box is closed, with its sides on
# each row between.
frame_problems() {
	f=$1 w=$2 hh=$3
	[ "$(wc -l <"$f")" -eq "$hh" ] || echo "$(wc -l <"$f") rows on a $hh-row screen"
	fw=$(LC_ALL=C awk "$awklib"'{ if (ulen($0) > m) m = ulen($0) } END { print m + 0 }' "$f")
	[ "$fw" -le "$w" ] || echo "a row is $fw columns wide on a $w-column screen"
	head -n 1 "$f" | grep -q 'lesson .* hello\.c' || echo "no title on the bar: $(head -n 1 "$f")"
	[ -n "$(bar_stage "$f")" ] || echo "the bar brackets no stage: $(head -n 1 "$f")"
	tail -n 1 "$f" | grep -q 'q quit' || echo "the last row is not the key line: $(tail -n 1 "$f")"
	LC_ALL=C awk -v w="$w" -v h="$hh" -v tl="$tl" -v tr="$tr" -v bl="$bl" -v br="$br" \
		-v vl="$vl" "$awklib"'
		!top && index($0, tl) == 1 { top = NR }
		top && NR < h {
			a = usub($0, 1, 1)
			z = usub($0, w, 1)
			if ((a != tl && a != bl && a != vl) || (z != tr && z != br && z != vl) ||
			    ulen($0) != w)
				print "row " NR " does not run from a border in column 1 to one in column " w
		}
		END { if (!top) print "no box on the screen" }' "$f"
	boxes "$f" >"$f.boxes"
	while read -r r a z b; do
		if [ "$b" -eq 0 ]; then
			echo "the box at row $r, columns $a-$z, is never closed"
			continue
		fi
		[ "$(cells "$f" "$b" "$z" 1)" = "$br" ] ||
			echo "the box at row $r, columns $a-$z, has no corner at row $b, column $z"
		sides=$(LC_ALL=C awk -v r="$r" -v b="$b" -v a="$a" -v z="$z" -v vl="$vl" "$awklib"'
			NR > r && NR < b && (usub($0, a, 1) != vl || usub($0, z, 1) != vl) { print NR }' "$f")
		[ -z "$sides" ] || echo "the box at row $r, columns $a-$z, lacks a side on rows $(echo $sides)"
	done <"$f.boxes"
}

# Check the frame of screen text F (W columns, H rows); WHAT says which screen it is.
check_frame() {
	cf_bad=$(frame_problems "$1" "$2" "$3")
	[ -z "$cf_bad" ] || flunk "$4: $cf_bad
$(cat "$1")"
}

# After a resize to W by H: wait (bounded) until the screen keeps still with a sound frame,
# into F; else flunk with what is wrong with the last one.
wait_frame() {
	wf_tries=120
	while [ "$wf_tries" -gt 0 ]; do
		settle "$1" && [ -z "$(frame_problems "$1.txt" "$2" "$3")" ] && return 0
		wf_tries=$((wf_tries - 1))
	done
	check_frame "$1.txt" "$2" "$3" "$4"
}

# ---------------------------------------------------------------------------------------------
# 1. The classroom demo at 200x50.

# The banner of TEXT as the font in tui/banner.c draws it, rows stripped of the blank columns
# they share on the left and of blanks on the right.
banner_rows=$(sed -n 's/^#define BANNER_ROWS \([0-9]*\).*/\1/p' "$top_srcdir/tui/banner.h")
banner_gap=$(sed -n 's/^#define BANNER_SPACING \([0-9]*\).*/\1/p' "$top_srcdir/tui/banner.h")
[ -n "$banner_rows" ] && [ -n "$banner_gap" ] || hard_error "tui/banner.h defines no BANNER_ROWS or BANNER_SPACING"
render() {
	LC_ALL=C awk -v text="$1" -v rows="$banner_rows" -v gap="$banner_gap" -v lit="$lit" -F '"' '
		/^[[:space:]]*\[.[A-Z0-9 ].\] = [{]/ {
			c = substr($1, index($1, "[") + 2, 1)
			for (r = 1; r <= rows; r++)
				g[c, r] = $(2 * r)
			have[c] = 1
		}
		END {
			t = toupper(text)
			for (r = 1; r <= rows; r++) {
				row = ""
				for (i = 1; i <= length(t); i++) {
					c = substr(t, i, 1)
					if (!(c in have)) {
						print "tui/banner.c has no glyph for " c
						exit 1
					}
					if (i > 1)
						row = row sprintf("%" gap "s", "")
					row = row g[c, r]
				}
				gsub(/#/, lit, row)
				print row
			}
		}' "$top_srcdir/tui/banner.c" | trim_block
}

# Strip a block of rows of the blank columns they all start with, and each of its trailing blanks.
trim_block() {
	awk '{ row[NR] = $0; sub(/ +$/, "", row[NR]); if (row[NR] == "") next
	       match(row[NR], /^ */); if (!seen || RLENGTH < m) m = RLENGTH; seen = 1 }
	     END { for (i = 1; i <= NR; i++) print substr(row[i], m + 1) }'
}

# Check that the banner of screen text F spells the stage its bar brackets.
check_banner() {
	bs=$(bar_stage "$1")
	want=$(render "$bs") || hard_error "$want"
	got=$(sed -n "2,$((banner_rows + 1))p" "$1" | trim_block)
	[ "$got" = "$want" ] || flunk "$2: the banner does not spell '$bs', the stage on the bar; want
$want
got
$got"
}

group_demo() {
start demo 200x50 -- --demo "$hello"
check_frame "$scratch/started.txt" 200 50 "the demo's first screen"
[ "$(bar_stage "$scratch/started.txt")" = "1 Preprocess" ] ||
	flunk "the demo does not start at the first stage: $(head -n 1 "$scratch/started.txt")"
check_banner "$scratch/started.txt" "the demo's first screen"
cp "$scratch/started" "$scratch/d-prev"
cp "$scratch/started.txt" "$scratch/d-prev.txt"
stage=1
reached=1
k=0
order=1
while [ "$(bar_stage "$scratch/d-prev.txt" | cut -c 1)" != 5 ]; do
	k=$((k + 1))
	[ "$k" -le 1000 ] || fail "1000 Spaces did not reach the Run stage:
$(cat "$scratch/d-prev.txt")"
	key Space
	moved=1
	if ! changed_from "$scratch/d-prev" "$scratch/d-cur"; then
		flunk "demo 200x50: Space number $k changed nothing on the screen (stage $stage):
$(cat "$scratch/d-cur.txt")"
		moved=0
	fi
	now=$(bar_stage "$scratch/d-cur.txt" | cut -c 1)
	case $now in
	"$stage") ;;
	$((stage + 1)))
		if [ "$now" -gt "$reached" ]; then
			order="$order$now"
			reached=$now
			check_frame "$scratch/d-cur.txt" 200 50 "demo 200x50, the first screen of stage $now"
		fi
		;;
	*) fail "demo 200x50: Space number $k went from stage $stage to stage '$now':
$(cat "$scratch/d-cur.txt")" ;;
	esac
	check_banner "$scratch/d-cur.txt" "demo 200x50 after Space number $k"
	# Backspace gives back the screen before, exactly, and Space comes again: after the first
	# Spaces, at every change of stage and every tenth Space. (Not after a Space that changed
	# nothing: no screen would then tell when Backspace has been read.)
	if [ "$moved" = 1 ] && { [ "$k" -le 3 ] || [ "$now" != "$stage" ] || [ $((k % 10)) -eq 0 ]; }; then
		key BSpace
		if becomes "$scratch/d-prev"; then
			key Space
			if ! becomes "$scratch/d-cur"; then
				settle "$scratch/d-again"
				flunk "demo 200x50: Space after Backspace (number $k) did not give back the same screen: $(differs "$scratch/d-cur" "$scratch/d-again")"
				# go on from where it is
				mv "$scratch/d-again" "$scratch/d-cur"
				mv "$scratch/d-again.txt" "$scratch/d-cur.txt"
			fi
		else
			settle "$scratch/d-back"
			flunk "demo 200x50: Backspace after Space number $k did not give back the screen before it (stage $(bar_stage "$scratch/d-back.txt") instead of $(bar_stage "$scratch/d-prev.txt")): $(differs "$scratch/d-prev" "$scratch/d-back")"
			# go on from where Space takes it from there
			key Space
			changed_from "$scratch/d-back" "$scratch/d-cur" ||
				flunk "demo 200x50: Space after Backspace (number $k) changed nothing"
		fi
		now=$(bar_stage "$scratch/d-cur.txt" | cut -c 1)
	fi
	stage=$now
	mv "$scratch/d-cur" "$scratch/d-prev"
	mv "$scratch/d-cur.txt" "$scratch/d-prev.txt"
done
[ "$order" = 12345 ] || flunk "demo 200x50: Space alone went through the stages in the order $order"

# The demo at 80x24, and back at 200x50 as it was.
T resize-window -t lesson -x 80 -y 24 || hard_error "tmux resize-window failed"
size=80x24
wait_frame "$scratch/d-small" 80 24 "the demo resized to 80x24"
check_banner "$scratch/d-small.txt" "the demo resized to 80x24"
T resize-window -t lesson -x 200 -y 50 || hard_error "tmux resize-window failed"
size=200x50
becomes "$scratch/d-prev" || flunk "the demo resized to 80x24 and back to 200x50 is not the screen it was: $(cape >"$scratch/d-back"; cap >"$scratch/d-back.txt"; differs "$scratch/d-prev" "$scratch/d-back")"
finish
}

# ---------------------------------------------------------------------------------------------
# 2. The help, at 200x50: every key of the key table, as tui/keys.c names it (an arrow glyph
# instead of the name where it gives one and the terminal is UTF-8).

sed -n -E 's/^[[:space:]]*[{] .*, KEYS_[A-Z_]+, [^,]+, "([^"]*)", (NULL|"[^"]*"), [01], KEYS_MODE_[A-Z]+ [}],.*$/\1 \2/p' \
	"$top_srcdir/tui/keys.c" | tr -d '"' >"$shared/keytable"
[ -s "$shared/keytable" ] &&
	[ "$(wc -l <"$shared/keytable")" -eq "$(grep -c '^[[:space:]]*{ .*KEYS_MODE_[A-Z]* },' "$top_srcdir/tui/keys.c")" ] ||
	hard_error "cannot read the key table in tui/keys.c"

group_help() {
start walk 200x50 -- "$hello"
check_frame "$scratch/started.txt" 200 50 "the walkthrough's first screen"
cp "$scratch/started" "$scratch/pre-help"
cp "$scratch/started.txt" "$scratch/pre-help.txt"
key '?'
see " Keys " "? opens the help"
: >"$scratch/help-keys"
pages=0
while :; do
	settle "$scratch/help" || fail "the help never kept still"
	h=$scratch/help.txt
	hrow=$(grep -n -F -- "$tl" "$h" | grep -F ' Keys ' | head -n 1 | cut -d: -f1)
	[ -n "$hrow" ] || fail "no box titled Keys:
$(cat "$h")"
	hcol=$(LC_ALL=C awk -v r="$hrow" -v t="$tl" "$awklib"'NR == r { print ucol($0, t "─ Keys ") }' "$h")
	[ "$hcol" -gt 0 ] || hcol=$(LC_ALL=C awk -v r="$hrow" -v t="$tl" "$awklib"'NR == r { print ucol($0, t "- Keys ") }' "$h")
	hbox=$(boxes "$h" | awk -v r="$hrow" -v c="$hcol" '$1 == r && $2 == c')
	[ -n "$hbox" ] || fail "the help's box is not closed:
$(cat "$h")"
	set -- $hbox
	# inside the borders and the one-column margin; the key column is what comes before the
	# first run of two blanks
	cells_rows "$h" $(($1 + 1)) $(($4 - 1)) $(($2 + 2)) $(($3 - $2 - 3)) |
		cut -f 2 | sed 's/  .*//' | tr ' ' '\n' | sed '/^$/d' >>"$scratch/help-keys"
	pos=$(box_position "$h" "$hbox")
	[ -n "$pos" ] || break
	last=$(echo "$pos" | sed 's/lines [0-9]*-\([0-9]*\) of.*/\1/')
	all=${pos##* of }
	[ "$last" -lt "$all" ] || break
	pages=$((pages + 1))
	[ "$pages" -le 50 ] || fail "PgDn never reached the end of the help ($pos)"
	key NPage
	wait_gone 600 "$pos" cap || fail "PgDn did not scroll the help ($pos):
$(cap)"
done
while read -r name glyph; do
	want=$name
	[ "$(is_utf8)" = 1 ] && [ "$glyph" != NULL ] && want=$glyph
	grep -qxF -- "$want" "$scratch/help-keys" && continue
	case $want in
	[0-9])
		# a run of digits is named as a range, "1-5"
		grep -E '^[0-9]-[0-9]$' "$scratch/help-keys" |
			awk -F - -v d="$want" '$1 <= d && d <= $2 { found = 1 } END { exit !found }' && continue
		;;
	esac
	flunk "the help does not name the key '$want' of the key table; its key column holds: $(sort -u "$scratch/help-keys" | tr '\n' ' ')"
done <"$shared/keytable"
key x
becomes "$scratch/pre-help" || flunk "a key closed the help, but the screen is not as it was: $(cape >"$scratch/post-help"; cap >"$scratch/post-help.txt"; differs "$scratch/pre-help" "$scratch/post-help")"
}

# ---------------------------------------------------------------------------------------------
# 3. Search, at the assemble stage in the source pane (no view is tied to another there): a
# global symbol hello.o defines, as nm lists it, that hello.c names on two lines at least; of
# those, the one whose lines are closest, so that two hits fit on a screen.

(cd "$shared/byhand" && nm hello.o) >"$shared/nm" || hard_error "nm hello.o failed"
sym=
span=
for s in $(awk 'NF == 3 && $2 ~ /^[A-TV-Z]$/ { print $3 }' "$shared/nm"); do
	case $s in *[A-Z]*) gi= ;; *) gi=-i ;; esac
	[ "$(grep -c $gi -F -- "$s" "$hello")" -ge 2 ] || continue
	sp=$(grep -n $gi -F -- "$s" "$hello" | cut -d: -f1 | awk 'NR == 1 { a = $1 } { z = $1 } END { print z - a }')
	if [ -z "$span" ] || [ "$sp" -lt "$span" ]; then
		sym=$s
		span=$sp
	fi
done
[ -n "$sym" ] || hard_error "no global symbol nm lists in hello.o is on two lines of hello.c"
# smart case: case-blind unless the pattern has a capital
case $sym in *[A-Z]*) gi= ;; *) gi=-i ;; esac
nhits=$(grep -c $gi -F -- "$sym" "$hello")
grep -n $gi -F -- "$sym" "$hello" | cut -d: -f1 >"$shared/hit-lines"

# Check capture F (after panes) while the search is at its hit number RANK: the source pane's
# rows show hello.c's lines, in order; the rows of the lines that hold the symbol show it and
# are highlighted, the RANK-th apart from the others; the other rows are plain and do not show
# it. How a row is drawn is told by its last blank cell after the line number; a clipped row
# is not asked to show the symbol. In monochrome (MONO set) the hits stand out without colour.
# Sets hit_style when another hit than the current one is in view.
check_hits() {
	ch_f=$1 ch_what=$3
	cur_line=$(sed -n "${2}p" "$shared/hit-lines")
	set -- $pane1
	pane_rows "$ch_f.txt" $(($1 + 1)) $(($4 - 1)) $(($2 + 1)) $(($3 - $2 - 1)) >"$ch_f.rows"
	plain= hit= cur= seen_cur=0 prev=
	while IFS='	' read -r row probe clipped text; do
		num=$(printf '%s\n' "$text" | awk '{ print $1 }')
		case $num in '' | *[!0-9]*) continue ;; esac
		[ -z "$prev" ] || [ "$num" -eq $((prev + 1)) ] ||
			flunk "$ch_what: row $row shows line $num after line $prev"
		prev=$num
		[ "$probe" -gt 0 ] || continue
		st=$(style_at "$ch_f" "$row" "$probe")
		shows=0
		printf '%s\n' "$text" | grep -q $gi -F -- "$sym" && shows=1
		if grep -qx "$num" "$shared/hit-lines"; then
			[ "$shows" = 1 ] || [ "$clipped" = 1 ] ||
				flunk "$ch_what: line $num holds '$sym' in hello.c, but its row shows: $text"
			if [ "$num" = "$cur_line" ]; then
				seen_cur=1
				cur=$st
			elif [ -z "$hit" ]; then
				hit=$st
			elif [ "$st" != "$hit" ]; then
				flunk "$ch_what: the hits are not drawn alike: line $num as '$st', another as '$hit'"
			fi
		else
			[ "$shows" = 0 ] ||
				flunk "$ch_what: row $row shows '$sym' but hello.c's line $num does not hold it: $text"
			if [ -z "$plain" ]; then
				plain=$st
			elif [ "$st" != "$plain" ]; then
				flunk "$ch_what: line $num, which does not match, is drawn as '$st', not as the others ('$plain')"
			fi
		fi
	done <"$ch_f.rows"
	[ "$seen_cur" = 1 ] || flunk "$ch_what: the current hit, line $cur_line, is not in view:
$(cat "$ch_f.txt")"
	[ -n "$plain" ] && [ -n "$cur" ] || return 0
	[ "$cur" != "$plain" ] || flunk "$ch_what: the current hit (line $cur_line) is drawn as the lines that do not match ('$plain')"
	if [ -n "${MONO:-}" ]; then
		stands_out "$cur" || flunk "$ch_what: without colour the current hit does not stand out: '$cur'"
	fi
	[ -n "$hit" ] || return 0
	hit_style=$hit
	[ "$hit" != "$plain" ] || flunk "$ch_what: the hits are drawn as the lines that do not match ('$plain')"
	[ "$hit" != "$cur" ] || flunk "$ch_what: the current hit is drawn as the other hits ('$cur')"
	if [ -n "${MONO:-}" ]; then
		stands_out "$hit" || flunk "$ch_what: without colour the hits do not stand out: '$hit'"
	fi
}

# Search the current session's source pane at the assemble stage; WHAT names the session.
search_check() {
	what=$1
	key 3
	see "[3 Assemble" "3 goes to the assemble stage"
	settle "$scratch/s0" || fail "$what: the screen never kept still"
	panes "$scratch/s0"
	tabs=0
	while [ "$(focused)" != 1 ]; do
		tabs=$((tabs + 1))
		[ "$tabs" -le 3 ] || fail "$what: Tab never focused the source pane:
$(cat "$scratch/s0.txt")"
		key Tab
		changed_from "$scratch/s0" "$scratch/s1" || flunk "$what: Tab changed nothing"
		mv "$scratch/s1" "$scratch/s0"
		mv "$scratch/s1.txt" "$scratch/s0.txt"
		panes "$scratch/s0"
	done
	key /
	typed "$sym"
	see "/${sym}_" "$what: / shows the pattern being typed"
	key Enter
	hit_style=
	see "/$sym  1 of $nhits" "$what: Enter searches, and counts the lines grep -c finds in hello.c"
	settle "$scratch/s1" || fail "$what: the screen never kept still"
	panes "$scratch/s1"
	check_hits "$scratch/s1" 1 "$what: /$sym"
	key n
	see "/$sym  2 of $nhits" "$what: n goes to the next hit"
	settle "$scratch/s2" || fail "$what: the screen never kept still"
	check_hits "$scratch/s2" 2 "$what: /$sym then n"
	key N
	see "/$sym  1 of $nhits" "$what: N goes back to the hit before"
	settle "$scratch/s3" || fail "$what: the screen never kept still"
	check_hits "$scratch/s3" 1 "$what: /$sym then n and N"
	if [ "$nhits" -eq 2 ]; then
		key n
		key n
		see "/$sym  1 of $nhits (wrapped)" "$what: n past the last hit goes round to the first"
	fi
	[ -n "$hit_style" ] || flunk "$what: never was a hit in view beside the current one, to tell them apart"
	key Escape
	unsee "/$sym" "$what: Esc forgets the search"
	settle "$scratch/s4" || fail "$what: the screen never kept still"
	set -- $pane1
	pane_rows "$scratch/s4.txt" $(($1 + 1)) $(($4 - 1)) $(($2 + 1)) $(($3 - $2 - 1)) |
		while IFS='	' read -r row probe clipped text; do
			[ "$probe" -eq 0 ] || style_at "$scratch/s4" "$row" "$probe"
		done | sort -u >"$scratch/s4.styles"
	[ "$(wc -l <"$scratch/s4.styles")" -eq 1 ] || flunk "$what: after Esc the source pane's rows are not all drawn alike: $(cat "$scratch/s4.styles" | tr '\n' ';')"
}

group_search() {
search_check "search 200x50"
}

# ---------------------------------------------------------------------------------------------
# 4. The mouse: X10 reports (tmux's TERM names \E[M as the mouse key), written into the pane.

# x10 BUTTON COL ROW: the report of button code BUTTON at column COL, row ROW (from 1).
x10() {
	[ $(($2 + 32)) -lt 127 ] && [ $(($3 + 32)) -lt 127 ] || hard_error "X10 cannot report column $2, row $3"
	typed "$(printf "\\033[M\\$(printf %o $(($1 + 32)))\\$(printf %o $(($2 + 32)))\\$(printf %o $(($3 + 32)))")"
}

# sgr BUTTON COL ROW [m]: the same as an SGR (1006) report; m for a release.
sgr() {
	typed "$(printf '\033[<%d;%d;%d%s' "$1" "$2" "$3" "${4:-M}")"
}

# Check the mouse on pane N (1-3) of the current session with REPORT (x10 or sgr): a click in
# it focuses it, the wheel scrolls it down and back up.
mouse_check() {
	n=$1 report=$2 what=$3
	settle "$scratch/m0" || fail "$what: the screen never kept still"
	panes "$scratch/m0"
	before=$(focused)
	[ "$before" != 0 ] || fail "$what: no pane title stands out as focused:
$(cat "$scratch/m0.txt")"
	[ "$before" != "$n" ] || hard_error "$what: pane $n is focused before the click"
	eval "t_old=\$title$before"
	eval "set -- \$pane$n"
	top=$1 left=$2 right=$3 bottom=$4
	x=$((left + 4)) y=$((top + 4))
	[ "$y" -lt "$bottom" ] || hard_error "$what: pane $n is too short to click in"
	"$report" 0 "$x" "$y"
	if [ "$report" = x10 ]; then "$report" 3 "$x" "$y"; else "$report" 0 "$x" "$y" m; fi
	changed_from "$scratch/m0" "$scratch/m1" || flunk "$what: a click at column $x, row $y changed nothing"
	panes "$scratch/m1"
	[ "$(focused)" = "$n" ] || flunk "$what: a click at column $x, row $y did not focus pane $n (the focused one is $(focused)); titles: '$title1' '$title2' '$title3'"
	eval "t_now=\$title$n"
	# the focus moved: the clicked pane's title looks as the focused one looked before
	[ "$t_now" = "$t_old" ] || flunk "$what: the clicked pane's title is drawn as '$t_now', the focused title was '$t_old'"
	[ -n "${MONO:-}" ] && ! stands_out "$t_now" && flunk "$what: without colour the focused title does not stand out: '$t_now'"
	pos0=$(box_position "$scratch/m1.txt" "$(eval echo \$pane$n)")
	[ -n "$pos0" ] || fail "$what: pane $n says no 'lines X-Y of N':
$(cat "$scratch/m1.txt")"
	"$report" 65 "$x" "$y"
	changed_from "$scratch/m1" "$scratch/m2" || flunk "$what: the wheel down at column $x, row $y changed nothing"
	pos1=$(box_position "$scratch/m2.txt" "$(eval echo \$pane$n)")
	set -- $(echo "$pos0" | tr -- '-' ' ') $(echo "$pos1" | tr -- '-' ' ')
	# lines X-Y of N: $2 $3 $5 before, $7 $8 $10 after
	if [ -z "$pos1" ] || [ "$7" -le "$2" ] || [ $(($8 - $7)) -ne $(($3 - $2)) ] || [ "${10}" != "$5" ]; then
		flunk "$what: the wheel down did not scroll pane $n: '$pos0', then '$pos1'"
	fi
	"$report" 64 "$x" "$y"
	wait_for 600 "$pos0" cap || flunk "$what: the wheel up did not scroll pane $n back to '$pos0':
$(cap)"
}

group_mouse() {
# (the search left the source pane focused)
mouse_check 2 x10 "X10 mouse 200x50, the output pane"
mouse_check 1 x10 "X10 mouse 200x50, the source pane"
finish

# SGR reports, which say any column: under TERM=xterm-256color (its kmous is \E[<) the lesson
# pane, beyond the columns X10 can name at 200x50.
if infocmp xterm-256color >/dev/null 2>&1; then
	start sgr 200x50 TERM=xterm-256color -- "$hello"
	key 3
	see "[3 Assemble" "3 goes to the assemble stage"
	mouse_check 3 sgr "SGR mouse 200x50, the lesson pane"
	mouse_check 1 sgr "SGR mouse 200x50, the source pane"
	finish
else
	echo "NOTE: no terminfo for xterm-256color: SGR mouse reports not tried" >&2
fi
}

# ---------------------------------------------------------------------------------------------
# 5. Resize: 200x50, 80x24 and back, against lesson started at 80x24.

group_resize() {
start big 200x50 -- "$hello"
cp "$scratch/started" "$scratch/big"
cp "$scratch/started.txt" "$scratch/big.txt"
check_frame "$scratch/big.txt" 200 50 "200x50"
big_srv=$srv
start small 80x24 -- "$hello"
cp "$scratch/started" "$scratch/fresh-small"
cp "$scratch/started.txt" "$scratch/fresh-small.txt"
check_frame "$scratch/fresh-small.txt" 80 24 "started at 80x24"
finish
srv=$big_srv
size=200x50
T resize-window -t lesson -x 80 -y 24 || hard_error "tmux resize-window failed"
size=80x24
if ! becomes "$scratch/fresh-small"; then
	wait_frame "$scratch/resized" 80 24 "resized from 200x50 to 80x24"
	flunk "200x50 resized to 80x24 is not the screen lesson draws when started at 80x24: $(differs "$scratch/fresh-small" "$scratch/resized")"
fi
T resize-window -t lesson -x 200 -y 50 || hard_error "tmux resize-window failed"
size=200x50
if ! becomes "$scratch/big"; then
	wait_frame "$scratch/resized" 200 50 "resized back to 200x50"
	flunk "resized to 80x24 and back to 200x50, the screen is not the one it was: $(differs "$scratch/big" "$scratch/resized")"
fi
finish
}

# ---------------------------------------------------------------------------------------------
# 6. Monochrome, at 120x40: no SGR sets a colour; the focused title, the cursor line and the
# search's hits stand out by reverse, bold or underline.

# Check the current session without colour; WHAT names it.
mono_check() {
	what=$1
	colours=$(colour_codes "$scratch/started.raw")
	[ -z "$colours" ] || flunk "$what: colours on the screen: $(echo $colours)"
	panes "$scratch/started"
	f=$(focused)
	if [ "$f" = 0 ]; then
		flunk "$what: no pane's title stands out; titles: '$title1' '$title2' '$title3'"
	else
		eval "t=\$title$f"
		stands_out "$t" || flunk "$what: the focused title does not stand out: '$t'"
		key Tab
		changed_from "$scratch/started" "$scratch/mono-tab" || flunk "$what: Tab changed nothing"
		panes "$scratch/mono-tab"
		[ "$(focused)" != "$f" ] && [ "$(focused)" != 0 ] ||
			flunk "$what: after Tab the focus does not show on another pane; titles: '$title1' '$title2' '$title3'"
		# round the three panes, back to the first
		key Tab
		key Tab
		becomes "$scratch/started" || flunk "$what: three Tabs did not give the focus back to where it was"
	fi
	# the cursor: the .i's chosen line is drawn across the output pane unlike the others (told
	# by the last blank cell of each row)
	panes "$scratch/started"
	set -- $pane2
	pane_rows "$scratch/started.txt" $(($1 + 1)) $(($4 - 1)) $(($2 + 1)) $(($3 - $2 - 1)) |
		while IFS='	' read -r row probe clipped text; do
			[ "$probe" -eq 0 ] || style_at "$scratch/started" "$row" "$probe"
		done >"$scratch/out-styles"
	usual=$(sort "$scratch/out-styles" | uniq -c | sort -rn | awk '{ $1 = ""; sub(/^ /, ""); print; exit }')
	odd=$(grep -vxF -- "$usual" "$scratch/out-styles" | sort -u)
	if [ -z "$odd" ]; then
		flunk "$what: no row of the output pane stands out (the cursor line):
$(cat "$scratch/started.txt")"
	else
		printf '%s\n' "$odd" | while IFS= read -r st; do
			stands_out "$st" || printf '%s\n' "$st"
		done >"$scratch/dull"
		[ ! -s "$scratch/dull" ] || flunk "$what: rows of the output pane are set apart without reverse, bold or underline: $(cat "$scratch/dull")"
	fi
	MONO=1
	search_check "$what"
	MONO=
	colours=$(colour_codes "$scratch/s1.raw")
	[ -z "$colours" ] || flunk "$what: colours on the screen of a search: $(echo $colours)"
}

group_mono() {
mono_term=
for t in xterm-mono vt100; do
	if infocmp "$t" >/dev/null 2>&1; then
		mono_term=$t
		break
	fi
done
if [ -n "$mono_term" ]; then
	start mono 120x40 "TERM=$mono_term" -- "$hello"
	check_frame "$scratch/started.txt" 120 40 "TERM=$mono_term"
	mono_check "TERM=$mono_term 120x40"
	finish
else
	echo "NOTE: no terminfo for xterm-mono or vt100: the monochrome terminal not tried" >&2
fi

start nocolor 120x40 NO_COLOR=1 -- "$hello"
check_frame "$scratch/started.txt" 120 40 "NO_COLOR=1"
mono_check "NO_COLOR=1 120x40"
finish

start optnocolor 120x40 -- --no-color "$hello"
colours=$(colour_codes "$scratch/started.raw")
[ -z "$colours" ] || flunk "--no-color 120x40: colours on the screen: $(echo $colours)"
panes "$scratch/started"
[ "$(focused)" != 0 ] || flunk "--no-color 120x40: no pane's title stands out"
finish
}

# ---------------------------------------------------------------------------------------------
# The groups of sessions are independent: each runs in the background, in a subshell with a
# directory and tmux servers of its own, its messages in its log. A group's fail or
# hard_error ends that group alone; its flunks are counted in its exit status (1).

# run_group NAME FUNCTION...: the functions one after the other, as group NAME.
run_group() {
	rg_name=$1
	shift
	(
		scratch=$shared/$rg_name
		mkdir "$scratch" || hard_error "mkdir $scratch failed"
		servers=
		trap 'for s in $servers; do tmux -S "$s" kill-server 2>/dev/null; done' EXIT
		for rg_f in "$@"; do
			"$rg_f"
		done
		if [ "$failed" -gt 0 ]; then
			echo "$failed checks failed" >&2
			exit 1
		fi
		exit 0
	) >"$shared/$rg_name.log" 2>&1 &
	groups="$groups $!"
	eval "pid_$rg_name=\$!"
}

run_group demo group_demo
run_group walk group_help group_search group_mouse
run_group other group_resize group_mono
status=0
for g in demo walk other; do
	eval "wait \$pid_$g"
	rc=$?
	sed "s/^/[$g] /" "$shared/$g.log" >&2
	case $rc in
	0) ;;
	99) status=99 ;;
	*) [ "$status" = 99 ] || status=1 ;;
	esac
done
groups=
exit $status
