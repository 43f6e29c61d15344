/* cmd-stats: `argmap stats FILE [--format table|json]`: counts that describe a map. */
#include <stdio.h>
#include <string.h>

#include "am-stats.h"
#include "cli.h"

int
am_cmd_stats (int argc, char **argv)
{
  g_autofree char *from = NULL, *format = NULL;
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from, "Input format (default: by extension)", "F" },
    { "format", 'T', 0, G_OPTION_ARG_STRING, &format, "Output: table (default) or json", "F" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE - count what a map holds");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return AM_EXIT_USAGE;
  if (argc != 2)
    return cli_usage ("stats", "expected exactly one input file");
  gboolean json = FALSE;
  if (format != NULL && strcmp (format, "json") == 0)
    json = TRUE;
  else if (format != NULL && strcmp (format, "table") != 0)
    return cli_usage ("stats", "unknown format '%s' (table, json)", format);

  int code = AM_EXIT_OK;
  g_autoptr (AmMap) map = cli_load (argv[1], from, &code);
  if (map == NULL)
    return code;
  AmStats stats;
  am_stats_compute (map, &stats);
  g_autoptr (GString) out = g_string_new (NULL);
  if (json) {
    g_autoptr (JsonNode) root = am_stats_to_json (&stats);
    g_autoptr (JsonGenerator) gen = json_generator_new ();
    json_generator_set_pretty (gen, TRUE);
    json_generator_set_indent (gen, 2);
    json_generator_set_root (gen, root);
    g_autofree char *text = json_generator_to_data (gen, NULL);
    g_string_append_printf (out, "%s\n", text);
  } else {
    am_stats_format_table (&stats, out);
  }
  if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0) {
    fprintf (stderr, "argmap: error: cannot write to standard output\n");
    return AM_EXIT_FAILURE;
  }
  return AM_EXIT_OK;
}
