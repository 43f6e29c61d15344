/* test-text: am_text_validate agrees with GLib on what is UTF-8 without NUL, and on where the
 * first bad byte is. */
#include <string.h>

#include "am-text.h"

/* GLib's answer: g_utf8_validate_len (which also refuses NUL bytes). */
static gboolean
reference (const char *text, gsize len, const char **bad)
{
  return g_utf8_validate_len (text, len, bad);
}

static void
check (const char *text, gsize len)
{
  const char *bad = NULL, *want_bad = NULL;
  gboolean ok = am_text_validate (text, len, &bad);
  gboolean want = reference (text, len, &want_bad);
  g_autofree char *hex = NULL;
  if (ok != want || (!ok && bad != want_bad)) {
    GString *s = g_string_new (NULL);
    for (gsize i = 0; i < len; i++)
      g_string_append_printf (s, "%02x ", (guint) (guchar) text[i]);
    hex = g_string_free (s, FALSE);
    g_error ("%s: am_text_validate %d at %td, GLib %d at %td", hex, ok,
             ok ? -1 : bad - text, want, want ? -1 : want_bad - text);
  }
}

static void
test_cases (void)
{
  static const char *const cases[] = {
    "", "plain ASCII, longer than one word of eight bytes", "caf\xc3\xa9 at the end \xc3\xa9",
    "\xe2\x80\xa8 line separator", "\xf0\x9f\x98\x80 emoji", "\xc3", "abcdefg\xc3",
    "abcdefgh\x80", "\xc0\x80 overlong NUL", "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 too high",
    "\xf8\x88\x80\x80\x80 five bytes", "\xe2\x82 truncated in the middle", "\xff",
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check (cases[i], strlen (cases[i]));
  /* A NUL anywhere in a word, and after one. */
  for (guint at = 0; at < 20; at++) {
    char buf[20];
    memset (buf, 'a', sizeof buf);
    buf[at] = '\0';
    check (buf, sizeof buf);
  }
}

/* Random strings over bytes that make and break UTF-8, at every alignment. */
static void
test_random (void)
{
  static const guchar alphabet[] = { 'a', ' ', '\n', 0, 0x80, 0xbf, 0xc2, 0xc3, 0xe0, 0xe2,
                                     0xed, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  char buf[64];
  for (guint n = 0; n < 200000; n++) {
    gsize len = (gsize) g_rand_int_range (rand, 0, sizeof buf);
    /* Mostly ASCII, so that words of plain text and the bytes after them are both exercised. */
    for (gsize i = 0; i < len; i++)
      buf[i] = g_rand_int_range (rand, 0, 4) == 0
                   ? (char) alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]
                   : 'x';
    check (buf, len);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/validate/cases", test_cases);
  g_test_add_func ("/text/validate/random", test_random);
  return g_test_run ();
}
