/* exercise: the exercises read from their directories, found by name or number, and set up
 * for a learner. See exercise.h. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/exercise.h"
#include "stages/exercise_int.h"
#include "stages/files.h"
#include "stages/i18n.h"
#include "stages/xfmt.h"

#define EXERCISE_MAX_FILE (256 * 1024)

/* ---- words ---- */

int exercise_words(const char *line, char ***words, size_t *n, char *err, size_t errlen)
{
	size_t cap = 8, len = strlen(line);
	char **w = calloc(cap + 1, sizeof *w);
	char *buf = malloc(len + 1);
	*words = NULL;
	*n = 0;
	if (!w || !buf)
		goto nomem;
	size_t k = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			break;
		size_t b = 0;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			if (*p != '"') {
				buf[b++] = *p++;
				continue;
			}
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				buf[b++] = *p++;
			}
			if (*p != '"') {
				snprintf(err, errlen, _("a double quote is not closed"));
				exercise_words_free(w);
				free(buf);
				return -1;
			}
			p++;
		}
		if (k == cap) {
			char **nw = realloc(w, (2 * cap + 1) * sizeof *nw);
			if (!nw)
				goto nomem;
			w = nw;
			cap *= 2;
		}
		w[k] = strndup(buf, b);
		if (!w[k])
			goto nomem;
		w[++k] = NULL;
	}
	free(buf);
	*words = w;
	*n = k;
	return 0;
nomem:
	exercise_words_free(w);
	free(buf);
	snprintf(err, errlen, _("out of memory"));
	return -1;
}

void exercise_words_free(char **words)
{
	for (size_t i = 0; words && words[i]; i++)
		free(words[i]);
	free(words);
}

/* ---- tidy lines ---- */

/* Cut every "prefix/" from s (in place). */
static void exercise_cut(char *s, const char *prefix)
{
	if (!prefix || !*prefix)
		return;
	size_t pl = strlen(prefix);
	char *at;
	while ((at = strstr(s, prefix)) && at[pl] == '/')
		memmove(at, at + pl + 1, strlen(at + pl + 1) + 1);
}

char *exercise_tidy(const char *line, const char *dir, const char *walkdir)
{
	char *s = strdup(line);
	if (!s)
		return NULL;
	char *real = dir ? realpath(dir, NULL) : NULL;
	exercise_cut(s, real);
	exercise_cut(s, dir);
	exercise_cut(s, walkdir);
	free(real);
	/* the linker's own name in front of its messages */
	const char *ld_names[] = { "/usr/bin/ld: ", "/usr/bin/ld.bfd: ", "/usr/bin/ld.gold: ",
				   "ld: " };
	for (size_t i = 0; i < sizeof ld_names / sizeof *ld_names; i++) {
		size_t l = strlen(ld_names[i]);
		if (strncmp(s, ld_names[i], l) == 0) {
			memmove(s, s + l, strlen(s + l) + 1);
			break;
		}
	}
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

char *exercise_first_message(const char *text, size_t len, const char *dir, const char *walkdir)
{
	const char *end = text ? text + len : NULL;
	for (const char *l = text; l && l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
		char *line = strndup(l, n);
		l = nl ? nl + 1 : end;
		if (!line)
			return NULL;
		int context = n == 0 || strncmp(line, "collect2:", 9) == 0 ||
			      (n >= 2 && strcmp(line + n - 2, "':") == 0) ||
			      (n >= 1 && line[n - 1] == ':') || strstr(line, ": In function") ||
			      strstr(line, "In file included from") || line[0] == ' ';
		if (context) {
			free(line);
			continue;
		}
		char *t = exercise_tidy(line, dir, walkdir);
		free(line);
		return t;
	}
	return NULL;
}

/* ---- exercise.md ---- */

/* A value of the front block without its comment: a '#' after a blank, followed by a blank
 * or the end, starts one; so "#include" in a summary stays. */
static char *exercise_value(const char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	char *s = strdup(v);
	if (!s)
		return NULL;
	for (char *p = s; *p; p++)
		if ((*p == ' ' || *p == '\t') && p[1] == '#' &&
		    (p[2] == '\0' || p[2] == ' ' || p[2] == '\t')) {
			*p = '\0';
			break;
		}
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static int exercise_name_ok(const char *name)
{
	if (!*name)
		return 0;
	for (const char *p = name; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
			return 0;
	return 1;
}

/* Append s (taken) to the growing text *t. */
static int exercise_append(char **t, size_t *len, const char *s, size_t n)
{
	char *nt = realloc(*t, *len + n + 1);
	if (!nt)
		return -1;
	memcpy(nt + *len, s, n);
	*len += n;
	nt[*len] = '\0';
	*t = nt;
	return 0;
}

static int exercise_add_hint(struct exercise *e, const char *text, size_t n)
{
	char **h = realloc(e->hints, (e->n_hints + 1) * sizeof *h);
	if (!h)
		return -1;
	e->hints = h;
	if (!(h[e->n_hints] = strndup(text, n)))
		return -1;
	e->n_hints++;
	return 0;
}

/* Parse the text of path into e (name, data_dir set by the caller). */
static int exercise_parse(struct exercise *e, const char *path, char *text, char *err,
			  size_t errlen)
{
	int lineno = 0, state = 0; /* 0 before the front block, 1 in it, 2 the body */
	int in_check = 0, checks = 0, in_hints = 0, check_line = 0, fence_other = 0;
	int have_order = 0, have_name = 0;
	size_t goal_len = 0, hint_len = 0;
	char *hint = NULL;
	e->goal = strdup("");
	if (!e->goal)
		goto nomem;
	/* a line at a time, empty ones included */
	for (char *l = text; l; lineno++) {
		char *nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		char *line = l;
		l = nl ? nl + 1 : NULL;
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		int num = lineno + 1;
		if (state == 0) {
			if (strcmp(line, "---") != 0) {
				snprintf(err, errlen, _("%1$s:%2$d: an exercise starts with a front "
							"block: a line \"---\", its keys, and \"---\""),
					 path, num);
				return -1;
			}
			state = 1;
			continue;
		}
		if (state == 1) {
			if (strcmp(line, "---") == 0) {
				state = 2;
				continue;
			}
			if (!*line || line[0] == '#')
				continue;
			char *colon = strchr(line, ':');
			if (!colon) {
				snprintf(err, errlen, _("%1$s:%2$d: a line of the front block is "
							"\"key: value\""), path, num);
				return -1;
			}
			*colon = '\0';
			char *key = line, *val = exercise_value(colon + 1);
			if (!val)
				goto nomem;
			char **slot = strcmp(key, "name") == 0 ? NULL :
				      strcmp(key, "stage") == 0 ? &e->stage :
				      strcmp(key, "topic") == 0 ? &e->topic :
				      strcmp(key, "summary") == 0 ? &e->summary :
				      strcmp(key, "wrong") == 0 ? &e->wrong : NULL;
			if (strcmp(key, "name") == 0) {
				if (strcmp(val, e->name) != 0) {
					snprintf(err, errlen, _("%1$s:%2$d: the name is \"%3$s\", but the "
								"directory is %4$s"), path, num, val,
						 e->name);
					free(val);
					return -1;
				}
				free(val);
				have_name = 1;
			} else if (strcmp(key, "order") == 0) {
				char *end;
				long v = strtol(val, &end, 10);
				if (!*val || *end || v < 0 || v > 1000000) {
					snprintf(err, errlen, _("%1$s:%2$d: order takes a number, not "
								"\"%3$s\""), path, num, val);
					free(val);
					return -1;
				}
				e->order = (int)v;
				have_order = 1;
				free(val);
			} else if (slot) {
				free(*slot);
				*slot = val;
			} else {
				snprintf(err, errlen, _("%1$s:%2$d: unknown key \"%3$s\" (the keys are "
							"name, stage, topic, summary, order and wrong)"),
					 path, num, key);
				free(val);
				return -1;
			}
			continue;
		}
		/* the body */
		if (in_check) {
			if (strncmp(line, "```", 3) == 0) {
				in_check = 0;
				continue;
			}
			char *t = line;
			while (*t == ' ' || *t == '\t')
				t++;
			if (!*t || *t == '#')
				continue;
			struct exercise_cond *c = realloc(e->conds, (e->n_conds + 1) * sizeof *c);
			if (!c)
				goto nomem;
			e->conds = c;
			if (exercise_cond_parse(t, path, num, &c[e->n_conds], err, errlen) < 0)
				return -1;
			e->n_conds++;
			continue;
		}
		int check_fence = strncmp(line, "```check", 8) == 0 &&
				  !line[8 + strspn(line + 8, " \t")];
		if (!fence_other && check_fence) {
			if (++checks > 1) {
				snprintf(err, errlen, _("%1$s:%2$d: a second ```check block (an exercise "
							"has one)"), path, num);
				return -1;
			}
			in_check = 1;
			check_line = num;
			continue;
		}
		if (strncmp(line, "```", 3) == 0)
			fence_other = !fence_other;
		if (!fence_other && strncmp(line, "## ", 3) == 0) {
			char *title = line + 3;
			while (*title == ' ')
				title++;
			if (hint && exercise_add_hint(e, hint, hint_len) < 0)
				goto nomem;
			free(hint);
			hint = NULL;
			hint_len = 0;
			in_hints = strcmp(title, "Hints") == 0;
			if (in_hints)
				continue;
		}
		if (in_hints) {
			const char *item = NULL;
			if ((line[0] == '-' || line[0] == '*') && line[1] == ' ')
				item = line + 2;
			else if (isdigit((unsigned char)line[0])) {
				size_t d = strspn(line, "0123456789");
				if ((line[d] == '.' || line[d] == ')') && line[d + 1] == ' ')
					item = line + d + 2;
			}
			if (item) {
				if (hint && exercise_add_hint(e, hint, hint_len) < 0)
					goto nomem;
				free(hint);
				hint = NULL;
				hint_len = 0;
				while (*item == ' ')
					item++;
				if (exercise_append(&hint, &hint_len, item, strlen(item)) < 0)
					goto nomem;
			} else if (hint && *line) {
				const char *t = line + strspn(line, " \t");
				if (exercise_append(&hint, &hint_len, " ", 1) < 0 ||
				    exercise_append(&hint, &hint_len, t, strlen(t)) < 0)
					goto nomem;
			}
			continue;
		}
		if (exercise_append(&e->goal, &goal_len, line, n) < 0 ||
		    exercise_append(&e->goal, &goal_len, "\n", 1) < 0)
			goto nomem;
	}
	if (hint && exercise_add_hint(e, hint, hint_len) < 0)
		goto nomem;
	free(hint);
	hint = NULL;
	if (state != 2) {
		snprintf(err, errlen, _("%s: the front block is not closed by a line \"---\""), path);
		return -1;
	}
	if (in_check) {
		snprintf(err, errlen, _("%1$s:%2$d: the ```check block is not closed"), path,
			 check_line);
		return -1;
	}
	if (!checks || !e->n_conds) {
		snprintf(err, errlen, _("%s: no ```check block with at least one condition"), path);
		return -1;
	}
	const char *missing = !have_name ? "name" : !e->stage ? "stage" : !e->topic ? "topic" :
			      !e->summary ? "summary" : !have_order ? "order" : NULL;
	if (missing) {
		snprintf(err, errlen, _("%1$s: the front block has no \"%2$s\""), path, missing);
		return -1;
	}
	if (walk_stage_from_name(e->stage) < 0) {
		snprintf(err, errlen, _("%1$s: unknown stage \"%2$s\" (one of preprocess, compile, "
					"assemble, link, run)"), path, e->stage);
		return -1;
	}
	/* the goal without the blank lines around it */
	size_t a = strspn(e->goal, "\n"), z = strlen(e->goal);
	while (z > a && e->goal[z - 1] == '\n')
		z--;
	memmove(e->goal, e->goal + a, z - a);
	e->goal[z - a] = '\0';
	return 0;
nomem:
	free(hint);
	snprintf(err, errlen, _("out of memory"));
	return -1;
}

static void exercise_free_one(struct exercise *e)
{
	free(e->name);
	free(e->stage);
	free(e->topic);
	free(e->summary);
	free(e->goal);
	for (size_t i = 0; i < e->n_hints; i++)
		free(e->hints[i]);
	free(e->hints);
	free(e->wrong);
	free(e->data_dir);
	for (size_t i = 0; i < e->n_conds; i++)
		exercise_cond_free(&e->conds[i]);
	free(e->conds);
}

/* In Chinese, the summary, the goal and the hints of DIR/NAME/exercise.zh_CN.md when there is
 * one and it reads as an exercise (tests/zh_structure.sh holds it to its English twin); the
 * conditions, the stage and the order stay exercise.md's. */
static void exercise_translate(struct exercise *e, const char *root, const char *name)
{
	char *md = xfmt("%s/%s/exercise.%s.md", root, name, i18n_lang_name());
	size_t len;
	char *text = md ? files_slurp(md, EXERCISE_MAX_FILE, &len, NULL) : NULL;
	struct exercise t = { .name = strdup(name) };
	char err[256];
	if (text && t.name && exercise_parse(&t, md, text, err, sizeof err) == 0) {
		char *swap = e->summary;
		e->summary = t.summary;
		t.summary = swap;
		swap = e->goal;
		e->goal = t.goal;
		t.goal = swap;
		char **hints = e->hints;
		size_t n_hints = e->n_hints;
		e->hints = t.hints;
		e->n_hints = t.n_hints;
		t.hints = hints;
		t.n_hints = n_hints;
	}
	exercise_free_one(&t);
	free(text);
	free(md);
}

/* Read DIR/NAME/exercise.md, and check that start/build is there. */
static int exercise_load_one(const char *root, const char *name, struct exercise *e, char *err,
			     size_t errlen)
{
	memset(e, 0, sizeof *e);
	e->name = strdup(name);
	e->data_dir = xfmt("%s/%s", root, name);
	char *md = xfmt("%s/%s/exercise.md", root, name);
	char *build = xfmt("%s/%s/start/build", root, name);
	int rc = -1;
	if (!e->name || !e->data_dir || !md || !build) {
		snprintf(err, errlen, _("out of memory"));
		goto out;
	}
	size_t len;
	char *text = files_slurp(md, EXERCISE_MAX_FILE, &len, NULL);
	if (!text) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), md, strerror(errno));
		goto out;
	}
	rc = exercise_parse(e, md, text, err, errlen);
	free(text);
	if (rc == 0 && i18n_lang() == I18N_ZH_CN)
		exercise_translate(e, root, name);
	if (rc == 0 && access(build, R_OK) != 0) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), build, strerror(errno));
		rc = -1;
	}
out:
	free(md);
	free(build);
	if (rc < 0)
		exercise_free_one(e);
	return rc;
}

int exercise_stage_id(const struct exercise *e)
{
	return walk_stage_from_name(e->stage);
}

static int exercise_cmp(const void *a, const void *b)
{
	const struct exercise *x = a, *y = b;
	int sx = exercise_stage_id(x), sy = exercise_stage_id(y);
	if (sx != sy)
		return sx < sy ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Sort v by stage, then topic rank (in number), then order: an insertion sort, which is
 * stable, so the earlier order stays within a topic. */
static void exercise_sort_topics(struct exercise *v, size_t k)
{
	for (size_t i = 1; i < k; i++) {
		struct exercise t = v[i];
		size_t j = i;
		while (j > 0 && exercise_stage_id(&v[j - 1]) == exercise_stage_id(&t) &&
		       v[j - 1].number > t.number) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = t;
	}
}

int exercise_load_all(const char *datadir, struct exercise **all, size_t *n, char *err,
		      size_t errlen)
{
	*all = NULL;
	*n = 0;
	char *root = xfmt("%s/lessons/exercises", datadir);
	if (!root) {
		snprintf(err, errlen, _("out of memory"));
		return -1;
	}
	DIR *d = opendir(root);
	if (!d) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), root, strerror(errno));
		free(root);
		return -1;
	}
	struct exercise *v = NULL;
	size_t k = 0;
	int rc = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *md = xfmt("%s/%s/exercise.md", root, de->d_name);
		int has = md && access(md, F_OK) == 0;
		free(md);
		if (!has)
			continue;
		if (!exercise_name_ok(de->d_name)) {
			snprintf(err, errlen, _("%1$s/%2$s: an exercise's name is made of lowercase "
						"letters, digits and '-'"), root, de->d_name);
			rc = -1;
			break;
		}
		struct exercise *nv = realloc(v, (k + 1) * sizeof *nv);
		if (!nv) {
			snprintf(err, errlen, _("out of memory"));
			rc = -1;
			break;
		}
		v = nv;
		if (exercise_load_one(root, de->d_name, &v[k], err, errlen) < 0) {
			rc = -1;
			break;
		}
		k++;
	}
	closedir(d);
	free(root);
	if (rc < 0) {
		exercise_free_all(v, k);
		return -1;
	}
	if (k)
		qsort(v, k, sizeof *v, exercise_cmp);
	/* a stage's topics in the order of their first exercise, each topic's exercises
	 * together: number is the rank here, first of the topic's first exercise */
	for (size_t i = 0; i < k; i++) {
		size_t first = i;
		for (size_t j = 0; j < i; j++)
			if (exercise_stage_id(&v[j]) == exercise_stage_id(&v[i]) &&
			    strcmp(v[j].topic, v[i].topic) == 0) {
				first = j;
				break;
			}
		v[i].number = (int)first; /* the topic's rank for now */
	}
	if (k)
		exercise_sort_topics(v, k);
	for (size_t i = 0; i < k; i++)
		v[i].number = (int)i + 1;
	*all = v;
	*n = k;
	return 0;
}

void exercise_free_all(struct exercise *all, size_t n)
{
	for (size_t i = 0; all && i < n; i++)
		exercise_free_one(&all[i]);
	free(all);
}

const struct exercise *exercise_find(const struct exercise *all, size_t n, const char *key)
{
	if (!key || !*key)
		return NULL;
	if (strspn(key, "0123456789") == strlen(key)) {
		long k = strtol(key, NULL, 10);
		return k >= 1 && (size_t)k <= n ? &all[k - 1] : NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i].name, key) == 0)
			return &all[i];
	return NULL;
}

/* ---- setting DIR up ---- */

static int exercise_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **exercise_list_files(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	*n = 0;
	if (!d)
		return NULL;
	char **v = calloc(1, sizeof *v);
	struct dirent *de;
	while (v && (de = readdir(d))) {
		char *p = xfmt("%s/%s", dir, de->d_name);
		struct stat st;
		int reg = p && stat(p, &st) == 0 && S_ISREG(st.st_mode) && de->d_name[0] != '.';
		free(p);
		if (!reg)
			continue;
		char **nv = realloc(v, (*n + 2) * sizeof *nv);
		if (!nv || !(nv[*n] = strdup(de->d_name))) {
			exercise_words_free(nv ? nv : v);
			v = NULL;
			break;
		}
		v = nv;
		v[++*n] = NULL;
	}
	closedir(d);
	if (v && *n)
		qsort(v, *n, sizeof *v, exercise_strcmp);
	return v;
}

/* Make dir and the directories above it (mode 0755). */
static int exercise_mkdirs(const char *dir)
{
	char *p = strdup(dir);
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

/* Copy file from to a new file to (never one that exists). */
static int exercise_copy(const char *from, const char *to)
{
	size_t len;
	char *data = files_slurp(from, EXERCISE_MAX_FILE, &len, NULL);
	if (!data)
		return -1;
	int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		free(data);
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			free(data);
			errno = e ? e : EIO;
			return -1;
		}
		off += (size_t)w;
	}
	free(data);
	return close(fd);
}

int exercise_setup(const struct exercise *e, const char *dir, char *err, size_t errlen)
{
	char *start = xfmt("%s/start", e->data_dir);
	size_t n = 0;
	char **files = start ? exercise_list_files(start, &n) : NULL;
	int rc = -1;
	if (!files) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), start ? start : e->data_dir,
			 strerror(errno));
		goto out;
	}
	struct stat st;
	if (stat(dir, &st) == 0) {
		/* a directory that exists is the learner's: nothing is written into it */
		if (!S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, _("%s exists and is not a directory"), dir);
			goto out;
		}
		for (size_t i = 0; i < n; i++) {
			char *p = xfmt("%s/%s", dir, files[i]);
			int there = p && access(p, F_OK) == 0;
			free(p);
			if (!there) {
				snprintf(err, errlen, _("%1$s exists but has no %2$s of exercise %3$s; "
							"lesson writes nothing into a directory that "
							"exists: name another with --dir, or remove "
							"this one"), dir, files[i], e->name);
				goto out;
			}
		}
		rc = 0;
		goto out;
	}
	if (errno != ENOENT) {
		snprintf(err, errlen, _("cannot use %1$s: %2$s"), dir, strerror(errno));
		goto out;
	}
	if (exercise_mkdirs(dir) < 0 || mkdir(dir, 0755) < 0) {
		snprintf(err, errlen, _("cannot create %1$s: %2$s"), dir, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char *from = xfmt("%s/%s", start, files[i]), *to = xfmt("%s/%s", dir, files[i]);
		int ok = from && to && exercise_copy(from, to) == 0;
		if (!ok)
			snprintf(err, errlen, _("cannot copy %1$s into %2$s: %3$s"), files[i], dir,
				 strerror(errno));
		free(from);
		free(to);
		if (!ok)
			goto out;
	}
	rc = 1;
out:
	exercise_words_free(files);
	free(start);
	return rc;
}
