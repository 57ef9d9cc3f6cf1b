/* main: the command line of `lesson`. Chooses between the quick lookup (--stage), the
 * Markdown report (--report, or any run whose stdin or stdout is not a terminal), the JSON
 * document (--json) and the curses walkthrough, and sets up the walk directory and its
 * clean-up. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lessons/catalog.h"
#include "lessons/glossary.h"
#include "lessons/lesson.h"
#include "lessons/live.h"
#include "stages/cfwire.h"
#include "stages/linkargs.h"
#include "stages/i18n.h"
#include "stages/i18n.h"
#include "stages/jail.h"
#include "stages/tmpdir.h"
#include "stages/walk.h"
#include "lessons/datadir.h"
#include "stages/writers/json.h"
#include "lessons/livefill.h"
#include "lessons/question_report.h"
#include "tui/progress.h"
#include "tui/excli.h"
#include "stages/writers/report.h"
#include "tui/tui.h"

#if defined(__SANITIZE_ADDRESS__)
/* The sanitizer build (make distcheck): ncurses keeps the block newterm() allocates before it
 * reads the terminal's description, and newterm() fails for an unknown TERM with no way to
 * free it. That one leak is the library's, not lesson's; every other leak still fails. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:new_prescr\n";
}
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

enum {
	OPT_HELP = 'h',
	OPT_VERSION = 'V',
	OPT_OPT = 'O',
	OPT_STAGE = 256,
	OPT_TOPIC,
	OPT_LIST,
	OPT_REPORT,
	OPT_JSON,
	OPT_DEMO,
	OPT_KEEP,
	OPT_CC,
	OPT_NO_COLOR,
	OPT_HEADLESS,
	OPT_KEYS,
	OPT_FULL,
	OPT_COMPARE,
	OPT_ARG,
	OPT_STDIN,
	OPT_WATCH,
	OPT_EXERCISES,
	OPT_EXERCISE,
	OPT_DIR,
	OPT_CHECK,
	OPT_SOLUTION,
	OPT_NO_ANSWERS,
	OPT_DEFINE,
	OPT_LANG,
};

static const struct option main_options[] = {
	{ "stage", required_argument, NULL, OPT_STAGE },
	{ "topic", required_argument, NULL, OPT_TOPIC },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "define", required_argument, NULL, OPT_DEFINE },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "full", no_argument, NULL, OPT_FULL },
	{ "report", no_argument, NULL, OPT_REPORT },
	{ "no-answers", no_argument, NULL, OPT_NO_ANSWERS },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "demo", optional_argument, NULL, OPT_DEMO },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "cc", required_argument, NULL, OPT_CC },
	{ "optimize", required_argument, NULL, OPT_OPT },
	{ "compare", required_argument, NULL, OPT_COMPARE },
	{ "arg", required_argument, NULL, OPT_ARG },
	{ "stdin", required_argument, NULL, OPT_STDIN },
	{ "watch", no_argument, NULL, OPT_WATCH },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "exercises", no_argument, NULL, OPT_EXERCISES },
	{ "exercise", required_argument, NULL, OPT_EXERCISE },
	{ "dir", required_argument, NULL, OPT_DIR },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "solution", no_argument, NULL, OPT_SOLUTION },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	/* for screen tests: a virtual terminal of WxH and a key script, screens to stdout */
	{ "headless", required_argument, NULL, OPT_HEADLESS },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ NULL, 0, NULL, 0 },
};

static void main_usage(FILE *f)
{
	/* One paragraph a message, as GNU programs do; the options keep their names. */
	fputs(_("Usage: lesson [OPTION]... [FILE.c [MORE.c]...] [-- LINK-ARGUMENT...]\n"
		"Walk a C program through gcc's four stages (preprocess, compile, assemble, link)\n"
		"and its run with the real toolchain, and explain each stage.\n"), f);
	fputs("\n", f);
	fputs(_("With no FILE, walk the sample hello.c. When standard input or output is not a\n"
		"terminal, print the walkthrough as a Markdown report instead of opening it.\n"), f);
	fputs("\n", f);
	/* TRANSLATORS: translate the descriptions, not the options; keep the columns */
	fputs(_("  --stage=STAGE   print the lesson for STAGE and exit; STAGE is one of\n"
		"                  preprocess, compile, assemble, link, run (runs no tool)\n"
		"  --stage=STAGE FILE  the lesson, then FILE's results at STAGE; a static\n"
		"                  link's archive members are summarized (the biggest)\n"
		"      --full      with --stage and FILE: every archive member, in full\n"
		"  --topic=NAME    print the lesson on topic NAME and exit\n"
		"  --list          list the stages and topics, in teaching order\n"
		"  --define=TERM   print the definition of TERM, a word the lessons use\n"
		"                  (--define=list lists them all; runs no tool)\n"
		"      --report    print the whole walkthrough of FILE as Markdown\n"
		"      --no-answers  with --report: the lessons' questions without their\n"
		"                  answers (the students' copy)\n"
		"      --json      print the whole walkthrough of FILE as JSON (see man lesson)\n"
		"      --demo[=SECONDS]  the classroom presentation: big stage banner, high\n"
		"                  contrast, one idea per Space (Backspace goes back); with\n"
		"                  SECONDS, it goes on by itself\n"
		"      --keep=DIR  keep the artifacts in DIR instead of a temporary directory\n"
		"  -O LEVEL        compile at -OLEVEL: 0, 1, 2, 3, s or g (default: gcc's -O0)\n"
		"      --compare=LEVEL  compile at -OLEVEL too and show the two .s side by\n"
		"                  side, function by function (in the walkthrough: c)\n"
		"      --arg=ARG   give every run of the program ARG as its next argument,\n"
		"                  as one argument (no shell splitting); repeatable\n"
		"      --stdin=FILE  every run of the program reads FILE as its standard\n"
		"                  input (default: /dev/null)\n"
		"      --watch     walk FILE again each time it (or a header beside it) is\n"
		"                  saved, and mark what changed (needs a terminal)\n"
		"      --cc=CC     use CC instead of gcc\n"
		"      --exercises  list the exercises, by stage and topic\n"
		"      --exercise=NAME  set exercise NAME (or number) up in DIR and open it,\n"
		"                  walked again at each save\n"
		"      --dir=DIR   the exercise's directory (default:\n"
		"                  ./cstages-exercises/NAME; one that exists is not written to)\n"
		"      --check     with --exercise: check the goal, no terminal; exit 0 done,\n"
		"                  3 not yet\n"
		"      --solution  with --exercise: the solution as a diff for patch -p1\n"
		"      --no-color  no colours (also when NO_COLOR is set)\n"
		"  -h, --help      display this help and exit\n"
		"  -V, --version   output version information and exit\n"), f);
	/* TRANSLATORS: translate the description, not the option nor zh_CN and en */
	fputs(_("      --lang=LANG  speak LANG: zh_CN (Simplified Chinese) or en, whatever the\n"
		"                  locale says\n"), f);
	fputs("\n", f);
	fputs(_("Arguments after -- go to every link, e.g.: lesson zpipe.c -- -lz (but none that\n"
		"chooses where a link writes or what it makes, such as -o FILE, -c or -shared)\n"
		"More files are compiled with gcc -c and linked with the first, e.g.:\n"
		"  lesson main.c util.c\n"), f);
	fputs("\n", f);
	fputs(_("Exit status: 0 if all went well (a program that fails to compile is a result,\n"
		"not an error), 1 if the input could not be walked, 2 for a usage error;\n"
		"with --check, 3 when the exercise's goal does not hold yet.\n"), f);
	fputs("\n", f);
	fputs(_("Full documentation: man lesson\n"), f);
}

static void main_version(void)
{
	printf("lesson (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fputs(_("This is free software: you are free to change and redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}

__attribute__((format(printf, 1, 2))) static int main_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("lesson: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(_("Try 'lesson --help' for more information.\n"), stderr);
	return EXIT_USAGE;
}

/* Set when stdout's reader went away while a walk directory existed (main_write_error):
 * main then removes the directory and ends as a filter does, killed by SIGPIPE. */
static int main_reader_left;

/* A caught SIGPIPE: the write that raised it fails with EPIPE instead, and main cleans up.
 * A handler, not SIG_IGN, so that no program lesson runs inherits it (exec resets it). */
static void main_on_sigpipe(int sig)
{
	(void)sig;
}

/* Whether stdout is a pipe (or socket) whose reader has gone: `lesson --report | head -1`. */
static int main_reader_gone(void)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };
	return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

/* A write to stdout failed with e: say so (a full disk), or, when the reader went away,
 * note it for main_end and say nothing, as a filter whose reader stopped early. */
static int main_write_error(int e)
{
	if (e == EPIPE || main_reader_gone()) {
		main_reader_left = 1;
		return EXIT_INPUT;
	}
	fprintf(stderr, _("lesson: write error: %s\n"), strerror(e));
	return EXIT_INPUT;
}

/* Flush stdout and say so if the text did not get out (a full disk, a closed pipe). */
static int main_flush(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return main_write_error(errno);
	return rc;
}

/* The end of a run that made a walk directory, once it is removed: when stdout's reader
 * went away, die of SIGPIPE as any filter would (status 141 in the shell, which prints
 * nothing for it); else return rc. */
static int main_end(int rc)
{
	if (!main_reader_left)
		return rc;
	signal(SIGPIPE, SIG_DFL);
	sigset_t pipe_only;
	sigemptyset(&pipe_only);
	sigaddset(&pipe_only, SIGPIPE);
	pthread_sigmask(SIG_UNBLOCK, &pipe_only, NULL);
	raise(SIGPIPE);
	_exit(128 + SIGPIPE);
}

/* Refuse the link argument that linkargs_check found, naming it as it was typed. */
static int main_refuse_link_arg(enum linkargs_why why, char **args, const struct linkargs_bad *bad)
{
	char arg[300], msg[1024];
	snprintf(arg, sizeof arg, "'%s%s%s'", args[bad->at], bad->n > 1 ? " " : "",
		 bad->n > 1 ? args[bad->at + 1] : "");
	linkargs_say(why, arg, msg, sizeof msg);
	return main_usage_error("%s", msg);
}

/* The width to lay a lesson out at: the terminal's, kept readable, or 80 in a pipe. */
static int main_text_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col > 100 ? 100 : ws.ws_col;
	return 80;
}

/* The columns s takes on a terminal: its display width (a CJK character takes two). */
static int main_cols(const char *s)
{
	return sty_width(s, strlen(s));
}

/* The bytes of s that fit in cols columns, whole characters only: what "%.*s" may print of
 * a line cut to a terminal's width. */
static int main_fit(const char *s, int cols)
{
	return (int)sty_fit(s, strlen(s), cols);
}

/* Say that name is not a lesson of the kind asked for (CATALOG_STAGE or CATALOG_TOPIC), and
 * what the user may have meant. */
static int main_unknown_lesson(enum catalog_kind what, const char *name)
{
	if (what == CATALOG_STAGE)
		fprintf(stderr, _("lesson: unknown stage '%s'\n"), name);
	else
		fprintf(stderr, _("lesson: unknown topic '%s'\n"), name);
	const struct catalog_entry *near = catalog_suggest(name);
	const struct catalog_entry *exact = catalog_find(name);
	if (exact)
		near = exact; /* a stage asked for as a topic, or the other way round */
	if (near)
		/* TRANSLATORS: %1$s is an option of lesson, "stage" or "topic", not translated */
		fprintf(stderr, _("Did you mean 'lesson --%1$s %2$s'?\n"),
			near->kind == CATALOG_STAGE ? "stage" : "topic", near->name);
	if (what == CATALOG_STAGE)
		fputs(_("Valid stages are: preprocess, compile, assemble, link, run.\n"), stderr);
	else
		fputs(_("'lesson --list' lists them all.\n"), stderr);
	return EXIT_USAGE;
}

/* Load lesson name with its live blocks expanded: filled from lf's walks when lf is given,
 * else as the commands that show each fact; "sample: ." blocks name own, the learner's
 * file, when there is one. */
static int main_load(const char *name, struct livefill *lf, const char *own, struct lesson *l)
{
	char err[512];
	if (lesson_load(datadir_get(), name, l, err, sizeof err) < 0) {
		fprintf(stderr, "lesson: %s\n", err);
		return EXIT_INPUT;
	}
	char *samples = NULL;
	if (asprintf(&samples, "%s/samples", datadir_get()) < 0)
		return EXIT_INPUT;
	char *md = live_expand_own(l->text, samples, own, lf ? livefill_text : NULL, lf);
	if (md) {
		free(l->text);
		l->text = md;
	}
	/* without a walk, each question is followed by the commands that answer it (the
	 * report's questions are the caller's: main_topic_report) */
	struct question_where where = { samples, own };
	md = lf ? NULL : question_expand(l->text, NULL, question_after_commands, &where);
	free(samples);
	if (md) {
		free(l->text);
		l->text = md;
	}
	return 0;
}

/* lesson --stage NAME, --topic NAME: the lesson alone, no toolchain, no libclang, no curses;
 * own is the learner's file of --stage NAME FILE, or NULL. */
static int main_lesson(const char *name, enum catalog_kind kind, const char *own, int no_color)
{
	const struct catalog_entry *e = catalog_find(name);
	if (!e || e->kind != kind)
		return main_unknown_lesson(kind, name);
	struct lesson l;
	int rc = main_load(name, NULL, own, &l);
	if (rc)
		return rc;
	int ansi = isatty(STDOUT_FILENO) && !no_color;
	lesson_print(&l, stdout, main_text_width(), ansi);
	lesson_free(&l);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("lesson: write error: %s\n"), strerror(errno));
		return EXIT_INPUT;
	}
	return 0;
}

/* lesson --define list: every term, a line each with its other names, cut to a terminal's
 * width (whole in a pipe). */
static int main_define_list(const struct glossary *g)
{
	int width = main_text_width();
	printf(ngettext("The glossary has %zu term; read it with lesson --define TERM.\n",
			"The glossary has %zu terms; read one with lesson --define TERM.\n", g->n),
	       g->n);
	for (size_t i = 0; i < g->n; i++) {
		const struct glossary_term *t = &g->terms[i];
		char *line = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&line, &len);
		if (!f)
			return main_flush(EXIT_INPUT);
		/* padded by display width: a term may be Chinese */
		int namew = main_cols(t->name);
		fprintf(f, "  %s%*s", t->name, namew < 22 ? 22 - namew : 0, "");
		for (size_t k = 0; k < t->n_aliases; k++)
			fprintf(f, "%s%s", k ? ", " : " ", t->aliases[k]);
		fclose(f);
		if (isatty(STDOUT_FILENO) && main_cols(line) > width && width > 4)
			printf("%.*s...\n", main_fit(line, width - 3), line);
		else
			printf("%s\n", line);
		free(line);
	}
	return main_flush(0);
}

/* lesson --define TERM: the term's definition, laid out as lessons are; no toolchain, no
 * libclang, no curses. An unknown term is a usage error that names the nearest one. */
static int main_define(const char *word, int no_color)
{
	struct glossary g;
	char err[512];
	if (glossary_load(datadir_get(), &g, err, sizeof err) < 0) {
		fprintf(stderr, "lesson: %s\n", err);
		return EXIT_INPUT;
	}
	int rc = 0;
	const struct glossary_term *t = glossary_find(&g, word);
	if (!t && strcmp(word, "list") == 0) {
		rc = main_define_list(&g);
	} else if (!t) {
		fprintf(stderr, _("lesson: the glossary has no term '%s'\n"), word);
		const struct glossary_term *near = glossary_suggest(&g, word);
		if (near)
			fprintf(stderr, _("Did you mean 'lesson --define \"%s\"'?\n"), near->name);
		fputs(_("'lesson --define list' lists every term.\n"), stderr);
		rc = EXIT_USAGE;
	} else {
		struct lesson l = { .text = glossary_term_markdown(t) };
		if (!l.text) {
			rc = main_write_error(ENOMEM);
		} else {
			lesson_print(&l, stdout, main_text_width(),
				     isatty(STDOUT_FILENO) && !no_color);
			free(l.text);
			rc = main_flush(0);
		}
	}
	glossary_free(&g);
	return rc;
}

/* lesson --report --topic NAME: walk every sample the lesson names, all at once, and print
 * the lesson as Markdown with its live blocks filled from those runs. */
static int main_topic_report(const char *name, const char *dir, int answers)
{
	const struct catalog_entry *e = catalog_find(name);
	if (!e)
		return main_unknown_lesson(CATALOG_TOPIC, name);
	struct lesson l;
	char err[512];
	if (lesson_load(datadir_get(), name, &l, err, sizeof err) < 0) {
		fprintf(stderr, "lesson: %s\n", err);
		return EXIT_INPUT;
	}
	struct livefill lf;
	/* the samples its questions name are walked with those of its live blocks */
	char *md = question_live_md(l.text);
	livefill_start(&lf, md ? md : l.text, datadir_get(), dir, NULL);
	free(md);
	struct question_report qr;
	question_report_start(&qr, NULL, datadir_get(), NULL, name, answers);
	livefill_wait(&lf);
	lesson_free(&l);
	int rc = main_load(name, &lf, NULL, &l);
	if (rc == 0) {
		/* its questions where they are, from the same walks; its term links lead to the
		 * glossary after it; the answers at the very end */
		qr.lf = lf;
		qr.lf_started = 1;
		memset(&lf, 0, sizeof lf);
		md = question_report_lesson(&qr, l.text);
		fputs(md ? md : l.text, stdout);
		const char *text = l.text;
		glossary_write_for(stdout, datadir_get(), &text, 1,
				   _("The terms this lesson uses, as `lesson --define TERM` defines "
				     "them."));
		question_report_end(&qr, stdout);
		free(md);
		lesson_free(&l);
	}
	question_report_free(&qr);
	livefill_free(&lf);
	return main_flush(rc);
}

/* lesson --list: every lesson in teaching order, a line each with its summary. */
static int main_list(void)
{
	size_t n;
	const struct catalog_entry *all = catalog_all(&n);
	int width = main_text_width(), rc = 0;
	struct progress prog;
	progress_load(&prog);
	const char *seen = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ? "✓" : "+";
	fputs(_("Lessons in teaching order; read one with lesson --stage NAME or lesson --topic "
		"NAME.\n"), stdout);
	for (size_t i = 0; i < n; i++) {
		struct lesson l;
		char err[512];
		if (lesson_load(datadir_get(), all[i].name, &l, err, sizeof err) < 0) {
			fprintf(stderr, "lesson: %s\n", err);
			rc = EXIT_INPUT;
			continue;
		}
		/* " 7 topic  dynamic-linking ✓ summary", cut to a terminal's width (whole in a
		 * pipe); the mark says the walkthrough showed it to this learner */
		char key[200];
		snprintf(key, sizeof key, "lesson:%s", all[i].name);
		const char *kind = all[i].kind == CATALOG_STAGE ? _("stage") : _("topic");
		/* the kinds padded to one display width: translated, they may differ */
		int kindw = main_cols(_("stage")) > main_cols(_("topic")) ? main_cols(_("stage")) :
			    main_cols(_("topic"));
		int used = printf("%2zu %s%*s  %-16s %s ", i + 1, kind, kindw - main_cols(kind), "",
				  all[i].name, progress_seen(&prog, key) ? seen : " ");
		/* columns, not bytes: the mark and a translated kind may take more bytes */
		used -= progress_seen(&prog, key) && strcmp(seen, "+") != 0 ? 2 : 0;
		used -= (int)strlen(kind) - main_cols(kind);
		int room = width - used;
		if (!isatty(STDOUT_FILENO) || main_cols(l.summary) <= room)
			fputs(l.summary, stdout);
		else if (room > 4)
			printf("%.*s...", main_fit(l.summary, room - 3), l.summary);
		putchar('\n');
		lesson_free(&l);
	}
	progress_free(&prog);
	return main_flush(rc);
}

/* lesson --stage NAME FILE.c: the stage's section of the report, laid out like a lesson. */
static int main_stage_results(const struct walk *w, enum stage_id id, int no_color, int full)
{
	char *md = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&md, &len);
	if (!f || report_write_stage(w, id, f, full) < 0 || fclose(f) != 0) {
		fprintf(stderr, _("lesson: cannot format the results: %s\n"), strerror(errno));
		free(md);
		return EXIT_INPUT;
	}
	struct lesson results = { .text = md };
	putchar('\n');
	lesson_print(&results, stdout, main_text_width(), isatty(STDOUT_FILENO) && !no_color);
	free(md);
	return main_flush(0);
}

/* A file whose name starts with '-' reads as options; if one was meant, say how to name it. */
static void main_dash_file_hint(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (argv[i][0] == '-' && argv[i][1] != '-' && stat(argv[i], &st) == 0 &&
		    S_ISREG(st.st_mode)) {
			fprintf(stderr, _("lesson: to walk the file %1$s, name it ./%1$s\n"), argv[i]);
			return;
		}
	}
}

/* The value of the last --lang before "--", or NULL: getopt's own reading of the command line,
 * silent (the real pass reports the errors), then rewound for the real pass. */
static const char *main_lang_option(int argc, char **argv)
{
	const char *lang = NULL;
	int nopt = argc, c, saved = opterr;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			nopt = i;
			break;
		}
	opterr = 0;
	while ((c = getopt_long(nopt, argv, "hVO:", main_options, NULL)) != -1)
		if (c == OPT_LANG)
			lang = optarg;
	opterr = saved;
	optind = 0; /* GNU getopt: start again, from its first argument */
	return lang;
}

/* Parse "WxH". */
static int main_parse_size(const char *s, int *w, int *h)
{
	char x;
	return sscanf(s, "%d%c%d", w, &x, h) == 3 && x == 'x' && *w > 0 && *h > 0 && *w <= 1000 &&
	       *h <= 1000;
}

int main(int argc, char **argv)
{
	/* the program under study, confined (stages/jail.h): before anything else */
	if (argc > 1 && strcmp(argv[1], JAIL_ARG) == 0)
		return jail_main(argc, argv);
	/* The messages' language (gettext, stages/i18n.h), in the libclang child too, which words
	 * its facts: LC_MESSAGES chooses the catalogue, LC_CTYPE the characters it is shown in. */
	setlocale(LC_MESSAGES, "");
	setlocale(LC_CTYPE, "");
	i18n_init();
	/* libclang's parse, in a child of the walk (cfwire.h): first, so nothing else prints */
	if (argc > 1 && strcmp(argv[1], "--internal-cfacts") == 0)
		return cfwire_child_main(argc - 1, argv + 1);
	/* --lang before any message (--help's too): a first pass that looks at it alone; the
	 * choice goes to lesson's own children through the environment (CSTAGES_LANG, i18n.h) */
	const char *lang = main_lang_option(argc, argv);
	if (lang && (strcmp(lang, "zh_CN") == 0 || strcmp(lang, "en") == 0))
		setenv("CSTAGES_LANG", lang, 1);
	setlocale(LC_ALL, "");
	i18n_init();
	if (lang && strcmp(lang, "zh_CN") != 0 && strcmp(lang, "en") != 0)
		return main_usage_error(_("--lang takes zh_CN or en, not '%s'"), lang);
	if (lang && i18n_lang_problem())
		fprintf(stderr, "lesson: %s\n", i18n_lang_problem());
	const char *stage = NULL, *topic = NULL, *keep = NULL, *cc = NULL, *keys = "", *opt = NULL;
	const char *compare = NULL; /* --compare: the second optimisation level */
	const char *define = NULL;  /* --define: a term of the glossary */
	/* --arg and --stdin: what every run of the program gets (argv is kept, so no copy;
	 * static: held to the end, where a leak checker sees them) */
	static char **run_args, *run_stdin;
	run_args = calloc((size_t)argc, sizeof *run_args);
	const char *run_stdin_shown = NULL;
	size_t n_run_args = 0;
	int report = 0, json = 0, list = 0, no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
	int headless = 0, hw = 0, hh = 0, demo = 0, demo_secs = 0, full = 0, watch = 0;
	int no_answers = 0; /* --no-answers: the report's questions without their answers */
	/* the exercises (tui/excli.h) */
	int exercises = 0;
	struct excli_opts xo = { 0 };

	/* Everything after the first "--" is for the linker; getopt must not see it. */
	int nopt = argc;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			nopt = i;
			break;
		}
	int c;
	while ((c = getopt_long(nopt, argv, "hVO:", main_options, NULL)) != -1) {
		switch (c) {
		case OPT_HELP:
			main_usage(stdout);
			return main_flush(0);
		case OPT_VERSION:
			main_version();
			return main_flush(0);
		case OPT_STAGE:
			stage = optarg;
			break;
		case OPT_TOPIC:
			topic = optarg;
			break;
		case OPT_LIST:
			list = 1;
			break;
		case OPT_FULL:
			full = 1;
			break;
		case OPT_NO_ANSWERS:
			no_answers = 1;
			break;
		case OPT_REPORT:
			report = 1;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_DEMO: {
			char *end = NULL;
			demo = 1;
			if (optarg) {
				long v = strtol(optarg, &end, 10);
				if (!*optarg || *end || v < 1 || v > 3600)
					return main_usage_error(_("--demo takes a number of seconds "
								  "from 1 to 3600, not '%s'"),
								optarg);
				demo_secs = (int)v;
			}
			break;
		}
		case OPT_KEEP:
			keep = optarg;
			break;
		case OPT_CC:
			cc = optarg;
			break;
		case OPT_OPT:
			opt = walk_opt_flag(optarg);
			if (!opt)
				return main_usage_error(_("-O takes 0, 1, 2, 3, s or g, not '%s'"),
							optarg);
			break;
		case OPT_COMPARE:
			compare = walk_opt_flag(optarg);
			if (!compare)
				return main_usage_error(_("--compare takes 0, 1, 2, 3, s or g, not "
							  "'%s'"), optarg);
			break;
		case OPT_ARG:
			if (run_args)
				run_args[n_run_args++] = optarg;
			break;
		case OPT_STDIN: {
			/* the runs happen in the walk directory: the file is named absolutely */
			int fd = open(optarg, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
			struct stat st;
			int e = fd < 0 ? errno : fstat(fd, &st) < 0 ? errno :
				 S_ISDIR(st.st_mode) ? EISDIR : 0;
			if (fd >= 0)
				close(fd);
			if (e)
				return main_usage_error(_("--stdin takes a file to read: %1$s: %2$s"),
							optarg, strerror(e));
			free(run_stdin);
			run_stdin = realpath(optarg, NULL);
			if (!run_stdin)
				run_stdin = strdup(optarg);
			run_stdin_shown = optarg;
			break;
		}
		case OPT_WATCH:
			watch = 1;
			break;
		case OPT_NO_COLOR:
			no_color = 1;
			break;
		case OPT_DEFINE:
			if (!*optarg)
				return main_usage_error("%s", _("--define takes a term, or list"));
			define = optarg;
			break;
		case OPT_HEADLESS:
			if (!main_parse_size(optarg, &hw, &hh))
				return main_usage_error(_("--headless takes WIDTHxHEIGHT, not '%s'"),
							optarg);
			headless = 1;
			break;
		case OPT_KEYS:
			keys = optarg;
			break;
		case OPT_LANG: /* read by main_lang_option, before any message */
			break;
		case OPT_EXERCISES:
			exercises = 1;
			break;
		case OPT_EXERCISE:
			xo.key = optarg;
			break;
		case OPT_DIR:
			xo.dir = optarg;
			break;
		case OPT_CHECK:
			xo.check = 1;
			break;
		case OPT_SOLUTION:
			xo.solution = 1;
			break;
		default:
			main_dash_file_hint(nopt, argv);
			fputs(_("Try 'lesson --help' for more information.\n"), stderr);
			return EXIT_USAGE;
		}
	}
	int nfiles = nopt - optind;
	/* JSON is English whatever the locale, keys and text, so that a program reading it never
	 * changes with it: the walk that fills it (and lesson's children, through CSTAGES_LANG)
	 * words its facts in English too, not only the writer's *_en twins */
	if (json) {
		setenv("CSTAGES_LANG", "en", 1);
		i18n_init_lang("en");
	}
	/* JSON is the whole walk of one file, for programs to read: no lesson goes with it */
	if (json && (report || stage || topic || list || headless))
		/* TRANSLATORS: %s is an option's name, not translated */
		return main_usage_error(_("--json does not go with --%s"),
					report ? "report" : stage ? "stage" : topic ? "topic" :
					list ? "list" : "headless");
	/* the students' copy is a report's; nothing else shows answers to leave out */
	if (no_answers && !report)
		return main_usage_error(_("--no-answers goes with --report"));
	char **link_args = nopt < argc ? argv + nopt + 1 : NULL;
	size_t n_link_args = nopt < argc ? (size_t)(argc - nopt - 1) : 0;
	/* --full lengthens the results of a file at one stage; elsewhere nothing is cut */
	if (full && (!stage || (nfiles == 0 && !n_link_args) || json || report || list || topic))
		return main_usage_error(_("--full goes with --stage=STAGE and a FILE"));
	/* lesson chooses where each link writes and what it makes */
	struct linkargs_bad bad;
	enum linkargs_why why = linkargs_check(link_args, n_link_args, &bad);
	if (why != LINKARGS_OK)
		return main_refuse_link_arg(why, link_args, &bad);

	if (exercises && (xo.key || nfiles || n_link_args || report || json || stage || topic || list))
		return main_usage_error(_("--exercises takes no file and no other option"));
	if (exercises)
		return excli_list();
	if ((xo.dir || xo.check || xo.solution) && !xo.key)
		return main_usage_error(_("--dir, --check and --solution go with --exercise=NAME"));
	if (xo.key && (nfiles || n_link_args || report || json || stage || topic || list || opt ||
		       compare || cc || n_run_args || run_stdin))
		return main_usage_error(_("--exercise takes its files, flags and link arguments "
					  "from the exercise's directory: no FILE and no other "
					  "option of the walk"));
	if (xo.check && xo.solution)
		return main_usage_error(_("--check does not go with --solution"));
	if (xo.key) {
		xo.no_color = no_color;
		xo.demo = demo;
		xo.demo_secs = demo_secs;
		xo.keep = keep;
		xo.headless = headless;
		xo.cols = hw;
		xo.lines = hh;
		xo.keys = keys;
		return main_end(excli_run(&xo));
	}
	/* the glossary, like the lesson lookup, runs no tool */
	if (define && (nfiles || n_link_args || report || json || stage || topic || list || headless))
		return main_usage_error(_("--define=TERM goes alone, with no FILE and no other "
					  "mode"));
	if (define)
		return main_define(define, no_color);
	if (list)
		return main_list();
	if (topic && !report)
		return main_lesson(topic, CATALOG_TOPIC, NULL, no_color);
	if (stage && nfiles == 0 && !n_link_args)
		return main_lesson(stage, CATALOG_STAGE, NULL, no_color);
	int stage_id = -1;
	if (stage) {
		/* the lesson, then this file's real results for the stage, without the TUI */
		int rc = main_lesson(stage, CATALOG_STAGE, nfiles ? argv[optind] : NULL, no_color);
		if (rc != 0)
			return rc;
		stage_id = walk_stage_from_name(stage);
		report = 1;
	}

	/* --watch is the walkthrough's: it walks again on each save, on screen */
	if (watch && (report || json || stage || topic || list))
		/* TRANSLATORS: %s is an option's name, not translated */
		return main_usage_error(_("--watch does not go with --%s"),
					json ? "json" : report ? "report" : stage ? "stage" :
					topic ? "topic" : "list");
	if (watch && !headless && !(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))
		return main_usage_error("%s", _("--watch needs a terminal: it walks the file again "
						"on screen each time it is saved"));
	const char *datadir = datadir_get();
	char *sample = NULL;
	const char *src = nfiles ? argv[optind] : NULL;
	if (!src) {
		if (asprintf(&sample, "%s/samples/hello.c", datadir) < 0)
			return EXIT_INPUT;
		src = sample;
	}

	/* Not a terminal on both ends: a report, which a pipe or a script can use. */
	const char *term = getenv("TERM");
	int tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (!headless && !report && !json && tty &&
	    (!term || !*term || strcmp(term, "dumb") == 0)) {
		if (term && *term)
			fputs(_("lesson: TERM is dumb, so here is the report instead of the "
				"walkthrough\n"), stderr);
		else
			fputs(_("lesson: TERM is not set, so here is the report instead of the "
				"walkthrough\n"), stderr);
		report = 1;
	}
	if (!headless && !tty)
		report = 1;

	tmpdir_install_signals();
	tmpdir_set_restore_hook(tui_restore);
	/* a reader that stops early (| head) makes writes fail with EPIPE: main_write_error */
	struct sigaction on_pipe = { .sa_handler = main_on_sigpipe };
	sigemptyset(&on_pipe.sa_mask);
	sigaction(SIGPIPE, &on_pipe, NULL);
	const char *dir = tmpdir_create(keep);
	if (!dir) {
		int e = errno;
		if (keep)
			fprintf(stderr, _("lesson: cannot create the walk directory %1$s: %2$s\n"), keep,
				strerror(e));
		else
			fprintf(stderr, _("lesson: cannot create the walk directory under $TMPDIR: "
					  "%s\n"), strerror(e));
		free(sample);
		return EXIT_INPUT;
	}
	/* gcc and collect2 make temporary files under $TMPDIR and cannot remove them when a
	 * signal or a time limit kills them: have every tool, and the program under study, make
	 * them in the walk directory, which goes in any case. */
	setenv("TMPDIR", dir, 1);
	if (topic) {
		free(sample);
		int rc = main_topic_report(topic, dir, !no_answers);
		tmpdir_remove();
		return main_end(rc);
	}
	/* FILE.c OTHER.c...: the first is walked stage by stage, the others are compiled with
	 * gcc -c beside it and linked with it */
	struct walk_opts wo = { .cc = cc, .opt_level = opt, .compare_level = compare,
				.link_args = link_args,
				.n_link_args = n_link_args,
				.extra_srcs = nfiles > 1 ? argv + optind + 1 : NULL,
				.n_extra_srcs = nfiles > 1 ? (size_t)(nfiles - 1) : 0,
				.run_args = run_args, .n_run_args = n_run_args,
				.run_stdin = run_stdin, .run_stdin_shown = run_stdin_shown,
				/* libclang, ~100 MB of libraries, is loaded by a child, not here */
				.clang_in_child = 1 };
	char err[512];
	struct walk *w = walk_new(src, &wo, dir, err, sizeof err);
	free(sample);
	if (!w) {
		fprintf(stderr, "lesson: %s\n", err);
		tmpdir_remove();
		return EXIT_INPUT;
	}

	int rc = 0;
	if (stage_id >= 0) {
		walk_run(w);
		rc = main_stage_results(w, (enum stage_id)stage_id, no_color, full);
	} else if (json) {
		walk_run(w);
		if (json_write_walk(stdout, w) < 0 || fflush(stdout) != 0)
			rc = main_write_error(errno);
	} else if (report) {
		/* the stage lessons' questions, answered at the end from this walk and from walks
		 * of the samples they name, which run beside it (in its directory's "questions") */
		char *qdir = walk_path(w, "questions");
		struct question_report qr;
		question_report_start(&qr, w, datadir, qdir ? qdir : dir, NULL, !no_answers);
		walk_run(w);
		question_report_wait(&qr);
		struct report_more more = { question_report_stage, question_report_end, &qr };
		if (report_write_more(w, datadir, stdout, &more) < 0 || fflush(stdout) != 0)
			rc = main_write_error(errno);
		question_report_free(&qr);
		free(qdir);
	} else {
		struct tui_opts to = { .datadir = datadir, .no_color = no_color, .demo = demo,
				       .demo_secs = demo_secs, .watch = watch };
		if (headless) {
			to.headless = 1;
			to.cols = hw;
			to.lines = hh;
			to.keys = keys;
			to.dump = stdout;
		}
		if (walk_start(w) < 0) {
			walk_run(w);
		}
		rc = tui_run(&w, &to);
		if (w)
			walk_cancel(w);
		/* the screens of --headless went to a reader that may have stopped early */
		if (headless && rc == 0)
			rc = main_flush(rc);
	}
	walk_free(w);
	tmpdir_remove();
	if (keep && rc == 0 && !headless)
		fprintf(stderr, _("lesson: the artifacts are kept in %s\n"), dir);
	return main_end(rc);
}
