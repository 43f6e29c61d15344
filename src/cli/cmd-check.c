/* cmd-check: `argmap check FILE...`: parse and validate, diagnostics on stderr. */
#include "cli.h"

int
am_cmd_check (int argc, char **argv)
{
  g_autofree char *from = NULL;
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from, "Input format (default: by extension)", "F" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE... - parse and validate maps");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return AM_EXIT_USAGE;
  if (argc < 2)
    return cli_usage ("check", "no input file");

  int worst = AM_EXIT_OK;
  for (int i = 1; i < argc; i++) {
    int code = AM_EXIT_OK;
    g_autoptr (AmMap) map = cli_load (argv[i], from, &code);
    if (map == NULL && code > worst)
      worst = code;
  }
  return worst;
}
