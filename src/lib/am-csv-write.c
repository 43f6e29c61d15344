/* am-csv-write: a map as a folder of CSV files (DESIGN §4, docs/csv.md), for spreadsheets. */
#include <csv.h>
#include <math.h>
#include <string.h>

#include "am-csv-private.h"
#include "am-error.h"
#include "am-formats.h"

/* Keep in sync with docs/csv.md. */
const char *const am_csv_node_columns[] = { "id", "kind", "title", "text", "quote", "source",
                                            "start", "end", "tags", "section", "weight", NULL };
const char *const am_csv_edge_columns[] = { "from", "to", "relation", NULL };
const char *const am_csv_premise_columns[] = { "argument", "statement", "role", "position",
                                               NULL };
const char *const am_csv_actor_columns[] = { "id", "name", "kind", NULL };
const char *const am_csv_stance_columns[] = { "actor", "node", "stance", NULL };

/* Argdown's strict-mode relations and the type each maps onto. */
static const struct {
  const char *name;
  AmRelationType type;
} strict_names[] = {
  { "entails", AM_REL_SUPPORT },
  { "contrary", AM_REL_ATTACK },
  { "contradictory", AM_REL_CONTRADICTION },
};

const char *
am_csv_relation_name (AmRelationType type, const char *original)
{
  for (guint i = 0; i < G_N_ELEMENTS (strict_names); i++)
    if (g_strcmp0 (original, strict_names[i].name) == 0 && strict_names[i].type == type)
      return strict_names[i].name;
  return am_relation_type_to_string (type);
}

gboolean
am_csv_relation_parse (const char *name, AmRelationType *type, const char **original)
{
  for (guint i = 0; i < G_N_ELEMENTS (strict_names); i++)
    if (strcmp (name, strict_names[i].name) == 0) {
      *type = strict_names[i].type;
      *original = strict_names[i].name;
      return TRUE;
    }
  *original = NULL;
  return am_relation_type_from_string (name, type);
}

/* One row under construction: cells are separated by commas, the row ends with "\n". */
typedef struct {
  GString *out;
  gboolean neutralise;
  guint cells; /* cells written in the current row */
} Row;

gboolean
am_csv_is_formula_start (const char *s)
{
  return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t'
         || s[0] == '\r';
}

/* Appends one field, quoted when RFC 4180 needs it (a comma, quote, CR or LF inside), with
 * libcsv doing the quoting. */
static void
append_field (GString *out, const char *s)
{
  gsize len = strlen (s);
  if (strpbrk (s, ",\"\r\n") == NULL) {
    g_string_append_len (out, s, (gssize) len);
    return;
  }
  gsize need = csv_write (NULL, 0, s, len);
  gsize at = out->len;
  g_string_set_size (out, at + need);
  csv_write (out->str + at, need, s, len);
}

/* A text cell. Neutralising (docs/csv.md): a cell that a spreadsheet would run as a formula
 * (first character = + - @ TAB CR) gets a leading apostrophe, and so does a cell that already
 * starts with one, so that reading can remove exactly one apostrophe before any of these and
 * nothing else: the mapping is one to one. */
static void
cell (Row *row, const char *s)
{
  if (row->cells++ > 0)
    g_string_append_c (row->out, ',');
  if (s == NULL || *s == '\0')
    return;
  if (row->neutralise && (am_csv_is_formula_start (s) || s[0] == '\'')) {
    g_autofree char *prefixed = g_strconcat ("'", s, NULL);
    append_field (row->out, prefixed);
  } else {
    append_field (row->out, s);
  }
}

/* A number cell: never neutralised (a number is not a formula), empty when unknown. */
static void
cell_int (Row *row, gint64 v, gboolean known)
{
  if (row->cells++ > 0)
    g_string_append_c (row->out, ',');
  if (known)
    g_string_append_printf (row->out, "%" G_GINT64_FORMAT, v);
}

static void
cell_double (Row *row, double v)
{
  if (row->cells++ > 0)
    g_string_append_c (row->out, ',');
  if (!isfinite (v))
    return;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  am_format_double (v, buf);
  g_string_append (row->out, buf);
}

static void
end_row (Row *row)
{
  g_string_append_c (row->out, '\n');
  row->cells = 0;
}

static void
header (Row *row, const char *const *columns)
{
  for (; *columns; columns++)
    cell (row, *columns);
  end_row (row);
}

/* `\` and `sep` inside an item are escaped with a backslash, so items can be split again. */
static void
append_escaped (GString *out, const char *s, char sep)
{
  for (const char *p = s; *p; p++) {
    if (*p == '\\' || *p == sep)
      g_string_append_c (out, '\\');
    g_string_append_c (out, *p);
  }
}

static char *
join_tags (GPtrArray *tags)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < tags->len; i++) {
    if (i > 0)
      g_string_append_c (s, ';');
    append_escaped (s, g_ptr_array_index (tags, i), ';');
  }
  return g_string_free (s, FALSE);
}

/* The heading path of `section`: titles from the top, joined by " > ". */
static char *
section_path (const AmMap *map, gint section)
{
  if (section < 0)
    return NULL;
  g_autoptr (GPtrArray) chain = g_ptr_array_new ();
  /* Parents come before children in the model, so the walk ends; the bound guards against a
   * broken model looping. */
  for (gint s = section; s >= 0 && chain->len <= map->sections->len;
       s = am_map_section (map, (guint) s)->parent)
    g_ptr_array_add (chain, am_map_section (map, (guint) s)->title);
  GString *path = g_string_new (NULL);
  for (guint i = chain->len; i-- > 0;) {
    append_escaped (path, g_ptr_array_index (chain, i), '>');
    if (i > 0)
      g_string_append (path, " > ");
  }
  return g_string_free (path, FALSE);
}

char *
am_csv_node_id (AmNodeRef ref)
{
  return g_strdup_printf ("%c%u", ref.kind == AM_NODE_STATEMENT ? 's' : 'a', ref.index + 1);
}

/* The words of a span: the node's own `quote:` as written, else the text it points at. */
static char *
span_quote (const AmMap *map, const AmMeta *meta, AmSpan span)
{
  const char *q = am_meta_get_string (meta, "quote");
  if (q != NULL)
    return g_strdup (q);
  if (span.source < 0 || (guint) span.source >= map->sources->len)
    return NULL;
  const char *text = am_map_source (map, (guint) span.source)->text;
  if (text == NULL || span.start < 0 || span.end < span.start
      || span.end > g_utf8_strlen (text, -1))
    return NULL;
  const char *a = g_utf8_offset_to_pointer (text, (glong) span.start);
  const char *b = g_utf8_offset_to_pointer (a, (glong) (span.end - span.start));
  return g_strndup (a, (gsize) (b - a));
}

static void
node_row (Row *row, const AmMap *map, AmNodeRef ref, const char *title, const char *text,
          GPtrArray *tags, gint section, const AmMeta *meta, AmSpan span, double weight)
{
  g_autofree char *id = am_csv_node_id (ref);
  g_autofree char *quote = span_quote (map, meta, span);
  g_autofree char *tag_cell = join_tags (tags);
  g_autofree char *sec = section_path (map, section);
  gboolean anchored = span.source >= 0 && (guint) span.source < map->sources->len;
  cell (row, id);
  cell (row, am_node_kind_to_string (ref.kind));
  cell (row, title);
  cell (row, text);
  cell (row, quote);
  cell (row, anchored ? am_map_source (map, (guint) span.source)->path : NULL);
  cell_int (row, span.start, anchored);
  cell_int (row, span.end, anchored);
  cell (row, tag_cell);
  cell (row, sec);
  cell_double (row, weight);
  end_row (row);
}

/* Keep in sync with the column tables of am-csv-read.c (am-csv-private.h holds both). */
gboolean
am_csv_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  gboolean neutralise = options == NULL || !options->csv_raw;

  Row nodes = { am_output_add_file (out, "nodes.csv"), neutralise, 0 };
  header (&nodes, am_csv_node_columns);
  for (guint i = 0; i < map->statements->len; i++) {
    const AmStatement *st = am_map_statement (map, i);
    node_row (&nodes, map, am_node_ref (AM_NODE_STATEMENT, i), st->title, st->text, st->tags,
              st->section, &st->meta, st->span, st->weight);
  }
  for (guint i = 0; i < map->arguments->len; i++) {
    const AmArgument *arg = am_map_argument (map, i);
    node_row (&nodes, map, am_node_ref (AM_NODE_ARGUMENT, i), arg->title, arg->text, arg->tags,
              arg->section, &arg->meta, arg->span, arg->weight);
  }

  Row edges = { am_output_add_file (out, "edges.csv"), neutralise, 0 };
  header (&edges, am_csv_edge_columns);
  for (guint i = 0; i < map->relations->len; i++) {
    const AmRelation *rel = am_map_relation (map, i);
    g_autofree char *from = am_csv_node_id (rel->from);
    g_autofree char *to = am_csv_node_id (rel->to);
    cell (&edges, from);
    cell (&edges, to);
    /* The strict-mode name when there is one: it says more, and maps back onto the type. */
    cell (&edges, am_csv_relation_name (rel->type, rel->original));
    end_row (&edges);
  }

  Row premises = { am_output_add_file (out, "premises.csv"), neutralise, 0 };
  header (&premises, am_csv_premise_columns);
  for (guint i = 0; i < map->arguments->len; i++) {
    const AmArgument *arg = am_map_argument (map, i);
    g_autofree char *aid = am_csv_node_id (am_node_ref (AM_NODE_ARGUMENT, i));
    for (guint k = 0; k < arg->pcs->len; k++) {
      const AmPcsItem *item = &g_array_index (arg->pcs, AmPcsItem, k);
      g_autofree char *sid = am_csv_node_id (am_node_ref (AM_NODE_STATEMENT, item->statement));
      cell (&premises, aid);
      cell (&premises, sid);
      cell (&premises, item->role == AM_PCS_PREMISE ? "premise" : "conclusion");
      cell_int (&premises, k + 1, TRUE);
      end_row (&premises);
    }
  }

  Row actors = { am_output_add_file (out, "actors.csv"), neutralise, 0 };
  header (&actors, am_csv_actor_columns);
  for (guint i = 0; i < map->actors->len; i++) {
    const AmActor *a = am_map_actor (map, i);
    cell (&actors, a->id);
    cell (&actors, a->name);
    cell (&actors, a->kind);
    end_row (&actors);
  }

  Row stances = { am_output_add_file (out, "stances.csv"), neutralise, 0 };
  header (&stances, am_csv_stance_columns);
  for (guint i = 0; i < map->stances->len; i++) {
    const AmStance *s = am_map_stance (map, i);
    g_autofree char *node = am_csv_node_id (s->node);
    cell (&stances, am_map_actor (map, s->actor)->id);
    cell (&stances, node);
    cell (&stances, am_stance_value_to_string (s->value));
    end_row (&stances);
  }
  return TRUE;
}
