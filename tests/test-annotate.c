/* test-annotate: argmap's metadata conventions (source, actors, quote, stance, weight): on maps
 * built through the model API, on files through `argmap check` (diagnostics pinned whole), and
 * on the essay's map. */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sys/wait.h>

#include "am-anchor.h"
#include "argmap.h"

/* The source text every case may quote from (written to essay.txt in a temporary folder). */
static const char essay[]
    = "Putin\u2019s policy did not prevent the Iraq War.\n"
      "Some argue that Russia should have used its veto.\n"
      "Others contend that the efforts were commendable \u2014 but futile.\n"
      "The war was costly. The war was long.\n";

typedef struct {
  const char *name;
  const char *front; /* JSON object of the front matter */
  const char *nodes; /* JSON array of {"title": T, "argument": bool, "meta": {...}} */
  const char *expected; /* every diagnostic, one per line; @DIR@ stands for the base folder */
} Case;

/* Origins: front matter key j is at line j+1, column 1; node i's key j at line 20+i, column
 * 10*(j+1); a key "k.sub" listed in "origins" of a node gets column 99. */
static const Case cases[] = {
  { "clean",
    "{\"source\": \"essay.txt\", \"actors\": {\"putin\": {\"name\": \"Vladimir Putin\", "
    "\"kind\": \"person\"}, \"some\": \"Some analysts\", \"others\": null}}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": \"Putin's policy did not prevent the Iraq War\", "
    "\"stance\": {\"putin\": \"con\", \"some\": \"pro\"}, \"weight\": 0.25}},"
    " {\"title\": \"B\", \"argument\": true, \"meta\": {\"quote\": \"The war was\", "
    "\"occurrence\": 2, \"stance\": [{\"others\": \"neutral\"}], \"weight\": 1}},"
    " {\"title\": \"C\", \"meta\": {\"stance\": {\"some\": {\"value\": \"pro\", \"quote\": "
    "\"used its veto\"}}, \"weight\": 0}}]",
    "" },
  { "missing-source", "{\"source\": \"nope.txt\"}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": \"anything\"}}]",
    "t.argdown:1:1: error: source file 'nope.txt' not found (looked for '@DIR@/nope.txt')\n" },
  { "source-not-text", "{\"source\": [\"essay.txt\"]}", "[]",
    "t.argdown:1:1: error: source: must be the path of the text the quotes come from, not a "
    "list\n" },
  { "source-is-folder", "{\"source\": \".\"}", "[]",
    "t.argdown:1:1: error: cannot read source file '.': @READDIR@\n" },
  { "quote-not-found", "{\"source\": \"essay.txt\"}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": \"Some argue that Russia should have used its "
    "army\"}}]",
    "t.argdown:20:10: error: quote not found in 'essay.txt'; closest passage (line 2): \"Some "
    "argue that Russia should have used its veto\"\n" },
  { "quote-case-differs", "{\"source\": \"essay.txt\"}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": \"the iraq war\"}}]",
    "t.argdown:20:10: error: quote not found in 'essay.txt'; closest passage (line 1): \"the "
    "Iraq War\" (it differs only in letter case)\n" },
  { "quote-nothing-alike", "{\"source\": \"essay.txt\"}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": \"zebra xylophone\"}}]",
    "t.argdown:20:10: error: quote not found in 'essay.txt' (no passage shares a word with "
    "it)\n" },
  { "quote-ambiguous", "{\"source\": \"essay.txt\"}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": \"The war was\"}}]",
    "t.argdown:20:10: error: quote occurs 2 times in 'essay.txt' (at line:column 4:1 and 4:21); "
    "add 'occurrence: N' (1 to 2) to choose one, or quote more words\n" },
  { "occurrence-too-big", "{\"source\": \"essay.txt\"}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": \"Iraq War\", \"occurrence\": 2}}]",
    "t.argdown:20:20: error: occurrence: 2, but the quote occurs 1 time in 'essay.txt' (at "
    "line:column 1:36)\n" },
  { "occurrence-bad", "{\"source\": \"essay.txt\"}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": \"The war\", \"occurrence\": 1.5}},"
    " {\"title\": \"B\", \"meta\": {\"quote\": \"The war\", \"occurrence\": \"first\"}},"
    " {\"title\": \"C\", \"meta\": {\"occurrence\": 1}}]",
    "t.argdown:20:20: error: occurrence: must be a whole number from 1, not 1.5\n"
    "t.argdown:21:20: error: occurrence: must be a whole number from 1, not \"first\"\n"
    "t.argdown:22:10: error: occurrence: without a quote: to choose among\n" },
  { "quote-shapes", "{\"source\": \"essay.txt\"}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": [\"The war\", \"was long\"]}},"
    " {\"title\": \"B\", \"meta\": {\"quote\": 12}},"
    " {\"title\": \"C\", \"meta\": {\"quote\": \" \\n \"}}]",
    "t.argdown:20:10: error: quote: must be one passage (text), not a list: a node has one "
    "span; quote one passage or split the claim\n"
    "t.argdown:21:10: error: quote: must be text, not 12\n"
    "t.argdown:22:10: error: quote: is empty\n" },
  { "quote-without-source", "{}",
    "[{\"title\": \"A\", \"meta\": {\"quote\": \"The war\"}}]",
    "t.argdown:20:10: error: quote: needs a source text: add 'source: FILE' to the front "
    "matter\n" },
  { "unknown-actor", "{\"actors\": {\"putin\": \"Putin\", \"bush\": \"George W. Bush\"}}",
    "[{\"title\": \"A\", \"meta\": {\"stance\": {\"putn\": \"pro\"}}},"
    " {\"title\": \"B\", \"meta\": {\"stance\": {\"Bush\": \"con\"}}},"
    " {\"title\": \"C\", \"meta\": {\"stance\": {\"chirac\": \"con\"}}}]",
    "t.argdown:20:10: error: unknown actor 'putn' in stance; did you mean 'putin'?\n"
    "t.argdown:21:10: error: unknown actor 'Bush' in stance; did you mean 'bush'?\n"
    "t.argdown:22:10: error: unknown actor 'chirac' in stance; declared actors: putin, bush\n" },
  { "unknown-actor-none-declared", "{}",
    "[{\"title\": \"A\", \"meta\": {\"stance\": {\"putin\": \"pro\"}}}]",
    "t.argdown:20:10: error: unknown actor 'putin' in stance; no actors are declared (add them "
    "to the front matter's 'actors:')\n" },
  { "unknown-stance-value", "{\"actors\": {\"putin\": \"Putin\"}}",
    "[{\"title\": \"A\", \"meta\": {\"stance\": {\"putin\": \"for\"}}},"
    " {\"title\": \"B\", \"meta\": {\"stance\": {\"putin\": true}}},"
    " {\"title\": \"C\", \"meta\": {\"stance\": {\"putin\": \"Pro\"}}},"
    " {\"title\": \"D\", \"meta\": {\"stance\": {\"putin\": {\"quote\": \"x\"}}}}]",
    "t.argdown:20:10: error: unknown stance 'for' for actor 'putin' (a stance is pro, con or "
    "neutral)\n"
    "t.argdown:21:10: error: unknown stance true for actor 'putin' (a stance is pro, con or "
    "neutral)\n"
    "t.argdown:22:10: error: unknown stance 'Pro' for actor 'putin' (a stance is pro, con or "
    "neutral)\n"
    "t.argdown:23:10: error: stance of 'putin': a mapping needs 'value: pro|con|neutral' (and "
    "may have 'quote:')\n" },
  { "stance-shapes", "{\"actors\": {\"putin\": \"Putin\"}}",
    "[{\"title\": \"A\", \"meta\": {\"stance\": \"pro\"}},"
    " {\"title\": \"B\", \"meta\": {\"stance\": [\"putin\"]}},"
    " {\"title\": \"C\", \"meta\": {\"stance\": [{\"putin\": \"pro\"}, {\"putin\": \"con\"}]}}]",
    "t.argdown:20:10: error: stance: must map actors to pro, con or neutral, as in {ACTOR: "
    "pro}, not \"pro\"\n"
    "t.argdown:21:10: error: stance: list items must be mappings like {ACTOR: pro}, not "
    "\"putin\"\n"
    "t.argdown:22:10: error: stance of actor 'putin' is given twice\n" },
  { "stance-quote-not-found", "{\"source\": \"essay.txt\", \"actors\": {\"some\": \"Some\"}}",
    "[{\"title\": \"A\", \"meta\": {\"stance\": {\"some\": {\"value\": \"pro\", \"quote\": "
    "\"used its vote\"}}}}]",
    "t.argdown:20:10: error: quote of the stance of 'some' not found in 'essay.txt'; closest "
    "passage (line 2): \"used its veto\"\n" },
  { "nested-origins", "{\"actors\": {\"putin\": \"Putin\"}}",
    "[{\"title\": \"A\", \"origins\": [\"stance.putn\"], \"meta\": {\"stance\": {\"putin\": "
    "\"pro\", \"putn\": \"con\"}}}]",
    "t.argdown:20:99: error: unknown actor 'putn' in stance; did you mean 'putin'?\n" },
  { "bad-weight", "{}",
    "[{\"title\": \"A\", \"meta\": {\"weight\": 1.5}},"
    " {\"title\": \"B\", \"meta\": {\"weight\": \"0.5\"}},"
    " {\"title\": \"C\", \"meta\": {\"weight\": -1}},"
    " {\"title\": \"D\", \"argument\": true, \"meta\": {\"weight\": null}}]",
    "t.argdown:20:10: error: weight: must be a number from 0 to 1, not 1.5\n"
    "t.argdown:21:10: error: weight: must be a number from 0 to 1, not \"0.5\"\n"
    "t.argdown:22:10: error: weight: must be a number from 0 to 1, not -1\n"
    "t.argdown:23:10: error: weight: must be a number from 0 to 1, not nothing\n" },
  { "actors-shapes", "{\"actors\": [\"putin\"]}", "[]",
    "t.argdown:1:1: error: actors: must map actor ids to {name: ..., kind: ...} (or to a name), "
    "not a list\n" },
  { "actor-shapes", "{\"actors\": {\"a\": 3, \"b\": [\"x\"], \"c\": {\"name\": 4}, "
    "\"d\": {\"name\": \"D\", \"role\": \"x\"}, \"\": \"empty\"}}", "[]",
    "t.argdown:1:1: error: actor 'a': expected a name or {name: ..., kind: ...}, not 3\n"
    "t.argdown:1:1: error: actor 'b': expected a name or {name: ..., kind: ...}, not a list\n"
    "t.argdown:1:1: error: actor 'c': name must be text, not 4\n"
    "t.argdown:1:1: warning: actor 'd': 'role' is not read (an actor has a name and a kind)\n"
    "t.argdown:1:1: error: actors: an actor needs a non-empty id\n" },
};

static char *tmp_dir;

/* Sets the origins of the members of `obj` as described above the table. */
static GHashTable *
origins_for (JsonObject *obj, guint line)
{
  GHashTable *o = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObjectIter iter;
  const char *key;
  JsonNode *v;
  guint j = 0;
  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &key, &v)) {
    AmOrigin or = am_origin ("t.argdown", line, line < 20 ? 1 : 10 * (j + 1));
    g_hash_table_insert (o, g_strdup (key), g_memdup2 (&or, sizeof or));
    j++;
  }
  return o;
}

static JsonNode *
parse (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);
  g_assert_no_error (error);
  return node;
}

static AmMap *
build_map (const Case *c)
{
  AmMap *map = am_map_new ("t.argdown");
  g_autoptr (JsonNode) front = parse (c->front);
  /* Front matter keys each on their own line, from line 1. */
  JsonObject *fobj = json_node_get_object (front);
  JsonObjectIter iter;
  const char *key;
  JsonNode *v;
  guint j = 0;
  g_autoptr (GHashTable) forigins
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  json_object_iter_init_ordered (&iter, fobj);
  while (json_object_iter_next_ordered (&iter, &key, &v)) {
    AmOrigin or = am_origin ("t.argdown", ++j, 1);
    g_hash_table_insert (forigins, g_strdup (key), g_memdup2 (&or, sizeof or));
  }
  am_meta_merge (&map->front, fobj, forigins);

  g_autoptr (JsonNode) nodes = parse (c->nodes);
  JsonArray *arr = json_node_get_array (nodes);
  for (guint i = 0; i < json_array_get_length (arr); i++) {
    JsonObject *n = json_array_get_object_element (arr, i);
    const char *title = json_object_get_string_member (n, "title");
    gboolean is_arg = json_object_has_member (n, "argument")
                      && json_object_get_boolean_member (n, "argument");
    JsonObject *meta = json_object_get_object_member (n, "meta");
    JsonArray *extra = json_object_has_member (n, "origins")
                           ? json_object_get_array_member (n, "origins")
                           : NULL;
    AmOrigin at = am_origin ("t.argdown", 20 + i, 1);
    g_autoptr (GHashTable) origins = origins_for (meta, 20 + i);
    AmMeta *m;
    if (is_arg) {
      guint idx = am_map_ensure_argument (map, title, at, NULL);
      AmArgument *arg = am_map_argument (map, idx);
      m = &arg->meta;
    } else {
      guint idx = am_map_ensure_statement (map, title, at, NULL);
      AmStatement *st = am_map_statement (map, idx);
      am_statement_add_member (map, st, title, at);
      m = &st->meta;
    }
    am_meta_merge (m, meta, origins);
    /* Origins of nested values, as a reader may record them. */
    for (guint k = 0; extra && k < json_array_get_length (extra); k++) {
      AmOrigin or = am_origin ("t.argdown", 20 + i, 99);
      g_hash_table_insert (m->origins, g_strdup (json_array_get_string_element (extra, k)),
                           g_memdup2 (&or, sizeof or));
    }
  }
  return map;
}

static char *
format_diags (AmDiagnostics *diags)
{
  am_diagnostics_sort (diags);
  g_autoptr (GString) out = g_string_new (NULL);
  am_diagnostics_print (diags, out, FALSE);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The message GLib gives for reading a folder as a file (the platform's wording). */
static char *
read_dir_message (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dot = g_build_filename (tmp_dir, ".", NULL);
  g_assert_false (g_file_get_contents (dot, &text, NULL, &error));
  return g_strdup (error->message);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (AmMap) map = build_map (c);
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  am_annotate (map, tmp_dir, diags);
  g_autofree char *got = format_diags (diags);
  g_autoptr (GString) expected = g_string_new (c->expected);
  g_string_replace (expected, "@DIR@", tmp_dir, 0);
  g_autofree char *rd = read_dir_message ();
  g_string_replace (expected, "@READDIR@", rd, 0);
  g_assert_cmpstr (got, ==, expected->str);
}

static void
test_clean_fields (void)
{
  g_autoptr (AmMap) map = build_map (&cases[0]);
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  am_annotate (map, tmp_dir, diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);

  g_assert_cmpuint (map->sources->len, ==, 1);
  AmSource *src = am_map_source (map, 0);
  g_assert_cmpstr (src->path, ==, "essay.txt");
  g_assert_cmpstr (src->text, ==, essay);
  g_assert_nonnull (src->resolved);

  g_assert_cmpuint (map->actors->len, ==, 3);
  AmActor *putin = am_map_actor (map, 0);
  g_assert_cmpstr (putin->id, ==, "putin");
  g_assert_cmpstr (putin->name, ==, "Vladimir Putin");
  g_assert_cmpstr (putin->kind, ==, "person");
  g_assert_cmpstr (am_map_actor (map, 1)->name, ==, "Some analysts");
  g_assert_null (am_map_actor (map, 1)->kind);
  g_assert_cmpstr (am_map_actor (map, 2)->name, ==, "others");

  AmStatement *a = am_map_statement (map, 0);
  g_assert_cmpint (a->span.source, ==, 0);
  g_assert_cmpint (a->span.start, ==, 0);
  g_assert_cmpint (a->span.end, ==, 43);
  g_assert_cmpfloat (a->weight, ==, 0.25);
  AmArgument *b = am_map_argument (map, 0);
  /* The second "The war was" on line 4. */
  glong line4 = g_utf8_strlen (essay, strstr (essay, "The war was costly") - essay);
  g_assert_cmpint (b->span.start, ==, line4 + 20);
  g_assert_cmpint (b->span.end, ==, line4 + 31);
  g_assert_cmpfloat (b->weight, ==, 1.0);
  AmStatement *c = am_map_statement (map, 1);
  g_assert_cmpint (c->span.source, ==, -1);
  g_assert_cmpfloat (c->weight, ==, 0.0);

  g_assert_cmpuint (map->stances->len, ==, 4);
  const struct {
    const char *actor;
    AmNodeKind kind;
    guint node;
    AmStanceValue value;
    const char *quote;
  } want[] = {
    { "putin", AM_NODE_STATEMENT, 0, AM_STANCE_CON, NULL },
    { "some", AM_NODE_STATEMENT, 0, AM_STANCE_PRO, NULL },
    { "some", AM_NODE_STATEMENT, 1, AM_STANCE_PRO, "used its veto" },
    { "others", AM_NODE_ARGUMENT, 0, AM_STANCE_NEUTRAL, NULL },
  };
  /* Statements are annotated before arguments. */
  for (guint i = 0; i < G_N_ELEMENTS (want); i++) {
    AmStance *s = am_map_stance (map, i);
    g_assert_cmpstr (am_map_actor (map, s->actor)->id, ==, want[i].actor);
    g_assert_cmpint (s->node.kind, ==, want[i].kind);
    g_assert_cmpuint (s->node.index, ==, want[i].node);
    g_assert_cmpint (s->value, ==, want[i].value);
    g_assert_cmpstr (s->quote, ==, want[i].quote);
  }
}

/* Without a base folder nothing is read: the source is recorded, quotes stay unanchored, and
 * only what needs no file is checked. */
static void
test_no_base_dir (void)
{
  g_autoptr (AmMap) map = build_map (&cases[1]); /* the missing source */
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  am_annotate (map, NULL, diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  g_assert_cmpuint (map->sources->len, ==, 1);
  g_assert_null (am_map_source (map, 0)->text);
  g_assert_cmpint (am_map_statement (map, 0)->span.source, ==, -1);
  g_assert_true (isnan (am_map_statement (map, 0)->weight));
}

/* `argmap check` on tests/data/anchor/{valid,invalid}/NAME.argdown. Each invalid file has
 * NAME.expected: "exit: N" on its first line, then the whole standard error, as printed when
 * run from the repository root. ARGMAP_UPDATE_EXPECTED=1 rewrites the .expected files from what
 * argmap prints: then review every changed one (git diff). */
#define ANCHOR_DATA "tests/data/anchor"

static gboolean
run_check (const char *file, int *code, char **out, char **err)
{
  const char *argmap = g_getenv ("ARGMAP");
  if (argmap == NULL) {
    g_test_skip ("ARGMAP is not set (meson test sets it)");
    return FALSE;
  }
  const char *argv[] = { argmap, "check", file, NULL };
  int status = 0;
  g_autoptr (GError) error = NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                     &error)) {
    g_test_fail_printf ("cannot run %s: %s", argmap, error->message);
    return FALSE;
  }
  *code = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  return TRUE;
}

static void
test_cli_invalid (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strdup_printf (ANCHOR_DATA "/invalid/%s.argdown", name);
  g_autofree char *expected_path = g_strdup_printf (ANCHOR_DATA "/invalid/%s.expected", name);
  g_autofree char *out = NULL, *err = NULL;
  int code;
  if (!run_check (file, &code, &out, &err))
    return;
  g_autofree char *got = g_strdup_printf ("exit: %d\n%s", code, err);
  if (g_strcmp0 (g_getenv ("ARGMAP_UPDATE_EXPECTED"), "1") == 0) {
    g_assert_true (g_file_set_contents (expected_path, got, -1, NULL));
    g_test_message ("%s rewritten: review it", expected_path);
  }
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (expected_path, &expected, NULL, &error)) {
    g_test_fail_printf ("%s (ARGMAP_UPDATE_EXPECTED=1 writes it; review it)\nargmap said:\n%s",
                        error->message, got);
    return;
  }
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (code, ==, 1);
}

static void
test_cli_valid (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strdup_printf (ANCHOR_DATA "/valid/%s.argdown", name);
  g_autofree char *out = NULL, *err = NULL;
  int code;
  if (!run_check (file, &code, &out, &err))
    return;
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (code, ==, 0);
}

/* The text of a span, normalised as quotes are. */
static char *
span_text (const AmMap *map, AmSpan span)
{
  const char *text = am_map_source (map, (guint) span.source)->text;
  g_autofree char *raw = g_utf8_substring (text, (glong) span.start, (glong) span.end);
  return am_anchor_normalize (raw, -1);
}

/* Every quote of `map` anchors, and its span's text is the quote. */
static void
assert_spans_match_quotes (const AmMap *map)
{
  for (guint i = 0; i < map->statements->len; i++) {
    AmStatement *st = am_map_statement (map, i);
    const char *quote = am_meta_get_string (&st->meta, "quote");
    if (quote == NULL) {
      g_test_fail_printf ("statement [%s] has no quote", st->title);
      continue;
    }
    g_assert_cmpint (st->span.source, >=, 0);
    g_assert_cmpint (st->span.start, <, st->span.end);
    g_autofree char *got = span_text (map, st->span);
    g_autofree char *want = am_anchor_normalize (quote, -1);
    g_assert_cmpstr (got, ==, want);
  }
}

static void
test_valid_model (void)
{
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AmMap) map = am_load (ANCHOR_DATA "/valid/annotated.argdown", NULL, diags, &error);
  g_assert_no_error (error);
  assert_spans_match_quotes (map);
  gint second = am_map_find_statement (map, "Second meeting");
  g_assert_cmpint (second, >=, 0);
  /* The second "Council met" is on line 4. */
  guint line, col;
  g_autoptr (AmAnchorText) t = am_anchor_text_new (am_map_source (map, 0)->text, -1);
  am_anchor_text_locate (t, am_map_statement (map, (guint) second)->span.start, &line, &col);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpfloat (am_map_statement (map, (guint) am_map_find_statement (map, "No veto"))->weight,
                     ==, 0.8);
  gint arg = am_map_find_argument (map, "Words and deeds");
  g_assert_cmpint (arg, >=, 0);
  g_autofree char *arg_text = span_text (map, am_map_argument (map, (guint) arg)->span);
  g_assert_cmpstr (arg_text, ==, "A sentence with a no-break space");
  g_assert_cmpuint (map->actors->len, ==, 3);
  g_assert_cmpstr (am_map_actor (map, 2)->name, ==, "press");
  g_assert_cmpuint (map->stances->len, ==, 5);
}

#define ESSAY_MAP "models/russia-iraq.argdown"

static AmMap *
load_essay (void)
{
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  AmMap *map = am_load (ESSAY_MAP, NULL, diags, &error);
  g_autoptr (GString) printed = g_string_new (NULL);
  am_diagnostics_print (diags, printed, FALSE);
  g_assert_no_error (error);
  g_assert_cmpstr (printed->str, ==, ""); /* no warnings either */
  return map;
}

static void
test_essay_source (void)
{
  const char *shared = g_getenv ("ARGMAP_SHARED");
  g_autofree char *seed = g_build_filename (shared ? shared : "../shared", "seed",
                                            "russia-iraq-essay.txt", NULL);
  g_autofree char *want = NULL, *got = NULL;
  gsize want_len, got_len;
  if (!g_file_get_contents (seed, &want, &want_len, NULL)) {
    g_test_skip ("the shared seed essay is not here");
    return;
  }
  g_assert_true (g_file_get_contents ("models/russia-iraq-essay.txt", &got, &got_len, NULL));
  g_assert_cmpmem (got, got_len, want, want_len);
}

static void
test_essay_anchors (void)
{
  g_autoptr (AmMap) map = load_essay ();
  g_assert_cmpuint (map->sources->len, ==, 1);
  g_assert_cmpstr (am_map_source (map, 0)->path, ==, "russia-iraq-essay.txt");
  g_assert_cmpuint (map->statements->len, >=, 35);
  assert_spans_match_quotes (map);
}

static void
test_essay_shape (void)
{
  g_autoptr (AmMap) map = load_essay ();
  g_assert_cmpuint (map->sections->len, ==, 4);
  guint by_type[4] = { 0 }, written = 0;
  for (guint i = 0; i < map->relations->len; i++) {
    AmRelation *r = am_map_relation (map, i);
    if (r->derived)
      continue;
    written++;
    by_type[r->type]++;
    if (r->type == AM_REL_UNDERCUT)
      g_assert_cmpint (r->to.kind, ==, AM_NODE_ARGUMENT);
  }
  g_test_message ("%u statements, %u arguments, %u relations written (%u support, %u attack, "
                  "%u undercut), %u stances",
                  map->statements->len, map->arguments->len, written, by_type[AM_REL_SUPPORT],
                  by_type[AM_REL_ATTACK], by_type[AM_REL_UNDERCUT], map->stances->len);
  g_assert_cmpuint (written, >=, 35);
  g_assert_cmpuint (by_type[AM_REL_ATTACK] + by_type[AM_REL_UNDERCUT], >=, 10);
  g_assert_cmpuint (by_type[AM_REL_ATTACK], >=, 10);
  g_assert_cmpuint (by_type[AM_REL_UNDERCUT], >=, 3);
  guint reconstructed = 0;
  for (guint i = 0; i < map->arguments->len; i++)
    reconstructed += am_map_argument (map, i)->pcs->len >= 3;
  g_assert_cmpuint (reconstructed, >=, 2);

  /* The second article's debate: the thesis and each counterpoint the text gives. */
  g_assert_cmpint (am_map_find_statement (map, "Policy failed"), >=, 0);
  const char *const debate[] = { "Commendable but futile", "Defender of international law",
                                 "Energy influence kept", "Veto call", "War not prevented" };
  for (guint i = 0; i < G_N_ELEMENTS (debate); i++)
    g_assert_cmpint (am_map_find_statement (map, debate[i]), >=, 0);

  /* Every actor the brief names holds or rejects at least one claim. */
  const char *const actors[] = { "russia", "putin", "us", "bush", "uk", "france",
                                 "germany", "iraq", "western", "some", "others", "author" };
  for (guint i = 0; i < G_N_ELEMENTS (actors); i++) {
    gint a = am_map_find_actor (map, actors[i]);
    g_assert_cmpint (a, >=, 0);
    guint n = 0;
    for (guint s = 0; s < map->stances->len; s++)
      n += am_map_stance (map, s)->actor == (guint) a;
    if (n == 0)
      g_test_fail_printf ("actor %s has no stance", actors[i]);
  }
}

/* Changing one word of any quote must break its anchoring, with the original passage as the
 * suggestion, at the quote's own place. Each statement's quote is mutated in turn. */
static void
test_essay_mutated_quotes (void)
{
  g_autoptr (AmMap) map = load_essay ();
  g_autofree char *text = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (ESSAY_MAP, &text, &len, NULL));
  const AmFormat *argdown = am_format_by_name ("argdown");
  g_assert_nonnull (argdown);
  guint mutated = 0;
  for (guint i = 0; i < map->statements->len; i++) {
    AmStatement *st = am_map_statement (map, i);
    const char *quote = am_meta_get_string (&st->meta, "quote");
    g_assert_nonnull (quote);
    AmOrigin at = am_meta_origin (&st->meta, "quote", st->origin);

    /* The quote as written, "..." with no escapes in this file; exactly once. */
    g_autofree char *written = g_strdup_printf ("\"%s\"", quote);
    const char *hit = strstr (text, written);
    g_assert_nonnull (hit);
    g_assert_null (strstr (hit + 1, written));
    /* Replace its middle word. */
    g_auto (GStrv) words = g_strsplit (quote, " ", -1);
    guint n = g_strv_length (words);
    g_assert_cmpuint (n, >=, 3);
    g_free (words[n / 2]);
    words[n / 2] = g_strdup ("zebra");
    g_autofree char *changed = g_strjoinv (" ", words);
    g_autoptr (GString) mutant = g_string_new_len (text, hit - text);
    g_string_append_printf (mutant, "\"%s\"", changed);
    g_string_append (mutant, hit + strlen (written));

    g_autoptr (GBytes) bytes = g_bytes_new (mutant->str, mutant->len);
    AmInput input = { .name = ESSAY_MAP, .bytes = bytes, .parts = NULL, .base_dir = "models" };
    g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
    g_autoptr (GError) error = NULL;
    g_autoptr (AmMap) bad = argdown->read (&input, diags, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (am_diagnostics_len (diags), ==, 1);
    const AmDiag *d = am_diagnostics_get (diags, 0);
    g_assert_cmpint (d->severity, ==, AM_DIAG_ERROR);
    g_assert_cmpuint (d->origin.line, ==, at.line);
    g_assert_cmpuint (d->origin.column, ==, at.column);
    guint line, col;
    g_autoptr (AmAnchorText) t = am_anchor_text_new (am_map_source (map, 0)->text, -1);
    am_anchor_text_locate (t, st->span.start, &line, &col);
    g_autofree char *norm = am_anchor_normalize (quote, -1);
    g_autofree char *want
        = g_strdup_printf ("quote not found in 'russia-iraq-essay.txt'; closest passage "
                           "(line %u): \"%s\"",
                           line, norm);
    g_assert_cmpstr (d->message, ==, want);
    mutated++;
  }
  g_assert_cmpuint (mutated, ==, map->statements->len);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
list_names (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *n;
  while (d && (n = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (n, ".argdown"))
      g_ptr_array_add (names, g_strndup (n, strlen (n) - strlen (".argdown")));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
remove_tmp (void)
{
  g_autofree char *f = g_build_filename (tmp_dir, "essay.txt", NULL);
  g_unlink (f);
  g_rmdir (tmp_dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_autoptr (GError) error = NULL;
  tmp_dir = g_dir_make_tmp ("test-annotate-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *f = g_build_filename (tmp_dir, "essay.txt", NULL);
  g_assert_true (g_file_set_contents (f, essay, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *path = g_strdup_printf ("/annotate/%s", cases[i].name);
    g_test_add_data_func (path, &cases[i], test_case);
  }
  g_test_add_func ("/annotate/clean-fields", test_clean_fields);
  g_test_add_func ("/annotate/no-base-dir", test_no_base_dir);
  g_autoptr (GPtrArray) invalid = list_names (ANCHOR_DATA "/invalid");
  g_assert_cmpuint (invalid->len, >=, 6);
  for (guint i = 0; i < invalid->len; i++) {
    g_autofree char *path = g_strdup_printf ("/annotate/check/invalid/%s",
                                             (char *) g_ptr_array_index (invalid, i));
    g_test_add_data_func (path, g_ptr_array_index (invalid, i), test_cli_invalid);
  }
  g_autoptr (GPtrArray) valid = list_names (ANCHOR_DATA "/valid");
  for (guint i = 0; i < valid->len; i++) {
    g_autofree char *path = g_strdup_printf ("/annotate/check/valid/%s",
                                             (char *) g_ptr_array_index (valid, i));
    g_test_add_data_func (path, g_ptr_array_index (valid, i), test_cli_valid);
  }
  g_test_add_func ("/annotate/valid-model", test_valid_model);
  g_test_add_func ("/annotate/essay/source", test_essay_source);
  g_test_add_func ("/annotate/essay/anchors", test_essay_anchors);
  g_test_add_func ("/annotate/essay/shape", test_essay_shape);
  g_test_add_func ("/annotate/essay/mutated-quotes", test_essay_mutated_quotes);
  int status = g_test_run ();
  remove_tmp ();
  g_free (tmp_dir);
  return status;
}
