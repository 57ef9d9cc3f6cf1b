/* tmpdir: the walk's private directory, removed on every way out.
 *
 * Contract: tmpdir_create() makes one directory with mkdtemp() under $TMPDIR (or /tmp) and
 * registers it; tmpdir_remove() deletes it and all it holds. tmpdir_install_signals() makes
 * SIGINT, SIGTERM and SIGHUP kill the running children (proc_kill_all), run the registered
 * terminal-restore hook, remove the directory, and then die of the same signal, so the shell
 * sees the usual status; a signal that was ignored when the program started (nohup, a
 * background job of a script) stays ignored. An atexit() hook removes it on a normal exit.
 * Making the directory and removing it on the normal path happen with those signals held, so
 * a signal in between never finds a directory it does not know of.
 * With keep set (from --keep DIR) the artifacts are left in that directory instead and
 * nothing is removed. One walk directory per process.
 *
 * A lesson killed outright (SIGKILL, the OOM killer) removes nothing: its walk directory holds
 * a lock file (.cstages-lock, flock for the walk's life, on a close-on-exec descriptor), and
 * tmpdir_create() first removes the directories under $TMPDIR named as its own
 * (cstages.XXXXXX), of this user, whose lock it can take: their owner is gone, whatever
 * process now has its ID. A --keep directory has no lock file and is never removed.
 */
#ifndef CSTAGES_TMPDIR_H
#define CSTAGES_TMPDIR_H

/* Create the walk directory. keep_dir: NULL for a private temporary one, or a directory to
 * use (created if missing) and keep. Returns the path (owned by this module) or NULL with
 * errno set. */
const char *tmpdir_create(const char *keep_dir);

/* The current walk directory, or NULL. */
const char *tmpdir_path(void);

/* Remove the walk directory now (unless it is kept). Safe to call twice. */
void tmpdir_remove(void);

/* A function the signal path calls first to restore the terminal (async-signal-tolerant). */
void tmpdir_set_restore_hook(void (*hook)(void));

/* Install the SIGINT/SIGTERM/SIGHUP handlers and the atexit hook. */
void tmpdir_install_signals(void);

/* Block SIGINT, SIGTERM and SIGHUP in the calling thread. Every thread lesson starts calls
 * it first (threads that libraries start from there inherit it): the signals then reach the
 * main thread only, so the handler never gives the terminal back while the main thread is
 * still drawing on it. */
void tmpdir_thread_signals(void);

#endif
