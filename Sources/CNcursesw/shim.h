// The wide-character ncurses API, with the macros and globals Swift cannot import wrapped
// in functions.
#ifndef GRIDWORK_CNCURSESW_SHIM_H
#define GRIDWORK_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *gw_stdscr(void) { return stdscr; }
static inline int gw_lines(void) { return LINES; }
static inline int gw_cols(void) { return COLS; }
static inline int gw_colors(void) { return COLORS; }
static inline int gw_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t gw_bold(void) { return A_BOLD; }
static inline attr_t gw_underline(void) { return A_UNDERLINE; }
static inline attr_t gw_reverse(void) { return A_REVERSE; }
static inline attr_t gw_dim(void) { return A_DIM; }
static inline attr_t gw_normal(void) { return A_NORMAL; }

/// Reads one key: a character (returns OK) or a function key (returns KEY_CODE_YES); ERR otherwise.
static inline int gw_get_wch(wint_t *key) { return wget_wch(stdscr, key); }

/// The columns libc (and so curses) gives a character in the current locale; -1 if unprintable.
extern int wcwidth(wchar_t);
static inline int gw_wcwidth(wchar_t character) { return wcwidth(character); }

/// Writes `count` wide characters at (y, x) in the given attributes and colour pair.
static inline int gw_draw(int y, int x, const wchar_t *text, int count, attr_t attributes, short pair) {
    wattr_set(stdscr, attributes, pair, NULL);
    return mvwaddnwstr(stdscr, y, x, text, count);
}

#endif
