/* test-gradual: gradual semantics against published numbers and a plain global iteration. */
#include <math.h>
#include <string.h>

#include "argmap.h"
#include "am-gradual.h"

typedef struct {
  const char *from, *to;
  gboolean support;
} Edge;

/* A framework over `names` (NULL-terminated) with the given base scores and edges. */
static AmAf *
build (const char *const *names, const double *weights, const Edge *edges, guint n_edges)
{
  guint n = g_strv_length ((char **) names);
  AmAf *af = am_af_new (n);
  for (guint i = 0; i < n; i++)
    af->weights[i] = weights[i];
  for (guint e = 0; e < n_edges; e++) {
    guint f = G_MAXUINT, t = G_MAXUINT;
    for (guint i = 0; i < n; i++) {
      if (strcmp (names[i], edges[e].from) == 0)
        f = i;
      if (strcmp (names[i], edges[e].to) == 0)
        t = i;
    }
    g_assert_cmpuint (f, <, n);
    g_assert_cmpuint (t, <, n);
    if (edges[e].support)
      am_af_add_support (af, f, t);
    else
      am_af_add_attack (af, f, t);
  }
  am_af_finalize (af);
  return af;
}

static guint
index_of (const char *const *names, const char *name)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  g_assert_not_reached ();
}

/* The published numbers are given to six significant digits: compare them as printed. */
static void
assert_printed (double value, const char *expected)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%.6g", value);
  g_assert_cmpstr (buf, ==, expected);
}

/* Rago, Toni, Aurisicchio & Baroni 2016, the e-democracy example. */
static const char *const democracy_names[] = { "A1", "A2", "P1", "P2", "P3", "C1", "C2", "C3",
                                               "C4", NULL };
static const double democracy_weights[] = { 0.5, 0.5, 0.7, 0.5, 0.9, 0.2, 0.2, 0.6, 0.5 };
static const Edge democracy_edges[] = {
  { "C1", "A2", FALSE }, { "C2", "P2", FALSE }, { "C3", "P2", FALSE }, { "C4", "P2", FALSE },
  { "P1", "A1", TRUE },  { "P2", "A1", TRUE },  { "P3", "A2", TRUE },
};

typedef struct {
  AmGradualSemantics sem;
  const char *a1, *a2, *p2;
} Published;

static const Published published[] = {
  { AM_GRADUAL_DF_QUAD, "0.862", "0.85", "0.08" },
  { AM_GRADUAL_QUADRATIC_ENERGY, "0.719852", "0.66443", "0.185874" },
  { AM_GRADUAL_EULER, "0.68938", "0.626285", "0.339943" },
};

static void
test_democracy (gconstpointer data)
{
  const Published *p = data;
  g_autoptr (AmAf) af = build (democracy_names, democracy_weights, democracy_edges,
                               G_N_ELEMENTS (democracy_edges));
  g_autoptr (AmGradualResult) r = am_gradual_compute (af, p->sem, NULL);
  g_assert_true (r->converged);
  g_assert_cmpuint (r->n_unconverged, ==, 0);
  assert_printed (r->strength[index_of (democracy_names, "A1")], p->a1);
  assert_printed (r->strength[index_of (democracy_names, "A2")], p->a2);
  assert_printed (r->strength[index_of (democracy_names, "P2")], p->p2);
  /* Unattacked, unsupported arguments keep their base score. */
  g_assert_cmpfloat_with_epsilon (r->strength[index_of (democracy_names, "C1")], 0.2, 1e-15);
  g_assert_cmpfloat_with_epsilon (r->strength[index_of (democracy_names, "P3")], 0.9, 1e-15);
}

typedef struct {
  const char *name;
  const char *const *names;
  const Edge *edges;
  guint n_edges;
  const char *const *expected; /* per argument, printed %.6g */
} HCase;

static const char *const chain_names[] = { "a", "b", "c", NULL };
static const Edge chain_edges[] = { { "a", "b", FALSE }, { "b", "c", FALSE } };
static const char *const chain_expected[] = { "1", "0.5", "0.666667" };
static const char *const cycle2_names[] = { "a", "b", NULL };
static const Edge cycle2_edges[] = { { "a", "b", FALSE }, { "b", "a", FALSE } };
static const char *const loop_names[] = { "a", NULL };
static const Edge loop_edges[] = { { "a", "a", FALSE } };
static const Edge cycle3_edges[] = { { "a", "b", FALSE }, { "b", "c", FALSE },
                                     { "c", "a", FALSE } };
static const char *const golden[] = { "0.618034", "0.618034", "0.618034" };
/* Chain given in reverse index order: components must still be solved attackers first. */
static const char *const rchain_names[] = { "c", "b", "a", NULL };
static const char *const rchain_expected[] = { "0.666667", "0.5", "1" };

static const HCase hcases[] = {
  { "chain", chain_names, chain_edges, G_N_ELEMENTS (chain_edges), chain_expected },
  { "reverse-chain", rchain_names, chain_edges, G_N_ELEMENTS (chain_edges), rchain_expected },
  { "2-cycle", cycle2_names, cycle2_edges, G_N_ELEMENTS (cycle2_edges), golden },
  { "self-loop", loop_names, loop_edges, G_N_ELEMENTS (loop_edges), golden },
  { "3-cycle", chain_names, cycle3_edges, G_N_ELEMENTS (cycle3_edges), golden },
};

static void
test_h_categorizer (gconstpointer data)
{
  const HCase *c = data;
  /* The published h-categorizer values are those of weight 1 (Besnard & Hunter 2001). */
  double ones[4] = { 1, 1, 1, 1 };
  g_autoptr (AmAf) af = build (c->names, ones, c->edges, c->n_edges);
  g_autoptr (AmGradualResult) r = am_gradual_compute (af, AM_GRADUAL_H_CATEGORIZER, NULL);
  g_assert_true (r->converged);
  for (guint i = 0; c->names[i]; i++)
    assert_printed (r->strength[i], c->expected[i]);
}

static void
test_h_categorizer_weighted (void)
{
  /* With base scores, w / (1 + sum): a (0.5) -> b (0.5) -> c (0.5). */
  double w[] = { 0.5, 0.5, 0.5 };
  g_autoptr (AmAf) af = build (chain_names, w, chain_edges, G_N_ELEMENTS (chain_edges));
  g_autoptr (AmGradualResult) r = am_gradual_compute (af, AM_GRADUAL_H_CATEGORIZER, NULL);
  g_assert_cmpfloat_with_epsilon (r->strength[0], 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (r->strength[1], 0.5 / 1.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (r->strength[2], 0.5 / (1 + 0.5 / 1.5), 1e-15);
}

static void
test_not_converging (void)
{
  /* DF-QuAD on two arguments of base score 1 attacking each other: the synchronous iteration
   * flips between (1,1) and (0,0) forever. */
  double w[] = { 1, 1 };
  g_autoptr (AmAf) af = build (cycle2_names, w, cycle2_edges, G_N_ELEMENTS (cycle2_edges));
  g_autoptr (AmGradualResult) r = am_gradual_compute (af, AM_GRADUAL_DF_QUAD, NULL);
  g_assert_false (r->converged);
  g_assert_cmpuint (r->n_unconverged, ==, 2);
  /* (1,1) -> (0,0) -> (1,1): back after two steps, stopped there. */
  g_assert_true (r->periodic);
  g_assert_cmpuint (r->iterations, ==, 2);
  g_assert_cmpfloat (r->residual, ==, 1.0);
  g_assert_cmpfloat (r->strength[0], ==, 1.0);
  /* The iteration cap: the h-categorizer on a 2-cycle converges, but not in 3 steps. */
  double ones[] = { 1, 1 };
  g_autoptr (AmAf) h = build (cycle2_names, ones, cycle2_edges, G_N_ELEMENTS (cycle2_edges));
  AmGradualOptions opt = { .max_iterations = 3 };
  g_autoptr (AmGradualResult) capped = am_gradual_compute (h, AM_GRADUAL_H_CATEGORIZER, &opt);
  g_assert_false (capped->converged);
  g_assert_false (capped->periodic);
  g_assert_cmpuint (capped->iterations, ==, 3);
  g_assert_cmpuint (capped->n_unconverged, ==, 2);
  /* 1 -> 0.5 -> 0.666667 -> 0.6: the last step moved by 1/15. */
  g_assert_cmpfloat_with_epsilon (capped->residual, 1.0 / 15, 1e-12);
  g_assert_cmpfloat_with_epsilon (capped->strength[0], 0.6, 1e-12);
  /* Quadratic energy, a continuous model, settles on the same framework. */
  g_autoptr (AmGradualResult) q = am_gradual_compute (af, AM_GRADUAL_QUADRATIC_ENERGY, NULL);
  g_assert_true (q->converged);
  g_assert_cmpfloat_with_epsilon (q->strength[0], q->strength[1], 1e-8);
}

/* Plain global iteration over a dense matrix of edges: every argument from the previous
 * values of all, until nothing moves; written without components as an independent check. */
#define MAXN 12

static double
plain_update (const double *w, gboolean att[MAXN][MAXN], gboolean sup[MAXN][MAXN], guint n,
              AmGradualSemantics sem, guint a, const double *s)
{
  double sa = 0, ss = 0, pa = 1, ps = 1;
  for (guint b = 0; b < n; b++) {
    if (att[b][a]) {
      sa += s[b];
      pa *= 1 - s[b];
    }
    if (sup[b][a]) {
      ss += s[b];
      ps *= 1 - s[b];
    }
  }
  double e = ss - sa, va = 1 - pa, vs = 1 - ps;
  switch (sem) {
  case AM_GRADUAL_H_CATEGORIZER:
    return w[a] / (1 + sa);
  case AM_GRADUAL_DF_QUAD:
    return va >= vs ? w[a] - w[a] * (va - vs) : w[a] + (1 - w[a]) * (vs - va);
  case AM_GRADUAL_EULER:
    return 1 - (1 - w[a] * w[a]) / (1 + w[a] * exp (e));
  case AM_GRADUAL_QUADRATIC_ENERGY:
  default: {
    double hp = e > 0 ? e * e / (1 + e * e) : 0, hn = e < 0 ? e * e / (1 + e * e) : 0;
    return w[a] - w[a] * hn + (1 - w[a]) * hp;
  }
  }
}

static void
test_random_against_plain (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261201);
  for (guint round = 0; round < 400; round++) {
    guint n = 1 + g_rand_int_range (rand, 0, MAXN);
    /* Even rounds: acyclic (edges go from higher to lower index), every semantics; odd rounds:
     * any edges, h-categorizer, which always converges. */
    gboolean acyclic = round % 2 == 0;
    gboolean att[MAXN][MAXN] = { { 0 } }, sup[MAXN][MAXN] = { { 0 } };
    double w[MAXN];
    g_autoptr (AmAf) af = am_af_new (n);
    for (guint a = 0; a < n; a++)
      af->weights[a] = w[a] = g_rand_double (rand);
    guint m = g_rand_int_range (rand, 0, 3 * n + 1);
    for (guint e = 0; e < m; e++) {
      guint f = g_rand_int_range (rand, 0, n), t = g_rand_int_range (rand, 0, n);
      if (acyclic && f <= t)
        continue;
      /* Duplicates on purpose: the framework must count an edge once. */
      if (g_rand_boolean (rand)) {
        am_af_add_support (af, f, t);
        sup[f][t] = TRUE;
      } else {
        am_af_add_attack (af, f, t);
        att[f][t] = TRUE;
      }
    }
    am_af_finalize (af);
    for (guint sem = 0; sem < AM_N_GRADUAL; sem++) {
      if (!acyclic && sem != AM_GRADUAL_H_CATEGORIZER)
        continue;
      g_autoptr (AmGradualResult) r = am_gradual_compute (af, sem, NULL);
      g_assert_true (r->converged);
      double s[MAXN], t[MAXN];
      memcpy (s, w, sizeof s);
      for (guint it = 0; it < 100000; it++) {
        double change = 0;
        for (guint a = 0; a < n; a++) {
          t[a] = plain_update (w, att, sup, n, sem, a, s);
          change = MAX (change, fabs (t[a] - s[a]));
        }
        memcpy (s, t, sizeof s);
        if (change < 1e-13)
          break;
      }
      for (guint a = 0; a < n; a++)
        g_assert_cmpfloat_with_epsilon (r->strength[a], s[a], 1e-8);
    }
  }
}

static void
test_contributions (void)
{
  g_autoptr (AmAf) af = build (democracy_names, democracy_weights, democracy_edges,
                               G_N_ELEMENTS (democracy_edges));
  double s;
  gboolean converged;
  g_autoptr (GArray) c = am_gradual_contributions (af, AM_GRADUAL_DF_QUAD, NULL,
                                                   index_of (democracy_names, "A1"), &s,
                                                   &converged);
  g_assert_true (converged);
  g_assert_cmpfloat_with_epsilon (s, 0.862, 1e-12);
  g_assert_cmpuint (c->len, ==, 2);
  /* Without P1 only P2 (0.08) supports A1: 0.5 + 0.5 * 0.08; without P2: 0.5 + 0.5 * 0.7. */
  AmGradualContribution *c0 = &g_array_index (c, AmGradualContribution, 0);
  AmGradualContribution *c1 = &g_array_index (c, AmGradualContribution, 1);
  g_assert_cmpuint (c0->from, ==, index_of (democracy_names, "P1"));
  g_assert_true (c0->support);
  g_assert_cmpfloat_with_epsilon (c0->without, 0.54, 1e-12);
  g_assert_cmpfloat_with_epsilon (c0->effect, 0.322, 1e-12);
  g_assert_cmpuint (c1->from, ==, index_of (democracy_names, "P2"));
  g_assert_cmpfloat_with_epsilon (c1->without, 0.85, 1e-12);

  g_autoptr (GArray) d = am_gradual_contributions (af, AM_GRADUAL_DF_QUAD, NULL,
                                                   index_of (democracy_names, "A2"), &s, NULL);
  g_assert_cmpuint (d->len, ==, 2);
  /* A2 (0.85): without P3's support 0.5 - 0.5 * 0.2 = 0.4; without C1's attack 0.95. */
  AmGradualContribution *d0 = &g_array_index (d, AmGradualContribution, 0);
  AmGradualContribution *d1 = &g_array_index (d, AmGradualContribution, 1);
  g_assert_cmpuint (d0->from, ==, index_of (democracy_names, "P3"));
  g_assert_cmpfloat_with_epsilon (d0->effect, 0.45, 1e-12);
  g_assert_cmpuint (d1->from, ==, index_of (democracy_names, "C1"));
  g_assert_false (d1->support);
  g_assert_cmpfloat_with_epsilon (d1->effect, -0.1, 1e-12);
}

static void
test_names (void)
{
  for (guint s = 0; s < AM_N_GRADUAL; s++) {
    AmGradualSemantics back;
    g_assert_true (am_gradual_semantics_from_string (am_gradual_semantics_name (s), &back));
    g_assert_cmpint (back, ==, s);
  }
  AmGradualSemantics x;
  g_assert_false (am_gradual_semantics_from_string ("grounded", &x));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (published); i++) {
    g_autofree char *path = g_strdup_printf ("/gradual/democracy/%s",
                                             am_gradual_semantics_name (published[i].sem));
    g_test_add_data_func (path, &published[i], test_democracy);
  }
  for (guint i = 0; i < G_N_ELEMENTS (hcases); i++) {
    g_autofree char *path = g_strdup_printf ("/gradual/h-categorizer/%s", hcases[i].name);
    g_test_add_data_func (path, &hcases[i], test_h_categorizer);
  }
  g_test_add_func ("/gradual/h-categorizer/weighted", test_h_categorizer_weighted);
  g_test_add_func ("/gradual/not-converging", test_not_converging);
  g_test_add_func ("/gradual/random-against-plain", test_random_against_plain);
  g_test_add_func ("/gradual/contributions", test_contributions);
  g_test_add_func ("/gradual/names", test_names);
  return g_test_run ();
}
