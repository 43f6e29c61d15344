/* am-csv-private: what the CSV writer and reader share (not a public interface). */
#pragma once

#include "am-model.h"

G_BEGIN_DECLS

/* The columns of each file, in order (DESIGN §4): the writer writes exactly these, the reader
 * finds them by header name. NULL-terminated. */
extern const char *const am_csv_node_columns[];
extern const char *const am_csv_edge_columns[];
extern const char *const am_csv_premise_columns[];
extern const char *const am_csv_actor_columns[];
extern const char *const am_csv_stance_columns[];

/* TRUE when a spreadsheet would run a cell starting like `s` as a formula: = + - @ TAB CR. */
gboolean am_csv_is_formula_start (const char *s);

/* The writer's id of a node: s1, s2 ... for statements, a1, a2 ... for arguments (newly
 * allocated). The reader accepts any unique ids. */
char *am_csv_node_id (AmNodeRef ref);

/* The `relation` cell of a relation: its strict-mode name (entails, contrary, contradictory)
 * when `original` is one, else its type. */
const char *am_csv_relation_name (AmRelationType type, const char *original);
/* The inverse: FALSE for an unknown name; `original` is set to the strict-mode name or NULL
 * (static strings). */
gboolean am_csv_relation_parse (const char *name, AmRelationType *type, const char **original);

G_END_DECLS
