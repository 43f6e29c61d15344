/* am-bytes: copies of the short strings (titles, keys, numbers) that the readers and writers
 * make by the hundred million on a large map. */
#pragma once

#include <glib.h>
#include <string.h>

/* memcpy (dst, src, len), without a call for up to 16 bytes: two copies of a fixed size that
 * may overlap, reading and writing nothing outside the two ranges. A call to memcpy costs more
 * than such a copy, and most of these are a few bytes. */
static inline void
am_copy (char *dst, const char *src, gsize len)
{
  if (len >= 8 && len <= 16) {
    guint64 a, b;
    memcpy (&a, src, 8);
    memcpy (&b, src + len - 8, 8);
    memcpy (dst, &a, 8);
    memcpy (dst + len - 8, &b, 8);
  } else if (len >= 4 && len < 8) {
    guint32 a, b;
    memcpy (&a, src, 4);
    memcpy (&b, src + len - 4, 4);
    memcpy (dst, &a, 4);
    memcpy (dst + len - 4, &b, 4);
  } else if (len < 4) {
    for (gsize i = 0; i < len; i++)
      dst[i] = src[i];
  } else {
    memcpy (dst, src, len);
  }
}

/* memcmp (a, b, len) == 0, without a call for up to 16 bytes (as am_copy). */
static inline gboolean
am_equal (const char *a, const char *b, gsize len)
{
  if (len >= 8 && len <= 16) {
    guint64 a1, a2, b1, b2;
    memcpy (&a1, a, 8);
    memcpy (&a2, a + len - 8, 8);
    memcpy (&b1, b, 8);
    memcpy (&b2, b + len - 8, 8);
    return ((a1 ^ b1) | (a2 ^ b2)) == 0;
  }
  if (len >= 4 && len < 8) {
    guint32 a1, a2, b1, b2;
    memcpy (&a1, a, 4);
    memcpy (&a2, a + len - 4, 4);
    memcpy (&b1, b, 4);
    memcpy (&b2, b + len - 4, 4);
    return ((a1 ^ b1) | (a2 ^ b2)) == 0;
  }
  if (len < 4) {
    for (gsize i = 0; i < len; i++)
      if (a[i] != b[i])
        return FALSE;
    return TRUE;
  }
  return memcmp (a, b, len) == 0;
}
