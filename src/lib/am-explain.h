/* am-explain: a short account, readable by a student, of why a claim is in, out or undecided,
 * or what moved its strength. */
#pragma once

#include "am-eval.h"

G_BEGIN_DECLS

/* The justification tree of a grounded explanation is cut after this many lines, and below
 * this depth, so its size never follows the input's. */
#define AM_EXPLAIN_MAX_LINES 40
#define AM_EXPLAIN_MAX_DEPTH 10
/* Lists (attackers, members of an extension, contributions) show at most this many items. */
#define AM_EXPLAIN_MAX_ITEMS 8


/* Appends to `out` why `target` has the value it has in `col`, which was computed with
 * am_eval_column (bipolar, attacks, ...) on am_af_from_map (map). Multi-extension semantics
 * may ask the solver for example extensions: FALSE with `error` set if it fails. */
gboolean am_explain (const AmMap *map, const AmAf *bipolar, const AmAf *attacks,
                     const AmEvalColumn *col, AmNodeRef target, AmSupportMode support,
                     GString *out, GError **error);

G_END_DECLS
