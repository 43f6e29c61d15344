/* test-json: argmap's JSON writer: structure, escaping, determinism, golden output, the CLI. */
#include <glib/gstdio.h>
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
  g_autofree char *written = NULL;
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, out);
  g_unlink (path);
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
  g_test_add_func ("/json/cli", test_cli);
  return g_test_run ();
}
