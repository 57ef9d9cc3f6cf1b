/* report_int: what the report's files share (report.c, report_run.c): Markdown code blocks,
 * code spans and escaped prose, each kept in report.c's ring until report_esc_free().
 */
#ifndef CSTAGES_REPORT_INT_H
#define CSTAGES_REPORT_INT_H

#include <stddef.h>
#include <stdio.h>

/* text (len bytes) as a fenced code block of language lang, long lines cut. */
void report_code(FILE *f, const char *lang, const char *text, size_t len);

/* s as a whole Markdown code span. */
const char *report_span(const char *s);

/* An engine sentence escaped as Markdown prose. */
const char *report_esc_prose(const char *s);

#endif
