/* cli: what the command files share: the command table entry and loading/saving helpers. */
#pragma once

#include "argmap.h"

/* One command: argv[0] is the command name. Returns an AmExit code. */
typedef int (*AmCommandFunc) (int argc, char **argv);

typedef struct {
  const char *name;
  const char *args;
  const char *description;
  AmCommandFunc run;
} AmCommand;

/* Loads `path` (format `from`, NULL for auto), printing its diagnostics (with source context)
 * to stderr. Returns NULL when the input had errors or could not be read; *exit_code is then
 * set to the code to exit with. */
AmMap *cli_load (const char *path, const char *from, int *exit_code);
/* Leaves `map` to the end of the process, which is near: the kernel takes a large map's memory
 * back at once, faster than freeing it piece by piece (5 ms for 50,000 statements). It stays
 * reachable; under AddressSanitizer, whose leak checker would not see what only the map's
 * blocks point to, it is freed. */
void cli_leave (AmMap *map);
/* Sorts and prints diagnostics to stderr with source lines and carets. */
void cli_print_diagnostics (AmDiagnostics *diags);

/* Prints `error` to stderr as "argmap: message" and returns the exit code it calls for. */
int cli_report_error (const GError *error);

/* The same for an error writing an output: a file or folder that cannot be written is an I/O
 * failure (AM_EXIT_FAILURE), not bad input, even when its folder does not exist. */
int cli_report_output_error (const GError *error);

/* Prints a usage error for `cmd` and returns AM_EXIT_USAGE. */
int cli_usage (const char *cmd, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Parses options: on error prints it and returns FALSE (exit with AM_EXIT_USAGE). */
gboolean cli_parse (GOptionContext *ctx, int *argc, char ***argv);

/* One line per command file; keep in sync with the table in main.c. */
int am_cmd_check (int argc, char **argv);
int am_cmd_convert (int argc, char **argv);
int am_cmd_solve (int argc, char **argv);
int am_cmd_eval (int argc, char **argv);
int am_cmd_render (int argc, char **argv);
int am_cmd_stats (int argc, char **argv);
