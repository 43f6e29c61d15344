/* test-solve: `argmap solve` through the binary: the ICCMA 2023 output rules byte for byte,
 * usage errors, and the shared ICCMA corpus with every witness checked independently. */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "argmap.h"

static const char *argmap_bin;
static char *tmp_dir;

typedef struct {
  char *out, *err;
  int status;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

static void
run_solve (Run *r, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) argmap_bin);
  g_ptr_array_add (argv, (gpointer) "solve");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_autoptr (GError) error = NULL;
  int wait;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait, &error));
  g_assert_no_error (error);
  r->status = WIFEXITED (wait) ? WEXITSTATUS (wait) : -1;
}

static char *
write_tmp (const char *name, const char *text)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  return path;
}

static gboolean
have_binary (void)
{
  if (argmap_bin == NULL) {
    g_test_skip ("ARGMAP is not set");
    return FALSE;
  }
  return TRUE;
}

/* ---- Output rules on small frameworks ---- */

typedef struct {
  const char *name;
  const char *file;    /* file name (its extension picks the format) */
  const char *text;
  const char *task;
  const char *arg;     /* NULL for SE */
  const char *out;     /* stdout, exactly */
} OutCase;

#define CHAIN "p af 3\n1 2\n2 3\n"
#define TWO "p af 2\n1 2\n2 1\n"
#define ODD "p af 3\n1 2\n2 3\n3 1\n"
#define FLOAT "p af 5\n1 2\n2 1\n1 3\n2 3\n3 4\n3 3\n"

static const OutCase out_cases[] = {
  { "se-gr-chain", "c.i23", CHAIN, "SE-GR", NULL, "w 1 3\n" },
  { "dc-gr-yes", "c.i23", CHAIN, "DC-GR", "3", "YES\nw 1 3\n" },
  { "ds-gr-no", "c.i23", CHAIN, "DS-GR", "2", "NO\nw 1 3\n" },
  { "dc-co-no", "c.i23", CHAIN, "DC-CO", "2", "NO\n" },
  { "ds-co-yes", "c.i23", CHAIN, "DS-CO", "1", "YES\n" },
  { "se-co-grounded", "t.i23", TWO, "SE-CO", NULL, "w\n" },
  { "dc-pr-two-cycle", "t.i23", TWO, "DC-PR", "1", "YES\nw 1\n" },
  { "ds-pr-two-cycle", "t.i23", TWO, "DS-PR", "1", "NO\nw 2\n" },
  { "dc-co-two-cycle", "t.i23", TWO, "DC-CO", "2", "YES\nw 2\n" },
  { "se-id-two-cycle", "t.i23", TWO, "SE-ID", NULL, "w\n" },
  { "ds-id-two-cycle", "t.i23", TWO, "DS-ID", "1", "NO\nw\n" },
  { "se-st-odd-none", "o.i23", ODD, "SE-ST", NULL, "NO\n" },
  { "dc-st-odd-none", "o.i23", ODD, "DC-ST", "1", "NO\n" },
  { "ds-st-odd-vacuous", "o.i23", ODD, "DS-ST", "1", "YES\n" },
  { "se-sst-odd", "o.i23", ODD, "SE-SST", NULL, "w\n" },
  { "ds-stg-odd", "o.i23", ODD, "DS-STG", "1", "NO\nw 3\n" },
  { "dc-stg-odd", "o.i23", ODD, "DC-STG", "3", "YES\nw 3\n" },
  /* Floating acceptance: 4 is defended by either of 1, 2, so sceptically preferred. */
  { "ds-pr-floating", "f.i23", FLOAT, "DS-PR", "4", "YES\n" },
  { "ds-co-floating", "f.i23", FLOAT, "DS-CO", "4", "NO\nw 5\n" },
  { "dc-id-floating", "f.i23", FLOAT, "DC-ID", "4", "NO\n" },
  { "se-st-floating", "f.i23", FLOAT, "SE-ST", NULL, "w 1 4 5\n" },
  { "apx-names", "n.apx", "arg(x).\narg(y).\natt(x,y).\n", "DC-PR", "x", "YES\nw x\n" },
  { "tgf-names", "n.tgf", "a\nb\nc\n#\na b\nb c\n", "SE-PR", NULL, "w a c\n" },
  { "lower-case-task", "c.i23", CHAIN, "se-gr", NULL, "w 1 3\n" },
  { "comments", "k.i23", "# hello\np af 2\n# 1 is first\n1 2\n", "SE-GR", NULL, "w 1\n" },
  { "no-file-extension", "i", "p af 1\n", "SE-PR", NULL, "w 1\n" },
};

static void
test_output (gconstpointer data)
{
  const OutCase *c = data;
  if (!have_binary ())
    return;
  g_autofree char *path = write_tmp (c->file, c->text);
  const char *args[] = { "-p", c->task, "-f", path, c->arg ? "-a" : NULL, c->arg, NULL };
  Run r = { 0 };
  run_solve (&r, args);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, c->out);
  run_clear (&r);
}

static void
test_problems (void)
{
  if (!have_binary ())
    return;
  const char *args[] = { "--problems", NULL };
  Run r = { 0 };
  run_solve (&r, args);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "[DC-CO,DS-CO,SE-CO,DC-PR,DS-PR,SE-PR,DC-ST,DS-ST,SE-ST,DC-SST,DS-SST,SE-SST,"
                   "DC-STG,DS-STG,SE-STG,DC-ID,DS-ID,SE-ID,DC-GR,DS-GR,SE-GR]\n");
  run_clear (&r);
  /* Every listed task is accepted. */
  g_autofree char *path = write_tmp ("p.i23", CHAIN);
  const char *tasks[] = { "DC-CO", "DS-CO", "SE-CO", "DC-PR", "DS-PR", "SE-PR", "DC-ST", "DS-ST",
                          "SE-ST", "DC-SST", "DS-SST", "SE-SST", "DC-STG", "DS-STG", "SE-STG",
                          "DC-ID", "DS-ID", "SE-ID", "DC-GR", "DS-GR", "SE-GR" };
  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++) {
    const char *a2[] = { "-p", tasks[i], "-f", path, "-a", "1", NULL };
    run_solve (&r, a2);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_str_has_prefix (r.out, "YES\n") || g_str_has_prefix (r.out, "w 1 3\n"));
    run_clear (&r);
  }
}

static void
test_identity (void)
{
  if (!have_binary ())
    return;
  const char *args[] = { NULL };
  Run r = { 0 };
  run_solve (&r, args);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "argmap "));
  run_clear (&r);
}

typedef struct {
  const char *name;
  const char *text; /* file content, or NULL for a missing file */
  const char *args[7];
  int status;
  const char *err; /* stderr, exactly */
} ErrCase;

static const ErrCase err_cases[] = {
  { "unknown-task", CHAIN, { "-p", "XX-CO", "-f", "@", NULL }, 2,
    "argmap solve: unknown task 'XX-CO' (see 'argmap solve --problems') (see 'argmap solve "
    "--help')\n" },
  { "unknown-semantics", CHAIN, { "-p", "DC-NAIVE", "-f", "@", "-a", "1", NULL }, 2,
    "argmap solve: unknown task 'DC-NAIVE' (see 'argmap solve --problems') (see 'argmap solve "
    "--help')\n" },
  { "missing-query", CHAIN, { "-p", "DC-CO", "-f", "@", NULL }, 2,
    "argmap solve: DC-CO needs a query argument -a ARG (see 'argmap solve --help')\n" },
  { "missing-file-option", CHAIN, { "-p", "SE-CO", NULL }, 2,
    "argmap solve: -p TASK and -f FILE are required (see 'argmap solve --help')\n" },
  { "unknown-argument", CHAIN, { "-p", "DC-CO", "-f", "@", "-a", "9", NULL }, 1,
    "argmap solve: @ has no argument '9'\n" },
  { "parse-error", "p af 2\n1 3\n", { "-p", "SE-CO", "-f", "@", NULL }, 1,
    "@:2:3: error: argument 3 out of range (the p-line declares 1..2)\n  1 3\n    ^\n" },
};

static void
test_errors (gconstpointer data)
{
  const ErrCase *c = data;
  if (!have_binary ())
    return;
  g_autofree char *path = write_tmp ("e.i23", c->text);
  const char *args[7] = { NULL };
  for (guint i = 0; c->args[i]; i++)
    args[i] = strcmp (c->args[i], "@") == 0 ? path : c->args[i];
  Run r = { 0 };
  run_solve (&r, args);
  g_assert_cmpint (r.status, ==, c->status);
  g_assert_cmpstr (r.out, ==, "");
  g_autoptr (GString) want = g_string_new (c->err);
  g_string_replace (want, "@", path, 0);
  g_assert_cmpstr (r.err, ==, want->str);
  run_clear (&r);
}

/* ---- The shared ICCMA corpus, witnesses checked by a checker of its own ---- */

/* A framework parsed here without the library: n and the attacker lists. */
typedef struct {
  guint n;
  GArray **attackers; /* attackers[a]: guint, 0-based */
} Plain;

static void
plain_free (Plain *p)
{
  for (guint a = 0; a < p->n; a++)
    g_array_unref (p->attackers[a]);
  g_free (p->attackers);
}

static gboolean
plain_read (const char *path, Plain *p)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  p->n = 0;
  p->attackers = NULL;
  for (guint i = 0; lines[i]; i++) {
    guint a, b;
    if (lines[i][0] == '#' || lines[i][0] == '\0')
      continue;
    if (p->attackers == NULL) {
      g_assert_cmpint (sscanf (lines[i], "p af %u", &p->n), ==, 1);
      p->attackers = g_new (GArray *, p->n);
      for (guint x = 0; x < p->n; x++)
        p->attackers[x] = g_array_new (FALSE, FALSE, sizeof (guint));
      continue;
    }
    g_assert_cmpint (sscanf (lines[i], "%u %u", &a, &b), ==, 2);
    a--;
    g_array_append_val (p->attackers[b - 1], a);
  }
  return p->attackers != NULL;
}

/* "w 1 2 5" -> membership array. */
static gboolean *
parse_witness (const Plain *p, const char *line)
{
  g_assert_true (line[0] == 'w' && (line[1] == ' ' || line[1] == '\0'));
  gboolean *in = g_new0 (gboolean, p->n);
  g_auto (GStrv) parts = g_strsplit (line + 1, " ", -1);
  for (guint i = 0; parts[i]; i++) {
    if (parts[i][0] == '\0')
      continue;
    guint64 v = g_ascii_strtoull (parts[i], NULL, 10);
    g_assert_cmpuint (v, >=, 1);
    g_assert_cmpuint (v, <=, p->n);
    g_assert_false (in[v - 1]);
    in[v - 1] = TRUE;
  }
  return in;
}

static gboolean
attacked_by (const Plain *p, const gboolean *s, guint a)
{
  for (guint i = 0; i < p->attackers[a]->len; i++)
    if (s[g_array_index (p->attackers[a], guint, i)])
      return TRUE;
  return FALSE;
}

static gboolean
conflict_free (const Plain *p, const gboolean *s)
{
  for (guint a = 0; a < p->n; a++)
    if (s[a] && attacked_by (p, s, a))
      return FALSE;
  return TRUE;
}

/* a is defended by s: every attacker of a is attacked by s. */
static gboolean
defended (const Plain *p, const gboolean *s, guint a)
{
  for (guint i = 0; i < p->attackers[a]->len; i++)
    if (!attacked_by (p, s, g_array_index (p->attackers[a], guint, i)))
      return FALSE;
  return TRUE;
}

static gboolean
admissible (const Plain *p, const gboolean *s)
{
  if (!conflict_free (p, s))
    return FALSE;
  for (guint a = 0; a < p->n; a++)
    if (s[a] && !defended (p, s, a))
      return FALSE;
  return TRUE;
}

static gboolean
complete (const Plain *p, const gboolean *s)
{
  if (!admissible (p, s))
    return FALSE;
  for (guint a = 0; a < p->n; a++)
    if (!s[a] && defended (p, s, a))
      return FALSE;
  return TRUE;
}

static gboolean
stable (const Plain *p, const gboolean *s)
{
  if (!conflict_free (p, s))
    return FALSE;
  for (guint a = 0; a < p->n; a++)
    if (!s[a] && !attacked_by (p, s, a))
      return FALSE;
  return TRUE;
}

static guint32
range_mask (const Plain *p, const gboolean *s)
{
  guint32 m = 0;
  for (guint a = 0; a < p->n; a++)
    if (s[a] || attacked_by (p, s, a))
      m |= 1u << a;
  return m;
}

/* Is s maximal (by set or by range) among the sets passing `base`? By enumeration of all
 * subsets: only for small frameworks. */
static gboolean
maximal_small (const Plain *p, const gboolean *s, gboolean (*base) (const Plain *, const gboolean *),
               gboolean by_range)
{
  g_assert_cmpuint (p->n, <=, 20);
  guint32 ks = 0;
  for (guint a = 0; a < p->n; a++)
    ks |= (guint32) s[a] << a;
  if (by_range)
    ks = range_mask (p, s);
  gboolean t[32] = { 0 };
  for (guint32 m = 0; m < (1u << p->n); m++) {
    for (guint a = 0; a < p->n; a++)
      t[a] = m >> a & 1;
    if (!base (p, t))
      continue;
    guint32 kt = by_range ? range_mask (p, t) : m;
    if (kt != ks && (ks & ~kt) == 0)
      return FALSE;
  }
  return TRUE;
}

/* Is s an extension of `sem`? Complete and stable are checked directly. Preferred, semi-stable
 * and stage are maximality conditions: a stable set satisfies all three (its range is
 * everything; a stable set is admissible and no admissible set contains it strictly), which
 * decides it on large frameworks with a stable witness; small ones are enumerated. */
static gboolean
is_extension (const Plain *p, const gboolean *s, const char *sem)
{
  if (strcmp (sem, "CO") == 0)
    return complete (p, s);
  if (strcmp (sem, "ST") == 0)
    return stable (p, s);
  gboolean small = p->n <= 20;
  if (strcmp (sem, "PR") == 0)
    return admissible (p, s) && (stable (p, s) || (small && maximal_small (p, s, admissible, FALSE)));
  if (strcmp (sem, "SST") == 0)
    return complete (p, s) && (stable (p, s) || (small && maximal_small (p, s, complete, TRUE)));
  if (strcmp (sem, "STG") == 0)
    return conflict_free (p, s)
           && (stable (p, s) || (small && maximal_small (p, s, conflict_free, TRUE)));
  g_assert_not_reached ();
}

typedef struct {
  const char *file;
  const char *arg;
  const char *answer; /* for every task */
} CorpusCase;

static const CorpusCase corpus_cases[] = {
  { "admbuster_1000.af", "1", "YES" },
  { "fudge_test.i23", "3", "NO" },
};

static void
test_corpus (gconstpointer data)
{
  const CorpusCase *c = data;
  if (!have_binary ())
    return;
  const char *shared = g_getenv ("ARGMAP_SHARED");
  g_autofree char *path = g_build_filename (shared ? shared : "../shared", "corpora", "iccma",
                                            c->file, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS)) {
    g_test_skip ("the shared ICCMA corpus is absent");
    return;
  }
  Plain p;
  g_assert_true (plain_read (path, &p));
  guint query = (guint) g_ascii_strtoull (c->arg, NULL, 10) - 1;
  const char *tasks[] = { "DC-CO", "DS-PR", "DC-ST", "DS-ST", "DC-SST", "DS-SST", "DC-STG",
                          "DS-STG" };
  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++) {
    const char *args[] = { "-p", tasks[i], "-f", path, "-a", c->arg, NULL };
    Run r = { 0 };
    run_solve (&r, args);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
    g_test_message ("%s %s -a %s: %s", c->file, tasks[i], c->arg, lines[0]);
    g_assert_cmpstr (lines[0], ==, c->answer);
    gboolean dc = g_str_has_prefix (tasks[i], "DC");
    gboolean yes = strcmp (lines[0], "YES") == 0;
    /* Certificates: credulous YES and sceptical NO carry one; nothing else is printed. */
    if (dc == yes) {
      g_assert_nonnull (lines[1]);
      g_autofree gboolean *w = parse_witness (&p, lines[1]);
      g_assert_true (is_extension (&p, w, tasks[i] + 3));
      g_assert_cmpint (w[query], ==, dc);
      g_assert_cmpstr (lines[2], ==, "");
      g_assert_null (lines[3]);
    } else {
      g_assert_cmpstr (lines[1], ==, "");
      g_assert_null (lines[2]);
    }
    run_clear (&r);
  }
  /* SE: one extension, checked the same way. */
  const char *se_tasks[] = { "SE-PR", "SE-ST", "SE-SST", "SE-STG", "SE-CO" };
  for (guint i = 0; i < G_N_ELEMENTS (se_tasks); i++) {
    const char *args[] = { "-p", se_tasks[i], "-f", path, NULL };
    Run r = { 0 };
    run_solve (&r, args);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
    g_autofree gboolean *w = parse_witness (&p, lines[0]);
    g_assert_true (is_extension (&p, w, se_tasks[i] + 3));
    g_assert_cmpstr (lines[1], ==, "");
    g_assert_null (lines[2]);
    run_clear (&r);
  }
  plain_free (&p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  argmap_bin = g_getenv ("ARGMAP");
  g_autoptr (GError) error = NULL;
  tmp_dir = g_dir_make_tmp ("test-solve-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/solve/problems", test_problems);
  g_test_add_func ("/solve/identity", test_identity);
  for (guint i = 0; i < G_N_ELEMENTS (out_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/solve/output/%s", out_cases[i].name);
    g_test_add_data_func (path, &out_cases[i], test_output);
  }
  for (guint i = 0; i < G_N_ELEMENTS (err_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/solve/errors/%s", err_cases[i].name);
    g_test_add_data_func (path, &err_cases[i], test_errors);
  }
  for (guint i = 0; i < G_N_ELEMENTS (corpus_cases); i++) {
    g_autofree char *path = g_strdup_printf ("/solve/corpus/%s", corpus_cases[i].file);
    g_test_add_data_func (path, &corpus_cases[i], test_corpus);
  }
  int status = g_test_run ();
  /* Remove what the cases wrote. */
  g_autoptr (GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)) != NULL) {
    g_autofree char *f = g_build_filename (tmp_dir, name, NULL);
    g_remove (f);
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
