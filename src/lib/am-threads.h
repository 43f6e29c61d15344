/* am-threads: how many threads argmap's readers and writers may use. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ARGMAP_THREADS when it is set to a number from 1 up (1: work on the calling thread only),
 * else the number of processors. Read once. */
guint am_threads_default (void);

G_END_DECLS
