/* am-dung: abstract (Dung) semantics over the attack graph of an AmAf: grounded in linear time,
 * the others through SAT (CaDiCaL). */
#pragma once

#include "am-af.h"

G_BEGIN_DECLS

/* Keep in sync with am_dung_semantics_names in am-dung.c. */
typedef enum {
  AM_SEM_GROUNDED,
  AM_SEM_COMPLETE,
  AM_SEM_PREFERRED,
  AM_SEM_STABLE,
  AM_SEM_SEMI_STABLE,
  AM_SEM_STAGE,
  AM_SEM_IDEAL,
  AM_SEM_N_DUNG,
} AmDungSemantics;

typedef enum {
  AM_LABEL_IN,
  AM_LABEL_OUT,
  AM_LABEL_UNDEC,
} AmLabel;

/* "grounded", "complete", ... (static); and back (FALSE if unknown). ICCMA codes "GR", "CO",
 * "PR", "ST", "SST", "STG", "ID" are accepted too. */
const char *am_dung_semantics_name (AmDungSemantics s);
gboolean am_dung_semantics_from_string (const char *s, AmDungSemantics *out);
const char *am_label_name (AmLabel label); /* "in", "out", "undecided" */

/* The grounded labelling: labels[a] for each of the af->n arguments. Linear time, iterative. */
void am_grounded_labelling (const AmAf *af, AmLabel *labels);
/* The same with ranks, for explanations: rank[a] of an in argument is 1 + the largest rank of
 * its attackers (0 when unattacked); rank[b] of an out argument is the smallest rank of an in
 * attacker, and defeater[b] is that attacker (G_MAXUINT for in and undecided arguments). Along
 * a justification (in -> its attackers, out -> its defeater) ranks strictly decrease. Both
 * rank and defeater given, or both NULL (the labels alone: am_grounded_labelling). */
void am_grounded_labelling_ranked (const AmAf *af, AmLabel *labels, guint *rank,
                                   guint *defeater);

/* One extension of semantics `s`: in[a] tells membership (af->n entries). Returns FALSE and
 * sets *found = FALSE when there is none (stable semantics may have none); FALSE with `error`
 * set on a solver failure. */
gboolean am_dung_some_extension (const AmAf *af, AmDungSemantics s, gboolean *in,
                                 gboolean *found, GError **error);

typedef enum {
  AM_ACCEPT_CREDULOUS,
  AM_ACCEPT_SCEPTICAL,
} AmAcceptMode;

/* Is `arg` accepted (credulously: in some extension; sceptically: in all)? *answer holds the
 * answer; `witness` (may be NULL, else af->n entries) receives an extension that proves it
 * where one exists (credulous YES: one containing arg; sceptical NO: one without it), and
 * *has_witness tells whether it was filled. Returns FALSE with `error` on solver failure. */
gboolean am_dung_accepts (const AmAf *af, AmDungSemantics s, AmAcceptMode mode, guint arg,
                          gboolean *answer, gboolean *witness, gboolean *has_witness,
                          GError **error);

/* Calls `fn` for every extension (in[] valid only during the call), until it returns FALSE.
 * Returns the number of extensions visited, or -1 with `error` set. */
typedef gboolean (*AmExtensionFunc) (const gboolean *in, guint n, gpointer user_data);
gint64 am_dung_enumerate (const AmAf *af, AmDungSemantics s, AmExtensionFunc fn,
                          gpointer user_data, GError **error);

/* Added by the semantics engineer: a solver kept across queries on one framework, so that
 * many questions (every argument's acceptance, enumeration) share one SAT instance and its
 * learnt clauses. The functions above are one-shot wrappers around it. `af` must outlive it. */
typedef struct _AmDungSolver AmDungSolver;
AmDungSolver *am_dung_solver_new (const AmAf *af, AmDungSemantics s);
void am_dung_solver_free (AmDungSolver *ds);
/* Switches the semantics later queries are about, keeping the SAT instance (and what it has
 * learnt): answering several semantics of one framework this way costs one instance. */
void am_dung_solver_set_semantics (AmDungSolver *ds, AmDungSemantics s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmDungSolver, am_dung_solver_free)
gboolean am_dung_solver_some_extension (AmDungSolver *ds, gboolean *in, gboolean *found,
                                        GError **error);
gboolean am_dung_solver_accepts (AmDungSolver *ds, AmAcceptMode mode, guint arg,
                                 gboolean *answer, gboolean *witness, gboolean *has_witness,
                                 GError **error);
gint64 am_dung_solver_enumerate (AmDungSolver *ds, AmExtensionFunc fn, gpointer user_data,
                                 GError **error);
/* The ICCMA code of a semantics: "GR", "CO", "PR", "ST", "SST", "STG", "ID" (static). */
const char *am_dung_semantics_code (AmDungSemantics s);

G_END_DECLS
