/* am-annotate: argmap's conventions inside Argdown metadata (placeholder until it lands). */
#include "am-annotate.h"

void
am_annotate (AmMap *map, const char *base_dir, AmDiagnostics *diags)
{
}
