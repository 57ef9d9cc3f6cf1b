/* watch: notice that the learner saved a file the walk reads, for `lesson --watch` and the
 * exercises.
 *
 * Contract: watch_open() watches (inotify) the directory of each input file, and an
 * exercise's directory, for files written and closed (IN_CLOSE_WRITE) or renamed into place
 * (IN_MOVED_TO: editors that write a new file and rename it over the old one). A save counts
 * when it names an input file, any .h in one of those directories, or, in the exercise's
 * directory, any .c and the `build` file; editors' temporary and backup files (a name that
 * starts with '.' or '#', or ends with '~') never count. watch_fd() is the descriptor to poll
 * beside the keyboard; watch_read() takes what arrived without blocking. A save is reported
 * once the directory has been quiet for WATCH_SETTLE_MS (watch_wait_ms(), watch_due()), so
 * that one save, or one "save all" of several files, walks once. Nothing here draws or walks.
 *
 * For the watch figure of `make bench`: when LESSON_WATCH_TIMES names a file, watch_stamp()
 * appends a line "WHAT SECONDS" (CLOCK_REALTIME) to it; the walkthrough stamps "seen" (the
 * first event of a save), "walk" (the new walk started) and "drawn N" (the screen shows
 * stage N finished: 0 preprocess, 1 compile, 2 assemble, 3 the dynamic link's result) and
 * "done" (the whole walk is on screen).
 */
#ifndef CSTAGES_WATCH_H
#define CSTAGES_WATCH_H

#include <stddef.h>
#include <time.h>

/* The quiet time after the last event of a save before the walk starts again. An editor's
 * save is a burst of events a few milliseconds long (write a temporary file, sync it,
 * rename it, set its mode), and "save all" writes several files one after the other within
 * the same few milliseconds; 50 ms covers such a burst with room to spare, costs a sixth of
 * the 300 ms the first stages may take to show a save, and is far below what a learner
 * notices between saving and looking. */
#define WATCH_SETTLE_MS 50
/* A file written again and again without a pause still walks this long after its first
 * event. */
#define WATCH_SETTLE_MAX_MS 500

struct watch_dir;

struct watch {
	int fd;                  /* the inotify descriptor; -1 when closed */
	struct watch_dir *dirs;
	size_t n_dirs;
	int pending;             /* a save is settling */
	struct timespec first;   /* CLOCK_MONOTONIC: its first event */
	struct timespec last;    /* CLOCK_MONOTONIC: its last event */
	struct timespec seen;    /* CLOCK_REALTIME: its first event */
	char name[256];          /* the last file it saved, without its directory */
	size_t n_names;          /* how many different files it saved */
};

/* Watch the directories of the n files (their paths as given) and, when exdir is not NULL,
 * exdir. 0, or -1 with a one-line message in err. */
int watch_open(struct watch *wt, const char *const *files, size_t n, const char *exdir,
	       char *err, size_t errlen);
void watch_close(struct watch *wt);

/* The descriptor to poll for reading; -1 when not watching. */
int watch_fd(const struct watch *wt);

/* Take every event that has arrived, without blocking: 1 when one of them is a save that
 * counts (the save now settles), 0 otherwise. */
int watch_read(struct watch *wt);

/* Milliseconds until the save that settles is due (0: now), or -1 when none settles. */
int watch_wait_ms(const struct watch *wt);

/* 1 once a save has settled: it is reported once (pending is cleared; name, n_names and
 * seen stay until the next save). */
int watch_due(struct watch *wt);

/* Append "what SECONDS.NANOSECONDS" (at, CLOCK_REALTIME; NULL: now) to the file
 * LESSON_WATCH_TIMES names, when it names one. */
void watch_stamp(const char *what, const struct timespec *at);

#endif
