/* cmd-solve: `argmap solve -p TASK -f FILE [-a ARG]` and `argmap solve --problems`, the
 * ICCMA 2023 solver interface: stdout carries the answer and nothing else. */
#include <stdio.h>
#include <string.h>

#include "am-af-io.h"
#include "cli.h"

typedef enum {
  TASK_DC,
  TASK_DS,
  TASK_SE,
} TaskKind;

static const char *const task_kinds[] = { "DC", "DS", "SE" };

/* Every semantics in ICCMA order; --problems lists DC, DS, SE of each. Grounded comes last as
 * it is not a 2023 main-track semantics but the interface handles it the same way. */
static const AmDungSemantics problem_order[] = {
  AM_SEM_COMPLETE, AM_SEM_PREFERRED, AM_SEM_STABLE, AM_SEM_SEMI_STABLE,
  AM_SEM_STAGE, AM_SEM_IDEAL, AM_SEM_GROUNDED,
};

static gboolean
parse_task (const char *task, TaskKind *kind, AmDungSemantics *sem)
{
  const char *dash = strchr (task, '-');
  if (dash == NULL || dash - task != 2)
    return FALSE;
  guint k;
  for (k = 0; k < G_N_ELEMENTS (task_kinds); k++)
    if (g_ascii_strncasecmp (task, task_kinds[k], 2) == 0)
      break;
  if (k == G_N_ELEMENTS (task_kinds))
    return FALSE;
  /* Only the ICCMA codes (CO, PR...), so that --problems lists exactly what is accepted. */
  for (guint i = 0; i < G_N_ELEMENTS (problem_order); i++)
    if (g_ascii_strcasecmp (dash + 1, am_dung_semantics_code (problem_order[i])) == 0) {
      *kind = (TaskKind) k;
      *sem = problem_order[i];
      return TRUE;
    }
  return FALSE;
}

static void
print_problems (GString *out)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < G_N_ELEMENTS (problem_order); i++)
    for (guint k = 0; k < G_N_ELEMENTS (task_kinds); k++)
      g_string_append_printf (out, "%s%s-%s", out->len > 1 ? "," : "", task_kinds[k],
                              am_dung_semantics_code (problem_order[i]));
  g_string_append (out, "]\n");
}

/* "w a1 a2 ...": the members in argument order, by name (ICCMA files: their numbers). */
static void
print_extension (GString *out, const AmAf *af, const gboolean *in)
{
  g_string_append_c (out, 'w');
  for (guint a = 0; a < af->n; a++)
    if (in[a]) {
      if (af->names)
        g_string_append_printf (out, " %s", af->names[a]);
      else
        g_string_append_printf (out, " %u", a + 1);
    }
  g_string_append_c (out, '\n');
}

static gboolean
write_stdout (const GString *out)
{
  return fwrite (out->str, 1, out->len, stdout) == out->len && fflush (stdout) == 0;
}

/* Reads the framework of `path`: format by extension, or --from, else ICCMA 2023. The file
 * is mapped, not copied; its text is registered for diagnostics only when there are some. */
static AmAf *
load_af (const char *path, const char *from, int *code)
{
  AmAfFormat format = AM_AF_FORMAT_I23;
  if (from ? !am_af_format_from_name (from, &format) : FALSE) {
    *code = cli_usage ("solve", "unknown framework format '%s' (i23, apx, tgf)", from);
    return NULL;
  }
  if (from == NULL)
    am_af_format_from_path (path, &format);
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  if (file == NULL) {
    *code = cli_report_error (error);
    return NULL;
  }
  g_autoptr (GBytes) bytes = g_mapped_file_get_bytes (file);
  AmInput input = { .name = path, .bytes = bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  AmAf *af = am_af_read (format, &input, diags, &error);
  if (am_diagnostics_len (diags) > 0) {
    am_diagnostics_add_bytes (diags, path, bytes);
    cli_print_diagnostics (diags);
  }
  if (af == NULL)
    *code = AM_EXIT_BAD_INPUT;
  return af;
}

static void
print_identity (GString *out)
{
  g_string_append_printf (out, "argmap %s\nthe argmap authors (ICCMA 2023 interface: argmap solve)\n",
                          AM_VERSION);
}

int
am_cmd_solve (int argc, char **argv)
{
  /* GOption allocates the strings it parses. */
  g_autofree char *task = NULL, *file = NULL, *query = NULL, *from = NULL;
  gboolean problems = FALSE;
  const GOptionEntry entries[] = {
    { "problem", 'p', 0, G_OPTION_ARG_STRING, &task, "Task, e.g. DC-CO, DS-PR, SE-ST", "TASK" },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &file, "The framework (.i23/.af, .apx, .tgf)",
      "FILE" },
    { "argument", 'a', 0, G_OPTION_ARG_STRING, &query,
      "Query argument for DC and DS (number or name)", "ARG" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "Framework format: i23, apx or tgf", "F" },
    { "problems", 0, 0, G_OPTION_ARG_NONE, &problems, "List the supported tasks", NULL },
    { NULL },
  };
  g_autoptr (GString) out = g_string_new (NULL);
  if (argc == 1) {
    print_identity (out);
    return write_stdout (out) ? AM_EXIT_OK : AM_EXIT_FAILURE;
  }
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("- decide and find extensions (ICCMA 2023 solver interface)");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return AM_EXIT_USAGE;
  if (problems) {
    print_problems (out);
    return write_stdout (out) ? AM_EXIT_OK : AM_EXIT_FAILURE;
  }
  if (argc != 1)
    return cli_usage ("solve", "unexpected argument '%s'", argv[1]);
  TaskKind kind;
  AmDungSemantics sem;
  if (task == NULL || file == NULL)
    return cli_usage ("solve", "-p TASK and -f FILE are required");
  if (!parse_task (task, &kind, &sem))
    return cli_usage ("solve", "unknown task '%s' (see 'argmap solve --problems')", task);
  if (kind != TASK_SE && query == NULL)
    return cli_usage ("solve", "%s needs a query argument -a ARG", task);

  int code = AM_EXIT_OK;
  g_autoptr (AmAf) af = load_af (file, from, &code);
  if (af == NULL)
    return code;
  guint arg = 0;
  if (kind != TASK_SE && !am_af_find_argument (af, query, &arg)) {
    fprintf (stderr, "argmap solve: %s has no argument '%s'\n", file, query);
    return AM_EXIT_BAD_INPUT;
  }

  g_autoptr (GError) error = NULL;
  g_autoptr (AmDungSolver) ds = am_dung_solver_new (af, sem);
  g_autofree gboolean *ext = g_new0 (gboolean, af->n ? af->n : 1);
  if (kind == TASK_SE) {
    gboolean found;
    if (!am_dung_solver_some_extension (ds, ext, &found, &error) && error)
      return cli_report_error (error);
    if (found)
      print_extension (out, af, ext);
    else
      g_string_append (out, "NO\n");
  } else {
    gboolean answer, has_witness;
    AmAcceptMode mode = kind == TASK_DC ? AM_ACCEPT_CREDULOUS : AM_ACCEPT_SCEPTICAL;
    if (!am_dung_solver_accepts (ds, mode, arg, &answer, ext, &has_witness, &error))
      return cli_report_error (error);
    g_string_append (out, answer ? "YES\n" : "NO\n");
    /* The rules ask for a certificate with a credulous YES and a sceptical NO. */
    if (has_witness)
      print_extension (out, af, ext);
  }
  return write_stdout (out) ? AM_EXIT_OK : AM_EXIT_FAILURE;
}
