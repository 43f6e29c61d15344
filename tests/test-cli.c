/* test-cli: the command line as a whole: every command answers --help, short options are
 * unique within each command, unknown commands and options are usage errors (exit 2), and
 * bad input (1) is told apart from an output that cannot be written (3). */
#include <string.h>

#include <glib/gstdio.h>

#include "argmap.h"
#include "spawn-env.h"

static const char *const commands[] = { "check", "convert", "render", "eval", "solve", "stats",
                                        NULL };

/* Standard output and error of argmap `args`, one after the other; `status` its exit code. */
static char *
run (const char *const *args, int *status)
{
  g_autofree char *out = NULL, *err = NULL;
  *status = am_test_run_argmap (args, NULL, NULL, &out, &err);
  return g_strconcat (out, err, NULL);
}

static void
test_help_and_short_options (void)
{
  /* The commands listed by `argmap --help` are exactly the table above. */
  int status;
  const char *top[] = { "--help", NULL };
  g_autofree char *usage = run (top, &status);
  g_assert_cmpint (status, ==, 0);
  for (guint i = 0; commands[i]; i++) {
    g_autofree char *line = g_strdup_printf ("\n  %s ", commands[i]);
    g_assert_nonnull (strstr (usage, line));
  }
  const char *list = strstr (usage, "Commands:\n");
  g_assert_nonnull (list);
  guint listed = 0;
  for (const char *p = strchr (list, '\n') + 1; g_str_has_prefix (p, "  ");
       p = strchr (p, '\n') + 1)
    listed++;
  g_assert_cmpuint (listed, ==, g_strv_length ((char **) commands));
  for (guint i = 0; commands[i]; i++) {
    const char *args[] = { commands[i], "--help", NULL };
    g_autofree char *help = run (args, &status);
    g_assert_cmpint (status, ==, 0);
    g_auto (GStrv) lines = g_strsplit (help, "\n", -1);
    g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    guint options = 0;
    for (guint l = 0; lines[l]; l++) {
      const char *p = lines[l];
      if (strncmp (p, "  -", 3) != 0 || p[3] == '-' || p[4] != ',')
        continue;
      char flag[2] = { p[3], 0 };
      if (g_hash_table_contains (seen, flag))
        g_error ("argmap %s: short option -%s given twice", commands[i], flag);
      g_hash_table_add (seen, g_strdup (flag));
      options++;
    }
    g_assert_cmpuint (options, >=, 1); /* at least -h */
  }
}

static void
test_usage_errors (void)
{
  const char *cases[][4] = {
    { "frobnicate", NULL },
    { "check", NULL },
    { "check", "--no-such-option", "x.argdown", NULL },
    { "convert", "models/russia-iraq.argdown", NULL }, /* no -o */
    { "render", "models/russia-iraq.argdown", "-o", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    int status;
    g_autofree char *out = run (cases[i], &status);
    if (status != AM_EXIT_USAGE)
      g_error ("case %u: exit %d, expected %d; output:\n%s", i, status,
               AM_EXIT_USAGE, out);
  }
}

static void
test_exit_codes (void)
{
  const struct {
    const char *args[7];
    int status;
  } cases[] = {
    { { "convert", "no-such-map.argdown", "--to", "json", "-o", "-", NULL }, AM_EXIT_BAD_INPUT },
    { { "convert", "models/russia-iraq.argdown", "--to", "json", "-o",
        "no-such-folder/map.json", NULL }, AM_EXIT_FAILURE },
    { { "render", "models/russia-iraq.argdown", "-o", "no-such-folder/map.svg", NULL },
      AM_EXIT_FAILURE },
    { { "eval", "models/russia-iraq.argdown", "-o", "no-such-folder/labels.csv", NULL },
      AM_EXIT_FAILURE },
    { { "convert", "models/russia-iraq.argdown", "--to", "json", "-o", "-", NULL }, AM_EXIT_OK },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    int status;
    g_autofree char *out = run (cases[i].args, &status);
    if (status != cases[i].status)
      g_error ("case %u: exit %d, expected %d; output:\n%.500s", i, status,
               cases[i].status, out);
  }
  g_assert_false (g_file_test ("no-such-folder", G_FILE_TEST_EXISTS));
}

/* A file large enough to be mapped (am-io.c maps from 1 MiB) whose pages the reader gives back
 * as it goes: diagnostics at its start and end still print their source lines, read back from
 * the file, and the map converts as a copy of the same text does. */
static void
test_large_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("argmap-large-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_autofree char *path = g_build_filename (dir, "large.argdown", NULL);
  g_autoptr (GString) text = g_string_new ("[first]: At the start.\n  + [undefined-first]\n\n");
  guint line = 4;
  for (guint i = 0; text->len < (3u << 20); i++, line += 3)
    g_string_append_printf (text, "[s%u]: Statement number %u, padded to a line.\n  + [s%u]\n\n",
                            i + 1, i + 1, i / 2);
  g_string_append (text, "[last]: At the end.\n  - [undefined-last]\n");
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  int status;
  const char *check[] = { "check", path, NULL };
  g_autofree char *out = run (check, &status);
  g_assert_cmpint (status, ==, 0);
  g_autofree char *first
      = g_strdup_printf ("%s:2:5: warning: statement [undefined-first] is referenced but never "
                         "defined\n    + [undefined-first]\n      ^\n", path);
  g_autofree char *last
      = g_strdup_printf ("%s:%u:5: warning: statement [undefined-last] is referenced but never "
                         "defined\n    - [undefined-last]\n      ^\n", path, line + 1);
  if (strstr (out, first) == NULL || strstr (out, last) == NULL)
    g_error ("missing diagnostics with their source lines; argmap printed:\n%.2000s", out);

  /* The mapped file and a copy read from standard input give the same JSON (but for the
   * file's name). */
  g_autofree char *json_path = g_build_filename (dir, "large.json", NULL);
  const char *convert[] = { "convert", path, "--to", "json", "-o", json_path, NULL };
  g_autofree char *convert_out = run (convert, &status);
  g_assert_cmpint (status, ==, 0);
  g_autofree char *mapped = NULL;
  g_assert_true (g_file_get_contents (json_path, &mapped, NULL, NULL));
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *cmd = g_strdup_printf ("%s convert - --from argdown --to json -o - < %s",
                                          g_getenv ("ARGMAP"), quoted);
  g_autofree char *copied = NULL, *copied_err = NULL;
  g_auto (GStrv) env = am_test_spawn_env ();
  const char *sh[] = { "/bin/sh", "-c", cmd, NULL };
  g_assert_true (g_spawn_sync (NULL, (char **) sh, env, G_SPAWN_DEFAULT, NULL, NULL, &copied,
                               &copied_err, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_autofree char *file_line = g_strdup_printf ("\"file\": \"%s\"", path);
  const char *stdin_line = "\"file\": \"<stdin>\"";
  g_assert_nonnull (strstr (mapped, file_line));
  g_assert_nonnull (strstr (copied, stdin_line));
  g_assert_cmpstr (strstr (mapped, file_line) + strlen (file_line), ==,
                   strstr (copied, stdin_line) + strlen (stdin_line));

  g_remove (json_path);
  g_remove (path);
  g_rmdir (dir);
}

/* Standard output and error of `argmap convert PATH --to json -o -` with ARGMAP_THREADS set
 * to `threads`, and its exit status after them. */
static char *
convert_with_threads (const char *path, const char *threads)
{
  const char *args[] = { "convert", path, "--to", "json", "-o", "-", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = am_test_run_argmap (args, "ARGMAP_THREADS", threads, &out, &err);
  return g_strdup_printf ("%s\n---\n%s\n--- exit %d\n", out, err, status);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The bytes of every .argdown file in `dir` (sorted by name), each followed by an empty
 * line, into `all`. */
static void
append_argdown_files (GString *all, const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  for (const char *n; (n = g_dir_read_name (d)) != NULL;)
    if (g_str_has_suffix (n, ".argdown"))
      g_ptr_array_add (names, g_strdup (n));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++) {
    g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_string_append_printf (all, "%s\n\n", text);
  }
}

/* Large inputs are lexed on a thread of their own (from 64 KB, am-argdown-read.c) when argmap
 * may use more than one: the output and the diagnostics, in their order, must not change.
 * Every construct and every invalid input of tests/data/argdown, at the start of 200 KB of
 * padding, and all of them one after the other, repeated past 200 KB (so that the lexer's
 * errors and the parser's interleave all along). */
static void
test_lexer_thread (void)
{
  g_autofree char *dir = g_dir_make_tmp ("argmap-lexer-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_autoptr (GString) padding = g_string_new ("\n\n# Padding\n\n");
  for (guint i = 1; padding->len < (200u << 10); i++)
    g_string_append_printf (padding, "[pad %u]: Padding, *line* %u.\n  + [pad %u]\n  - <Pad>\n\n",
                            i, i, (i + 1) / 2);

  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) valid = g_string_new (NULL), invalid = g_string_new (NULL);
  append_argdown_files (valid, "tests/data/argdown");
  append_argdown_files (invalid, "tests/data/argdown/invalid");
  g_autoptr (GString) all = g_string_new (NULL);
  while (all->len < (200u << 10)) {
    g_string_append_len (all, valid->str, (gssize) valid->len);
    g_string_append_len (all, invalid->str, (gssize) invalid->len);
  }
  g_ptr_array_add (inputs, g_string_free (g_steal_pointer (&all), FALSE));
  g_autoptr (GDir) d = g_dir_open ("tests/data/argdown/invalid", 0, NULL);
  for (const char *n; (n = g_dir_read_name (d)) != NULL;) {
    if (!g_str_has_suffix (n, ".argdown"))
      continue;
    g_autofree char *path = g_build_filename ("tests/data/argdown/invalid", n, NULL);
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_ptr_array_add (inputs, g_strconcat (text, padding->str, NULL));
  }
  g_assert_cmpuint (inputs->len, >=, 20);

  g_autofree char *path = g_build_filename (dir, "input.argdown", NULL);
  for (guint i = 0; i < inputs->len; i++) {
    const char *text = g_ptr_array_index (inputs, i);
    g_assert_true (g_file_set_contents (path, text, -1, NULL));
    g_autofree char *one = convert_with_threads (path, "1");
    g_autofree char *two = convert_with_threads (path, "2");
    if (strcmp (one, two) != 0)
      g_error ("input %u (%.60s...): one thread and two disagree:\n%.3000s\n=====\n%.3000s", i,
               text, one, two);
  }
  g_remove (path);
  g_rmdir (dir);
}

/* Appends statements "[sN]: ..." and empty lines to `text` until it is `len` bytes long or a
 * little less. */
static void
append_statements (GString *text, gsize len, guint *n)
{
  while (text->len + 64 < len)
    g_string_append_printf (text, "[s%u]: Statement %u.\n\n", *n, *n), (*n)++;
}

/* Appends a comment that ends in `br` placed so that its first byte is at `at`. */
static void
append_break_at (GString *text, gsize at, const char *open, const char *br, const char *close)
{
  g_string_append (text, open);
  while (text->len < at)
    g_string_append_c (text, 'x');
  g_assert_cmpuint (text->len, ==, at);
  g_string_append (text, br);
  g_string_append (text, close);
}

/* Line numbers in a large file whose line starts the lexer finds a piece (64 KB) at a time, with
 * a \r\n astride the first pieces' edge and a lone \r (a break too, as in JavaScript) ending the
 * second: a warning at the end points at the line counted here. */
static void
test_line_breaks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("argmap-breaks-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_autofree char *path = g_build_filename (dir, "breaks.argdown", NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  guint n = 0;
  append_statements (text, 65536, &n);
  append_break_at (text, 65535, "// ", "\r\n", "\r\n");
  append_statements (text, 2 * 65536, &n);
  append_break_at (text, 2 * 65536 - 1, "/* ", "\r", "*/\r\n\r\n");
  append_statements (text, 300u << 10, &n);
  g_string_append (text, "[last]: The end.\r\n  + [undefined]\r\n");
  guint line = 1;
  for (gsize i = 0; i < text->len; i++)
    line += text->str[i] == '\n' || (text->str[i] == '\r' && text->str[i + 1] != '\n');
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  for (guint threads = 1; threads <= 2; threads++) {
    const char *args[] = { "check", path, NULL };
    g_autofree char *err = NULL;
    g_autofree char *t = g_strdup_printf ("%u", threads);
    int status = am_test_run_argmap (args, "ARGMAP_THREADS", t, NULL, &err);
    g_autofree char *want = g_strdup_printf ("%s:%u:5: warning: statement [undefined] is "
                                             "referenced but never defined", path, line - 1);
    if (status != 0 || strstr (err, want) == NULL)
      g_error ("%u thread(s), exit %d: no `%s` in:\n%.2000s", threads, status, want, err);
  }
  g_remove (path);
  g_rmdir (dir);
}

/* From 100k nodes on, am_validate looks for undefined nodes on a second thread while it checks
 * the relations and cycles: what it says must be what one thread says. */
static void
test_validate_thread (void)
{
  g_autofree char *dir = g_dir_make_tmp ("argmap-validate-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_autoptr (GString) text = g_string_new ("[a]: A.\n  + [b]: B.\n    + [a]\n\n[c]: C.\n  _ [a]\n\n");
  for (guint i = 0; i < 110000; i++) {
    g_string_append_printf (text, "[s%u]: Statement %u.\n", i, i);
    if (i % 25000 == 7)
      g_string_append_printf (text, "  - [undefined %u]\n", i);
    g_string_append_c (text, '\n');
  }
  g_autofree char *path = g_build_filename (dir, "big.argdown", NULL);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  const char *args[] = { "check", path, NULL };
  g_autofree char *one = NULL, *two = NULL;
  int status1 = am_test_run_argmap (args, "ARGMAP_THREADS", "1", NULL, &one);
  int status2 = am_test_run_argmap (args, "ARGMAP_THREADS", "2", NULL, &two);
  g_assert_cmpint (status1, ==, 1); /* the undercut of a statement */
  g_assert_cmpint (status2, ==, 1);
  g_assert_cmpstr (one, ==, two);
  g_assert_nonnull (strstr (one, "undercut of statement [c]"));
  g_assert_nonnull (strstr (one, "support cycle: [a] -> [b] -> [a]"));
  for (guint i = 7; i < 110000; i += 25000) {
    g_autofree char *want = g_strdup_printf ("statement [undefined %u] is referenced but never "
                                             "defined", i);
    g_assert_nonnull (strstr (one, want));
  }
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/help-and-short-options", test_help_and_short_options);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/exit-codes", test_exit_codes);
  g_test_add_func ("/cli/large-file", test_large_file);
  g_test_add_func ("/cli/lexer-thread", test_lexer_thread);
  g_test_add_func ("/cli/line-breaks", test_line_breaks);
  g_test_add_func ("/cli/validate-thread", test_validate_thread);
  return g_test_run ();
}
