/* spawn-env: running the argmap binary from a test, and the environment it runs in. */
#pragma once

#include <sys/wait.h>

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

/* Runs $ARGMAP (which must be set) with `args` (NULL-terminated) in am_test_spawn_env(), plus
 * `var`=`value` when `var` is not NULL. Standard output and error go to `out` and `err` (newly
 * allocated), or nowhere when NULL. Returns the exit status, -1 when it did not exit. */
static inline int
am_test_run_argmap (const char *const *args, const char *var, const char *value, char **out,
                    char **err)
{
  const char *argmap = g_getenv ("ARGMAP");
  g_assert_nonnull (argmap);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) argmap);
  for (const char *const *a = args; *a; a++)
    g_ptr_array_add (argv, (char *) *a);
  g_ptr_array_add (argv, NULL);
  g_auto (GStrv) env = am_test_spawn_env ();
  if (var != NULL)
    env = g_environ_setenv (env, var, value, TRUE);
  GSpawnFlags flags = (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL)
                      | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL);
  g_autoptr (GError) error = NULL;
  int wait = 0;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, flags, NULL, NULL, out, err,
                               &wait, &error));
  g_assert_no_error (error);
  return WIFEXITED (wait) ? WEXITSTATUS (wait) : -1;
}
