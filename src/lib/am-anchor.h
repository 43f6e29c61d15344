/* am-anchor: finding a quote in a source text, tolerant of typography, in original offsets. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a quote is matched (docs/annotation.md has the reasons):
 *  - both texts are put in Unicode NFC;
 *  - typographic apostrophes and single quotes ’ ‘ ‚ ‛ ʼ become ', double quotes “ ” „ ‟
 *    become ", dashes and minus ‐ ‑ ‒ – — ― − become -, the ellipsis … becomes ...;
 *  - soft hyphens, zero-width spaces, word joiners and byte-order marks are dropped;
 *  - every run of white space (new lines, tabs, no-break and other Unicode spaces) becomes one
 *    space, and white space at either end is dropped;
 *  - letter case is NOT folded: a quote is a citation;
 *  - a match must start and end on word boundaries ("war" is not found in "warrant").
 * Offsets are in characters (Unicode code points) of the ORIGINAL text, [start, end). */

/* A source text prepared for matching: its normalised copy and a map from every byte of that
 * copy back to the original characters it came from. Building it is linear in the text. */
typedef struct _AmAnchorText AmAnchorText;

/* One place a quote was found. line and column (1-based, column in characters) are those of
 * `start` in the original text. */
typedef struct {
  gint64 start;
  gint64 end;
  guint line;
  guint column;
} AmAnchorHit;

/* Prepares `text` (`len` bytes, or -1 for NUL-terminated), which must be valid UTF-8 without
 * NUL bytes (g_utf8_validate). Returns a new AmAnchorText that does not borrow `text`; free
 * with am_anchor_text_free(). */
AmAnchorText *am_anchor_text_new (const char *text, gssize len);
void am_anchor_text_free (AmAnchorText *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmAnchorText, am_anchor_text_free)

/* The normalised copy (borrowed, NUL-terminated). */
const char *am_anchor_text_normalized (const AmAnchorText *t);
/* Number of characters of the original text. */
gint64 am_anchor_text_length (const AmAnchorText *t);
/* 1-based line and column (in characters) of original character offset `offset`. */
void am_anchor_text_locate (const AmAnchorText *t, gint64 offset, guint *line, guint *column);

/* The normalised form of `s` (`len` bytes or -1; valid UTF-8), as used for matching: newly
 * allocated. Two strings match exactly when their normalised forms are equal. */
char *am_anchor_normalize (const char *s, gssize len);

/* Every place `quote` occurs in `t` (overlapping ones too), in text order: a new GArray of
 * AmAnchorHit (empty when not found, or when the quote normalises to nothing). */
GArray *am_anchor_find (const AmAnchorText *t, const char *quote);

/* The passage of `t` closest to `quote`, for "did you mean" messages: the window of as many
 * words as the quote has that shares the most words with it (case ignored), ties broken by
 * the edit distance over words, then by position; then its edges move while that lowers the
 * distance (a changed word may stand for two words of the text). Linear in the text's length
 * (plus a bounded amount of work per tied candidate, for quotes of up to 200 words). Returns FALSE when no passage shares a word with
 * the quote; else TRUE with `passage` (normalised text, newly allocated) and `where` set. */
gboolean am_anchor_suggest (const AmAnchorText *t, const char *quote, char **passage,
                            AmAnchorHit *where);

G_END_DECLS
