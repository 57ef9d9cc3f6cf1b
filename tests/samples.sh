#!/bin/bash
# samples.sh: every sample builds, or fails, the way its lessons say, both in the walkthrough
# (`lesson --report`) and when gcc itself is run by hand (the oracle). The multi-file sample
# is also built as the lesson "libraries" teaches, and the Go samples as their comments say.
#
# The facts come from the samples: each C sample's opening comment holds lines of the form
#
#     * expect: [with ARGS:] FACT
#
# one fact a line, where ARGS (split at blanks) go after `--` to every link, as in
# `lesson --report libm.c -- -lm`, and FACT is one of
#
#     compile fails: TEXT       gcc -E works; the compile stage fails and gcc says TEXT;
#                               no later stage runs
#     assembles                 preprocess, compile and assemble all work
#     links [(V)]               the link succeeds
#     link fails [(V)]: TEXT    the object is made, the link fails and ld says TEXT
#     quiet [(V)]               the link succeeds and prints nothing on standard error
#     warns [(V)]: NAME...      the link succeeds with a "warning:" line naming each NAME
#     runs [(V)][: TEXT]        the program exits 0, with TEXT in its output if given
#     elf [(V)]: TYPE[, [no] interp]
#                               the program's ELF type is TYPE (EXEC, DYN) and it has, or
#                               has not, an INTERP program header
#     needs [(V)]: LIB...       its dynamic section has a NEEDED entry for each LIB
#
# (V) names link variants, as the walkthrough's link table heads them, separated by commas:
# (dynamic, static, static-pie, musl). Without it, or with (all), a fact is about every
# variant in the table. TEXT is matched as a fixed string after both sides drop their quote
# characters (` ' ‘ ’) and squeeze runs of blanks, because gcc quotes differently from one
# locale to another. A variant whose compiler is missing (musl-gcc) is left out, with a note.
#
# A program is run with standard input from /dev/null and no arguments, as the walkthrough
# runs it; `timeout` is there only so that a hung sample cannot hang `make check`.
. "${top_srcdir:-.}/tests/lib.sh"

need_lesson
need_cmd gcc
need_cmd readelf

src=$(cd "${top_srcdir:-.}" && pwd -P) || hard_error "no top_srcdir"
scratch=$(make_scratch samples)
trap 'rm -rf "$scratch"' EXIT

nbad=0
bad() {
	echo "FAIL: $*" >&2
	nbad=$((nbad + 1))
}
ok() {
	echo "ok: $*"
}
note() {
	echo "note: $*"
}

have_musl=0
command -v musl-gcc >/dev/null 2>&1 && have_musl=1
[ $have_musl = 1 ] || note "musl-gcc not installed (package musl-tools): the musl variant is not checked"

# Quotes out, blanks squeezed: gcc says ‘main’ in a UTF-8 locale and 'main' in C.
norm() {
	# shellcheck disable=SC1112 # the curly quotes are what gcc prints
	sed -e "s/[\`']//g" -e 's/‘//g' -e 's/’//g' -e 's/[[:space:]][[:space:]]*/ /g'
}

# Does FILE hold TEXT, once both are normalised?
holds() {
	[ -f "$1" ] || return 1
	norm <"$1" | grep -qF -- "$(printf '%s\n' "$2" | norm)"
}

# --- The report ----------------------------------------------------------------------------

# The link variants, in the order of the table's columns.
rep_variants() {
	sed -n 's/^| | \(.*\) |[[:space:]]*$/\1/p' "$1" | head -n 1 | sed 's/ | / /g'
}

# The cell of the link table in row ROW, column VARIANT.
rep_cell() {
	awk -F'|' -v row="$2" -v v="$3" '
		function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
		/^\| \| / && !col { for (i = 3; i <= NF; i++) if (trim($i) == v) col = i; next }
		col && trim($2) == row { print trim($col); exit }
	' "$1"
}

# The text of section "### The VARIANT link", or of stage section "## N. ...".
rep_link_section() {
	awk -v h="### The $2 link" '$0 == h { on = 1; next } on && /^##/ { exit } on' "$1"
}
rep_stage_section() {
	awk -v n="$2" 'index($0, "## " n ". ") == 1 { on = 1; next } on && /^## / { exit } on' "$1"
}

# The fenced block that follows the first line containing MARKER (on standard input).
block_after() {
	awk -v m="$1" '
		!found { if (index($0, m)) found = 1; next }
		fence == "" {
			if ($0 ~ /^```/) { fence = $0; sub(/[^`].*$/, "", fence); next }
			if ($0 != "") exit
			next
		}
		$0 == fence { exit }
		{ print }
	'
}

# "- Result: exit 0, in 12.3 ms" -> "exit 0"
result_of() {
	sed -n 's/^- Result: \(.*\), in [0-9.]* ms$/\1/p' | head -n 1
}

# --- The oracle: gcc run by hand ------------------------------------------------------------

# The file each variant writes, as the walkthrough names it.
exe_name() {
	case $2 in
	dynamic) echo "$1" ;;
	*) echo "$1-$2" ;;
	esac
}

# Build SRC in DIR stage by stage, then link and run every variant; each step leaves
# STEP.rc and STEP.err (and VARIANT.out, VARIANT.run.rc for the programs).
oracle_build() {
	o_src=$1 o_dir=$2
	shift 2
	o_base=$(basename "$o_src" .c)
	(
		cd "$o_dir" || exit 1
		gcc -E "$o_src" -o "$o_base.i" 2>E.err
		echo $? >E.rc
		[ "$(cat E.rc)" = 0 ] || exit 0
		gcc -S "$o_base.i" -o "$o_base.s" 2>S.err
		echo $? >S.rc
		[ "$(cat S.rc)" = 0 ] || exit 0
		gcc -c "$o_base.s" -o "$o_base.o" 2>c.err
		echo $? >c.rc
		[ "$(cat c.rc)" = 0 ] || exit 0
		for v in dynamic static static-pie musl; do
			exe=$(exe_name "$o_base" "$v")
			case $v in
			dynamic) gcc "$o_base.o" -o "$exe" "$@" ;;
			static) gcc -static "$o_base.o" -o "$exe" "$@" ;;
			static-pie) gcc -static-pie "$o_base.o" -o "$exe" "$@" ;;
			musl)
				[ $have_musl = 1 ] || continue
				musl-gcc -static "$o_src" -o "$exe" "$@" ;;
			esac 2>"$v.err"
			echo $? >"$v.rc"
			[ "$(cat "$v.rc")" = 0 ] || continue
			# A program killed by a signal is a result here, not news for the log.
			(
				timeout 120 "./$exe" </dev/null >"$v.out" 2>"$v.runerr"
				echo $? >"$v.run.rc"
			) 2>/dev/null
		done
	) || hard_error "cannot build in $o_dir"
}

orc() { # DIR STEP: the step's exit status, or "none" when it did not run
	if [ -f "$1/$2.rc" ]; then cat "$1/$2.rc"; else echo none; fi
}

# --- The facts ------------------------------------------------------------------------------

# check_fact HEAD TEXT WHAT: one fact (HEAD before its colon, TEXT after) about the sample
# whose report is $rep, whose hand-made files are in $odir and named after $base.
check_fact() {
	local head=$1 text=$2 what=$3 verb vlist variants v cell f exe name lib type interp n s
	verb=${head%%(*}
	verb=${verb% }
	vlist=
	case $head in
	*\(*\)*) vlist=${head#*(}; vlist=${vlist%%)*} ;;
	esac
	vlist=$(echo "$vlist" | tr ',' ' ')
	case " $vlist " in
	"  " | " all ") variants=$(rep_variants "$rep") ;;
	*) variants=$vlist ;;
	esac
	[ -n "$variants" ] || { bad "$what: the report has no link table"; return; }

	case $verb in
	"compile fails")
		[ "$(rep_stage_section "$rep" 1 | result_of)" = "exit 0" ] ||
			bad "$what: the report's preprocess stage did not succeed"
		[ "$(orc "$odir" E)" = 0 ] || bad "$what: gcc -E failed by hand: $(cat "$odir/E.err")"
		rep_stage_section "$rep" 2 >"$scratch/sect"
		case $(result_of <"$scratch/sect") in
		"" | "exit 0") bad "$what: the report's compile stage did not fail" ;;
		esac
		block_after "What it printed on standard error:" <"$scratch/sect" >"$scratch/msg"
		holds "$scratch/msg" "$text" || bad "$what: the report's compile messages lack it:
$(cat "$scratch/msg")"
		case $(orc "$odir" S) in
		0 | none) bad "$what: gcc -S by hand did not fail" ;;
		esac
		holds "$odir/S.err" "$text" || bad "$what: gcc -S by hand did not say it:
$(cat "$odir/S.err" 2>/dev/null)"
		rep_stage_section "$rep" 3 | grep -q '^Not reached' ||
			bad "$what: the report's assemble stage is not marked as not reached"
		for v in $(rep_variants "$rep"); do
			[ "$(rep_cell "$rep" result "$v")" = "not reached" ] ||
				bad "$what: the $v link is not marked as not reached"
		done
		return
		;;
	assembles)
		for n in 1 2 3; do
			[ "$(rep_stage_section "$rep" $n | result_of)" = "exit 0" ] ||
				bad "$what: stage $n of the report did not succeed"
		done
		for s in E S c; do
			[ "$(orc "$odir" $s)" = 0 ] || bad "$what: step $s failed by hand: $(cat "$odir/$s.err" 2>/dev/null)"
		done
		return
		;;
	links | "link fails" | quiet | warns | runs | elf | needs) ;;
	*)
		bad "$what: unknown fact '$verb' (see the grammar at the top of tests/samples.sh)"
		return
		;;
	esac

	for v in $variants; do
		case $v in
		dynamic | static | static-pie) ;;
		musl) [ $have_musl = 1 ] || continue ;;
		*)
			bad "$what: no oracle for the variant '$v'; teach tests/samples.sh how to link it"
			continue
			;;
		esac
		echo " $(rep_variants "$rep") " | grep -q " $v " ||
			{ bad "$what: the report has no $v link"; continue; }
		cell=$(rep_cell "$rep" result "$v")
		rep_link_section "$rep" "$v" >"$scratch/sect"
		block_after "What it printed on standard error:" <"$scratch/sect" >"$scratch/linkmsg"
		f=$odir/$v

		if [ "$verb" = "link fails" ]; then
			case $cell in
			"exit 0" | "not reached" | "") bad "$what ($v): the report's link result is '$cell'" ;;
			esac
			holds "$scratch/linkmsg" "$text" || bad "$what ($v): the report's link messages lack it:
$(cat "$scratch/linkmsg")"
			[ "$(orc "$odir" c)" = 0 ] || bad "$what ($v): gcc -c failed by hand"
			case $(orc "$odir" "$v") in
			0 | none) bad "$what ($v): the link by hand did not fail" ;;
			esac
			holds "$f.err" "$text" || bad "$what ($v): the link by hand did not say it:
$(cat "$f.err" 2>/dev/null)"
			continue
		fi

		# Every other fact is about a link that worked.
		[ "$cell" = "exit 0" ] || { bad "$what ($v): the report's link result is '$cell'"; continue; }
		[ "$(orc "$odir" "$v")" = 0 ] ||
			{ bad "$what ($v): the link by hand failed: $(cat "$f.err" 2>/dev/null)"; continue; }
		exe=$odir/$(exe_name "$base" "$v")

		case $verb in
		quiet)
			[ ! -s "$scratch/linkmsg" ] || bad "$what ($v): the report shows link messages:
$(cat "$scratch/linkmsg")"
			[ ! -s "$f.err" ] || bad "$what ($v): the link by hand printed: $(cat "$f.err")"
			;;
		warns)
			for name in $text; do
				grep 'warning:' "$scratch/linkmsg" | norm | grep -qw -- "$name" ||
					bad "$what ($v): no warning about $name in the report:
$(cat "$scratch/linkmsg")"
				grep 'warning:' "$f.err" | norm | grep -qw -- "$name" ||
					bad "$what ($v): no warning about $name from the link by hand:
$(cat "$f.err")"
			done
			;;
		runs)
			cell=$(rep_cell "$rep" "program ended" "$v")
			[ "$cell" = "exit 0" ] || bad "$what ($v): in the report the program ended with '$cell'"
			[ "$(orc "$odir" "$v.run")" = 0 ] ||
				bad "$what ($v): run by hand, the program ended with status $(orc "$odir" "$v.run")"
			if [ -n "$text" ]; then
				block_after "It printed:" <"$scratch/sect" >"$scratch/out"
				holds "$scratch/out" "$text" || bad "$what ($v): the report's program output lacks it:
$(cat "$scratch/out")"
				holds "$f.out" "$text" || bad "$what ($v): run by hand, the program did not print it:
$(cat "$f.out")"
			fi
			;;
		elf)
			type=${text%%,*}
			type=${type// /}
			interp=
			case $text in
			*", no interp"*) interp=no ;;
			*", interp"*) interp=yes ;;
			esac
			case $(rep_cell "$rep" "ELF type" "$v") in
			*"($type)"*) ;;
			*) bad "$what ($v): the report says ELF type '$(rep_cell "$rep" "ELF type" "$v")'" ;;
			esac
			readelf -hW "$exe" | grep -q "^ *Type: *$type " ||
				bad "$what ($v): readelf -h says $(readelf -hW "$exe" | grep 'Type:')"
			cell=$(rep_cell "$rep" interpreter "$v")
			if [ "$interp" = yes ]; then
				case $cell in none | "—" | "") bad "$what ($v): the report names no interpreter" ;; esac
				readelf -lW "$exe" | grep -q ' INTERP ' || bad "$what ($v): readelf -l shows no INTERP"
			elif [ "$interp" = no ]; then
				[ "$cell" = none ] || bad "$what ($v): the report names an interpreter: $cell"
				if readelf -lW "$exe" | grep -q ' INTERP '; then
					bad "$what ($v): readelf -l shows an INTERP header"
				fi
			fi
			;;
		needs)
			cell=$(rep_cell "$rep" NEEDED "$v")
			for lib in $text; do
				echo ", $cell, " | grep -qF ", $lib, " ||
					bad "$what ($v): the report's NEEDED is '$cell', without $lib"
				readelf -dW "$exe" | grep -F '(NEEDED)' | grep -qF "[$lib]" ||
					bad "$what ($v): readelf -d shows no NEEDED $lib"
			done
			;;
		esac
	done
}

# The lines of the first code block after the heading "## Try it" of a lesson.
try_block() {
	awk '/^## Try it/ { on = 1; next } on && /^```/ { if (inb) exit; inb = 1; next } inb' "$1"
}

# Run LINES (a file) one by one, as a learner would type them, from DIR; line N leaves
# its status, output and messages in OUT/N.rc, N.out and N.err. `lesson` is the one
# under test.
run_lines() {
	r_lines=$1 r_dir=$2 r_out=$3
	mkdir -p "$r_out"
	{
		echo 'lesson() { "$LESSON" "$@"; }'
		echo "cd '$r_dir' || exit 99"
		n=0
		while IFS= read -r line; do
			n=$((n + 1))
			printf '{ %s\n} </dev/null >%s/%d.out 2>%s/%d.err; echo $? >%s/%d.rc\n' \
				"$line" "$r_out" $n "$r_out" $n "$r_out" $n
		done <"$r_lines"
	} >"$r_out/script.sh"
	LESSON=$LESSON CSTAGES_DATADIR=${CSTAGES_DATADIR:-$src} bash "$r_out/script.sh" ||
		hard_error "could not run the lines of $r_lines"
}

# --- The builds, side by side ----------------------------------------------------------------

# Every report and every build by hand (the C samples' oracle, the Go samples' build lines) is
# independent of the others: they all start here, in the background, and are checked below
# in order. A build that could not run at all leaves NAME.broken, for the check to stop on.
bg_pids=

# The Go samples' build lines, one sample after another in its own background job.
if command -v go >/dev/null 2>&1; then
	g=$scratch/go
	mkdir -p "$g/src" "$g/tmp" "$g/cache" "$g/path"
	cp "$src"/samples/go/*.go "$g/src/"
	for gs in "$src"/samples/go/*.go; do
		gname=$(basename "$gs")
		sed -n 's|^//\t\(\([A-Z_]*=[^ ]* \)*go .*\)$|\1|p' "$gs" >"$scratch/$gname.all"
		[ -s "$scratch/$gname.all" ] || continue
		sed 's/   *[^ ].*$//' "$scratch/$gname.all" >"$scratch/$gname.lines"
		(
			export GOCACHE=$g/cache GOPATH=$g/path GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local
			export TMPDIR=$g/tmp
			run_lines "$scratch/$gname.lines" "$g/src" "$scratch/$gname.run"
		) || : >"$scratch/$gname.broken" &
		bg_pids="$bg_pids $!"
	done
fi

# --- The C samples --------------------------------------------------------------------------

# The expect lines of a sample's opening comment, without the leading " * expect: ".
expect_lines() {
	sed -n 's/^ \* expect: *//p' "$1"
}

# The distinct argument lists of each C sample, one report and one oracle build each, all
# started at once.
for sample in "$src"/samples/*.c "$src"/samples/*/*.c; do
	[ -f "$sample" ] || continue
	key=$(echo "${sample#"$src/samples/"}" | sed 's/\.c$//; s|/|_|g')
	expect_lines "$sample" >"$scratch/facts.$key"
	[ -s "$scratch/facts.$key" ] || continue
	base=$(basename "$sample" .c)
	sed -n 's/^with \([^:]*\):.*/\1/p' "$scratch/facts.$key" | sort -u >"$scratch/argsets.$key"
	grep -q -v '^with ' "$scratch/facts.$key" && echo >>"$scratch/argsets.$key"
	k=0
	while IFS= read -r args; do
		k=$((k + 1))
		odir=$scratch/oracle/$key.$k
		rep=$scratch/report/$key.$k.md
		mkdir -p "$odir" "$scratch/report"
		(
			# shellcheck disable=SC2086 # ARGS are words, split at blanks on purpose
			if [ -n "$args" ]; then
				"$LESSON" --report "$sample" -- $args >"$rep" 2>"$rep.err"
			else
				"$LESSON" --report "$sample" >"$rep" 2>"$rep.err"
			fi
			echo $? >"$rep.rc"
		) &
		bg_pids="$bg_pids $!"
		# shellcheck disable=SC2086
		(oracle_build "$sample" "$odir" $args) || : >"$odir.broken" &
		bg_pids="$bg_pids $!"
	done <"$scratch/argsets.$key"
done
# shellcheck disable=SC2086 # the process IDs, one word each
wait $bg_pids

nsamples=0
for sample in "$src"/samples/*.c "$src"/samples/*/*.c; do
	[ -f "$sample" ] || continue
	name=${sample#"$src/samples/"}
	key=$(echo "$name" | sed 's/\.c$//; s|/|_|g')
	cp "$scratch/facts.$key" "$scratch/facts"
	if [ ! -s "$scratch/facts" ]; then
		note "$name has no expect lines: not checked"
		continue
	fi
	nsamples=$((nsamples + 1))
	base=$(basename "$sample" .c)

	k=0
	while IFS= read -r args; do
		k=$((k + 1))
		odir=$scratch/oracle/$key.$k
		rep=$scratch/report/$key.$k.md
		[ ! -e "$odir.broken" ] || hard_error "cannot build in $odir"
		rc=$(cat "$rep.rc")
		if [ "$rc" != 0 ]; then
			bad "$name${args:+ -- $args}: lesson --report exited $rc: $(cat "$rep.err")"
			continue
		fi
		while IFS= read -r fact; do
			case $fact in
			"with $args:"*) [ -n "$args" ] || continue; fact=${fact#"with $args:"} ;;
			with\ *) continue ;;
			*) [ -z "$args" ] || continue ;;
			esac
			fact=$(echo "$fact" | sed 's/^ *//')
			case $fact in
			*:*) fhead=${fact%%:*} ftext=${fact#*:} ;;
			*) fhead=$fact ftext= ;;
			esac
			ftext=$(echo "$ftext" | sed 's/^ *//; s/ *$//')
			before=$nbad
			check_fact "$fhead" "$ftext" "$name${args:+ -- $args}: $fact"
			[ $nbad != "$before" ] || ok "$name${args:+ -- $args}: $fact"
		done <"$scratch/facts"
	done <"$scratch/argsets.$key"
done
[ $nsamples -gt 0 ] || hard_error "no sample under $src/samples has expect lines"

# --- The multi-file sample, built as the lessons teach ----------------------------------------


# The lesson "libraries": its "Try it" commands, taken from the lesson, in a copy of samples/.
lib_md=$src/lessons/libraries.md
try_block "$lib_md" >"$scratch/lib.lines"
grep -q '^cd samples/multi' "$scratch/lib.lines" ||
	bad "libraries.md: its Try it block no longer starts in samples/multi: the checks below need updating"
grep -q '^ar rcs libmyutil.a util.o' "$scratch/lib.lines" ||
	bad "libraries.md: its Try it block no longer builds libmyutil.a with ar rcs"
before=$nbad
mkdir -p "$scratch/lib"
cp -R "$src/samples" "$scratch/lib/samples"
run_lines "$scratch/lib.lines" "$scratch/lib" "$scratch/lib.run"
n=0
while IFS= read -r line; do
	n=$((n + 1))
	rc=$(cat "$scratch/lib.run/$n.rc")
	case $line in
	*"-lmyutil main.o"*)
		# The lesson's example of the wrong order: the archive before the object.
		[ "$rc" != 0 ] || bad "libraries.md: '$line' worked, but the lesson says it fails"
		holds "$scratch/lib.run/$n.err" "undefined reference to util_clamp" ||
			bad "libraries.md: '$line' did not say undefined reference: $(cat "$scratch/lib.run/$n.err")"
		;;
	*)
		[ "$rc" = 0 ] || bad "libraries.md: '$line' exited $rc: $(cat "$scratch/lib.run/$n.err")"
		;;
	esac
done <"$scratch/lib.lines"
m=$scratch/lib/samples/multi
# What the lesson says the commands show.
for f in libmyutil.a prog-a libmyutil.so.1 prog-so prog.map; do
	[ -f "$m/$f" ] || bad "libraries.md: the commands made no $f"
done
[ -L "$m/libmyutil.so" ] || bad "libraries.md: libmyutil.so is not a symbolic link"
[ "$(ar t "$m/libmyutil.a" 2>/dev/null)" = util.o ] || bad "libraries.md: libmyutil.a does not hold util.o alone"
nm "$m/prog-a" 2>/dev/null | grep -q ' T util_unused$' ||
	bad "libraries.md: nm prog-a does not show util_unused, which came along with util.o"
nm "$m/prog-so" 2>/dev/null | grep -q ' T util_unused$' &&
	bad "libraries.md: prog-so holds util_unused: no code should have been copied"
grep -q 'Archive member included' "$m/prog.map" 2>/dev/null ||
	bad "libraries.md: the link map does not say which archive member was taken"
readelf -dW "$m/libmyutil.so.1" 2>/dev/null | grep -q 'SONAME.*\[libmyutil\.so\.1\]' ||
	bad "libraries.md: libmyutil.so.1 has no soname libmyutil.so.1"
readelf -dW "$m/prog-so" 2>/dev/null | grep -q 'NEEDED.*\[libmyutil\.so\.1\]' ||
	bad "libraries.md: prog-so does not record that it needs libmyutil.so.1"
readelf -dW "$m/prog-a" 2>/dev/null | grep -q 'NEEDED.*libmyutil' &&
	bad "libraries.md: prog-a needs libmyutil at run time"
(cd "$m" && ./prog-a >"$scratch/prog-a.out" 2>&1) || bad "libraries.md: ./prog-a failed"
(cd "$m" && LD_LIBRARY_PATH=. ./prog-so >"$scratch/prog-so.out" 2>&1) || bad "libraries.md: ./prog-so failed"
cmp -s "$scratch/prog-a.out" "$scratch/prog-so.out" ||
	bad "libraries.md: prog-a and prog-so print different things"
if (cd "$m" && env -u LD_LIBRARY_PATH ./prog-so >/dev/null 2>"$scratch/noload.err"); then
	bad "libraries.md: prog-so ran without LD_LIBRARY_PATH; the loader should not find libmyutil.so.1"
else
	grep -q 'libmyutil.so.1' "$scratch/noload.err" ||
		bad "libraries.md: without LD_LIBRARY_PATH prog-so failed, but not for libmyutil.so.1: $(cat "$scratch/noload.err")"
fi
[ $nbad != "$before" ] || ok "libraries.md: its Try it commands run as it says, in samples/multi"

# The commands in main.c's own comment, in another fresh copy: lines that start with a tool.
mkdir -p "$scratch/mc"
cp -R "$src/samples/multi" "$scratch/mc/multi"
awk '/\*\// { exit } { print }' "$src/samples/multi/main.c" |
	sed -n 's/^ \*     \(\(gcc\|ar\|ln\|LD_LIBRARY_PATH=\)[^ ]* .*\)$/\1/p' |
	sed 's/   *[^ ].*$//' >"$scratch/mc.lines"
[ "$(wc -l <"$scratch/mc.lines")" -ge 6 ] ||
	bad "main.c: found only $(wc -l <"$scratch/mc.lines") build commands in its comment"
before=$nbad
run_lines "$scratch/mc.lines" "$scratch/mc/multi" "$scratch/mc.run"
n=0
while IFS= read -r line; do
	n=$((n + 1))
	[ "$(cat "$scratch/mc.run/$n.rc")" = 0 ] ||
		bad "main.c: its comment's '$line' exited $(cat "$scratch/mc.run/$n.rc"): $(cat "$scratch/mc.run/$n.err")"
done <"$scratch/mc.lines"
for p in prog prog-a; do
	(cd "$scratch/mc/multi" && ./$p >"$scratch/$p.mc.out" 2>&1) || bad "main.c: ./$p failed"
	cmp -s "$scratch/$p.mc.out" "$scratch/prog-a.out" || bad "main.c: ./$p prints something else than prog-a"
done
[ $nbad != "$before" ] || ok "main.c: the build commands in its comment work"

# The lesson "dynamic-linking": its Try it lines from `cd multi` on, in a copy of samples/.
try_block "$src/lessons/dynamic-linking.md" | sed -n '/^cd multi/,$p' >"$scratch/dl.lines"
if [ ! -s "$scratch/dl.lines" ]; then
	bad "dynamic-linking.md: its Try it block no longer has a 'cd multi' line"
else
	before=$nbad
	mkdir -p "$scratch/dl"
	cp -R "$src/samples" "$scratch/dl/samples"
	run_lines "$scratch/dl.lines" "$scratch/dl/samples" "$scratch/dl.run"
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		[ "$(cat "$scratch/dl.run/$n.rc")" = 0 ] ||
			bad "dynamic-linking.md: '$line' exited $(cat "$scratch/dl.run/$n.rc"): $(cat "$scratch/dl.run/$n.err")"
	done <"$scratch/dl.lines"
	if [ -f "$scratch/dl/samples/multi/prog-rp" ]; then
		readelf -dW "$scratch/dl/samples/multi/prog-rp" | grep -E 'RUNPATH|RPATH' | grep -qF '[$ORIGIN]' ||
			bad "dynamic-linking.md: prog-rp has no run path \$ORIGIN"
		# It finds its library from any directory, with no LD_LIBRARY_PATH.
		(cd / && env -u LD_LIBRARY_PATH "$scratch/dl/samples/multi/prog-rp" >/dev/null 2>&1) ||
			bad "dynamic-linking.md: prog-rp, run from /, did not find libmyutil.so.1 beside it"
	else
		bad "dynamic-linking.md: the commands made no prog-rp"
	fi
	[ $nbad != "$before" ] || ok "dynamic-linking.md: the multi lines of its Try it block work"
fi

# --- The Go samples -------------------------------------------------------------------------

# Each Go sample's comment lists build lines (a tab after //), each perhaps followed by a
# description after two blanks or more. Those that start with go or with an environment
# variable for go are run; those described as "fails" must fail, the rest must work.
# Beyond what the comments say word for word, the checks retype what they explain: a
# build described as static has no INTERP header, and in cgo.go, os/user's cgo form makes
# a static link warn until -tags osusergo replaces it.
if ! command -v go >/dev/null 2>&1; then
	note "go not installed (package golang-go): the Go samples are not built"
else
	for gs in "$src"/samples/go/*.go; do
		gname=$(basename "$gs")
		[ -s "$scratch/$gname.all" ] || { bad "$gname: no build line in its comment"; continue; }
		[ ! -e "$scratch/$gname.broken" ] || hard_error "could not run the lines of $scratch/$gname.lines"
		before=$nbad
		n=0
		while IFS= read -r full; do
			n=$((n + 1))
			line=$(sed -n "${n}p" "$scratch/$gname.lines")
			desc=${full#"$line"}
			desc=${desc#"${desc%%[! ]*}"}
			rc=$(cat "$scratch/$gname.run/$n.rc")
			case $desc in
			fails*)
				[ "$rc" != 0 ] || bad "$gname: '$line' worked, but its comment says it $desc"
				continue
				;;
			esac
			[ "$rc" = 0 ] || { bad "$gname: '$line' exited $rc: $(tail -n 5 "$scratch/$gname.run/$n.err")"; continue; }
			out=$(echo "$line" | sed -n 's/.* -o \([^ ]*\) .*/\1/p')
			case " $desc " in
			*" static "* | *" static,"*)
				if readelf -lW "$g/src/$out" | grep -q ' INTERP '; then
					bad "$gname: '$line' is described as static, but $out has an INTERP header"
				fi
				;;
			esac
			case $line in
			*"-extldflags -static"*"cgo.go")
				case $line in
				*"-tags osusergo"*)
					if grep -q 'warning:' "$scratch/$gname.run/$n.err"; then
						bad "$gname: with -tags osusergo the static link still warns: $(cat "$scratch/$gname.run/$n.err")"
					fi
					;;
				*)
					grep 'warning:' "$scratch/$gname.run/$n.err" | grep -q getpwuid_r ||
						bad "$gname: the static link of os/user's cgo form gave no warning about getpwuid_r"
					;;
				esac
				;;
			*"&& ./cgo")
				grep -q '^C says: hello from Go$' "$scratch/$gname.run/$n.out" ||
					bad "$gname: ./cgo did not print what the C code says: $(cat "$scratch/$gname.run/$n.out")"
				;;
			esac
		done <"$scratch/$gname.all"
		[ $nbad != "$before" ] || ok "$gname: the $(wc -l <"$scratch/$gname.lines") build lines of its comment do what it says"
	done
	# user.go's default build is dynamic (go-stdlib); the others run and look up root.
	if [ -x "$g/src/user" ]; then
		readelf -lW "$g/src/user" | grep -q ' INTERP ' ||
			bad "user.go: the default build has no INTERP header, but go-stdlib says it is dynamic"
		for p in user user-nocgo user-go; do
			[ -x "$g/src/$p" ] || continue
			(cd "$g/src" && ./$p root </dev/null >"$scratch/$p.out" 2>&1) ||
				bad "user.go: ./$p root failed: $(cat "$scratch/$p.out")"
			grep -q '^user.Lookup("root"): uid 0' "$scratch/$p.out" ||
				bad "user.go: ./$p root did not find root: $(cat "$scratch/$p.out")"
		done
	fi
fi

[ $nbad = 0 ] || fail "$nbad check(s) failed"
exit 0
