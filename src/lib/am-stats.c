/* am-stats: counts that describe a map, as a table or JSON. */
#include "am-stats.h"

#include <string.h>

static void
count_tags (GHashTable *seen, GPtrArray *tags)
{
  for (guint i = 0; i < tags->len; i++)
    g_hash_table_add (seen, g_ptr_array_index (tags, i));
}

void
am_stats_compute (const AmMap *map, AmStats *out)
{
  memset (out, 0, sizeof *out);
  g_autoptr (GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);

  out->statements = map->statements->len;
  for (guint i = 0; i < map->statements->len; i++) {
    const AmStatement *st = am_map_statement (map, i);
    if (st->defined)
      out->statements_defined++;
    else
      out->statements_referenced++;
    if (st->untitled)
      out->statements_untitled++;
    if (st->span.source >= 0)
      out->statements_anchored++;
    else
      out->statements_unanchored++;
    if (json_object_has_member (st->meta.data, "quote"))
      out->statements_quoted++;
    count_tags (tags, st->tags);
  }

  out->arguments = map->arguments->len;
  for (guint i = 0; i < map->arguments->len; i++) {
    const AmArgument *arg = am_map_argument (map, i);
    gboolean reconstructed = arg->pcs->len > 0;
    if (arg->text != NULL || reconstructed)
      out->arguments_defined++;
    else
      out->arguments_referenced++;
    if (reconstructed)
      out->arguments_reconstructed++;
    if (arg->span.source >= 0)
      out->arguments_anchored++;
    for (guint k = 0; k < arg->pcs->len; k++)
      if (g_array_index (arg->pcs, AmPcsItem, k).role == AM_PCS_PREMISE)
        out->pcs_premises++;
    count_tags (tags, arg->tags);
  }

  out->relations = map->relations->len;
  for (guint i = 0; i < map->relations->len; i++) {
    const AmRelation *rel = am_map_relation (map, i);
    if ((guint) rel->type < G_N_ELEMENTS (out->relations_by_type))
      out->relations_by_type[rel->type]++;
    if (rel->derived)
      out->relations_derived++;
  }

  out->actors = map->actors->len;
  out->stances = map->stances->len;
  g_autoptr (GHashTable) nodes = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < map->stances->len; i++) {
    const AmStance *st = am_map_stance (map, i);
    if ((guint) st->value < G_N_ELEMENTS (out->stances_by_value))
      out->stances_by_value[st->value]++;
    /* Statements as even keys, arguments as odd ones, +2 so that no key is NULL. */
    guint key = st->node.index * 2 + (st->node.kind == AM_NODE_ARGUMENT) + 2;
    g_hash_table_add (nodes, GUINT_TO_POINTER (key));
  }
  out->stance_nodes = g_hash_table_size (nodes);

  out->sections = map->sections->len;
  for (guint i = 0; i < map->sections->len; i++) {
    const AmSection *sec = am_map_section (map, i);
    if (sec->parent < 0)
      out->sections_top++;
    out->section_depth = MAX (out->section_depth, sec->level);
    count_tags (tags, sec->tags);
  }

  out->sources = map->sources->len;
  for (guint i = 0; i < map->sources->len; i++)
    if (am_map_source (map, i)->text != NULL)
      out->sources_read++;
  out->tags = g_hash_table_size (tags);
}

/* One table of names and values drives both outputs; keep in sync with AmStats. `group`
 * starts a new object (JSON) or a heading (table). */
typedef struct {
  const char *group; /* non-NULL: the first row of a group */
  const char *key;   /* JSON key */
  const char *label; /* table label */
  gsize offset;
} Row;

#define R(g, k, l, field) { g, k, l, G_STRUCT_OFFSET (AmStats, field) }
static const Row rows[] = {
  R ("statements", "total", "statements", statements),
  R (NULL, "defined", "  defined (with a text)", statements_defined),
  R (NULL, "referenced", "  referenced only", statements_referenced),
  R (NULL, "untitled", "  untitled", statements_untitled),
  R (NULL, "anchored", "  anchored in a source", statements_anchored),
  R (NULL, "unanchored", "  not anchored", statements_unanchored),
  R (NULL, "quoted", "  with a quote", statements_quoted),
  R ("arguments", "total", "arguments", arguments),
  R (NULL, "defined", "  defined", arguments_defined),
  R (NULL, "referenced", "  referenced only", arguments_referenced),
  R (NULL, "reconstructed", "  premise-conclusion structures", arguments_reconstructed),
  R (NULL, "premises", "  premises in them", pcs_premises),
  R (NULL, "anchored", "  anchored in a source", arguments_anchored),
  R ("relations", "total", "relations", relations),
  R (NULL, "support", "  support", relations_by_type[AM_REL_SUPPORT]),
  R (NULL, "attack", "  attack", relations_by_type[AM_REL_ATTACK]),
  R (NULL, "undercut", "  undercut", relations_by_type[AM_REL_UNDERCUT]),
  R (NULL, "contradiction", "  contradiction", relations_by_type[AM_REL_CONTRADICTION]),
  R (NULL, "derived", "  derived from reconstructions", relations_derived),
  R ("actors", "total", "actors", actors),
  R ("stances", "total", "stances", stances),
  R (NULL, "pro", "  pro", stances_by_value[AM_STANCE_PRO]),
  R (NULL, "con", "  con", stances_by_value[AM_STANCE_CON]),
  R (NULL, "neutral", "  neutral", stances_by_value[AM_STANCE_NEUTRAL]),
  R (NULL, "nodes", "  on distinct nodes", stance_nodes),
  R ("sections", "total", "sections", sections),
  R (NULL, "top_level", "  top level", sections_top),
  R (NULL, "max_level", "  deepest heading level", section_depth),
  R ("sources", "total", "sources", sources),
  R (NULL, "read", "  read", sources_read),
  R ("tags", "total", "distinct tags", tags),
};
#undef R

static guint
row_value (const AmStats *stats, const Row *row)
{
  return G_STRUCT_MEMBER (guint, stats, row->offset);
}

JsonNode *
am_stats_to_json (const AmStats *stats)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  gboolean open = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++) {
    if (rows[i].group != NULL) {
      if (open)
        json_builder_end_object (b);
      json_builder_set_member_name (b, rows[i].group);
      json_builder_begin_object (b);
      open = TRUE;
    }
    json_builder_set_member_name (b, rows[i].key);
    json_builder_add_int_value (b, row_value (stats, &rows[i]));
  }
  if (open)
    json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
am_stats_format_table (const AmStats *stats, GString *out)
{
  int width = 0;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    width = MAX (width, (int) strlen (rows[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_string_append_printf (out, "%-*s %6u\n", width, rows[i].label, row_value (stats, &rows[i]));
}
