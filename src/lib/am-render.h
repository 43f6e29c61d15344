/* am-render: diagrams of a map (DOT, SVG, PNG, PDF) built with cgraph and laid out with gvc. */
#pragma once

#include <glib.h>

#include "am-diag.h"
#include "am-dung.h"
#include "am-model.h"

G_BEGIN_DECLS

typedef enum {
  AM_RENDER_DOT, /* the graph as DOT, not laid out (run `dot` on it to tweak by hand) */
  AM_RENDER_SVG,
  AM_RENDER_PNG,
  AM_RENDER_PDF,
} AmRenderFormat;

typedef enum {
  AM_RENDER_VIEW_MAP,    /* statements, arguments and their relations */
  AM_RENDER_VIEW_STANCE, /* actors linked to the claims they hold pro, con or neutral */
} AmRenderView;

/* Above this many nodes a map counts as large: the default layout becomes sfdp and node
 * labels show titles only (the full text stays in the tooltips). See docs/render.md. */
#define AM_RENDER_LARGE_NODES 250

typedef struct {
  AmRenderFormat format;
  const char *layout;   /* dot, neato, fdp, sfdp, circo, twopi; NULL: am_render_default_layout */
  AmRenderView view;
  const char *focus;    /* title of a statement or argument: draw only its neighbourhood */
  guint depth;          /* with focus: steps in either direction along relations and
                           reconstructions; an argument comes with its premises and
                           conclusions at its own distance */
  /* Acceptance to show, indexed like am_af_from_map numbers nodes (statements first, then
   * arguments, in map order), with n_values == statements + arguments. At most one of labels
   * and strengths is set; NULL both: plain colours. Strengths lie in [0,1] (NAN: none). */
  const AmLabel *labels;
  const double *strengths;
  guint n_values;
  const char *semantics; /* name shown in the legend and tooltips, e.g. "grounded" */
  gboolean no_legend;
} AmRenderOptions;

/* Defaults: SVG, automatic layout, the map view, depth 1, no semantics, with a legend. */
void am_render_options_init (AmRenderOptions *options);

/* "dot", "svg", "png", "pdf" and back; by the extension of a path. FALSE if unknown. */
const char *am_render_format_name (AmRenderFormat format);
gboolean am_render_format_from_string (const char *s, AmRenderFormat *out);
gboolean am_render_format_from_path (const char *file, AmRenderFormat *out);
/* TRUE if `engine` is one of the layouts argmap offers. */
gboolean am_render_layout_is_valid (const char *engine);

/* The layout used when none is given: dot, or sfdp for a graph of more than
 * AM_RENDER_LARGE_NODES nodes (static string). */
const char *am_render_default_layout (guint n_nodes);

/* Renders `map` as `options` say. Graphviz's own messages are captured: its warnings become
 * warnings in `diags` (may be NULL), its errors errors there and AM_ERROR_FAILED in `error`.
 * An unknown focus title or a wrong n_values is AM_ERROR_INVALID; an unknown layout
 * AM_ERROR_UNSUPPORTED. Returns the bytes of the output (owned), or NULL with `error` set.
 * Output is deterministic: the same map and options give the same bytes. Not thread-safe
 * with other Graphviz users in the process (Graphviz has global state); calls to
 * am_render are serialised. */
GBytes *am_render (const AmMap *map, const AmRenderOptions *options, AmDiagnostics *diags,
                   GError **error);

/* Renders and writes the result atomically to `path` ("-": standard output). */
gboolean am_render_to_file (const AmMap *map, const AmRenderOptions *options, const char *file,
                            AmDiagnostics *diags, GError **error);

/* Escaping used for Graphviz strings, exposed for tests: text for an HTML-like label
 * (entities, and backslashes doubled since Graphviz expands \N in labels), and text for an
 * escString attribute such as tooltip (backslashes quadrupled, see docs/render.md). Both
 * newly allocated. */
char *am_render_escape_html (const char *text);
char *am_render_escape_tooltip (const char *text);

G_END_DECLS
