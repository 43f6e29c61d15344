/* test-render: diagrams through cgraph/gvc: escaping round trips through DOT and SVG, formats,
 * determinism, focus, clusters, semantics colours, the stance view, Graphviz message capture. */
#define _GNU_SOURCE /* memmem */
#include <glib/gstdio.h>
#include <gvc.h>
#include <math.h>
#include <string.h>

#include "argmap.h"
#include "am-render.h"
#include "spawn-env.h"

/* In sanitizer builds: full malloc stacks, so that the suppressions of Graphviz's own leaks
 * (am-render.c) match. Ignored otherwise. */
const char *__asan_default_options (void);
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* Titles and texts that must survive DOT and SVG intact. */
static const char *const tricky_titles[] = {
  "Quotes \"double\" and 'single'",
  "Back\\slash \\N \\n \\\\ end\\",
  "Less < & more > &amp;",
  "Comma, semicolon; =leading equals",
  "=SUM(A1)",
  "Non-ASCII: Путин’s “policy” — é ü 中文",
};
static const char *const tricky_texts[] = {
  "He said \"no\" and 'yes'.",
  "C:\\path\\to \\G \\L \\E \\T \\H file\\",
  "a < b && c > d; <B>not bold</B> &lt;",
  "one, two, three\nsecond line",
  "=cmd|' /C calc'!A0",
  "Россия’s diplomacy did not prevent the war – “allegedly”.",
};

static AmOrigin
here (guint line)
{
  return am_origin ("fixture.argdown", line, 1);
}

static guint
add_statement (AmMap *map, const char *title, const char *text, gint section)
{
  guint i = am_map_ensure_statement (map, title, here (1), NULL);
  AmStatement *st = am_map_statement (map, i);
  am_statement_add_member (map, st, text, here (1));
  st->section = section;
  return i;
}

static AmNodeRef
S (guint i)
{
  return am_node_ref (AM_NODE_STATEMENT, i);
}

static AmNodeRef
A (guint i)
{
  return am_node_ref (AM_NODE_ARGUMENT, i);
}

/* Appends a line to an argument's reconstruction. */
static void
add_pcs (AmMap *map, guint arg, guint statement, AmPcsRole role)
{
  AmArgument *a = am_map_argument (map, arg);
  AmPcsItem item = { .statement = statement, .role = role, .number = a->pcs->len + 1 };
  am_meta_init (&item.inference_meta);
  g_array_append_val (a->pcs, item);
}

static AmMap *
tricky_map (void)
{
  AmMap *map = am_map_new ("tricky.argdown");
  for (guint i = 0; i < G_N_ELEMENTS (tricky_titles); i++)
    add_statement (map, tricky_titles[i], tricky_texts[i], -1);
  for (guint i = 1; i < G_N_ELEMENTS (tricky_titles); i++)
    am_map_add_relation (map, AM_REL_SUPPORT, S (i), S (0), NULL, FALSE, here (2));
  /* Quotes in metadata: the tooltip carries them. */
  AmStatement *st = am_map_statement (map, 1);
  json_object_set_string_member (am_meta_data_writable (&st->meta), "quote", "a \"quoted\" \\ <passage> & more");
  return map;
}

/* A map like the essay's debate: two sections, one nested; every relation type; an argument
 * with a premise-conclusion structure (and no relation to its conclusion); actors and stances; a source with an anchored span. */
static AmMap *
debate_map (void)
{
  AmMap *map = am_map_new ("debate.argdown");
  JsonObject *front = map->front.data;
  json_object_set_string_member (front, "title", "Russia and the Iraq War");
  guint src = am_map_add_source (map, "essay.txt");
  am_map_source (map, src)->text = g_strdup (
      "Putin’s policy towards the Iraq War was a failure. It did not prevent the war.");
  guint a1 = am_map_add_section (map, "Article 2: the failure debate", 1, -1, here (3));
  guint a11 = am_map_add_section (map, "Counterpoints", 2, (gint) a1, here (4));
  guint a2 = am_map_add_section (map, "Article 1: background", 1, -1, here (5));

  guint failed = add_statement (map, "Policy failed",
                                "Putin's policy towards the Iraq War was a failure.", (gint) a1);
  AmStatement *st = am_map_statement (map, failed);
  st->span.source = (gint) src;
  st->span.start = 0;
  st->span.end = 50;
  guint notprev = add_statement (map, "War not prevented",
                                 "Russia's diplomacy did not prevent the war.", (gint) a1);
  guint futile = add_statement (map, "Commendable but futile",
                                "The diplomacy was commendable, even if it could not stop a "
                                "determined superpower from going to war.", (gint) a11);
  guint law = add_statement (map, "Defender of law",
                             "Russia gained the image of a defender of international law.",
                             (gint) a11);
  guint influence = add_statement (map, "Influence retained",
                                   "Russia retained its influence in the Middle East.", (gint) a11);
  guint veto = add_statement (map, "Should have vetoed",
                              "Russia should have used its veto in the Security Council.",
                              (gint) a11);
  guint success = add_statement (map, "Policy succeeded", "The policy was a success.", (gint) a1);
  guint oil = add_statement (map, "Oil contracts", "Russian companies held Iraqi oil contracts.",
                             (gint) a2);
  guint ref = am_map_ensure_statement (map, "Only referenced", here (9), NULL);

  guint arg = am_map_ensure_argument (map, "Diplomacy argument", here (10), NULL);
  AmArgument *a = am_map_argument (map, arg);
  am_argument_add_description (map, a, "Failing to prevent the war means the policy failed.",
                               here (10));
  a->section = (gint) a1;
  AmPcsItem items[2] = { { .statement = notprev, .role = AM_PCS_PREMISE, .number = 1 },
                         { .statement = failed, .role = AM_PCS_CONCLUSION, .number = 2 } };
  for (guint k = 0; k < 2; k++) {
    am_meta_init (&items[k].inference_meta);
    g_array_append_val (a->pcs, items[k]);
  }

  /* As the Argdown reader builds it: the reconstruction is no relation of the model. */
  am_map_add_relation (map, AM_REL_UNDERCUT, S (futile), A (arg), NULL, FALSE, here (12));
  am_map_add_relation (map, AM_REL_ATTACK, S (law), S (failed), NULL, FALSE, here (13));
  am_map_add_relation (map, AM_REL_ATTACK, S (influence), S (failed), NULL, FALSE, here (14));
  am_map_add_relation (map, AM_REL_SUPPORT, S (veto), S (failed), NULL, FALSE, here (15));
  am_map_add_relation (map, AM_REL_CONTRADICTION, S (success), S (failed), NULL, FALSE,
                       here (16));
  am_map_add_relation (map, AM_REL_SUPPORT, S (oil), S (influence), NULL, FALSE, here (17));
  am_map_add_relation (map, AM_REL_ATTACK, S (ref), S (oil), NULL, FALSE, here (18));

  guint author = am_map_add_actor (map, "author", "The author", "author", here (19));
  guint some = am_map_add_actor (map, "some", "Some analysts", "group", here (20));
  guint putin = am_map_add_actor (map, "putin", "Vladimir Putin", "person", here (21));
  am_map_add_stance (map, author, S (failed), AM_STANCE_PRO, NULL, here (22));
  am_map_add_stance (map, some, S (law), AM_STANCE_PRO, "some argue", here (23));
  am_map_add_stance (map, some, S (failed), AM_STANCE_CON, NULL, here (24));
  am_map_add_stance (map, putin, S (veto), AM_STANCE_NEUTRAL, NULL, here (25));
  return map;
}

static GBytes *
render (const AmMap *map, const AmRenderOptions *o, AmDiagnostics *diags)
{
  g_autoptr (GError) error = NULL;
  GBytes *out = am_render (map, o, diags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

static AmRenderOptions
opts (AmRenderFormat format)
{
  AmRenderOptions o;
  am_render_options_init (&o);
  o.format = format;
  return o;
}

static Agraph_t *
parse_dot (GBytes *bytes)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  Agraph_t *g = agmemread (text);
  g_assert_nonnull (g);
  return g;
}

/* ---- a small SVG reader: text elements, node titles, tooltips ---------------------------- */

typedef struct {
  GPtrArray *texts;    /* content of every <text> */
  GPtrArray *titles;   /* content of every <title> */
  GPtrArray *tooltips; /* every xlink:title */
  GString *cur;
  gboolean in_text, in_title;
} Svg;

static void
svg_start (GMarkupParseContext *ctx, const char *name, const char **an, const char **av,
           gpointer data, GError **error)
{
  Svg *s = data;
  if (strcmp (name, "text") == 0 || strcmp (name, "title") == 0) {
    s->in_text = strcmp (name, "text") == 0;
    s->in_title = !s->in_text;
    g_string_truncate (s->cur, 0);
  }
  for (guint i = 0; an[i]; i++)
    if (strcmp (an[i], "xlink:title") == 0)
      g_ptr_array_add (s->tooltips, g_strdup (av[i]));
}

static void
svg_end (GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
  Svg *s = data;
  if ((strcmp (name, "text") == 0 && s->in_text) || (strcmp (name, "title") == 0 && s->in_title))
    g_ptr_array_add (s->in_text ? s->texts : s->titles, g_strdup (s->cur->str));
  s->in_text = s->in_title = FALSE;
}

static void
svg_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
  Svg *s = data;
  if (s->in_text || s->in_title)
    g_string_append_len (s->cur, text, (gssize) len);
}

static void
svg_clear (Svg *s)
{
  g_ptr_array_unref (s->texts);
  g_ptr_array_unref (s->titles);
  g_ptr_array_unref (s->tooltips);
  g_string_free (s->cur, TRUE);
}

static void
parse_svg (GBytes *bytes, Svg *s)
{
  s->texts = g_ptr_array_new_with_free_func (g_free);
  s->titles = g_ptr_array_new_with_free_func (g_free);
  s->tooltips = g_ptr_array_new_with_free_func (g_free);
  s->cur = g_string_new (NULL);
  s->in_text = s->in_title = FALSE;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  /* GMarkup does not read the XML prolog or DOCTYPE: start at <svg. */
  const char *start = strstr (data, "<svg");
  g_assert_nonnull (start);
  GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_autoptr (GMarkupParseContext) ctx = g_markup_parse_context_new (&parser, 0, s, NULL);
  g_autoptr (GError) error = NULL;
  /* Skip comments: GMarkup passes them through (no passthrough handler). */
  gboolean ok = g_markup_parse_context_parse (ctx, start, (gssize) (len - (gsize) (start - data)),
                                              &error)
                && g_markup_parse_context_end_parse (ctx, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static gboolean
array_has (GPtrArray *a, const char *s)
{
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), s) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
array_has_substring (GPtrArray *a, const char *s)
{
  for (guint i = 0; i < a->len; i++)
    if (strstr (g_ptr_array_index (a, i), s) != NULL)
      return TRUE;
  return FALSE;
}

/* The text of an HTML-like label, read back as XML, with Graphviz's backslash doubling undone;
 * <BR/> becomes a newline. */
typedef struct {
  GString *text;
} HtmlText;

static void
html_start (GMarkupParseContext *ctx, const char *name, const char **an, const char **av,
            gpointer data, GError **error)
{
  if (g_ascii_strcasecmp (name, "BR") == 0)
    g_string_append_c (((HtmlText *) data)->text, '\n');
}

static void
html_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
  g_string_append_len (((HtmlText *) data)->text, text, (gssize) len);
}

static char *
html_label_text (const char *html)
{
  HtmlText h = { g_string_new (NULL) };
  GMarkupParser parser = { html_start, NULL, html_text, NULL, NULL };
  g_autoptr (GMarkupParseContext) ctx = g_markup_parse_context_new (&parser, 0, &h, NULL);
  g_autofree char *doc = g_strdup_printf ("<root>%s</root>", html);
  g_autoptr (GError) error = NULL;
  g_markup_parse_context_parse (ctx, doc, -1, &error);
  g_assert_no_error (error);
  /* "\\" is one backslash to Graphviz. */
  GString *out = g_string_new (NULL);
  for (const char *p = h.text->str; *p; p++) {
    if (p[0] == '\\' && p[1] == '\\')
      p++;
    g_string_append_c (out, *p);
  }
  g_string_free (h.text, TRUE);
  return g_string_free (out, FALSE);
}

/* Undoes am_render_escape_tooltip: four backslashes are one, &amp; is &. */
static char *
tooltip_text (const char *value)
{
  GString *out = g_string_new (NULL);
  for (const char *p = value; *p; p++) {
    if (strncmp (p, "\\\\\\\\", 4) == 0)
      p += 3;
    else if (strncmp (p, "&amp;", 5) == 0) {
      g_string_append_c (out, '&');
      p += 4;
      continue;
    }
    g_string_append_c (out, *p);
  }
  return g_string_free (out, FALSE);
}

/* The node whose tooltip starts with "[title]" (statements), "<title>" (arguments) or
 * "title (" (actors); NULL if none. */
static Agnode_t *
node_by_title (Agraph_t *g, const char *title)
{
  g_autofree char *st = g_strdup_printf ("[%s]", title);
  g_autofree char *arg = g_strdup_printf ("<%s>", title);
  g_autofree char *actor = g_strdup_printf ("%s (", title);
  for (Agnode_t *n = agfstnode (g); n; n = agnxtnode (g, n)) {
    g_autofree char *tip = tooltip_text (agget (n, (char *) "tooltip"));
    if (g_str_has_prefix (tip, st) || g_str_has_prefix (tip, arg) || g_str_has_prefix (tip, actor))
      return n;
  }
  return NULL;
}

/* The first line of a node's label. */
static char *
node_heading (Agnode_t *n)
{
  g_autofree char *text = html_label_text (agget (n, (char *) "label"));
  char *nl = strchr (text, '\n');
  return nl ? g_strndup (text, (gsize) (nl - text)) : g_strdup (text);
}

/* ---- tests ------------------------------------------------------------------------------- */

/* Keeps a rendered picture in the build folder, to look at. */
static void
save_artifact (const char *name, GBytes *bytes)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *file = g_build_filename (dir ? dir : ".", name, NULL);
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL));
}

static const char *
or_empty (const char *s)
{
  return s ? s : "";
}

/* The node titled `title` if `cluster` holds it, else NULL. */
static Agnode_t *
in_cluster (Agraph_t *cluster, Agraph_t *g, const char *title)
{
  Agnode_t *n = node_by_title (g, title);
  return n ? agsubnode (cluster, n, 0) : NULL;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
test_escape_dot (void)
{
  g_autoptr (AmMap) map = tricky_map ();
  AmRenderOptions o = opts (AM_RENDER_DOT);
  g_autoptr (GBytes) dot = render (map, &o, NULL);
  Agraph_t *g = parse_dot (dot);
  for (guint i = 0; i < G_N_ELEMENTS (tricky_titles); i++) {
    /* The node is named by its title, the label shows title and text, the tooltip both whole. */
    Agnode_t *n = node_by_title (g, tricky_titles[i]);
    g_assert_nonnull (n);
    g_autofree char *name = g_strdup_printf ("s%u", i + 1);
    g_assert_cmpstr (agnameof (n), ==, name);
    char *label = agget (n, (char *) "label");
    g_assert_true (aghtmlstr (label));
    g_autofree char *shown = html_label_text (label);
    g_assert_true (g_str_has_prefix (shown, tricky_titles[i]));
    g_autofree char *tip = tooltip_text (agget (n, (char *) "tooltip"));
    g_autofree char *expect = g_strdup_printf ("[%s]: %s", tricky_titles[i], tricky_texts[i]);
    g_assert_true (g_str_has_prefix (tip, expect));
  }
  /* Wrapped texts: every word of each text appears in the label, in order. */
  Agnode_t *n = node_by_title (g, tricky_titles[3]);
  g_autofree char *shown = html_label_text (agget (n, (char *) "label"));
  g_assert_cmpstr (shown, ==, "Comma, semicolon; =leading equals\none, two, three\nsecond line");
  n = node_by_title (g, tricky_titles[1]);
  g_autofree char *tip = tooltip_text (agget (n, (char *) "tooltip"));
  g_assert_nonnull (strstr (tip, "Quote: “a \"quoted\" \\ <passage> & more”"));
  agclose (g);
}

static void
test_escape_svg (void)
{
  g_autoptr (AmMap) map = tricky_map ();
  AmRenderOptions o = opts (AM_RENDER_SVG);
  g_autoptr (GBytes) svg = render (map, &o, NULL);
  Svg s;
  parse_svg (svg, &s);
  for (guint i = 0; i < G_N_ELEMENTS (tricky_titles); i++) {
    g_assert_true (array_has (s.texts, tricky_titles[i]));
    g_autofree char *name = g_strdup_printf ("s%u", i + 1);
    g_assert_true (array_has (s.titles, name));
    g_autofree char *expect = g_strdup_printf ("[%s]: %s", tricky_titles[i], tricky_texts[i]);
    if (!array_has_substring (s.tooltips, expect))
      g_error ("no tooltip has '%s'", expect);
  }
  g_assert_true (array_has (s.texts, "a &lt; b &amp;&amp; c &gt; d; &lt;B&gt;not bold&lt;/B&gt;")
                 == FALSE);
  g_assert_true (array_has_substring (s.texts, "a < b && c > d; <B>not bold</B>"));
  g_assert_true (array_has_substring (s.texts, "C:\\path\\to \\G \\L \\E \\T \\H"));
  g_assert_true (array_has_substring (s.tooltips, "Quote: “a \"quoted\" \\ <passage> & more”"));
  svg_clear (&s);
}

static void
test_formats (void)
{
  g_autoptr (AmMap) map = debate_map ();
  static const struct {
    AmRenderFormat format;
    const char *magic;
  } cases[] = {
    { AM_RENDER_DOT, "digraph " },
    { AM_RENDER_SVG, "<?xml" },
    { AM_RENDER_PNG, "\x89PNG\r\n" },
    { AM_RENDER_PDF, "%PDF-" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    AmRenderOptions o = opts (cases[i].format);
    g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
    g_autoptr (GBytes) out = render (map, &o, diags);
    g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
    g_assert_cmpuint (g_bytes_get_size (out), >, strlen (cases[i].magic));
    g_assert_cmpint (memcmp (g_bytes_get_data (out, NULL), cases[i].magic,
                             strlen (cases[i].magic)), ==, 0);
    if (cases[i].format == AM_RENDER_PNG) {
      save_artifact ("render-debate.png", out);
    }
  }
}

static void
test_format_names (void)
{
  static const struct {
    const char *path;
    gboolean ok;
    AmRenderFormat format;
  } cases[] = {
    { "out.svg", TRUE, AM_RENDER_SVG }, { "a/b.PNG", TRUE, AM_RENDER_PNG },
    { "x.pdf", TRUE, AM_RENDER_PDF },   { "x.dot", TRUE, AM_RENDER_DOT },
    { "x.gv", TRUE, AM_RENDER_DOT },    { "x.jpeg", FALSE, 0 },
    { "dir.svg/file", FALSE, 0 },       { "noext", FALSE, 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    AmRenderFormat f = 99;
    g_assert_cmpint (am_render_format_from_path (cases[i].path, &f), ==, cases[i].ok);
    if (cases[i].ok)
      g_assert_cmpint (f, ==, cases[i].format);
  }
}

static void
test_deterministic (void)
{
  g_autoptr (AmMap) map = debate_map ();
  static const char *const engines[] = { "dot", "neato", "fdp", "sfdp", "circo", "twopi" };
  for (guint i = 0; i < G_N_ELEMENTS (engines); i++) {
    AmRenderOptions o = opts (AM_RENDER_SVG);
    o.layout = engines[i];
    g_autoptr (GBytes) a = render (map, &o, NULL);
    g_autoptr (GBytes) b = render (map, &o, NULL);
    if (!g_bytes_equal (a, b)) {
      save_artifact ("render-differ-a.svg", a);
      save_artifact ("render-differ-b.svg", b);
      g_error ("%s: two renders differ", engines[i]);
    }
  }
  AmRenderOptions o = opts (AM_RENDER_PDF);
  g_autoptr (GBytes) a = render (map, &o, NULL);
  g_usleep (1100000); /* the PDF date has one-second resolution */
  g_autoptr (GBytes) b = render (map, &o, NULL);
  g_assert_true (g_bytes_equal (a, b));
  static const char date[] = "/CreationDate (D:19700101000000";
  g_assert_nonnull (memmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a), date,
                            strlen (date)));
}

/* Node names of a rendered DOT, sorted, joined by '|'. */
static char *
dot_node_names (GBytes *dot)
{
  Agraph_t *g = parse_dot (dot);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_ptr_array_set_free_func (names, g_free);
  for (Agnode_t *n = agfstnode (g); n; n = agnxtnode (g, n))
    g_ptr_array_add (names, node_heading (n));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  char *joined = g_strjoinv ("|", (char **) names->pdata);
  agclose (g);
  return joined;
}

static void
test_focus (void)
{
  g_autoptr (AmMap) map = debate_map ();
  static const struct {
    const char *focus;
    guint depth;
    const char *nodes;
  } cases[] = {
    { "Oil contracts", 0, "Oil contracts" },
    { "Oil contracts", 1, "Influence retained|Oil contracts|Only referenced" },
    { "Oil contracts", 2, "Influence retained|Oil contracts|Only referenced|Policy failed" },
    /* The argument's conclusion is as near as the argument: what attacks or supports the
     * conclusion is one step away. */
    { "Diplomacy argument", 1,
      "<Diplomacy argument>|Commendable but futile|Defender of law|Influence retained|"
      "Policy failed|Policy succeeded|Should have vetoed|War not prevented" },
    /* By the ids of argmap eval when no title matches. */
    { "a1", 0, "<Diplomacy argument>|Policy failed|War not prevented" },
    { "s8", 1, "Influence retained|Oil contracts|Only referenced" },
    /* An argument comes with its reconstruction; a conclusion brings the arguments that
     * conclude it with their premises. */
    { "Diplomacy argument", 0, "<Diplomacy argument>|Policy failed|War not prevented" },
    { "War not prevented", 1, "<Diplomacy argument>|Policy failed|War not prevented" },
    { "Policy failed", 1,
      "<Diplomacy argument>|Defender of law|Influence retained|Policy failed|Policy succeeded|"
      "Should have vetoed|War not prevented" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    AmRenderOptions o = opts (AM_RENDER_DOT);
    o.focus = cases[i].focus;
    o.depth = cases[i].depth;
    g_autoptr (GBytes) dot = render (map, &o, NULL);
    g_autofree char *names = dot_node_names (dot);
    g_assert_cmpstr (names, ==, cases[i].nodes);
  }
  AmRenderOptions o = opts (AM_RENDER_SVG);
  o.focus = "s10";
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) out = am_render (map, &o, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, AM_ERROR, AM_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "--focus: no statement or argument titled 's10'");
}

static void
test_clusters (void)
{
  g_autoptr (AmMap) map = debate_map ();
  AmRenderOptions o = opts (AM_RENDER_DOT);
  g_autoptr (GBytes) dot = render (map, &o, NULL);
  Agraph_t *g = parse_dot (dot);
  Agraph_t *art2 = agsubg (g, (char *) "cluster_0", 0);
  Agraph_t *counter = art2 ? agsubg (art2, (char *) "cluster_1", 0) : NULL;
  Agraph_t *art1 = agsubg (g, (char *) "cluster_2", 0);
  g_assert_nonnull (art2);
  g_assert_nonnull (counter);
  g_assert_nonnull (art1);
  g_assert_nonnull (in_cluster (counter, g, "Defender of law"));
  g_assert_nonnull (in_cluster (art2, g, "Defender of law")); /* nested: in both */
  g_assert_null (in_cluster (art1, g, "Defender of law"));
  g_assert_nonnull (in_cluster (art1, g, "Oil contracts"));
  g_assert_null (in_cluster (art2, g, "Only referenced"));
  g_autofree char *label = html_label_text (agget (counter, (char *) "label"));
  g_assert_cmpstr (label, ==, "Counterpoints");
  agclose (g);
}

static void
test_relation_styles (void)
{
  g_autoptr (AmMap) map = debate_map ();
  AmRenderOptions o = opts (AM_RENDER_DOT);
  g_autoptr (GBytes) dot = render (map, &o, NULL);
  Agraph_t *g = parse_dot (dot);
  static const struct {
    const char *from, *to, *color, *style, *head, *dir;
  } cases[] = {
    { "Should have vetoed", "Policy failed", "#2e7d32", "", "normal", "" },
    { "War not prevented", "Diplomacy argument", "#8c8c8c", "", "onormal", "" },
    { "Diplomacy argument", "Policy failed", "#1b5e20:#ffffff:#1b5e20", "", "normal", "" },
    { "Defender of law", "Policy failed", "#c62828", "", "tee", "" },
    { "Commendable but futile", "Diplomacy argument", "#c62828", "dashed", "tee", "" },
    { "Policy succeeded", "Policy failed", "#c62828", "bold", "tee", "both" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    Agnode_t *t = node_by_title (g, cases[i].from), *h = node_by_title (g, cases[i].to);
    g_assert_nonnull (t);
    g_assert_nonnull (h);
    Agedge_t *e = agedge (g, t, h, NULL, 0);
    g_assert_nonnull (e);
    g_assert_cmpstr (agget (e, (char *) "color"), ==, cases[i].color);
    g_assert_cmpstr (or_empty (agget (e, (char *) "style")), ==, cases[i].style);
    g_assert_cmpstr (agget (e, (char *) "arrowhead"), ==, cases[i].head);
    g_assert_cmpstr (or_empty (agget (e, (char *) "dir")), ==, cases[i].dir);
  }
  /* Seven relations and the two links of the reconstruction. */
  g_assert_cmpint (agnedges (g), ==, 9);
  g_autofree char *legend = html_label_text (agget (g, (char *) "label"));
  g_assert_nonnull (strstr (legend, "argument concludes (double line)"));
  g_assert_null (strstr (legend, "from an argument")); /* no intermediary conclusion here */
  agclose (g);
}

static void
test_semantics (void)
{
  g_autoptr (AmMap) map = debate_map ();
  guint n = map->statements->len + map->arguments->len;
  g_autofree AmLabel *labels = g_new (AmLabel, n);
  for (guint i = 0; i < n; i++)
    labels[i] = (AmLabel) (i % 3);
  AmRenderOptions o = opts (AM_RENDER_DOT);
  o.labels = labels;
  o.n_values = n;
  o.semantics = "grounded";
  g_autoptr (GBytes) dot = render (map, &o, NULL);
  Agraph_t *g = parse_dot (dot);
  /* Statement 0 (in), 1 (out), 2 (undecided): fill and border style, and the label says it. */
  static const struct {
    const char *node, *fill, *style, *line;
  } cases[] = {
    { "Policy failed", "#b8e3b0", "rounded,filled,bold", "grounded: in" },
    { "War not prevented", "#f5b7b1", "rounded,filled,dashed", "grounded: out" },
    { "Commendable but futile", "#e3e3e3", "rounded,filled,dotted", "grounded: undecided" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    Agnode_t *nd = node_by_title (g, cases[i].node);
    g_assert_cmpstr (agget (nd, (char *) "fillcolor"), ==, cases[i].fill);
    g_assert_cmpstr (agget (nd, (char *) "style"), ==, cases[i].style);
    g_autofree char *text = html_label_text (agget (nd, (char *) "label"));
    g_assert_true (g_str_has_suffix (text, cases[i].line));
  }
  g_autofree char *legend = html_label_text (agget (g, (char *) "label"));
  g_assert_nonnull (strstr (legend, "in: accepted"));
  agclose (g);
  o.format = AM_RENDER_PNG;
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GBytes) png = render (map, &o, diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  save_artifact ("render-labels.png", png);

  g_autofree double *strengths = g_new (double, n);
  for (guint i = 0; i < n; i++)
    strengths[i] = i == 0 ? 1.0 : i == 1 ? 0.0 : i == 2 ? NAN : 0.5;
  o = opts (AM_RENDER_DOT);
  o.strengths = strengths;
  o.n_values = n;
  o.semantics = "df-quad";
  g_autoptr (GBytes) dot2 = render (map, &o, NULL);
  g = parse_dot (dot2);
  g_assert_cmpstr (agget (node_by_title (g, "Policy failed"), (char *) "fillcolor"), ==,
                   "#5ab85e");
  g_assert_cmpstr (agget (node_by_title (g, "War not prevented"), (char *) "fillcolor"), ==,
                   "#ffffff");
  g_assert_cmpstr (agget (node_by_title (g, "Defender of law"), (char *) "fillcolor"), ==,
                   "#addcaf");
  g_autofree char *t = html_label_text (
      agget (node_by_title (g, "Defender of law"), (char *) "label"));
  g_assert_true (g_str_has_suffix (t, "df-quad: 0.500"));
  g_autofree char *t2 = html_label_text (
      agget (node_by_title (g, "Commendable but futile"), (char *) "label"));
  g_assert_true (g_str_has_suffix (t2, "df-quad: none"));
  agclose (g);
  o.format = AM_RENDER_PNG;
  g_autoptr (GBytes) png2 = render (map, &o, diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  save_artifact ("render-strengths.png", png2);

  /* Values for the wrong number of nodes. */
  o.n_values = n - 1;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bad = am_render (map, &o, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, AM_ERROR, AM_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "9 acceptance values given for a map of 10 statements and arguments");
}

static void
test_stance_view (void)
{
  g_autoptr (AmMap) map = debate_map ();
  AmRenderOptions o = opts (AM_RENDER_DOT);
  o.view = AM_RENDER_VIEW_STANCE;
  g_autoptr (GBytes) dot = render (map, &o, NULL);
  g_autofree char *names = dot_node_names (dot);
  g_assert_cmpstr (names, ==, "Defender of law|Policy failed|Should have vetoed|Some analysts|"
                              "The author|Vladimir Putin");
  Agraph_t *g = parse_dot (dot);
  g_assert_cmpint (agnedges (g), ==, 4);
  Agedge_t *e = agedge (g, node_by_title (g, "Some analysts"),
                        node_by_title (g, "Policy failed"), NULL, 0);
  g_assert_nonnull (e);
  g_assert_cmpstr (agget (e, (char *) "style"), ==, "dashed");
  agclose (g);
  o.format = AM_RENDER_PNG;
  g_autoptr (GBytes) png = render (map, &o, NULL);
  save_artifact ("render-stances.png", png);
}

static void
test_layout_errors (void)
{
  g_autoptr (AmMap) map = debate_map ();
  AmRenderOptions o = opts (AM_RENDER_SVG);
  o.layout = "osage";
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) out = am_render (map, &o, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "unknown layout 'osage' (use dot, neato, fdp, sfdp, circo or twopi)");
  g_assert_cmpstr (am_render_default_layout (AM_RENDER_LARGE_NODES), ==, "dot");
  g_assert_cmpstr (am_render_default_layout (AM_RENDER_LARGE_NODES + 1), ==, "sfdp");
}

/* Graphviz's own warnings land in the diagnostics, not on stderr: a chain too long for a
 * cairo bitmap makes Graphviz scale the PNG down and say so. */
static void
test_graphviz_messages (void)
{
  g_autoptr (AmMap) map = am_map_new ("chain.argdown");
  for (guint i = 0; i < 360; i++) {
    g_autofree char *title = g_strdup_printf ("C%u", i);
    add_statement (map, title, NULL, -1);
    if (i > 0)
      am_map_add_relation (map, AM_REL_SUPPORT, S (i), S (i - 1), NULL, FALSE, here (1));
  }
  AmRenderOptions o = opts (AM_RENDER_PNG);
  o.layout = "dot";
  o.no_legend = TRUE; /* a narrow picture: fewer pixels to encode */
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GBytes) png = render (map, &o, diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 1);
  g_autofree char *msg = am_diag_format (am_diagnostics_get (diags, 0));
  g_assert_true (g_str_has_prefix (msg, "chain.argdown: warning: graphviz: "));
  g_assert_nonnull (strstr (msg, "too large for cairo-renderer bitmaps"));
}

static void
test_large_default (void)
{
  /* A large map: sfdp by default, titles only in the labels, full text still in tooltips. */
  g_autoptr (AmMap) map = am_map_new ("large.argdown");
  for (guint i = 0; i <= AM_RENDER_LARGE_NODES; i++) {
    g_autofree char *title = g_strdup_printf ("Claim %u", i);
    add_statement (map, title, "Some text that is only in the tooltip.", -1);
    if (i > 0)
      am_map_add_relation (map, i % 3 ? AM_REL_SUPPORT : AM_REL_ATTACK, S (i), S (i / 2), NULL,
                           FALSE, here (1));
  }
  AmRenderOptions o = opts (AM_RENDER_DOT);
  g_autoptr (GBytes) dot = render (map, &o, NULL);
  Agraph_t *g = parse_dot (dot);
  g_assert_cmpstr (agget (g, (char *) "layout"), ==, "sfdp");
  Agnode_t *n = node_by_title (g, "Claim 7");
  g_autofree char *label = html_label_text (agget (n, (char *) "label"));
  g_assert_cmpstr (label, ==, "Claim 7");
  g_assert_nonnull (strstr (agget (n, (char *) "tooltip"), "only in the tooltip"));
  agclose (g);
}

static void
test_wrap (void)
{
  g_autoptr (AmMap) map = am_map_new ("wrap.argdown");
  add_statement (map, "Long",
                 "Putin's policy towards the Iraq War was a failure because it did not prevent "
                 "the war, and Russia lost its contracts; supercalifragilisticexpialidociousword"
                 "thatislongerthanaline ends here.",
                 -1);
  AmRenderOptions o = opts (AM_RENDER_DOT);
  g_autoptr (GBytes) dot = render (map, &o, NULL);
  Agraph_t *g = parse_dot (dot);
  g_autofree char *label = html_label_text (agget (node_by_title (g, "Long"),
                                                   (char *) "label"));
  g_assert_cmpstr (label, ==,
                   "Long\nPutin's policy towards the Iraq\nWar was a failure because it did\n"
                   "not prevent the war, and Russia\nlost its contracts;\n"
                   "supercalifragilisticexpialidocious\nwordthatislongerthanaline ends\nhere.");
  g_auto (GStrv) lines = g_strsplit (label, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, 34);
  agclose (g);
}

/* Reconstructions are drawn as links of their own: premise -> argument (light), argument ->
 * intermediary conclusion (light), argument -> main conclusion (double); once per argument,
 * statement and direction; not where a relation already joins the two; the legend explains
 * them only when there are some; --focus follows them. */
static void
test_reconstruction (void)
{
  g_autoptr (AmMap) map = am_map_new ("pcs.argdown");
  guint p1 = add_statement (map, "P1", "first premise", -1);
  guint p2 = add_statement (map, "P2", "second premise", -1);
  guint mid = add_statement (map, "I", "a step on the way", -1);
  guint p3 = add_statement (map, "P3", "premise with a relation to the argument", -1);
  guint c = add_statement (map, "C", "the conclusion", -1);
  guint q = add_statement (map, "Q", NULL, -1);
  guint x = add_statement (map, "X", "unrelated", -1);
  guint a = am_map_ensure_argument (map, "A", here (2), NULL);
  guint bb = am_map_ensure_argument (map, "B", here (3), NULL);
  add_pcs (map, a, p1, AM_PCS_PREMISE);
  add_pcs (map, a, p2, AM_PCS_PREMISE);
  add_pcs (map, a, mid, AM_PCS_INTERMEDIARY);
  add_pcs (map, a, p1, AM_PCS_PREMISE); /* used twice: one link */
  add_pcs (map, a, p3, AM_PCS_PREMISE);
  add_pcs (map, a, c, AM_PCS_CONCLUSION);
  add_pcs (map, bb, q, AM_PCS_PREMISE);
  add_pcs (map, bb, c, AM_PCS_INTERMEDIARY); /* the main conclusion too: drawn as that */
  add_pcs (map, bb, c, AM_PCS_CONCLUSION);
  /* Another reader may keep a premise's support of its argument as a relation. */
  am_map_add_relation (map, AM_REL_SUPPORT, S (p3), A (a), NULL, FALSE, here (4));
  am_map_add_relation (map, AM_REL_ATTACK, S (x), S (q), NULL, FALSE, here (5));

  AmRenderOptions o = opts (AM_RENDER_DOT);
  g_autoptr (GBytes) dot = render (map, &o, NULL);
  Agraph_t *g = parse_dot (dot);
  static const struct {
    const char *from, *to, *color, *head, *tip;
  } cases[] = {
    { "P1", "A", "#8c8c8c", "onormal", "[P1] is premise (1) of <A>" },
    { "P2", "A", "#8c8c8c", "onormal", "[P2] is premise (2) of <A>" },
    { "A", "I", "#8c8c8c", "onormal", "<A> infers [I] (3) on the way" },
    { "A", "C", "#1b5e20:#ffffff:#1b5e20", "normal", "<A> concludes [C] (6)" },
    { "Q", "B", "#8c8c8c", "onormal", "[Q] is premise (1) of <B>" },
    { "B", "C", "#1b5e20:#ffffff:#1b5e20", "normal", "<B> concludes [C] (3)" },
    { "P3", "A", "#2e7d32", "normal", "P3 supports A" },
    { "X", "Q", "#c62828", "tee", "X attacks Q" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    Agnode_t *t = node_by_title (g, cases[i].from), *h = node_by_title (g, cases[i].to);
    g_assert_nonnull (t);
    g_assert_nonnull (h);
    Agedge_t *e = agedge (g, t, h, NULL, 0);
    if (e == NULL)
      g_error ("no edge %s -> %s", cases[i].from, cases[i].to);
    g_assert_cmpstr (agget (e, (char *) "color"), ==, cases[i].color);
    g_assert_cmpstr (agget (e, (char *) "arrowhead"), ==, cases[i].head);
    g_autofree char *tip = tooltip_text (agget (e, (char *) "tooltip"));
    g_assert_cmpstr (tip, ==, cases[i].tip);
  }
  /* Exactly these: no second link for P1, for B's intermediary C, or beside P3's support. */
  g_assert_cmpint (agnedges (g), ==, G_N_ELEMENTS (cases));
  g_autofree char *legend = html_label_text (agget (g, (char *) "label"));
  g_assert_nonnull (strstr (legend, "concludes"));
  g_assert_nonnull (strstr (legend, "premise of"));
  g_assert_nonnull (strstr (legend, "from an argument: a step on the way"));
  agclose (g);

  static const struct {
    const char *focus;
    guint depth;
    const char *nodes;
  } focus[] = {
    { "A", 0, "<A>|C|I|P1|P2|P3" },
    { "C", 0, "C" },
    { "C", 1, "<A>|<B>|C|I|P1|P2|P3|Q" },
    { "P2", 1, "<A>|C|I|P1|P2|P3" },
    { "X", 1, "Q|X" },
    { "X", 2, "<B>|C|Q|X" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (focus); i++) {
    AmRenderOptions fo = opts (AM_RENDER_DOT);
    fo.focus = focus[i].focus;
    fo.depth = focus[i].depth;
    g_autoptr (GBytes) fdot = render (map, &fo, NULL);
    g_autofree char *names = dot_node_names (fdot);
    if (g_strcmp0 (names, focus[i].nodes) != 0)
      g_error ("--focus %s --depth %u: %s, not %s", focus[i].focus, focus[i].depth, names,
               focus[i].nodes);
  }

  o.format = AM_RENDER_PNG;
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GBytes) png = render (map, &o, diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  save_artifact ("render-pcs.png", png);

  /* No reconstruction, no legend rows for it. */
  g_autoptr (AmMap) plain = tricky_map ();
  o.format = AM_RENDER_DOT;
  g_autoptr (GBytes) pdot = render (plain, &o, NULL);
  g = parse_dot (pdot);
  g_autofree char *plain_legend = html_label_text (agget (g, (char *) "label"));
  g_assert_null (strstr (plain_legend, "concludes"));
  agclose (g);
}

/* The reconstruction links a map should get, counted independently of the renderer: per
 * argument, its main conclusion, the other statements of its lines (premises into the
 * argument, intermediary conclusions out of it), each pair once, less the pairs a relation
 * already joins. Each must be an edge of `g` in the colour of its kind. */
static guint
check_pcs_edges (const AmMap *map, Agraph_t *g)
{
  g_autoptr (GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 0; r < map->relations->len; r++) {
    const AmRelation *rel = am_map_relation (map, r);
    g_hash_table_add (pairs, g_strdup_printf (
        "%c%u>%c%u", rel->from.kind == AM_NODE_STATEMENT ? 's' : 'a', rel->from.index + 1,
        rel->to.kind == AM_NODE_STATEMENT ? 's' : 'a', rel->to.index + 1));
  }
  guint count = 0;
  for (guint a = 0; a < map->arguments->len; a++) {
    const AmArgument *arg = am_map_argument (map, a);
    if (arg->pcs->len == 0)
      continue;
    guint concl = g_array_index (arg->pcs, AmPcsItem, arg->pcs->len - 1).statement;
    for (guint k = arg->pcs->len; k-- > 0;) {
      const AmPcsItem *item = &g_array_index (arg->pcs, AmPcsItem, k);
      gboolean main = k + 1 == arg->pcs->len;
      gboolean in = !main && item->role == AM_PCS_PREMISE;
      if (!main && !in && item->statement == concl)
        continue;
      g_autofree char *from = in ? g_strdup_printf ("s%u", item->statement + 1)
                                 : g_strdup_printf ("a%u", a + 1);
      g_autofree char *to = in ? g_strdup_printf ("a%u", a + 1)
                               : g_strdup_printf ("s%u", item->statement + 1);
      char *key = g_strdup_printf ("%s>%s", from, to);
      if (!g_hash_table_add (pairs, key))
        continue;
      count++;
      Agnode_t *t = agnode (g, from, 0), *h = agnode (g, to, 0);
      Agedge_t *e = t && h ? agedge (g, t, h, NULL, 0) : NULL;
      if (e == NULL)
        g_error ("%s: no edge %s -> %s for line %u of <%s>", map->name, from, to, k + 1,
                 arg->title);
      g_assert_cmpstr (agget (e, (char *) "color"), ==,
                       main ? "#1b5e20:#ffffff:#1b5e20" : "#8c8c8c");
    }
  }
  return count;
}

/* Every valid Argdown file of the corpus and the WebGPU debate maps: the DOT reads back with
 * one node per statement and argument, one edge per relation and one per link of a
 * reconstruction (check_pcs_edges); the first WebGPU map (a real
 * debate) is also laid out as SVG, without a Graphviz message, and the SVG is well-formed.
 * (Laying out all 89 takes 15 s under the sanitizers; the essay's map is laid out by
 * /render/cli/essay.) */
static void
test_corpus (void)
{
  static const char *const dirs[] = { "tests/data/argdown", "tests/data/argdown/webgpu" };
  guint files = 0, pcs_edges = 0;
  gboolean laid_out = FALSE;
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++) {
    g_autoptr (GDir) dir = g_dir_open (dirs[d], 0, NULL);
    if (dir == NULL)
      continue;
    g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_suffix (name, ".argdown"))
        g_ptr_array_add (names, g_build_filename (dirs[d], name, NULL));
    g_ptr_array_sort (names, compare_names);
    for (guint i = 0; i < names->len; i++) {
      const char *file = g_ptr_array_index (names, i);
      g_autoptr (AmDiagnostics) read_diags = am_diagnostics_new ();
      g_autoptr (AmMap) map = am_load (file, NULL, read_diags, NULL);
      if (map == NULL)
        continue;
      files++;
      g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
      AmRenderOptions o = opts (AM_RENDER_DOT);
      g_autoptr (GBytes) dot = render (map, &o, diags);
      o.format = AM_RENDER_SVG;
      g_autoptr (GBytes) svg = d == 1 && !laid_out ? render (map, &o, diags) : NULL;
      laid_out = laid_out || svg != NULL;
      if (am_diagnostics_len (diags) > 0) {
        g_autofree char *msg = am_diag_format (am_diagnostics_get (diags, 0));
        g_error ("%s: %s", file, msg);
      }
      Agraph_t *g = parse_dot (dot);
      g_assert_cmpint (agnnodes (g), ==, map->statements->len + map->arguments->len);
      guint links = check_pcs_edges (map, g);
      pcs_edges += links;
      g_assert_cmpint (agnedges (g), ==, map->relations->len + links);
      agclose (g);
      if (svg != NULL) {
        Svg sv;
        parse_svg (svg, &sv);
        svg_clear (&sv);
      }
    }
  }
  if (files == 0) {
    g_test_skip ("no Argdown corpus");
    return;
  }
  /* Else the link checks above could all have looked at nothing. */
  g_assert_cmpuint (pcs_edges, >, 0);
  g_test_message ("%u maps rendered, %u reconstruction links", files, pcs_edges);
}

/* Random titles and texts over an alphabet of everything Graphviz treats specially: the SVG
 * comes out without a Graphviz message and every tooltip holds its text exactly, as does the
 * DOT read back. A fixed seed keeps the cases reproducible. */
static void
test_escape_random (void)
{
  static const char *const alphabet[] = { "a", "Z", "0", " ", "  ", "\n", "\\", "\\N", "\\G",
                                          "\\n", "\\l", "&", "&amp;", "&#38;", "&lt;", "<", ">",
                                          "\"", "'", ",", ";", "=", "+", "-", "@", "{", "}",
                                          "[", "]", "|", "%", "é", "’", "“", "中", "🙂", "<B>",
                                          "</TD>", "]]>", "-->", "\\\"" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  for (guint round = 0; round < 5; round++) {
    g_autoptr (AmMap) map = am_map_new ("random.argdown");
    g_autoptr (GPtrArray) expect = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < 12; i++) {
      GString *title = g_string_new (NULL), *text = g_string_new (NULL);
      g_string_append_printf (title, "T%u ", i); /* unique and never blank */
      for (gint k = g_rand_int_range (rand, 1, 12); k > 0; k--)
        g_string_append (title, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);
      for (gint k = g_rand_int_range (rand, 0, 40); k > 0; k--)
        g_string_append (text, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);
      add_statement (map, title->str, text->len ? text->str : NULL, -1);
      g_ptr_array_add (expect, text->len ? g_strdup_printf ("[%s]: %s", title->str, text->str)
                                         : g_strdup_printf ("[%s]", title->str));
      if (i > 0)
        am_map_add_relation (map, (AmRelationType) (i % 4 == 2 ? AM_REL_ATTACK : AM_REL_SUPPORT),
                             S (i), S (i / 2), NULL, FALSE, here (1));
      g_string_free (title, TRUE);
      g_string_free (text, TRUE);
    }
    g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
    AmRenderOptions o = opts (AM_RENDER_SVG);
    g_autoptr (GBytes) svg = render (map, &o, diags);
    g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
    Svg sv;
    parse_svg (svg, &sv);
    /* Graphviz's SVG writer turns the second and later spaces of a run into no-break spaces
     * (U+00A0, "&#160;") so that viewers keep them; the alphabet has none of its own. */
    for (guint t = 0; t < sv.tooltips->len; t++) {
      GString *tip = g_string_new (g_ptr_array_index (sv.tooltips, t));
      g_string_replace (tip, "\u00a0", " ", 0);
      g_free (sv.tooltips->pdata[t]);
      sv.tooltips->pdata[t] = g_string_free (tip, FALSE);
    }
    o.format = AM_RENDER_DOT;
    g_autoptr (GBytes) dot = render (map, &o, diags);
    Agraph_t *g = parse_dot (dot);
    for (guint i = 0; i < expect->len; i++) {
      const char *want = g_ptr_array_index (expect, i);
      if (!array_has (sv.tooltips, want)) {
        save_artifact ("render-random.svg", svg);
        g_error ("round %u: no SVG tooltip is '%s'", round, want);
      }
      g_autofree char *name = g_strdup_printf ("s%u", i + 1);
      g_autofree char *tip = tooltip_text (agget (agnode (g, name, 0), (char *) "tooltip"));
      g_assert_cmpstr (tip, ==, want);
    }
    agclose (g);
    svg_clear (&sv);
  }
}

/* Odd maps: empty; a self-attack; an empty title; a section whose parent comes after it and
 * one that is its own parent (taken as top level); a node in no section beside nested ones. */
static void
test_edge_cases (void)
{
  g_autoptr (AmMap) empty = am_map_new (NULL);
  AmRenderOptions o = opts (AM_RENDER_SVG);
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GBytes) svg = render (empty, &o, diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);

  g_autoptr (AmMap) map = am_map_new ("odd.argdown");
  guint late = am_map_add_section (map, "Late child", 2, 1, here (1));
  guint self = am_map_add_section (map, "Own parent", 1, -1, here (2));
  am_map_section (map, self)->parent = (gint) self;
  guint a = add_statement (map, "", "untitled text", (gint) late);
  guint b = add_statement (map, "Self", "attacks itself", (gint) self);
  add_statement (map, "Loose", NULL, -1);
  am_map_add_relation (map, AM_REL_ATTACK, S (b), S (b), NULL, FALSE, here (3));
  am_map_add_relation (map, AM_REL_SUPPORT, S (a), S (b), NULL, FALSE, here (4));
  o.format = AM_RENDER_DOT;
  g_autoptr (GBytes) dot = render (map, &o, diags);
  Agraph_t *g = parse_dot (dot);
  g_assert_cmpint (agnnodes (g), ==, 3);
  g_assert_cmpint (agnedges (g), ==, 2);
  Agraph_t *c0 = agsubg (g, (char *) "cluster_0", 0);
  Agraph_t *c1 = agsubg (g, (char *) "cluster_1", 0);
  g_assert_nonnull (c0);
  g_assert_nonnull (c1);
  g_assert_null (agsubg (c1, (char *) "cluster_1", 0));
  agclose (g);
  o.format = AM_RENDER_SVG;
  g_autoptr (GBytes) svg2 = render (map, &o, diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);

  /* Blank names everywhere (Graphviz rejects empty text items such as <B></B>). */
  json_object_set_string_member (am_meta_data_writable (&map->front), "title", " ");
  am_map_add_section (map, "", 1, -1, here (5));
  am_map_statement (map, 2)->section = 2;
  guint nobody = am_map_add_actor (map, "", "", "", here (6));
  am_map_add_stance (map, nobody, S (a), AM_STANCE_CON, NULL, here (7));
  guint n = map->statements->len;
  g_autofree AmLabel *labels = g_new0 (AmLabel, n);
  o.labels = labels;
  o.n_values = n;
  o.semantics = "";
  g_autoptr (GBytes) svg3 = render (map, &o, diags);
  o.view = AM_RENDER_VIEW_STANCE;
  g_autoptr (GBytes) svg4 = render (map, &o, diags);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
}

/* ---- the command ------------------------------------------------------------------------- */

typedef struct {
  int status;
  char *out, *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* Runs $ARGMAP with `args` (NULL-terminated), with environment variable `var` set to `value`
 * when `var` is not NULL; FALSE (test skipped) when ARGMAP is not set. */
static gboolean
run_argmap_env (const char *const *args, const char *var, const char *value, Run *r)
{
  if (g_getenv ("ARGMAP") == NULL) {
    g_test_skip ("ARGMAP not set");
    return FALSE;
  }
  r->status = am_test_run_argmap (args, var, value, &r->out, &r->err);
  g_assert_cmpint (r->status, >=, 0); /* it exited */
  return TRUE;
}

static gboolean
run_argmap (const char *const *args, Run *r)
{
  return run_argmap_env (args, NULL, NULL, r);
}

#define ESSAY "models/russia-iraq.argdown"

/* The essay's map: the SVG names every statement (a title that wraps is split over
 * consecutive text lines) and carries its tooltip. (Two runs giving the same bytes:
 * /render/cli/no-registry.) */
static void
test_cli_essay (void)
{
  if (!g_file_test (ESSAY, G_FILE_TEST_EXISTS)) {
    g_test_skip ("no " ESSAY);
    return;
  }
  g_autofree char *dir = g_dir_make_tmp ("test-render-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  const char *a1[] = { "render", ESSAY, "-o", svg, NULL };
  Run r = { 0 };
  if (!run_argmap (a1, &r))
    return;
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);

  char *d1;
  gsize l1;
  g_assert_true (g_file_get_contents (svg, &d1, &l1, NULL));
  g_autoptr (GBytes) b1 = g_bytes_new_take (d1, l1);

  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AmMap) map = am_load (ESSAY, NULL, diags, &error);
  g_assert_no_error (error);
  Svg s;
  parse_svg (b1, &s);
  /* Consecutive text lines joined by spaces, to find titles that wrap. */
  g_autoptr (GString) all = g_string_new (" ");
  for (guint i = 0; i < s.texts->len; i++)
    g_string_append_printf (all, "%s ", (char *) g_ptr_array_index (s.texts, i));
  for (guint i = 0; i < map->statements->len; i++) {
    const char *title = am_map_statement (map, i)->title;
    g_autofree char *padded = g_strdup_printf (" %s ", title);
    if (!array_has (s.texts, title) && strstr (all->str, padded) == NULL)
      g_error ("the SVG does not show '%s'", title);
    g_autofree char *tip = g_strdup_printf ("[%s]", title);
    g_assert_true (array_has_substring (s.tooltips, tip));
  }
  svg_clear (&s);
  g_unlink (svg);
  g_rmdir (dir);

  /* The arguments that conclude the thesis, with their premises, are in its neighbourhood
   * (they have no relation to it in the model). */
  AmRenderOptions o = opts (AM_RENDER_DOT);
  o.focus = "Policy failed";
  o.depth = 2;
  g_autoptr (GBytes) dot = render (map, &o, NULL);
  g_autofree char *names = dot_node_names (dot);
  g_autofree char *bounded = g_strdup_printf ("|%s|", names);
  static const char *const want[] = { "<Failure to prevent war>", "<Unrealised aims>",
                                      "No UN authorization", "Counterbalance aim",
                                      "Oil interests aim" };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++) {
    g_autofree char *w = g_strdup_printf ("|%s|", want[i]);
    if (strstr (bounded, w) == NULL)
      g_error ("--focus 'Policy failed' --depth 2 leaves out %s: %s", want[i], names);
  }
}

/* Usage and input errors: pinned messages and exit codes, and no output file left behind. */
static void
test_cli_errors (void)
{
  if (!g_file_test (ESSAY, G_FILE_TEST_EXISTS)) {
    g_test_skip ("no " ESSAY);
    return;
  }
  g_autofree char *dir = g_dir_make_tmp ("test-render-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.svg", NULL);
  g_autofree char *bad = g_build_filename (dir, "out.jpeg", NULL);
  static const struct {
    const char *args[8];
    int status;
    const char *err;
  } cases[] = {
    { { "render", ESSAY, "--focus", "No such claim", "-o", "@OUT", NULL }, 1,
      "argmap: error: --focus: no statement or argument titled 'No such claim'\n" },
    { { "render", ESSAY, "--layout", "osage", "-o", "@OUT", NULL }, 2,
      "argmap render: unknown layout 'osage' (dot, neato, fdp, sfdp, circo, twopi) "
      "(see 'argmap render --help')\n" },
    { { "render", ESSAY, "--semantics", "bogus", "-o", "@OUT", NULL }, 2,
      "argmap render: unknown semantics 'bogus' (see 'argmap render --help')\n" },
    { { "render", ESSAY, "--view", "actors", "-o", "@OUT", NULL }, 2,
      "argmap render: unknown view 'actors' (map, stance) (see 'argmap render --help')\n" },
    { { "render", ESSAY, "-o", "@BAD", NULL }, 2, NULL },
    { { "render", ESSAY, "-o", "-", NULL }, 2,
      "argmap render: writing to '-' needs --format (see 'argmap render --help')\n" },
    { { "render", ESSAY, NULL }, 2,
      "argmap render: missing -o OUT (see 'argmap render --help')\n" },
    { { "render", "missing.argdown", "-o", "@OUT", NULL }, 1, NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    const char *args[8] = { NULL };
    for (guint k = 0; cases[i].args[k]; k++)
      args[k] = strcmp (cases[i].args[k], "@OUT") == 0   ? out
                : strcmp (cases[i].args[k], "@BAD") == 0 ? bad
                                                          : cases[i].args[k];
    Run r = { 0 };
    if (!run_argmap (args, &r))
      return;
    g_assert_cmpint (r.status, ==, cases[i].status);
    if (cases[i].err)
      g_assert_cmpstr (r.err, ==, cases[i].err);
    else
      g_assert_cmpstr (r.err, !=, "");
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
    run_clear (&r);
  }
  /* --format dot to standard output. */
  const char *dot[] = { "render", ESSAY, "--format", "dot", "--focus", "Policy failed", "-o", "-",
                        NULL };
  Run r = { 0 };
  g_assert_true (run_argmap (dot, &r));
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "digraph argmap {"));
  run_clear (&r);
  g_rmdir (dir);
}

/* Without Graphviz's plugin registry (GVBINDIR pointing at an empty folder, as on a system
 * where `dot -c` never ran) the plugins are loaded from their files: the same bytes as a
 * normal run, which also shows two runs agree. With --semantics through the command. */
static void
test_cli_no_registry (void)
{
  if (!g_file_test (ESSAY, G_FILE_TEST_EXISTS)) {
    g_test_skip ("no " ESSAY);
    return;
  }
  g_autofree char *dir = g_dir_make_tmp ("test-render-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (dir, "no-plugins", NULL);
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  g_autofree char *a = g_build_filename (dir, "a.png", NULL);
  g_autofree char *b = g_build_filename (dir, "b.png", NULL);
  const char *args_a[] = { "render", ESSAY, "--focus", "Policy failed", "--semantics",
                           "grounded", "-o", a, NULL };
  const char *args_b[] = { "render", ESSAY, "--focus", "Policy failed", "--semantics",
                           "grounded", "-o", b, NULL };
  Run r = { 0 };
  if (!run_argmap_env (args_a, "GVBINDIR", empty, &r))
    return;
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  g_assert_true (run_argmap (args_b, &r));
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  char *da, *db;
  gsize la, lb;
  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
  g_autoptr (GBytes) ba = g_bytes_new_take (da, la);
  g_autoptr (GBytes) bb = g_bytes_new_take (db, lb);
  g_assert_true (g_bytes_equal (ba, bb));
  g_unlink (a);
  g_unlink (b);
  g_rmdir (empty);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/escape/dot", test_escape_dot);
  g_test_add_func ("/render/escape/svg", test_escape_svg);
  g_test_add_func ("/render/escape/random", test_escape_random);
  g_test_add_func ("/render/formats", test_formats);
  g_test_add_func ("/render/format-names", test_format_names);
  g_test_add_func ("/render/deterministic", test_deterministic);
  g_test_add_func ("/render/focus", test_focus);
  g_test_add_func ("/render/clusters", test_clusters);
  g_test_add_func ("/render/relation-styles", test_relation_styles);
  g_test_add_func ("/render/reconstruction", test_reconstruction);
  g_test_add_func ("/render/semantics", test_semantics);
  g_test_add_func ("/render/stance-view", test_stance_view);
  g_test_add_func ("/render/layout-errors", test_layout_errors);
  g_test_add_func ("/render/graphviz-messages", test_graphviz_messages);
  g_test_add_func ("/render/large-default", test_large_default);
  g_test_add_func ("/render/wrap", test_wrap);
  g_test_add_func ("/render/edge-cases", test_edge_cases);
  g_test_add_func ("/render/corpus", test_corpus);
  g_test_add_func ("/render/cli/essay", test_cli_essay);
  g_test_add_func ("/render/cli/errors", test_cli_errors);
  g_test_add_func ("/render/cli/no-registry", test_cli_no_registry);
  return g_test_run ();
}
