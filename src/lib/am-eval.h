/* am-eval: every semantics by name, evaluated on a map: per node a label or a strength. */
#pragma once

#include "am-af.h"
#include "am-dung.h"
#include "am-gradual.h"
#include "am-model.h"

G_BEGIN_DECLS

typedef enum {
  AM_EVAL_LABELS,    /* Dung semantics: in, out, undecided per node */
  AM_EVAL_STRENGTHS, /* gradual semantics: a strength in [0,1] per node */
} AmEvalKind;

typedef struct {
  const char *name;         /* as given to --semantics: "grounded", "df-quad" ... */
  AmEvalKind kind;
  guint id;                 /* an AmDungSemantics or an AmGradualSemantics */
  gboolean several;         /* may have several extensions: labels are the sceptical ones */
  const char *description;
} AmEvalSemantics;

/* The table, in the column order of `--semantics all`: the 7 Dung semantics, then the 4
 * gradual ones; terminated by an entry whose name is NULL. Static. */
const AmEvalSemantics *am_eval_semantics_table (void);
/* By name (NULL if unknown; "all" is not a semantics). */
const AmEvalSemantics *am_eval_semantics_by_name (const char *name);

/* Support modes by name: "none", "supported", "mediated", "both"; FALSE if unknown. */
gboolean am_eval_support_from_string (const char *s, AmSupportMode *out);
const char *am_eval_support_name (AmSupportMode mode);
/* The support mode used when none is given (docs/semantics.md). */
#define AM_EVAL_DEFAULT_SUPPORT AM_SUPPORT_NONE

/* One semantics evaluated on one framework. */
typedef struct {
  const AmEvalSemantics *semantics;
  guint n;
  /* AM_EVAL_LABELS: labels[a]; credulous[a] tells whether a belongs to some extension.
   * in: a belongs to every extension (sceptically accepted); out: a is attacked by an argument
   * that is in; undecided otherwise. With no extension at all (stable semantics may have
   * none), has_extension is FALSE and every node is undecided. */
  AmLabel *labels;
  gboolean *credulous;
  gboolean has_extension;
  /* AM_EVAL_STRENGTHS: the final strengths and the solver's report. */
  double *strengths;
  gboolean converged;
  guint n_unconverged;
  guint iterations;
  gboolean periodic;      /* stopped on a 2-cycle of the iteration (see AmGradualResult) */
} AmEvalColumn;

void am_eval_column_free (AmEvalColumn *col);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmEvalColumn, am_eval_column_free)

/* Evaluates `s`. Label semantics read the attacks of `attacks` (the framework with the derived
 * attacks of the chosen support mode, see am_af_derive); strength semantics read attacks and
 * supports of `bipolar`. Both finalized, with the same arguments. Returns a new column, or
 * NULL with `error` set when the SAT solver fails. */
AmEvalColumn *am_eval_column (const AmAf *bipolar, const AmAf *attacks, const AmEvalSemantics *s,
                              GError **error);

/* For `argmap render --semantics S`: evaluates semantics `name` on `map` and returns its
 * values indexed as am_af_from_map numbers nodes (statements, then arguments), n_values of
 * them: *labels (owned, g_free) for a Dung semantics and *strengths (NULL) otherwise, or the
 * other way round; the pointer not filled is set to NULL. `support` is the support mode for
 * Dung semantics. Unknown name: AM_ERROR_UNSUPPORTED. `warnings` (may be NULL) receives
 * readable warnings (char*, e.g. non-convergence, no stable extension). */
gboolean am_eval_map_values (const AmMap *map, const char *name, AmSupportMode support,
                             AmLabel **labels, double **strengths, guint *n_values,
                             GPtrArray *warnings, GError **error);

/* A readable warning about `col` (newly allocated), or NULL when there is nothing to say:
 * non-convergence of a gradual semantics, no extension of a Dung semantics. */
char *am_eval_column_warning (const AmEvalColumn *col);

typedef enum {
  AM_EVAL_FORMAT_TABLE, /* aligned columns for a terminal */
  AM_EVAL_FORMAT_CSV,   /* acceptance.csv: id,title,<one column per semantics> */
  AM_EVAL_FORMAT_JSON,
} AmEvalFormat;

gboolean am_eval_format_from_string (const char *s, AmEvalFormat *out);

/* The id of a node in eval output: "s<k>" for the k-th statement, "a<k>" for the k-th
 * argument (1-based, map order), as in the CSV writer's nodes.csv. Newly allocated. */
char *am_eval_node_id (AmNodeRef ref);

/* Writes the columns (all computed on am_af_from_map (map)) to `out` in `format`. CSV cells
 * that a spreadsheet would run as a formula (or that start with ') get a leading ' unless
 * `csv_raw`, as in the CSV writer. Output is deterministic. */
void am_eval_write (const AmMap *map, const AmEvalColumn *const *cols, guint n_cols,
                    AmSupportMode support, AmEvalFormat format, gboolean csv_raw, GString *out);

G_END_DECLS
