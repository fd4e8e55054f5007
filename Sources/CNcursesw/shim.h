// Swift's view of ncursesw: the wide-character API and static inline accessors for macros.
//
// Swift imports plain constants (`ERR`, `OK`, `KEY_*`, `COLOR_*`) but not macros that compute
// (`A_BOLD`, `KEY_F(n)`, `BUTTON1_CLICKED`, `getmaxyx`). Each such macro gets a `static inline`
// wrapper here, named `unroll_<macro>`. Do not define _GNU_SOURCE / _XOPEN_SOURCE in this file:
// it breaks the Glibc module. SwiftPM does not notice edits here: touch a Swift file afterwards.
#ifndef UNROLL_CNCURSESW_SHIM_H
#define UNROLL_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <ncurses.h>
#include <locale.h>
#include <langinfo.h>
#include <term.h>

// MARK: Attributes (attr_t, for setcchar)

static inline attr_t unroll_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t unroll_A_BOLD(void) { return A_BOLD; }
static inline attr_t unroll_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t unroll_A_DIM(void) { return A_DIM; }
static inline attr_t unroll_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t unroll_A_COLOR(void) { return A_COLOR; }
static inline attr_t unroll_COLOR_PAIR(int pair) { return (attr_t)COLOR_PAIR(pair); }
static inline int unroll_PAIR_NUMBER(attr_t attrs) { return PAIR_NUMBER(attrs); }

// MARK: Keys

static inline int unroll_KEY_F(int n) { return KEY_F(n); }

// MARK: Window geometry

static inline int unroll_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int unroll_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline WINDOW *unroll_stdscr(void) { return stdscr; }
static inline WINDOW *unroll_curscr(void) { return curscr; }
static inline int unroll_LINES(void) { return LINES; }
static inline int unroll_COLS(void) { return COLS; }
static inline int unroll_COLORS(void) { return COLORS; }
static inline int unroll_COLOR_PAIRS(void) { return COLOR_PAIRS; }

// MARK: Mouse masks

static inline mmask_t unroll_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t unroll_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t unroll_BUTTON2_PRESSED(void) { return BUTTON2_PRESSED; }
static inline mmask_t unroll_BUTTON2_CLICKED(void) { return BUTTON2_CLICKED; }
static inline mmask_t unroll_BUTTON3_PRESSED(void) { return BUTTON3_PRESSED; }
static inline mmask_t unroll_BUTTON3_CLICKED(void) { return BUTTON3_CLICKED; }
static inline mmask_t unroll_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
#if NCURSES_MOUSE_VERSION > 1
static inline mmask_t unroll_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t unroll_BUTTON5_PRESSED(void) { return 0; }
#endif

// MARK: Terminfo

/// 1 when the loaded terminfo entry has the string capability `name` (e.g. "cup"), else 0.
/// `tigetstr` returns NULL for absent and (char *)-1 for not-a-string-capability.
static inline int unroll_has_string_cap(const char *name) {
    char *value = tigetstr(name);
    return (value != NULL && value != (char *)-1) ? 1 : 0;
}

/// Releases the terminfo entry loaded by a probing `setupterm`.
static inline void unroll_release_probe_term(void) {
    if (cur_term != NULL) { del_curterm(cur_term); }
}

#endif
