/* cmd-render: `argmap render FILE -o OUT`: the map as a diagram (SVG, PNG, PDF or DOT). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "am-eval.h"
#include "am-render.h"
#include "cli.h"

int
am_cmd_render (int argc, char **argv)
{
  g_autofree char *output = NULL, *format_name = NULL, *from = NULL, *layout = NULL;
  g_autofree char *focus = NULL, *view = NULL, *semantics = NULL, *support_name = NULL;
  int depth = 1;
  gboolean no_legend = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Output file: .svg .png .pdf .dot ('-': stdout, needs --format)", "OUT" },
    { "format", 'T', 0, G_OPTION_ARG_STRING, &format_name,
      "Output format: svg, png, pdf, dot (default: by extension)", "F" },
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from, "Input format (default: by extension)", "F" },
    { "layout", 'l', 0, G_OPTION_ARG_STRING, &layout,
      "Layout engine: dot, neato, fdp, sfdp, circo, twopi (default: dot; sfdp for large maps)",
      "ENGINE" },
    { "focus", 'c', 0, G_OPTION_ARG_STRING, &focus,
      "Draw only the neighbourhood of the statement or argument with this title (or id: s1, a1)",
      "TITLE" },
    { "depth", 'd', 0, G_OPTION_ARG_INT, &depth,
      "With --focus: steps along relations and reconstructions (an argument comes with its "
      "premises and conclusion; default 1)", "N" },
    { "view", 'V', 0, G_OPTION_ARG_STRING, &view,
      "map (default) or stance: actors linked to the claims they hold", "VIEW" },
    { "semantics", 's', 0, G_OPTION_ARG_STRING, &semantics,
      "Colour nodes by acceptance (grounded, complete, preferred, stable, semi-stable, stage, "
      "ideal) or strength (h-categorizer, df-quad, euler, quadratic-energy)", "S" },
    { "support", 0, 0, G_OPTION_ARG_STRING, &support_name,
      "With a Dung --semantics: how supports enter (none, supported, mediated, both)", "M" },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &no_legend, "Leave out the legend", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE - draw a map");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return AM_EXIT_USAGE;
  if (argc != 2)
    return cli_usage ("render", "expected exactly one input file");
  if (output == NULL)
    return cli_usage ("render", "missing -o OUT");

  AmRenderOptions options;
  am_render_options_init (&options);
  if (format_name != NULL) {
    if (!am_render_format_from_string (format_name, &options.format))
      return cli_usage ("render", "unknown output format '%s' (svg, png, pdf, dot)", format_name);
  } else if (strcmp (output, "-") == 0) {
    return cli_usage ("render", "writing to '-' needs --format");
  } else if (!am_render_format_from_path (output, &options.format)) {
    return cli_usage ("render", "cannot tell the format of '%s': use .svg .png .pdf .dot or "
                                "--format", output);
  }
  if (layout != NULL && !am_render_layout_is_valid (layout))
    return cli_usage ("render", "unknown layout '%s' (dot, neato, fdp, sfdp, circo, twopi)",
                      layout);
  if (depth < 0)
    return cli_usage ("render", "--depth must be 0 or more");
  if (view == NULL || strcmp (view, "map") == 0)
    options.view = AM_RENDER_VIEW_MAP;
  else if (strcmp (view, "stance") == 0)
    options.view = AM_RENDER_VIEW_STANCE;
  else
    return cli_usage ("render", "unknown view '%s' (map, stance)", view);
  AmSupportMode support = AM_EVAL_DEFAULT_SUPPORT;
  if (support_name && !am_eval_support_from_string (support_name, &support))
    return cli_usage ("render", "unknown support mode '%s' (none, supported, mediated or both)",
                      support_name);
  if (semantics != NULL && am_eval_semantics_by_name (semantics) == NULL)
    return cli_usage ("render", "unknown semantics '%s'", semantics);
  options.layout = layout;
  options.focus = focus;
  options.depth = (guint) depth;
  options.no_legend = no_legend;

  int code = AM_EXIT_OK;
  g_autoptr (AmMap) map = cli_load (argv[1], from, &code);
  if (map == NULL)
    return code;

  g_autoptr (GError) error = NULL;
  g_autofree AmLabel *labels = NULL;
  g_autofree double *strengths = NULL;
  if (semantics != NULL) {
    g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
    if (!am_eval_map_values (map, semantics, support, &labels, &strengths, &options.n_values,
                             warnings, &error))
      return cli_report_error (error);
    for (guint i = 0; i < warnings->len; i++)
      fprintf (stderr, "%s: warning: %s\n", map->name, (char *) g_ptr_array_index (warnings, i));
    options.labels = labels;
    options.strengths = strengths;
    options.semantics = semantics;
  }

  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  gboolean ok = am_render_to_file (map, &options, output, diags, &error);
  cli_print_diagnostics (diags);
  if (!ok)
    return cli_report_output_error (error);
  return AM_EXIT_OK;
}
