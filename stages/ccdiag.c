/* ccdiag: the compiler's diagnostics, explained and placed at their cause. See ccdiag.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/ccdiag.h"
#include "stages/i18n.h"

static const char *const ccdiag_names[CCDIAG_KIND_COUNT] = {
	[CCDIAG_MISSING_SEMI] = "missing-semicolon",
	[CCDIAG_MISSING_BRACE] = "missing-brace",
	[CCDIAG_UNDECLARED] = "undeclared",
	[CCDIAG_IMPLICIT] = "implicit-declaration",
	[CCDIAG_INCOMPATIBLE] = "incompatible-types",
	[CCDIAG_NO_HEADER] = "no-header",
	[CCDIAG_TOO_FEW_ARGS] = "too-few-arguments",
	[CCDIAG_TOO_MANY_ARGS] = "too-many-arguments",
	[CCDIAG_OTHER_ERROR] = "error",
	[CCDIAG_OTHER_WARNING] = "warning",
};

static const char *const ccdiag_labels[CCDIAG_KIND_COUNT] = {
	[CCDIAG_MISSING_SEMI] = N_("missing ';'"),
	[CCDIAG_MISSING_BRACE] = N_("missing '}'"),
	[CCDIAG_UNDECLARED] = N_("undeclared identifier"),
	[CCDIAG_IMPLICIT] = N_("implicit declaration of a function"),
	[CCDIAG_INCOMPATIBLE] = N_("incompatible types"),
	[CCDIAG_NO_HEADER] = N_("missing header"),
	[CCDIAG_TOO_FEW_ARGS] = N_("too few arguments"),
	[CCDIAG_TOO_MANY_ARGS] = N_("too many arguments"),
	[CCDIAG_OTHER_ERROR] = N_("compile error"),
	[CCDIAG_OTHER_WARNING] = N_("compiler warning"),
};

const char *ccdiag_kind_name(enum ccdiag_kind k)
{
	return (unsigned)k < CCDIAG_KIND_COUNT ? ccdiag_names[k] : "unknown";
}

const char *ccdiag_kind_label(enum ccdiag_kind k)
{
	return (unsigned)k < CCDIAG_KIND_COUNT ? _(ccdiag_labels[k]) : _("unknown");
}

long ccdiag_at_line(const struct ccdiag *d, unsigned line)
{
	for (size_t i = 0; d && i < d->n; i++)
		if (d->items[i].cause_line == line)
			return (long)i;
	return -1;
}

struct ccdiag_parser {
	struct ccdiag *d;
	size_t cap;
	int oom;
	const char *main_file;
	const char *src;
	size_t src_len;
	const struct cfacts *cf;
	char *function;       /* of the last "In function" line */
	long cur;             /* the item the caret and note lines belong to, or -1 */
};

static char *ccdiag_fmt(struct ccdiag_parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *ccdiag_fmt(struct ccdiag_parser *ps, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		s = NULL;
		ps->oom = 1;
	}
	va_end(ap);
	return s;
}

static char *ccdiag_dup(struct ccdiag_parser *ps, const char *p, size_t n)
{
	char *s = malloc(n + 1);
	if (!s) {
		ps->oom = 1;
		return NULL;
	}
	memcpy(s, p, n);
	s[n] = '\0';
	/* NUL bytes in the input would cut the string short: show them as '?' */
	for (size_t i = 0; i < n; i++)
		if (!s[i])
			s[i] = '?';
	return s;
}

/* Append a line to *s (NULL: start it). */
static void ccdiag_append(struct ccdiag_parser *ps, char **s, const char *p, size_t n)
{
	size_t old = *s ? strlen(*s) : 0;
	char *r = realloc(*s, old + n + 2);
	if (!r) {
		ps->oom = 1;
		return;
	}
	if (old)
		r[old++] = '\n';
	memcpy(r + old, p, n);
	r[old + n] = '\0';
	for (size_t i = old; i < old + n; i++)
		if (!r[i])
			r[i] = '?';
	*s = r;
}

/* s with gcc's UTF-8 quotes ‘ ’ made ASCII: what the kinds are recognised in. */
static void ccdiag_ascii_quotes(char *s)
{
	char *o = s;
	for (const char *p = s; *p;) {
		if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0x98 || (unsigned char)p[2] == 0x99)) {
			*o++ = '\'';
			p += 3;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
}

/* The first name in quotes at or after from in the ASCII-quoted s, or NULL. */
static char *ccdiag_quoted(struct ccdiag_parser *ps, const char *from)
{
	const char *a = from ? strchr(from, '\'') : NULL;
	const char *b = a ? strchr(a + 1, '\'') : NULL;
	return b ? ccdiag_dup(ps, a + 1, (size_t)(b - a - 1)) : NULL;
}

static const char *ccdiag_basename(const char *p)
{
	const char *s = p ? strrchr(p, '/') : NULL;
	return s ? s + 1 : p;
}

static int ccdiag_is_main(const struct ccdiag_parser *ps, const char *file)
{
	if (!ps->main_file || !file)
		return 0;
	if (strcmp(file, ps->main_file) == 0)
		return 1;
	/* gcc names the file as it was given; the caller may have given it another way */
	return strchr(file, '/') == NULL && strcmp(file, ccdiag_basename(ps->main_file)) == 0;
}

/* Line n (1-based) of the source: its start and length; 0 when there is none. */
static int ccdiag_src_line(const struct ccdiag_parser *ps, unsigned n, const char **p, size_t *len)
{
	if (!ps->src || n == 0)
		return 0;
	const char *s = ps->src, *end = ps->src + ps->src_len;
	for (unsigned k = 1; k < n; k++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			return 0;
		s = nl + 1;
	}
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	*p = s;
	*len = nl ? (size_t)(nl - s) : (size_t)(end - s);
	return 1;
}

/* The display column (tabs to 8, as gcc counts them) of the line's first non-blank; 0 for a
 * blank line. */
static unsigned ccdiag_first_col(const char *p, size_t n)
{
	unsigned col = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == ' ')
			col++;
		else if (p[i] == '\t')
			col = (col / 8 + 1) * 8;
		else if (p[i] == '\r')
			continue;
		else
			return col + 1;
	}
	return 0;
}

/* The last line before line n that is not blank, or 0. */
static unsigned ccdiag_prev_code_line(const struct ccdiag_parser *ps, unsigned n)
{
	for (unsigned k = n; k-- > 1;) {
		const char *p;
		size_t len;
		if (ccdiag_src_line(ps, k, &p, &len) && ccdiag_first_col(p, len) > 0)
			return k;
	}
	return 0;
}

/* The '{' whose '}' is missing, from the braces of the source (comments, strings and
 * character constants skipped): the first '{' closed by a '}' indented less than its own
 * line, else the innermost one never closed. 0 when none is found. */
static unsigned ccdiag_open_brace(const struct ccdiag_parser *ps)
{
	enum { MAXD = 256 };
	unsigned line_of[MAXD], indent_of[MAXD];
	int depth = 0;
	unsigned line = 1, indent = 0, first_mismatch = 0;
	int at_start = 1, in_line_comment = 0, in_block = 0, pp_line = 0;
	char quote = 0;
	const char *s = ps->src;
	if (!s)
		return 0;
	for (size_t i = 0; i < ps->src_len; i++) {
		char c = s[i];
		if (c == '\n') {
			line++;
			indent = 0;
			at_start = 1;
			in_line_comment = 0;
			if (!(i > 0 && s[i - 1] == '\\'))
				pp_line = 0;
			if (quote && !(i > 0 && s[i - 1] == '\\'))
				quote = 0;
			continue;
		}
		if (at_start && (c == ' ' || c == '\t')) {
			indent = c == '\t' ? (indent / 8 + 1) * 8 : indent + 1;
			continue;
		}
		if (at_start && c == '#' && !in_block)
			pp_line = 1;
		at_start = 0;
		if (in_line_comment || pp_line)
			continue;
		if (in_block) {
			if (c == '*' && i + 1 < ps->src_len && s[i + 1] == '/') {
				in_block = 0;
				i++;
			}
			continue;
		}
		if (quote) {
			if (c == '\\')
				i++;
			else if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '/' && i + 1 < ps->src_len && s[i + 1] == '/') {
			in_line_comment = 1;
		} else if (c == '/' && i + 1 < ps->src_len && s[i + 1] == '*') {
			in_block = 1;
			i++;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '{') {
			if (depth < MAXD) {
				line_of[depth] = line;
				indent_of[depth] = indent;
			}
			depth++;
		} else if (c == '}' && depth > 0) {
			depth--;
			/* indent is that of the '}' line: where it started */
			if (depth < MAXD && !first_mismatch && line != line_of[depth] &&
			    indent < indent_of[depth])
				first_mismatch = line_of[depth];
		}
	}
	if (first_mismatch)
		return first_mismatch;
	if (depth > 0 && depth <= MAXD)
		return line_of[depth - 1];
	return 0;
}

/* libclang's fix-it that inserts ';' nearest before gcc's line (at it or above, not above
 * `from`): its line, or 0. */
static unsigned ccdiag_clang_semi(const struct ccdiag_parser *ps, unsigned from, unsigned upto,
				  unsigned *col)
{
	const struct cfacts *cf = ps->cf;
	unsigned best = 0;
	for (size_t i = 0; cf && i < cf->n_diags; i++) {
		const struct cfacts_diag *dg = &cf->diags[i];
		if (!dg->in_main || dg->severity < CFACTS_SEV_ERROR)
			continue;
		for (size_t k = 0; k < dg->n_fixits; k++) {
			const struct cfacts_fixit *fx = &dg->fixits[k];
			if (fx->text && strcmp(fx->text, ";") == 0 && fx->line >= from &&
			    fx->line <= upto && fx->line >= best) {
				best = fx->line;
				*col = fx->col;
			}
		}
	}
	return best;
}

static struct ccdiag_item *ccdiag_new(struct ccdiag_parser *ps)
{
	struct ccdiag *d = ps->d;
	if (d->n >= CCDIAG_MAX_ITEMS) {
		d->truncated = 1;
		return NULL;
	}
	if (d->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 8;
		struct ccdiag_item *it = realloc(d->items, cap * sizeof *it);
		if (!it) {
			ps->oom = 1;
			return NULL;
		}
		d->items = it;
		ps->cap = cap;
	}
	struct ccdiag_item *it = &d->items[d->n++];
	memset(it, 0, sizeof *it);
	return it;
}

/*
 * The explanations: what gcc found and why, at the line that causes it; then the fix.
 */

static void ccdiag_explain(struct ccdiag_parser *ps, struct ccdiag_item *it)
{
	const char *sym = it->symbol ? it->symbol : "?";
	unsigned at = it->cause_line ? it->cause_line : it->line;
	switch (it->kind) {
	case CCDIAG_MISSING_SEMI:
		if (it->cause_line && it->cause_line != it->line) {
			it->explain = ccdiag_fmt(ps, _("gcc reports this at line %1$u, but the cause is "
				"line %2$u: the declaration or statement there does not end with ';'. A "
				"line break does not end one in C, so gcc read on into line %1$u and "
				"noticed only at its first token, %3$s, that a ';' was missing before "
				"it."), it->line, it->cause_line, sym);
			it->fix = ccdiag_fmt(ps, _("end line %u with ';'"), it->cause_line);
		} else {
			it->explain = ccdiag_fmt(ps, _("A ';' is missing at line %1$u: every declaration "
				"and statement in C ends with one. gcc noticed at the token after the "
				"gap, %2$s, which is why its caret points just before it."), it->line, sym);
			it->fix = ccdiag_fmt(ps, _("end the statement or declaration at line %u with "
				"';'"), it->line);
		}
		it->lesson = "compile";
		break;
	case CCDIAG_MISSING_BRACE:
		if (it->cause_line && it->cause_line != it->line) {
			it->explain = ccdiag_fmt(ps, _("gcc reached the end of the file with a block still "
				"open: a '{' has no matching '}'. It can say so only at the end (line "
				"%1$u); the '{' that lacks its '}' is likely the one at line %2$u, whose "
				"block is closed by a '}' indented less than its own line (a guess from "
				"the indentation: gcc pairs each '}' with the nearest open '{')."),
				it->line, it->cause_line);
			it->fix = ccdiag_fmt(ps, _("add the '}' that closes the block opened at line %u"),
					     it->cause_line);
		} else {
			it->explain = ccdiag_fmt(ps, _("gcc reached the end of the file (line %u) with a "
				"block still open: a '{' has no matching '}', and gcc can say so only "
				"where the input ends."), it->line);
			it->fix = ccdiag_fmt(ps, "%s", _("add the missing '}' where its block should end"));
		}
		it->lesson = "compile";
		break;
	case CCDIAG_UNDECLARED:
		it->explain = ccdiag_fmt(ps, _("%1$s is used at line %2$u, but nothing declares it "
			"before that point, and C wants every name declared before its use. It may be "
			"misspelt, declared in another function or further down, or come from a header "
			"the file does not include. gcc reports each such name once per function."),
			sym, at);
		it->fix = ccdiag_fmt(ps, _("declare %s before line %u (check its spelling), or include "
			"the header that declares it"), sym, at);
		it->lesson = "compile";
		break;
	case CCDIAG_IMPLICIT:
		it->explain = ccdiag_fmt(ps, it->severity == CCDIAG_WARNING ?
			_("%1$s is called at line %2$u before anything declares it. Old C let such a "
			"call through, guessing that %1$s returns int and takes any arguments; C99 "
			"removed that rule, but this gcc only warns and goes on (gcc 14 and later make "
			"it an error). If no file or library defines %1$s, the link fails with an "
			"undefined reference.") :
			_("%1$s is called at line %2$u before anything declares it. Old C let such a "
			"call through, guessing that %1$s returns int and takes any arguments; C99 "
			"removed that rule, and this gcc makes it an error."), sym, at);
		it->fix = ccdiag_fmt(ps, _("include the header that declares %s, or declare its "
			"prototype above line %u"), sym, at);
		it->lesson = "standards";
		break;
	case CCDIAG_INCOMPATIBLE:
		it->explain = ccdiag_fmt(ps, _("At line %u a value of one type is used where another "
			"type is needed, and C has no conversion between the two (gcc's words name "
			"both): C converts one kind of number to another by itself, but not a "
			"structure to a number or a pointer, and not a pointer to an integer without "
			"a cast."), at);
		it->fix = ccdiag_fmt(ps, "%s", _("use a value of the type needed: a member of the "
			"structure, an address with &, what a pointer points to with *"));
		it->lesson = "compile";
		break;
	case CCDIAG_NO_HEADER:
		it->explain = ccdiag_fmt(ps, _("The preprocessor found no header %1$s, which line %2$u "
			"includes, in any directory it searches. Its name may be misspelt, the package "
			"that provides it (on Debian, usually a -dev package) may not be installed, or "
			"its directory needs -I. This error is fatal: nothing after it runs."), sym, at);
		it->fix = ccdiag_fmt(ps, _("check the name; install the package that has %s "
			"(apt-file search %s names it), or add -I DIR"), sym, sym);
		it->lesson = "preprocess";
		break;
	case CCDIAG_TOO_FEW_ARGS:
	case CCDIAG_TOO_MANY_ARGS:
		it->explain = ccdiag_fmt(ps, it->kind == CCDIAG_TOO_FEW_ARGS ?
			_("The call to %1$s at line %2$u passes fewer arguments than %1$s has "
			"parameters (gcc's note shows its declaration). When a function has a "
			"prototype, a call must pass one argument for each parameter.") :
			_("The call to %1$s at line %2$u passes more arguments than %1$s has "
			"parameters (gcc's note shows its declaration). When a function has a "
			"prototype, a call must pass one argument for each parameter."), sym, at);
		it->fix = ccdiag_fmt(ps, _("pass exactly the arguments that the declaration of %s "
			"lists"), sym);
		it->lesson = "compile";
		break;
	case CCDIAG_OTHER_ERROR:
		it->explain = ccdiag_fmt(ps, _("An error stops the compile: gcc writes no .s, and the "
			"later stages do not run. gcc's words say what it expected; the cause is at "
			"line %u or just before it."), at);
		it->lesson = "compile";
		break;
	case CCDIAG_OTHER_WARNING:
	default:
		if (it->option)
			it->explain = ccdiag_fmt(ps, _("A warning (%1$s) does not stop the compile: the "
				"program is built, but gcc found at line %2$u something that is often a "
				"mistake. -Werror would make every warning an error."), it->option, at);
		else
			it->explain = ccdiag_fmt(ps, _("A warning does not stop the compile: the program "
				"is built, but gcc found at line %u something that is often a mistake."),
				at);
		it->lesson = "compile";
		break;
	}
	if (it->cause_from_clang)
		/* appended as a sentence of its own */
		{
			char *s = ccdiag_fmt(ps, _("%1$s libclang's fix-it puts the ';' at line %2$u."),
					     it->explain ? it->explain : "", it->cause_line);
			if (s) {
				free(it->explain);
				it->explain = s;
			}
		}
	if (!it->in_main && it->file) {
		char *s = ccdiag_fmt(ps, _("%1$s gcc places it in %2$s, not in the source itself."),
				     it->explain ? it->explain : "", it->file);
		if (s) {
			free(it->explain);
			it->explain = s;
		}
	}
}

/* Where the cause is, for the kinds whose cause is not at gcc's place. */
static void ccdiag_cause(struct ccdiag_parser *ps, struct ccdiag_item *it)
{
	if (!it->in_main) {
		it->cause_line = 0;
		return;
	}
	it->cause_line = it->line;
	if (it->kind == CCDIAG_MISSING_SEMI) {
		const char *p;
		size_t len;
		unsigned guess = it->line;
		if (ccdiag_src_line(ps, it->line, &p, &len) && ccdiag_first_col(p, len) == it->col) {
			unsigned prev = ccdiag_prev_code_line(ps, it->line);
			if (prev)
				guess = prev;
		}
		unsigned col = 0, cl = ccdiag_clang_semi(ps, guess < it->line ? guess : it->line,
							 it->line, &col);
		if (cl) {
			it->cause_line = cl;
			it->cause_from_clang = 1;
		} else {
			it->cause_line = guess;
		}
	} else if (it->kind == CCDIAG_MISSING_BRACE) {
		unsigned b = ccdiag_open_brace(ps);
		if (b)
			it->cause_line = b;
	}
}

static enum ccdiag_kind ccdiag_classify(const char *m, enum ccdiag_severity sev)
{
	if (sev == CCDIAG_FATAL && strstr(m, ": No such file or directory"))
		return CCDIAG_NO_HEADER;
	if (strstr(m, "expected ';'") || strstr(m, "expected ',' or ';'") ||
	    strstr(m, "expected '=', ',', ';'"))
		return CCDIAG_MISSING_SEMI;
	if (strstr(m, "expected declaration or statement at end of input") ||
	    strstr(m, "expected '}'"))
		return CCDIAG_MISSING_BRACE;
	if (strstr(m, "' undeclared"))
		return CCDIAG_UNDECLARED;
	if (strstr(m, "implicit declaration of function"))
		return CCDIAG_IMPLICIT;
	if (strstr(m, "too few arguments to function"))
		return CCDIAG_TOO_FEW_ARGS;
	if (strstr(m, "too many arguments to function"))
		return CCDIAG_TOO_MANY_ARGS;
	if (strstr(m, "incompatible type") || strstr(m, "incompatible pointer type") ||
	    strstr(m, "makes integer from pointer") || strstr(m, "makes pointer from integer"))
		return CCDIAG_INCOMPATIBLE;
	return sev == CCDIAG_WARNING ? CCDIAG_OTHER_WARNING : CCDIAG_OTHER_ERROR;
}

/* "FILE:LINE:COL" or "FILE:LINE" before the severity: 1 when it parses. */
static int ccdiag_loc(const char *p, size_t n, size_t *file_len, unsigned *line, unsigned *col)
{
	unsigned nums[2] = { 0, 0 };
	int got = 0;
	size_t i = n;
	while (got < 2) {
		size_t end = i;
		while (i > 0 && p[i - 1] >= '0' && p[i - 1] <= '9')
			i--;
		if (i == end || end - i > 9 || i == 0 || p[i - 1] != ':')
			break;
		unsigned v = 0;
		for (size_t k = i; k < end; k++)
			v = v * 10 + (unsigned)(p[k] - '0');
		nums[got++] = v;
		i--;
	}
	if (got == 0 || i == 0)
		return 0;
	*file_len = i;
	*line = got == 2 ? nums[1] : nums[0];
	*col = got == 2 ? nums[0] : 0;
	return 1;
}

static void ccdiag_line(struct ccdiag_parser *ps, const char *p, size_t n)
{
	static const struct {
		const char *tag;
		int sev; /* -1: a note */
	} tags[] = {
		{ ": fatal error: ", CCDIAG_FATAL },
		{ ": error: ", CCDIAG_ERROR },
		{ ": warning: ", CCDIAG_WARNING },
		{ ": note: ", -1 },
	};
	if (n && p[n - 1] == '\r')
		n--;
	for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
		size_t k = strlen(tags[t].tag);
		for (size_t i = 0; i + k <= n; i++) {
			if (memcmp(p + i, tags[t].tag, k) != 0)
				continue;
			size_t flen;
			unsigned line, col;
			if (!ccdiag_loc(p, i, &flen, &line, &col))
				break;
			if (tags[t].sev < 0) {
				if (ps->cur >= 0)
					ccdiag_append(ps, &ps->d->items[ps->cur].raw, p, n);
				return;
			}
			struct ccdiag_item *it = ccdiag_new(ps);
			if (!it) {
				ps->cur = -1;
				return;
			}
			ps->cur = (long)(it - ps->d->items);
			it->severity = (enum ccdiag_severity)tags[t].sev;
			it->file = ccdiag_dup(ps, p, flen);
			it->in_main = ccdiag_is_main(ps, it->file);
			it->line = line;
			it->col = col;
			it->raw = ccdiag_dup(ps, p, n);
			it->message = ccdiag_dup(ps, p + i + k, n - i - k);
			if (ps->function)
				it->function = ccdiag_dup(ps, ps->function, strlen(ps->function));
			if (!it->message)
				return;
			/* the warning's flag at the end: " [-Wformat=]" */
			size_t ml = strlen(it->message);
			if (ml > 4 && it->message[ml - 1] == ']') {
				char *b = strrchr(it->message, '[');
				if (b && b > it->message && b[-1] == ' ' && b[1] == '-') {
					it->option = ccdiag_dup(ps, b + 1, (size_t)(it->message + ml - 1 - b - 1));
					b[-1] = '\0';
				}
			}
			char *m = ccdiag_dup(ps, it->message, strlen(it->message));
			if (!m)
				return;
			ccdiag_ascii_quotes(m);
			it->kind = ccdiag_classify(m, it->severity);
			if (it->kind == CCDIAG_NO_HEADER) {
				char *e = strstr(m, ": No such file or directory");
				it->symbol = ccdiag_dup(ps, m, (size_t)(e - m));
			} else if (it->kind == CCDIAG_MISSING_SEMI) {
				const char *b = strstr(m, " before ");
				it->symbol = b ? ccdiag_quoted(ps, b) : NULL;
			} else {
				it->symbol = ccdiag_quoted(ps, m);
			}
			free(m);
			if (it->severity == CCDIAG_WARNING)
				ps->d->n_warnings++;
			else
				ps->d->n_errors++;
			ccdiag_cause(ps, it);
			ccdiag_explain(ps, it);
			return;
		}
	}
	/* "x.c: In function 'main':", "x.c: At top level:" */
	const char *in = n > 0 ? memmem(p, n, ": In function ", 14) : NULL;
	if (in && p[n - 1] == ':') {
		char *m = ccdiag_dup(ps, in + 14, (size_t)(p + n - 1 - (in + 14)));
		if (m) {
			ccdiag_ascii_quotes(m);
			size_t ml = strlen(m);
			if (ml >= 2 && m[0] == '\'' && m[ml - 1] == '\'') {
				memmove(m, m + 1, ml - 2);
				m[ml - 2] = '\0';
			}
			free(ps->function);
			ps->function = m;
		}
		ps->cur = -1;
		return;
	}
	if (n > 0 && memmem(p, n, ": At top level:", 15)) {
		free(ps->function);
		ps->function = NULL;
		ps->cur = -1;
		return;
	}
	/* gcc's quote of the source and its caret: "    6 |  printf", "      |  ^~~" */
	if (ps->cur >= 0 && n > 0 && (p[0] == ' ' || p[0] == '\t'))
		ccdiag_append(ps, &ps->d->items[ps->cur].raw, p, n);
	else
		ps->cur = -1; /* "compilation terminated.", "In file included from", cc1's lines */
}

static void ccdiag_item_free(struct ccdiag_item *it)
{
	free(it->file);
	free(it->message);
	free(it->option);
	free(it->symbol);
	free(it->function);
	free(it->raw);
	free(it->explain);
	free(it->fix);
}

void ccdiag_free(struct ccdiag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		ccdiag_item_free(&d->items[i]);
	free(d->items);
	memset(d, 0, sizeof *d);
}

int ccdiag_parse(struct ccdiag *d, const char *err, size_t len, const char *main_file,
		 const char *src, size_t src_len, const struct cfacts *cf)
{
	memset(d, 0, sizeof *d);
	struct ccdiag_parser ps = { .d = d, .main_file = main_file, .src = src,
				    .src_len = src ? src_len : 0, .cf = cf, .cur = -1 };
	const char *end = err ? err + len : NULL;
	for (const char *l = err; l && l < end && !ps.oom;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
		ccdiag_line(&ps, l, n);
		l = nl ? nl + 1 : end;
	}
	free(ps.function);
	if (ps.oom) {
		ccdiag_free(d);
		return -1;
	}
	return 0;
}
