/* fuzz-csv: libFuzzer harness for the CSV folder reader: the input is split at NUL bytes into
 * the folder's files, then validated, written as JSON, and written back as CSV and read again. */
#include "fuzz-common.h"

#include "am-map-compare.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The order in which the NUL-separated pieces fill the folder; missing pieces are missing
 * files (nodes.csv is required, the others optional). */
static const char *const part_names[] = {
  "nodes.csv", "edges.csv", "premises.csv", "stances.csv", "actors.csv",
};

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

static AmMap *
read_parts (GHashTable *parts, AmDiagnostics *diags)
{
  AmInput input = { .name = "fuzz", .bytes = NULL, .parts = parts, .base_dir = NULL };
  g_autoptr (GError) error = NULL;
  AmMap *map = am_csv_read (&input, diags, &error);
  if (map == NULL && error == NULL)
    abort (); /* a reader that returns NULL must say why */
  return map;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_bytes_unref);
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  size_t start = 0;
  for (guint i = 0; i < G_N_ELEMENTS (part_names) && start <= size; i++) {
    const uint8_t *nul = memchr (data + start, 0, size - start);
    size_t end = nul ? (size_t) (nul - data) : size;
    /* Each file in a buffer of its own, exactly as long as the file, so over-reads show. */
    g_hash_table_insert (parts, (gpointer) part_names[i],
                         g_bytes_new (data + start, end - start));
    fuzz_add_file (diags, part_names[i], data + start, end - start);
    if (nul == NULL)
      break;
    start = end + 1;
  }
  g_autoptr (AmMap) map = read_parts (parts, diags);
  gboolean clean = map != NULL && am_diagnostics_count (diags, AM_DIAG_ERROR) == 0;
  fuzz_exercise (map, diags);
  if (!clean)
    return 0;

  /* What the CSV writer makes of a map read without errors, the reader must read back. */
  AmOutput out;
  AmWriteOptions options = { 0 };
  am_output_init (&out, TRUE);
  g_autoptr (GError) error = NULL;
  if (am_csv_write (map, &options, &out, &error)) {
    g_autoptr (GHashTable) again = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_bytes_unref);
    for (guint i = 0; i < out.names->len; i++) {
      GString *text = g_ptr_array_index (out.texts, i);
      g_hash_table_insert (again, g_ptr_array_index (out.names, i),
                           g_bytes_new (text->str, text->len));
    }
    g_autoptr (AmDiagnostics) diags2 = am_diagnostics_new ();
    g_autoptr (AmMap) map2 = read_parts (again, diags2);
    if (map2 == NULL || am_diagnostics_count (diags2, AM_DIAG_ERROR) > 0) {
      g_autoptr (GString) printed = g_string_new (NULL);
      am_diagnostics_print (diags2, printed, FALSE);
      fprintf (stderr, "the CSV writer's output does not read back:\n%s", printed->str);
      abort ();
    }
    g_autoptr (GString) why = g_string_new (NULL);
    if (!am_map_equal (map, map2, why)) {
      fprintf (stderr, "CSV round trip changed the map:\n%s", why->str);
      abort ();
    }
  }
  am_output_clear (&out);
  return 0;
}
