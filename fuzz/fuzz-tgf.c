/* fuzz-tgf: libFuzzer harness for the tgf reader (am-af-io.c), then validation and JSON. */
#include "fuzz-common.h"

FUZZ_SINGLE_FILE_HARNESS (am_tgf_read, "fuzz.tgf")
