/* test-argdown: the Argdown reader, one case per construct, through am_argdown_read on strings. */
#include <stdlib.h>
#include <string.h>

#include "am-formats.h"
#include "argmap.h"

/* A compact, deterministic account of a map: one line per statement (title, canonical text,
 * tags, section), argument (title, description, pcs), relation and section, then the
 * diagnostics as printed. Cases pin it whole. */
static char *
summarize (const AmMap *map, AmDiagnostics *diags)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < map->statements->len; i++) {
    AmStatement *st = am_map_statement (map, i);
    g_string_append_printf (s, "S [%s] %s%s", st->title, st->text ? st->text : "-",
                            st->untitled ? " (untitled)" : "");
    for (guint k = 0; k < st->tags->len; k++)
      g_string_append_printf (s, " #%s", (char *) g_ptr_array_index (st->tags, k));
    if (st->section >= 0)
      g_string_append_printf (s, " in %s", am_map_section (map, (guint) st->section)->id);
    if (json_object_get_size (st->meta.data) > 0) {
      g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (), st->meta.data);
      g_autofree char *js = json_to_string (n, FALSE);
      g_string_append_printf (s, " %s", js);
    }
    g_string_append_printf (s, " @%u:%u\n", st->origin.line, st->origin.column);
  }
  for (guint i = 0; i < map->arguments->len; i++) {
    AmArgument *arg = am_map_argument (map, i);
    g_string_append_printf (s, "A <%s> %s%s", arg->title, arg->text ? arg->text : "-",
                            arg->untitled ? " (untitled)" : "");
    for (guint k = 0; k < arg->tags->len; k++)
      g_string_append_printf (s, " #%s", (char *) g_ptr_array_index (arg->tags, k));
    if (arg->section >= 0)
      g_string_append_printf (s, " in %s", am_map_section (map, (guint) arg->section)->id);
    for (guint k = 0; k < arg->pcs->len; k++) {
      AmPcsItem *it = &g_array_index (arg->pcs, AmPcsItem, k);
      static const char *const roles[] = { "P", "I", "C" };
      g_string_append_printf (s, " (%u)%s[%s]", it->number, roles[it->role],
                              am_map_statement (map, it->statement)->title);
      if (it->inference_rules)
        g_string_append_printf (s, "{%s}", it->inference_rules);
      if (json_object_get_size (it->inference_meta.data) > 0) {
        g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (),
                                                        it->inference_meta.data);
        g_autofree char *js = json_to_string (n, FALSE);
        g_string_append (s, js);
      }
    }
    g_string_append_c (s, '\n');
  }
  for (guint i = 0; i < map->relations->len; i++) {
    AmRelation *r = am_map_relation (map, i);
    gboolean fa = r->from.kind == AM_NODE_ARGUMENT, ta = r->to.kind == AM_NODE_ARGUMENT;
    g_string_append_printf (s, "R %s%s%s %s %s%s%s", fa ? "<" : "[",
                            am_map_node_title (map, r->from), fa ? ">" : "]",
                            am_relation_type_to_string (r->type), ta ? "<" : "[",
                            am_map_node_title (map, r->to), ta ? ">" : "]");
    if (r->original)
      g_string_append_printf (s, " (%s)", r->original);
    if (r->derived)
      g_string_append (s, " derived");
    g_string_append_printf (s, " @%u:%u\n", r->origin.line, r->origin.column);
  }
  for (guint i = 0; i < map->sections->len; i++) {
    AmSection *sec = am_map_section (map, i);
    g_string_append_printf (s, "H %s %u %s", sec->id, sec->level, sec->title);
    if (sec->parent >= 0)
      g_string_append_printf (s, " under %s", am_map_section (map, (guint) sec->parent)->id);
    for (guint k = 0; k < sec->tags->len; k++)
      g_string_append_printf (s, " #%s", (char *) g_ptr_array_index (sec->tags, k));
    g_string_append_c (s, '\n');
  }
  if (json_object_get_size (map->front.data) > 0) {
    g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (), map->front.data);
    g_autofree char *js = json_to_string (n, FALSE);
    g_string_append_printf (s, "F %s\n", js);
  }
  am_diagnostics_print (diags, s, FALSE);
  return g_string_free (s, FALSE);
}

static char *
read_string (const char *text, gsize len)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, len);
  AmInput input = { .name = "t.argdown", .bytes = bytes };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AmMap) map = am_argdown_read (&input, diags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (map);
  am_diagnostics_sort (diags);
  return summarize (map, diags);
}

typedef struct {
  const char *name;
  const char *input;
  const char *expected;
} Case;

static const Case cases[] = {
  { "statement-definition", "[A]: Alpha text.\n",
    "S [A] Alpha text. @1:1\n" },
  { "statement-reference-equivalence",
    "[A]: First.\n\n[A]\n\n[A]: Second.\n",
    "S [A] Second. @1:1\n" },
  { "statement-untitled", "Plain text.\n\nMore text\non two lines.\n",
    "S [Untitled 1] Plain text. (untitled) @1:1\nS [Untitled 2] More text on two lines. (untitled) @3:1\n" },
  { "mentions-are-not-relations", "[A]: See @[B] and @<C> here.\n",
    "S [A] See @[B] and @<C> here. @1:1\n" },
  { "argument-definition-reference", "<Arg>: It holds.\n\n<Arg>\n",
    "A <Arg> It holds.\n" },
  { "relations-outgoing", "[A]: a\n  + [B]: b\n  - [C]: c\n",
    "S [A] a @1:1\nS [B] b @2:5\nS [C] c @3:5\n"
    "R [B] support [A] @2:3\nR [C] attack [A] @3:3\n" },
  { "relations-incoming", "[A]: a\n  +> [B]: b\n  -> <C>: c\n",
    "S [A] a @1:1\nS [B] b @2:6\nA <C> c\nR [A] support [B] @2:3\nR [A] attack <C> @3:3\n" },
  { "relations-left-arrows", "[A]: a\n  <+ [B]: b\n  <- [C]: c\n",
    "S [A] a @1:1\nS [B] b @2:6\nS [C] c @3:6\n"
    "R [B] support [A] @2:3\nR [C] attack [A] @3:3\n" },
  { "relations-contradiction", "[A]: a\n  >< [B]: b\n",
    "S [A] a @1:1\nS [B] b @2:6\nR [A] contradiction [B] (contradictory) @2:3\n" },
  { "relations-undercut", "<A>: a\n  _ <B>: b\n  <_ <C>: c\n  _> <D>: d\n",
    "A <A> a\nA <B> b\nA <C> c\nA <D> d\n"
    "R <B> undercut <A> @2:3\nR <C> undercut <A> @3:3\nR <A> undercut <D> @4:3\n" },
  { "relations-nesting-and-siblings",
    "[A]: a\n  + [B]: b\n    - [C]: c\n      + [D]: d\n  - [E]: e\n",
    "S [A] a @1:1\nS [B] b @2:5\nS [C] c @3:7\nS [D] d @4:9\nS [E] e @5:5\n"
    "R [D] support [C] @4:7\nR [C] attack [B] @3:5\nR [B] support [A] @2:3\n"
    "R [E] attack [A] @5:3\n" },
  { "relations-duplicate-merged", "[A]: a\n  + [B]: b\n\n[A]\n  + [B]\n",
    "S [A] a @1:1\nS [B] b @2:5\nR [B] support [A] @2:3\n" },
  { "pcs-basic", "<Arg>\n\n(1) [P]: Premise.\n(2) Another premise.\n----\n(3) [C]: Conclusion.\n",
    "S [P] Premise. @3:5\nS [Untitled 1] Another premise. (untitled) @4:5\n"
    "S [C] Conclusion. @6:5\nA <Arg> - (1)P[P] (2)P[Untitled 1] (3)C[C]\n" },
  { "pcs-untitled-argument", "(1) p\n----\n(2) c\n",
    "S [Untitled 2] p (untitled) @1:5\nS [Untitled 3] c (untitled) @3:5\n"
    "A <Untitled 1> - (untitled) (1)P[Untitled 2] (2)C[Untitled 3]\n" },
  { "pcs-inference-rules-and-data",
    "<A>\n\n(1) [P]: p\n-- modus ponens, other {uses: [1], weight: 0.5} --\n(2) [C]: c\n",
    "S [P] p @3:5\nS [C] c @5:5\nA <A> - (1)P[P] (2)C[C]{modus ponens, other}"
    "{\"uses\":[1],\"weight\":0.5}\n" },
  { "pcs-intermediary", "<A>\n\n(1) [P]: p\n----\n(2) [I]: i\n(3) [Q]: q\n----\n(4) [C]: c\n",
    "S [P] p @3:5\nS [I] i @5:5\nS [Q] q @6:5\nS [C] c @8:5\n"
    "A <A> - (1)P[P] (2)I[I] (3)P[Q] (4)C[C]\n" },
  { "pcs-relations-under-statement-and-inference",
    "<A>\n\n(1) [P]: p\n  - [X]: x\n----\n  <_ [Y]: y\n(2) [C]: c\n  +> [Z]: z\n",
    "S [P] p @3:5\nS [X] x @4:5\nS [Y] y @6:6\nS [C] c @7:5\nS [Z] z @8:6\nA <A> - (1)P[P] (2)C[C]\n"
    "R [X] attack [P] @4:3\nR [Y] undercut <A> @6:3\nR [C] support [Z] @8:3\n" },
  { "pcs-argument-relations-move-to-conclusion",
    "[T]: t\n  + <A>\n  _ <B>\n\n<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n<B>: b\n  -> [P]\n  -> <A>\n",
    "S [T] t @1:1\nS [P] p @7:5\nS [C] c @9:5\nA <A> - (1)P[P] (2)C[C]\nA <B> b\n"
    "R [C] support [T] derived @2:3\nR <B> undercut [T] @3:3\nR <B> attack [P] @12:3\n"
    "R <B> attack <A> @13:3\n" },
  { "pcs-attack-on-premise-not-repeated",
    "<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[X]: x\n  -> [P]\n  -> <A>\n",
    "S [P] p @3:5\nS [C] c @5:5\nS [X] x @7:1\nA <A> - (1)P[P] (2)C[C]\n"
    "R [X] attack [P] @8:3\n" },
  { "undercut-under-conclusion", "<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n  <_ [X]: x\n",
    "S [P] p @3:5\nS [C] c @5:5\nS [X] x @6:6\nA <A> - (1)P[P] (2)C[C]\nR [X] undercut <A> @6:3\n" },
  { "undercut-under-statement-after-pcs",
    "<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[T]: t\n  _ <U>: u\n",
    "S [P] p @3:5\nS [C] c @5:5\nS [T] t @7:1\nA <A> - (1)P[P] (2)C[C]\nA <U> u\n"
    "R <U> undercut <A> @8:3\n"
    "t.argdown:8:3: warning: undercut under statement [T] is read as undercutting the last "
    "inference, of <A> (as Argdown does)\n" },
  { "tags", "# Part #sec\n\n[A]: Text #simple #(with spaces)\n\n[A] #more\n\n<B>: b #argtag\n",
    "S [A] Text #simple #(with spaces) #simple #with spaces #more in s1 @3:1\nA <B> b #argtag #argtag in s1\n"
    "H s1 1 Part #sec #sec\n" },
  { "headings-nested", "# One\n\n## Two\n\n[A]: a\n\n### Three\n\n## Four\n\n# Five\n\n[B]: b\n",
    "S [A] a in s2 @5:1\nS [B] b in s5 @13:1\n"
    "H s1 1 One\nH s2 2 Two under s1\nH s3 3 Three under s2\nH s4 2 Four under s1\nH s5 1 Five\n" },
  { "yaml-flow", "[A]: a {x: 1, y: [true, null, \"s\"], z: 2.5}\n",
    "S [A] a  {\"x\":1,\"y\":[true,null,\"s\"],\"z\":2.5} @1:1\n" },
  { "yaml-block", "[A]: a\n  {\n    x: 1\n    y:\n      - one\n      - two\n  }\n",
    "S [A] a {\"x\":1,\"y\":[\"one\",\"two\"]} @1:1\n" },
  { "front-matter", "===\ntitle: T\nauthor: {name: N}\n===\n\n[A]: a\n",
    "S [A] a @6:1\nF {\"title\":\"T\",\"author\":{\"name\":\"N\"}}\n" },
  { "strict-mode", "===\nmodel:\n  mode: strict\n===\n\n[A]: a\n  + [B]: b\n  - [C]: c\n  - <D>: d\n",
    "S [A] a @6:1\nS [B] b @7:5\nS [C] c @8:5\nA <D> d\n"
    "R [B] support [A] (entails) @7:3\nR [C] attack [A] (contrary) @8:3\nR <D> attack [A] @9:3\n"
    "F {\"model\":{\"mode\":\"strict\"}}\n" },
  { "strict-mode-contrary-once", "===\nmodel: {mode: strict}\n===\n\n[A]: a\n  - [B]: b\n\n[B]\n  - [A]\n",
    "S [A] a @5:1\nS [B] b @6:5\nR [B] attack [A] (contrary) @6:3\nF {\"model\":{\"mode\":\"strict\"}}\n" },
  { "comments", "// line\n[A]: a /* block\nstill */ text <!-- html --> end\n",
    "S [A] a text end @2:1\n" },
  { "escapes", "[A]: \\[not a ref\\] and \\#notag \\* star\n",
    "S [A] [not a ref] and #notag * star @1:1\n" },
  { "lists", "  1. [A]: a\n  2. <B>: b\n     + [C]: c\n\n  * [D]: d\n  * [E]\n",
    "S [A] a @1:6\nS [C] c @3:8\nS [D] d @5:5\nS [E] - @6:5\nA <B> b\nR [C] support <B> @3:6\n" },
  { "bold-italic-links-special",
    "[A]: **bold** and _it_ [link](http://x) .A. x\n",
    "S [A] bold and it link ∀ x @1:1\n" },
  { "crlf", "[A]: a\r\n  + [B]: b\r\n\r\n[C]: c\r\n",
    "S [A] a @1:1\nS [B] b @2:5\nS [C] c @4:1\nR [B] support [A] @2:3\n" },
  { "tabs", "[A]: a\n\t+ [B]: b\n\t\t- [C]: c\n",
    "S [A] a @1:1\nS [B] b @2:4\nS [C] c @3:5\nR [C] attack [B] @3:3\nR [B] support [A] @2:2\n" },

  /* Errors: each at the line (and column) the Argdown CLI reports, or where argmap is
   * stricter (unterminated `{`, a lone backslash) at the offending character. */
  { "error-paragraph-without-empty-line", "[A]: a\n[B]: b\n",
    "S [A] a @1:1\n"
    "t.argdown:2:1: error: statement definition must start a paragraph or follow a relation symbol\n" },
  { "error-relation-without-parent", "  + [A]: a\n",
    "t.argdown:1:1: error: relation has no element to attach to\n" },
  { "error-relation-under-heading", "# H\n  + [A]: a\n",
    "H s1 1 H\nt.argdown:2:1: error: relation has no element to attach to\n" },
  { "error-three-hyphens", "<A>\n\n(1) p\n---\n(2) c\n",
    "S [Untitled 1] p (untitled) @3:5\nA <A> -\n"
    "t.argdown:5:1: error: inference started on line 4 is not closed with --\n" },
  { "error-inference-outside-pcs", "[A]: a\n\n----\n",
    "S [A] a @1:1\n"
    "t.argdown:3:1: error: inference (--) outside a premise-conclusion structure\n" },
  { "error-hyphen-at-end-of-input", "[A]: a\n\n-",
    "S [A] a @1:1\nt.argdown:3:1: error: relation has no element to attach to\n" },
  { "error-inference-after-statement", "[A]: a\n----\n",
    "S [A] a @1:1\n"
    "t.argdown:2:1: error: inference (--) outside a premise-conclusion structure\n" },
  { "error-yaml-flow", "[A]: a {x: [1, }\n",
    "t.argdown:1:16: error: invalid YAML: did not find expected node content\n" },
  { "error-yaml-block", "[A]: a\n  {\n  x: : 1\n  }\n",
    "t.argdown:3:6: error: invalid YAML: mapping values are not allowed in this context\n" },
  { "error-yaml-front-matter", "===\na: [1\n===\n\n[A]: a\n",
    "S [A] a @5:1\n"
    "t.argdown:3:1: error: invalid YAML: did not find expected ',' or ']'\n" },
  { "error-unterminated-brace", "[A]: a {x: 1\n",
    "S [A] a {x: 1 @1:1\n"
    "t.argdown:1:8: error: unterminated metadata: '{' without a matching '}'\n" },
  { "error-block-metadata-ended-early", "[A]: a\n  {\n    s: {x: 1}\n  }\n",
    "S [A] a { s: {x: 1} } @1:1\n"
    "t.argdown:2:3: error: unterminated metadata: '{' without a matching '}'\n"
    "t.argdown:3:13: note: metadata ends at the first '}' followed by white space and more text\n" },
  { "error-incomplete-pcs", "(1) p\n",
    "S [Untitled 2] p (untitled) @1:5\nA <Untitled 1> - (untitled)\n"
    "t.argdown:1:6: error: incomplete premise-conclusion structure: it needs premises, an "
    "inference (----) and a conclusion\n" },
  { "error-missing-inference", "(1) p\n(2) q\n\n[A]: a\n",
    "S [Untitled 2] p (untitled) @1:5\nS [Untitled 3] q (untitled) @2:5\nS [A] a @4:1\n"
    "A <Untitled 1> - (untitled)\n"
    "t.argdown:2:6: error: missing inference (----) before the conclusion\n" },
  { "error-inference-without-conclusion", "(1) p\n----\n\n",
    "S [Untitled 2] p (untitled) @1:5\nA <Untitled 1> - (untitled)\n"
    "t.argdown:2:4: error: inference has no conclusion\n" },
  { "error-inference-followed-by-text", "(1) p\n----\ntext\n",
    "S [Untitled 2] p (untitled) @1:5\nA <Untitled 1> - (untitled)\n"
    "t.argdown:3:1: error: inference has no conclusion: expected a numbered statement, found "
    "text\n" },
  { "error-argument-in-pcs", "(1) <A>\n----\n(2) c\n",
    "A <Untitled 1> - (untitled)\n"
    "t.argdown:1:5: error: an argument cannot be a premise or conclusion\n" },
  { "error-unclosed-italic", "[A]: some _italic\n\n[B]: b\n",
    "S [B] b @3:1\nt.argdown:1:18: error: unclosed italic text (_)\n" },
  { "error-backslash-end-of-line", "[A]: a \\\n",
    "S [A] a \\ @1:1\nt.argdown:1:8: error: a backslash at the end of a line escapes nothing\n" },
  { "error-definition-without-text", "[A]:\n\n[B]: b\n",
    "S [B] b @3:1\nt.argdown:1:5: error: statement definition has no text\n" },
  { "error-contradiction-with-argument", "[A]: a\n  >< <B>\n",
    "S [A] - @1:1\nt.argdown:2:6: error: contradiction (><) needs a statement, not an argument\n" },
  { "error-relation-without-element", "[A]: a\n  +\n\n[B]: b\n",
    "S [A] - @1:1\nS [B] b @4:1\nt.argdown:2:3: error: relation has no statement or argument\n" },
  { "error-front-matter-without-empty-line", "===\na: 1\n===\n[A]: a\n",
    "F {\"a\":1}\nt.argdown:4:1: error: front matter must be followed by an empty line\n" },
  { "error-multiple-pcs", "<A>\n\n(1) p\n----\n(2) c\n\n<A>\n\n(1) q\n----\n(2) d\n",
    "S [Untitled 1] p (untitled) @3:5\nS [Untitled 2] c (untitled) @5:5\n"
    "S [Untitled 3] q (untitled) @9:5\nS [Untitled 4] d (untitled) @11:5\n"
    "A <A> - (1)P[Untitled 1] (2)C[Untitled 2]\n"
    "t.argdown:9:1: error: argument <A> already has a premise-conclusion structure\n" },
  { "error-pcs-recovery-two-inferences", "(1) p\n-- r --\nx\n-- s {a: 1} --\n(2) c\n",
    "S [Untitled 2] p (untitled) @1:5\nS [Untitled 3] c (untitled) @5:5\n"
    "A <Untitled 1> - (untitled) (1)P[Untitled 2] (2)C[Untitled 3]{s}{\"a\":1}\n"
    "t.argdown:3:1: error: inference has no conclusion: expected a numbered statement, found "
    "text\n" },
  { "error-pcs-recovery", "(1) p\n----\n    <_ [X]: x\n  <_ [Y]: y\n(2) c\n",
    "S [Untitled 2] p (untitled) @1:5\nS [X] x @3:8\nS [Untitled 3] c (untitled) @5:5\n"
    "A <Untitled 1> - (untitled)\nR [X] undercut <Untitled 1> @3:5\n"
    "t.argdown:4:1: error: inference has no conclusion: expected a numbered statement, found "
    "relation (_)\n"
    "t.argdown:5:6: error: missing inference (----) before the conclusion\n" },
  { "error-empty-document", "// nothing\n",
    "t.argdown:1:11: error: empty document: no statement, argument or heading\n" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *got = read_string (c->input, strlen (c->input));
  g_assert_cmpstr (got, ==, c->expected);
}

static void
test_invalid_utf8 (void)
{
  static const char text[] = "[A]: a\n[B]: \xff\n";
  g_autofree char *got = read_string (text, sizeof text - 1);
  g_assert_cmpstr (got, ==, "t.argdown:2:6: error: invalid UTF-8 (byte 0xff)\n");
}

/* Metadata keys keep where their values were written in the file (for diagnostics about a
 * `quote:` and the like), through flow, block and front-matter YAML. */
static void
test_meta_origins (void)
{
  static const char text[] = "===\nsource: essay.txt\nactors:\n  a: {name: A}\n===\n\n"
                             "[A]: a {quote: \"x y\", weight: 0.5}\n\n"
                             "[B]: b\n  {\n    quote: z\n    stance:\n      a: pro\n  }\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  AmInput input = { .name = "o.argdown", .bytes = bytes };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (AmMap) map = am_argdown_read (&input, diags, NULL);
  g_assert_nonnull (map);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  static const struct {
    const char *title, *key;
    guint line, column;
  } want[] = {
    { NULL, "source", 2, 9 }, { NULL, "actors", 4, 3 }, { "A", "quote", 7, 16 },
    { "A", "weight", 7, 31 }, { "B", "quote", 11, 12 }, { "B", "stance", 13, 7 },
  };
  AmOrigin none = { NULL, 0, 0 };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++) {
    const AmMeta *meta = &map->front;
    if (want[i].title)
      meta = &am_map_statement (map, (guint) am_map_find_statement (map, want[i].title))->meta;
    AmOrigin o = am_meta_origin (meta, want[i].key, none);
    g_assert_cmpstr (o.file, ==, "o.argdown");
    g_assert_cmpuint (o.line, ==, want[i].line);
    g_assert_cmpuint (o.column, ==, want[i].column);
  }
  g_assert_cmpstr (am_meta_get_string (&am_map_statement (map, 1)->meta, "quote"), ==, "z");
}

/* Found by fuzzing: a token was used after the lexer's queue had moved (an inference whose
 * rule text was peeked two tokens ahead). Under the sanitizers this reads freed memory. */
static const char fuzz_inference_peek[] =
  "===\n"
  "title: Mixed\n"
  "===\n"
  "\n"
  "# Debate\n"
  "\n"
  "[Thesis]: We should act. #main\n"
  "  +\n"
  " <Benefit>: Acting brings benefits.\n"
  "  - <Cost>: Acting costs too much.\n"
  "    - [Cheap]: It is cheap.\n"
  "\n"
  "## Reconstructions\n"
  "  - [Objection]: An objection defined inside a relation.\n"
  "\n"
  "\n"
  "[Other]: <Arg>\n"
  "  \n"
  "<Benefit>\n"
  "\n"
  "(2) [Benefits]: Acting brings benefits.\n"
  "(2) [nBeefits good]: Benefits are good.\n"
  "----\n"
  "(3) [Tside a relation.\n"
  "\n"
  "\n"
  "[Other]: <Arg>\n"
  "  \n"
  "<Benefit>\n"
  "\n"
  "(2) [Benefits]: Acting brings benefits.\n"
  "(2) [Benefits good]: Benefits arw good.\n"
  "----\n"
  "(3) [Thesis]\n"
  "\n"
  "<Cost>\n"
  "\f(1) [Costly]: Acting is costly.\n"
  "  - [Cheap]\n"
  "-- Practical syl.\n"
  "----\n"
  "(3) [Thesis]\n"
  "\n"
  "<Cost>\n"
  "\n"
  "(1) [Cos(2) : Acting is hesis]\n"
  "\n"
  "<Cost>\n"
  "\f(1) [Costly]: Acting is costly.\n"
  "  - [Cheap]\n"
  "-- Practical syl.\n"
  "----\n"
  "(3) [Thesis]\n"
  "\n"
  "<Cost>\n"
  "\n"
  "(1) [Costly]: Acting is costly.\n"
  "  --\n"
  "(2) [Not at.\n"
  "  >< [Thesilogism -he thesis.[Early]: Refers forward.\n"
  "  + <Later>\n"
  "\n"
  "[O";

static void
test_fuzz_regressions (void)
{
  g_autofree char *got = read_string (fuzz_inference_peek, sizeof fuzz_inference_peek - 1);
  guint errors = 0;
  for (const char *p = got; (p = strstr (p, ": error: ")) != NULL; p++)
    errors++;
  g_assert_cmpuint (errors, ==, 9);
  g_assert_nonnull (strstr (got, "t.argdown:59:3: error: inference started on line 57 is not "
                                 "closed with --\n"));
}

/* Long lines of openings that never close: every forward search of the lexer is cached, so
 * these stay linear (they took minutes when each opening rescanned the line). */
static void
test_long_lines (void)
{
  static const char *const units[] = { "[", "<", "{", "@[", "@<", "[a]", "<a>", "<!--", "/*",
                                       "#(", "[x](", "===", "#t " };
  GTimer *timer = g_timer_new ();
  for (guint i = 0; i < G_N_ELEMENTS (units); i++) {
    GString *s = g_string_new ("[A]: ");
    for (guint k = 0; k < 200000; k++)
      g_string_append (s, units[i]);
    g_string_append_c (s, '\n');
    g_autoptr (GBytes) bytes = g_string_free_to_bytes (s);
    AmInput input = { .name = "long.argdown", .bytes = bytes };
    g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
    g_autoptr (AmMap) map = am_argdown_read (&input, diags, NULL);
    g_assert_nonnull (map);
  }
  /* Many distinct tags on one statement. */
  GString *s = g_string_new ("[A]: a");
  for (guint k = 0; k < 50000; k++)
    g_string_append_printf (s, " #t%u", k);
  g_autoptr (GBytes) bytes = g_string_free_to_bytes (s);
  AmInput input = { .name = "tags.argdown", .bytes = bytes };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (AmMap) map = am_argdown_read (&input, diags, NULL);
  g_assert_cmpuint (am_map_statement (map, 0)->tags->len, ==, 50000);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 20.0);
  g_timer_destroy (timer);
}

/* 10,000 levels of relations, one more space each: no recursion follows the depth. */
static void
test_deep_nesting (void)
{
  GString *s = g_string_new ("[s0]: root\n");
  for (guint i = 1; i <= 10000; i++) {
    for (guint k = 0; k < i; k++)
      g_string_append_c (s, ' ');
    g_string_append_printf (s, "+ [s%u]: level %u\n", i, i);
  }
  g_autoptr (GBytes) bytes = g_string_free_to_bytes (s);
  AmInput input = { .name = "deep.argdown", .bytes = bytes };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (AmMap) map = am_argdown_read (&input, diags, NULL);
  g_assert_nonnull (map);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  g_assert_cmpuint (map->statements->len, ==, 10001);
  g_assert_cmpuint (map->relations->len, ==, 10000);
  /* Post-order, as Argdown: the deepest relation comes first. */
  AmRelation *first = am_map_relation (map, 0);
  g_assert_cmpstr (am_map_node_title (map, first->from), ==, "s10000");
  g_assert_cmpstr (am_map_node_title (map, first->to), ==, "s9999");
}

/* Many relations under pcs conclusions: the reader's relation index grows past its first table
 * (1,024 slots, grown at 512 entries) while it is merging duplicates; every relation after the
 * growth used to be taken for its own duplicate and dropped, silently. Argument k's conclusion
 * is attacked by c(k-1), supported by <a(k-2)> (through its conclusion) and attacked by <a(k-1)>,
 * which is the attack by c(k-1) again and must merge with it. */
static void
test_many_pcs_relations (void)
{
  enum { N = 2000 };
  GString *s = g_string_new (NULL);
  for (guint k = 1; k <= N; k++) {
    g_string_append_printf (s, "<a%u>: Argument %u.\n\n(1) [p%u]: Premise %u.\n----\n"
                            "(2) [c%u]: Conclusion %u.\n", k, k, k, k, k, k);
    if (k >= 2)
      g_string_append_printf (s, "  - [c%u]\n", k - 1);
    if (k >= 3)
      g_string_append_printf (s, "  + <a%u>\n", k - 2);
    if (k >= 2)
      g_string_append_printf (s, "  - <a%u>\n", k - 1);
    g_string_append_c (s, '\n');
  }
  g_autoptr (GBytes) bytes = g_string_free_to_bytes (s);
  AmInput input = { .name = "pcs.argdown", .bytes = bytes };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (AmMap) map = am_argdown_read (&input, diags, NULL);
  g_assert_nonnull (map);
  g_assert_cmpuint (am_diagnostics_len (diags), ==, 0);
  g_assert_cmpuint (map->arguments->len, ==, N);
  g_assert_cmpuint (map->statements->len, ==, 2 * N);
  g_assert_cmpuint (map->relations->len, ==, (N - 1) + (N - 2));
  /* Each one exactly once: attack c(k-1) -> ck, support c(k-2) -> ck (derived). */
  g_autofree guint8 *seen = g_new0 (guint8, N + 1);
  for (guint i = 0; i < map->relations->len; i++) {
    AmRelation *r = am_map_relation (map, i);
    g_assert_true (r->from.kind == AM_NODE_STATEMENT && r->to.kind == AM_NODE_STATEMENT);
    const char *from = am_map_node_title (map, r->from), *to = am_map_node_title (map, r->to);
    g_assert_true (from[0] == 'c' && to[0] == 'c');
    guint f = (guint) atoi (from + 1), t = (guint) atoi (to + 1);
    guint8 bit = r->type == AM_REL_ATTACK ? 1 : 2;
    g_assert_true (r->type == AM_REL_ATTACK || r->type == AM_REL_SUPPORT);
    g_assert_cmpuint (f + bit, ==, t);
    g_assert_true (r->derived == (bit == 2));
    g_assert_false (seen[t] & bit);
    seen[t] |= bit;
  }
}

/* Deeply nested bold/italic and YAML are iterative too. */
static void
test_deep_yaml (void)
{
  GString *s = g_string_new ("[A]: a {x: ");
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "}\n");
  g_autoptr (GBytes) bytes = g_string_free_to_bytes (s);
  AmInput input = { .name = "deep.argdown", .bytes = bytes };
  g_autoptr (AmDiagnostics) diags = am_diagnostics_new ();
  g_autoptr (AmMap) map = am_argdown_read (&input, diags, NULL);
  g_assert_nonnull (map);
  g_assert_cmpuint (map->statements->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *path = g_strdup_printf ("/argdown/%s", cases[i].name);
    g_test_add_data_func (path, &cases[i], test_case);
  }
  g_test_add_func ("/argdown/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/argdown/meta-origins", test_meta_origins);
  g_test_add_func ("/argdown/fuzz-regressions", test_fuzz_regressions);
  g_test_add_func ("/argdown/deep-nesting", test_deep_nesting);
  g_test_add_func ("/argdown/long-lines", test_long_lines);
  g_test_add_func ("/argdown/deep-yaml", test_deep_yaml);
  g_test_add_func ("/argdown/many-pcs-relations", test_many_pcs_relations);
  return g_test_run ();
}
