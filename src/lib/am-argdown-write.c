/* am-argdown-write: a map as Argdown that the reader turns back into the same map. */
#include <math.h>
#include <string.h>
#include <yaml.h>

#include "am-error.h"
#include "am-formats.h"

#include "am-argdown-private.h"
/* The reader's table of shortcodes: only those turn `.name.` into a symbol. */
#include "am-argdown-shortcodes.h"

/* ---- YAML through libyaml's emitter ---- */

static int
yaml_to_gstring (void *data, unsigned char *buffer, size_t size)
{
  g_string_append_len (data, (const char *) buffer, (gssize) size);
  return 1;
}

/* TRUE when a plain scalar `s` would read back as something else than this string: YAML 1.2
 * core schema nulls, booleans and numbers (what the reader resolves), and YAML 1.1's yes/no/
 * on/off for other tools' sake. */
static gboolean
needs_quotes (const char *s)
{
  static const char *const words[] = { "null", "Null", "NULL", "~", "true", "True", "TRUE",
                                       "false", "False", "FALSE", "yes", "Yes", "YES", "no",
                                       "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y",
                                       "Y", "n", "N", ".inf", ".Inf", ".INF", "-.inf", "+.inf",
                                       ".nan", ".NaN", ".NAN" };
  if (*s == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (s, words[i]) == 0)
      return TRUE;
  /* Anything that starts like a number: simpler than the number grammars, and only costs
   * quotes on strings such as "3 reasons". */
  const char *p = s;
  if (*p == '+' || *p == '-')
    p++;
  if (*p == '.')
    p++;
  return g_ascii_isdigit (*p);
}

/* `plain`: a number, boolean or null, written as such. Otherwise a string: libyaml picks the
 * style (plain when its syntax allows) unless a plain scalar would change type. */
static gboolean
emit_scalar (yaml_emitter_t *em, const char *value, gboolean plain)
{
  yaml_event_t ev;
  gboolean quoted = !plain && needs_quotes (value);
  yaml_scalar_event_initialize (&ev, NULL, NULL, (yaml_char_t *) value, (int) strlen (value),
                                !quoted, !plain,
                                plain ? YAML_PLAIN_SCALAR_STYLE
                                : quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                         : YAML_ANY_SCALAR_STYLE);
  return yaml_emitter_emit (em, &ev) != 0;
}

/* A double as YAML 1.2 reads it back: the shortest exact form, with a point or exponent so it
 * stays a float. */
static void
yaml_double (char buf[G_ASCII_DTOSTR_BUF_SIZE], double v)
{
  am_format_double (v, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    g_strlcat (buf, ".0", G_ASCII_DTOSTR_BUF_SIZE);
}

static gboolean
emit_value_scalar (yaml_emitter_t *em, JsonNode *node)
{
  if (JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    return emit_scalar (em, "null", TRUE);
  GType type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return emit_scalar (em, json_node_get_string (node), FALSE);
  if (type == G_TYPE_BOOLEAN)
    return emit_scalar (em, json_node_get_boolean (node) ? "true" : "false", TRUE);
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 4];
  if (type == G_TYPE_DOUBLE || type == G_TYPE_FLOAT) {
    double v = json_node_get_double (node);
    if (isnan (v))
      return emit_scalar (em, ".nan", TRUE);
    if (isinf (v))
      return emit_scalar (em, v > 0 ? ".inf" : "-.inf", TRUE);
    yaml_double (buf, v);
  } else {
    g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (node));
  }
  return emit_scalar (em, buf, TRUE);
}

typedef struct {
  JsonNode *node;
  GList *keys, *next; /* objects: member names (owned list) and the next one */
  guint index;        /* arrays: the next element */
} YFrame;

/* Emits `root` with an explicit stack (metadata nests as deep as the author wrote it).
 * Containers at depth < `block_depth` use block style, deeper ones flow style. */
static gboolean
emit_node (yaml_emitter_t *em, JsonNode *root, guint block_depth)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, TRUE, sizeof (YFrame));
  JsonNode *pending = root;
  gboolean ok = TRUE;
  yaml_event_t ev;
  while (ok) {
    if (pending != NULL) {
      JsonNode *node = pending;
      pending = NULL;
      gboolean flow = stack->len >= block_depth;
      if (JSON_NODE_HOLDS_OBJECT (node)) {
        yaml_mapping_start_event_initialize (&ev, NULL, NULL, 1,
                                             flow ? YAML_FLOW_MAPPING_STYLE
                                                  : YAML_BLOCK_MAPPING_STYLE);
        ok = yaml_emitter_emit (em, &ev) != 0;
        YFrame f = { node, json_object_get_members (json_node_get_object (node)), NULL, 0 };
        f.next = f.keys;
        g_array_append_val (stack, f);
      } else if (JSON_NODE_HOLDS_ARRAY (node)) {
        yaml_sequence_start_event_initialize (&ev, NULL, NULL, 1,
                                              flow ? YAML_FLOW_SEQUENCE_STYLE
                                                   : YAML_BLOCK_SEQUENCE_STYLE);
        ok = yaml_emitter_emit (em, &ev) != 0;
        YFrame f = { node, NULL, NULL, 0 };
        g_array_append_val (stack, f);
      } else {
        ok = emit_value_scalar (em, node);
      }
      continue;
    }
    if (stack->len == 0)
      break;
    YFrame *top = &g_array_index (stack, YFrame, stack->len - 1);
    if (JSON_NODE_HOLDS_OBJECT (top->node)) {
      if (top->next != NULL) {
        const char *key = top->next->data;
        top->next = top->next->next;
        ok = emit_scalar (em, key, FALSE);
        pending = json_object_get_member (json_node_get_object (top->node), key);
        continue;
      }
      g_list_free (top->keys);
      yaml_mapping_end_event_initialize (&ev);
    } else {
      JsonArray *array = json_node_get_array (top->node);
      if (top->index < json_array_get_length (array)) {
        pending = json_array_get_element (array, top->index++);
        continue;
      }
      yaml_sequence_end_event_initialize (&ev);
    }
    ok = yaml_emitter_emit (em, &ev) != 0;
    g_array_set_size (stack, stack->len - 1);
  }
  for (guint i = 0; i < stack->len; i++)
    g_list_free (g_array_index (stack, YFrame, i).keys);
  return ok;
}

/* `object` as one YAML document (no trailing newline): flow style (`{a: 1}`) for inline data,
 * block style for the front matter. */
static char *
yaml_dump (JsonObject *object, gboolean block, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  yaml_emitter_t em;
  yaml_event_t ev;
  yaml_emitter_initialize (&em);
  yaml_emitter_set_output (&em, yaml_to_gstring, out);
  yaml_emitter_set_unicode (&em, 1);
  yaml_emitter_set_width (&em, -1);
  yaml_emitter_set_indent (&em, 2);
  g_autoptr (JsonNode) root = json_node_alloc ();
  json_node_init_object (root, object);
  yaml_stream_start_event_initialize (&ev, YAML_UTF8_ENCODING);
  gboolean ok = yaml_emitter_emit (&em, &ev) != 0;
  if (ok) {
    yaml_document_start_event_initialize (&ev, NULL, NULL, NULL, 1);
    ok = yaml_emitter_emit (&em, &ev) != 0;
  }
  ok = ok && emit_node (&em, root, block ? 2 : 0);
  if (ok) {
    yaml_document_end_event_initialize (&ev, 1);
    ok = yaml_emitter_emit (&em, &ev) != 0;
  }
  if (ok) {
    yaml_stream_end_event_initialize (&ev);
    ok = yaml_emitter_emit (&em, &ev) != 0;
  }
  if (!ok) {
    g_set_error (error, AM_ERROR, AM_ERROR_FAILED, "cannot write YAML: %s",
                 em.problem ? em.problem : "libyaml failed");
    yaml_emitter_delete (&em);
    return NULL;
  }
  yaml_emitter_delete (&em);
  while (out->len > 0 && (out->str[out->len - 1] == '\n' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);
  return g_strdup (out->str);
}

/* ---- text ---- */

/* Bytes the writer puts a backslash before (a '/' or '.'/':' only in some places). */
static const char escaped_bytes[] = "\\[]<>{}@*_#/.:";

/* The length of the tag written at `p` (a '#') when it is one of `tags`, as Argdown's lexer
 * would read it (`#(any words)` or `#word`), else 0. `seen` (may be NULL) numbers the tags in
 * the order they first come, from 1 (0: not yet), with their count in seen[tags->len]. */
static gsize
tag_at (const char *p, GPtrArray *tags, guint *seen)
{
  if (tags == NULL)
    return 0;
  g_autofree char *name = NULL;
  gsize len = 0;
  if (p[1] == '(') {
    const char *close = strchr (p + 2, ')');
    if (close == NULL || close == p + 2)
      return 0;
    name = g_strndup (p + 2, (gsize) (close - p - 2));
    len = (gsize) (close - p) + 1;
  } else {
    const char *q = p + 1;
    while (*q && ad_is_tag_char (g_utf8_get_char (q)))
      q = g_utf8_next_char (q);
    if (q == p + 1)
      return 0;
    name = g_strndup (p + 1, (gsize) (q - p - 1));
    len = (gsize) (q - p);
  }
  for (guint i = 0; i < tags->len; i++)
    if (strcmp (g_ptr_array_index (tags, i), name) == 0) {
      if (seen != NULL && seen[i] == 0)
        seen[i] = ++seen[tags->len];
      return len;
    }
  return 0;
}

/* Whether the '#' at `p`, not a tag of the node, may be written as it is after a tag: the byte
 * written after it must not continue it into a tag (a tag character, '(' or the backslash of
 * an escape). A '#' after it is written as it is too, or starts one of the node's tags. */
static gboolean
plain_hash_ok (const char *p, GPtrArray *tags)
{
  for (const char *q = p + 1;; q++) {
    if (*q == '\0')
      return TRUE;
    if (*q != '#')
      return !ad_is_tag_char (g_utf8_get_char (q)) && *q != '(' && !strchr (escaped_bytes, *q);
    if (tag_at (q, tags, NULL) > 0)
      return TRUE;
  }
}

/* Argdown text on one line: line breaks become spaces (Argdown joins the lines of a text with
 * spaces anyway; a tab it keeps, and so does this), and every character that would start
 * markup is escaped, except the node's own tags: Argdown keeps them inside the text, so a text
 * read from Argdown holds them already (`seen`, see tag_at; may be NULL with `tags`).
 *
 * The text is written token by token as the lexer will read it: a Special span (`.x.`, `:x:`)
 * is copied whole, escapes and all being verbatim inside it, unless it is a shortcode, whose
 * opening delimiter is escaped. A backslash right after `#tag` (or after a '#' written as it
 * is) would be read as part of a tag, so what follows a tag is written without one where that
 * reads the same (`}`, `>`, `@`, '#'s that start no tag), and a text where nothing can is
 * refused (FALSE, `error` set): it could not come back. */
static gboolean
append_text_tags (GString *out, const char *text, GPtrArray *tags, guint *seen, GError **error)
{
  gboolean after_tag = FALSE;
  g_autofree char *flat = g_strdup (text);
  for (char *p = flat; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  g_strstrip (flat);
  gsize flat_len = strlen (flat);
  for (const char *p = flat; *p; p++) {
    char c = *p;
    gboolean esc = FALSE;
    switch (c) {
    case '#': {
      gsize n = tag_at (p, tags, seen);
      if (n > 0) {
        g_string_append_len (out, p, (gssize) n);
        after_tag = p[1] != '('; /* `#(...)` ends with its parenthesis */
        p += n - 1;
        continue;
      }
      esc = TRUE;
      break;
    }
    case '\\': case '[': case ']': case '<': case '>': case '{': case '}': case '@':
    case '*': case '_':
      esc = TRUE;
      break;
    case '/':
      /* A slash followed by a slash or a star starts a comment. */
      esc = p[1] == '/' || p[1] == '*';
      break;
    case '.': case ':': {
      /* A span of Argdown's Special token (`.x.` or `:x:`, no white space inside) is copied
       * whole: the lexer reads it as one token, as written. A shortcode would be replaced, so
       * its opening delimiter is escaped instead. */
      gsize k = ad_special_close (flat, flat_len, (gsize) (p - flat));
      if (k == 0)
        break;
      const char *close = flat + k;
      gsize n = (gsize) (close - p) + 1;
      for (guint i = 0; i < G_N_ELEMENTS (ad_shortcodes) && !esc; i++)
        esc = strlen (ad_shortcodes[i].code) == n && memcmp (ad_shortcodes[i].code, p, n) == 0;
      if (!esc) {
        g_string_append_len (out, p, (gssize) n);
        p = close;
        after_tag = FALSE;
        continue;
      }
      break;
    }
    default:
      break;
    }
    if (esc && after_tag) {
      if (c == '#' && plain_hash_ok (p, tags)) {
        g_string_append_c (out, '#'); /* and a backslash would still join it */
        continue;
      }
      if (c == '}' || c == '>' || c == '@')
        esc = FALSE;
      if (esc) {
        g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED,
                     "the text '%s' cannot be written in Argdown: a tag is followed right away "
                     "by '%c', which would need a backslash, and Argdown would read the "
                     "backslash as part of the tag", text, c);
        return FALSE;
      }
    }
    after_tag = FALSE;
    if (esc)
      g_string_append_c (out, '\\');
    g_string_append_c (out, c);
  }
  return TRUE;
}

static void
append_text (GString *out, const char *text)
{
  append_text_tags (out, text, NULL, NULL, NULL); /* no tags: never refuses */
}

static gboolean
check_title (const char *title, gboolean argument, GError **error)
{
  const char *bad = NULL;
  if (*title == '\0')
    bad = "it is empty";
  else if (strpbrk (title, "\n\r") != NULL)
    bad = "it holds a line break";
  else if (strchr (title, argument ? '>' : ']') != NULL)
    bad = argument ? "'>' ends an argument title" : "']' ends a statement title";
  else if (title[0] == '-')
    bad = "a reference cannot start with '-'";
  else if (g_ascii_isspace (title[0]) || g_ascii_isspace (title[strlen (title) - 1]))
    bad = "Argdown drops white space around a title";
  if (bad == NULL)
    return TRUE;
  g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED,
               "the %s title '%s' cannot be written in Argdown: %s",
               argument ? "argument" : "statement", title, bad);
  return FALSE;
}

static void
append_ref (GString *out, const AmMap *map, AmNodeRef ref)
{
  const char *title = am_map_node_title (map, ref);
  g_string_append (out, ref.kind == AM_NODE_STATEMENT ? "[" : "<");
  g_string_append (out, title);
  g_string_append (out, ref.kind == AM_NODE_STATEMENT ? "]" : ">");
}

/* The tags not already in the text (`seen` may be NULL: none are). */
static gboolean
append_tags (GString *out, GPtrArray *tags, const guint *seen, GError **error)
{
  for (guint i = 0; i < tags->len; i++) {
    const char *tag = g_ptr_array_index (tags, i);
    if (seen != NULL && seen[i] != 0)
      continue;
    gboolean simple = *tag != '\0';
    for (const char *p = tag; *p && simple; p++)
      simple = g_ascii_isalnum (*p) || *p == '-' || (guchar) *p >= 0x80;
    if (!simple && strpbrk (tag, ")\n\r") != NULL) {
      g_set_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED,
                   "the tag '%s' cannot be written in Argdown: ')' ends a tag", tag);
      return FALSE;
    }
    g_string_append_printf (out, simple ? " #%s" : " #(%s)", tag);
  }
  return TRUE;
}

/* `text` and the node's tags. Read back, the tags come in the order they first appear: those
 * inside the text, then those after it. When the text's own are not the node's first tags in
 * their order (a statement defined twice, each text with tags of its own), all the tags go
 * before the text instead, so that their order comes back. */
static gboolean
append_text_and_tags (GString *out, const char *text, GPtrArray *tags, GError **error)
{
  g_autofree guint *seen = g_new0 (guint, tags->len + 1);
  g_autoptr (GString) body = g_string_new (NULL);
  if (!append_text_tags (body, text, tags, seen, error))
    return FALSE;
  gboolean in_order = TRUE;
  for (guint i = 0; i < tags->len && in_order; i++)
    in_order = seen[i] == (i < seen[tags->len] ? i + 1 : 0);
  if (in_order) {
    g_string_append_len (out, body->str, (gssize) body->len);
    return append_tags (out, tags, seen, error);
  }
  g_autoptr (GString) all = g_string_new (NULL);
  if (!append_tags (all, tags, NULL, error))
    return FALSE;
  g_string_append (out, all->str + 1); /* without its first space */
  g_string_append_c (out, ' ');
  g_string_append_len (out, body->str, (gssize) body->len);
  return TRUE;
}

/* ---- the writer ---- */

typedef struct {
  const AmMap *map;
  GString *out;
  GError **error;
  gboolean *st_done;   /* statement has had its home line (definition or bare reference) */
  gboolean *arg_done;
  gboolean *st_in_pcs; /* statement is part of some reconstruction */
  gboolean *rel_done;
  GPtrArray **incoming_st; /* per statement: relation indices (GUINT) whose target it is */
  GPtrArray **incoming_arg;
  GPtrArray **outgoing_st; /* per statement: relations it is the source of */
  GPtrArray **outgoing_arg;
  GHashTable *stances;     /* node key -> GPtrArray of AmStance* (borrowed) */
  GArray **buckets;        /* see section_buckets() */
} W;

static gboolean *
done_of (W *w, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? &w->st_done[ref.index] : &w->arg_done[ref.index];
}

static GPtrArray *
incoming (W *w, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? w->incoming_st[ref.index] : w->incoming_arg[ref.index];
}

static GPtrArray *
outgoing (W *w, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? w->outgoing_st[ref.index] : w->outgoing_arg[ref.index];
}

static gpointer
node_key (AmNodeRef ref)
{
  return GUINT_TO_POINTER (ref.index * 2u + (ref.kind == AM_NODE_ARGUMENT) + 1u);
}

static gboolean
is_defined (const AmMap *map, AmNodeRef ref)
{
  if (ref.kind == AM_NODE_STATEMENT)
    return am_map_statement (map, ref.index)->text != NULL;
  const AmArgument *arg = am_map_argument (map, ref.index);
  return arg->text != NULL || arg->pcs->len > 0;
}

static gint
node_section (const AmMap *map, AmNodeRef ref)
{
  return ref.kind == AM_NODE_STATEMENT ? am_map_statement (map, ref.index)->section
                                       : am_map_argument (map, ref.index)->section;
}

/* The inline data of a node: its metadata, with `weight:` and `stance:` taken from the model
 * (they may come from another format than Argdown) and `quote:` from the span when the
 * metadata has none. Newly allocated; NULL when empty. */
static JsonObject *
node_data (W *w, AmNodeRef ref)
{
  const AmMap *map = w->map;
  const AmMeta *meta = am_map_node_meta (map, ref);
  double weight = ref.kind == AM_NODE_STATEMENT ? am_map_statement (map, ref.index)->weight
                                                : am_map_argument (map, ref.index)->weight;
  AmSpan span = ref.kind == AM_NODE_STATEMENT ? am_map_statement (map, ref.index)->span
                                              : am_map_argument (map, ref.index)->span;
  JsonObject *data = json_object_new ();
  GList *keys = json_object_get_members (meta->data);
  for (GList *k = keys; k; k = k->next)
    json_object_set_member (data, k->data,
                            json_node_copy (json_object_get_member (meta->data, k->data)));
  g_list_free (keys);

  if (!json_object_has_member (data, "quote") && span.source >= 0
      && (guint) span.source < map->sources->len) {
    const char *text = am_map_source (map, (guint) span.source)->text;
    if (text != NULL && span.start >= 0 && span.end >= span.start
        && span.end <= g_utf8_strlen (text, -1)) {
      const char *a = g_utf8_offset_to_pointer (text, (glong) span.start);
      const char *b = g_utf8_offset_to_pointer (a, (glong) (span.end - span.start));
      g_autofree char *q = g_strndup (a, (gsize) (b - a));
      json_object_set_string_member (data, "quote", q);
    }
  }
  if (isnan (weight))
    json_object_remove_member (data, "weight");
  else
    json_object_set_double_member (data, "weight", weight);

  GPtrArray *stances = g_hash_table_lookup (w->stances, node_key (ref));
  if (json_object_has_member (data, "stance"))
    json_object_remove_member (data, "stance");
  if (stances != NULL) {
    JsonObject *st = json_object_new ();
    for (guint i = 0; i < stances->len; i++) {
      const AmStance *s = g_ptr_array_index (stances, i);
      const char *id = am_map_actor (map, s->actor)->id;
      const char *value = am_stance_value_to_string (s->value);
      if (s->quote != NULL) {
        JsonObject *q = json_object_new ();
        json_object_set_string_member (q, "value", value);
        json_object_set_string_member (q, "quote", s->quote);
        json_object_set_object_member (st, id, q);
      } else {
        json_object_set_string_member (st, id, value);
      }
    }
    json_object_set_object_member (data, "stance", st);
  }
  if (json_object_get_size (data) == 0) {
    json_object_unref (data);
    return NULL;
  }
  return data;
}

static gboolean
append_data (W *w, JsonObject *data)
{
  if (data == NULL)
    return TRUE;
  g_autofree char *yaml = yaml_dump (data, FALSE, w->error);
  if (yaml == NULL)
    return FALSE;
  g_string_append_c (w->out, ' ');
  g_string_append (w->out, yaml);
  return TRUE;
}

/* `[T]: text #tags {data}` (or `<T>: ...`); `[T]` alone when the node has no text. */
static gboolean
append_definition (W *w, AmNodeRef ref, gboolean with_text)
{
  const AmMap *map = w->map;
  append_ref (w->out, map, ref);
  const char *text = ref.kind == AM_NODE_STATEMENT ? am_map_statement (map, ref.index)->text
                                                   : am_map_argument (map, ref.index)->text;
  GPtrArray *tags = ref.kind == AM_NODE_STATEMENT ? am_map_statement (map, ref.index)->tags
                                                  : am_map_argument (map, ref.index)->tags;
  if (with_text && text != NULL) {
    const char *q = text;
    while (g_ascii_isspace (*q)) /* what append_text_tags strips */
      q++;
    if (*q == '\0') {
      /* `[T]: ` reads back as a node without a text: the map would not come back. */
      g_set_error (w->error, AM_ERROR, AM_ERROR_UNSUPPORTED,
                   "the text of '%s' is only white space, which Argdown cannot hold",
                   am_map_node_title (map, ref));
      return FALSE;
    }
    g_string_append (w->out, ": ");
    if (!append_text_and_tags (w->out, text, tags, w->error))
      return FALSE;
  } else if (!append_tags (w->out, tags, NULL, w->error)) {
    return FALSE;
  }
  g_autoptr (JsonObject) data = node_data (w, ref);
  return append_data (w, data);
}

static void
indent (GString *out, guint depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* Relation symbols as seen from the parent line: incoming (child relates to parent) and
 * outgoing (parent relates to child). */
static const char *
incoming_symbol (AmRelationType type)
{
  static const char *const s[] = { "+", "-", "_", "><" };
  return s[type];
}

static const char *
outgoing_symbol (AmRelationType type)
{
  static const char *const s[] = { "+>", "->", "_>", "><" };
  return s[type];
}

static gboolean
same_node (AmNodeRef a, AmNodeRef b)
{
  return a.kind == b.kind && a.index == b.index;
}

/* The end of `rel` that is not `node` (for a relation listed under its target: the source). */
static AmNodeRef
other_end (const AmRelation *rel, AmNodeRef node)
{
  return same_node (rel->to, node) ? rel->from : rel->to;
}

/* A node may be defined inside a relation tree when that is its only natural place: not yet
 * written, with a text, in the same section as the tree, and not part of a reconstruction
 * (those are defined in their premise-conclusion structure). */
static gboolean
inline_ok (W *w, AmNodeRef ref, gint section)
{
  if (*done_of (w, ref) || !is_defined (w->map, ref) || node_section (w->map, ref) != section)
    return FALSE;
  if (ref.kind == AM_NODE_STATEMENT)
    return !w->st_in_pcs[ref.index];
  return am_map_argument (w->map, ref.index)->pcs->len == 0;
}

/* Deeper trees are cut into paragraphs: each level costs two spaces on every line below it,
 * so a chain of n nodes written as one tree would take O(n^2) bytes. */
#define MAX_TREE_DEPTH 12

typedef struct {
  AmNodeRef node;
  guint next;  /* next incoming relation to look at */
  guint depth; /* indentation of the node's children */
} TFrame;

/* The relations whose target is `root`, as an indented tree under the line just written:
 * sources that have no other place are defined inline (and get their own children), the
 * others are references. Iterative: trees can be as deep as the map. */
static gboolean
write_children (W *w, AmNodeRef root, guint depth, gint section)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (TFrame));
  TFrame first = { root, 0, depth };
  g_array_append_val (stack, first);
  while (stack->len > 0) {
    TFrame *top = &g_array_index (stack, TFrame, stack->len - 1);
    GPtrArray *in = incoming (w, top->node);
    if (top->next >= in->len) {
      g_array_set_size (stack, stack->len - 1);
      continue;
    }
    guint r = GPOINTER_TO_UINT (g_ptr_array_index (in, top->next++));
    const AmRelation *rel = am_map_relation (w->map, r);
    AmNodeRef from = other_end (rel, top->node);
    /* A source that is only ever referenced gets its first occurrence in its own section
     * (that is what gives it its section): its relations wait for it there. */
    if (w->rel_done[r] || (!is_defined (w->map, from) && !*done_of (w, from)))
      continue;
    w->rel_done[r] = TRUE;
    guint d = top->depth;
    indent (w->out, d);
    g_string_append (w->out, incoming_symbol (rel->type));
    g_string_append_c (w->out, ' ');
    if (d < MAX_TREE_DEPTH && inline_ok (w, from, section)) {
      *done_of (w, from) = TRUE;
      if (!append_definition (w, from, TRUE))
        return FALSE;
      g_string_append_c (w->out, '\n');
      TFrame child = { from, 0, d + 1 };
      g_array_append_val (stack, child);
    } else {
      append_ref (w->out, w->map, from);
      g_string_append_c (w->out, '\n');
    }
  }
  return TRUE;
}

/* The relations of a node that had to wait for it (see write_children), as outgoing ones. */
static void
write_waiting (W *w, AmNodeRef ref, guint depth)
{
  GPtrArray *out = outgoing (w, ref);
  for (guint i = 0; i < out->len; i++) {
    guint r = GPOINTER_TO_UINT (g_ptr_array_index (out, i));
    if (w->rel_done[r])
      continue;
    const AmRelation *rel = am_map_relation (w->map, r);
    AmNodeRef to = other_end (rel, ref);
    if (!*done_of (w, to))
      continue; /* written under the target when its turn comes */
    w->rel_done[r] = TRUE;
    indent (w->out, depth);
    g_string_append_printf (w->out, "%s ", outgoing_symbol (rel->type));
    append_ref (w->out, w->map, to);
    g_string_append_c (w->out, '\n');
  }
}

static gboolean
write_pcs (W *w, guint a)
{
  const AmMap *map = w->map;
  const AmArgument *arg = am_map_argument (map, a);
  g_string_append_c (w->out, '\n');
  for (guint k = 0; k < arg->pcs->len; k++) {
    const AmPcsItem *item = &g_array_index (arg->pcs, AmPcsItem, k);
    if (item->role != AM_PCS_PREMISE) {
      const char *rules = item->inference_rules;
      g_autofree char *rule_text = NULL;
      if (rules != NULL && *rules != '\0') {
        GString *t = g_string_new (NULL);
        append_text (t, rules);
        rule_text = g_string_free (t, FALSE);
      }
      JsonObject *idata = item->inference_meta.data;
      gboolean has_data = idata != NULL && json_object_get_size (idata) > 0;
      if (rule_text == NULL && !has_data) {
        g_string_append (w->out, "----\n");
      } else {
        g_string_append (w->out, "--");
        if (rule_text)
          g_string_append_printf (w->out, " %s", rule_text);
        if (has_data && !append_data (w, idata))
          return FALSE;
        g_string_append (w->out, " --\n");
      }
    }
    AmNodeRef st = am_node_ref (AM_NODE_STATEMENT, item->statement);
    g_string_append_printf (w->out, "(%u) ", k + 1);
    gboolean define = !w->st_done[item->statement]
                      && node_section (map, st) == arg->section && is_defined (map, st);
    if (define) {
      w->st_done[item->statement] = TRUE;
      if (!append_definition (w, st, TRUE))
        return FALSE;
      g_string_append_c (w->out, '\n');
      if (!write_children (w, st, 1, arg->section))
        return FALSE;
    } else {
      append_ref (w->out, map, st);
      g_string_append_c (w->out, '\n');
    }
  }
  return TRUE;
}

/* One node's home: its definition (or bare reference) with its relations under it. */
static gboolean
write_node (W *w, AmNodeRef ref, gint section)
{
  const AmMap *map = w->map;
  if (*done_of (w, ref))
    return TRUE;
  *done_of (w, ref) = TRUE;
  g_string_append_c (w->out, '\n');
  if (ref.kind == AM_NODE_ARGUMENT && am_map_argument (map, ref.index)->pcs->len > 0) {
    /* `<A>: description` then the structure after an empty line; the argument's relations
     * in a paragraph of their own after it. */
    if (!append_definition (w, ref, TRUE))
      return FALSE;
    g_string_append_c (w->out, '\n');
    if (!write_pcs (w, ref.index))
      return FALSE;
    GString *save = w->out;
    g_autoptr (GString) children = g_string_new (NULL);
    w->out = children;
    gboolean ok = write_children (w, ref, 1, section);
    write_waiting (w, ref, 1);
    w->out = save;
    if (!ok)
      return FALSE;
    if (children->len > 0) {
      g_string_append_c (w->out, '\n');
      append_ref (w->out, map, ref);
      g_string_append_c (w->out, '\n');
      g_string_append_len (w->out, children->str, (gssize) children->len);
    }
    return TRUE;
  }
  if (!append_definition (w, ref, TRUE))
    return FALSE;
  g_string_append_c (w->out, '\n');
  if (!write_children (w, ref, 1, section))
    return FALSE;
  write_waiting (w, ref, 1);
  return TRUE;
}

typedef struct {
  AmNodeRef ref;
  guint line;
} Order;

static gint
order_compare (gconstpointer pa, gconstpointer pb)
{
  const Order *a = pa, *b = pb;
  guint la = a->line ? a->line : G_MAXUINT, lb = b->line ? b->line : G_MAXUINT;
  if (la != lb)
    return la < lb ? -1 : 1;
  if (a->ref.kind != b->ref.kind)
    return a->ref.kind < b->ref.kind ? -1 : 1;
  return a->ref.index < b->ref.index ? -1 : a->ref.index > b->ref.index;
}

/* Where a node was defined: its first occurrence with a text (else its first occurrence).
 * Ordering by it keeps the author's order, and writing what was read gives the same text. */
static guint
home_line (AmOrigin first, const AmMember *members, guint n)
{
  for (guint i = 0; i < n; i++) {
    const AmMember *m = &members[i];
    if (m->text != NULL && *m->text != '\0')
      return m->origin.line;
  }
  return first.line;
}

/* Per section (index + 1; 0 for none), its nodes in the order they were defined: one pass
 * over the map, however many sections there are. */
static GArray **
section_buckets (const AmMap *map)
{
  guint n = map->sections->len + 1;
  GArray **buckets = g_new0 (GArray *, n);
  for (guint s = 0; s < n; s++)
    buckets[s] = g_array_new (FALSE, FALSE, sizeof (Order));
  for (guint i = 0; i < map->statements->len; i++) {
    const AmStatement *st = am_map_statement (map, i);
    guint s = st->section >= 0 && (guint) st->section < map->sections->len ? st->section + 1 : 0;
    Order o = { am_node_ref (AM_NODE_STATEMENT, i),
                home_line (st->origin, st->members, st->n_members) };
    g_array_append_val (buckets[s], o);
  }
  for (guint i = 0; i < map->arguments->len; i++) {
    const AmArgument *arg = am_map_argument (map, i);
    guint s = arg->section >= 0 && (guint) arg->section < map->sections->len ? arg->section + 1
                                                                              : 0;
    Order o = { am_node_ref (AM_NODE_ARGUMENT, i),
                home_line (arg->origin, arg->descriptions, arg->n_descriptions) };
    g_array_append_val (buckets[s], o);
  }
  for (guint s = 0; s < n; s++)
    g_array_sort (buckets[s], order_compare);
  return buckets;
}

static gboolean
write_section_body (W *w, gint section)
{
  GArray *nodes = w->buckets[section + 1];
  /* Nodes without a text first: their first occurrence is what gives them this section. */
  for (guint i = 0; i < nodes->len; i++) {
    AmNodeRef ref = g_array_index (nodes, Order, i).ref;
    if (is_defined (w->map, ref) || *done_of (w, ref))
      continue;
    *done_of (w, ref) = TRUE;
    g_string_append_c (w->out, '\n');
    if (!append_definition (w, ref, FALSE))
      return FALSE;
    g_string_append_c (w->out, '\n');
    if (!write_children (w, ref, 1, section))
      return FALSE;
    write_waiting (w, ref, 1);
  }
  for (guint i = 0; i < nodes->len; i++)
    if (!write_node (w, g_array_index (nodes, Order, i).ref, section))
      return FALSE;
  return TRUE;
}

static gboolean
write_front (W *w)
{
  const AmMap *map = w->map;
  g_autoptr (JsonObject) front = json_object_new ();
  GList *keys = json_object_get_members (map->front.data);
  for (GList *k = keys; k; k = k->next)
    json_object_set_member (front, k->data,
                            json_node_copy (json_object_get_member (map->front.data, k->data)));
  g_list_free (keys);
  if (map->sources->len > 0)
    json_object_set_string_member (front, "source", am_map_source (map, 0)->path);
  else if (json_object_has_member (front, "source"))
    json_object_remove_member (front, "source");
  if (map->actors->len > 0) {
    JsonObject *actors = json_object_new ();
    for (guint i = 0; i < map->actors->len; i++) {
      const AmActor *a = am_map_actor (map, i);
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "name", a->name);
      if (a->kind)
        json_object_set_string_member (o, "kind", a->kind);
      json_object_set_object_member (actors, a->id, o);
    }
    json_object_set_object_member (front, "actors", actors);
  } else if (json_object_has_member (front, "actors")) {
    json_object_remove_member (front, "actors");
  }
  /* Strict-mode relation names between statements exist only in strict mode, and there every
   * relation between statements is one: a map that came from strict Argdown (or only has
   * such relations) is written in strict mode; a map mixing both loses the names. */
  guint named = 0, plain = 0;
  for (guint i = 0; i < map->relations->len; i++) {
    const AmRelation *rel = am_map_relation (map, i);
    if (rel->from.kind == AM_NODE_STATEMENT && rel->to.kind == AM_NODE_STATEMENT)
      (rel->original != NULL ? &named : &plain)[0]++;
  }
  if (named > 0 && plain == 0) {
    JsonNode *model = json_object_get_member (front, "model");
    if (model == NULL || !JSON_NODE_HOLDS_OBJECT (model)) {
      JsonObject *m = json_object_new ();
      json_object_set_string_member (m, "mode", "strict");
      json_object_set_object_member (front, "model", m);
    } else {
      json_object_set_string_member (json_node_get_object (model), "mode", "strict");
    }
  }
  if (json_object_get_size (front) == 0)
    return TRUE;
  g_autofree char *yaml = yaml_dump (front, TRUE, w->error);
  if (yaml == NULL)
    return FALSE;
  g_string_append_printf (w->out, "===\n%s\n===\n", yaml);
  return TRUE;
}

static gboolean
write_all (W *w)
{
  const AmMap *map = w->map;
  for (guint i = 0; i < map->statements->len; i++)
    if (!check_title (am_map_statement (map, i)->title, FALSE, w->error))
      return FALSE;
  for (guint i = 0; i < map->arguments->len; i++)
    if (!check_title (am_map_argument (map, i)->title, TRUE, w->error))
      return FALSE;
  for (guint r = 0; r < map->relations->len; r++) {
    const AmRelation *rel = am_map_relation (map, r);
    if (rel->type == AM_REL_CONTRADICTION && rel->from.kind == AM_NODE_ARGUMENT
        && rel->to.kind == AM_NODE_ARGUMENT) {
      g_set_error (w->error, AM_ERROR, AM_ERROR_UNSUPPORTED,
                   "the contradiction between <%s> and <%s> cannot be written in Argdown: "
                   "'><' relates a statement", am_map_argument (map, rel->from.index)->title,
                   am_map_argument (map, rel->to.index)->title);
      return FALSE;
    }
  }
  if (!write_front (w) || !write_section_body (w, -1))
    return FALSE;
  for (guint s = 0; s < map->sections->len; s++) {
    const AmSection *sec = am_map_section (map, s);
    /* A heading's level must be deeper than its parent's; models from other formats may
     * only know the nesting. */
    guint level = sec->level;
    if (sec->parent >= 0) {
      guint parent_level = am_map_section (map, (guint) sec->parent)->level;
      if (level <= parent_level)
        level = parent_level + 1;
    }
    level = CLAMP (level, 1, 6);
    g_string_append_c (w->out, '\n');
    for (guint k = 0; k < level; k++)
      g_string_append_c (w->out, '#');
    g_string_append_c (w->out, ' ');
    if (!append_text_and_tags (w->out, sec->title, sec->tags, w->error))
      return FALSE;
    if (json_object_get_size (sec->meta.data) > 0 && !append_data (w, sec->meta.data))
      return FALSE;
    g_string_append_c (w->out, '\n');
    if (!write_section_body (w, (gint) s))
      return FALSE;
  }
  /* Whatever could not hang under its target (both ends written before it was possible). */
  for (guint r = 0; r < map->relations->len; r++) {
    if (w->rel_done[r])
      continue;
    const AmRelation *rel = am_map_relation (map, r);
    /* Under its target, or for a contradiction from an argument, under that argument. */
    gboolean flip = rel->type == AM_REL_CONTRADICTION && rel->from.kind == AM_NODE_ARGUMENT;
    g_string_append_c (w->out, '\n');
    append_ref (w->out, map, flip ? rel->from : rel->to);
    g_string_append_printf (w->out, "\n  %s ", incoming_symbol (rel->type));
    append_ref (w->out, map, flip ? rel->to : rel->from);
    g_string_append_c (w->out, '\n');
    w->rel_done[r] = TRUE;
  }
  return TRUE;
}

static void
ptr_array_unref0 (gpointer p)
{
  if (p)
    g_ptr_array_unref (p);
}

gboolean
am_argdown_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out,
                  GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  guint ns = map->statements->len, na = map->arguments->len, nr = map->relations->len;
  g_autofree gboolean *st_done = g_new0 (gboolean, ns + 1);
  g_autofree gboolean *arg_done = g_new0 (gboolean, na + 1);
  g_autofree gboolean *st_in_pcs = g_new0 (gboolean, ns + 1);
  g_autofree gboolean *rel_done = g_new0 (gboolean, nr + 1);
  g_autofree GPtrArray **in_st = g_new0 (GPtrArray *, ns + 1);
  g_autofree GPtrArray **in_arg = g_new0 (GPtrArray *, na + 1);
  g_autofree GPtrArray **out_st = g_new0 (GPtrArray *, ns + 1);
  g_autofree GPtrArray **out_arg = g_new0 (GPtrArray *, na + 1);
  for (guint i = 0; i < ns; i++) {
    in_st[i] = g_ptr_array_new ();
    out_st[i] = g_ptr_array_new ();
  }
  for (guint i = 0; i < na; i++) {
    in_arg[i] = g_ptr_array_new ();
    out_arg[i] = g_ptr_array_new ();
    const AmArgument *arg = am_map_argument (map, i);
    for (guint k = 0; k < arg->pcs->len; k++)
      st_in_pcs[g_array_index (arg->pcs, AmPcsItem, k).statement] = TRUE;
  }
  for (guint r = 0; r < nr; r++) {
    const AmRelation *rel = am_map_relation (map, r);
    /* A contradiction holds both ways: it hangs under whichever end is written first, so the
     * output does not depend on the direction it happened to be stored in; but `><` takes a
     * statement below it (Argdown refuses `>< <A>`), so never under a statement from an
     * argument. */
    gboolean contra = rel->type == AM_REL_CONTRADICTION;
    gboolean self = rel->from.kind == rel->to.kind && rel->from.index == rel->to.index;
    gboolean from_st = rel->from.kind == AM_NODE_STATEMENT;
    gboolean to_st = rel->to.kind == AM_NODE_STATEMENT;
    if (!contra || from_st)
      g_ptr_array_add (to_st ? in_st[rel->to.index] : in_arg[rel->to.index],
                       GUINT_TO_POINTER (r));
    if (!contra || to_st)
      g_ptr_array_add (from_st ? out_st[rel->from.index] : out_arg[rel->from.index],
                       GUINT_TO_POINTER (r));
    if (contra && !self && to_st)
      g_ptr_array_add (from_st ? in_st[rel->from.index] : in_arg[rel->from.index],
                       GUINT_TO_POINTER (r));
    if (contra && !self && from_st)
      g_ptr_array_add (to_st ? out_st[rel->to.index] : out_arg[rel->to.index],
                       GUINT_TO_POINTER (r));
  }
  g_autoptr (GHashTable) stances
      = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, ptr_array_unref0);
  for (guint i = 0; i < map->stances->len; i++) {
    const AmStance *s = am_map_stance (map, i);
    GPtrArray *list = g_hash_table_lookup (stances, node_key (s->node));
    if (list == NULL) {
      list = g_ptr_array_new ();
      g_hash_table_insert (stances, node_key (s->node), list);
    }
    g_ptr_array_add (list, (gpointer) s);
  }
  GArray **buckets = section_buckets (map);
  W w = { map, out->text, error, st_done, arg_done, st_in_pcs, rel_done, in_st, in_arg,
          out_st, out_arg, stances, buckets };
  gboolean ok = write_all (&w);
  for (guint s = 0; s <= map->sections->len; s++)
    g_array_unref (buckets[s]);
  g_free (buckets);
  for (guint i = 0; i < ns; i++) {
    g_ptr_array_unref (in_st[i]);
    g_ptr_array_unref (out_st[i]);
  }
  for (guint i = 0; i < na; i++) {
    g_ptr_array_unref (in_arg[i]);
    g_ptr_array_unref (out_arg[i]);
  }
  if (!ok) {
    g_string_truncate (out->text, 0);
    return FALSE;
  }
  /* The body starts with a blank line before each paragraph; drop the very first one. */
  if (out->text->len > 0 && out->text->str[0] == '\n')
    g_string_erase (out->text, 0, 1);
  return TRUE;
}
