/* argmap.h: the one header for users of libargmap. */
#pragma once

#include "am-af.h"
#include "am-annotate.h"
#include "am-diag.h"
#include "am-dung.h"
#include "am-error.h"
#include "am-format.h"
#include "am-io.h"
#include "am-model.h"
#include "am-validate.h"

#ifndef AM_VERSION
#define AM_VERSION "unknown"
#endif
