/* test-json: argmap's JSON writer: structure, escaping, determinism, golden output, the CLI. */
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <string.h>

#include "writer-fixture.h"

static JsonObject *
parse (const char *text, JsonParser *parser)
{
  g_autoptr (GError) error = NULL;
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  JsonNode *root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static JsonObject *
find_by (JsonArray *array, const char *member, const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++) {
    JsonObject *o = json_array_get_object_element (array, i);
    if (g_strcmp0 (json_object_get_string_member_with_default (o, member, NULL), value) == 0)
      return o;
  }
  return NULL;
}

static void
test_top_level (void)
{
  g_autoptr (AmMap) map = fx_map_new ();
  g_autofree char *text = fx_write (map, "json", FALSE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse (text, parser);
  static const char *const members[] = { "format", "version", "file", "front", "sources",
                                         "sections", "statements", "arguments", "relations",
                                         "actors", "stances" };
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (root, members[i]));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "argmap");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "statements")),
                    ==, map->statements->len);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "relations")),
                    ==, map->relations->len);
  /* Pretty-printed with two spaces, one final newline. */
  g_assert_true (g_str_has_prefix (text, "{\n  \"format\""));
  g_assert_true (g_str_has_suffix (text, "}\n"));
  g_assert_false (g_str_has_suffix (text, "\n\n"));
}

/* Every string of the fixture comes back byte for byte through a JSON parser. */
static void
test_escaping (void)
{
  g_autoptr (AmMap) map = fx_map_new ();
  g_autofree char *text = fx_write (map, "json", FALSE);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse (text, parser);
  JsonArray *statements = json_object_get_array_member (root, "statements");
  for (guint i = 0; i < map->statements->len; i++) {
    const AmStatement *st = am_map_statement (map, i);
    JsonObject *o = find_by (statements, "title", st->title);
    g_assert_nonnull (o);
    g_assert_cmpstr (json_object_get_string_member_with_default (o, "text", NULL), ==,
                     st->text);
    JsonArray *tags = json_object_get_array_member (o, "tags");
    g_assert_cmpuint (json_array_get_length (tags), ==, st->tags->len);
    for (guint k = 0; k < st->tags->len; k++)
      g_assert_cmpstr (json_array_get_string_element (tags, k), ==,
                       g_ptr_array_index (st->tags, k));
  }
  g_assert_nonnull (find_by (statements, "title", FX_QUOTES));
  g_assert_nonnull (find_by (statements, "title", FX_FORMULA));
  g_assert_nonnull (find_by (statements, "title", FX_UNICODE));
  JsonObject *q = find_by (statements, "title", FX_QUOTES);
  g_assert_cmpstr (json_object_get_string_member (q, "text"), ==, FX_TEXT_NEWLINE);
  JsonArray *sections = json_object_get_array_member (root, "sections");
  g_assert_nonnull (find_by (sections, "title", "Debate, part \"2\" / more"));
  JsonArray *actors = json_object_get_array_member (root, "actors");
  g_assert_nonnull (find_by (actors, "name", "Some analysts, \"unnamed\""));
  JsonObject *front = json_object_get_object_member (root, "front");
  g_assert_cmpstr (json_object_get_string_member (front, "title"), ==, "Fixture: \"all\" of it");
}

static void
test_relations (void)
{
  g_autoptr (AmMap) map = fx_map_new ();
  g_autofree char *text = fx_write (map, "json", FALSE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse (text, parser);
  JsonArray *relations = json_object_get_array_member (root, "relations");
  for (guint i = 0; i < map->relations->len; i++) {
    const AmRelation *rel = am_map_relation (map, i);
    JsonObject *o = json_array_get_object_element (relations, i);
    g_assert_cmpstr (json_object_get_string_member (o, "type"), ==,
                     am_relation_type_to_string (rel->type));
    g_assert_cmpstr (json_object_get_string_member (o, "from"), ==,
                     am_map_node_title (map, rel->from));
    g_assert_cmpstr (json_object_get_string_member (o, "from_kind"), ==,
                     am_node_kind_to_string (rel->from.kind));
    g_assert_cmpstr (json_object_get_string_member (o, "to"), ==,
                     am_map_node_title (map, rel->to));
    g_assert_cmpstr (json_object_get_string_member (o, "to_kind"), ==,
                     am_node_kind_to_string (rel->to.kind));
    g_assert_cmpstr (json_object_get_string_member_with_default (o, "original", NULL), ==,
                     rel->original);
    g_assert_cmpint (json_object_get_boolean_member (o, "derived"), ==, rel->derived);
    g_assert_cmpint (json_object_get_int_member (o, "line"), ==, rel->origin.line);
  }
  /* The undercut points at the argument. */
  JsonObject *undercut = find_by (relations, "type", "undercut");
  g_assert_cmpstr (json_object_get_string_member (undercut, "to"), ==, "Failure argument");
  g_assert_cmpstr (json_object_get_string_member (undercut, "to_kind"), ==, "argument");
  JsonObject *contrary = find_by (relations, "original", "contrary");
  g_assert_cmpstr (json_object_get_string_member (contrary, "type"), ==, "attack");

  JsonArray *arguments = json_object_get_array_member (root, "arguments");
  JsonObject *arg = find_by (arguments, "title", "Failure argument");
  JsonArray *premises = json_object_get_array_member (arg, "premises");
  g_assert_cmpuint (json_array_get_length (premises), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (premises, 0), ==, "P1");
  g_assert_cmpstr (json_array_get_string_element (premises, 2), ==, "P3");
  g_assert_cmpstr (json_object_get_string_member (arg, "conclusion"), ==, "Policy failed");
  JsonArray *pcs = json_object_get_array_member (arg, "pcs");
  g_assert_cmpuint (json_array_get_length (pcs), ==, 5);
  JsonObject *c1 = json_array_get_object_element (pcs, 2);
  g_assert_cmpstr (json_object_get_string_member (c1, "role"), ==, "intermediary-conclusion");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (c1, "inference"), "rules"),
                   ==, "modus ponens");

  JsonObject *failed = find_by (json_object_get_array_member (root, "statements"), "title",
                                "Policy failed");
  JsonObject *span = json_object_get_object_member (failed, "span");
  g_assert_cmpstr (json_object_get_string_member (span, "source"), ==, "essay.txt");
  g_assert_cmpint (json_object_get_int_member (span, "end"), ==, 49);
  g_assert_cmpfloat (json_object_get_double_member (failed, "weight"), ==, 0.7);
  g_assert_cmpstr (json_object_get_string_member (failed, "section"), ==, "s1");
  JsonArray *stances = json_object_get_array_member (root, "stances");
  g_assert_cmpuint (json_array_get_length (stances), ==, 3);
  JsonObject *s0 = json_array_get_object_element (stances, 0);
  g_assert_cmpstr (json_object_get_string_member (s0, "actor"), ==, "putin");
  g_assert_cmpstr (json_object_get_string_member (s0, "stance"), ==, "con");
  g_assert_cmpstr (json_object_get_string_member (s0, "node"), ==, "Policy failed");
}

static void
test_empty (void)
{
  g_autoptr (AmMap) map = am_map_new ("empty.argdown");
  g_autofree char *text = fx_write (map, "json", FALSE);
  fx_check_golden ("tests/data/json/empty.json", text, strlen (text));
}

static void
test_golden (void)
{
  g_autoptr (AmMap) map = fx_map_new ();
  g_autofree char *a = fx_write (map, "json", FALSE);
  g_autofree char *b = fx_write (map, "json", FALSE);
  g_assert_cmpstr (a, ==, b);
  fx_check_golden ("tests/data/json/fixture.json", a, strlen (a));
}

/* A map large enough that the writer formats its arrays by chunks (statements, arguments and
 * relations each run over several). */
static AmMap *
large_map (void)
{
  AmMap *map = am_map_new ("large.argdown");
  for (guint i = 0; i < 1500; i++) {
    g_autofree char *title = g_strdup_printf ("s%u", i);
    g_autofree char *text = g_strdup_printf ("Statement \"%u\"\n", i);
    guint k = am_map_ensure_statement (map, title, am_origin (map->name, i + 1, 1), NULL);
    AmStatement *st = am_map_statement (map, k);
    am_statement_add_member (map, st, text, st->origin);
    for (guint m = 0; m < i % 4; m++)
      am_statement_add_member (map, st, NULL, am_origin (map->name, 2000 + i, m + 1));
    if (i % 7 == 0)
      am_tags_add (&st->tags, "seventh");
    if (i % 11 == 0)
      json_object_set_int_member (am_meta_data_writable (&st->meta), "n", i);
  }
  for (guint i = 0; i < 600; i++) {
    g_autofree char *title = g_strdup_printf ("a%u", i);
    guint k = am_map_ensure_argument (map, title, am_origin (map->name, 5000 + i, 1), NULL);
    AmArgument *arg = am_map_argument (map, k);
    am_argument_add_description (map, arg, "Because.", arg->origin);
    AmPcsItem items[2] = { { .statement = i, .role = AM_PCS_PREMISE, .number = 1 },
                           { .statement = i + 1, .role = AM_PCS_CONCLUSION, .number = 2 } };
    for (guint p = 0; p < 2; p++) {
      am_meta_init (&items[p].inference_meta);
      items[p].origin = arg->origin;
    }
    g_array_append_vals (arg->pcs, items, 2);
  }
  for (guint i = 0; i < 5000; i++) {
    AmNodeRef from = am_node_ref (AM_NODE_STATEMENT, (i * 7) % 1500);
    AmNodeRef to = i % 3 ? am_node_ref (AM_NODE_STATEMENT, (i * 13 + 1) % 1500)
                         : am_node_ref (AM_NODE_ARGUMENT, i % 600);
    am_map_add_relation (map, i % 2 ? AM_REL_ATTACK : AM_REL_SUPPORT, from, to, NULL, FALSE,
                         am_origin (map->name, 8000 + i, 3));
  }
  return map;
}

static char *
write_threads (const AmMap *map, guint threads)
{
  AmWriteOptions options = { .threads = threads };
  return fx_write_with (map, "json", &options);
}

/* The file `path` holds `expected`; then it and its folder `dir` are removed. */
static void
assert_file_then_remove (const char *dir, const char *path, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *written = NULL;
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, expected);
  g_unlink (path);
  g_rmdir (dir);
}

/* However many threads format the chunks, the bytes are the same, in the map's order, in
 * memory and through a file. */
static void
test_threads (void)
{
  g_autoptr (AmMap) map = large_map ();
  g_autofree char *one = write_threads (map, 1);
  for (guint threads = 2; threads <= 5; threads += 3) {
    g_autofree char *more = write_threads (map, threads);
    g_assert_cmpstr (more, ==, one);
  }

  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse (one, parser);
  JsonArray *statements = json_object_get_array_member (root, "statements");
  g_assert_cmpuint (json_array_get_length (statements), ==, 1500);
  for (guint i = 0; i < 1500; i += 499) {
    JsonObject *o = json_array_get_object_element (statements, i);
    g_autofree char *title = g_strdup_printf ("s%u", i);
    g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, title);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "members")), ==,
                      1 + i % 4);
  }
  JsonArray *arguments = json_object_get_array_member (root, "arguments");
  g_assert_cmpuint (json_array_get_length (arguments), ==, 600);
  JsonObject *last = json_array_get_object_element (arguments, 599);
  g_assert_cmpstr (json_object_get_string_member (last, "conclusion"), ==, "s600");
  JsonArray *relations = json_object_get_array_member (root, "relations");
  g_assert_cmpuint (json_array_get_length (relations), ==, map->relations->len);
  for (guint i = 0; i < map->relations->len; i += 997) {
    const AmRelation *rel = am_map_relation (map, i);
    JsonObject *o = json_array_get_object_element (relations, i);
    g_assert_cmpstr (json_object_get_string_member (o, "from"), ==,
                     am_map_node_title (map, rel->from));
    g_assert_cmpstr (json_object_get_string_member (o, "to"), ==,
                     am_map_node_title (map, rel->to));
    g_assert_cmpint (json_object_get_int_member (o, "line"), ==, rel->origin.line);
  }

  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("argmap-json-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  AmWriteOptions options = { .threads = 3 };
  g_assert_true (am_save (map, path, am_format_by_name ("json"), &options, &error));
  g_assert_no_error (error);
  assert_file_then_remove (dir, path, one);
}

/* `argmap convert FILE -o - --to json` and `-o OUT.json`, through the real binary. */
static void
test_cli (void)
{
  const char *argmap = g_getenv ("ARGMAP");
  if (argmap == NULL) {
    g_test_skip ("ARGMAP not set");
    return;
  }
  const char *input = "tests/data/csv/valid/fixture";
  if (!g_file_test (input, G_FILE_TEST_IS_DIR)) {
    g_test_skip ("no CSV input yet");
    return;
  }
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { argmap, "convert", input, "-o", "-", "--to", "json", NULL };
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  /* The fixture references a statement it never defines, on purpose. */
  static const char *const warning
      = "tests/data/csv/valid/fixture/nodes.csv:11:1: warning: statement [Referenced only] is "
        "referenced but never defined\n"
        "  s8,statement,Referenced only,,,,,,,,\n"
        "  ^\n";
  g_assert_cmpstr (err, ==, warning);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse (out, parser);
  JsonArray *statements = json_object_get_array_member (root, "statements");
  g_assert_nonnull (find_by (statements, "title", FX_FORMULA));

  g_autofree char *dir = g_dir_make_tmp ("argmap-json-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  const char *argv2[] = { argmap, "convert", input, "-o", path, NULL };
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_spawn_sync (NULL, (char **) argv2, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out2, &err2, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err2, ==, warning);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  assert_file_then_remove (dir, path, out);
}

/* A write that fails on the way (a full disk: /dev/full as standard output), in the middle
 * of the chunks the threads hand over, is an error and exit 3. */
static void
test_cli_full (void)
{
  const char *argmap = g_getenv ("ARGMAP");
  if (argmap == NULL || !g_file_test ("/dev/full", G_FILE_TEST_EXISTS)) {
    g_test_skip ("ARGMAP not set, or no /dev/full");
    return;
  }
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("argmap-json-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *input = g_build_filename (dir, "large.argdown", NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "[s%u]: Statement %u.\n  + [s%u]\n\n", i, i, i / 2);
  g_file_set_contents (input, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  const char *argv[] = { "/bin/sh", "-c", "exec \"$0\" convert \"$1\" -o - --to json >/dev/full",
                         argmap, input, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 3);
  g_assert_nonnull (strstr (err, "No space left on device"));
  g_unlink (input);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/top-level", test_top_level);
  g_test_add_func ("/json/escaping", test_escaping);
  g_test_add_func ("/json/relations", test_relations);
  g_test_add_func ("/json/empty", test_empty);
  g_test_add_func ("/json/golden", test_golden);
  g_test_add_func ("/json/threads", test_threads);
  g_test_add_func ("/json/cli", test_cli);
  g_test_add_func ("/json/cli-full", test_cli_full);
  return g_test_run ();
}
