#!/bin/sh
# zhwide.sh: the screens in Chinese fit the terminal. Under LANG=zh_CN.UTF-8, with a small
# test catalogue (tests/wide/zh_CN.po, compiled here with msgfmt and found through
# CSTAGES_LOCALEDIR) and Chinese lessons in place of the stage lessons (tests/wide/lessons),
# the walkthrough (the five stages, the lessons zoomed and scrolled, the help, the lesson
# list) and the classroom demo (the stages' banners, an exercise's card) run headless at 80x24
# and 200x50. Every row of every screen is at most the terminal's width, measured by display
# width as python's unicodedata sees it (East Asian Width W or F: two columns; a combining
# mark: none), and every screen has the terminal's height; so is every line of lesson --list
# on a pseudo-terminal 80 and 57 columns wide, cut at a character's boundary. The Chinese must really show: the
# stage bar brackets [1 预处理, the lesson pane shows the lesson's Chinese title, the demo's
# banner spells the stage's English name in big letters with its Chinese name centred beneath
# (by display width), and an exercise's card its number beneath "EXERCISE". Skipped (77) when
# the zh_CN.UTF-8 locale is not generated (./setup.sh check generates it), or msgfmt or
# python3 is missing.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd msgfmt
need_cmd python3
locale -a 2>/dev/null | grep -q -i -E '^zh_CN\.utf-?8$' ||
	skip "the zh_CN.UTF-8 locale is not generated (localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"

scratch=$(make_scratch zhwide)
trap 'rm -rf "$scratch"' EXIT
src=$(abs_path "$top_srcdir")
hello=$src/samples/hello.c

# the test catalogue
mkdir -p "$scratch/locale/zh_CN/LC_MESSAGES" || hard_error "mkdir failed"
msgfmt -c -o "$scratch/locale/zh_CN/LC_MESSAGES/cstages.mo" "$src/tests/wide/zh_CN.po" ||
	hard_error "msgfmt failed on tests/wide/zh_CN.po"
# the data: the real lessons and samples, the stage lessons in Chinese
# (and in lessons/zh_CN/, where the Chinese twins of the lessons are read first)
mkdir -p "$scratch/data/lessons/zh_CN" || hard_error "mkdir failed"
for f in "$src"/lessons/*; do
	[ "$f" = "$src/lessons/zh_CN" ] || ln -s "$f" "$scratch/data/lessons/" || hard_error "ln failed"
done
for f in "$src"/lessons/zh_CN/*; do
	[ ! -e "$f" ] || ln -s "$f" "$scratch/data/lessons/zh_CN/" || hard_error "ln failed"
done
ln -s "$src/samples" "$scratch/data/samples" || hard_error "ln failed"
for s in preprocess compile assemble link run; do
	case $s in
	compile | assemble) fixture=table ;;
	*) fixture=wide ;;
	esac
	for d in "$scratch/data/lessons" "$scratch/data/lessons/zh_CN"; do
		rm -f "$d/$s.md"
		cp "$src/tests/wide/lessons/$fixture.md" "$d/$s.md" || hard_error "cp failed"
	done
done
wide_title=$(sed -n 's/^# //p' "$src/tests/wide/lessons/wide.md" | head -n 1)

# Run a command in Chinese in the scratch directory (an exercise is set up in the current
# one); zh runs lesson so.
zh_env() {
	(cd "$scratch" && env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 \
		CSTAGES_LOCALEDIR="$scratch/locale" CSTAGES_DATADIR="$scratch/data" \
		HOME="$scratch" XDG_STATE_HOME="$scratch/state" "$@")
}
zh() {
	zh_env "$LESSON" "$@"
}

# Check every screen of dump F: W columns at most by display width, H rows; print how many
# screens and the widest row.
check_dump() { # FILE W H WHAT
	python3 - "$1" "$2" "$3" "$4" <<'EOF' || exit 1
import sys, unicodedata
path, w, h, what = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def cols(s):
    n = 0
    for c in s:
        if unicodedata.combining(c):
            continue
        n += 2 if unicodedata.east_asian_width(c) in ('W', 'F') else 1
    return n
screens, cur, widest, wide_rows = [], None, 0, 0
for line in open(path, encoding='utf-8').read().split('\n'):
    if line.startswith('--- screen '):
        cur = [line]
        screens.append(cur)
    elif cur is not None:
        cur.append(line)
if not screens:
    print('FAIL: %s: no screens' % what, file=sys.stderr)
    sys.exit(1)
for sc in screens:
    rows = sc[1:]
    if rows and rows[-1] == '':
        rows = rows[:-1]
    if len(rows) != h:
        print('FAIL: %s, %s: %d rows, not %d' % (what, sc[0], len(rows), h), file=sys.stderr)
        sys.exit(1)
    for r in rows:
        c = cols(r)
        widest = max(widest, c)
        if any(unicodedata.east_asian_width(ch) in ('W', 'F') for ch in r):
            wide_rows += 1
        if c > w:
            print('FAIL: %s, %s: a row is %d columns wide on a %d-column screen:\n%s\n%s'
                  % (what, sc[0], c, w, r, '\n'.join(rows)), file=sys.stderr)
            sys.exit(1)
if wide_rows == 0:
    print('FAIL: %s: no row shows a wide character' % what, file=sys.stderr)
    sys.exit(1)
print('%d %d' % (len(screens), widest))
EOF
}

# The row numbered N (1-based) of the last screen of dump F.
last_row() { # FILE N
	awk -v n="$2" '/^--- screen /{k=0; next} {k++; if (k == n) r[n] = $0} END {print r[n]}' "$1"
}

# Fail unless Chinese text S, on row N of the last screen of F, is centred on a W-column
# screen by its display width (a difference of one column for an odd remainder).
check_centred() { # FILE N S W WHAT
	python3 - "$(last_row "$1" "$2")" "$3" "$4" "$5" <<'EOF' || exit 1
import sys, unicodedata
row, s, w, what = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
cols = lambda t: sum(2 if unicodedata.east_asian_width(c) in ('W', 'F') else 1 for c in t)
if row.strip() != s:
    print('FAIL: %s: the row under the banner is %r, not %r' % (what, row, s), file=sys.stderr)
    sys.exit(1)
left = len(row) - len(row.lstrip(' '))
right = w - left - cols(s)
if abs(left - right) > 1:
    print('FAIL: %s: %r is not centred: %d columns left of it, %d right' % (what, s, left, right),
          file=sys.stderr)
    sys.exit(1)
EOF
}

# The plain printers cut their rows to a terminal's width: lesson --list on a pseudo-terminal
# COLS wide, each row within it by display width, whole UTF-8 (a cut never splits a
# character), and some Chinese row cut (with "...") so that the cut is tried.
check_tty() { # COLS WHAT ARGS...
	zh_env python3 - "$@" <<'EOF' || exit 1
import os, pty, sys, fcntl, termios, struct, unicodedata
cols, what, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack('HHHH', 24, cols, 0, 0))
    os.execvp(args[0], args)
out = b''
while True:
    try:
        d = os.read(fd, 65536)
    except OSError:
        break
    if not d:
        break
    out += d
_, st = os.waitpid(pid, 0)
if os.WEXITSTATUS(st) != 0:
    print('FAIL: %s exited %d: %s' % (what, os.WEXITSTATUS(st), out[-500:]), file=sys.stderr)
    sys.exit(1)
try:
    text = out.decode('utf-8')
except UnicodeDecodeError as e:
    print('FAIL: %s: a line is cut inside a character: %s' % (what, e), file=sys.stderr)
    sys.exit(1)
cut = 0
wide = lambda c: unicodedata.east_asian_width(c) in ('W', 'F')
import re
for line in text.replace('\r', '').split('\n'):
    # the list's rows (its opening sentence is whole: the terminal folds it)
    if not re.match(r'\s*[0-9]+ ', line):
        continue
    w = sum(2 if wide(c) else 1 for c in line)
    if w > cols:
        print('FAIL: %s: a line is %d columns on a %d-column terminal:\n%s' % (what, w, cols, line),
              file=sys.stderr)
        sys.exit(1)
    if line.endswith('...') and any(wide(c) for c in line):
        cut += 1
if cut == 0:
    print('FAIL: %s: no Chinese line was cut to the terminal:\n%s' % (what, text), file=sys.stderr)
    sys.exit(1)
EOF
}

for c in 80 57; do
	check_tty "$c" "lesson --list at $c columns" "$LESSON" --list
done

stages='预处理 编译 汇编 链接 运行'
for size in 80x24 200x50; do
	w=${size%x*} h=${size#*x}
	# the walkthrough: each stage with each of its views, its lesson zoomed and scrolled,
	# the help, the lesson list
	zh --headless "$size" --keys '<Tab> z <PgDn> <PgDn> z o o o n o o <Tab> z <PgDn> z n o o o o n o o o o o o n o o o o o o ? q 1 L <Down> <Enter>' \
		"$hello" >"$scratch/walk-$size" 2>"$scratch/err" ||
		fail "the walkthrough at $size exited $?: $(cat "$scratch/err")"
	got=$(check_dump "$scratch/walk-$size" "$w" "$h" "the walkthrough at $size")
	echo "walkthrough $size: $got (screens, widest row)"
	head -n 2 "$scratch/walk-$size" | grep -qF '[1 预处理' ||
		fail "the walkthrough at $size: the stage bar is not in Chinese: $(sed -n 2p "$scratch/walk-$size")"
	grep -qF "$wide_title" "$scratch/walk-$size" ||
		fail "the walkthrough at $size never shows the Chinese lesson's title '$wide_title'"
	grep -qF '按键' "$scratch/walk-$size" ||
		fail "the walkthrough at $size: the help's title is not in Chinese"

	# the demo: a banner per stage, the Chinese name centred under the big letters
	zh --demo --headless "$size" --keys '5 4 3 2 1' "$hello" >"$scratch/demo-$size" 2>"$scratch/err" ||
		fail "the demo at $size exited $?: $(cat "$scratch/err")"
	got=$(check_dump "$scratch/demo-$size" "$w" "$h" "the demo at $size")
	echo "demo $size: $got (screens, widest row)"
	for k in 1 2 3 4 5; do
		name=$(echo "$stages" | cut -d ' ' -f "$k")
		zh --demo --headless "$size" --keys "$k" "$hello" >"$scratch/banner" 2>"$scratch/err" ||
			fail "the demo at $size exited $?: $(cat "$scratch/err")"
		check_dump "$scratch/banner" "$w" "$h" "the demo at $size, stage $k" >/dev/null
		# rows 2-6 are the big letters, row 7 the name beneath
		if [ "$h" -ge 20 ]; then
			check_centred "$scratch/banner" 7 "$name" "$w" "the demo's banner at $size, stage $k"
			# big letters above it, drawn with the font's blocks only (a '?' glyph
			# would be one of its characters had the Chinese name gone to the font)
			row=$(last_row "$scratch/banner" 2)
			[ -n "$(echo "$row" | tr -d ' ')" ] && [ -z "$(echo "$row" | tr -d ' █')" ] ||
				fail "the demo's banner at $size, stage $k: no big letters above the name: '$row'"
		fi
	done

	# an exercise's card: "EXERCISE N" in big letters, "练习 N" beneath
	zh --exercise 1 --demo --headless "$size" --keys '<Space> H' >"$scratch/card-$size" \
		2>"$scratch/err" || fail "the exercise's demo at $size exited $?: $(cat "$scratch/err")"
	got=$(check_dump "$scratch/card-$size" "$w" "$h" "the exercise's demo at $size")
	echo "exercise card $size: $got (screens, widest row)"
	[ "$h" -lt 20 ] || check_centred "$scratch/card-$size" 7 "练习 1" "$w" "the card's banner at $size"
	rm -rf "$scratch/cstages-exercises"
done
exit 0
