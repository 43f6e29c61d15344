/* am-error: argmap's one error domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AM_ERROR (am_error_quark ())
GQuark am_error_quark (void);

/* Append only: values are part of the library's interface. */
typedef enum {
  AM_ERROR_PARSE,       /* the input is not valid in its format (details in the diagnostics) */
  AM_ERROR_INVALID,     /* the input parses but breaks a rule of the model */
  AM_ERROR_UNSUPPORTED, /* a format, option or construct argmap does not handle */
  AM_ERROR_FAILED,      /* an internal or library failure (Graphviz, the SAT solver...) */
} AmError;

/* Exit codes of the argmap command (DESIGN §7). */
typedef enum {
  AM_EXIT_OK = 0,
  AM_EXIT_BAD_INPUT = 1,
  AM_EXIT_USAGE = 2,
  AM_EXIT_FAILURE = 3,
} AmExit;

G_END_DECLS
