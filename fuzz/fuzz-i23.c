/* fuzz-i23: libFuzzer harness for the i23 reader (am-af-io.c), then validation and JSON. */
#include "fuzz-common.h"

FUZZ_SINGLE_FILE_HARNESS (am_i23_read, "fuzz.i23")
