/* am-format: the one registry of file formats, each with a reader and/or a writer. */
#include "am-format.h"

#include <string.h>

#include "am-formats.h"

/* One line per format: adding a format is one reader/writer file and one line here. */
static const char *const argdown_ext[] = { ".argdown", ".ad", NULL };
static const char *const json_ext[] = { ".json", NULL };

static const AmFormat argdown_format = {
  "argdown", argdown_ext, FALSE, am_argdown_read, NULL, "Argdown (argdown.org)",
};
static const AmFormat json_format = {
  "json", json_ext, FALSE, NULL, am_json_write, "argmap JSON (docs/json.md)",
};
static const AmFormat csv_format = {
  "csv", NULL, TRUE, NULL, am_csv_write, "a folder of CSV files (docs/csv.md)",
};

static const AmFormat *const formats[] = {
  &argdown_format,
  &json_format,
  &csv_format,
  NULL,
};

const AmFormat *const *
am_formats (void)
{
  return formats;
}

const AmFormat *
am_format_by_name (const char *name)
{
  for (guint i = 0; formats[i]; i++)
    if (g_ascii_strcasecmp (formats[i]->name, name) == 0)
      return formats[i];
  return NULL;
}

const AmFormat *
am_format_by_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  gsize blen = strlen (base);
  for (guint i = 0; formats[i]; i++)
    for (const char *const *ext = formats[i]->extensions; ext && *ext; ext++) {
      gsize elen = strlen (*ext);
      if (blen > elen && g_ascii_strcasecmp (base + blen - elen, *ext) == 0)
        return formats[i];
    }
  return NULL;
}

static void
string_free (gpointer s)
{
  g_string_free (s, TRUE);
}

void
am_output_init (AmOutput *out, gboolean folder)
{
  memset (out, 0, sizeof *out);
  if (folder) {
    out->names = g_ptr_array_new_with_free_func (g_free);
    out->texts = g_ptr_array_new_with_free_func (string_free);
  } else {
    out->text = g_string_new (NULL);
  }
}

void
am_output_clear (AmOutput *out)
{
  if (out->text)
    g_string_free (out->text, TRUE);
  g_clear_pointer (&out->names, g_ptr_array_unref);
  g_clear_pointer (&out->texts, g_ptr_array_unref);
  out->text = NULL;
}

GString *
am_output_add_file (AmOutput *out, const char *name)
{
  GString *s = g_string_new (NULL);
  g_ptr_array_add (out->names, g_strdup (name));
  g_ptr_array_add (out->texts, s);
  return s;
}
