/* am-validate: checks of a whole map that no single reader can make (undefined references,
 * support cycles); every format's map goes through them after reading. */
#pragma once

#include "am-diag.h"
#include "am-model.h"

G_BEGIN_DECLS

/* Adds warnings (and errors, for broken invariants) about `map` to `diags`. */
void am_validate (const AmMap *map, AmDiagnostics *diags);

G_END_DECLS
