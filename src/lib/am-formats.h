/* am-formats: the readers and writers that am-format.c registers (one file each). */
#pragma once

#include "am-format.h"

G_BEGIN_DECLS

/* am-argdown-read.c */
AmMap *am_argdown_read (const AmInput *input, AmDiagnostics *diags, GError **error);
/* am-argdown-write.c */
gboolean am_argdown_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                           GError **error);
/* am-json-write.c */
gboolean am_json_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                        GError **error);

/* am-csv-write.c, am-csv-read.c: the CSV folder (parts nodes.csv, edges.csv ...) */
AmMap *am_csv_read (const AmInput *input, AmDiagnostics *diags, GError **error);
gboolean am_csv_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                       GError **error);

/* am-af-io.c: abstract frameworks; each argument a statement, each attack an attack. */
AmMap *am_i23_read (const AmInput *input, AmDiagnostics *diags, GError **error);
AmMap *am_apx_read (const AmInput *input, AmDiagnostics *diags, GError **error);
AmMap *am_tgf_read (const AmInput *input, AmDiagnostics *diags, GError **error);
gboolean am_i23_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                       GError **error);
gboolean am_apx_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                       GError **error);
gboolean am_tgf_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                       GError **error);

G_END_DECLS
