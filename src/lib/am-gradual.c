/* am-gradual: gradual semantics solved component by component (docs/semantics.md). */
#include "am-gradual.h"

#include <math.h>
#include <string.h>

/* Keep in sync with AmGradualSemantics. */
static const char *const gradual_names[AM_N_GRADUAL] = {
  "h-categorizer",
  "df-quad",
  "euler",
  "quadratic-energy",
};

/* Quadratic energy is a continuous model (Potyka 2018): ds/dt = F(s) - s, integrated with
 * classical Runge-Kutta at this step size. Its fixed points are those of F. */
#define QE_STEP 0.5

const char *
am_gradual_semantics_name (AmGradualSemantics s)
{
  g_return_val_if_fail (s < AM_N_GRADUAL, NULL);
  return gradual_names[s];
}

gboolean
am_gradual_semantics_from_string (const char *s, AmGradualSemantics *out)
{
  for (guint i = 0; i < AM_N_GRADUAL; i++)
    if (g_strcmp0 (s, gradual_names[i]) == 0) {
      *out = (AmGradualSemantics) i;
      return TRUE;
    }
  return FALSE;
}

void
am_gradual_result_free (AmGradualResult *result)
{
  if (result == NULL)
    return;
  g_free (result->strength);
  g_free (result);
}

static double
base_score (const AmAf *af, guint a)
{
  double w = af->weights ? af->weights[a] : 0.5;
  if (!isfinite (w))
    return 0.5;
  return CLAMP (w, 0.0, 1.0);
}

/* x^2 / (1 + x^2) for x > 0, else 0: the damping of quadratic energy. */
static double
qe_h (double x)
{
  if (x <= 0)
    return 0;
  return x * x / (1 + x * x);
}

/* F_a(s): the strength of `a` given the current strengths of its attackers and supporters. */
static double
update (const AmAf *af, AmGradualSemantics sem, guint a, const double *s)
{
  double w = base_score (af, a);
  guint a0 = af->att_in_off[a], a1 = af->att_in_off[a + 1];
  guint s0 = af->sup_in_off[a], s1 = af->sup_in_off[a + 1];
  switch (sem) {
  case AM_GRADUAL_H_CATEGORIZER: {
    /* Weighted h-categorizer: w / (1 + sum of attackers); supports do not count. */
    double sum = 0;
    for (guint i = a0; i < a1; i++)
      sum += s[af->att_in_idx[i]];
    return w / (1 + sum);
  }
  case AM_GRADUAL_DF_QUAD: {
    /* Rago et al. 2016: attackers and supporters each aggregated by probabilistic sum
     * 1 - prod (1 - s), then the base score moves towards 0 or 1 by their difference. */
    double pa = 1, ps = 1;
    for (guint i = a0; i < a1; i++)
      pa *= 1 - s[af->att_in_idx[i]];
    for (guint i = s0; i < s1; i++)
      ps *= 1 - s[af->sup_in_idx[i]];
    double va = 1 - pa, vs = 1 - ps;
    if (va >= vs)
      return w - w * (va - vs);
    return w + (1 - w) * (vs - va);
  }
  case AM_GRADUAL_EULER:
  case AM_GRADUAL_QUADRATIC_ENERGY: {
    double e = 0;
    for (guint i = s0; i < s1; i++)
      e += s[af->sup_in_idx[i]];
    for (guint i = a0; i < a1; i++)
      e -= s[af->att_in_idx[i]];
    if (sem == AM_GRADUAL_QUADRATIC_ENERGY)
      return w - w * qe_h (-e) + (1 - w) * qe_h (e);
    /* Amgoud & Ben-Naim 2017: 1 - (1 - w^2) / (1 + w e^E). */
    if (w <= 0)
      return 0;
    return 1 - (1 - w * w) / (1 + w * exp (MIN (e, 700.0)));
  }
  case AM_N_GRADUAL:
  default:
    break;
  }
  g_return_val_if_reached (w);
}

/* Strongly connected components of the dependency graph (an argument depends on its attackers
 * and supporters), in dependency order: every component comes after the components it depends
 * on. Tarjan's algorithm with an explicit stack over the in-edges. comp_of[a] gets the
 * component's number; `order` receives arguments grouped by component, `comp_off` the start of
 * each component in `order` (n_comp + 1 entries). */
typedef struct {
  guint n_comp;
  guint *order;
  guint *comp_off;
} Components;

static guint
in_degree (const AmAf *af, guint a)
{
  return (af->att_in_off[a + 1] - af->att_in_off[a]) + (af->sup_in_off[a + 1] - af->sup_in_off[a]);
}

static guint
in_neighbour (const AmAf *af, guint a, guint k)
{
  guint na = af->att_in_off[a + 1] - af->att_in_off[a];
  if (k < na)
    return af->att_in_idx[af->att_in_off[a] + k];
  return af->sup_in_idx[af->sup_in_off[a] + (k - na)];
}

static void
components_compute (const AmAf *af, Components *c)
{
  guint n = af->n;
  const guint unvisited = G_MAXUINT;
  g_autofree guint *index = g_new (guint, n);
  g_autofree guint *low = g_new (guint, n);
  g_autofree gboolean *on_stack = g_new0 (gboolean, n);
  g_autofree guint *stack = g_new (guint, n);
  g_autofree guint *call_node = g_new (guint, n);
  g_autofree guint *call_next = g_new (guint, n);
  guint sp = 0, depth = 0, counter = 0, emitted = 0;
  c->order = g_new (guint, n);
  c->comp_off = g_new (guint, n + 1);
  c->n_comp = 0;
  c->comp_off[0] = 0;
  for (guint a = 0; a < n; a++)
    index[a] = unvisited;

  for (guint root = 0; root < n; root++) {
    if (index[root] != unvisited)
      continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    on_stack[root] = TRUE;
    call_node[0] = root;
    call_next[0] = 0;
    depth = 1;
    while (depth > 0) {
      guint v = call_node[depth - 1];
      if (call_next[depth - 1] < in_degree (af, v)) {
        guint w = in_neighbour (af, v, call_next[depth - 1]++);
        if (index[w] == unvisited) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          on_stack[w] = TRUE;
          call_node[depth] = w;
          call_next[depth] = 0;
          depth++;
        } else if (on_stack[w]) {
          low[v] = MIN (low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        guint w;
        do {
          w = stack[--sp];
          on_stack[w] = FALSE;
          c->order[emitted++] = w;
        } while (w != v);
        c->comp_off[++c->n_comp] = emitted;
      }
      depth--;
      if (depth > 0) {
        guint parent = call_node[depth - 1];
        low[parent] = MIN (low[parent], low[v]);
      }
    }
  }
}

static gboolean
has_self_edge (const AmAf *af, guint a)
{
  for (guint k = 0; k < in_degree (af, a); k++)
    if (in_neighbour (af, a, k) == a)
      return TRUE;
  return FALSE;
}

AmGradualResult *
am_gradual_compute (const AmAf *af, AmGradualSemantics sem, const AmGradualOptions *options)
{
  g_return_val_if_fail (af != NULL && af->finalized, NULL);
  g_return_val_if_fail (sem < AM_N_GRADUAL, NULL);
  double tol = options && options->tolerance > 0 ? options->tolerance : AM_GRADUAL_TOLERANCE;
  guint cap = options && options->max_iterations > 0 ? options->max_iterations
                                                     : AM_GRADUAL_MAX_ITERATIONS;
  guint n = af->n;
  AmGradualResult *r = g_new0 (AmGradualResult, 1);
  r->n = n;
  r->strength = g_new (double, n);
  r->converged = TRUE;
  double *s = r->strength;
  for (guint a = 0; a < n; a++)
    s[a] = base_score (af, a);

  Components c;
  components_compute (af, &c);
  g_autofree guint *order = c.order;
  g_autofree guint *comp_off = c.comp_off;
  /* Scratch for one component: the start of the step and the Runge-Kutta stages. */
  g_autofree double *x0 = g_new (double, n);
  g_autofree double *k1 = g_new (double, n);
  g_autofree double *k2 = g_new (double, n);
  g_autofree double *k3 = g_new (double, n);
  g_autofree double *k4 = g_new (double, n);

  for (guint ci = 0; ci < c.n_comp; ci++) {
    const guint *m = order + comp_off[ci];
    guint len = comp_off[ci + 1] - comp_off[ci];
    if (len == 1 && !has_self_edge (af, m[0])) {
      /* Acyclic here: the inputs are final, one evaluation is the fixed point. */
      s[m[0]] = update (af, sem, m[0], s);
      r->iterations = MAX (r->iterations, 1);
      continue;
    }
    gboolean done = FALSE;
    double change = 0;
    guint it;
    for (it = 1; it <= cap && !done; it++) {
      for (guint j = 0; j < len; j++)
        x0[j] = s[m[j]];
      if (sem == AM_GRADUAL_QUADRATIC_ENERGY) {
        const double h = QE_STEP;
        for (guint j = 0; j < len; j++)
          k1[j] = update (af, sem, m[j], s) - s[m[j]];
        for (guint j = 0; j < len; j++)
          s[m[j]] = x0[j] + h / 2 * k1[j];
        for (guint j = 0; j < len; j++)
          k2[j] = update (af, sem, m[j], s) - s[m[j]];
        for (guint j = 0; j < len; j++)
          s[m[j]] = x0[j] + h / 2 * k2[j];
        for (guint j = 0; j < len; j++)
          k3[j] = update (af, sem, m[j], s) - s[m[j]];
        for (guint j = 0; j < len; j++)
          s[m[j]] = x0[j] + h * k3[j];
        for (guint j = 0; j < len; j++)
          k4[j] = update (af, sem, m[j], s) - s[m[j]];
        for (guint j = 0; j < len; j++)
          k1[j] = CLAMP (x0[j] + h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]), 0.0, 1.0);
      } else {
        /* Synchronous (Jacobi) step: every member from the previous values. */
        for (guint j = 0; j < len; j++)
          k1[j] = update (af, sem, m[j], s);
      }
      change = 0;
      gboolean back = it > 1 && sem != AM_GRADUAL_QUADRATIC_ENERGY;
      for (guint j = 0; j < len; j++) {
        change = MAX (change, fabs (k1[j] - x0[j]));
        /* k2 holds the values one step before x0 (the Jacobi step does not use it). */
        back = back && k1[j] == k2[j];
        s[m[j]] = k1[j];
      }
      done = change <= tol;
      if (!done && back) {
        /* Back exactly where it was two steps ago: the deterministic step will repeat this
         * pair of states for ever, so further steps cannot converge. */
        r->periodic = TRUE;
        it++;
        break;
      }
      if (sem != AM_GRADUAL_QUADRATIC_ENERGY)
        memcpy (k2, x0, len * sizeof *x0);
    }
    r->iterations = MAX (r->iterations, it - 1);
    r->residual = MAX (r->residual, change);
    if (!done) {
      r->converged = FALSE;
      r->n_unconverged += len;
    }
  }
  return r;
}

/* The framework made of the arguments with keep[a] != G_MAXUINT (renumbered keep[a]), without
 * the one edge skip_from -> skip_to of kind skip_support (skip_from == G_MAXUINT: none). */
static AmAf *
sub_framework (const AmAf *af, const guint *keep, guint n_keep, guint skip_from, guint skip_to,
               gboolean skip_support)
{
  AmAf *sub = am_af_new (n_keep);
  for (guint a = 0; a < af->n; a++) {
    if (keep[a] == G_MAXUINT)
      continue;
    sub->weights[keep[a]] = base_score (af, a);
    for (guint i = af->att_in_off[a]; i < af->att_in_off[a + 1]; i++) {
      guint b = af->att_in_idx[i];
      if (!(b == skip_from && a == skip_to && !skip_support))
        am_af_add_attack (sub, keep[b], keep[a]);
    }
    for (guint i = af->sup_in_off[a]; i < af->sup_in_off[a + 1]; i++) {
      guint b = af->sup_in_idx[i];
      if (!(b == skip_from && a == skip_to && skip_support))
        am_af_add_support (sub, keep[b], keep[a]);
    }
  }
  am_af_finalize (sub);
  return sub;
}

static gint
contribution_cmp (gconstpointer pa, gconstpointer pb)
{
  const AmGradualContribution *a = pa, *b = pb;
  /* Differences far below the solver's tolerance are rounding noise: compare on a grid of
   * 1e-12 (a total order, unlike a tolerance test) and keep the edge order on ties. */
  double ea = round (fabs (a->effect) * 1e12), eb = round (fabs (b->effect) * 1e12);
  if (ea != eb)
    return ea > eb ? -1 : 1;
  return 0;
}

GArray *
am_gradual_contributions (const AmAf *af, AmGradualSemantics sem,
                          const AmGradualOptions *options, guint target, double *strength,
                          gboolean *converged)
{
  g_return_val_if_fail (af != NULL && af->finalized && target < af->n, NULL);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (AmGradualContribution));
  /* Only the target's ancestors can move it: solve that part alone, once per edge. */
  g_autofree guint *keep = g_new (guint, af->n);
  g_autofree guint *queue = g_new (guint, af->n);
  for (guint a = 0; a < af->n; a++)
    keep[a] = G_MAXUINT;
  guint head = 0, tail = 0, n_keep = 0;
  keep[target] = n_keep++;
  queue[tail++] = target;
  while (head < tail) {
    guint v = queue[head++];
    for (guint k = 0; k < in_degree (af, v); k++) {
      guint w = in_neighbour (af, v, k);
      if (keep[w] == G_MAXUINT) {
        keep[w] = n_keep++;
        queue[tail++] = w;
      }
    }
  }
  g_autoptr (AmAf) full = sub_framework (af, keep, n_keep, G_MAXUINT, G_MAXUINT, FALSE);
  g_autoptr (AmGradualResult) base = am_gradual_compute (full, sem, options);
  double s = base->strength[keep[target]];
  gboolean all_converged = base->converged;
  for (int pass = 0; pass < 2; pass++) {
    gboolean support = pass == 1;
    const guint *off = support ? af->sup_in_off : af->att_in_off;
    const guint *idx = support ? af->sup_in_idx : af->att_in_idx;
    for (guint i = off[target]; i < off[target + 1]; i++) {
      guint b = idx[i];
      g_autoptr (AmAf) cut = sub_framework (af, keep, n_keep, b, target, support);
      g_autoptr (AmGradualResult) r = am_gradual_compute (cut, sem, options);
      all_converged = all_converged && r->converged;
      AmGradualContribution c = {
        .from = b,
        .support = support,
        .without = r->strength[keep[target]],
        .effect = s - r->strength[keep[target]],
      };
      g_array_append_val (out, c);
    }
  }
  g_array_sort (out, contribution_cmp);
  if (strength)
    *strength = s;
  if (converged)
    *converged = all_converged;
  return out;
}
