/* am-gradual: gradual (weighted, bipolar) semantics: h-categorizer, DF-QuAD, Euler-based and
 * quadratic energy, solved to a fixed point one strongly connected component at a time. */
#pragma once

#include "am-af.h"

G_BEGIN_DECLS

/* Keep in sync with gradual_names in am-gradual.c. */
typedef enum {
  AM_GRADUAL_H_CATEGORIZER,
  AM_GRADUAL_DF_QUAD,
  AM_GRADUAL_EULER,
  AM_GRADUAL_QUADRATIC_ENERGY,
  AM_N_GRADUAL,
} AmGradualSemantics;

/* "h-categorizer", "df-quad", "euler", "quadratic-energy" (static); and back. */
const char *am_gradual_semantics_name (AmGradualSemantics s);
gboolean am_gradual_semantics_from_string (const char *s, AmGradualSemantics *out);

/* Defaults, documented in docs/semantics.md: a component has converged when no strength moves
 * by more than AM_GRADUAL_TOLERANCE in one step; at most AM_GRADUAL_MAX_ITERATIONS steps are
 * taken per component. */
#define AM_GRADUAL_TOLERANCE 1e-9
#define AM_GRADUAL_MAX_ITERATIONS 100000

typedef struct {
  double tolerance;       /* <= 0: AM_GRADUAL_TOLERANCE */
  guint max_iterations;   /* 0: AM_GRADUAL_MAX_ITERATIONS */
} AmGradualOptions;

typedef struct {
  guint n;
  double *strength;       /* n final strengths in [0,1] (owned) */
  gboolean converged;     /* every component reached the tolerance */
  guint n_unconverged;    /* arguments in components that did not */
  guint iterations;       /* the most steps any component took */
  double residual;        /* the largest last step of any component */
  gboolean periodic;      /* some component was stopped early: its synchronous step returned
                             exactly to the values of two steps before (a 2-cycle) */
} AmGradualResult;

void am_gradual_result_free (AmGradualResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmGradualResult, am_gradual_result_free)

/* Strengths of every argument of the finalized framework `af` under `s`, starting from the
 * base scores af->weights. h-categorizer counts attacks only; the others attacks and supports.
 * `options` may be NULL. Returns a new result (never NULL); check ->converged. */
AmGradualResult *am_gradual_compute (const AmAf *af, AmGradualSemantics s,
                                     const AmGradualOptions *options);

/* How much one incoming edge moved the strength of its target. */
typedef struct {
  guint from;
  gboolean support;       /* FALSE: an attack */
  double without;         /* the target's strength with this edge removed */
  double effect;          /* strength - without: > 0 raised it, < 0 lowered it */
} AmGradualContribution;

/* The contribution of each direct attacker and supporter of `target`: the framework restricted
 * to `target`'s ancestors is solved again without that one edge. Sorted by |effect|, largest
 * first (ties by edge order). Returns a GArray of AmGradualContribution; *strength receives
 * the target's strength and *converged whether every solve converged. */
GArray *am_gradual_contributions (const AmAf *af, AmGradualSemantics s,
                                  const AmGradualOptions *options, guint target,
                                  double *strength, gboolean *converged);

G_END_DECLS
