/* ppmap: what a preprocessed file (.i, from gcc -E) says about where each of its lines came
 * from, read from its linemarkers alone.
 *
 * gcc writes a linemarker `# LINE "FILE" FLAGS...` wherever the next line does not simply
 * follow the previous one: the next line is line LINE of FILE. Flag 1 means FILE was just
 * entered (an #include), 2 that FILE was returned to, 3 that the text comes from a system
 * header, 4 that it is wrapped in extern "C" (C++ only). gcc 12 opens with `# 0 "main.c"`,
 * `# 0 "<built-in>"` and `# 0 "<command-line>"`, includes <stdc-predef.h> (and any -include
 * file) from the command line, then goes back to the main file with a flag-less
 * `# 1 "main.c"`. A flag-less marker also follows a #line directive. Gaps of up to eight
 * source lines are filled with blank lines rather than a marker, so a blank .i line belongs to
 * a source line like any other.
 *
 * Contract: ppmap_read() copies the text once, splits it into lines (LF or CRLF; a final line
 * without a newline counts) and fills *m in one pass, with no allocation per line:
 *   - lines[i] is .i line i + 1: its bytes in m->text, whether it is a linemarker, and for
 *     any other line the file (an index into files[], unique names, escapes decoded) and the
 *     source line it came from. A line is a linemarker only when it is well formed
 *     (`# N`, `# N "FILE" [1-4]...`, or `#line N ["FILE"]`); anything else, #pragma lines
 *     included, is text of the current file.
 *   - nodes[] is the include tree in the order gcc entered the files, which is the order
 *     gcc -H lists them: nodes[0] is the main file (always present; its file is -1 when the
 *     text names none), then one node per enter marker. A header included twice is two
 *     nodes only when gcc really entered it twice (include guards usually prevent that).
 *     <built-in> and <command-line> are not nodes; headers gcc read from the command line
 *     (<stdc-predef.h>, -include FILE) are children of the root with cmdline set, and
 *     gcc -H does not list them, so neither does ppmap_tree_text().
 *   - for the main file, which .i lines each of its source lines produced (ppmap_main_*).
 *   - home: where the learner's own code starts, below what the headers pasted in. A marker
 *     naming the main file moves the reader into it, one naming another file out of it; a
 *     marker that only sets the line number moves nothing.
 * All line numbers are 1-based and 0 means none; arrays are 0-based. Garbage never crashes
 * it: a line that is not a well-formed marker is text, a return marker with nothing to return
 * to only renames the current file, and an input that ends inside headers closes them at its
 * end. ppmap_read() fails (-1) only when memory runs out. The caller owns *m and frees it
 * with ppmap_free(). No global state: safe on any thread.
 */
#ifndef CSTAGES_PPMAP_H
#define CSTAGES_PPMAP_H

#include <stddef.h>

struct ppmap_file {
	const char *name;      /* decoded, NUL-terminated (cut at an escaped NUL) */
	int system;            /* some marker naming it carried flag 3 */
	int pseudo;            /* "<built-in>" or "<command-line>" */
};

struct ppmap_line {
	size_t off;            /* into ppmap.text */
	size_t len;            /* bytes, without the line end ("\n" or "\r\n") */
	int is_marker;
	int file;              /* index into files[]; -1 for a marker, or before any marker */
	long line;             /* the source line in file; 0 for a marker */
	int node;              /* the inclusion whose text it is; -1 for a marker */
};

struct ppmap_node {
	int file;              /* index into files[]: the name it was entered with */
	int parent;            /* index into nodes[]; -1 for the root */
	long from_line;        /* the parent's line that included it: the line before the one
				  the parent's return marker names (the #include's last line,
				  when backslash-newlines continue it); 0 for the root and
				  cmdline headers */
	int depth;             /* 0 for the root, 1 for what it includes, ... (gcc -H's dots) */
	int system;            /* entered with flag 3 */
	int extern_c;          /* entered with flag 4 */
	int cmdline;           /* read from the command line, not from an #include */
	size_t first;          /* .i line of its enter marker (root: 1) */
	size_t last;           /* .i line of its return marker, or the last line of the text */
	size_t own_lines;      /* non-marker .i lines of its own text */
	size_t total_lines;    /* own_lines plus its descendants' (root: see prelude_lines) */
};

/* A run of consecutive .i lines. */
struct ppmap_range {
	size_t first;          /* .i line */
	size_t count;
};

/* Where the learner's own code starts in the .i, as Compiler Explorer finds it: at the last
 * linemarker that goes back into the main file from elsewhere (a return from a header, or
 * gcc's flag-less marker after the command-line prelude). */
struct ppmap_home {
	size_t marker;         /* .i line of that marker; 0 when there is none */
	size_t code;           /* the first .i line of the main file's text after it that is not
				  blank (spaces, tabs, a CR); 0 when none */
	int code_before;       /* the main file gave non-blank lines before the marker (code
				  above its last #include) */
	int headers;           /* headers (files other than the main one, <built-in> and
				  <command-line>) gave non-blank lines before the marker */
};

/* One .i line of the main file's text, sorted by source line then .i line. */
struct ppmap_ref {
	long line;             /* source line in the main file */
	size_t iline;          /* .i line */
};

struct ppmap {
	char *text;            /* a NUL-terminated copy of the input */
	size_t text_len;
	struct ppmap_line *lines;
	size_t n_lines;
	size_t n_markers;
	struct ppmap_file *files;
	size_t n_files;
	struct ppmap_node *nodes;
	size_t n_nodes;
	int main_file;         /* index into files[], -1 when the text names none */
	/* Non-marker lines the root's level produced while it named <built-in>,
	 * <command-line> or no file at all (gcc -dD's predefined macros live there). For the
	 * root, total_lines = own_lines + prelude_lines + the children's total_lines, which is
	 * every non-marker line. */
	size_t prelude_lines;
	struct ppmap_ref *main_refs;
	size_t n_main_refs;
	long main_max_line;    /* the highest main-file line any .i line came from */
	struct ppmap_home home; /* where the main file's own code starts */
	char *names;           /* storage of files[].name */
};

/* Parse len bytes of .i text into *m. Returns 0, or -1 (with a sentence in err) when memory
 * runs out; malformed input is not an error. */
int ppmap_read(struct ppmap *m, const char *text, size_t len, char *err, size_t errlen);

/* ppmap_read() on the contents of the file at path. -1 also when it cannot be read. */
int ppmap_load_file(struct ppmap *m, const char *path, char *err, size_t errlen);

void ppmap_free(struct ppmap *m);

/* A file's name, "" for -1 or an index out of range. */
const char *ppmap_file_name(const struct ppmap *m, int file);

/* The number of .i lines that main-file source line `line` produced (0 for a directive, a
 * line of a false #if group, or a line gcc skipped with a marker). */
size_t ppmap_main_count(const struct ppmap *m, long line);

/* The first .i line that main-file source line `line` produced, 0 when none. */
size_t ppmap_main_first(const struct ppmap *m, long line);

/* The text main-file source line `line` became in the .i: its lines joined by one blank,
 * runs of blanks squeezed, written into buf (len bytes, NUL-terminated, cut short to fit).
 * Returns the bytes written; 0 when the line produced no text. */
size_t ppmap_main_text(const struct ppmap *m, long line, char *buf, size_t len);

/* The runs of .i lines that main-file source line `line` produced, in .i order: writes up to
 * max of them into out and returns how many there are. */
size_t ppmap_main_ranges(const struct ppmap *m, long line, struct ppmap_range *out, size_t max);

/* Which lines of the main file's source (src, len bytes) sit in a conditional group that gcc
 * left out. Returns a calloc'd array of *n_src_lines + 1 flags, [L] = 1 when source line L is
 * in a false group; NULL when memory runs out. The caller frees it.
 *
 * The .i alone cannot say it, so this is an inference, made conservatively: the source is
 * scanned for #if/#ifdef/#ifndef/#elif/#elifdef/#elifndef/#else/#endif nesting (comments,
 * strings and backslash-newlines understood). A line is evidence that its group was taken
 * when the map gives it a non-blank .i line (the blank lines gcc writes to fill small gaps
 * prove nothing), or when gcc entered a header from it. A group is false when nothing in it
 * (nested groups included) is evidence and either it has a line of code of its own (not a
 * directive, blank or comment) or another group of its #if...#endif chain has evidence (gcc
 * takes at most one group of a chain). The body of a false group (the lines between its
 * directive and the next directive of the chain, nested groups included) is marked. A group
 * holding only directives and nested groups, none with evidence, is left unmarked: it may
 * have been taken. Known misses: code that gcc moves onto another line (a #if inside the
 * arguments of a function-like macro) and lines whose macros all expand to nothing look like
 * false code; a #line directive in the main file makes the map name other lines.
 */
unsigned char *ppmap_inactive_lines(const struct ppmap *m, const char *src, size_t len,
				    size_t *n_src_lines);

/* The include tree as gcc -H prints it: one line per header, as many dots as its depth, a
 * space and its name, in the order gcc entered them; the root and cmdline headers are left
 * out. NULL when memory runs out; the caller frees it. */
char *ppmap_tree_text(const struct ppmap *m);

#endif
