#!/bin/sh
# zh_lang.sh: the language follows the locale and --lang. Under LANG=zh_CN.UTF-8, --stage,
# --topic, --list, --define, --exercises and --help speak Chinese: the lessons' and the
# glossary's zh_CN twins (lessons/zh_CN/), the exercises' (exercise.zh_CN.md), and the
# catalogue's sentences (gettext(1) with the build tree's catalogue is the oracle); zh_SG
# gives the same Chinese, zh_TW and zh_HK English, --lang en English under zh_CN, --lang zh_CN
# Chinese under C. --json is the same document under zh_CN as under C (once times, addresses
# and gcc's temporary names are set aside), and the report, in Chinese, renders with pandoc.
# Skipped (77) when the zh_CN.UTF-8 locale is not generated (./setup.sh check generates it).
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd gettext
need_cmd pandoc
loc=$(locale -a 2>/dev/null | grep -i -m 1 -E '^zh_CN\.utf-?8$') ||
	skip "the zh_CN.UTF-8 locale is not generated (./setup.sh check, or localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
flatten=${top_builddir:-.}/tests/jsonflat
[ -x "$flatten" ] || hard_error "$flatten is not built (make check builds it)"
data=${CSTAGES_DATADIR:-$top_srcdir}
catalogue=$(abs_path "${top_builddir:-.}/po/locale")
[ -f "$catalogue/zh_CN/LC_MESSAGES/cstages.mo" ] || fail "make built no $catalogue/zh_CN/LC_MESSAGES/cstages.mo"
scratch=$(make_scratch zh-lang)
trap 'rm -rf "$scratch"' EXIT
unset LC_ALL LC_MESSAGES LANGUAGE CSTAGES_LANG
export NO_COLOR=1

# The catalogue's translation of a message (the oracle for the program's sentences).
tr_zh() {
	LC_ALL=$loc LANGUAGE=zh_CN TEXTDOMAINDIR=$catalogue gettext -d cstages "$1"
}
# True when file $1 holds a CJK ideograph.
has_cjk() {
	LC_ALL=$loc grep -q '[一-龥]' "$1"
}
# The title of a lesson file (its first "# " line, without it).
title_of() {
	sed -n '1s/^# //p' "$1"
}
# run NAME ENV... -- ARGS...: lesson's standard output into $scratch/NAME
run() {
	name=$1
	shift
	envs=
	while [ "$1" != -- ]; do
		envs="$envs $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	env $envs "$LESSON" "$@" >"$scratch/$name" 2>"$scratch/$name.err" ||
		fail "lesson $* under$envs exited $?: $(head -n 3 "$scratch/$name.err")"
}

# Chinese from the catalogue: the first line of --help and the key word of --list.
usage_zh=$(tr_zh "Usage: lesson [OPTION]... [FILE.c [MORE.c]...] [-- LINK-ARGUMENT...]
Walk a C program through gcc's four stages (preprocess, compile, assemble, link)
and its run with the real toolchain, and explain each stage.
" | head -n 1)
case $usage_zh in Usage:*) fail "the catalogue has no translation of --help's first message" ;; esac
usage_en="Usage: lesson [OPTION]... [FILE.c [MORE.c]...] [-- LINK-ARGUMENT...]"
# help_is LANGUAGE ENV... [-- OPTIONS...]: --help's first line is in that language
help_is() {
	want=$1
	shift
	envs=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs="$envs $1"
		shift
	done
	[ $# -gt 0 ] && shift
	# shellcheck disable=SC2086
	got=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG -u CSTAGES_LANG $envs "$LESSON" "$@" --help | head -n 1)
	case $want in
	zh) [ "$got" = "$usage_zh" ] || fail "--help $* under$envs is not Chinese: $got" ;;
	en) [ "$got" = "$usage_en" ] || fail "--help $* under$envs is not English: $got" ;;
	esac
}
help_is zh LANG=$loc
help_is zh LANG=zh_SG.UTF-8
help_is zh LANG=zh_SG
help_is en LANG=zh_TW.UTF-8
help_is en LANG=zh_HK.UTF-8
help_is en LANG=C
help_is en
help_is zh LANG=C LC_MESSAGES=$loc
help_is en LANG=$loc LC_ALL=C
help_is zh LANG=C.UTF-8 LANGUAGE=zh_CN
help_is en LANG=C LANGUAGE=zh_CN
help_is zh LANG=C.UTF-8 LANGUAGE=fr:zh_SG:en
help_is en LANG=$loc LANGUAGE=en:zh_CN
help_is en LANG=$loc -- --lang=en
help_is zh LANG=C -- --lang=zh_CN
help_is zh LANG=zh_TW.UTF-8 -- --lang zh_CN
help_is en LANG=$loc CSTAGES_LANG=en

# --stage compile: the zh_CN twin under zh_CN and zh_SG (the same bytes), the English under
# C, zh_TW, zh_HK and --lang en; the twin under C with --lang zh_CN.
zh_lesson=$data/lessons/zh_CN/compile.md
[ -f "$zh_lesson" ] || fail "no lessons/zh_CN/compile.md to show"
zh_title=$(title_of "$zh_lesson")
en_title=$(title_of "$data/lessons/compile.md")
run stage.zh LANG=$loc -- --stage compile
grep -qF -- "$zh_title" "$scratch/stage.zh" || fail "--stage compile under $loc does not show the title '$zh_title'"
has_cjk "$scratch/stage.zh" || fail "--stage compile under $loc shows no Chinese"
run stage.c LANG=C -- --stage compile
grep -qF -- "$en_title" "$scratch/stage.c" || fail "--stage compile under C does not show '$en_title'"
! has_cjk "$scratch/stage.c" || fail "--stage compile under C shows Chinese"
run stage.sg LANG=zh_SG.UTF-8 -- --stage compile
cmp -s "$scratch/stage.zh" "$scratch/stage.sg" || fail "--stage compile under zh_SG.UTF-8 differs from zh_CN's: $(diff "$scratch/stage.zh" "$scratch/stage.sg" | head -n 4)"
for l in zh_TW.UTF-8 zh_HK.UTF-8; do
	run stage.tw LANG=$l -- --stage compile
	grep -qF -- "$en_title" "$scratch/stage.tw" || fail "--stage compile under $l is not the English lesson"
	! has_cjk "$scratch/stage.tw" || fail "--stage compile under $l shows Chinese"
done
run stage.en LANG=$loc -- --lang en --stage compile
grep -qF -- "$en_title" "$scratch/stage.en" || fail "--lang en under $loc is not the English lesson"
! has_cjk "$scratch/stage.en" || fail "--lang en under $loc shows Chinese"
run stage.cz LANG=C -- --stage compile --lang=zh_CN
cmp -s "$scratch/stage.zh" "$scratch/stage.cz" || fail "--lang zh_CN under C differs from the lesson under $loc: $(diff "$scratch/stage.zh" "$scratch/stage.cz" | head -n 4)"
run stage.lang LANG=en_US.UTF-8 LANGUAGE=zh_CN:en -- --stage compile
cmp -s "$scratch/stage.zh" "$scratch/stage.lang" || fail "LANGUAGE=zh_CN does not give the Chinese lesson"

# --topic: the first topic --list names, in its twin.
topic=$("$LESSON" --lang en --list | awk '$2 == "topic" { print $3; exit }')
[ -n "$topic" ] || hard_error "lesson --list names no topic"
[ -f "$data/lessons/zh_CN/$topic.md" ] || fail "no lessons/zh_CN/$topic.md to show"
run topic.zh LANG=$loc -- --topic "$topic"
grep -qF -- "$(title_of "$data/lessons/zh_CN/$topic.md")" "$scratch/topic.zh" ||
	fail "--topic $topic under $loc does not show its twin's title"

# --list: the catalogue's words for stage and topic, and Chinese summaries.
run list.zh LANG=$loc -- --list
for w in stage topic; do
	t=$(tr_zh "$w")
	[ "$t" != "$w" ] || fail "the catalogue does not translate '$w'"
	grep -qF -- " $t " "$scratch/list.zh" || fail "--list under $loc does not say '$t' for '$w'"
done
awk '$3 == "compile"' "$scratch/list.zh" >"$scratch/list.compile"
has_cjk "$scratch/list.compile" || fail "--list under $loc: compile's line has no Chinese: $(cat "$scratch/list.compile")"

# --define: the Chinese glossary; its terms still found by their English names.
[ -f "$data/lessons/zh_CN/glossary.md" ] || fail "no lessons/zh_CN/glossary.md"
run define.zh LANG=$loc -- --define relocation
has_cjk "$scratch/define.zh" || fail "--define relocation under $loc is not Chinese"
run define.c LANG=C -- --define relocation
! has_cjk "$scratch/define.c" || fail "--define relocation under C is Chinese"

# --exercises: the summaries of exercise.zh_CN.md.
run ex.zh LANG=$loc -- --exercises
for zh in "$data"/lessons/exercises/*/exercise.zh_CN.md; do
	[ -f "$zh" ] || fail "no exercise has an exercise.zh_CN.md"
	s=$(sed -n 's/^summary: *//p' "$zh" | head -n 1)
	grep -qF -- "$s" "$scratch/ex.zh" || fail "--exercises under $loc does not show '$s' (${zh#"$data"/})"
done

# --json: the same document under zh_CN as under C, keys and English text, once what changes
# from one walk to the next is set aside (times, addresses, sizes in memory, gcc's temporary
# names; every number, as the loader's statistics, "(.5%)" among them, change from run to
# run); both walks in a directory of the same name, so that -g's paths are alike. The tools
# run in C.UTF-8 when the learner's locale is UTF-8 (stages/proc.c), where they quote with
# ‘ ’ rather than ' ': their own words, not a translation.
hello=$(abs_path "$top_srcdir/samples/hello.c")
json_walk() { # NAME ENV...
	name=$1
	shift
	rm -rf "$scratch/walk"
	env "$@" "$LESSON" --keep="$scratch/walk" --json "$hello" >"$scratch/$name.json" 2>"$scratch/$name.err" ||
		fail "lesson --json under $* exited $?: $(head -n 3 "$scratch/$name.err")"
	"$flatten" "$scratch/$name.json" >"$scratch/$name.flat" || fail "--json under $* is not JSON"
	grep -v -E '(_ms|_kb|\.rss|\.pss)	' "$scratch/$name.flat" |
		sed -E 's/cc[A-Za-z0-9]{6}\.o/ccTEMP.o/g; s/0x[0-9a-f]+/N/g; s/\b[0-9a-f]{6,}\b/N/g; s/\.?[0-9]+(\.[0-9]+)?/N/g
			s/\\uN|\\u2018|\\u2019/'"'"'/g' \
		>"$scratch/$name.norm"
}
json_walk json.c LANG=C
json_walk json.zh LANG=$loc
cmp -s "$scratch/json.c.norm" "$scratch/json.zh.norm" ||
	fail "--json under $loc differs from C: $(diff "$scratch/json.c.norm" "$scratch/json.zh.norm" | head -n 6)"
! has_cjk "$scratch/json.zh.json" || fail "--json under $loc holds Chinese"

# --lang en under zh_CN: a report without a Chinese character, also from lesson's children
# (the libclang parse words its facts in a child of the walk).
run report.en LANG=$loc -- --lang en --report "$hello"
! has_cjk "$scratch/report.en" || fail "the report with --lang en under $loc holds Chinese: $(LC_ALL=$loc grep -m 2 '[一-龥]' "$scratch/report.en")"

# The report in Chinese, rendered with pandoc.
run report.zh LANG=$loc -- --report "$hello"
has_cjk "$scratch/report.zh" || fail "the report under $loc holds no Chinese"
# the Compile section opens with the summary of the compile lesson's twin
awk '/^## 2\. / { on = 1; next } on && /^> ./ { print; exit }' "$scratch/report.zh" >"$scratch/summary.zh"
has_cjk "$scratch/summary.zh" || fail "the report's Compile section under $loc does not open with the Chinese lesson's summary: $(cat "$scratch/summary.zh")"
pandoc -f gfm -t html -o "$scratch/report.html" "$scratch/report.zh" 2>"$scratch/pandoc.err" ||
	fail "pandoc cannot render the report under $loc: $(head -n 3 "$scratch/pandoc.err")"
start=$(LC_ALL=$loc sed -E -n 's/^> (.{8}).*/\1/p' "$scratch/summary.zh")
[ -n "$start" ] || fail "the report's Chinese summary is shorter than 8 characters"
grep -qF -- "$start" "$scratch/report.html" || fail "pandoc's HTML lacks the Chinese summary ('$start')"
echo "zh_CN, zh_SG, LANGUAGE and --lang zh_CN: Chinese; C, zh_TW, zh_HK and --lang en: English; --json alike"
