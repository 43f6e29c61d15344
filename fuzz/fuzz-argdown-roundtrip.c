/* fuzz-argdown-roundtrip: what the Argdown reader reads without errors, the Argdown writer must
 * write so that the reader reads it back without errors into an equal map (am_map_equal). */
#include "fuzz-common.h"

#include "am-map-compare.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

static AmMap *
read_argdown (const char *text, gsize len, AmDiagnostics *diags)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, len);
  AmInput input = { .name = "fuzz.argdown", .bytes = bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (GError) error = NULL;
  AmMap *map = am_argdown_read (&input, diags, &error);
  if (map != NULL)
    am_validate (map, diags);
  if (map != NULL && am_diagnostics_count (diags, AM_DIAG_ERROR) > 0)
    g_clear_pointer (&map, am_map_free);
  return map;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (AmMap) map = read_argdown ((const char *) data, size, diags);
  if (map == NULL)
    return 0; /* not valid Argdown: nothing to round-trip */

  AmOutput out;
  AmWriteOptions options = { 0 };
  am_output_init (&out, FALSE);
  g_autoptr (GError) error = NULL;
  if (!am_argdown_write (map, &options, &out, &error)) {
    am_output_clear (&out);
    return 0; /* a map the writer declines (with an error) is allowed */
  }
  g_autoptr (AmDiagnostics) diags2 = am_diagnostics_new ();
  fuzz_add_file (diags2, "fuzz.argdown", (const uint8_t *) out.text->str, out.text->len);
  g_autoptr (AmMap) again = read_argdown (out.text->str, out.text->len, diags2);
  g_autoptr (GString) why = g_string_new (NULL);
  if (again == NULL) {
    am_diagnostics_print (diags2, why, TRUE);
    fprintf (stderr, "the Argdown writer's output does not read back:\n%s\n--- written:\n%s\n",
             why->str, out.text->str);
    abort ();
  }
  if (!am_map_equal (map, again, why)) {
    fprintf (stderr, "Argdown round trip changed the map:\n%s\n--- written:\n%s\n", why->str,
             out.text->str);
    abort ();
  }
  am_output_clear (&out);
  return 0;
}
