/* am-text: checks on the text every reader is given. */
#include "am-text.h"

#include <string.h>

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

gboolean
am_text_validate (const char *text, gsize len, const char **bad)
{
  const guchar *p = (const guchar *) text, *end = p + len;
  while (p < end) {
    /* A word of ASCII without NUL: no high bit, and no zero byte ((w - ONES) & ~w sets the
     * high bit of a byte that was zero). */
    while (end - p >= 8) {
      guint64 w;
      memcpy (&w, p, 8);
      if (((w | ((w - ONES) & ~w)) & HIGHS) != 0)
        break;
      p += 8;
    }
    if (p == end)
      break;
    if (*p == 0)
      goto invalid;
    if (*p < 0x80) {
      p++;
      continue;
    }
    /* One character (its length from its first byte), by GLib's rules. */
    gsize n = MIN ((gsize) g_utf8_skip[*p], (gsize) (end - p));
    const char *stop;
    if (!g_utf8_validate_len ((const char *) p, n, &stop)) {
      p = (const guchar *) stop;
      goto invalid;
    }
    p += n;
  }
  return TRUE;

invalid:
  if (bad)
    *bad = (const char *) p;
  return FALSE;
}
