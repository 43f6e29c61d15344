/* fuzz-common: what every harness does with a map once a reader has built it. */
#pragma once

#include <json-glib/json-glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argmap.h"
#include "am-formats.h"

/* GLib criticals and warnings mean a broken invariant: make them crash so libFuzzer keeps the
 * input. */
static inline void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* Writes `map` as JSON into a new string (NULL when the writer fails). */
static inline char *
fuzz_json (const AmMap *map)
{
  AmOutput out;
  AmWriteOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  am_output_init (&out, FALSE);
  gboolean ok = am_json_write (map, &options, &out, &error);
  char *text = ok ? g_strdup (out.text->str) : NULL;
  am_output_clear (&out);
  return text;
}

/* Validates the map, prints the diagnostics with source context, and writes JSON twice: the
 * JSON must parse (everything escaped) and be byte-identical (deterministic output). */
static inline void
fuzz_exercise (AmMap *map, AmDiagnostics *diags)
{
  if (map != NULL) {
    am_validate (map, diags);
    g_autofree char *a = fuzz_json (map);
    g_autofree char *b = fuzz_json (map);
    if ((a == NULL) != (b == NULL) || (a != NULL && strcmp (a, b) != 0))
      abort (); /* the same map written twice gave different JSON */
    if (a != NULL) {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      if (!json_parser_load_from_data (parser, a, -1, &error)) {
        fprintf (stderr, "invalid JSON from the writer: %s\n", error->message);
        abort ();
      }
    }
  }
  am_diagnostics_sort (diags);
  g_autoptr (GString) printed = g_string_new (NULL);
  am_diagnostics_print (diags, printed, TRUE);
}

/* Registers a file's text for diagnostics with context (empty ones included). */
static inline void
fuzz_add_file (AmDiagnostics *diags, const char *name, const uint8_t *data, size_t size)
{
  am_diagnostics_add_file (diags, name, (const char *) data, size);
}

/* The whole of a single-file harness: `read` on the bytes (a copy of exactly `size` bytes, not
 * NUL-terminated, as a reader must expect of any GBytes, so that an over-read is caught), then
 * fuzz_exercise() on the result. */
static inline void
fuzz_read_single (AmReadFunc read, const char *name, const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  AmInput input = { .name = name, .bytes = bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  fuzz_add_file (diags, input.name, data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (AmMap) map = read (&input, diags, &error);
  if (map == NULL && error == NULL)
    abort (); /* a reader that returns NULL must say why */
  fuzz_exercise (map, diags);
}

/* Declares the libFuzzer entry points of a harness for one single-file reader. */
#define FUZZ_SINGLE_FILE_HARNESS(read, name)                                                     \
  int LLVMFuzzerInitialize (int *argc, char ***argv);                                          \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);                               \
  int LLVMFuzzerInitialize (int *argc, char ***argv)                                           \
  {                                                                                             \
    fuzz_init ();                                                                               \
    return 0;                                                                                   \
  }                                                                                             \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)                                \
  {                                                                                             \
    fuzz_read_single ((read), (name), data, size);                                              \
    return 0;                                                                                   \
  }
