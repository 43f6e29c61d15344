/* am-annotate: argmap's conventions inside Argdown metadata: sources, actors, quotes, stances,
 * weights. */
#include "am-annotate.h"

#include <math.h>
#include <string.h>

#include "am-anchor.h"

typedef struct {
  AmMap *map;
  const char *base_dir;
  AmDiagnostics *diags;
  gint source;          /* index into map->sources of the front matter's source, -1 if none */
  gboolean source_read; /* its text is loaded: quotes can be anchored */
  AmAnchorText *anchor; /* the prepared source text, when read */
  gboolean actors_bad;  /* `actors:` was given but could not be read */
} Ctx;

/* How a JSON value reads in a message: scalars as written, containers by kind. */
static char *
describe (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node)) {
  case JSON_NODE_OBJECT:
    return g_strdup ("a mapping");
  case JSON_NODE_ARRAY:
    return g_strdup ("a list");
  case JSON_NODE_NULL:
    return g_strdup ("nothing");
  case JSON_NODE_VALUE:
  default:
    return json_to_string (node, FALSE);
  }
}

static const char *
string_value (JsonNode *node)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
number_value (JsonNode *node, double *out)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  GType t = json_node_get_value_type (node);
  if (t == G_TYPE_INT64) {
    *out = (double) json_node_get_int (node);
    return TRUE;
  }
  if (t == G_TYPE_DOUBLE) {
    *out = json_node_get_double (node);
    return TRUE;
  }
  return FALSE;
}

/* The origin of the value of `key`.`sub` when the reader recorded it, else of `key`. */
static AmOrigin
sub_origin (const AmMeta *meta, const char *key, const char *sub, AmOrigin fallback)
{
  AmOrigin outer = am_meta_origin (meta, key, fallback);
  g_autofree char *dotted = g_strconcat (key, ".", sub, NULL);
  return am_meta_origin (meta, dotted, outer);
}

/* Edit distance between two short strings (for "did you mean"). */
static guint
char_distance (const char *a, const char *b)
{
  glong na = g_utf8_strlen (a, -1), nb = g_utf8_strlen (b, -1);
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, NULL);
  g_autofree guint *row = g_new (guint, nb + 1);
  for (glong j = 0; j <= nb; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= na; i++) {
    guint diag = row[0];
    row[0] = (guint) i;
    for (glong j = 1; j <= nb; j++) {
      guint up = row[j];
      guint best = diag + (ua[i - 1] == ub[j - 1] ? 0 : 1);
      best = MIN (best, up + 1);
      best = MIN (best, row[j - 1] + 1);
      row[j] = best;
      diag = up;
    }
  }
  return row[nb];
}

/* " (did you mean 'x'?)", " (declared: a, b)" or " (no actors are declared...)". */
static char *
actor_hint (const AmMap *map, const char *id, gboolean actors_bad)
{
  if (map->actors->len == 0 && actors_bad)
    return g_strdup ("; the front matter's 'actors:' could not be read");
  if (map->actors->len == 0)
    return g_strdup ("; no actors are declared (add them to the front matter's 'actors:')");
  const char *closest = NULL;
  guint best = G_MAXUINT;
  if (strlen (id) <= 64)
    for (guint i = 0; i < map->actors->len; i++) {
      const char *cand = am_map_actor (map, i)->id;
      if (strlen (cand) > 64)
        continue;
      guint d = char_distance (id, cand);
      g_autofree char *fa = g_utf8_casefold (id, -1);
      g_autofree char *fb = g_utf8_casefold (cand, -1);
      if (strcmp (fa, fb) == 0)
        d = 0;
      if (d < best) {
        best = d;
        closest = cand;
      }
    }
  guint allowed = MAX (2u, (guint) g_utf8_strlen (id, -1) / 3);
  if (closest != NULL && best <= allowed)
    return g_strdup_printf ("; did you mean '%s'?", closest);
  g_autoptr (GString) s = g_string_new ("; declared actors: ");
  guint shown = MIN (map->actors->len, 12u);
  for (guint i = 0; i < shown; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", am_map_actor (map, i)->id);
  if (shown < map->actors->len)
    g_string_append_printf (s, " and %u more", map->actors->len - shown);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
read_source (Ctx *ctx)
{
  AmMeta *front = &ctx->map->front;
  JsonNode *node = json_object_get_member (front->data, "source");
  if (node == NULL)
    return;
  AmOrigin origin = am_meta_origin (front, "source", am_origin (ctx->map->name, 0, 0));
  const char *path = string_value (node);
  if (path == NULL || *path == '\0') {
    g_autofree char *what = describe (node);
    am_diag_error (ctx->diags, origin,
                   "source: must be the path of the text the quotes come from, not %s", what);
    return;
  }
  ctx->source = (gint) am_map_add_source (ctx->map, path);
  if (ctx->base_dir == NULL)
    return;

  AmSource *src = am_map_source (ctx->map, (guint) ctx->source);
  g_autofree char *resolved
      = g_path_is_absolute (path) ? g_strdup (path) : g_build_filename (ctx->base_dir, path, NULL);
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (resolved, &text, &len, &error)) {
    if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      am_diag_error (ctx->diags, origin, "source file '%s' not found (looked for '%s')", path,
                     resolved);
    else
      am_diag_error (ctx->diags, origin, "cannot read source file '%s': %s", path,
                     error->message);
    return;
  }
  const char *bad;
  if (!g_utf8_validate (text, (gssize) len, &bad)) {
    am_diag_error (ctx->diags, origin,
                   "source file '%s' is not UTF-8 text (invalid byte at offset %zu)", path,
                   (size_t) (bad - text));
    return;
  }
  src->resolved = g_steal_pointer (&resolved);
  ctx->anchor = am_anchor_text_new (text, (gssize) len);
  src->text = g_steal_pointer (&text);
  ctx->source_read = TRUE;
}

static void
read_actor (Ctx *ctx, const char *id, JsonNode *value, AmOrigin origin)
{
  const char *name = NULL, *kind = NULL;
  if (*id == '\0') {
    am_diag_error (ctx->diags, origin, "actors: an actor needs a non-empty id");
    return;
  }
  switch (JSON_NODE_TYPE (value)) {
  case JSON_NODE_NULL:
    break;
  case JSON_NODE_VALUE:
    if ((name = string_value (value)) == NULL) {
      g_autofree char *what = describe (value);
      am_diag_error (ctx->diags, origin,
                     "actor '%s': expected a name or {name: ..., kind: ...}, not %s", id, what);
      return;
    }
    break;
  case JSON_NODE_OBJECT: {
    JsonObject *obj = json_node_get_object (value);
    JsonObjectIter iter;
    const char *key;
    JsonNode *member;
    json_object_iter_init_ordered (&iter, obj);
    while (json_object_iter_next_ordered (&iter, &key, &member)) {
      gboolean is_name = strcmp (key, "name") == 0, is_kind = strcmp (key, "kind") == 0;
      if (!is_name && !is_kind) {
        am_diag_warning (ctx->diags, origin,
                         "actor '%s': '%s' is not read (an actor has a name and a kind)", id,
                         key);
        continue;
      }
      const char *s = string_value (member);
      if (s == NULL && JSON_NODE_TYPE (member) != JSON_NODE_NULL) {
        g_autofree char *what = describe (member);
        am_diag_error (ctx->diags, origin, "actor '%s': %s must be text, not %s", id, key, what);
        return;
      }
      if (is_name)
        name = s;
      else
        kind = s;
    }
    break;
  }
  case JSON_NODE_ARRAY:
  default: {
    am_diag_error (ctx->diags, origin,
                   "actor '%s': expected a name or {name: ..., kind: ...}, not a list", id);
    return;
  }
  }
  if (am_map_find_actor (ctx->map, id) >= 0) {
    am_diag_error (ctx->diags, origin, "actor '%s' is declared twice", id);
    return;
  }
  am_map_add_actor (ctx->map, id, name && *name ? name : id, kind && *kind ? kind : NULL, origin);
}

static void
read_actors (Ctx *ctx)
{
  AmMeta *front = &ctx->map->front;
  JsonNode *node = json_object_get_member (front->data, "actors");
  if (node == NULL)
    return;
  AmOrigin origin = am_meta_origin (front, "actors", am_origin (ctx->map->name, 0, 0));
  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT) {
    g_autofree char *what = describe (node);
    am_diag_error (ctx->diags, origin,
                   "actors: must map actor ids to {name: ..., kind: ...} (or to a name), not %s",
                   what);
    ctx->actors_bad = TRUE;
    return;
  }
  JsonObjectIter iter;
  const char *id;
  JsonNode *value;
  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &id, &value))
    read_actor (ctx, id, value, sub_origin (front, "actors", id, origin));
}

/* "at line:column 3:5, 17:1 and 40:12" (at most ten listed). */
static char *
hit_places (GArray *hits)
{
  g_autoptr (GString) s = g_string_new ("at line:column ");
  guint shown = MIN (hits->len, 10u);
  for (guint i = 0; i < shown; i++) {
    const AmAnchorHit *h = &g_array_index (hits, AmAnchorHit, i);
    const char *sep = i == 0 ? "" : (i + 1 == shown && shown == hits->len) ? " and " : ", ";
    g_string_append_printf (s, "%s%u:%u", sep, h->line, h->column);
  }
  if (shown < hits->len)
    g_string_append_printf (s, " and %u more", hits->len - shown);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
report_not_found (Ctx *ctx, const char *quote, AmOrigin origin, const char *what)
{
  const char *path = am_map_source (ctx->map, (guint) ctx->source)->path;
  g_autofree char *passage = NULL;
  AmAnchorHit where;
  if (!am_anchor_suggest (ctx->anchor, quote, &passage, &where)) {
    am_diag_error (ctx->diags, origin, "%s not found in '%s' (no passage shares a word with it)",
                   what, path);
    return;
  }
  g_autofree char *nq = am_anchor_normalize (quote, -1);
  g_autofree char *fq = g_utf8_casefold (nq, -1);
  g_autofree char *fp = g_utf8_casefold (passage, -1);
  am_diag_error (ctx->diags, origin, "%s not found in '%s'; closest passage (line %u): \"%s\"%s",
                 what, path, where.line, passage,
                 strcmp (fq, fp) == 0 ? " (it differs only in letter case)" : "");
}

/* The occurrence number in `node`: -1 when there is none, 0 after an error. */
static gint64
read_occurrence (Ctx *ctx, JsonNode *node, AmOrigin origin)
{
  double v;
  if (node == NULL)
    return -1;
  if (!number_value (node, &v) || v < 1 || v != floor (v) || v > (double) G_MAXINT32) {
    g_autofree char *what = describe (node);
    am_diag_error (ctx->diags, origin, "occurrence: must be a whole number from 1, not %s",
                   what);
    return 0;
  }
  return (gint64) v;
}

static void
read_quote (Ctx *ctx, AmMeta *meta, AmSpan *span, AmOrigin fallback)
{
  JsonNode *qnode = json_object_get_member (meta->data, "quote");
  JsonNode *onode = json_object_get_member (meta->data, "occurrence");
  AmOrigin qorigin = am_meta_origin (meta, "quote", fallback);
  AmOrigin oorigin = am_meta_origin (meta, "occurrence", fallback);
  if (qnode == NULL) {
    if (onode != NULL)
      am_diag_error (ctx->diags, oorigin, "occurrence: without a quote: to choose among");
    return;
  }
  const char *quote = string_value (qnode);
  if (quote == NULL) {
    if (JSON_NODE_TYPE (qnode) == JSON_NODE_ARRAY)
      am_diag_error (ctx->diags, qorigin,
                     "quote: must be one passage (text), not a list: a node has one span; "
                     "quote one passage or split the claim");
    else {
      g_autofree char *what = describe (qnode);
      am_diag_error (ctx->diags, qorigin, "quote: must be text, not %s", what);
    }
    return;
  }
  gint64 occurrence = read_occurrence (ctx, onode, oorigin);
  if (occurrence == 0)
    return;
  g_autofree char *normalized = am_anchor_normalize (quote, -1);
  if (*normalized == '\0') {
    am_diag_error (ctx->diags, qorigin, "quote: is empty");
    return;
  }
  if (ctx->source < 0) {
    am_diag_error (ctx->diags, qorigin,
                   "quote: needs a source text: add 'source: FILE' to the front matter");
    return;
  }
  if (!ctx->source_read)
    return; /* not asked to read it, or its failure was already reported */

  const char *path = am_map_source (ctx->map, (guint) ctx->source)->path;
  g_autoptr (GArray) hits = am_anchor_find (ctx->anchor, quote);
  if (hits->len == 0) {
    report_not_found (ctx, quote, qorigin, "quote");
    return;
  }
  if (occurrence < 0 && hits->len > 1) {
    g_autofree char *lines = hit_places (hits);
    am_diag_error (ctx->diags, qorigin,
                   "quote occurs %u times in '%s' (%s); add 'occurrence: N' (1 to %u) to "
                   "choose one, or quote more words",
                   hits->len, path, lines, hits->len);
    return;
  }
  if (occurrence > (gint64) hits->len) {
    g_autofree char *lines = hit_places (hits);
    am_diag_error (ctx->diags, oorigin, "occurrence: %" G_GINT64_FORMAT
                   ", but the quote occurs %u time%s in '%s' (%s)",
                   occurrence, hits->len, hits->len == 1 ? "" : "s", path, lines);
    return;
  }
  AmAnchorHit hit = g_array_index (hits, AmAnchorHit, occurrence < 0 ? 0 : occurrence - 1);
  span->source = ctx->source;
  span->start = hit.start;
  span->end = hit.end;
}

static void
read_weight (Ctx *ctx, AmMeta *meta, double *weight, AmOrigin fallback)
{
  JsonNode *node = json_object_get_member (meta->data, "weight");
  if (node == NULL)
    return;
  double v;
  if (!number_value (node, &v) || !isfinite (v) || v < 0 || v > 1) {
    g_autofree char *what = describe (node);
    am_diag_error (ctx->diags, am_meta_origin (meta, "weight", fallback),
                   "weight: must be a number from 0 to 1, not %s", what);
    return;
  }
  *weight = v;
}

/* One `actor: value` of a stance mapping. `seen` holds the actors already given a stance on
 * this node. */
static void
read_stance_entry (Ctx *ctx, AmNodeRef ref, const char *id, JsonNode *value, AmOrigin origin,
                   GHashTable *seen)
{
  gint actor = am_map_find_actor (ctx->map, id);
  if (actor < 0) {
    g_autofree char *hint = actor_hint (ctx->map, id, ctx->actors_bad);
    am_diag_error (ctx->diags, origin, "unknown actor '%s' in stance%s", id, hint);
    return;
  }
  const char *quote = NULL;
  JsonNode *vnode = value;
  if (JSON_NODE_TYPE (value) == JSON_NODE_OBJECT) {
    /* {value: pro, quote: "..."}: the stance with the words that show it. */
    JsonObject *obj = json_node_get_object (value);
    vnode = json_object_get_member (obj, "value");
    JsonNode *qnode = json_object_get_member (obj, "quote");
    if (vnode == NULL) {
      am_diag_error (ctx->diags, origin,
                     "stance of '%s': a mapping needs 'value: pro|con|neutral' (and may have "
                     "'quote:')",
                     id);
      return;
    }
    if (qnode != NULL && (quote = string_value (qnode)) == NULL) {
      g_autofree char *what = describe (qnode);
      am_diag_error (ctx->diags, origin, "stance of '%s': quote: must be text, not %s", id,
                     what);
      return;
    }
  }
  const char *s = string_value (vnode);
  AmStanceValue v;
  if (s == NULL || !am_stance_value_from_string (s, &v)) {
    g_autofree char *what = s ? g_strdup_printf ("'%s'", s) : describe (vnode);
    am_diag_error (ctx->diags, origin,
                   "unknown stance %s for actor '%s' (a stance is pro, con or neutral)", what,
                   id);
    return;
  }
  if (g_hash_table_contains (seen, id)) {
    am_diag_error (ctx->diags, origin, "stance of actor '%s' is given twice", id);
    return;
  }
  g_hash_table_add (seen, g_strdup (id));
  if (quote != NULL && ctx->source < 0) {
    am_diag_error (ctx->diags, origin,
                   "stance of '%s': quote: needs a source text: add 'source: FILE' to the "
                   "front matter",
                   id);
    return;
  }
  if (quote != NULL && ctx->source_read) {
    g_autoptr (GArray) hits = am_anchor_find (ctx->anchor, quote);
    if (hits->len == 0) {
      g_autofree char *what = g_strdup_printf ("quote of the stance of '%s'", id);
      report_not_found (ctx, quote, origin, what);
      return;
    }
  }
  am_map_add_stance (ctx->map, (guint) actor, ref, v, quote, origin);
}

static void
read_stance_map (Ctx *ctx, AmNodeRef ref, AmMeta *meta, JsonObject *obj, AmOrigin origin,
                 GHashTable *seen)
{
  JsonObjectIter iter;
  const char *id;
  JsonNode *value;
  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &id, &value))
    read_stance_entry (ctx, ref, id, value, sub_origin (meta, "stance", id, origin), seen);
}

static void
read_stance (Ctx *ctx, AmNodeRef ref, AmMeta *meta, AmOrigin fallback)
{
  JsonNode *node = json_object_get_member (meta->data, "stance");
  if (node == NULL)
    return;
  AmOrigin origin = am_meta_origin (meta, "stance", fallback);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (JSON_NODE_TYPE (node) == JSON_NODE_OBJECT) {
    read_stance_map (ctx, ref, meta, json_node_get_object (node), origin, seen);
    return;
  }
  if (JSON_NODE_TYPE (node) == JSON_NODE_ARRAY) {
    /* A list of mappings, as in `stance: [{putin: pro}, {bush: con}]`. */
    JsonArray *arr = json_node_get_array (node);
    for (guint i = 0; i < json_array_get_length (arr); i++) {
      JsonNode *item = json_array_get_element (arr, i);
      if (JSON_NODE_TYPE (item) != JSON_NODE_OBJECT) {
        g_autofree char *what = describe (item);
        am_diag_error (ctx->diags, origin,
                       "stance: list items must be mappings like {ACTOR: pro}, not %s", what);
        continue;
      }
      read_stance_map (ctx, ref, meta, json_node_get_object (item), origin, seen);
    }
    return;
  }
  g_autofree char *what = describe (node);
  am_diag_error (ctx->diags, origin,
                 "stance: must map actors to pro, con or neutral, as in {ACTOR: pro}, not %s",
                 what);
}

static void
annotate_node (Ctx *ctx, AmNodeRef ref, AmMeta *meta, AmSpan *span, double *weight,
               AmOrigin origin)
{
  if (json_object_get_size (meta->data) == 0)
    return; /* most nodes of a large map: four look-ups in an empty object spared */
  read_quote (ctx, meta, span, origin);
  read_stance (ctx, ref, meta, origin);
  read_weight (ctx, meta, weight, origin);
}

void
am_annotate (AmMap *map, const char *base_dir, AmDiagnostics *diags)
{
  g_return_if_fail (map != NULL && diags != NULL);
  Ctx ctx = { map, base_dir, diags, -1, FALSE, NULL, FALSE };
  read_source (&ctx);
  read_actors (&ctx);
  for (guint i = 0; i < map->statements->len; i++) {
    am_map_prefetch_statement (map, i, G_STRUCT_OFFSET (AmStatement, meta));
    AmStatement *st = am_map_statement (map, i);
    annotate_node (&ctx, am_node_ref (AM_NODE_STATEMENT, i), &st->meta, &st->span, &st->weight,
                   st->origin);
  }
  for (guint i = 0; i < map->arguments->len; i++) {
    AmArgument *arg = am_map_argument (map, i);
    annotate_node (&ctx, am_node_ref (AM_NODE_ARGUMENT, i), &arg->meta, &arg->span,
                   &arg->weight, arg->origin);
  }
  am_anchor_text_free (ctx.anchor);
}
