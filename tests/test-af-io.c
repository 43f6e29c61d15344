/* test-af-io: reading and writing abstract frameworks (ICCMA 2023, APX, TGF): valid inputs,
 * diagnostics pinned whole, round trips, the map formats, and a million-argument file. */
#include <string.h>

#include "am-af-io.h"
#include "am-formats.h"
#include "argmap.h"

/* "n | a>b a>b ... | names" of a framework, for comparing in one assertion. */
static char *
describe (const AmAf *af)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%u |", af->n);
  for (guint e = 0; e < af->att_from->len; e++)
    g_string_append_printf (s, " %u>%u", g_array_index (af->att_from, guint, e) + 1,
                            g_array_index (af->att_to, guint, e) + 1);
  g_string_append (s, " |");
  for (guint a = 0; af->names && a < af->n; a++)
    g_string_append_printf (s, " %s", af->names[a]);
  return g_string_free (s, FALSE);
}

static char *
diagnostics_text (AmDiagnostics *diags)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < am_diagnostics_len (diags); i++) {
    g_autofree char *line = am_diag_format (am_diagnostics_get (diags, i));
    g_string_append_printf (s, "%s\n", line);
  }
  return g_string_free (s, FALSE);
}

typedef struct {
  const char *name;
  AmAfFormat format;
  const char *input;
  const char *expect;      /* describe() of the result, or NULL when it must fail */
  const char *diagnostics; /* every diagnostic, one per line */
} ReadCase;

static const ReadCase read_cases[] = {
  { "i23/basic", AM_AF_FORMAT_I23, "p af 5\n# this is a comment\n1 2\n2 4\n4 5\n5 4\n5 5\n",
    "5 | 1>2 2>4 4>5 5>4 5>5 |", "" },
  { "i23/comment-first", AM_AF_FORMAT_I23, "# c\np af 2\n2 1\n", "2 | 2>1 |", "" },
  { "i23/crlf-no-final-newline", AM_AF_FORMAT_I23, "p af 3\r\n1 2\r\n3 3", "3 | 1>2 3>3 |", "" },
  { "i23/blank-and-duplicates", AM_AF_FORMAT_I23, "p af 2\n\n1 2\n1  2\n\t2 1 \n\n",
    "2 | 1>2 2>1 |", "" },
  { "i23/no-attacks", AM_AF_FORMAT_I23, "p af 3\n", "3 | |", "" },
  { "i23/empty-framework", AM_AF_FORMAT_I23, "p af 0\n", "0 | |", "" },
  { "i23/empty-input", AM_AF_FORMAT_I23, "", NULL,
    "t:1:1: error: missing the p-line 'p af N'\n" },
  { "i23/no-p-line", AM_AF_FORMAT_I23, "1 2\n", NULL,
    "t:1:1: error: expected the p-line 'p af N' before any attack\n" },
  { "i23/bad-count", AM_AF_FORMAT_I23, "p af x\n", NULL,
    "t:1:6: error: expected the number of arguments after 'p af'\n" },
  { "i23/out-of-range", AM_AF_FORMAT_I23, "p af 2\n1 2\n1 3\n0 1\n", NULL,
    "t:3:3: error: argument 3 out of range (the p-line declares 1..2)\n"
    "t:4:1: error: argument 0 out of range (the p-line declares 1..2)\n" },
  { "i23/too-many", AM_AF_FORMAT_I23, "p af 4000000000\n", NULL,
    "t:1:6: error: 4000000000 arguments: more than argmap handles (100000000)\n" },
  { "i23/extra-text", AM_AF_FORMAT_I23, "p af 2\n1 2 3\n", NULL,
    "t:2:5: error: unexpected text after the attack\n" },
  { "i23/one-number", AM_AF_FORMAT_I23, "p af 2\n1\n", NULL,
    "t:2:2: error: expected a second argument number\n" },
  { "i23/not-a-number", AM_AF_FORMAT_I23, "p af 2\na b\n", NULL,
    "t:2:1: error: expected an attack 'i j' (two argument numbers)\n" },
  { "i23/second-p-line", AM_AF_FORMAT_I23, "p af 2\np af 3\n", NULL,
    "t:2:1: error: a second p-line (the first declares 2 arguments)\n" },
  { "apx/basic", AM_AF_FORMAT_APX, "arg(a).\narg(b).\n% a comment\natt(a,b).\natt( b , b ).\n",
    "2 | 1>2 2>2 | a b", "" },
  { "apx/one-line", AM_AF_FORMAT_APX, "arg(x). arg(y). att(y,x).", "2 | 2>1 | x y", "" },
  { "apx/quoted", AM_AF_FORMAT_APX, "arg(\"A b\").\narg(c).\natt(c,\"A b\").\n",
    "2 | 2>1 | A b c", "" },
  { "apx/attack-before-arg", AM_AF_FORMAT_APX, "att(a,b).\narg(b).\narg(a).\n",
    "2 | 1>2 | a b", "" },
  { "apx/undeclared", AM_AF_FORMAT_APX, "arg(a).\natt(a,zz).\n", NULL,
    "t:2:7: error: argument 'zz' is attacked or attacks but has no arg(zz).\n" },
  { "apx/bad-predicate", AM_AF_FORMAT_APX, "arg(a).\nattack(a,a).\narg(b).\n", NULL,
    "t:2:1: error: expected 'arg(NAME).' or 'att(NAME,NAME).'\n" },
  { "apx/missing-dot", AM_AF_FORMAT_APX, "arg(a)\narg(b).\n", NULL,
    "t:2:1: error: expected '.' ending the statement\n" },
  { "apx/duplicate", AM_AF_FORMAT_APX, "arg(a).\narg(a).\n", "1 | | a",
    "t:2:5: warning: argument 'a' declared twice\n" },
  { "tgf/basic", AM_AF_FORMAT_TGF, "a\nb\nc\n#\na b\nb c\nc a\n", "3 | 1>2 2>3 3>1 | a b c",
    "" },
  { "tgf/labels", AM_AF_FORMAT_TGF, "1 first one\n2 second\n#\n2 1 edge label\n",
    "2 | 2>1 | first one second", "" },
  { "tgf/unknown-node", AM_AF_FORMAT_TGF, "a\n#\na b\n", NULL,
    "t:3:3: error: unknown node 'b' (not declared before '#')\n" },
  { "tgf/duplicate-node", AM_AF_FORMAT_TGF, "a\na\n#\n", NULL,
    "t:2:1: error: node 'a' declared twice\n" },
  { "tgf/half-edge", AM_AF_FORMAT_TGF, "a\n#\na\n", NULL,
    "t:3:2: error: expected an edge 'FROM TO' (two node ids)\n" },
};

static void
test_read (gconstpointer data)
{
  const ReadCase *c = data;
  g_autoptr (GBytes) bytes = g_bytes_new_static (c->input, strlen (c->input));
  AmInput input = { .name = "t", .bytes = bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AmAf) af = am_af_read (c->format, &input, diags, &error);
  g_autofree char *diag = diagnostics_text (diags);
  g_assert_cmpstr (diag, ==, c->diagnostics);
  if (c->expect == NULL) {
    g_assert_null (af);
    g_assert_error (error, AM_ERROR, AM_ERROR_PARSE);
    return;
  }
  g_assert_no_error (error);
  g_assert_nonnull (af);
  g_autofree char *got = describe (af);
  g_assert_cmpstr (got, ==, c->expect);
}

/* Writing pinned, and reading back what was written gives the same framework. */
typedef struct {
  const char *name;
  AmAfFormat from, to;
  const char *input;
  const char *output;
} WriteCase;

static const WriteCase write_cases[] = {
  { "i23", AM_AF_FORMAT_I23, AM_AF_FORMAT_I23, "p af 3\n2 1\n1 2\n2 1\n3 3\n",
    "p af 3\n1 2\n2 1\n3 3\n" },
  { "i23-as-apx", AM_AF_FORMAT_I23, AM_AF_FORMAT_APX, "p af 2\n1 2\n",
    "arg(1).\narg(2).\natt(1,2).\n" },
  { "apx-names", AM_AF_FORMAT_APX, AM_AF_FORMAT_APX,
    "arg(a).\narg(\"B c\").\narg(\"q\\\"x\").\natt(a,\"B c\").\natt(\"q\\\"x\",a).\n",
    "arg(a).\narg(\"B c\").\narg(\"q\\\"x\").\natt(a,\"B c\").\natt(\"q\\\"x\",a).\n" },
  { "apx-as-i23", AM_AF_FORMAT_APX, AM_AF_FORMAT_I23, "arg(a).\narg(b).\natt(b,a).\n",
    "p af 2\n# 1 a\n# 2 b\n2 1\n" },
  { "tgf", AM_AF_FORMAT_TGF, AM_AF_FORMAT_TGF, "x\ny the label\n#\nx y\n",
    "1 x\n2 the label\n#\n1 2\n" },
};

static AmAf *
read_string (AmAfFormat format, const char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  AmInput input = { .name = "t", .bytes = bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  AmAf *af = am_af_read (format, &input, diags, &error);
  g_assert_no_error (error);
  return af;
}

static void
test_write (gconstpointer data)
{
  const WriteCase *c = data;
  g_autoptr (AmAf) af = read_string (c->from, c->input);
  g_autoptr (GString) out = g_string_new (NULL);
  am_af_write (af, c->to, out);
  g_assert_cmpstr (out->str, ==, c->output);
  g_autoptr (AmAf) back = read_string (c->to, out->str);
  g_assert_cmpuint (back->n, ==, af->n);
  g_assert_cmpuint (back->att_from->len, ==, af->att_from->len);
  for (guint e = 0; e < af->att_from->len; e++) {
    g_assert_cmpuint (g_array_index (back->att_from, guint, e), ==,
                      g_array_index (af->att_from, guint, e));
    g_assert_cmpuint (g_array_index (back->att_to, guint, e), ==,
                      g_array_index (af->att_to, guint, e));
  }
}

static void
test_format_lookup (void)
{
  AmAfFormat f;
  g_assert_true (am_af_format_from_path ("x/admbuster_1000.af", &f));
  g_assert_cmpint (f, ==, AM_AF_FORMAT_I23);
  g_assert_true (am_af_format_from_path ("A.APX", &f));
  g_assert_cmpint (f, ==, AM_AF_FORMAT_APX);
  g_assert_true (am_af_format_from_path ("b.tgf", &f));
  g_assert_cmpint (f, ==, AM_AF_FORMAT_TGF);
  g_assert_false (am_af_format_from_path ("b.argdown", &f));
  g_assert_true (am_af_format_from_name ("i23", &f));
  g_assert_false (am_af_format_from_name ("dot", &f));
  g_assert_cmpstr (am_format_by_path ("x.i23")->name, ==, "i23");
  g_assert_cmpstr (am_format_by_path ("x.af")->name, ==, "i23");
  g_assert_cmpstr (am_format_by_name ("apx")->name, ==, "apx");
  g_assert_cmpstr (am_format_by_name ("tgf")->name, ==, "tgf");
}

static void
test_find_argument (void)
{
  g_autoptr (AmAf) num = read_string (AM_AF_FORMAT_I23, "p af 3\n");
  guint a;
  g_assert_true (am_af_find_argument (num, "3", &a));
  g_assert_cmpuint (a, ==, 2);
  g_assert_false (am_af_find_argument (num, "4", &a));
  g_assert_false (am_af_find_argument (num, "0", &a));
  g_assert_false (am_af_find_argument (num, "x", &a));
  g_autoptr (AmAf) named = read_string (AM_AF_FORMAT_APX, "arg(p).arg(q).");
  g_assert_true (am_af_find_argument (named, "q", &a));
  g_assert_cmpuint (a, ==, 1);
  g_assert_false (am_af_find_argument (named, "1", &a));
}

/* The registered map formats: arguments become statements, attacks attack relations; a map
 * is written through its framework (contradictions both ways, undercuts onto arguments). */
static void
test_map_formats (void)
{
  const char *text = "arg(a).\narg(b).\natt(a,b).\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));
  AmInput input = { .name = "m.apx", .bytes = bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AmMap) map = am_format_by_name ("apx")->read (&input, diags, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  g_assert_cmpuint (map->statements->len, ==, 2);
  g_assert_cmpstr (am_map_statement (map, 1)->title, ==, "b");
  g_assert_cmpuint (map->relations->len, ==, 1);
  g_assert_cmpint (am_map_relation (map, 0)->type, ==, AM_REL_ATTACK);

  AmOrigin o = am_origin ("t", 1, 1);
  AmNodeRef s = am_node_ref (AM_NODE_STATEMENT, am_map_ensure_statement (map, "C", o, NULL));
  am_map_add_relation (map, AM_REL_CONTRADICTION, s, am_node_ref (AM_NODE_STATEMENT, 0), NULL,
                       FALSE, o);
  AmNodeRef arg = am_node_ref (AM_NODE_ARGUMENT, am_map_ensure_argument (map, "A", o, NULL));
  am_map_add_relation (map, AM_REL_UNDERCUT, s, arg, NULL, FALSE, o);
  am_map_add_relation (map, AM_REL_SUPPORT, arg, s, NULL, FALSE, o);
  AmOutput out;
  am_output_init (&out, FALSE);
  g_assert_true (am_format_by_name ("i23")->write (map, NULL, &out, &error));
  g_assert_cmpstr (out.text->str, ==,
                   "p af 4\n# argmap: 1 support relation(s) not representable here\n"
                   "# 1 a\n# 2 b\n# 3 C\n# 4 A\n1 2\n1 3\n3 1\n3 4\n");
  g_autofree char *out_text = g_strdup (out.text->str);
  am_output_clear (&out);
  am_output_init (&out, FALSE);
  g_assert_true (am_format_by_name ("tgf")->write (map, NULL, &out, &error));
  g_assert_cmpstr (out.text->str, ==, "1 a\n2 b\n3 C\n4 A\n#\n1 2\n1 3\n3 1\n3 4\n");
  am_output_clear (&out);

  /* What the i23 writer left as comments comes back as titles (only in the map format). */
  g_autoptr (GBytes) written = g_bytes_new (out_text, strlen (out_text));
  AmInput back_input = { .name = "back.i23", .bytes = written, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmMap) back = am_format_by_name ("i23")->read (&back_input, diags, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->statements->len, ==, 4);
  g_assert_cmpstr (am_map_statement (back, 2)->title, ==, "C");
  g_assert_cmpstr (am_map_statement (back, 3)->title, ==, "A");
  g_assert_cmpuint (back->relations->len, ==, 4);
  const char *partial = "p af 3\n# 2 Beta\n# x y\n1 2\n";
  g_autoptr (GBytes) partial_bytes = g_bytes_new_static (partial, strlen (partial));
  AmInput partial_input = { .name = "p.i23", .bytes = partial_bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmMap) pm = am_format_by_name ("i23")->read (&partial_input, diags, &error);
  g_assert_cmpstr (am_map_statement (pm, 0)->title, ==, "1");
  g_assert_cmpstr (am_map_statement (pm, 1)->title, ==, "Beta");
  const char *clash = "p af 2\n# 1 2\n";
  g_autoptr (GBytes) clash_bytes = g_bytes_new_static (clash, strlen (clash));
  AmInput clash_input = { .name = "c.i23", .bytes = clash_bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmMap) cm = am_format_by_name ("i23")->read (&clash_input, diags, &error);
  g_assert_cmpuint (cm->statements->len, ==, 2);
  g_assert_cmpstr (am_map_statement (cm, 0)->title, ==, "1");
  g_assert_cmpstr (am_map_statement (cm, 1)->title, ==, "2");

  const char *bad = "p af 1\n1 2\n";
  g_autoptr (GBytes) bad_bytes = g_bytes_new_static (bad, strlen (bad));
  AmInput bad_input = { .name = "bad.i23", .bytes = bad_bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmDiagnostics) bad_diags = am_diagnostics_new ();
  g_autoptr (AmMap) empty = am_format_by_name ("i23")->read (&bad_input, bad_diags, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (am_diagnostics_count (bad_diags, AM_DIAG_ERROR), ==, 1);
}

/* A million arguments and as many attacks: read in one pass (no quadratic step would finish
 * here in time), with the counts and a sample of edges right. */
static void
test_million (void)
{
  guint n = 1000000;
  GString *text = g_string_sized_new (16 * (gsize) n);
  g_string_append_printf (text, "p af %u\n", n);
  for (guint a = 1; a <= n; a++)
    g_string_append_printf (text, "%u %u\n", a, a % n + 1);
  g_autoptr (GBytes) bytes = g_string_free_to_bytes (text);
  AmInput input = { .name = "big.af", .bytes = bytes, .parts = NULL, .base_dir = NULL };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (AmAf) af = am_af_read (AM_AF_FORMAT_I23, &input, diags, &error);
  gint64 t1 = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_assert_cmpuint (af->n, ==, n);
  g_assert_cmpuint (af->att_from->len, ==, n);
  g_assert_cmpuint (af->att_out_idx[af->att_out_off[n - 1]], ==, 0);
  g_assert_cmpuint (af->att_in_idx[af->att_in_off[0]], ==, n - 1);
  g_test_message ("read %u arguments in %.3f s", n, (double) (t1 - t0) / 1e6);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (read_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/af-io/read/%s", read_cases[i].name);
    g_test_add_data_func (path, &read_cases[i], test_read);
  }
  for (guint i = 0; i < G_N_ELEMENTS (write_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/af-io/write/%s", write_cases[i].name);
    g_test_add_data_func (path, &write_cases[i], test_write);
  }
  g_test_add_func ("/af-io/format-lookup", test_format_lookup);
  g_test_add_func ("/af-io/find-argument", test_find_argument);
  g_test_add_func ("/af-io/map-formats", test_map_formats);
  g_test_add_func ("/af-io/million", test_million);
  return g_test_run ();
}
