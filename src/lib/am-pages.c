/* am-pages: zeroed memory for large tables (see am-pages.h). */
#include "am-pages.h"

#include <sys/mman.h>

#define PAGES_MIN (64 * 1024)

gpointer
am_pages_new0 (gsize size)
{
  if (size < PAGES_MIN)
    return g_malloc0 (size);
  void *p = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
                  -1, 0);
  if (p == MAP_FAILED)
    g_error ("out of memory (%" G_GSIZE_FORMAT " bytes)", size);
  return p;
}

void
am_pages_free (gpointer p, gsize size)
{
  if (size < PAGES_MIN)
    g_free (p);
  else if (p != NULL)
    munmap (p, size);
}
