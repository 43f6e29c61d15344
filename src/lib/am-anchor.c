/* am-anchor: finding a quote in a source text, tolerant of typography, in original offsets. */
#include "am-anchor.h"

#include <string.h>

struct _AmAnchorText {
  GString *norm;  /* the normalised text */
  GArray *starts; /* gint64 per byte of norm: first original character it comes from */
  GArray *ends;   /* gint64 per byte of norm: one past the last original character */
  GArray *lines;  /* gint64: original character offset of each line's start; [0] = 0 */
  gint64 n_chars;
  /* Built by the first suggestion and kept, so that each further one is a scan of integers
   * (this makes suggestions not thread-safe on a shared AmAnchorText). */
  GArray *words;     /* Word: the words of norm */
  guint *word_ids;   /* per word: its number in `vocab` */
  GHashTable *vocab; /* case-folded word (owned) -> number */
};

/* The normaliser's state. The maps are NULL when only the normalised string is wanted. */
typedef struct {
  GString *out;
  GArray *starts;
  GArray *ends;
  gboolean pending_space; /* white space seen since the last character emitted */
  gint64 space_start;
  gint64 space_end;
} Norm;

static void
emit_bytes (Norm *n, const char *bytes, gsize len, gint64 start, gint64 end)
{
  if (n->pending_space) {
    n->pending_space = FALSE;
    /* White space at the very start is dropped; inside, a run becomes one space. */
    if (n->out->len > 0)
      emit_bytes (n, " ", 1, n->space_start, n->space_end);
  }
  g_string_append_len (n->out, bytes, (gssize) len);
  if (n->starts != NULL) {
    guint at = n->starts->len;
    g_array_set_size (n->starts, at + (guint) len);
    g_array_set_size (n->ends, at + (guint) len);
    gint64 *s = &g_array_index (n->starts, gint64, at);
    gint64 *e = &g_array_index (n->ends, gint64, at);
    for (gsize i = 0; i < len; i++) {
      s[i] = start;
      e[i] = end;
    }
  }
}

static gboolean
is_space (gunichar c)
{
  /* g_unichar_isspace covers \t \n \r \f and the Zs/Zl/Zp classes (so NBSP too), not \v. */
  return g_unichar_isspace (c) || c == 0x0B || c == 0x85;
}

static gboolean
is_dropped (gunichar c)
{
  switch (c) {
  case 0x00AD: /* soft hyphen: invisible unless a line breaks there */
  case 0x200B: /* zero-width space */
  case 0x2060: /* word joiner */
  case 0xFEFF: /* byte-order mark / zero-width no-break space */
    return TRUE;
  default:
    return FALSE;
  }
}

/* What a character stands for when typed on a plain keyboard; NULL when it stays itself. */
static const char *
plain_form (gunichar c)
{
  switch (c) {
  case 0x2018: /* ‘ */
  case 0x2019: /* ’ */
  case 0x201A: /* ‚ */
  case 0x201B: /* ‛ */
  case 0x02BC: /* ʼ modifier letter apostrophe, often used as one */
    return "'";
  case 0x201C: /* “ */
  case 0x201D: /* ” */
  case 0x201E: /* „ */
  case 0x201F: /* ‟ */
    return "\"";
  case 0x2010: /* hyphen */
  case 0x2011: /* non-breaking hyphen */
  case 0x2012: /* figure dash */
  case 0x2013: /* en dash */
  case 0x2014: /* em dash */
  case 0x2015: /* horizontal bar */
  case 0x2212: /* minus sign */
    return "-";
  case 0x2026: /* … */
    return "...";
  default:
    return NULL;
  }
}

/* One character of NFC text that came from original characters [start, end). */
static void
feed_char (Norm *n, gunichar c, gint64 start, gint64 end)
{
  if (c > ' ' && c < 0x7F) {
    /* Printable ASCII stays itself: the common case, kept short. */
    char b = (char) c;
    emit_bytes (n, &b, 1, start, end);
    return;
  }
  if (is_space (c)) {
    if (!n->pending_space) {
      n->pending_space = TRUE;
      n->space_start = start;
    }
    n->space_end = end;
    return;
  }
  if (is_dropped (c))
    return;
  const char *plain = plain_form (c);
  if (plain != NULL) {
    emit_bytes (n, plain, strlen (plain), start, end);
    return;
  }
  char buf[6];
  gint len = g_unichar_to_utf8 (c, buf);
  emit_bytes (n, buf, (gsize) len, start, end);
}

/* Normalises `len` bytes of valid UTF-8. NFC is applied segment by segment, a segment being a
 * starter and whatever may compose with it (combining marks, Hangul jamo...), so that every
 * output character can be traced to the original characters of its segment. When `lines` is
 * not NULL it receives the character offset of every line start after the first. Returns the
 * number of original characters. */
static gint64
normalize_into (Norm *n, const char *text, gsize len, GArray *lines)
{
  const char *p = text, *end = text + len;
  gint64 ci = 0;
  while (p < end) {
    const char *seg = p;
    gint64 seg_start = ci;
    gunichar c = g_utf8_get_char (p);
    gunichar last = c;
    p = g_utf8_next_char (p);
    ci++;
    if (c == '\n' && lines != NULL)
      g_array_append_val (lines, ci);
    /* No canonical composition has an ASCII second character: stop at once on ASCII. */
    while (p < end && (guchar) *p >= 0x80) {
      gunichar d = g_utf8_get_char (p);
      gunichar composed;
      gboolean composes = g_unichar_compose (last, d, &composed);
      if (g_unichar_combining_class (d) == 0 && !composes)
        break;
      last = composes ? composed : d;
      p = g_utf8_next_char (p);
      ci++;
    }
    gsize seg_len = (gsize) (p - seg);
    if (seg_len == 1) {
      /* ASCII: already NFC, the common case. */
      feed_char (n, (guchar) *seg, seg_start, ci);
      continue;
    }
    g_autofree char *nfc = g_utf8_normalize (seg, (gssize) seg_len, G_NORMALIZE_NFC);
    if (nfc == NULL)
      continue; /* not reached for validated input */
    for (const char *q = nfc; *q; q = g_utf8_next_char (q))
      feed_char (n, g_utf8_get_char (q), seg_start, ci);
  }
  return ci;
}

AmAnchorText *
am_anchor_text_new (const char *text, gssize len)
{
  gsize n_bytes = len < 0 ? strlen (text) : (gsize) len;
  AmAnchorText *t = g_new0 (AmAnchorText, 1);
  t->norm = g_string_sized_new (n_bytes + 1);
  t->starts = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n_bytes);
  t->ends = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n_bytes);
  t->lines = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 zero = 0;
  g_array_append_val (t->lines, zero);
  Norm n = { t->norm, t->starts, t->ends, FALSE, 0, 0 };
  t->n_chars = normalize_into (&n, text, n_bytes, t->lines);
  return t;
}

void
am_anchor_text_free (AmAnchorText *t)
{
  if (t == NULL)
    return;
  g_string_free (t->norm, TRUE);
  g_array_unref (t->starts);
  g_array_unref (t->ends);
  g_array_unref (t->lines);
  g_clear_pointer (&t->words, g_array_unref);
  g_free (t->word_ids);
  g_clear_pointer (&t->vocab, g_hash_table_unref);
  g_free (t);
}

const char *
am_anchor_text_normalized (const AmAnchorText *t)
{
  return t->norm->str;
}

gint64
am_anchor_text_length (const AmAnchorText *t)
{
  return t->n_chars;
}

void
am_anchor_text_locate (const AmAnchorText *t, gint64 offset, guint *line, guint *column)
{
  /* The last line start at or before `offset`. */
  guint lo = 0, hi = t->lines->len;
  while (hi - lo > 1) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index (t->lines, gint64, mid) <= offset)
      lo = mid;
    else
      hi = mid;
  }
  *line = lo + 1;
  *column = (guint) (offset - g_array_index (t->lines, gint64, lo)) + 1;
}

char *
am_anchor_normalize (const char *s, gssize len)
{
  gsize n_bytes = len < 0 ? strlen (s) : (gsize) len;
  Norm n = { g_string_sized_new (n_bytes + 1), NULL, NULL, FALSE, 0, 0 };
  normalize_into (&n, s, n_bytes, NULL);
  return g_string_free (n.out, FALSE);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static AmAnchorHit
make_hit (const AmAnchorText *t, gsize first_byte, gsize last_byte)
{
  AmAnchorHit hit;
  hit.start = g_array_index (t->starts, gint64, first_byte);
  hit.end = g_array_index (t->ends, gint64, last_byte);
  am_anchor_text_locate (t, hit.start, &hit.line, &hit.column);
  return hit;
}

GArray *
am_anchor_find (const AmAnchorText *t, const char *quote)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (AmAnchorHit));
  g_autofree char *q = am_anchor_normalize (quote, -1);
  gsize qlen = strlen (q);
  if (qlen == 0)
    return hits;
  const char *text = t->norm->str;
  gsize tlen = t->norm->len;
  gboolean word_first = is_word_char (g_utf8_get_char (q));
  gboolean word_last = is_word_char (g_utf8_get_char (g_utf8_prev_char (q + qlen)));
  /* strstr is linear (two-way); q starts with a lead byte, so a byte match is a character
   * match. Advancing by one byte finds overlapping occurrences too. */
  for (const char *hit = strstr (text, q); hit != NULL; hit = strstr (hit + 1, q)) {
    gsize b = (gsize) (hit - text), e = b + qlen;
    if (word_first && b > 0 && is_word_char (g_utf8_get_char (g_utf8_prev_char (hit))))
      continue;
    if (word_last && e < tlen && is_word_char (g_utf8_get_char (text + e)))
      continue;
    AmAnchorHit h = make_hit (t, b, e - 1);
    g_array_append_val (hits, h);
  }
  return hits;
}

/* A word of the normalised text: bytes [start, end). */
typedef struct {
  gsize start;
  gsize end;
} Word;

/* The words (maximal runs of letters, digits and marks) of `s`. */
static GArray *
split_words (const char *s)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  const char *p = s;
  while (*p) {
    while (*p && !is_word_char (g_utf8_get_char (p)))
      p = g_utf8_next_char (p);
    if (!*p)
      break;
    Word w = { (gsize) (p - s), 0 };
    while (*p && is_word_char (g_utf8_get_char (p)))
      p = g_utf8_next_char (p);
    w.end = (gsize) (p - s);
    g_array_append_val (words, w);
  }
  return words;
}

/* Levenshtein distance between two sequences of word ids (-1 never equals anything). */
static guint
word_distance (const gint *a, guint na, const gint *b, guint nb)
{
  g_autofree guint *row = g_new (guint, nb + 1);
  for (guint j = 0; j <= nb; j++)
    row[j] = j;
  for (guint i = 1; i <= na; i++) {
    guint diag = row[0];
    row[0] = i;
    for (guint j = 1; j <= nb; j++) {
      guint up = row[j];
      guint cost = (a[i - 1] >= 0 && a[i - 1] == b[j - 1]) ? 0 : 1;
      guint best = diag + cost;
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[nb];
}

/* Bounds that keep a suggestion cheap whatever the input: how many tied windows are compared
 * word by word, and up to which quote length that comparison is made at all. */
#define SUGGEST_MAX_CANDIDATES 256
#define SUGGEST_MAX_EDIT_WORDS 200

/* Case-folds `len` bytes of `s` into `key`. ASCII, the common case, needs no allocation. */
static void
fold_word (GString *key, const char *s, gsize len)
{
  g_string_truncate (key, 0);
  gsize i = 0;
  while (i < len && (guchar) s[i] < 0x80)
    i++;
  if (i == len) {
    for (i = 0; i < len; i++)
      g_string_append_c (key, g_ascii_tolower (s[i]));
    return;
  }
  g_autofree char *folded = g_utf8_casefold (s, (gssize) len);
  g_string_append (key, folded);
}

/* Numbers the case-folded words of the text, once. */
static void
ensure_words (AmAnchorText *t)
{
  if (t->words != NULL)
    return;
  t->words = split_words (t->norm->str);
  t->word_ids = g_new (guint, t->words->len + 1);
  t->vocab = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) key = g_string_new (NULL);
  for (guint i = 0; i < t->words->len; i++) {
    Word w = g_array_index (t->words, Word, i);
    fold_word (key, t->norm->str + w.start, w.end - w.start);
    gpointer v;
    if (g_hash_table_lookup_extended (t->vocab, key->str, NULL, &v)) {
      t->word_ids[i] = GPOINTER_TO_UINT (v);
    } else {
      t->word_ids[i] = g_hash_table_size (t->vocab);
      g_hash_table_insert (t->vocab, g_strdup (key->str), GUINT_TO_POINTER (t->word_ids[i]));
    }
  }
}

gboolean
am_anchor_suggest (const AmAnchorText *t, const char *quote, char **passage, AmAnchorHit *where)
{
  ensure_words ((AmAnchorText *) t);
  g_autofree char *q = am_anchor_normalize (quote, -1);
  g_autoptr (GArray) qwords = split_words (q);
  const char *text = t->norm->str;
  const GArray *swords = t->words;
  guint m = qwords->len, n = swords->len;
  if (m == 0 || n == 0)
    return FALSE;

  /* Number the quote's distinct words that occur in the text 0..k-1 (case folded); a quote
   * word the text lacks gets -1, and so does a text word that is not in the quote: only
   * equality with quote words matters below. */
  guint vocab_size = g_hash_table_size (t->vocab);
  g_autofree gint *small = g_new (gint, vocab_size);
  for (guint i = 0; i < vocab_size; i++)
    small[i] = -1;
  guint k = 0;
  g_autofree gint *qid = g_new (gint, m);
  g_autoptr (GString) key = g_string_new (NULL);
  for (guint i = 0; i < m; i++) {
    Word w = g_array_index (qwords, Word, i);
    fold_word (key, q + w.start, w.end - w.start);
    gpointer v;
    if (!g_hash_table_lookup_extended (t->vocab, key->str, NULL, &v)) {
      qid[i] = -1;
      continue;
    }
    guint global = GPOINTER_TO_UINT (v);
    if (small[global] < 0)
      small[global] = (gint) k++;
    qid[i] = small[global];
  }
  if (k == 0)
    return FALSE;
  g_autofree guint *want = g_new0 (guint, k);
  for (guint i = 0; i < m; i++)
    if (qid[i] >= 0)
      want[qid[i]]++;
  g_autofree gint *sid = g_new (gint, n);
  for (guint i = 0; i < n; i++)
    sid[i] = small[t->word_ids[i]];

  /* Slide a window of `w` words, keeping the multiset overlap with the quote up to date. */
  guint w = MIN (m, n);
  g_autofree guint *have = g_new0 (guint, k);
  guint overlap = 0, best = 0, n_cand = 0;
  guint cand[SUGGEST_MAX_CANDIDATES];
  for (guint i = 0; i < n; i++) {
    if (sid[i] >= 0 && have[sid[i]]++ < want[sid[i]])
      overlap++;
    if (i >= w) {
      gint out = sid[i - w];
      if (out >= 0 && --have[out] < want[out])
        overlap--;
    }
    if (i + 1 < w)
      continue;
    if (overlap > best) {
      best = overlap;
      n_cand = 0;
    }
    if (overlap == best && best > 0 && n_cand < SUGGEST_MAX_CANDIDATES)
      cand[n_cand++] = i + 1 - w;
  }
  if (best == 0)
    return FALSE;

  guint chosen = cand[0], size = w;
  if (m <= SUGGEST_MAX_EDIT_WORDS) {
    guint best_dist = G_MAXUINT;
    for (guint c = 0; c < n_cand; c++) {
      guint d = word_distance (qid, m, sid + cand[c], w);
      if (d < best_dist) {
        best_dist = d;
        chosen = cand[c];
      }
    }
    /* The window has the quote's word count, but a changed word may stand for more or fewer
     * words of the text ("far-reaching" is two): grow or shrink either edge while that brings
     * the passage closer to the quote. Each step lowers the distance, so this ends. */
    for (gboolean moved = TRUE; moved;) {
      moved = FALSE;
      const gint moves[4][2] = { { 0, 1 }, { -1, 1 }, { 0, -1 }, { 1, -1 } };
      guint next_start = chosen, next_size = size;
      for (guint mv = 0; mv < 4; mv++) {
        gint64 st = (gint64) chosen + moves[mv][0], sz = (gint64) size + moves[mv][1];
        if (st < 0 || sz < 1 || st + sz > (gint64) n)
          continue;
        guint d = word_distance (qid, m, sid + st, (guint) sz);
        if (d < best_dist) {
          best_dist = d;
          next_start = (guint) st;
          next_size = (guint) sz;
          moved = TRUE;
        }
      }
      chosen = next_start;
      size = next_size;
    }
  }

  gsize first = g_array_index (swords, Word, chosen).start;
  gsize last = g_array_index (swords, Word, chosen + size - 1).end;
  *passage = g_strndup (text + first, last - first);
  *where = make_hit (t, first, last - 1);
  return TRUE;
}
