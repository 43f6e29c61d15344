/* am-dung: Dung semantics through SAT: labelling encodings, counterexample-guided search for
 * the maximising semantics, the ideal extension, acceptance with witnesses and enumeration. */
#include "am-dung.h"

#include <string.h>

#include "am-error.h"
#include "am-sat.h"

/* Keep in sync with AmDungSemantics. */
static const char *const am_dung_semantics_names[] = {
  "grounded", "complete", "preferred", "stable", "semi-stable", "stage", "ideal",
};
static const char *const am_dung_semantics_codes[] = {
  "GR", "CO", "PR", "ST", "SST", "STG", "ID",
};

const char *
am_dung_semantics_name (AmDungSemantics s)
{
  g_return_val_if_fail (s < AM_SEM_N_DUNG, NULL);
  return am_dung_semantics_names[s];
}

const char *
am_dung_semantics_code (AmDungSemantics s)
{
  g_return_val_if_fail (s < AM_SEM_N_DUNG, NULL);
  return am_dung_semantics_codes[s];
}

gboolean
am_dung_semantics_from_string (const char *s, AmDungSemantics *out)
{
  for (guint i = 0; i < AM_SEM_N_DUNG; i++)
    if (g_ascii_strcasecmp (s, am_dung_semantics_names[i]) == 0
        || g_ascii_strcasecmp (s, am_dung_semantics_codes[i]) == 0) {
      *out = (AmDungSemantics) i;
      return TRUE;
    }
  return FALSE;
}

const char *
am_label_name (AmLabel label)
{
  switch (label) {
  case AM_LABEL_IN:
    return "in";
  case AM_LABEL_OUT:
    return "out";
  case AM_LABEL_UNDEC:
    return "undecided";
  }
  return NULL;
}

/* Variables of a block at `base`: in(a) = base + a + 1 (a is in the set), out(a) = base + n +
 * a + 1 (a is attacked by the set), rng(a) = base + 2n + a + 1 (a is in the range). Further
 * variables are activation literals: a clause (-act | ...) holds only while `act` is assumed,
 * and a unit -act retires it for good. */
struct _AmDungSolver {
  const AmAf *af;
  AmDungSemantics asked; /* the semantics last set */
  AmDungSemantics sem;   /* what answers it: GROUNDED when the grounded labelling is total */
  guint n;
  AmLabel *gr;           /* grounded labelling */
  gboolean total;        /* no argument undecided in it */
  AmSat *sat;            /* created on first need */
  int base;              /* first variable - 1 of the block in use */
  int base_complete, base_cf; /* of each block, -1 until it is encoded */
  gboolean stable_mode;  /* stable: every solve assumes the whole range */
  gboolean *ideal;       /* cached ideal extension, NULL until computed */
  int has_stable;        /* -1 unknown, else whether a stable extension exists */
  GArray *assume;        /* scratch int literals */
  GArray *clause;
};

static inline int
v_in (const AmDungSolver *ds, guint a)
{
  return ds->base + (int) a + 1;
}

static inline int
v_out (const AmDungSolver *ds, guint a)
{
  return ds->base + (int) (ds->n + a) + 1;
}

static inline int
v_rng (const AmDungSolver *ds, guint a)
{
  return ds->base + (int) (2 * ds->n + a) + 1;
}

#define CLAUSE_ADD(ds, lit)                                                                        \
  G_STMT_START                                                                                     \
  {                                                                                                \
    int lit_ = (lit);                                                                              \
    g_array_append_val ((ds)->clause, lit_);                                                       \
  }                                                                                                \
  G_STMT_END
#define ASSUME(ds, lit)                                                                            \
  G_STMT_START                                                                                     \
  {                                                                                                \
    int lit_ = (lit);                                                                              \
    g_array_append_val ((ds)->assume, lit_);                                                       \
  }                                                                                                \
  G_STMT_END

static void
flush_clause (AmDungSolver *ds)
{
  am_sat_add_clause (ds->sat, (const int *) (void *) ds->clause->data, ds->clause->len);
  g_array_set_size (ds->clause, 0);
}

/* One block of variables and clauses at ds->base. Complete labellings (Caminada): in(a) <->
 * every attacker out; out(a) <-> some attacker in; never both; the grounded labelling as units
 * (every complete extension contains the grounded one), which settles the easy part of a
 * framework without search. Stage uses the conflict-free block: out(a) <-> some attacker in,
 * never in and out. Both have rng(a) <-> in(a) | out(a). Stable is the complete block with the
 * whole range assumed. The blocks are added when a semantics first needs them, so one solver
 * (one SAT instance, its learnt clauses) serves every semantics of a framework. */
static void
encode_block (AmDungSolver *ds, gboolean complete)
{
  const AmAf *af = ds->af;
  guint n = ds->n;
  for (guint a = 0; a < n; a++) {
    guint lo = af->att_in_off[a], hi = af->att_in_off[a + 1];
    am_sat_add2 (ds->sat, -v_in (ds, a), -v_out (ds, a));
    CLAUSE_ADD (ds, -v_out (ds, a));
    for (guint i = lo; i < hi; i++) {
      guint b = af->att_in_idx[i];
      am_sat_add2 (ds->sat, -v_in (ds, b), v_out (ds, a));
      CLAUSE_ADD (ds, v_in (ds, b));
    }
    flush_clause (ds);
    if (complete) {
      CLAUSE_ADD (ds, v_in (ds, a));
      for (guint i = lo; i < hi; i++) {
        guint b = af->att_in_idx[i];
        am_sat_add2 (ds->sat, -v_in (ds, a), v_out (ds, b));
        CLAUSE_ADD (ds, -v_out (ds, b));
      }
      flush_clause (ds);
      if (ds->gr[a] == AM_LABEL_IN)
        am_sat_add1 (ds->sat, v_in (ds, a));
      else if (ds->gr[a] == AM_LABEL_OUT)
        am_sat_add1 (ds->sat, v_out (ds, a));
    } else {
      /* Mention in(a) so that an unattacked argument is a variable of the solver too. */
      am_sat_add2 (ds->sat, v_in (ds, a), -v_in (ds, a));
    }
    am_sat_add3 (ds->sat, -v_rng (ds, a), v_in (ds, a), v_out (ds, a));
    am_sat_add2 (ds->sat, v_rng (ds, a), -v_in (ds, a));
    am_sat_add2 (ds->sat, v_rng (ds, a), -v_out (ds, a));
  }
}

void
am_dung_solver_set_semantics (AmDungSolver *ds, AmDungSemantics s)
{
  g_return_if_fail (s < AM_SEM_N_DUNG);
  ds->asked = s;
  /* A total grounded labelling (e.g. any acyclic framework) is stable, hence the one
   * extension of every semantics: no SAT at all. */
  ds->sem = ds->total ? AM_SEM_GROUNDED : s;
  ds->stable_mode = ds->sem == AM_SEM_STABLE;
  if (ds->sem == AM_SEM_GROUNDED)
    return;
  if (ds->sat == NULL)
    ds->sat = am_sat_new (0);
  /* A block's variables are reserved when it is encoded, so a block never used costs the
   * SAT solver nothing (it sizes its tables by the largest variable). */
  gboolean cf = ds->sem == AM_SEM_STAGE;
  int *base = cf ? &ds->base_cf : &ds->base_complete;
  if (*base < 0) {
    ds->base = *base = am_sat_reserve (ds->sat, (int) (3 * ds->n));
    encode_block (ds, !cf);
  }
  ds->base = *base;
}

AmDungSolver *
am_dung_solver_new (const AmAf *af, AmDungSemantics s)
{
  g_return_val_if_fail (af->finalized && s < AM_SEM_N_DUNG, NULL);
  AmDungSolver *ds = g_new0 (AmDungSolver, 1);
  ds->af = af;
  ds->n = af->n;
  ds->gr = g_new (AmLabel, af->n ? af->n : 1);
  am_grounded_labelling (af, ds->gr);
  ds->total = TRUE;
  for (guint a = 0; a < af->n && ds->total; a++)
    ds->total = ds->gr[a] != AM_LABEL_UNDEC;
  ds->has_stable = -1;
  ds->base_complete = ds->base_cf = -1;
  ds->assume = g_array_new (FALSE, FALSE, sizeof (int));
  ds->clause = g_array_new (FALSE, FALSE, sizeof (int));
  am_dung_solver_set_semantics (ds, s);
  return ds;
}

void
am_dung_solver_free (AmDungSolver *ds)
{
  if (ds == NULL)
    return;
  g_free (ds->gr);
  am_sat_free (ds->sat);
  g_free (ds->ideal);
  g_array_unref (ds->assume);
  g_array_unref (ds->clause);
  g_free (ds);
}

/* Solves under ds->assume (which is cleared). Returns TRUE for satisfiable, FALSE for
 * unsatisfiable or failure (then `error` is set). */
static gboolean
solve (AmDungSolver *ds, gboolean *sat, GError **error)
{
  if (ds->stable_mode)
    for (guint b = 0; b < ds->n; b++) {
      int lit = v_rng (ds, b);
      g_array_append_val (ds->assume, lit);
    }
  int r = am_sat_solve (ds->sat, (const int *) (void *) ds->assume->data, ds->assume->len);
  g_array_set_size (ds->assume, 0);
  if (r != 10 && r != 20) {
    g_set_error (error, AM_ERROR, AM_ERROR_FAILED, "the SAT solver failed (result %d)", r);
    return FALSE;
  }
  *sat = r == 10;
  return TRUE;
}

static void
read_model (AmDungSolver *ds, gboolean *in, gboolean *range)
{
  for (guint a = 0; a < ds->n; a++) {
    in[a] = am_sat_true (ds->sat, v_in (ds, a));
    if (range)
      range[a] = am_sat_true (ds->sat, v_rng (ds, a));
  }
}

static void
retire (AmDungSolver *ds, int act)
{
  am_sat_add1 (ds->sat, -act);
}

static void
push_fixed (AmDungSolver *ds, const int *fixed, guint nfixed)
{
  if (nfixed > 0)
    g_array_append_vals (ds->assume, fixed, nfixed);
}

/* One question to the solver: is there a model under `fixed` whose extension (`over_range`:
 * range) is a strict superset of `set`? The answer goes to `sat`; the model found, when `in`
 * is not NULL, to `in` (and `range`, when not NULL). FALSE on a solver error. */
static gboolean
ask_superset (AmDungSolver *ds, const gboolean *set, gboolean over_range, const int *fixed,
              guint nfixed, gboolean *in, gboolean *range, gboolean *sat, GError **error)
{
  int act = am_sat_new_var (ds->sat);
  CLAUSE_ADD (ds, -act);
  for (guint b = 0; b < ds->n; b++)
    if (!set[b])
      CLAUSE_ADD (ds, over_range ? v_rng (ds, b) : v_in (ds, b));
  if (ds->clause->len == 1) { /* `set` is everything: no strict superset */
    g_array_set_size (ds->clause, 0);
    *sat = FALSE;
    return TRUE;
  }
  flush_clause (ds);
  push_fixed (ds, fixed, nfixed);
  ASSUME (ds, act);
  for (guint b = 0; b < ds->n; b++)
    if (set[b])
      ASSUME (ds, over_range ? v_rng (ds, b) : v_in (ds, b));
  gboolean ok = solve (ds, sat, error);
  /* The model must be read before retiring: adding a clause discards it. */
  if (ok && *sat && in)
    read_model (ds, in, range);
  retire (ds, act);
  return ok;
}

/* Grows the extension `in` (a model of the encoding under `fixed`) to one that is maximal
 * w.r.t. set inclusion among the models under `fixed`: ask for a strict superset until there
 * is none. With `range` (non-NULL), the same for the range instead of the extension, both
 * being updated from each model. */
static gboolean
grow (AmDungSolver *ds, gboolean *in, gboolean *range, const int *fixed, guint nfixed,
      GError **error)
{
  for (gboolean sat = TRUE; sat;)
    if (!ask_superset (ds, range ? range : in, range != NULL, fixed, nfixed, in, range, &sat,
                       error))
      return FALSE;
  return TRUE;
}

/* Is some model's range a strict superset of `range`? */
static gboolean
range_extensible (AmDungSolver *ds, const gboolean *range, gboolean *answer, GError **error)
{
  return ask_superset (ds, range, TRUE, NULL, 0, NULL, NULL, answer, error);
}

/* Adds (-act | OR of in(b) for b not in `set`) or the same over rng(b): "not a subset". */
static void
add_not_subset (AmDungSolver *ds, int act, const gboolean *set, gboolean over_range)
{
  CLAUSE_ADD (ds, -act);
  for (guint b = 0; b < ds->n; b++)
    if (!set[b])
      CLAUSE_ADD (ds, over_range ? v_rng (ds, b) : v_in (ds, b));
  flush_clause (ds);
}

static void
grounded_set (const AmDungSolver *ds, gboolean *in)
{
  for (guint a = 0; a < ds->n; a++)
    in[a] = ds->gr[a] == AM_LABEL_IN;
}

/* The ideal extension (Dunne 2009): with CA the credulously accepted arguments (preferred,
 * equivalently admissible), it is the largest admissible subset of
 * X = { x in CA : no attacker of x is in CA }. X is conflict-free, so that subset is X minus
 * (iteratively) every argument with an attacker the rest does not attack. */
static gboolean
compute_ideal (AmDungSolver *ds, GError **error)
{
  if (ds->ideal)
    return TRUE;
  guint n = ds->n;
  const AmAf *af = ds->af;
  g_autofree gboolean *ca = g_new0 (gboolean, n ? n : 1);
  g_autofree gboolean *model = g_new0 (gboolean, n ? n : 1);
  grounded_set (ds, ca);
  for (;;) {
    /* Ask for a complete extension with an argument not yet known to be accepted. */
    int act = am_sat_new_var (ds->sat);
    CLAUSE_ADD (ds, -act);
    for (guint a = 0; a < n; a++)
      if (!ca[a] && ds->gr[a] == AM_LABEL_UNDEC)
        CLAUSE_ADD (ds, v_in (ds, a));
    if (ds->clause->len == 1) {
      g_array_set_size (ds->clause, 0);
      break;
    }
    flush_clause (ds);
    ASSUME (ds, act);
    gboolean sat;
    gboolean ok = solve (ds, &sat, error);
    if (ok && sat)
      read_model (ds, model, NULL);
    retire (ds, act);
    if (!ok)
      return FALSE;
    if (!sat)
      break;
    for (guint a = 0; a < n; a++)
      ca[a] |= model[a];
  }
  gboolean *s = g_new0 (gboolean, n ? n : 1);
  for (guint x = 0; x < n; x++) {
    s[x] = ca[x];
    for (guint i = af->att_in_off[x]; s[x] && i < af->att_in_off[x + 1]; i++)
      if (ca[af->att_in_idx[i]])
        s[x] = FALSE;
  }
  /* cnt[y]: members of s attacking y. */
  g_autofree guint *cnt = g_new0 (guint, n ? n : 1);
  g_autofree guint *queue = g_new (guint, n ? n : 1);
  guint head = 0, tail = 0;
  for (guint x = 0; x < n; x++)
    if (s[x])
      for (guint i = af->att_out_off[x]; i < af->att_out_off[x + 1]; i++)
        cnt[af->att_out_idx[i]]++;
  for (guint x = 0; x < n; x++) {
    if (!s[x])
      continue;
    for (guint i = af->att_in_off[x]; i < af->att_in_off[x + 1]; i++)
      if (cnt[af->att_in_idx[i]] == 0) {
        s[x] = FALSE;
        queue[tail++] = x;
        break;
      }
  }
  while (head < tail) {
    guint x = queue[head++];
    for (guint i = af->att_out_off[x]; i < af->att_out_off[x + 1]; i++) {
      guint t = af->att_out_idx[i];
      if (--cnt[t] > 0)
        continue;
      /* t is no longer attacked: whatever it attacks is undefended. */
      for (guint j = af->att_out_off[t]; j < af->att_out_off[t + 1]; j++) {
        guint u = af->att_out_idx[j];
        if (s[u]) {
          s[u] = FALSE;
          queue[tail++] = u;
        }
      }
    }
  }
  ds->ideal = s;
  return TRUE;
}

/* Assumes the whole range: the models are then exactly the stable extensions. */
static void
assume_full_range (AmDungSolver *ds)
{
  for (guint b = 0; b < ds->n; b++)
    ASSUME (ds, v_rng (ds, b));
}

/* When a stable extension exists, the semi-stable and the stage extensions are exactly the
 * stable ones (their range is everything, which is maximal): one SAT call answers then. */
static gboolean
stable_exists (AmDungSolver *ds, gboolean *answer, GError **error)
{
  if (ds->has_stable < 0) {
    gboolean sat;
    assume_full_range (ds);
    if (!solve (ds, &sat, error))
      return FALSE;
    ds->has_stable = sat;
  }
  *answer = ds->has_stable;
  return TRUE;
}

gboolean
am_dung_solver_some_extension (AmDungSolver *ds, gboolean *in, gboolean *found, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  *found = FALSE;
  gboolean sat;
  switch (ds->sem) {
  case AM_SEM_GROUNDED:
  case AM_SEM_COMPLETE:
    grounded_set (ds, in);
    break;
  case AM_SEM_IDEAL:
    if (!compute_ideal (ds, error))
      return FALSE;
    memcpy (in, ds->ideal, ds->n * sizeof (gboolean));
    break;
  case AM_SEM_PREFERRED:
    grounded_set (ds, in);
    if (!grow (ds, in, NULL, NULL, 0, error))
      return FALSE;
    break;
  case AM_SEM_STABLE:
    if (!solve (ds, &sat, error) || !sat)
      return FALSE;
    read_model (ds, in, NULL);
    break;
  case AM_SEM_SEMI_STABLE:
  case AM_SEM_STAGE: {
    g_autofree gboolean *range = g_new (gboolean, ds->n ? ds->n : 1);
    gboolean stable;
    if (!stable_exists (ds, &stable, error))
      return FALSE;
    if (stable)
      assume_full_range (ds);
    if (!solve (ds, &sat, error) || !sat)
      return FALSE;
    read_model (ds, in, range);
    if (!grow (ds, in, range, NULL, 0, error))
      return FALSE;
    break;
  }
  case AM_SEM_N_DUNG:
    g_return_val_if_reached (FALSE);
  }
  *found = TRUE;
  return TRUE;
}

/* Credulous (lit = in(arg)) or sceptical (lit = -in(arg)) acceptance for semi-stable and
 * stage: find a model with `lit`, grow its range keeping `lit`; if no model at all has a
 * larger range it is a semi-stable/stage extension with `lit`. Otherwise no extension with
 * `lit` has a range inside this one (it would not be maximal): exclude those and repeat. */
static gboolean
range_search (AmDungSolver *ds, int lit, gboolean *found, gboolean *witness, GError **error)
{
  g_autofree gboolean *in = g_new (gboolean, ds->n ? ds->n : 1);
  g_autofree gboolean *range = g_new (gboolean, ds->n ? ds->n : 1);
  gboolean stable, sat;
  *found = FALSE;
  if (!stable_exists (ds, &stable, error))
    return FALSE;
  if (stable) {
    assume_full_range (ds);
    ASSUME (ds, lit);
    if (!solve (ds, &sat, error))
      return FALSE;
    if (sat && witness)
      read_model (ds, witness, NULL);
    *found = sat;
    return TRUE;
  }
  int act = am_sat_new_var (ds->sat);
  int fixed[2] = { act, lit };
  gboolean ok = TRUE;
  for (;;) {
    gboolean more;
    push_fixed (ds, fixed, 2);
    if (!(ok = solve (ds, &sat, error)) || !sat)
      break;
    read_model (ds, in, range);
    if (!(ok = grow (ds, in, range, fixed, 2, error)))
      break;
    if (!(ok = range_extensible (ds, range, &more, error)))
      break;
    if (!more) {
      *found = TRUE;
      if (witness)
        memcpy (witness, in, ds->n * sizeof (gboolean));
      break;
    }
    add_not_subset (ds, act, range, TRUE);
  }
  retire (ds, act);
  return ok;
}

/* Sceptical preferred acceptance (as in Cegartix/µ-toksia): take a complete extension without
 * arg, grow it to a maximal one without arg (S). If no complete extension contains S and arg,
 * S is preferred: a counterexample. Else no preferred extension without arg is a subset of S:
 * exclude those and repeat. */
static gboolean
preferred_sceptical (AmDungSolver *ds, guint arg, gboolean *answer, gboolean *witness,
                     gboolean *has_witness, GError **error)
{
  g_autofree gboolean *in = g_new (gboolean, ds->n ? ds->n : 1);
  int act = am_sat_new_var (ds->sat);
  int fixed[2] = { act, -v_in (ds, arg) };
  gboolean ok = TRUE;
  *answer = TRUE;
  for (;;) {
    gboolean sat;
    push_fixed (ds, fixed, 2);
    if (!(ok = solve (ds, &sat, error)) || !sat)
      break;
    read_model (ds, in, NULL);
    if (!(ok = grow (ds, in, NULL, fixed, 2, error)))
      break;
    ASSUME (ds, v_in (ds, arg));
    for (guint b = 0; b < ds->n; b++)
      if (in[b])
        ASSUME (ds, v_in (ds, b));
    if (!(ok = solve (ds, &sat, error)))
      break;
    if (!sat) {
      *answer = FALSE;
      if (witness) {
        memcpy (witness, in, ds->n * sizeof (gboolean));
        *has_witness = TRUE;
      }
      break;
    }
    add_not_subset (ds, act, in, FALSE);
  }
  retire (ds, act);
  return ok;
}

gboolean
am_dung_solver_accepts (AmDungSolver *ds, AmAcceptMode mode, guint arg, gboolean *answer,
                        gboolean *witness, gboolean *has_witness, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (arg < ds->n, FALSE);
  gboolean cred = mode == AM_ACCEPT_CREDULOUS;
  gboolean dummy;
  if (has_witness == NULL)
    has_witness = &dummy;
  *has_witness = FALSE;
  *answer = FALSE;
  AmLabel g = ds->gr[arg];
  gboolean sat, found;

  switch (ds->sem) {
  case AM_SEM_GROUNDED:
    *answer = g == AM_LABEL_IN;
    if (witness && *answer == cred) {
      grounded_set (ds, witness);
      *has_witness = TRUE;
    }
    return TRUE;
  case AM_SEM_IDEAL:
    if (!compute_ideal (ds, error))
      return FALSE;
    *answer = ds->ideal[arg];
    if (witness && *answer == cred) {
      memcpy (witness, ds->ideal, ds->n * sizeof (gboolean));
      *has_witness = TRUE;
    }
    return TRUE;
  case AM_SEM_COMPLETE:
    /* Sceptical complete acceptance is membership of the grounded extension; credulous
     * acceptance is settled by the grounded labelling unless arg is undecided there. */
    if (!cred || g != AM_LABEL_UNDEC) {
      *answer = g == AM_LABEL_IN;
      if (witness && *answer == cred) {
        grounded_set (ds, witness);
        *has_witness = TRUE;
      }
      return TRUE;
    }
    ASSUME (ds, v_in (ds, arg));
    if (!solve (ds, &sat, error))
      return FALSE;
    *answer = sat;
    if (sat && witness) {
      read_model (ds, witness, NULL);
      *has_witness = TRUE;
    }
    return TRUE;
  case AM_SEM_PREFERRED:
    if (cred) {
      if (g == AM_LABEL_OUT)
        return TRUE;
      ASSUME (ds, v_in (ds, arg));
      if (!solve (ds, &sat, error))
        return FALSE;
      *answer = sat;
      if (sat && witness) {
        read_model (ds, witness, NULL);
        if (!grow (ds, witness, NULL, NULL, 0, error))
          return FALSE;
        *has_witness = TRUE;
      }
      return TRUE;
    }
    if (g == AM_LABEL_IN) {
      *answer = TRUE;
      return TRUE;
    }
    if (g == AM_LABEL_OUT) {
      /* Attacked by the grounded extension, so in no preferred extension: any is a witness. */
      if (witness) {
        grounded_set (ds, witness);
        if (!grow (ds, witness, NULL, NULL, 0, error))
          return FALSE;
        *has_witness = TRUE;
      }
      return TRUE;
    }
    return preferred_sceptical (ds, arg, answer, witness, has_witness, error);
  case AM_SEM_STABLE:
    ASSUME (ds, cred ? v_in (ds, arg) : -v_in (ds, arg));
    if (!solve (ds, &sat, error))
      return FALSE;
    *answer = cred ? sat : !sat;
    if (sat && witness) {
      read_model (ds, witness, NULL);
      *has_witness = TRUE;
    }
    return TRUE;
  case AM_SEM_SEMI_STABLE:
  case AM_SEM_STAGE:
    if (ds->sem == AM_SEM_SEMI_STABLE && g != AM_LABEL_UNDEC && cred == (g == AM_LABEL_OUT)) {
      /* In every complete extension (sceptically yes) or in none (credulously no). */
      *answer = g == AM_LABEL_IN;
      return TRUE;
    }
    if (!range_search (ds, cred ? v_in (ds, arg) : -v_in (ds, arg), &found, witness, error))
      return FALSE;
    *answer = cred ? found : !found;
    *has_witness = found && witness;
    return TRUE;
  case AM_SEM_N_DUNG:
    break;
  }
  g_return_val_if_reached (FALSE);
}

/* Adds (-act | the in-set differs from `in`). */
static void
block (AmDungSolver *ds, int act, const gboolean *in)
{
  CLAUSE_ADD (ds, -act);
  for (guint b = 0; b < ds->n; b++)
    CLAUSE_ADD (ds, in[b] ? -v_in (ds, b) : v_in (ds, b));
  flush_clause (ds);
}

gint64
am_dung_solver_enumerate (AmDungSolver *ds, AmExtensionFunc fn, gpointer user_data,
                          GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, -1);
  guint n = ds->n;
  g_autofree gboolean *in = g_new (gboolean, n ? n : 1);
  g_autofree gboolean *range = g_new (gboolean, n ? n : 1);
  gint64 count = 0;
  gboolean found, sat, more = TRUE;

  if (ds->sem == AM_SEM_GROUNDED || ds->sem == AM_SEM_IDEAL) {
    if (!am_dung_solver_some_extension (ds, in, &found, error))
      return -1;
    fn (in, n, user_data);
    return 1;
  }
  int act = am_sat_new_var (ds->sat);
  gboolean ok = TRUE;
  while (more) {
    ASSUME (ds, act);
    if (!(ok = solve (ds, &sat, error)) || !sat)
      break;
    read_model (ds, in, range);
    switch (ds->sem) {
    case AM_SEM_COMPLETE:
    case AM_SEM_STABLE:
      count++;
      more = fn (in, n, user_data);
      block (ds, act, in);
      break;
    case AM_SEM_PREFERRED:
      /* Supersets of a model satisfy every "not a subset of P" clause, so growing under
       * `act` reaches a preferred extension not yet reported. */
      if (!(ok = grow (ds, in, NULL, &act, 1, error)))
        break;
      count++;
      more = fn (in, n, user_data);
      add_not_subset (ds, act, in, FALSE);
      break;
    case AM_SEM_SEMI_STABLE:
    case AM_SEM_STAGE: {
      if (!(ok = grow (ds, in, range, &act, 1, error)))
        break;
      /* Every extension whose range is exactly this maximal one. */
      for (;;) {
        count++;
        if (!(more = fn (in, n, user_data)))
          break;
        block (ds, act, in);
        ASSUME (ds, act);
        for (guint b = 0; b < n; b++)
          ASSUME (ds, range[b] ? v_rng (ds, b) : -v_rng (ds, b));
        if (!(ok = solve (ds, &sat, error)) || !sat)
          break;
        read_model (ds, in, NULL);
      }
      add_not_subset (ds, act, range, TRUE);
      break;
    }
    default:
      g_assert_not_reached ();
    }
    if (!ok)
      break;
  }
  retire (ds, act);
  return ok ? count : -1;
}

gboolean
am_dung_some_extension (const AmAf *af, AmDungSemantics s, gboolean *in, gboolean *found,
                        GError **error)
{
  g_autoptr (AmDungSolver) ds = am_dung_solver_new (af, s);
  return am_dung_solver_some_extension (ds, in, found, error) && *found;
}

gboolean
am_dung_accepts (const AmAf *af, AmDungSemantics s, AmAcceptMode mode, guint arg,
                 gboolean *answer, gboolean *witness, gboolean *has_witness, GError **error)
{
  g_autoptr (AmDungSolver) ds = am_dung_solver_new (af, s);
  return am_dung_solver_accepts (ds, mode, arg, answer, witness, has_witness, error);
}

gint64
am_dung_enumerate (const AmAf *af, AmDungSemantics s, AmExtensionFunc fn, gpointer user_data,
                   GError **error)
{
  g_autoptr (AmDungSolver) ds = am_dung_solver_new (af, s);
  return am_dung_solver_enumerate (ds, fn, user_data, error);
}
