/* am-af: abstract and bipolar argumentation frameworks, the input of every semantics. */
#pragma once

#include <glib.h>

#include "am-model.h"

G_BEGIN_DECLS

/* Arguments are 0..n-1. Attacks and supports are edge lists, frozen by am_af_finalize() into
 * adjacency arrays (CSR): for argument a, its attackers are
 * att_in_idx[att_in_off[a] .. att_in_off[a+1]), the arguments it attacks
 * att_out_idx[att_out_off[a] .. att_out_off[a+1]); likewise sup_* for supports. Duplicate edges
 * are removed when finalizing; self-attacks are kept. */
typedef struct {
  guint n;
  char **names;     /* n names (owned), or NULL: then argument a is named a+1 (ICCMA style) */
  double *weights;  /* n base scores in [0,1] (owned; 0.5 where not set) */
  GArray *att_from, *att_to;  /* guint edge lists, attack from -> to */
  GArray *sup_from, *sup_to;  /* guint edge lists, support from -> to */
  gboolean finalized;
  guint *att_in_off, *att_in_idx, *att_out_off, *att_out_idx;
  guint *sup_in_off, *sup_in_idx, *sup_out_off, *sup_out_idx;
  /* When built from a map: argument a is node nodes[a] of that map. */
  AmNodeRef *nodes;
} AmAf;

/* How supports turn into attacks for the Dung semantics (docs/semantics.md). */
typedef enum {
  AM_SUPPORT_NONE,
  AM_SUPPORT_SUPPORTED, /* a supports x, x attacks b => a attacks b (transitively along supports) */
  AM_SUPPORT_MEDIATED,  /* a attacks x, b supports x => a attacks b */
  AM_SUPPORT_BOTH,
} AmSupportMode;

AmAf *am_af_new (guint n);
void am_af_free (AmAf *af);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmAf, am_af_free)

void am_af_add_attack (AmAf *af, guint from, guint to);
void am_af_add_support (AmAf *af, guint from, guint to);
/* Sorts, removes duplicates and builds the adjacency arrays; edges cannot be added after. */
void am_af_finalize (AmAf *af);
/* Name of argument a: names[a], or its 1-based number (newly allocated). */
char *am_af_dup_name (const AmAf *af, guint a);
/* Finalized framework whose attacks are those of `af` plus the derived attacks of `mode`;
 * supports are kept as they are. */
AmAf *am_af_derive (const AmAf *af, AmSupportMode mode);

/* The bipolar framework of a map: every statement and argument is an argument of the framework
 * (statements first, then arguments, in map order); attacks are attack and undercut relations,
 * contradictions both ways; supports are support relations. Weights from `weight:`. Finalized. */
AmAf *am_af_from_map (const AmMap *map);

G_END_DECLS
