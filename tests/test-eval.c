/* test-eval: the semantics table, per-node labels against brute force, output formats. */
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "argmap.h"
#include "am-eval.h"

static void
test_table (void)
{
  const AmEvalSemantics *t = am_eval_semantics_table ();
  const char *expected[] = { "grounded", "complete", "preferred", "stable", "semi-stable",
                             "stage", "ideal", "h-categorizer", "df-quad", "euler",
                             "quadratic-energy", NULL };
  guint i = 0;
  for (; t[i].name; i++) {
    g_assert_cmpstr (t[i].name, ==, expected[i]);
    g_assert_true (am_eval_semantics_by_name (t[i].name) == &t[i]);
    /* The names are the Dung and gradual modules' own. */
    if (t[i].kind == AM_EVAL_LABELS)
      g_assert_cmpstr (am_dung_semantics_name (t[i].id), ==, t[i].name);
    else
      g_assert_cmpstr (am_gradual_semantics_name (t[i].id), ==, t[i].name);
  }
  g_assert_null (expected[i]);
  g_assert_null (am_eval_semantics_by_name ("all"));
  g_assert_null (am_eval_semantics_by_name ("GR"));
  AmSupportMode m;
  g_assert_true (am_eval_support_from_string ("mediated", &m));
  g_assert_cmpint (m, ==, AM_SUPPORT_MEDIATED);
  g_assert_cmpstr (am_eval_support_name (AM_SUPPORT_BOTH), ==, "both");
  g_assert_false (am_eval_support_from_string ("all", &m));
}

/* Brute force over subsets (bit masks), written plainly from the definitions. */
#define MAXN 5

typedef struct {
  guint n;
  guint att[MAXN]; /* att[a]: mask of a's attackers */
} Bf;

static guint
bf_plus (const Bf *f, guint s)
{
  guint p = 0;
  for (guint a = 0; a < f->n; a++)
    if (f->att[a] & s)
      p |= 1u << a;
  return p;
}

static gboolean
bf_cf (const Bf *f, guint s)
{
  return (s & bf_plus (f, s)) == 0;
}

static gboolean
bf_defends (const Bf *f, guint s, guint a)
{
  return (f->att[a] & ~bf_plus (f, s)) == 0;
}

static gboolean
bf_admissible (const Bf *f, guint s)
{
  if (!bf_cf (f, s))
    return FALSE;
  for (guint a = 0; a < f->n; a++)
    if ((s >> a & 1) && !bf_defends (f, s, a))
      return FALSE;
  return TRUE;
}

static gboolean
bf_complete (const Bf *f, guint s)
{
  if (!bf_admissible (f, s))
    return FALSE;
  for (guint a = 0; a < f->n; a++)
    if (!(s >> a & 1) && bf_defends (f, s, a))
      return FALSE;
  return TRUE;
}

static gboolean
bf_is (const Bf *f, AmDungSemantics sem, guint s)
{
  guint all = (1u << f->n) - 1;
  switch (sem) {
  case AM_SEM_COMPLETE:
    return bf_complete (f, s);
  case AM_SEM_GROUNDED:
    if (!bf_complete (f, s))
      return FALSE;
    for (guint t = 0; t <= all; t++)
      if (bf_complete (f, t) && (s & ~t))
        return FALSE;
    return TRUE;
  case AM_SEM_PREFERRED:
    if (!bf_admissible (f, s))
      return FALSE;
    for (guint t = 0; t <= all; t++)
      if (t != s && (s & ~t) == 0 && bf_admissible (f, t))
        return FALSE;
    return TRUE;
  case AM_SEM_STABLE:
    return bf_cf (f, s) && (s | bf_plus (f, s)) == all;
  case AM_SEM_SEMI_STABLE:
  case AM_SEM_STAGE: {
    gboolean (*ok) (const Bf *, guint) = sem == AM_SEM_STAGE ? bf_cf : bf_complete;
    if (!ok (f, s))
      return FALSE;
    guint r = s | bf_plus (f, s);
    for (guint t = 0; t <= all; t++) {
      guint rt = t | bf_plus (f, t);
      if (ok (f, t) && rt != r && (r & ~rt) == 0)
        return FALSE;
    }
    return TRUE;
  }
  case AM_SEM_IDEAL: {
    guint inter = all;
    for (guint t = 0; t <= all; t++)
      if (bf_is (f, AM_SEM_PREFERRED, t))
        inter &= t;
    /* The largest admissible subset of the intersection (admissible sets are closed under
     * union, so it is the union of all of them). */
    guint best = 0;
    for (guint t = 0; t <= all; t++)
      if ((t & ~inter) == 0 && bf_admissible (f, t))
        best |= t;
    return s == best;
  }
  case AM_SEM_N_DUNG:
  default:
    g_assert_not_reached ();
  }
}

static void
test_labels_brute_force (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  for (guint round = 0; round < 1500; round++) {
    Bf f = { .n = 1 + g_rand_int_range (rand, 0, MAXN) };
    g_autoptr (AmAf) af = am_af_new (f.n);
    double density = g_rand_double (rand) * 0.6;
    for (guint a = 0; a < f.n; a++)
      for (guint b = 0; b < f.n; b++)
        if (g_rand_double (rand) < density) {
          f.att[b] |= 1u << a;
          am_af_add_attack (af, a, b);
        }
    am_af_finalize (af);
    for (const AmEvalSemantics *s = am_eval_semantics_table (); s->name; s++) {
      if (s->kind != AM_EVAL_LABELS)
        continue;
      guint inter = (1u << f.n) - 1, uni = 0, count = 0;
      for (guint t = 0; t < (1u << f.n); t++)
        if (bf_is (&f, s->id, t)) {
          inter &= t;
          uni |= t;
          count++;
        }
      g_autoptr (GError) error = NULL;
      g_autoptr (AmEvalColumn) col = am_eval_column (af, af, s, &error);
      g_assert_no_error (error);
      g_assert_nonnull (col);
      g_assert_cmpint (col->has_extension, ==, count > 0);
      for (guint a = 0; a < f.n; a++) {
        AmLabel want = AM_LABEL_UNDEC;
        if (count > 0 && (inter >> a & 1))
          want = AM_LABEL_IN;
        else if (count > 0 && (f.att[a] & inter))
          want = AM_LABEL_OUT;
        if (col->labels[a] != want || col->credulous[a] != (gboolean) (uni >> a & 1))
          g_error ("round %u, %s, argument %u: label %s credulous %d, expected %s %d", round,
                   s->name, a, am_label_name (col->labels[a]), col->credulous[a],
                   am_label_name (want), (uni >> a & 1));
      }
    }
  }
}

/* Floating defeat: a and b attack each other and both attack c. Under preferred semantics c
 * is out in each extension ({a} and {b}), but no sceptically accepted argument attacks it: by
 * the documented definition it is undecided, and in no extension. */
static void
test_floating_defeat (void)
{
  g_autoptr (AmAf) af = am_af_new (3);
  am_af_add_attack (af, 0, 1);
  am_af_add_attack (af, 1, 0);
  am_af_add_attack (af, 0, 2);
  am_af_add_attack (af, 1, 2);
  am_af_finalize (af);
  g_autoptr (AmEvalColumn) col = am_eval_column (af, af, am_eval_semantics_by_name ("preferred"),
                                                 NULL);
  g_assert_cmpint (col->labels[0], ==, AM_LABEL_UNDEC);
  g_assert_true (col->credulous[0]);
  g_assert_cmpint (col->labels[2], ==, AM_LABEL_UNDEC);
  g_assert_false (col->credulous[2]);
}

/* A small map: [A] attacked by <B>, <B> attacked by <C>, [A] supported by <D>, and [X], [Y]
 * contradicting each other. Weights: <D> 0.9. */
static AmMap *
small_map (const char *a_title)
{
  AmMap *map = am_map_new ("small.argdown");
  AmOrigin o = am_origin ("small.argdown", 1, 1);
  AmNodeRef a = am_node_ref (AM_NODE_STATEMENT, am_map_ensure_statement (map, a_title, o, NULL));
  AmNodeRef x = am_node_ref (AM_NODE_STATEMENT, am_map_ensure_statement (map, "X", o, NULL));
  AmNodeRef y = am_node_ref (AM_NODE_STATEMENT, am_map_ensure_statement (map, "Y", o, NULL));
  AmNodeRef b = am_node_ref (AM_NODE_ARGUMENT, am_map_ensure_argument (map, "B", o, NULL));
  AmNodeRef c = am_node_ref (AM_NODE_ARGUMENT, am_map_ensure_argument (map, "C", o, NULL));
  AmNodeRef d = am_node_ref (AM_NODE_ARGUMENT, am_map_ensure_argument (map, "D", o, NULL));
  am_map_argument (map, d.index)->weight = 0.9;
  am_map_add_relation (map, AM_REL_ATTACK, b, a, NULL, FALSE, o);
  am_map_add_relation (map, AM_REL_UNDERCUT, c, b, NULL, FALSE, o);
  am_map_add_relation (map, AM_REL_SUPPORT, d, a, NULL, FALSE, o);
  am_map_add_relation (map, AM_REL_CONTRADICTION, x, y, NULL, FALSE, o);
  return map;
}

static GString *
eval_output (const AmMap *map, const char *const *names, AmEvalFormat format, gboolean raw)
{
  g_autoptr (AmAf) af = am_af_from_map (map);
  g_autoptr (AmAf) derived = am_af_derive (af, AM_SUPPORT_NONE);
  g_autoptr (GPtrArray) cols
    = g_ptr_array_new_with_free_func ((GDestroyNotify) am_eval_column_free);
  for (guint i = 0; names[i]; i++) {
    g_autoptr (GError) error = NULL;
    AmEvalColumn *col = am_eval_column (af, derived, am_eval_semantics_by_name (names[i]),
                                        &error);
    g_assert_no_error (error);
    g_ptr_array_add (cols, col);
  }
  GString *out = g_string_new (NULL);
  am_eval_write (map, (const AmEvalColumn *const *) cols->pdata, cols->len, AM_SUPPORT_NONE,
                 format, raw, out);
  return out;
}

static void
test_table_output (void)
{
  g_autoptr (AmMap) map = small_map ("A");
  const char *grounded[] = { "grounded", NULL };
  g_autoptr (GString) t = eval_output (map, grounded, AM_EVAL_FORMAT_TABLE, FALSE);
  g_assert_cmpstr (t->str, ==,
                   "grounded semantics (support: none)\n"
                   "label      node\n"
                   "in         [A]\n"
                   "undecided  [X]\n"
                   "undecided  [Y]\n"
                   "out        <B>\n"
                   "in         <C>\n"
                   "in         <D>\n");
  const char *preferred[] = { "preferred", NULL };
  g_autoptr (GString) p = eval_output (map, preferred, AM_EVAL_FORMAT_TABLE, FALSE);
  g_assert_cmpstr (p->str, ==,
                   "preferred semantics (support: none)\n"
                   "label      credulous  node\n"
                   "in         yes        [A]\n"
                   "undecided  yes        [X]\n"
                   "undecided  yes        [Y]\n"
                   "out        no         <B>\n"
                   "in         yes        <C>\n"
                   "in         yes        <D>\n");
  const char *dfq[] = { "df-quad", NULL };
  g_autoptr (GString) d = eval_output (map, dfq, AM_EVAL_FORMAT_TABLE, FALSE);
  /* B: 0.5 - 0.5 * 0.5 = 0.25; A: attack 0.25 against support 0.9: 0.5 + 0.5 * 0.65; X and
   * Y: x = 0.5 - 0.5 x. */
  g_assert_cmpstr (d->str, ==,
                   "df-quad semantics\n"
                   "strength   node\n"
                   "0.825      [A]\n"
                   "0.333333   [X]\n"
                   "0.333333   [Y]\n"
                   "0.25       <B>\n"
                   "0.5        <C>\n"
                   "0.9        <D>\n");
}

static void
test_table_control_characters (void)
{
  g_autoptr (AmMap) map = small_map ("line\nbreak\ttab");
  const char *grounded[] = { "grounded", NULL };
  g_autoptr (GString) t = eval_output (map, grounded, AM_EVAL_FORMAT_TABLE, FALSE);
  g_assert_true (strstr (t->str, "\nin         [line break tab]\n") != NULL);
}

static void
test_csv_output (void)
{
  /* A title that needs quoting and one a spreadsheet would run as a formula. */
  g_autoptr (AmMap) map = small_map ("=SUM(1,2) \"x\"");
  const char *cols[] = { "grounded", "stable", "euler", NULL };
  g_autoptr (GString) c = eval_output (map, cols, AM_EVAL_FORMAT_CSV, FALSE);
  g_assert_cmpstr (c->str, ==,
                   "id,title,grounded,stable,euler\n"
                   "s1,\"'=SUM(1,2) \"\"x\"\"\",in,in,0.584347\n"
                   "s2,X,undecided,undecided,0.433575\n"
                   "s3,Y,undecided,undecided,0.433575\n"
                   "a1,B,out,out,0.424522\n"
                   "a2,C,in,in,0.5\n"
                   "a3,D,in,in,0.9\n");
  g_autoptr (GString) raw = eval_output (map, cols, AM_EVAL_FORMAT_CSV, TRUE);
  g_assert_true (g_str_has_prefix (strchr (raw->str, '\n') + 1, "s1,\"=SUM(1,2) \"\"x\"\"\","));
}

static void
test_json_output (void)
{
  g_autoptr (AmMap) map = small_map ("A \"q\"\n");
  const char *cols[] = { "stable", "h-categorizer", NULL };
  g_autoptr (GString) j = eval_output (map, cols, AM_EVAL_FORMAT_JSON, FALSE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_assert_true (json_parser_load_from_data (parser, j->str, -1, &error));
  g_assert_no_error (error);
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "support"), ==, "none");
  JsonArray *nodes = json_object_get_array_member (root, "nodes");
  g_assert_cmpuint (json_array_get_length (nodes), ==, 6);
  JsonObject *first = json_array_get_object_element (nodes, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "A \"q\"\n");
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "s1");
  JsonObject *labels = json_object_get_object_member (first, "labels");
  g_assert_cmpstr (json_object_get_string_member (labels, "stable"), ==, "in");
  JsonObject *cred = json_object_get_object_member (first, "credulous");
  g_assert_true (json_object_get_boolean_member (cred, "stable"));
  JsonObject *str = json_object_get_object_member (first, "strengths");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (str, "h-categorizer"),
                                  0.5 / (1 + 0.5 / 1.5), 1e-6);
  JsonArray *sems = json_object_get_array_member (root, "semantics");
  g_assert_cmpuint (json_array_get_length (sems), ==, 2);
  JsonObject *h = json_array_get_object_element (sems, 1);
  g_assert_true (json_object_get_boolean_member (h, "converged"));
  g_assert_false (json_object_get_boolean_member (h, "periodic"));
  g_assert_cmpint (json_object_get_int_member (h, "unconverged"), ==, 0);
}

static void
test_map_values (void)
{
  g_autoptr (AmMap) map = small_map ("A");
  AmLabel *labels = NULL;
  double *strengths = NULL;
  guint n = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (am_eval_map_values (map, "grounded", AM_SUPPORT_NONE, &labels, &strengths, &n,
                                     NULL, &error));
  g_assert_cmpuint (n, ==, 6);
  g_assert_null (strengths);
  g_assert_cmpint (labels[0], ==, AM_LABEL_IN);
  g_assert_cmpint (labels[3], ==, AM_LABEL_OUT);
  g_free (labels);
  g_assert_true (am_eval_map_values (map, "df-quad", AM_SUPPORT_NONE, &labels, &strengths, &n,
                                     NULL, &error));
  g_assert_null (labels);
  g_assert_cmpfloat_with_epsilon (strengths[0], 0.825, 1e-12);
  g_free (strengths);
  /* Mediated attack: B attacks A, which D supports, so B attacks D too; B is out (C
   * undercuts it), so D stays in. */
  g_assert_true (am_eval_map_values (map, "grounded", AM_SUPPORT_MEDIATED, &labels, &strengths,
                                     &n, NULL, &error));
  g_assert_cmpint (labels[5], ==, AM_LABEL_IN);
  g_free (labels);
  g_assert_false (am_eval_map_values (map, "nonsense", AM_SUPPORT_NONE, &labels, &strengths, &n,
                                      NULL, &error));
  g_assert_error (error, AM_ERROR, AM_ERROR_UNSUPPORTED);
  g_assert_null (labels);
}

static void
test_no_stable_extension (void)
{
  /* An odd cycle has no stable extension. */
  g_autoptr (AmAf) af = am_af_new (3);
  am_af_add_attack (af, 0, 1);
  am_af_add_attack (af, 1, 2);
  am_af_add_attack (af, 2, 0);
  am_af_finalize (af);
  g_autoptr (AmEvalColumn) col = am_eval_column (af, af, am_eval_semantics_by_name ("stable"),
                                                 NULL);
  g_assert_false (col->has_extension);
  g_autofree char *w = am_eval_column_warning (col);
  g_assert_cmpstr (w, ==, "there is no stable extension: every node is undecided");
  for (guint a = 0; a < 3; a++) {
    g_assert_cmpint (col->labels[a], ==, AM_LABEL_UNDEC);
    g_assert_false (col->credulous[a]);
  }
}

/* The command line, on Argdown files written to a temporary folder. */
typedef struct {
  const char *name;
  const char *input;      /* Argdown text */
  const char *args;       /* space-separated, FILE stands for the input's path */
  int exit_code;
  const char *out;        /* expected standard output, whole */
  const char *err;        /* expected standard error, whole (FILE replaced) */
} CliCase;

static const char democracy_argdown[] =
  "[A1]: Adopt the policy.\n"
  "  + <P1>: first pro. {weight: 0.7}\n"
  "  + [P2]: second pro.\n"
  "    - <C2>: con. {weight: 0.2}\n"
  "    - <C3>: con. {weight: 0.6}\n"
  "    - <C4>: con.\n";

static const char cycle_argdown[] =
  "[X]: x {weight: 1}\n"
  "  - [Y]: y {weight: 1}\n"
  "\n"
  "[Y]\n"
  "  - [X]\n";

static const char formula_argdown[] =
  "[=HYPERLINK(1)]: a formula-like title\n"
  "  - <Comma, \"quoted\">: objection\n";

static const CliCase cli_cases[] = {
  { "csv-df-quad", democracy_argdown, "eval FILE --semantics df-quad --format csv", 0,
    "id,title,df-quad\n"
    "s1,A1,0.862\n"
    "s2,P2,0.08\n"
    "a1,P1,0.7\n"
    "a2,C2,0.2\n"
    "a3,C3,0.6\n"
    "a4,C4,0.5\n",
    "" },
  { "csv-escaping", formula_argdown, "eval FILE --format csv", 0,
    "id,title,grounded\n"
    "s1,'=HYPERLINK(1),out\n"
    "a1,\"Comma, \"\"quoted\"\"\",in\n",
    "" },
  { "not-converging", cycle_argdown, "eval FILE -s df-quad", 0,
    "df-quad semantics\n"
    "strength   node\n"
    "1          [X]\n"
    "1          [Y]\n",
    "FILE: warning: df-quad does not converge on 2 nodes: the iteration returns to the same "
    "values every 2 steps (stopped after 2); their strengths are the last iterate\n" },
  { "explain", democracy_argdown, "eval FILE -s df-quad --explain P2", 0,
    "[P2] has strength 0.08 under df-quad, from a base score of 0.5.\n"
    "What moved it, largest effect first (its strength without each relation):\n"
    "  attacked by <C3> (strength 0.6): without it 0.2 (-0.12)\n"
    "  attacked by <C4> (strength 0.5): without it 0.16 (-0.08)\n"
    "  attacked by <C2> (strength 0.2): without it 0.1 (-0.02)\n",
    "" },
  { "explain-bracketed", democracy_argdown, "eval FILE --explain <P1>", 0,
    "Under grounded semantics (support: none):\n"
    "<P1> is in: nothing attacks it\n",
    "" },
  { "explain-csv-id", democracy_argdown, "eval FILE --explain s2", 0,
    "Under grounded semantics (support: none):\n"
    "[P2] is out: it is attacked by <C2>, which is in\n"
    "  <C2> is in: nothing attacks it\n",
    "" },
  { "explain-bad-id", democracy_argdown, "eval FILE --explain s9", 1, "",
    "FILE: error: no statement or argument titled 's9'\n" },
  { "unknown-semantics", cycle_argdown, "eval FILE -s nonsense", 2, "",
    "argmap eval: unknown semantics 'nonsense' (see 'argmap eval --help')\n" },
  { "unknown-format", cycle_argdown, "eval FILE --format xml", 2, "",
    "argmap eval: unknown format 'xml' (table, csv or json) (see 'argmap eval --help')\n" },
  { "unknown-support", cycle_argdown, "eval FILE --support some", 2, "",
    "argmap eval: unknown support mode 'some' (none, supported, mediated or both) (see 'argmap "
    "eval --help')\n" },
  { "explain-all", cycle_argdown, "eval FILE -s all --explain X", 2, "",
    "argmap eval: --explain needs one semantics, not 'all' (see 'argmap eval --help')\n" },
  { "explain-unknown", cycle_argdown, "eval FILE --explain Nobody", 1, "",
    "FILE: error: no statement or argument titled 'Nobody'\n" },
};

static void
test_cli (gconstpointer data)
{
  const CliCase *c = data;
  const char *argmap = g_getenv ("ARGMAP");
  if (argmap == NULL) {
    g_test_skip ("ARGMAP is not set");
    return;
  }
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-eval-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "map.argdown", NULL);
  g_assert_true (g_file_set_contents (path, c->input, -1, &error));
  g_auto (GStrv) words = g_strsplit (c->args, " ", -1);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) argmap);
  for (guint i = 0; words[i]; i++)
    g_ptr_array_add (argv, strcmp (words[i], "FILE") == 0 ? path : words[i]);
  g_ptr_array_add (argv, NULL);
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_remove (path);
  g_rmdir (dir);
  g_autoptr (GString) want_err = g_string_new (c->err);
  g_string_replace (want_err, "FILE", path, 0);
  g_assert_cmpstr (out, ==, c->out);
  g_assert_cmpstr (err, ==, want_err->str);
  g_assert_true (g_spawn_check_wait_status (status, NULL) == (c->exit_code == 0));
  if (c->exit_code != 0)
    g_assert_cmpint (WEXITSTATUS (status), ==, c->exit_code);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/eval/table", test_table);
  g_test_add_func ("/eval/labels-brute-force", test_labels_brute_force);
  g_test_add_func ("/eval/floating-defeat", test_floating_defeat);
  g_test_add_func ("/eval/no-stable-extension", test_no_stable_extension);
  g_test_add_func ("/eval/output/table", test_table_output);
  g_test_add_func ("/eval/output/table-control", test_table_control_characters);
  g_test_add_func ("/eval/output/csv", test_csv_output);
  g_test_add_func ("/eval/output/json", test_json_output);
  g_test_add_func ("/eval/map-values", test_map_values);
  for (guint i = 0; i < G_N_ELEMENTS (cli_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/eval/cli/%s", cli_cases[i].name);
    g_test_add_data_func (path, &cli_cases[i], test_cli);
  }
  return g_test_run ();
}
