/* am-io: loading inputs from disk and writing outputs atomically (temporary file + rename). */
#pragma once

#include <glib.h>

#include "am-diag.h"
#include "am-format.h"
#include "am-model.h"

G_BEGIN_DECLS

/* Reads the map at `path` ("-" for standard input) in format `from` (NULL: by extension; a
 * folder is read as CSV). Diagnostics go to `diags`, which also learns the text of every file
 * read. Returns NULL with `error` set when nothing could be read, and NULL with
 * AM_ERROR_PARSE when the reader reported errors. */
AmMap *am_load (const char *path, const AmFormat *from, AmDiagnostics *diags, GError **error);

/* Writes `len` bytes to `path` through a temporary file in the same folder renamed into
 * place, so that a reader never sees a half-written file. "-" writes to standard output. */
gboolean am_write_file (const char *path, const char *data, gsize len, GError **error);

/* Writes a folder output: every file is written to a fresh temporary folder beside `dir`,
 * which then replaces the files of the same names in `dir` (created if missing). */
gboolean am_write_folder (const char *dir, const AmOutput *out, GError **error);

/* Writes `map` to `path` in `to` (NULL: by extension of `path`). */
gboolean am_save (const AmMap *map, const char *path, const AmFormat *to,
                  const AmWriteOptions *options, GError **error);

G_END_DECLS
