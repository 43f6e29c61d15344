/* am-argdown-read: the Argdown reader (placeholder until the reader lands). */
#include "am-error.h"
#include "am-formats.h"

AmMap *
am_argdown_read (const AmInput *input, AmDiagnostics *diags, GError **error)
{
  g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED, "%s: the Argdown reader is not built yet",
               input->name);
  return NULL;
}
