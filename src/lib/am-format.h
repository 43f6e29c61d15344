/* am-format: the one registry of file formats, each with a reader and/or a writer. */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "am-diag.h"
#include "am-model.h"

G_BEGIN_DECLS

/* What a reader is given: bytes and a display name, never a path or a FILE*, so tests can feed
 * strings. A folder format (CSV) gets its files in `parts` (file name -> GBytes) instead. */
typedef struct {
  const char *name;     /* display name used in diagnostics */
  GBytes *bytes;        /* the content, for single-file formats */
  GHashTable *parts;    /* base name -> GBytes*, for folder formats; else NULL */
  const char *base_dir; /* where relative paths in the input (front matter `source:`) start;
                           NULL: do not read other files */
  gboolean mapped;      /* `bytes` map a file read-only: a reader may hand back the pages it
                           has read with am_input_drop_pages() */
} AmInput;

/* Gives back to the system the memory pages wholly inside [start, start + len) of a mapped
 * input (AmInput.mapped: only there is it harmless). The text stays readable: a page touched
 * again is read back from the file, so diagnostics can still show any line. A large file read
 * once from start to end then costs its model's memory, not its own size as well. */
void am_input_drop_pages (const char *start, gsize len);

/* What a writer produces: one text, or for folder formats a set of named files. */
typedef struct {
  GString *text;      /* single-file formats write here */
  GPtrArray *names;   /* folder formats: file names (char*), in order */
  GPtrArray *texts;   /* folder formats: GString* matching `names` */
  /* Where single-file text goes (am_output_write, am_output_flush); NULL keeps it all in
   * `text`. The first failure is kept in `sink_error`, and later text is dropped. */
  FILE *sink;
  GError *sink_error;
} AmOutput;

typedef struct {
  gboolean csv_raw;   /* CSV: do not neutralise formula-like cells */
  guint threads;      /* at most this many threads format the output; 0: am_threads_default()
                         (the output is the same bytes whatever the number) */
} AmWriteOptions;

/* A reader returns a new map, or NULL when the input could not be read at all. Problems go to
 * `diags` (errors make the read fail: the caller checks am_diagnostics_count(ERROR)); `error`
 * is set only when NULL is returned. */
typedef AmMap *(*AmReadFunc) (const AmInput *input, AmDiagnostics *diags, GError **error);
typedef gboolean (*AmWriteFunc) (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                                 GError **error);

typedef struct {
  const char *name;              /* "argdown", "json", "csv" ... as given to --from/--to */
  const char *const *extensions; /* NULL-terminated, with the dot: ".argdown", ".ad" */
  gboolean folder;               /* a folder of files rather than one file */
  AmReadFunc read;               /* NULL: cannot be read */
  AmWriteFunc write;             /* NULL: cannot be written */
  const char *description;
} AmFormat;

/* The NULL-terminated table of formats (borrowed, static). */
const AmFormat *const *am_formats (void);
/* By name; NULL if unknown. */
const AmFormat *am_format_by_name (const char *name);
/* By the extension of `path` (case-insensitive); NULL if none matches. */
const AmFormat *am_format_by_path (const char *path);

void am_output_init (AmOutput *out, gboolean folder);
void am_output_clear (AmOutput *out);
/* With a sink, what `text` holds goes to it, and `text` is emptied. */
void am_output_flush (AmOutput *out);
/* Appends `len` bytes of `data` after what `text` holds: with a sink, both go to it now. A
 * writer of large outputs formats them a piece at a time (on other threads too) and hands the
 * pieces over so: memory does not grow with the output. */
void am_output_write (AmOutput *out, const char *data, gsize len);
/* Folder formats: a new file in the output, to append to (owned by `out`). */
GString *am_output_add_file (AmOutput *out, const char *name);

/* The shortest of %.15g..%.17g that reads back as the same finite double `v` (0.7, not
 * 0.69999999999999996), in the C locale, into `buf`. Every writer of numbers uses it, so
 * the formats agree. */
void am_format_double (double v, char buf[G_ASCII_DTOSTR_BUF_SIZE]);

G_END_DECLS
