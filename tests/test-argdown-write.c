/* test-argdown-write: the Argdown writer: golden output, escaping, and Argdown -> Argdown ->
 * model round trips on the fixture and on every real map. */
#include <glib/gstdio.h>
#include <string.h>

#include "am-formats.h"
#include "am-map-compare.h"
#include "spawn-env.h"
#include "writer-fixture.h"

/* Reads Argdown text as if it were the file `name` in `base_dir`. */
static AmMap *
read_argdown (const char *text, const char *name, const char *base_dir, GString *diag_text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  AmInput input = { .name = name, .bytes = bytes, .parts = NULL, .base_dir = base_dir };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  am_diagnostics_add_file (diags, name, text, strlen (text));
  g_autoptr (GError) error = NULL;
  AmMap *map = am_argdown_read (&input, diags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (map);
  am_validate (map, diags);
  am_diagnostics_sort (diags);
  for (guint i = 0; i < am_diagnostics_len (diags); i++) {
    const AmDiag *d = am_diagnostics_get (diags, i);
    if (d->severity == AM_DIAG_ERROR) {
      g_autoptr (GString) all = g_string_new (NULL);
      am_diagnostics_print (diags, all, TRUE);
      g_error ("the writer's output does not read back:\n%s\n--- output:\n%s", all->str, text);
    }
  }
  if (diag_text)
    am_diagnostics_print (diags, diag_text, FALSE);
  return map;
}

static void
assert_equal (const AmMap *a, const AmMap *b, const char *text)
{
  g_autoptr (GString) why = g_string_new (NULL);
  if (!am_map_equal (a, b, why))
    g_error ("maps differ:\n%s--- written:\n%s", why->str, text);
}

static void
test_golden (void)
{
  g_autoptr (AmMap) map = fx_map_new ();
  g_autofree char *text = fx_write (map, "argdown", FALSE);
  fx_check_golden ("tests/data/argdown-write/fixture.argdown", text, strlen (text));
}

static void
test_fixture_roundtrip (void)
{
  g_autoptr (AmMap) map = fx_map_new ();
  g_autofree char *text = fx_write (map, "argdown", FALSE);
  /* The quote anchors into the fixture's essay, as it would beside the map. */
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("argmap-adw-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *essay = g_build_filename (dir, "essay.txt", NULL);
  g_file_set_contents (essay, FX_ESSAY, -1, &error);
  g_assert_no_error (error);
  g_autofree char *name = g_build_filename (dir, "fixture.argdown", NULL);
  g_autoptr (AmMap) back = read_argdown (text, name, dir, NULL);
  g_unlink (essay);
  g_rmdir (dir);
  fx_flatten_for_argdown (map);
  assert_equal (map, back, text);
  /* The inference rule and the strict relation are what only Argdown keeps of them. */
  const AmArgument *arg = am_map_argument (back, (guint) am_map_find_argument (back, "Failure argument"));
  g_assert_cmpstr (g_array_index (arg->pcs, AmPcsItem, 2).inference_rules, ==, "modus ponens");
  /* Writing what was read gives the same text: the output is stable. */
  g_autofree char *again = fx_write (back, "argdown", FALSE);
  g_assert_cmpstr (again, ==, text);
}

/* One statement text or title that must come back as it was. */
typedef struct {
  const char *name;
  const char *title;
  const char *text;
} EscapeCase;

static const EscapeCase escape_cases[] = {
  { "brackets", "Brackets", "a [reference] and <argument> and @[mention] @<too>" },
  { "tag-like", "Tags", "not a #tag and not #(one either)" },
  { "data-like", "Data", "braces {a: 1} and } alone" },
  { "markup", "Markup", "*star* **bold** _under_ __bold__ snake_case" },
  { "comments", "Comments", "http://example.org and /* not a comment */ and <!-- html -->" },
  { "shortcodes", "Shortcodes", "e.g. this .A. and :+1: and 10:30:00 and 3.14.15" },
  { "backslash", "Backslash \\ title", "a \\ backslash and \\n not a newline" },
  { "quotes-amp", "Quote \"x\" & <y", "\"double\" 'single' & ampersand < less" },
  { "unicode", "Ünïcode “title” ’s", "Ελληνικά, 日本語, emoji 🎉 — dash" },
  { "formula", "=SUM(A1)", "=1+2 and +3 and -4 and @5" },
  { "leading-relation", "Lead", "+ not a relation, - nor this, >< nor this" },
  { "leading-pcs", "Pcs", "(1) not a premise -- not an inference -- ---- === #" },
  { "comma-colon", "A: b, c; d", "colon: comma, semicolon; period." },
  /* Between two colons or two periods without white space Argdown keeps everything as
   * written, escapes too (fuzz findings): the first one is escaped instead. */
  { "special-span", "Span", "error:relA]: a and :a*b: and x.[y]. and .\\q. and :é_ü:" },
  { "special-nbsp", "Nbsp", "a:b\xc2\xa0[c]: d" },
  { "special-dots", "Dots", "Ob............/..jection]: o and ..\\.[x]. and :+1:[y]:" },
};

static void
test_escape (gconstpointer data)
{
  const EscapeCase *c = data;
  g_autoptr (AmMap) map = am_map_new ("e.argdown");
  guint i = am_map_ensure_statement (map, c->title, am_origin ("e.argdown", 1, 1), NULL);
  am_statement_add_member (map, am_map_statement (map, i), c->text, am_origin ("e.argdown", 1, 1));
  guint j = am_map_ensure_statement (map, "Other", am_origin ("e.argdown", 2, 1), NULL);
  am_statement_add_member (map, am_map_statement (map, j), "other", am_origin ("e.argdown", 2, 1));
  am_map_add_relation (map, AM_REL_ATTACK, am_node_ref (AM_NODE_STATEMENT, j),
                       am_node_ref (AM_NODE_STATEMENT, i), NULL, FALSE, am_origin ("e", 2, 1));
  g_autofree char *text = fx_write (map, "argdown", FALSE);
  g_autoptr (AmMap) back = read_argdown (text, "e.argdown", NULL, NULL);
  assert_equal (map, back, text);
}

/* A map of one statement T with `text` and the tags of `tags` (space-separated). */
static AmMap *
tagged_map (const char *text, const char *tags)
{
  AmMap *map = am_map_new ("t.argdown");
  guint i = am_map_ensure_statement (map, "T", am_origin ("t", 1, 1), NULL);
  AmStatement *st = am_map_statement (map, i);
  am_statement_add_member (map, st, text, am_origin ("t", 1, 1));
  g_auto (GStrv) names = g_strsplit (tags, " ", -1);
  for (guint k = 0; names[k]; k++)
    am_tags_add (&st->tags, names[k]);
  return map;
}

/* A backslash right after `#tag` joins the tag: what follows a tag is written as it is where
 * that reads the same, and the text is refused where nothing could (fuzz findings). */
static void
test_after_tag (void)
{
  static const char *const readable[] = { "ends #d} here", "a #d> b", "mail #d@x", "two #d#",
                                          "#d##e", "#d###### x", "paren #(d)\\x", "#d.x[y]." };
  for (guint k = 0; k < G_N_ELEMENTS (readable); k++) {
    g_autoptr (AmMap) map = tagged_map (readable[k], strstr (readable[k], "#e") ? "d e" : "d");
    g_autofree char *text = fx_write (map, "argdown", FALSE);
    g_autoptr (AmMap) back = read_argdown (text, "t.argdown", NULL, NULL);
    assert_equal (map, back, text);
  }
  static const char *const unwritable[] = { "#d*x*", "#d{a}", "#d<b>", "#d##*" };
  for (guint k = 0; k < G_N_ELEMENTS (unwritable); k++) {
    g_autoptr (AmMap) map = tagged_map (unwritable[k], "d");
    AmOutput out;
    am_output_init (&out, FALSE);
    g_autoptr (GError) error = NULL;
    g_assert_false (am_argdown_write (map, NULL, &out, &error));
    g_assert_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "part of the tag"));
    am_output_clear (&out);
  }
}

/* Argdown read, written and read back comes back the same. Found by fuzz-argdown-roundtrip:
 * a node's tags keep the order of their first use when a text holds some of them in another
 * order; a tab in a heading or a text is kept; a contradiction of an argument and a statement
 * hangs under the argument (`>< <A>` is not Argdown). */
static void
test_read_back (void)
{
  static const char *const inputs[] = {
    "[B]: One #eth statement. #imp #ethics\n\n[B]: Another one #ethics\n",
    "# Heading #b\n\n## Inner\n\n[A]: x #a #b\n\n[A]: y #b\n",
    "[A]: #c first\n\n[A]: then #b #a\n",
    "# Two\tparts\n\n[A]: a\ttab\n",
    "<Second>\n\n(1) [B]: b\n(2) [C]: c\n----\n(3) [D]: d\n\n<Third>: Attacks a premise.\n  >< [C]\n",
  };
  for (guint k = 0; k < G_N_ELEMENTS (inputs); k++) {
    g_autoptr (AmMap) map = read_argdown (inputs[k], "t.argdown", NULL, NULL);
    g_autofree char *text = fx_write (map, "argdown", FALSE);
    g_autoptr (AmMap) back = read_argdown (text, "t.argdown", NULL, NULL);
    assert_equal (map, back, text);
    g_autofree char *again = fx_write (back, "argdown", FALSE);
    g_assert_cmpstr (again, ==, text);
  }
}

/* Titles Argdown has no way to write are refused, not mangled. */
static void
test_unwritable (void)
{
  static const char *const titles[] = { "a ] b", "-dash first", " padded", "two\nlines" };
  for (guint k = 0; k < G_N_ELEMENTS (titles); k++) {
    g_autoptr (AmMap) map = am_map_new ("u");
    am_map_ensure_statement (map, titles[k], am_origin ("u", 1, 1), NULL);
    AmOutput out;
    am_output_init (&out, FALSE);
    g_autoptr (GError) error = NULL;
    g_assert_false (am_argdown_write (map, NULL, &out, &error));
    g_assert_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED);
    g_assert_cmpuint (out.text->len, ==, 0);
    am_output_clear (&out);
  }
  /* `><` relates a statement: a contradiction of two arguments (CSV can hold one) has no
   * Argdown. */
  {
    g_autoptr (AmMap) map = am_map_new ("u");
    guint a = am_map_ensure_argument (map, "A", am_origin ("u", 1, 1), NULL);
    guint b = am_map_ensure_argument (map, "B", am_origin ("u", 2, 1), NULL);
    am_map_add_relation (map, AM_REL_CONTRADICTION, am_node_ref (AM_NODE_ARGUMENT, a),
                         am_node_ref (AM_NODE_ARGUMENT, b), NULL, FALSE, am_origin ("u", 2, 1));
    AmOutput out;
    am_output_init (&out, FALSE);
    g_autoptr (GError) error = NULL;
    g_assert_false (am_argdown_write (map, NULL, &out, &error));
    g_assert_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "contradiction between <A> and <B>"));
    am_output_clear (&out);
  }
  /* A text of white space only (the reader keeps one: `[A]: ` before line breaks) would read
   * back as no text at all. */
  static const char *const texts[] = { " ", "\r\r", " \t" };
  for (guint k = 0; k < G_N_ELEMENTS (texts); k++) {
    g_autoptr (AmMap) map = am_map_new ("u");
    guint i = am_map_ensure_statement (map, "A", am_origin ("u", 1, 1), NULL);
    am_statement_add_member (map, am_map_statement (map, i), texts[k], am_origin ("u", 1, 1));
    AmOutput out;
    am_output_init (&out, FALSE);
    g_autoptr (GError) error = NULL;
    g_assert_false (am_argdown_write (map, NULL, &out, &error));
    g_assert_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED);
    am_output_clear (&out);
  }
}

/* Through the command: a map with a title Argdown cannot hold fails cleanly, and leaves no
 * file behind (not even an empty one). */
static void
test_cli_refuses (void)
{
  if (g_getenv ("ARGMAP") == NULL) {
    g_test_skip ("ARGMAP not set");
    return;
  }
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("argmap-adw-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *nodes = g_build_filename (dir, "nodes.csv", NULL);
  g_file_set_contents (nodes, "id,kind,title,text\nx,statement,a ] b,t\n", -1, &error);
  g_assert_no_error (error);
  g_autofree char *out = g_build_filename (dir, "out.argdown", NULL);
  const char *args[] = { "convert", dir, "-o", out, NULL };
  g_autofree char *err = NULL;
  g_assert_cmpint (am_test_run_argmap (args, NULL, NULL, NULL, &err), ==, 1);
  g_assert_cmpstr (err, ==,
                   "argmap: error: the statement title 'a ] b' cannot be written in Argdown: "
                   "']' ends a statement title\n");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_unlink (nodes);
  g_assert_cmpint (g_rmdir (dir), ==, 0); /* nothing else there: no temporary file left */
}

/* Argdown -> model -> Argdown -> model gives the same model, and writing it again the same
 * text, for a real file. */
static void
test_real (gconstpointer data)
{
  const char *path = data;
  g_autoptr (AmMap) map = fx_load (path);
  if (map == NULL) {
    g_test_skip ("the file does not read without errors");
    return;
  }
  g_autofree char *text = fx_write (map, "argdown", FALSE);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (AmMap) back = read_argdown (text, path, dir, NULL);
  assert_equal (map, back, text);
  g_autofree char *again = fx_write (back, "argdown", FALSE);
  g_assert_cmpstr (again, ==, text);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/argdown-write/golden", test_golden);
  g_test_add_func ("/argdown-write/fixture-roundtrip", test_fixture_roundtrip);
  g_test_add_func ("/argdown-write/unwritable", test_unwritable);
  g_test_add_func ("/argdown-write/after-tag", test_after_tag);
  g_test_add_func ("/argdown-write/read-back", test_read_back);
  g_test_add_func ("/argdown-write/cli-refuses", test_cli_refuses);
  for (guint i = 0; i < G_N_ELEMENTS (escape_cases); i++) {
    g_autofree char *p = g_strdup_printf ("/argdown-write/escape/%s", escape_cases[i].name);
    g_test_add_data_func (p, &escape_cases[i], test_escape);
  }
  g_autoptr (GPtrArray) files = fx_real_files ();
  for (guint i = 0; i < files->len; i++) {
    const char *f = g_ptr_array_index (files, i);
    g_autofree char *p = g_strdup_printf ("/argdown-write/real/%s", f);
    g_test_add_data_func (p, f, test_real);
  }
  return g_test_run ();
}
