/* am-argdown-titles: numbers the statement titles of Argdown tokens, on the lexer's side. The
 * same bytes get the same number, so the reader looks a title up in the map once: after that,
 * the number leads to its statement. On a lexer with a thread of its own the hashing and
 * probing are done there, off the parser's thread (which a large map keeps busy). */
#include <string.h>

#include "am-argdown-private.h"
#include "am-bytes.h"
#include "am-pages.h"

/* Open addressing: a slot is a title's hash and number; the title's bytes are compared only
 * when the hashes agree. */
typedef struct {
  guint32 hash;
  guint32 number; /* 0: empty */
} Slot;

struct _AdTitles {
  Slot *slots;
  guint mask; /* capacity - 1: a power of two, at most three quarters full */
  guint n;    /* titles numbered: 1 .. n */
  GByteArray *bytes; /* the titles' bytes, one after the other */
  GArray *at;        /* guint32 per number, then one more: title k is bytes[at[k-1], at[k]) */
};

AdTitles *
ad_titles_new (void)
{
  AdTitles *t = g_new0 (AdTitles, 1);
  t->mask = 255;
  t->slots = am_pages_new0 ((t->mask + 1) * sizeof (Slot));
  t->bytes = g_byte_array_new ();
  t->at = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 zero = 0;
  g_array_append_val (t->at, zero);
  return t;
}

void
ad_titles_free (AdTitles *t)
{
  if (t == NULL)
    return;
  am_pages_free (t->slots, (t->mask + 1) * sizeof (Slot));
  g_byte_array_unref (t->bytes);
  g_array_unref (t->at);
  g_free (t);
}

/* Eight bytes at a time rather than byte by byte (as FNV): this runs for every title read. */
static guint32
hash_bytes (const char *s, gsize n)
{
  guint64 h = 0x9e3779b97f4a7c15u ^ n;
  for (; n >= 8; s += 8, n -= 8) {
    guint64 w;
    memcpy (&w, s, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  if (n > 0) {
    guint64 w = 0;
    memcpy (&w, s, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
  }
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9u;
  return (guint32) (h ^ (h >> 32));
}

static gboolean
is_title (const AdTok *t)
{
  return t->type == AD_ST_DEF || t->type == AD_ST_REF;
}

static void
grow (AdTitles *t)
{
  guint n = 2 * (t->mask + 1);
  Slot *slots = am_pages_new0 (n * sizeof (Slot));
  for (guint i = 0; i <= t->mask; i++) {
    if (t->slots[i].number == 0)
      continue;
    guint k = t->slots[i].hash & (n - 1);
    while (slots[k].number != 0)
      k = (k + 1) & (n - 1);
    slots[k] = t->slots[i];
  }
  am_pages_free (t->slots, (t->mask + 1) * sizeof (Slot));
  t->slots = slots;
  t->mask = n - 1;
}

static guint32
number_of (AdTitles *t, const char *title, gsize len, guint32 hash)
{
  const guint32 *at = (const guint32 *) (gpointer) t->at->data;
  guint k = hash & t->mask;
  for (; t->slots[k].number != 0; k = (k + 1) & t->mask) {
    const Slot *s = &t->slots[k];
    if (s->hash == hash && at[s->number] - at[s->number - 1] == len
        && am_equal ((const char *) t->bytes->data + at[s->number - 1], title, len))
      return s->number;
  }
  t->slots[k] = (Slot) { hash, ++t->n };
  g_byte_array_append (t->bytes, (const guint8 *) title, (guint) len);
  guint32 end = t->bytes->len;
  g_array_append_val (t->at, end);
  if (4 * (guint64) t->n > 3 * ((guint64) t->mask + 1))
    grow (t);
  return t->n;
}

#define BATCH 64

/* The number a slot probably gives `hash` (the first slots agree), or 0. */
static guint32
candidate (const AdTitles *t, guint32 hash)
{
  for (guint k = hash & t->mask, i = 0; i < 4 && t->slots[k].number != 0;
       k = (k + 1) & t->mask, i++)
    if (t->slots[k].hash == hash)
      return t->slots[k].number;
  return 0;
}

void
ad_titles_number (AdTitles *t, const char *text, AdTok *toks, guint n)
{
  /* In a large map each title is three cache misses (its slot, where its bytes are, the
   * bytes): a batch's titles go through each step together, so that the misses overlap. */
  for (guint from = 0; from < n; from += BATCH) {
    guint32 hashes[BATCH], cands[BATCH];
    guint end = MIN (n, from + BATCH);
    for (guint i = from; i < end; i++) {
      if (!is_title (&toks[i]))
        continue;
      gsize len;
      const char *title = ad_title_bytes (text, &toks[i], &len);
      hashes[i - from] = hash_bytes (title, len);
      __builtin_prefetch (&t->slots[hashes[i - from] & t->mask]);
    }
    const guint32 *at = (const guint32 *) (gpointer) t->at->data;
    for (guint i = from; i < end; i++)
      if (is_title (&toks[i]) && (cands[i - from] = candidate (t, hashes[i - from])) != 0)
        __builtin_prefetch (&at[cands[i - from] - 1]);
    for (guint i = from; i < end; i++)
      if (is_title (&toks[i]) && cands[i - from] != 0)
        __builtin_prefetch (t->bytes->data + at[cands[i - from] - 1]);
    for (guint i = from; i < end; i++) {
      if (!is_title (&toks[i]))
        continue;
      gsize len;
      const char *title = ad_title_bytes (text, &toks[i], &len);
      toks[i].title = number_of (t, title, len, hashes[i - from]);
    }
  }
}
