/* am-io: loading inputs from disk and writing outputs atomically (temporary file + rename). */
#include "am-io.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "am-error.h"
#include "am-validate.h"

static GBytes *
read_stdin (GError **error)
{
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[65536];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    g_byte_array_append (buf, chunk, (guint) n);
  if (ferror (stdin)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "<stdin>: %s", g_strerror (errno));
    g_byte_array_unref (buf);
    return NULL;
  }
  return g_byte_array_free_to_bytes (buf);
}

/* Files from this size on are mapped rather than copied (see AmInput.mapped). */
#define MAP_FROM (1u << 20)

/* The content of `path`. A large regular file is mapped read-only (then `mapped`, which may be
 * NULL, is set), so that the reader can give back what it has read; a file truncated while it
 * is read then ends the process with SIGBUS, the price every mapping reader (grep, ripgrep)
 * pays. */
static GBytes *
read_file (const char *path, gboolean *mapped, GError **error)
{
  GStatBuf st;
  if (mapped)
    *mapped = FALSE;
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size >= MAP_FROM) {
    GMappedFile *file = g_mapped_file_new (path, FALSE, NULL);
    if (file != NULL) {
      GBytes *bytes = g_mapped_file_get_bytes (file);
      g_mapped_file_unref (file);
      if (mapped)
        *mapped = TRUE;
      return bytes;
    }
  }
  char *data;
  gsize len;
  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return g_bytes_new_take (data, len);
}

void
am_input_drop_pages (const char *start, gsize len)
{
#ifdef MADV_DONTNEED
  static gsize page;
  if (page == 0)
    page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr from = ((guintptr) start + page - 1) & ~(guintptr) (page - 1);
  guintptr to = ((guintptr) start + len) & ~(guintptr) (page - 1);
  /* A private read-only file mapping: dropped pages come back from the file when touched. */
  if (to > from)
    madvise ((void *) from, to - from, MADV_DONTNEED);
#else
  (void) start;
  (void) len;
#endif
}

/* `what`: the text of errno, as a G_FILE_ERROR. */
static void
set_errno_error (GError **error, const char *what)
{
  int saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", what,
               g_strerror (saved));
}

/* All regular files of `dir`, by base name. */
static GHashTable *
read_folder (const char *dir, GError **error)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return NULL;
  g_autoptr (GHashTable) parts
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
      continue;
    GBytes *bytes = read_file (path, NULL, error);
    if (bytes == NULL)
      return NULL;
    g_hash_table_insert (parts, g_strdup (name), bytes);
  }
  return g_steal_pointer (&parts);
}

AmMap *
am_load (const char *path, const AmFormat *from, AmDiagnostics *diags, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  gboolean is_stdin = strcmp (path, "-") == 0;
  gboolean is_dir = !is_stdin && g_file_test (path, G_FILE_TEST_IS_DIR);
  if (from == NULL) {
    from = is_dir ? am_format_by_name ("csv") : is_stdin ? am_format_by_name ("argdown")
                                                        : am_format_by_path (path);
    if (from == NULL) {
      g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED,
                   "%s: unknown format (use --from; formats: see 'argmap convert --help')", path);
      return NULL;
    }
  }
  if (from->read == NULL) {
    g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED, "%s: argmap cannot read %s", path,
                 from->name);
    return NULL;
  }
  if (from->folder != is_dir) {
    g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED, "%s: %s input must be %s", path,
                 from->name, from->folder ? "a folder" : "a file");
    return NULL;
  }

  const char *name = is_stdin ? "<stdin>" : path;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GHashTable) parts = NULL;
  gboolean mapped = FALSE;
  if (is_dir) {
    parts = read_folder (path, error);
    if (parts == NULL)
      return NULL;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init (&it, parts);
    while (g_hash_table_iter_next (&it, &k, &v)) {
      g_autofree char *file = g_build_filename (path, k, NULL);
      am_diagnostics_add_bytes (diags, file, v);
    }
  } else {
    bytes = is_stdin ? read_stdin (error) : read_file (path, &mapped, error);
    if (bytes == NULL)
      return NULL;
    am_diagnostics_add_bytes (diags, name, bytes);
  }

  g_autofree char *base_dir = is_stdin ? g_get_current_dir ()
                              : is_dir ? g_strdup (path)
                                       : g_path_get_dirname (path);
  AmInput input = { .name = name, .bytes = bytes, .parts = parts, .base_dir = base_dir,
                    .mapped = mapped };
  g_autoptr (AmMap) map = from->read (&input, diags, error);
  if (map == NULL)
    return NULL;
  am_validate (map, diags);
  if (am_diagnostics_count (diags, AM_DIAG_ERROR) > 0) {
    g_set_error (error, AM_ERROR, AM_ERROR_PARSE, "%s: %u error(s)", name,
                 am_diagnostics_count (diags, AM_DIAG_ERROR));
    return NULL;
  }
  return g_steal_pointer (&map);
}

gboolean
am_write_file (const char *path, const char *data, gsize len, GError **error)
{
  if (strcmp (path, "-") == 0) {
    if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "<stdout>: %s", g_strerror (errno));
      return FALSE;
    }
    return TRUE;
  }
  /* g_file_set_contents writes a temporary file beside `path` and renames it. */
  return g_file_set_contents_full (path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0666, error);
}

/* The process's umask, for files made with mkstemp (which creates them 0600). */
static mode_t
current_umask (void)
{
  mode_t mask = umask (0);
  umask (mask);
  return mask;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_unlink (path);
  }
  g_rmdir (dir);
}

gboolean
am_write_folder (const char *dir, const AmOutput *out, GError **error)
{
  if (g_mkdir_with_parents (dir, 0777) != 0) {
    set_errno_error (error, dir);
    return FALSE;
  }
  /* Write everything into a temporary folder first; only when all files are complete are
   * they renamed into place, so a failure leaves the old files as they were. */
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", parent, base);
  if (g_mkdtemp (tmpl) == NULL) {
    set_errno_error (error, parent);
    return FALSE;
  }
  for (guint i = 0; i < out->names->len; i++) {
    GString *text = g_ptr_array_index (out->texts, i);
    g_autofree char *path = g_build_filename (tmpl, g_ptr_array_index (out->names, i), NULL);
    if (!g_file_set_contents (path, text->str, (gssize) text->len, error)) {
      remove_tree (tmpl);
      return FALSE;
    }
  }
  for (guint i = 0; i < out->names->len; i++) {
    const char *name = g_ptr_array_index (out->names, i);
    g_autofree char *from = g_build_filename (tmpl, name, NULL);
    g_autofree char *to = g_build_filename (dir, name, NULL);
    if (g_rename (from, to) != 0) {
      set_errno_error (error, to);
      remove_tree (tmpl);
      return FALSE;
    }
  }
  g_rmdir (tmpl);
  return TRUE;
}

gboolean
am_save (const AmMap *map, const char *path, const AmFormat *to, const AmWriteOptions *options,
         GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (to == NULL && (to = am_format_by_path (path)) == NULL) {
    g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED, "%s: unknown output format (use --to)",
                 path);
    return FALSE;
  }
  if (to->write == NULL) {
    g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED, "argmap cannot write %s", to->name);
    return FALSE;
  }
  AmWriteOptions defaults = { 0 };
  if (options == NULL)
    options = &defaults;
  AmOutput out;
  am_output_init (&out, to->folder);
  if (to->folder) {
    gboolean ok = to->write (map, options, &out, error)
                  && am_write_folder (path, &out, error);
    am_output_clear (&out);
    return ok;
  }

  /* A single file streams through a temporary file beside `path`, renamed into place once
   * complete (standard output directly). */
  gboolean to_stdout = strcmp (path, "-") == 0;
  g_autofree char *tmp = to_stdout ? NULL : g_strdup_printf ("%s.XXXXXX", path);
  if (to_stdout) {
    out.sink = stdout;
  } else {
    int fd = g_mkstemp_full (tmp, O_WRONLY, 0666 & ~current_umask ());
    if (fd < 0 || (out.sink = fdopen (fd, "w")) == NULL) {
      set_errno_error (error, path);
      if (fd >= 0)
        close (fd);
      am_output_clear (&out);
      return FALSE;
    }
  }
  gboolean ok = to->write (map, options, &out, error);
  am_output_flush (&out);
  if (ok && out.sink_error) {
    g_propagate_prefixed_error (error, g_steal_pointer (&out.sink_error), "%s: ", path);
    ok = FALSE;
  }
  if (to_stdout) {
    if (ok && fflush (stdout) != 0) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "<stdout>: %s", g_strerror (errno));
      ok = FALSE;
    }
  } else {
    if (fclose (out.sink) != 0 && ok) {
      set_errno_error (error, path);
      ok = FALSE;
    }
    if (ok && g_rename (tmp, path) != 0) {
      set_errno_error (error, path);
      ok = FALSE;
    }
    if (!ok)
      g_unlink (tmp);
  }
  am_output_clear (&out);
  return ok;
}
