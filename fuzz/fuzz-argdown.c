/* fuzz-argdown: libFuzzer harness for the Argdown reader, then validation and the JSON writer. */
#include "fuzz-common.h"

FUZZ_SINGLE_FILE_HARNESS (am_argdown_read, "fuzz.argdown")
