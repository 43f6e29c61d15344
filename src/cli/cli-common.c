/* cli-common: loading with diagnostics, error reporting, option parsing for the commands. */
#include "cli.h"

#include <stdio.h>

void
cli_print_diagnostics (AmDiagnostics *diags)
{
  am_diagnostics_sort (diags);
  g_autoptr (GString) out = g_string_new (NULL);
  am_diagnostics_print (diags, out, TRUE);
  fputs (out->str, stderr);
}

AmMap *
cli_load (const char *path, const char *from, int *exit_code)
{
  const AmFormat *format = NULL;
  if (from != NULL && (format = am_format_by_name (from)) == NULL) {
    *exit_code = cli_usage (NULL, "unknown input format '%s'", from);
    return NULL;
  }
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  AmMap *map = am_load (path, format, diags, &error);
  cli_print_diagnostics (diags);
  if (map == NULL) {
    if (g_error_matches (error, AM_ERROR, AM_ERROR_PARSE) && am_diagnostics_len (diags) > 0)
      *exit_code = AM_EXIT_BAD_INPUT;
    else
      *exit_code = cli_report_error (error);
  }
  return map;
}

#if defined(__SANITIZE_ADDRESS__)
#define CLI_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLI_ASAN 1
#endif
#endif

void
cli_leave (AmMap *map)
{
#ifdef CLI_ASAN
  /* The leak checker does not look for pointers in the map's blocks (mmap'd, am-model.c). */
  am_map_free (map);
#else
  static AmMap *left;
  if (left != NULL)
    am_map_free (left);
  left = map;
#endif
}

int
cli_report_error (const GError *error)
{
  fprintf (stderr, "argmap: error: %s\n", error ? error->message : "unknown failure");
  if (error == NULL)
    return AM_EXIT_FAILURE;
  if (error->domain == AM_ERROR)
    return error->code == AM_ERROR_FAILED ? AM_EXIT_FAILURE : AM_EXIT_BAD_INPUT;
  if (error->domain == G_FILE_ERROR && error->code == G_FILE_ERROR_NOENT)
    return AM_EXIT_BAD_INPUT;
  return AM_EXIT_FAILURE;
}

int
cli_report_output_error (const GError *error)
{
  int code = cli_report_error (error);
  return error != NULL && error->domain == AM_ERROR ? code : AM_EXIT_FAILURE;
}

int
cli_usage (const char *cmd, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (cmd)
    fprintf (stderr, "argmap %s: %s (see 'argmap %s --help')\n", cmd, msg, cmd);
  else
    fprintf (stderr, "argmap: %s\n", msg);
  return AM_EXIT_USAGE;
}

gboolean
cli_parse (GOptionContext *ctx, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, argc, argv, &error)) {
    fprintf (stderr, "argmap: %s\n", error->message);
    return FALSE;
  }
  return TRUE;
}
