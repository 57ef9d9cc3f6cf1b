/* excli: lesson --exercises and lesson --exercise. See excli.h. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lessons/datadir.h"
#include "lessons/styled.h"
#include "stages/exercise.h"
#include "stages/i18n.h"
#include "stages/tmpdir.h"
#include "stages/walk.h"
#include "tui/excli.h"
#include "tui/progress.h"
#include "tui/tui.h"

enum { EXCLI_INPUT = 1, EXCLI_USAGE = 2 };

/* The exercises into *all and *n: 0, or -1 after saying why. */
static int excli_load(struct exercise **all, size_t *n)
{
	char err[1024];
	if (exercise_load_all(datadir_get(), all, n, err, sizeof err) < 0) {
		fprintf(stderr, "lesson: %s\n", err);
		return -1;
	}
	return 0;
}

static int excli_flush(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("lesson: write error: %s\n"), strerror(errno));
		return EXCLI_INPUT;
	}
	return rc;
}

static int excli_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 0; /* a pipe: whole lines */
}

/* The columns s takes on a terminal: its display width (a CJK character takes two). */
static int excli_cols(const char *s)
{
	return sty_width(s, strlen(s));
}

int excli_list(void)
{
	size_t n;
	struct exercise *all;
	if (excli_load(&all, &n) < 0)
		return EXCLI_INPUT;
	struct progress prog;
	progress_load(&prog);
	int utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	const char *done = utf8 ? "✓" : "+";
	int width = excli_width(), namew = 0;
	for (size_t i = 0; i < n; i++)
		if (excli_cols(all[i].name) > namew)
			namew = excli_cols(all[i].name);
	fputs(_("Exercises by stage and topic; start one with lesson --exercise NAME (or its "
		"number), check it with --check.\n"), stdout);
	int stage = -1;
	/* the topics of a stage, in the order of their first exercise (exercise_load_all's
	 * order keeps each topic's exercises together) */
	const char *topic = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct exercise *e = &all[i];
		if (exercise_stage_id(e) != stage) {
			stage = exercise_stage_id(e);
			printf("\n%s\n", walk_stage_title((enum stage_id)stage));
			topic = NULL;
		}
		if (!topic || strcmp(topic, e->topic) != 0) {
			topic = e->topic;
			printf("  %s\n", topic);
		}
		char key[PROGRESS_KEY_MAX + 1];
		snprintf(key, sizeof key, "exercise:%s", e->name);
		int seen = progress_seen(&prog, key);
		int used = printf("  %3d %s%*s %s ", e->number, e->name,
				  namew - excli_cols(e->name), "", seen ? done : " ");
		used -= seen && utf8 ? 2 : 0; /* the mark's bytes past its one column */
		used -= (int)strlen(e->name) - excli_cols(e->name);
		int room = width - used;
		if (!width || excli_cols(e->summary) <= room)
			fputs(e->summary, stdout);
		else if (room > 4)
			printf("%.*s...", (int)sty_fit(e->summary, strlen(e->summary), room - 3),
			       e->summary);
		putchar('\n');
	}
	progress_free(&prog);
	exercise_free_all(all, n);
	return excli_flush(0);
}

/* An unknown exercise: say so, and list the real names. */
static int excli_unknown(const char *key, const struct exercise *all, size_t n)
{
	fprintf(stderr, _("lesson: no exercise '%s'\n"), key);
	fputs(_("The exercises are:"), stderr);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, " %s", all[i].name);
	fputs("\n", stderr);
	fputs(_("'lesson --exercises' lists them with their summaries.\n"), stderr);
	return EXCLI_USAGE;
}

/* Check the exercise in dir: a walk in a fresh walk directory, then the goal. */
static int excli_check(const struct exercise *e, const char *dir, const char *keep)
{
	tmpdir_install_signals();
	const char *wdir = tmpdir_create(keep);
	if (!wdir) {
		fprintf(stderr, _("lesson: cannot create the walk directory under $TMPDIR: %s\n"),
			strerror(errno));
		return EXCLI_INPUT;
	}
	setenv("TMPDIR", wdir, 1);
	struct exercise_prep p;
	char err[1024];
	if (exercise_prepare(e, dir, wdir, &p, err, sizeof err) < 0) {
		fprintf(stderr, "lesson: %s\n", err);
		tmpdir_remove();
		return EXCLI_INPUT;
	}
	struct walk *w = NULL;
	struct exercise_verdict v;
	if (!p.step_error) {
		/* lean: the goal reads gcc's, the linker's and the programs' facts, never
		 * libclang's, stage 5's or the library build's of the other sources */
		p.opts.no_clang = 1;
		p.opts.no_run5 = 1;
		p.opts.no_lib = 1;
		w = walk_new(p.src, &p.opts, wdir, err, sizeof err);
		if (!w) {
			fprintf(stderr, "lesson: %s\n", err);
			exercise_prepared_free(&p);
			tmpdir_remove();
			return EXCLI_INPUT;
		}
		walk_run(w);
	}
	exercise_check_prepared(e, &p, w, &v);
	int rc = v.status == EXERCISE_DONE ? 0 : v.status == EXERCISE_NOT_YET ? 3 : EXCLI_INPUT;
	if (v.status == EXERCISE_DONE) {
		printf(_("%1$s: done: %2$s\n"), e->name, v.why ? v.why : "");
		struct progress prog;
		char key[PROGRESS_KEY_MAX + 1];
		snprintf(key, sizeof key, "exercise:%s", e->name);
		progress_load(&prog);
		progress_mark(&prog, key);
		progress_free(&prog);
	} else if (v.status == EXERCISE_NOT_YET) {
		printf(_("%1$s: not yet: %2$s\n"), e->name, v.why ? v.why : "");
	} else {
		fprintf(stderr, "lesson: %s\n", v.why ? v.why : "");
	}
	exercise_verdict_free(&v);
	walk_free(w);
	exercise_prepared_free(&p);
	tmpdir_remove();
	return excli_flush(rc);
}

/* The walkthrough in watch mode on the exercise in dir. */
static int excli_walkthrough(const struct exercise *e, const char *dir, const struct excli_opts *o)
{
	tmpdir_install_signals();
	tmpdir_set_restore_hook(tui_restore);
	const char *wdir = tmpdir_create(o->keep);
	if (!wdir) {
		fprintf(stderr, _("lesson: cannot create the walk directory under $TMPDIR: %s\n"),
			strerror(errno));
		return EXCLI_INPUT;
	}
	setenv("TMPDIR", wdir, 1);
	struct exercise_prep p;
	char err[1024];
	if (exercise_prepare(e, dir, wdir, &p, err, sizeof err) < 0) {
		fprintf(stderr, "lesson: %s\n", err);
		tmpdir_remove();
		return EXCLI_INPUT;
	}
	/* libclang, ~100 MB of libraries, is loaded by a child, not here */
	p.opts.clang_in_child = 1;
	struct walk *w = walk_new(p.src, &p.opts, wdir, err, sizeof err);
	if (!w) {
		fprintf(stderr, "lesson: %s\n", err);
		exercise_prepared_free(&p);
		tmpdir_remove();
		return EXCLI_INPUT;
	}
	struct tui_opts to = { .datadir = datadir_get(), .no_color = o->no_color, .watch = 1,
			       .exercise = e, .exercise_dir = dir, .exercise_prep = &p,
			       .demo = o->demo, .demo_secs = o->demo_secs };
	if (o->headless) {
		to.headless = 1;
		to.cols = o->cols;
		to.lines = o->lines;
		to.keys = o->keys;
		to.dump = stdout;
	}
	if (walk_start(w) < 0)
		walk_run(w);
	int rc = tui_run(&w, &to);
	/* the walkthrough frees the walks it made (w is then NULL) */
	if (w)
		walk_cancel(w);
	walk_free(w);
	exercise_prepared_free(&p);
	tmpdir_remove();
	return o->headless ? excli_flush(rc) : rc;
}

int excli_run(const struct excli_opts *o)
{
	size_t n;
	struct exercise *all;
	if (excli_load(&all, &n) < 0)
		return EXCLI_INPUT;
	const struct exercise *e = exercise_find(all, n, o->key);
	int rc;
	char *dir = NULL;
	if (!e) {
		rc = excli_unknown(o->key, all, n);
		goto out;
	}
	if (o->solution) {
		char *diff, err[1024];
		if (exercise_solution_diff(e, &diff, err, sizeof err) < 0) {
			fprintf(stderr, "lesson: %s\n", err);
			rc = EXCLI_INPUT;
			goto out;
		}
		fputs(diff, stdout);
		free(diff);
		rc = excli_flush(0);
		goto out;
	}
	if (o->dir)
		dir = strdup(o->dir);
	else if (asprintf(&dir, "cstages-exercises/%s", e->name) < 0)
		dir = NULL;
	if (!dir) {
		fputs(_("lesson: out of memory\n"), stderr);
		rc = EXCLI_INPUT;
		goto out;
	}
	char err[1024];
	int made = exercise_setup(e, dir, err, sizeof err);
	if (made < 0) {
		fprintf(stderr, "lesson: %s\n", err);
		rc = EXCLI_INPUT;
		goto out;
	}
	if (made)
		fprintf(stderr, _("lesson: exercise %1$s set up in %2$s: edit its files there\n"),
			e->name, dir);
	/* a check, for graders and scripts; the walkthrough needs a terminal */
	int tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (o->check || (!tty && !o->headless))
		rc = excli_check(e, dir, o->keep);
	else
		rc = excli_walkthrough(e, dir, o);
out:
	free(dir);
	exercise_free_all(all, n);
	return rc;
}
