/* am-format: the one registry of file formats, each with a reader and/or a writer. */
#include "am-format.h"

#include <errno.h>
#include <gio/gio.h>
#include <string.h>

#include "am-formats.h"

/* One line per format: adding a format is one reader/writer file and one line here. */
static const char *const argdown_ext[] = { ".argdown", ".ad", NULL };
static const char *const json_ext[] = { ".json", NULL };
static const char *const i23_ext[] = { ".i23", ".af", NULL };
static const char *const apx_ext[] = { ".apx", NULL };
static const char *const tgf_ext[] = { ".tgf", NULL };

static const AmFormat argdown_format = {
  "argdown", argdown_ext, FALSE, am_argdown_read, am_argdown_write, "Argdown (argdown.org)",
};
static const AmFormat json_format = {
  "json", json_ext, FALSE, NULL, am_json_write, "argmap JSON (docs/json.md)",
};
static const AmFormat csv_format = {
  "csv", NULL, TRUE, am_csv_read, am_csv_write, "a folder of CSV files (docs/csv.md)",
};

static const AmFormat i23_format = {
  "i23", i23_ext, FALSE, am_i23_read, am_i23_write, "ICCMA 2023 abstract framework (p af N)",
};
static const AmFormat apx_format = {
  "apx", apx_ext, FALSE, am_apx_read, am_apx_write, "ASPARTIX abstract framework (arg/att)",
};
static const AmFormat tgf_format = {
  "tgf", tgf_ext, FALSE, am_tgf_read, am_tgf_write, "Trivial Graph Format framework",
};
static const AmFormat *const formats[] = {
  &argdown_format,
  &json_format,
  &i23_format,
  &apx_format,
  &tgf_format,
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
  g_clear_error (&out->sink_error);
  out->text = NULL;
}

/* After the first failure, nothing more is written. */
static void
sink_write (AmOutput *out, const char *data, gsize len)
{
  if (out->sink_error == NULL && fwrite (data, 1, len, out->sink) != len)
    g_set_error (&out->sink_error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", g_strerror (errno));
}

void
am_output_flush (AmOutput *out)
{
  if (out->sink == NULL || out->text == NULL)
    return;
  sink_write (out, out->text->str, out->text->len);
  g_string_truncate (out->text, 0);
}

void
am_output_write (AmOutput *out, const char *data, gsize len)
{
  if (out->sink == NULL) {
    g_string_append_len (out->text, data, (gssize) len);
    return;
  }
  am_output_flush (out);
  sink_write (out, data, len);
}

void
am_format_double (double v, char buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  for (int digits = 15; digits <= 17; digits++) {
    char fmt[8];
    g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
    g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, fmt, v);
    if (g_ascii_strtod (buf, NULL) == v)
      break;
  }
}

GString *
am_output_add_file (AmOutput *out, const char *name)
{
  GString *s = g_string_new (NULL);
  g_ptr_array_add (out->names, g_strdup (name));
  g_ptr_array_add (out->texts, s);
  return s;
}
