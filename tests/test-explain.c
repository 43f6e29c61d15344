/* test-explain: explanations pinned whole, and bounded on large inputs. */
#include <string.h>

#include "argmap.h"
#include "am-explain.h"

/* Relations between nodes written as Argdown does: "[T]" a statement, "<T>" an argument;
 * type "->" attack, "+>" support, "_>" undercut, "><" contradiction. Nodes are created in
 * order of first mention. */
typedef struct {
  const char *from, *type, *to;
} Rel;

static AmNodeRef
node (AmMap *map, const char *spec)
{
  AmOrigin o = am_origin ("t.argdown", 1, 1);
  g_autofree char *title = g_strndup (spec + 1, strlen (spec) - 2);
  if (spec[0] == '[')
    return am_node_ref (AM_NODE_STATEMENT, am_map_ensure_statement (map, title, o, NULL));
  return am_node_ref (AM_NODE_ARGUMENT, am_map_ensure_argument (map, title, o, NULL));
}

static AmMap *
build (const Rel *rels, guint n)
{
  AmMap *map = am_map_new ("t.argdown");
  AmOrigin o = am_origin ("t.argdown", 1, 1);
  for (guint i = 0; i < n; i++) {
    AmNodeRef f = node (map, rels[i].from), t = node (map, rels[i].to);
    AmRelationType type = strcmp (rels[i].type, "->") == 0   ? AM_REL_ATTACK
                          : strcmp (rels[i].type, "+>") == 0 ? AM_REL_SUPPORT
                          : strcmp (rels[i].type, "_>") == 0 ? AM_REL_UNDERCUT
                                                             : AM_REL_CONTRADICTION;
    am_map_add_relation (map, type, f, t, NULL, FALSE, o);
  }
  return map;
}

static char *
explain (const AmMap *map, const char *semantics, const char *target, AmSupportMode support)
{
  g_autoptr (AmAf) af = am_af_from_map (map);
  g_autoptr (AmAf) derived = am_af_derive (af, support);
  g_autoptr (GError) error = NULL;
  g_autoptr (AmEvalColumn) col = am_eval_column (af, derived,
                                                 am_eval_semantics_by_name (semantics), &error);
  g_assert_no_error (error);
  AmNodeRef ref = node ((AmMap *) map, target);
  g_autoptr (GString) out = g_string_new (NULL);
  g_assert_true (am_explain (map, af, derived, col, ref, support, out, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  const char *name;
  const Rel *rels;
  guint n_rels;
  const char *semantics;
  const char *target;
  const char *expected;
} Case;

/* [A] is attacked by <B> and <E>; <C> undercuts <B> and attacks <E>. */
static const Rel defended[] = {
  { "<B>", "->", "[A]" },
  { "<E>", "->", "[A]" },
  { "<C>", "_>", "<B>" },
  { "<C>", "->", "<E>" },
};
/* <P> and <Q> attack each other, both attack [R] (a floating defeat). */
static const Rel floating[] = {
  { "<P>", "->", "<Q>" },
  { "<Q>", "->", "<P>" },
  { "<P>", "->", "[R]" },
  { "<Q>", "->", "[R]" },
};
static const Rel odd[] = {
  { "[X]", "->", "[Y]" },
  { "[Y]", "->", "[Z]" },
  { "[Z]", "->", "[X]" },
  { "[W]", "->", "[X]" },
  { "[V]", "->", "[W]" },
  { "[W]", "->", "[V]" },
};

static const Rel odd3[] = {
  { "[X]", "->", "[Y]" },
  { "[Y]", "->", "[Z]" },
  { "[Z]", "->", "[X]" },
};

static const Rel self[] = {
  { "[S]", "->", "[S]" },
  { "[R]", "->", "[Q]" },
  { "[S]", "->", "[R]" },
};

static const Case cases[] = {
  { "grounded-self-attack", self, G_N_ELEMENTS (self), "grounded", "[Q]",
    "Under grounded semantics (support: none):\n"
    "[Q] is undecided: no attacker of it is in, but not every attacker is out either.\n"
    "Following undecided attackers back:\n"
    "  [Q] is attacked by [R], which is undecided\n"
    "  [R] is attacked by [S], which is undecided\n"
    "  [S] attacks itself: it cannot be in (it would attack a member) and nothing that is in "
    "attacks it\n" },
  { "grounded-in", defended, G_N_ELEMENTS (defended), "grounded", "[A]",
    "Under grounded semantics (support: none):\n"
    "[A] is in: all 2 of its attackers are out\n"
    "  <B> is out: it is attacked by <C>, which is in\n"
    "    <C> is in: nothing attacks it\n"
    "  <E> is out: it is attacked by <C>, which is in (see above)\n" },
  { "grounded-out", defended, G_N_ELEMENTS (defended), "grounded", "<E>",
    "Under grounded semantics (support: none):\n"
    "<E> is out: it is attacked by <C>, which is in\n"
    "  <C> is in: nothing attacks it\n" },
  { "grounded-unattacked", defended, G_N_ELEMENTS (defended), "grounded", "<C>",
    "Under grounded semantics (support: none):\n"
    "<C> is in: nothing attacks it\n" },
  { "grounded-undecided", odd, G_N_ELEMENTS (odd), "grounded", "[Y]",
    "Under grounded semantics (support: none):\n"
    "[Y] is undecided: no attacker of it is in, but not every attacker is out either.\n"
    "Following undecided attackers back:\n"
    "  [Y] is attacked by [X], which is undecided\n"
    "  [X] is attacked by [Z], which is undecided\n"
    "  [Z] is attacked by [Y], which is undecided\n"
    "This closes a cycle of attacks, [Y] <- [X] <- [Z] <- [Y], that nothing unattacked breaks: "
    "the grounded semantics takes no side on it.\n" },
  { "preferred-floating", floating, G_N_ELEMENTS (floating), "preferred", "[R]",
    "Under preferred semantics (support: none):\n"
    "[R] is undecided: it belongs to no preferred extension, but nothing that is in every "
    "extension attacks it.\n"
    "  attacked by <P> (in some extensions): countered only in some extensions, by <Q>\n"
    "  attacked by <Q> (in some extensions): countered only in some extensions, by <P>\n"
    "This preferred extension does not: {<P>}\n" },
  { "preferred-credulous", floating, G_N_ELEMENTS (floating), "preferred", "<P>",
    "Under preferred semantics (support: none):\n"
    "<P> is undecided: it belongs to some preferred extensions but not to all.\n"
    "  attacked by <Q> (in some extensions): countered only in some extensions, by <P>\n"
    "For example, this preferred extension contains it: {<P>}\n"
    "This preferred extension does not: {<Q>}\n" },
  { "stable-none", odd3, G_N_ELEMENTS (odd3), "stable", "[X]",
    "Under stable semantics (support: none):\n"
    "There is no stable extension of this map, so nothing is in or out and [X] is undecided.\n" },
  { "stable-out", odd, G_N_ELEMENTS (odd), "stable", "[X]",
    "Under stable semantics (support: none):\n"
    "[X] is out: something that belongs to every stable extension attacks it.\n"
    "  attacked by [Z] (in no extension): countered by [Y], which is in every extension\n"
    "  attacked by [W], which is in every extension\n" },
  { "ideal-undecided", floating, G_N_ELEMENTS (floating), "ideal", "<P>",
    "Under ideal semantics (support: none):\n"
    "<P> is undecided: it is neither in nor attacked by the ideal extension.\n"
    "  attacked by <Q> (not in the ideal extension): nothing in the ideal extension counters "
    "it\n" },
  { "ideal-in", defended, G_N_ELEMENTS (defended), "ideal", "[A]",
    "Under ideal semantics (support: none):\n"
    "[A] is in: it belongs to the ideal extension.\n"
    "  attacked by <B> (not in the ideal extension): countered by <C>, which is in the ideal "
    "extension\n"
    "  attacked by <E> (not in the ideal extension): countered by <C>, which is in the ideal "
    "extension\n" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (AmMap) map = build (c->rels, c->n_rels);
  g_autofree char *got = explain (map, c->semantics, c->target, AM_SUPPORT_NONE);
  g_assert_cmpstr (got, ==, c->expected);
}

/* Rago et al.'s democracy example as a map: which relations moved A1 most under DF-QuAD. */
static void
test_gradual (void)
{
  static const Rel rels[] = {
    { "<C1>", "->", "[A2]" }, { "<C2>", "->", "[P2]" }, { "<C3>", "->", "[P2]" },
    { "<C4>", "->", "[P2]" }, { "<P1>", "+>", "[A1]" }, { "[P2]", "+>", "[A1]" },
    { "<P3>", "+>", "[A2]" },
  };
  static const struct {
    const char *title;
    double w;
  } weights[] = { { "P1", 0.7 }, { "P3", 0.9 }, { "C1", 0.2 }, { "C2", 0.2 }, { "C3", 0.6 } };
  /* 0.5 / (1 + 0.2 + 0.6 + 0.5); without C3 0.5 / (1 + 0.7), and so on. */
  g_autoptr (AmMap) map = build (rels, G_N_ELEMENTS (rels));
  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    am_map_argument (map, am_map_find_argument (map, weights[i].title))->weight = weights[i].w;
  g_autofree char *a1 = explain (map, "df-quad", "[A1]", AM_SUPPORT_NONE);
  g_assert_cmpstr (a1, ==,
                   "[A1] has strength 0.862 under df-quad, from a base score of 0.5.\n"
                   "What moved it, largest effect first (its strength without each relation):\n"
                   "  supported by <P1> (strength 0.7): without it 0.54 (+0.322)\n"
                   "  supported by [P2] (strength 0.08): without it 0.85 (+0.012)\n");
  g_autofree char *p2 = explain (map, "h-categorizer", "[P2]", AM_SUPPORT_NONE);
  g_assert_cmpstr (p2, ==,
                   "[P2] has strength 0.217391 under h-categorizer, from a base score of 0.5.\n"
                   "What moved it, largest effect first (its strength without each relation):\n"
                   "  attacked by <C3> (strength 0.6): without it 0.294118 (-0.0767263)\n"
                   "  attacked by <C4> (strength 0.5): without it 0.277778 (-0.0603865)\n"
                   "  attacked by <C2> (strength 0.2): without it 0.238095 (-0.0207039)\n");
  g_autofree char *a2 = explain (map, "h-categorizer", "[A2]", AM_SUPPORT_NONE);
  g_assert_cmpstr (a2, ==,
                   "[A2] has strength 0.416667 under h-categorizer, from a base score of 0.5.\n"
                   "What moved it, largest effect first (its strength without each relation):\n"
                   "  attacked by <C1> (strength 0.2): without it 0.5 (-0.0833333)\n"
                   "Its 1 supporter does not count: h-categorizer looks at attacks only.\n");
  g_autofree char *a1h = explain (map, "h-categorizer", "[A1]", AM_SUPPORT_NONE);
  g_assert_cmpstr (a1h, ==,
                   "[A1] has strength 0.5 under h-categorizer, from a base score of 0.5.\n"
                   "Nothing attacks it, so it keeps its base score (h-categorizer does not "
                   "count supports).\n");
  g_autofree char *c1 = explain (map, "euler", "<C1>", AM_SUPPORT_NONE);
  g_assert_cmpstr (c1, ==,
                   "<C1> has strength 0.2 under euler, from a base score of 0.2.\n"
                   "Nothing attacks or supports it, so it keeps its base score.\n");
}

/* A chain of 10,000 attacks and a wide fan: the explanation stays short, and is produced
 * without recursion (a deep recursion would overflow the stack here). */
static void
test_bounded (void)
{
  guint n = 10000;
  g_autoptr (AmMap) map = am_map_new ("chain");
  AmOrigin o = am_origin ("chain", 1, 1);
  for (guint i = 0; i < n; i++) {
    g_autofree char *t = g_strdup_printf ("s%u", i);
    am_map_ensure_statement (map, t, o, NULL);
  }
  for (guint i = 0; i + 1 < n; i++)
    am_map_add_relation (map, AM_REL_ATTACK, am_node_ref (AM_NODE_STATEMENT, i),
                         am_node_ref (AM_NODE_STATEMENT, i + 1), NULL, FALSE, o);
  /* s0 is in, s1 out, ...: s9999 is out, and its justification is the whole chain. */
  g_autofree char *got = explain (map, "grounded", "[s9999]", AM_SUPPORT_NONE);
  guint lines = 0;
  for (const char *p = got; *p; p++)
    lines += *p == '\n';
  g_assert_cmpuint (lines, <=, AM_EXPLAIN_MAX_DEPTH + 3);
  g_assert_true (g_str_has_suffix (got, "(1 more not shown)\n"));
  g_assert_true (g_str_has_prefix (got, "Under grounded semantics (support: none):\n"
                                        "[s9999] is out: it is attacked by [s9998], which is in\n"
                                        "  [s9998] is in: its one attacker is out\n"
                                        "    [s9997] is out: it is attacked by [s9996], which is "
                                        "in\n"));

  /* A fan: one claim with 500 attackers, each countered by its own unattacked rebuttal. */
  g_autoptr (AmMap) fan = am_map_new ("fan");
  AmNodeRef claim = am_node_ref (AM_NODE_STATEMENT, am_map_ensure_statement (fan, "C", o, NULL));
  for (guint i = 0; i < 500; i++) {
    g_autofree char *t = g_strdup_printf ("a%u", i);
    g_autofree char *r = g_strdup_printf ("r%u", i);
    AmNodeRef a = am_node_ref (AM_NODE_ARGUMENT, am_map_ensure_argument (fan, t, o, NULL));
    AmNodeRef b = am_node_ref (AM_NODE_ARGUMENT, am_map_ensure_argument (fan, r, o, NULL));
    am_map_add_relation (fan, AM_REL_ATTACK, a, claim, NULL, FALSE, o);
    am_map_add_relation (fan, AM_REL_ATTACK, b, a, NULL, FALSE, o);
  }
  g_autofree char *f = explain (fan, "grounded", "[C]", AM_SUPPORT_NONE);
  lines = 0;
  for (const char *p = f; *p; p++)
    lines += *p == '\n';
  g_assert_cmpuint (lines, ==, AM_EXPLAIN_MAX_LINES + 2);
  g_assert_true (g_str_has_suffix (f, "(481 more not shown)\n"));
}

/* Derived attacks are spelled out, since the map shows no arrow for them. */
static void
test_derived (void)
{
  static const Rel chain[] = {
    { "<S>", "+>", "<M>" }, { "<M>", "+>", "<X>" }, { "<X>", "->", "[T]" },
    { "<A>", "->", "[Y]" }, { "[B]", "+>", "[Y]" },
  };
  g_autoptr (AmMap) map = build (chain, G_N_ELEMENTS (chain));
  g_autofree char *t = explain (map, "grounded", "[T]", AM_SUPPORT_SUPPORTED);
  g_assert_cmpstr (t, ==,
                   "Under grounded semantics (support: supported):\n"
                   "[T] is out: it is attacked by <S> (a supported attack: <S> supports (through "
                   "2 steps) <X>, which attacks [T]), which is in\n"
                   "  <S> is in: nothing attacks it\n");
  g_autofree char *b = explain (map, "grounded", "[B]", AM_SUPPORT_MEDIATED);
  g_assert_cmpstr (b, ==,
                   "Under grounded semantics (support: mediated):\n"
                   "[B] is out: it is attacked by <A> (a mediated attack: <A> attacks [Y], which "
                   "[B] supports), which is in\n"
                   "  <A> is in: nothing attacks it\n");
  g_autofree char *bp = explain (map, "preferred", "[B]", AM_SUPPORT_BOTH);
  g_assert_cmpstr (bp, ==,
                   "Under preferred semantics (support: both):\n"
                   "[B] is out: something that belongs to every preferred extension attacks it.\n"
                   "  attacked by <A> (a mediated attack: <A> attacks [Y], which [B] supports), "
                   "which is in every extension\n");
}

/* The ranks decrease along every justification, and the labels are the grounded ones. */
static void
test_ranks (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  for (guint round = 0; round < 200; round++) {
    guint n = 1 + g_rand_int_range (rand, 0, 30);
    g_autoptr (AmAf) af = am_af_new (n);
    guint m = g_rand_int_range (rand, 0, 2 * n);
    for (guint e = 0; e < m; e++)
      am_af_add_attack (af, g_rand_int_range (rand, 0, n), g_rand_int_range (rand, 0, n));
    am_af_finalize (af);
    g_autofree AmLabel *want = g_new (AmLabel, n);
    g_autofree AmLabel *got = g_new (AmLabel, n);
    g_autofree guint *rank = g_new (guint, n);
    g_autofree guint *def = g_new (guint, n);
    am_grounded_labelling (af, want);
    am_grounded_labelling_ranked (af, got, rank, def);
    for (guint a = 0; a < n; a++) {
      g_assert_cmpint (got[a], ==, want[a]);
      if (got[a] == AM_LABEL_OUT) {
        g_assert_cmpint (got[def[a]], ==, AM_LABEL_IN);
        g_assert_cmpuint (rank[def[a]], ==, rank[a]);
        gboolean attacks = FALSE;
        for (guint i = af->att_in_off[a]; i < af->att_in_off[a + 1]; i++)
          attacks = attacks || af->att_in_idx[i] == def[a];
        g_assert_true (attacks);
      } else if (got[a] == AM_LABEL_IN) {
        for (guint i = af->att_in_off[a]; i < af->att_in_off[a + 1]; i++) {
          guint b = af->att_in_idx[i];
          g_assert_cmpint (got[b], ==, AM_LABEL_OUT);
          g_assert_cmpuint (rank[b], <, rank[a]);
        }
      }
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *path = g_strdup_printf ("/explain/%s", cases[i].name);
    g_test_add_data_func (path, &cases[i], test_case);
  }
  g_test_add_func ("/explain/gradual", test_gradual);
  g_test_add_func ("/explain/bounded", test_bounded);
  g_test_add_func ("/explain/derived", test_derived);
  g_test_add_func ("/explain/ranks", test_ranks);
  return g_test_run ();
}
