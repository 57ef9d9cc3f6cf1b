/* check_report: the report and the JSON of one walk, read as a program would read them and
 * compared with each other and with the toolchain. It runs `$LESSON --report` and
 * `$LESSON --json` on samples/hello.c (LESSON names the binary under test, ./lesson by default;
 * top_srcdir the source tree), parses the Markdown with libcmark (the tables, which CommonMark
 * does not know, are read from their paragraphs' lines) and the JSON with jansson, and checks:
 *   - a level-2 heading per stage, in order, named as the JSON names the stages (and Link);
 *   - every command the JSON records is in a code span or a code block of the report, each
 *     stage's own in its section;
 *   - the stages' commands, run by hand from the JSON's argv, make a .i with as many lines and
 *     bytes, a .s and a .o of as many bytes, as the report and the JSON say; the .i's last
 *     lines are the report's code block;
 *   - the .o's symbols as nm lists them: the report's symbol table and the JSON name the same
 *     defined and undefined ones, and nm's output is the report's code block;
 *   - the link variants' sizes in the JSON are in the report's table, and the links, made by
 *     hand with the JSON's commands, are as big;
 *   - the include tree's top-level headers are those gcc -H lists, in order, in the JSON and
 *     the report, each from a line of the source that includes it.
 * Every case works in its own directory under a mkdtemp one, removed at the end.
 */
#include "config.h"

#include <check.h>
#include <cmark.h>
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The walk, read once before the cases run. */
static char *work;          /* the scratch directory */
static char *src;           /* samples/hello.c, absolute */
static const char *lesson;  /* the binary under test */
static int report_status = -1, json_status = -1;
static char *report_text, *report_err, *json_text, *json_err;
static json_t *js;
static json_error_t js_error;
static cmark_node *doc;

/* What the report holds, in document order: headings, paragraphs (their text, code spans in
 * backquotes, one line per source line), code spans and code blocks (their literal text). Each
 * knows its section: the index of the level-2 heading it comes after, -1 before the first. */
enum item_kind { ITEM_HEADING, ITEM_PARA, ITEM_CODE, ITEM_BLOCK };
struct item {
	enum item_kind kind;
	int level;
	int section;
	char *text;
};
static struct item *items;
static size_t n_items;

/* ---------------------------------------------------------------------------------------- */
/* Files and processes */

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

/* The whole file, NUL-terminated (caller frees), with its length in *len; NULL when it
 * cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 8192, n = 0, got;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 2) {
			char *g = realloc(buf, cap *= 2);
			if (!g)
				abort();
			buf = g;
		}
	}
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = n;
	return buf;
}

/* Run argv (argv[0] looked up in PATH) in directory dir, stdin from /dev/null; its stdout and
 * stderr into *out and *err when not NULL (caller frees). Returns its exit status, 128 + the
 * signal that ended it, or -1 when it could not be started. */
static int run(const char *dir, char *const argv[], char **out, char **err)
{
	char *out_path = xasprintf("%s/.out.XXXXXX", work);
	char *err_path = xasprintf("%s/.err.XXXXXX", work);
	int ofd = mkstemp(out_path), efd = mkstemp(err_path);
	if (ofd < 0 || efd < 0)
		abort();
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		if (in < 0 || dup2(in, 0) < 0 || dup2(ofd, 1) < 0 || dup2(efd, 2) < 0)
			_exit(126);
		if (dir && chdir(dir) != 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(ofd);
	close(efd);
	int st = 0, rc = -1;
	if (pid > 0 && waitpid(pid, &st, 0) == pid)
		rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	if (out)
		*out = slurp(out_path, NULL);
	if (err)
		*err = slurp(err_path, NULL);
	unlink(out_path);
	unlink(err_path);
	free(out_path);
	free(err_path);
	return rc;
}

/* A fresh directory of its own under the scratch directory (caller frees). */
static char *new_dir(const char *name)
{
	char *d = xasprintf("%s/%s.XXXXXX", work, name);
	ck_assert_msg(mkdtemp(d) != NULL, "mkdtemp %s", d);
	return d;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The size of dir/name in bytes, or -1. */
static long file_size(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct stat sb;
	long n = stat(p, &sb) == 0 ? (long)sb.st_size : -1;
	free(p);
	return n;
}

static size_t count_lines(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len > 0 && text[len - 1] != '\n');
}

/* ---------------------------------------------------------------------------------------- */
/* The JSON */

static json_t *jget(json_t *o, const char *key)
{
	return json_is_object(o) ? json_object_get(o, key) : NULL;
}

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(jget(o, key));
}

static json_t *stage(size_t i)
{
	return json_array_get(jget(js, "stages"), i);
}

/* The argv of a JSON command (an array of strings) as a NULL-terminated array of pointers
 * into the document (caller frees the array only); extra, when not NULL, goes after argv[0]. */
static char **argv_of(json_t *cmd, const char *extra)
{
	size_t n = json_array_size(cmd);
	ck_assert_msg(n > 0, "a command in the JSON has no argv");
	char **argv = calloc(n + 2, sizeof *argv);
	if (!argv)
		abort();
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *a = json_string_value(json_array_get(cmd, i));
		ck_assert_msg(a != NULL, "argument %zu of a command is not a string", i);
		argv[k++] = (char *)a;
		if (i == 0 && extra)
			argv[k++] = (char *)extra;
	}
	return argv;
}

/* Run stage i's command, as the JSON gives it, in dir; fail unless it exits 0. */
static void run_stage(const char *dir, size_t i)
{
	char **argv = argv_of(jget(stage(i), "command"), NULL);
	char *err = NULL;
	int rc = run(dir, argv, NULL, &err);
	ck_assert_msg(rc == 0, "%s, run by hand, exited %d: %s", jstr(stage(i), "command_line"), rc,
		      err ? err : "");
	free(err);
	free(argv);
}

/* ---------------------------------------------------------------------------------------- */
/* The report */

struct buf {
	char *s;
	size_t n, cap;
};

static void buf_add(struct buf *b, const char *s)
{
	size_t m = strlen(s);
	if (b->n + m + 1 > b->cap) {
		b->cap = (b->n + m + 1) * 2;
		char *g = realloc(b->s, b->cap);
		if (!g)
			abort();
		b->s = g;
	}
	memcpy(b->s + b->n, s, m + 1);
	b->n += m;
}

/* The text of a node's inlines: code spans in backquotes, a line break as a newline. */
static void node_text(cmark_node *n, struct buf *b)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			buf_add(b, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_CODE:
			buf_add(b, "`");
			buf_add(b, cmark_node_get_literal(c));
			buf_add(b, "`");
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_add(b, "\n");
			break;
		default:
			node_text(c, b);
			break;
		}
	}
}

static void add_item(enum item_kind kind, int level, int section, char *text)
{
	struct item *g = realloc(items, (n_items + 1) * sizeof *items);
	if (!g)
		abort();
	items = g;
	items[n_items++] = (struct item){ kind, level, section, text };
}

/* Walk the document and list its items. */
static void read_report(void)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int section = -1;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		struct buf b = { 0 };
		buf_add(&b, "");
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(n);
			if (level == 2)
				section++;
			node_text(n, &b);
			add_item(ITEM_HEADING, level, section, b.s);
			break;
		}
		case CMARK_NODE_PARAGRAPH:
			node_text(n, &b);
			add_item(ITEM_PARA, 0, section, b.s);
			break;
		case CMARK_NODE_CODE:
			buf_add(&b, cmark_node_get_literal(n));
			add_item(ITEM_CODE, 0, section, b.s);
			break;
		case CMARK_NODE_CODE_BLOCK:
			buf_add(&b, cmark_node_get_literal(n));
			add_item(ITEM_BLOCK, 0, section, b.s);
			break;
		default:
			free(b.s);
			break;
		}
	}
	cmark_iter_free(it);
}

/* The first paragraph of section s (any section when s < 0) that starts with prefix, or NULL. */
static const char *para(int s, const char *prefix)
{
	for (size_t i = 0; i < n_items; i++)
		if (items[i].kind == ITEM_PARA && (s < 0 || items[i].section == s) &&
		    strncmp(items[i].text, prefix, strlen(prefix)) == 0)
			return items[i].text;
	return NULL;
}

/* True when text is a code span of section s (any when s < 0), or a line of a code block. */
static int in_code(int s, const char *text)
{
	size_t m = strlen(text);
	for (size_t i = 0; i < n_items; i++) {
		if (s >= 0 && items[i].section != s)
			continue;
		if (items[i].kind == ITEM_CODE && strcmp(items[i].text, text) == 0)
			return 1;
		if (items[i].kind != ITEM_BLOCK)
			continue;
		for (const char *p = items[i].text; (p = strstr(p, text)) != NULL; p++)
			if ((p == items[i].text || p[-1] == '\n') && (p[m] == '\n' || p[m] == '\0'))
				return 1;
	}
	return 0;
}

/* A table read from its paragraph: rows of cells, trimmed, backquotes around a whole cell
 * removed; the delimiter row left out. */
struct table {
	size_t n;
	struct row {
		size_t n;
		char **cell;
	} *row;
};

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t m = strlen(s);
	while (m > 0 && s[m - 1] == ' ')
		s[--m] = '\0';
	return s;
}

static void table_read(struct table *t, const char *text)
{
	memset(t, 0, sizeof *t);
	char *copy = strdup(text), *save = NULL;
	if (!copy)
		abort();
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line = trim(line);
		if (line[0] != '|' || strspn(line, "|-: ") == strlen(line))
			continue;
		struct row r = { 0, NULL };
		char *p = line + 1;
		for (char *bar; (bar = strchr(p, '|')) != NULL; p = bar + 1) {
			*bar = '\0';
			char *c = trim(p);
			size_t m = strlen(c);
			if (m >= 2 && c[0] == '`' && c[m - 1] == '`' && !memchr(c + 1, '`', m - 2)) {
				c[m - 1] = '\0';
				c++;
			}
			char **g = realloc(r.cell, (r.n + 1) * sizeof *g);
			if (!g)
				abort();
			r.cell = g;
			r.cell[r.n++] = strdup(c);
		}
		struct row *g = realloc(t->row, (t->n + 1) * sizeof *g);
		if (!g)
			abort();
		t->row = g;
		t->row[t->n++] = r;
	}
	free(copy);
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; j < t->row[i].n; j++)
			free(t->row[i].cell[j]);
		free(t->row[i].cell);
	}
	free(t->row);
}

/* Read the table whose paragraph in section s starts with head; fail when there is none. */
static void table_of(struct table *t, int s, const char *head)
{
	const char *p = para(s, head);
	ck_assert_msg(p != NULL, "section %d of the report has no table '%s'", s + 1, head);
	table_read(t, p);
	ck_assert_msg(t->n >= 1, "the table '%s' has no rows", head);
}

/* The "Artifact: `NAME`, N bytes[, M lines]" item of section s: N, and M in *lines (-1 when
 * the item gives none). */
static long artifact(int s, const char *name, long *lines)
{
	char *prefix = xasprintf("Artifact: `%s`, ", name);
	const char *p = para(s, prefix);
	ck_assert_msg(p != NULL, "section %d of the report has no item '%s'", s + 1, prefix);
	long bytes = -1;
	*lines = -1;
	int got = sscanf(p + strlen(prefix), "%ld bytes, %ld lines", &bytes, lines);
	ck_assert_msg(got >= 1, "cannot read the size in '%s'", p);
	free(prefix);
	return bytes;
}

/* ---------------------------------------------------------------------------------------- */
/* The cases */

START_TEST(test_runs)
{
	ck_assert_msg(report_status == 0, "%s --report exited %d: %s", lesson, report_status,
		      report_err ? report_err : "");
	ck_assert_msg(report_text && *report_text, "%s --report printed nothing", lesson);
	ck_assert_msg(json_status == 0, "%s --json exited %d: %s", lesson, json_status,
		      json_err ? json_err : "");
	ck_assert_msg(js != NULL, "--json is not one JSON document: line %d, column %d: %s",
		      js_error.line, js_error.column, js_error.text);
	ck_assert_msg(n_items > 0, "the report has no Markdown blocks");
	char *abs = realpath(jstr(jget(js, "source"), "absolute_path"), NULL);
	ck_assert_msg(abs && strcmp(abs, src) == 0, "the JSON's source is %s, not %s",
		      abs ? abs : "(none)", src);
	free(abs);
}
END_TEST

/* A heading per stage: "N. Title", level 2, in order; the document's own, level 1, names the
 * source. */
START_TEST(test_headings)
{
	size_t n_stages = json_array_size(jget(js, "stages"));
	ck_assert_msg(n_stages == 3, "the JSON has %zu stages before the link, not 3", n_stages);
	ck_assert_msg(json_array_size(jget(js, "link")) > 0, "the JSON has no link");
	const char *titles[4];
	for (size_t i = 0; i < n_stages; i++) {
		titles[i] = jstr(stage(i), "title");
		ck_assert_msg(titles[i] != NULL, "stage %zu has no title", i);
	}
	titles[3] = "Link";
	size_t at = 0;
	for (int s = 0; s < 4; s++) {
		char *want = xasprintf("%d. %s", s + 1, titles[s]);
		while (at < n_items && !(items[at].kind == ITEM_HEADING && items[at].level <= 2 &&
					 strcmp(items[at].text, want) == 0))
			at++;
		ck_assert_msg(at < n_items, "no level-2 heading '%s' (in order)", want);
		ck_assert_int_eq(items[at].level, 2);
		ck_assert_int_eq(items[at].section, s);
		free(want);
	}
	const char *path = jstr(jget(js, "source"), "path");
	int found = 0;
	for (size_t i = 0; i < n_items && !found; i++)
		found = items[i].kind == ITEM_HEADING && items[i].level == 1 &&
			strstr(items[i].text, path) != NULL;
	ck_assert_msg(found, "no level-1 heading names %s", path);
}
END_TEST

/* Every command the JSON records is in the report's code, a stage's own in its section. */
START_TEST(test_commands)
{
	size_t checked = 0;
	for (size_t i = 0; i < json_array_size(jget(js, "stages")); i++) {
		const char *c = jstr(stage(i), "command_line");
		ck_assert_msg(c != NULL, "stage %zu has no command", i);
		ck_assert_msg(in_code((int)i, c), "'%s' is not in the code of section %zu", c, i + 1);
		checked++;
	}
	const char *lt = jstr(jget(stage(1), "line_table"), "command_line");
	if (lt) {
		ck_assert_msg(in_code(1, lt), "'%s' is not in the code of the compile section", lt);
		checked++;
	}
	json_t *tools = jget(jget(js, "object"), "tools"), *t;
	size_t i;
	json_array_foreach(tools, i, t) {
		const char *c = jstr(t, "command_line");
		const char *prog = json_string_value(json_array_get(jget(t, "command"), 0));
		if (!c || !prog)
			continue;
		/* the command itself, or (for a tool whose facts the report gives as tables) a code
		 * span naming the tool with its options */
		int named = in_code(2, c);
		for (size_t k = 0; k < n_items && !named; k++)
			named = items[k].kind == ITEM_CODE && items[k].section == 2 &&
				strncmp(items[k].text, prog, strlen(prog)) == 0 &&
				items[k].text[strlen(prog)] == ' ';
		ck_assert_msg(named, "neither '%s' nor %s is in the code of the assemble section", c,
			      prog);
		checked++;
	}
	json_t *v;
	json_array_foreach(jget(js, "link"), i, v) {
		const char *c = jstr(v, "command_line");
		ck_assert_msg(c != NULL, "link %zu has no command", i);
		ck_assert_msg(in_code(3, c), "'%s' is not in the code of the link section", c);
		checked++;
		const char *parts[] = { "ldd", "run", "empty_root" };
		for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
			const char *pc = jstr(jget(v, parts[k]), "command_line");
			if (pc) {
				ck_assert_msg(in_code(3, pc), "'%s' (%s of the %s link) is not in the "
					      "report's code", pc, parts[k], jstr(v, "kind"));
				checked++;
			}
		}
	}
	ck_assert_msg(checked >= 3 + 1 + json_array_size(jget(js, "link")),
		      "only %zu commands checked", checked);
}
END_TEST

/* The preprocess and compile stages, by hand: the .i's lines and bytes, the .s's bytes. */
START_TEST(test_preprocess)
{
	json_t *pre = stage(0);
	char **argv = argv_of(jget(pre, "command"), NULL);
	int has_e = 0, has_src = 0;
	for (char **a = argv; *a; a++) {
		has_e |= strcmp(*a, "-E") == 0;
		has_src |= strcmp(*a, jstr(jget(js, "source"), "absolute_path")) == 0;
	}
	free(argv);
	ck_assert_msg(has_e && has_src, "'%s' is not gcc -E on the source",
		      jstr(pre, "command_line"));
	char *dir = new_dir("pre");
	run_stage(dir, 0);
	const char *name = jstr(pre, "artifact");
	ck_assert_msg(name != NULL, "the preprocess stage names no artifact");
	char *path = xasprintf("%s/%s", dir, name);
	size_t len = 0;
	char *text = slurp(path, &len);
	ck_assert_msg(text != NULL, "gcc -E made no %s", path);
	long lines = (long)count_lines(text, len);

	ck_assert_int_eq(json_integer_value(jget(jget(pre, "linemarkers"), "lines")), lines);
	ck_assert_int_eq(json_integer_value(jget(pre, "artifact_size")), (long)len);
	long rlines = 0;
	long rbytes = artifact(0, name, &rlines);
	ck_assert_msg(rlines == lines, "the report says %s has %ld lines, wc -l %ld", name, rlines,
		      lines);
	ck_assert_msg(rbytes == (long)len, "the report says %s has %ld bytes, it has %zu", name,
		      rbytes, len);

	/* "The last K of its N lines:" and the .i's last K lines in the code block after it */
	const char *last = para(0, "The last ");
	ck_assert_msg(last != NULL, "the preprocess section does not show the .i's last lines");
	long k = 0, of = 0;
	ck_assert_int_eq(sscanf(last, "The last %ld of its %ld lines", &k, &of), 2);
	ck_assert_int_eq(of, lines);
	ck_assert_msg(k > 0 && k <= lines, "the last %ld of %ld lines", k, lines);
	const char *tail = text + len;
	long seen = 0;
	if (tail > text && tail[-1] == '\n')
		tail--;
	while (tail > text && !(tail[-1] == '\n' && ++seen == k))
		tail--;
	const char *block = NULL;
	for (size_t i = 0; i < n_items && !block; i++)
		if (items[i].kind == ITEM_BLOCK && items[i].section == 0)
			block = items[i].text;
	ck_assert_msg(block != NULL, "the preprocess section has no code block");
	ck_assert_msg(strcmp(block, tail) == 0, "the report's last %ld lines of %s are not gcc's:\n%s",
		      k, name, block);

	/* the compile stage, on that .i */
	run_stage(dir, 1);
	const char *sname = jstr(stage(1), "artifact");
	ck_assert_msg(sname != NULL, "the compile stage names no artifact");
	long sbytes = file_size(dir, sname);
	ck_assert_msg(sbytes > 0, "gcc -S made no %s", sname);
	ck_assert_int_eq(json_integer_value(jget(stage(1), "artifact_size")), sbytes);
	long slines = 0;
	ck_assert_int_eq(artifact(1, sname, &slines), sbytes);
	char *s_text = xasprintf("%s/%s", dir, sname);
	size_t s_len = 0;
	char *s_body = slurp(s_text, &s_len);
	ck_assert_int_eq(slines, (long)count_lines(s_body, s_len));
	free(s_body);
	free(s_text);
	free(text);
	free(path);
	free(dir);
}
END_TEST

/* The object file by hand, and nm's symbols, against the report's table and the JSON. */
START_TEST(test_object)
{
	char *dir = new_dir("obj");
	for (size_t i = 0; i < 3; i++)
		run_stage(dir, i);
	const char *oname = jstr(stage(2), "artifact");
	ck_assert_msg(oname != NULL, "the assemble stage names no artifact");
	long size = file_size(dir, oname);
	ck_assert_msg(size > 0, "gcc -c made no %s", oname);
	ck_assert_int_eq(json_integer_value(jget(stage(2), "artifact_size")), size);
	long none = 0;
	ck_assert_int_eq(artifact(2, oname, &none), size);

	char *nm_argv[] = { "nm", (char *)oname, NULL };
	char *nm_out = NULL;
	ck_assert_int_eq(run(dir, nm_argv, &nm_out, NULL), 0);
	ck_assert_msg(nm_out && *nm_out, "nm %s printed nothing", oname);
	/* nm's own output is a code block of the assemble section, and the JSON's nm output */
	int block = 0;
	for (size_t i = 0; i < n_items; i++)
		block |= items[i].kind == ITEM_BLOCK && items[i].section == 2 &&
			 strcmp(items[i].text, nm_out) == 0;
	ck_assert_msg(block, "no code block of the report is nm's output:\n%s", nm_out);

	struct table t;
	table_of(&t, 2, "| symbol |");
	size_t sec = 0;
	for (size_t j = 0; j < t.row[0].n; j++)
		if (strcmp(t.row[0].cell[j], "section") == 0)
			sec = j;
	ck_assert_msg(sec > 0, "the symbol table has no 'section' column");
	json_t *jsyms = jget(jget(js, "object"), "symbols");
	json_t *jund = jget(jget(js, "object"), "undefined");
	size_t n_nm = 0, n_und = 0;
	char *save = NULL;
	for (char *line = strtok_r(nm_out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		/* "ADDRESS TYPE NAME", or "TYPE NAME" for an undefined symbol */
		char f1[512], f2[512], f3[512], type = 0, *name = NULL;
		int nf = sscanf(line, "%511s %511s %511s", f1, f2, f3);
		if (nf == 3 && strlen(f2) == 1) {
			type = f2[0];
			name = f3;
		} else if (nf == 2 && strlen(f1) == 1) {
			type = f1[0];
			name = f2;
		} else {
			ck_abort_msg("cannot read nm's line '%s'", line);
		}
		n_nm++;
		int und = type == 'U';
		n_und += und;
		/* the report's table */
		int found = 0;
		for (size_t r = 1; r < t.n; r++) {
			if (t.row[r].n <= sec || strcmp(t.row[r].cell[0], name) != 0)
				continue;
			found = 1;
			ck_assert_msg((strcmp(t.row[r].cell[sec], "UND") == 0) == und,
				      "the report puts %s in section %s; nm says %c", name,
				      t.row[r].cell[sec], type);
		}
		ck_assert_msg(found, "the report's symbol table lacks %s, which nm lists", name);
		/* the JSON's symbols, and its undefined ones */
		found = 0;
		json_t *s;
		size_t k;
		json_array_foreach(jsyms, k, s) {
			if (strcmp(jstr(s, "name") ? jstr(s, "name") : "", name) != 0)
				continue;
			found = 1;
			ck_assert_msg((strcmp(jstr(s, "section"), "UND") == 0) == und,
				      "the JSON puts %s in section %s; nm says %c", name,
				      jstr(s, "section"), type);
		}
		ck_assert_msg(found, "the JSON's symbols lack %s, which nm lists", name);
		found = 0;
		json_array_foreach(jund, k, s)
			found |= strcmp(json_string_value(s), name) == 0;
		ck_assert_msg(found == und, "the JSON's undefined symbols %s %s; nm says %c",
			      found ? "hold" : "lack", name, type);
	}
	ck_assert_msg(t.n - 1 == n_nm, "the report's symbol table has %zu rows, nm lists %zu",
		      t.n - 1, n_nm);
	ck_assert_msg(json_array_size(jund) == n_und, "the JSON has %zu undefined symbols, nm %zu",
		      json_array_size(jund), n_und);
	ck_assert_msg(n_und > 0 && n_und < n_nm, "hello.o should define and need symbols");
	table_free(&t);
	free(nm_out);
	free(dir);
}
END_TEST

/* The link variants: the JSON's sizes are in the report's table, and the links made by hand
 * with the JSON's commands are as big. */
START_TEST(test_links)
{
	struct table t;
	table_of(&t, 3, "| |");
	const struct row *head = &t.row[0], *sizes = NULL;
	for (size_t r = 1; r < t.n; r++)
		if (t.row[r].n > 0 && strcmp(t.row[r].cell[0], "size (bytes)") == 0)
			sizes = &t.row[r];
	ck_assert_msg(sizes != NULL, "the link table has no 'size (bytes)' row");

	char *dir = new_dir("link");
	for (size_t i = 0; i < 3; i++)
		run_stage(dir, i);
	json_t *v;
	size_t i, checked = 0;
	json_array_foreach(jget(js, "link"), i, v) {
		const char *kind = jstr(v, "kind");
		ck_assert_msg(kind != NULL, "link %zu has no kind", i);
		size_t col = 0;
		for (size_t j = 1; j < head->n; j++)
			if (strcmp(head->cell[j], kind) == 0)
				col = j;
		ck_assert_msg(col > 0, "the link table has no column '%s'", kind);
		json_t *size = jget(v, "artifact_size");
		if (!json_is_integer(size))
			continue;
		char *want = xasprintf("%lld", (long long)json_integer_value(size));
		ck_assert_msg(col < sizes->n && strcmp(sizes->cell[col], want) == 0,
			      "the report gives the %s link %s bytes, the JSON %s", kind,
			      col < sizes->n ? sizes->cell[col] : "no", want);
		/* by hand */
		char **argv = argv_of(jget(v, "command"), NULL);
		char *err = NULL;
		int rc = run(dir, argv, NULL, &err);
		ck_assert_msg(rc == 0, "%s, by hand, exited %d: %s", jstr(v, "command_line"), rc,
			      err ? err : "");
		long got = file_size(dir, jstr(v, "artifact"));
		ck_assert_msg(got == json_integer_value(size), "%s made %ld bytes by hand; the JSON "
			      "says %s", jstr(v, "command_line"), got, want);
		free(err);
		free(argv);
		free(want);
		checked++;
	}
	ck_assert_msg(checked > 0, "no link has a size");
	table_free(&t);
	free(dir);
}
END_TEST

/* The include tree's top-level headers: gcc -H, the JSON and the report agree, in order. */
START_TEST(test_include_tree)
{
	char *dir = new_dir("tree");
	char **argv = argv_of(jget(stage(0), "command"), "-H");
	char *err = NULL;
	ck_assert_int_eq(run(dir, argv, NULL, &err), 0);
	free(argv);
	/* gcc -H: a header included from the source itself is on a line ". PATH" */
	char *gcc_list[64];
	size_t n_gcc = 0;
	char *save = NULL;
	for (char *line = strtok_r(err, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (line[0] == '.' && line[1] == ' ' && n_gcc < 64)
			gcc_list[n_gcc++] = line + 2;
	ck_assert_msg(n_gcc > 0, "gcc -H lists no header");

	/* the JSON: depth 1, not from the command line (gcc's own stdc-predef.h) */
	json_t *tree = jget(jget(stage(0), "linemarkers"), "include_tree"), *h;
	size_t i, n_json = 0;
	char *source = slurp(src, NULL);
	ck_assert_msg(source != NULL, "cannot read %s", src);
	json_array_foreach(tree, i, h) {
		if (json_integer_value(jget(h, "depth")) != 1 ||
		    json_is_true(jget(h, "command_line")))
			continue;
		ck_assert_msg(n_json < n_gcc, "the JSON has more top-level headers than gcc -H (%s)",
			      jstr(h, "file"));
		ck_assert_msg(strcmp(jstr(h, "file"), gcc_list[n_json]) == 0,
			      "top-level header %zu: the JSON says %s, gcc -H %s", n_json + 1,
			      jstr(h, "file"), gcc_list[n_json]);
		/* the line it is included from is an #include of the source */
		long from = (long)json_integer_value(jget(h, "from_line"));
		const char *l = source;
		for (long k = 1; k < from && l; k++) {
			l = strchr(l, '\n');
			l = l ? l + 1 : NULL;
		}
		ck_assert_msg(l && from > 0, "%s is included from line %ld, past the source's end",
			      jstr(h, "file"), from);
		const char *end = strchr(l, '\n');
		char *line = strndup(l, end ? (size_t)(end - l) : strlen(l));
		ck_assert_msg(strstr(line, "#include") != NULL, "line %ld of the source, '%s', "
			      "includes no %s", from, line, jstr(h, "file"));
		free(line);
		n_json++;
	}
	ck_assert_msg(n_json == n_gcc, "the JSON has %zu top-level headers, gcc -H %zu", n_json,
		      n_gcc);

	/* the report: the rows of the include table that are not indented under another */
	struct table t;
	table_of(&t, 0, "| header |");
	size_t n_rep = 0;
	const char *base = strrchr(src, '/') + 1;
	for (size_t r = 1; r < t.n; r++) {
		if (t.row[r].n < 2 || strncmp(t.row[r].cell[0], "·", strlen("·")) == 0)
			continue;
		ck_assert_msg(n_rep < n_gcc, "the report has more top-level headers than gcc -H (%s)",
			      t.row[r].cell[0]);
		ck_assert_msg(strcmp(t.row[r].cell[0], gcc_list[n_rep]) == 0,
			      "top-level header %zu: the report says %s, gcc -H %s", n_rep + 1,
			      t.row[r].cell[0], gcc_list[n_rep]);
		ck_assert_msg(strncmp(t.row[r].cell[1], base, strlen(base)) == 0 &&
				      t.row[r].cell[1][strlen(base)] == ':',
			      "the report has %s included from %s, not from %s", t.row[r].cell[0],
			      t.row[r].cell[1], base);
		n_rep++;
	}
	ck_assert_msg(n_rep == n_gcc, "the report has %zu top-level headers, gcc -H %zu", n_rep,
		      n_gcc);
	table_free(&t);
	free(source);
	free(err);
	free(dir);
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("hello");
	tcase_set_timeout(tc, 0);
	tcase_add_test(tc, test_runs);
	tcase_add_test(tc, test_headings);
	tcase_add_test(tc, test_commands);
	tcase_add_test(tc, test_preprocess);
	tcase_add_test(tc, test_object);
	tcase_add_test(tc, test_links);
	tcase_add_test(tc, test_include_tree);
	suite_add_tcase(s, tc);
	return s;
}

/* Run lesson with opt on the source; its stdout (caller frees), stderr into *err. */
static char *walk(const char *opt, int *status, char **err)
{
	char *argv[] = { (char *)lesson, (char *)opt, src, NULL };
	char *out = NULL;
	*status = run(NULL, argv, &out, err);
	return out;
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	lesson = getenv("LESSON");
	if (!lesson || !*lesson)
		lesson = "./lesson";
	char *gcc_argv[] = { "gcc", "--version", NULL }, *nm_argv[] = { "nm", "--version", NULL };
	const char *t = getenv("TMPDIR");
	work = xasprintf("%s/check_report.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(work)) {
		perror(work);
		return 99;
	}
	int rc = 0;
	if (run(NULL, gcc_argv, NULL, NULL) != 0 || run(NULL, nm_argv, NULL, NULL) != 0) {
		fprintf(stderr, "check_report: gcc or nm is not installed: skipped\n");
		rc = 77;
		goto out;
	}
	char *rel = xasprintf("%s/samples/hello.c", top && *top ? top : ".");
	src = realpath(rel, NULL);
	free(rel);
	if (!src || access(lesson, X_OK) != 0) {
		fprintf(stderr, "check_report: no %s, or %s is not an executable\n",
			src ? src : "samples/hello.c", lesson);
		rc = 99;
		goto out;
	}
	report_text = walk("--report", &report_status, &report_err);
	json_text = walk("--json", &json_status, &json_err);
	if (json_text)
		js = json_loads(json_text, JSON_REJECT_DUPLICATES, &js_error);
	if (report_text) {
		doc = cmark_parse_document(report_text, strlen(report_text), CMARK_OPT_DEFAULT);
		read_report();
	}

	SRunner *sr = srunner_create(report_suite());
	srunner_run_all(sr, CK_NORMAL);
	rc = srunner_ntests_failed(sr) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
	srunner_free(sr);

out:
	for (size_t i = 0; i < n_items; i++)
		free(items[i].text);
	free(items);
	if (doc)
		cmark_node_free(doc);
	json_decref(js);
	free(report_text);
	free(report_err);
	free(json_text);
	free(json_err);
	free(src);
	nftw(work, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(work);
	return rc;
}
