/* am-model: the one model every reader builds and every writer and analysis reads. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Ownership: an AmMap owns every element it holds (statements, arguments, relations, sections,
 * actors, stances, sources) and every string inside them. The texts of statements, arguments
 * and their occurrences live in the map's string chunk, and statements and arguments (each with
 * its title right after it), relations and occurrence arrays in its arena (one allocation per
 * 64 KB rather than one per element: a large map has millions); never free them one by one.
 * Elements refer to each other by index into the map's arrays, never by pointer, so arrays may
 * grow while a reader works. Accessors named _get_ borrow; _new/_dup_/_steal_ hand out
 * ownership. */

/* Where an element was written: 1-based line and column (in characters) of a file. `file` is
 * interned (g_intern_string) so origins can be copied freely. line == 0 means unknown. */
typedef struct {
  const char *file;
  guint line;
  guint column;
} AmOrigin;

typedef enum {
  AM_NODE_STATEMENT,
  AM_NODE_ARGUMENT,
} AmNodeKind;

/* A reference to a statement or an argument of the same map. */
typedef struct {
  AmNodeKind kind;
  guint index;
} AmNodeRef;

/* Keep in sync with am_relation_type_to_string(); the last is AM_REL_CONTRADICTION (the JSON
 * writer sizes a table by it). */
typedef enum {
  AM_REL_SUPPORT,
  AM_REL_ATTACK,
  AM_REL_UNDERCUT, /* the target is an inference: always an argument */
  AM_REL_CONTRADICTION, /* symmetric */
} AmRelationType;

typedef enum {
  AM_STANCE_PRO,
  AM_STANCE_CON,
  AM_STANCE_NEUTRAL,
} AmStanceValue;

/* Metadata written in inline YAML or front matter, as JSON values, with the origin of the value
 * of each top-level key (so a diagnostic about `quote:` points at the quote). */
typedef struct {
  JsonObject *data;      /* owned; never NULL once the element exists; read freely, write only
                            through am_meta_data_writable() */
  GHashTable *origins;   /* key (owned) -> AmOrigin* (owned); NULL until one is recorded (most
                            nodes have no metadata: a table each would dominate a large map) */
} AmMeta;

/* Quoted words of a source document: [start, end) in characters (Unicode code points) of the
 * original text. source < 0 means not anchored. */
typedef struct {
  gint source;
  gint64 start;
  gint64 end;
} AmSpan;

/* One occurrence of a statement in the file, as Argdown keeps them ("members"). */
typedef struct {
  const char *text; /* may be NULL: a bare reference `[T]` */
  AmOrigin origin;
} AmMember;

/* The fields a reference to a statement touches come last, and the title's bytes follow the
 * record in memory: in a large map, looking a title up and adding an occurrence then costs one
 * cache miss or two rather than four. */
typedef struct {
  AmMeta meta;
  AmOrigin origin;     /* first occurrence */
  AmSpan span;
  double weight;       /* base score in [0,1]; NAN when not set */
  gboolean untitled;   /* the title was generated (an untitled statement) */
  gboolean defined;    /* some occurrence gave it a text */
  gint section;        /* index into map->sections, -1 for none */
  guint n_members;
  AmMember *members;   /* every occurrence, in file order (n_members of them) */
  GPtrArray *tags;     /* char*, unique, in order of first use */
  const char *text;    /* the canonical text (NULL if never defined), see am_statement_add_member */
  const char *title;   /* right after the record */
} AmStatement;

typedef enum {
  AM_PCS_PREMISE,
  AM_PCS_INTERMEDIARY, /* a conclusion that is used as a premise further down */
  AM_PCS_CONCLUSION,   /* the main (last) conclusion */
} AmPcsRole;

/* One numbered line of a premise-conclusion structure. For conclusions, `inference` holds the
 * rule line above it (`----` or `-- rule --`). */
typedef struct {
  guint statement;    /* index into map->statements */
  AmPcsRole role;
  guint number;       /* the (n) the author wrote, 0 if none */
  char *inference_rules; /* "modus ponens, ..." or NULL */
  AmMeta inference_meta; /* data of the inference line (may be empty) */
  AmOrigin origin;
} AmPcsItem;

/* Laid out as AmStatement, for the same reason. */
typedef struct {
  AmMeta meta;
  AmOrigin origin;
  AmSpan span;
  double weight;
  gboolean untitled;
  gint section;
  GArray *pcs;         /* AmPcsItem; empty when the argument has no reconstruction */
  guint n_descriptions;
  AmMember *descriptions; /* every description occurrence, as Argdown keeps them */
  GPtrArray *tags;
  const char *text;    /* description; NULL if none */
  const char *title;   /* right after the record */
} AmArgument;

typedef struct {
  AmRelationType type;
  gboolean derived;    /* added by the reader, e.g. from a premise-conclusion structure */
  AmNodeRef from;
  AmNodeRef to;
  char *original;      /* the Argdown relation as written when it differs from `type`
                          ("entails", "contrary", "contradictory"), else NULL */
  AmOrigin origin;
} AmRelation;

typedef struct {
  char *title;
  char *id;            /* Argdown's section id (s1, s2...) */
  guint level;         /* heading level, 1 for `#` */
  gint parent;         /* index into map->sections, -1 at top */
  AmOrigin origin;
  GPtrArray *tags;
  AmMeta meta;
} AmSection;

typedef struct {
  char *id;
  char *name;
  char *kind;          /* state, person, group, author... NULL if not given */
  AmOrigin origin;
} AmActor;

typedef struct {
  guint actor;         /* index into map->actors */
  AmNodeRef node;
  AmStanceValue value;
  char *quote;         /* optional quote of its own, NULL if none */
  AmOrigin origin;
} AmStance;

/* A document that spans point into. */
typedef struct {
  char *path;          /* as written in the front matter */
  char *resolved;      /* the path it was read from, NULL if not read */
  char *text;          /* UTF-8 text, NULL if not read */
} AmSource;

typedef struct {
  char *name;              /* display name of the main input (file path or "<stdin>") */
  AmMeta front;            /* the front matter (`=== ... ===`), empty if none */
  GPtrArray *statements;   /* AmStatement* */
  GPtrArray *arguments;    /* AmArgument* */
  GPtrArray *relations;    /* AmRelation* */
  GPtrArray *sections;     /* AmSection* */
  GPtrArray *actors;       /* AmActor* */
  GPtrArray *stances;      /* AmStance* */
  GPtrArray *sources;      /* AmSource* */
  struct _AmIndex *statement_by_title; /* see am_map_find_statement() */
  struct _AmIndex *argument_by_title;
  GHashTable *actor_by_id;
  struct _AmIndex *relation_index; /* by type, ends and derived flag */
  GStringChunk *strings;   /* texts of statements, arguments and occurrences */
  struct _AmArena *arena;  /* statements, arguments, relations and their occurrence arrays */
} AmMap;

/* Returns a new empty map named `name` (may be NULL). Free with am_map_free(). */
AmMap *am_map_new (const char *name);
void am_map_free (AmMap *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmMap, am_map_free)

/* The statement titled `title`, created (with `origin` as its first occurrence) when missing.
 * Returns its index. `created` (may be NULL) tells whether it is new. */
guint am_map_ensure_statement (AmMap *map, const char *title, AmOrigin origin, gboolean *created);
guint am_map_ensure_argument (AmMap *map, const char *title, AmOrigin origin, gboolean *created);
/* -1 when there is none. */
gint am_map_find_statement (const AmMap *map, const char *title);

/* A statement titled `title` (`len` bytes, not terminated) is about to be looked up or made:
 * the slot of the map's index it goes to is fetched from memory meanwhile (in a large map a
 * cache miss). Only a hint: nothing changes. */
void am_map_prefetch_title (const AmMap *map, const char *title, gsize len);
gint am_map_find_argument (const AmMap *map, const char *title);
gint am_map_find_actor (const AmMap *map, const char *id);

/* Borrowed element accessors; the index must be in range. */
#define am_map_statement(map, i) ((AmStatement *) g_ptr_array_index ((map)->statements, (i)))
/* A pass over a large map's statements reads records that lie anywhere in the arena: it asks
 * for statement `i` + AM_AHEAD (`at` bytes into its record) before it reads statement `i`. */
#define AM_AHEAD 16
static inline void
am_map_prefetch_statement (const AmMap *map, guint i, gsize at)
{
  if (i + AM_AHEAD < map->statements->len)
    __builtin_prefetch ((const char *) g_ptr_array_index (map->statements, i + AM_AHEAD) + at);
}
#define am_map_argument(map, i) ((AmArgument *) g_ptr_array_index ((map)->arguments, (i)))
#define am_map_relation(map, i) ((AmRelation *) g_ptr_array_index ((map)->relations, (i)))
#define am_map_section(map, i) ((AmSection *) g_ptr_array_index ((map)->sections, (i)))
#define am_map_actor(map, i) ((AmActor *) g_ptr_array_index ((map)->actors, (i)))
#define am_map_stance(map, i) ((AmStance *) g_ptr_array_index ((map)->stances, (i)))
#define am_map_source(map, i) ((AmSource *) g_ptr_array_index ((map)->sources, (i)))

/* Title of a node (borrowed). */
const char *am_map_node_title (const AmMap *map, AmNodeRef ref);
/* Metadata of a node (borrowed). */
AmMeta *am_map_node_meta (const AmMap *map, AmNodeRef ref);
AmOrigin am_map_node_origin (const AmMap *map, AmNodeRef ref);
/* The node titled `title`: statements first, then arguments. FALSE if neither exists. */
gboolean am_map_find_node (const AmMap *map, const char *title, AmNodeRef *out);

/* Adds a relation (strings copied; `original` may be NULL). Returns its index. An identical
 * relation (same type, ends, derived flag) is not added twice; its index is returned. */
gint am_map_find_relation (const AmMap *map, AmRelationType type, AmNodeRef from, AmNodeRef to,
                           gboolean derived);
/* Room for `n` more relations in the index, so that adding them does not rehash it again and
 * again. */
void am_map_reserve_relations (AmMap *map, guint n);
/* A hint that this relation is about to be looked up or added: its index slot is fetched from
 * memory meanwhile. */
void am_map_announce_relation (const AmMap *map, AmRelationType type, AmNodeRef from,
                               AmNodeRef to, gboolean derived);
guint am_map_add_relation (AmMap *map, AmRelationType type, AmNodeRef from, AmNodeRef to,
                           const char *original, gboolean derived, AmOrigin origin);

/* Removes relation `index`; the later ones move down by one. */
void am_map_remove_relation (AmMap *map, guint index);

/* Adds a section; returns its index. */
guint am_map_add_section (AmMap *map, const char *title, guint level, gint parent, AmOrigin origin);
/* Adds an actor (strings copied; kind may be NULL); returns its index. The id must be new. */
guint am_map_add_actor (AmMap *map, const char *id, const char *name, const char *kind,
                        AmOrigin origin);
guint am_map_add_stance (AmMap *map, guint actor, AmNodeRef node, AmStanceValue value,
                         const char *quote, AmOrigin origin);
/* Adds a source document (text may be NULL until read); returns its index. */
guint am_map_add_source (AmMap *map, const char *path);

/* Adds an occurrence to a statement: its text (may be NULL) becomes the canonical text when
 * non-empty (the last defined occurrence wins, as in Argdown). */
void am_statement_add_member (AmMap *map, AmStatement *st, const char *text, AmOrigin origin);
/* Replaces the canonical text (copied; NULL for none) without adding an occurrence. */
void am_statement_set_text (AmMap *map, AmStatement *st, const char *text);
void am_argument_add_description (AmMap *map, AmArgument *arg, const char *text,
                                  AmOrigin origin);
/* Adds a tag unless present. A node's `tags` starts as one empty list shared by all nodes
 * (read it freely); the first tag gives the node a list of its own, so add only through here. */
void am_tags_add (GPtrArray **tags, const char *tag);
/* Adds a tag the caller knows is not there (no search: for long lists kept with a set). */
void am_tags_append (GPtrArray **tags, const char *tag);

/* Metadata: an empty AmMeta (for elements made outside am-model.c, such as AmPcsItem). */
void am_meta_init (AmMeta *meta);
/* `meta->data` ready to be changed (borrowed): the shared empty object of a fresh AmMeta is
 * sealed, so every write goes through here. */
JsonObject *am_meta_data_writable (AmMeta *meta);
/* Records the origin of the value of `key`. */
void am_meta_set_origin (AmMeta *meta, const char *key, AmOrigin origin);
/* Metadata: merge `data` (borrowed; its members are copied, in their order) into `meta`, later
 * keys winning. */
void am_meta_merge (AmMeta *meta, JsonObject *data, GHashTable *origins);
/* The origin of key `key` of `meta`, or `fallback` when unknown. */
AmOrigin am_meta_origin (const AmMeta *meta, const char *key, AmOrigin fallback);
/* String value of a top-level key, or NULL (borrowed). */
const char *am_meta_get_string (const AmMeta *meta, const char *key);

const char *am_relation_type_to_string (AmRelationType type);
/* FALSE if `s` is not one of support, attack, undercut, contradiction. */
gboolean am_relation_type_from_string (const char *s, AmRelationType *out);
const char *am_stance_value_to_string (AmStanceValue value);
gboolean am_stance_value_from_string (const char *s, AmStanceValue *out);
const char *am_node_kind_to_string (AmNodeKind kind);

static inline AmNodeRef
am_node_ref (AmNodeKind kind, guint index)
{
  AmNodeRef r = { kind, index };
  return r;
}

/* An origin in `file` (interned here, so the origin may outlive the string passed). */
AmOrigin am_origin (const char *file, guint line, guint column);

G_END_DECLS
