/* am-render: diagrams of a map, built with cgraph and laid out and rendered in-process by gvc. */
#define _GNU_SOURCE /* dladdr */
#include "am-render.h"

#include <dlfcn.h>
#include <gvc.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "am-error.h"
#include "am-io.h"


/* Colours and sizes; docs/render.md shows them. Keep the legend (add_legend) in sync. */
#define FONT "Helvetica"
#define STATEMENT_FILL "#e8f0fb"
#define STATEMENT_LINE "#3465a4"
#define ARGUMENT_FILL "#fff1d6"
#define ARGUMENT_LINE "#b7791f"
#define ACTOR_FILL "#efe6f7"
#define ACTOR_LINE "#6a3d9a"
#define SUPPORT_COLOR "#2e7d32"
#define ATTACK_COLOR "#c62828"
#define NEUTRAL_COLOR "#757575"
#define CONCLUDES_COLOR "#1b5e20"
#define PREMISE_COLOR "#8c8c8c"
#define IN_FILL "#b8e3b0"
#define OUT_FILL "#f5b7b1"
#define UNDEC_FILL "#e3e3e3"
#define WRAP_WIDTH 34   /* characters per line of a node's text */
#define TITLE_WIDTH 40  /* titles wrap only when longer than this */
#define MAX_TEXT_LINES 8 /* longer texts are cut with an ellipsis (the tooltip has them whole) */

void
am_render_options_init (AmRenderOptions *options)
{
  memset (options, 0, sizeof *options);
  options->format = AM_RENDER_SVG;
  options->view = AM_RENDER_VIEW_MAP;
  options->depth = 1;
}

static const char *const format_names[] = { "dot", "svg", "png", "pdf" };

const char *
am_render_format_name (AmRenderFormat format)
{
  return (guint) format < G_N_ELEMENTS (format_names) ? format_names[format] : "?";
}

gboolean
am_render_format_from_string (const char *s, AmRenderFormat *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (s, format_names[i]) == 0
        || (i == AM_RENDER_DOT && g_ascii_strcasecmp (s, "gv") == 0)) {
      *out = (AmRenderFormat) i;
      return TRUE;
    }
  return FALSE;
}

gboolean
am_render_format_from_path (const char *file, AmRenderFormat *out)
{
  const char *dot = strrchr (file, '.');
  const char *slash = strrchr (file, '/');
  if (dot == NULL || (slash != NULL && dot < slash))
    return FALSE;
  return am_render_format_from_string (dot + 1, out);
}

static const char *const layouts[] = { "dot", "neato", "fdp", "sfdp", "circo", "twopi" };

gboolean
am_render_layout_is_valid (const char *engine)
{
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    if (g_strcmp0 (engine, layouts[i]) == 0)
      return TRUE;
  return FALSE;
}

const char *
am_render_default_layout (guint n_nodes)
{
  return n_nodes > AM_RENDER_LARGE_NODES ? "sfdp" : "dot";
}

/* ---- escaping ---------------------------------------------------------------------------- */

/* Control characters other than newline cannot appear in XML (SVG) output. */
static gunichar
printable (gunichar c)
{
  return (c < 0x20 && c != '\n') || c == 0x7f ? ' ' : c;
}

static void
append_html (GString *out, const char *text, const char *end)
{
  for (const char *p = text; p < end && *p; p = g_utf8_next_char (p)) {
    gunichar c = printable (g_utf8_get_char (p));
    switch (c) {
    case '&': g_string_append (out, "&amp;"); break;
    case '<': g_string_append (out, "&lt;"); break;
    case '>': g_string_append (out, "&gt;"); break;
    case '"': g_string_append (out, "&quot;"); break;
    /* Graphviz expands \N, \G... in labels after reading entities: a doubled backslash is one. */
    case '\\': g_string_append (out, "\\\\"); break;
    case '\n': g_string_append (out, "<BR/>"); break;
    default: g_string_append_unichar (out, c); break;
    }
  }
}

/* Graphviz's HTML grammar has no empty text items: `<B></B>` is a syntax error. */
static gboolean
blank (const char *text)
{
  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (printable (g_utf8_get_char (p))))
      return FALSE;
  return TRUE;
}

/* Appends `text` escaped in <B>…</B>, or nothing when it is blank. */
static void
append_bold (GString *out, const char *text)
{
  if (blank (text))
    return;
  g_string_append (out, "<B>");
  append_html (out, text, text + strlen (text));
  g_string_append (out, "</B>");
}

char *
am_render_escape_html (const char *text)
{
  GString *out = g_string_new (NULL);
  append_html (out, text, text + strlen (text));
  return g_string_free (out, FALSE);
}

char *
am_render_escape_tooltip (const char *text)
{
  /* Tooltips are escStrings that Graphviz unescapes twice (once for \N and friends, once
   * more when writing the map/SVG), so one backslash is written as four. Its SVG writer keeps
   * anything that looks like an entity ("&amp;") as it is, so every & is written as &amp;. */
  GString *out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p)) {
    gunichar c = printable (g_utf8_get_char (p));
    if (c == '\\')
      g_string_append (out, "\\\\\\\\");
    else if (c == '&')
      g_string_append (out, "&amp;");
    else
      g_string_append_unichar (out, c);
  }
  return g_string_free (out, FALSE);
}

/* ---- text layout ------------------------------------------------------------------------- */

/* Splits `text` into lines of at most `width` characters at white space (a longer word is cut),
 * keeping at most `max_lines` (0: all) with an ellipsis when cut. Explicit newlines end lines. */
static GPtrArray *
wrap_text (const char *text, guint width, guint max_lines)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *line = g_string_new (NULL);
  guint line_len = 0;
  gboolean cut = FALSE;
  const char *p = text;
  while (*p && !cut) {
    gunichar c = g_utf8_get_char (p);
    if (g_unichar_isspace (c)) {
      if (c == '\n' && line_len > 0) {
        g_ptr_array_add (lines, g_strdup (line->str));
        g_string_truncate (line, 0);
        line_len = 0;
      }
      p = g_utf8_next_char (p);
      continue;
    }
    const char *w = p;
    guint wlen = 0;
    while (*p && !g_unichar_isspace (g_utf8_get_char (p))) {
      p = g_utf8_next_char (p);
      wlen++;
    }
    while (wlen > 0) {
      guint take = MIN (wlen, width);
      if (line_len > 0 && line_len + 1 + take > width) {
        g_ptr_array_add (lines, g_strdup (line->str));
        g_string_truncate (line, 0);
        line_len = 0;
      }
      if (max_lines > 0 && lines->len >= max_lines) {
        cut = TRUE;
        break;
      }
      if (line_len > 0) {
        g_string_append_c (line, ' ');
        line_len++;
      }
      const char *wend = g_utf8_offset_to_pointer (w, take);
      g_string_append_len (line, w, wend - w);
      line_len += take;
      w = wend;
      wlen -= take;
    }
  }
  if (line_len > 0 && !(max_lines > 0 && lines->len >= max_lines))
    g_ptr_array_add (lines, g_strdup (line->str));
  else if (line_len > 0 || cut)
    cut = TRUE;
  if (cut && lines->len > 0) {
    char *last = g_ptr_array_index (lines, lines->len - 1);
    lines->pdata[lines->len - 1] = g_strconcat (last, " …", NULL);
    g_free (last);
  }
  g_string_free (line, TRUE);
  return lines;
}

static void
append_lines_html (GString *out, GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++) {
    const char *l = g_ptr_array_index (lines, i);
    if (i > 0)
      g_string_append (out, "<BR/>");
    append_html (out, l, l + strlen (l));
  }
}

/* ---- Graphviz messages ------------------------------------------------------------------- */

/* Graphviz reports through one global callback without user data; renders are serialised so
 * that one log collects one render's messages. */
G_LOCK_DEFINE_STATIC (graphviz);
static GString *gv_log;

static int
gv_errf (char *msg)
{
  if (gv_log != NULL)
    g_string_append (gv_log, msg);
  return 0;
}

/* Moves the collected messages into `diags`; TRUE if any was an error. `errors` (may be NULL)
 * receives the error lines joined. */
static gboolean
flush_gv_log (const AmMap *map, AmDiagnostics *diags, GString *errors)
{
  gboolean had_error = FALSE;
  AmOrigin origin = am_origin (map->name, 0, 0);
  g_auto (GStrv) lines = g_strsplit (gv_log->str, "\n", -1);
  AmSeverity severity = AM_DIAG_WARNING;
  for (guint i = 0; lines[i]; i++) {
    const char *l = lines[i];
    if (g_str_has_prefix (l, "Error: ")) {
      severity = AM_DIAG_ERROR;
      l += strlen ("Error: ");
    } else if (g_str_has_prefix (l, "Warning: ")) {
      severity = AM_DIAG_WARNING;
      l += strlen ("Warning: ");
    }
    /* Messages printed without a command name start with "(null): ". */
    if (g_str_has_prefix (l, "(null): "))
      l += strlen ("(null): ");
    g_autofree char *msg = g_strstrip (g_strdup (l));
    if (*msg == '\0')
      continue;
    if (severity == AM_DIAG_ERROR) {
      had_error = TRUE;
      if (errors != NULL)
        g_string_append_printf (errors, "%s%s", errors->len ? "; " : "", msg);
    }
    if (diags != NULL)
      am_diag_add (diags, severity, origin, "graphviz: %s", msg);
  }
  g_string_truncate (gv_log, 0);
  return had_error;
}

/* LeakSanitizer, in sanitizer builds: Graphviz 2.43 and the libraries under it leak on every
 * render (the HTML-label parser, pango markup, fontconfig and cairo caches), which would fail
 * every sanitizer run of a program that draws. Only leaks allocated inside those libraries are
 * suppressed; argmap's own stay reported. */
const char *__lsan_default_suppressions (void);
const char *
__lsan_default_suppressions (void)
{
  return "leak:libgvc.so\nleak:libcgraph.so\nleak:libgvplugin_\nleak:libpango\n"
         "leak:libfontconfig\nleak:libcairo\nleak:libpixman\n";
}

/* ...and without a report of the suppressed leaks on stderr, which must stay clean. */
const char *__lsan_default_options (void);
const char *
__lsan_default_options (void)
{
  return "print_suppressions=0";
}

/* ---- building the graph ------------------------------------------------------------------ */

typedef struct {
  const AmMap *map;
  const AmRenderOptions *o;
  Agraph_t *g;
  guint n_st, n_nodes;
  gboolean *shown;      /* per node (statements, then arguments) */
  Agnode_t **gnodes;    /* per node, NULL when not drawn */
  Agraph_t **clusters;  /* per section, created on first use */
  gint focus;           /* node index or -1 */
  gboolean large;
  gboolean clustered;   /* sections drawn as clusters: dot only (see build_graph) */
  gboolean sideways;    /* dot: rankdir=LR rather than BT (see choose_direction) */
  GArray *links;        /* PcsLink: every argument's reconstruction (see pcs_links) */
  guint n_pcs_edges;    /* how many of them were drawn (the legend explains them if any) */
  guint n_intermediary; /* ...of which to intermediary conclusions */
} Builder;

/* An argument's premise-conclusion structure is not a relation of the model (Argdown's JSON
 * has none from an argument to its conclusion either), yet it is what ties an argument to the
 * rest of the map. It is drawn as links of its own. */
typedef enum {
  PCS_PREMISE,      /* premise -> argument */
  PCS_INTERMEDIARY, /* argument -> a conclusion it uses as a premise further down */
  PCS_CONCLUSION,   /* argument -> its main conclusion */
} PcsKind;

typedef struct {
  guint from, to;   /* node indices, in the direction drawn */
  guint argument;   /* index into map->arguments */
  guint statement;  /* index into map->statements */
  guint line;       /* 1-based line of the reconstruction, as in the tooltip */
  PcsKind kind;
} PcsLink;

static void
set (void *obj, const char *name, const char *value)
{
  agsafeset (obj, (char *) name, (char *) value, (char *) "");
}

static void
set_html (Agraph_t *g, void *obj, const char *name, const char *html)
{
  char *s = agstrdup_html (g, (char *) html);
  agsafeset (obj, (char *) name, s, (char *) "");
  agstrfree (g, s);
}

static void
set_tooltip (void *obj, const char *name, const char *text)
{
  g_autofree char *esc = am_render_escape_tooltip (text);
  set (obj, name, esc);
}

static guint
node_index (const Builder *b, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? ref.index : b->n_st + ref.index;
}

static AmNodeRef
node_ref (const Builder *b, guint i)
{
  return i < b->n_st ? am_node_ref (AM_NODE_STATEMENT, i)
                     : am_node_ref (AM_NODE_ARGUMENT, i - b->n_st);
}

static guint64
pair_key (guint from, guint to)
{
  return ((guint64) from << 32) | to;
}

/* The links of every reconstruction, by argument then line. A statement is linked once per
 * argument and direction (a premise used twice is one link); the main conclusion is the last
 * line, and comes first.
 * A link that a relation of the map already draws (a reader that keeps `<A> + [C]` as a
 * relation) is left out: the same two nodes, the same direction, whatever the type. */
static GArray *
pcs_links (const Builder *b)
{
  const AmMap *map = b->map;
  GArray *links = g_array_new (FALSE, FALSE, sizeof (PcsLink));
  /* The pairs drawn already: by a relation, or by an earlier link. */
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       NULL);
  for (guint r = 0; r < map->relations->len; r++) {
    const AmRelation *rel = am_map_relation (map, r);
    guint64 key = pair_key (node_index (b, rel->from), node_index (b, rel->to));
    g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
  }
  for (guint a = 0; a < map->arguments->len; a++) {
    const AmArgument *arg = am_map_argument (map, a);
    guint an = b->n_st + a;
    /* The main conclusion first, so that an intermediary conclusion that is also the main one
     * is drawn as the main one. */
    for (guint j = 0; j < arg->pcs->len; j++) {
      guint k = j == 0 ? arg->pcs->len - 1 : j - 1;
      const AmPcsItem *item = &g_array_index (arg->pcs, AmPcsItem, k);
      if (item->statement >= b->n_st)
        continue;
      PcsLink l = { .argument = a, .statement = item->statement, .line = k + 1 };
      l.kind = k + 1 == arg->pcs->len ? PCS_CONCLUSION
               : item->role == AM_PCS_PREMISE ? PCS_PREMISE : PCS_INTERMEDIARY;
      l.from = l.kind == PCS_PREMISE ? item->statement : an;
      l.to = l.kind == PCS_PREMISE ? an : item->statement;
      guint64 key = pair_key (l.from, l.to);
      if (g_hash_table_contains (seen, &key))
        continue;
      g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
      g_array_append_val (links, l);
    }
  }
  return links;
}

/* A node by the id `argmap eval` prints and render uses as node name: s<k> or a<k>, 1-based.
 * A title always wins over an id. */
static gboolean
node_from_id (const AmMap *map, const char *id, AmNodeRef *out)
{
  if ((id[0] != 's' && id[0] != 'a') || !g_ascii_isdigit (id[1]))
    return FALSE;
  guint64 k;
  if (!g_ascii_string_to_unsigned (id + 1, 10, 1, G_MAXUINT, &k, NULL))
    return FALSE;
  guint len = id[0] == 's' ? map->statements->len : map->arguments->len;
  if (k > len)
    return FALSE;
  *out = am_node_ref (id[0] == 's' ? AM_NODE_STATEMENT : AM_NODE_ARGUMENT, (guint) k - 1);
  return TRUE;
}

/* The breadth-first search of mark_neighbourhood. */
typedef struct {
  const Builder *b;
  guint *dist, *queue;
  guint tail;
} Reach;

/* Reaching an argument reaches its reconstruction at the same distance. Statements are reached
 * this way only from arguments, and every node at distance d is reached before any node at d is
 * expanded, so the queue stays in order of distance and each node enters it once. */
static void
reach (Reach *r, guint v, guint d)
{
  if (r->dist[v] != G_MAXUINT)
    return;
  r->dist[v] = d;
  r->queue[r->tail++] = v;
  if (v < r->b->n_st)
    return;
  /* Every line, also one whose link a relation draws. */
  const GArray *pcs = am_map_argument (r->b->map, v - r->b->n_st)->pcs;
  for (guint k = 0; k < pcs->len; k++) {
    guint s = g_array_index (pcs, AmPcsItem, k).statement;
    if (s < r->b->n_st)
      reach (r, s, d); /* a statement: no further */
  }
}

/* The edges dot draws (relations between two nodes, but a node's relation to itself, and the
 * links of reconstructions; with `shown_only`, those between shown nodes) as adjacency arrays:
 * the neighbours of node v are adj[off[v]] .. adj[off[v + 1] - 1], from both ends when
 * `both_ways`. Freed by the caller. */
static void
edges_csr (const Builder *b, gboolean shown_only, gboolean both_ways, guint **off_out,
           guint **adj_out)
{
  const AmMap *map = b->map;
  guint n = b->n_nodes;
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, 2 * sizeof (guint));
  for (guint r = 0; r < map->relations->len; r++) {
    const AmRelation *rel = am_map_relation (map, r);
    guint e[2] = { node_index (b, rel->from), node_index (b, rel->to) };
    if (e[0] != e[1] && (!shown_only || (b->shown[e[0]] && b->shown[e[1]])))
      g_array_append_val (pairs, e);
  }
  for (guint k = 0; k < b->links->len; k++) {
    const PcsLink *l = &g_array_index (b->links, PcsLink, k);
    guint e[2] = { l->from, l->to };
    if (!shown_only || (b->shown[e[0]] && b->shown[e[1]]))
      g_array_append_val (pairs, e);
  }
  guint *off = g_new0 (guint, n + 1);
  const guint *e = (const guint *) (const void *) pairs->data;
  for (guint i = 0; i < pairs->len; i++) {
    off[e[2 * i] + 1]++;
    if (both_ways)
      off[e[2 * i + 1] + 1]++;
  }
  for (guint i = 0; i < n; i++)
    off[i + 1] += off[i];
  guint *adj = g_new (guint, MAX (off[n], 1));
  g_autofree guint *fill = g_memdup2 (off, sizeof (guint) * (n + 1));
  for (guint i = 0; i < pairs->len; i++) {
    adj[fill[e[2 * i]]++] = e[2 * i + 1];
    if (both_ways)
      adj[fill[e[2 * i + 1]]++] = e[2 * i];
  }
  *off_out = off;
  *adj_out = adj;
}

/* Marks the nodes within `depth` steps of `focus`, in either direction (breadth-first,
 * iterative). A step follows a relation or a link of a reconstruction. An argument comes with
 * its reconstruction: its premises and conclusions are as near as the argument itself, so the
 * neighbourhood of a conclusion holds the arguments that conclude it together with their
 * premises, and no argument is drawn with only part of its premises. */
static void
mark_neighbourhood (Builder *b, guint focus, guint depth)
{
  guint n = b->n_nodes;
  g_autofree guint *off = NULL, *adj = NULL;
  edges_csr (b, FALSE, TRUE, &off, &adj);
  g_autofree guint *dist = g_new (guint, n);
  g_autofree guint *queue = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    dist[i] = G_MAXUINT;
  Reach r = { b, dist, queue, 0 };
  reach (&r, focus, 0);
  guint head = 0;
  while (head < r.tail) {
    guint v = queue[head++];
    b->shown[v] = TRUE;
    if (dist[v] >= depth)
      continue;
    for (guint k = off[v]; k < off[v + 1]; k++)
      reach (&r, adj[k], dist[v] + 1);
  }
}

/* Whether dot should lay the map out left to right. Argdown's pictures put conclusions on top
 * (rankdir=BT); a map of many shallow trees then becomes a long strip (the essay's map: over
 * 8000 pixels wide, 1300 high). From the ranks dot will use (longest path of relations and
 * reconstruction links, by Kahn's algorithm; nodes on cycles count as rank 0) estimate both
 * pictures and turn sideways when the upright one would be over 20 inches wide and the sideways
 * one less elongated. */
static gboolean
choose_direction (const Builder *b)
{
  guint n = b->n_nodes;
  if (n == 0)
    return FALSE;
  g_autofree guint *off = NULL, *adj = NULL;
  edges_csr (b, TRUE, FALSE, &off, &adj);
  g_autofree guint *indeg = g_new0 (guint, n);
  for (guint k = 0; k < off[n]; k++)
    indeg[adj[k]]++;
  g_autofree guint *rank = g_new0 (guint, n);
  g_autofree guint *queue = g_new (guint, n);
  guint head = 0, tail = 0;
  for (guint i = 0; i < n; i++)
    if (b->shown[i] && indeg[i] == 0)
      queue[tail++] = i;
  while (head < tail) {
    guint v = queue[head++];
    for (guint k = off[v]; k < off[v + 1]; k++) {
      guint w = adj[k];
      rank[w] = MAX (rank[w], rank[v] + 1);
      if (--indeg[w] == 0)
        queue[tail++] = w;
    }
  }
  g_autofree guint *per_rank = g_new0 (guint, n);
  guint ranks = 0, breadth = 0;
  for (guint i = 0; i < n; i++) {
    if (!b->shown[i])
      continue;
    guint r = rank[i] < n ? rank[i] : 0;
    per_rank[r]++;
    ranks = MAX (ranks, r + 1);
    breadth = MAX (breadth, per_rank[r]);
  }
  /* Inches: a node is about 2.6 wide and 0.8 high with its share of the spacing. */
  double up_w = breadth * 2.6, up_h = ranks * 1.3;
  double side_w = ranks * 3.4, side_h = breadth * 1.1;
  double up_ratio = MAX (up_w, up_h) / MAX (MIN (up_w, up_h), 1.0);
  double side_ratio = MAX (side_w, side_h) / MAX (MIN (side_w, side_h), 1.0);
  return up_w > 20.0 && side_ratio < up_ratio;
}

static gint
section_parent (const AmMap *map, gint s)
{
  gint p = am_map_section (map, s)->parent;
  return p >= 0 && p < s ? p : -1;
}

/* The cluster of section `sec`, nested in its parents' clusters, created when first needed. */
static Agraph_t *
section_cluster (Builder *b, gint sec)
{
  const AmMap *map = b->map;
  if (sec < 0 || (guint) sec >= map->sections->len)
    return b->g;
  if (b->clusters[sec] != NULL)
    return b->clusters[sec];
  /* The chain from `sec` up to the first ancestor that exists. A parent comes before its
   * children in map->sections (headings are read in order); a parent index that does not is
   * taken as none, which also rules out cycles. */
  g_autoptr (GArray) chain = g_array_new (FALSE, FALSE, sizeof (gint));
  for (gint s = sec; s >= 0 && b->clusters[s] == NULL; s = section_parent (map, s))
    g_array_append_val (chain, s);
  for (guint k = chain->len; k-- > 0;) {
    gint s = g_array_index (chain, gint, k);
    const AmSection *section = am_map_section (map, s);
    gint p = section_parent (map, s);
    Agraph_t *parent = p >= 0 && b->clusters[p] != NULL ? b->clusters[p] : b->g;
    g_autofree char *name = g_strdup_printf ("cluster_%d", s);
    Agraph_t *c = agsubg (parent, name, 1);
    g_autoptr (GString) label = g_string_new (NULL);
    append_bold (label, section->title);
    if (label->len > 0)
      set_html (b->g, c, "label", label->str);
    set (c, "style", "rounded,filled");
    set (c, "fillcolor", section->level % 2 ? "#f6f6f6" : "#ececec");
    set (c, "color", "#b0b0b0");
    set (c, "fontsize", "13");
    set (c, "labeljust", "l");
    /* rankdir=BT turns the picture upside down: "b" puts the title at the top. */
    set (c, "labelloc", b->sideways ? "t" : "b");
    set_tooltip (c, "tooltip", section->title);
    b->clusters[s] = c;
  }
  return b->clusters[sec];
}

static const char *
label_fill (AmLabel l)
{
  return l == AM_LABEL_IN ? IN_FILL : l == AM_LABEL_OUT ? OUT_FILL : UNDEC_FILL;
}

/* Border style that tells the labels apart without colour. */
static const char *
label_border (AmLabel l)
{
  return l == AM_LABEL_IN ? "bold" : l == AM_LABEL_OUT ? "dashed" : "dotted";
}

/* White (0) to green (1). */
static void
strength_fill (double s, char out[8])
{
  static const int lo[3] = { 0xff, 0xff, 0xff }, hi[3] = { 0x5a, 0xb8, 0x5e };
  s = CLAMP (s, 0.0, 1.0);
  int rgb[3];
  for (int k = 0; k < 3; k++)
    rgb[k] = (int) lround (lo[k] + (hi[k] - lo[k]) * s);
  g_snprintf (out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* The semantics line of a node label and tooltip ("grounded: in"); NULL when none. */
static char *
value_text (const Builder *b, guint i)
{
  const char *sem = b->o->semantics ? b->o->semantics : "acceptance";
  if (b->o->labels != NULL)
    return g_strdup_printf ("%s: %s", sem, am_label_name (b->o->labels[i]));
  if (b->o->strengths != NULL) {
    double s = b->o->strengths[i];
    if (isnan (s))
      return g_strdup_printf ("%s: none", sem);
    return g_strdup_printf ("%s: %.3f", sem, s);
  }
  return NULL;
}

/* The quoted words of a node: its span in the source text when known, else meta `quote`. */
static char *
node_quote (const AmMap *map, AmSpan span, const AmMeta *meta)
{
  if (span.source >= 0 && (guint) span.source < map->sources->len) {
    const AmSource *src = am_map_source (map, span.source);
    if (src->text != NULL && span.start >= 0 && span.end >= span.start) {
      glong len = g_utf8_strlen (src->text, -1);
      if (span.end <= len) {
        const char *s = g_utf8_offset_to_pointer (src->text, span.start);
        const char *e = g_utf8_offset_to_pointer (s, span.end - span.start);
        return g_strndup (s, e - s);
      }
    }
  }
  const char *q = am_meta_get_string (meta, "quote");
  return q ? g_strdup (q) : NULL;
}

static void
append_stances (GString *tip, const AmMap *map, AmNodeRef ref)
{
  for (guint i = 0; i < map->stances->len; i++) {
    const AmStance *st = am_map_stance (map, i);
    if (st->node.kind != ref.kind || st->node.index != ref.index)
      continue;
    const AmActor *actor = am_map_actor (map, st->actor);
    g_string_append_printf (tip, "\n%s: %s", actor->name ? actor->name : actor->id,
                            am_stance_value_to_string (st->value));
  }
}

static void
append_span (GString *tip, const AmMap *map, AmSpan span)
{
  if (span.source < 0 || (guint) span.source >= map->sources->len)
    return;
  const AmSource *src = am_map_source (map, span.source);
  g_string_append_printf (tip, "\n(%s, characters %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT ")",
                          src->path ? src->path : "source", span.start, span.end);
}

/* The full text of a node for its tooltip: title, text, quote and where it is, stances,
 * the semantics value. */
static char *
node_tooltip (const Builder *b, guint i)
{
  const AmMap *map = b->map;
  AmNodeRef ref = node_ref (b, i);
  GString *tip = g_string_new (NULL);
  g_autofree char *quote = NULL;
  if (ref.kind == AM_NODE_STATEMENT) {
    const AmStatement *st = am_map_statement (map, ref.index);
    g_string_append_printf (tip, "[%s]", st->title);
    if (st->text)
      g_string_append_printf (tip, ": %s", st->text);
    quote = node_quote (map, st->span, &st->meta);
    if (quote) {
      g_string_append_printf (tip, "\n\nQuote: “%s”", quote);
      append_span (tip, map, st->span);
    }
    for (guint t = 0; t < st->tags->len; t++)
      g_string_append_printf (tip, "%s#%s", t ? " " : "\n",
                              (char *) g_ptr_array_index (st->tags, t));
  } else {
    const AmArgument *arg = am_map_argument (map, ref.index);
    g_string_append_printf (tip, "<%s>", arg->title);
    if (arg->text)
      g_string_append_printf (tip, ": %s", arg->text);
    for (guint k = 0; k < arg->pcs->len; k++) {
      const AmPcsItem *item = &g_array_index (arg->pcs, AmPcsItem, k);
      const AmStatement *st = am_map_statement (map, item->statement);
      if (item->role != AM_PCS_PREMISE)
        g_string_append_printf (tip, "\n----%s%s", item->inference_rules ? " " : "",
                                item->inference_rules ? item->inference_rules : "");
      g_string_append_printf (tip, "\n(%u) [%s]%s%s", k + 1, st->title, st->text ? ": " : "",
                              st->text ? st->text : "");
    }
    quote = node_quote (map, arg->span, &arg->meta);
    if (quote) {
      g_string_append_printf (tip, "\n\nQuote: “%s”", quote);
      append_span (tip, map, arg->span);
    }
  }
  double weight = ref.kind == AM_NODE_STATEMENT ? am_map_statement (map, ref.index)->weight
                                                : am_map_argument (map, ref.index)->weight;
  if (!isnan (weight))
    g_string_append_printf (tip, "\nweight: %g", weight);
  append_stances (tip, map, ref);
  g_autofree char *value = value_text (b, i);
  if (value)
    g_string_append_printf (tip, "\n%s", value);
  return g_string_free (tip, FALSE);
}

static void
add_map_node (Builder *b, guint i)
{
  const AmMap *map = b->map;
  AmNodeRef ref = node_ref (b, i);
  const char *title = am_map_node_title (map, ref);
  gboolean is_arg = ref.kind == AM_NODE_ARGUMENT;
  const char *text = is_arg ? am_map_argument (map, ref.index)->text
                            : am_map_statement (map, ref.index)->text;
  gint section = is_arg ? am_map_argument (map, ref.index)->section
                        : am_map_statement (map, ref.index)->section;

  /* Node names are ids as `argmap eval` prints them (s1, a1: 1-based, map order), not titles:
   * cgraph 2.43 writes a name that ends in a backslash as `"...\"`, which no DOT reader reads
   * back. The titles are in the labels and tooltips. */
  g_autofree char *name = g_strdup_printf ("%s%u", is_arg ? "a" : "s", ref.index + 1);
  Agnode_t *n = agnode (b->g, name, 1);
  b->gnodes[i] = n;
  Agraph_t *c = b->clustered ? section_cluster (b, section) : b->g;
  if (c != b->g)
    agsubnode (c, n, 1);

  g_autoptr (GString) label = g_string_new (NULL);
  g_autoptr (GPtrArray) tlines = wrap_text (title, g_utf8_strlen (title, -1) > TITLE_WIDTH
                                                       ? WRAP_WIDTH : TITLE_WIDTH, 0);
  if (tlines->len > 0 || is_arg) {
    g_string_append (label, "<B>");
    if (is_arg)
      g_string_append (label, "&lt;");
    append_lines_html (label, tlines);
    if (is_arg)
      g_string_append (label, "&gt;");
    g_string_append (label, "</B>");
  }
  /* Large maps and the stance view (who holds what) show titles only; the tooltip has all. */
  if (text != NULL && *text && !b->large && b->o->view == AM_RENDER_VIEW_MAP) {
    g_autoptr (GPtrArray) lines = wrap_text (text, WRAP_WIDTH, MAX_TEXT_LINES);
    if (lines->len > 0) {
      if (label->len > 0)
        g_string_append (label, "<BR/>");
      g_string_append (label, "<FONT POINT-SIZE=\"10\">");
      append_lines_html (label, lines);
      g_string_append (label, "</FONT>");
    }
  }
  g_autofree char *value = value_text (b, i);
  if (value) {
    if (label->len > 0)
      g_string_append (label, "<BR/>");
    g_string_append (label, "<FONT POINT-SIZE=\"9\" COLOR=\"#333333\"><I>");
    append_html (label, value, value + strlen (value));
    g_string_append (label, "</I></FONT>");
  }
  if (label->len == 0)
    g_string_append (label, " "); /* an empty HTML label is a syntax error too */
  set_html (b->g, n, "label", label->str);
  g_autofree char *tip = node_tooltip (b, i);
  set_tooltip (n, "tooltip", tip);
  set (n, "id", name);

  const char *style = is_arg ? "filled" : "rounded,filled";
  if (is_arg) {
    set (n, "shape", "hexagon");
    /* The hexagon adds its own room around the label. */
    set (n, "margin", "0.04,0.02");
    set (n, "fillcolor", ARGUMENT_FILL);
    set (n, "color", ARGUMENT_LINE);
  }
  if (b->o->labels != NULL) {
    AmLabel l = b->o->labels[i];
    set (n, "fillcolor", label_fill (l));
    g_autofree char *st = g_strdup_printf ("%s,%s", style, label_border (l));
    set (n, "style", st);
  } else if (b->o->strengths != NULL) {
    double s = b->o->strengths[i];
    char fill[8];
    strength_fill (isnan (s) ? 0.0 : s, fill);
    set (n, "fillcolor", isnan (s) ? UNDEC_FILL : fill);
    if (isnan (s)) {
      g_autofree char *st = g_strdup_printf ("%s,dotted", style);
      set (n, "style", st);
    } else if (is_arg) {
      set (n, "style", style);
    }
  } else if (is_arg) {
    set (n, "style", style);
  }
  if (b->focus >= 0 && (guint) b->focus == i)
    set (n, "penwidth", "3");
}

static void
style_relation (Agedge_t *e, AmRelationType type)
{
  switch (type) {
  case AM_REL_SUPPORT:
    set (e, "color", SUPPORT_COLOR);
    set (e, "arrowhead", "normal");
    break;
  case AM_REL_ATTACK:
    set (e, "color", ATTACK_COLOR);
    set (e, "arrowhead", "tee");
    set (e, "arrowsize", "1.1");
    break;
  case AM_REL_UNDERCUT:
    set (e, "color", ATTACK_COLOR);
    set (e, "arrowhead", "tee");
    set (e, "arrowsize", "1.1");
    set (e, "style", "dashed");
    break;
  case AM_REL_CONTRADICTION:
    set (e, "color", ATTACK_COLOR);
    set (e, "dir", "both");
    set (e, "arrowhead", "tee");
    set (e, "arrowtail", "tee");
    set (e, "arrowsize", "1.1");
    set (e, "style", "bold");
    break;
  }
}

static const char *
relation_verb (AmRelationType type)
{
  switch (type) {
  case AM_REL_SUPPORT: return "supports";
  case AM_REL_ATTACK: return "attacks";
  case AM_REL_UNDERCUT: return "undercuts";
  case AM_REL_CONTRADICTION: return "contradicts";
  }
  return "?";
}

static void
add_relations (Builder *b)
{
  const AmMap *map = b->map;
  for (guint r = 0; r < map->relations->len; r++) {
    const AmRelation *rel = am_map_relation (map, r);
    Agnode_t *t = b->gnodes[node_index (b, rel->from)];
    Agnode_t *h = b->gnodes[node_index (b, rel->to)];
    if (t == NULL || h == NULL)
      continue;
    Agedge_t *e = agedge (b->g, t, h, NULL, 1);
    style_relation (e, rel->type);
    g_autofree char *tip = g_strdup_printf ("%s %s %s", am_map_node_title (map, rel->from),
                                            relation_verb (rel->type),
                                            am_map_node_title (map, rel->to));
    set_tooltip (e, "tooltip", tip);
  }
}

/* The reconstructions: premise -> argument in a light line ("premise of"), argument -> its
 * main conclusion in a dark double line ("concludes"), argument -> an intermediary conclusion
 * in the light line. */
static void
add_pcs_edges (Builder *b)
{
  const AmMap *map = b->map;
  for (guint k = 0; k < b->links->len; k++) {
    const PcsLink *l = &g_array_index (b->links, PcsLink, k);
    Agnode_t *t = b->gnodes[l->from], *h = b->gnodes[l->to];
    if (t == NULL || h == NULL)
      continue;
    Agedge_t *e = agedge (b->g, t, h, NULL, 1);
    const AmStatement *st = am_map_statement (map, l->statement);
    const AmArgument *arg = am_map_argument (map, l->argument);
    g_autofree char *tip = NULL;
    switch (l->kind) {
    case PCS_CONCLUSION:
      /* Parallel lines, one per colour of the list: a double line, like ⇒. */
      set (e, "color", CONCLUDES_COLOR ":#ffffff:" CONCLUDES_COLOR);
      set (e, "penwidth", "1.4");
      set (e, "arrowhead", "normal");
      tip = g_strdup_printf ("<%s> concludes [%s] (%u)", arg->title, st->title, l->line);
      break;
    case PCS_PREMISE:
    case PCS_INTERMEDIARY:
      set (e, "color", PREMISE_COLOR);
      set (e, "penwidth", "1.1");
      set (e, "arrowhead", "onormal");
      set (e, "arrowsize", "0.7");
      tip = l->kind == PCS_PREMISE
                ? g_strdup_printf ("[%s] is premise (%u) of <%s>", st->title, l->line,
                                   arg->title)
                : g_strdup_printf ("<%s> infers [%s] (%u) on the way", arg->title, st->title,
                                   l->line);
      break;
    }
    /* Heavier than relations: dot keeps an argument close to its premises and conclusion. */
    set (e, "weight", "2");
    set_tooltip (e, "tooltip", tip);
    b->n_pcs_edges++;
    b->n_intermediary += l->kind == PCS_INTERMEDIARY;
  }
}

static void
add_stance_view (Builder *b)
{
  const AmMap *map = b->map;
  /* Claims that someone takes a stance on (within the focus, if any). */
  g_autofree gboolean *claimed = g_new0 (gboolean, b->n_nodes);
  g_autofree gboolean *actor_used = g_new0 (gboolean, MAX (map->actors->len, 1));
  for (guint s = 0; s < map->stances->len; s++) {
    const AmStance *st = am_map_stance (map, s);
    guint i = node_index (b, st->node);
    if (i < b->n_nodes && b->shown[i] && st->actor < map->actors->len) {
      claimed[i] = TRUE;
      actor_used[st->actor] = TRUE;
    }
  }
  /* Actors first, on one rank, so they line up on the left. */
  Agraph_t *actors = agsubg (b->g, (char *) "actors", 1);
  set (actors, "rank", "min");
  g_autofree Agnode_t **anodes = g_new0 (Agnode_t *, MAX (map->actors->len, 1));
  for (guint a = 0; a < map->actors->len; a++) {
    if (!actor_used[a])
      continue;
    const AmActor *actor = am_map_actor (map, a);
    const char *name = actor->name ? actor->name : actor->id;
    g_autofree char *id = g_strdup_printf ("actor%u", a + 1);
    Agnode_t *n = agnode (b->g, id, 1);
    agsubnode (actors, n, 1);
    anodes[a] = n;
    g_autoptr (GString) label = g_string_new (NULL);
    append_bold (label, name);
    if (!blank (actor->kind)) {
      if (label->len > 0)
        g_string_append (label, "<BR/>");
      g_string_append (label, "<FONT POINT-SIZE=\"9\">");
      append_html (label, actor->kind, actor->kind + strlen (actor->kind));
      g_string_append (label, "</FONT>");
    }
    if (label->len == 0)
      g_string_append (label, " ");
    set_html (b->g, n, "label", label->str);
    set (n, "shape", "ellipse");
    set (n, "style", "filled");
    set (n, "fillcolor", ACTOR_FILL);
    set (n, "color", ACTOR_LINE);
    g_autofree char *tip = g_strdup_printf ("%s (%s%s%s)", name, actor->id,
                                            actor->kind ? ", " : "",
                                            actor->kind ? actor->kind : "");
    set_tooltip (n, "tooltip", tip);
    set (n, "id", id);
  }
  for (guint i = 0; i < b->n_nodes; i++)
    if (claimed[i])
      add_map_node (b, i);
  for (guint s = 0; s < map->stances->len; s++) {
    const AmStance *st = am_map_stance (map, s);
    guint i = node_index (b, st->node);
    if (i >= b->n_nodes || !claimed[i] || st->actor >= map->actors->len)
      continue;
    Agedge_t *e = agedge (b->g, anodes[st->actor], b->gnodes[i], NULL, 1);
    const char *value = am_stance_value_to_string (st->value);
    switch (st->value) {
    case AM_STANCE_PRO:
      set (e, "color", SUPPORT_COLOR);
      set (e, "arrowhead", "normal");
      break;
    case AM_STANCE_CON:
      set (e, "color", ATTACK_COLOR);
      set (e, "arrowhead", "tee");
      set (e, "style", "dashed");
      break;
    case AM_STANCE_NEUTRAL:
      set (e, "color", NEUTRAL_COLOR);
      set (e, "arrowhead", "odot");
      set (e, "style", "dotted");
      break;
    }
    const AmActor *actor = am_map_actor (map, st->actor);
    const char *who = actor->name ? actor->name : actor->id;
    const char *what = am_map_node_title (map, st->node);
    g_autofree char *tip = st->quote
        ? g_strdup_printf ("%s: %s on %s\nQuote: “%s”", who, value, what, st->quote)
        : g_strdup_printf ("%s: %s on %s", who, value, what);
    set_tooltip (e, "tooltip", tip);
  }
}

/* One legend row: a sample (HTML) and what it means. */
static void
legend_row (GString *out, const char *sample, const char *meaning)
{
  g_string_append_printf (out, "<TR><TD ALIGN=\"LEFT\">%s</TD><TD ALIGN=\"LEFT\">%s</TD></TR>",
                          sample, meaning);
}

/* The legend, as an HTML table in the graph label (every layout engine places it). */
static void
add_legend (Builder *b)
{
  const AmMap *map = b->map;
  const AmRenderOptions *o = b->o;
  g_autoptr (GString) t = g_string_new (
      "<TABLE BORDER=\"1\" COLOR=\"#b0b0b0\" CELLBORDER=\"0\" CELLSPACING=\"1\" "
      "CELLPADDING=\"2\" BGCOLOR=\"#ffffff\">");
  const char *title = am_meta_get_string (&map->front, "title");
  if (blank (title))
    title = NULL;
  gboolean stances = o->view == AM_RENDER_VIEW_STANCE;
  /* The title sits above the legend's box, so that its width does not stretch the box. */
  g_autoptr (GString) heading = g_string_new (NULL);
  if (title != NULL || o->focus != NULL || stances) {
    g_string_append (heading,
                     "<TR><TD ALIGN=\"LEFT\" CELLPADDING=\"3\"><FONT POINT-SIZE=\"15\"><B>");
    if (stances)
      g_string_append (heading, title ? "Stances: " : "Stances");
    if (title)
      append_html (heading, title, title + strlen (title));
    if (o->focus) {
      g_autofree char *f = g_strdup_printf ("%sAround %s (%u step%s)", title ? ": " : "",
                                            o->focus, o->depth, o->depth == 1 ? "" : "s");
      append_html (heading, f, f + strlen (f));
    }
    g_string_append (heading, "</B></FONT></TD></TR>");
  }
  if (o->view == AM_RENDER_VIEW_STANCE) {
    legend_row (t, "<TABLE BORDER=\"1\" COLOR=\"" ACTOR_LINE "\" STYLE=\"rounded\" "
                   "CELLBORDER=\"0\" CELLPADDING=\"1\">"
                   "<TR><TD BGCOLOR=\"" ACTOR_FILL "\">  actor  </TD></TR></TABLE>",
                "who takes a stance");
    legend_row (t, "<FONT COLOR=\"" SUPPORT_COLOR "\">━━━━▶</FONT>", "pro: holds the claim");
    legend_row (t, "<FONT COLOR=\"" ATTACK_COLOR "\">╍╍╍╍┫</FONT>", "con: rejects it (dashed)");
    legend_row (t, "<FONT COLOR=\"" NEUTRAL_COLOR "\">┈┈┈┈○</FONT>", "neutral (dotted)");
  } else {
    legend_row (t, "<TABLE BORDER=\"1\" COLOR=\"" STATEMENT_LINE "\" STYLE=\"rounded\" "
                   "CELLBORDER=\"0\" CELLPADDING=\"1\"><TR><TD BGCOLOR=\"" STATEMENT_FILL "\">"
                   "<B> statement </B>"
                   "</TD></TR></TABLE>",
                "a claim (rounded box)");
    legend_row (t, "<TABLE BORDER=\"1\" COLOR=\"" ARGUMENT_LINE "\" CELLBORDER=\"0\" "
                   "CELLPADDING=\"1\"><TR>"
                   "<TD BGCOLOR=\"" ARGUMENT_FILL "\"><B> &lt;argument&gt; </B></TD></TR></TABLE>",
                "an inference (hexagon)");
    legend_row (t, "<FONT COLOR=\"" SUPPORT_COLOR "\">━━━━▶</FONT>", "supports");
    legend_row (t, "<FONT COLOR=\"" ATTACK_COLOR "\">━━━━┫</FONT>", "attacks");
    legend_row (t, "<FONT COLOR=\"" ATTACK_COLOR "\">╍╍╍╍┫</FONT>",
                "undercuts an inference (dashed)");
    legend_row (t, "<FONT COLOR=\"" ATTACK_COLOR "\">┣━━━┫</FONT>", "contradicts (both ways)");
    if (b->n_pcs_edges > 0) {
      legend_row (t, "<FONT COLOR=\"" CONCLUDES_COLOR "\">════▶</FONT>",
                  "argument concludes (double line)");
      legend_row (t, "<FONT COLOR=\"" PREMISE_COLOR "\">────▷</FONT>",
                  "premise of the argument (thin, open head)");
      if (b->n_intermediary > 0)
        legend_row (t, "<FONT COLOR=\"" PREMISE_COLOR "\">────▷</FONT>",
                    "from an argument: a step on the way");
    }
  }
  const char *sem = !blank (o->semantics) ? o->semantics : "acceptance";
  g_autofree char *sem_html = am_render_escape_html (sem);
  if (o->labels != NULL) {
    g_string_append_printf (t, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>%s</B></TD></TR>",
                            sem_html);
    static const AmLabel ls[] = { AM_LABEL_IN, AM_LABEL_OUT, AM_LABEL_UNDEC };
    static const char *const meanings[] = { "in: accepted (bold border)",
                                            "out: rejected (dashed border)",
                                            "undecided (dotted border)" };
    for (guint k = 0; k < G_N_ELEMENTS (ls); k++) {
      g_autofree char *sample = g_strdup_printf (
          "<TABLE BORDER=\"%s\" STYLE=\"rounded%s\" CELLBORDER=\"0\" CELLPADDING=\"1\"><TR>"
          "<TD BGCOLOR=\"%s\"> %s </TD></TR></TABLE>",
          ls[k] == AM_LABEL_IN ? "2" : "1",
          ls[k] == AM_LABEL_OUT ? ",dashed" : ls[k] == AM_LABEL_UNDEC ? ",dotted" : "",
          label_fill (ls[k]), am_label_name (ls[k]));
      legend_row (t, sample, meanings[k]);
    }
  } else if (o->strengths != NULL) {
    g_string_append_printf (t, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>%s</B> (strength, also "
                               "written in each node)</TD></TR>", sem_html);
    g_string_append (t, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><TABLE BORDER=\"1\" CELLBORDER=\"0\" "
                        "CELLSPACING=\"0\" CELLPADDING=\"2\"><TR>");
    for (int k = 0; k <= 4; k++) {
      char fill[8];
      strength_fill (k / 4.0, fill);
      g_string_append_printf (t, "<TD BGCOLOR=\"%s\"> %.2f </TD>", fill, k / 4.0);
    }
    g_string_append (t, "</TR></TABLE></TD></TR>");
  }
  /* An empty row below the legend keeps it off the top of the map. */
  g_string_append (t, "</TABLE></TD></TR><TR><TD HEIGHT=\"12\"></TD></TR></TABLE>");
  g_string_prepend (t, "<TR><TD ALIGN=\"LEFT\">");
  g_string_prepend (t, heading->str);
  g_string_prepend (t, "<TABLE BORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\">");
  set_html (b->g, b->g, "label", t->str);
  set (b->g, "labelloc", "t");
  set (b->g, "labeljust", "l");
}

static void
set_layout_attributes (Builder *b, const char *engine)
{
  Agraph_t *g = b->g;
  set (g, "layout", engine);
  set (g, "fontname", FONT);
  set (g, "fontsize", "11");
  set (g, "bgcolor", "white");
  set (g, "pad", "0.3");
  set (g, "outputorder", "edgesfirst");
  if (b->o->format == AM_RENDER_PNG)
    set (g, "dpi", "96");
  if (strcmp (engine, "dot") == 0) {
    set (g, "rankdir", b->o->view == AM_RENDER_VIEW_STANCE || b->sideways ? "LR" : "BT");
    set (g, "nodesep", b->o->view == AM_RENDER_VIEW_STANCE ? "0.12" : "0.3");
    set (g, "ranksep", b->o->view == AM_RENDER_VIEW_STANCE ? "1.2" : "0.5");
    set (g, "newrank", "true");
  } else {
    /* A fixed seed: force-directed layouts start from the same positions every time. */
    set (g, "start", "1");
    set (g, "overlap", "false");
    set (g, "sep", "+6");
    set (g, "splines", b->large ? "false" : "true");
  }
  agattr (g, AGNODE, (char *) "shape", (char *) "box");
  agattr (g, AGNODE, (char *) "style", (char *) "rounded,filled");
  agattr (g, AGNODE, (char *) "fillcolor", (char *) STATEMENT_FILL);
  agattr (g, AGNODE, (char *) "color", (char *) STATEMENT_LINE);
  agattr (g, AGNODE, (char *) "fontname", (char *) FONT);
  agattr (g, AGNODE, (char *) "fontsize", (char *) "11");
  agattr (g, AGNODE, (char *) "margin", (char *) "0.12,0.06");
  if (b->o->view == AM_RENDER_VIEW_STANCE)
    agattr (g, AGNODE, (char *) "height", (char *) "0.3");
  agattr (g, AGEDGE, (char *) "penwidth", (char *) "1.6");
  agattr (g, AGEDGE, (char *) "arrowsize", (char *) "0.8");
  agattr (g, AGEDGE, (char *) "fontname", (char *) FONT);
}

/* cgraph writes DOT through an I/O discipline; ours appends to a GString. */
static int
io_putstr (void *chan, const char *str)
{
  g_string_append ((GString *) chan, str);
  return 0;
}

static int
io_flush (void *chan)
{
  return 0;
}

static int
io_read (void *chan, char *buf, int bufsize)
{
  return 0;
}

static Agiodisc_t string_io = { io_read, io_putstr, io_flush };

/* cgraph's default ID discipline uses the address of an object's interned name as its ID, and
 * orders subgraphs by ID: clusters then come out in an order that depends on the heap, and two
 * renders in one process differ. Ours numbers named objects in creation order. Named IDs are
 * even, anonymous ones (edges) odd, as cgraph expects. */
typedef struct {
  Agraph_t *g;
  GHashTable *ids;  /* name -> id */
  GPtrArray *names; /* names[id / 2 - 1], in the graph's string dictionary */
  IDTYPE next_anon;
} IdState;

static void *
id_open (Agraph_t *g, Agdisc_t *disc)
{
  IdState *st = g_new0 (IdState, 1);
  st->g = g;
  st->ids = g_hash_table_new (g_str_hash, g_str_equal);
  st->names = g_ptr_array_new ();
  st->next_anon = 1;
  return st;
}

static long
id_map (void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
  IdState *st = state;
  if (str == NULL) {
    *id = st->next_anon;
    st->next_anon += 2;
    return TRUE;
  }
  gpointer found;
  if (g_hash_table_lookup_extended (st->ids, str, NULL, &found)) {
    *id = (IDTYPE) GPOINTER_TO_SIZE (found);
    return TRUE;
  }
  if (!createflag)
    return FALSE;
  /* A cgraph string, not a copy of our own: the DOT writer asks aghtmlstr() about the names
   * id_print returns, which reads a header only cgraph's strings have (on a plain heap string
   * it read the previous allocation, and a graph could come out as `digraph <argmap>`). The
   * graph's string dictionary frees them when the graph closes. */
  char *name = agstrdup (st->g, str);
  g_ptr_array_add (st->names, name);
  *id = (IDTYPE) st->names->len * 2;
  g_hash_table_insert (st->ids, name, GSIZE_TO_POINTER ((gsize) *id));
  return TRUE;
}

static long
id_alloc (void *state, int objtype, IDTYPE id)
{
  return FALSE; /* no caller-chosen IDs */
}

static void
id_free (void *state, int objtype, IDTYPE id)
{
}

static char *
id_print (void *state, int objtype, IDTYPE id)
{
  IdState *st = state;
  if (id % 2 != 0 || id == 0 || id / 2 > st->names->len)
    return NULL;
  return g_ptr_array_index (st->names, id / 2 - 1);
}

static void
id_close (void *state)
{
  IdState *st = state;
  g_ptr_array_unref (st->names);
  g_hash_table_unref (st->ids);
  g_free (st);
}

static void
id_register (void *state, int objtype, void *obj)
{
}

static Agiddisc_t sequential_ids = { id_open, id_map, id_alloc, id_free, id_print, id_close,
                                     id_register };

static Agraph_t *
build_graph (Builder *b, Agdisc_t *disc, GError **error)
{
  const AmMap *map = b->map;
  const AmRenderOptions *o = b->o;
  b->n_st = map->statements->len;
  b->n_nodes = b->n_st + map->arguments->len;
  if ((o->labels != NULL || o->strengths != NULL) && o->n_values != b->n_nodes) {
    g_set_error (error, AM_ERROR, AM_ERROR_INVALID,
                 "%u acceptance values given for a map of %u statements and arguments",
                 o->n_values, b->n_nodes);
    return NULL;
  }
  b->focus = -1;
  b->shown = g_new0 (gboolean, MAX (b->n_nodes, 1));
  b->links = pcs_links (b);
  if (o->focus != NULL) {
    AmNodeRef ref;
    if (!am_map_find_node (map, o->focus, &ref) && !node_from_id (map, o->focus, &ref)) {
      g_set_error (error, AM_ERROR, AM_ERROR_INVALID,
                   "--focus: no statement or argument titled '%s'", o->focus);
      return NULL;
    }
    b->focus = (gint) node_index (b, ref);
    mark_neighbourhood (b, (guint) b->focus, o->depth);
  } else {
    for (guint i = 0; i < b->n_nodes; i++)
      b->shown[i] = TRUE;
  }
  guint n_shown = 0;
  for (guint i = 0; i < b->n_nodes; i++)
    n_shown += b->shown[i];
  b->large = n_shown > AM_RENDER_LARGE_NODES;
  const char *engine = o->layout ? o->layout : am_render_default_layout (n_shown);
  if (!am_render_layout_is_valid (engine)) {
    g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED,
                 "unknown layout '%s' (use dot, neato, fdp, sfdp, circo or twopi)", engine);
    return NULL;
  }

  /* Sections become clusters with dot only: Graphviz 2.43's fdp lays clusters out differently
   * on every run (`dot -Kfdp` too), neato draws them in an order that changes from run to run,
   * and the others ignore them. */
  b->clustered = o->view == AM_RENDER_VIEW_MAP && strcmp (engine, "dot") == 0;
  b->sideways = o->view == AM_RENDER_VIEW_MAP && strcmp (engine, "dot") == 0
                && choose_direction (b);
  b->g = agopen ((char *) "argmap", Agdirected, disc);
  set_layout_attributes (b, engine);
  b->gnodes = g_new0 (Agnode_t *, MAX (b->n_nodes, 1));
  b->clusters = g_new0 (Agraph_t *, MAX (map->sections->len, 1));
  if (o->view == AM_RENDER_VIEW_STANCE) {
    add_stance_view (b);
  } else {
    for (guint i = 0; i < b->n_nodes; i++)
      if (b->shown[i])
        add_map_node (b, i);
    add_relations (b);
    add_pcs_edges (b);
  }
  if (!o->no_legend)
    add_legend (b);
  return b->g;
}

/* Cairo writes the time of the render into a PDF; overwrite it in place (same length, so the
 * cross-reference offsets stay valid) with the epoch, for byte-identical output. */
static void
fix_pdf_date (char *data, gsize len)
{
  static const char key[] = "/CreationDate (D:";
  const gsize klen = sizeof key - 1;
  for (gsize i = 0; i + klen + 14 <= len; i++) {
    if (memcmp (data + i, key, klen) != 0)
      continue;
    char *d = data + i + klen;
    gsize n = 0;
    while (i + klen + n < len && g_ascii_isdigit (d[n]))
      n++;
    static const char epoch[] = "19700101000000";
    memcpy (d, epoch, MIN (n, sizeof epoch - 1));
    for (gsize k = sizeof epoch - 1; k < n; k++)
      d[k] = '0';
    /* A zone offset like +01'00 becomes +00'00. */
    char *z = d + n;
    if (z + 6 <= data + len && (*z == '+' || *z == '-')) {
      *z = '+';
      for (int k = 1; k < 6; k++)
        if (g_ascii_isdigit (z[k]))
          z[k] = '0';
    }
    return;
  }
}

/* gvPluginList leaks the names it drops as duplicates, so each answer is asked once (the
 * context lives as long as the process). */
static gboolean
has_plugin (GVC_t *gvc, const char *kind, const char *name)
{
  static GHashTable *known; /* "kind:name" -> answer + 1 */
  if (known == NULL)
    known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *key = g_strdup_printf ("%s:%s", kind, name);
  gpointer cached = g_hash_table_lookup (known, key);
  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 1;
  int n = 0;
  char **list = gvPluginList (gvc, kind, &n, NULL);
  gboolean found = FALSE;
  for (int i = 0; i < n; i++) {
    if (strcmp (list[i], name) == 0)
      found = TRUE;
    free (list[i]);
  }
  free (list);
  /* A miss is not remembered: loading the plugins directly may still add it. */
  if (found)
    g_hash_table_insert (known, g_steal_pointer (&key), GINT_TO_POINTER (found + 1));
  return found;
}

/* When Graphviz's plugin registry (config6a, written by `dot -c` / Debian's
 * libgvc6-config-update) is missing, gvc knows no layouts or renderers. Then the plugin
 * libraries are loaded from the graphviz folder beside libgvc and handed to gvContextPlugins as
 * builtins, as a statically linked Graphviz does; gvconfig then also picks the text layout
 * plugin (adding them with gvAddLibrary afterwards does not, and HTML labels crash). Returns
 * NULL when they cannot be loaded. */
static GVC_t *
context_from_plugin_files (void)
{
  static const char *const plugins[] = { "core", "dot_layout", "neato_layout", "pango" };
  static lt_symlist_t builtins[G_N_ELEMENTS (plugins) + 1];
  static char *names[G_N_ELEMENTS (plugins)];
  Dl_info info;
  /* ISO C has no cast from function to object pointer; dladdr wants one. */
  union {
    GVC_t *(*fn) (void);
    void *addr;
  } where = { gvContext };
  if (dladdr (where.addr, &info) == 0 || info.dli_fname == NULL)
    return NULL;
  g_autofree char *libdir = g_path_get_dirname (info.dli_fname);
  guint n = 0;
  for (guint i = 0; i < G_N_ELEMENTS (plugins); i++) {
    g_autofree char *file = g_strdup_printf ("%s/graphviz/libgvplugin_%s.so.6", libdir,
                                             plugins[i]);
    void *handle = dlopen (file, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL)
      continue;
    /* Kept for the life of the process, like the libraries. */
    names[n] = g_strdup_printf ("gvplugin_%s_LTX_library", plugins[i]);
    void *lib = dlsym (handle, names[n]);
    if (lib == NULL) {
      g_free (names[n]);
      continue;
    }
    builtins[n].name = names[n];
    builtins[n].address = lib;
    n++;
  }
  if (n == 0)
    return NULL;
  builtins[n].name = NULL;
  builtins[n].address = NULL;
  return gvContextPlugins (builtins, FALSE);
}

/* Graphviz 2.43's sfdp lays out the first multilevel graph of a process differently from every
 * later one (some one-time internal state). A small throw-away layout first makes every render
 * in a process, and so every run of the command, come out the same. */
static void
warm_up_sfdp (GVC_t *gvc)
{
  static gboolean warm = FALSE;
  if (warm)
    return;
  warm = TRUE;
  Agraph_t *w = agopen ((char *) "warm-up", Agundirected, NULL);
  Agnode_t *n[8];
  for (guint i = 0; i < G_N_ELEMENTS (n); i++) {
    char name[4] = { 'n', (char) ('0' + i), 0, 0 };
    n[i] = agnode (w, name, 1);
  }
  for (guint i = 0; i < G_N_ELEMENTS (n); i++)
    agedge (w, n[i], n[(i + 1) % 6], NULL, 1);
  if (gvLayout (gvc, w, "sfdp") == 0)
    gvFreeLayout (gvc, w);
  agclose (w);
}

/* The one Graphviz context of the process, made on first use and never freed: Graphviz 2.43's
 * pango plugin keeps a pointer to the last font name it measured, owned by the context's font
 * table, and reads it in the next context after gvFreeContext has freed it (AddressSanitizer
 * reports the use after free). One long-lived context also saves reading the plugin registry
 * on every render. */
static GVC_t *
shared_context (void)
{
  static GVC_t *gvc;
  if (gvc == NULL) {
    gvc = gvContext ();
    if (!has_plugin (gvc, "layout", "dot")) {
      GVC_t *direct = context_from_plugin_files ();
      if (direct != NULL) {
        /* Nothing was measured with the first context yet: freeing it is safe. */
        gvFreeContext (gvc);
        gvc = direct;
      }
    }
  }
  return gvc;
}

static const char *
gv_format (AmRenderFormat f)
{
  switch (f) {
  case AM_RENDER_PNG: return "png:cairo";
  case AM_RENDER_PDF: return "pdf:cairo";
  case AM_RENDER_SVG: return "svg";
  case AM_RENDER_DOT:
  default: return "dot";
  }
}

static GBytes *
render_locked (const AmMap *map, const AmRenderOptions *o, AmDiagnostics *diags, GError **error)
{
  Agdisc_t disc = { &AgMemDisc, &sequential_ids, &string_io };
  Builder b = { .map = map, .o = o };
  Agraph_t *g = build_graph (&b, &disc, error);
  GBytes *result = NULL;
  g_autoptr (GString) errors = g_string_new (NULL);
  if (g == NULL)
    goto out;

  if (o->format == AM_RENDER_DOT) {
    GString *text = g_string_new (NULL);
    agwrite (g, text);
    if (flush_gv_log (map, diags, errors)) {
      g_set_error (error, AM_ERROR, AM_ERROR_FAILED, "Graphviz failed: %s", errors->str);
      g_string_free (text, TRUE);
      goto out;
    }
    gsize len = text->len;
    result = g_bytes_new_take (g_string_free (text, FALSE), len);
    goto out;
  }

  {
    GVC_t *gvc = shared_context ();
    const char *engine = agget (g, (char *) "layout");
    if (!has_plugin (gvc, "layout", engine)
        || !has_plugin (gvc, "device", am_render_format_name (o->format))) {
      flush_gv_log (map, diags, NULL);
      g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED,
                   "Graphviz offers no '%s' layout or '%s' output here: its plugins are not "
                   "registered (run 'dot -c' as root)", engine, am_render_format_name (o->format));
      goto out;
    }
    if (strcmp (engine, "sfdp") == 0) {
      warm_up_sfdp (gvc);
      g_string_truncate (gv_log, 0);
    }
    int rc = gvLayout (gvc, g, engine);
    if (flush_gv_log (map, diags, errors) || rc != 0) {
      g_set_error (error, AM_ERROR, AM_ERROR_FAILED, "Graphviz could not lay out the map: %s",
                   errors->len ? errors->str : "unknown error");
      goto out;
    }
    char *data = NULL;
    unsigned int len = 0;
    rc = gvRenderData (gvc, g, gv_format (o->format), &data, &len);
    gboolean failed = flush_gv_log (map, diags, errors) || rc != 0;
    if (!failed) {
      if (o->format == AM_RENDER_PDF)
        fix_pdf_date (data, len);
      result = g_bytes_new (data, len);
    }
    gvFreeRenderData (data);
    gvFreeLayout (gvc, g);
    if (failed)
      g_set_error (error, AM_ERROR, AM_ERROR_FAILED, "Graphviz could not render %s: %s",
                   am_render_format_name (o->format),
                   errors->len ? errors->str : "unknown error");
  }

out:
  if (g != NULL)
    agclose (g);
  flush_gv_log (map, diags, NULL);
  g_free (b.shown);
  g_free (b.gnodes);
  g_free (b.clusters);
  if (b.links != NULL)
    g_array_unref (b.links);
  return result;
}

/* Some Graphviz 2.43 messages bypass agerr and go straight to stderr (the cairo plugin's "graph
 * is too large for cairo-renderer bitmaps", plugin loading troubles). While Graphviz runs,
 * file descriptor 2 points at a temporary file whose contents then join the log. */
typedef struct {
  int saved;
  FILE *tmp;
} StderrCapture;

static void
capture_stderr (StderrCapture *c)
{
  fflush (stderr);
  c->tmp = tmpfile ();
  c->saved = c->tmp ? dup (STDERR_FILENO) : -1;
  if (c->saved < 0 || dup2 (fileno (c->tmp), STDERR_FILENO) < 0) {
    if (c->saved >= 0)
      close (c->saved);
    if (c->tmp)
      fclose (c->tmp);
    c->tmp = NULL;
    c->saved = -1;
  }
}

static void
release_stderr (StderrCapture *c)
{
  if (c->tmp == NULL)
    return;
  fflush (stderr);
  dup2 (c->saved, STDERR_FILENO);
  close (c->saved);
  rewind (c->tmp);
  char buf[4096];
  size_t n;
  while ((n = fread (buf, 1, sizeof buf, c->tmp)) > 0)
    g_string_append_len (gv_log, buf, (gssize) n);
  fclose (c->tmp);
  c->tmp = NULL;
}

GBytes *
am_render (const AmMap *map, const AmRenderOptions *options, AmDiagnostics *diags,
           GError **error)
{
  g_return_val_if_fail (map != NULL && options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  G_LOCK (graphviz);
  gv_log = g_string_new (NULL);
  agusererrf old_errf = agseterrf (gv_errf);
  agerrlevel_t old_level = agseterr (AGWARN);
  agreseterrors ();
  StderrCapture capture;
  capture_stderr (&capture);
  GBytes *result = render_locked (map, options, diags, error);
  release_stderr (&capture);
  flush_gv_log (map, diags, NULL);
  agseterr (old_level);
  agseterrf (old_errf);
  g_string_free (gv_log, TRUE);
  gv_log = NULL;
  G_UNLOCK (graphviz);
  return result;
}

gboolean
am_render_to_file (const AmMap *map, const AmRenderOptions *options, const char *file,
                   AmDiagnostics *diags, GError **error)
{
  g_autoptr (GBytes) bytes = am_render (map, options, diags, error);
  if (bytes == NULL)
    return FALSE;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  return am_write_file (file, data, len, error);
}
