/* progress: what the learner has already seen, kept from one run to the next.
 *
 * Contract: the progress file is $XDG_STATE_HOME/cstages/progress, or
 * $HOME/.local/state/cstages/progress when XDG_STATE_HOME is unset, empty or not an absolute
 * path (the XDG Base Directory specification says to ignore a relative one); when HOME is
 * unset or relative too, the home directory of the password database. It is text, one key per
 * line ("stage:preprocess", "lesson:libraries"). A key is 1 to PROGRESS_KEY_MAX bytes with no
 * control character (so never a newline); progress_mark() refuses any other.
 *
 * Saving never leaves a half-written file: the keys go to a new file in the same directory,
 * which is flushed to disk (fsync) and renamed over the old one. Before writing, the file is
 * read again and its keys are kept, so marks saved by another lesson since this one loaded
 * survive (two saves at the very same moment can still lose one). Lines that are not valid
 * keys are skipped when reading. A missing directory is made with mode 0700 (existing ones
 * keep theirs), but only below one that must exist already: the home directory (lesson makes
 * ~/.local/state/cstages, never a home: HOME=/nonexistent/x keeps nothing), or, with
 * XDG_STATE_HOME set, the directory above it (XDG_STATE_HOME itself may be made, as the
 * specification says). The file has mode 0600.
 *
 * Progress is a comfort, never a reason to stop: a missing file is an empty record; a file
 * that cannot be read, or a directory that cannot be written (a read-only home, a full disk),
 * makes the call return -1 with a message in err that the caller may show or ignore, and the
 * record goes on working in memory for this run. A file that could not be read is never
 * overwritten. With CSTAGES_NO_PROGRESS set to anything but "" or "0", nothing is read or
 * written: marks last for this run only (for tests and shared classroom accounts).
 *
 * Memory: struct progress owns its keys and path; progress_free() releases them. Not for use
 * by two threads at once.
 */
#ifndef CSTAGES_PROGRESS_H
#define CSTAGES_PROGRESS_H

#include <stddef.h>

#define PROGRESS_KEY_MAX 200

struct progress {
	char **keys;       /* sorted by strcmp, no duplicates */
	size_t n, cap;
	char *path;        /* the progress file; NULL when disabled or no home was found */
	size_t must_exist; /* path's first must_exist bytes name the directory a save needs
			      (the home, or the one above XDG_STATE_HOME); 0 for the root */
	int disabled;      /* CSTAGES_NO_PROGRESS */
	char err[512];     /* what went wrong last, "" when nothing did */
};

/* Initialise p and read the progress file. Returns 0 (a missing file is an empty record), or
 * -1 with p->err set when the file could not be read; p is usable either way. */
int progress_load(struct progress *p);

/* 1 when key has been marked, else 0. */
int progress_seen(const struct progress *p, const char *key);

/* Mark key as seen. A new key is saved at once; a known one costs nothing. Returns 0, or -1
 * with p->err set: the key is invalid (then it is not kept), or it could not be saved (then
 * it is kept in memory, and seen for the rest of this run). */
int progress_mark(struct progress *p, const char *key);

/* Release everything p holds. */
void progress_free(struct progress *p);

#endif
