/* am-error: argmap's one error domain. */
#include "am-error.h"

G_DEFINE_QUARK (am-error-quark, am_error)
