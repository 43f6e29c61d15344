/* am-argdown-private: the Argdown lexer shared by the reader's files (not a public interface). */
#pragma once

#include <glib.h>

#include "am-diag.h"

G_BEGIN_DECLS

/* Token types of @argdown/core's lexer (lexer.js), in its order of trial. Keep in sync with
 * ad_token_name(). */
typedef enum {
  AD_EOF,
  AD_FRONT_MATTER,
  AD_DATA,
  AD_ESCAPED,
  AD_SPECIAL,
  AD_EMPTYLINE,
  AD_NEWLINE,
  AD_DEDENT,
  AD_INDENT,
  AD_INF_START,
  AD_IN_SUPPORT,   /* +> */
  AD_IN_ATTACK,    /* -> */
  AD_OUT_SUPPORT,  /* + <+ */
  AD_OUT_ATTACK,   /* - <- */
  AD_CONTRA,       /* >< */
  AD_IN_UNDERCUT,  /* _> */
  AD_OUT_UNDERCUT, /* _ <_ */
  AD_HEADING,
  AD_STNUM,        /* (1) */
  AD_OL_ITEM,
  AD_UL_ITEM,
  AD_ABOLD_END,
  AD_UBOLD_END,
  AD_AITAL_END,
  AD_UITAL_END,
  AD_ABOLD_START,
  AD_UBOLD_START,
  AD_AITAL_START,
  AD_UITAL_START,
  AD_LINK,
  AD_TAG,
  AD_ST_DEF,
  AD_ST_REF,
  AD_ST_MENTION,
  AD_ARG_DEF,
  AD_ARG_REF,
  AD_ARG_MENTION,
  AD_FREESTYLE,
  AD_UNUSED,       /* a control character used as text */
  AD_INF_END,
  AD_LIST_DELIM,
  AD_N_TOKENS
} AdTokType;

/* A token: byte range [start, end) of the text. Indent, Dedent and the end are empty and
 * carry their own line/column (1-based, in characters); for the others `line` is 0 and
 * ad_lexer_locate() finds it: most tokens are never asked where they are. (A lexer on a
 * thread of its own finds every token's there, and the parser's thread has less to do.) */
typedef struct {
  AdTokType type;
  guint32 start, end;
  guint32 line, col;
  guint32 title; /* a statement definition or reference: its title's number (see AdTitles);
                    else 0 */
} AdTok;

/* JavaScript's \s, which the lexer's patterns use. */
static inline gboolean
ad_is_js_space (gunichar c)
{
  switch (c) {
  case ' ': case '\t': case '\n': case '\r': case 0x0b: case 0x0c: case 0xa0: case 0x1680:
  case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000: case 0xfeff:
    return TRUE;
  default:
    return c >= 0x2000 && c <= 0x200a;
  }
}

/* A character of a tag without parentheses (`#tag`). */
static inline gboolean
ad_is_tag_char (gunichar c)
{
  /* [a-zA-z0-9-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF] (A-z includes [\]^_`) */
  return (c >= 'A' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
         || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf)
         || (c >= 0xfdf0 && c <= 0xffef);
}

/* Argdown's Special token `\.[^\s]+?\.` (and the same with `:`) starting at text[p], in valid
 * UTF-8: the offset of its closing delimiter, or 0 when there is none. The lexer reads such a
 * span as one token, so the writer must find the same ones. */
static inline gsize
ad_special_close (const char *text, gsize len, gsize p)
{
  for (gsize k = p + 1; k < len; k = (gsize) (g_utf8_next_char (text + k) - text)) {
    if (ad_is_js_space (g_utf8_get_char (text + k)))
      return 0;
    if (k >= p + 2 && text[k] == text[p])
      return k;
  }
  return 0;
}

/* The bytes of the title of a definition or reference (`[T]:`, `[T]`, `<T>:`, `<T>`): `len`
 * of them, not terminated. */
static inline const char *
ad_title_bytes (const char *text, const AdTok *t, gsize *len)
{
  gboolean def = t->type == AD_ST_DEF || t->type == AD_ARG_DEF;
  *len = t->end - t->start - (def ? 3 : 2);
  return text + t->start + 1;
}

/* Numbers for statement titles: 1, 2, 3... in the order they first come, the same number for
 * the same bytes. The lexer numbers the titles of the tokens it makes (AdTok.title). */
typedef struct _AdTitles AdTitles;
AdTitles *ad_titles_new (void);
void ad_titles_free (AdTitles *titles);
/* Numbers the statement definitions and references among toks[0 .. n), tokens of `text`. */
void ad_titles_number (AdTitles *titles, const char *text, AdTok *toks, guint n);

typedef struct _AdLexer AdLexer;

/* A lexer over `text` (borrowed, must outlive it). Problems the lexer alone sees (a character
 * no token matches, an unterminated `{`) go to `diags` under the name `file` (interned). */
AdLexer *ad_lexer_new (const char *text, gsize len, const char *file, AmDiagnostics *diags);
/* The text is a mapped input (AmInput.mapped): give back its pages as they are lexed. */
void ad_lexer_drop_pages (AdLexer *lx);
/* Called with the title of every statement definition and reference (`[T]:`, `[T]`: its
 * number, and its bytes, not terminated) as soon as it is lexed. With a hook the lexer runs
 * AD_LOOKAHEAD tokens ahead of the parser, so the reader hears of a title before it looks it
 * up. */
typedef void (*AdTitleHook) (gpointer data, guint32 number, const char *title, gsize len);
#define AD_LOOKAHEAD 48
void ad_lexer_set_title_hook (AdLexer *lx, AdTitleHook hook, gpointer data);
/* Lexes on a thread of its own from now on (before any token is asked for): the parser then
 * only takes the tokens. Worth it for a large text, on more than one processor. The lexer's
 * diagnostics are added to `diags` by ad_lexer_free(), before the ones added meanwhile. */
void ad_lexer_run_ahead (AdLexer *lx);
void ad_lexer_free (AdLexer *lx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AdLexer, ad_lexer_free)

/* The tokens produced and not consumed yet: the first member of AdLexer, so that looking at a
 * token already produced (what the parser does most) is inline. */
typedef struct {
  AdTok *tokens;
  guint len;  /* produced */
  guint head; /* the next one to consume */
  guint cap;  /* room for this many */
} AdQueue;

/* ad_lexer_peek's way when the token is not produced yet. */
const AdTok *ad_lexer_fill (AdLexer *lx, guint k);

/* The k-th token ahead (0: the next one), borrowed until the next ad_lexer_next(). */
static inline const AdTok *
ad_lexer_peek (AdLexer *lx, guint k)
{
  const AdQueue *q = (const AdQueue *) lx;
  if (q->len - q->head > k)
    return &q->tokens[q->head + k];
  return ad_lexer_fill (lx, k);
}

/* Consumes and returns the next token. */
static inline AdTok
ad_lexer_next (AdLexer *lx)
{
  AdTok t = *ad_lexer_peek (lx, 0);
  if (t.type != AD_EOF)
    ((AdQueue *) lx)->head++;
  return t;
}

/* Line and column where `t` starts. */
void ad_lexer_locate (AdLexer *lx, const AdTok *t, guint *line, guint *col);

const char *ad_token_name (AdTokType type);

G_END_DECLS
