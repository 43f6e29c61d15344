/* test-anchor: quote matching (normalisation, original offsets, occurrences, suggestions). */
#include <string.h>

#include "am-anchor.h"

typedef struct {
  const char *name;
  const char *input;
  const char *expected;
} NormCase;

static const NormCase norm_cases[] = {
  { "apostrophe", "Putin\u2019s policy", "Putin's policy" },
  { "single-quotes", "\u2018a\u2019 \u201Ab\u201B \u02BCc", "'a' 'b' 'c" },
  { "double-quotes", "\u201Cquoted\u201D \u201Elow\u201F", "\"quoted\" \"low\"" },
  { "dashes", "a \u2013 b \u2014 c \u2012 d \u2212 e \u2010f\u2011g\u2015",
    "a - b - c - d - e -f-g-" },
  { "white-space", "  lead\n\n\tin \u00A0 between\r\n\u2003trail \u00A0 ",
    "lead in between trail" },
  { "vertical-tab-and-nel", "a\vb\xC2\x85" "c", "a b c" },
  { "nfc-combining", "e\u0301t\u00E9", "\u00E9t\u00E9" },
  { "nfc-reordered-marks", "a\u0323\u0302", "\u1EAD" }, /* a, dot below, circumflex -> ậ */
  { "nfc-decomposed-angstrom", "A\u030Angstro\u0308m", "\u00C5ngstr\u00F6m" },
  { "nfc-hangul-jamo", "\u1100\u1161\u11A8", "\uAC01" },
  { "nfc-singleton", "\u2126", "\u03A9" }, /* OHM SIGN -> GREEK CAPITAL OMEGA */
  { "ellipsis", "wait\u2026 what", "wait... what" },
  { "invisible", "soft\u00ADhy\u200Bphen\uFEFF\u2060", "softhyphen" },
  { "case-kept", "The WAR", "The WAR" },
  { "guillemets-kept", "\u00ABnon\u00BB", "\u00ABnon\u00BB" },
  { "empty", " \n\t ", "" },
};

static void
test_normalize (gconstpointer data)
{
  const NormCase *c = data;
  g_autofree char *got = am_anchor_normalize (c->input, -1);
  g_assert_cmpstr (got, ==, c->expected);
  /* The text form normalises identically. */
  g_autoptr (AmAnchorText) t = am_anchor_text_new (c->input, -1);
  g_assert_cmpstr (am_anchor_text_normalized (t), ==, c->expected);
  g_assert_cmpint (am_anchor_text_length (t), ==, g_utf8_strlen (c->input, -1));
}

typedef struct {
  const char *name;
  const char *text;
  const char *quote;
  guint n_hits;   /* expected number of occurrences */
  gint64 start;   /* of the first hit */
  gint64 end;
  guint line;
  guint column;
} FindCase;

/* "Ab\u0301c d\u2019e\n\n  f\u2014g", by character offset:
 * A0 b1 U+0301:2 c3 sp4 d5 ’6 e7 \n8 \n9 sp10 sp11 f12 —13 g14 */
#define MIXED "Ab\u0301c d\u2019e\n\n  f\u2014g"

static const FindCase find_cases[] = {
  { "combining-kept", MIXED, "Ab\u0301c", 1, 0, 4, 1, 1 },
  { "across-lines", MIXED, "d'e f-g", 1, 5, 15, 1, 6 },
  { "third-line", MIXED, "f-g", 1, 12, 15, 3, 3 },
  { "quote-white-space", MIXED, "  d\u2019e\n f\u2013g ", 1, 5, 15, 1, 6 },
  { "mid-word-start", MIXED, "b\u0301c", 0, 0, 0, 0, 0 },
  { "mid-word-end", "warrant", "war", 0, 0, 0, 0, 0 },
  { "precomposed-text", "caf\u00E9 au lait", "cafe\u0301 au", 1, 0, 7, 1, 1 },
  { "decomposed-text", "cafe\u0301 au lait", "caf\u00E9 au", 1, 0, 8, 1, 1 },
  { "multibyte-before", "\u00E9\u00E9\u00E9 \u4E16\u754C x", "x", 1, 7, 8, 1, 8 },
  { "two", "the war and the warrant; the war again. The war", "the war", 2, 0, 7, 1, 1 },
  { "overlapping", "a a a", "a a", 2, 0, 3, 1, 1 },
  { "case-not-folded", "The War", "the war", 0, 0, 0, 0, 0 },
  { "punctuation-edge", "(said \"no\"), then", "\"no\"", 1, 6, 10, 1, 7 },
  { "empty-quote", "text", "  ", 0, 0, 0, 0, 0 },
  { "not-there", "text", "other", 0, 0, 0, 0, 0 },
  { "crlf", "one\r\ntwo\r\nthree", "two three", 1, 5, 15, 2, 1 },
};

static void
test_find (gconstpointer data)
{
  const FindCase *c = data;
  g_autoptr (AmAnchorText) t = am_anchor_text_new (c->text, -1);
  g_autoptr (GArray) hits = am_anchor_find (t, c->quote);
  g_assert_cmpuint (hits->len, ==, c->n_hits);
  if (c->n_hits == 0)
    return;
  AmAnchorHit h = g_array_index (hits, AmAnchorHit, 0);
  g_assert_cmpint (h.start, ==, c->start);
  g_assert_cmpint (h.end, ==, c->end);
  g_assert_cmpuint (h.line, ==, c->line);
  g_assert_cmpuint (h.column, ==, c->column);
  /* The original characters of every hit normalise to the normalised quote. */
  g_autofree char *nq = am_anchor_normalize (c->quote, -1);
  for (guint i = 0; i < hits->len; i++) {
    AmAnchorHit hi = g_array_index (hits, AmAnchorHit, i);
    g_autofree char *span = g_utf8_substring (c->text, (glong) hi.start, (glong) hi.end);
    g_autofree char *ns = am_anchor_normalize (span, -1);
    g_assert_cmpstr (ns, ==, nq);
  }
}

static void
test_find_positions (void)
{
  const char *text = "alpha beta\ngamma beta\n\nbeta delta";
  g_autoptr (AmAnchorText) t = am_anchor_text_new (text, -1);
  g_autoptr (GArray) hits = am_anchor_find (t, "beta");
  g_assert_cmpuint (hits->len, ==, 3);
  const guint lines[] = { 1, 2, 4 }, cols[] = { 7, 7, 1 };
  for (guint i = 0; i < 3; i++) {
    AmAnchorHit h = g_array_index (hits, AmAnchorHit, i);
    g_assert_cmpuint (h.line, ==, lines[i]);
    g_assert_cmpuint (h.column, ==, cols[i]);
    g_assert_cmpint (h.end - h.start, ==, 4);
  }
}

typedef struct {
  const char *name;
  const char *quote;
  const char *passage; /* NULL: no suggestion */
  guint line;
} SuggestCase;

static const char suggest_text[]
    = "In hindsight, Putin\u2019s policy did not prevent the Iraq War, as the\n"
      "coalition invaded Iraq without UN authorization in March 2003.\n"
      "Putin\u2019s policy towards the Iraq War was a failure due to the broader\n"
      "geopolitical context. The war was a failure for many.\n";

static const SuggestCase suggest_cases[] = {
  { "one-word-changed", "Putin's policy towards the Iraq War was a disaster",
    "Putin's policy towards the Iraq War was a failure", 3 },
  { "word-dropped", "coalition invaded Iraq in March 2003",
    "coalition invaded Iraq without UN authorization", 2 },
  { "case-differs", "putin's policy did not prevent the iraq war",
    "Putin's policy did not prevent the Iraq War", 1 },
  { "nothing-shared", "zebra xylophone", NULL, 0 },
  { "no-words", "--", NULL, 0 },
};

static void
test_suggest (gconstpointer data)
{
  const SuggestCase *c = data;
  g_autoptr (AmAnchorText) t = am_anchor_text_new (suggest_text, -1);
  g_autofree char *passage = NULL;
  AmAnchorHit where = { 0 };
  gboolean ok = am_anchor_suggest (t, c->quote, &passage, &where);
  if (c->passage == NULL) {
    g_assert_false (ok);
    return;
  }
  g_assert_true (ok);
  g_assert_cmpstr (passage, ==, c->passage);
  g_assert_cmpuint (where.line, ==, c->line);
  g_autofree char *span = g_utf8_substring (suggest_text, (glong) where.start, (glong) where.end);
  g_autofree char *ns = am_anchor_normalize (span, -1);
  g_assert_cmpstr (ns, ==, c->passage);
}

/* A source of about 1 MB: building, finding and suggesting must stay linear in its size. */
static void
test_large (void)
{
  static const char *const vocab[] = { "Russia", "Iraq", "policy", "war", "oil", "the", "of",
                                       "diplomacy", "veto", "council", "influence", "energy",
                                       "sanctions", "coalition", "invasion", "law" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (GString) s = g_string_new (NULL);
  guint words = 0;
  while (s->len < 1000000) {
    g_string_append (s, vocab[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocab))]);
    g_string_append (s, ++words % 17 == 0 ? "\u2019s\n" : " ");
  }
  const char *needle = "Putin\u2019s  unusual\nstrategy towards Baghdad";
  g_string_append (s, needle);
  g_string_append (s, " the end");
  glong n_chars = g_utf8_strlen (s->str, -1);

  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (AmAnchorText) t = am_anchor_text_new (s->str, (gssize) s->len);
  gint64 t1 = g_get_monotonic_time ();
  g_autoptr (GArray) hits = am_anchor_find (t, "Putin's unusual strategy towards Baghdad");
  gint64 t2 = g_get_monotonic_time ();
  g_assert_cmpuint (hits->len, ==, 1);
  AmAnchorHit h = g_array_index (hits, AmAnchorHit, 0);
  g_assert_cmpint (h.end, ==, n_chars - (glong) strlen (" the end"));
  g_assert_cmpint (h.end - h.start, ==, g_utf8_strlen (needle, -1));

  g_autofree char *passage = NULL;
  AmAnchorHit where;
  g_assert_true (am_anchor_suggest (t, "Putin's unusual plan towards Baghdad", &passage, &where));
  gint64 t3 = g_get_monotonic_time ();
  g_assert_cmpstr (passage, ==, "Putin's unusual strategy towards Baghdad");
  g_assert_cmpint (where.start, ==, h.start);

  /* A second suggestion reuses the numbered words of the text. */
  g_autofree char *again = NULL;
  g_assert_true (am_anchor_suggest (t, "unusual strategy towards zebra", &again, &where));
  gint64 t4 = g_get_monotonic_time ();
  g_assert_cmpstr (again, ==, "unusual strategy towards Baghdad");

  g_autoptr (GArray) many = am_anchor_find (t, "the");
  g_assert_cmpuint (many->len, >, 5000);
  g_test_message ("1 MB source: prepare %.1f ms, find %.1f ms, first suggestion %.1f ms, "
                  "next %.1f ms",
                  (double) (t1 - t0) / 1000.0, (double) (t2 - t1) / 1000.0,
                  (double) (t3 - t2) / 1000.0, (double) (t4 - t3) / 1000.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (norm_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/anchor/normalize/%s", norm_cases[i].name);
    g_test_add_data_func (path, &norm_cases[i], test_normalize);
  }
  for (guint i = 0; i < G_N_ELEMENTS (find_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/anchor/find/%s", find_cases[i].name);
    g_test_add_data_func (path, &find_cases[i], test_find);
  }
  g_test_add_func ("/anchor/find/positions", test_find_positions);
  for (guint i = 0; i < G_N_ELEMENTS (suggest_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/anchor/suggest/%s", suggest_cases[i].name);
    g_test_add_data_func (path, &suggest_cases[i], test_suggest);
  }
  g_test_add_func ("/anchor/large", test_large);
  return g_test_run ();
}
