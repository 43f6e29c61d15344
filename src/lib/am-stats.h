/* am-stats: counts that describe a map: nodes by kind, relations by type, actors, stances,
 * anchoring, sections. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "am-model.h"

G_BEGIN_DECLS

typedef struct {
  guint statements;
  guint statements_defined;    /* some occurrence gives a text */
  guint statements_referenced; /* only mentioned by title, never given a text */
  guint statements_untitled;
  guint statements_anchored;   /* with a span into a source */
  guint statements_unanchored;
  guint statements_quoted;     /* with a `quote:` (anchored or not) */
  guint arguments;
  guint arguments_defined;     /* with a description or a premise-conclusion structure */
  guint arguments_referenced;
  guint arguments_reconstructed; /* with a premise-conclusion structure */
  guint arguments_anchored;
  guint pcs_premises;          /* premises over all premise-conclusion structures */
  guint relations;
  guint relations_by_type[4];  /* indexed by AmRelationType */
  guint relations_derived;     /* added by the reader (e.g. from a reconstruction) */
  guint actors;
  guint stances;
  guint stances_by_value[3];   /* indexed by AmStanceValue */
  guint stance_nodes;          /* statements and arguments someone takes a stance on */
  guint sections;
  guint sections_top;          /* top-level sections */
  guint section_depth;         /* deepest heading level, 0 without sections */
  guint sources;
  guint sources_read;
  guint tags;                  /* distinct tags */
} AmStats;

/* Counts the elements of `map` into `out`. */
void am_stats_compute (const AmMap *map, AmStats *out);

/* The counts as a JSON object (new reference), keys in a fixed order. */
JsonNode *am_stats_to_json (const AmStats *stats);

/* Appends the counts as an aligned, human-readable table. */
void am_stats_format_table (const AmStats *stats, GString *out);

G_END_DECLS
