// The ncursesw surface VaxDesk uses, with macros, globals and variadics turned into
// inline functions Swift can call. SwiftPM drops pkg-config's -D flags, so the wide
// character API is switched on here.
#ifndef VAXDESK_CNCURSESW_SHIM_H
#define VAXDESK_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *vd_stdscr(void) { return stdscr; }
static inline int vd_lines(void) { return LINES; }
static inline int vd_cols(void) { return COLS; }
static inline int vd_key_f(int n) { return KEY_F(n); }
static inline int vd_color_pair(int n) { return COLOR_PAIR(n); }
static inline int vd_a_bold(void) { return (int)A_BOLD; }
static inline int vd_a_reverse(void) { return (int)A_REVERSE; }
static inline int vd_a_underline(void) { return (int)A_UNDERLINE; }
static inline int vd_a_dim(void) { return (int)A_DIM; }
static inline int vd_a_normal(void) { return (int)A_NORMAL; }
static inline int vd_key_code_yes(void) { return KEY_CODE_YES; }
static inline int vd_err(void) { return ERR; }

/// Moves to (y, x) and writes a wide string with the given attributes.
static inline int vd_put(int y, int x, const wchar_t *text, int attrs) {
    attrset(attrs);
    return mvaddwstr(y, x, text);
}

/// Reads one key or character; returns the get_wch status and stores the value.
static inline int vd_get_wch(unsigned int *out) {
    wint_t value = 0;
    int status = get_wch(&value);
    *out = (unsigned int)value;
    return status;
}

/// The locale's character set, to tell whether the terminal speaks UTF-8.
static inline const char *vd_codeset(void) { return nl_langinfo((nl_item)CODESET); }

#endif
