/* am-explain: why a node is in, out or undecided (a bounded justification tree), or which of
 * its attackers and supporters moved its strength most. */
#include "am-explain.h"

#include <math.h>

/* [statement] or <argument>, as Argdown writes them. */
static void
append_node (GString *out, const AmMap *map, const AmAf *af, guint a)
{
  AmNodeRef ref = af->nodes ? af->nodes[a]
                            : (a < map->statements->len
                                 ? am_node_ref (AM_NODE_STATEMENT, a)
                                 : am_node_ref (AM_NODE_ARGUMENT, a - map->statements->len));
  const char *title = am_map_node_title (map, ref);
  gsize at = out->len;
  if (ref.kind == AM_NODE_STATEMENT)
    g_string_append_printf (out, "[%s]", title);
  else
    g_string_append_printf (out, "<%s>", title);
  /* One node stays on one line: control characters become spaces. */
  for (gsize i = at; i < out->len; i++)
    if ((unsigned char) out->str[i] < 0x20 || out->str[i] == 0x7f)
      out->str[i] = ' ';
}

/* Nodes reachable from `start` along supports (start included), breadth first, with their
 * distance: `order` lists them, `depth` maps node + 1 to distance + 1. */
static void
support_reach (const AmAf *af, guint start, GArray *order, GHashTable *depth)
{
  g_array_append_val (order, start);
  g_hash_table_insert (depth, GUINT_TO_POINTER (start + 1), GUINT_TO_POINTER (1));
  for (guint i = 0; i < order->len; i++) {
    guint v = g_array_index (order, guint, i);
    guint dv = GPOINTER_TO_UINT (g_hash_table_lookup (depth, GUINT_TO_POINTER (v + 1)));
    for (guint j = af->sup_out_off[v]; j < af->sup_out_off[v + 1]; j++) {
      guint w = af->sup_out_idx[j];
      if (!g_hash_table_contains (depth, GUINT_TO_POINTER (w + 1))) {
        g_hash_table_insert (depth, GUINT_TO_POINTER (w + 1), GUINT_TO_POINTER (dv + 1));
        g_array_append_val (order, w);
      }
    }
  }
}

static void
append_supports (GString *out, guint steps)
{
  if (steps <= 1)
    g_string_append (out, "supports");
  else
    g_string_append_printf (out, "supports (through %u steps)", steps);
}

/* When the attack a -> b exists only as a derived attack of the support mode (a supports x,
 * x attacks y, b supports y, along chains of supports), says how it arises, so that a reader
 * who sees no such arrow in the map understands it. */
static void
append_derivation (GString *out, const AmMap *map, const AmAf *bipolar, guint a, guint b)
{
  for (guint i = bipolar->att_in_off[b]; i < bipolar->att_in_off[b + 1]; i++)
    if (bipolar->att_in_idx[i] == a)
      return;
  g_autoptr (GArray) from_a = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) from_b = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) da = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) db = g_hash_table_new (NULL, NULL);
  support_reach (bipolar, a, from_a, da);
  support_reach (bipolar, b, from_b, db);
  for (guint i = 0; i < from_a->len; i++) {
    guint x = g_array_index (from_a, guint, i);
    for (guint j = bipolar->att_out_off[x]; j < bipolar->att_out_off[x + 1]; j++) {
      guint y = bipolar->att_out_idx[j];
      gpointer dy = g_hash_table_lookup (db, GUINT_TO_POINTER (y + 1));
      if (dy == NULL)
        continue;
      guint sa = GPOINTER_TO_UINT (g_hash_table_lookup (da, GUINT_TO_POINTER (x + 1))) - 1;
      guint sb = GPOINTER_TO_UINT (dy) - 1;
      g_string_append (out, sa && sb ? " (derived: " : sa ? " (a supported attack: "
                                                          : " (a mediated attack: ");
      append_node (out, map, bipolar, a);
      if (sa) {
        g_string_append_c (out, ' ');
        append_supports (out, sa);
        g_string_append_c (out, ' ');
        append_node (out, map, bipolar, x);
        g_string_append (out, ", which");
      }
      g_string_append (out, " attacks ");
      append_node (out, map, bipolar, y);
      if (sb) {
        g_string_append (out, ", which ");
        append_node (out, map, bipolar, b);
        g_string_append_c (out, ' ');
        append_supports (out, sb);
      }
      g_string_append_c (out, ')');
      return;
    }
  }
}

static void
append_number (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.6g", v);
  g_string_append (out, buf);
}

static void
indent (GString *out, guint depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static guint
n_attackers (const AmAf *af, guint a)
{
  return af->att_in_off[a + 1] - af->att_in_off[a];
}

/* Grounded: the dialectical justification, an indented tree walked with an explicit stack.
 * An in node lists its attackers, each out because of its defeater, whose own justification
 * follows below it; ranks decrease along every path, so the walk ends. Nodes already justified
 * are referred to ("see above"), and the tree is cut at AM_EXPLAIN_MAX_LINES lines. */
typedef struct {
  guint arg;
  guint depth;
} Step;

static void
explain_grounded (const AmMap *map, const AmAf *bipolar, const AmAf *af, guint target,
                  GString *out)
{
  guint n = af->n;
  g_autofree AmLabel *labels = g_new (AmLabel, n);
  g_autofree guint *rank = g_new (guint, n);
  g_autofree guint *defeater = g_new (guint, n);
  am_grounded_labelling_ranked (af, labels, rank, defeater);
  g_autofree gboolean *shown = g_new0 (gboolean, n);

  if (labels[target] == AM_LABEL_UNDEC) {
    append_node (out, map, af, target);
    g_string_append (out, " is undecided: no attacker of it is in, but not every attacker is "
                          "out either.\n");
    /* Follow undecided attackers back until one repeats: the cycle that keeps them open. */
    g_autofree guint *path = g_new (guint, AM_EXPLAIN_MAX_LINES + 1);
    g_autoptr (GHashTable) at = g_hash_table_new (NULL, NULL);
    guint len = 0, a = target;
    gint cycle_start = -1;
    while (len < AM_EXPLAIN_MAX_LINES) {
      g_hash_table_insert (at, GUINT_TO_POINTER (a + 1), GUINT_TO_POINTER (len + 1));
      path[len++] = a;
      guint next = G_MAXUINT;
      for (guint i = af->att_in_off[a]; i < af->att_in_off[a + 1]; i++)
        if (labels[af->att_in_idx[i]] == AM_LABEL_UNDEC) {
          next = af->att_in_idx[i];
          break;
        }
      if (next == G_MAXUINT)
        break; /* cannot happen for an undecided argument; stay safe */
      gpointer seen = g_hash_table_lookup (at, GUINT_TO_POINTER (next + 1));
      if (seen) {
        cycle_start = GPOINTER_TO_INT (seen) - 1;
        path[len++] = next;
        break;
      }
      a = next;
    }
    g_string_append (out, "Following undecided attackers back:\n");
    for (guint i = 0; i + 1 < len; i++) {
      g_string_append (out, "  ");
      append_node (out, map, af, path[i]);
      if (path[i + 1] == path[i]) {
        g_string_append (out, " attacks itself: it cannot be in (it would attack a member) "
                              "and nothing that is in attacks it\n");
        return;
      }
      g_string_append (out, " is attacked by ");
      append_node (out, map, af, path[i + 1]);
      g_string_append (out, ", which is undecided\n");
    }
    if (cycle_start >= 0) {
      g_string_append (out, "This closes a cycle of attacks, ");
      for (guint i = (guint) cycle_start; i < len; i++) {
        if (i > (guint) cycle_start)
          g_string_append (out, " <- ");
        append_node (out, map, af, path[i]);
      }
      g_string_append (out, ", that nothing unattacked breaks: the grounded semantics takes no "
                            "side on it.\n");
    } else {
      g_string_append (out, "  ...\n");
    }
    return;
  }

  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Step));
  Step root = { target, 0 };
  g_array_append_val (stack, root);
  guint lines = 0, omitted = 0;
  while (stack->len > 0) {
    Step st = g_array_index (stack, Step, stack->len - 1);
    g_array_set_size (stack, stack->len - 1);
    if (lines >= AM_EXPLAIN_MAX_LINES || st.depth > AM_EXPLAIN_MAX_DEPTH) {
      omitted++;
      continue;
    }
    lines++;
    guint a = st.arg;
    indent (out, st.depth);
    append_node (out, map, af, a);
    if (labels[a] == AM_LABEL_OUT) {
      guint d = defeater[a];
      g_string_append (out, " is out: it is attacked by ");
      append_node (out, map, af, d);
      append_derivation (out, map, bipolar, d, a);
      g_string_append (out, ", which is in");
      if (shown[d]) {
        g_string_append (out, " (see above)\n");
        continue;
      }
      g_string_append (out, "\n");
      Step next = { d, st.depth + 1 };
      g_array_append_val (stack, next);
      continue;
    }
    /* In. */
    guint k = n_attackers (af, a);
    if (k == 0) {
      g_string_append (out, " is in: nothing attacks it\n");
      shown[a] = TRUE;
      continue;
    }
    if (shown[a]) {
      g_string_append (out, " is in (see above)\n");
      continue;
    }
    shown[a] = TRUE;
    if (k == 1)
      g_string_append (out, " is in: its one attacker is out\n");
    else
      g_string_append_printf (out, " is in: all %u of its attackers are out\n", k);
    /* Pushed in reverse so they print in framework order. */
    for (guint i = af->att_in_off[a + 1]; i > af->att_in_off[a]; i--) {
      Step next = { af->att_in_idx[i - 1], st.depth + 1 };
      g_array_append_val (stack, next);
    }
  }
  if (omitted)
    g_string_append_printf (out, "(%u more not shown)\n", omitted);
}

/* The members of an extension, at most AM_EXPLAIN_MAX_ITEMS of them. */
static void
append_extension (GString *out, const AmMap *map, const AmAf *af, const gboolean *in)
{
  guint shown = 0, total = 0;
  g_string_append (out, "{");
  for (guint a = 0; a < af->n; a++) {
    if (!in[a])
      continue;
    total++;
    if (shown >= AM_EXPLAIN_MAX_ITEMS)
      continue;
    if (shown++)
      g_string_append (out, ", ");
    append_node (out, map, af, a);
  }
  if (total > shown)
    g_string_append_printf (out, " and %u more", total - shown);
  g_string_append (out, "}");
}

/* Semantics with possibly several extensions (and ideal): sceptical labels, explained by the
 * attackers, their possible defenders, and example extensions from the solver. */
static gboolean
explain_extensions (const AmMap *map, const AmAf *bipolar, const AmAf *af,
                    const AmEvalColumn *col, guint target, GString *out, GError **error)
{
  const char *sem = col->semantics->name;
  AmDungSemantics dsem = col->semantics->id;
  if (!col->has_extension) {
    g_string_append_printf (out, "There is no %s extension of this map, so nothing is in or out "
                                 "and ", sem);
    append_node (out, map, af, target);
    g_string_append (out, " is undecided.\n");
    return TRUE;
  }
  append_node (out, map, af, target);
  if (!col->semantics->several) {
    /* One extension (ideal): say so rather than "every". */
    const char *why = col->labels[target] == AM_LABEL_IN    ? "it belongs to"
                      : col->labels[target] == AM_LABEL_OUT ? "it is attacked by a member of"
                                                            : "it is neither in nor attacked by";
    g_string_append_printf (out, " is %s: %s the %s extension.\n",
                            am_label_name (col->labels[target]), why, sem);
  } else switch (col->labels[target]) {
  case AM_LABEL_IN:
    g_string_append_printf (out, " is in: it belongs to every %s extension.\n", sem);
    break;
  case AM_LABEL_OUT:
    g_string_append_printf (out, " is out: something that belongs to every %s extension "
                                 "attacks it.\n", sem);
    break;
  case AM_LABEL_UNDEC:
  default:
    if (col->credulous[target])
      g_string_append_printf (out, " is undecided: it belongs to some %s extensions but not to "
                                   "all.\n", sem);
    else
      g_string_append_printf (out, " is undecided: it belongs to no %s extension, but nothing "
                                   "that is in every extension attacks it.\n", sem);
    break;
  }

  g_autofree char *every = col->semantics->several ? g_strdup ("every extension")
                                                   : g_strdup_printf ("the %s extension", sem);
  guint k = n_attackers (af, target);
  if (k == 0)
    g_string_append (out, "Nothing attacks it.\n");
  guint listed = 0;
  for (guint i = af->att_in_off[target]; i < af->att_in_off[target + 1]; i++) {
    if (listed++ == AM_EXPLAIN_MAX_ITEMS) {
      g_string_append_printf (out, "  (%u more attackers)\n", k - AM_EXPLAIN_MAX_ITEMS);
      break;
    }
    guint b = af->att_in_idx[i];
    g_string_append (out, "  attacked by ");
    append_node (out, map, af, b);
    append_derivation (out, map, bipolar, b, target);
    if (col->labels[b] == AM_LABEL_IN) {
      g_string_append_printf (out, ", which is in %s\n", every);
      continue;
    }
    if (col->credulous[b])
      g_string_append (out, " (in some extensions)");
    else if (col->semantics->several)
      g_string_append (out, " (in no extension)");
    else
      g_string_append_printf (out, " (not in the %s extension)", sem);
    /* Whoever defends the target against b in an extension attacks b and belongs to that
     * extension: so the defenders are among b's credulously accepted attackers. */
    GString *def = g_string_new (NULL);
    guint nd = 0, sceptical = G_MAXUINT;
    for (guint j = af->att_in_off[b]; j < af->att_in_off[b + 1]; j++) {
      guint c = af->att_in_idx[j];
      if (!col->credulous[c])
        continue;
      if (col->labels[c] == AM_LABEL_IN && sceptical == G_MAXUINT)
        sceptical = c;
      if (nd < AM_EXPLAIN_MAX_ITEMS) {
        if (nd)
          g_string_append (def, ", ");
        append_node (def, map, af, c);
      }
      nd++;
    }
    if (sceptical != G_MAXUINT) {
      g_string_append (out, ": countered by ");
      append_node (out, map, af, sceptical);
      g_string_append_printf (out, ", which is in %s\n", every);
    } else if (nd > 0) {
      g_string_append_printf (out, ": countered only in some extensions, by %s%s%s\n",
                              nd == 1 ? "" : "one of ", def->str,
                              nd > AM_EXPLAIN_MAX_ITEMS ? " and more" : "");
    } else {
      g_string_append_printf (out, ": nothing in %s counters it\n",
                              col->semantics->several ? "any extension" : every);
    }
    g_string_free (def, TRUE);
  }

  /* Examples from the solver, for an undecided target: an extension with it and one without
   * (for in and out every extension answers the same). */
  if (!col->semantics->several || col->labels[target] != AM_LABEL_UNDEC)
    return TRUE;
  g_autofree gboolean *ext = g_new0 (gboolean, af->n ? af->n : 1);
  gboolean answer = FALSE, has = FALSE;
  if (col->credulous[target]) {
    if (!am_dung_accepts (af, dsem, AM_ACCEPT_CREDULOUS, target, &answer, ext, &has, error))
      return FALSE;
    if (answer && has) {
      g_string_append_printf (out, "For example, this %s extension contains it: ", sem);
      append_extension (out, map, af, ext);
      g_string_append (out, "\n");
    }
  }
  if (col->labels[target] != AM_LABEL_IN) {
    if (!am_dung_accepts (af, dsem, AM_ACCEPT_SCEPTICAL, target, &answer, ext, &has, error))
      return FALSE;
    if (!answer && has) {
      g_string_append_printf (out, "This %s extension does not: ", sem);
      append_extension (out, map, af, ext);
      g_string_append (out, "\n");
    }
  }
  return TRUE;
}

static gboolean
explain_strength (const AmMap *map, const AmAf *af, const AmEvalColumn *col, guint target,
                  GString *out)
{
  const char *sem = col->semantics->name;
  double strength = 0;
  gboolean converged = TRUE;
  g_autoptr (GArray) contrib = am_gradual_contributions (af, col->semantics->id, NULL, target,
                                                         &strength, &converged);
  append_node (out, map, af, target);
  g_string_append (out, " has strength ");
  append_number (out, col->strengths[target]);
  g_string_append_printf (out, " under %s, from a base score of ", sem);
  append_number (out, af->weights[target]);
  g_string_append (out, ".\n");
  gboolean h_cat = col->semantics->id == AM_GRADUAL_H_CATEGORIZER;
  guint n_sup = af->sup_in_off[target + 1] - af->sup_in_off[target];
  if (contrib->len == 0 || (h_cat && contrib->len == n_sup)) {
    g_string_append (out, h_cat && n_sup ? "Nothing attacks it, so it keeps its base score "
                                           "(h-categorizer does not count supports).\n"
                                         : "Nothing attacks or supports it, so it keeps its "
                                           "base score.\n");
    return TRUE;
  }
  g_string_append (out, "What moved it, largest effect first (its strength without each "
                        "relation):\n");
  guint listed = 0, total = contrib->len - (h_cat ? n_sup : 0);
  for (guint i = 0; i < contrib->len; i++) {
    const AmGradualContribution *c = &g_array_index (contrib, AmGradualContribution, i);
    if (h_cat && c->support)
      continue;
    if (listed++ == AM_EXPLAIN_MAX_ITEMS) {
      g_string_append_printf (out, "  (%u more, with smaller effects)\n",
                              total - AM_EXPLAIN_MAX_ITEMS);
      break;
    }
    g_string_append (out, c->support ? "  supported by " : "  attacked by ");
    append_node (out, map, af, c->from);
    g_string_append (out, " (strength ");
    append_number (out, col->strengths[c->from]);
    g_string_append (out, "): without it ");
    append_number (out, c->without);
    g_string_append (out, " (");
    if (c->effect >= 0)
      g_string_append_c (out, '+');
    append_number (out, fabs (c->effect) < 5e-10 ? 0.0 : c->effect);
    g_string_append (out, ")\n");
  }
  if (h_cat && n_sup > 0)
    g_string_append_printf (out, "Its %u supporter%s do%s not count: h-categorizer looks at "
                                 "attacks only.\n", n_sup, n_sup == 1 ? "" : "s",
                            n_sup == 1 ? "es" : "");
  if (!converged || !col->converged)
    g_string_append_printf (out, "Warning: %s did not converge here; these numbers are the last "
                                 "iterate.\n", sem);
  return TRUE;
}

gboolean
am_explain (const AmMap *map, const AmAf *bipolar, const AmAf *attacks, const AmEvalColumn *col,
            AmNodeRef target, AmSupportMode support, GString *out, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  guint a = target.kind == AM_NODE_STATEMENT ? target.index
                                             : map->statements->len + target.index;
  g_return_val_if_fail (a < bipolar->n, FALSE);
  if (col->semantics->kind == AM_EVAL_STRENGTHS)
    return explain_strength (map, bipolar, col, a, out);
  g_string_append_printf (out, "Under %s semantics (support: %s):\n", col->semantics->name,
                          am_eval_support_name (support));
  if (col->semantics->id == AM_SEM_GROUNDED) {
    explain_grounded (map, bipolar, attacks, a, out);
    return TRUE;
  }
  return explain_extensions (map, bipolar, attacks, col, a, out, error);
}
