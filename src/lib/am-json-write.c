/* am-json-write: argmap's JSON (placeholder until the writer lands). */
#include "am-error.h"
#include "am-formats.h"

gboolean
am_json_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out, GError **error)
{
  g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED, "the JSON writer is not built yet");
  return FALSE;
}
