/* live: a lesson's live blocks. See live.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/live.h"
#include "stages/files.h"
#include "stages/golab.h"
#include "stages/i18n.h"
#include "stages/xfmt.h"

static const char *const live_fact_names[] = {
	"preprocess.lines", "assemble.sections", "link.size", "link.table",
	"link.ldd", "link.run", "link.warnings", "link.emptyroot", "link.members",
	"link.resolved", "go.scenarios", "go.experiments", "go.cgo-stages", "run.relocation",
	"run.segments", "run.loader", "run.process", "run.interpose", NULL,
};

const char *const *live_facts(void)
{
	return live_fact_names;
}

int live_fact_known(const char *fact)
{
	for (size_t i = 0; live_fact_names[i]; i++)
		if (strcmp(fact, live_fact_names[i]) == 0)
			return 1;
	return 0;
}

/* The length of the line at p, without its newline. */
static size_t live_linelen(const char *p)
{
	return strcspn(p, "\n");
}

/* Is the line at p an opening fence with info string "live"? Sets *fence to its length. */
static int live_opens(const char *p, size_t *fence)
{
	size_t n = 0;
	while (p[n] == '`')
		n++;
	if (n < 3)
		return 0;
	const char *info = p + n;
	while (*info == ' ')
		info++;
	size_t len = live_linelen(info);
	while (len && info[len - 1] == ' ')
		len--;
	*fence = n;
	return len == 4 && strncmp(info, "live", 4) == 0;
}

/* If the line at p opens some other fenced code block, return where the text after that
 * block starts, so a "```live" shown inside an example is not taken for a block; else NULL. */
static const char *live_skip_other(const char *p)
{
	char ch = *p;
	size_t n = 0;
	if (ch != '`' && ch != '~')
		return NULL;
	while (p[n] == ch)
		n++;
	if (n < 3)
		return NULL;
	p += live_linelen(p);
	while (*p == '\n') {
		p++;
		size_t m = 0;
		while (p[m] == ch)
			m++;
		const char *rest = p + m;
		while (*rest == ' ')
			rest++;
		if (m >= n && (*rest == '\n' || *rest == '\0')) {
			p += live_linelen(p);
			return *p == '\n' ? p + 1 : p;
		}
		p += live_linelen(p);
	}
	return p;
}

/* Is the line at p a closing fence of at least fence backticks? */
static int live_closes(const char *p, size_t fence)
{
	size_t n = 0;
	while (p[n] == '`')
		n++;
	if (n < fence)
		return 0;
	while (p[n] == ' ')
		n++;
	return p[n] == '\n' || p[n] == '\0';
}

/* The value of "key: value" if the line at p has that key. */
static char *live_value(const char *p, const char *key)
{
	size_t klen = strlen(key), len = live_linelen(p);
	if (len <= klen || strncmp(p, key, klen) != 0 || p[klen] != ':')
		return NULL;
	const char *v = p + klen + 1;
	while (*v == ' ')
		v++;
	size_t vlen = (size_t)(p + len - v);
	while (vlen && v[vlen - 1] == ' ')
		vlen--;
	return vlen ? strndup(v, vlen) : NULL;
}

/* "sample: ." is the program being walked; hello.c stands for it where there is none. */
static void live_own(struct live_ref *r)
{
	if (!r->sample || strcmp(r->sample, LIVE_OWN) != 0)
		return;
	free(r->sample);
	r->sample = strdup(LIVE_OWN_FALLBACK);
	r->own = 1;
}

/* Parse the block that opens at p; returns where the text after it starts. */
static const char *live_block(const char *p, size_t fence, struct live_ref *r)
{
	r->sample = r->fact = NULL;
	r->own = 0;
	p += live_linelen(p);
	while (*p == '\n') {
		p++;
		if (live_closes(p, fence)) {
			p += live_linelen(p);
			live_own(r);
			return *p == '\n' ? p + 1 : p;
		}
		char *v;
		if ((v = live_value(p, "sample"))) {
			free(r->sample);
			r->sample = v;
		} else if ((v = live_value(p, "fact"))) {
			free(r->fact);
			r->fact = v;
		}
		p += live_linelen(p);
	}
	live_own(r);
	return p; /* unclosed: CommonMark runs it to the end of the document */
}

size_t live_scan(const char *md, struct live_ref **refs)
{
	size_t n = 0, fence;
	int line = 1;
	*refs = NULL;
	for (const char *p = md; *p;) {
		if (live_opens(p, &fence)) {
			struct live_ref r;
			const char *next = live_block(p, fence, &r);
			r.line = line;
			*refs = realloc(*refs, (n + 1) * sizeof **refs);
			(*refs)[n++] = r;
			for (; p < next; p++)
				line += *p == '\n';
			continue;
		}
		const char *after = live_skip_other(p);
		if (after) {
			for (; p < after; p++)
				line += *p == '\n';
			continue;
		}
		p += live_linelen(p);
		if (*p == '\n') {
			p++;
			line++;
		}
	}
	return n;
}

void live_refs_free(struct live_ref *refs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(refs[i].sample);
		free(refs[i].fact);
	}
	free(refs);
}

char *live_command(const char *dir, const char *sample, const char *fact)
{
	/* the artifacts are named as the walk names them (files_base) */
	const char *slash = strrchr(sample, '/');
	char *out = NULL;
	int rc = -1;
	const char *s = sample, *d = dir;
	if (strncmp(fact, "go.", 3) == 0) {
		/* the Go lab's builds, from the sample's folder */
		char *godir = slash ? xfmt("%s/%.*s", d, (int)(slash - sample), sample) : strdup(d);
		out = godir ? golab_commands(godir, golab_part_named(fact + 3)) : NULL;
		free(godir);
		return out;
	}
	char *base = files_base(sample);
	if (!base)
		return NULL;
	const char *file = base;
	int b = (int)strlen(base);
	if (strcmp(fact, "preprocess.lines") == 0)
		rc = asprintf(&out, "gcc -E %s/%s -o %.*s.i\nwc -l %.*s.i", d, s, b, file, b, file);
	else if (strcmp(fact, "assemble.sections") == 0)
		rc = asprintf(&out, "gcc -c %s/%s -o %.*s.o\nreadelf -SW %.*s.o", d, s, b, file, b, file);
	else if (strncmp(fact, "link.", 5) == 0) {
		/* the four builds the walkthrough makes, then what shows this fact */
		const char *then = "";
		char *extra = NULL;
		if (strcmp(fact, "link.size") == 0)
			extra = xfmt("ls -l %.*s %.*s-static %.*s-static-pie %.*s-musl", b, file, b,
					 file, b, file, b, file);
		else if (strcmp(fact, "link.ldd") == 0)
			extra = xfmt("ldd ./%.*s; ldd ./%.*s-static", b, file, b, file);
		else if (strcmp(fact, "link.run") == 0)
			extra = xfmt("./%.*s </dev/null; echo \"exit $?\"", b, file);
		else if (strcmp(fact, "link.emptyroot") == 0)
			extra = xfmt("mkdir root && cp %.*s-static root/ && unshare -r chroot root "
					 "/%.*s-static", b, file, b, file);
		else if (strcmp(fact, "link.table") == 0 || strcmp(fact, "link.resolved") == 0)
			extra = xfmt("lesson --stage link %s/%s", d, s);
		else if (strcmp(fact, "link.members") == 0)
			extra = xfmt("gcc -static %.*s.o -o %.*s-static -Wl,-Map,%.*s.map\n"
					 "grep -c '^/.*\\.a(' %.*s.map", b, file, b, file, b, file, b, file);
		else
			then = _("(the linker's messages, if any, appear as each command runs)");
		rc = asprintf(&out, "gcc -c %s/%s -o %.*s.o\n"
			      "gcc %.*s.o -o %.*s\n"
			      "gcc -static %.*s.o -o %.*s-static\n"
			      "gcc -static-pie %.*s.o -o %.*s-static-pie\n"
			      "musl-gcc -static %s/%s -o %.*s-musl\n%s%s",
			      d, s, b, file, b, file, b, file, b, file, b, file, b, file, b, file, d, s,
			      b, file, extra ? extra : then, "");
		free(extra);
	}
	else if (strncmp(fact, "run.", 4) == 0) {
		/* what a learner types to see stage 5's fact by hand */
		char *extra = NULL;
		if (strcmp(fact, "run.relocation") == 0)
			extra = xfmt("objdump -dr %.*s.o | grep -B1 R_X86_64_PLT32\n"
				     "objdump -d %.*s | grep -A12 '<main>:'\nreadelf -rW %.*s", b, file,
				     b, file, b, file);
		else if (strcmp(fact, "run.segments") == 0)
			extra = xfmt("readelf -lW %.*s", b, file);
		else if (strcmp(fact, "run.loader") == 0)
			extra = xfmt("LD_DEBUG=libs,bindings,statistics ./%.*s\n"
				     "LD_BIND_NOW=1 LD_DEBUG=bindings ./%.*s\n"
				     "readelf -rW %.*s-static-pie | grep -c RELATIVE", b, file, b, file,
				     b, file);
		else if (strcmp(fact, "run.process") == 0)
			extra = xfmt("gdb -q -batch -ex 'break main' -ex run -ex 'info proc mappings' "
				     "./%.*s", b, file);
		else
			extra = xfmt("lesson --stage run %s/%s", d, s);
		rc = asprintf(&out, "gcc -c %s/%s -o %.*s.o\ngcc %.*s.o -o %.*s\n"
			      "gcc -static-pie %.*s.o -o %.*s-static-pie\n%s", d, s, b, file, b, file,
			      b, file, b, file, b, file, extra ? extra : "");
		free(extra);
	}
	else
		rc = asprintf(&out, "lesson --report %s/%s", d, s);
	free(base);
	return rc < 0 ? NULL : out;
}

/* A fence longer than any backtick run in text. */
static int live_fence_len(const char *text)
{
	int longest = 0, run = 0;
	for (; *text; text++) {
		run = *text == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest >= 3 ? longest + 1 : 3;
}

char *live_expand(const char *md, const char *dir, live_fill_fn fill, void *ctx)
{
	return live_expand_own(md, dir, NULL, fill, ctx);
}

/* A "sample: ." block beside a walk of the learner's file own: filled by that walk, or the
 * commands that show the fact for own, with a caption that names own. */
static char *live_own_text(const char *own, const char *fact, live_fill_fn fill, void *ctx,
			   char *caption, size_t size)
{
	const char *slash = strrchr(own, '/');
	const char *base = slash ? slash + 1 : own;
	char *text = fill ? fill(ctx, LIVE_OWN, fact) : NULL;
	if (text) {
		snprintf(caption, size, _("On this machine, just now, for your program `%.200s`:"),
			 base);
		return text;
	}
	char *d = slash ? strndup(own, (size_t)(slash - own)) : strdup(".");
	text = d ? live_command(slash == own ? "/" : d, base, fact) : NULL;
	free(d);
	snprintf(caption, size, "%s", _("To see it for your program, run:"));
	return text;
}

char *live_expand_own(const char *md, const char *dir, const char *own, live_fill_fn fill,
		      void *ctx)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f)
		return NULL;
	size_t fence;
	for (const char *p = md; *p;) {
		const char *after = live_opens(p, &fence) ? NULL : live_skip_other(p);
		if (after) {
			fwrite(p, 1, (size_t)(after - p), f);
			p = after;
			continue;
		}
		if (!live_opens(p, &fence)) {
			size_t l = live_linelen(p);
			fwrite(p, 1, l + (p[l] == '\n'), f);
			p += l + (p[l] == '\n');
			continue;
		}
		struct live_ref r;
		p = live_block(p, fence, &r);
		if (!r.sample || !r.fact || !live_fact_known(r.fact)) {
			fprintf(f, "_%s_\n", _("(A live block here is malformed: it needs `sample:` and "
					     "a known `fact:`.)"));
		} else if (r.own && own) {
			char caption[320];
			char *text = live_own_text(own, r.fact, fill, ctx, caption, sizeof caption);
			const char *t = text ? text : "";
			int fl = live_fence_len(t);
			size_t tl = strlen(t);
			fprintf(f, "%s\n\n%.*stext\n%s%s%.*s\n", caption, fl, "``````````````````", t,
				tl && t[tl - 1] == '\n' ? "" : "\n", fl, "``````````````````");
			free(text);
		} else {
			char *text = fill ? fill(ctx, r.sample, r.fact) : NULL;
			/* the sample named: beside a walk of the learner's own file, its facts
			 * must not pass for that file's */
			char caption[320];
			snprintf(caption, sizeof caption, _("On this machine, just now, for the sample "
							    "`%.200s`:"), r.sample);
			if (!text) {
				text = live_command(dir, r.sample, r.fact);
				snprintf(caption, sizeof caption, "%s", _("To see it on your machine, run "
									  "(or open the sample in `lesson`):"));
			}
			int fl = live_fence_len(text ? text : "");
			const char *t = text ? text : "";
			size_t tl = strlen(t);
			fprintf(f, "%s\n\n%.*stext\n%s%s%.*s\n", caption, fl, "``````````````````", t,
				tl && t[tl - 1] == '\n' ? "" : "\n", fl, "``````````````````");
			free(text);
		}
		free(r.sample);
		free(r.fact);
	}
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}
