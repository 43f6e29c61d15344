/* am-text: checks on the text every reader is given. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the `len` bytes at `text` are UTF-8 without NUL bytes (what g_utf8_validate_len
 * accepts). Otherwise FALSE, with `bad` (may be NULL) at the first byte that is not. ASCII is
 * checked eight bytes at a time: readers call this on every input, and GLib's byte-at-a-time
 * loop was a twentieth of reading a large map. */
gboolean am_text_validate (const char *text, gsize len, const char **bad);

G_END_DECLS
