/* am-csv-read: the CSV folder (DESIGN §4, docs/csv.md) back into a map, through libcsv. */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "am-anchor.h"
#include "am-csv-private.h"
#include "am-error.h"
#include "am-formats.h"
#include "am-text.h"

/* One cell: where its text starts in the table's text buffer, and the byte offset where it
 * starts in the file (turned into a line and column only when a diagnostic needs it). */
typedef struct {
  gsize text;
  gsize offset;
} Cell;

/* One record: its cells (a run of the table's cells) and the origin of its first byte. */
typedef struct {
  guint first;
  guint n;
  AmOrigin origin;
} Record;

/* The parsed file: every cell's text in one buffer (each NUL-terminated), cells and records
 * in arrays: no allocation per cell, which was most of the reader's time. */
typedef struct {
  GString *texts;
  GArray *cells;   /* Cell */
  GArray *records; /* Record */
} Rows;

static void
rows_free (Rows *rows)
{
  if (rows == NULL)
    return;
  g_string_free (rows->texts, TRUE);
  g_array_unref (rows->cells);
  g_array_unref (rows->records);
  g_free (rows);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rows, rows_free)

/* What the libcsv callbacks fill in. libcsv reports fields and record ends but no offsets, so
 * the input is fed in pieces that end at every byte that can end a field (',', CR, LF): when a
 * callback runs, `pos` is the offset of the byte that triggered it. */
typedef struct {
  const char *file; /* interned */
  const char *data;
  gsize len;
  AmLineIndex *lines;
  gsize pos;         /* offset of the byte being fed */
  gsize field_start; /* offset just after the previous field or record */
  Record current;    /* current.n == 0: between records */
  Rows *rows;
} Parse;

static AmOrigin
origin_at (const Parse *ps, gsize offset)
{
  guint line, column;
  am_line_index_locate (ps->lines, offset, &line, &column);
  return am_origin (ps->file, line, column);
}

static void
on_field (void *data, size_t len, void *user)
{
  Parse *ps = user;
  gsize start = ps->field_start;
  if (ps->current.n == 0) {
    /* The first field of a record: the record terminators before it belong to the previous
     * record (libcsv skips empty lines). */
    while (start < ps->len && (ps->data[start] == '\r' || ps->data[start] == '\n'))
      start++;
    ps->current.first = ps->rows->cells->len;
    ps->current.origin = origin_at (ps, start);
  }
  Cell c = { ps->rows->texts->len, start };
  if (data)
    g_string_append_len (ps->rows->texts, data, (gssize) len);
  g_string_append_c (ps->rows->texts, '\0');
  g_array_append_val (ps->rows->cells, c);
  ps->current.n++;
  ps->field_start = ps->pos + 1;
}

static void
on_record (int terminator, void *user)
{
  Parse *ps = user;
  if (ps->current.n > 0)
    g_array_append_val (ps->rows->records, ps->current);
  ps->current.n = 0;
  ps->field_start = ps->pos + 1;
}

/* RFC 4180 keeps spaces: libcsv would trim them around unquoted fields. */
static int
no_space (unsigned char c)
{
  return 0;
}

/* The records of `bytes`, or NULL after a diagnostic for malformed CSV. `lines` receives the
 * line index of the text (owned by the caller, borrowing `bytes`). */
static Rows *
parse_csv (const char *file, GBytes *bytes, AmLineIndex **lines_out, AmDiagnostics *diags)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = ""; /* empty GBytes may hold no buffer at all */
  AmLineIndex *lines = *lines_out = am_line_index_new (data, len);
  g_autoptr (Rows) rows = g_new0 (Rows, 1);
  rows->texts = g_string_sized_new (len + len / 8 + 16);
  rows->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  rows->records = g_array_new (FALSE, FALSE, sizeof (Record));
  Parse ps = { file, data, len, lines, 0, 0, { 0 }, rows };

  const char *end;
  if (!am_text_validate (data, len, &end)) {
    am_diag_error (diags, origin_at (&ps, (gsize) (end - data)),
                   "not UTF-8 text (save the file as UTF-8 CSV)");
    return NULL;
  }
  /* A UTF-8 byte order mark (spreadsheets add one) is not part of the first header. */
  gsize begin = len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  ps.field_start = begin;

  struct csv_parser parser;
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    am_diag_error (diags, am_origin (file, 0, 0), "cannot start the CSV parser");
    return NULL;
  }
  csv_set_space_func (&parser, no_space);
  /* Strict mode stops at the first byte that breaks RFC 4180; csv_parse then returns the
   * number of bytes it accepted. */
  gsize fail_at = G_MAXSIZE;
  for (gsize i = begin; i < len;) {
    gsize j = i;
    while (j < len && data[j] != ',' && data[j] != '\n' && data[j] != '\r')
      j++;
    ps.pos = j;
    if (j > i) {
      gsize n = csv_parse (&parser, data + i, j - i, on_field, on_record, &ps);
      if (n != j - i) {
        fail_at = i + n;
        break;
      }
    }
    if (j < len && csv_parse (&parser, data + j, 1, on_field, on_record, &ps) != 1) {
      fail_at = j;
      break;
    }
    i = j + 1;
  }
  if (fail_at == G_MAXSIZE) {
    ps.pos = len;
    if (csv_fini (&parser, on_field, on_record, &ps) != 0)
      fail_at = len;
  }
  if (fail_at != G_MAXSIZE) {
    const char *problem;
    if (fail_at >= len) {
      /* Only an open quoted field fails at the end: point at its opening quote. */
      fail_at = ps.field_start;
      while (fail_at < len && (data[fail_at] == '\r' || data[fail_at] == '\n'))
        fail_at++;
      problem = "a quoted field is never closed (a '\"' is missing)";
    } else if (data[fail_at] == '"') {
      problem = "a '\"' inside an unquoted field (quote the whole field and double the '\"')";
    } else {
      problem = "text after the closing quote of a field (a '\"' inside a quoted field is "
                "written '\"\"')";
    }
    am_diag_error (diags, origin_at (&ps, fail_at), "malformed CSV: %s", problem);
    csv_free (&parser);
    return NULL;
  }
  csv_free (&parser);
  return g_steal_pointer (&rows);
}

/* A table: the header's column positions for the columns the reader knows. */
typedef struct {
  const char *file;
  AmLineIndex *lines;      /* of the file's text */
  Rows *rows;              /* the header first */
  gint column[16];         /* position of each known column, -1 if absent */
  const char *const *names;
  guint width;             /* cells per record (the header's) */
} Table;

/* Removes the apostrophe the writer put before a formula-like cell (or before a cell that
 * started with an apostrophe): docs/csv.md. */
static const char *
restore (const char *s)
{
  if (s[0] == '\'' && (am_csv_is_formula_start (s + 1) || s[1] == '\''))
    return s + 1;
  return s;
}

static const Cell *
cell_at (const Table *t, const Record *rec, guint i)
{
  return &g_array_index (t->rows->cells, Cell, rec->first + i);
}

static const char *
cell_text (const Table *t, const Cell *c)
{
  return t->rows->texts->str + c->text;
}

static const Record *
record_at (const Table *t, guint r)
{
  return &g_array_index (t->rows->records, Record, r);
}

/* The cell of column `col` of `rec` (restored, borrowed from the table; "" when absent). */
static const char *
get (const Table *t, const Record *rec, guint col)
{
  gint at = t->column[col];
  if (at < 0 || (guint) at >= rec->n)
    return "";
  return restore (cell_text (t, cell_at (t, rec, (guint) at)));
}

static AmOrigin
offset_origin (const Table *t, gsize offset)
{
  guint line, column;
  am_line_index_locate (t->lines, offset, &line, &column);
  return am_origin (t->file, line, column);
}

static AmOrigin
cell_origin (const Table *t, const Record *rec, guint col)
{
  gint at = t->column[col];
  if (at < 0 || (guint) at >= rec->n)
    return rec->origin;
  return offset_origin (t, cell_at (t, rec, (guint) at)->offset);
}

/* Parses `name` of `parts` into `t`. `required` columns must be in the header. Returns FALSE
 * when the file is absent (with no diagnostic unless `must_exist`) or broken. */
static gboolean
load_table (Table *t, const AmInput *input, const char *name, const char *const *names,
            guint required, gboolean must_exist, AmDiagnostics *diags)
{
  memset (t, 0, sizeof *t);
  t->names = names;
  g_autofree char *file = g_build_filename (input->name, name, NULL);
  t->file = g_intern_string (file);
  GBytes *bytes = input->parts ? g_hash_table_lookup (input->parts, name) : NULL;
  if (bytes == NULL) {
    if (must_exist)
      am_diag_error (diags, am_origin (input->name, 0, 0),
                     "no %s in this folder (a CSV map needs at least nodes.csv)", name);
    return FALSE;
  }
  t->rows = parse_csv (t->file, bytes, &t->lines, diags);
  if (t->rows == NULL)
    return FALSE;
  guint n = 0;
  for (; names[n]; n++)
    t->column[n] = -1;
  if (t->rows->records->len == 0) {
    am_diag_error (diags, am_origin (t->file, 1, 1), "empty file: the header row is missing");
    return FALSE;
  }
  const Record *head = record_at (t, 0);
  t->width = head->n;
  gboolean ok = TRUE;
  for (guint c = 0; c < head->n; c++) {
    const Cell *cell = cell_at (t, head, c);
    g_autofree char *h = g_strstrip (g_ascii_strdown (cell_text (t, cell), -1));
    guint k = 0;
    while (names[k] && strcmp (names[k], h) != 0)
      k++;
    if (names[k] == NULL)
      continue; /* extra columns (notes, say) are the user's own */
    if (t->column[k] >= 0) {
      am_diag_error (diags, offset_origin (t, cell->offset),
                     "column '%s' appears twice in the header", names[k]);
      ok = FALSE;
    }
    t->column[k] = (gint) c;
  }
  for (guint k = 0; k < required; k++)
    if (t->column[k] < 0) {
      g_autofree char *all = g_strjoinv (",", (char **) names);
      am_diag_error (diags, head->origin, "the header lacks the column '%s' (expected %s)",
                     names[k], all);
      ok = FALSE;
    }
  return ok;
}

/* Records after the header that have the header's width; the others get a diagnostic. */
static gboolean
row_ok (const Table *t, const Record *rec, AmDiagnostics *diags)
{
  if (rec->n == t->width)
    return TRUE;
  am_diag_error (diags, rec->origin, "this row has %u field%s, the header has %u", rec->n,
                 rec->n == 1 ? "" : "s", t->width);
  return FALSE;
}

/* Splits on unescaped `sep`, removing the backslash escapes, trimming each item; empty items
 * are dropped. */
static GPtrArray *
split_escaped (const char *s, char sep)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);
  for (const char *p = s;; p++) {
    if (*p == '\\' && p[1] != '\0') {
      g_string_append_c (cur, *++p);
      continue;
    }
    if (*p == sep || *p == '\0') {
      char *item = g_strstrip (g_strdup (cur->str));
      if (*item)
        g_ptr_array_add (items, item);
      else
        g_free (item);
      g_string_truncate (cur, 0);
      if (*p == '\0')
        break;
      continue;
    }
    g_string_append_c (cur, *p);
  }
  g_string_free (cur, TRUE);
  return items;
}

/* The section for heading path `path` ("A > B"), created with its ancestors when missing.
 * `by_path` knows sections by their unescaped titles, `by_cell` by the cell as written, so
 * that most rows find their section without splitting the path. */
static gint
ensure_section (AmMap *map, GHashTable *by_path, GHashTable *by_cell, const char *path,
                AmOrigin origin)
{
  gpointer known = g_hash_table_lookup (by_cell, path);
  if (known)
    return GPOINTER_TO_INT (known) - 1;
  g_autoptr (GPtrArray) parts = split_escaped (path, '>');
  gint parent = -1;
  GString *key = g_string_new (NULL);
  for (guint i = 0; i < parts->len; i++) {
    /* The key joins the unescaped titles with a byte no title holds. */
    if (i > 0)
      g_string_append_c (key, '\x1f');
    g_string_append (key, g_ptr_array_index (parts, i));
    gpointer found = g_hash_table_lookup (by_path, key->str);
    if (found) {
      parent = GPOINTER_TO_INT (found) - 1;
      continue;
    }
    guint s = am_map_add_section (map, g_ptr_array_index (parts, i), i + 1, parent, origin);
    g_hash_table_insert (by_path, g_strdup (key->str), GINT_TO_POINTER (s + 1));
    parent = (gint) s;
  }
  g_string_free (key, TRUE);
  if (parent >= 0)
    g_hash_table_insert (by_cell, g_strdup (path), GINT_TO_POINTER (parent + 1));
  return parent;
}

static gboolean
parse_int (const char *s, gint64 *out)
{
  if (*s == '\0')
    return FALSE;
  char *end;
  errno = 0;
  gint64 v = g_ascii_strtoll (s, &end, 10);
  if (errno != 0 || *end != '\0' || v < 0)
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_weight (const char *s, double *out)
{
  char *end;
  errno = 0;
  double v = g_ascii_strtod (s, &end);
  if (errno != 0 || end == s || *end != '\0' || !(v >= 0.0 && v <= 1.0))
    return FALSE;
  *out = v;
  return TRUE;
}

enum { N_ID, N_KIND, N_TITLE, N_TEXT, N_QUOTE, N_SOURCE, N_START, N_END, N_TAGS, N_SECTION,
       N_WEIGHT };

typedef struct {
  AmMap *map;
  AmDiagnostics *diags;
  GHashTable *nodes;   /* id (owned) -> AmNodeRef* (owned) */
  GHashTable *sections; /* path key (owned) -> index + 1 */
  GHashTable *section_cells; /* section cell as written (owned) -> index + 1 */
  const char *base_dir; /* where source paths start; NULL: sources are not read */
  GHashTable *anchors;  /* source index + 1 -> AmAnchorText* (owned), or NULL: unreadable */
} Ctx;

/* The prepared text of source `index`, read beside the CSV files on first use; NULL when
 * there is no folder to read from or it cannot be read (said once, as a warning: the spans
 * stay as given, only unchecked). */
static AmAnchorText *
source_text (Ctx *ctx, guint index, AmOrigin origin)
{
  gpointer key = GUINT_TO_POINTER (index + 1);
  if (ctx->base_dir == NULL)
    return NULL;
  if (g_hash_table_contains (ctx->anchors, key))
    return g_hash_table_lookup (ctx->anchors, key);
  AmSource *src = am_map_source (ctx->map, index);
  g_autofree char *resolved = g_path_is_absolute (src->path)
                                  ? g_strdup (src->path)
                                  : g_build_filename (ctx->base_dir, src->path, NULL);
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  AmAnchorText *anchor = NULL;
  if (!g_file_get_contents (resolved, &text, &len, &error))
    am_diag_warning (ctx->diags, origin,
                     "source file '%s' not found (looked for '%s'): its spans are not checked",
                     src->path, resolved);
  else if (!am_text_validate (text, len, NULL))
    am_diag_warning (ctx->diags, origin,
                     "source file '%s' is not UTF-8 text: its spans are not checked", src->path);
  else {
    anchor = am_anchor_text_new (text, (gssize) len);
    src->resolved = g_steal_pointer (&resolved);
    src->text = g_steal_pointer (&text);
  }
  g_hash_table_insert (ctx->anchors, key, anchor);
  return anchor;
}

/* Checks a span against its source when the source can be read: inside the text, and its
 * words the quote's (after the same normalisation as Argdown quotes). */
static void
check_span (Ctx *ctx, const AmSpan *span, const char *quote, AmOrigin span_origin,
            AmOrigin quote_origin)
{
  AmAnchorText *anchor = source_text (ctx, (guint) span->source, span_origin);
  if (anchor == NULL)
    return;
  const AmSource *src = am_map_source (ctx->map, (guint) span->source);
  gint64 length = am_anchor_text_length (anchor);
  if (span->end > length) {
    am_diag_error (ctx->diags, span_origin,
                   "the span [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") ends after the end of "
                   "'%s' (%" G_GINT64_FORMAT " characters)",
                   span->start, span->end, src->path, length);
    return;
  }
  if (*quote == '\0')
    return;
  const char *a = g_utf8_offset_to_pointer (src->text, (glong) span->start);
  const char *b = g_utf8_offset_to_pointer (a, (glong) (span->end - span->start));
  g_autofree char *words = am_anchor_normalize (a, b - a);
  g_autofree char *want = am_anchor_normalize (quote, -1);
  if (strcmp (words, want) != 0)
    am_diag_error (ctx->diags, quote_origin,
                   "the quote is not what '%s' says at [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                   "): \"%s\"",
                   src->path, span->start, span->end, words);
}

/* A quote with a source but no offsets: found in the source, as an Argdown quote is. */
static void
anchor_quote (Ctx *ctx, AmSpan *span, guint source, const char *quote, AmOrigin origin)
{
  AmAnchorText *anchor = source_text (ctx, source, origin);
  if (anchor == NULL)
    return;
  const char *path = am_map_source (ctx->map, source)->path;
  g_autoptr (GArray) hits = am_anchor_find (anchor, quote);
  if (hits->len == 0) {
    am_diag_error (ctx->diags, origin, "quote not found in '%s'", path);
    return;
  }
  if (hits->len > 1) {
    am_diag_error (ctx->diags, origin,
                   "the quote occurs %u times in '%s': give start and end to choose one",
                   hits->len, path);
    return;
  }
  AmAnchorHit hit = g_array_index (hits, AmAnchorHit, 0);
  span->source = (gint) source;
  span->start = hit.start;
  span->end = hit.end;
}

static void
read_nodes (Ctx *ctx, const Table *t)
{
  for (guint r = 1; r < t->rows->records->len; r++) {
    const Record *rec = record_at (t, r);
    if (!row_ok (t, rec, ctx->diags))
      continue;
    const char *id = get (t, rec, N_ID);
    const char *kind = get (t, rec, N_KIND);
    const char *title = get (t, rec, N_TITLE);
    if (*id == '\0') {
      am_diag_error (ctx->diags, cell_origin (t, rec, N_ID), "empty id");
      continue;
    }
    if (g_hash_table_contains (ctx->nodes, id)) {
      am_diag_error (ctx->diags, cell_origin (t, rec, N_ID), "id '%s' is used twice", id);
      continue;
    }
    AmNodeKind k;
    if (strcmp (kind, "statement") == 0)
      k = AM_NODE_STATEMENT;
    else if (strcmp (kind, "argument") == 0)
      k = AM_NODE_ARGUMENT;
    else {
      am_diag_error (ctx->diags, cell_origin (t, rec, N_KIND),
                     "unknown kind '%s' (a node is a statement or an argument)", kind);
      continue;
    }
    if (*title == '\0') {
      am_diag_error (ctx->diags, cell_origin (t, rec, N_TITLE), "empty title");
      continue;
    }
    gboolean created;
    guint index = k == AM_NODE_STATEMENT
                      ? am_map_ensure_statement (ctx->map, title, rec->origin, &created)
                      : am_map_ensure_argument (ctx->map, title, rec->origin, &created);
    if (!created) {
      am_diag_error (ctx->diags, cell_origin (t, rec, N_TITLE),
                     "two %ss are titled '%s' (a title names one node)", kind, title);
      continue;
    }
    AmNodeRef *ref = g_new (AmNodeRef, 1);
    *ref = am_node_ref (k, index);
    g_hash_table_insert (ctx->nodes, g_strdup (id), ref);

    const char *text = get (t, rec, N_TEXT);
    const char *quote = get (t, rec, N_QUOTE);
    const char *source = get (t, rec, N_SOURCE);
    const char *start = get (t, rec, N_START);
    const char *end = get (t, rec, N_END);
    const char *tags = get (t, rec, N_TAGS);
    const char *section = get (t, rec, N_SECTION);
    const char *weight = get (t, rec, N_WEIGHT);

    AmMeta *meta = am_map_node_meta (ctx->map, *ref);
    GPtrArray **tag_list;
    gint *sec;
    AmSpan *span;
    double *w;
    if (k == AM_NODE_STATEMENT) {
      AmStatement *st = am_map_statement (ctx->map, index);
      am_statement_add_member (ctx->map, st, *text ? text : NULL, rec->origin);
      tag_list = &st->tags;
      sec = &st->section;
      span = &st->span;
      w = &st->weight;
    } else {
      AmArgument *arg = am_map_argument (ctx->map, index);
      if (*text)
        am_argument_add_description (ctx->map, arg, text, rec->origin);
      tag_list = &arg->tags;
      sec = &arg->section;
      span = &arg->span;
      w = &arg->weight;
    }
    if (*tags) {
      g_autoptr (GPtrArray) tag_items = split_escaped (tags, ';');
      for (guint i = 0; i < tag_items->len; i++)
        am_tags_add (tag_list, g_ptr_array_index (tag_items, i));
    }
    if (*section)
      *sec = ensure_section (ctx->map, ctx->sections, ctx->section_cells, section,
                             cell_origin (t, rec, N_SECTION));
    if (*weight && !parse_weight (weight, w))
      am_diag_error (ctx->diags, cell_origin (t, rec, N_WEIGHT),
                     "bad weight '%s' (a number from 0 to 1)", weight);
    /* The quote as written is kept as the node's `quote:`, as the Argdown reader keeps it. */
    if (*quote) {
      json_object_set_string_member (am_meta_data_writable (meta), "quote", quote);
      AmOrigin qo = cell_origin (t, rec, N_QUOTE);
      am_meta_set_origin (meta, "quote", qo);
    }
    gint64 s = 0, e = 0;
    gboolean has_start = *start != '\0', has_end = *end != '\0';
    if (has_start && !parse_int (start, &s))
      am_diag_error (ctx->diags, cell_origin (t, rec, N_START),
                     "bad start '%s' (a character offset: a whole number from 0)", start);
    else if (has_end && !parse_int (end, &e))
      am_diag_error (ctx->diags, cell_origin (t, rec, N_END),
                     "bad end '%s' (a character offset: a whole number from 0)", end);
    else if (has_start != has_end)
      am_diag_error (ctx->diags, cell_origin (t, rec, has_start ? N_END : N_START),
                     "a span needs both start and end");
    else if (has_start && e < s)
      am_diag_error (ctx->diags, cell_origin (t, rec, N_END),
                     "the span ends (%" G_GINT64_FORMAT ") before it starts (%" G_GINT64_FORMAT
                     ")",
                     e, s);
    else if (has_start && *source == '\0')
      am_diag_error (ctx->diags, cell_origin (t, rec, N_SOURCE),
                     "a span needs the source it points into");
    else if (has_start) {
      span->source = (gint) am_map_add_source (ctx->map, source);
      span->start = s;
      span->end = e;
      check_span (ctx, span, quote, cell_origin (t, rec, N_START), cell_origin (t, rec, N_QUOTE));
    } else if (*source) {
      guint src = am_map_add_source (ctx->map, source);
      if (*quote)
        anchor_quote (ctx, span, src, quote, cell_origin (t, rec, N_QUOTE));
    }
  }
}

static gboolean
lookup_node (Ctx *ctx, const Table *t, const Record *rec, guint col, const char *what,
             AmNodeRef *out)
{
  const char *id = get (t, rec, col);
  AmNodeRef *ref = g_hash_table_lookup (ctx->nodes, id);
  if (ref == NULL) {
    am_diag_error (ctx->diags, cell_origin (t, rec, col),
                   "%s '%s' is not an id of nodes.csv", what, id);
    return FALSE;
  }
  *out = *ref;
  return TRUE;
}

static void
read_edges (Ctx *ctx, const Table *t)
{
  for (guint r = 1; r < t->rows->records->len; r++) {
    const Record *rec = record_at (t, r);
    if (!row_ok (t, rec, ctx->diags))
      continue;
    AmNodeRef from, to;
    gboolean ok = lookup_node (ctx, t, rec, 0, "from", &from);
    ok = lookup_node (ctx, t, rec, 1, "to", &to) && ok;
    const char *name = get (t, rec, 2);
    AmRelationType type;
    const char *original;
    if (!am_csv_relation_parse (name, &type, &original)) {
      am_diag_error (ctx->diags, cell_origin (t, rec, 2),
                     "unknown relation '%s' (support, attack, undercut, contradiction; or "
                     "Argdown's entails, contrary, contradictory)",
                     name);
      continue;
    }
    if (!ok)
      continue;
    if (type == AM_REL_UNDERCUT && to.kind != AM_NODE_ARGUMENT) {
      am_diag_error (ctx->diags, cell_origin (t, rec, 1),
                     "an undercut attacks an inference: its target must be an argument");
      continue;
    }
    am_map_add_relation (ctx->map, type, from, to, original, FALSE, rec->origin);
  }
}

typedef struct {
  gint64 position;
  guint statement;
  gboolean conclusion;
  AmOrigin origin;
} PcsRow;

static gint
pcs_row_compare (gconstpointer a, gconstpointer b)
{
  const PcsRow *x = a, *y = b;
  return x->position < y->position ? -1 : x->position > y->position;
}

static void
read_premises (Ctx *ctx, const Table *t)
{
  /* Rows are grouped per argument and ordered by position, whatever their order in the file. */
  g_autoptr (GHashTable) per_arg
      = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                               (GDestroyNotify) g_array_unref);
  for (guint r = 1; r < t->rows->records->len; r++) {
    const Record *rec = record_at (t, r);
    if (!row_ok (t, rec, ctx->diags))
      continue;
    AmNodeRef arg = { 0 }, st = { 0 }; /* set when ok; zeroed for -O3 -Wmaybe-uninitialized */
    gboolean ok = lookup_node (ctx, t, rec, 0, "argument", &arg);
    ok = lookup_node (ctx, t, rec, 1, "statement", &st) && ok;
    if (ok && arg.kind != AM_NODE_ARGUMENT) {
      am_diag_error (ctx->diags, cell_origin (t, rec, 0), "this id is a statement, not an argument");
      ok = FALSE;
    }
    if (ok && st.kind != AM_NODE_STATEMENT) {
      am_diag_error (ctx->diags, cell_origin (t, rec, 1),
                     "this id is an argument: premises and conclusions are statements");
      ok = FALSE;
    }
    const char *role = get (t, rec, 2);
    const char *pos = get (t, rec, 3);
    gboolean conclusion = strcmp (role, "conclusion") == 0;
    if (!conclusion && strcmp (role, "premise") != 0) {
      am_diag_error (ctx->diags, cell_origin (t, rec, 2),
                     "unknown role '%s' (premise or conclusion)", role);
      ok = FALSE;
    }
    gint64 position = 0;
    if (!parse_int (pos, &position) || position == 0) {
      am_diag_error (ctx->diags, cell_origin (t, rec, 3),
                     "bad position '%s' (a whole number from 1)", pos);
      ok = FALSE;
    }
    if (!ok)
      continue;
    GArray *rows = g_hash_table_lookup (per_arg, GUINT_TO_POINTER (arg.index + 1));
    if (rows == NULL) {
      rows = g_array_new (FALSE, FALSE, sizeof (PcsRow));
      g_hash_table_insert (per_arg, GUINT_TO_POINTER (arg.index + 1), rows);
    }
    PcsRow row = { position, st.index, conclusion, cell_origin (t, rec, 3) };
    g_array_append_val (rows, row);
  }
  /* In argument order, so the result does not depend on hash order. */
  for (guint a = 0; a < ctx->map->arguments->len; a++) {
    GArray *rows = g_hash_table_lookup (per_arg, GUINT_TO_POINTER (a + 1));
    if (rows == NULL)
      continue;
    g_array_sort (rows, pcs_row_compare);
    AmArgument *arg = am_map_argument (ctx->map, a);
    gboolean ok = TRUE;
    for (guint k = 1; k < rows->len; k++)
      if (g_array_index (rows, PcsRow, k).position == g_array_index (rows, PcsRow, k - 1).position) {
        am_diag_error (ctx->diags, g_array_index (rows, PcsRow, k).origin,
                       "position %" G_GINT64_FORMAT " of argument '%s' is given twice",
                       g_array_index (rows, PcsRow, k).position, arg->title);
        ok = FALSE;
      }
    const PcsRow *last = &g_array_index (rows, PcsRow, rows->len - 1);
    if (ok && !last->conclusion) {
      am_diag_error (ctx->diags, last->origin,
                     "the reconstruction of '%s' ends with a premise: its last line must be the "
                     "conclusion",
                     arg->title);
      ok = FALSE;
    }
    if (!ok)
      continue;
    for (guint k = 0; k < rows->len; k++) {
      const PcsRow *row = &g_array_index (rows, PcsRow, k);
      AmPcsItem item = { 0 };
      item.statement = row->statement;
      item.role = !row->conclusion ? AM_PCS_PREMISE
                  : k + 1 == rows->len ? AM_PCS_CONCLUSION
                                       : AM_PCS_INTERMEDIARY;
      item.number = (guint) MIN (row->position, (gint64) G_MAXUINT);
      am_meta_init (&item.inference_meta);
      item.origin = row->origin;
      g_array_append_val (arg->pcs, item);
    }
  }
}

static void
read_actors (Ctx *ctx, const Table *t)
{
  for (guint r = 1; r < t->rows->records->len; r++) {
    const Record *rec = record_at (t, r);
    if (!row_ok (t, rec, ctx->diags))
      continue;
    const char *id = get (t, rec, 0);
    const char *name = get (t, rec, 1);
    const char *kind = get (t, rec, 2);
    if (*id == '\0') {
      am_diag_error (ctx->diags, cell_origin (t, rec, 0), "empty actor id");
      continue;
    }
    if (am_map_find_actor (ctx->map, id) >= 0) {
      am_diag_error (ctx->diags, cell_origin (t, rec, 0), "actor '%s' is listed twice", id);
      continue;
    }
    am_map_add_actor (ctx->map, id, *name ? name : NULL, *kind ? kind : NULL, rec->origin);
  }
}

static void
read_stances (Ctx *ctx, const Table *t)
{
  for (guint r = 1; r < t->rows->records->len; r++) {
    const Record *rec = record_at (t, r);
    if (!row_ok (t, rec, ctx->diags))
      continue;
    const char *actor = get (t, rec, 0);
    const char *value = get (t, rec, 2);
    gint a = am_map_find_actor (ctx->map, actor);
    gboolean ok = TRUE;
    if (a < 0) {
      am_diag_error (ctx->diags, cell_origin (t, rec, 0),
                     "unknown actor '%s' (not in actors.csv)", actor);
      ok = FALSE;
    }
    AmNodeRef node;
    ok = lookup_node (ctx, t, rec, 1, "node", &node) && ok;
    AmStanceValue v;
    if (!am_stance_value_from_string (value, &v)) {
      am_diag_error (ctx->diags, cell_origin (t, rec, 2),
                     "unknown stance '%s' (pro, con or neutral)", value);
      ok = FALSE;
    }
    if (ok)
      am_map_add_stance (ctx->map, (guint) a, node, v, NULL, rec->origin);
  }
}

static void
table_clear (Table *t)
{
  g_clear_pointer (&t->rows, rows_free);
  g_clear_pointer (&t->lines, am_line_index_free);
}

AmMap *
am_csv_read (const AmInput *input, AmDiagnostics *diags, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (input->parts == NULL) {
    g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED,
                 "%s: CSV input is a folder (nodes.csv, edges.csv, ...)", input->name);
    return NULL;
  }
  g_autoptr (AmMap) map = am_map_new (input->name);
  g_autoptr (GHashTable) nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) sections
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) section_cells
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) anchors = g_hash_table_new_full (
      g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) am_anchor_text_free);
  Ctx ctx = { map, diags, nodes, sections, section_cells, input->base_dir, anchors };

  /* Actors before stances, nodes before everything that names them. Each file is optional
   * but nodes.csv; a broken file is reported and skipped, so one run shows every problem. */
  Table t;
  gboolean nodes_ok = load_table (&t, input, "nodes.csv", am_csv_node_columns, 3, TRUE, diags);
  if (nodes_ok)
    read_nodes (&ctx, &t);
  table_clear (&t);
  if (!nodes_ok)
    return g_steal_pointer (&map); /* every other file names nodes: its errors would be noise */
  if (load_table (&t, input, "actors.csv", am_csv_actor_columns, 1, FALSE, diags))
    read_actors (&ctx, &t);
  table_clear (&t);
  if (load_table (&t, input, "edges.csv", am_csv_edge_columns, 3, FALSE, diags))
    read_edges (&ctx, &t);
  table_clear (&t);
  if (load_table (&t, input, "premises.csv", am_csv_premise_columns, 4, FALSE, diags))
    read_premises (&ctx, &t);
  table_clear (&t);
  if (load_table (&t, input, "stances.csv", am_csv_stance_columns, 3, FALSE, diags))
    read_stances (&ctx, &t);
  table_clear (&t);
  return g_steal_pointer (&map);
}
