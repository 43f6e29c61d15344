/* cmd-convert: `argmap convert FILE -o OUT [--from F] [--to F]`. */
#include <string.h>

#include "cli.h"

int
am_cmd_convert (int argc, char **argv)
{
  /* GOption hands out newly allocated strings. */
  g_autofree char *from = NULL, *to = NULL, *output = NULL;
  gboolean csv_raw = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file or folder ('-': stdout)",
      "OUT" },
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from, "Input format (default: by extension)", "F" },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to, "Output format (default: by extension)", "F" },
    { "csv-raw", 0, 0, G_OPTION_ARG_NONE, &csv_raw, "Do not neutralise formula-like CSV cells",
      NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE - convert a map between formats");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return AM_EXIT_USAGE;
  if (argc != 2)
    return cli_usage ("convert", "expected exactly one input file");
  if (output == NULL)
    return cli_usage ("convert", "missing -o OUT");

  const AmFormat *format = NULL;
  if (to != NULL && (format = am_format_by_name (to)) == NULL) {
    g_autoptr (GString) names = g_string_new (NULL);
    for (const AmFormat *const *f = am_formats (); *f; f++)
      if ((*f)->write)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", (*f)->name);
    return cli_usage ("convert", "unknown output format '%s' (argmap writes %s)", to,
                      names->str);
  }
  /* An existing folder, or a path ending in '/', can only take the CSV folder. */
  if (format == NULL && strcmp (output, "-") != 0
      && (g_str_has_suffix (output, "/") || g_file_test (output, G_FILE_TEST_IS_DIR)))
    format = am_format_by_name ("csv");
  if (format == NULL && strcmp (output, "-") == 0)
    return cli_usage ("convert", "writing to '-' needs --to");
  if (format != NULL && format->folder && strcmp (output, "-") == 0)
    return cli_usage ("convert", "%s is a folder of files: it cannot go to standard output",
                      format->name);

  int code = AM_EXIT_OK;
  AmMap *map = cli_load (argv[1], from, &code);
  if (map == NULL)
    return code;
  AmWriteOptions options = { .csv_raw = csv_raw };
  g_autoptr (GError) error = NULL;
  gboolean saved = am_save (map, output, format, &options, &error);
  cli_leave (map);
  return saved ? AM_EXIT_OK : cli_report_output_error (error);
}
