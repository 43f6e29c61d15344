/* fuzz-apx: libFuzzer harness for the apx reader (am-af-io.c), then validation and JSON. */
#include "fuzz-common.h"

FUZZ_SINGLE_FILE_HARNESS (am_apx_read, "fuzz.apx")
