/* am-pages: zeroed memory for large tables, straight from the kernel with its pages present. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `size` zeroed bytes. From 64 KB on they come from mmap with MAP_POPULATE: a page fault for
 * each 4 KB page costs more than the kernel's filling them in one call, and a calloc'd page
 * read before it is written (a hash table's slot) faults twice. Aborts when out of memory, as
 * g_malloc does. */
gpointer am_pages_new0 (gsize size);
/* Frees what am_pages_new0 (`size`) gave (NULL: nothing). */
void am_pages_free (gpointer p, gsize size);

G_END_DECLS
