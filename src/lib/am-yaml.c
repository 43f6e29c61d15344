/* am-yaml: YAML (through libyaml) to json-glib nodes, with origins mapped into the enclosing file. */
#include "am-yaml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "am-error.h"

/* One open collection while the event stream is walked; an explicit stack keeps deep YAML from
 * recursing. */
typedef struct {
  JsonNode *node;   /* JSON_NODE_OBJECT or JSON_NODE_ARRAY, owned */
  char *key;        /* mappings: the key waiting for its value */
  char *anchor;     /* anchor of this collection, or NULL */
  gboolean have_key;
} Frame;

static AmOrigin
map_mark (AmOrigin base, yaml_mark_t mark)
{
  AmOrigin o = base;
  if (base.line == 0)
    return o;
  o.line = base.line + (guint) mark.line;
  o.column = mark.line == 0 ? base.column + (guint) mark.column : (guint) mark.column + 1;
  return o;
}

static gboolean
all_digits (const char *s, const char *accept)
{
  if (*s == '\0')
    return FALSE;
  return strspn (s, accept) == strlen (s);
}

/* YAML 1.2 core schema resolution of a plain scalar. */
static JsonNode *
resolve_plain (const char *s)
{
  JsonNode *n = json_node_alloc ();
  if (*s == '\0' || strcmp (s, "~") == 0 || strcmp (s, "null") == 0 || strcmp (s, "Null") == 0
      || strcmp (s, "NULL") == 0)
    return json_node_init_null (n);
  if (strcmp (s, "true") == 0 || strcmp (s, "True") == 0 || strcmp (s, "TRUE") == 0)
    return json_node_init_boolean (n, TRUE);
  if (strcmp (s, "false") == 0 || strcmp (s, "False") == 0 || strcmp (s, "FALSE") == 0)
    return json_node_init_boolean (n, FALSE);

  const char *d = s;
  if (*d == '-' || *d == '+')
    d++;
  if (all_digits (d, "0123456789") && strlen (d) < 19)
    return json_node_init_int (n, g_ascii_strtoll (s, NULL, 10));
  if (strncmp (s, "0x", 2) == 0 && all_digits (s + 2, "0123456789abcdefABCDEF") && strlen (s) < 17)
    return json_node_init_int (n, (gint64) g_ascii_strtoull (s + 2, NULL, 16));
  if (strncmp (s, "0o", 2) == 0 && all_digits (s + 2, "01234567") && strlen (s) < 22)
    return json_node_init_int (n, (gint64) g_ascii_strtoull (s + 2, NULL, 8));

  /* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
  const char *p = d;
  gsize int_digits = strspn (p, "0123456789");
  p += int_digits;
  gsize frac_digits = 0;
  gboolean dot = FALSE;
  if (*p == '.') {
    dot = TRUE;
    p++;
    frac_digits = strspn (p, "0123456789");
    p += frac_digits;
  }
  gboolean ok = int_digits > 0 || (dot && frac_digits > 0);
  if (ok && (*p == 'e' || *p == 'E')) {
    p++;
    if (*p == '-' || *p == '+')
      p++;
    gsize exp_digits = strspn (p, "0123456789");
    ok = exp_digits > 0;
    p += exp_digits;
  }
  if (ok && *p == '\0')
    return json_node_init_double (n, g_ascii_strtod (s, NULL));
  /* Infinities and NaN have no JSON form: they stay strings. */
  return json_node_init_string (n, s);
}

static JsonNode *
scalar_node (const yaml_event_t *ev)
{
  const char *value = (const char *) ev->data.scalar.value;
  const char *tag = (const char *) ev->data.scalar.tag;
  if (tag != NULL && strcmp (tag, YAML_STR_TAG) == 0)
    return json_node_init_string (json_node_alloc (), value);
  if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE || (tag && strcmp (tag, "!") != 0))
    return resolve_plain (value);
  return json_node_init_string (json_node_alloc (), value);
}

static void
frame_clear (gpointer p)
{
  Frame *f = p;
  g_clear_pointer (&f->node, json_node_unref);
  g_clear_pointer (&f->key, g_free);
  g_clear_pointer (&f->anchor, g_free);
}

/* Hands `value` (owned) to the innermost collection, or makes it the root. */
static gboolean
add_value (GArray *stack, JsonNode **root, JsonNode *value, AmOrigin origin,
           GHashTable *origins, const char **bad_key)
{
  if (stack->len == 0) {
    *root = value;
    return TRUE;
  }
  Frame *top = &g_array_index (stack, Frame, stack->len - 1);
  if (JSON_NODE_HOLDS_ARRAY (top->node)) {
    json_array_add_element (json_node_get_array (top->node), value);
    return TRUE;
  }
  if (!top->have_key) {
    /* A key: JSON keys are strings, so the scalar's text is used as it is. */
    if (!JSON_NODE_HOLDS_VALUE (value) && !JSON_NODE_HOLDS_NULL (value)) {
      json_node_unref (value);
      *bad_key = "mapping keys must be scalars";
      return FALSE;
    }
    g_free (top->key);
    if (JSON_NODE_HOLDS_NULL (value))
      top->key = g_strdup ("null");
    else if (json_node_get_value_type (value) == G_TYPE_STRING)
      top->key = g_strdup (json_node_get_string (value));
    else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
      top->key = g_strdup (json_node_get_boolean (value) ? "true" : "false");
    else if (json_node_get_value_type (value) == G_TYPE_INT64)
      top->key = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    else {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      top->key = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (value)));
    }
    top->have_key = TRUE;
    json_node_unref (value);
    return TRUE;
  }
  json_object_set_member (json_node_get_object (top->node), top->key, value);
  if (origins != NULL && stack->len == 1)
    g_hash_table_insert (origins, g_strdup (top->key), g_memdup2 (&origin, sizeof origin));
  g_clear_pointer (&top->key, g_free);
  top->have_key = FALSE;
  return TRUE;
}

JsonNode *
am_yaml_parse (const char *text, gsize len, AmOrigin base, GHashTable *origins,
               AmOrigin *error_origin, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  yaml_parser_t parser;
  if (!yaml_parser_initialize (&parser)) {
    g_set_error (error, AM_ERROR, AM_ERROR_FAILED, "cannot initialise the YAML parser");
    return NULL;
  }
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, len);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  g_autoptr (GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_array_set_clear_func (stack, frame_clear);
  g_autoptr (GHashTable) anchors
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  JsonNode *root = NULL;
  guint documents = 0;
  gboolean done = FALSE, failed = FALSE;
  const char *problem = NULL;
  yaml_mark_t problem_mark = { 0, 0, 0 };

  while (!done && !failed) {
    yaml_event_t ev;
    if (!yaml_parser_parse (&parser, &ev)) {
      failed = TRUE;
      problem = parser.problem ? parser.problem : "invalid YAML";
      problem_mark = parser.problem_mark;
      break;
    }
    AmOrigin origin = map_mark (base, ev.start_mark);
    JsonNode *value = NULL;
    const char *anchor = NULL;
    switch (ev.type) {
    case YAML_STREAM_END_EVENT:
      done = TRUE;
      break;
    case YAML_DOCUMENT_START_EVENT:
      if (++documents > 1) {
        failed = TRUE;
        problem = "more than one YAML document";
        problem_mark = ev.start_mark;
      }
      break;
    case YAML_SCALAR_EVENT:
      value = scalar_node (&ev);
      anchor = (const char *) ev.data.scalar.anchor;
      break;
    case YAML_ALIAS_EVENT: {
      JsonNode *target = g_hash_table_lookup (anchors, ev.data.alias.anchor);
      if (target == NULL) {
        failed = TRUE;
        problem = "unknown alias";
        problem_mark = ev.start_mark;
      } else
        value = json_node_copy (target);
      break;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      Frame f = { 0 };
      if (ev.type == YAML_SEQUENCE_START_EVENT) {
        f.node = json_node_init_array (json_node_alloc (), json_array_new ());
        f.anchor = g_strdup ((const char *) ev.data.sequence_start.anchor);
      } else {
        f.node = json_node_init_object (json_node_alloc (), json_object_new ());
        f.anchor = g_strdup ((const char *) ev.data.mapping_start.anchor);
      }
      /* The origin of a collection value is where it starts: remember it in the parent. */
      if (stack->len == 1 && origins != NULL) {
        Frame *top = &g_array_index (stack, Frame, 0);
        if (JSON_NODE_HOLDS_OBJECT (top->node) && top->have_key)
          g_hash_table_insert (origins, g_strdup (top->key), g_memdup2 (&origin, sizeof origin));
      }
      g_array_append_val (stack, f);
      break;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      Frame *top = &g_array_index (stack, Frame, stack->len - 1);
      value = g_steal_pointer (&top->node);
      char *a = g_steal_pointer (&top->anchor);
      g_array_set_size (stack, stack->len - 1);
      if (a != NULL)
        g_hash_table_insert (anchors, a, json_node_copy (value));
      /* Its origin was recorded at the start; do not overwrite it with the end. */
      if (stack->len == 1) {
        Frame *parent = &g_array_index (stack, Frame, 0);
        if (JSON_NODE_HOLDS_OBJECT (parent->node) && parent->have_key) {
          json_object_set_member (json_node_get_object (parent->node), parent->key, value);
          g_clear_pointer (&parent->key, g_free);
          parent->have_key = FALSE;
          value = NULL;
        }
      }
      break;
    }
    default:
      break;
    }
    if (value != NULL) {
      if (anchor != NULL)
        g_hash_table_insert (anchors, g_strdup (anchor), json_node_copy (value));
      const char *bad = NULL;
      if (!add_value (stack, &root, value, origin, origins, &bad)) {
        failed = TRUE;
        problem = bad;
        problem_mark = ev.start_mark;
      }
    }
    yaml_event_delete (&ev);
  }

  if (failed) {
    if (error_origin)
      *error_origin = map_mark (base, problem_mark);
    g_set_error (error, AM_ERROR, AM_ERROR_PARSE, "invalid YAML: %s", problem);
    yaml_parser_delete (&parser);
    if (root)
      json_node_unref (root);
    return NULL;
  }
  yaml_parser_delete (&parser);
  return root ? root : json_node_init_null (json_node_alloc ());
}
