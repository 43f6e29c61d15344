/* am-json-write: argmap's JSON (docs/json.md), built with json-glib so escaping is its job. */
#include <math.h>
#include <string.h>

#include "am-bytes.h"
#include "am-error.h"
#include "am-formats.h"
#include "am-threads.h"

/* Bump when a member changes meaning or disappears; adding members keeps the version. */
#define AM_JSON_VERSION 1

/* A streaming pretty-printer (two spaces, `"key": value`; objects of scalars such as members,
 * spans and relations on one line, so that a large map is a line per element). JsonBuilder +
 * JsonGenerator were the first version: at 1M statements they took 38 s and 7.5 GB (a hash table
 * per object, and superlinear growth), against a budget of 2 s for the whole convert, so the
 * document is written straight into the output. json-glib still checks it: the tests parse every
 * output with JsonParser. */
typedef struct {
  GString *out;
  AmOutput *output;  /* the large arrays go to it a chunk at a time (jw_items), so a large map
                        streams to its file; NULL while a chunk is formatted */
  guint8 *open;        /* per open container: OPEN_* flags */
  guint depth, capacity;
  gboolean after_key;
  const char *main_file; /* the map's name, interned: origins in it need no `file` */
  guint threads;         /* AmWriteOptions.threads */
  const struct _Titles *titles; /* of the map's nodes, once the statements are written */
  const struct _Idents *idents; /* relation types and node kinds, quoted */
} JsonWriter;

/* GLib 2.74's g_string_append_len is a full function call with overlap checks; this writer
 * appends hundreds of millions of short pieces, so copy directly (am_copy) while there is
 * room. The terminating NUL is left to the last append of the document (g_string_append_c). */
static inline void
out_append_len (GString *out, const char *data, gsize len)
{
  if (out->len + len < out->allocated_len) {
    am_copy (out->str + out->len, data, len);
    out->len += len;
  } else {
    g_string_append_len (out, data, (gssize) len);
  }
}

#define out_append(out, literal) out_append_len ((out), "" literal, sizeof (literal) - 1)

enum {
  OPEN_HAS_ITEMS = 1, /* something was written in it */
  OPEN_INLINE = 2,    /* on one line: items separated by ", " */
};

/* ",\n" and the indentation of `depth` levels, in one piece: `comma` FALSE leaves out the
 * comma. */
static void
jw_newline (JsonWriter *w, gboolean comma, guint depth)
{
  static const char line[] = ",\n                                                                ";
  const gsize most = sizeof line - 3; /* spaces in `line` */
  gsize n = 2 * (gsize) depth;
  gsize first = MIN (n, most);
  out_append_len (w->out, line + !comma, 2 - !comma + first);
  for (n -= first; n > 0; n -= MIN (n, most))
    out_append_len (w->out, line + 2, MIN (n, most));
}

/* Before any value or key: the separator and indentation its position calls for. */
static inline void
jw_sep (JsonWriter *w)
{
  if (w->after_key) {
    w->after_key = FALSE;
    return;
  }
  if (w->depth == 0)
    return;
  guint8 *top = &w->open[w->depth - 1];
  if (*top & OPEN_INLINE) {
    if (*top & OPEN_HAS_ITEMS)
      out_append (w->out, ", ");
  } else
    jw_newline (w, *top & OPEN_HAS_ITEMS, w->depth);
  *top |= OPEN_HAS_ITEMS;
}

/* RFC 8259 string: quote, backslash and control characters escaped; U+2028/U+2029 too, so
 * the output is also a valid JavaScript literal. Invalid UTF-8 (which no reader should let
 * into the model) becomes U+FFFD rather than invalid output. Runs of plain bytes are copied
 * whole: this is the writer's inner loop. */
static void
jw_string_literal (GString *out, const char *s)
{
  /* Most strings need no escape and are ASCII: one table look-up per byte finds out. */
  /* 1 for printable ASCII but '"' and '\\' */
  static const guint8 plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  };
  const guchar *q = (const guchar *) s;
  while (plain[*q])
    q++;
  if (*q == '\0') {
    gsize n = (gsize) (q - (const guchar *) s);
    out_append (out, "\"");
    out_append_len (out, s, n);
    out_append (out, "\"");
    return;
  }

  g_autofree char *fixed = NULL;
  const guchar *p = (const guchar *) s;
  for (; *p; p++)
    if (*p >= 0x80)
      break;
  if (*p && !g_utf8_validate ((const char *) p, -1, NULL))
    s = fixed = g_utf8_make_valid (s, -1);
  g_string_append_c (out, '"');
  const guchar *run = (const guchar *) s;
  for (p = run; *p; p++) {
    /* Only control characters, '"', '\\' and the first byte of U+2028/U+2029 need a look. */
    if (G_LIKELY (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0xe2))
      continue;
    const char *esc = NULL;
    char buf[8];
    gsize skip = 1;
    switch (*p) {
    case '"':
      esc = "\\\"";
      break;
    case '\\':
      esc = "\\\\";
      break;
    case '\n':
      esc = "\\n";
      break;
    case '\r':
      esc = "\\r";
      break;
    case '\t':
      esc = "\\t";
      break;
    case '\b':
      esc = "\\b";
      break;
    case '\f':
      esc = "\\f";
      break;
    case 0xe2:
      if (p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
        esc = p[2] == 0xa8 ? "\\u2028" : "\\u2029";
        skip = 3;
      }
      break;
    default:
      if (*p < 0x20) {
        g_snprintf (buf, sizeof buf, "\\u%04x", *p);
        esc = buf;
      }
    }
    if (esc == NULL)
      continue;
    out_append_len (out, (const char *) run, (gsize) (p - run));
    out_append_len (out, esc, strlen (esc));
    p += skip - 1;
    run = p + 1;
  }
  out_append_len (out, (const char *) run, (gsize) (p - run));
  g_string_append_c (out, '"');
}

/* Every node's title as a JSON literal, side by side in one buffer: relations, stances and
 * premise-conclusion structures name nodes in no order, and reading each title from its node
 * was a cache miss or two in a large map; this is a few bytes per node, read again and again. */
typedef struct _Titles {
  GString *literals;
  gsize *at; /* statements, then arguments: literal i is [at[i], at[i + 1]) */
  guint n_statements;
} Titles;

static void
titles_init (Titles *t, const AmMap *map)
{
  guint n = map->statements->len + map->arguments->len;
  t->literals = g_string_new (NULL);
  t->at = g_new (gsize, (gsize) n + 1);
  t->n_statements = map->statements->len;
  for (guint i = 0; i < n; i++) {
    am_map_prefetch_statement (map, i, sizeof (AmStatement)); /* the title's bytes */
    t->at[i] = t->literals->len;
    jw_string_literal (t->literals, i < t->n_statements
                                        ? am_map_statement (map, i)->title
                                        : am_map_argument (map, i - t->n_statements)->title);
  }
  t->at[n] = t->literals->len;
}

static void
titles_clear (Titles *t)
{
  g_string_free (t->literals, TRUE);
  g_free (t->at);
}

/* Where in the table the title of `ref` is. */
static inline gsize
title_index (const Titles *t, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? ref.index : (gsize) t->n_statements + ref.index;
}

/* The title of `ref`, as a value. */
static inline void
out_title (GString *out, const Titles *t, AmNodeRef ref)
{
  gsize i = title_index (t, ref);
  out_append_len (out, t->literals->str + t->at[i], t->at[i + 1] - t->at[i]);
}

/* Where the title of `ref` is (`at`), or the title itself: for a relation some way ahead. */
static inline void
title_prefetch (const Titles *t, AmNodeRef ref, gboolean literal)
{
  gsize i = title_index (t, ref);
  if (literal)
    __builtin_prefetch (t->literals->str + t->at[i]);
  else
    __builtin_prefetch (&t->at[i]);
}

static const char *
pcs_role_name (AmPcsRole role)
{
  switch (role) {
  case AM_PCS_PREMISE:
    return "premise";
  case AM_PCS_INTERMEDIARY:
    return "intermediary-conclusion";
  case AM_PCS_CONCLUSION:
  default:
    return "main-conclusion";
  }
}

/* argmap's own names for relation types, node kinds and premise-conclusion roles, which every
 * relation writes three of (and every line of a structure one): quoted once rather than scanned
 * for escapes each time. */
typedef struct {
  char text[32];
  gsize len;
} Ident;

typedef struct _Idents {
  Ident types[AM_REL_CONTRADICTION + 1];
  Ident kinds[AM_NODE_ARGUMENT + 1];
  Ident roles[AM_PCS_CONCLUSION + 1];
} Idents;

static void
ident_init (Ident *id, const char *name)
{
  g_autoptr (GString) lit = g_string_new (NULL);
  jw_string_literal (lit, name);
  g_assert (lit->len < sizeof id->text);
  memcpy (id->text, lit->str, lit->len);
  id->len = lit->len;
}

static void
idents_init (Idents *ids)
{
  for (guint t = 0; t < G_N_ELEMENTS (ids->types); t++)
    ident_init (&ids->types[t], am_relation_type_to_string ((AmRelationType) t));
  for (guint k = 0; k < G_N_ELEMENTS (ids->kinds); k++)
    ident_init (&ids->kinds[k], am_node_kind_to_string ((AmNodeKind) k));
  for (guint r = 0; r < G_N_ELEMENTS (ids->roles); r++)
    ident_init (&ids->roles[r], pcs_role_name ((AmPcsRole) r));
}

static inline void
out_ident (GString *out, const Ident *id)
{
  out_append_len (out, id->text, id->len);
}

/* A key of metadata: any string. */
static void
jw_key (JsonWriter *w, const char *name)
{
  jw_sep (w);
  jw_string_literal (w->out, name);
  out_append (w->out, ": ");
  w->after_key = TRUE;
}

/* One of argmap's own keys, quoted with its colon at compile time: K ("title"). */
typedef struct {
  const char *text;
  gsize len;
} JwKey;

/* With the ", " that precedes it on a line: lo_key writes it with the key in one piece. */
#define K(name) ((JwKey) { ", \"" name "\": ", sizeof (", \"" name "\": ") - 1 })

/* A key of a block object (one per line); keys on one line go through LineObject. */
static inline void
jw_name (JsonWriter *w, JwKey key)
{
  jw_sep (w);
  out_append_len (w->out, key.text + 2, key.len - 2);
  w->after_key = TRUE;
}

/* Opens an object or array; `inline_` puts it on one line (arrays of strings: tags,
 * premises; objects on one line are LineObjects). */
static void
jw_open (JsonWriter *w, char open, gboolean inline_)
{
  jw_sep (w);
  char c[1] = { open };
  out_append_len (w->out, c, 1);
  if (w->depth == w->capacity) {
    w->capacity = w->capacity ? 2 * w->capacity : 16;
    w->open = g_renew (guint8, w->open, w->capacity);
  }
  w->open[w->depth++] = inline_ ? OPEN_INLINE : 0;
}

#define jw_begin(w, open) jw_open ((w), (open), FALSE)
#define jw_begin_line(w, open) jw_open ((w), (open), TRUE)

static void
jw_end (JsonWriter *w, char close)
{
  guint8 flags = w->open[--w->depth];
  if ((flags & OPEN_HAS_ITEMS) && !(flags & OPEN_INLINE))
    jw_newline (w, FALSE, w->depth);
  char c[1] = { close };
  out_append_len (w->out, c, 1);
}

/* Inline: its texts are literals ("null", "true"...), whose length the compiler knows. */
static inline void
jw_raw (JsonWriter *w, const char *text)
{
  jw_sep (w);
  out_append_len (w->out, text, strlen (text));
}

static void
jw_string (JsonWriter *w, const char *s)
{
  jw_sep (w);
  if (s)
    jw_string_literal (w->out, s);
  else
    out_append (w->out, "null");
}

/* A decimal integer, without printf: it is a measurable share of the writer's time, and line
 * numbers are everywhere. Two digits per division. */
static void
out_int (GString *out, gint64 v)
{
  static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                              "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                              "8081828384858687888990919293949596979899";
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
  while (u >= 100) {
    p -= 2;
    memcpy (p, pairs + 2 * (u % 100), 2);
    u /= 100;
  }
  if (u >= 10) {
    p -= 2;
    memcpy (p, pairs + 2 * u, 2);
  } else
    *--p = (char) ('0' + u);
  if (v < 0)
    *--p = '-';
  out_append_len (out, p, (gsize) (buf + sizeof buf - p));
}

static void
jw_int (JsonWriter *w, gint64 v)
{
  jw_sep (w);
  out_int (w->out, v);
}

/* A double in its shortest exact form (am_format_double). NaN and infinities have no JSON
 * form: null. */
static void
jw_double (JsonWriter *w, double v)
{
  jw_sep (w);
  if (!isfinite (v)) {
    g_string_append (w->out, "null");
    return;
  }
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  am_format_double (v, buf);
  g_string_append (w->out, buf);
}

static void
jw_bool (JsonWriter *w, gboolean v)
{
  if (v)
    jw_raw (w, "true");
  else
    jw_raw (w, "false");
}

static void
jw_scalar (JsonWriter *w, JsonNode *node)
{
  if (JSON_NODE_TYPE (node) == JSON_NODE_NULL) {
    jw_raw (w, "null");
    return;
  }
  GType type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    jw_string (w, json_node_get_string (node));
  else if (type == G_TYPE_BOOLEAN)
    jw_bool (w, json_node_get_boolean (node));
  else if (type == G_TYPE_DOUBLE || type == G_TYPE_FLOAT)
    jw_double (w, json_node_get_double (node));
  else
    jw_int (w, json_node_get_int (node));
}

/* One open container of a metadata value being written. */
typedef struct {
  JsonNode *node;
  GList *keys;  /* objects: member names in insertion order (owned list) */
  GList *next;  /* objects: the next key */
  guint index;  /* arrays: the next element */
} NodeFrame;

/* Writes an arbitrary JSON value (metadata from YAML) with an explicit stack: nesting depth
 * follows the input, so no recursion. */
static void
jw_node (JsonWriter *w, JsonNode *root)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, TRUE, sizeof (NodeFrame));
  JsonNode *pending = root;
  for (;;) {
    if (pending != NULL) {
      JsonNode *node = pending;
      pending = NULL;
      if (JSON_NODE_HOLDS_OBJECT (node)) {
        jw_begin (w, '{');
        NodeFrame f = { node, json_object_get_members (json_node_get_object (node)), NULL, 0 };
        f.next = f.keys;
        g_array_append_val (stack, f);
      } else if (JSON_NODE_HOLDS_ARRAY (node)) {
        jw_begin (w, '[');
        NodeFrame f = { node, NULL, NULL, 0 };
        g_array_append_val (stack, f);
      } else {
        jw_scalar (w, node);
      }
    }
    if (stack->len == 0)
      break;
    NodeFrame *top = &g_array_index (stack, NodeFrame, stack->len - 1);
    if (JSON_NODE_HOLDS_OBJECT (top->node)) {
      if (top->next != NULL) {
        const char *key = top->next->data;
        top->next = top->next->next;
        jw_key (w, key);
        pending = json_object_get_member (json_node_get_object (top->node), key);
        continue;
      }
      g_list_free (top->keys);
      jw_end (w, '}');
    } else {
      JsonArray *array = json_node_get_array (top->node);
      if (top->index < json_array_get_length (array)) {
        pending = json_array_get_element (array, top->index++);
        continue;
      }
      jw_end (w, ']');
    }
    g_array_set_size (stack, stack->len - 1);
  }
}

static void
add_string_or_null (JsonWriter *b, JwKey name, const char *value)
{
  jw_name (b, name);
  jw_string (b, value);
}

static void
add_int (JsonWriter *b, JwKey name, gint64 value)
{
  jw_name (b, name);
  jw_int (b, value);
}

static void
add_bool (JsonWriter *b, JwKey name, gboolean value)
{
  jw_name (b, name);
  jw_bool (b, value);
}

/* An origin as `line`/`column` (null when unknown), plus `file` when it is not the map's own
 * file: most elements come from the main input, so repeating its name would only add noise. */
static void
add_origin (JsonWriter *b, AmOrigin o)
{
  if (o.file != NULL && o.file != b->main_file)
    add_string_or_null (b, K ("file"), o.file);
  jw_name (b, K ("line"));
  if (o.line > 0)
    jw_int (b, o.line);
  else
    jw_raw (b, "null");
  jw_name (b, K ("column"));
  if (o.line > 0)
    jw_int (b, o.column);
  else
    jw_raw (b, "null");
}

/* An object of scalars on one line (members, relations, actors, stances: most of a large
 * map's output), written without the container bookkeeping of jw_open: inside it a key is
 * ", \"key\": ", but for the first. The bytes are those jw_begin_line would give. */
typedef struct {
  GString *out;
  gboolean first;
} LineObject;

static inline LineObject
lo_begin (JsonWriter *w)
{
  jw_sep (w);
  out_append (w->out, "{");
  return (LineObject) { w->out, TRUE };
}

static inline void
lo_key (LineObject *o, JwKey key)
{
  /* Two copies of constant lengths, which the compiler inlines, rather than one of either. */
  if (o->first)
    out_append_len (o->out, key.text + 2, key.len - 2);
  else
    out_append_len (o->out, key.text, key.len);
  o->first = FALSE;
}

static inline void
lo_string (LineObject *o, JwKey key, const char *s)
{
  lo_key (o, key);
  if (s)
    jw_string_literal (o->out, s);
  else
    out_append (o->out, "null");
}

static inline void
lo_bool (LineObject *o, JwKey key, gboolean v)
{
  lo_key (o, key);
  if (v)
    out_append (o->out, "true");
  else
    out_append (o->out, "false");
}

/* As add_origin. */
static inline void
lo_origin (LineObject *o, const JsonWriter *w, AmOrigin origin)
{
  if (origin.file != NULL && origin.file != w->main_file)
    lo_string (o, K ("file"), origin.file);
  lo_key (o, K ("line"));
  if (origin.line > 0) {
    out_int (o->out, origin.line);
    lo_key (o, K ("column"));
    out_int (o->out, origin.column);
  } else {
    out_append (o->out, "null");
    lo_key (o, K ("column"));
    out_append (o->out, "null");
  }
}

static inline void
lo_end (LineObject *o)
{
  out_append (o->out, "}");
}

static void
add_tags (JsonWriter *b, GPtrArray *tags)
{
  jw_name (b, K ("tags"));
  jw_begin_line (b, '[');
  for (guint i = 0; i < tags->len; i++)
    jw_string (b, g_ptr_array_index (tags, i));
  jw_end (b, ']');
}

static void
add_meta (JsonWriter *b, JwKey name, const AmMeta *meta)
{
  jw_name (b, name);
  if (json_object_get_size (meta->data) == 0) {
    jw_raw (b, "{}"); /* most elements have no metadata: no node to build */
    return;
  }
  g_autoptr (JsonNode) node = json_node_alloc ();
  /* json_node_init_object takes its own reference: the map keeps its object. */
  json_node_init_object (node, meta->data);
  jw_node (b, node);
}

static void
add_weight (JsonWriter *b, double weight)
{
  jw_name (b, K ("weight"));
  if (isnan (weight))
    jw_raw (b, "null");
  else
    jw_double (b, weight);
}

static void
add_span (JsonWriter *b, const AmMap *map, AmSpan span)
{
  jw_name (b, K ("span"));
  if (span.source < 0 || (guint) span.source >= map->sources->len) {
    jw_raw (b, "null");
    return;
  }
  LineObject o = lo_begin (b);
  lo_string (&o, K ("source"), am_map_source (map, (guint) span.source)->path);
  lo_key (&o, K ("start"));
  out_int (o.out, span.start);
  lo_key (&o, K ("end"));
  out_int (o.out, span.end);
  lo_end (&o);
}

static void
add_section_ref (JsonWriter *b, const AmMap *map, JwKey name, gint section)
{
  add_string_or_null (b, name,
                      section >= 0 && (guint) section < map->sections->len
                          ? am_map_section (map, (guint) section)->id
                          : NULL);
}

/* A node's occurrences. One of them usually has the node's own text, just written at
 * [text_at, text_at + text_len) of the output (same element, same buffer): it is copied from
 * there rather than escaped again. */
static void
add_members (JsonWriter *b, JwKey name, const AmMember *members, guint n, const char *text,
             gsize text_at, gsize text_len)
{
  jw_name (b, name);
  jw_begin (b, '[');
  for (guint i = 0; i < n; i++) {
    LineObject o = lo_begin (b);
    if (text != NULL && members[i].text == text) {
      lo_key (&o, K ("text"));
      out_append_len (o.out, o.out->str + text_at, text_len);
    } else
      lo_string (&o, K ("text"), members[i].text);
    lo_origin (&o, b, members[i].origin);
    lo_end (&o);
  }
  jw_end (b, ']');
}

/* Writes `text` under `name`; returns where its literal starts in the output (its length in
 * `len`), for add_members. */
static gsize
add_text (JsonWriter *b, JwKey name, const char *text, gsize *len)
{
  jw_name (b, name);
  gsize at = b->out->len;
  jw_string (b, text);
  *len = b->out->len - at;
  return at;
}


/* What statements and arguments begin with: title, text (as `text_key`), tags, origin, section
 * and the untitled flag. Returns where the text's literal starts, as add_text. */
static gsize
add_node_head (JsonWriter *b, const AmMap *map, const char *title, JwKey text_key,
               const char *text, gsize *text_len, GPtrArray *tags, AmOrigin origin, gint section,
               gboolean untitled)
{
  add_string_or_null (b, K ("title"), title);
  gsize text_at = add_text (b, text_key, text, text_len);
  add_tags (b, tags);
  add_origin (b, origin);
  add_section_ref (b, map, K ("section"), section);
  add_bool (b, K ("untitled"), untitled);
  return text_at;
}

static void
statement_item (JsonWriter *b, const AmMap *map, guint i)
{
  /* The occurrence arrays lie anywhere in memory: the record of the statement sixteen on, and
   * the occurrences of the one eight on (whose record came that way), are fetched meanwhile. */
  guint n = map->statements->len;
  if (i + 16 < n)
    __builtin_prefetch (&am_map_statement (map, i + 16)->members);
  if (i + 8 < n) {
    const AmStatement *ahead = am_map_statement (map, i + 8);
    if (ahead->members != NULL)
      __builtin_prefetch (ahead->members);
  }
  const AmStatement *st = am_map_statement (map, i);
  jw_begin (b, '{');
  gsize text_len, text_at = add_node_head (b, map, st->title, K ("text"), st->text, &text_len,
                                           st->tags, st->origin, st->section, st->untitled);
  add_bool (b, K ("defined"), st->defined);
  add_span (b, map, st->span);
  add_weight (b, st->weight);
  add_meta (b, K ("data"), &st->meta);
  add_members (b, K ("members"), st->members, st->n_members, st->text, text_at, text_len);
  jw_end (b, '}');
}

static void
jw_ident (JsonWriter *w, const Ident *id)
{
  jw_sep (w);
  out_ident (w->out, id);
}

static void
jw_statement_title (JsonWriter *w, guint statement)
{
  jw_sep (w);
  out_title (w->out, w->titles, am_node_ref (AM_NODE_STATEMENT, statement));
}

/* The titles of the statements in an argument's premise-conclusion structure, or where they
 * are (see title_prefetch). */
static void
pcs_prefetch (const Titles *t, const AmArgument *arg, gboolean literal)
{
  for (guint k = 0; arg->pcs != NULL && k < arg->pcs->len; k++)
    title_prefetch (t, am_node_ref (AM_NODE_STATEMENT,
                                    g_array_index (arg->pcs, AmPcsItem, k).statement), literal);
}

static void
argument_item (JsonWriter *b, const AmMap *map, guint i)
{
  /* As for statements and relations: the record of the argument sixteen on, the structure of
   * the one twelve on, where the titles in the one eight on are, and the titles in the one four
   * on. */
  guint n = map->arguments->len;
  if (i + 16 < n) {
    const char *ahead = (const char *) am_map_argument (map, i + 16);
    __builtin_prefetch (ahead);
    __builtin_prefetch (ahead + sizeof (AmArgument) - 1);
  }
  if (i + 12 < n && am_map_argument (map, i + 12)->pcs != NULL)
    __builtin_prefetch (am_map_argument (map, i + 12)->pcs->data);
  if (i + 8 < n)
    pcs_prefetch (b->titles, am_map_argument (map, i + 8), FALSE);
  if (i + 4 < n)
    pcs_prefetch (b->titles, am_map_argument (map, i + 4), TRUE);
  const AmArgument *arg = am_map_argument (map, i);
  jw_begin (b, '{');
  gsize text_len,
      text_at = add_node_head (b, map, arg->title, K ("description"), arg->text, &text_len,
                               arg->tags, arg->origin, arg->section, arg->untitled);

  /* The summary a consumer usually wants first; the full structure follows in `pcs`. */
  const AmPcsItem *conclusion = NULL;
  jw_name (b, K ("premises"));
  jw_begin_line (b, '[');
  for (guint k = 0; k < arg->pcs->len; k++) {
    const AmPcsItem *item = &g_array_index (arg->pcs, AmPcsItem, k);
    if (item->role == AM_PCS_PREMISE)
      jw_statement_title (b, item->statement);
    else if (item->role == AM_PCS_CONCLUSION)
      conclusion = item;
  }
  jw_end (b, ']');
  jw_name (b, K ("conclusion"));
  if (conclusion != NULL)
    jw_statement_title (b, conclusion->statement);
  else
    jw_raw (b, "null");

  jw_name (b, K ("pcs"));
  jw_begin (b, '[');
  for (guint k = 0; k < arg->pcs->len; k++) {
    const AmPcsItem *item = &g_array_index (arg->pcs, AmPcsItem, k);
    jw_begin (b, '{');
    jw_name (b, K ("statement"));
    jw_statement_title (b, item->statement);
    jw_name (b, K ("role"));
    jw_ident (b, &b->idents->roles[item->role]);
    jw_name (b, K ("number"));
    if (item->number > 0)
      jw_int (b, item->number);
    else
      jw_raw (b, "null");
    if (item->role != AM_PCS_PREMISE) {
      jw_name (b, K ("inference"));
      jw_begin (b, '{');
      add_string_or_null (b, K ("rules"), item->inference_rules);
      add_meta (b, K ("data"), &item->inference_meta);
      jw_end (b, '}');
    }
    add_origin (b, item->origin);
    jw_end (b, '}');
  }
  jw_end (b, ']');

  add_span (b, map, arg->span);
  add_weight (b, arg->weight);
  add_meta (b, K ("data"), &arg->meta);
  add_members (b, K ("descriptions"), arg->descriptions, arg->n_descriptions, arg->text,
               text_at, text_len);
  jw_end (b, '}');
}

/* `name` and `kind_name` (NAME_kind): the title and kind of a node. */
static void
lo_node (LineObject *o, const JsonWriter *w, JwKey name, JwKey kind_name, AmNodeRef ref)
{
  lo_key (o, name);
  out_title (o->out, w->titles, ref);
  lo_key (o, kind_name);
  out_ident (o->out, &w->idents->kinds[ref.kind]);
}

static void
relation_item (JsonWriter *b, const AmMap *map, guint i)
{
  /* Relations name nodes in no order: where the titles of the relation sixteen on are, and the
   * titles of the one eight on, are fetched meanwhile. */
  guint n = map->relations->len;
  if (i + 16 < n) {
    const AmRelation *ahead = am_map_relation (map, i + 16);
    title_prefetch (b->titles, ahead->from, FALSE);
    title_prefetch (b->titles, ahead->to, FALSE);
  }
  if (i + 8 < n) {
    const AmRelation *ahead = am_map_relation (map, i + 8);
    title_prefetch (b->titles, ahead->from, TRUE);
    title_prefetch (b->titles, ahead->to, TRUE);
  }
  const AmRelation *rel = am_map_relation (map, i);
  LineObject o = lo_begin (b);
  lo_key (&o, K ("type"));
  out_ident (o.out, &b->idents->types[rel->type]);
  lo_node (&o, b, K ("from"), K ("from_kind"), rel->from);
  lo_node (&o, b, K ("to"), K ("to_kind"), rel->to);
  lo_string (&o, K ("original"), rel->original);
  lo_bool (&o, K ("derived"), rel->derived);
  lo_origin (&o, b, rel->origin);
  lo_end (&o);
}

/* One element of a large array, for jw_items. */
typedef void (*JwItem) (JsonWriter *w, const AmMap *map, guint i);

/* The elements of an array, formatted by chunks of a fixed count, each chunk into a buffer of
 * its own and handed to the output in order: with several processors, each thread formats every
 * n-th chunk, so the output is the same bytes whatever the threads' timing. Formatting is most
 * of a large map's writing time. */
typedef struct {
  const JsonWriter *b; /* the array is open on it: read only while the chunks are written */
  const AmMap *map;
  JwItem item;
  guint n, chunk, n_chunks, n_threads;
  GMutex lock;
  GCond handed;
  guint turn; /* the next chunk to hand over */
} Chunks;

typedef struct {
  Chunks *c;
  guint first;
} ChunkThread;

static gpointer
format_chunks (gpointer data)
{
  ChunkThread *t = data;
  Chunks *c = t->c;
  const JsonWriter *b = c->b;
  JsonWriter w = *b;
  w.out = g_string_sized_new (1 << 18);
  w.output = NULL;
  w.open = g_memdup2 (b->open, b->capacity);
  for (guint k = t->first; k < c->n_chunks; k += c->n_threads) {
    g_string_truncate (w.out, 0);
    w.depth = b->depth;
    w.open[w.depth - 1] = b->open[b->depth - 1] | (k > 0 ? OPEN_HAS_ITEMS : 0);
    guint end = MIN (c->n, (k + 1) * c->chunk);
    for (guint i = k * c->chunk; i < end; i++)
      c->item (&w, c->map, i);
    g_mutex_lock (&c->lock);
    while (c->turn != k)
      g_cond_wait (&c->handed, &c->lock);
    g_mutex_unlock (&c->lock);
    am_output_write (b->output, w.out->str, w.out->len); /* its turn: no one else writes */
    g_mutex_lock (&c->lock);
    c->turn++;
    g_cond_broadcast (&c->handed);
    g_mutex_unlock (&c->lock);
  }
  g_string_free (w.out, TRUE);
  g_free (w.open);
  return NULL;
}

#define MAX_WRITER_THREADS 8

static void
jw_items (JsonWriter *b, const AmMap *map, JwKey name, guint n, guint chunk, JwItem item)
{
  jw_name (b, name);
  jw_begin (b, '[');
  Chunks c = { .b = b, .map = map, .item = item, .n = n, .chunk = chunk };
  c.n_chunks = (n + chunk - 1) / chunk;
  guint wanted = b->threads ? b->threads : am_threads_default ();
  c.n_threads = CLAMP (MIN (c.n_chunks, wanted), 1, MAX_WRITER_THREADS);
  g_mutex_init (&c.lock);
  g_cond_init (&c.handed);
  ChunkThread threads[MAX_WRITER_THREADS];
  GThread *running[MAX_WRITER_THREADS] = { 0 };
  for (guint t = 0; t < c.n_threads; t++) {
    threads[t] = (ChunkThread) { &c, t };
    if (t > 0)
      running[t] = g_thread_new ("json-writer", format_chunks, &threads[t]);
  }
  format_chunks (&threads[0]);
  for (guint t = 1; t < c.n_threads; t++)
    g_thread_join (running[t]);
  g_cond_clear (&c.handed);
  g_mutex_clear (&c.lock);
  if (n > 0)
    b->open[b->depth - 1] |= OPEN_HAS_ITEMS;
  jw_end (b, ']');
}

static void
add_sections (JsonWriter *b, const AmMap *map)
{
  jw_name (b, K ("sections"));
  jw_begin (b, '[');
  for (guint i = 0; i < map->sections->len; i++) {
    const AmSection *sec = am_map_section (map, i);
    jw_begin (b, '{');
    add_string_or_null (b, K ("id"), sec->id);
    add_string_or_null (b, K ("title"), sec->title);
    add_int (b, K ("level"), sec->level);
    add_section_ref (b, map, K ("parent"), sec->parent);
    add_tags (b, sec->tags);
    add_origin (b, sec->origin);
    add_meta (b, K ("data"), &sec->meta);
    jw_end (b, '}');
  }
  jw_end (b, ']');
}

static void
add_actors_and_stances (JsonWriter *b, const AmMap *map)
{
  jw_name (b, K ("actors"));
  jw_begin (b, '[');
  for (guint i = 0; i < map->actors->len; i++) {
    const AmActor *a = am_map_actor (map, i);
    LineObject o = lo_begin (b);
    lo_string (&o, K ("id"), a->id);
    lo_string (&o, K ("name"), a->name);
    lo_string (&o, K ("kind"), a->kind);
    lo_origin (&o, b, a->origin);
    lo_end (&o);
  }
  jw_end (b, ']');

  jw_name (b, K ("stances"));
  jw_begin (b, '[');
  for (guint i = 0; i < map->stances->len; i++) {
    const AmStance *s = am_map_stance (map, i);
    LineObject o = lo_begin (b);
    lo_string (&o, K ("actor"), am_map_actor (map, s->actor)->id);
    lo_node (&o, b, K ("node"), K ("node_kind"), s->node);
    lo_string (&o, K ("stance"), am_stance_value_to_string (s->value));
    lo_string (&o, K ("quote"), s->quote);
    lo_origin (&o, b, s->origin);
    lo_end (&o);
  }
  jw_end (b, ']');
}

static void
add_sources (JsonWriter *b, const AmMap *map)
{
  jw_name (b, K ("sources"));
  jw_begin (b, '[');
  for (guint i = 0; i < map->sources->len; i++) {
    const AmSource *src = am_map_source (map, i);
    LineObject o = lo_begin (b);
    lo_string (&o, K ("path"), src->path);
    /* Not the resolved path: it depends on where the command ran, and the output must not. */
    lo_key (&o, K ("length"));
    if (src->text)
      out_int (o.out, g_utf8_strlen (src->text, -1));
    else
      out_append (o.out, "null");
    lo_end (&o);
  }
  jw_end (b, ']');
}

gboolean
am_json_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  JsonWriter w = { .out = out->text, .output = out, .main_file = g_intern_string (map->name),
                   .threads = options ? options->threads : 0 };
  Idents idents;
  idents_init (&idents);
  w.idents = &idents;
  JsonWriter *b = &w;
  jw_begin (b, '{');
  add_string_or_null (b, K ("format"), "argmap");
  add_int (b, K ("version"), AM_JSON_VERSION);
  add_string_or_null (b, K ("file"), map->name);
  add_meta (b, K ("front"), &map->front);
  add_sources (b, map);
  add_sections (b, map);
  jw_items (b, map, K ("statements"), map->statements->len, 512, statement_item);
  Titles titles;
  titles_init (&titles, map);
  b->titles = &titles;
  jw_items (b, map, K ("arguments"), map->arguments->len, 256, argument_item);
  jw_items (b, map, K ("relations"), map->relations->len, 2048, relation_item);
  add_actors_and_stances (b, map);
  titles_clear (&titles);
  jw_end (b, '}');
  g_string_append_c (out->text, '\n');
  g_free (w.open);
  return TRUE;
}
