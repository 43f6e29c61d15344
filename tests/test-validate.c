/* test-validate: whole-map warnings (undefined references, support cycles) on maps built by hand. */
#include <string.h>

#include "argmap.h"

static AmOrigin
at (guint line)
{
  return am_origin ("v.argdown", line, 1);
}

static AmNodeRef
st (AmMap *map, const char *title, const char *text, guint line)
{
  guint i = am_map_ensure_statement (map, title, at (line), NULL);
  am_statement_add_member (map, am_map_statement (map, i), text, at (line));
  return am_node_ref (AM_NODE_STATEMENT, i);
}

static AmNodeRef
arg (AmMap *map, const char *title, const char *text, guint line)
{
  guint i = am_map_ensure_argument (map, title, at (line), NULL);
  am_argument_add_description (map, am_map_argument (map, i), text, at (line));
  return am_node_ref (AM_NODE_ARGUMENT, i);
}

static void
support (AmMap *map, AmNodeRef from, AmNodeRef to, guint line)
{
  am_map_add_relation (map, AM_REL_SUPPORT, from, to, NULL, FALSE, at (line));
}

/* The diagnostics of am_validate, printed without source lines. */
static char *
validate (const AmMap *map)
{
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  am_validate (map, diags);
  am_diagnostics_sort (diags);
  g_autoptr (GString) out = g_string_new (NULL);
  am_diagnostics_print (diags, out, FALSE);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_clean (void)
{
  g_autoptr (AmMap) map = am_map_new (NULL);
  AmNodeRef a = st (map, "A", "a", 1);
  AmNodeRef b = st (map, "B", "b", 2);
  AmNodeRef c = arg (map, "C", "c", 3);
  support (map, b, a, 2);
  support (map, c, a, 3);
  support (map, c, b, 3);
  am_map_add_relation (map, AM_REL_ATTACK, a, c, NULL, FALSE, at (4)); /* not a support */
  g_autofree char *out = validate (map);
  g_assert_cmpstr (out, ==, "");
}

static void
test_undefined (void)
{
  g_autoptr (AmMap) map = am_map_new (NULL);
  AmNodeRef a = st (map, "A", "a", 1);
  AmNodeRef r = st (map, "Only referenced", NULL, 2);
  st (map, "Only referenced", "", 5); /* an empty text defines nothing */
  AmNodeRef later = st (map, "Later", NULL, 3);
  st (map, "Later", "defined further down", 9);
  AmNodeRef x = arg (map, "X", NULL, 4);
  guint rec = am_map_ensure_argument (map, "Reconstructed", at (6), NULL);
  AmPcsItem item = { .statement = a.index, .role = AM_PCS_CONCLUSION, .origin = at (7) };
  g_array_append_val (am_map_argument (map, rec)->pcs, item);
  support (map, r, a, 2);
  support (map, x, later, 4);
  g_autofree char *out = validate (map);
  g_assert_cmpstr (out, ==,
                   "v.argdown:2:1: warning: statement [Only referenced] is referenced but never "
                   "defined\n"
                   "v.argdown:4:1: warning: argument <X> is referenced but never defined (no "
                   "description and no premise-conclusion structure)\n");
}

/* After the reader's errors, the map is partial: no "never defined" guesses. */
static void
test_undefined_after_errors (void)
{
  g_autoptr (AmMap) map = am_map_new (NULL);
  AmNodeRef a = st (map, "A", NULL, 1);
  AmNodeRef b = st (map, "B", "b", 2);
  support (map, b, a, 2);
  support (map, a, b, 3);
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  am_diag_error (diags, at (1), "syntax error");
  am_validate (map, diags);
  am_diagnostics_sort (diags);
  g_autoptr (GString) out = g_string_new (NULL);
  am_diagnostics_print (diags, out, FALSE);
  g_assert_cmpstr (out->str, ==,
                   "v.argdown:1:1: error: syntax error\n"
                   "v.argdown:3:1: warning: support cycle: [A] -> [B] -> [A]\n");
}

static void
test_cycles (void)
{
  g_autoptr (AmMap) map = am_map_new (NULL);
  /* Two separate cycles: A -> B -> C -> A (with a chord C -> B), and D <-> E; F supports into
   * the first cycle without being on it; G supports itself. */
  AmNodeRef a = st (map, "A", "a", 1);
  AmNodeRef b = st (map, "B", "b", 2);
  AmNodeRef c = arg (map, "C", "c", 3);
  AmNodeRef d = st (map, "D", "d", 4);
  AmNodeRef e = st (map, "E", "e", 5);
  AmNodeRef f = st (map, "F", "f", 6);
  AmNodeRef g = st (map, "G", "g", 7);
  support (map, a, b, 10);
  support (map, b, c, 11);
  support (map, c, b, 12);
  support (map, c, a, 13);
  support (map, d, e, 14);
  support (map, e, d, 15);
  support (map, f, a, 16);
  support (map, g, g, 17);
  /* H is downstream of the D/E cycle: it survives the acyclic peeling but is on no cycle. */
  AmNodeRef h = st (map, "H", "h", 8);
  support (map, d, h, 19);
  support (map, h, f, 20);
  /* A self-support the reader derived (an argument's support moved onto its own conclusion)
   * is not the author's cycle. */
  am_map_add_relation (map, AM_REL_SUPPORT, f, f, NULL, TRUE, at (18));
  g_autofree char *out = validate (map);
  g_assert_cmpstr (out, ==,
                   "v.argdown:10:1: warning: support cycle: [A] -> [B] -> <C> -> [A]\n"
                   "v.argdown:14:1: warning: support cycle: [D] -> [E] -> [D]\n"
                   "v.argdown:17:1: warning: support cycle: [G] -> [G]\n");
}

/* The cycle reported is one cycle; a component with more nodes says how many more. */
static void
test_cycle_component_larger (void)
{
  g_autoptr (AmMap) map = am_map_new (NULL);
  AmNodeRef a = st (map, "A", "a", 1);
  AmNodeRef b = st (map, "B", "b", 2);
  AmNodeRef c = st (map, "C", "c", 3);
  support (map, a, b, 4);
  support (map, b, a, 5);
  support (map, b, c, 6);
  support (map, c, b, 7);
  g_autofree char *out = validate (map);
  g_assert_cmpstr (out, ==,
                   "v.argdown:4:1: warning: support cycle: [A] -> [B] -> [A] (and 1 more nodes "
                   "supporting each other)\n");
}

/* A chain of 100,000 supports closing into one cycle: deeper than a recursive search could go
 * on a default stack; linear time. */
static void
test_cycle_long (void)
{
  const guint n = 100000;
  g_autoptr (AmMap) map = am_map_new (NULL);
  for (guint i = 0; i < n; i++) {
    g_autofree char *title = g_strdup_printf ("S%u", i);
    st (map, title, "x", i + 1);
  }
  for (guint i = 0; i < n; i++)
    support (map, am_node_ref (AM_NODE_STATEMENT, i),
             am_node_ref (AM_NODE_STATEMENT, (i + 1) % n), i + 1);
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  am_validate (map, diags);
  gint64 t1 = g_get_monotonic_time ();
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 1);
  const AmDiag *d = am_diagnostics_get (diags, 0);
  g_assert_true (g_str_has_prefix (d->message, "support cycle: [S0] -> [S1] -> [S2] -> "));
  g_assert_true (g_str_has_suffix (d->message, " -> [S99999] -> [S0]"));
  g_test_message ("100k-node support cycle validated in %.1f ms", (t1 - t0) / 1000.0);
}

/* A reader that broke an invariant is caught before anything indexes out of range. */
static void
test_invariants (void)
{
  g_autoptr (AmMap) map = am_map_new (NULL);
  AmNodeRef a = st (map, "A", "a", 1);
  AmNodeRef b = st (map, "B", "b", 2);
  am_map_add_relation (map, AM_REL_UNDERCUT, a, b, NULL, FALSE, at (3));
  am_map_add_relation (map, AM_REL_ATTACK, a, am_node_ref (AM_NODE_ARGUMENT, 7), NULL, FALSE,
                       at (4));
  g_autofree char *out = validate (map);
  g_assert_cmpstr (out, ==,
                   "v.argdown:3:1: error: undercut of statement [B]: only an argument (its "
                   "inference) can be undercut; use an attack (-) for a statement\n"
                   "v.argdown:4:1: error: internal error: relation 1 points at a missing node\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate/clean", test_clean);
  g_test_add_func ("/validate/undefined", test_undefined);
  g_test_add_func ("/validate/undefined-after-errors", test_undefined_after_errors);
  g_test_add_func ("/validate/cycles", test_cycles);
  g_test_add_func ("/validate/cycle-component-larger", test_cycle_component_larger);
  g_test_add_func ("/validate/cycle-long", test_cycle_long);
  g_test_add_func ("/validate/invariants", test_invariants);
  return g_test_run ();
}
