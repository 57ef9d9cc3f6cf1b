#!/bin/sh
# chrome.sh: the screen's frame at 80x24 and 200x50, headless. The first frame's .i cursor is on
# a row in view (a key that moves it one row down leaves the pane where it was); the four
# views of the .o (facts, nm, readelf, objdump) are laid out alike where their output fits
# (nm's pane has the facts' width); the key line at 80 columns keeps Tab, z and /.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
use_utf8_locale
scratch=$(make_scratch chrome)
trap 'rm -rf "$scratch"' EXIT
hello=$(abs_path "${top_srcdir:-.}/samples/hello.c")

# A program whose code starts below a comment and an #include, so that the .i opens scrolled
# to the code, with its first rows (the linemarkers above the folded headers) out of view.
sh "${top_srcdir:-.}/tests/bench/gensrc.sh" code 40 >"$scratch/gen.c" || hard_error "gensrc.sh failed"

# The .i pane's first body row on screen N of file F: the right-hand pane's text on the row
# after the command (the first row that starts with a line number).
irow() {
	screen "$1" "$2" | awk -F '│' 'NR > 2 && $4 ~ /^ *[0-9]+ / { print $4; exit }'
}

for size in 80x24 200x50; do
	"$LESSON" --headless="$size" --keys='<Down>' "$scratch/gen.c" >"$scratch/down.$size" ||
		fail "$size: lesson exited $?"
	first=$(irow 0 "$scratch/down.$size")
	[ -n "$first" ] || fail "$size: no .i rows on the first screen:
$(screen 0 "$scratch/down.$size")"
	[ "$(irow 1 "$scratch/down.$size")" = "$first" ] ||
		fail "$size: Down scrolled the .i (its cursor was out of view on the first frame):
$(screen 0 "$scratch/down.$size")
$(screen 1 "$scratch/down.$size")"

	# facts, then nm: the same panes, the same widths (their top border rows alike but for
	# the output pane's title and count)
	shared_walk "$scratch/o.$size" '3' '3 o' -- --headless="$size" "$hello" ||
		fail "$size: lesson exited $?"
	facts=$(screen 1 "$scratch/o.$size.1" | sed -n 2p)
	nm=$(screen 2 "$scratch/o.$size.2" | sed -n 2p)
	[ "$(echo "$facts" | awk -F '┐┌' '{ print NF }')" = "$(echo "$nm" | awk -F '┐┌' '{ print NF }')" ] ||
		fail "$size: nm's view has other panes than the facts':
$facts
$nm"
	f_at=$(echo "$facts" | awk '{ print index($0, "Object file") }')
	n_at=$(echo "$nm" | awk '{ print index($0, "Object file") }')
	[ "$f_at" = "$n_at" ] || fail "$size: nm's pane starts elsewhere than the facts' ($n_at, $f_at):
$facts
$nm"
	screen 2 "$scratch/o.$size.2" | grep -q 'view:  facts  \[nm\]  readelf' ||
		fail "$size: nm's view strip does not name the four views as the others' do:
$(screen 2 "$scratch/o.$size.2")"
done

# The key line at 80 columns: Tab, z and / are kept (before L and the arrows)
keys=$(screen 0 "$scratch/down.80x24" | tail -n 1)
for k in 'Tab pane' 'z zoom' '/ search' '? help' 'q quit'; do
	case $keys in
	*"$k"*) ;;
	*) fail "80x24: the key line lacks '$k': $keys" ;;
	esac
done
exit 0
