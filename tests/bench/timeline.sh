#!/usr/bin/env bash
# tests/bench/timeline.sh: where the time of a command goes, process by process. Runs the
# command under strace (only execve, the clones and the exits are stopped at, with a seccomp
# filter, so the programs run at close to their own speed) and prints each program it started:
# when it started and ended (ms from the command's exec), its duration, and a bar on a common
# time line; then how much of the time ran no program, one, or several side by side.
#
#   tests/bench/timeline.sh [-a] -- COMMAND [ARG]...     e.g. -- ./lesson --report hello.c
#
# -a also shows the programs those programs started (cc1, as, ld...), indented.
# A profiling aid for the figures of tests/bench/run, not one of them. Needs strace.
set -uo pipefail

all=0
while (($#)); do
	case $1 in
	-a) all=1 ;;
	--)
		shift
		break
		;;
	*) break ;;
	esac
	shift
done
(($#)) || {
	echo "usage: timeline.sh [-a] -- COMMAND [ARG]..." >&2
	exit 2
}
command -v strace >/dev/null 2>&1 || {
	echo "timeline: strace is not installed (on Debian: apt-get install strace)" >&2
	exit 77
}
log=$(mktemp "${TMPDIR:-/tmp}/timeline.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT
filter=(--seccomp-bpf)
strace -f --seccomp-bpf -e trace=none true 2>/dev/null || filter=()
strace -f "${filter[@]}" -ttt -q -s 256 -e trace=execve,clone,clone3,fork,vfork -e signal=none \
	-o "$log" "$@" >/dev/null 2>&1
echo "timeline: $* (exit $?)"

awk -v all="$all" '
function argv_of(line,    s, out, n, i, parts) {
	# the second argument of execve: ["a0", "a1", ...]
	s = line
	if (!sub(/^[^[]*\[/, "", s))
		return ""
	sub(/\], .*$/, "", s)
	n = split(s, parts, /", "/)
	out = ""
	for (i = 1; i <= n; i++) {
		gsub(/^"|"$/, "", parts[i])
		# an absolute path of three parts or more: its last part, to keep lines short
		if (parts[i] ~ /^\/[^\/]+\/[^\/]+\//)
			sub(/^.*\//, ".../", parts[i])
		out = out (i > 1 ? " " : "") parts[i]
	}
	return out
}
function note_exec(pid, t, args) {
	if (!(pid in start)) {
		start[pid] = t
		label[pid] = args
		order[++n] = pid
	} else if (args != "") {
		split(args, a, " ")
		label[pid] = label[pid] " => " a[1]
	}
}
{
	pid = $1; t = $2 * 1000
	if (root == "")
		root = pid
	if ($0 ~ /execve\(/ && $0 ~ /<unfinished \.\.\.>/) {
		pending[pid] = argv_of($0)
		next
	}
	if ($0 ~ /<\.\.\. execve resumed>/) {
		if ($0 ~ /= 0$/)
			note_exec(pid, t, pending[pid])
		delete pending[pid]
		next
	}
	if ($0 ~ /execve\(/) {
		if ($0 ~ /= 0$/)
			note_exec(pid, t, argv_of($0))
		next
	}
	if ($0 ~ /(clone|clone3|fork|vfork)/ && $0 ~ /= [0-9]+$/) {
		c = $NF
		parent[c] = pid
		next
	}
	if ($0 ~ /\+\+\+ (exited|killed)/) {
		end[pid] = t
	}
}
END {
	t0 = start[root]
	total = end[root] - t0
	# the nearest ancestor that ran a program of its own (threads and spawn clones do not)
	for (i = 1; i <= n; i++) {
		p = order[i]
		d = 0; q = parent[p]
		while (q != "" && !(q in start))
			q = parent[q]
		up[p] = q
	}
	for (i = 1; i <= n; i++) {
		p = order[i]; d = 0; q = p
		while (q != root && up[q] != "") { d++; q = up[q] }
		depth[p] = (p == root) ? 0 : d
	}
	width = 40
	printf "%9s %9s %9s  %-*s  %s\n", "start", "end", "ms", width, "time line", "program"
	for (i = 1; i <= n; i++) {
		p = order[i]
		if (!all && depth[p] > 1)
			continue
		s = start[p] - t0; e = (p in end ? end[p] : end[root]) - t0
		bar = ""
		for (x = 0; x < width; x++) {
			lo = total * x / width; hi = total * (x + 1) / width
			bar = bar ((e > lo && s < hi) ? "#" : ".")
		}
		printf "%9.1f %9.1f %9.1f  %s  %*s%s\n", s, e, e - s, bar, 2 * depth[p], "", substr(label[p], 1, 90)
		if (depth[p] == 1) { ks[++k] = s; ke[k] = e }
	}
	# how many of the command'"'"'s own programs ran at each moment
	m = 0
	for (i = 1; i <= k; i++) { ev[++m] = ks[i] " 1"; ev[++m] = ke[i] " -1" }
	for (i = 2; i <= m; i++) {
		v = ev[i]; j = i - 1
		while (j >= 1 && (split(ev[j], A, " ") && split(v, B, " ") && A[1] + 0 > B[1] + 0)) { ev[j + 1] = ev[j]; j-- }
		ev[j + 1] = v
	}
	run = 0; last = 0
	for (i = 1; i <= m; i++) {
		split(ev[i], A, " ")
		span = A[1] - last
		if (span > 0) { if (run == 0) idle += span; else if (run == 1) one += span; else many += span }
		run += A[2]; last = A[1]
	}
	if (total > last) idle += total - last
	printf "\n%d programs started directly; %.1f ms in all:\n", k, total
	printf "  %8.1f ms no program running (the command'"'"'s own work, and starting the first)\n", idle
	printf "  %8.1f ms one program running\n", one
	printf "  %8.1f ms two or more side by side\n", many
}' "$log"
