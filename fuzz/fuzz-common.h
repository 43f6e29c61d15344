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
