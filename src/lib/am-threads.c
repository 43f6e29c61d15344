/* am-threads: how many threads argmap's readers and writers may use. */
#include "am-threads.h"

#include <stdlib.h>

guint
am_threads_default (void)
{
  static gsize threads = 0;
  if (g_once_init_enter (&threads)) {
    const char *env = g_getenv ("ARGMAP_THREADS");
    guint64 n = 0;
    if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 1, 1024, &n, NULL))
      n = (guint64) g_get_num_processors ();
    g_once_init_leave (&threads, (gsize) n);
  }
  return (guint) threads;
}
