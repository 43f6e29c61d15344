/* test-csv: the CSV folder: writer output (golden), formula neutralisation, escaping. */
#include <glib/gstdio.h>
#include <string.h>

#include "am-map-compare.h"
#include "spawn-env.h"
#include "writer-fixture.h"

/* The files of `format`'s output for `map`, by name (GString* values). */
static GHashTable *
write_folder (const AmMap *map, gboolean raw)
{
  AmWriteOptions options = { .csv_raw = raw };
  AmOutput out;
  am_output_init (&out, TRUE);
  g_autoptr (GError) error = NULL;
  g_assert_true (am_format_by_name ("csv")->write (map, &options, &out, &error));
  g_assert_no_error (error);
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < out.names->len; i++) {
    GString *t = g_ptr_array_index (out.texts, i);
    g_hash_table_insert (files, g_strdup (g_ptr_array_index (out.names, i)),
                         g_strndup (t->str, t->len));
  }
  am_output_clear (&out);
  return files;
}

static const char *const file_names[] = { "nodes.csv", "edges.csv", "premises.csv",
                                          "actors.csv", "stances.csv" };

/* The writer's output for the fixture is pinned in tests/data/csv/valid/fixture/, which is
 * also an input of the reader tests. */
static void
test_golden (void)
{
  g_autoptr (AmMap) map = fx_map_new ();
  g_autoptr (GHashTable) files = write_folder (map, FALSE);
  g_assert_cmpuint (g_hash_table_size (files), ==, G_N_ELEMENTS (file_names));
  for (guint i = 0; i < G_N_ELEMENTS (file_names); i++) {
    const char *text = g_hash_table_lookup (files, file_names[i]);
    g_assert_nonnull (text);
    g_autofree char *path = g_build_filename ("tests/data/csv/valid/fixture", file_names[i],
                                              NULL);
    fx_check_golden (path, text, strlen (text));
  }
}

static void
test_headers (void)
{
  g_autoptr (AmMap) map = am_map_new ("empty");
  g_autoptr (GHashTable) files = write_folder (map, FALSE);
  static const char *const headers[][2] = {
    { "nodes.csv", "id,kind,title,text,quote,source,start,end,tags,section,weight\n" },
    { "edges.csv", "from,to,relation\n" },
    { "premises.csv", "argument,statement,role,position\n" },
    { "actors.csv", "id,name,kind\n" },
    { "stances.csv", "actor,node,stance\n" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    g_assert_cmpstr (g_hash_table_lookup (files, headers[i][0]), ==, headers[i][1]);
}

/* One row of nodes.csv as the writer must produce it, by case. */
typedef struct {
  const char *name;
  const char *title;
  const char *text;
  const char *want_row; /* the whole row (neutralised), without its newline */
  const char *want_raw; /* the same with --csv-raw */
} RowCase;

static const RowCase row_cases[] = {
  { "plain", "Plain", "Just text.", "s1,statement,Plain,Just text.,,,,,,,",
    "s1,statement,Plain,Just text.,,,,,,," },
  { "comma-quote", "A, \"b\"", "x,y", "s1,statement,\"A, \"\"b\"\"\",\"x,y\",,,,,,,",
    "s1,statement,\"A, \"\"b\"\"\",\"x,y\",,,,,,," },
  { "newline", "N", "one\ntwo\r\nthree", "s1,statement,N,\"one\ntwo\r\nthree\",,,,,,,",
    "s1,statement,N,\"one\ntwo\r\nthree\",,,,,,," },
  { "equals", "=1+2", "+3", "s1,statement,'=1+2,'+3,,,,,,,", "s1,statement,=1+2,+3,,,,,,," },
  { "minus-at", "-x", "@SUM(A1)", "s1,statement,'-x,'@SUM(A1),,,,,,,",
    "s1,statement,-x,@SUM(A1),,,,,,," },
  { "tab-cr", "\tT", "\rR", "s1,statement,'\tT,\"'\rR\",,,,,,,",
    "s1,statement,\tT,\"\rR\",,,,,,," },
  { "apostrophe", "'a", "''b", "s1,statement,''a,'''b,,,,,,,", "s1,statement,'a,''b,,,,,,," },
  { "markup-unicode", "<b>&amp; é", "back\\slash “x”", "s1,statement,<b>&amp; é,back\\slash “x”,,,,,,,",
    "s1,statement,<b>&amp; é,back\\slash “x”,,,,,,," },
  { "inner-formula", "a=b", "x-y", "s1,statement,a=b,x-y,,,,,,,", "s1,statement,a=b,x-y,,,,,,," },
};

static void
test_row (gconstpointer data)
{
  const RowCase *c = data;
  g_autoptr (AmMap) map = am_map_new ("m");
  guint i = am_map_ensure_statement (map, c->title, am_origin ("m", 1, 1), NULL);
  am_statement_add_member (map, am_map_statement (map, i), c->text, am_origin ("m", 1, 1));
  for (int raw = 0; raw <= 1; raw++) {
    g_autoptr (GHashTable) files = write_folder (map, raw);
    const char *nodes = g_hash_table_lookup (files, "nodes.csv");
    const char *row = strchr (nodes, '\n') + 1;
    g_autofree char *want = g_strconcat (raw ? c->want_raw : c->want_row, "\n", NULL);
    g_assert_cmpstr (row, ==, want);
  }
}

static void
test_tags_sections (void)
{
  g_autoptr (AmMap) map = fx_map_new ();
  g_autoptr (GHashTable) files = write_folder (map, FALSE);
  const char *nodes = g_hash_table_lookup (files, "nodes.csv");
  /* Tags joined by ';' with '\' escapes; the section as its heading path joined by " > ". */
  g_assert_nonnull (strstr (nodes, ",core;tag with spaces,Article 1,0.7\n"));
  g_assert_nonnull (strstr (nodes, ",odd\\;tag,\"Article 1 > Debate, part \"\"2\"\" / more\","));
  const char *edges = g_hash_table_lookup (files, "edges.csv");
  g_assert_nonnull (strstr (edges, "\ns4,s3,contrary\n"));
  g_assert_nonnull (strstr (edges, "\ns5,a1,undercut\n"));
  const char *premises = g_hash_table_lookup (files, "premises.csv");
  g_assert_nonnull (strstr (premises, "\na1,s12,conclusion,3\n"));
  g_assert_nonnull (strstr (premises, "\na1,s1,conclusion,5\n"));
}

/* The writer's files as a reader's input. */
static AmMap *
read_parts (GHashTable *files, const char *name, AmDiagnostics *diags)
{
  g_autoptr (GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_bytes_unref);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, files);
  while (g_hash_table_iter_next (&it, &k, &v))
    g_hash_table_insert (parts, k, g_bytes_new (v, strlen (v)));
  AmInput input = { .name = name, .bytes = NULL, .parts = parts, .base_dir = NULL };
  g_autoptr (GError) error = NULL;
  AmMap *map = am_format_by_name ("csv")->read (&input, diags, &error);
  g_assert_no_error (error);
  return map;
}

static void
assert_equal (const AmMap *a, const AmMap *b)
{
  g_autoptr (GString) why = g_string_new (NULL);
  if (!am_map_equal (a, b, why))
    g_error ("maps differ:\n%s", why->str);
}

/* Model -> CSV -> model, in memory, for the fixture with every kind of element. */
static void
test_roundtrip (void)
{
  g_autoptr (AmMap) map = fx_map_new ();
  g_autoptr (GHashTable) files = write_folder (map, FALSE);
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (AmMap) back = read_parts (files, "mem", diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  assert_equal (map, back);
  /* The cells that were neutralised come back as they were. */
  g_assert_cmpint (am_map_find_statement (back, FX_FORMULA), >=, 0);
  g_assert_cmpint (am_map_find_statement (back, FX_APOSTROPHE), >=, 0);
  g_assert_cmpstr (am_map_statement (back, (guint) am_map_find_statement (back, FX_QUOTES))->text,
                   ==, FX_TEXT_NEWLINE);
  /* And CSV -> model -> CSV gives the same bytes. */
  g_autoptr (GHashTable) again = write_folder (back, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (file_names); i++)
    g_assert_cmpstr (g_hash_table_lookup (again, file_names[i]), ==,
                     g_hash_table_lookup (files, file_names[i]));
}

/* The comparison itself notices a change in each compared field. */
static void
test_compare_notices (void)
{
  static const char *const changes[] = { "text", "tag", "section", "span", "weight", "pcs",
                                         "relation", "actor", "stance", "title" };
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++) {
    g_autoptr (AmMap) a = fx_map_new ();
    g_autoptr (AmMap) b = fx_map_new ();
    AmStatement *st = am_map_statement (b, 1);
    const char *c = changes[i];
    if (strcmp (c, "text") == 0) {
      am_statement_set_text (b, st, "changed");
    } else if (strcmp (c, "tag") == 0)
      am_tags_add (&st->tags, "extra");
    else if (strcmp (c, "section") == 0)
      st->section = -1;
    else if (strcmp (c, "span") == 0)
      am_map_statement (b, 0)->span.end = 48;
    else if (strcmp (c, "weight") == 0)
      am_map_statement (b, 0)->weight = 0.5;
    else if (strcmp (c, "pcs") == 0)
      g_array_index (am_map_argument (b, 0)->pcs, AmPcsItem, 0).role = AM_PCS_INTERMEDIARY;
    else if (strcmp (c, "relation") == 0)
      am_map_relation (b, 0)->type = AM_REL_ATTACK;
    else if (strcmp (c, "actor") == 0) {
      g_free (am_map_actor (b, 0)->name);
      am_map_actor (b, 0)->name = g_strdup ("V. Putin");
    } else if (strcmp (c, "stance") == 0)
      am_map_stance (b, 0)->value = AM_STANCE_PRO;
    else
      am_map_ensure_statement (b, "New one", am_origin ("x", 1, 1), NULL);
    g_autoptr (GString) why = g_string_new (NULL);
    g_assert_false (am_map_equal (a, b, why));
    g_assert_cmpuint (why->len, >, 0);
  }
}

/* Reading the committed folder through am_load, as `argmap convert DIR` does. */
static void
test_read_folder (void)
{
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AmMap) map = am_load ("tests/data/csv/valid/fixture", NULL, diags, &error);
  g_assert_no_error (error);
  g_autoptr (AmMap) want = fx_map_new ();
  assert_equal (want, map);
  /* Origins point into the files. */
  AmStatement *st = am_map_statement (map, 1);
  g_assert_cmpstr (st->origin.file, ==, "tests/data/csv/valid/fixture/nodes.csv");
  g_assert_cmpuint (st->origin.line, ==, 3);
  g_assert_cmpuint (am_map_relation (map, 2)->origin.line, ==, 4);
}

/* A lone nodes.csv + edges.csv pair is a map; extra columns are ignored; spaces kept. */
static void
test_lone_pair (void)
{
  g_autoptr (GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (files, g_strdup ("nodes.csv"),
                       g_strdup ("\xef\xbb\xbfid,title,kind,note\r\n"
                                 "x, Spaced ,statement,mine\r\n"
                                 "\r\n"
                                 "y,Other,statement,\r\n"));
  g_hash_table_insert (files, g_strdup ("edges.csv"),
                       g_strdup ("from,to,relation\nx,y,attack\ny,x,entails\n"));
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (AmMap) map = read_parts (files, "pair", diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  g_assert_cmpuint (map->statements->len, ==, 2);
  g_assert_cmpstr (am_map_statement (map, 0)->title, ==, " Spaced ");
  g_assert_null (am_map_statement (map, 0)->text);
  g_assert_cmpuint (map->relations->len, ==, 2);
  g_assert_cmpint (am_map_relation (map, 1)->type, ==, AM_REL_SUPPORT);
  g_assert_cmpstr (am_map_relation (map, 1)->original, ==, "entails");
  g_assert_cmpuint (am_map_statement (map, 1)->origin.line, ==, 4);
}

/* tests/data/csv/invalid/CASE/ holds a broken folder, CASE.expected its diagnostics. */
static void
test_invalid (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = g_build_filename ("tests/data/csv/invalid", name, NULL);
  g_autofree char *expected_path = g_strconcat (dir, ".expected", NULL);
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AmMap) map = am_load (dir, NULL, diags, &error);
  g_assert_null (map);
  g_assert_error (error, AM_ERROR, AM_ERROR_PARSE);
  am_diagnostics_sort (diags);
  g_autoptr (GString) got = g_string_new (NULL);
  am_diagnostics_print (diags, got, FALSE);
  fx_check_golden (expected_path, got->str, got->len);
}

/* Argdown -> CSV -> model is lossless for a real file, and CSV -> model -> CSV is stable. */
static void
test_real (gconstpointer data)
{
  const char *path = data;
  g_autoptr (AmMap) map = fx_load (path);
  if (map == NULL) {
    g_test_skip ("the file does not read without errors");
    return;
  }
  g_autoptr (GHashTable) files = write_folder (map, FALSE);
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (AmMap) back = read_parts (files, "real", diags);
  g_autoptr (GString) got = g_string_new (NULL);
  am_diagnostics_print (diags, got, FALSE);
  g_assert_cmpstr (got->str, ==, "");
  assert_equal (map, back);
  g_autoptr (GHashTable) again = write_folder (back, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (file_names); i++)
    g_assert_cmpstr (g_hash_table_lookup (again, file_names[i]), ==,
                     g_hash_table_lookup (files, file_names[i]));
}

/* Runs the argmap binary; returns its exit status, with stderr in `err` (newly allocated). */
static int
run_argmap (const char *const *args, char **err)
{
  return am_test_run_argmap (args, NULL, NULL, NULL, err);
}

/* Through the command: CSV folder -> Argdown -> CSV folder, and a malformed folder that
 * leaves nothing behind. */
static void
test_cli (void)
{
  if (g_getenv ("ARGMAP") == NULL) {
    g_test_skip ("ARGMAP not set");
    return;
  }
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("argmap-csv-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *ad = g_build_filename (dir, "map.argdown", NULL);
  g_autofree char *out = g_build_filename (dir, "csv", NULL);
  g_autofree char *err = NULL;
  /* The map's source beside it, so that its quote anchors again. */
  g_autofree char *essay = g_build_filename (dir, "essay.txt", NULL);
  g_file_set_contents (essay, FX_ESSAY, -1, &error);
  g_assert_no_error (error);
  const char *to_argdown[] = { "convert", "tests/data/csv/valid/fixture", "-o", ad, NULL };
  g_assert_cmpint (run_argmap (to_argdown, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  const char *to_csv[] = { "convert", ad, "-o", out, "--to", "csv", NULL };
  g_assert_cmpint (run_argmap (to_csv, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_autoptr (AmMap) a = fx_load ("tests/data/csv/valid/fixture");
  g_autoptr (AmMap) b = fx_load (out);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  /* Only what Argdown cannot say differs: one-line texts, no mixed strict names. */
  fx_flatten_for_argdown (a);
  assert_equal (a, b);

  /* A malformed folder: exit 1, the pinned diagnostic, and no output file. */
  g_autofree char *bad_out = g_build_filename (dir, "bad.json", NULL);
  const char *bad[] = { "convert", "tests/data/csv/invalid/malformed-row", "-o", bad_out, NULL };
  g_assert_cmpint (run_argmap (bad, &err), ==, 1);
  g_assert_true (g_str_has_prefix (
      err, "tests/data/csv/invalid/malformed-row/nodes.csv:3:20: error: malformed CSV: text "
           "after the closing quote of a field"));
  g_assert_false (g_file_test (bad_out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  const char *to_stdout[] = { "convert", ad, "-o", "-", "--to", "csv", NULL };
  g_assert_cmpint (run_argmap (to_stdout, &err), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (file_names); i++) {
    g_autofree char *f = g_build_filename (out, file_names[i], NULL);
    g_unlink (f);
  }
  g_rmdir (out);
  g_unlink (ad);
  g_unlink (essay);
  g_rmdir (dir);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static GPtrArray *
invalid_cases (void)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open ("tests/data/csv/invalid", 0, NULL);
  const char *n;
  while (d && (n = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename ("tests/data/csv/invalid", n, NULL);
    if (g_file_test (path, G_FILE_TEST_IS_DIR))
      g_ptr_array_add (names, g_strdup (n));
  }
  g_ptr_array_sort (names, compare_names);
  return names;
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/write/golden", test_golden);
  g_test_add_func ("/csv/write/headers", test_headers);
  g_test_add_func ("/csv/write/tags-sections", test_tags_sections);
  for (guint i = 0; i < G_N_ELEMENTS (row_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/csv/write/row/%s", row_cases[i].name);
    g_test_add_data_func (path, &row_cases[i], test_row);
  }
  g_test_add_func ("/csv/read/roundtrip", test_roundtrip);
  g_test_add_func ("/csv/read/folder", test_read_folder);
  g_test_add_func ("/csv/read/lone-pair", test_lone_pair);
  g_test_add_func ("/csv/compare/notices", test_compare_notices);
  g_test_add_func ("/csv/cli", test_cli);
  g_autoptr (GPtrArray) invalid = invalid_cases ();
  g_assert_cmpuint (invalid->len, >=, 15);
  for (guint i = 0; i < invalid->len; i++) {
    g_autofree char *path = g_strdup_printf ("/csv/invalid/%s",
                                             (char *) g_ptr_array_index (invalid, i));
    g_test_add_data_func (path, g_ptr_array_index (invalid, i), test_invalid);
  }
  g_autoptr (GPtrArray) real = fx_real_files ();
  for (guint i = 0; i < real->len; i++) {
    g_autofree char *path = g_strdup_printf ("/csv/real/%s", (char *) g_ptr_array_index (real, i));
    g_test_add_data_func (path, g_ptr_array_index (real, i), test_real);
  }
  return g_test_run ();
}
