/* fuzz-argdown: libFuzzer harness for the Argdown reader, then validation and the JSON writer. */
#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* The bytes are not NUL-terminated, as a reader must expect of any GBytes. */
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  AmInput input = { .name = "fuzz.argdown", .bytes = bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  am_diagnostics_add_file (diags, input.name, (const char *) data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (AmMap) map = am_argdown_read (&input, diags, &error);
  fuzz_exercise (map, diags);
  return 0;
}
