/* test-model: construction and lookup in the model. */
#include <glib/gstdio.h>
#include <string.h>

#include "argmap.h"

static void
test_statements_by_title (void)
{
  g_autoptr (AmMap) map = am_map_new ("t.argdown");
  gboolean created;
  guint a = am_map_ensure_statement (map, "A", am_origin ("t", 1, 1), &created);
  g_assert_true (created);
  guint a2 = am_map_ensure_statement (map, "A", am_origin ("t", 2, 1), &created);
  g_assert_false (created);
  g_assert_cmpuint (a, ==, a2);
  g_assert_cmpint (am_map_find_statement (map, "A"), ==, (gint) a);
  g_assert_cmpint (am_map_find_statement (map, "B"), ==, -1);
  AmStatement *st = am_map_statement (map, a);
  am_statement_add_member (map, st, "first", am_origin ("t", 1, 1));
  am_statement_add_member (map, st, NULL, am_origin ("t", 2, 1));
  am_statement_add_member (map, st, "second", am_origin ("t", 3, 1));
  g_assert_cmpstr (st->text, ==, "second");
  g_assert_cmpuint (st->n_members, ==, 3);
  g_assert_true (st->defined);
}

static void
test_meta_shared_empty (void)
{
  /* Fresh metadata share one empty object; writing unshares it, and the others stay empty. */
  g_autoptr (AmMap) map = am_map_new (NULL);
  AmOrigin o = am_origin ("t", 1, 1);
  guint ia = am_map_ensure_statement (map, "a", o, NULL);
  guint ib = am_map_ensure_statement (map, "b", o, NULL);
  AmStatement *a = am_map_statement (map, ia), *b = am_map_statement (map, ib);
  json_object_set_string_member (am_meta_data_writable (&a->meta), "quote", "q");
  am_meta_set_origin (&a->meta, "quote", am_origin ("t", 2, 3));
  g_assert_cmpstr (am_meta_get_string (&a->meta, "quote"), ==, "q");
  g_assert_cmpuint (json_object_get_size (b->meta.data), ==, 0);
  g_assert_cmpuint (json_object_get_size (map->front.data), ==, 0);
  g_assert_cmpuint (am_meta_origin (&a->meta, "quote", o).column, ==, 3);
  g_assert_cmpuint (am_meta_origin (&b->meta, "quote", o).column, ==, 1);
  g_autoptr (AmMap) other = am_map_new (NULL);
  g_assert_cmpuint (json_object_get_size (other->front.data), ==, 0);
}

static void
test_relations_unique (void)
{
  g_autoptr (AmMap) map = am_map_new (NULL);
  AmOrigin o = am_origin ("t", 1, 1);
  AmNodeRef a = am_node_ref (AM_NODE_STATEMENT, am_map_ensure_statement (map, "a", o, NULL));
  AmNodeRef b = am_node_ref (AM_NODE_ARGUMENT, am_map_ensure_argument (map, "b", o, NULL));
  guint r1 = am_map_add_relation (map, AM_REL_SUPPORT, a, b, NULL, FALSE, o);
  guint r2 = am_map_add_relation (map, AM_REL_ATTACK, a, b, NULL, FALSE, o);
  guint r3 = am_map_add_relation (map, AM_REL_SUPPORT, a, b, NULL, FALSE, o);
  g_assert_cmpuint (r1, !=, r2);
  g_assert_cmpuint (r1, ==, r3);
  g_assert_cmpuint (map->relations->len, ==, 2);
  AmNodeRef found;
  g_assert_true (am_map_find_node (map, "b", &found));
  g_assert_cmpint (found.kind, ==, AM_NODE_ARGUMENT);
  g_assert_cmpstr (am_map_node_title (map, found), ==, "b");

  /* Removing the first moves the second down, in the index too; adding it again is new. */
  am_map_remove_relation (map, r1);
  g_assert_cmpuint (map->relations->len, ==, 1);
  g_assert_cmpint (am_map_find_relation (map, AM_REL_ATTACK, a, b, FALSE), ==, 0);
  g_assert_cmpint (am_map_find_relation (map, AM_REL_SUPPORT, a, b, FALSE), ==, -1);
  g_assert_cmpuint (am_map_add_relation (map, AM_REL_SUPPORT, a, b, NULL, FALSE, o), ==, 1);
}

static void
test_diagnostics_format (void)
{
  g_autoptr (AmDiagnostics) d = am_diagnostics_new ();
  const char *text = "first line\n\tsecond é line\n";
  am_diagnostics_add_file (d, "f.argdown", text, strlen (text));
  am_diag_warning (d, am_origin ("f.argdown", 2, 10), "late");
  am_diag_error (d, am_origin ("f.argdown", 1, 7), "bad %s", "thing");
  am_diagnostics_sort (d);
  g_autoptr (GString) out = g_string_new (NULL);
  am_diagnostics_print (d, out, TRUE);
  g_assert_cmpstr (out->str, ==,
                   "f.argdown:1:7: error: bad thing\n"
                   "  first line\n"
                   "        ^\n"
                   "f.argdown:2:10: warning: late\n"
                   "  \tsecond é line\n"
                   "  \t        ^\n");
  g_assert_cmpuint (am_diagnostics_count (d, AM_DIAG_ERROR), ==, 1);
}

static void
test_diagnostics_empty_file (void)
{
  /* An empty file's GBytes holds no buffer: its line 1 is still printed, empty. */
  g_autoptr (AmDiagnostics) d = am_diagnostics_new ();
  am_diagnostics_add_file (d, "e", "", 0);
  am_diag_error (d, am_origin ("e", 1, 1), "empty");
  g_autoptr (GString) out = g_string_new (NULL);
  am_diagnostics_print (d, out, TRUE);
  g_assert_cmpstr (out->str, ==, "e:1:1: error: empty\n  \n  ^\n");
  g_autoptr (AmLineIndex) idx = am_line_index_new (NULL, 0);
  guint line, col;
  am_line_index_locate (idx, 0, &line, &col);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (col, ==, 1);
}

static void
test_line_index (void)
{
  const char *text = "ab\nçd\n\nx";
  g_autoptr (AmLineIndex) idx = am_line_index_new (text, strlen (text));
  guint line, col;
  am_line_index_locate (idx, 0, &line, &col);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (col, ==, 1);
  am_line_index_locate (idx, 5, &line, &col); /* 'd' after the two-byte ç */
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (col, ==, 2);
  am_line_index_locate (idx, 8, &line, &col);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (col, ==, 1);
}

static void
test_save_streams (void)
{
  /* Large enough for the JSON writer to drain several times: the file must hold exactly what
   * the writer makes in memory, and nothing else may be left in the folder. */
  g_autoptr (AmMap) map = am_map_new ("big.argdown");
  for (guint i = 0; i < 5000; i++) {
    g_autofree char *title = g_strdup_printf ("statement %u \"quoted\" \\ é", i);
    guint s = am_map_ensure_statement (map, title, am_origin ("big.argdown", i + 1, 1), NULL);
    am_statement_add_member (map, am_map_statement (map, s), "some text, with <markup> & more",
                             am_origin ("big.argdown", i + 1, 1));
    if (i > 0)
      am_map_add_relation (map, AM_REL_ATTACK, am_node_ref (AM_NODE_STATEMENT, s),
                           am_node_ref (AM_NODE_STATEMENT, s - 1), NULL, FALSE,
                           am_origin ("big.argdown", i + 1, 3));
  }
  const AmFormat *json = am_format_by_name ("json");
  AmWriteOptions options = { 0 };
  AmOutput mem;
  am_output_init (&mem, FALSE);
  g_assert_true (json->write (map, &options, &mem, NULL));
  g_assert_cmpuint (mem.text->len, >, 4u << 18);

  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("argmap-save-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_assert_true (am_save (map, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *written = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (path, &written, &len, NULL));
  g_assert_cmpuint (len, ==, mem.text->len);
  g_assert_true (memcmp (written, mem.text->str, len) == 0);
  am_output_clear (&mem);

  /* A folder that does not exist: an error before anything is written. */
  g_autofree char *bad = g_build_filename (dir, "missing", "out.json", NULL);
  g_assert_false (am_save (map, bad, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  /* A failure once the whole text is written (the name is a folder, so the rename fails): the
   * temporary file is gone too. */
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (am_save (map, folder, am_format_by_name ("json"), NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint files = 0;
  while (g_dir_read_name (d))
    files++;
  g_assert_cmpuint (files, ==, 2); /* out.json and the folder */
  g_rmdir (folder);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/statements-by-title", test_statements_by_title);
  g_test_add_func ("/model/relations-unique", test_relations_unique);
  g_test_add_func ("/model/meta-shared-empty", test_meta_shared_empty);
  g_test_add_func ("/diag/format", test_diagnostics_format);
  g_test_add_func ("/diag/line-index", test_line_index);
  g_test_add_func ("/diag/empty-file", test_diagnostics_empty_file);
  g_test_add_func ("/io/save-streams", test_save_streams);
  return g_test_run ();
}
