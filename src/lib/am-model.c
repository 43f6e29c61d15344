/* am-model: construction and lookup of the argument map model. */
#include "am-model.h"

#include <math.h>
#include <string.h>

#include "am-pages.h"

/* A bump allocator for the map's elements: they live as long as the map, so they are never
 * freed one by one, and freeing a map of a million statements is freeing a few thousand
 * blocks. */
#define ARENA_BLOCK (256 * 1024)

struct _AmArena {
  char *cur, *end;
  GSList *blocks;      /* of ARENA_BLOCK bytes (am_pages_new0) */
  GSList *large;       /* g_malloc'd */
  gpointer spare[32]; /* occurrence arrays outgrown, by log2 of their capacity: a list
                         linked through their first bytes, for the next array of that size */
};

static gpointer
arena_alloc0 (struct _AmArena *a, gsize size)
{
  size = (size + 15) & ~(gsize) 15;
  if (size > ARENA_BLOCK / 4) { /* large: a block of its own, the current one stays */
    char *big = g_malloc0 (size);
    a->large = g_slist_prepend (a->large, big);
    return big;
  }
  if ((gsize) (a->end - a->cur) < size) {
    a->cur = am_pages_new0 (ARENA_BLOCK);
    a->end = a->cur + ARENA_BLOCK;
    a->blocks = g_slist_prepend (a->blocks, a->cur);
  }
  char *p = a->cur; /* zero: the blocks come zeroed, and are used once */
  a->cur += size;
  return p;
}

/* A record of `size` bytes (zeroed) with the string `title` copied right after it. */
static gpointer
arena_alloc_titled (struct _AmArena *a, gsize size, const char *title)
{
  gsize len = strlen (title) + 1;
  char *p = arena_alloc0 (a, size + len);
  memcpy (p + size, title, len);
  return p;
}

/* Keys (titles, relations) to element indices, by open addressing. A slot is the key's hash
 * and the element's index, 8 bytes: the element is looked at only when the hashes agree, so a
 * look-up touches one slot and then the element it finds. With a million statements referenced
 * in random order every memory access is a cache miss, and GHashTable (hashes, keys and values
 * in three arrays, then the key) made four before the element. */
typedef struct {
  guint32 hash;
  guint32 index1; /* index + 1; 0 for an empty slot */
} IndexSlot;

/* TRUE when element `index` of `elements` has the key `key`. */
typedef gboolean (*IndexMatch) (const GPtrArray *elements, guint index, gconstpointer key);

struct _AmIndex {
  IndexSlot *slots;
  guint mask; /* capacity - 1; the capacity is a power of two, at most three quarters full */
  guint used;
  const GPtrArray *elements; /* borrowed from the map */
  IndexMatch match;
};

static struct _AmIndex *
index_new (const GPtrArray *elements, IndexMatch match)
{
  struct _AmIndex *t = g_new0 (struct _AmIndex, 1);
  t->mask = 63;
  t->slots = am_pages_new0 ((t->mask + 1) * sizeof (IndexSlot));
  t->elements = elements;
  t->match = match;
  return t;
}

static void
index_free (struct _AmIndex *t)
{
  am_pages_free (t->slots, (t->mask + 1) * sizeof (IndexSlot));
  g_free (t);
}

/* The slot of `key`: its own, or the empty one where it would go. */
static IndexSlot *
index_slot (const struct _AmIndex *t, gconstpointer key, guint32 hash)
{
  for (guint i = hash & t->mask;; i = (i + 1) & t->mask) {
    IndexSlot *s = &t->slots[i];
    if (s->index1 == 0 || (s->hash == hash && t->match (t->elements, s->index1 - 1, key)))
      return s;
  }
}

/* The first empty slot for `hash`. */
static IndexSlot *
free_slot (const struct _AmIndex *t, guint32 hash)
{
  guint i = hash & t->mask;
  while (t->slots[i].index1 != 0)
    i = (i + 1) & t->mask;
  return &t->slots[i];
}

static gint
index_find (const struct _AmIndex *t, gconstpointer key, guint32 hash)
{
  return (gint) index_slot (t, key, hash)->index1 - 1;
}

/* Makes room for `more` keys (at most three quarters full): FALSE when there was room. */
static gboolean
index_reserve (struct _AmIndex *t, guint more)
{
  guint n = t->mask + 1;
  while (4 * ((guint64) t->used + more) > 3 * (guint64) n)
    n *= 2;
  if (n == t->mask + 1)
    return FALSE;
  IndexSlot *old = t->slots;
  guint old_n = t->mask + 1;
  t->mask = n - 1;
  t->slots = am_pages_new0 ((gsize) n * sizeof (IndexSlot));
  for (guint i = 0; i < old_n; i++)
    if (old[i].index1 != 0)
      *free_slot (t, old[i].hash) = old[i];
  am_pages_free (old, old_n * sizeof (IndexSlot));
  return TRUE;
}

/* Adds element `index`, whose key (not present yet) has `hash`, into `slot` (from
 * index_slot, the table unchanged since) or, with NULL, into the first free one. */
static void
index_put (struct _AmIndex *t, IndexSlot *slot, guint32 hash, guint index)
{
  if (index_reserve (t, 1))
    slot = NULL; /* it moved */
  *(slot ? slot : free_slot (t, hash)) = (IndexSlot) { hash, index + 1 };
  t->used++;
}

static void
index_clear (struct _AmIndex *t)
{
  memset (t->slots, 0, (t->mask + 1) * sizeof (IndexSlot));
  t->used = 0;
}

static gboolean
statement_has_title (const GPtrArray *elements, guint index, gconstpointer title)
{
  return strcmp (((const AmStatement *) g_ptr_array_index (elements, index))->title, title) == 0;
}

static gboolean
argument_has_title (const GPtrArray *elements, guint index, gconstpointer title)
{
  return strcmp (((const AmArgument *) g_ptr_array_index (elements, index))->title, title) == 0;
}

#define FNV_START 2166136261u /* FNV-1a */
#define FNV_STEP(h, byte) (((h) ^ (guint8) (byte)) * 16777619u)

static guint32
title_hash (const char *s)
{
  guint32 h = FNV_START;
  for (; *s; s++)
    h = FNV_STEP (h, *s);
  return h;
}

/* The tag list of every node without tags (most of a large map): am_tags_add() replaces it. */
static GPtrArray *
empty_tags (void)
{
  static GPtrArray *empty;
  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new_with_free_func (g_free));
  return empty;
}

/* One sealed empty object shared by every AmMeta without data: most nodes of a large map have
 * none, and an object each was a third of the model's memory. */
static JsonObject *
empty_object (void)
{
  static JsonObject *empty;
  if (g_once_init_enter (&empty)) {
    JsonObject *o = json_object_new ();
    json_object_seal (o);
    g_once_init_leave (&empty, o);
  }
  return empty;
}

void
am_meta_init (AmMeta *meta)
{
  meta->data = json_object_ref (empty_object ());
  meta->origins = NULL;
}

JsonObject *
am_meta_data_writable (AmMeta *meta)
{
  if (meta->data == empty_object ()) {
    json_object_unref (meta->data);
    meta->data = json_object_new ();
  }
  return meta->data;
}

static void
meta_clear (AmMeta *meta)
{
  g_clear_pointer (&meta->data, json_object_unref);
  g_clear_pointer (&meta->origins, g_hash_table_unref);
}

static void
statement_clear (gpointer p)
{
  AmStatement *st = p;
  g_ptr_array_unref (st->tags);
  meta_clear (&st->meta);
}

static void
pcs_item_clear (gpointer p)
{
  AmPcsItem *item = p;
  g_free (item->inference_rules);
  meta_clear (&item->inference_meta);
}

static void
argument_clear (gpointer p)
{
  AmArgument *arg = p;
  g_ptr_array_unref (arg->tags);
  meta_clear (&arg->meta);
  g_array_unref (arg->pcs);
}

static void
relation_clear (gpointer p)
{
  AmRelation *rel = p;
  g_free (rel->original);
}

static void
section_free (gpointer p)
{
  AmSection *sec = p;
  g_free (sec->title);
  g_free (sec->id);
  g_ptr_array_unref (sec->tags);
  meta_clear (&sec->meta);
  g_free (sec);
}

static void
actor_free (gpointer p)
{
  AmActor *a = p;
  g_free (a->id);
  g_free (a->name);
  g_free (a->kind);
  g_free (a);
}

static void
stance_free (gpointer p)
{
  AmStance *s = p;
  g_free (s->quote);
  g_free (s);
}

static void
source_free (gpointer p)
{
  AmSource *s = p;
  g_free (s->path);
  g_free (s->resolved);
  g_free (s->text);
  g_free (s);
}

/* Relations are unique by (type, from, to, derived): the key is the relation itself. */
static guint32
relation_hash (const AmRelation *r)
{
  /* Mixed whole: with 31 * from + to, many of a large map's relations shared their hash with
   * one already in the index, and each was compared with it (a cache miss). */
  guint64 h = (guint64) r->from.index | (guint64) r->to.index << 32;
  h ^= ((guint64) r->type | (guint64) r->derived << 3 | (guint64) r->from.kind << 4
        | (guint64) r->to.kind << 5) * 0x9e3779b97f4a7c15u;
  h *= 0xff51afd7ed558ccdu;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53u;
  return (guint32) (h ^ (h >> 33));
}

static gboolean
relation_is (const GPtrArray *elements, guint index, gconstpointer key)
{
  const AmRelation *a = g_ptr_array_index (elements, index), *b = key;
  return a->type == b->type && a->derived == b->derived && a->from.kind == b->from.kind
         && a->from.index == b->from.index && a->to.kind == b->to.kind
         && a->to.index == b->to.index;
}

AmMap *
am_map_new (const char *name)
{
  AmMap *map = g_new0 (AmMap, 1);
  map->name = g_strdup (name ? name : "<input>");
  am_meta_init (&map->front);
  map->statements = g_ptr_array_new_with_free_func (statement_clear);
  map->arguments = g_ptr_array_new_with_free_func (argument_clear);
  map->relations = g_ptr_array_new_with_free_func (relation_clear);
  map->sections = g_ptr_array_new_with_free_func (section_free);
  map->actors = g_ptr_array_new_with_free_func (actor_free);
  map->stances = g_ptr_array_new_with_free_func (stance_free);
  map->sources = g_ptr_array_new_with_free_func (source_free);
  map->statement_by_title = index_new (map->statements, statement_has_title);
  map->argument_by_title = index_new (map->arguments, argument_has_title);
  map->actor_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  map->relation_index = index_new (map->relations, relation_is);
  map->strings = g_string_chunk_new (1 << 16);
  map->arena = g_new0 (struct _AmArena, 1);
  return map;
}

void
am_map_free (AmMap *map)
{
  if (map == NULL)
    return;
  index_free (map->statement_by_title);
  index_free (map->argument_by_title);
  g_hash_table_unref (map->actor_by_id);
  index_free (map->relation_index);
  g_ptr_array_unref (map->statements);
  g_ptr_array_unref (map->arguments);
  g_ptr_array_unref (map->relations);
  g_ptr_array_unref (map->sections);
  g_ptr_array_unref (map->actors);
  g_ptr_array_unref (map->stances);
  g_ptr_array_unref (map->sources);
  meta_clear (&map->front);
  g_string_chunk_free (map->strings);
  for (GSList *l = map->arena->blocks; l != NULL; l = l->next)
    am_pages_free (l->data, ARENA_BLOCK);
  g_slist_free (map->arena->blocks);
  g_slist_free_full (map->arena->large, g_free);
  g_free (map->arena);
  g_free (map->name);
  g_free (map);
}

static gint
lookup (GHashTable *table, gconstpointer key)
{
  gpointer v = g_hash_table_lookup (table, key);
  return v ? GPOINTER_TO_INT (v) - 1 : -1;
}

void
am_map_prefetch_title (const AmMap *map, const char *title, gsize len)
{
  guint32 h = FNV_START;
  for (gsize i = 0; i < len; i++)
    h = FNV_STEP (h, title[i]);
  const struct _AmIndex *t = map->statement_by_title;
  __builtin_prefetch (&t->slots[h & t->mask]);
}

gint
am_map_find_statement (const AmMap *map, const char *title)
{
  return index_find (map->statement_by_title, title, title_hash (title));
}

gint
am_map_find_argument (const AmMap *map, const char *title)
{
  return index_find (map->argument_by_title, title, title_hash (title));
}

gint
am_map_find_actor (const AmMap *map, const char *id)
{
  return lookup (map->actor_by_id, id);
}

guint
am_map_ensure_statement (AmMap *map, const char *title, AmOrigin origin, gboolean *created)
{
  guint32 hash = title_hash (title);
  IndexSlot *slot = index_slot (map->statement_by_title, title, hash);
  if (created)
    *created = slot->index1 == 0;
  if (slot->index1 != 0)
    return slot->index1 - 1;

  AmStatement *st = arena_alloc_titled (map->arena, sizeof *st, title);
  st->title = (const char *) (st + 1);
  st->tags = g_ptr_array_ref (empty_tags ());
  st->section = -1;
  am_meta_init (&st->meta);
  st->origin = origin;
  st->span.source = -1;
  st->weight = NAN;
  g_ptr_array_add (map->statements, st);
  index_put (map->statement_by_title, slot, hash, map->statements->len - 1);
  return map->statements->len - 1;
}

guint
am_map_ensure_argument (AmMap *map, const char *title, AmOrigin origin, gboolean *created)
{
  guint32 hash = title_hash (title);
  IndexSlot *slot = index_slot (map->argument_by_title, title, hash);
  if (created)
    *created = slot->index1 == 0;
  if (slot->index1 != 0)
    return slot->index1 - 1;

  AmArgument *arg = arena_alloc_titled (map->arena, sizeof *arg, title);
  arg->title = (const char *) (arg + 1);
  arg->tags = g_ptr_array_ref (empty_tags ());
  arg->section = -1;
  am_meta_init (&arg->meta);
  arg->origin = origin;
  arg->pcs = g_array_new (FALSE, TRUE, sizeof (AmPcsItem));
  g_array_set_clear_func (arg->pcs, pcs_item_clear);
  arg->span.source = -1;
  arg->weight = NAN;
  g_ptr_array_add (map->arguments, arg);
  index_put (map->argument_by_title, slot, hash, map->arguments->len - 1);
  return map->arguments->len - 1;
}

const char *
am_map_node_title (const AmMap *map, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? am_map_statement (map, ref.index)->title
                                       : am_map_argument (map, ref.index)->title;
}

AmMeta *
am_map_node_meta (const AmMap *map, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? &am_map_statement (map, ref.index)->meta
                                       : &am_map_argument (map, ref.index)->meta;
}

AmOrigin
am_map_node_origin (const AmMap *map, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? am_map_statement (map, ref.index)->origin
                                       : am_map_argument (map, ref.index)->origin;
}

gboolean
am_map_find_node (const AmMap *map, const char *title, AmNodeRef *out)
{
  gint i = am_map_find_statement (map, title);
  if (i >= 0) {
    *out = am_node_ref (AM_NODE_STATEMENT, (guint) i);
    return TRUE;
  }
  i = am_map_find_argument (map, title);
  if (i >= 0) {
    *out = am_node_ref (AM_NODE_ARGUMENT, (guint) i);
    return TRUE;
  }
  return FALSE;
}

gint
am_map_find_relation (const AmMap *map, AmRelationType type, AmNodeRef from, AmNodeRef to,
                      gboolean derived)
{
  AmRelation key = { .type = type, .from = from, .to = to, .derived = derived };
  return index_find (map->relation_index, &key, relation_hash (&key));
}

void
am_map_reserve_relations (AmMap *map, guint n)
{
  index_reserve (map->relation_index, n);
}

void
am_map_announce_relation (const AmMap *map, AmRelationType type, AmNodeRef from, AmNodeRef to,
                          gboolean derived)
{
  AmRelation key = { .type = type, .from = from, .to = to, .derived = derived };
  const struct _AmIndex *t = map->relation_index;
  __builtin_prefetch (&t->slots[relation_hash (&key) & t->mask]);
}

guint
am_map_add_relation (AmMap *map, AmRelationType type, AmNodeRef from, AmNodeRef to,
                     const char *original, gboolean derived, AmOrigin origin)
{
  AmRelation key = { .type = type, .from = from, .to = to, .derived = derived };
  guint32 hash = relation_hash (&key);
  IndexSlot *slot = index_slot (map->relation_index, &key, hash);
  if (slot->index1 != 0)
    return slot->index1 - 1;
  AmRelation *rel = arena_alloc0 (map->arena, sizeof *rel);
  rel->type = type;
  rel->from = from;
  rel->to = to;
  rel->original = g_strdup (original);
  rel->derived = derived;
  rel->origin = origin;
  g_ptr_array_add (map->relations, rel);
  index_put (map->relation_index, slot, hash, map->relations->len - 1);
  return map->relations->len - 1;
}

void
am_map_remove_relation (AmMap *map, guint index)
{
  g_return_if_fail (index < map->relations->len);
  g_ptr_array_remove_index (map->relations, index);
  /* The index holds positions: rebuild it. */
  index_clear (map->relation_index);
  for (guint i = 0; i < map->relations->len; i++) {
    const AmRelation *rel = am_map_relation (map, i);
    index_put (map->relation_index, NULL, relation_hash (rel), i);
  }
}

guint
am_map_add_section (AmMap *map, const char *title, guint level, gint parent, AmOrigin origin)
{
  AmSection *sec = g_new0 (AmSection, 1);
  sec->title = g_strdup (title);
  sec->id = g_strdup_printf ("s%u", map->sections->len + 1);
  sec->level = level;
  sec->parent = parent;
  sec->origin = origin;
  sec->tags = g_ptr_array_ref (empty_tags ());
  am_meta_init (&sec->meta);
  g_ptr_array_add (map->sections, sec);
  return map->sections->len - 1;
}

guint
am_map_add_actor (AmMap *map, const char *id, const char *name, const char *kind,
                  AmOrigin origin)
{
  g_return_val_if_fail (am_map_find_actor (map, id) < 0, (guint) am_map_find_actor (map, id));
  AmActor *a = g_new0 (AmActor, 1);
  a->id = g_strdup (id);
  a->name = g_strdup (name ? name : id);
  a->kind = g_strdup (kind);
  a->origin = origin;
  g_ptr_array_add (map->actors, a);
  g_hash_table_insert (map->actor_by_id, a->id, GINT_TO_POINTER (map->actors->len));
  return map->actors->len - 1;
}

guint
am_map_add_stance (AmMap *map, guint actor, AmNodeRef node, AmStanceValue value,
                   const char *quote, AmOrigin origin)
{
  AmStance *s = g_new0 (AmStance, 1);
  s->actor = actor;
  s->node = node;
  s->value = value;
  s->quote = g_strdup (quote);
  s->origin = origin;
  g_ptr_array_add (map->stances, s);
  return map->stances->len - 1;
}

guint
am_map_add_source (AmMap *map, const char *path)
{
  for (guint i = 0; i < map->sources->len; i++)
    if (g_strcmp0 (am_map_source (map, i)->path, path) == 0)
      return i;
  AmSource *s = g_new0 (AmSource, 1);
  s->path = g_strdup (path);
  g_ptr_array_add (map->sources, s);
  return map->sources->len - 1;
}

/* Appends an occurrence to `*items` (`*n` of them), doubling the array at powers of two, and
 * returns its text as stored in the map (NULL for none). An outgrown array goes to the arena's
 * spares, where the next array of its size is taken from. */
static const char *
add_occurrence (AmMap *map, AmMember **items, guint *n, const char *text, AmOrigin origin)
{
  if ((*n & (*n - 1)) == 0) { /* 0, 1, 2, 4...: the array is full */
    struct _AmArena *a = map->arena;
    guint k = *n ? g_bit_storage (*n) : 0; /* log2 of the new capacity */
    AmMember *grown = a->spare[k];
    if (grown != NULL)
      a->spare[k] = *(gpointer *) grown;
    else
      grown = arena_alloc0 (a, ((gsize) 1 << k) * sizeof (AmMember));
    if (*n) {
      memcpy (grown, *items, *n * sizeof (AmMember));
      *(gpointer *) *items = a->spare[k - 1];
      a->spare[k - 1] = *items;
    }
    *items = grown;
  }
  AmMember *m = &(*items)[(*n)++];
  m->text = text ? g_string_chunk_insert (map->strings, text) : NULL;
  m->origin = origin;
  return m->text;
}

void
am_statement_add_member (AmMap *map, AmStatement *st, const char *text, AmOrigin origin)
{
  const char *stored = add_occurrence (map, &st->members, &st->n_members, text, origin);
  if (stored != NULL && *stored != '\0') {
    st->text = stored; /* the canonical text is the occurrence's own copy */
    st->defined = TRUE;
  }
}

void
am_statement_set_text (AmMap *map, AmStatement *st, const char *text)
{
  st->text = text ? g_string_chunk_insert (map->strings, text) : NULL;
}

void
am_argument_add_description (AmMap *map, AmArgument *arg, const char *text, AmOrigin origin)
{
  const char *stored = add_occurrence (map, &arg->descriptions, &arg->n_descriptions, text,
                                       origin);
  if (stored != NULL && *stored != '\0')
    arg->text = stored;
}

void
am_tags_add (GPtrArray **tags, const char *tag)
{
  for (guint i = 0; i < (*tags)->len; i++)
    if (strcmp (g_ptr_array_index (*tags, i), tag) == 0)
      return;
  am_tags_append (tags, tag);
}

void
am_tags_append (GPtrArray **tags, const char *tag)
{
  if (*tags == empty_tags ()) {
    g_ptr_array_unref (*tags);
    *tags = g_ptr_array_new_with_free_func (g_free);
  }
  g_ptr_array_add (*tags, g_strdup (tag));
}

void
am_meta_merge (AmMeta *meta, JsonObject *data, GHashTable *origins)
{
  /* In the order the keys were written (json_object_iter_init has none). */
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  json_object_iter_init_ordered (&iter, data);
  while (json_object_iter_next_ordered (&iter, &key, &value)) {
    json_object_set_member (am_meta_data_writable (meta), key, json_node_copy (value));
    AmOrigin *o = origins ? g_hash_table_lookup (origins, key) : NULL;
    if (o)
      am_meta_set_origin (meta, key, *o);
  }
}

void
am_meta_set_origin (AmMeta *meta, const char *key, AmOrigin origin)
{
  if (meta->origins == NULL)
    meta->origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (meta->origins, g_strdup (key), g_memdup2 (&origin, sizeof origin));
}

AmOrigin
am_meta_origin (const AmMeta *meta, const char *key, AmOrigin fallback)
{
  AmOrigin *o = meta->origins ? g_hash_table_lookup (meta->origins, key) : NULL;
  return o ? *o : fallback;
}

const char *
am_meta_get_string (const AmMeta *meta, const char *key)
{
  JsonNode *node = json_object_get_member (meta->data, key);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Keep in sync with AmRelationType. */
static const char *const relation_names[] = { "support", "attack", "undercut", "contradiction" };

const char *
am_relation_type_to_string (AmRelationType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (relation_names), "?");
  return relation_names[type];
}

gboolean
am_relation_type_from_string (const char *s, AmRelationType *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (relation_names); i++)
    if (g_strcmp0 (s, relation_names[i]) == 0) {
      *out = (AmRelationType) i;
      return TRUE;
    }
  return FALSE;
}

/* Keep in sync with AmStanceValue. */
static const char *const stance_names[] = { "pro", "con", "neutral" };

const char *
am_stance_value_to_string (AmStanceValue value)
{
  g_return_val_if_fail ((guint) value < G_N_ELEMENTS (stance_names), "?");
  return stance_names[value];
}

gboolean
am_stance_value_from_string (const char *s, AmStanceValue *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (stance_names); i++)
    if (g_strcmp0 (s, stance_names[i]) == 0) {
      *out = (AmStanceValue) i;
      return TRUE;
    }
  return FALSE;
}

AmOrigin
am_origin (const char *file, guint line, guint column)
{
  /* Readers make an origin per element, always with the same interned name: remembering the
   * last interned pointer skips GLib's locked table lookup (most of a large map's read time
   * went there). Interned strings live forever, so a pointer equal to it is that string. */
  static _Thread_local const char *last;
  AmOrigin o = { NULL, line, column };
  if (file != NULL)
    o.file = file == last ? last : (last = g_intern_string (file));
  return o;
}

const char *
am_node_kind_to_string (AmNodeKind kind)
{
  return kind == AM_NODE_STATEMENT ? "statement" : "argument";
}
