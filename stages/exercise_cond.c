/* exercise_cond: the conditions of an exercise's goal, read from its ```check block and
 * decided on the facts of a finished walk. See exercise.h and exercise_int.h. */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/exercise.h"
#include "stages/exercise_go.h"
#include "stages/exercise_int.h"
#include "stages/i18n.h"
#include "stages/jail.h"
#include "stages/symbols.h"
#include "stages/xfmt.h"

#define EXERCISE_SHOW_MAX 160 /* a program's output quoted in a line, at most */

static const char *const exercise_keywords[] = {
	[EXC_COMPILES] = "compiles",       [EXC_NO_WARNING] = "no-warning",
	[EXC_LINKS] = "links",             [EXC_LINK_QUIET] = "link-quiet",
	[EXC_EXITS] = "exits",             [EXC_PRINTS] = "prints",
	[EXC_EMPTY_ROOT] = "empty-root",   [EXC_SYMBOL] = "symbol",
	[EXC_EXPORTED] = "exported",       [EXC_NEEDED] = "needed",
	[EXC_NOT_NEEDED] = "not-needed",   [EXC_ELF_TYPE] = "elf-type",
	[EXC_RUNPATH] = "runpath",         [EXC_BIND_NOW] = "bind-now",
	[EXC_PRINTS_WITH] = "prints-with", [EXC_GO_STATIC] = "go-static",
};

/* How many words after the keyword each takes (-1: varies). */
static const int exercise_nargs[] = {
	[EXC_COMPILES] = 0,  [EXC_NO_WARNING] = -1, [EXC_LINKS] = 1,    [EXC_LINK_QUIET] = 1,
	[EXC_EXITS] = 2,     [EXC_PRINTS] = 2,      [EXC_EMPTY_ROOT] = 3, [EXC_SYMBOL] = -1,
	[EXC_EXPORTED] = 2,  [EXC_NEEDED] = 2,      [EXC_NOT_NEEDED] = 2, [EXC_ELF_TYPE] = 2,
	[EXC_RUNPATH] = 2,   [EXC_BIND_NOW] = 1,    [EXC_PRINTS_WITH] = 3, [EXC_GO_STATIC] = -1,
};

/* The way each takes its words, for the message that says how to write it. */
static const char *const exercise_usage[] = {
	[EXC_COMPILES] = "compiles",
	[EXC_NO_WARNING] = "no-warning [-WOPTION]",
	[EXC_LINKS] = "links VARIANT",
	[EXC_LINK_QUIET] = "link-quiet VARIANT",
	[EXC_EXITS] = "exits VARIANT N",
	[EXC_PRINTS] = "prints VARIANT \"TEXT\"",
	[EXC_EMPTY_ROOT] = "empty-root VARIANT exits N",
	[EXC_SYMBOL] = "symbol FILE.o NAME STATE [in SECTION]",
	[EXC_EXPORTED] = "exported VARIANT NAME",
	[EXC_NEEDED] = "needed VARIANT LIB",
	[EXC_NOT_NEEDED] = "not-needed VARIANT LIB",
	[EXC_ELF_TYPE] = "elf-type VARIANT EXEC|DYN",
	[EXC_RUNPATH] = "runpath VARIANT \"TEXT\"",
	[EXC_BIND_NOW] = "bind-now VARIANT",
	[EXC_PRINTS_WITH] = "prints-with VARIANT NAME=VALUE \"TEXT\"",
	[EXC_GO_STATIC] = "go-static [\"TEXT\"]",
};

static const char *const exercise_states[] = {
	[EXS_UNDEFINED] = "undefined", [EXS_DEFINED] = "defined", [EXS_ABSENT] = "absent",
	[EXS_LOCAL] = "local",         [EXS_GLOBAL] = "global",   [EXS_WEAK] = "weak",
};

#define EXC_COUNT ((int)(sizeof exercise_keywords / sizeof *exercise_keywords))

const char *exercise_cond_keyword(enum exercise_cond_kind k)
{
	return (int)k < EXC_COUNT ? exercise_keywords[k] : "?";
}

/* The variant named v, or -1. */
static int exercise_variant(const char *v)
{
	for (int k = 0; k < LINK_COUNT; k++)
		if (strcmp(v, walk_link_name((enum link_kind)k)) == 0)
			return k;
	return -1;
}

static int exercise_number(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > 255)
		return -1;
	*out = (int)v;
	return 0;
}

int exercise_cond_parse(const char *line, const char *file, int lineno, struct exercise_cond *c,
			char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	c->line = lineno;
	char **w = NULL;
	size_t n = 0;
	char werr[200];
	if (exercise_words(line, &w, &n, werr, sizeof werr) < 0) {
		snprintf(err, errlen, _("%1$s:%2$d: %3$s"), file, lineno, werr);
		return -1;
	}
	int k = -1;
	for (int i = 0; n && i < EXC_COUNT; i++)
		if (strcmp(w[0], exercise_keywords[i]) == 0)
			k = i;
	if (k < 0) {
		snprintf(err, errlen, _("%1$s:%2$d: unknown condition \"%3$s\" (see lesson(1), "
					"EXERCISES)"), file, lineno, n ? w[0] : "");
		exercise_words_free(w);
		return -1;
	}
	c->kind = (enum exercise_cond_kind)k;
	size_t args = n - 1;
	int bad = exercise_nargs[k] >= 0 && (int)args != exercise_nargs[k];
	if (k == EXC_NO_WARNING)
		bad = args > 1 || (args == 1 && strncmp(w[1], "-W", 2) != 0);
	if (k == EXC_SYMBOL)
		bad = !(args == 3 || (args == 5 && strcmp(w[4], "in") == 0));
	if (k == EXC_GO_STATIC) {
		bad = args > 1 || (args == 1 && !*w[1]);
		if (!bad && args == 1)
			c->text = strdup(w[1]);
	}
	/* the variant, where one is named */
	if (!bad && k != EXC_COMPILES && k != EXC_NO_WARNING && k != EXC_SYMBOL &&
	    k != EXC_GO_STATIC &&
	    (c->variant = exercise_variant(w[1])) < 0) {
		snprintf(err, errlen, _("%1$s:%2$d: unknown variant \"%3$s\" (one of dynamic, "
					"static, static-pie, musl)"), file, lineno, w[1]);
		exercise_words_free(w);
		return -1;
	}
	if (!bad) {
		switch (c->kind) {
		case EXC_NO_WARNING:
			c->text = args ? strdup(w[1]) : NULL;
			break;
		case EXC_EXITS:
			bad = exercise_number(w[2], &c->num) < 0;
			break;
		case EXC_EMPTY_ROOT:
			bad = strcmp(w[2], "exits") != 0 || exercise_number(w[3], &c->num) < 0;
			break;
		case EXC_PRINTS:
		case EXC_RUNPATH:
		case EXC_NEEDED:
		case EXC_NOT_NEEDED:
			c->text = strdup(w[2]);
			bad = !*w[2];
			break;
		case EXC_ELF_TYPE:
			c->text = strdup(w[2]);
			bad = strcmp(w[2], "EXEC") != 0 && strcmp(w[2], "DYN") != 0;
			break;
		case EXC_EXPORTED:
			c->name = strdup(w[2]);
			break;
		case EXC_PRINTS_WITH:
			c->name = strdup(w[2]);
			c->text = strdup(w[3]);
			bad = !strchr(w[2], '=') || w[2][0] == '=';
			break;
		case EXC_SYMBOL: {
			size_t ol = strlen(w[1]);
			c->object = strdup(w[1]);
			c->name = strdup(w[2]);
			c->state = -1;
			for (int s = 0; s < (int)(sizeof exercise_states / sizeof *exercise_states);
			     s++)
				if (strcmp(w[3], exercise_states[s]) == 0)
					c->state = s;
			if (args == 5)
				c->section = strdup(w[5]);
			bad = ol < 3 || strcmp(w[1] + ol - 2, ".o") != 0 || c->state < 0 ||
			      (c->section && (c->state == EXS_ABSENT || c->state == EXS_UNDEFINED));
			break;
		}
		default:
			break;
		}
	}
	exercise_words_free(w);
	if (bad) {
		snprintf(err, errlen, _("%1$s:%2$d: the condition is written \"%3$s\""), file,
			 lineno, exercise_usage[k]);
		exercise_cond_free(c);
		return -1;
	}
	return 0;
}

void exercise_cond_free(struct exercise_cond *c)
{
	free(c->text);
	free(c->object);
	free(c->name);
	free(c->section);
	memset(c, 0, sizeof *c);
}

/* ---- the facts ---- */

/* What one check works with. */
struct exercise_ctx {
	const struct walk *w;
	char *dir;         /* the exercise directory: the first source's */
	const struct exercise_prep *p; /* how the walk was prepared, or NULL */
};

static char *exercise_tidy_w(const struct exercise_ctx *x, const char *line)
{
	return exercise_tidy(line, x->dir, x->w->dir);
}

/* The first message of a run's stderr, tidied; NULL when it printed nothing. */
static char *exercise_first(const struct exercise_ctx *x, const struct proc_result *r)
{
	return exercise_first_message(r->err, r->err_len, x->dir, x->w->dir);
}

/* The first line of gcc's stderr that is an error ("error:" in it), tidied; else the
 * first message. */
static char *exercise_first_error(const struct exercise_ctx *x, const struct proc_result *r)
{
	const char *e = r->err, *end = r->err ? r->err + r->err_len : NULL;
	for (const char *l = e; l && l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
		char *line = strndup(l, n);
		l = nl ? nl + 1 : end;
		if (line && strstr(line, "error:")) {
			char *t = exercise_tidy_w(x, line);
			free(line);
			return t;
		}
		free(line);
	}
	return exercise_first(x, r);
}

/* The file name of path, for messages. */
static const char *exercise_base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Why the source files did not compile, or NULL when they did. */
static char *exercise_compile_failure(const struct exercise_ctx *x)
{
	const struct walk *w = x->w;
	for (int k = 0; k < 3; k++) {
		const struct stage_run *s = &w->stage[k];
		enum run_state st = walk_state(s);
		if (st == RUN_OK)
			continue;
		if (st == RUN_SKIPPED)
			return xfmt(_("%1$s was not compiled: %2$s"), exercise_base(w->src_path),
				    s->skip_reason ? s->skip_reason : "?");
		char *first = exercise_first_error(x, &s->proc);
		char *m = first ? xfmt(_("%1$s does not compile: %2$s"), exercise_base(w->src_path),
				       first) :
			  xfmt(_("%1$s does not compile (%2$s)"), exercise_base(w->src_path),
			       walk_run_describe(s));
		free(first);
		return m;
	}
	for (size_t e = 0; e < w->n_extra; e++) {
		const struct stage_run *s = &w->extra[e].cc;
		if (walk_state(s) == RUN_OK)
			continue;
		if (walk_state(s) == RUN_SKIPPED)
			return xfmt(_("%1$s was not compiled: %2$s"),
				    exercise_base(w->extra[e].src_path),
				    s->skip_reason ? s->skip_reason : "?");
		char *first = exercise_first_error(x, &s->proc);
		char *m = first ? xfmt(_("%1$s does not compile: %2$s"),
				       exercise_base(w->extra[e].src_path), first) :
			  xfmt(_("%1$s does not compile (%2$s)"),
			       exercise_base(w->extra[e].src_path), proc_describe(&s->proc));
		free(first);
		return m;
	}
	return NULL;
}

/* Why variant k did not link (or was not linked), or NULL when it linked. */
static char *exercise_link_failure(const struct exercise_ctx *x, int k)
{
	char *c = exercise_compile_failure(x);
	if (c)
		return c;
	const struct link_variant *v = &x->w->variant[k];
	const char *name = walk_link_name((enum link_kind)k);
	switch (walk_state(&v->link)) {
	case RUN_OK:
		return NULL;
	case RUN_SKIPPED:
		return xfmt(_("the %1$s program was not linked: %2$s"), name,
			    v->link.skip_reason ? v->link.skip_reason : "?");
	default: {
		char *first = exercise_first(x, &v->link.proc);
		char *m = first ? xfmt(_("the %1$s link fails: %2$s"), name, first) :
			  xfmt(_("the %1$s link fails (%2$s)"), name, walk_run_describe(&v->link));
		free(first);
		return m;
	}
	}
}

/* Text made one line for a message: newlines as " / ", cut at EXERCISE_SHOW_MAX bytes. */
static char *exercise_oneline(const char *s, size_t len)
{
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	char *o = malloc(len * 3 + 4);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < len && k < EXERCISE_SHOW_MAX; i++) {
		if (s[i] == '\n') {
			memcpy(o + k, " / ", 3);
			k += 3;
		} else if ((unsigned char)s[i] < ' ' && s[i] != '\t') {
			o[k++] = '?';
		} else {
			o[k++] = s[i];
		}
	}
	if (k >= EXERCISE_SHOW_MAX && len > EXERCISE_SHOW_MAX) {
		memcpy(o + k, "...", 3);
		k += 3;
	}
	o[k] = '\0';
	return o;
}

/* Whether run r of the program shows text on its stdout; else the line that says what it
 * printed instead (with what, the run's description, e.g. "run with LD_PRELOAD=x"). */
static char *exercise_printed(const struct proc_result *r, const char *variant, const char *text,
			      const char *env, int *held)
{
	*held = r->out && strstr(r->out, text) != NULL;
	if (*held)
		return env ? xfmt(_("run with %1$s, the %2$s program prints \"%3$s\""), env, variant,
				  text) :
		       xfmt(_("the %1$s program prints \"%2$s\""), variant, text);
	if (!r->out_len) {
		char *e = r->err_len ? exercise_oneline(r->err, r->err_len) : NULL;
		char *m;
		if (env && e)
			m = xfmt(_("run with %1$s, the %2$s program prints nothing, not \"%3$s\" "
				   "(%4$s: %5$s)"), env, variant, text, proc_describe(r), e);
		else if (env)
			m = xfmt(_("run with %1$s, the %2$s program prints nothing, not \"%3$s\" "
				   "(%4$s)"), env, variant, text, proc_describe(r));
		else if (e)
			m = xfmt(_("the %1$s program prints nothing, not \"%2$s\" (%3$s: %4$s)"),
				 variant, text, proc_describe(r), e);
		else
			m = xfmt(_("the %1$s program prints nothing, not \"%2$s\" (%3$s)"), variant,
				 text, proc_describe(r));
		free(e);
		return m;
	}
	/* the line most like text: the longest common start */
	const char *best = r->out, *end = r->out + r->out_len;
	size_t best_n = 0, best_len = 0;
	for (const char *l = r->out; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l), c = 0;
		while (c < n && text[c] && l[c] == text[c])
			c++;
		if (c > best_n || l == r->out) {
			best = l;
			best_len = n;
			best_n = c > best_n ? c : best_n;
		}
		l = nl ? nl + 1 : end;
	}
	char *shown = exercise_oneline(best, best_len);
	char *m = env ? xfmt(_("run with %1$s, the %2$s program prints \"%3$s\", not \"%4$s\""),
			     env, variant, shown ? shown : "", text) :
		  xfmt(_("the %1$s program prints \"%2$s\", not \"%3$s\""), variant,
		       shown ? shown : "", text);
	free(shown);
	return m;
}

/* A run's end against the status wanted: the line that says so. */
static char *exercise_ended(const struct exercise_ctx *x, const struct proc_result *r,
			    const char *variant, int want, int empty_root, int *held)
{
	*held = r->kind == PROC_EXITED && r->exit_code == want;
	if (*held)
		return empty_root ? xfmt(_("in an empty root, the %1$s program exits %2$d"), variant,
					 want) :
		       xfmt(_("the %1$s program exits %2$d"), variant, want);
	char *e = exercise_first(x, r);
	char *m;
	if (empty_root)
		m = e ? xfmt(_("in an empty root, the %1$s program ended with %2$s, not exit %3$d: "
			       "%4$s"), variant, proc_describe(r), want, e) :
		    xfmt(_("in an empty root, the %1$s program ended with %2$s, not exit %3$d"),
			 variant, proc_describe(r), want);
	else
		m = e ? xfmt(_("the %1$s program ended with %2$s, not exit %3$d: %4$s"), variant,
			     proc_describe(r), want, e) :
		    xfmt(_("the %1$s program ended with %2$s, not exit %3$d"), variant,
			 proc_describe(r), want);
	free(e);
	return m;
}

/* gcc's first warning or error at the first three stages (and the other sources' compiles),
 * with opt's name in its tag when opt is given; NULL when there is none. */
static char *exercise_warning(const struct exercise_ctx *x, const char *opt)
{
	const struct walk *w = x->w;
	char *tag = opt ? xfmt("[%s]", opt) : NULL;
	char *etag = opt ? xfmt("[-Werror=%s]", opt + 2) : NULL;
	char *found = NULL;
	for (size_t k = 0; k < 3 + w->n_extra && !found; k++) {
		const struct proc_result *r = k < 3 ? &w->stage[k].proc : &w->extra[k - 3].cc.proc;
		const char *end = r->err ? r->err + r->err_len : NULL;
		for (const char *l = r->err; l && l < end && !found;) {
			const char *nl = memchr(l, '\n', (size_t)(end - l));
			size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
			char *line = strndup(l, n);
			l = nl ? nl + 1 : end;
			if (!line)
				break;
			int diag = strstr(line, ": warning: ") || strstr(line, ": error: ") ||
				   strstr(line, ": fatal error: ");
			if (diag && opt)
				diag = (tag && strstr(line, tag)) || (etag && strstr(line, etag));
			if (diag)
				found = exercise_tidy_w(x, line);
			free(line);
		}
	}
	free(tag);
	free(etag);
	return found;
}

/* A symbol of an object of the walk: its table (NULL when the walk made no such object). */
static const struct symbols *exercise_object(const struct walk *w, const char *obj)
{
	char *main_o = xfmt("%s.o", w->base);
	int is_main = main_o && strcmp(main_o, obj) == 0;
	free(main_o);
	if (is_main)
		return walk_obj_ready(w) && w->obj_syms_ok ? &w->obj_syms : NULL;
	for (size_t e = 0; e < w->n_extra; e++)
		if (w->extra[e].obj && strcmp(w->extra[e].obj, obj) == 0)
			return w->extra[e].syms_ok ? &w->extra[e].syms : NULL;
	return NULL;
}

static char *exercise_symbol(const struct exercise_ctx *x, const struct exercise_cond *c,
			     int *held)
{
	*held = 0;
	const struct symbols *sy = exercise_object(x->w, c->object);
	if (!sy) {
		char *f = exercise_compile_failure(x);
		return f ? f : xfmt(_("the walk made no %s"), c->object);
	}
	/* the symbol: a definition first, else a reference */
	const struct symbols_sym *s = NULL;
	for (size_t i = 1; i < sy->n_syms; i++) {
		const struct symbols_sym *t = &sy->syms[i];
		if (t->type == STT_SECTION || t->type == STT_FILE || strcmp(t->name, c->name) != 0)
			continue;
		if (!s || (s->shndx == SHN_UNDEF && t->shndx != SHN_UNDEF))
			s = t;
	}
	const char *want = exercise_states[c->state];
	if (!s) {
		*held = c->state == EXS_ABSENT;
		return *held ? xfmt(_("%1$s has no symbol %2$s"), c->object, c->name) :
		       xfmt(_("%1$s has no symbol %2$s, not one that is %3$s"), c->object, c->name,
			    want);
	}
	const char *bind = symbols_bind_name(s->bind);
	if (s->shndx == SHN_UNDEF) {
		*held = c->state == EXS_UNDEFINED || (c->state == EXS_WEAK && s->bind == STB_WEAK);
		return *held ? xfmt(_("%1$s leaves %2$s undefined (%3$s)"), c->object, c->name,
				    bind) :
		       xfmt(_("%1$s leaves %2$s undefined (%3$s), not %4$s"), c->object, c->name,
			    bind, want);
	}
	switch (c->state) {
	case EXS_DEFINED:
		*held = 1;
		break;
	case EXS_LOCAL:
		*held = s->bind == STB_LOCAL;
		break;
	case EXS_GLOBAL:
		*held = s->bind == STB_GLOBAL;
		break;
	case EXS_WEAK:
		*held = s->bind == STB_WEAK;
		break;
	default:
		*held = 0;
	}
	size_t sl = c->section ? strlen(c->section) : 0;
	int in = !c->section || strcmp(s->section, c->section) == 0 ||
		 (strncmp(s->section, c->section, sl) == 0 && s->section[sl] == '.');
	if (*held && !in) {
		*held = 0;
		return xfmt(_("%1$s defines %2$s in %3$s, not %4$s"), c->object, c->name, s->section,
			    c->section);
	}
	if (*held)
		return xfmt(_("%1$s defines %2$s (%3$s) in %4$s"), c->object, c->name, bind,
			    s->section);
	return xfmt(_("%1$s defines %2$s as %3$s in %4$s, not %5$s"), c->object, c->name, bind,
		    s->section, want);
}

/* The dynamic section's entries of the program of variant k: runpath (DT_RUNPATH, or
 * DT_RPATH, which *which names) and whether it binds now. 0, or -1 when it has none. */
static int exercise_dynamic(const struct walk *w, int k, char **runpath, const char **which,
			    int *now)
{
	*runpath = NULL;
	*which = NULL;
	*now = 0;
	const char *art = w->variant[k].link.artifact;
	char *path = art ? walk_path(w, art) : NULL;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	free(path);
	if (fd < 0)
		return -1;
	int rc = -1;
	elf_version(EV_CURRENT);
	Elf *e = elf_begin(fd, ELF_C_READ, NULL);
	for (Elf_Scn *scn = NULL; e && (scn = elf_nextscn(e, scn));) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNAMIC)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
		rc = 0;
		for (size_t i = 0; d && i < n; i++) {
			GElf_Dyn dyn;
			if (!gelf_getdyn(d, (int)i, &dyn))
				break;
			if (dyn.d_tag == DT_FLAGS && (dyn.d_un.d_val & DF_BIND_NOW))
				*now = 1;
			if (dyn.d_tag == DT_FLAGS_1 && (dyn.d_un.d_val & DF_1_NOW))
				*now = 1;
			if (dyn.d_tag == DT_BIND_NOW)
				*now = 1;
			if ((dyn.d_tag == DT_RUNPATH || (dyn.d_tag == DT_RPATH && !*which))) {
				const char *s = elf_strptr(e, sh.sh_link, dyn.d_un.d_val);
				if (s) {
					free(*runpath);
					*runpath = strdup(s);
					*which = dyn.d_tag == DT_RUNPATH ? "RUNPATH" : "RPATH";
				}
			}
		}
		break;
	}
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}

/* A program of the walk, read for its .dynsym: whether it defines name (1), leaves it
 * undefined or lacks it (0). */
static char *exercise_exported(const struct walk *w, int k, const char *name, int *held)
{
	const char *variant = walk_link_name((enum link_kind)k);
	char *path = walk_path(w, w->variant[k].link.artifact);
	struct symbols sy;
	*held = 0;
	if (!path || symbols_read(path, SYMBOLS_DYNAMIC, &sy) < 0) {
		free(path);
		return xfmt(_("the %1$s program has no dynamic symbol table, so it exports no %2$s"),
			    variant, name);
	}
	free(path);
	long i = -1;
	for (size_t j = 1; j < sy.n_syms; j++)
		if (strcmp(sy.syms[j].name, name) == 0 && (i < 0 || sy.syms[j].shndx != SHN_UNDEF))
			i = (long)j;
	char *m;
	if (i < 0 || !sy.dynamic)
		m = xfmt(_("the %1$s program's .dynsym has no %2$s"), variant, name);
	else if (sy.syms[i].shndx == SHN_UNDEF)
		m = xfmt(_("the %1$s program's .dynsym leaves %2$s undefined"), variant, name);
	else if (sy.syms[i].bind == STB_LOCAL)
		m = xfmt(_("the %1$s program's .dynsym has %2$s as LOCAL"), variant, name);
	else {
		*held = 1;
		m = xfmt(_("the %1$s program's .dynsym defines %2$s"), variant, name);
	}
	symbols_free(&sy);
	return m;
}

/* Run the program of variant k again with env added; the line that says what it printed. */
static char *exercise_prints_with(const struct exercise_ctx *x, const struct exercise_cond *c,
				  int *held)
{
	const struct walk *w = x->w;
	const char *variant = walk_link_name((enum link_kind)c->variant);
	char *dotexe = xfmt("./%s", w->variant[c->variant].link.artifact);
	char **argv = dotexe ? walk_run_argv(w, dotexe) : NULL;
	char *env[] = { c->name, NULL };
	struct jail_extra je = { .env = env };
	struct proc_opts ro = { .cwd = w->dir, .timeout_ms = w->opts.run_timeout_ms,
				.out_cap = 64 * 1024, .stop_at_cap = 1, .user_locale = 1,
				.stdin_path = w->opts.run_stdin };
	struct proc_result r;
	char *left = NULL, *m;
	*held = 0;
	if (!argv) {
		free(dotexe);
		return xfmt(_("out of memory"));
	}
	jail_run_extra(argv, &ro, &w->jail, &je, &r, &left);
	m = exercise_printed(&r, variant, c->text, c->name, held);
	proc_result_free(&r);
	free(left);
	free(argv);
	free(dotexe);
	return m;
}

static char *exercise_needed(const struct walk *w, const struct exercise_cond *c, int *held)
{
	const struct link_variant *v = &w->variant[c->variant];
	const char *variant = walk_link_name((enum link_kind)c->variant);
	int listed = 0;
	size_t len = 0;
	for (size_t i = 0; i < v->elf.n_needed; i++) {
		listed |= strcmp(v->elf.needed[i], c->text) == 0;
		len += strlen(v->elf.needed[i]) + 2;
	}
	*held = c->kind == EXC_NEEDED ? listed : !listed;
	char *all = calloc(1, len + 1);
	for (size_t i = 0; all && i < v->elf.n_needed; i++) {
		if (i)
			strcat(all, ", ");
		strcat(all, v->elf.needed[i]);
	}
	char *m;
	if (!v->elf.n_needed)
		m = xfmt(_("the %1$s program has no NEEDED entry, so not %2$s"), variant, c->text);
	else if (listed)
		m = xfmt(_("the %1$s program's NEEDED lists %2$s (%3$s)"), variant, c->text,
			 all ? all : "");
	else
		m = xfmt(_("the %1$s program's NEEDED is %2$s, without %3$s"), variant,
			 all ? all : "", c->text);
	free(all);
	return m;
}

/* Decide one condition: its line, and *held. */
static char *exercise_decide(const struct exercise_ctx *x, const struct exercise_cond *c,
			     int *held)
{
	const struct walk *w = x->w;
	*held = 0;
	if (c->kind == EXC_COMPILES) {
		char *f = exercise_compile_failure(x);
		*held = !f;
		if (f)
			return f;
		if (w->n_extra)
			return xfmt(_("every source compiles to its object file"));
		return xfmt(_("%1$s compiles to %2$s.o"), exercise_base(w->src_path), w->base);
	}
	if (c->kind == EXC_NO_WARNING) {
		char *found = exercise_warning(x, c->text);
		*held = !found;
		if (found) {
			char *m = xfmt(_("gcc says: %s"), found);
			free(found);
			return m;
		}
		return c->text ? xfmt(_("gcc gives no %s diagnostic"), c->text) :
		       xfmt(_("gcc gives no warning"));
	}
	if (c->kind == EXC_SYMBOL)
		return exercise_symbol(x, c, held);
	if (c->kind == EXC_GO_STATIC) {
		if (!x->p || !x->p->has_go)
			return xfmt(_("the build file has no go: line, so go build was not run"));
		char *fact = NULL;
		*held = exercise_go_static(x->dir, w->dir, x->p->go_args, x->p->n_go_args, c->text,
					   &fact) == 1;
		return fact ? fact : xfmt("?");
	}
	/* the rest are about a linked program */
	const char *variant = walk_link_name((enum link_kind)c->variant);
	const struct link_variant *v = &w->variant[c->variant];
	char *f = exercise_link_failure(x, c->variant);
	if (f)
		return f;
	switch (c->kind) {
	case EXC_LINKS:
		*held = 1;
		return xfmt(_("the %s link succeeds"), variant);
	case EXC_LINK_QUIET: {
		char *first = exercise_first(x, &v->link.proc);
		if (!first && v->link.proc.out_len)
			first = exercise_first_message(v->link.proc.out, v->link.proc.out_len, x->dir,
						       w->dir);
		*held = !first;
		if (*held)
			return xfmt(_("the %s link succeeds and prints nothing"), variant);
		char *m = xfmt(_("the %1$s link prints: %2$s"), variant, first);
		free(first);
		return m;
	}
	case EXC_EXITS:
		return exercise_ended(x, &v->run, variant, c->num, 0, held);
	case EXC_PRINTS:
		return exercise_printed(&v->run, variant, c->text, NULL, held);
	case EXC_PRINTS_WITH:
		return exercise_prints_with(x, c, held);
	case EXC_EMPTY_ROOT:
		if (!v->empty_root_ran)
			return xfmt(_("the %1$s program could not be run in an empty root: %2$s"),
				    variant, v->empty_root_note ? v->empty_root_note : "?");
		return exercise_ended(x, &v->empty_root, variant, c->num, 1, held);
	case EXC_EXPORTED:
		return exercise_exported(w, c->variant, c->name, held);
	case EXC_NEEDED:
	case EXC_NOT_NEEDED:
		if (!v->elf_ok)
			return xfmt(_("the %1$s program's ELF facts could not be read: %2$s"), variant,
				    v->elf.error);
		return exercise_needed(w, c, held);
	case EXC_ELF_TYPE: {
		if (!v->elf_ok)
			return xfmt(_("the %1$s program's ELF facts could not be read: %2$s"), variant,
				    v->elf.error);
		const char *t = elfinfo_type_name(v->elf.type);
		*held = strcmp(t, c->text) == 0;
		return *held ? xfmt(_("the %1$s program is of ELF type %2$s"), variant, t) :
		       xfmt(_("the %1$s program is of ELF type %2$s, not %3$s"), variant, t, c->text);
	}
	case EXC_RUNPATH:
	case EXC_BIND_NOW: {
		char *rp;
		const char *which;
		int now;
		if (exercise_dynamic(w, c->variant, &rp, &which, &now) < 0)
			return xfmt(_("the %s program has no dynamic section"), variant);
		char *m;
		if (c->kind == EXC_BIND_NOW) {
			*held = now;
			m = now ? xfmt(_("the %s program's dynamic section asks to bind every symbol "
					 "at start (BIND_NOW)"), variant) :
			    xfmt(_("the %s program's dynamic section has neither BIND_NOW in "
				   "DT_FLAGS nor NOW in DT_FLAGS_1"), variant);
		} else if (!rp) {
			m = xfmt(_("the %s program has neither RUNPATH nor RPATH"), variant);
		} else {
			*held = strstr(rp, c->text) != NULL;
			m = *held ? xfmt(_("the %1$s program's %2$s is \"%3$s\""), variant, which, rp) :
			    xfmt(_("the %1$s program's %2$s is \"%3$s\", without \"%4$s\""), variant,
				 which, rp, c->text);
		}
		free(rp);
		return m;
	}
	default:
		return xfmt("?");
	}
}

/* exercise_check, with the walk's preparation p (NULL: none, so no go: line) */
static void exercise_check_with(const struct exercise *e, const struct exercise_prep *p,
				const struct walk *w, struct exercise_verdict *v)
{
	memset(v, 0, sizeof *v);
	struct exercise_ctx x = { .w = w, .p = p };
	const char *slash = strrchr(w->src_abs, '/');
	x.dir = slash ? strndup(w->src_abs, (size_t)(slash - w->src_abs)) : NULL;
	v->lines = calloc(e->n_conds + 1, sizeof *v->lines);
	v->held = calloc(e->n_conds + 1, sizeof *v->held);
	if (!v->lines || !v->held) {
		v->status = EXERCISE_CANNOT;
		v->why = strdup(_("out of memory"));
		free(x.dir);
		return;
	}
	v->status = EXERCISE_DONE;
	size_t held_len = 0;
	for (size_t i = 0; i < e->n_conds; i++) {
		v->lines[i] = exercise_decide(&x, &e->conds[i], &v->held[i]);
		if (!v->lines[i])
			v->lines[i] = strdup("?");
		v->n_lines++;
		held_len += v->lines[i] ? strlen(v->lines[i]) + 2 : 0;
		if (!v->held[i] && v->status == EXERCISE_DONE) {
			v->status = EXERCISE_NOT_YET;
			v->why = strdup(v->lines[i] ? v->lines[i] : "?");
		}
	}
	if (v->status == EXERCISE_DONE) {
		/* what holds, every fact of the goal */
		v->why = calloc(1, held_len + 1);
		for (size_t i = 0; v->why && i < v->n_lines; i++) {
			if (i)
				strcat(v->why, "; ");
			strcat(v->why, v->lines[i]);
		}
	}
	free(x.dir);
}

void exercise_check_prepared(const struct exercise *e, const struct exercise_prep *p,
			     const struct walk *w, struct exercise_verdict *v)
{
	if (p && p->step_error) {
		memset(v, 0, sizeof *v);
		v->status = EXERCISE_NOT_YET;
		v->why = strdup(p->step_error);
		return;
	}
	exercise_check_with(e, p, w, v);
}

void exercise_check(const struct exercise *e, const struct walk *w, struct exercise_verdict *v)
{
	exercise_check_with(e, NULL, w, v);
}

void exercise_verdict_free(struct exercise_verdict *v)
{
	for (size_t i = 0; v->lines && i < v->n_lines; i++)
		free(v->lines[i]);
	free(v->lines);
	free(v->held);
	free(v->why);
	memset(v, 0, sizeof *v);
}
