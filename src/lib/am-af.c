/* am-af: abstract and bipolar argumentation frameworks: edge lists, CSR adjacency, derived
 * attacks of bipolar frameworks and the framework of a map. */
#include "am-af.h"

#include <math.h>
#include <string.h>

AmAf *
am_af_new (guint n)
{
  AmAf *af = g_new0 (AmAf, 1);
  af->n = n;
  af->weights = g_new (double, n > 0 ? n : 1);
  for (guint i = 0; i < n; i++)
    af->weights[i] = 0.5;
  af->att_from = g_array_new (FALSE, FALSE, sizeof (guint));
  af->att_to = g_array_new (FALSE, FALSE, sizeof (guint));
  af->sup_from = g_array_new (FALSE, FALSE, sizeof (guint));
  af->sup_to = g_array_new (FALSE, FALSE, sizeof (guint));
  return af;
}

void
am_af_free (AmAf *af)
{
  if (af == NULL)
    return;
  if (af->names) {
    for (guint i = 0; i < af->n; i++)
      g_free (af->names[i]);
    g_free (af->names);
  }
  g_free (af->weights);
  g_array_unref (af->att_from);
  g_array_unref (af->att_to);
  g_array_unref (af->sup_from);
  g_array_unref (af->sup_to);
  g_free (af->att_in_off);
  g_free (af->att_in_idx);
  g_free (af->att_out_off);
  g_free (af->att_out_idx);
  g_free (af->sup_in_off);
  g_free (af->sup_in_idx);
  g_free (af->sup_out_off);
  g_free (af->sup_out_idx);
  g_free (af->nodes);
  g_free (af);
}

void
am_af_add_attack (AmAf *af, guint from, guint to)
{
  g_return_if_fail (!af->finalized && from < af->n && to < af->n);
  g_array_append_val (af->att_from, from);
  g_array_append_val (af->att_to, to);
}

void
am_af_add_support (AmAf *af, guint from, guint to)
{
  g_return_if_fail (!af->finalized && from < af->n && to < af->n);
  g_array_append_val (af->sup_from, from);
  g_array_append_val (af->sup_to, to);
}

/* Stable counting sort of the edges (key[e], payload[e]) by key into `out_key`/`out_pay`;
 * `off` (n + 1 entries) receives the bucket offsets. Linear in n + m: a 5M-edge framework is
 * sorted without comparisons. */
static void
bucket_edges (guint n, guint m, const guint *key, const guint *pay, guint *off, guint *out_key,
              guint *out_pay)
{
  memset (off, 0, (n + 1) * sizeof (guint));
  for (guint e = 0; e < m; e++)
    off[key[e] + 1]++;
  for (guint i = 0; i < n; i++)
    off[i + 1] += off[i];
  g_autofree guint *pos = g_memdup2 (off, (n + 1) * sizeof (guint));
  for (guint e = 0; e < m; e++) {
    guint p = pos[key[e]]++;
    if (out_key)
      out_key[p] = key[e];
    out_pay[p] = pay[e];
  }
}

/* Sorts one edge list by (from, to), removes duplicates, rewrites the lists and builds both
 * adjacency arrays. Two counting-sort passes (by `to`, then stably by `from`) through one
 * temporary pair of arrays: the peak is the edge lists twice, then the lists plus the CSR. */
static void
build_csr (guint n, GArray *from, GArray *to, guint **in_off, guint **in_idx, guint **out_off,
           guint **out_idx)
{
  guint m = from->len;
  guint *f = (guint *) (void *) from->data, *t = (guint *) (void *) to->data;
  g_autofree guint *off = g_new (guint, n + 1);
  {
    g_autofree guint *f1 = g_new (guint, m ? m : 1), *t1 = g_new (guint, m ? m : 1);
    bucket_edges (n, m, t, f, off, t1, f1);
    bucket_edges (n, m, f1, t1, off, f, t);
  }
  guint k = 0;
  for (guint e = 0; e < m; e++) {
    if (k > 0 && f[k - 1] == f[e] && t[k - 1] == t[e])
      continue;
    f[k] = f[e];
    t[k] = t[e];
    k++;
  }
  g_array_set_size (from, k);
  g_array_set_size (to, k);
  /* Ordered by from: the out-adjacency is `to` itself, the offsets its run lengths. */
  *out_off = g_new0 (guint, n + 1);
  for (guint e = 0; e < k; e++)
    (*out_off)[f[e] + 1]++;
  for (guint i = 0; i < n; i++)
    (*out_off)[i + 1] += (*out_off)[i];
  *out_idx = g_memdup2 (t, (gsize) (k ? k : 1) * sizeof (guint));
  /* Bucketing by `to` keeps each argument's attackers in increasing order. */
  *in_off = g_new (guint, n + 1);
  *in_idx = g_new (guint, k ? k : 1);
  bucket_edges (n, k, t, f, *in_off, NULL, *in_idx);
}

void
am_af_finalize (AmAf *af)
{
  if (af->finalized)
    return;
  build_csr (af->n, af->att_from, af->att_to, &af->att_in_off, &af->att_in_idx,
             &af->att_out_off, &af->att_out_idx);
  build_csr (af->n, af->sup_from, af->sup_to, &af->sup_in_off, &af->sup_in_idx,
             &af->sup_out_off, &af->sup_out_idx);
  af->finalized = TRUE;
}

char *
am_af_dup_name (const AmAf *af, guint a)
{
  if (af->names && af->names[a])
    return g_strdup (af->names[a]);
  return g_strdup_printf ("%u", a + 1);
}

/* Collects into `list` every argument reachable from the arguments already in it along the
 * adjacency (off, idx), marking them with `stamp` in `mark`. Iterative (no recursion). */
static void
closure (GArray *list, const guint *off, const guint *idx, guint *mark, guint stamp)
{
  for (guint i = 0; i < list->len; i++) {
    guint x = g_array_index (list, guint, i);
    for (guint j = off[x]; j < off[x + 1]; j++) {
      guint y = idx[j];
      if (mark[y] != stamp) {
        mark[y] = stamp;
        g_array_append_val (list, y);
      }
    }
  }
}

AmAf *
am_af_derive (const AmAf *af, AmSupportMode mode)
{
  g_return_val_if_fail (af->finalized, NULL);
  AmAf *d = am_af_new (af->n);
  memcpy (d->weights, af->weights, af->n * sizeof (double));
  if (af->names) {
    d->names = g_new0 (char *, af->n + 1);
    for (guint i = 0; i < af->n; i++)
      d->names[i] = g_strdup (af->names[i]);
  }
  if (af->nodes)
    d->nodes = g_memdup2 (af->nodes, af->n * sizeof (AmNodeRef));
  g_array_append_vals (d->att_from, af->att_from->data, af->att_from->len);
  g_array_append_vals (d->att_to, af->att_to->data, af->att_to->len);
  g_array_append_vals (d->sup_from, af->sup_from->data, af->sup_from->len);
  g_array_append_vals (d->sup_to, af->sup_to->data, af->sup_to->len);

  if (mode != AM_SUPPORT_NONE && af->sup_from->len > 0) {
    /* a attacks b (derived) iff a sup* x, x attacks y, b sup* y, where sup* is the reflexive
     * transitive closure of support; SUPPORTED fixes b = y, MEDIATED fixes a = x, BOTH
     * allows both chains (docs/semantics.md). */
    gboolean sup_side = mode == AM_SUPPORT_SUPPORTED || mode == AM_SUPPORT_BOTH;
    gboolean med_side = mode == AM_SUPPORT_MEDIATED || mode == AM_SUPPORT_BOTH;
    g_autofree guint *mark_x = g_new0 (guint, af->n);
    g_autofree guint *mark_b = g_new0 (guint, af->n);
    g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autoptr (GArray) bs = g_array_new (FALSE, FALSE, sizeof (guint));
    for (guint a = 0; a < af->n; a++) {
      guint stamp = a + 1;
      g_array_set_size (xs, 0);
      g_array_append_val (xs, a);
      mark_x[a] = stamp;
      if (sup_side)
        closure (xs, af->sup_out_off, af->sup_out_idx, mark_x, stamp);
      g_array_set_size (bs, 0);
      for (guint i = 0; i < xs->len; i++) {
        guint x = g_array_index (xs, guint, i);
        for (guint j = af->att_out_off[x]; j < af->att_out_off[x + 1]; j++) {
          guint y = af->att_out_idx[j];
          if (mark_b[y] != stamp) {
            mark_b[y] = stamp;
            g_array_append_val (bs, y);
          }
        }
      }
      if (med_side)
        closure (bs, af->sup_in_off, af->sup_in_idx, mark_b, stamp);
      for (guint i = 0; i < bs->len; i++)
        am_af_add_attack (d, a, g_array_index (bs, guint, i));
    }
  }
  am_af_finalize (d);
  return d;
}

static guint
node_index (const AmMap *map, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? ref.index : map->statements->len + ref.index;
}

AmAf *
am_af_from_map (const AmMap *map)
{
  guint ns = map->statements->len, na = map->arguments->len;
  AmAf *af = am_af_new (ns + na);
  af->names = g_new0 (char *, ns + na + 1);
  af->nodes = g_new (AmNodeRef, ns + na > 0 ? ns + na : 1);
  for (guint i = 0; i < ns + na; i++) {
    AmNodeRef ref = i < ns ? am_node_ref (AM_NODE_STATEMENT, i)
                           : am_node_ref (AM_NODE_ARGUMENT, i - ns);
    double w = i < ns ? am_map_statement (map, i)->weight : am_map_argument (map, i - ns)->weight;
    af->nodes[i] = ref;
    af->names[i] = g_strdup (am_map_node_title (map, ref));
    af->weights[i] = isnan (w) ? 0.5 : w;
  }
  for (guint r = 0; r < map->relations->len; r++) {
    const AmRelation *rel = am_map_relation (map, r);
    guint from = node_index (map, rel->from), to = node_index (map, rel->to);
    switch (rel->type) {
    case AM_REL_SUPPORT:
      am_af_add_support (af, from, to);
      break;
    case AM_REL_ATTACK:
    case AM_REL_UNDERCUT: /* the target is the inference, i.e. the argument node itself */
      am_af_add_attack (af, from, to);
      break;
    case AM_REL_CONTRADICTION:
      am_af_add_attack (af, from, to);
      am_af_add_attack (af, to, from);
      break;
    }
  }
  /* A reconstruction is support too: its premises carry the argument and the argument carries
   * its conclusion. The model keeps no relation for either (Argdown has none), but without
   * them an undercut of the inference would never reach the claim it concludes. */
  for (guint a = 0; a < na; a++) {
    const AmArgument *arg = am_map_argument (map, a);
    for (guint k = 0; k < arg->pcs->len; k++) {
      const AmPcsItem *item = &g_array_index (arg->pcs, AmPcsItem, k);
      if (item->role == AM_PCS_CONCLUSION)
        am_af_add_support (af, ns + a, item->statement);
      else
        am_af_add_support (af, item->statement, ns + a);
    }
  }
  am_af_finalize (af);
  return af;
}
