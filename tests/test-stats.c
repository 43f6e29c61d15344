/* test-stats: the counts of am_stats on maps built through the model API, as table and JSON. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "argmap.h"
#include "am-stats.h"

static AmOrigin
here (void)
{
  return am_origin ("stats.argdown", 1, 1);
}

static AmNodeRef
S (guint i)
{
  return am_node_ref (AM_NODE_STATEMENT, i);
}

static AmMap *
sample_map (void)
{
  AmMap *map = am_map_new ("stats.argdown");
  guint top = am_map_add_section (map, "Top", 1, -1, here ());
  guint sub = am_map_add_section (map, "Sub", 2, (gint) top, here ());
  guint subsub = am_map_add_section (map, "Subsub", 3, (gint) sub, here ());
  am_map_add_section (map, "Second", 1, -1, here ());
  guint src = am_map_add_source (map, "essay.txt");
  am_map_source (map, src)->text = g_strdup ("Some essay text.");
  am_map_add_source (map, "missing.txt");

  const char *titles[] = { "A", "B", "C", "D", "E" };
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++) {
    guint k = am_map_ensure_statement (map, titles[i], here (), NULL);
    AmStatement *st = am_map_statement (map, k);
    if (i < 3)
      am_statement_add_member (map, st, "some text", here ());
    st->section = (gint) subsub;
    am_tags_add (&st->tags, i % 2 ? "odd" : "even");
  }
  /* A anchored with a quote, B quoted but not anchored. */
  AmStatement *a = am_map_statement (map, 0);
  a->span.source = (gint) src;
  a->span.start = 0;
  a->span.end = 4;
  json_object_set_string_member (am_meta_data_writable (&a->meta), "quote", "Some");
  json_object_set_string_member (am_meta_data_writable (&am_map_statement (map, 1)->meta),
                                 "quote", "nowhere");
  am_map_statement (map, 4)->untitled = TRUE;

  guint arg = am_map_ensure_argument (map, "Arg", here (), NULL);
  AmArgument *ar = am_map_argument (map, arg);
  AmPcsItem items[3] = { { .statement = 0, .role = AM_PCS_PREMISE },
                         { .statement = 1, .role = AM_PCS_PREMISE },
                         { .statement = 2, .role = AM_PCS_CONCLUSION } };
  for (guint k = 0; k < 3; k++) {
    am_meta_init (&items[k].inference_meta);
    g_array_append_val (ar->pcs, items[k]);
  }
  am_map_ensure_argument (map, "Bare", here (), NULL);
  guint described = am_map_ensure_argument (map, "Described", here (), NULL);
  am_argument_add_description (map, am_map_argument (map, described), "why", here ());
  am_tags_add (&am_map_argument (map, described)->tags, "arg-tag");

  AmNodeRef argref = am_node_ref (AM_NODE_ARGUMENT, arg);
  am_map_add_relation (map, AM_REL_SUPPORT, S (0), argref, NULL, TRUE, here ());
  am_map_add_relation (map, AM_REL_SUPPORT, argref, S (2), NULL, TRUE, here ());
  am_map_add_relation (map, AM_REL_SUPPORT, S (3), S (2), NULL, FALSE, here ());
  am_map_add_relation (map, AM_REL_ATTACK, S (4), S (2), NULL, FALSE, here ());
  am_map_add_relation (map, AM_REL_ATTACK, S (4), S (3), NULL, FALSE, here ());
  am_map_add_relation (map, AM_REL_UNDERCUT, S (3), argref, NULL, FALSE, here ());
  am_map_add_relation (map, AM_REL_CONTRADICTION, S (0), S (1), "contradictory", FALSE, here ());

  guint x = am_map_add_actor (map, "x", "X", "state", here ());
  guint y = am_map_add_actor (map, "y", "Y", NULL, here ());
  am_map_add_stance (map, x, S (0), AM_STANCE_PRO, NULL, here ());
  am_map_add_stance (map, y, S (0), AM_STANCE_CON, NULL, here ());
  am_map_add_stance (map, y, argref, AM_STANCE_PRO, NULL, here ());
  am_map_add_stance (map, x, S (3), AM_STANCE_NEUTRAL, "q", here ());
  return map;
}

static const char expected_table[] =
    "statements                           5\n"
    "  defined (with a text)              3\n"
    "  referenced only                    2\n"
    "  untitled                           1\n"
    "  anchored in a source               1\n"
    "  not anchored                       4\n"
    "  with a quote                       2\n"
    "arguments                            3\n"
    "  defined                            2\n"
    "  referenced only                    1\n"
    "  premise-conclusion structures      1\n"
    "  premises in them                   2\n"
    "  anchored in a source               0\n"
    "relations                            7\n"
    "  support                            3\n"
    "  attack                             2\n"
    "  undercut                           1\n"
    "  contradiction                      1\n"
    "  derived from reconstructions       2\n"
    "actors                               2\n"
    "stances                              4\n"
    "  pro                                2\n"
    "  con                                1\n"
    "  neutral                            1\n"
    "  on distinct nodes                  3\n"
    "sections                             4\n"
    "  top level                          2\n"
    "  deepest heading level              3\n"
    "sources                              2\n"
    "  read                               1\n"
    "distinct tags                        3\n";

static const char expected_json[] =
    "{\"statements\":{\"total\":5,\"defined\":3,\"referenced\":2,\"untitled\":1,\"anchored\":1,"
    "\"unanchored\":4,\"quoted\":2},\"arguments\":{\"total\":3,\"defined\":2,\"referenced\":1,"
    "\"reconstructed\":1,\"premises\":2,\"anchored\":0},\"relations\":{\"total\":7,\"support\":3,"
    "\"attack\":2,\"undercut\":1,\"contradiction\":1,\"derived\":2},\"actors\":{\"total\":2},"
    "\"stances\":{\"total\":4,\"pro\":2,\"con\":1,\"neutral\":1,\"nodes\":3},\"sections\":"
    "{\"total\":4,\"top_level\":2,\"max_level\":3},\"sources\":{\"total\":2,\"read\":1},"
    "\"tags\":{\"total\":3}}";

static void
test_counts (void)
{
  g_autoptr (AmMap) map = sample_map ();
  AmStats stats;
  am_stats_compute (map, &stats);
  g_autoptr (GString) table = g_string_new (NULL);
  am_stats_format_table (&stats, table);
  g_assert_cmpstr (table->str, ==, expected_table);

  g_autoptr (JsonNode) root = am_stats_to_json (&stats);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  g_autofree char *json = json_generator_to_data (gen, NULL);
  g_assert_cmpstr (json, ==, expected_json);
}

static void
test_empty (void)
{
  g_autoptr (AmMap) map = am_map_new (NULL);
  AmStats stats;
  am_stats_compute (map, &stats);
  g_autoptr (GString) table = g_string_new (NULL);
  am_stats_format_table (&stats, table);
  /* Every row is there, every count 0. */
  g_auto (GStrv) lines = g_strsplit (table->str, "\n", -1);
  guint rows = 0;
  for (guint i = 0; lines[i] && *lines[i]; i++, rows++)
    g_assert_true (g_str_has_suffix (lines[i], " 0"));
  g_assert_cmpuint (rows, ==, 31);
}

/* The command, when the Argdown reader can read a small map (skipped until it can). */
static void
test_cli (void)
{
  const char *argmap = g_getenv ("ARGMAP");
  if (argmap == NULL) {
    g_test_skip ("ARGMAP not set");
    return;
  }
  g_autofree char *dir = g_dir_make_tmp ("test-stats-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.argdown", NULL);
  g_assert_true (g_file_set_contents (path,
                                      "# Sec\n\n[A]: a.\n  + [B]: b.\n  - [C]: c.\n  - <D>: d.\n",
                                      -1, NULL));
  const char *args[] = { argmap, "stats", path, "--format", "json", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, NULL));
  g_unlink (path);
  g_rmdir (dir);
  if (!g_spawn_check_wait_status (status, NULL) || strstr (out, "\"total\" : 3") == NULL) {
    g_test_skip ("the Argdown reader cannot read the map yet");
    return;
  }
  g_assert_nonnull (strstr (out, "\"statements\" : {\n    \"total\" : 3,"));
  g_assert_nonnull (strstr (out, "\"arguments\" : {\n    \"total\" : 1,"));
  g_assert_nonnull (strstr (out, "\"attack\" : 2,"));
  g_assert_nonnull (strstr (out, "\"support\" : 1,"));
  g_assert_cmpstr (err, ==, "");

  const char *bad[] = { argmap, "stats", "x.argdown", "--format", "xml", NULL };
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) bad, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out2,
                               &err2, &status, NULL));
  g_autoptr (GError) exit_error = NULL;
  g_assert_false (g_spawn_check_wait_status (status, &exit_error));
  g_assert_error (exit_error, G_SPAWN_EXIT_ERROR, 2);
  g_assert_cmpstr (err2, ==, "argmap stats: unknown format 'xml' (table, json) "
                             "(see 'argmap stats --help')\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats/counts", test_counts);
  g_test_add_func ("/stats/empty", test_empty);
  g_test_add_func ("/stats/cli", test_cli);
  return g_test_run ();
}
