/* am-validate: whole-map checks: undefined references, support cycles, broken invariants. */
#include "am-validate.h"

#include <string.h>

#include "am-threads.h"

/* Nodes are numbered statements first (0 .. S-1), then arguments (S .. S+A-1). */
typedef struct {
  const AmMap *map;
  guint n_statements;
  guint n;
  /* Support edges in compressed form: the targets of node v are
   * targets[first[v] .. first[v+1]), each with the relation it comes from. */
  guint *first;
  guint *targets;
  guint *via; /* relation index of each edge */
} SupportGraph;

static guint
node_id (const SupportGraph *g, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? ref.index : g->n_statements + ref.index;
}

static AmNodeRef
node_ref (const SupportGraph *g, guint v)
{
  return v < g->n_statements ? am_node_ref (AM_NODE_STATEMENT, v)
                             : am_node_ref (AM_NODE_ARGUMENT, v - g->n_statements);
}

static gboolean
ref_valid (const AmMap *map, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? ref.index < map->statements->len
                                       : ref.index < map->arguments->len;
}

/* A node as Argdown writes it: [statement] or <argument>. */
static void
append_node (GString *out, const AmMap *map, AmNodeRef ref)
{
  gboolean st = ref.kind == AM_NODE_STATEMENT;
  g_string_append_printf (out, st ? "[%s]" : "<%s>", am_map_node_title (map, ref));
}

/* Only support relations whose ends are valid; a self-support that the reader derived (e.g.
 * an argument supporting its own conclusion, moved onto the conclusion) is not a cycle the
 * author wrote, so it is left out. */
static gboolean
counts_as_support (const AmMap *map, const AmRelation *rel)
{
  if (rel->type != AM_REL_SUPPORT || !ref_valid (map, rel->from) || !ref_valid (map, rel->to))
    return FALSE;
  if (rel->derived && rel->from.kind == rel->to.kind && rel->from.index == rel->to.index)
    return FALSE;
  return TRUE;
}

/* What every relation must satisfy: to exist between existing nodes (a failure is a bug in a
 * reader, reported so that nothing downstream indexes out of range), and to undercut only an
 * argument (a user's mistake, in any format). */
static void
check_relation (const AmMap *map, guint i, AmDiagnostics *diags)
{
  const AmRelation *rel = am_map_relation (map, i);
  if (!ref_valid (map, rel->from) || !ref_valid (map, rel->to)) {
    am_diag_error (diags, rel->origin, "internal error: relation %u points at a missing node", i);
    return;
  }
  /* Argdown itself accepts `[A]\n  _ [B]` and makes an undercut of a statement; CSV can say so
   * too. argmap's undercut attacks an inference, which only an argument has. */
  if (rel->type == AM_REL_UNDERCUT && rel->to.kind != AM_NODE_ARGUMENT)
    am_diag_error (diags, rel->origin,
                   "undercut of statement [%s]: only an argument (its inference) can be "
                   "undercut; use an attack (-) for a statement",
                   am_map_node_title (map, rel->to));
}

/* The support graph, from one pass over the relations that also checks each of them. */
static void
support_graph_init (SupportGraph *g, const AmMap *map, AmDiagnostics *diags)
{
  g->map = map;
  g->n_statements = map->statements->len;
  g->n = map->statements->len + map->arguments->len;
  g->first = g_new0 (guint, g->n + 1);
  /* One pass over the relations (each its own allocation: the slow part on big maps) into a
   * compact edge list, in map order so that edges (and so the cycles reported) follow the
   * file; then counting sort by source. */
  typedef struct {
    guint from, to, via;
  } Edge;
  g_autoptr (GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  for (guint i = 0; i < map->relations->len; i++) {
    const AmRelation *rel = am_map_relation (map, i);
    check_relation (map, i, diags);
    if (!counts_as_support (map, rel))
      continue;
    Edge e = { node_id (g, rel->from), node_id (g, rel->to), i };
    g_array_append_val (edges, e);
    g->first[e.from + 1]++;
  }
  for (guint v = 0; v < g->n; v++)
    g->first[v + 1] += g->first[v];
  guint m = edges->len;
  g->targets = g_new (guint, m ? m : 1);
  g->via = g_new (guint, m ? m : 1);
  g_autofree guint *fill = g_memdup2 (g->first, sizeof (guint) * (g->n + 1));
  for (guint i = 0; i < m; i++) {
    const Edge *e = &g_array_index (edges, Edge, i);
    guint pos = fill[e->from]++;
    g->targets[pos] = e->to;
    g->via[pos] = e->via;
  }
}

static void
support_graph_clear (SupportGraph *g)
{
  g_free (g->first);
  g_free (g->targets);
  g_free (g->via);
}

/* Marks in `alive` the nodes that may lie on a cycle: Kahn's topological peeling removes every
 * node whose supporters are all removed, which leaves the cycles and what they lead to. Most
 * maps are acyclic, and then nothing is left and the SCC pass is skipped. Returns the number
 * of nodes left. Linear, and cheaper than Tarjan on the nodes it removes. */
static guint
peel_acyclic (const SupportGraph *g, guint8 *alive)
{
  g_autofree guint *indeg = g_new0 (guint, g->n);
  g_autofree guint *queue = g_new (guint, g->n);
  guint head = 0, tail = 0;
  for (guint e = 0; e < g->first[g->n]; e++)
    indeg[g->targets[e]]++;
  for (guint v = 0; v < g->n; v++) {
    alive[v] = 1;
    if (indeg[v] == 0)
      queue[tail++] = v;
  }
  while (head < tail) {
    guint v = queue[head++];
    alive[v] = 0;
    for (guint e = g->first[v]; e < g->first[v + 1]; e++)
      if (--indeg[g->targets[e]] == 0)
        queue[tail++] = g->targets[e];
  }
  return g->n - tail;
}

/* Strongly connected components by Tarjan's algorithm, with an explicit stack instead of
 * recursion (a support chain may be as long as the map), over the `alive` nodes only. Sets
 * comp[v] to the component of v (G_MAXUINT for the others) and returns the number of
 * components. Linear in nodes + edges. */
static guint
tarjan_scc (const SupportGraph *g, const guint8 *alive, guint *comp)
{
  const guint unseen = G_MAXUINT;
  g_autofree guint *index = g_new (guint, g->n ? g->n : 1);
  g_autofree guint *low = g_new (guint, g->n ? g->n : 1);
  g_autofree gboolean *on_stack = g_new0 (gboolean, g->n ? g->n : 1);
  g_autofree guint *stack = g_new (guint, g->n ? g->n : 1);   /* Tarjan's node stack */
  g_autofree guint *calls = g_new (guint, g->n ? g->n : 1);   /* the DFS path */
  g_autofree guint *next_edge = g_new (guint, g->n ? g->n : 1);
  guint sp = 0, cp = 0, counter = 0, n_comp = 0;
  for (guint v = 0; v < g->n; v++) {
    index[v] = unseen;
    comp[v] = G_MAXUINT;
  }

  for (guint root = 0; root < g->n; root++) {
    if (!alive[root] || index[root] != unseen)
      continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    on_stack[root] = TRUE;
    next_edge[root] = g->first[root];
    calls[cp++] = root;
    while (cp > 0) {
      guint v = calls[cp - 1];
      if (next_edge[v] < g->first[v + 1]) {
        guint w = g->targets[next_edge[v]++];
        if (!alive[w])
          continue;
        if (index[w] == unseen) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          on_stack[w] = TRUE;
          next_edge[w] = g->first[w];
          calls[cp++] = w;
        } else if (on_stack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      /* All edges of v done: v closes a component if it is its root. */
      cp--;
      if (low[v] == index[v]) {
        guint w;
        do {
          w = stack[--sp];
          on_stack[w] = FALSE;
          comp[w] = n_comp;
        } while (w != v);
        n_comp++;
      }
      if (cp > 0) {
        guint u = calls[cp - 1];
        if (low[v] < low[u])
          low[u] = low[v];
      }
    }
  }
  return n_comp;
}

/* One cycle through `start` inside its component: a breadth-first search from `start` over
 * edges that stay in the component, until an edge leads back to `start` (there is one: the
 * component is strongly connected and holds a cycle). Leaves the edges of the cycle, in order,
 * in `cycle` (indices into g->targets). `from_edge` and `from_node` are scratch arrays of g->n
 * entries, all G_MAXUINT on entry and on return. Linear in the component's size. */
static void
find_cycle (const SupportGraph *g, const guint *comp, guint start, guint *from_edge,
            guint *from_node, guint *queue, GArray *cycle)
{
  const guint none = G_MAXUINT;
  guint head = 0, tail = 0, closing = none, last = start;
  queue[tail++] = start;
  while (head < tail && closing == none) {
    guint v = queue[head++];
    for (guint e = g->first[v]; e < g->first[v + 1]; e++) {
      guint w = g->targets[e];
      if (w == start) {
        closing = e;
        last = v;
        break;
      }
      if (comp[w] == comp[start] && from_edge[w] == none) {
        from_edge[w] = e;
        from_node[w] = v;
        queue[tail++] = w;
      }
    }
  }
  g_assert (closing != none);
  /* Collected backwards from the closing edge, then reversed. */
  g_array_set_size (cycle, 0);
  g_array_append_val (cycle, closing);
  for (guint v = last; v != start; v = from_node[v])
    g_array_append_val (cycle, from_edge[v]);
  for (guint i = 0, j = cycle->len - 1; i < j; i++, j--) {
    guint t = g_array_index (cycle, guint, i);
    g_array_index (cycle, guint, i) = g_array_index (cycle, guint, j);
    g_array_index (cycle, guint, j) = t;
  }
  for (guint i = 0; i < tail; i++)
    from_edge[queue[i]] = from_node[queue[i]] = none;
}

static void
check_support_cycles (const SupportGraph *g, AmDiagnostics *diags)
{
  const AmMap *map = g->map;
  if (g->n == 0 || g->first[g->n] == 0)
    return;
  g_autofree guint8 *alive = g_new (guint8, g->n);
  if (peel_acyclic (g, alive) == 0)
    return;
  g_autofree guint *comp = g_new (guint, g->n);
  guint n_comp = tarjan_scc (g, alive, comp);
  g_autofree guint *size = g_new0 (guint, n_comp);
  g_autofree gboolean *self_loop = g_new0 (gboolean, n_comp);
  for (guint v = 0; v < g->n; v++) {
    if (!alive[v])
      continue;
    size[comp[v]]++;
    for (guint e = g->first[v]; e < g->first[v + 1]; e++)
      if (g->targets[e] == v)
        self_loop[comp[v]] = TRUE;
  }
  g_autofree gboolean *reported = g_new0 (gboolean, n_comp);
  g_autofree guint *from_edge = g_new (guint, g->n);
  g_autofree guint *from_node = g_new (guint, g->n);
  g_autofree guint *queue = g_new (guint, g->n);
  for (guint v = 0; v < g->n; v++)
    from_edge[v] = from_node[v] = G_MAXUINT;
  g_autoptr (GArray) cycle = g_array_new (FALSE, FALSE, sizeof (guint));
  /* One warning per component that holds a cycle, starting at its first node in map order
   * (statements, then arguments), so the output is deterministic. */
  for (guint v = 0; v < g->n; v++) {
    guint c = comp[v];
    if (!alive[v] || reported[c] || (size[c] < 2 && !self_loop[c]))
      continue;
    reported[c] = TRUE;
    find_cycle (g, comp, v, from_edge, from_node, queue, cycle);
    g_autoptr (GString) text = g_string_new (NULL);
    append_node (text, map, node_ref (g, v));
    for (guint i = 0; i < cycle->len; i++) {
      g_string_append (text, " -> ");
      append_node (text, map, node_ref (g, g->targets[g_array_index (cycle, guint, i)]));
    }
    const AmRelation *first = am_map_relation (map, g->via[g_array_index (cycle, guint, 0)]);
    AmOrigin at = first->origin.line > 0 ? first->origin : am_map_node_origin (map, first->from);
    if (size[c] > cycle->len)
      am_diag_warning (diags, at, "support cycle: %s (and %u more nodes supporting each other)",
                       text->str, size[c] - cycle->len);
    else
      am_diag_warning (diags, at, "support cycle: %s", text->str);
  }
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* Argdown itself accepts a title that is only ever referenced ([T] or <A> without a text): it
 * makes an empty node of it. That is almost always a typo or a forgotten definition. */
static void
check_undefined (const AmMap *map, AmDiagnostics *diags)
{
  for (guint i = 0; i < map->statements->len; i++) {
    am_map_prefetch_statement (map, i, G_STRUCT_OFFSET (AmStatement, defined));
    const AmStatement *st = am_map_statement (map, i);
    if (!st->defined && !st->untitled && !has_text (st->text) && st->origin.line > 0)
      am_diag_warning (diags, st->origin, "statement [%s] is referenced but never defined",
                       st->title);
  }
  for (guint i = 0; i < map->arguments->len; i++) {
    const AmArgument *arg = am_map_argument (map, i);
    if (!arg->untitled && !has_text (arg->text) && (arg->pcs == NULL || arg->pcs->len == 0)
        && arg->origin.line > 0)
      am_diag_warning (diags, arg->origin,
                       "argument <%s> is referenced but never defined (no description and no "
                       "premise-conclusion structure)",
                       arg->title);
  }
}

static void
check_structures (const AmMap *map, AmDiagnostics *diags)
{
  for (guint i = 0; i < map->arguments->len; i++) {
    const AmArgument *arg = am_map_argument (map, i);
    for (guint j = 0; arg->pcs && j < arg->pcs->len; j++)
      if (g_array_index (arg->pcs, AmPcsItem, j).statement >= map->statements->len)
        am_diag_error (diags, arg->origin,
                       "internal error: premise-conclusion structure of <%s> points at a "
                       "missing statement",
                       arg->title);
  }
}

/* From this many nodes on, the nodes are checked on a thread of their own while this one goes
 * through the relations: each pass reads a large map's records from memory once. */
#define PARALLEL_FROM 100000

typedef struct {
  const AmMap *map;
  AmDiagnostics *diags;
} NodeCheck;

static gpointer
check_nodes (gpointer data)
{
  NodeCheck *n = data;
  check_undefined (n->map, n->diags);
  return NULL;
}

void
am_validate (const AmMap *map, AmDiagnostics *diags)
{
  g_return_if_fail (map != NULL && diags != NULL);
  /* After a syntax error the reader has skipped part of the input, so "never defined" would
   * mostly point at definitions it could not read: say nothing about them then. */
  gboolean had_errors = am_diagnostics_count (diags, AM_DIAG_ERROR) > 0;
  /* The order of what is said: broken relations and structures, undefined nodes, cycles. */
  NodeCheck nodes = { map, NULL };
  GThread *thread = NULL;
  if (!had_errors) {
    nodes.diags = am_diagnostics_new ();
    if (map->statements->len + map->arguments->len >= PARALLEL_FROM && am_threads_default () > 1)
      thread = g_thread_new ("argmap-validate", check_nodes, &nodes);
    else
      check_nodes (&nodes);
  }
  SupportGraph graph;
  support_graph_init (&graph, map, diags);
  check_structures (map, diags);
  if (thread != NULL)
    g_thread_join (thread);
  if (nodes.diags != NULL) {
    am_diagnostics_move (diags, am_diagnostics_len (diags), nodes.diags);
    am_diagnostics_free (nodes.diags);
  }
  check_support_cycles (&graph, diags);
  support_graph_clear (&graph);
}
