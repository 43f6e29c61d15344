/* test-csv: the CSV folder: writer output (golden), formula neutralisation, escaping. */
#include <glib/gstdio.h>
#include <string.h>

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
  am_statement_add_member (am_map_statement (map, i), c->text, am_origin ("m", 1, 1));
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
  return g_test_run ();
}
