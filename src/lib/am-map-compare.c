/* am-map-compare: whether two maps say the same thing, for round-trip tests of the formats. */
#include "am-map-compare.h"

#include <math.h>
#include <string.h>

#define MAX_REASONS 20

typedef struct {
  GString *why;
  guint differences;
} Cmp;

static void differ (Cmp *c, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
differ (Cmp *c, const char *format, ...)
{
  if (c->why != NULL && c->differences < MAX_REASONS) {
    va_list ap;
    va_start (ap, format);
    g_string_append_vprintf (c->why, format, ap);
    va_end (ap);
    g_string_append_c (c->why, '\n');
  } else if (c->why != NULL && c->differences == MAX_REASONS) {
    g_string_append (c->why, "(more differences not shown)\n");
  }
  c->differences++;
}

/* The heading path of a section: titles from the top joined by " > " (newly allocated, NULL
 * for none). */
static char *
section_path (const AmMap *map, gint section)
{
  if (section < 0 || (guint) section >= map->sections->len)
    return NULL;
  g_autoptr (GPtrArray) chain = g_ptr_array_new ();
  for (gint s = section; s >= 0 && chain->len <= map->sections->len;
       s = am_map_section (map, (guint) s)->parent)
    g_ptr_array_add (chain, am_map_section (map, (guint) s)->title);
  GString *path = g_string_new (NULL);
  for (guint i = chain->len; i-- > 0;) {
    g_string_append (path, g_ptr_array_index (chain, i));
    if (i > 0)
      g_string_append (path, " > ");
  }
  return g_string_free (path, FALSE);
}

static char *
tags_string (GPtrArray *tags)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < tags->len; i++)
    g_string_append_printf (s, "%s#(%s)", i ? " " : "", (char *) g_ptr_array_index (tags, i));
  return g_string_free (s, FALSE);
}

static char *
span_string (const AmMap *map, AmSpan span)
{
  if (span.source < 0 || (guint) span.source >= map->sources->len)
    return g_strdup ("none");
  return g_strdup_printf ("%s[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ")",
                          am_map_source (map, (guint) span.source)->path, span.start, span.end);
}

static gboolean
weights_equal (double x, double y)
{
  return (isnan (x) && isnan (y)) || x == y;
}

/* A text as compared: without the node's own tags written inline (`#tag`, `#(tag)`: Argdown
 * keeps them in the text, other formats in a column of their own), white space runs as one
 * space, none at the ends (Argdown keeps the space before inline data). NULL stays NULL. */
static char *
normalize_text (const char *text, GPtrArray *tags)
{
  if (text == NULL)
    return NULL;
  GString *out = g_string_new (NULL);
  for (const char *p = text; *p;) {
    if (*p == '#') {
      gsize skip = 0;
      for (guint i = 0; i < tags->len && skip == 0; i++) {
        const char *tag = g_ptr_array_index (tags, i);
        gsize n = strlen (tag);
        if (p[1] == '(' && strncmp (p + 2, tag, n) == 0 && p[2 + n] == ')')
          skip = n + 3;
        else if (strncmp (p + 1, tag, n) == 0
                 && (p[1 + n] == '\0' || g_ascii_isspace (p[1 + n])))
          skip = n + 1;
      }
      if (skip > 0) {
        p += skip;
        continue;
      }
    }
    if (g_ascii_isspace (*p)) {
      if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      p++;
      continue;
    }
    g_string_append_c (out, *p++);
  }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* The fields that both statements and arguments have. */
static void
compare_node (Cmp *c, const char *kind, const char *title, const AmMap *a, const AmMap *b,
              const char *text_a, const char *text_b, GPtrArray *tags_a, GPtrArray *tags_b,
              gint sec_a, gint sec_b, AmSpan span_a, AmSpan span_b, double w_a, double w_b)
{
  g_autofree char *na = normalize_text (text_a, tags_a);
  g_autofree char *nb = normalize_text (text_b, tags_b);
  if (g_strcmp0 (na, nb) != 0)
    differ (c, "%s [%s]: text \"%s\" vs \"%s\"", kind, title, text_a ? text_a : "(none)",
            text_b ? text_b : "(none)");
  g_autofree char *ta = tags_string (tags_a), *tb = tags_string (tags_b);
  if (strcmp (ta, tb) != 0)
    differ (c, "%s [%s]: tags %s vs %s", kind, title, ta, tb);
  g_autofree char *pa = section_path (a, sec_a), *pb = section_path (b, sec_b);
  if (g_strcmp0 (pa, pb) != 0)
    differ (c, "%s [%s]: section %s vs %s", kind, title, pa ? pa : "(none)",
            pb ? pb : "(none)");
  g_autofree char *sa = span_string (a, span_a), *sb = span_string (b, span_b);
  if (strcmp (sa, sb) != 0)
    differ (c, "%s [%s]: span %s vs %s", kind, title, sa, sb);
  if (!weights_equal (w_a, w_b))
    differ (c, "%s [%s]: weight %g vs %g", kind, title, w_a, w_b);
}

static void
compare_statements (Cmp *c, const AmMap *a, const AmMap *b)
{
  for (guint i = 0; i < a->statements->len; i++) {
    const AmStatement *x = am_map_statement (a, i);
    gint j = am_map_find_statement (b, x->title);
    if (j < 0) {
      differ (c, "statement [%s] only in the first map", x->title);
      continue;
    }
    const AmStatement *y = am_map_statement (b, (guint) j);
    compare_node (c, "statement", x->title, a, b, x->text, y->text, x->tags, y->tags,
                  x->section, y->section, x->span, y->span, x->weight, y->weight);
  }
  for (guint i = 0; i < b->statements->len; i++)
    if (am_map_find_statement (a, am_map_statement (b, i)->title) < 0)
      differ (c, "statement [%s] only in the second map", am_map_statement (b, i)->title);
}

static const char *
role_name (AmPcsRole role)
{
  return role == AM_PCS_PREMISE ? "premise" : role == AM_PCS_INTERMEDIARY ? "intermediary"
                                                                          : "conclusion";
}

static char *
pcs_string (const AmMap *map, const AmArgument *arg)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < arg->pcs->len; k++) {
    const AmPcsItem *item = &g_array_index (arg->pcs, AmPcsItem, k);
    g_string_append_printf (s, "%s(%s)[%s]", k ? " " : "", role_name (item->role),
                            am_map_statement (map, item->statement)->title);
  }
  return g_string_free (s, FALSE);
}

static void
compare_arguments (Cmp *c, const AmMap *a, const AmMap *b)
{
  for (guint i = 0; i < a->arguments->len; i++) {
    const AmArgument *x = am_map_argument (a, i);
    gint j = am_map_find_argument (b, x->title);
    if (j < 0) {
      differ (c, "argument <%s> only in the first map", x->title);
      continue;
    }
    const AmArgument *y = am_map_argument (b, (guint) j);
    compare_node (c, "argument", x->title, a, b, x->text, y->text, x->tags, y->tags,
                  x->section, y->section, x->span, y->span, x->weight, y->weight);
    g_autofree char *pa = pcs_string (a, x), *pb = pcs_string (b, y);
    if (strcmp (pa, pb) != 0)
      differ (c, "argument <%s>: reconstruction %s vs %s", x->title, pa, pb);
  }
  for (guint i = 0; i < b->arguments->len; i++)
    if (am_map_find_argument (a, am_map_argument (b, i)->title) < 0)
      differ (c, "argument <%s> only in the second map", am_map_argument (b, i)->title);
}

static char *
node_string (const AmMap *map, AmNodeRef ref)
{
  const char *t = am_map_node_title (map, ref);
  return ref.kind == AM_NODE_STATEMENT ? g_strdup_printf ("[%s]", t)
                                       : g_strdup_printf ("<%s>", t);
}

/* A relation as text; a contradiction's ends in a fixed order, as it holds both ways. */
static char *
relation_string (const AmMap *map, gconstpointer element)
{
  const AmRelation *rel = element;
  g_autofree char *from = node_string (map, rel->from);
  g_autofree char *to = node_string (map, rel->to);
  if (rel->type == AM_REL_CONTRADICTION && strcmp (from, to) > 0) {
    char *t = from;
    from = to;
    to = t;
  }
  /* "contradictory" only repeats what a contradiction is (the Argdown reader names every
   * `><` so): not a difference. */
  const char *original = rel->original;
  if (rel->type == AM_REL_CONTRADICTION && g_strcmp0 (original, "contradictory") == 0)
    original = NULL;
  return g_strdup_printf ("%s %s %s%s%s%s", from, am_relation_type_to_string (rel->type), to,
                          original ? " (" : "", original ? original : "", original ? ")" : "");
}

static char *
stance_string (const AmMap *map, gconstpointer element)
{
  const AmStance *s = element;
  g_autofree char *node = node_string (map, s->node);
  return g_strdup_printf ("%s is %s on %s", am_map_actor (map, s->actor)->id,
                          am_stance_value_to_string (s->value), node);
}

typedef char *(*ToString) (const AmMap *map, gconstpointer element);

/* Compares two arrays as sets of their string forms; lists what only one side has, in the
 * order of its own array. */
static void
compare_sets (Cmp *c, const char *what, const AmMap *a, GPtrArray *xa, const AmMap *b,
              GPtrArray *xb, ToString to_string)
{
  g_autoptr (GHashTable) in_a = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) in_b = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < xa->len; i++)
    g_hash_table_add (in_a, to_string (a, g_ptr_array_index (xa, i)));
  for (guint i = 0; i < xb->len; i++)
    g_hash_table_add (in_b, to_string (b, g_ptr_array_index (xb, i)));
  for (guint i = 0; i < xa->len; i++) {
    g_autofree char *s = to_string (a, g_ptr_array_index (xa, i));
    if (!g_hash_table_contains (in_b, s) && g_hash_table_remove (in_a, s))
      differ (c, "%s only in the first map: %s", what, s);
  }
  for (guint i = 0; i < xb->len; i++) {
    g_autofree char *s = to_string (b, g_ptr_array_index (xb, i));
    if (!g_hash_table_contains (in_a, s) && g_hash_table_remove (in_b, s))
      differ (c, "%s only in the second map: %s", what, s);
  }
}

static void
compare_actors (Cmp *c, const AmMap *a, const AmMap *b)
{
  for (guint i = 0; i < a->actors->len; i++) {
    const AmActor *x = am_map_actor (a, i);
    gint j = am_map_find_actor (b, x->id);
    if (j < 0) {
      differ (c, "actor '%s' only in the first map", x->id);
      continue;
    }
    const AmActor *y = am_map_actor (b, (guint) j);
    if (g_strcmp0 (x->name, y->name) != 0)
      differ (c, "actor '%s': name \"%s\" vs \"%s\"", x->id, x->name, y->name);
    if (g_strcmp0 (x->kind, y->kind) != 0)
      differ (c, "actor '%s': kind %s vs %s", x->id, x->kind ? x->kind : "(none)",
              y->kind ? y->kind : "(none)");
  }
  for (guint i = 0; i < b->actors->len; i++)
    if (am_map_find_actor (a, am_map_actor (b, i)->id) < 0)
      differ (c, "actor '%s' only in the second map", am_map_actor (b, i)->id);
}

gboolean
am_map_equal (const AmMap *a, const AmMap *b, GString *why)
{
  Cmp c = { why, 0 };
  compare_statements (&c, a, b);
  compare_arguments (&c, a, b);
  compare_sets (&c, "relation", a, a->relations, b, b->relations, relation_string);
  compare_actors (&c, a, b);
  compare_sets (&c, "stance", a, a->stances, b, b->stances, stance_string);
  return c.differences == 0;
}
