/* am-sat: a thin incremental SAT interface over CaDiCaL's C API (ccadical.h). */
#include "am-sat.h"

#include <ccadical.h>

struct _AmSat {
  CCaDiCaL *solver;
  int nvars;
};

AmSat *
am_sat_new (int nvars)
{
  AmSat *sat = g_new0 (AmSat, 1);
  sat->solver = ccadical_init ();
  ccadical_set_option (sat->solver, "quiet", 1);
  /* CaDiCaL times its phases with getrusage() by default: several system calls per solve,
   * which dominate the many small incremental calls semantics make. No profiling, and the
   * (vDSO) wall clock for what timing remains. */
  ccadical_set_option (sat->solver, "profile", 0);
  ccadical_set_option (sat->solver, "realtime", 1);
  /* Decide variables true first, always (not the saved phase): models then have as many
   * members as the clauses allow, so growing an extension or a range to a maximal one takes
   * a few steps instead of one per argument (stage on a 20,000-argument chain: 10 solver
   * calls instead of 464). */
  ccadical_set_option (sat->solver, "forcephase", 1);
  sat->nvars = nvars;
  return sat;
}

void
am_sat_free (AmSat *sat)
{
  if (sat == NULL)
    return;
  ccadical_release (sat->solver);
  g_free (sat);
}

int
am_sat_new_var (AmSat *sat)
{
  return ++sat->nvars;
}

int
am_sat_reserve (AmSat *sat, int k)
{
  int base = sat->nvars;
  sat->nvars += k;
  return base;
}

void
am_sat_add_clause (AmSat *sat, const int *lits, guint n)
{
  for (guint i = 0; i < n; i++)
    ccadical_add (sat->solver, lits[i]);
  ccadical_add (sat->solver, 0);
}

void
am_sat_add1 (AmSat *sat, int a)
{
  ccadical_add (sat->solver, a);
  ccadical_add (sat->solver, 0);
}

void
am_sat_add2 (AmSat *sat, int a, int b)
{
  ccadical_add (sat->solver, a);
  ccadical_add (sat->solver, b);
  ccadical_add (sat->solver, 0);
}

void
am_sat_add3 (AmSat *sat, int a, int b, int c)
{
  ccadical_add (sat->solver, a);
  ccadical_add (sat->solver, b);
  ccadical_add (sat->solver, c);
  ccadical_add (sat->solver, 0);
}

int
am_sat_solve (AmSat *sat, const int *assumptions, guint n)
{
  for (guint i = 0; i < n; i++)
    ccadical_assume (sat->solver, assumptions[i]);
  return ccadical_solve (sat->solver);
}

gboolean
am_sat_true (AmSat *sat, int lit)
{
  return ccadical_val (sat->solver, lit) > 0;
}
