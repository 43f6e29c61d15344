/* am-argdown-read: the Argdown reader: parses with the am-argdown-lex tokens (grammar of
 * @argdown/core's parser.js, iteratively) and builds the model as its ModelPlugin does. */
#include <string.h>

#include "am-annotate.h"
#include "am-argdown-private.h"
#include "am-bytes.h"
#include "am-error.h"
#include "am-formats.h"
#include "am-text.h"
#include "am-threads.h"
#include "am-yaml.h"

#include "am-argdown-shortcodes.h"

/* Argdown's relation types before they are mapped onto argmap's four. */
typedef enum {
  R_SUPPORT,
  R_ATTACK,
  R_UNDERCUT,
  R_CONTRADICTORY,
  R_ENTAILS,
  R_CONTRARY,
} RType;

/* A relation end as Argdown has it: an equivalence class, an argument, or the inference of an
 * argument's pcs (item = index of the conclusion it leads to). */
typedef enum { N_EC, N_ARG, N_INF } RKind;

typedef struct {
  RKind kind;
  guint index;
  guint item;
} RNode;

/* Bytes for the type and flags, and no file in the origin (it is the reader's): a large map has
 * one of these per relation. */
typedef struct {
  guint8 type;     /* RType */
  guint8 derived;
  guint8 dead;
  RNode from, to;
  guint line, column;
} RawRel;

/* The relations are kept in blocks rather than one growing array: add_to_model frees each block
 * once it has copied it into the model, so the two copies of a large map's relations are never
 * whole at the same time (and no doubling leaves half an array unused). */
#define REL_BLOCK_BITS 12
#define REL_BLOCK_SIZE (1u << REL_BLOCK_BITS)

/* From this many bytes on, the lexer runs on a thread of its own (a thread costs tens of
 * microseconds to start; lexing 64 KB takes about 0.3 ms, parsing it four times that). */
#define LEX_AHEAD_MIN (64u << 10)
#define AHEAD_STAGE 4 /* titles announced between two links of a look-up's chain */

/* One statement occurrence or argument description being parsed (a frame of the explicit
 * stack that replaces the grammar's recursion through relations). */
typedef struct {
  gboolean is_arg;
  gboolean is_ref;
  gboolean top_level;
  gboolean has_title;
  guint32 title_number;  /* its title's (AdTok.title), 0 for none */
  guint known;           /* index + 1 of its statement, known by that number (then `title` is
                            not copied); 0 */
  gboolean titled_node;  /* `node` is resolved (relations entry or exit) */
  gboolean in_relations; /* its Indent was consumed */
  gboolean only_undercuts; /* the inference pseudo-frame */
  gboolean pseudo;         /* not an element: the inference's relations */
  guint nrel;              /* relations parsed under it */
  AdTokType rel_tok;       /* the symbol that attached it to its parent, AD_EOF for none */
  AmOrigin rel_origin;
  AmOrigin origin;
  RNode node;              /* once resolved */
  GString *title;
  GString *text;           /* from the pool, by depth */
  GPtrArray *tags;         /* may be NULL */
  JsonObject *data;        /* may be NULL */
  GHashTable *data_origins;
} Elem;

typedef struct {
  gboolean has;
  char *rules;
  JsonObject *data;
  GHashTable *data_origins;
  AmOrigin origin;
} PendingInference;

typedef struct {
  AdLexer *lx;
  const char *text;
  gsize len;
  const char *file;
  AmDiagnostics *diags;
  AmMap *map;
  guint untitled;
  gboolean strict;
  gboolean remove_tags;
  gint section;
  gint prev_block_arg;    /* argument of the previous top-level block, -1 if not one */
  gint cur_inf_arg;       /* Argdown's currentInference (never reset within a file) */
  gint pcs_arg;           /* the argument whose pcs is being read, -1 outside one */
  guint cur_inf_item;
  GPtrArray *rel_blocks;  /* RawRel[REL_BLOCK_SIZE] each, in Argdown's order (post-order of
                             the trees) */
  guint n_rels;
  guint32 *rel_slots;     /* open addressing over the relations: index + 1, 0 for empty;
                             made by rel_index_build, when Argdown's transformations need it */
  guint rel_cap;          /* a power of two */
  guint rel_used;
  GArray *first_section_st; /* gint per statement: section of its first member */
  GArray *first_section_arg;
  GPtrArray *pool;        /* GString* text buffers by depth */
  GPtrArray *title_pool;
  Elem *stack;            /* the open elements: `depth` of them, room for `stack_cap` */
  guint depth, stack_cap;
  GByteArray *ranges;     /* open bold/italic (the token type of the start) */
  GHashTable *tag_sets;   /* a node (its element, borrowed) -> set of its tags */
  gboolean failed;
  guint *by_number;       /* per title number - 1: its statement's index + 1, 0 while unknown */
  guint n_by_number;      /* room in by_number */
  guint32 numbers_seen;   /* the highest title number announced */
  guint32 ahead[4 * AHEAD_STAGE]; /* the numbers announced last (0: a new title) */
  guint n_ahead;
} Ctx;

/* The statement index + 1 that title `number` stands for, 0 while unknown. */
static inline guint
by_number (const Ctx *c, guint32 number)
{
  return number != 0 && number <= c->n_by_number ? c->by_number[number - 1] : 0;
}

static void
remember_number (Ctx *c, guint32 number, guint statement)
{
  if (number > c->n_by_number) {
    guint n = MAX (MAX (c->n_by_number * 2, 1024), number);
    c->by_number = g_renew (guint, c->by_number, n);
    memset (c->by_number + c->n_by_number, 0, (n - c->n_by_number) * sizeof (guint));
    c->n_by_number = n;
  }
  c->by_number[number - 1] = statement + 1;
}

/* The lexer tells of each statement title AD_LOOKAHEAD tokens before the parser reads it. In
 * a large map what reading it touches is a chain of cache misses (the statement its number
 * stands for, the map's array, the statement, its occurrences): fetched meanwhile, a link per
 * AHEAD_STAGE titles. A title never seen before is looked for in the map's index instead. */
static void
announce_title (gpointer data, guint32 number, const char *title, gsize len)
{
  Ctx *c = data;
  const guint ring = G_N_ELEMENTS (c->ahead), k = AHEAD_STAGE;
  if (number > c->numbers_seen) {
    c->numbers_seen = number;
    am_map_prefetch_title (c->map, title, len);
    number = 0;
  } else if (number != 0 && number <= c->n_by_number) {
    __builtin_prefetch (&c->by_number[number - 1]);
  }
  c->ahead[c->n_ahead++ % ring] = number;
  const GPtrArray *sts = c->map->statements;
  guint i;
  if (c->n_ahead > k && (i = by_number (c, c->ahead[(c->n_ahead - 1 - k) % ring])) != 0)
    __builtin_prefetch (&sts->pdata[i - 1]);
  if (c->n_ahead > 2 * k && (i = by_number (c, c->ahead[(c->n_ahead - 1 - 2 * k) % ring])) != 0) {
    const char *st = g_ptr_array_index (sts, i - 1);
    __builtin_prefetch (st);
    __builtin_prefetch (st + sizeof (AmStatement) - 1);
  }
  if (c->n_ahead > 3 * k && (i = by_number (c, c->ahead[(c->n_ahead - 1 - 3 * k) % ring])) != 0) {
    const AmStatement *st = g_ptr_array_index (sts, i - 1);
    if (st->members != NULL)
      __builtin_prefetch (&st->members[st->n_members], 1);
  }
}

/* ---- relations bookkeeping ---- */

static guint
rel_key_hash (RType type, RNode from, RNode to)
{
  guint64 h = (guint64) type * 0x9e3779b97f4a7c15u;
  h ^= ((guint64) from.kind << 60) ^ ((guint64) from.index << 20) ^ from.item;
  h *= 0xff51afd7ed558ccdu;
  h ^= ((guint64) to.kind << 58) ^ ((guint64) to.index << 24) ^ ((guint64) to.item << 1);
  h *= 0xc4ceb9fe1a85ec53u;
  return (guint) (h ^ (h >> 29));
}

static gboolean
rnode_eq (RNode a, RNode b)
{
  return a.kind == b.kind && a.index == b.index && (a.kind != N_INF || a.item == b.item);
}

static inline RawRel *
rel_at (Ctx *c, guint i)
{
  return (RawRel *) g_ptr_array_index (c->rel_blocks, i >> REL_BLOCK_BITS)
         + (i & (REL_BLOCK_SIZE - 1));
}

/* A live relation with this key. Slots are never emptied: an entry whose relation has died or
 * moved to another key simply stops matching. */
static RawRel *
rel_find (Ctx *c, RType type, RNode from, RNode to)
{
  if (from.kind != N_INF)
    from.item = 0;
  if (to.kind != N_INF)
    to.item = 0;
  guint mask = c->rel_cap - 1;
  for (guint i = rel_key_hash (type, from, to) & mask;; i = (i + 1) & mask) {
    guint32 slot = c->rel_slots[i];
    if (slot == 0)
      return NULL;
    RawRel *r = rel_at (c, slot - 1);
    if (!r->dead && r->type == type && rnode_eq (r->from, from) && rnode_eq (r->to, to))
      return r;
  }
}

static void rel_index_insert (Ctx *c, guint index);

static void
rel_index_grow (Ctx *c)
{
  g_free (c->rel_slots);
  c->rel_cap *= 2;
  c->rel_slots = g_new0 (guint32, c->rel_cap);
  c->rel_used = 0;
  /* Only after rel_index_build (which never grows the table): every live relation is in. */
  for (guint i = 0; i < c->n_rels; i++)
    if (!rel_at (c, i)->dead)
      rel_index_insert (c, i);
}

/* Indexes relation `index` under its current key (again, if its key has changed). */
static void
rel_index_insert (Ctx *c, guint index)
{
  RawRel *r = rel_at (c, index);
  if ((c->rel_used + 1) * 2 > c->rel_cap) {
    /* The growth indexes every admitted live relation under its current key, this one too;
     * at most half the new table is used, so it does not grow again. */
    rel_index_grow (c);
    return;
  }
  guint mask = c->rel_cap - 1;
  guint i = rel_key_hash (r->type, r->from, r->to) & mask;
  while (c->rel_slots[i] != 0)
    i = (i + 1) & mask;
  c->rel_slots[i] = index + 1;
  c->rel_used++;
}

static void
rel_add (Ctx *c, RType type, RNode from, RNode to, AmOrigin origin)
{
  if (from.kind != N_INF)
    from.item = 0;
  if (to.kind != N_INF)
    to.item = 0;
  /* Duplicates are dropped in finish_relations, where the index is built only when Argdown's
   * transformations need it (most maps go straight into the model, which merges them). */
  if ((c->n_rels & (REL_BLOCK_SIZE - 1)) == 0)
    g_ptr_array_add (c->rel_blocks, g_new (RawRel, REL_BLOCK_SIZE));
  *rel_at (c, c->n_rels++) = (RawRel) { .type = (guint8) type, .from = from, .to = to,
                                        .line = origin.line, .column = origin.column };
}

/* onRelationExit's merging: the first of equal relations (contradiction: either way) stays. */
static void
rel_index_build (Ctx *c)
{
  /* Room for every relation: the table must not grow while the relations not admitted yet are
   * still to be checked against those before them (a growth indexes all live ones). */
  c->rel_cap = 2;
  while (c->rel_cap < 2 * (c->n_rels + 1))
    c->rel_cap *= 2;
  c->rel_slots = g_new0 (guint32, c->rel_cap);
  c->rel_used = 0;
  for (guint i = 0; i < c->n_rels; i++) {
    RawRel *r = rel_at (c, i);
    if (r->dead)
      continue;
    if (rel_find (c, r->type, r->from, r->to)
        || (r->type == R_CONTRADICTORY && rel_find (c, r->type, r->to, r->from)))
      r->dead = TRUE;
    else
      rel_index_insert (c, i);
  }
}

/* ---- diagnostics ---- */

/* Where token `t` starts. */
static AmOrigin
tok_origin (Ctx *c, const AdTok *t)
{
  guint line, col;
  ad_lexer_locate (c->lx, t, &line, &col);
  return am_origin (c->file, line, col);
}

static void
error_at (Ctx *c, const AdTok *t, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
error_at (Ctx *c, const AdTok *t, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  am_diag_error (c->diags, tok_origin (c, t), "%s", msg);
  c->failed = TRUE;
}

static gboolean
is_relation_tok (AdTokType t)
{
  return t >= AD_IN_SUPPORT && t <= AD_OUT_UNDERCUT;
}

static gboolean
is_text_tok (AdTokType t)
{
  return t == AD_FREESTYLE || t == AD_UNUSED || t == AD_ESCAPED || t == AD_SPECIAL;
}

/* Tokens that can start (or continue) statementContent. */
static gboolean
is_content_tok (AdTokType t)
{
  switch (t) {
  case AD_FREESTYLE: case AD_UNUSED: case AD_ESCAPED: case AD_SPECIAL: case AD_LINK:
  case AD_ABOLD_START: case AD_UBOLD_START: case AD_AITAL_START: case AD_UITAL_START:
  case AD_TAG: case AD_ARG_MENTION: case AD_ST_MENTION: case AD_NEWLINE:
    return TRUE;
  default:
    return FALSE;
  }
}

/* Why `t` cannot stand where an element or paragraph has ended. */
static void
misplaced (Ctx *c, const AdTok *t)
{
  AdTokType type = t->type;
  if (type == AD_INDENT) {
    AdTok n_v = *ad_lexer_peek (c->lx, 1);
  const AdTok *n = &n_v;
    if (n->type == AD_OL_ITEM || n->type == AD_UL_ITEM)
      type = n->type;
    else
      type = AD_IN_SUPPORT;
  }
  switch (type) {
  case AD_IN_SUPPORT: case AD_IN_ATTACK: case AD_OUT_SUPPORT: case AD_OUT_ATTACK:
  case AD_CONTRA: case AD_IN_UNDERCUT: case AD_OUT_UNDERCUT: case AD_DEDENT:
    error_at (c, t, "relation has no element to attach to");
    break;
  case AD_INF_START:
    error_at (c, t, "inference (--) outside a premise-conclusion structure");
    break;
  case AD_STNUM:
    error_at (c, t, "premise-conclusion structure must follow an empty line");
    break;
  case AD_ST_DEF: case AD_ST_REF: case AD_ARG_DEF: case AD_ARG_REF:
    error_at (c, t, "%s must start a paragraph or follow a relation symbol",
              ad_token_name (type));
    break;
  case AD_FREESTYLE: case AD_UNUSED: case AD_ESCAPED: case AD_SPECIAL: case AD_LINK:
  case AD_TAG: case AD_ST_MENTION: case AD_ARG_MENTION: case AD_ABOLD_START:
  case AD_UBOLD_START: case AD_AITAL_START: case AD_UITAL_START:
    error_at (c, t, "text cannot follow a reference or metadata");
    break;
  case AD_DATA:
    error_at (c, t, "misplaced metadata");
    break;
  case AD_FRONT_MATTER:
    error_at (c, t, "front matter (===) must come first");
    break;
  case AD_HEADING:
    error_at (c, t, "heading must start a paragraph");
    break;
  case AD_OL_ITEM: case AD_UL_ITEM:
    error_at (c, t, "list item must start a paragraph");
    break;
  case AD_ABOLD_END: case AD_UBOLD_END: case AD_AITAL_END: case AD_UITAL_END:
    error_at (c, t, "%s without a start", ad_token_name (type));
    break;
  default:
    error_at (c, t, "unexpected %s", ad_token_name (type));
    break;
  }
}

/* ---- text ---- */

/* g_string_append_len without its call and overlap checks while there is room: the reader
 * appends every piece of text this way. Unlike the JSON writer's out_append_len it keeps the
 * text terminated, which the reader needs after every append (and the writer's hot loop
 * measurably does not: 674M against 713M instructions for flat 50k with one shared helper). */
static inline void
text_append (GString *out, const char *data, gsize len)
{
  if (out->len + len < out->allocated_len) {
    am_copy (out->str + out->len, data, len);
    out->len += len;
    out->str[out->len] = '\0';
  } else
    g_string_append_len (out, data, (gssize) len);
}

static void
append_token_text (Ctx *c, GString *out, const AdTok *t)
{
  const char *img = c->text + t->start;
  gsize n = t->end - t->start;
  switch (t->type) {
  case AD_ESCAPED:
    text_append (out, img + 1, n - 1);
    break;
  case AD_SPECIAL: {
    gsize m = n;
    while (m > 0 && (img[m - 1] == ' ' || img[m - 1] == '\t'))
      m--;
    for (guint i = 0; i < G_N_ELEMENTS (ad_shortcodes); i++)
      if (strlen (ad_shortcodes[i].code) == m && memcmp (ad_shortcodes[i].code, img, m) == 0) {
        g_string_append (out, ad_shortcodes[i].text);
        if (img[n - 1] == ' ')
          g_string_append_c (out, ' ');
        return;
      }
    text_append (out, img, n);
    break;
  }
  case AD_LINK: {
    const char *close = memchr (img, ']', n);
    text_append (out, img + 1, (gsize) (close - img - 1));
    if (img[n - 1] == ' ')
      g_string_append_c (out, ' ');
    break;
  }
  default:
    text_append (out, img, n);
    break;
  }
}

static char *
tag_of (Ctx *c, const AdTok *t)
{
  const char *img = c->text + t->start;
  gsize n = t->end - t->start;
  while (n > 0 && (img[n - 1] == ' ' || img[n - 1] == '\t'))
    n--;
  if (n >= 3 && img[1] == '(')
    return g_strndup (img + 2, n - 3);
  return g_strndup (img + 1, n - 1);
}

static void
add_tag (Ctx *c, GPtrArray **tags, const AdTok *t, GString *text)
{
  if (*tags == NULL)
    *tags = g_ptr_array_new_with_free_func (g_free);
  /* Repeats are dropped when the tags join their node (tags_merge). */
  g_ptr_array_add (*tags, tag_of (c, t));
  if (!c->remove_tags && text)
    append_token_text (c, text, t);
}

/* Adds the tags of `src` missing from `*dst` (the tags of node `key`). Linear search while the
 * lists are short; past that a set per node, so that many tags never cost quadratic time. */
static void
tags_merge (Ctx *c, gpointer key, GPtrArray **dst, GPtrArray *src)
{
  if (src == NULL)
    return;
  GHashTable *set = g_hash_table_lookup (c->tag_sets, key);
  if (set == NULL && (*dst)->len + src->len <= 32) {
    for (guint i = 0; i < src->len; i++)
      am_tags_add (dst, g_ptr_array_index (src, i));
    return;
  }
  if (set == NULL) {
    set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < (*dst)->len; i++)
      g_hash_table_add (set, g_strdup (g_ptr_array_index (*dst, i)));
    g_hash_table_insert (c->tag_sets, key, set);
  }
  for (guint i = 0; i < src->len; i++) {
    const char *tag = g_ptr_array_index (src, i);
    if (!g_hash_table_contains (set, tag)) {
      g_hash_table_add (set, g_strdup (tag));
      am_tags_append (dst, tag);
    }
  }
}

/* statementContent: text, links, bold/italic ranges (a counted stack), tags, mentions and line
 * breaks, up to the first token that cannot continue it. FALSE on a syntax error. */
static gboolean
parse_content (Ctx *c, GString *text, GPtrArray **tags, guint *count)
{
  AdLexer *lx = c->lx;
  guint base = c->ranges->len;
  *count = 0;
  for (;;) {
    AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
    AdTokType type = t->type;
    if (c->ranges->len > base) {
      AdTokType open = (AdTokType) c->ranges->data[c->ranges->len - 1];
      if ((gint) type == (gint) open - (AD_ABOLD_START - AD_ABOLD_END)) {
        AdTok e = ad_lexer_next (lx);
        g_byte_array_set_size (c->ranges, c->ranges->len - 1);
        if (c->text[e.end - 1] == ' ' || c->text[e.end - 1] == '\t')
          g_string_append_c (text, ' ');
        (*count)++;
        continue;
      }
      if (!is_content_tok (type)) {
        static const char *const what[] = { "bold text (**)", "bold text (__)",
                                            "italic text (*)", "italic text (_)" };
        error_at (c, t, "unclosed %s", what[open - AD_ABOLD_START]);
        g_byte_array_set_size (c->ranges, base);
        return FALSE;
      }
    }
    if (!is_content_tok (type))
      break;
    AdTok tok = ad_lexer_next (lx);
    (*count)++;
    switch (type) {
    case AD_ABOLD_START: case AD_UBOLD_START: case AD_AITAL_START: case AD_UITAL_START: {
      guint8 r = (guint8) type;
      g_byte_array_append (c->ranges, &r, 1);
      break;
    }
    case AD_TAG:
      add_tag (c, tags, &tok, text);
      break;
    case AD_NEWLINE: {
      /* A line break inside the content is a space; the last one is nothing. */
      AdTok n_v = *ad_lexer_peek (lx, 0);
  const AdTok *n = &n_v;
      gboolean continues = is_content_tok (n->type);
      if (c->ranges->len > base
          && (gint) n->type == (gint) c->ranges->data[c->ranges->len - 1]
                                   - (AD_ABOLD_START - AD_ABOLD_END))
        continues = FALSE;
      if (continues && (text->len == 0 || text->str[text->len - 1] != ' '))
        g_string_append_c (text, ' ');
      break;
    }
    default:
      append_token_text (c, text, &tok);
      break;
    }
  }
  return TRUE;
}

/* `{...}` after an element: inline or block YAML. Returns FALSE on bad YAML (reported). */
static gboolean
parse_data (Ctx *c, const AdTok *t, JsonObject **data, GHashTable **origins)
{
  const char *s = c->text + t->start;
  gsize n = t->end - t->start;
  AmOrigin base = tok_origin (c, t);
  /* blockFormatStartPattern /^{[ \t]*(\n\r|\n)/: the braces frame block YAML. */
  gsize k = 1;
  while (k < n && (s[k] == ' ' || s[k] == '\t'))
    k++;
  gboolean block = FALSE;
  gsize skip = 0;
  if (k + 1 < n && s[k] == '\n' && s[k + 1] == '\r')
    block = TRUE, skip = k + 2;
  else if (k < n && s[k] == '\n')
    block = TRUE, skip = k + 1;
  const char *y = s;
  gsize ylen = n;
  if (block) {
    y = s + skip;
    ylen = n - skip;
    /* /}\s*$/ */
    gsize e = ylen;
    while (e > 0 && g_ascii_isspace (y[e - 1]))
      e--;
    if (e > 0 && y[e - 1] == '}')
      ylen = e - 1;
    base.line++;
    base.column = 1;
  }
  g_autoptr (GHashTable) og = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GError) err = NULL;
  AmOrigin where = base;
  JsonNode *node = am_yaml_parse (y, ylen, base, og, &where, &err);
  if (node == NULL) {
    am_diag_error (c->diags, where, "%s", err->message);
    c->failed = TRUE;
    return FALSE;
  }
  if (JSON_NODE_HOLDS_NULL (node)) {
    json_node_unref (node);
    return TRUE;
  }
  if (!JSON_NODE_HOLDS_OBJECT (node)) {
    json_node_unref (node);
    error_at (c, t, "metadata must be a mapping");
    return FALSE;
  }
  if (*data == NULL) {
    *data = json_object_ref (json_node_get_object (node));
    *origins = g_steal_pointer (&og);
  } else {
    /* A second block on the same element: merge (later keys win). */
    JsonObject *more = json_node_get_object (node);
    g_autoptr (GList) keys = json_object_get_members (more);
    for (GList *l = keys; l; l = l->next) {
      const char *key = l->data;
      json_object_set_member (*data, key, json_node_copy (json_object_get_member (more, key)));
      AmOrigin *o = g_hash_table_lookup (og, key);
      if (o)
        g_hash_table_insert (*origins, g_strdup (key), g_memdup2 (o, sizeof *o));
    }
  }
  json_node_unref (node);
  return TRUE;
}

/* ---- model ---- */

static void
untitled_title (Ctx *c, GString *title)
{
  g_string_printf (title, "Untitled %u", ++c->untitled);
}

static void
set_first_section (GArray *a, guint index, gint section)
{
  while (a->len <= index) {
    gint none = -2; /* no member yet */
    g_array_append_val (a, none);
  }
  if (g_array_index (a, gint, index) == -2)
    g_array_index (a, gint, index) = section;
}

/* getRelationMember: the node an element stands for, titling it when untitled. */
static RNode
resolve_elem (Ctx *c, Elem *e)
{
  if (e->titled_node)
    return e->node;
  if (e->known) {
    e->node = (RNode) { N_EC, e->known - 1, 0 };
    e->titled_node = TRUE;
    return e->node;
  }
  gboolean generated = FALSE;
  if (!e->has_title) {
    untitled_title (c, e->title);
    e->has_title = TRUE;
    generated = TRUE;
  }
  gboolean created;
  if (e->is_arg) {
    guint i = am_map_ensure_argument (c->map, e->title->str, e->origin, &created);
    if (created && generated)
      am_map_argument (c->map, i)->untitled = TRUE;
    e->node = (RNode) { N_ARG, i, 0 };
  } else {
    guint i = am_map_ensure_statement (c->map, e->title->str, e->origin, &created);
    if (created && generated)
      am_map_statement (c->map, i)->untitled = TRUE;
    if (e->title_number != 0)
      remember_number (c, e->title_number, i);
    e->node = (RNode) { N_EC, i, 0 };
  }
  e->titled_node = TRUE;
  return e->node;
}

static gboolean
data_bool (JsonObject *data, const char *key, gboolean *value)
{
  if (data == NULL || !json_object_has_member (data, key))
    return FALSE;
  JsonNode *n = json_object_get_member (data, key);
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return FALSE;
  *value = json_node_get_boolean (n);
  return TRUE;
}

/* Statement/Argument Exit: the occurrence joins its equivalence class or argument. */
static void
exit_elem (Ctx *c, Elem *e)
{
  RNode node = resolve_elem (c, e);
  gboolean in_group = FALSE;
  gboolean has_in_group = data_bool (e->data, "isInGroup", &in_group);
  if (e->is_arg) {
    AmArgument *arg = am_map_argument (c->map, node.index);
    am_argument_add_description (c->map, arg, e->is_ref ? NULL : e->text->str, e->origin);
    tags_merge (c, arg, &arg->tags, e->tags);
    if (e->data)
      am_meta_merge (&arg->meta, e->data, e->data_origins);
    if (arg->n_descriptions == 1)
      set_first_section (c->first_section_arg, node.index, c->section);
    if ((has_in_group && in_group) || (!e->is_ref && !has_in_group && arg->section < 0))
      arg->section = c->section;
  } else {
    AmStatement *st = am_map_statement (c->map, node.index);
    am_statement_add_member (c->map, st, e->is_ref ? NULL : e->text->str, e->origin);
    tags_merge (c, st, &st->tags, e->tags);
    if (e->data)
      am_meta_merge (&st->meta, e->data, e->data_origins);
    if (st->n_members == 1)
      set_first_section (c->first_section_st, node.index, c->section);
    if ((has_in_group && in_group) || (!e->is_ref && !has_in_group && st->section < 0))
      st->section = c->section;
  }
}

static void
elem_clear (Elem *e)
{
  g_clear_pointer (&e->tags, g_ptr_array_unref);
  g_clear_pointer (&e->data, json_object_unref);
  g_clear_pointer (&e->data_origins, g_hash_table_unref);
}

static Elem *
push_elem (Ctx *c, gboolean is_arg, AdTokType rel_tok, AmOrigin rel_origin)
{
  guint depth = c->depth;
  while (c->pool->len <= depth) {
    g_ptr_array_add (c->pool, g_string_sized_new (64));
    g_ptr_array_add (c->title_pool, g_string_sized_new (32));
  }
  if (depth == c->stack_cap) {
    c->stack_cap = c->stack_cap ? 2 * c->stack_cap : 16;
    c->stack = g_renew (Elem, c->stack, c->stack_cap);
  }
  Elem *e = &c->stack[c->depth++];
  *e = (Elem) { .is_arg = is_arg, .rel_tok = rel_tok, .rel_origin = rel_origin,
                .text = g_ptr_array_index (c->pool, depth),
                .title = g_ptr_array_index (c->title_pool, depth) };
  g_string_truncate (e->text, 0);
  g_string_truncate (e->title, 0);
  return e;
}

static void
pop_elem (Ctx *c)
{
  elem_clear (&c->stack[--c->depth]);
}

/* The title of a head: the statement it names when its number is known, else its bytes. */
static void
head_title (Ctx *c, Elem *e, const AdTok *t)
{
  e->has_title = TRUE;
  e->title_number = t->title;
  e->known = by_number (c, t->title);
  if (e->known == 0) {
    gsize len;
    const char *title = ad_title_bytes (c->text, t, &len);
    text_append (e->title, title, len);
  }
}

/* The head of a statement or argument: title, text, tags and metadata (no relations). */
static gboolean
parse_head (Ctx *c, Elem *e)
{
  AdLexer *lx = c->lx;
  AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
  e->origin = tok_origin (c, t);
  guint count = 0;
  if (t->type == AD_ST_DEF || t->type == AD_ARG_DEF) {
    AdTok d = ad_lexer_next (lx);
    head_title (c, e, &d);
    if (!parse_content (c, e->text, &e->tags, &count))
      return FALSE;
    if (count == 0) {
      error_at (c, ad_lexer_peek (lx, 0), "%s has no text",
                e->is_arg ? "argument definition" : "statement definition");
      return FALSE;
    }
  } else if (t->type == AD_ST_REF || t->type == AD_ARG_REF) {
    AdTok r = ad_lexer_next (lx);
    head_title (c, e, &r);
    e->is_ref = TRUE;
    while (ad_lexer_peek (lx, 0)->type == AD_TAG) {
      AdTok tag = ad_lexer_next (lx);
      add_tag (c, &e->tags, &tag, NULL);
    }
    if (ad_lexer_peek (lx, 0)->type == AD_NEWLINE)
      ad_lexer_next (lx);
  } else {
    g_assert (!e->is_arg);
    if (!parse_content (c, e->text, &e->tags, &count))
      return FALSE;
    g_assert (count > 0);
  }
  if (ad_lexer_peek (lx, 0)->type == AD_DATA) {
    AdTok d = ad_lexer_next (lx);
    if (!parse_data (c, &d, &e->data, &e->data_origins))
      return FALSE;
    if (ad_lexer_peek (lx, 0)->type == AD_NEWLINE)
      ad_lexer_next (lx);
  }
  return TRUE;
}

static gboolean
starts_statement (AdTokType t)
{
  return t == AD_ST_DEF || t == AD_ST_REF || is_content_tok (t);
}

static gboolean
starts_argument (AdTokType t)
{
  return t == AD_ARG_DEF || t == AD_ARG_REF;
}

/* onRelationExit for the element on top of the stack and its parent below it. */
static void
add_tree_relation (Ctx *c, const Elem *parent, const Elem *child)
{
  RNode p = parent->node, ch = child->node;
  switch (child->rel_tok) {
  case AD_IN_SUPPORT:
    rel_add (c, R_SUPPORT, p, ch, child->rel_origin);
    break;
  case AD_IN_ATTACK:
    rel_add (c, R_ATTACK, p, ch, child->rel_origin);
    break;
  case AD_OUT_SUPPORT:
    rel_add (c, R_SUPPORT, ch, p, child->rel_origin);
    break;
  case AD_OUT_ATTACK:
    rel_add (c, R_ATTACK, ch, p, child->rel_origin);
    break;
  case AD_CONTRA:
    rel_add (c, R_CONTRADICTORY, p, ch, child->rel_origin);
    break;
  case AD_IN_UNDERCUT:
    rel_add (c, R_UNDERCUT, p, ch, child->rel_origin);
    break;
  case AD_OUT_UNDERCUT: {
    /* Argdown aims `<_` under a statement at the last inference read so far, if any. */
    RNode to = p;
    if (p.kind == N_EC && c->cur_inf_arg >= 0) {
      to = (RNode) { N_INF, (guint) c->cur_inf_arg, c->cur_inf_item };
      /* Meant for a conclusion and its inference; anywhere else it surprises. */
      if (c->pcs_arg != c->cur_inf_arg)
        am_diag_warning (c->diags, child->rel_origin,
                         "undercut under statement [%s] is read as undercutting the last "
                         "inference, of <%s> (as Argdown does)",
                         am_map_statement (c->map, p.index)->title,
                         am_map_argument (c->map, (guint) c->cur_inf_arg)->title);
    }
    rel_add (c, R_UNDERCUT, ch, to, child->rel_origin);
    break;
  }
  default:
    break;
  }
}

/* A statement or argument with its relation tree, iteratively. `root_inference`: the frame is
 * the inference's relations (only `<_` children, already indented). FALSE on a syntax error. */
static gboolean
parse_tree (Ctx *c, gboolean is_arg, gboolean top_level, RNode *root_inference, RNode *out)
{
  AdLexer *lx = c->lx;
  guint base = c->depth;
  if (root_inference) {
    Elem *e = push_elem (c, FALSE, AD_EOF, (AmOrigin) { 0 });
    e->pseudo = TRUE;
    e->only_undercuts = TRUE;
    e->in_relations = TRUE;
    e->titled_node = TRUE;
    e->node = *root_inference;
  } else {
    Elem *e = push_elem (c, is_arg, AD_EOF, (AmOrigin) { 0 });
    e->top_level = top_level;
    if (!parse_head (c, e))
      goto fail;
    if (ad_lexer_peek (lx, 0)->type == AD_INDENT) {
      ad_lexer_next (lx);
      resolve_elem (c, e);
      e->in_relations = TRUE;
    }
  }

  for (;;) {
    Elem *top = &c->stack[c->depth - 1];
    if (top->in_relations) {
      AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
      if (is_relation_tok (t->type)
          && (!top->only_undercuts || t->type == AD_OUT_UNDERCUT)) {
        AdTok rt = ad_lexer_next (lx);
        AmOrigin ro = tok_origin (c, &rt);
        /* The symbol's own column, after the indentation. */
        for (guint32 p = rt.start; p < rt.end && (c->text[p] == ' ' || c->text[p] == '\t'); p++)
          ro.column++;
        top->nrel++;
        AdTok n_v = *ad_lexer_peek (lx, 0);
  const AdTok *n = &n_v;
        if (n->type == AD_NEWLINE) {
          /* Argdown would take the bare line break as an empty untitled statement. */
          error_at (c, n, "relation has no statement or argument");
          goto fail;
        }
        if (starts_argument (n->type) && rt.type != AD_CONTRA) {
          Elem *ch = push_elem (c, TRUE, rt.type, ro);
          if (!parse_head (c, ch))
            goto fail;
        } else if (starts_statement (n->type)) {
          Elem *ch = push_elem (c, FALSE, rt.type, ro);
          if (!parse_head (c, ch))
            goto fail;
        } else {
          if (rt.type == AD_CONTRA && starts_argument (n->type))
            error_at (c, n, "contradiction (><) needs a statement, not an argument");
          else
            error_at (c, n, "relation has no statement or argument");
          goto fail;
        }
        Elem *ch = &c->stack[c->depth - 1];
        if (ad_lexer_peek (lx, 0)->type == AD_INDENT) {
          ad_lexer_next (lx);
          resolve_elem (c, ch);
          ch->in_relations = TRUE;
        }
        continue;
      }
      if (top->nrel == 0) {
        if (t->type == AD_OL_ITEM || t->type == AD_UL_ITEM)
          error_at (c, t, "list item must start a paragraph");
        else if (top->only_undercuts)
          error_at (c, t, "only undercuts (<_) can attach to an inference");
        else
          error_at (c, t, "expected a relation, found %s", ad_token_name (t->type));
        goto fail;
      }
      if (t->type != AD_DEDENT) {
        if (top->only_undercuts && is_relation_tok (t->type))
          error_at (c, t, "only undercuts (<_) can attach to an inference");
        else
          misplaced (c, t);
        goto fail;
      }
      ad_lexer_next (lx);
      top->in_relations = FALSE;
    }
    /* The element is complete. */
    if (top->pseudo) {
      pop_elem (c);
      break;
    }
    exit_elem (c, top);
    if (c->depth - 1 == base) {
      if (out)
        *out = top->node;
      pop_elem (c);
      break;
    }
    Elem *parent = &c->stack[c->depth - 2];
    add_tree_relation (c, parent, top);
    pop_elem (c);
  }
  return TRUE;

fail:
  while (c->depth > base)
    pop_elem (c);
  return FALSE;
}

/* ---- blocks ---- */

static gboolean
parse_heading (Ctx *c)
{
  AdLexer *lx = c->lx;
  AdTok h = ad_lexer_next (lx);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) tags = NULL;
  guint count;
  if (!parse_content (c, text, &tags, &count))
    return FALSE;
  if (count == 0) {
    error_at (c, ad_lexer_peek (lx, 0), "heading has no text");
    return FALSE;
  }
  g_autoptr (JsonObject) data = NULL;
  g_autoptr (GHashTable) origins = NULL;
  AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
  if (t->type == AD_DATA || (t->type == AD_NEWLINE && ad_lexer_peek (lx, 1)->type == AD_DATA)) {
    if (t->type == AD_NEWLINE)
      ad_lexer_next (lx);
    AdTok d = ad_lexer_next (lx);
    if (!parse_data (c, &d, &data, &origins))
      return FALSE;
    if (ad_lexer_peek (lx, 0)->type == AD_NEWLINE)
      ad_lexer_next (lx);
  }
  guint level = h.end - h.start - 1;
  gint parent = c->section;
  while (parent >= 0 && am_map_section (c->map, (guint) parent)->level >= level)
    parent = am_map_section (c->map, (guint) parent)->parent;
  g_autofree char *title = g_strstrip (g_strdup (text->str));
  guint idx = am_map_add_section (c->map, title, level, parent,
                                  tok_origin (c, &h));
  AmSection *sec = am_map_section (c->map, idx);
  tags_merge (c, sec, &sec->tags, tags);
  if (data)
    am_meta_merge (&sec->meta, data, origins);
  c->section = (gint) idx;
  return TRUE;
}

/* inference: `--` [rules] [{data}] `--` NEWLINE [undercuts]. */
static gboolean
parse_inference (Ctx *c, guint arg_index, PendingInference *inf)
{
  AdLexer *lx = c->lx;
  AdTok start = ad_lexer_next (lx);
  /* After a recovery an earlier inference may still wait for its conclusion: this one wins. */
  g_clear_pointer (&inf->rules, g_free);
  g_clear_pointer (&inf->data, json_object_unref);
  g_clear_pointer (&inf->data_origins, g_hash_table_unref);
  inf->has = TRUE;
  inf->origin = tok_origin (c, &start);
  AmArgument *arg = am_map_argument (c->map, arg_index);
  c->cur_inf_arg = (gint) arg_index;
  c->cur_inf_item = arg->pcs->len;

  AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
  if (is_text_tok (t->type)
      || (t->type == AD_NEWLINE && is_text_tok (ad_lexer_peek (lx, 1)->type))) {
    if (t->type == AD_NEWLINE)
      ad_lexer_next (lx);
    g_autoptr (GString) rules = g_string_new (NULL);
    g_autoptr (GString) one = g_string_new (NULL);
    for (;;) {
      g_string_truncate (one, 0);
      while (is_text_tok (ad_lexer_peek (lx, 0)->type)) {
        AdTok x = ad_lexer_next (lx);
        append_token_text (c, one, &x);
      }
      g_strstrip (one->str);
      one->len = strlen (one->str);
      if (rules->len)
        g_string_append (rules, ", ");
      g_string_append (rules, one->str);
      if (ad_lexer_peek (lx, 0)->type != AD_LIST_DELIM)
        break;
      ad_lexer_next (lx);
      if (!is_text_tok (ad_lexer_peek (lx, 0)->type)) {
        error_at (c, ad_lexer_peek (lx, 0), "inference rule missing after ','");
        return FALSE;
      }
    }
    inf->rules = g_strdup (rules->str);
  }
  if (ad_lexer_peek (lx, 0)->type == AD_NEWLINE)
    ad_lexer_next (lx);
  if (ad_lexer_peek (lx, 0)->type == AD_DATA) {
    AdTok d = ad_lexer_next (lx);
    if (!parse_data (c, &d, &inf->data, &inf->data_origins))
      return FALSE;
    if (ad_lexer_peek (lx, 0)->type == AD_NEWLINE)
      ad_lexer_next (lx);
  }
  t_v = *ad_lexer_peek (lx, 0);
  if (t->type != AD_INF_END) {
    error_at (c, t, "inference started on line %u is not closed with --",
              inf->origin.line);
    return FALSE;
  }
  ad_lexer_next (lx);
  t_v = *ad_lexer_peek (lx, 0);
  if (t->type == AD_EMPTYLINE || t->type == AD_EOF) {
    error_at (c, t, "inference has no conclusion");
    return FALSE;
  }
  if (t->type != AD_NEWLINE) {
    error_at (c, t, "expected a line break after the inference");
    return FALSE;
  }
  ad_lexer_next (lx);
  if (ad_lexer_peek (lx, 0)->type == AD_INDENT) {
    ad_lexer_next (lx);
    RNode node = { N_INF, arg_index, arg->pcs->len };
    if (!parse_tree (c, FALSE, FALSE, &node, NULL))
      return FALSE;
  }
  return TRUE;
}

static gboolean
parse_pcs_statement (Ctx *c, guint arg_index, PendingInference *inf)
{
  AdLexer *lx = c->lx;
  AdTok num = ad_lexer_next (lx);
  AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
  if (starts_argument (t->type)) {
    error_at (c, t, "an argument cannot be a premise or conclusion");
    return FALSE;
  }
  if (!starts_statement (t->type)) {
    error_at (c, t, "numbered statement has no text");
    return FALSE;
  }
  RNode node;
  if (!parse_tree (c, FALSE, FALSE, NULL, &node))
    return FALSE;
  AmArgument *arg = am_map_argument (c->map, arg_index);
  AmPcsItem item = { 0 };
  item.statement = node.index;
  item.role = inf->has ? AM_PCS_INTERMEDIARY : AM_PCS_PREMISE;
  const char *d = c->text + num.start;
  while (*d == ' ' || *d == '\t')
    d++;
  item.number = (guint) g_ascii_strtoull (d + 1, NULL, 10);
  item.origin = tok_origin (c, &num);
  am_meta_init (&item.inference_meta);
  if (inf->has) {
    item.inference_rules = g_steal_pointer (&inf->rules);
    if (inf->data)
      am_meta_merge (&item.inference_meta, inf->data, inf->data_origins);
    g_clear_pointer (&inf->data, json_object_unref);
    g_clear_pointer (&inf->data_origins, g_hash_table_unref);
    inf->has = FALSE;
  }
  g_array_append_val (arg->pcs, item);
  return TRUE;
}

static void
pending_clear (PendingInference *inf)
{
  g_clear_pointer (&inf->rules, g_free);
  g_clear_pointer (&inf->data, json_object_unref);
  g_clear_pointer (&inf->data_origins, g_hash_table_unref);
}

static gboolean
parse_pcs (Ctx *c)
{
  AdLexer *lx = c->lx;
  AdTok first_v = *ad_lexer_peek (lx, 0);
  const AdTok *first = &first_v;
  AmOrigin origin = tok_origin (c, first);
  guint arg_index;
  if (c->prev_block_arg >= 0)
    arg_index = (guint) c->prev_block_arg;
  else {
    g_autoptr (GString) title = g_string_new (NULL);
    untitled_title (c, title);
    arg_index = am_map_ensure_argument (c->map, title->str, origin, NULL);
    am_map_argument (c->map, arg_index)->untitled = TRUE;
  }
  AmArgument *arg = am_map_argument (c->map, arg_index);
  if (c->section >= 0)
    arg->section = c->section;
  guint had = arg->pcs->len;
  if (had > 0) {
    /* Reported, then read all the same (for its own errors) and dropped. */
    am_diag_error (c->diags, origin,
                   "argument <%s> already has a premise-conclusion structure", arg->title);
    c->failed = TRUE;
  }
  PendingInference inf = { 0 };
  c->pcs_arg = (gint) arg_index;
  gboolean ok = parse_pcs_statement (c, arg_index, &inf);
  guint tails = 0;
  gboolean open_tail = FALSE, resynced = FALSE;
  while (ok) {
    AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
    if (t->type == AD_STNUM) {
      ok = parse_pcs_statement (c, arg_index, &inf);
      open_tail = TRUE;
    } else if (t->type == AD_INF_START) {
      ok = parse_inference (c, arg_index, &inf);
      if (!ok)
        break;
      t_v = *ad_lexer_peek (lx, 0);
      if (t->type != AD_STNUM) {
        if (t->type == AD_EMPTYLINE || t->type == AD_EOF)
          error_at (c, t, "inference has no conclusion");
        else
          error_at (c, t, "inference has no conclusion: expected a numbered statement, found %s",
                    ad_token_name (t->type));
        if (t->type == AD_EMPTYLINE || t->type == AD_EOF) {
          ok = FALSE;
          break;
        }
        /* Recover as Argdown's parser does: skip to the next numbered statement or inference
         * of the paragraph, which starts a new step of the structure. */
        resynced = TRUE;
        for (;;) {
          AdTokType k = ad_lexer_peek (lx, 0)->type;
          if (k == AD_STNUM || k == AD_INF_START || k == AD_EMPTYLINE || k == AD_EOF)
            break;
          ad_lexer_next (lx);
        }
        AdTokType k = ad_lexer_peek (lx, 0)->type;
        if (k == AD_EMPTYLINE || k == AD_EOF) {
          ok = FALSE;
          break;
        }
        open_tail = FALSE;
        continue;
      }
      ok = parse_pcs_statement (c, arg_index, &inf);
      tails++;
      open_tail = FALSE;
    } else {
      if (open_tail) {
        error_at (c, t, "missing inference (----) before the conclusion");
        ok = FALSE;
      } else if (tails == 0) {
        if (is_relation_tok (t->type))
          error_at (c, t, "relation must be indented under its statement");
        else
          error_at (c, t, "incomplete premise-conclusion structure: it needs premises, an "
                          "inference (----) and a conclusion");
        ok = FALSE;
      }
      break;
    }
  }
  pending_clear (&inf);
  c->pcs_arg = -1;
  arg = am_map_argument (c->map, arg_index);
  if (arg->pcs->len > 0) {
    AmPcsItem *last = &g_array_index (arg->pcs, AmPcsItem, arg->pcs->len - 1);
    if (last->role == AM_PCS_INTERMEDIARY)
      last->role = AM_PCS_CONCLUSION;
  }
  if (resynced)
    ok = FALSE;
  if (had > 0) {
    g_array_set_size (arg->pcs, had);
    return FALSE;
  }
  if (!ok && arg->pcs->len > 0 && tails == 0) {
    /* Leave no half structure (premises without a conclusion) behind. */
    g_array_set_size (arg->pcs, 0);
  }
  return ok;
}

static gboolean
parse_list (Ctx *c)
{
  AdLexer *lx = c->lx;
  ad_lexer_next (lx); /* Indent */
  AdTokType kind = ad_lexer_peek (lx, 0)->type;
  for (;;) {
    AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
    if (t->type != kind) {
      if (t->type == AD_DEDENT) {
        ad_lexer_next (lx);
        return TRUE;
      }
      if (t->type == AD_OL_ITEM || t->type == AD_UL_ITEM)
        error_at (c, t, "ordered and unordered items cannot mix in one list");
      else
        misplaced (c, t);
      return FALSE;
    }
    ad_lexer_next (lx);
    t_v = *ad_lexer_peek (lx, 0);
    if (starts_argument (t->type)) {
      if (!parse_tree (c, TRUE, FALSE, NULL, NULL))
        return FALSE;
    } else if (starts_statement (t->type)) {
      if (!parse_tree (c, FALSE, FALSE, NULL, NULL))
        return FALSE;
    } else {
      error_at (c, t, "list item has no statement or argument");
      return FALSE;
    }
  }
}

/* One paragraph. `*arg_out` receives the argument of an `argument` block, else -1. */
static gboolean
parse_block (Ctx *c, gint *arg_out)
{
  AdLexer *lx = c->lx;
  AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
  *arg_out = -1;
  switch (t->type) {
  case AD_HEADING:
    return parse_heading (c);
  case AD_STNUM:
    return parse_pcs (c);
  case AD_ARG_DEF:
  case AD_ARG_REF: {
    RNode node;
    if (!parse_tree (c, TRUE, TRUE, NULL, &node))
      return FALSE;
    *arg_out = (gint) node.index;
    return TRUE;
  }
  case AD_INDENT: {
    AdTokType n = ad_lexer_peek (lx, 1)->type;
    if (n == AD_OL_ITEM || n == AD_UL_ITEM)
      return parse_list (c);
    misplaced (c, t);
    return FALSE;
  }
  default:
    if (starts_statement (t->type))
      return parse_tree (c, FALSE, TRUE, NULL, NULL);
    if (t->type == AD_OUT_ATTACK && t->end < c->len && c->text[t->end] == '-')
      error_at (c, t, "inference (--) outside a premise-conclusion structure");
    else if (t->type == AD_EOF)
      error_at (c, t, "empty document: no statement, argument or heading");
    else
      misplaced (c, t);
    return FALSE;
  }
}

static void
skip_to_paragraph_end (Ctx *c)
{
  for (;;) {
    AdTokType type = ad_lexer_peek (c->lx, 0)->type;
    if (type == AD_EOF || type == AD_EMPTYLINE)
      return;
    ad_lexer_next (c->lx);
  }
}

static void
read_front_matter (Ctx *c, const AdTok *t)
{
  const char *s = c->text + t->start;
  gsize n = t->end - t->start;
  /* Strip the `===` runs; what is left is one YAML document. */
  gsize a = 0, b = n;
  while (a < n && s[a] == '=')
    a++;
  while (b > a && s[b - 1] == '=')
    b--;
  AmOrigin base = tok_origin (c, t);
  base.column += (guint) a;
  g_autoptr (GHashTable) og = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GError) err = NULL;
  AmOrigin where = base;
  JsonNode *node = am_yaml_parse (s + a, b - a, base, og, &where, &err);
  if (node == NULL) {
    am_diag_error (c->diags, where, "%s", err->message);
    return;
  }
  if (JSON_NODE_HOLDS_OBJECT (node)) {
    JsonObject *obj = json_node_get_object (node);
    am_meta_merge (&c->map->front, obj, og);
    JsonNode *model = json_object_get_member (obj, "model");
    if (model && JSON_NODE_HOLDS_OBJECT (model)) {
      JsonObject *m = json_node_get_object (model);
      const char *mode = json_object_has_member (m, "mode")
                             && JSON_NODE_HOLDS_VALUE (json_object_get_member (m, "mode"))
                             ? json_object_get_string_member (m, "mode")
                             : NULL;
      if (g_strcmp0 (mode, "strict") == 0)
        c->strict = TRUE;
      gboolean rm = FALSE;
      if (data_bool (m, "removeTagsFromText", &rm))
        c->remove_tags = rm;
    }
  } else if (!JSON_NODE_HOLDS_NULL (node)) {
    am_diag_error (c->diags, base, "front matter must be a mapping");
  }
  json_node_unref (node);
}

static void
parse_document (Ctx *c)
{
  AdLexer *lx = c->lx;
  if (ad_lexer_peek (lx, 0)->type == AD_NEWLINE)
    ad_lexer_next (lx);
  if (ad_lexer_peek (lx, 0)->type == AD_EMPTYLINE)
    ad_lexer_next (lx);
  AdTok first_v = *ad_lexer_peek (lx, 0);
  const AdTok *first = &first_v;
  if (first->type == AD_FREESTYLE && first->end - first->start >= 3
      && memcmp (c->text + first->start, "===", 3) == 0)
    am_diag_error (c->diags, tok_origin (c, first),
                   "unterminated front matter: '===' without a closing '==='");
  if (ad_lexer_peek (lx, 0)->type == AD_FRONT_MATTER) {
    AdTok fm = ad_lexer_next (lx);
    read_front_matter (c, &fm);
    if (ad_lexer_peek (lx, 0)->type == AD_NEWLINE)
      ad_lexer_next (lx);
    AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
    if (t->type != AD_EMPTYLINE) {
      if (t->type == AD_EOF)
        error_at (c, t, "front matter must be followed by an empty line and the map");
      else
        error_at (c, t, "front matter must be followed by an empty line");
      skip_to_paragraph_end (c);
      if (ad_lexer_peek (lx, 0)->type == AD_EOF)
        return;
    }
    if (ad_lexer_peek (lx, 0)->type == AD_EMPTYLINE)
      ad_lexer_next (lx);
  }
  for (;;) {
    c->failed = FALSE;
    gint arg = -1;
    gboolean ok = parse_block (c, &arg);
    c->prev_block_arg = ok ? arg : -1;
    if (ok) {
      AdTok t_v = *ad_lexer_peek (lx, 0);
  const AdTok *t = &t_v;
      if (t->type != AD_EMPTYLINE && t->type != AD_EOF) {
        misplaced (c, t);
        ok = FALSE;
      }
    }
    if (!ok) {
      c->ranges->len = 0;
      skip_to_paragraph_end (c);
    }
    AdTok sep = ad_lexer_next (lx);
    if (sep.type == AD_EOF)
      break;
  }
}

/* ---- after the walk: ModelPlugin.run ---- */

static gboolean
reconstructed (Ctx *c, RNode n)
{
  return n.kind == N_ARG && am_map_argument (c->map, n.index)->pcs->len > 0;
}

static void
rel_move (Ctx *c, guint i, RNode from, RNode to)
{
  RawRel *r = rel_at (c, i);
  r->dead = TRUE; /* not its own duplicate */
  gboolean exists = rel_find (c, r->type, from, to) != NULL;
  r->from = from;
  r->to = to;
  r->dead = exists;
  if (!exists)
    rel_index_insert (c, i);
}

static RNode
other_end (const RawRel *r, RNode n)
{
  return rnode_eq (r->from, n) ? r->to : r->from;
}

static const AmRelationType model_types[] = { AM_REL_SUPPORT, AM_REL_ATTACK, AM_REL_UNDERCUT,
                                              AM_REL_CONTRADICTION, AM_REL_SUPPORT,
                                              AM_REL_ATTACK };

static AmNodeRef
model_node (RNode n)
{
  return am_node_ref (n.kind == N_EC ? AM_NODE_STATEMENT : AM_NODE_ARGUMENT, n.index);
}

static void
add_one_to_model (Ctx *c, const RawRel *r)
{
  static const char *const originals[] = { NULL, NULL, NULL, "contradictory", "entails",
                                           "contrary" };
  AmNodeRef from = model_node (r->from), to = model_node (r->to);
  if (r->type == R_CONTRADICTORY
      && am_map_find_relation (c->map, AM_REL_CONTRADICTION, to, from, r->derived) >= 0)
    return;
  AmOrigin origin = { c->file, r->line, r->column };
  am_map_add_relation (c->map, model_types[r->type], from, to, originals[r->type], r->derived,
                       origin);
}

/* The live relations into the model, in order; the list is used up (each block is freed as
 * soon as it has been copied). */
static void
add_to_model (Ctx *c)
{
  am_map_reserve_relations (c->map, c->n_rels);
  for (guint i = 0; i < c->n_rels; i++) {
    /* A large map's relations go to random index slots: each is fetched a few relations
     * before it is needed. */
    if (i + 8 < c->n_rels) {
      const RawRel *ahead = rel_at (c, i + 8);
      am_map_announce_relation (c->map, model_types[ahead->type], model_node (ahead->from),
                                model_node (ahead->to), ahead->derived);
    }
    const RawRel *r = rel_at (c, i);
    if (!r->dead)
      add_one_to_model (c, r);
    if ((i & (REL_BLOCK_SIZE - 1)) == REL_BLOCK_SIZE - 1 || i + 1 == c->n_rels)
      g_clear_pointer (&g_ptr_array_index (c->rel_blocks, i >> REL_BLOCK_BITS), g_free);
  }
  c->n_rels = 0;
}

/* onRelationExit looks for an existing relation among the source's relations with the same
 * target and type. For a relation of a node to itself that also matches any earlier relation
 * of that type *into* the node: such a self-relation is dropped. */
static void
drop_shadowed_self_relations (Ctx *c)
{
  g_autofree guint8 *in_st = g_new0 (guint8, c->map->statements->len + 1);
  g_autofree guint8 *in_arg = g_new0 (guint8, c->map->arguments->len + 1);
  for (guint i = 0; i < c->n_rels; i++) {
    RawRel *r = rel_at (c, i);
    guint8 *in = r->to.kind == N_EC ? &in_st[r->to.index]
                 : r->to.kind == N_ARG ? &in_arg[r->to.index] : NULL;
    guint8 bit = (guint8) (1u << r->type);
    if (in && rnode_eq (r->from, r->to) && (*in & bit)) {
      r->dead = TRUE;
      continue;
    }
    if (in)
      *in |= bit;
  }
}

static void
finish_relations (Ctx *c)
{
  drop_shadowed_self_relations (c);
  gboolean transforms = c->strict;
  for (guint i = 0; i < c->map->arguments->len && !transforms; i++)
    transforms = am_map_argument (c->map, i)->pcs->len > 0;
  if (!transforms) {
    /* Nothing moves: the model's own merging of equal relations is Argdown's. */
    add_to_model (c);
    return;
  }
  rel_index_build (c);

  /* transformArgumentRelations: a reconstructed argument speaks through its conclusion; an
   * undercut of it hits its (last) inference. */
  for (guint i = 0; i < c->n_rels; i++) {
    RawRel *r = rel_at (c, i);
    if (r->dead)
      continue;
    if (reconstructed (c, r->from)) {
      AmArgument *arg = am_map_argument (c->map, r->from.index);
      guint concl = g_array_index (arg->pcs, AmPcsItem, arg->pcs->len - 1).statement;
      RNode ec = { N_EC, concl, 0 };
      if (rnode_eq (ec, r->to)) {
        /* The relation is itself among the class's relations in Argdown's check, so a
         * conclusion that would support or attack itself is dropped. */
        r->dead = TRUE;
        continue;
      }
      rel_move (c, i, ec, r->to);
      r->derived = TRUE;
      if (r->dead)
        continue;
    }
    if (reconstructed (c, r->to) && r->type == R_UNDERCUT) {
      AmArgument *arg = am_map_argument (c->map, r->to.index);
      rel_move (c, i, r->from, (RNode) { N_INF, r->to.index, arg->pcs->len - 1 });
    }
  }
  /* transformStatementRelations (strict mode): between statements, support is entailment and
   * attack is contrariety (symmetric: once per pair). */
  if (c->strict) {
    for (guint i = 0; i < c->n_rels; i++) {
      RawRel *r = rel_at (c, i);
      if (r->dead || r->from.kind != N_EC || r->to.kind != N_EC)
        continue;
      if (r->type == R_SUPPORT) {
        r->type = R_ENTAILS;
        rel_index_insert (c, i);
      } else if (r->type == R_ATTACK) {
        if (rel_find (c, R_CONTRARY, r->from, r->to) || rel_find (c, R_CONTRARY, r->to, r->from))
          r->dead = TRUE;
        else {
          r->type = R_CONTRARY;
          rel_index_insert (c, i);
        }
      }
    }
  }
  /* removeRedundantEC2ARelations: a statement attacking an argument whose premise it already
   * attacks (or contradicts) is that relation, not a second one. */
  guint nst = c->map->statements->len;
  g_autofree guint *deg = g_new0 (guint, nst + 1);
  for (guint i = 0; i < c->n_rels; i++) {
    RawRel *r = rel_at (c, i);
    if (r->dead)
      continue;
    if (r->from.kind == N_EC)
      deg[r->from.index + 1]++;
    if (r->to.kind == N_EC && !rnode_eq (r->from, r->to))
      deg[r->to.index + 1]++;
  }
  for (guint i = 1; i <= nst; i++)
    deg[i] += deg[i - 1];
  g_autofree guint *adj = g_new (guint, deg[nst] + 1);
  g_autofree guint *fill = g_memdup2 (deg, sizeof (guint) * (nst + 1));
  for (guint i = 0; i < c->n_rels; i++) {
    RawRel *r = rel_at (c, i);
    if (r->dead)
      continue;
    if (r->from.kind == N_EC)
      adj[fill[r->from.index]++] = i;
    if (r->to.kind == N_EC && !rnode_eq (r->from, r->to))
      adj[fill[r->to.index]++] = i;
  }
  for (guint i = 0; i < c->n_rels; i++) {
    RawRel *r = rel_at (c, i);
    if (r->dead || r->from.kind != N_EC || r->type != R_ATTACK || !reconstructed (c, r->to))
      continue;
    AmArgument *arg = am_map_argument (c->map, r->to.index);
    guint ec = r->from.index;
    for (guint k = deg[ec]; k < deg[ec + 1]; k++) {
      RawRel *o = rel_at (c, adj[k]);
      if (o == r || o->dead)
        continue;
      RNode other = other_end (o, r->from);
      if (other.kind != N_EC)
        continue;
      if (!((o->type == R_ATTACK && rnode_eq (o->from, r->from)) || o->type == R_CONTRADICTORY
            || o->type == R_CONTRARY))
        continue;
      gboolean premise = FALSE;
      for (guint p = 0; p < arg->pcs->len && !premise; p++) {
        AmPcsItem *it = &g_array_index (arg->pcs, AmPcsItem, p);
        premise = it->role == AM_PCS_PREMISE && it->statement == other.index;
      }
      if (premise) {
        r->dead = TRUE;
        break;
      }
    }
  }

  add_to_model (c);
}

static void
finish_sections (Ctx *c)
{
  /* assignSectionOfFirstMemberIfWithoutSection */
  for (guint i = 0; i < c->map->statements->len; i++) {
    AmStatement *st = am_map_statement (c->map, i);
    if (st->section < 0 && i < c->first_section_st->len)
      st->section = MAX (g_array_index (c->first_section_st, gint, i), -1);
  }
  for (guint i = 0; i < c->map->arguments->len; i++) {
    AmArgument *arg = am_map_argument (c->map, i);
    if (arg->section < 0 && i < c->first_section_arg->len)
      arg->section = MAX (g_array_index (c->first_section_arg, gint, i), -1);
  }
}

AmMap *
am_argdown_read (const AmInput *input, AmDiagnostics *diags, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (input->bytes != NULL, NULL);
  gsize len;
  const char *text = g_bytes_get_data (input->bytes, &len);
  if (text == NULL)
    text = "";
  const char *file = g_intern_string (input->name ? input->name : "<input>");
  g_autoptr (AmMap) map = am_map_new (file);

  const char *bad = NULL;
  if (!am_text_validate (text, len, &bad)) {
    g_autoptr (AmLineIndex) index = am_line_index_new (text, len);
    guint line, col;
    am_line_index_locate (index, (gsize) (bad - text), &line, &col);
    if (*bad == '\0')
      am_diag_error (diags, am_origin (file, line, col), "NUL byte in the text");
    else
      am_diag_error (diags, am_origin (file, line, col), "invalid UTF-8 (byte 0x%02x)",
                     (guint) (guchar) *bad);
    return g_steal_pointer (&map);
  }
  /* A byte order mark is not text. */
  gsize skip = len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  if (len - skip > G_MAXUINT32 - 16) {
    g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED, "%s: file too large", file);
    return NULL;
  }

  Ctx c = { 0 };
  c.lx = ad_lexer_new (text + skip, len - skip, file, diags);
  if (input->mapped)
    ad_lexer_drop_pages (c.lx);
  ad_lexer_set_title_hook (c.lx, announce_title, &c);
  if (len - skip >= LEX_AHEAD_MIN && am_threads_default () > 1)
    ad_lexer_run_ahead (c.lx);
  c.text = text + skip;
  c.len = len - skip;
  c.file = file;
  c.diags = diags;
  c.map = map;
  c.section = -1;
  c.prev_block_arg = -1;
  c.cur_inf_arg = -1;
  c.pcs_arg = -1;
  c.rel_blocks = g_ptr_array_new_with_free_func (g_free);
  c.first_section_st = g_array_new (FALSE, FALSE, sizeof (gint));
  c.first_section_arg = g_array_new (FALSE, FALSE, sizeof (gint));
  c.pool = g_ptr_array_new_with_free_func ((GDestroyNotify) g_autoptr_cleanup_gstring_free);
  c.title_pool = g_ptr_array_new_with_free_func ((GDestroyNotify) g_autoptr_cleanup_gstring_free);
  c.ranges = g_byte_array_new ();
  c.tag_sets = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                      (GDestroyNotify) g_hash_table_unref);

  guint errors_before = am_diagnostics_count (diags, AM_DIAG_ERROR);
  parse_document (&c);
  finish_relations (&c);
  finish_sections (&c);

  ad_lexer_free (c.lx);
  g_free (c.rel_slots);
  g_ptr_array_unref (c.rel_blocks);
  g_array_unref (c.first_section_st);
  g_array_unref (c.first_section_arg);
  g_ptr_array_unref (c.pool);
  g_ptr_array_unref (c.title_pool);
  g_free (c.stack);
  g_free (c.by_number);
  g_byte_array_unref (c.ranges);
  g_hash_table_unref (c.tag_sets);

  /* argmap's conventions only on a map that read cleanly: no errors caused by errors. */
  if (am_diagnostics_count (diags, AM_DIAG_ERROR) == errors_before)
    am_annotate (map, input->base_dir, diags);
  return g_steal_pointer (&map);
}
