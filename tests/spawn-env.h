/* spawn-env: the environment a test runs argmap in. */
#pragma once

#include <glib.h>

/* This process's environment, plus full malloc stacks under AddressSanitizer: the library's
 * suppressions of Graphviz's own leaks (am-render.c) match only on full stacks. Without
 * sanitizers the variable is ignored. Free with g_strfreev(). */
static inline char **
am_test_spawn_env (void)
{
  char **env = g_get_environ ();
  const char *asan = g_environ_getenv (env, "ASAN_OPTIONS");
  g_autofree char *options
      = g_strdup_printf ("%s%sfast_unwind_on_malloc=0", asan ? asan : "", asan ? ":" : "");
  return g_environ_setenv (env, "ASAN_OPTIONS", options, TRUE);
}
