/* fuzz-yaml: libFuzzer harness for the YAML conversion (am_yaml_parse) of inline data and front
 * matter: it must return a node or an error with a location, never both or neither. */
#include "fuzz-common.h"

#include "am-yaml.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

/* Every origin must lie at or after where the YAML starts in its file. */
static void
check_origin (const AmOrigin *o, AmOrigin base)
{
  if (o->line != 0 && (o->line < base.line || (o->line == base.line && o->column < base.column)))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* A copy of exactly `size` bytes, not NUL-terminated, so that an over-read is caught (and
   * never NULL: the reader hands over a pointer into its file, libyaml asserts on NULL). */
  g_autofree char *text = g_malloc (size > 0 ? size : 1);
  memcpy (text, data, size);
  AmOrigin base = am_origin ("fuzz.argdown", 3, 7);
  g_autoptr (GHashTable) origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  AmOrigin error_origin = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = am_yaml_parse (text, size, base, origins, &error_origin, &error);
  if ((node == NULL) == (error == NULL))
    abort (); /* exactly one of a result and an error */
  if (node == NULL) {
    check_origin (&error_origin, base);
    return 0;
  }
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, origins);
  while (g_hash_table_iter_next (&iter, &key, &value))
    check_origin (value, base);
  /* What the model stores must print as JSON and read back. */
  g_autofree char *json = json_to_string (node, FALSE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    abort ();
  return 0;
}
