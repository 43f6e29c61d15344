/* am-diag: diagnostics with a location, printed as `file:line:col: error: message`. */
#include "am-diag.h"

#include <string.h>

struct _AmDiagnostics {
  GArray *items;     /* AmDiag */
  GHashTable *files; /* interned file name -> GBytes of its text */
};

static void
diag_clear (gpointer p)
{
  g_free (((AmDiag *) p)->message);
}

AmDiagnostics *
am_diagnostics_new (void)
{
  AmDiagnostics *d = g_new0 (AmDiagnostics, 1);
  d->items = g_array_new (FALSE, TRUE, sizeof (AmDiag));
  g_array_set_clear_func (d->items, diag_clear);
  d->files = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                    (GDestroyNotify) g_bytes_unref);
  return d;
}

void
am_diagnostics_free (AmDiagnostics *diags)
{
  if (diags == NULL)
    return;
  g_array_unref (diags->items);
  g_hash_table_unref (diags->files);
  g_free (diags);
}

void
am_diagnostics_add_file (AmDiagnostics *diags, const char *file, const char *text, gsize len)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, len);
  am_diagnostics_add_bytes (diags, file, bytes);
}

void
am_diagnostics_add_bytes (AmDiagnostics *diags, const char *file, GBytes *bytes)
{
  g_hash_table_insert (diags->files, (gpointer) g_intern_string (file), g_bytes_ref (bytes));
}

void
am_diag_add (AmDiagnostics *diags, AmSeverity severity, AmOrigin origin, const char *format,
             ...)
{
  va_list ap;
  va_start (ap, format);
  AmDiag d = { severity, origin, g_strdup_vprintf (format, ap) };
  va_end (ap);
  g_array_append_val (diags->items, d);
}

void
am_diagnostics_move (AmDiagnostics *into, guint at, AmDiagnostics *from)
{
  g_return_if_fail (at <= into->items->len);
  g_array_insert_vals (into->items, at, from->items->data, from->items->len);
  /* The messages now belong to `into`. */
  g_array_set_clear_func (from->items, NULL);
  g_array_set_size (from->items, 0);
  g_array_set_clear_func (from->items, diag_clear);
}

guint
am_diagnostics_count (const AmDiagnostics *diags, AmSeverity severity)
{
  guint n = 0;
  for (guint i = 0; i < diags->items->len; i++)
    n += g_array_index (diags->items, AmDiag, i).severity == severity;
  return n;
}

guint
am_diagnostics_len (const AmDiagnostics *diags)
{
  return diags->items->len;
}

const AmDiag *
am_diagnostics_get (const AmDiagnostics *diags, guint i)
{
  return &g_array_index (diags->items, AmDiag, i);
}

static gint
diag_compare (gconstpointer pa, gconstpointer pb)
{
  const AmDiag *a = pa, *b = pb;
  int c = g_strcmp0 (a->origin.file, b->origin.file);
  if (c != 0)
    return c;
  if (a->origin.line != b->origin.line)
    return a->origin.line < b->origin.line ? -1 : 1;
  if (a->origin.column != b->origin.column)
    return a->origin.column < b->origin.column ? -1 : 1;
  return 0;
}

void
am_diagnostics_sort (AmDiagnostics *diags)
{
  /* g_array_sort is stable (GLib >= 2.32): notes stay after what they explain. */
  g_array_sort (diags->items, diag_compare);
}

static const char *
severity_name (AmSeverity s)
{
  switch (s) {
  case AM_DIAG_ERROR:
    return "error";
  case AM_DIAG_WARNING:
    return "warning";
  case AM_DIAG_NOTE:
  default:
    return "note";
  }
}

char *
am_diag_format (const AmDiag *diag)
{
  const char *file = diag->origin.file ? diag->origin.file : "<input>";
  if (diag->origin.line == 0)
    return g_strdup_printf ("%s: %s: %s", file, severity_name (diag->severity), diag->message);
  return g_strdup_printf ("%s:%u:%u: %s: %s", file, diag->origin.line, diag->origin.column,
                          severity_name (diag->severity), diag->message);
}

/* The bytes of line `line` (1-based) of `text`, without its newline. */
static gboolean
find_line (GBytes *bytes, guint line, const char **start, gsize *len)
{
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);
  if (text == NULL) /* GBytes of an empty file hold no buffer at all */
    text = "";
  const char *p = text, *end = text + size;
  for (guint l = 1; l < line; l++) {
    const char *nl = memchr (p, '\n', (gsize) (end - p));
    if (nl == NULL)
      return FALSE;
    p = nl + 1;
  }
  const char *nl = memchr (p, '\n', (gsize) (end - p));
  *start = p;
  *len = (gsize) ((nl ? nl : end) - p);
  if (*len > 0 && p[*len - 1] == '\r')
    (*len)--;
  return TRUE;
}

void
am_diagnostics_print (const AmDiagnostics *diags, GString *out, gboolean context)
{
  for (guint i = 0; i < diags->items->len; i++) {
    const AmDiag *d = &g_array_index (diags->items, AmDiag, i);
    g_autofree char *line = am_diag_format (d);
    g_string_append (out, line);
    g_string_append_c (out, '\n');
    GBytes *bytes = d->origin.file ? g_hash_table_lookup (diags->files, d->origin.file) : NULL;
    const char *start;
    gsize len;
    if (!context || bytes == NULL || d->origin.line == 0
        || !find_line (bytes, d->origin.line, &start, &len))
      continue;
    g_autofree char *valid = g_utf8_make_valid (start, (gssize) len);
    g_string_append_printf (out, "  %s\n  ", valid);
    /* Keep tabs so the caret lines up under tab-indented text. */
    const char *p = valid;
    for (guint c = 1; c < d->origin.column && *p; c++, p = g_utf8_next_char (p))
      g_string_append_c (out, *p == '\t' ? '\t' : ' ');
    g_string_append (out, "^\n");
  }
}

struct _AmLineIndex {
  const char *text;
  gsize len;
  GArray *starts; /* gsize: byte offset of each line's start */
};

AmLineIndex *
am_line_index_new (const char *text, gsize len)
{
  AmLineIndex *index = g_new0 (AmLineIndex, 1);
  index->text = text;
  index->len = len;
  index->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;
  g_array_append_val (index->starts, zero);
  for (const char *p = text; len > 0 && (p = memchr (p, '\n', len - (gsize) (p - text))) != NULL;) {
    gsize next = (gsize) (++p - text);
    g_array_append_val (index->starts, next);
  }
  return index;
}

void
am_line_index_free (AmLineIndex *index)
{
  if (index == NULL)
    return;
  g_array_unref (index->starts);
  g_free (index);
}

void
am_line_index_locate (const AmLineIndex *index, gsize offset, guint *line, guint *column)
{
  if (offset > index->len)
    offset = index->len;
  /* Binary search for the last line start <= offset. */
  guint lo = 0, hi = index->starts->len;
  while (hi - lo > 1) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index (index->starts, gsize, mid) <= offset)
      lo = mid;
    else
      hi = mid;
  }
  gsize start = g_array_index (index->starts, gsize, lo);
  guint col = 1;
  for (const char *p = index->text + start; p < index->text + offset; col++)
    p += MAX (1, g_utf8_skip[*(const guchar *) p]);
  *line = lo + 1;
  *column = col;
}
