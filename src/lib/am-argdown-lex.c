/* am-argdown-lex: the Argdown lexer, a port of @argdown/core's lexer.js (chevrotain, first match
 * wins, in the same order) that streams tokens with a few tokens of lookahead. */
#define _GNU_SOURCE /* memmem */
#include "am-argdown-private.h"
#include "am-format.h"

#include <stdatomic.h>
#include <string.h>

/* Keep in sync with AdTokType. */
static const char *const token_names[AD_N_TOKENS] = {
  "end of input", "front matter", "metadata", "escaped character", "special character",
  "empty line", "line break", "end of indentation", "indentation", "inference",
  "relation (+>)", "relation (->)", "relation (+)", "relation (-)", "relation (><)",
  "relation (_>)", "relation (_)", "heading", "numbered statement", "list item (1.)",
  "list item (*)", "bold end (**)", "bold end (__)", "italic end (*)", "italic end (_)",
  "bold start (**)", "bold start (__)", "italic start (*)", "italic start (_)", "link", "tag",
  "statement definition", "statement reference", "statement mention", "argument definition",
  "argument reference", "argument mention", "text", "text", "inference end (--)", "comma",
};

const char *
ad_token_name (AdTokType type)
{
  return (guint) type < AD_N_TOKENS ? token_names[type] : "?";
}

enum { RANGE_ABOLD, RANGE_UBOLD, RANGE_AITAL, RANGE_UITAL };

/* Forward searches that a token may repeat from every position of a long line ("[[[[..."):
 * each remembers its last answer, which stays right for any later start before it, so every
 * search costs amortised constant time and no input makes the lexer quadratic. */
enum {
  FIND_RBRACKET,  /* ] */
  FIND_RPAREN,    /* ) */
  FIND_RANGLE,    /* > */
  FIND_EOL,       /* \n or \r */
  FIND_DEF,       /* ]: */
  FIND_ARGDEF,    /* >: */
  FIND_HTML_END,  /* --> */
  FIND_BLOCK_END, /* * / */
  FIND_FM,        /* === */
  FIND_N
};

typedef struct {
  gsize from;  /* the search started here... */
  gsize found; /* ...and found this (len: nothing) */
  gboolean valid;
} Find;

typedef struct {
  guint line; /* 0-based */
  gsize offset;
  guint32 col;
} Cursor;

typedef struct _Ahead Ahead;

struct _AdLexer {
  /* The parser's side. */
  AdQueue q;           /* first: see ad_lexer_peek */
  gboolean q_eof;      /* the end is in `q` */
  Cursor parse_at;     /* the last position the parser asked for (see locate) */
  AdTitleHook on_title; /* see ad_lexer_set_title_hook */
  gpointer on_title_data;
  guint lookahead;     /* tokens in `q` ahead of what the parser asks for */
  Ahead *ahead;        /* the lexer's thread (ad_lexer_run_ahead), NULL when it runs in the
                          parser's */
  char apart[64];      /* the two sides' fields on cache lines of their own */

  /* The lexer's side, and what does not change. */
  AdQueue *out;        /* where lex_step puts tokens: `q`, or the lexer thread's own queue */
  const char *text;
  gsize len;
  gsize pos;           /* where matching continues */
  const char *file;
  AmDiagnostics *diags;

  /* Positions: where each line starts (line breaks as JavaScript has them: \n, \r\n, \r),
   * and the last position the lexer found (the parser has its own: it asks behind the lexer),
   * from which a later one on the same line is counted on. */
  guint32 *line_starts;
  guint n_lines, lines_cap;
  gsize lines_to;      /* the line starts before this are known (G_MAXSIZE: all of them) */
  Cursor lex_at;

  gboolean have_last;  /* some token was produced (chevrotain's `tokens` is not empty) */
  AdTokType last_type;
  AdTok last;          /* the last token produced */
  gboolean skipped_after_last; /* a skipped token (spaces, comment) followed `last` */

  guint *indents;      /* chevrotain's indentStack, always starting with 0: n_indents levels,
                          room for indents_cap (a nested map changes level on most lines) */
  guint n_indents, indents_cap;
  GByteArray *ranges;  /* open bold/italic ranges (RANGE_*) */
  gboolean inference_mode;

  gboolean held_emptyline; /* an Emptyline waits: dropped when only the end follows */
  AdTok held;
  AdTok before_held;       /* `last` before it, restored when it is dropped */
  gboolean at_eof;

  gsize data_stop_from, data_stop; /* cache of the Data stop scan (see match_data) */
  gsize data_best;                 /* its last valid `}`: G_MAXSIZE, not looked for yet; at
                                      or before the scan's start, none */
  Find finds[FIND_N];
  gsize data_err_until;            /* `{` before this are covered by an error already */
  gsize warned_html_comment;       /* one warning for an unterminated `<!--` is enough */
  gsize warned_block_comment;      /* and for a block comment */
  AdTitles *titles;                /* numbers the tokens' titles (AdTok.title) */
  gboolean drop_pages;             /* the text is a mapped input: see ad_lexer_drop_pages */
  gsize dropped;                   /* the text before this has been given back */
};

/* ---- characters ---- */

/* Bytes that end a Freestyle run: \ @ # * _ [ ] , . : ; < / > - \r \n ( ) { } */
static const char freestyle_stop[] = "\\@#*_[],.:;</>-\r\n(){}";
static guint8 stop_table[256];
static guint8 control_table[256]; /* UnusedControlChar: @ # * _ [ ] , . : ; < / > - ( ) { } */
/* 1 for a byte that starts no token but free text or a control character (outside inference
 * mode; at the start of a line a digit may start a list item, see lex_step). */
static guint8 plain_start[256];

static void
init_tables (void)
{
  static gsize done = 0;
  if (g_once_init_enter (&done)) {
    for (const char *p = freestyle_stop; *p; p++)
      stop_table[(guint8) *p] = 1;
    for (const char *p = "@#*_[],.:;</>-(){}"; *p; p++)
      control_table[(guint8) *p] = 1;
    for (guint c = 1; c < 256; c++)
      plain_start[c] = strchr ("=\\{.:\n\r \t+-<>_#(*[@/", (int) c) == NULL;
    g_once_init_leave (&done, 1);
  }
}

/* The code point at `p` (valid UTF-8 is checked before lexing) and its length. */
static inline gunichar
char_at (const AdLexer *lx, gsize p, guint *clen)
{
  guint8 c = (guint8) lx->text[p];
  if (c < 0x80) {
    *clen = 1;
    return c;
  }
  const char *s = lx->text + p;
  gunichar u = g_utf8_get_char (s);
  *clen = (guint) (g_utf8_next_char (s) - s);
  return u;
}

/* JavaScript's `.`: anything but a line terminator. */
static inline gboolean
is_js_dot (gunichar c)
{
  return c != '\n' && c != '\r' && c != 0x2028 && c != 0x2029;
}

static inline gboolean
space_at (const AdLexer *lx, gsize p)
{
  if (p >= lx->len)
    return FALSE;
  guint l;
  return ad_is_js_space (char_at (lx, p, &l));
}

static inline gsize
skip_blanks (const AdLexer *lx, gsize p)
{
  const char *t = lx->text;
  if (p >= lx->len || (t[p] != ' ' && t[p] != '\t'))
    return p; /* most calls: at a token */
  /* Eight spaces at a time: a long run is indentation, most of a deeply nested map. */
  while (p + 8 <= lx->len && memcmp (t + p, "        ", 8) == 0)
    p += 8;
  while (p < lx->len && (t[p] == ' ' || t[p] == '\t'))
    p++;
  return p;
}

static const char *const find_needles[FIND_N] = { "]", ")", ">", NULL, "]:", ">:", "-->",
                                                  "*/", "===" };

/* The first occurrence at or after `p` of what `what` looks for; lx->len when there is none. */
static gsize
find_next (AdLexer *lx, guint what, gsize p)
{
  Find *f = &lx->finds[what];
  if (f->valid && f->from <= p && p <= f->found)
    return f->found;
  gsize r = lx->len;
  if (p < lx->len) {
    const char *t = lx->text + p;
    gsize n = lx->len - p;
    if (what == FIND_EOL) {
      const char *a = memchr (t, '\n', n);
      const char *b = memchr (t, '\r', a ? (gsize) (a - t) : n);
      const char *e = b ? b : a;
      r = e ? (gsize) (e - lx->text) : lx->len;
    } else if (find_needles[what][1] == '\0') {
      const char *e = memchr (t, find_needles[what][0], n);
      r = e ? (gsize) (e - lx->text) : lx->len;
    } else {
      const char *e = memmem (t, n, find_needles[what], strlen (find_needles[what]));
      r = e ? (gsize) (e - lx->text) : lx->len;
    }
  }
  f->from = p;
  f->found = r;
  f->valid = TRUE;
  return r;
}

/* ---- positions ---- */

static void
add_line_start (AdLexer *lx, gsize start)
{
  if (lx->n_lines == lx->lines_cap) {
    lx->lines_cap *= 2;
    lx->line_starts = g_renew (guint32, lx->line_starts, lx->lines_cap);
  }
  lx->line_starts[lx->n_lines++] = (guint32) start;
}

/* Finds the line starts up to `offset` at least (a line break is \n, \r\n or a lone \r), a
 * piece of the text at a time: the lexer asks for positions in the order of the text, and a
 * scan of the whole text before lexing would be time on the parser's thread. */
#define LINES_STEP (64u << 10)

static void
find_lines_to (AdLexer *lx, gsize offset)
{
  if (offset < lx->lines_to)
    return;
  const char *text = lx->text;
  gsize from = lx->lines_to, to = MIN (lx->len, MAX (offset + 1, from + LINES_STEP));
  if (memchr (text + from, '\r', to - from) == NULL) {
    const char *end = text + to;
    for (const char *p = text + from; (p = memchr (p, '\n', (gsize) (end - p))) != NULL;)
      add_line_start (lx, (gsize) (++p - text));
  } else {
    for (gsize p = from; p < to; p++)
      if (text[p] == '\n' || (text[p] == '\r' && (p + 1 >= lx->len || text[p + 1] != '\n')))
        add_line_start (lx, p + 1);
  }
  lx->lines_to = to == lx->len ? G_MAXSIZE : to;
}

/* Line and column of byte `offset`. Positions are mostly asked for in the order of the text:
 * the line is looked for from the last one found, and the column is counted on from the last
 * position when it is on the same line, so any number of questions costs linear time. */
static void
locate (AdLexer *lx, Cursor *at, gsize offset, guint32 *line, guint32 *col)
{
  find_lines_to (lx, offset);
  const guint32 *starts = lx->line_starts;
  guint n = lx->n_lines;
  guint i = at->line;
  if (!(starts[i] <= offset && (i + 1 == n || offset < starts[i + 1]))) {
    /* A few lines on, as a rule; else the last line starting at or before `offset`. */
    guint k = i;
    while (k + 1 < n && k < i + 16 && starts[k + 1] <= offset)
      k++;
    if (starts[k] <= offset && (k + 1 == n || offset < starts[k + 1]))
      i = k;
    else {
      guint lo = 0, hi = n;
      while (hi - lo > 1) {
        guint mid = lo + (hi - lo) / 2;
        if (starts[mid] <= offset)
          lo = mid;
        else
          hi = mid;
      }
      i = lo;
    }
  }
  gsize from = starts[i];
  guint32 c = 1;
  if (i == at->line && at->offset >= from && at->offset <= offset) {
    from = at->offset;
    c = at->col;
  }
  const guchar *t = (const guchar *) lx->text;
  for (; from + 8 <= offset; from += 8) { /* ASCII, eight at a time: deep indentation */
    guint64 w;
    memcpy (&w, t + from, 8);
    if (w & 0x8080808080808080u)
      break;
    c += 8;
  }
  for (; from < offset; from++)
    c += (t[from] & 0xc0) != 0x80; /* continuation bytes are the same character */
  at->line = i;
  at->offset = offset;
  at->col = c;
  *line = i + 1;
  *col = c;
}

/* Where the last character of `t` is (for an empty token: where it is). */
static void
locate_end (AdLexer *lx, const AdTok *t, guint32 *line, guint32 *col)
{
  if (t->line != 0) {
    *line = t->line;
    *col = t->col;
    return;
  }
  gsize last = t->end > t->start ? t->end - 1 : t->start;
  while (last > t->start && ((guchar) lx->text[last] & 0xc0) == 0x80)
    last--;
  locate (lx, &lx->lex_at, last, line, col);
}

void
ad_lexer_locate (AdLexer *lx, const AdTok *t, guint *line, guint *col)
{
  if (t->line != 0) {
    *line = t->line;
    *col = t->col;
    return;
  }
  guint32 l, c;
  locate (lx, &lx->parse_at, t->start, &l, &c);
  *line = l;
  *col = c;
}

/* An origin at byte `offset` of the input. */
static AmOrigin
origin_at (AdLexer *lx, gsize offset)
{
  guint32 line, col;
  locate (lx, &lx->lex_at, offset, &line, &col);
  return am_origin (lx->file, line, col);
}

/* A plain array rather than a GArray: a token is appended for every few bytes of input. */
static inline void
enqueue (AdLexer *lx, const AdTok *t)
{
  AdQueue *q = lx->out;
  if (q->len == q->cap) {
    q->cap *= 2;
    q->tokens = g_renew (AdTok, q->tokens, q->cap);
  }
  q->tokens[q->len++] = *t;
}

/* Queues `t` (an empty line waits until something follows it) and makes it the last token. */
static void
produce (AdLexer *lx, const AdTok *t)
{
  if (lx->held_emptyline) {
    /* Something follows the empty line: it is a real separator. */
    lx->held_emptyline = FALSE;
    enqueue (lx, &lx->held);
  }
  if (t->type == AD_EMPTYLINE) {
    lx->held_emptyline = TRUE;
    lx->held = *t;
    lx->before_held = lx->last;
  } else
    enqueue (lx, t);
  lx->have_last = TRUE;
  lx->last_type = t->type;
  lx->last = *t;
  lx->skipped_after_last = FALSE;
}

static void
push_token (AdLexer *lx, AdTokType type, gsize start, gsize end)
{
  AdTok t = { type, (guint32) start, (guint32) end, 0, 0, 0 };
  produce (lx, &t);
}

/* A zero-width Indent/Dedent at (line, col). */
static void
push_marker (AdLexer *lx, AdTokType type, gsize at, guint32 line, guint32 col)
{
  AdTok t = { type, (guint32) at, (guint32) at, line, col, 0 };
  produce (lx, &t);
}

/* emitRemainingDedentTokens: close every open indentation, placed after the last token. */
static void
emit_remaining_dedents (AdLexer *lx)
{
  if (lx->n_indents <= 1)
    return;
  guint32 line = 1, col = 1;
  if (lx->have_last)
    locate_end (lx, &lx->last, &line, &col);
  if (lx->have_last && (lx->last_type == AD_NEWLINE || lx->last_type == AD_EMPTYLINE))
    line++;
  gsize at = lx->have_last ? lx->last.end : 0;
  while (lx->n_indents > 1) {
    push_marker (lx, AD_DEDENT, at, line, col);
    lx->n_indents--;
  }
}

/* emitIndentOrDedent: compare the indentation of a relation or list line with the stack. */
static void
emit_indent_or_dedent (AdLexer *lx, gsize line_start, guint level)
{
  guint last = lx->indents[lx->n_indents - 1];
  if (level == last)
    return; /* most relation lines: no marker, and no position to find */
  guint32 line, col;
  locate (lx, &lx->lex_at, line_start, &line, &col);
  if (level > last) {
    if (lx->n_indents == lx->indents_cap) {
      lx->indents_cap *= 2;
      lx->indents = g_renew (guint, lx->indents, lx->indents_cap);
    }
    lx->indents[lx->n_indents++] = level;
    push_marker (lx, AD_INDENT, line_start, line, col);
  } else {
    while (lx->n_indents > 1 && level < last) {
      lx->n_indents--;
      last = lx->indents[lx->n_indents - 1];
      push_marker (lx, AD_DEDENT, line_start, line, col);
    }
  }
}

static void lex_error (AdLexer *lx, gsize at, const char *message);

/* ---- matchers: each returns the end of its match, or 0 ---- */

/* Argdown reads an unterminated comment as text, and real maps rely on that: a warning, once
 * per kind (the scan for the end is not repeated for every later opening either). */
static void
unterminated_comment (AdLexer *lx, gsize p, const char *message)
{
  gboolean html = lx->text[p] == '<';
  gsize *until = html ? &lx->warned_html_comment : &lx->warned_block_comment;
  if (p < *until)
    return;
  am_diag_warning (lx->diags, origin_at (lx, p), "%s", message);
  *until = lx->len;
}

static gsize
match_comment (AdLexer *lx, gsize p)
{
  const char *t = lx->text;
  gsize len = lx->len, end = 0;
  if (p + 4 <= len && memcmp (t + p, "<!--", 4) == 0) {
    gsize e = find_next (lx, FIND_HTML_END, p + 4);
    if (e >= len) {
      unterminated_comment (lx, p, "unterminated comment: '<!--' without a matching '-->' is "
                                   "read as text");
      return 0;
    }
    end = e + 3;
  } else if (p + 2 <= len && t[p] == '/' && t[p + 1] == '*') {
    gsize e = find_next (lx, FIND_BLOCK_END, p + 2);
    if (e >= len) {
      unterminated_comment (lx, p, "unterminated comment: '/*' without a matching '*/' is read "
                                   "as text");
      return 0;
    }
    end = e + 2;
  } else if (p + 2 <= len && t[p] == '/' && t[p + 1] == '/') {
    /* `//.*?(?=\r\n|\n|\r)`: a line comment needs a line break after it. */
    gsize q = find_next (lx, FIND_EOL, p + 2);
    if (q >= len)
      return 0;
    end = q;
  } else
    return 0;

  if (lx->have_last && lx->last_type == AD_EMPTYLINE) {
    /* (?:[ \t]*\r\n|\n|\r)* */
    for (;;) {
      gsize q = skip_blanks (lx, end);
      if (q + 1 < len && t[q] == '\r' && t[q + 1] == '\n')
        end = q + 2;
      else if (end < len && (t[end] == '\n' || t[end] == '\r'))
        end++;
      else
        break;
    }
  } else if (lx->have_last && lx->last_type == AD_NEWLINE) {
    /* (?:[ \t]*(?:\r\n|\n|\r)(?!([ \t]*(\r\n|\n|\r))))? */
    gsize q = skip_blanks (lx, end);
    gsize nl = 0;
    if (q + 1 < len && t[q] == '\r' && t[q + 1] == '\n')
      nl = q + 2;
    else if (q < len && (t[q] == '\n' || t[q] == '\r'))
      nl = q + 1;
    if (nl) {
      gsize r = skip_blanks (lx, nl);
      if (!(r < len && (t[r] == '\n' || t[r] == '\r')))
        end = nl;
    }
  }
  return end;
}

static gsize
match_front_matter (AdLexer *lx, gsize p)
{
  const char *t = lx->text;
  gsize n = 0;
  while (p + n < lx->len && t[p + n] == '=')
    n++;
  if (n < 3)
    return 0;
  gsize end = find_next (lx, FIND_FM, p + n);
  if (end >= lx->len)
    return n >= 6 ? p + n : 0; /* `======` alone opens and closes */
  while (end < lx->len && t[end] == '=')
    end++;
  return end;
}

/* `{((?!}\s[^\,}])(.|\n))*}(?!\s*(\,|}))`: the repetition stops at the first `}` followed by
 * one white space and a character other than `,` `}` (or at \r, U+2028/9); the match ends at
 * the last `}` up to there that is not followed by white space and `,` or `}`. */
static gsize
match_data (AdLexer *lx, gsize p)
{
  const char *t = lx->text;
  gsize len = lx->len, stop;
  if (lx->data_stop_from <= p && p < lx->data_stop)
    stop = lx->data_stop; /* the stop does not depend on where the scan starts */
  else {
    gsize i = p + 1;
    stop = len;
    while (i < len) {
      guint cl;
      gunichar c = char_at (lx, i, &cl);
      if (!(c == '\n' || is_js_dot (c))) {
        stop = i;
        break;
      }
      if (c == '}' && i + 1 < len) {
        guint cl2;
        gunichar c2 = char_at (lx, i + 1, &cl2);
        if (ad_is_js_space (c2) && i + 1 + cl2 < len) {
          char c3 = t[i + 1 + cl2];
          if (c3 != ',' && c3 != '}') {
            stop = i;
            break;
          }
        }
      }
      i += cl;
    }
    lx->data_stop_from = p;
    lx->data_stop = stop;
    lx->data_best = G_MAXSIZE;
  }
  if (lx->data_best != G_MAXSIZE) { /* (the cache holds p now, either way) */
    /* The last valid `}` before the stop does not depend on the start either. */
    return lx->data_best > p ? lx->data_best + 1 : 0;
  }
  gsize q = stop < len ? stop : len - 1;
  for (; q > p; q--) {
    if (t[q] != '}')
      continue;
    gsize r = q + 1;
    while (r < len && space_at (lx, r)) {
      guint cl;
      char_at (lx, r, &cl);
      r += cl;
    }
    if (r < len && (t[r] == ',' || t[r] == '}'))
      continue;
    lx->data_best = q;
    return q + 1;
  }
  lx->data_best = p; /* none after p */
  return 0;
}

static gsize
match_escaped (AdLexer *lx, gsize p)
{
  if (lx->text[p] != '\\' || p + 1 >= lx->len)
    return 0;
  guint cl;
  gunichar c = char_at (lx, p + 1, &cl);
  if (!is_js_dot (c))
    return 0;
  gsize end = p + 1 + cl;
  while (end < lx->len && lx->text[end] == ' ')
    end++;
  return end;
}

/* `\.[^\s]+?\.[ \t]?` and the same with `:`. */
static gsize
match_special (AdLexer *lx, gsize p)
{
  char d = lx->text[p];
  if (d != '.' && d != ':')
    return 0;
  gsize k = ad_special_close (lx->text, lx->len, p);
  if (k == 0)
    return 0;
  gsize end = k + 1;
  if (end < lx->len && (lx->text[end] == ' ' || lx->text[end] == '\t'))
    end++;
  return end;
}

/* `(?:[ \t]*(?:\r\n|\n)){2,}` */
static gsize
match_emptyline (AdLexer *lx, gsize p)
{
  const char *t = lx->text;
  guint count = 0;
  gsize end = p;
  for (;;) {
    gsize q = skip_blanks (lx, end);
    if (q + 1 < lx->len && t[q] == '\r' && t[q + 1] == '\n')
      end = q + 2;
    else if (q < lx->len && t[q] == '\n')
      end = q + 1;
    else
      break;
    count++;
  }
  return count >= 2 ? end : 0;
}

static gsize
match_newline (AdLexer *lx, gsize p)
{
  const char *t = lx->text;
  gsize q = skip_blanks (lx, p);
  if (q + 1 < lx->len && t[q] == '\r' && t[q + 1] == '\n')
    return q + 2;
  if (q < lx->len && (t[q] == '\n' || t[q] == '\r'))
    return q + 1;
  return 0;
}

/* `[ \t]*` + `-{2,}`... and the relation symbols: the type, or AD_EOF when none. `q` is where
 * the blanks end. */
static AdTokType
match_relation (AdLexer *lx, gsize q, gsize *end)
{
  const char *t = lx->text;
  gsize len = lx->len;
  char c0 = q < len ? t[q] : 0, c1 = q + 1 < len ? t[q + 1] : 0;
  /* Keep in the order of lexer.js: +>, ->, <?+, <?-, ><, _>, <_ | _(?=\s). */
  if (c0 == '+' && c1 == '>') {
    *end = q + 2;
    return AD_IN_SUPPORT;
  }
  if (c0 == '-' && c1 == '>') {
    *end = q + 2;
    return AD_IN_ATTACK;
  }
  if (c0 == '+' || (c0 == '<' && c1 == '+')) {
    *end = q + (c0 == '<' ? 2 : 1);
    return AD_OUT_SUPPORT;
  }
  if (c0 == '-' || (c0 == '<' && c1 == '-')) {
    *end = q + (c0 == '<' ? 2 : 1);
    return AD_OUT_ATTACK;
  }
  if (c0 == '>' && c1 == '<') {
    *end = q + 2;
    return AD_CONTRA;
  }
  if (c0 == '_' && c1 == '>') {
    *end = q + 2;
    return AD_IN_UNDERCUT;
  }
  if (c0 == '<' && c1 == '_') {
    *end = q + 2;
    return AD_OUT_UNDERCUT;
  }
  if (c0 == '_' && space_at (lx, q + 1)) {
    *end = q + 1;
    return AD_OUT_UNDERCUT;
  }
  return AD_EOF;
}

static gboolean
range_top_is (AdLexer *lx, guint8 range)
{
  return lx->ranges->len > 0 && lx->ranges->data[lx->ranges->len - 1] == range;
}

/* `^\*\*(?:[ \t]|(?=\n|\r|\)|\}|\_|\.|,|!|\?|;|:|-|\*|$))` for a delimiter of `n` bytes. */
static gsize
match_range_end (AdLexer *lx, gsize p, char d, guint n, guint8 range)
{
  if (!range_top_is (lx, range) || !lx->have_last || lx->skipped_after_last)
    return 0;
  if (p + n > lx->len)
    return 0;
  for (guint i = 0; i < n; i++)
    if (lx->text[p + i] != d)
      return 0;
  gsize e = p + n;
  if (e >= lx->len)
    return e;
  char c = lx->text[e];
  if (c == ' ' || c == '\t')
    return e + 1;
  if (strchr ("\n\r)}_.,!?;:-*", c) != NULL && c != '\0')
    return e;
  return 0;
}

static gsize
match_range_start (AdLexer *lx, gsize p, char d, guint n)
{
  if (p + n > lx->len)
    return 0;
  for (guint i = 0; i < n; i++)
    if (lx->text[p + i] != d)
      return 0;
  if (space_at (lx, p + n))
    return 0;
  return p + n;
}

static gsize
opt_blank (AdLexer *lx, gsize e)
{
  if (e < lx->len && (lx->text[e] == ' ' || lx->text[e] == '\t'))
    e++;
  return e;
}

/* `\[[^\]]+?\]\([^\)]+?\)[ \t]?` */
static gsize
match_link (AdLexer *lx, gsize p)
{
  const char *t = lx->text;
  if (t[p] != '[' || p + 1 >= lx->len || t[p + 1] == ']')
    return 0;
  gsize k = find_next (lx, FIND_RBRACKET, p + 1);
  if (k + 2 >= lx->len || t[k + 1] != '(' || t[k + 2] == ')')
    return 0;
  gsize paren = find_next (lx, FIND_RPAREN, k + 2);
  if (paren >= lx->len)
    return 0;
  return opt_blank (lx, paren + 1);
}

static gsize
match_tag (AdLexer *lx, gsize p)
{
  const char *t = lx->text;
  if (t[p] != '#' || p + 1 >= lx->len)
    return 0;
  if (t[p + 1] == '(') {
    if (p + 2 < lx->len && t[p + 2] != ')') {
      gsize paren = find_next (lx, FIND_RPAREN, p + 2);
      if (paren < lx->len)
        return opt_blank (lx, paren + 1);
    }
  }
  gsize k = p + 1;
  while (k < lx->len) {
    guint cl;
    gunichar c = char_at (lx, k, &cl);
    if (!ad_is_tag_char (c))
      break;
    k += cl;
  }
  return k > p + 1 ? opt_blank (lx, k) : 0;
}

/* `O.+?C` (colon: followed by `:`), `.` excluding line terminators. U+2028/U+2029 (which
 * JavaScript's `.` excludes too) are not looked for: they do not end a title here. */
static gsize
match_bracket (AdLexer *lx, gsize p, char open, char close, gboolean colon)
{
  const char *t = lx->text;
  if (t[p] != open || p + 1 >= lx->len || t[p + 1] == '\n' || t[p + 1] == '\r')
    return 0;
  guint what = colon ? (close == ']' ? FIND_DEF : FIND_ARGDEF)
                     : (close == ']' ? FIND_RBRACKET : FIND_RANGLE);
  gsize k = find_next (lx, what, p + 2);
  if (k >= lx->len || find_next (lx, FIND_EOL, p + 1) < k)
    return 0;
  return k + 1 + (colon ? 1 : 0);
}

/* `O[^-].*?C`: the first character may be anything but `-` (even a line break); after it, as
 * in match_bracket, only \n and \r end the match (not U+2028/U+2029). */
static gsize
match_reference (AdLexer *lx, gsize p, char open, char close)
{
  const char *t = lx->text;
  if (t[p] != open || p + 1 >= lx->len || t[p + 1] == '-')
    return 0;
  guint cl;
  char_at (lx, p + 1, &cl);
  gsize from = p + 1 + cl;
  gsize k = find_next (lx, close == ']' ? FIND_RBRACKET : FIND_RANGLE, from);
  if (k >= lx->len || find_next (lx, FIND_EOL, from) < k)
    return 0;
  return k + 1;
}

static gsize
match_mention (AdLexer *lx, gsize p, char open, char close)
{
  if (lx->text[p] != '@' || p + 1 >= lx->len)
    return 0;
  gsize e = match_bracket (lx, p + 1, open, close, FALSE);
  return e ? opt_blank (lx, e) : 0;
}

static gsize
match_freestyle (AdLexer *lx, gsize p)
{
  const char *t = lx->text;
  gsize k = p;
  /* Four bytes a step while none ends the run: words are most of a map's text. */
  while (k + 4 <= lx->len
         && !(stop_table[(guint8) t[k]] | stop_table[(guint8) t[k + 1]]
              | stop_table[(guint8) t[k + 2]] | stop_table[(guint8) t[k + 3]]))
    k += 4;
  while (k < lx->len && !stop_table[(guint8) t[k]])
    k++;
  return k;
}

static gsize
match_digits (AdLexer *lx, gsize p)
{
  while (p < lx->len && g_ascii_isdigit (lx->text[p]))
    p++;
  return p;
}

/* ---- the lexer loop ---- */

static void
lex_error (AdLexer *lx, gsize at, const char *message)
{
  am_diag_error (lx->diags, origin_at (lx, at), "%s", message);
}

/* Consumes a skipped token (spaces, comment). */
static void
skip_to (AdLexer *lx, gsize end)
{
  lx->pos = end;
  lx->skipped_after_last = lx->have_last;
}

static void
control_char (AdLexer *lx, gsize p)
{
  /* A `{` that match_data refused: the scan from it stopped at data_stop. One error covers
   * the braces up to there. */
  if (lx->text[p] == '{' && p >= lx->data_err_until) {
    gsize stop = lx->data_stop_from <= p && p < lx->data_stop ? lx->data_stop : lx->len;
    lex_error (lx, p, "unterminated metadata: '{' without a matching '}'");
    if (stop < lx->len && lx->text[stop] == '}') {
      am_diag_note (lx->diags, origin_at (lx, stop),
                    "metadata ends at the first '}' followed by white space and more text");
    }
    lx->data_err_until = stop;
  }
  push_token (lx, AD_UNUSED, p, opt_blank (lx, p + 1));
  lx->pos = lx->last.end;
}

/* What both modes try last at `p`: blanks, free text, control characters, else a backslash
 * with nothing to escape. TRUE when the caller is to move past the token it produced; FALSE
 * when this has moved on itself (blanks skipped, a control character lexed). */
static gboolean
lex_rest (AdLexer *lx, gsize p)
{
  char c = lx->text[p];
  gsize e;
  if (c == ' ' || c == '\t') {
    skip_to (lx, skip_blanks (lx, p));
    return FALSE;
  }
  if ((e = match_freestyle (lx, p)) > p) {
    push_token (lx, AD_FREESTYLE, p, e);
    return TRUE;
  }
  if (control_table[(guint8) c]) {
    control_char (lx, p);
    return FALSE;
  }
  lex_error (lx, p, "a backslash at the end of a line escapes nothing");
  push_token (lx, AD_UNUSED, p, p + 1);
  return TRUE;
}

/* Produces at least one token into the queue. */
static void
lex_step (AdLexer *lx)
{
  guint before = lx->out->len;
  while (lx->out->len == before) {
    gsize p = lx->pos, e;
    if (p >= lx->len) {
      if (lx->held_emptyline) {
        /* A trailing empty line is dropped (tokenize()), as if never produced. */
        lx->held_emptyline = FALSE;
        lx->last = lx->before_held;
        lx->last_type = lx->last.type;
      }
      emit_remaining_dedents (lx);
      AdTok eof = { AD_EOF, (guint32) lx->len, (guint32) lx->len, 1, 1, 0 };
      if (lx->have_last)
        locate_end (lx, &lx->last, &eof.line, &eof.col);
      enqueue (lx, &eof);
      lx->at_eof = TRUE;
      return;
    }
    const char *t = lx->text;
    char c = t[p];
    gboolean line_ctx = !lx->have_last || lx->last_type == AD_NEWLINE
                        || lx->last_type == AD_EMPTYLINE;

    if ((c == '/' || c == '<') && (e = match_comment (lx, p))) {
      skip_to (lx, e);
      continue;
    }

    if (lx->inference_mode) {
      if ((e = match_newline (lx, p))) {
        push_token (lx, AD_NEWLINE, p, e);
      } else if (c == '\\' && (e = match_escaped (lx, p))) {
        push_token (lx, AD_ESCAPED, p, e);
      } else if ((c == '.' || c == ':') && (e = match_special (lx, p))) {
        push_token (lx, AD_SPECIAL, p, e);
      } else if (c == '-' && p + 1 < lx->len && t[p + 1] == '-') {
        e = p;
        while (e < lx->len && t[e] == '-')
          e++;
        push_token (lx, AD_INF_END, p, e);
        lx->inference_mode = FALSE;
      } else if (c == '{' && (e = match_data (lx, p))) {
        push_token (lx, AD_DATA, p, e);
      } else if (c == ',') {
        push_token (lx, AD_LIST_DELIM, p, p + 1);
      } else if (!lex_rest (lx, p)) {
        continue;
      }
      lx->pos = lx->last.end;
      continue;
    }

    /* Most tokens are words: their first byte rules out every token below. */
    if (plain_start[(guint8) c] && !(line_ctx && g_ascii_isdigit (c))) {
      if (lex_rest (lx, p))
        lx->pos = lx->last.end;
      continue;
    }
    /* Blanks between words: only a line break after them makes them part of a token. */
    if ((c == ' ' || c == '\t') && !line_ctx) {
      gsize q = skip_blanks (lx, p);
      if (q >= lx->len || (t[q] != '\n' && t[q] != '\r')) {
        skip_to (lx, q);
        continue;
      }
    }

    /* The first character after blanks picks which of the line-start tokens can match: each
     * of them would skip the blanks again. */
    gsize q = skip_blanks (lx, p);
    char cq = q < lx->len ? t[q] : '\0';
    gboolean at_break = cq == '\n' || cq == '\r';
    AdTokType rel;
    if (c == '=' && (e = match_front_matter (lx, p))) {
      push_token (lx, AD_FRONT_MATTER, p, e);
    } else if (c == '{' && (e = match_data (lx, p))) {
      push_token (lx, AD_DATA, p, e);
    } else if (c == '\\' && (e = match_escaped (lx, p))) {
      push_token (lx, AD_ESCAPED, p, e);
    } else if ((c == '.' || c == ':') && (e = match_special (lx, p))) {
      push_token (lx, AD_SPECIAL, p, e);
    } else if (at_break && !(lx->have_last && lx->last_type == AD_EMPTYLINE)
               && (e = match_emptyline (lx, p))) {
      if (e < lx->len)
        emit_remaining_dedents (lx);
      push_token (lx, AD_EMPTYLINE, p, e);
    } else if (at_break && (e = match_newline (lx, p))) {
      push_token (lx, AD_NEWLINE, p, e);
    } else if ((!lx->have_last || lx->last_type == AD_NEWLINE) && cq == '-'
               && q + 1 < lx->len && t[q + 1] == '-') {
      emit_remaining_dedents (lx);
      push_token (lx, AD_INF_START, p, q + 2);
      lx->inference_mode = TRUE;
    } else if (line_ctx && (cq == '+' || cq == '-' || cq == '<' || cq == '>' || cq == '_')
               && (rel = match_relation (lx, q, &e)) != AD_EOF) {
      emit_indent_or_dedent (lx, p, (guint) (q - p));
      push_token (lx, rel, p, e);
    } else if (line_ctx && c == '#' && (e = p, TRUE)) {
      while (e < lx->len && t[e] == '#')
        e++;
      if (e < lx->len && t[e] == ' ')
        push_token (lx, AD_HEADING, p, e + 1);
      else if ((e = match_tag (lx, p)))
        push_token (lx, AD_TAG, p, e);
      else {
        control_char (lx, p);
        continue;
      }
    } else if (line_ctx && (e = q) < lx->len && t[e] == '('
               && match_digits (lx, e + 1) > e + 1 && match_digits (lx, e + 1) < lx->len
               && t[match_digits (lx, e + 1)] == ')') {
      emit_remaining_dedents (lx);
      push_token (lx, AD_STNUM, p, match_digits (lx, e + 1) + 1);
    } else if (line_ctx && (e = q) < lx->len && g_ascii_isdigit (t[e])
               && match_digits (lx, e) < lx->len && t[match_digits (lx, e)] == '.'
               && space_at (lx, match_digits (lx, e) + 1)) {
      emit_indent_or_dedent (lx, p, (guint) (e - p) + 1);
      push_token (lx, AD_OL_ITEM, p, match_digits (lx, e) + 1);
    } else if (line_ctx && (e = q) < lx->len && t[e] == '*'
               && space_at (lx, e + 1)) {
      emit_indent_or_dedent (lx, p, (guint) (e - p) + 1);
      push_token (lx, AD_UL_ITEM, p, e + 1);
    } else if (c == '*' && (e = match_range_end (lx, p, '*', 2, RANGE_ABOLD))) {
      g_byte_array_set_size (lx->ranges, lx->ranges->len - 1);
      push_token (lx, AD_ABOLD_END, p, e);
    } else if (c == '_' && (e = match_range_end (lx, p, '_', 2, RANGE_UBOLD))) {
      g_byte_array_set_size (lx->ranges, lx->ranges->len - 1);
      push_token (lx, AD_UBOLD_END, p, e);
    } else if (c == '*' && (e = match_range_end (lx, p, '*', 1, RANGE_AITAL))) {
      g_byte_array_set_size (lx->ranges, lx->ranges->len - 1);
      push_token (lx, AD_AITAL_END, p, e);
    } else if (c == '_' && (e = match_range_end (lx, p, '_', 1, RANGE_UITAL))) {
      g_byte_array_set_size (lx->ranges, lx->ranges->len - 1);
      push_token (lx, AD_UITAL_END, p, e);
    } else if (c == '*' && (e = match_range_start (lx, p, '*', 2))) {
      guint8 r = RANGE_ABOLD;
      g_byte_array_append (lx->ranges, &r, 1);
      push_token (lx, AD_ABOLD_START, p, e);
    } else if (c == '_' && (e = match_range_start (lx, p, '_', 2))) {
      guint8 r = RANGE_UBOLD;
      g_byte_array_append (lx->ranges, &r, 1);
      push_token (lx, AD_UBOLD_START, p, e);
    } else if (c == '*' && (e = match_range_start (lx, p, '*', 1))) {
      guint8 r = RANGE_AITAL;
      g_byte_array_append (lx->ranges, &r, 1);
      push_token (lx, AD_AITAL_START, p, e);
    } else if (c == '_' && (e = match_range_start (lx, p, '_', 1))) {
      guint8 r = RANGE_UITAL;
      g_byte_array_append (lx->ranges, &r, 1);
      push_token (lx, AD_UITAL_START, p, e);
    } else if (c == '[' && (e = match_link (lx, p))) {
      push_token (lx, AD_LINK, p, e);
    } else if (c == '#' && (e = match_tag (lx, p))) {
      push_token (lx, AD_TAG, p, e);
    } else if (c == '[' && (e = match_bracket (lx, p, '[', ']', TRUE))) {
      push_token (lx, AD_ST_DEF, p, e);
    } else if (c == '[' && (e = match_reference (lx, p, '[', ']'))) {
      push_token (lx, AD_ST_REF, p, e);
    } else if (c == '@' && (e = match_mention (lx, p, '[', ']'))) {
      push_token (lx, AD_ST_MENTION, p, e);
    } else if (c == '<' && (e = match_bracket (lx, p, '<', '>', TRUE))) {
      push_token (lx, AD_ARG_DEF, p, e);
    } else if (c == '<' && (e = match_reference (lx, p, '<', '>'))) {
      push_token (lx, AD_ARG_REF, p, e);
    } else if (c == '@' && (e = match_mention (lx, p, '<', '>'))) {
      push_token (lx, AD_ARG_MENTION, p, e);
    } else if (!lex_rest (lx, p)) {
      continue;
    }
    lx->pos = lx->last.end;
  }
}

AdLexer *
ad_lexer_new (const char *text, gsize len, const char *file, AmDiagnostics *diags)
{
  init_tables ();
  AdLexer *lx = g_new0 (AdLexer, 1);
  lx->text = text;
  lx->len = len;
  lx->file = g_intern_string (file);
  lx->diags = diags;
  lx->lines_cap = 1024;
  lx->line_starts = g_new (guint32, lx->lines_cap);
  add_line_start (lx, 0);
  lx->lex_at.col = lx->parse_at.col = 1;
  lx->q.cap = 64;
  lx->q.tokens = g_new (AdTok, lx->q.cap);
  lx->out = &lx->q;
  lx->indents_cap = 16;
  lx->indents = g_new (guint, lx->indents_cap);
  lx->indents[lx->n_indents++] = 0;
  lx->ranges = g_byte_array_new ();
  lx->last_type = AD_EOF;
  lx->titles = ad_titles_new ();
  return lx;
}

/* ---- the lexer on a thread of its own ---- */

/* Tokens pass from the lexer's thread to the parser's through a ring of RING_SIZE (192 KB:
 * it stays in the caches). The lexer hands them over RING_BATCH at a time; a side that waits
 * spins a little, then sleeps on `cond`. */
#define RING_SIZE 8192u
#define RING_BATCH 64u
#define RING_TAKE 256u /* the most the parser takes at once */
#define RING_SPINS 2000

struct _Ahead {
  atomic_uint produced; /* tokens put into the ring, and taken out, modulo 2^32 */
  char apart1[60];      /* each counter on a cache line of its own */
  atomic_uint consumed;
  char apart2[60];
  atomic_int sleepers;  /* threads waiting on `cond`, or about to */
  atomic_bool stop;     /* the parser is done: the lexer is to stop */
  GMutex lock;
  GCond cond;
  GThread *thread;
  AdQueue out;                  /* what lex_step produces, before it goes into the ring */
  Cursor at;                    /* where the last token put into the ring is */
  AmDiagnostics *diags;         /* the lexer's own, while the parser adds to its own... */
  AmDiagnostics *parser_diags;
  guint diags_at;               /* ...from this one on */
  AdTok ring[RING_SIZE];
};

static gboolean
ring_ready (Ahead *a, gboolean lexer)
{
  guint used = atomic_load (&a->produced) - atomic_load (&a->consumed);
  /* The lexer waits for half the ring, so that it is woken once per half. */
  return lexer ? atomic_load (&a->stop) || used <= RING_SIZE / 2 : used > 0;
}

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#endif
}

static void
ring_wait (Ahead *a, gboolean lexer)
{
  for (int i = 0; i < RING_SPINS; i++) {
    if (ring_ready (a, lexer))
      return;
    cpu_relax ();
  }
  /* Sequentially consistent: either the waker sees `sleepers` up, or this sees its change. */
  g_mutex_lock (&a->lock);
  atomic_fetch_add (&a->sleepers, 1);
  while (!ring_ready (a, lexer))
    g_cond_wait (&a->cond, &a->lock);
  atomic_fetch_sub (&a->sleepers, 1);
  g_mutex_unlock (&a->lock);
}

static void
ring_wake (Ahead *a)
{
  if (atomic_load (&a->sleepers) > 0) {
    g_mutex_lock (&a->lock);
    g_cond_broadcast (&a->cond);
    g_mutex_unlock (&a->lock);
  }
}

/* Puts `n` tokens into the ring, waiting for room; FALSE when the parser stopped first. They
 * go with their positions, found here rather than on the parser's thread. */
static gboolean
ring_put (AdLexer *lx, AdTok *t, guint n)
{
  Ahead *a = lx->ahead;
  if (atomic_load_explicit (&a->stop, memory_order_relaxed))
    return FALSE; /* the parser has stopped before the end: lexing on would be for nothing */
  for (guint i = 0; i < n; i++)
    if (t[i].line == 0)
      locate (lx, &a->at, t[i].start, &t[i].line, &t[i].col);
  ad_titles_number (lx->titles, lx->text, t, n);
  guint p = atomic_load_explicit (&a->produced, memory_order_relaxed); /* only this writes it */
  while (n > 0) {
    guint room = RING_SIZE - (p - atomic_load_explicit (&a->consumed, memory_order_acquire));
    if (room == 0) {
      ring_wait (a, TRUE);
      if (atomic_load (&a->stop))
        return FALSE;
      continue;
    }
    guint m = MIN (n, room);
    for (guint i = 0; i < m; i++)
      a->ring[(p + i) % RING_SIZE] = t[i];
    p += m;
    t += m;
    n -= m;
    atomic_store (&a->produced, p);
    ring_wake (a);
  }
  return TRUE;
}

/* Moves what the ring holds (at least one token, waiting for it; at most RING_TAKE) into the
 * parser's queue. */
static void
ring_take (AdLexer *lx)
{
  Ahead *a = lx->ahead;
  guint c = atomic_load_explicit (&a->consumed, memory_order_relaxed); /* only this writes it */
  guint avail;
  while ((avail = atomic_load_explicit (&a->produced, memory_order_acquire) - c) == 0)
    ring_wait (a, FALSE);
  avail = MIN (avail, RING_TAKE);
  AdQueue *q = &lx->q;
  while (q->len + avail > q->cap) {
    q->cap *= 2;
    q->tokens = g_renew (AdTok, q->tokens, q->cap);
  }
  for (guint i = 0; i < avail; i++)
    q->tokens[q->len++] = a->ring[(c + i) % RING_SIZE];
  atomic_store (&a->consumed, c + avail);
  if (atomic_load (&a->sleepers) > 0 && ring_ready (a, TRUE))
    ring_wake (a);
}

/* What has been lexed is given back a megabyte at a time, all but the last 64 KB before the
 * parser (where it still looks; were it wrong, a page would only be read again). */
#define DROP_STEP (1u << 20)
#define DROP_KEEP (64u << 10)

static void
drop_behind (AdLexer *lx)
{
  gsize upto = lx->pos;
  if (lx->ahead != NULL) {
    /* The parser is at the ring's oldest token or before (a slot the lexer has not reused). */
    Ahead *a = lx->ahead;
    guint c = atomic_load (&a->consumed);
    if (c != atomic_load_explicit (&a->produced, memory_order_relaxed))
      upto = MIN (upto, a->ring[c % RING_SIZE].start);
  }
  if (upto < lx->dropped + DROP_KEEP)
    return;
  upto -= DROP_KEEP;
  am_input_drop_pages (lx->text + lx->dropped, upto - lx->dropped);
  lx->dropped = upto;
}

static void
lex_more (AdLexer *lx)
{
  lex_step (lx);
  if (lx->drop_pages && lx->pos >= lx->dropped + DROP_STEP)
    drop_behind (lx);
}

static gpointer
run_ahead (gpointer data)
{
  AdLexer *lx = data;
  Ahead *a = lx->ahead;
  do {
    a->out.len = 0;
    while (a->out.len < RING_BATCH && !lx->at_eof)
      lex_more (lx);
  } while (ring_put (lx, a->out.tokens, a->out.len) && !lx->at_eof);
  g_clear_pointer (&lx->titles, ad_titles_free); /* nothing is lexed after this */
  return NULL;
}

void
ad_lexer_run_ahead (AdLexer *lx)
{
  g_return_if_fail (lx->ahead == NULL && lx->q.len == 0);
  Ahead *a = g_new0 (Ahead, 1);
  g_mutex_init (&a->lock);
  g_cond_init (&a->cond);
  a->out.cap = 2 * RING_BATCH;
  a->out.tokens = g_new (AdTok, a->out.cap);
  a->at.col = 1;
  a->parser_diags = lx->diags;
  a->diags_at = am_diagnostics_len (lx->diags);
  a->diags = am_diagnostics_new ();
  lx->diags = a->diags;
  lx->out = &a->out;
  lx->ahead = a;
  a->thread = g_thread_new ("argdown-lexer", run_ahead, lx);
}

/* Stops the lexer's thread; its diagnostics go before the parser's, as if added first. */
static void
stop_ahead (AdLexer *lx)
{
  Ahead *a = lx->ahead;
  atomic_store (&a->stop, TRUE);
  g_mutex_lock (&a->lock);
  g_cond_broadcast (&a->cond);
  g_mutex_unlock (&a->lock);
  g_thread_join (a->thread);
  am_diagnostics_move (a->parser_diags, a->diags_at, a->diags);
  am_diagnostics_free (a->diags);
  lx->diags = a->parser_diags;
  g_free (a->out.tokens);
  g_mutex_clear (&a->lock);
  g_cond_clear (&a->cond);
  g_free (a);
  lx->ahead = NULL;
}

void
ad_lexer_free (AdLexer *lx)
{
  if (lx == NULL)
    return;
  if (lx->ahead != NULL)
    stop_ahead (lx);
  g_free (lx->q.tokens);
  g_free (lx->line_starts);
  g_free (lx->indents);
  g_byte_array_unref (lx->ranges);
  ad_titles_free (lx->titles);
  g_free (lx);
}

void
ad_lexer_set_title_hook (AdLexer *lx, AdTitleHook hook, gpointer data)
{
  lx->on_title = hook;
  lx->on_title_data = data;
  /* The tokens are the same; the lexer's diagnostics are only added earlier, before some of
   * the parser's about earlier lines (they are reported sorted: am_diagnostics_sort). */
  lx->lookahead = hook ? AD_LOOKAHEAD : 0;
}

void
ad_lexer_drop_pages (AdLexer *lx)
{
  lx->drop_pages = TRUE;
  /* Until the lexer gets there (line starts included), nothing needs the text in memory. */
  am_input_drop_pages (lx->text, lx->len);
}

const AdTok *
ad_lexer_fill (AdLexer *lx, guint k)
{
  while (lx->q.len - lx->q.head <= k + lx->lookahead && !lx->q_eof) {
    /* Drop consumed tokens now and then, so the queue stays small on any input. */
    if (lx->q.head > 1024 && lx->q.head * 2 > lx->q.len) {
      lx->q.len -= lx->q.head;
      memmove (lx->q.tokens, lx->q.tokens + lx->q.head, lx->q.len * sizeof (AdTok));
      lx->q.head = 0;
    }
    guint from = lx->q.len;
    if (lx->ahead != NULL) {
      ring_take (lx); /* numbered on the lexer's thread */
    } else {
      lex_more (lx);
      ad_titles_number (lx->titles, lx->text, lx->q.tokens + from, lx->q.len - from);
    }
    /* The hook hears of titles as they come into the queue: AD_LOOKAHEAD tokens early. */
    if (lx->on_title != NULL) {
      for (guint i = from; i < lx->q.len; i++) {
        const AdTok *t = &lx->q.tokens[i];
        if (t->type == AD_ST_REF || t->type == AD_ST_DEF) { /* `[T]` or `[T]:` */
          gsize len;
          const char *title = ad_title_bytes (lx->text, t, &len);
          lx->on_title (lx->on_title_data, t->title, title, len);
        }
      }
    }
    lx->q_eof = lx->q.tokens[lx->q.len - 1].type == AD_EOF; /* always the last one */
  }
  if (lx->q.len - lx->q.head <= k)
    return &lx->q.tokens[lx->q.len - 1]; /* the end: Eof, again and again */
  return &lx->q.tokens[lx->q.head + k];
}
