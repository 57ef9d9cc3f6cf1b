/* question: a lesson's questions, "predict, then look": multiple choice, answered by the walk.
 *
 * A question is a fenced code block whose info string is "question":
 *
 *     ```question
 *     sample: .
 *     ask: Which way of linking makes the biggest program?
 *     choice: dynamic
 *     choice: static
 *     choice: static-pie
 *     choice: musl
 *     answer: link.biggest
 *     look: link
 *     ```
 *
 * sample: as in a live block (lessons/live.h): a path under samples/, or "." for the program
 * being walked (samples/hello.c where none is). ask: the question, one line. choice: two to
 * QUESTION_MAX_CHOICES lines, lettered a, b, c, d in order. answer: which fact of the walk
 * answers it, one of question_answers(); the right choice is never typed in, it is the one
 * that fact picks out:
 *   link.biggest        the link variant whose program is biggest (choices: dynamic, static,
 *                       static-pie, musl)
 *   assemble.undefined  the one choice that the .o's symbol table leaves undefined (choices:
 *                       symbol names)
 *   link.ldd-first      the library ldd lists first for the dynamic program (choices: what ldd
 *                       prints, a name such as linux-vdso.so.1 or a path, matched whole or by
 *                       its last component)
 *   link.members        how many archive members the static link copies (choices: ranges,
 *                       "N", "N-M" or "N+" for N or more)
 * look: where to look: the stage whose output pane shows the fact ("link"), or STAGE/VIEW
 * for one of its views by the name on the view strip ("link/static": the static link's
 * members); the walkthrough asks the question before that pane is first shown. (The key is
 * not "pane": a lesson is printed where there are no panes, and never speaks of one.)
 *
 * Contract: question_scan() lists a lesson's questions, each checked (a malformed one is
 * listed with error set, a sentence in the user's language). question_expand() returns the
 * Markdown with each block replaced by the question and its choices, followed by what
 * after() writes (the commands that show the fact, a note that the answer is at the end, a
 * verdict). question_answer() (question_fact.c) computes the right choice from a finished
 * walk. Returned strings are the caller's to free. Nothing here runs a process.
 */
#ifndef CSTAGES_QUESTION_H
#define CSTAGES_QUESTION_H

#include <stddef.h>
#include <stdio.h>

#include "stages/walk.h"

#define QUESTION_MAX_CHOICES 4

enum question_kind {
	QUESTION_BIGGEST,   /* link.biggest */
	QUESTION_UNDEFINED, /* assemble.undefined */
	QUESTION_LDD_FIRST, /* link.ldd-first */
	QUESTION_MEMBERS,   /* link.members */
	QUESTION_KIND_COUNT
};

struct question {
	char *sample;  /* relative to samples/; LIVE_OWN_FALLBACK for "sample: ." */
	int own;       /* 1 for "sample: .": the program being walked */
	char *ask;
	char *choices[QUESTION_MAX_CHOICES];
	size_t n_choices;
	char *answer;  /* as written: "link.biggest" */
	int kind;      /* enum question_kind, -1 when answer is none of them */
	char *look;    /* as written: "link/static" */
	int stage;     /* enum stage_id of look's stage, -1 when it names none */
	char *view;    /* the view's name after the slash, or NULL: the stage's first view shown */
	int line;      /* where the block starts in the lesson, 1-based */
	char *error;   /* why the block is malformed, in the user's language; NULL when it is not */
};

/* The answer names, NULL-terminated, in enum question_kind's order. */
const char *const *question_answers(void);

/* The letter of choice i: 'a' + i. */
#define QUESTION_LETTER(i) ((char)('a' + (int)(i)))

/* Every question block of md, in order; returns the count and sets *qs (free with
 * question_list_free). */
size_t question_scan(const char *md, struct question **qs);
void question_list_free(struct question *qs, size_t n);

/* Free what one question holds (not q itself). */
void question_clear(struct question *q);

/* The shell commands that show the fact answering q for DIR/SAMPLE by hand (dir: the samples
 * directory; for "sample: ." the caller passes the learner's file's directory and name). */
char *question_commands(const char *dir, const char *sample, const struct question *q);

/* What follows a question's choices when it is expanded: number counts the questions
 * expanded so far in the document, from 1. Writes Markdown to f. */
typedef void (*question_after_fn)(void *ctx, FILE *f, const struct question *q, int number);

/* md with every question block replaced by "**Question N.** ASK" and its lettered choices
 * (a malformed one by a note saying what is wrong), then after(ctx, ...); *number counts on
 * from its value (start it at 0), so that a document made of several lessons numbers its
 * questions once. */
char *question_expand(const char *md, int *number, question_after_fn after, void *ctx);

/* The commands that show q's fact, as an after() for a lesson read without a walk: "To find
 * out on your machine, run:" and a text block. ctx: a struct question_where. */
struct question_where {
	const char *dir; /* the samples directory */
	const char *own; /* the learner's file, for "sample: ." questions; NULL: none */
};
void question_after_commands(void *ctx, FILE *f, const struct question *q, int number);

/* md with a live block (lessons/live.h) appended for each sample its questions name, so that
 * livefill_start() walks those samples too; NULL when out of memory. */
char *question_live_md(const char *md);

/* What the walk says of q. */
struct question_verdict {
	int right;   /* the index of the right choice; -1 when the walk cannot say */
	char *fact;  /* a sentence: the fact that makes it right, or why the walk cannot say */
};

/* q's right choice, from w (finished: walk_is_done). 0 when right is set; -1 when the fact
 * is missing (a stage failed) or no single choice fits it (fact says which). Free fact. */
int question_answer(const struct question *q, const struct walk *w, struct question_verdict *v);

/* 1 when choice text fits count as a range ("12", "10-99", "100+"); -1 when it is not a
 * range; 0 when it is one that count is outside of. */
int question_in_range(const char *choice, unsigned long long count);

#endif
