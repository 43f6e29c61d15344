/* cmd-eval: `argmap eval FILE [--semantics S] [--format F] [--support M] [--explain ID]`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "am-eval.h"
#include "am-explain.h"

/* The node `id` names: a title (statements first), then "[title]" or "<title>" as the table
 * prints them (to pick the argument when a statement has the same title), then an id of the
 * CSV output (s3, a2). */
static gboolean
find_node (const AmMap *map, const char *id, AmNodeRef *out)
{
  if (am_map_find_node (map, id, out))
    return TRUE;
  gsize len = strlen (id);
  if (len >= 2 && ((id[0] == '[' && id[len - 1] == ']') || (id[0] == '<' && id[len - 1] == '>'))) {
    g_autofree char *title = g_strndup (id + 1, len - 2);
    gint i = id[0] == '[' ? am_map_find_statement (map, title) : am_map_find_argument (map, title);
    if (i >= 0) {
      *out = am_node_ref (id[0] == '[' ? AM_NODE_STATEMENT : AM_NODE_ARGUMENT, (guint) i);
      return TRUE;
    }
    return FALSE;
  }
  if (len >= 2 && (id[0] == 's' || id[0] == 'a')) {
    char *end = NULL;
    guint64 k = g_ascii_strtoull (id + 1, &end, 10);
    guint count = id[0] == 's' ? map->statements->len : map->arguments->len;
    if (end && *end == '\0' && g_ascii_isdigit (id[1]) && k >= 1 && k <= count) {
      *out = am_node_ref (id[0] == 's' ? AM_NODE_STATEMENT : AM_NODE_ARGUMENT, (guint) k - 1);
      return TRUE;
    }
  }
  return FALSE;
}

int
am_cmd_eval (int argc, char **argv)
{
  /* GOption allocates string values: owned here, defaults applied after parsing. */
  g_autofree char *semantics_arg = NULL, *format_arg = NULL, *support_name = NULL;
  g_autofree char *explain = NULL, *from = NULL, *output = NULL;
  gboolean csv_raw = FALSE;
  const GOptionEntry entries[] = {
    { "semantics", 's', 0, G_OPTION_ARG_STRING, &semantics_arg,
      "grounded, complete, preferred, stable, semi-stable, stage, ideal, h-categorizer, "
      "df-quad, euler, quadratic-energy or all (default: grounded)", "S" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_arg, "table, csv or json (default: table)",
      "F" },
    { "support", 0, 0, G_OPTION_ARG_STRING, &support_name,
      "How supports enter the Dung semantics: none, supported, mediated or both "
      "(default: none)", "M" },
    { "explain", 'e', 0, G_OPTION_ARG_STRING, &explain,
      "Explain why node ID (a title, [statement], <argument> or a CSV id) has its value", "ID" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "Input format (default: by extension)", "F" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to OUT instead of standard output",
      "OUT" },
    { "csv-raw", 0, 0, G_OPTION_ARG_NONE, &csv_raw, "Do not neutralise formula-like CSV cells",
      NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (
    "FILE - which claims stand: labels or strengths under a semantics");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return AM_EXIT_USAGE;
  if (argc != 2)
    return cli_usage ("eval", "expected exactly one input file");
  const char *semantics = semantics_arg ? semantics_arg : "grounded";
  const char *format_name = format_arg ? format_arg : "table";

  AmEvalFormat format;
  if (!am_eval_format_from_string (format_name, &format))
    return cli_usage ("eval", "unknown format '%s' (table, csv or json)", format_name);
  AmSupportMode support = AM_EVAL_DEFAULT_SUPPORT;
  if (support_name && !am_eval_support_from_string (support_name, &support))
    return cli_usage ("eval", "unknown support mode '%s' (none, supported, mediated or both)",
                      support_name);
  gboolean all = strcmp (semantics, "all") == 0;
  const AmEvalSemantics *one = all ? NULL : am_eval_semantics_by_name (semantics);
  if (!all && one == NULL)
    return cli_usage ("eval", "unknown semantics '%s'", semantics);
  if (explain && all)
    return cli_usage ("eval", "--explain needs one semantics, not 'all'");

  int code = AM_EXIT_OK;
  g_autoptr (AmMap) map = cli_load (argv[1], from, &code);
  if (map == NULL)
    return code;
  AmNodeRef target = { 0 };
  if (explain && !find_node (map, explain, &target)) {
    fprintf (stderr, "%s: error: no statement or argument titled '%s'\n", map->name, explain);
    return AM_EXIT_BAD_INPUT;
  }

  g_autoptr (AmAf) af = am_af_from_map (map);
  g_autoptr (AmAf) derived = am_af_derive (af, support);
  g_autoptr (GPtrArray) cols
    = g_ptr_array_new_with_free_func ((GDestroyNotify) am_eval_column_free);
  for (const AmEvalSemantics *s = am_eval_semantics_table (); s->name; s++) {
    if (!all && s != one)
      continue;
    g_autoptr (GError) error = NULL;
    AmEvalColumn *col = am_eval_column (af, derived, s, &error);
    if (col == NULL)
      return cli_report_error (error);
    g_autofree char *warning = am_eval_column_warning (col);
    if (warning)
      fprintf (stderr, "%s: warning: %s\n", map->name, warning);
    g_ptr_array_add (cols, col);
  }

  g_autoptr (GString) out = g_string_new (NULL);
  if (explain) {
    g_autoptr (GError) error = NULL;
    if (!am_explain (map, af, derived, g_ptr_array_index (cols, 0), target, support, out,
                     &error))
      return cli_report_error (error);
  } else {
    am_eval_write (map, (const AmEvalColumn *const *) cols->pdata, cols->len, support, format,
                   csv_raw, out);
  }
  g_autoptr (GError) error = NULL;
  if (!am_write_file (output ? output : "-", out->str, out->len, &error))
    return cli_report_output_error (error);
  return AM_EXIT_OK;
}
