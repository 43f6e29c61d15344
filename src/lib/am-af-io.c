/* am-af-io: abstract framework files: ICCMA 2023 `p af N` (.af/.i23), ASPARTIX APX and TGF,
 * read in one streaming pass straight into an AmAf, and written from one; plus the adapters
 * that register them as map formats (i23, apx, tgf). */
#include "am-af-io.h"

#include <stdarg.h>
#include <string.h>

#include "am-error.h"
#include "am-formats.h"

/* Stop reporting after this many errors: a wrong file of a million lines would otherwise
 * produce a million diagnostics. */
#define MAX_ERRORS 50

/* The largest framework read: about 2.4 GB of per-argument arrays before any attack. */
#define AM_AF_MAX_ARGUMENTS 100000000u

static const struct {
  const char *ext;
  AmAfFormat format;
} af_extensions[] = {
  { ".af", AM_AF_FORMAT_I23 },
  { ".i23", AM_AF_FORMAT_I23 },
  { ".apx", AM_AF_FORMAT_APX },
  { ".tgf", AM_AF_FORMAT_TGF },
};

gboolean
am_af_format_from_path (const char *path, AmAfFormat *out)
{
  gsize len = strlen (path);
  for (guint i = 0; i < G_N_ELEMENTS (af_extensions); i++) {
    gsize elen = strlen (af_extensions[i].ext);
    if (len > elen && g_ascii_strcasecmp (path + len - elen, af_extensions[i].ext) == 0) {
      *out = af_extensions[i].format;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean
am_af_format_from_name (const char *name, AmAfFormat *out)
{
  if (g_ascii_strcasecmp (name, "i23") == 0 || g_ascii_strcasecmp (name, "af") == 0
      || g_ascii_strcasecmp (name, "iccma") == 0)
    *out = AM_AF_FORMAT_I23;
  else if (g_ascii_strcasecmp (name, "apx") == 0)
    *out = AM_AF_FORMAT_APX;
  else if (g_ascii_strcasecmp (name, "tgf") == 0)
    *out = AM_AF_FORMAT_TGF;
  else
    return FALSE;
  return TRUE;
}

/* ---- Scanning: one pointer over the bytes; the line number and the start of the current
 * line are kept as we go, so a location costs nothing until an error needs its column. ---- */

typedef struct {
  const char *file;
  const char *p, *end;
  const char *line_start;
  guint line;
  AmDiagnostics *diags;
  guint errors;
  GArray *comments; /* i23: the comment lines ("# ..."), as pairs of pointers; NULL: not kept */
} Scan;

static AmOrigin
scan_origin (const Scan *s, const char *at)
{
  guint col = 1;
  for (const char *q = s->line_start; q < at; q++)
    if (((guchar) *q & 0xC0) != 0x80) /* count characters, not UTF-8 continuation bytes */
      col++;
  return am_origin (s->file, s->line, col);
}

static void scan_error (Scan *s, const char *at, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
scan_error (Scan *s, const char *at, const char *format, ...)
{
  s->errors++;
  if (s->errors > MAX_ERRORS)
    return;
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (s->errors == MAX_ERRORS)
    am_diag_error (s->diags, scan_origin (s, at), "%s (further errors not shown)", msg);
  else
    am_diag_error (s->diags, scan_origin (s, at), "%s", msg);
}

/* The next line [*ls, *le) without its line break; FALSE at the end. */
static gboolean
next_line (Scan *s, const char **ls, const char **le)
{
  if (s->p >= s->end)
    return FALSE;
  const char *nl = memchr (s->p, '\n', (size_t) (s->end - s->p));
  const char *e = nl ? nl : s->end;
  s->line++;
  s->line_start = s->p;
  *ls = s->p;
  *le = (e > s->p && e[-1] == '\r') ? e - 1 : e;
  s->p = nl ? nl + 1 : s->end;
  return TRUE;
}

static const char *
skip_blank (const char *p, const char *e)
{
  while (p < e && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

static const char *
token_end (const char *p, const char *e)
{
  while (p < e && *p != ' ' && *p != '\t')
    p++;
  return p;
}

/* A decimal number filling [p, q); FALSE if it is not one or does not fit. */
static gboolean
parse_uint (const char *p, const char *q, guint *out)
{
  guint64 v = 0;
  if (p == q)
    return FALSE;
  for (; p < q; p++) {
    if (*p < '0' || *p > '9')
      return FALSE;
    v = v * 10 + (guint64) (*p - '0');
    if (v > G_MAXUINT32 - 1)
      return FALSE;
  }
  *out = (guint) v;
  return TRUE;
}

static char *
dup_token (const char *p, const char *q)
{
  return g_strndup (p, (gsize) (q - p));
}

/* Builds the framework from collected names and edges (consumed). */
static AmAf *
build_af (GPtrArray *names, GArray *from, GArray *to)
{
  AmAf *af = am_af_new (names ? names->len : 0);
  if (names) {
    g_ptr_array_add (names, NULL);
    af->names = (char **) g_ptr_array_free (names, FALSE);
  }
  g_array_unref (af->att_from);
  g_array_unref (af->att_to);
  af->att_from = from;
  af->att_to = to;
  am_af_finalize (af);
  return af;
}

/* ---- ICCMA 2023 ---- */

static AmAf *
read_i23 (Scan *s)
{
  const char *ls, *le;
  AmAf *af = NULL;
  guint n = 0;
  while (next_line (s, &ls, &le)) {
    const char *p = skip_blank (ls, le);
    if (p < le && *p == '#' && s->comments) {
      const char *line[2] = { p, le };
      g_array_append_vals (s->comments, line, 2);
    }
    if (p == le || *p == '#')
      continue;
    const char *q = token_end (p, le);
    if (af == NULL) {
      /* The p-line: "p af N". */
      const char *t2 = skip_blank (q, le), *q2 = token_end (t2, le);
      const char *t3 = skip_blank (q2, le), *q3 = token_end (t3, le);
      if (q - p != 1 || *p != 'p' || q2 - t2 != 2 || strncmp (t2, "af", 2) != 0) {
        scan_error (s, p, "expected the p-line 'p af N' before any attack");
        return NULL;
      }
      if (!parse_uint (t3, q3, &n)) {
        scan_error (s, t3, "expected the number of arguments after 'p af'");
        return NULL;
      }
      if (n > AM_AF_MAX_ARGUMENTS) {
        /* A one-line file could otherwise ask for gigabytes of per-argument arrays. */
        scan_error (s, t3, "%u arguments: more than argmap handles (%u)", n,
                    AM_AF_MAX_ARGUMENTS);
        return NULL;
      }
      if (skip_blank (q3, le) != le)
        scan_error (s, skip_blank (q3, le), "unexpected text after the p-line");
      af = am_af_new (n);
      /* Every attack is a line: reserve for the lines left (one fast memchr pass) rather
       * than growing by doubling through a large file. */
      gsize guess = 1;
      for (const char *c = s->p; c < s->end && (c = memchr (c, '\n', (size_t) (s->end - c)));
           c++)
        guess++;
      g_array_set_size (af->att_from, (guint) MIN (guess, G_MAXUINT / 2));
      g_array_set_size (af->att_from, 0);
      g_array_set_size (af->att_to, (guint) MIN (guess, G_MAXUINT / 2));
      g_array_set_size (af->att_to, 0);
      continue;
    }
    if (q - p == 1 && *p == 'p') {
      scan_error (s, p, "a second p-line (the first declares %u arguments)", n);
      continue;
    }
    const char *t2 = skip_blank (q, le), *q2 = token_end (t2, le);
    guint a, b;
    if (!parse_uint (p, q, &a)) {
      scan_error (s, p, "expected an attack 'i j' (two argument numbers)");
      continue;
    }
    if (!parse_uint (t2, q2, &b)) {
      scan_error (s, t2 < le ? t2 : le, "expected a second argument number");
      continue;
    }
    if (skip_blank (q2, le) != le) {
      scan_error (s, skip_blank (q2, le), "unexpected text after the attack");
      continue;
    }
    if (a < 1 || a > n) {
      scan_error (s, p, "argument %u out of range (the p-line declares 1..%u)", a, n);
      continue;
    }
    if (b < 1 || b > n) {
      scan_error (s, t2, "argument %u out of range (the p-line declares 1..%u)", b, n);
      continue;
    }
    a--;
    b--;
    g_array_append_val (af->att_from, a);
    g_array_append_val (af->att_to, b);
  }
  if (af == NULL) {
    s->line = MAX (s->line, 1);
    s->line_start = s->p;
    scan_error (s, s->p, "missing the p-line 'p af N'");
    return NULL;
  }
  am_af_finalize (af);
  return af;
}

/* ---- Names for APX and TGF ---- */

typedef struct {
  GPtrArray *names;   /* char* (owned), in order of first appearance */
  GHashTable *index;  /* name (borrowed from names) -> index + 1 */
  GArray *from, *to;
} Names;

static void
names_init (Names *nm)
{
  nm->names = g_ptr_array_new ();
  nm->index = g_hash_table_new (g_str_hash, g_str_equal);
  nm->from = g_array_new (FALSE, FALSE, sizeof (guint));
  nm->to = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
names_clear (Names *nm)
{
  if (nm->names) {
    g_ptr_array_set_free_func (nm->names, g_free);
    g_ptr_array_unref (nm->names);
  }
  g_clear_pointer (&nm->index, g_hash_table_unref);
  if (nm->from)
    g_array_unref (nm->from);
  if (nm->to)
    g_array_unref (nm->to);
}

/* Index of `name` (taken), added if new; *created tells. */
static guint
names_intern (Names *nm, char *name, gboolean *created)
{
  gpointer v = g_hash_table_lookup (nm->index, name);
  if (v) {
    g_free (name);
    *created = FALSE;
    return GPOINTER_TO_UINT (v) - 1;
  }
  g_ptr_array_add (nm->names, name);
  g_hash_table_insert (nm->index, name, GUINT_TO_POINTER (nm->names->len));
  *created = TRUE;
  return nm->names->len - 1;
}

static AmAf *
names_build (Names *nm)
{
  AmAf *af = build_af (nm->names, nm->from, nm->to);
  nm->names = NULL;
  nm->from = nm->to = NULL;
  return af;
}

/* ---- APX ---- */

/* Skips white space (any line breaks, keeping count) and % comments. */
static void
apx_skip (Scan *s)
{
  while (s->p < s->end) {
    char c = *s->p;
    if (c == '\n') {
      s->p++;
      s->line++;
      s->line_start = s->p;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      s->p++;
    } else if (c == '%') {
      while (s->p < s->end && *s->p != '\n')
        s->p++;
    } else {
      break;
    }
  }
}

/* A term: a "quoted string" or a run of characters other than space , ( ) . % ". Returns it
 * newly allocated (quotes removed), or NULL after reporting an error. */
static char *
apx_term (Scan *s)
{
  apx_skip (s);
  const char *start = s->p;
  if (s->p < s->end && *s->p == '"') {
    GString *out = g_string_new (NULL);
    s->p++;
    while (s->p < s->end && *s->p != '"' && *s->p != '\n') {
      if (*s->p == '\\' && s->p + 1 < s->end && s->p[1] != '\n')
        s->p++;
      g_string_append_c (out, *s->p++);
    }
    if (s->p >= s->end || *s->p != '"') {
      scan_error (s, start, "unterminated quoted name");
      g_string_free (out, TRUE);
      return NULL;
    }
    s->p++;
    return g_string_free (out, FALSE);
  }
  while (s->p < s->end && !strchr (" \t\r\n,().%\"", *s->p))
    s->p++;
  if (s->p == start) {
    scan_error (s, start, "expected an argument name");
    return NULL;
  }
  return dup_token (start, s->p);
}

static gboolean
apx_expect (Scan *s, char c, const char *what)
{
  apx_skip (s);
  if (s->p < s->end && *s->p == c) {
    s->p++;
    return TRUE;
  }
  scan_error (s, s->p, "expected %s", what);
  return FALSE;
}

/* After an error: continue after the next '.' ending a statement, or at the next line. */
static void
apx_recover (Scan *s)
{
  while (s->p < s->end && *s->p != '.' && *s->p != '\n')
    s->p++;
  if (s->p < s->end && *s->p == '.')
    s->p++;
}

static AmAf *
read_apx (Scan *s)
{
  Names nm;
  names_init (&nm);
  /* Attacks may name an argument before its arg(...) fact: remember where, and report it if
   * the fact never comes. index -> AmOrigin* */
  g_autoptr (GHashTable) pending = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                          g_free);
  s->line = 1;
  s->line_start = s->p;
  for (;;) {
    apx_skip (s);
    if (s->p >= s->end)
      break;
    const char *start = s->p;
    while (s->p < s->end && g_ascii_isalpha (*s->p))
      s->p++;
    gsize len = (gsize) (s->p - start);
    gboolean is_arg = len == 3 && strncmp (start, "arg", 3) == 0;
    gboolean is_att = len == 3 && strncmp (start, "att", 3) == 0;
    if (!is_arg && !is_att) {
      scan_error (s, start, "expected 'arg(NAME).' or 'att(NAME,NAME).'");
      apx_recover (s);
      continue;
    }
    if (!apx_expect (s, '(', "'('")) {
      apx_recover (s);
      continue;
    }
    AmOrigin where = scan_origin (s, s->p);
    g_autofree char *a = apx_term (s);
    g_autofree char *b = NULL;
    if (a == NULL) {
      apx_recover (s);
      continue;
    }
    AmOrigin where_b = where;
    if (is_att) {
      if (!apx_expect (s, ',', "',' and the attacked argument")) {
        apx_recover (s);
        continue;
      }
      apx_skip (s);
      where_b = scan_origin (s, s->p);
      if ((b = apx_term (s)) == NULL) {
        apx_recover (s);
        continue;
      }
    }
    if (!apx_expect (s, ')', "')'") || !apx_expect (s, '.', "'.' ending the statement")) {
      apx_recover (s);
      continue;
    }
    gboolean created;
    if (is_arg) {
      guint i = names_intern (&nm, g_steal_pointer (&a), &created);
      if (!created && !g_hash_table_remove (pending, GUINT_TO_POINTER (i)))
        am_diag_warning (s->diags, where, "argument '%s' declared twice",
                         (char *) g_ptr_array_index (nm.names, i));
      continue;
    }
    guint ia = names_intern (&nm, g_steal_pointer (&a), &created);
    if (created)
      g_hash_table_insert (pending, GUINT_TO_POINTER (ia), g_memdup2 (&where, sizeof where));
    guint ib = names_intern (&nm, g_steal_pointer (&b), &created);
    if (created)
      g_hash_table_insert (pending, GUINT_TO_POINTER (ib), g_memdup2 (&where_b, sizeof where));
    g_array_append_val (nm.from, ia);
    g_array_append_val (nm.to, ib);
  }
  if (g_hash_table_size (pending) > 0) {
    /* In argument order, so the diagnostics are deterministic. */
    for (guint i = 0; i < nm.names->len; i++) {
      AmOrigin *o = g_hash_table_lookup (pending, GUINT_TO_POINTER (i));
      if (o && ++s->errors <= MAX_ERRORS)
        am_diag_error (s->diags, *o, "argument '%s' is attacked or attacks but has no arg(%s).",
                       (char *) g_ptr_array_index (nm.names, i),
                       (char *) g_ptr_array_index (nm.names, i));
    }
  }
  AmAf *af = s->errors ? NULL : names_build (&nm);
  names_clear (&nm);
  return af;
}

/* ---- TGF ---- */

static AmAf *
read_tgf (Scan *s)
{
  Names nm;
  names_init (&nm);
  /* Edges name nodes by id; the node's name is its label when it has one, else its id. */
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean edges = FALSE;
  const char *ls, *le;
  while (next_line (s, &ls, &le)) {
    const char *p = skip_blank (ls, le);
    if (p == le)
      continue;
    if (!edges && *p == '#') {
      edges = TRUE;
      continue;
    }
    const char *q = token_end (p, le);
    if (!edges) {
      const char *label = skip_blank (q, le);
      const char *lend = le;
      while (lend > label && (lend[-1] == ' ' || lend[-1] == '\t'))
        lend--;
      char *id = dup_token (p, q);
      if (g_hash_table_contains (ids, id)) {
        scan_error (s, p, "node '%s' declared twice", id);
        g_free (id);
        continue;
      }
      gboolean created;
      char *name = label < lend ? dup_token (label, lend) : g_strdup (id);
      guint i = names_intern (&nm, name, &created);
      if (!created) {
        scan_error (s, label < lend ? label : p, "two nodes named '%s'",
                    (char *) g_ptr_array_index (nm.names, i));
        g_free (id);
        continue;
      }
      g_hash_table_insert (ids, id, GUINT_TO_POINTER (i + 1));
      continue;
    }
    const char *t2 = skip_blank (q, le), *q2 = token_end (t2, le);
    if (t2 == le) {
      scan_error (s, le, "expected an edge 'FROM TO' (two node ids)");
      continue;
    }
    g_autofree char *a = dup_token (p, q), *b = dup_token (t2, q2);
    guint ia = GPOINTER_TO_UINT (g_hash_table_lookup (ids, a));
    guint ib = GPOINTER_TO_UINT (g_hash_table_lookup (ids, b));
    if (ia == 0) {
      scan_error (s, p, "unknown node '%s' (not declared before '#')", a);
      continue;
    }
    if (ib == 0) {
      scan_error (s, t2, "unknown node '%s' (not declared before '#')", b);
      continue;
    }
    ia--;
    ib--;
    g_array_append_val (nm.from, ia);
    g_array_append_val (nm.to, ib);
  }
  AmAf *af = s->errors ? NULL : names_build (&nm);
  names_clear (&nm);
  return af;
}

/* am_af_read, keeping the comment lines of an i23 file in `comments` (may be NULL). */
static AmAf *
read_af (AmAfFormat format, const AmInput *input, AmDiagnostics *diags, GArray *comments,
         GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  gsize len = 0;
  const char *data = input->bytes ? g_bytes_get_data (input->bytes, &len) : NULL;
  const char *text = data ? data : "";
  Scan s = { g_intern_string (input->name ? input->name : "<input>"), text, text + len, text, 0,
             diags, 0, comments };
  AmAf *af = NULL;
  switch (format) {
  case AM_AF_FORMAT_I23:
    af = read_i23 (&s);
    break;
  case AM_AF_FORMAT_APX:
    af = read_apx (&s);
    break;
  case AM_AF_FORMAT_TGF:
    af = read_tgf (&s);
    break;
  }
  if (s.errors > 0) {
    am_af_free (af);
    g_set_error (error, AM_ERROR, AM_ERROR_PARSE, "%s: %u error(s)", s.file, s.errors);
    return NULL;
  }
  return af;
}

AmAf *
am_af_read (AmAfFormat format, const AmInput *input, AmDiagnostics *diags, GError **error)
{
  return read_af (format, input, diags, NULL, error);
}

/* ---- Writing ---- */

/* A name as an APX term: plain when it is an ASP constant or number, else quoted. */
static void
append_apx_term (GString *out, const char *name)
{
  gboolean plain = name[0] != '\0';
  gboolean digits = g_ascii_isdigit (name[0]);
  if (plain && !digits && !g_ascii_islower (name[0]))
    plain = FALSE;
  for (const char *p = name; plain && *p; p++)
    if (digits ? !g_ascii_isdigit (*p) : !(g_ascii_isalnum (*p) || *p == '_'))
      plain = FALSE;
  if (plain) {
    g_string_append (out, name);
    return;
  }
  g_string_append_c (out, '"');
  for (const char *p = name; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c (out, '\\');
    g_string_append_c (out, (*p == '\n' || *p == '\r') ? ' ' : *p);
  }
  g_string_append_c (out, '"');
}

/* A name on one line (TGF labels, i23 comments): line breaks become spaces. */
static void
append_one_line (GString *out, const char *name)
{
  for (const char *p = name; *p; p++)
    g_string_append_c (out, (*p == '\n' || *p == '\r') ? ' ' : *p);
}

void
am_af_write (const AmAf *af, AmAfFormat format, GString *out)
{
  g_return_if_fail (af->finalized);
  const guint *from = (const guint *) (const void *) af->att_from->data;
  const guint *to = (const guint *) (const void *) af->att_to->data;
  guint m = af->att_from->len;
  switch (format) {
  case AM_AF_FORMAT_I23:
    g_string_append_printf (out, "p af %u\n", af->n);
    /* After the p-line: the rules want it to be the first line. */
    if (af->sup_from->len > 0)
      g_string_append_printf (out, "# argmap: %u support relation(s) not representable here\n",
                              af->sup_from->len);
    /* Names survive as comments, which the format allows anywhere. */
    for (guint a = 0; af->names && a < af->n; a++) {
      g_string_append_printf (out, "# %u ", a + 1);
      append_one_line (out, af->names[a]);
      g_string_append_c (out, '\n');
    }
    for (guint e = 0; e < m; e++)
      g_string_append_printf (out, "%u %u\n", from[e] + 1, to[e] + 1);
    break;
  case AM_AF_FORMAT_APX:
    for (guint a = 0; a < af->n; a++) {
      g_autofree char *name = am_af_dup_name (af, a);
      g_string_append (out, "arg(");
      append_apx_term (out, name);
      g_string_append (out, ").\n");
    }
    for (guint e = 0; e < m; e++) {
      g_autofree char *x = am_af_dup_name (af, from[e]), *y = am_af_dup_name (af, to[e]);
      g_string_append (out, "att(");
      append_apx_term (out, x);
      g_string_append_c (out, ',');
      append_apx_term (out, y);
      g_string_append (out, ").\n");
    }
    break;
  case AM_AF_FORMAT_TGF:
    for (guint a = 0; a < af->n; a++) {
      g_string_append_printf (out, "%u", a + 1);
      if (af->names) {
        g_string_append_c (out, ' ');
        append_one_line (out, af->names[a]);
      }
      g_string_append_c (out, '\n');
    }
    g_string_append (out, "#\n");
    for (guint e = 0; e < m; e++)
      g_string_append_printf (out, "%u %u\n", from[e] + 1, to[e] + 1);
    break;
  }
}

gboolean
am_af_find_argument (const AmAf *af, const char *name, guint *out)
{
  if (af->names == NULL) {
    guint v;
    if (!parse_uint (name, name + strlen (name), &v) || v < 1 || v > af->n)
      return FALSE;
    *out = v - 1;
    return TRUE;
  }
  for (guint a = 0; a < af->n; a++)
    if (g_strcmp0 (af->names[a], name) == 0) {
      *out = a;
      return TRUE;
    }
  return FALSE;
}

/* ---- As map formats: every argument a statement, every attack an attack relation ---- */

/* Titles that argmap's own i23 writer left as comments ("# 3 Some title"), so that a map
 * written as i23 reads back with its titles. Only for the map format: `argmap solve` keeps the
 * numbers, as the ICCMA rules want. `comments` are the comment lines read_i23 kept (pairs of
 * pointers, each line from its '#'); titles[a] stays NULL where there is none. */
static void
i23_comment_titles (const GArray *comments, guint n, char **titles)
{
  for (guint i = 0; i + 1 < comments->len; i += 2) {
    const char *le = g_array_index (comments, const char *, i + 1);
    const char *p = skip_blank (g_array_index (comments, const char *, i) + 1, le);
    const char *q = token_end (p, le);
    guint a;
    if (!parse_uint (p, q, &a) || a < 1 || a > n || q == le || titles[a - 1])
      continue;
    const char *t = skip_blank (q, le);
    if (t < le)
      titles[a - 1] = dup_token (t, le);
  }
}

static AmMap *
read_map (AmAfFormat format, const AmInput *input, AmDiagnostics *diags, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GArray) comments
      = format == AM_AF_FORMAT_I23 ? g_array_new (FALSE, FALSE, sizeof (const char *)) : NULL;
  g_autoptr (AmAf) af = read_af (format, input, diags, comments, &local);
  AmMap *map = am_map_new (input->name);
  if (af == NULL)
    return map; /* the errors are in `diags`, which makes the load fail */
  AmOrigin o = am_origin (input->name, 0, 0);
  g_auto (GStrv) titles = g_new0 (char *, af->n + 1);
  if (comments)
    i23_comment_titles (comments, af->n, titles);
  for (guint a = 0; a < af->n; a++)
    if (titles[a] == NULL)
      titles[a] = am_af_dup_name (af, a);
  /* Map titles must be unique: if the comments do not give that, numbers for all. */
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean unique = TRUE;
  for (guint a = 0; a < af->n && unique; a++)
    unique = g_hash_table_add (seen, titles[a]);
  for (guint a = 0; a < af->n; a++) {
    g_autofree char *number = unique ? NULL : g_strdup_printf ("%u", a + 1);
    am_map_ensure_statement (map, unique ? titles[a] : number, o, NULL);
  }
  for (guint e = 0; e < af->att_from->len; e++)
    am_map_add_relation (map, AM_REL_ATTACK,
                         am_node_ref (AM_NODE_STATEMENT, g_array_index (af->att_from, guint, e)),
                         am_node_ref (AM_NODE_STATEMENT, g_array_index (af->att_to, guint, e)),
                         NULL, FALSE, o);
  return map;
}

static gboolean
write_map (AmAfFormat format, const AmMap *map, AmOutput *out)
{
  g_autoptr (AmAf) af = am_af_from_map (map);
  am_af_write (af, format, out->text);
  return TRUE;
}

AmMap *
am_i23_read (const AmInput *input, AmDiagnostics *diags, GError **error)
{
  return read_map (AM_AF_FORMAT_I23, input, diags, error);
}

AmMap *
am_apx_read (const AmInput *input, AmDiagnostics *diags, GError **error)
{
  return read_map (AM_AF_FORMAT_APX, input, diags, error);
}

AmMap *
am_tgf_read (const AmInput *input, AmDiagnostics *diags, GError **error)
{
  return read_map (AM_AF_FORMAT_TGF, input, diags, error);
}

gboolean
am_i23_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out, GError **error)
{
  return write_map (AM_AF_FORMAT_I23, map, out);
}

gboolean
am_apx_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out, GError **error)
{
  return write_map (AM_AF_FORMAT_APX, map, out);
}

gboolean
am_tgf_write (const AmMap *map, const AmWriteOptions *options, AmOutput *out, GError **error)
{
  return write_map (AM_AF_FORMAT_TGF, map, out);
}
