/* am-map-compare: whether two maps say the same thing, for round-trip tests of the formats. */
#pragma once

#include <glib.h>

#include "am-model.h"

G_BEGIN_DECLS

/* TRUE when `a` and `b` hold the same content, compared by title (not by index or origin):
 *  - statements and arguments: the same titles; per node its text (an argument's description;
 *    compared without the node's own tags written inline, as Argdown keeps them, and with
 *    white space runs as one space, none at the ends), tags (in order), section (as the path of heading titles from the top), span (source path,
 *    start, end) and weight (unset equals unset);
 *  - arguments' premise-conclusion structures: the same statements in the same order with the
 *    same roles (premise, intermediary, main conclusion);
 *  - relations as a set of (type, from, to, strict-mode original); a contradiction equals its
 *    reverse, and its original "contradictory" says nothing more; whether a relation was derived is provenance, like its origin, and not compared;
 *  - actors by id (name, kind); stances as a set of (actor, node, value).
 * Not compared: origins, occurrences (members), metadata other than what the model fields
 * above carry, inference rules, stance quotes, section levels and sections that hold no node.
 * When they differ and `why` is non-NULL, one line per difference (at most 20) is appended. */
gboolean am_map_equal (const AmMap *a, const AmMap *b, GString *why);

G_END_DECLS
