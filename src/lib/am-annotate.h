/* am-annotate: argmap's conventions inside Argdown metadata (DESIGN §3): the front matter's
 * `source:` and `actors:`, and per node `quote:` (anchored into the source), `occurrence:`,
 * `stance:` and `weight:`. */
#pragma once

#include "am-diag.h"
#include "am-model.h"

G_BEGIN_DECLS

/* Reads the conventions out of the metadata of `map` into its model fields (sources, actors,
 * stances, spans, weights). Relative source paths start at `base_dir`; when `base_dir` is NULL
 * no source file is read and quotes are not anchored. Problems become diagnostics.
 *
 * What is read (docs/annotation.md is the reference):
 *   front matter  source: PATH                   the text that quotes point into (one per map)
 *                 actors: {ID: {name: N, kind: K}} or {ID: NAME} or {ID: null}
 *   any node      quote: TEXT  [occurrence: N]   anchored into the source -> span
 *                 stance: {ID: pro|con|neutral}  or {ID: {value: V, quote: TEXT}}, or a list
 *                                                of such mappings
 *                 weight: NUMBER in [0, 1]       the base score
 * Diagnostics point at the origin of the value of the key concerned. When the reader records
 * origins of nested values under dotted keys ("stance.putin", "actors.putin"), those are used
 * for the diagnostics about one actor; otherwise the origin of the top-level key is. */
void am_annotate (AmMap *map, const char *base_dir, AmDiagnostics *diags);

G_END_DECLS
