/* am-af-io: abstract framework files: ICCMA 2023 `p af N` (.af/.i23), ASPARTIX APX and TGF,
 * read in one streaming pass straight into an AmAf, and written from one. */
#pragma once

#include <glib.h>

#include "am-af.h"
#include "am-diag.h"
#include "am-format.h"

G_BEGIN_DECLS

typedef enum {
  AM_AF_FORMAT_I23, /* p af N, then "i j" lines, # comments; arguments are 1..N */
  AM_AF_FORMAT_APX, /* arg(a). att(a,b).  % comments */
  AM_AF_FORMAT_TGF, /* node lines "id [label]", a "#" line, edge lines "from to [label]" */
} AmAfFormat;

/* By the extension of `path` (.af .i23 .apx .tgf, case-insensitive); FALSE if none. */
gboolean am_af_format_from_path (const char *path, AmAfFormat *out);
/* By name: "i23" (also "af", "iccma"), "apx", "tgf". */
gboolean am_af_format_from_name (const char *name, AmAfFormat *out);

/* Reads a framework (finalized). Problems go to `diags` as `file:line:col: error: ...`;
 * returns NULL with AM_ERROR_PARSE when there were errors. Linear in the input: no argument
 * lookup is worse than a hash probe, no pass over the text is repeated. For i23, names is
 * NULL (argument a is a+1); for APX and TGF, names are as written. */
AmAf *am_af_read (AmAfFormat format, const AmInput *input, AmDiagnostics *diags,
                  GError **error);

/* Appends `af` (its attacks; supports cannot be written in these formats, and i23 says in a
 * comment how many were left out) in `format`. */
void am_af_write (const AmAf *af, AmAfFormat format, GString *out);

/* The argument named `name` (for i23: its number, 1..n). FALSE if there is none. Linear. */
gboolean am_af_find_argument (const AmAf *af, const char *name, guint *out);

G_END_DECLS
