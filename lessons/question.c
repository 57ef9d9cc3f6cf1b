/* question: a lesson's questions, parsed and expanded. See question.h. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/live.h"
#include "lessons/question.h"
#include "stages/files.h"
#include "stages/i18n.h"
#include "stages/xfmt.h"

static const char *const question_answer_names[] = {
	[QUESTION_BIGGEST] = "link.biggest",
	[QUESTION_UNDEFINED] = "assemble.undefined",
	[QUESTION_LDD_FIRST] = "link.ldd-first",
	[QUESTION_MEMBERS] = "link.members",
	[QUESTION_KIND_COUNT] = NULL,
};

const char *const *question_answers(void)
{
	return question_answer_names;
}

static size_t question_linelen(const char *p)
{
	return strcspn(p, "\n");
}

/* Is the line at p an opening fence of backticks or tildes with info string "question"? Sets
 * *ch and *fence to the fence's character and length. */
static int question_opens(const char *p, char *ch, size_t *fence)
{
	size_t n = 0;
	if (*p != '`' && *p != '~')
		return 0;
	while (p[n] == *p)
		n++;
	if (n < 3)
		return 0;
	const char *info = p + n;
	while (*info == ' ')
		info++;
	size_t len = question_linelen(info);
	while (len && info[len - 1] == ' ')
		len--;
	*ch = *p;
	*fence = n;
	return len == 8 && strncmp(info, "question", 8) == 0;
}

/* Is the line at p a closing fence of at least fence ch characters? */
static int question_closes(const char *p, char ch, size_t fence)
{
	size_t n = 0;
	while (p[n] == ch)
		n++;
	if (n < fence)
		return 0;
	while (p[n] == ' ')
		n++;
	return p[n] == '\n' || p[n] == '\0';
}

/* If the line at p opens some other fenced block, where the text after it starts (so that a
 * "```question" shown inside an example is not taken for a block); else NULL. */
static const char *question_skip_other(const char *p)
{
	char ch = *p;
	size_t n = 0;
	if (ch != '`' && ch != '~')
		return NULL;
	while (p[n] == ch)
		n++;
	if (n < 3)
		return NULL;
	p += question_linelen(p);
	while (*p == '\n') {
		p++;
		if (question_closes(p, ch, n)) {
			p += question_linelen(p);
			return *p == '\n' ? p + 1 : p;
		}
		p += question_linelen(p);
	}
	return p;
}

/* The value of "key: value" when the line at p has that key. */
static char *question_value(const char *p, const char *key)
{
	size_t klen = strlen(key), len = question_linelen(p);
	if (len <= klen || strncmp(p, key, klen) != 0 || p[klen] != ':')
		return NULL;
	const char *v = p + klen + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	size_t vlen = (size_t)(p + len - v);
	while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	return vlen ? strndup(v, vlen) : NULL;
}

int question_in_range(const char *choice, unsigned long long count)
{
	const char *s = choice;
	char *end;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	unsigned long long lo = strtoull(s, &end, 10), hi = lo;
	if (errno)
		return -1;
	if (*end == '+' && end[1] == '\0')
		return count >= lo;
	if (*end == '-') {
		s = end + 1;
		if (!isdigit((unsigned char)*s))
			return -1;
		hi = strtoull(s, &end, 10);
		if (errno || hi < lo)
			return -1;
	}
	if (*end != '\0')
		return -1;
	return count >= lo && count <= hi;
}

/* Say why q is malformed, once: the first fault found. */
static void question_fault(struct question *q, const char *why)
{
	if (!q->error)
		q->error = strdup(why);
}

/* Check a parsed block and fill kind, stage and view. */
static void question_check(struct question *q)
{
	q->kind = -1;
	q->stage = -1;
	if (!q->sample)
		question_fault(q, _("a question needs a `sample:` line: a sample's path under "
				    "samples/, or . for the program being walked."));
	if (!q->ask)
		question_fault(q, _("a question needs an `ask:` line."));
	if (q->n_choices < 2)
		question_fault(q, _("a question needs two to four `choice:` lines."));
	if (q->answer) {
		for (int k = 0; k < QUESTION_KIND_COUNT; k++)
			if (strcmp(q->answer, question_answer_names[k]) == 0)
				q->kind = k;
		if (q->kind < 0)
			question_fault(q, _("its `answer:` is not one of link.biggest, "
					    "assemble.undefined, link.ldd-first, link.members."));
	} else {
		question_fault(q, _("a question needs an `answer:` line naming the fact that "
				    "answers it."));
	}
	if (q->look) {
		const char *slash = strchr(q->look, '/');
		char *stage = slash ? strndup(q->look, (size_t)(slash - q->look)) : strdup(q->look);
		q->stage = stage ? walk_stage_from_name(stage) : -1;
		free(stage);
		if (slash && slash[1])
			q->view = strdup(slash + 1);
		if (q->stage < 0)
			question_fault(q, _("its `look:` does not start with a stage: preprocess, "
					    "compile, assemble, link or run."));
	} else {
		question_fault(q, _("a question needs a `look:` line naming the stage that shows "
				    "the answer."));
	}
	for (size_t i = 0; i < q->n_choices && q->kind >= 0; i++) {
		const char *c = q->choices[i];
		if (q->kind == QUESTION_MEMBERS && question_in_range(c, 0) < 0)
			question_fault(q, _("a choice of link.members must be a range: N, N-M or "
					    "N+."));
		if (q->kind == QUESTION_BIGGEST) {
			int known = 0;
			for (int k = 0; k < LINK_COUNT; k++)
				known |= strcmp(c, walk_link_name((enum link_kind)k)) == 0;
			if (!known)
				question_fault(q, _("a choice of link.biggest must be a way of "
						    "linking: dynamic, static, static-pie or "
						    "musl."));
		}
	}
	if (q->own || (q->sample && strcmp(q->sample, LIVE_OWN) == 0)) {
		q->own = 1;
		free(q->sample);
		q->sample = strdup(LIVE_OWN_FALLBACK);
	} else if (q->sample && (q->sample[0] == '/' || strstr(q->sample, ".."))) {
		question_fault(q, _("its `sample:` must be a path under samples/."));
	}
}

/* Parse the block that opens at p; returns where the text after it starts. */
static const char *question_block(const char *p, char ch, size_t fence, struct question *q)
{
	memset(q, 0, sizeof *q);
	p += question_linelen(p);
	while (*p == '\n') {
		p++;
		if (question_closes(p, ch, fence)) {
			p += question_linelen(p);
			question_check(q);
			return *p == '\n' ? p + 1 : p;
		}
		char *v;
		if ((v = question_value(p, "sample"))) {
			free(q->sample);
			q->sample = v;
		} else if ((v = question_value(p, "ask"))) {
			free(q->ask);
			q->ask = v;
		} else if ((v = question_value(p, "answer"))) {
			free(q->answer);
			q->answer = v;
		} else if ((v = question_value(p, "look"))) {
			free(q->look);
			q->look = v;
		} else if ((v = question_value(p, "choice"))) {
			if (q->n_choices < QUESTION_MAX_CHOICES) {
				q->choices[q->n_choices++] = v;
			} else {
				free(v);
				question_fault(q, _("a question has at most four choices."));
			}
		} else if (strspn(p, " \t") != question_linelen(p)) {
			question_fault(q, _("a line of it is none of sample:, ask:, choice:, "
					    "answer:, look:."));
		}
		p += question_linelen(p);
	}
	question_fault(q, _("its block is not closed."));
	question_check(q);
	return p;
}

/* Call fn for each block of md: with the text before it (len bytes), the parsed question, or
 * at the end with q NULL for the text after the last. */
typedef void (*question_visit_fn)(void *ctx, const char *text, size_t len, struct question *q,
				  int line);

static void question_walk(const char *md, question_visit_fn fn, void *ctx)
{
	const char *from = md, *p = md;
	int line = 1;
	char ch;
	size_t fence;
	while (*p) {
		if (question_opens(p, &ch, &fence)) {
			struct question q;
			const char *next = question_block(p, ch, fence, &q);
			q.line = line;
			fn(ctx, from, (size_t)(p - from), &q, line);
			for (; p < next; p++)
				line += *p == '\n';
			from = p;
			continue;
		}
		const char *after = question_skip_other(p);
		if (after) {
			for (; p < after; p++)
				line += *p == '\n';
			continue;
		}
		p += question_linelen(p);
		if (*p == '\n') {
			p++;
			line++;
		}
	}
	fn(ctx, from, (size_t)(p - from), NULL, line);
}

void question_clear(struct question *q)
{
	free(q->sample);
	free(q->ask);
	for (size_t k = 0; k < q->n_choices; k++)
		free(q->choices[k]);
	free(q->answer);
	free(q->look);
	free(q->view);
	free(q->error);
}

struct question_scan_ctx {
	struct question *qs;
	size_t n;
};

static void question_scan_one(void *ctx, const char *text, size_t len, struct question *q,
			      int line)
{
	struct question_scan_ctx *c = ctx;
	(void)text;
	(void)len;
	(void)line;
	if (!q)
		return;
	struct question *grown = realloc(c->qs, (c->n + 1) * sizeof *c->qs);
	if (!grown) {
		question_clear(q);
		return;
	}
	c->qs = grown;
	c->qs[c->n++] = *q;
}

size_t question_scan(const char *md, struct question **qs)
{
	struct question_scan_ctx c = { NULL, 0 };
	question_walk(md, question_scan_one, &c);
	*qs = c.qs;
	return c.n;
}

void question_list_free(struct question *qs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		question_clear(&qs[i]);
	free(qs);
}

char *question_commands(const char *dir, const char *sample, const struct question *q)
{
	switch (q->kind) {
	case QUESTION_BIGGEST:
		return live_command(dir, sample, "link.size");
	case QUESTION_LDD_FIRST:
		return live_command(dir, sample, "link.ldd");
	case QUESTION_MEMBERS:
		return live_command(dir, sample, "link.members");
	case QUESTION_UNDEFINED: {
		char *base = files_base(sample);
		char *out = base ? xfmt("gcc -c %s/%s -o %s.o\nnm %s.o", dir, sample, base, base) :
				   NULL;
		free(base);
		return out;
	}
	default:
		return NULL;
	}
}

/* A fence longer than any backtick run in text. */
static int question_fence_len(const char *text)
{
	int longest = 0, run = 0;
	for (; *text; text++) {
		run = *text == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest >= 3 ? longest + 1 : 3;
}

void question_after_commands(void *ctx, FILE *f, const struct question *q, int number)
{
	const struct question_where *where = ctx;
	char *cmds = NULL;
	(void)number;
	if (q->own && where->own) {
		const char *slash = strrchr(where->own, '/');
		char *d = slash ? strndup(where->own, (size_t)(slash - where->own)) : strdup(".");
		cmds = d ? question_commands(slash == where->own ? "/" : d,
					     slash ? slash + 1 : where->own, q) : NULL;
		free(d);
	} else {
		cmds = question_commands(where->dir, q->sample, q);
	}
	if (!cmds)
		return;
	int fl = question_fence_len(cmds);
	size_t tl = strlen(cmds);
	fprintf(f, "%s\n\n%.*stext\n%s%s%.*s\n", q->own && where->own ?
		_("Predict first; then, to see the answer for your program, run:") :
		_("Predict first; then, to see the answer on your machine, run:"), fl,
		"``````````````````", cmds, tl && cmds[tl - 1] == '\n' ? "" : "\n", fl,
		"``````````````````");
	free(cmds);
}

struct question_expand_ctx {
	FILE *f;
	int *number;
	question_after_fn after;
	void *ctx;
};

static void question_expand_one(void *ctx, const char *text, size_t len, struct question *q,
				int line)
{
	struct question_expand_ctx *c = ctx;
	(void)line;
	fwrite(text, 1, len, c->f);
	if (!q)
		return;
	if (q->error) {
		fprintf(c->f, "_");
		fprintf(c->f, _("(A question here is malformed: %s)"), q->error);
		fprintf(c->f, "_\n");
	} else {
		int n = ++*c->number;
		fprintf(c->f, "**");
		fprintf(c->f, _("Question %d."), n);
		fprintf(c->f, "** %s\n\n", q->ask);
		for (size_t i = 0; i < q->n_choices; i++)
			fprintf(c->f, "- %c) `%s`\n", QUESTION_LETTER(i), q->choices[i]);
		fputc('\n', c->f);
		if (c->after)
			c->after(c->ctx, c->f, q, n);
	}
	question_clear(q);
}

char *question_expand(const char *md, int *number, question_after_fn after, void *ctx)
{
	char *out = NULL;
	size_t len = 0;
	int here = 0;
	struct question_expand_ctx c = { open_memstream(&out, &len), number ? number : &here, after,
					 ctx };
	if (!c.f)
		return NULL;
	question_walk(md, question_expand_one, &c);
	if (fclose(c.f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

char *question_live_md(const char *md)
{
	struct question *qs;
	size_t n = question_scan(md, &qs);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f) {
		question_list_free(qs, n);
		return NULL;
	}
	fputs(md, f);
	for (size_t i = 0; i < n; i++)
		if (!qs[i].error)
			fprintf(f, "\n```live\nsample: %s\nfact: link.size\n```\n",
				qs[i].own ? LIVE_OWN : qs[i].sample);
	question_list_free(qs, n);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}
