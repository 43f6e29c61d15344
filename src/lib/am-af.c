/* am-af: abstract and bipolar argumentation frameworks (placeholder until semantics land). */
#include "am-af.h"
