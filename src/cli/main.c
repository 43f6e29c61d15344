/* main: the argmap command line; it only dispatches to the command files. */
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* One line per command, in the order `argmap --help` lists them. */
static const AmCommand commands[] = {
  { "check", "FILE...", "parse and validate maps; diagnostics on stderr", am_cmd_check },
  { "convert", "FILE -o OUT [--from F] [--to F]", "convert between formats", am_cmd_convert },
  { "eval", "FILE [--semantics S] [--explain ID]", "which claims stand, and why", am_cmd_eval },
  { "solve", "-p TASK -f FILE [-a ARG] | --problems", "ICCMA 2023 solver interface", am_cmd_solve },
  { "render", "FILE -o OUT.{svg,png,pdf,dot}", "draw the map (cgraph + gvc)", am_cmd_render },
  { "stats", "FILE [--format table|json]", "count nodes, relations, actors", am_cmd_stats },
  { NULL, NULL, NULL, NULL },
};

static void
usage (FILE *out)
{
  fprintf (out, "Usage: argmap COMMAND [OPTIONS] ...\n\nCommands:\n");
  for (const AmCommand *c = commands; c->name; c++)
    fprintf (out, "  %-9s %-36s %s\n", c->name, c->args, c->description);
  fprintf (out, "\n'argmap COMMAND --help' describes a command's options.\n"
                "Exit codes: 0 ok, 1 bad input, 2 usage, 3 I/O or internal failure.\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* glibc raises its mmap threshold to the size of each large block freed (up to 32 MB): once a
   * reader has freed a table of a few megabytes, the blocks it goes on to free would stay in the
   * heap, resident though unused (a million-statement map kept 50 MB more). Fixed, a large block
   * is given back when freed. */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  if (argc < 2) {
    usage (stderr);
    return AM_EXIT_USAGE;
  }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0) {
    usage (stdout);
    return AM_EXIT_OK;
  }
  if (strcmp (argv[1], "--version") == 0) {
    printf ("argmap %s\n", AM_VERSION);
    return AM_EXIT_OK;
  }
  for (const AmCommand *c = commands; c->name; c++)
    if (strcmp (argv[1], c->name) == 0)
      return c->run (argc - 1, argv + 1);
  fprintf (stderr, "argmap: unknown command '%s'\n", argv[1]);
  usage (stderr);
  return AM_EXIT_USAGE;
}
