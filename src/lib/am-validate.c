/* am-validate: whole-map checks (placeholder until it lands). */
#include "am-validate.h"

void
am_validate (const AmMap *map, AmDiagnostics *diags)
{
}
