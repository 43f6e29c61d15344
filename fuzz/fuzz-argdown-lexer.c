/* fuzz-argdown-lexer: the Argdown lexer on a thread of its own (ad_lexer_run_ahead) must give
 * the tokens, positions and diagnostics it gives on the parser's thread. */
#include "fuzz-common.h"

#include "am-argdown-private.h"
#include "am-text.h"

/* Every token as `type start end line:col`, then the diagnostics sorted, into one string. */
static char *
lex_all (const char *text, gsize len, gboolean ahead)
{
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
    g_string_append_printf (out, "%d %u %u %u:%u\n", t.type, t.start, t.end, line, col);
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
