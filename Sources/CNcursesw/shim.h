// Swift's view of ncursesw: the wide-character API and static inline accessors for macros.
#ifndef UNROLL_CNCURSESW_SHIM_H
#define UNROLL_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <ncurses.h>
#include <locale.h>
#include <langinfo.h>
#include <term.h>
#endif
