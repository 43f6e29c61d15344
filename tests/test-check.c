/* test-check: `argmap check` on the invalid inputs, stderr and exit code pinned whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/wait.h>

/* Each tests/data/argdown/invalid/NAME.argdown has NAME.expected:
 *
 *   exit: N
 *   <the exact standard error of `argmap check tests/data/argdown/invalid/NAME.argdown`>
 *
 * run from the repository root (so diagnostics name the file as above). ARGMAP is the built
 * binary. With ARGMAP_UPDATE_EXPECTED=1 the .expected files are rewritten from what argmap
 * prints — then read every changed one (git diff): it must be the right diagnostic, at the
 * right place, not merely what the reader happens to say.
 *
 * NAME.cli (written by scripts/regen-argdown-reference) holds the Argdown CLI's verdict:
 * `exit: N` and one `LINE:COL: message` per syntax error it reports. Where the CLI rejects a
 * file, argmap must reject it too (exit 1), with an error on the line of the CLI's first
 * error, except where argmap deliberately points elsewhere (the table below). */

#define INVALID_DIR "tests/data/argdown/invalid"

typedef struct {
  const char *name;
  const char *why;
} LineException;

/* Keep in sync with docs/argdown-differences.md. */
static const LineException line_exceptions[] = {
  { NULL, NULL },
};

typedef struct {
  char *name;
  char *argdown;
  char *expected;
  char *cli;
} CheckCase;

static void
check_case_free (gpointer p)
{
  CheckCase *c = p;
  g_free (c->name);
  g_free (c->argdown);
  g_free (c->expected);
  g_free (c->cli);
  g_free (c);
}

/* Parses "exit: N\n" at the start of `text`; returns the rest (borrowed) or NULL. */
static const char *
parse_exit_line (const char *text, int *code)
{
  if (!g_str_has_prefix (text, "exit: "))
    return NULL;
  char *end;
  long v = strtol (text + 6, &end, 10);
  if (end == text + 6 || *end != '\n')
    return NULL;
  *code = (int) v;
  return end + 1;
}

static const char *
line_exception (const char *name)
{
  for (guint i = 0; line_exceptions[i].name != NULL; i++)
    if (strcmp (line_exceptions[i].name, name) == 0)
      return line_exceptions[i].why;
  return NULL;
}

/* TRUE if `err` has a line "FILE:LINE:COL: error: ..." for `line`. */
static gboolean
has_error_on_line (const char *err, const char *file, guint line)
{
  g_autofree char *prefix = g_strdup_printf ("%s:%u:", file, line);
  g_auto (GStrv) lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix) && strstr (lines[i], ": error: ") != NULL)
      return TRUE;
  return FALSE;
}

static void
test_check (gconstpointer data)
{
  const CheckCase *c = data;
  const char *argmap = g_getenv ("ARGMAP");
  if (argmap == NULL) {
    g_test_skip ("ARGMAP is not set (meson test sets it)");
    return;
  }
  const char *argv[] = { argmap, "check", c->argdown, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error)) {
    g_test_fail_printf ("cannot run %s: %s", argmap, error->message);
    return;
  }
  int code = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);

  if (g_strcmp0 (g_getenv ("ARGMAP_UPDATE_EXPECTED"), "1") == 0) {
    g_autofree char *text = g_strdup_printf ("exit: %d\n%s", code, err);
    if (!g_file_set_contents (c->expected, text, -1, &error))
      g_test_fail_printf ("%s: %s", c->expected, error->message);
    else
      g_test_message ("%s rewritten: review it", c->expected);
  }

  g_autofree char *expected_text = NULL;
  if (!g_file_get_contents (c->expected, &expected_text, NULL, &error)) {
    g_test_fail_printf ("%s: %s (ARGMAP_UPDATE_EXPECTED=1 writes it; then review it)\n"
                        "argmap said (exit %d):\n%s",
                        c->expected, error->message, code, err);
    return;
  }
  int expected_code = -1;
  const char *expected_err = parse_exit_line (expected_text, &expected_code);
  if (expected_err == NULL) {
    g_test_fail_printf ("%s: the first line must be 'exit: N'", c->expected);
    return;
  }
  if (code != expected_code || strcmp (err, expected_err) != 0) {
    g_test_fail_printf ("argmap check %s:\n"
                        "expected exit %d and stderr:\n%s"
                        "got exit %d and stderr:\n%s",
                        c->argdown, expected_code, expected_err, code, err);
    return;
  }
  if (out != NULL && *out != '\0') {
    g_test_fail_printf ("argmap check %s wrote to stdout:\n%s", c->argdown, out);
    return;
  }

  /* Against the Argdown CLI's verdict, when there is one. */
  g_autofree char *cli_text = NULL;
  if (!g_file_get_contents (c->cli, &cli_text, NULL, NULL))
    return;
  int cli_code = 0;
  const char *cli_errors = parse_exit_line (cli_text, &cli_code);
  if (cli_errors == NULL) {
    g_test_fail_printf ("%s: the first line must be 'exit: N'", c->cli);
    return;
  }
  if (cli_code != 0 && code != 1) {
    g_test_fail_printf ("the Argdown CLI rejects %s (exit %d) but argmap check exits %d",
                        c->argdown, cli_code, code);
    return;
  }
  guint line = 0, col = 0;
  if (*cli_errors != '\0' && sscanf (cli_errors, "%u:%u:", &line, &col) == 2) {
    const char *why = line_exception (c->name);
    if (why != NULL) {
      if (has_error_on_line (err, c->argdown, line))
        g_test_fail_printf ("%s: listed as reporting another line than the CLI (%s), but "
                            "argmap now reports line %u too: remove the exception",
                            c->name, why, line);
    } else if (!has_error_on_line (err, c->argdown, line)) {
      g_autofree char *first = g_strndup (cli_errors, strcspn (cli_errors, "\n"));
      g_test_fail_printf ("the Argdown CLI reports an error on line %u of %s (%s); argmap "
                          "has none there:\n%s",
                          line, c->argdown, first, err);
    }
  }
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every NAME.argdown must have its NAME.expected, and no .expected may be left over. */
static void
test_table_complete (gconstpointer data)
{
  const GPtrArray *cases = data;
  g_assert_cmpuint (cases->len, >=, 25);
  g_autoptr (GDir) d = g_dir_open (INVALID_DIR, 0, NULL);
  g_assert_nonnull (d);
  const char *n;
  while ((n = g_dir_read_name (d)) != NULL) {
    if (!g_str_has_suffix (n, ".expected"))
      continue;
    g_autofree char *base = g_strndup (n, strlen (n) - strlen (".expected"));
    g_autofree char *src = g_strdup_printf ("%s/%s.argdown", INVALID_DIR, base);
    if (!g_file_test (src, G_FILE_TEST_EXISTS))
      g_test_fail_printf ("%s/%s has no %s", INVALID_DIR, n, src);
  }
}

int
main (int argc, char **argv)
{
  /* Every input is its own case: report them all, not just the first failure. */
  g_autofree char **args = g_new0 (char *, argc + 2);
  for (int i = 0; i < argc; i++)
    args[i] = argv[i];
  args[argc++] = (char *) "--keep-going";
  argv = args;
  g_test_init (&argc, &argv, NULL);

  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (check_case_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open (INVALID_DIR, 0, NULL);
  const char *n;
  while (d && (n = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (n, ".argdown"))
      g_ptr_array_add (names, g_strndup (n, strlen (n) - strlen (".argdown")));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++) {
    const char *base = g_ptr_array_index (names, i);
    CheckCase *c = g_new0 (CheckCase, 1);
    c->name = g_strdup (base);
    c->argdown = g_strdup_printf ("%s/%s.argdown", INVALID_DIR, base);
    c->expected = g_strdup_printf ("%s/%s.expected", INVALID_DIR, base);
    c->cli = g_strdup_printf ("%s/%s.cli", INVALID_DIR, base);
    g_ptr_array_add (cases, c);
    g_autofree char *path = g_strdup_printf ("/check/%s", base);
    g_test_add_data_func (path, c, test_check);
  }
  g_test_add_data_func ("/check-table/complete", cases, test_table_complete);
  return g_test_run ();
}
