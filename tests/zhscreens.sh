#!/bin/sh
# zhscreens.sh: the screens in Chinese, with the real catalogue and the real lessons. Under
# LANG=zh_CN.UTF-8, with the catalogue make builds in the build tree (po/locale, where lesson
# run from the build tree finds it: stages/i18n.c) and the data of the source tree, lesson
# runs headless at 80x24 and 200x50: every stage and every view of each (o cycles through
# them: the view strip names them, or says "view k of n" where the names do not fit, and the
# test presses o until the strip comes back to the first view), the help paged through, the
# lesson list with a lesson opened and scrolled, the lesson pane zoomed and scrolled, the
# terms chooser and a term's definition, a question asked and answered, an exercise's
# walkthrough with its hints, the classroom demo and an exercise's demo card.
#
# Every row of every screen is at most the terminal's width by display width (python's
# unicodedata: East Asian Width W or F two columns, a combining mark none), every screen has
# the terminal's height, and every dump is whole UTF-8 (a cut never splits a character).
# Chinese really shows on each family of screens: the stage bar brackets the stage's
# translated title ([1 预处理), each stage's lesson pane shows the title of
# lessons/zh_CN/STAGE.md, the help the translated group titles of the key table, the terms
# chooser the translated lesson title it quotes, the question its translated box title, the
# exercise pane its translated title and "H for a hint" line with its first hints.
#
# No English sentence shows where the catalogue has a translation. The sentences checked are
# those on (nearly) every screen of the walkthrough, read from the sources, so that a label
# added later is checked too: the key line's labels (tui/keys.h: the last row of each screen
# must hold none of them as a word), the stage titles (stages/walk.c: not on the stage bar),
# the output pane's titles (tui/view.c: no box title starts with one), and the view strip's
# lead, tail and view names (none of the strip's names is a msgid the catalogue translates
# otherwise). Each must have a translation that differs from it, or the check would prove
# nothing. The catalogue is read with python's gettext module from the compiled .mo, the
# file lesson itself reads. Skipped (77) when the zh_CN.UTF-8 locale is not generated
# (./setup.sh check generates it), python3 is missing, or lesson was built without NLS.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
command -v python3 >/dev/null 2>&1 || skip "python3 not installed (the display widths are measured with its unicodedata)"
locale -a 2>/dev/null | grep -q -i -E '^zh_CN\.utf-?8$' ||
	skip "the zh_CN.UTF-8 locale is not generated (./setup.sh check, or localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
grep -q '^#define ENABLE_NLS 1' "${top_builddir:-.}/config.h" 2>/dev/null ||
	skip "lesson was built without NLS (configure found no gettext): it speaks only English"
src=$(abs_path "$top_srcdir")
data=${CSTAGES_DATADIR:-$src}
mo=$(abs_path "${top_builddir:-.}/po/locale")/zh_CN/LC_MESSAGES/cstages.mo
[ -f "$mo" ] || fail "make built no $mo"

scratch=$(make_scratch zhscreens)
trap 'rm -rf "$scratch"' EXIT
hello=$src/samples/hello.c
[ -f "$hello" ] || hard_error "no $hello"

# Run lesson in Chinese in the scratch directory, with the build tree's catalogue (no
# CSTAGES_LOCALEDIR: lesson finds it itself, as a user's build would).
zh() {
	(cd "$scratch" && env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u CSTAGES_LOCALEDIR \
		-u CSTAGES_LANG LANG=zh_CN.UTF-8 CSTAGES_DATADIR="$data" HOME="$scratch" \
		XDG_STATE_HOME="$scratch/state" NO_COLOR=1 "$LESSON" "$@")
}

# A run into $scratch/NAME-SIZE: run NAME SIZE ARGS...
run() {
	r_out=$scratch/$1-$2
	r_size=$2
	shift 2
	zh --headless "$r_size" "$@" >"$r_out" 2>"$scratch/err" ||
		fail "lesson --headless $r_size $* exited $?: $(cat "$scratch/err")"
}

# 12 presses of o after each stage's key: more than any stage has views (the check says so
# if a stage had more)
os='o o o o o o o o o o o o'
for size in 80x24 200x50; do
	run walk "$size" --keys "1 $os 2 $os 3 $os 4 $os 5 $os" "$hello"
	run help "$size" --keys '? <PgDn> <PgDn> <PgDn> <PgDn> <PgDn> ?' "$hello"
	run list "$size" --keys 'L <Down> <Enter> <PgDn> <PgDn> q q' "$hello"
	run zoom "$size" --keys '<Tab> z <PgDn> <PgDn> z' "$hello"
	run terms "$size" --keys 't <Down> <Enter> <PgDn> <Esc> <Esc>' "$hello"
	run ask "$size" --keys '3 P a' "$hello"
	run exercise "$size" --exercise include-guard --dir "$scratch/exdir-$size" --keys 'H H'
	run demo "$size" --demo --keys '<Space> <Space> <Space> <Space> <Space> <Space>' "$hello"
	run card "$size" --exercise 1 --dir "$scratch/carddir-$size" --demo --keys '<Space> H'
done

python3 - "$scratch" "$mo" "$src" <<'EOF' || exit 1
import gettext, os, re, sys, unicodedata
scratch, mo, src = sys.argv[1:4]
with open(mo, 'rb') as f:
    cat = gettext.GNUTranslations(f)._catalog
msgstrs = set(v for v in cat.values() if isinstance(v, str))
failed = []

def fail(msg):
    print('FAIL: ' + msg, file=sys.stderr)
    sys.exit(1)

def tr(msgid, what):
    """The catalogue's translation of msgid; it must have one that differs from it."""
    s = cat.get(msgid)
    if not s or s == msgid:
        fail('the catalogue has no translation of %r (%s): the check would prove nothing'
             % (msgid, what))
    return s

def source(path):
    return open(os.path.join(src, path), encoding='utf-8').read()

def n_strings(text):
    return re.findall(r'N_\("((?:[^"\\]|\\.)*)"\)', text)

# the msgids, from the sources
keys_h = source('tui/keys.h')
labels = [m for m in re.findall(r'^\s*X\([A-Z_]+, N_\("((?:[^"\\]|\\.)*)"\)', keys_h, re.M)]
m = re.search(r'walk_titles\[STAGE_COUNT\] = \{(.*?)\};', source('stages/walk.c'), re.S)
titles = n_strings(m.group(1))
m = re.search(r'keys_group_titles\[KEYS_GROUP_COUNT\] = \{(.*?)\};', source('tui/keys.c'), re.S)
groups = n_strings(m.group(1))
m = re.search(r'view_stages\[STAGE_COUNT\] = \{(.*?)\};', source('tui/view.c'), re.S)
pane_titles = n_strings(m.group(1))
if len(labels) < 10 or len(titles) != 5 or len(groups) < 4 or len(pane_titles) != 5:
    fail('the sources no longer list labels, titles, groups and pane titles as this test reads '
         'them: %r %r %r %r' % (labels, titles, groups, pane_titles))
zh_titles = [tr(t, 'a stage title') for t in titles]
en_labels = [l for l in set(labels) if tr(l, 'a key-line label')]
lead = tr('view:', 'the view strip')
tail = tr('  %s next', 'the view strip').replace('%s', 'o')
compact = tr('view %1$d of %2$d: %3$s', 'the view strip')
compact_m = tr('view %1$d of %2$d: members of %3$s', 'the view strip')
def compact_re(fmt):
    p = re.escape(fmt).replace(re.escape('%1$d'), r'(\d+)').replace(re.escape('%2$d'), r'(\d+)')
    return re.compile(p.replace(re.escape('%3$s'), '.*'))
compact_res = [compact_re(compact), compact_re(compact_m)]
stage_names = ['preprocess', 'compile', 'assemble', 'link', 'run']
def lesson_title(name):
    with open(os.path.join(src, 'lessons', 'zh_CN', name + '.md'), encoding='utf-8') as f:
        line = f.readline().rstrip('\n')
    if not line.startswith('# '):
        fail('lessons/zh_CN/%s.md does not start with a title' % name)
    return line[2:]
all_titles = [lesson_title(os.path.basename(p)[:-3])
              for p in os.listdir(os.path.join(src, 'lessons', 'zh_CN')) if p.endswith('.md')]

def cols(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in ('W', 'F') else 1 for c in s)

def screens(path, w, h, what):
    """The screens of a dump, each (header, rows), checked for size."""
    try:
        text = open(path, encoding='utf-8').read()
    except UnicodeDecodeError as e:
        fail('%s: not whole UTF-8 (a character cut): %s' % (what, e))
    out, cur = [], None
    for line in text.split('\n'):
        if line.startswith('--- screen '):
            cur = (line, [])
            out.append(cur)
        elif cur is not None:
            cur[1].append(line)
    if not out:
        fail('%s: no screens' % what)
    for hd, rows in out:
        if rows and rows[-1] == '':
            rows.pop()
        if len(rows) != h:
            fail('%s, %s: %d rows, not %d' % (what, hd, len(rows), h))
        for r in rows:
            if '\ufffd' in r:
                fail('%s, %s: a replacement character (a cut character):\n%s' % (what, hd, r))
            if cols(r) > w:
                fail('%s, %s: a row is %d columns wide on a %d-column screen:\n%s\n%s'
                     % (what, hd, cols(r), w, r, '\n'.join(rows)))
    return out

def no_english(scs, what, keyline=True):
    """The sentences every walkthrough screen shows are not in English."""
    for hd, rows in scs:
        last = rows[-1]
        if keyline:
            for l in en_labels:
                if re.search(r'(^|\s)' + re.escape(l) + r'(\s|$)', last):
                    fail('%s, %s: the key line shows the English label %r:\n%s'
                         % (what, hd, l, last))
        for t in titles:
            if re.search(r'\b' + re.escape(t) + r' ', rows[0]):
                fail('%s, %s: the stage bar shows the English title %r:\n%s'
                     % (what, hd, t, rows[0]))
        for r in rows:
            for pt in pane_titles:
                if '┌─ ' + pt in r:
                    fail('%s, %s: a pane is titled in English, %r:\n%s' % (what, hd, pt, r))
            if 'view:' in r or '  o next' in r:
                fail('%s, %s: the view strip is in English:\n%s' % (what, hd, r))

def strip_of(rows):
    """(index of the current view, number of views, the strip's text) from a screen, or None."""
    for r in rows:
        i = r.find(lead)
        if i >= 0 and tail in r[i:]:
            body = r[i + len(lead):r.index(tail, i)]
            toks = [t for t in re.split(r'\s{2,}|\s(?=\[)|(?<=\])\s', body.strip()) if t]
            names = [t for t in toks if not t.endswith(('：', ':'))]
            cur = [k for k, t in enumerate(names) if t.startswith('[') and t.endswith(']')]
            if len(cur) != 1:
                fail('the view strip brackets %d views:\n%s' % (len(cur), r))
            names = [t.strip('[]') for t in names]
            for t in names:
                if t not in msgstrs and t in cat and cat[t] != t:
                    fail('the view strip shows the English name %r (the catalogue has %r):\n%s'
                         % (t, cat[t], r))
            return cur[0], len(names), r[i:].split('│')[0].replace('[', ' ').replace(']', ' ').rstrip()
        for cre in compact_res:
            m = cre.search(r)
            if m:
                return int(m.group(1)) - 1, int(m.group(2)), None
    return None

report = []
for size in ('80x24', '200x50'):
    w, h = map(int, size.split('x'))
    f = lambda n: os.path.join(scratch, '%s-%s' % (n, size))
    # the stages and their views
    scs = screens(f('walk'), w, h, 'the walkthrough at ' + size)
    no_english(scs, 'the walkthrough at ' + size)
    widest = max(cols(r) for _, rows in scs for r in rows)
    segs = {}
    for hd, rows in scs:
        k = hd.split(' after ', 1)[1]
        if k in '12345' and len(k) == 1:
            segs[int(k)] = []
            cur = segs[int(k)]
        if hd.endswith(' after start'):
            continue
        cur.append(rows)
    for k in range(1, 6):
        seg = segs.get(k)
        what = 'stage %d at %s' % (k, size)
        if not seg:
            fail('%s: no screens' % what)
        if '[%d %s' % (k, zh_titles[k - 1]) not in seg[0][0]:
            fail('%s: the stage bar does not bracket "[%d %s":\n%s'
                 % (what, k, zh_titles[k - 1], seg[0][0]))
        lt = lesson_title(stage_names[k - 1])
        if not any(lt in r for r in seg[0]):
            fail('%s: the lesson pane does not show the Chinese title %r:\n%s'
                 % (what, lt, '\n'.join(seg[0])))
        s0 = strip_of(seg[0])
        if s0 is None:
            fail('%s: no view strip:\n%s' % (what, '\n'.join(seg[0])))
        n = s0[1]
        if len(seg) <= n:
            fail('%s: %d views, more than the test steps through' % (what, n))
        for j, rows in enumerate(seg):
            s = strip_of(rows)
            if s is None or s[0] != j % n or s[1] != n:
                fail('%s: after o pressed %d times the strip is not at view %d of %d:\n%s'
                     % (what, j, j % n + 1, n, '\n'.join(rows)))
            if s[2] is not None and s0[2] is not None and s[2] != s0[2]:
                fail('%s: the strip names other views after o pressed %d times:\n%s\n%s'
                     % (what, j, s0[2], s[2]))
        report.append('stage %d at %s: %d views' % (k, size, n))
    # the help, paged through: every group's title in Chinese
    scs = screens(f('help'), w, h, 'the help at ' + size)
    no_english(scs, 'the help at ' + size)
    for g in groups:
        zg = tr(g, 'a help group title')
        if not any(re.search('│ ' + re.escape(zg) + ' {2,}│', r) for _, rows in scs for r in rows):
            fail('the help at %s never shows the group title %r' % (size, zg))
        if any(re.search('│ ' + re.escape(g) + ' {2,}│', r) for _, rows in scs for r in rows):
            fail('the help at %s shows the English group title %r' % (size, g))
    # the lesson list, a lesson opened and scrolled
    scs = screens(f('list'), w, h, 'the lesson list at ' + size)
    no_english(scs, 'the lesson list at ' + size)
    for i in (1, 3, 4):
        if not any(t in r for t in all_titles for r in scs[i][1]):
            fail('the lesson list at %s, %s: no Chinese lesson title' % (size, scs[i][0]))
    if scs[3][1] == scs[4][1] and scs[4][1] == scs[5][1]:
        fail('the lesson opened at %s does not scroll' % size)
    # the lesson pane zoomed and scrolled
    scs = screens(f('zoom'), w, h, 'the zoomed lesson at ' + size)
    no_english(scs, 'the zoomed lesson at ' + size)
    lt = lesson_title('preprocess')
    if lt not in scs[2][1][1]:
        fail('the zoomed lesson at %s: its title %r is not on the top row:\n%s'
             % (size, lt, '\n'.join(scs[2][1])))
    if scs[2][1] == scs[3][1]:
        fail('the zoomed lesson at %s does not scroll' % size)
    # the terms chooser and a definition
    scs = screens(f('terms'), w, h, 'the terms at ' + size)
    no_english(scs, 'the terms at ' + size, keyline=True)
    intro = tr(' The terms that "%1$s" uses. %2$s shows the chosen one\'s definition.', 'terms')
    intro = intro.split('%1$s')[0] + lt
    if not any(intro in r for r in scs[1][1]):
        fail('the terms chooser at %s does not say %r:\n%s' % (size, intro, '\n'.join(scs[1][1])))
    if not any('┌─ ' + tr('Terms', 'terms') + ' ' in r for r in scs[1][1]):
        fail('the terms chooser at %s is not titled in Chinese' % size)
    # a question asked and answered
    scs = screens(f('ask'), w, h, 'the question at ' + size)
    no_english(scs, 'the question at ' + size)
    pt = tr('Predict, then look', 'the question')
    if not any('┌─ ' + pt + ' ' in r for r in scs[2][1]):
        fail('the question at %s is not titled %r:\n%s' % (size, pt, '\n'.join(scs[2][1])))
    # an exercise's walkthrough and its hints
    scs = screens(f('exercise'), w, h, 'the exercise at ' + size)
    no_english(scs, 'the exercise at ' + size)
    # (its number is the catalogue's order: any number)
    et = re.escape(tr('Exercise %1$d: %2$s', 'the exercise pane')).replace(
        re.escape('%1$d'), r'\d+').replace(re.escape('%2$s'), 'include-guard')
    hint = tr('H for a hint (%1$zu of %2$zu given)', 'the exercise pane')
    hint_re = re.escape(hint).replace(re.escape('%2$zu'), r'\d+')
    said = tr('**Hint %1$zu.** %2$s', 'the exercise pane').replace('**', '').split('%2$s')[0]
    for i in (1, 2):
        rows = scs[i][1]
        if not any(re.search(et, r) for r in rows):
            fail('the exercise at %s is not titled %r:\n%s' % (size, et, '\n'.join(rows)))
        if not any(re.search(hint_re.replace(re.escape('%1$zu'), str(i)), r) for r in rows):
            fail('the exercise at %s, hint %d: no line %r:\n%s' % (size, i, hint, '\n'.join(rows)))
        if not any(said.replace('%1$zu', str(i)).strip() in r for r in rows):
            fail('the exercise at %s does not show hint %d:\n%s' % (size, i, '\n'.join(rows)))
    # the demo: the stage's Chinese name under the banner; an exercise's card
    scs = screens(f('demo'), w, h, 'the demo at ' + size)
    if not any(r.strip() == zh_titles[0] for r in scs[0][1]):
        fail('the demo at %s: no %r under the banner' % (size, zh_titles[0]))
    scs = screens(f('card'), w, h, 'the exercise card at ' + size)
    card = tr('Exercise %d', 'the demo card').replace('%d', '1')
    if not any(r.strip() == card for r in scs[0][1]):
        fail('the exercise card at %s: no %r under the banner' % (size, card))
    report.append('%s: widest row of the walkthrough %d columns' % (size, widest))
print('\n'.join(report))
EOF
exit 0
