/* glossary: the terms the lessons use, defined. See glossary.h. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lessons/glossary.h"
#include "stages/files.h"
#include "stages/i18n.h"

#define GLOSSARY_MAX_BYTES (1024 * 1024)

static void *glossary_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("lesson: out of memory\n", stderr);
		abort();
	}
	return q;
}

static char *glossary_xstrndup(const char *s, size_t n)
{
	char *d = glossary_xrealloc(NULL, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* "Feature-test macro" -> "feature-test-macro" */
static char *glossary_slug(const char *name)
{
	size_t n = strlen(name), o = 0;
	char *s = glossary_xrealloc(NULL, n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (isalnum(c) && c < 0x80)
			s[o++] = (char)tolower(c);
		else if (o > 0 && s[o - 1] != '-')
			s[o++] = '-';
	}
	while (o > 0 && s[o - 1] == '-')
		o--;
	s[o] = '\0';
	return s;
}

/* A blank that names and other names do not start or end with. */
static int glossary_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Whether paragraph para starts with word. */
static int glossary_starts(const char *para, const char *word)
{
	return strncmp(para, word, strlen(word)) == 0;
}

/* "Other names: a, b, c." -> a, b, c */
static void glossary_aliases(struct glossary_term *t, const char *para)
{
	const char *s = strchr(para, ':') + 1;
	size_t len = strlen(s);
	char *all = glossary_xstrndup(s, len);
	for (char *p = all; *p; p++)
		if (*p == '\n')
			*p = ' ';
	while (len > 0 && (all[len - 1] == '.' || glossary_blank(all[len - 1])))
		all[--len] = '\0';
	char *save = NULL;
	for (char *tok = strtok_r(all, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (glossary_blank(*tok))
			tok++;
		size_t n = strlen(tok);
		while (n > 0 && glossary_blank(tok[n - 1]))
			n--;
		if (n == 0)
			continue;
		t->aliases = glossary_xrealloc(t->aliases, (t->n_aliases + 1) * sizeof *t->aliases);
		t->aliases[t->n_aliases++] = glossary_xstrndup(tok, n);
	}
	free(all);
}

char **glossary_marked(const char *md, size_t *n)
{
	char **ids = NULL;
	size_t k = strlen(GLOSSARY_LINK);
	*n = 0;
	for (const char *p = md ? strstr(md, "](" GLOSSARY_LINK) : NULL; p;
	     p = strstr(p + 1, "](" GLOSSARY_LINK)) {
		const char *id = p + 2 + k;
		size_t len = strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-");
		if (len == 0 || id[len] != ')')
			continue;
		size_t i;
		for (i = 0; i < *n; i++)
			if (strlen(ids[i]) == len && memcmp(ids[i], id, len) == 0)
				break;
		if (i < *n)
			continue;
		ids = glossary_xrealloc(ids, (*n + 1) * sizeof *ids);
		ids[(*n)++] = glossary_xstrndup(id, len);
	}
	return ids;
}

void glossary_ids_free(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* Append a paragraph to *s (a blank line between paragraphs). */
static void glossary_append(char **s, const char *para)
{
	size_t have = *s ? strlen(*s) : 0, add = strlen(para);
	*s = glossary_xrealloc(*s, have + add + 3);
	if (have) {
		memcpy(*s + have, "\n\n", 2);
		have += 2;
	}
	memcpy(*s + have, para, add + 1);
}

/* A term's section: the lines after its heading, split into paragraphs. */
static void glossary_section(struct glossary_term *t, const char *body, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* skip blank lines, then take lines up to the next blank one */
		size_t end = i;
		while (i < len) {
			size_t e = i;
			while (e < len && body[e] != '\n')
				e++;
			size_t k = i;
			while (k < e && (body[k] == ' ' || body[k] == '\t' || body[k] == '\r'))
				k++;
			if (k < e)
				break;
			i = e + 1;
		}
		end = i;
		while (end < len) {
			size_t e = end;
			while (e < len && body[e] != '\n')
				e++;
			size_t k = end;
			while (k < e && (body[k] == ' ' || body[k] == '\t' || body[k] == '\r'))
				k++;
			if (k == e)
				break;
			end = e + 1;
		}
		if (end <= i)
			break;
		size_t plen = end - i;
		while (plen > 0 && (body[i + plen - 1] == '\n' || body[i + plen - 1] == '\r'))
			plen--;
		char *para = glossary_xstrndup(body + i, plen);
		if (glossary_starts(para, "Other names:") && !t->names_md) {
			glossary_aliases(t, para);
			t->names_md = para;
		} else if (glossary_starts(para, "See also:") && !t->see_md) {
			t->related = glossary_marked(para, &t->n_related);
			t->see_md = para;
		} else {
			glossary_append(&t->def, para);
			free(para);
		}
		i = end;
	}
}

static void glossary_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void glossary_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* The term other than skip that is called name (by its name, id or another name). */
static const struct glossary_term *glossary_named(const struct glossary *g, const char *name,
						  const struct glossary_term *skip)
{
	for (size_t i = 0; i < g->n; i++) {
		const struct glossary_term *t = &g->terms[i];
		if (t == skip)
			continue;
		if (strcasecmp(t->name, name) == 0 || strcasecmp(t->id, name) == 0)
			return t;
		for (size_t k = 0; k < t->n_aliases; k++)
			if (strcasecmp(t->aliases[k], name) == 0)
				return t;
	}
	return NULL;
}

int glossary_parse(const char *text, struct glossary *g, char *err, size_t errlen)
{
	memset(g, 0, sizeof *g);
	const char *p = text;
	const char *sec = NULL; /* the current term's heading line */
	for (;;) {
		int heading = strncmp(p, "## ", 3) == 0 || *p == '\0';
		if (heading && sec) {
			/* the section before this heading ends here */
			const char *nl = strchr(sec, '\n');
			const char *body = nl ? nl + 1 : sec + strlen(sec);
			struct glossary_term *t = &g->terms[g->n - 1];
			glossary_section(t, body, body < p ? (size_t)(p - body) : 0);
		}
		if (*p == '\0')
			break;
		if (heading) {
			const char *name = p + 3, *nl = strchr(name, '\n');
			size_t n = nl ? (size_t)(nl - name) : strlen(name);
			while (n > 0 && glossary_blank(*name)) {
				name++;
				n--;
			}
			while (n > 0 && glossary_blank(name[n - 1]))
				n--;
			g->terms = glossary_xrealloc(g->terms, (g->n + 1) * sizeof *g->terms);
			struct glossary_term *t = &g->terms[g->n++];
			memset(t, 0, sizeof *t);
			t->name = glossary_xstrndup(name, n);
			t->id = glossary_slug(t->name);
			sec = p;
		}
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : p + strlen(p);
	}
	if (g->n == 0) {
		glossary_err(err, errlen, "%s", _("the glossary defines no term (each starts with a "
						  "\"## NAME\" line)"));
		return -1;
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct glossary_term *t = &g->terms[i], *o;
		if (!*t->id || !t->def) {
			glossary_err(err, errlen, !*t->id ? _("the glossary's term \"%s\" has no letter "
							     "or digit in its name") :
				     _("the glossary's term \"%s\" has no definition"), t->name);
			glossary_free(g);
			return -1;
		}
		const char *clash = (o = glossary_named(g, t->name, t)) ? t->name :
				    (o = glossary_named(g, t->id, t)) ? t->id : NULL;
		for (size_t k = 0; !clash && k < t->n_aliases; k++)
			if ((o = glossary_named(g, t->aliases[k], t)))
				clash = t->aliases[k];
		if (clash) {
			glossary_err(err, errlen, _("the glossary's terms \"%1$s\" and \"%2$s\" share "
						    "the name \"%3$s\""), t->name, o->name, clash);
			glossary_free(g);
			return -1;
		}
	}
	return 0;
}

int glossary_load(const char *datadir, struct glossary *g, char *err, size_t errlen)
{
	char *path = NULL;
	size_t len;
	memset(g, 0, sizeof *g);
	char *text = NULL;
	/* in Chinese, lessons/zh_CN/glossary.md when there is one (i18n.h), else the English */
	if (i18n_lang() == I18N_ZH_CN) {
		if (asprintf(&path, "%s/lessons/%s/glossary.md", datadir, i18n_lang_name()) < 0) {
			glossary_err(err, errlen, "%s", strerror(ENOMEM));
			return -1;
		}
		text = files_slurp(path, GLOSSARY_MAX_BYTES, &len, NULL);
		if (!text) {
			free(path);
			path = NULL;
		}
	}
	if (!text && asprintf(&path, "%s/lessons/glossary.md", datadir) < 0) {
		glossary_err(err, errlen, "%s", strerror(ENOMEM));
		return -1;
	}
	if (!text)
		text = files_slurp(path, GLOSSARY_MAX_BYTES, &len, NULL);
	if (!text) {
		glossary_err(err, errlen, _("cannot read the glossary %1$s: %2$s"), path,
			     strerror(errno));
		free(path);
		return -1;
	}
	char why[256];
	int rc = glossary_parse(text, g, why, sizeof why);
	if (rc < 0)
		glossary_err(err, errlen, "%s: %s", path, why);
	free(text);
	free(path);
	return rc;
}

const struct glossary_term *glossary_by_id(const struct glossary *g, const char *id)
{
	for (size_t i = 0; id && i < g->n; i++)
		if (strcmp(g->terms[i].id, id) == 0)
			return &g->terms[i];
	return NULL;
}

const struct glossary_term *glossary_find(const struct glossary *g, const char *word)
{
	size_t n = strlen(word);
	while (n > 0 && glossary_blank(word[n - 1]))
		n--;
	while (n > 0 && glossary_blank(*word)) {
		word++;
		n--;
	}
	if (n == 0)
		return NULL;
	char *w = glossary_xstrndup(word, n);
	const struct glossary_term *t = glossary_named(g, w, NULL);
	if (!t && n > 1 && (w[n - 1] == 's' || w[n - 1] == 'S')) {
		w[n - 1] = '\0';
		t = glossary_named(g, w, NULL);
	}
	free(w);
	return t;
}

/* Optimal string alignment distance, ignoring case; long input is simply far. */
static size_t glossary_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 60 || lb > 60)
		return (size_t)-1;
	size_t d[61][61];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			int ai = tolower((unsigned char)a[i - 1]), bj = tolower((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + (ai != bj) < best)
				best = d[i - 1][j - 1] + (ai != bj);
			if (i > 1 && j > 1 && ai == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == bj && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const struct glossary_term *glossary_suggest(const struct glossary *g, const char *word)
{
	const struct glossary_term *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < g->n; i++) {
		const struct glossary_term *t = &g->terms[i];
		size_t d = glossary_distance(word, t->name);
		for (size_t k = 0; k < t->n_aliases; k++) {
			size_t e = glossary_distance(word, t->aliases[k]);
			if (e < d)
				d = e;
		}
		if (d < best_d) {
			best_d = d;
			best = t;
		}
	}
	/* a third of the word may be wrong, and at least two edits are forgiven, one in a word
	 * of four letters or fewer (against names such as "ld" and "GOT") */
	size_t len = strlen(word);
	size_t allowed = len / 3 > 2 ? len / 3 : len <= 4 ? 1 : 2;
	return best_d <= allowed ? best : NULL;
}

/* A paragraph that starts with the glossary file's keyword key ("Other names:"), shown with
 * the keyword in the user's language (label, translated) and the rest as it is. */
static char *glossary_labelled(const char *para, const char *key, const char *label)
{
	char *out = NULL;
	if (!para)
		return NULL;
	if (glossary_starts(para, key)) {
		/* a blank after an ASCII label, none after a full-width colon (其他名称：) */
		const char *rest = para + strlen(key);
		rest += strspn(rest, " ");
		size_t n = strlen(label);
		const char *gap = n && (unsigned char)label[n - 1] < 0x80 ? " " : "";
		return asprintf(&out, "%s%s%s", label, gap, rest) < 0 ? NULL : out;
	}
	return strdup(para);
}

char *glossary_term_markdown(const struct glossary_term *t)
{
	char *md = NULL;
	char *names = glossary_labelled(t->names_md, "Other names:", _("Other names:"));
	char *see = glossary_labelled(t->see_md, "See also:", _("See also:"));
	int r = asprintf(&md, "# %s\n\n%s\n%s%s%s%s", t->name, t->def, names ? "\n" : "",
			 names ? names : "", see ? "\n\n" : "", see ? see : "");
	free(names);
	free(see);
	if (r < 0)
		return NULL;
	size_t n = strlen(md);
	if (n > 0 && md[n - 1] != '\n') {
		char *grown = realloc(md, n + 2);
		if (!grown) {
			free(md);
			return NULL;
		}
		md = grown;
		memcpy(md + n, "\n", 2);
	}
	return md;
}

static int glossary_cmp_name(const void *a, const void *b)
{
	const struct glossary_term *const *x = a, *const *y = b;
	return strcasecmp((*x)->name, (*y)->name);
}

void glossary_write_md(FILE *f, const struct glossary *g, char *const *ids, size_t n,
		       const char *intro)
{
	const struct glossary_term **used = glossary_xrealloc(NULL, (n + 1) * sizeof *used);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct glossary_term *t = glossary_by_id(g, ids[i]);
		if (t)
			used[k++] = t;
	}
	if (k > 0) {
		qsort(used, k, sizeof *used, glossary_cmp_name);
		fputs("\n## ", f);
		fputs(_("Glossary"), f);
		fputs("\n\n", f);
		fputs(intro, f);
		fputc('\n', f);
		for (size_t i = 0; i < k; i++)
			fprintf(f, "\n<a id=\"term-%s\"></a>**%s**: %s\n", used[i]->id, used[i]->name,
				used[i]->def);
	}
	free(used);
}

void glossary_write_for(FILE *f, const char *datadir, const char *const *texts, size_t n,
			const char *intro)
{
	struct glossary g;
	char err[512];
	if (glossary_load(datadir, &g, err, sizeof err) < 0)
		return;
	char **ids = NULL;
	size_t n_ids = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k;
		char **more = glossary_marked(texts[i], &k);
		for (size_t j = 0; j < k; j++) {
			size_t have;
			for (have = 0; have < n_ids && strcmp(ids[have], more[j]) != 0; have++)
				;
			if (have < n_ids) {
				free(more[j]);
				continue;
			}
			ids = glossary_xrealloc(ids, (n_ids + 1) * sizeof *ids);
			ids[n_ids++] = more[j];
		}
		free(more);
	}
	glossary_write_md(f, &g, ids, n_ids, intro);
	glossary_ids_free(ids, n_ids);
	glossary_free(&g);
}

void glossary_free(struct glossary *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct glossary_term *t = &g->terms[i];
		free(t->name);
		free(t->id);
		for (size_t k = 0; k < t->n_aliases; k++)
			free(t->aliases[k]);
		free(t->aliases);
		glossary_ids_free(t->related, t->n_related);
		free(t->def);
		free(t->names_md);
		free(t->see_md);
	}
	free(g->terms);
	memset(g, 0, sizeof *g);
}
