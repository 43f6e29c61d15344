/* am-diag: diagnostics with a location, printed as `file:line:col: error: message`. */
#pragma once

#include <glib.h>

#include "am-model.h"

G_BEGIN_DECLS

typedef enum {
  AM_DIAG_ERROR,
  AM_DIAG_WARNING,
  AM_DIAG_NOTE,
} AmSeverity;

typedef struct {
  AmSeverity severity;
  AmOrigin origin;
  char *message;
} AmDiag;

/* A list of diagnostics, plus the text of every file they may point into so that printing can
 * show the source line and a caret. */
typedef struct _AmDiagnostics AmDiagnostics;

AmDiagnostics *am_diagnostics_new (void);
void am_diagnostics_free (AmDiagnostics *diags);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmDiagnostics, am_diagnostics_free)

/* Registers the text of `file` (copied) so that diagnostics into it print its lines. */
void am_diagnostics_add_file (AmDiagnostics *diags, const char *file, const char *text,
                              gsize len);
/* The same without a copy: keeps a reference to `bytes`. */
void am_diagnostics_add_bytes (AmDiagnostics *diags, const char *file, GBytes *bytes);

/* Adds a diagnostic; the message is formatted printf-style. */
void am_diag_add (AmDiagnostics *diags, AmSeverity severity, AmOrigin origin,
                  const char *format, ...) G_GNUC_PRINTF (4, 5);
#define am_diag_error(d, o, ...) am_diag_add ((d), AM_DIAG_ERROR, (o), __VA_ARGS__)
#define am_diag_warning(d, o, ...) am_diag_add ((d), AM_DIAG_WARNING, (o), __VA_ARGS__)
#define am_diag_note(d, o, ...) am_diag_add ((d), AM_DIAG_NOTE, (o), __VA_ARGS__)

/* Moves the diagnostics of `from` (which stays empty) into `into`, before its `at`-th. */
void am_diagnostics_move (AmDiagnostics *into, guint at, AmDiagnostics *from);

guint am_diagnostics_count (const AmDiagnostics *diags, AmSeverity severity);
guint am_diagnostics_len (const AmDiagnostics *diags);
/* Borrowed; i < am_diagnostics_len(). */
const AmDiag *am_diagnostics_get (const AmDiagnostics *diags, guint i);

/* Sorts by file, line, column (stable), so output follows the input's order. */
void am_diagnostics_sort (AmDiagnostics *diags);

/* Formats one diagnostic as `file:line:col: error: message` (no newline); newly allocated. */
char *am_diag_format (const AmDiag *diag);
/* Appends every diagnostic to `out`: the formatted line, then (when `context` and the file's
 * text is known) the source line and a caret under the column. */
void am_diagnostics_print (const AmDiagnostics *diags, GString *out, gboolean context);

/* Line/column of a byte offset: a line-offset table built once per text. */
typedef struct _AmLineIndex AmLineIndex;
AmLineIndex *am_line_index_new (const char *text, gsize len);
void am_line_index_free (AmLineIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmLineIndex, am_line_index_free)
/* 1-based line and column (in characters) of byte `offset`. */
void am_line_index_locate (const AmLineIndex *index, gsize offset, guint *line, guint *column);

G_END_DECLS
