/* am-annotate: argmap's conventions inside Argdown metadata (DESIGN §3): the front matter's
 * `source:` and `actors:`, and per node `quote:` (anchored into the source), `occurrence:`,
 * `stance:` and `weight:`. */
#pragma once

#include "am-diag.h"
#include "am-model.h"

G_BEGIN_DECLS

/* Reads the conventions out of the metadata of `map` into its model fields (sources, actors,
 * stances, spans, weights). Relative source paths start at `base_dir`; when `base_dir` is NULL
 * no source file is read and quotes are not anchored. Problems become diagnostics. */
void am_annotate (AmMap *map, const char *base_dir, AmDiagnostics *diags);

G_END_DECLS
