/* question_report: the lessons' questions in the report, with a teacher's copy of the answers.
 *
 * Contract: question_report_start() collects the questions of the lessons the report shows
 * (each stage's own lesson for `lesson --report FILE`; one lesson for `--report --topic`)
 * and starts walking, in the background (lessons/livefill.h), each sample they name that is
 * not the walk w itself; question_report_wait() waits for those walks. question_report_stage()
 * (a report_more stage hook, stages/writers/report.h) writes a stage lesson's questions, each
 * with its choices and, unless the students' copy is asked for, a note that its answer is at
 * the end; question_report_lesson() does the same inside a lesson's Markdown.
 * question_report_end() (the end hook) writes the answers: for each question, the right
 * choice and the fact of the walk that makes it right, or nothing at all in the students'
 * copy. The right choice is computed (lessons/question.h), never read from the lesson.
 * question_report_free() frees the walks. Nothing here touches curses.
 */
#ifndef CSTAGES_QUESTION_REPORT_H
#define CSTAGES_QUESTION_REPORT_H

#include <stdio.h>

#include "lessons/livefill.h"
#include "lessons/question.h"
#include "stages/walk.h"

struct question_report_item {
	struct question q;
	char *lesson; /* the lesson it is in: "link" */
	int number;   /* as the report numbers it, from 1; 0 until written */
};

struct question_report {
	const struct walk *w;   /* the walk of the report's file, or NULL (--report --topic) */
	const char *datadir;
	int answers;            /* 0: the students' copy, without the answers */
	struct question_report_item *items;
	size_t n;
	int number;             /* questions written so far */
	struct livefill lf;     /* the walks of the other samples the questions name */
	int lf_started;
};

/* Collect the questions of lesson (NULL: every stage's own lesson) and start walking the
 * samples they name, other than w's file, in dir (a directory of the walk directory, which
 * is made; NULL: walk none, the caller sets lf and lf_started itself). */
void question_report_start(struct question_report *r, const struct walk *w, const char *datadir,
			   const char *dir, const char *lesson, int answers);

void question_report_wait(struct question_report *r);

/* The report_more hooks: ctx is the struct question_report. */
void question_report_stage(void *ctx, FILE *f, enum stage_id id);
void question_report_end(void *ctx, FILE *f);

/* Lesson md (already collected by question_report_start) with its questions written as the
 * report writes them; the caller frees it. */
char *question_report_lesson(struct question_report *r, const char *md);

void question_report_free(struct question_report *r);

#endif
