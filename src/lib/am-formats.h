/* am-formats: the readers and writers that am-format.c registers (one file each). */
#pragma once

#include "am-format.h"

G_BEGIN_DECLS

/* am-argdown-read.c */
AmMap *am_argdown_read (const AmInput *input, AmDiagnostics *diags, GError **error);
/* am-json-write.c */
gboolean am_json_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                        GError **error);

/* am-csv-write.c, am-csv-read.c: the CSV folder (parts nodes.csv, edges.csv ...) */
gboolean am_csv_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                       GError **error);

G_END_DECLS
