/* fuzz-argdown-lexer: the Argdown lexer on a thread of its own (ad_lexer_run_ahead) must give
 * the tokens, positions, title numbers and diagnostics it gives on the parser's thread; a
 * title's number is the same for the same bytes only, and numbers come in order (AdTitles). */
#include "fuzz-common.h"

#include "am-argdown-private.h"
#include "am-text.h"

static void
check_number (GHashTable *numbers, const char *text, const AdTok *t)
{
  if (t->type != AD_ST_DEF && t->type != AD_ST_REF) {
    if (t->title != 0)
      abort ();
    return;
  }
  gsize len;
  const char *bytes_at = ad_title_bytes (text, t, &len);
  g_autofree char *bytes = g_strndup (bytes_at, len);
  guint known = GPOINTER_TO_UINT (g_hash_table_lookup (numbers, bytes));
  if (known == 0 && t->title == g_hash_table_size (numbers) + 1)
    g_hash_table_insert (numbers, g_steal_pointer (&bytes), GUINT_TO_POINTER (t->title));
  else if (known != t->title) {
    fprintf (stderr, "title %.*s numbered %u, expected %u\n", (int) (t->end - t->start),
             text + t->start, t->title, known ? known : g_hash_table_size (numbers) + 1);
    abort ();
  }
}

/* Every token as `type start end line:col title`, then the diagnostics sorted, into one
 * string. */
static char *
lex_all (const char *text, gsize len, gboolean ahead)
{
  g_autoptr (GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GString) out = g_string_new (NULL);
  AdLexer *lx = ad_lexer_new (text, len, "fuzz.argdown", diags);
  if (ahead)
    ad_lexer_run_ahead (lx);
  for (;;) {
    /* Peeking ahead as the parser does, then taking one. */
    (void) ad_lexer_peek (lx, 2);
    AdTok t = ad_lexer_next (lx);
    guint line, col;
    ad_lexer_locate (lx, &t, &line, &col);
    check_number (numbers, text, &t);
    g_string_append_printf (out, "%d %u %u %u:%u %u\n", t.type, t.start, t.end, line, col,
                            t.title);
    if (t.type == AD_EOF)
      break;
  }
  ad_lexer_free (lx);
  am_diagnostics_sort (diags);
  am_diagnostics_print (diags, out, FALSE);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_init ();
  const char *text = (const char *) data;
  if (!am_text_validate (text, size, NULL)) /* the reader lexes valid UTF-8 only */
    return 0;
  g_autofree char *here = lex_all (text, size, FALSE);
  g_autofree char *ahead = lex_all (text, size, TRUE);
  if (strcmp (here, ahead) != 0) {
    fprintf (stderr, "the lexer's thread disagrees:\n%s\n=====\n%s\n", here, ahead);
    abort ();
  }
  return 0;
}
