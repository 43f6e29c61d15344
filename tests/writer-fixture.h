/* writer-fixture: one map built through the model API, shared by the writer tests: every kind
 * of element, and titles and texts that need escaping in every output format. */
#pragma once

#include <math.h>
#include <string.h>

#include "argmap.h"

/* Strings that break naive writers: quotes, backslashes, markup, newlines, commas, non-ASCII,
 * and cells a spreadsheet would run as formulas. Keep in sync with the checks in the tests. */
#define FX_QUOTES "Quote \"double\" and \\back\\slash"
#define FX_MARKUP "Comma, <angle> & amp; semi"
#define FX_FORMULA "=SUM(A1:A2)"
#define FX_APOSTROPHE "'apostrophe first"
#define FX_UNICODE "Ελληνικά — “curly” ’s"
#define FX_TEXT_NEWLINE "first line\nsecond line, with \"quotes\" and \\ and <b>&amp;</b>"
#define FX_ESSAY "Putin’s policy towards the Iraq War was a failure. It did not prevent the war."

static inline AmOrigin
fx_o (guint line)
{
  return am_origin ("fixture.argdown", line, 1);
}

static inline guint
fx_statement (AmMap *map, const char *title, const char *text, gint section, guint line)
{
  guint i = am_map_ensure_statement (map, title, fx_o (line), NULL);
  AmStatement *st = am_map_statement (map, i);
  am_statement_add_member (map, st, text, fx_o (line));
  st->section = section;
  return i;
}

static inline void
fx_pcs (AmArgument *arg, guint statement, AmPcsRole role, guint number, const char *rules,
        guint line)
{
  AmPcsItem item = { 0 };
  item.statement = statement;
  item.role = role;
  item.number = number;
  item.inference_rules = g_strdup (rules);
  am_meta_init (&item.inference_meta);
  item.origin = fx_o (line);
  g_array_append_val (arg->pcs, item);
}

/* Returns a new map (free with am_map_free). */
static inline AmMap *
fx_map_new (void)
{
  AmMap *map = am_map_new ("fixture.argdown");
  json_object_set_string_member (am_meta_data_writable (&map->front), "title", "Fixture: \"all\" of it");

  guint src = am_map_add_source (map, "essay.txt");
  am_map_source (map, src)->text = g_strdup (FX_ESSAY);

  guint putin = am_map_add_actor (map, "putin", "Vladimir Putin", "person", fx_o (3));
  guint some = am_map_add_actor (map, "some", "Some analysts, \"unnamed\"", "group", fx_o (4));
  am_map_add_actor (map, "author", "The author", NULL, fx_o (5));

  guint s1 = am_map_add_section (map, "Article 1", 1, -1, fx_o (8));
  guint s2 = am_map_add_section (map, "Debate, part \"2\" / more", 2, (gint) s1, fx_o (9));
  guint s3 = am_map_add_section (map, "Ünïcode & <stuff>", 1, -1, fx_o (30));

  guint failed = fx_statement (map, "Policy failed",
                               "Putin's policy towards the Iraq War was a failure.", (gint) s1,
                               10);
  AmStatement *st = am_map_statement (map, failed);
  st->span.source = (gint) src;
  st->span.start = 0;
  st->span.end = 49;
  json_object_set_string_member (am_meta_data_writable (&st->meta), "quote",
                                 "Putin’s policy towards the Iraq War was a failure");
  am_tags_add (&st->tags, "core");
  am_tags_add (&st->tags, "tag with spaces");
  st->weight = 0.7;

  guint quotes = fx_statement (map, FX_QUOTES, FX_TEXT_NEWLINE, (gint) s2, 12);
  am_tags_add (&am_map_statement (map, quotes)->tags, "odd;tag");
  guint markup = fx_statement (map, FX_MARKUP, "Text, with a comma & <tag>", (gint) s2, 13);
  guint formula = fx_statement (map, FX_FORMULA, "+1 is what the cell says", (gint) s2, 14);
  am_map_statement (map, formula)->weight = 1.0;
  guint apos = fx_statement (map, FX_APOSTROPHE, "''two apostrophes", (gint) s2, 15);
  guint uni = fx_statement (map, FX_UNICODE, "-minus first, then \ttab", (gint) s3, 31);
  am_map_statement (map, uni)->weight = 0.0;
  guint atsign = fx_statement (map, "@at sign", "\tstarts with a tab\r\nand CRLF", (gint) s3, 32);
  guint undefined = am_map_ensure_statement (map, "Referenced only", fx_o (33), NULL);
  am_statement_add_member (map, am_map_statement (map, undefined), NULL, fx_o (33));

  /* A reconstructed argument: two premises, an intermediary conclusion, one more premise, the
   * main conclusion. */
  guint p1 = fx_statement (map, "P1", "If diplomacy fails, the policy failed.", (gint) s1, 20);
  guint p2 = fx_statement (map, "P2", "Diplomacy failed.", (gint) s1, 21);
  guint p3 = fx_statement (map, "P3", "Failures are remembered.", (gint) s1, 23);
  guint c1 = fx_statement (map, "C1", "The policy failed, as far as this goes.", (gint) s1, 22);
  guint argi = am_map_ensure_argument (map, "Failure argument", fx_o (18), NULL);
  AmArgument *arg = am_map_argument (map, argi);
  am_argument_add_description (map, arg, "Diplomacy did not prevent the war, \"so\" it failed.",
                               fx_o (18));
  arg->section = (gint) s1;
  am_tags_add (&arg->tags, "pcs");
  fx_pcs (arg, p1, AM_PCS_PREMISE, 1, NULL, 20);
  fx_pcs (arg, p2, AM_PCS_PREMISE, 2, NULL, 21);
  fx_pcs (arg, c1, AM_PCS_INTERMEDIARY, 3, "modus ponens", 22);
  fx_pcs (arg, p3, AM_PCS_PREMISE, 4, NULL, 23);
  fx_pcs (arg, failed, AM_PCS_CONCLUSION, 5, NULL, 24);
  arg->weight = 0.25;

  guint argb = am_map_ensure_argument (map, "Veto \"call\" & <law", fx_o (34), NULL);
  AmArgument *veto = am_map_argument (map, argb);
  am_argument_add_description (map, veto, "Russia should have used its veto, \\ firmly.", fx_o (34));
  veto->section = (gint) s3;

  AmNodeRef rf = am_node_ref (AM_NODE_STATEMENT, failed);
  AmNodeRef ra = am_node_ref (AM_NODE_ARGUMENT, argi);
  AmNodeRef rb = am_node_ref (AM_NODE_ARGUMENT, argb);
  am_map_add_relation (map, AM_REL_SUPPORT, am_node_ref (AM_NODE_STATEMENT, quotes), rf, NULL,
                       FALSE, fx_o (12));
  am_map_add_relation (map, AM_REL_ATTACK, am_node_ref (AM_NODE_STATEMENT, markup), rf, NULL,
                       FALSE, fx_o (13));
  am_map_add_relation (map, AM_REL_ATTACK, am_node_ref (AM_NODE_STATEMENT, formula),
                       am_node_ref (AM_NODE_STATEMENT, markup), "contrary", FALSE, fx_o (14));
  am_map_add_relation (map, AM_REL_UNDERCUT, am_node_ref (AM_NODE_STATEMENT, apos), ra, NULL,
                       FALSE, fx_o (15));
  am_map_add_relation (map, AM_REL_CONTRADICTION, am_node_ref (AM_NODE_STATEMENT, uni),
                       am_node_ref (AM_NODE_STATEMENT, atsign), NULL, FALSE, fx_o (31));
  am_map_add_relation (map, AM_REL_ATTACK, rb, ra, NULL, FALSE, fx_o (34));
  am_map_add_relation (map, AM_REL_SUPPORT, am_node_ref (AM_NODE_STATEMENT, undefined), rb,
                       NULL, FALSE, fx_o (35));
  /* What the Argdown reader marks derived: a relation written on a reconstructed argument
   * speaks through its main conclusion. */
  am_map_add_relation (map, AM_REL_ATTACK, rf, am_node_ref (AM_NODE_STATEMENT, uni), NULL, TRUE,
                       fx_o (24));

  am_map_add_stance (map, putin, rf, AM_STANCE_CON, NULL, fx_o (10));
  am_map_add_stance (map, some, rf, AM_STANCE_PRO, NULL, fx_o (10));
  am_map_add_stance (map, some, rb, AM_STANCE_NEUTRAL, NULL, fx_o (34));
  return map;
}

/* Takes out of `map` what Argdown cannot say, so the rest can be compared with a map that went
 * through Argdown: texts are one line (line breaks and tabs become spaces), and strict-mode
 * relation names cannot be mixed with plain relations between statements. */
static inline void
fx_flatten_for_argdown (AmMap *map)
{
  for (guint i = 0; i < map->statements->len; i++) {
    AmStatement *st = am_map_statement (map, i);
    if (st->text == NULL)
      continue;
    g_autofree char *flat = g_strdup (st->text);
    for (char *p = flat; *p; p++)
      if (*p == '\n' || *p == '\r' || *p == '\t')
        *p = ' ';
    am_statement_set_text (map, st, g_strstrip (flat));
  }
  for (guint i = 0; i < map->relations->len; i++)
    g_clear_pointer (&am_map_relation (map, i)->original, g_free);
}

/* Compares `text` with the golden file `path` (relative to the repository root, the tests'
 * working directory). With AM_REGENERATE=1 in the environment the golden file is rewritten
 * instead: `AM_REGENERATE=1 meson test -C build json csv argdown-write`. */
static inline void
fx_check_golden (const char *path, const char *text, gsize len)
{
  if (g_strcmp0 (g_getenv ("AM_REGENERATE"), "1") == 0) {
    g_autofree char *dir = g_path_get_dirname (path);
    g_mkdir_with_parents (dir, 0777);
    g_autoptr (GError) error = NULL;
    g_file_set_contents (path, text, (gssize) len, &error);
    g_assert_no_error (error);
    return;
  }
  g_autofree char *want = NULL;
  gsize want_len = 0;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &want, &want_len, &error))
    g_error ("%s: %s (regenerate with AM_REGENERATE=1)", path, error->message);
  if (want_len != len || memcmp (want, text, len) != 0) {
    g_test_message ("%s differs from the writer's output:\n%s", path, text);
    g_test_fail ();
  }
}

/* The output of `format`'s writer for `map` with `options` (a folder format's files are
 * concatenated, each after a `==> name <==` line). */
static inline char *
fx_write_with (const AmMap *map, const char *format, const AmWriteOptions *options)
{
  const AmFormat *f = am_format_by_name (format);
  g_assert_nonnull (f);
  AmOutput out;
  am_output_init (&out, f->folder);
  g_autoptr (GError) error = NULL;
  gboolean ok = f->write (map, options, &out, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  GString *all = g_string_new (NULL);
  if (f->folder) {
    for (guint i = 0; i < out.names->len; i++) {
      GString *t = g_ptr_array_index (out.texts, i);
      g_string_append_printf (all, "==> %s <==\n", (char *) g_ptr_array_index (out.names, i));
      g_string_append_len (all, t->str, (gssize) t->len);
    }
  } else {
    g_string_append_len (all, out.text->str, (gssize) out.text->len);
  }
  am_output_clear (&out);
  return g_string_free (all, FALSE);
}

static inline char *
fx_write (const AmMap *map, const char *format, gboolean csv_raw)
{
  AmWriteOptions options = { .csv_raw = csv_raw };
  return fx_write_with (map, format, &options);
}

/* The real Argdown files the round-trip tests run on: the reader's corpus, the WebGPU debate
 * maps and the essay's map, those that exist (sorted; newly allocated paths). */
static inline gint
fx_compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static inline GPtrArray *
fx_real_files (void)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  static const char *const dirs[] = { "tests/data/argdown", "tests/data/argdown/webgpu",
                                      "models" };
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++) {
    g_autoptr (GDir) d = g_dir_open (dirs[i], 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name (d)) != NULL)
      if (g_str_has_suffix (n, ".argdown"))
        g_ptr_array_add (files, g_build_filename (dirs[i], n, NULL));
  }
  g_ptr_array_sort (files, fx_compare_paths);
  return files;
}

/* Reads `path` as `argmap` does; NULL (and a test message) when it has errors: the invalid
 * inputs of the reader's corpus are not round-trip material. */
static inline AmMap *
fx_load (const char *path)
{
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  AmMap *map = am_load (path, NULL, diags, &error);
  if (map == NULL)
    g_test_message ("%s: %s", path, error ? error->message : "errors");
  return map;
}
