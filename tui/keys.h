/* keys: the one key table of the walkthrough.
 *
 * Contract: KEYS_ACTIONS lists every action once, with its key-line label, its help text and
 * its help group; the binding table in keys.c maps keys to those actions. keys_lookup() turns
 * a curses key into an action (and an argument, the stage for "jump"), keys_describe() names
 * the keys bound to an action ("n Right Space", "1-5"), so the key line and the help screen
 * are generated from the same table the handler uses and cannot drift from it. keys_parse()
 * reads one key of a headless key script. Nothing here draws; all strings are static.
 * Labels, help texts and group titles are marked with N_() in the tables and come out of
 * keys_label(), keys_help() and keys_group_title() translated; key names ("Enter", "PgUp")
 * are the keys' own names, not translated.
 */
#ifndef CSTAGES_KEYS_H
#define CSTAGES_KEYS_H

#include <stddef.h>

#include "stages/i18n.h"

enum keys_group { KEYS_GROUP_STAGES, KEYS_GROUP_LESSONS, KEYS_GROUP_SCROLL, KEYS_GROUP_PANES,
		  KEYS_GROUP_OTHER, KEYS_GROUP_COUNT };

/* X(name, key-line label or NULL when the key line leaves it out, help text, group).
 * Neighbours with the same label share one entry on the key line ("↑↓ scroll"). */
#define KEYS_ACTIONS(X)                                                                         \
	X(NEXT, N_("next"), N_("next stage"), KEYS_GROUP_STAGES)                                \
	X(PREV, N_("prev"), N_("previous stage"), KEYS_GROUP_STAGES)                            \
	X(STAGE, N_("stage"), N_("go to a stage by its number (the help lists them)"),         \
	  KEYS_GROUP_STAGES)                                                                    \
	X(VIEW, N_("view"), N_("the output pane's next view (the help lists each stage's, from "  \
	  "the view table)"), KEYS_GROUP_STAGES)                                                \
	X(VIEW_PREV, NULL, N_("the output pane's previous view"), KEYS_GROUP_STAGES)            \
	X(ASM_ALL, NULL, N_("at Compile, show the .s as gcc wrote it, every directive, or back to " \
	  "the usual groups"), KEYS_GROUP_STAGES)                                               \
	X(ASM_MENU, N_("directives"), N_("at Compile, choose the groups of directives the .s shows " \
	  "(then l, c, g, s, e, a; d or Esc when done)"), KEYS_GROUP_STAGES)                    \
	X(ASM_GROUP, NULL, N_("in the directives chooser: show or hide a group: l line table "  \
	  "(.loc), c call frame information (.cfi), g debug sections, s symbols (.globl, "      \
	  ".type, .size), e sections, a data"), KEYS_GROUP_STAGES)                              \
	X(OPT_LEVEL, NULL, N_("compile again at the next optimisation level: -O0, -O1, -O2, -O3, " \
	  "-Os"), KEYS_GROUP_STAGES)                                                            \
	X(COMPARE, NULL, N_("compare the .s with the same .i compiled at another optimisation level, " \
	  "function by function, in the two levels view at Compile; there, the next level: -O0, " \
	  "-O1, -O2, -O3, -Os"), KEYS_GROUP_STAGES)                                             \
	X(CMP_FUNC, NULL, N_("in the two levels view: the next function (>) or the previous one " \
	  "(<)"), KEYS_GROUP_STAGES)                                                            \
	X(VARIANT, N_("variant"), N_("at Run, the next link variant the views show: dynamic, " \
	  "static, static-pie, musl"), KEYS_GROUP_STAGES)                                       \
	X(LESSONS, N_("lessons"), N_("list every lesson, the ones for this stage marked"),      \
	  KEYS_GROUP_LESSONS)                                                                   \
	X(LESSON_NEXT, NULL, N_("show the next lesson for this stage in the lesson pane"),      \
	  KEYS_GROUP_LESSONS)                                                                   \
	X(LESSON_PREV, NULL, N_("show the previous lesson for this stage"), KEYS_GROUP_LESSONS) \
	X(TERMS, N_("terms"), N_("the terms the lesson pane uses, from the glossary: choose one, " \
	  "Enter shows its definition, Esc goes back"), KEYS_GROUP_LESSONS)                     \
	X(UP, N_("scroll"), N_("scroll the focused pane up one line; at Preprocess and Compile, move " \
	  "its cursor: the other pane shows the lines tied to it"), KEYS_GROUP_SCROLL)          \
	X(DOWN, N_("scroll"), N_("scroll the focused pane down one line, or move its cursor"),  \
	  KEYS_GROUP_SCROLL)                                                                    \
	X(PAGE_UP, NULL, N_("scroll up one page"), KEYS_GROUP_SCROLL)                           \
	X(PAGE_DOWN, NULL, N_("scroll down one page"), KEYS_GROUP_SCROLL)                       \
	X(TOP, NULL, N_("go to the first line"), KEYS_GROUP_SCROLL)                             \
	X(BOTTOM, NULL, N_("go to the last line"), KEYS_GROUP_SCROLL)                           \
	X(OPEN, N_("open"), N_("in the lesson list, open the chosen lesson full screen; on a folded " \
	  "header region of the .i, unfold it (on its lines, fold it again); elsewhere, go "    \
	  "to the next stage"), KEYS_GROUP_LESSONS)                                             \
	X(BACK, N_("back"), N_("leave the lesson list or the full-screen view"), KEYS_GROUP_LESSONS) \
	X(FOCUS_NEXT, N_("pane"), N_("focus the next pane (source, output, lesson)"), KEYS_GROUP_PANES) \
	X(FOCUS_PREV, NULL, N_("focus the previous pane"), KEYS_GROUP_PANES)                    \
	X(ZOOM, N_("zoom"), N_("show the focused pane full screen, or all panes again"),        \
	  KEYS_GROUP_PANES)                                                                     \
	X(GOTO, NULL, N_("go to a line of the focused pane: type its number (the one in its "   \
	  "gutter), then Enter; at Preprocess and Compile the cursor goes there, unfolding "    \
	  "the header that holds it"), KEYS_GROUP_SCROLL)                                       \
	X(SEARCH, N_("search"), N_("search the focused pane for text (smart case: case matters only " \
	  "when the text has a capital); Enter searches, Esc cancels"), KEYS_GROUP_SCROLL)      \
	X(SEARCH_NEXT, N_("match"), N_("while a search is active: the next matching line"),     \
	  KEYS_GROUP_SCROLL)                                                                    \
	X(SEARCH_PREV, N_("match"), N_("while a search is active: the previous matching line"), \
	  KEYS_GROUP_SCROLL)                                                                    \
	X(SEARCH_CLEAR, NULL, N_("while a search is active: forget it (n is the next-stage key " \
	  "again)"), KEYS_GROUP_SCROLL)                                                         \
	X(DIAG_NEXT, NULL, N_("at Preprocess and Compile, go to gcc's next error or " \
	  "warning: the source pane shows the line that causes it (marked ! or * in its "       \
	  "gutter), the output pane its explanation"), KEYS_GROUP_SCROLL)                       \
	X(DIAG_PREV, NULL, N_("at Preprocess and Compile, go to gcc's previous error or warning"), \
	  KEYS_GROUP_SCROLL)                                                                    \
	X(DEMO_NEXT, N_("next idea"), N_("in the classroom demo: show the next idea (the next header, " \
	  "macro, function, call, symbol or view; then the next stage)"), KEYS_GROUP_STAGES)    \
	X(DEMO_BACK, N_("back"), N_("in the classroom demo: go back one idea"), KEYS_GROUP_STAGES) \
	X(HINT, N_("hint"), N_("in an exercise: the next hint, one at a time, with the goal and " \
	  "what the last walk showed in the lesson pane"), KEYS_GROUP_LESSONS)                  \
	X(PREDICT, N_("predict"), N_("predict, then look: ask this stage's question now (the " \
	  "next one on each press, where it has several); while a question is asked, stop "     \
	  "asking questions by themselves, until this key asks one again"), KEYS_GROUP_LESSONS) \
	X(PREDICT_CHOOSE, NULL, N_("while a question is asked: answer it (a, b, c, d); the pane " \
	  "that shows the answer opens, with the verdict"), KEYS_GROUP_LESSONS)                 \
	X(PREDICT_SKIP, NULL, N_("while a question is asked: skip it and show the pane"),       \
	  KEYS_GROUP_LESSONS)                                                                   \
	X(REDRAW, NULL, N_("redraw the screen"), KEYS_GROUP_OTHER)                              \
	X(HELP, N_("help"), N_("show or hide this help"), KEYS_GROUP_OTHER)                     \
	X(QUIT, N_("quit"), N_("quit; in the lesson list or a full-screen view, go back"),      \
	  KEYS_GROUP_OTHER)

#define KEYS_ENUM(name, label, help, group) KEYS_##name,
enum keys_action { KEYS_NONE, KEYS_ACTIONS(KEYS_ENUM) KEYS_ACTION_COUNT };
#undef KEYS_ENUM

/* Modes in which some keys mean something else: while a search is active, n and N step
 * through its matches and Esc forgets it. */
enum keys_mode { KEYS_MODE_NORMAL, KEYS_MODE_SEARCH, KEYS_MODE_DEMO, KEYS_MODE_ASM,
		 KEYS_MODE_PREDICT /* a lesson's question is asked (tui/predict.c) */ };

/* The action bound to curses key ch, or KEYS_NONE; *arg gets the binding's argument (the
 * stage index for KEYS_STAGE). */
enum keys_action keys_lookup(int ch, int *arg);

/* The same in a mode: the mode's own bindings first, then the normal ones. */
enum keys_action keys_lookup_mode(int ch, enum keys_mode mode, int *arg);

/* The key-line label of an action, or NULL when the key line leaves it out. */
const char *keys_label(enum keys_action a);

/* The help text of an action. */
const char *keys_help(enum keys_action a);

/* The group of an action, and the group's heading on the help screen. */
enum keys_group keys_group(enum keys_action a);
const char *keys_group_title(enum keys_group g);

/* The keys bound to a, written into buf: all of them, or only the first one (plus a digit
 * range) when brief is set. utf8 chooses arrow glyphs over the names "Up" and "Down". */
const char *keys_describe(enum keys_action a, int brief, int utf8, char *buf, size_t len);

/* The name of the first key the key line shows for action a with argument arg in mode (the
 * chooser's "l" for the .loc group): "?" when none is bound. */
const char *keys_name_for(enum keys_action a, int arg, enum keys_mode mode);

/* The key code of a key script's <Reset>: no key of curses. */
#define KEYS_KEY_RESET (KEY_MAX + 1)

/* Read one key of a key script at *s: a plain character, or a token such as <Tab> <BTab>
 * <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End> <Enter> <Space> <Esc> <BS> <Resize:WxH>,
 * <Reset> (KEYS_KEY_RESET: the headless run goes back to the state of a fresh start on the
 * same walk, so that several scripts share one walk),
 * and mouse events <Click:X,Y> <WheelUp:X,Y> <WheelDown:X,Y> (KEY_MOUSE, with *cols = X and
 * *lines = Y, and the kind in *name).
 * Blanks between keys are skipped (a space key is written <Space>). Returns the curses key,
 * 0 at the end of the script; for <Resize:WxH> returns KEY_RESIZE and sets *cols and *lines.
 * *name gets the key as written (NUL-terminated, truncated to namelen). */
int keys_parse(const char **s, char *name, size_t namelen, int *cols, int *lines);

#endif
