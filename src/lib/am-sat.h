/* am-sat: a thin incremental SAT interface over CaDiCaL's C API (ccadical.h). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Literals are non-zero ints (DIMACS style): v or -v for variable v >= 1. */
typedef struct _AmSat AmSat;

/* A new solver with `nvars` variables already reserved (1..nvars). CaDiCaL runs quiet. */
AmSat *am_sat_new (int nvars);
void am_sat_free (AmSat *sat);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmSat, am_sat_free)

/* A fresh variable (> every variable used so far). */
int am_sat_new_var (AmSat *sat);
/* Reserves `k` fresh variables base+1 .. base+k and returns base. */
int am_sat_reserve (AmSat *sat, int k);
void am_sat_add_clause (AmSat *sat, const int *lits, guint n);
void am_sat_add1 (AmSat *sat, int a);
void am_sat_add2 (AmSat *sat, int a, int b);
void am_sat_add3 (AmSat *sat, int a, int b, int c);

/* Solves under the assumptions (may be NULL when n == 0). Returns 10 (satisfiable),
 * 20 (unsatisfiable) or 0 (interrupted). */
int am_sat_solve (AmSat *sat, const int *assumptions, guint n);
/* TRUE when `lit` is true in the last model. */
gboolean am_sat_true (AmSat *sat, int lit);

G_END_DECLS
