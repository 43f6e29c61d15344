/* am-eval: the table of semantics, per-node labels from extensions, and the render hook. */
#include "am-eval.h"

#include <csv.h>
#include <string.h>

#include "am-error.h"

/* Keep in sync with AmDungSemantics and AmGradualSemantics: names must match theirs. */
static const AmEvalSemantics semantics_table[] = {
  { "grounded", AM_EVAL_LABELS, AM_SEM_GROUNDED, FALSE,
    "the least complete extension: what every reasonable position accepts" },
  { "complete", AM_EVAL_LABELS, AM_SEM_COMPLETE, TRUE,
    "admissible sets that contain every argument they defend" },
  { "preferred", AM_EVAL_LABELS, AM_SEM_PREFERRED, TRUE,
    "maximal admissible sets" },
  { "stable", AM_EVAL_LABELS, AM_SEM_STABLE, TRUE,
    "conflict-free sets that attack every argument outside them" },
  { "semi-stable", AM_EVAL_LABELS, AM_SEM_SEMI_STABLE, TRUE,
    "complete extensions whose range (members and attacked) is maximal" },
  { "stage", AM_EVAL_LABELS, AM_SEM_STAGE, TRUE,
    "conflict-free sets whose range (members and attacked) is maximal" },
  { "ideal", AM_EVAL_LABELS, AM_SEM_IDEAL, FALSE,
    "the largest admissible set inside every preferred extension" },
  { "h-categorizer", AM_EVAL_STRENGTHS, AM_GRADUAL_H_CATEGORIZER, FALSE,
    "w / (1 + sum of attackers' strengths); supports do not count" },
  { "df-quad", AM_EVAL_STRENGTHS, AM_GRADUAL_DF_QUAD, FALSE,
    "DF-QuAD (Rago et al. 2016): attackers and supporters pull the base score down or up" },
  { "euler", AM_EVAL_STRENGTHS, AM_GRADUAL_EULER, FALSE,
    "Euler-based (Amgoud & Ben-Naim 2017): 1 - (1 - w^2) / (1 + w e^(supports - attacks))" },
  { "quadratic-energy", AM_EVAL_STRENGTHS, AM_GRADUAL_QUADRATIC_ENERGY, FALSE,
    "quadratic energy (Potyka 2018), a continuous model solved to its fixed point" },
  { NULL, 0, 0, FALSE, NULL },
};

/* Keep in sync with AmSupportMode. */
static const char *const support_names[] = { "none", "supported", "mediated", "both" };

const AmEvalSemantics *
am_eval_semantics_table (void)
{
  return semantics_table;
}

const AmEvalSemantics *
am_eval_semantics_by_name (const char *name)
{
  for (const AmEvalSemantics *s = semantics_table; s->name; s++)
    if (g_strcmp0 (s->name, name) == 0)
      return s;
  return NULL;
}

gboolean
am_eval_support_from_string (const char *s, AmSupportMode *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (support_names); i++)
    if (g_strcmp0 (s, support_names[i]) == 0) {
      *out = (AmSupportMode) i;
      return TRUE;
    }
  return FALSE;
}

const char *
am_eval_support_name (AmSupportMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (support_names), NULL);
  return support_names[mode];
}

void
am_eval_column_free (AmEvalColumn *col)
{
  if (col == NULL)
    return;
  g_free (col->labels);
  g_free (col->credulous);
  g_free (col->strengths);
  g_free (col);
}

/* Labels of a semantics other than grounded, from the solver. What is known without asking:
 * every complete extension contains the grounded one and so conflicts with what it attacks;
 * for the semantics whose extensions are complete (all but stage), grounded in means
 * sceptically accepted and grounded out means in no extension. Complete semantics: the
 * sceptical set is the grounded extension itself, and credulous acceptance is the same for
 * complete and preferred (every complete extension lies inside a preferred one), so both ask
 * the cheaper complete solver. Ideal: one extension, read off once. For the rest, witnesses
 * save queries: an extension that omits `a` rules out the sceptical acceptance of everything
 * it omits, and every member of any extension found is credulously accepted. */
static gboolean
solver_labels (const AmAf *af, AmDungSemantics sem, const AmLabel *grounded, AmEvalColumn *col,
               GError **error)
{
  guint n = af->n;
  gboolean complete_based = sem != AM_SEM_STAGE;
  g_autofree gboolean *ext = g_new0 (gboolean, n ? n : 1);
  g_autofree gboolean *candidate = g_new0 (gboolean, n ? n : 1);
  g_autofree gboolean *sceptical = g_new0 (gboolean, n ? n : 1);
  gboolean found = FALSE;
  g_autoptr (GError) local = NULL;
  /* One solver for all the queries of a kind, so they share its learnt clauses. */
  g_autoptr (AmDungSolver) ds = am_dung_solver_new (af, sem);
  g_autoptr (AmDungSolver) cred_ds = NULL;
  AmDungSolver *cred = ds;
  if (sem == AM_SEM_PREFERRED) {
    cred_ds = am_dung_solver_new (af, AM_SEM_COMPLETE);
    cred = cred_ds;
  }
  /* FALSE alone means "no extension"; only a set error is a failure. */
  if (!am_dung_solver_some_extension (ds, ext, &found, &local) && local != NULL) {
    g_propagate_error (error, g_steal_pointer (&local));
    return FALSE;
  }
  col->has_extension = found;
  for (guint a = 0; a < n; a++)
    col->labels[a] = AM_LABEL_UNDEC;
  if (!found)
    return TRUE;
  for (guint a = 0; a < n; a++) {
    if (sem == AM_SEM_IDEAL || sem == AM_SEM_COMPLETE)
      sceptical[a] = sem == AM_SEM_IDEAL ? ext[a] : grounded[a] == AM_LABEL_IN;
    else if (complete_based && grounded[a] == AM_LABEL_IN)
      sceptical[a] = TRUE;
    else
      candidate[a] = ext[a];
    if (ext[a])
      col->credulous[a] = TRUE;
  }
  for (guint a = 0; a < n; a++) {
    if (!candidate[a])
      continue;
    gboolean answer = FALSE, has_witness = FALSE;
    if (!am_dung_solver_accepts (ds, AM_ACCEPT_SCEPTICAL, a, &answer, ext, &has_witness, error))
      return FALSE;
    if (answer) {
      sceptical[a] = TRUE;
      continue;
    }
    candidate[a] = FALSE;
    if (has_witness)
      for (guint b = 0; b < n; b++) {
        if (!ext[b])
          candidate[b] = FALSE;
        else
          col->credulous[b] = TRUE;
      }
  }
  for (guint a = 0; a < n && sem != AM_SEM_IDEAL; a++) {
    if (col->credulous[a] || (complete_based && grounded[a] == AM_LABEL_OUT))
      continue;
    gboolean answer = FALSE, has_witness = FALSE;
    if (!am_dung_solver_accepts (cred, AM_ACCEPT_CREDULOUS, a, &answer, ext, &has_witness,
                                 error))
      return FALSE;
    if (!answer)
      continue;
    col->credulous[a] = TRUE;
    if (has_witness)
      for (guint b = 0; b < n; b++)
        if (ext[b])
          col->credulous[b] = TRUE;
  }
  /* The labelling of the set of sceptically accepted arguments. */
  for (guint a = 0; a < n; a++) {
    if (sceptical[a]) {
      col->labels[a] = AM_LABEL_IN;
      continue;
    }
    for (guint i = af->att_in_off[a]; i < af->att_in_off[a + 1]; i++)
      if (sceptical[af->att_in_idx[i]]) {
        col->labels[a] = AM_LABEL_OUT;
        break;
      }
  }
  return TRUE;
}

AmEvalColumn *
am_eval_column (const AmAf *bipolar, const AmAf *attacks, const AmEvalSemantics *s,
                GError **error)
{
  g_return_val_if_fail (bipolar && bipolar->finalized && attacks && attacks->finalized, NULL);
  g_return_val_if_fail (bipolar->n == attacks->n, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  guint n = bipolar->n;
  g_autoptr (AmEvalColumn) col = g_new0 (AmEvalColumn, 1);
  col->semantics = s;
  col->n = n;
  if (s->kind == AM_EVAL_STRENGTHS) {
    g_autoptr (AmGradualResult) r = am_gradual_compute (bipolar, s->id, NULL);
    col->strengths = g_steal_pointer (&r->strength);
    col->converged = r->converged;
    col->n_unconverged = r->n_unconverged;
    col->iterations = r->iterations;
    col->periodic = r->periodic;
    col->has_extension = TRUE;
    return g_steal_pointer (&col);
  }
  col->labels = g_new (AmLabel, n ? n : 1);
  col->credulous = g_new0 (gboolean, n ? n : 1);
  col->converged = TRUE;
  g_autofree AmLabel *grounded = g_new (AmLabel, n ? n : 1);
  am_grounded_labelling (attacks, grounded);
  gboolean total = TRUE;
  for (guint a = 0; a < n && total; a++)
    total = grounded[a] != AM_LABEL_UNDEC;
  /* Grounded needs no solver. Nor does any other semantics when the grounded labelling leaves
   * nothing undecided: the grounded extension then attacks everything outside it, so it is
   * stable, no complete extension can hold more, and it is the only extension of every
   * semantics here (stage extensions are the stable ones when one exists). */
  if (s->id == AM_SEM_GROUNDED || total) {
    memcpy (col->labels, grounded, n * sizeof *grounded);
    col->has_extension = TRUE;
    for (guint a = 0; a < n; a++)
      col->credulous[a] = col->labels[a] == AM_LABEL_IN;
    return g_steal_pointer (&col);
  }
  if (!solver_labels (attacks, s->id, grounded, col, error))
    return NULL;
  return g_steal_pointer (&col);
}

char *
am_eval_column_warning (const AmEvalColumn *col)
{
  if (col->semantics->kind == AM_EVAL_STRENGTHS) {
    if (col->converged)
      return NULL;
    char tol[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd (tol, sizeof tol, "%g", AM_GRADUAL_TOLERANCE);
    if (col->periodic)
      return g_strdup_printf ("%s does not converge on %u node%s: the iteration returns to the "
                              "same values every 2 steps (stopped after %u); their strengths "
                              "are the last iterate", col->semantics->name, col->n_unconverged,
                              col->n_unconverged == 1 ? "" : "s", col->iterations);
    return g_strdup_printf ("%s did not converge on %u node%s within %u iterations "
                            "(tolerance %s); their strengths are the last iterate",
                            col->semantics->name, col->n_unconverged,
                            col->n_unconverged == 1 ? "" : "s", col->iterations, tol);
  }
  if (!col->has_extension)
    return g_strdup_printf ("there is no %s extension: every node is undecided",
                            col->semantics->name);
  return NULL;
}

gboolean
am_eval_map_values (const AmMap *map, const char *name, AmSupportMode support,
                    AmLabel **labels, double **strengths, guint *n_values, GPtrArray *warnings,
                    GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  *labels = NULL;
  *strengths = NULL;
  *n_values = 0;
  const AmEvalSemantics *s = am_eval_semantics_by_name (name);
  if (s == NULL) {
    g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED, "unknown semantics '%s'", name);
    return FALSE;
  }
  g_autoptr (AmAf) af = am_af_from_map (map);
  g_autoptr (AmAf) derived = s->kind == AM_EVAL_LABELS ? am_af_derive (af, support) : NULL;
  g_autoptr (AmEvalColumn) col = am_eval_column (af, derived ? derived : af, s, error);
  if (col == NULL)
    return FALSE;
  char *warning = am_eval_column_warning (col);
  if (warning && warnings)
    g_ptr_array_add (warnings, warning);
  else
    g_free (warning);
  *n_values = col->n;
  if (s->kind == AM_EVAL_LABELS)
    *labels = g_steal_pointer (&col->labels);
  else
    *strengths = g_steal_pointer (&col->strengths);
  return TRUE;
}

/* Output */

static const char *const format_names[] = { "table", "csv", "json" };

gboolean
am_eval_format_from_string (const char *s, AmEvalFormat *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (s, format_names[i]) == 0) {
      *out = (AmEvalFormat) i;
      return TRUE;
    }
  return FALSE;
}

char *
am_eval_node_id (AmNodeRef ref)
{
  return g_strdup_printf ("%c%u", ref.kind == AM_NODE_STATEMENT ? 's' : 'a', ref.index + 1);
}

/* The node of framework argument a (as am_af_from_map numbers them). */
static AmNodeRef
node_of (const AmMap *map, guint a)
{
  guint ns = map->statements->len;
  return a < ns ? am_node_ref (AM_NODE_STATEMENT, a) : am_node_ref (AM_NODE_ARGUMENT, a - ns);
}

/* A node as Argdown writes it: [statement] or <argument>; control characters (a title read
 * from CSV may hold a line break) become spaces so that one node stays on one line. */
static char *
node_display (const AmMap *map, AmNodeRef ref)
{
  const char *t = am_map_node_title (map, ref);
  char *s = ref.kind == AM_NODE_STATEMENT ? g_strdup_printf ("[%s]", t)
                                          : g_strdup_printf ("<%s>", t);
  for (char *p = s; *p; p++)
    if ((unsigned char) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return s;
}

/* A strength with six significant digits, whatever the locale. */
static void
append_strength (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.6g", v);
  g_string_append (out, buf);
}

static void
append_value (GString *out, const AmEvalColumn *col, guint a)
{
  if (col->semantics->kind == AM_EVAL_LABELS)
    g_string_append (out, am_label_name (col->labels[a]));
  else
    append_strength (out, col->strengths[a]);
}

static void
append_padded (GString *out, const char *text, guint width)
{
  g_string_append (out, text);
  for (glong i = g_utf8_strlen (text, -1); i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

static void
write_table (const AmMap *map, const AmEvalColumn *const *cols, guint n_cols,
             AmSupportMode support, GString *out)
{
  guint n = n_cols ? cols[0]->n : 0;
  gboolean show_credulous = n_cols == 1 && cols[0]->semantics->several;
  gboolean any_labels = FALSE;
  for (guint c = 0; c < n_cols; c++)
    any_labels = any_labels || cols[c]->semantics->kind == AM_EVAL_LABELS;
  if (n_cols == 1)
    g_string_append_printf (out, "%s semantics", cols[0]->semantics->name);
  else
    g_string_append (out, "all semantics");
  if (any_labels)
    g_string_append_printf (out, " (support: %s)", am_eval_support_name (support));
  g_string_append (out, "\n");
  g_autofree guint *width = g_new (guint, n_cols ? n_cols : 1);
  for (guint c = 0; c < n_cols; c++) {
    const char *head = n_cols == 1 ? (cols[c]->semantics->kind == AM_EVAL_LABELS ? "label"
                                                                               : "strength")
                                   : cols[c]->semantics->name;
    width[c] = MAX (strlen (head), 9) + 2;
    append_padded (out, head, width[c]);
  }
  if (show_credulous)
    append_padded (out, "credulous", 11);
  g_string_append (out, "node\n");
  for (guint a = 0; a < n; a++) {
    for (guint c = 0; c < n_cols; c++) {
      g_autoptr (GString) v = g_string_new (NULL);
      append_value (v, cols[c], a);
      append_padded (out, v->str, width[c]);
    }
    if (show_credulous)
      append_padded (out, cols[0]->credulous[a] ? "yes" : "no", 11);
    g_autofree char *node = node_display (map, node_of (map, a));
    g_string_append (out, node);
    g_string_append_c (out, '\n');
  }
}

/* One CSV cell (RFC 4180): quoted by libcsv when it holds a separator, quote or line break.
 * Unless raw, a cell a spreadsheet would run as a formula (= + - @ TAB CR first) gets a
 * leading ', and so does one that starts with ' already, as the CSV writer does (DESIGN §4,
 * docs/csv.md): reading removes exactly one. */
static void
append_csv_cell (GString *out, const char *cell, gboolean raw)
{
  g_autofree char *safe = NULL;
  if (!raw && cell[0] != '\0' && strchr ("=+-@\t\r'", cell[0]) != NULL)
    cell = safe = g_strconcat ("'", cell, NULL);
  if (strpbrk (cell, ",\"\r\n") == NULL) {
    g_string_append (out, cell);
    return;
  }
  size_t len = strlen (cell);
  size_t need = csv_write (NULL, 0, cell, len);
  g_autofree char *buf = g_malloc (need);
  csv_write (buf, need, cell, len);
  g_string_append_len (out, buf, need);
}

static void
write_csv (const AmMap *map, const AmEvalColumn *const *cols, guint n_cols, gboolean raw,
           GString *out)
{
  guint n = n_cols ? cols[0]->n : 0;
  g_string_append (out, "id,title");
  for (guint c = 0; c < n_cols; c++) {
    g_string_append_c (out, ',');
    append_csv_cell (out, cols[c]->semantics->name, raw);
  }
  g_string_append_c (out, '\n');
  for (guint a = 0; a < n; a++) {
    AmNodeRef ref = node_of (map, a);
    g_autofree char *id = am_eval_node_id (ref);
    g_string_append (out, id);
    g_string_append_c (out, ',');
    append_csv_cell (out, am_map_node_title (map, ref), raw);
    for (guint c = 0; c < n_cols; c++) {
      g_string_append_c (out, ',');
      append_value (out, cols[c], a);
    }
    g_string_append_c (out, '\n');
  }
}

static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
    switch (*p) {
    case '"':
      g_string_append (out, "\\\"");
      break;
    case '\\':
      g_string_append (out, "\\\\");
      break;
    case '\n':
      g_string_append (out, "\\n");
      break;
    case '\t':
      g_string_append (out, "\\t");
      break;
    case '\r':
      g_string_append (out, "\\r");
      break;
    default:
      if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  }
  g_string_append_c (out, '"');
}

static void
write_json (const AmMap *map, const AmEvalColumn *const *cols, guint n_cols,
            AmSupportMode support, GString *out)
{
  guint n = n_cols ? cols[0]->n : 0;
  g_string_append (out, "{\n  \"file\": ");
  append_json_string (out, map->name ? map->name : "");
  g_string_append (out, ",\n  \"support\": ");
  append_json_string (out, am_eval_support_name (support));
  g_string_append (out, ",\n  \"semantics\": [");
  for (guint c = 0; c < n_cols; c++) {
    const AmEvalColumn *col = cols[c];
    g_string_append (out, c ? ",\n    {" : "\n    {");
    g_string_append (out, "\"name\": ");
    append_json_string (out, col->semantics->name);
    if (col->semantics->kind == AM_EVAL_LABELS)
      g_string_append_printf (out, ", \"kind\": \"labels\", \"has_extension\": %s}",
                              col->has_extension ? "true" : "false");
    else
      g_string_append_printf (out, ", \"kind\": \"strengths\", \"converged\": %s, "
                              "\"unconverged\": %u, \"periodic\": %s, \"iterations\": %u}",
                              col->converged ? "true" : "false", col->n_unconverged,
                              col->periodic ? "true" : "false", col->iterations);
  }
  g_string_append (out, n_cols ? "\n  ],\n  \"nodes\": [" : "],\n  \"nodes\": [");
  for (guint a = 0; a < n; a++) {
    AmNodeRef ref = node_of (map, a);
    g_autofree char *id = am_eval_node_id (ref);
    g_string_append (out, a ? ",\n    {\"id\": " : "\n    {\"id\": ");
    append_json_string (out, id);
    g_string_append (out, ", \"kind\": ");
    append_json_string (out, am_node_kind_to_string (ref.kind));
    g_string_append (out, ", \"title\": ");
    append_json_string (out, am_map_node_title (map, ref));
    /* Three groups, each present only when some column belongs to it. */
    const char *groups[] = { "labels", "credulous", "strengths" };
    for (guint g = 0; g < 3; g++) {
      gboolean first = TRUE;
      for (guint c = 0; c < n_cols; c++) {
        const AmEvalColumn *col = cols[c];
        gboolean here = g == 2 ? col->semantics->kind == AM_EVAL_STRENGTHS
                               : col->semantics->kind == AM_EVAL_LABELS;
        if (!here)
          continue;
        g_string_append_printf (out, first ? ", \"%s\": {" : ", ", groups[g]);
        first = FALSE;
        append_json_string (out, col->semantics->name);
        g_string_append (out, ": ");
        if (g == 0)
          append_json_string (out, am_label_name (col->labels[a]));
        else if (g == 1)
          g_string_append (out, col->credulous[a] ? "true" : "false");
        else
          append_strength (out, col->strengths[a]);
      }
      if (!first)
        g_string_append_c (out, '}');
    }
    g_string_append_c (out, '}');
  }
  g_string_append (out, n ? "\n  ]\n}\n" : "]\n}\n");
}

void
am_eval_write (const AmMap *map, const AmEvalColumn *const *cols, guint n_cols,
               AmSupportMode support, AmEvalFormat format, gboolean csv_raw, GString *out)
{
  switch (format) {
  case AM_EVAL_FORMAT_TABLE:
    write_table (map, cols, n_cols, support, out);
    break;
  case AM_EVAL_FORMAT_CSV:
    write_csv (map, cols, n_cols, csv_raw, out);
    break;
  case AM_EVAL_FORMAT_JSON:
    write_json (map, cols, n_cols, support, out);
    break;
  }
}
