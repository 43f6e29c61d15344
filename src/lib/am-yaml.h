/* am-yaml: YAML (through libyaml) to json-glib nodes, with origins mapped into the enclosing file. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "am-model.h"

G_BEGIN_DECLS

/* Parses `len` bytes of YAML (one document) into a new JsonNode. `base` is where text[0] sits
 * in the enclosing file: YAML line 0 starts at base.column, later lines at column 1. Plain
 * scalars resolve as YAML 1.2's core schema does (null, booleans, integers, floats); quoted
 * scalars stay strings. An empty document gives a JSON null.
 * When `origins` is non-NULL and the document is a mapping, it receives for every top-level key
 * (owned copy) the AmOrigin* (owned) of its value.
 * On bad YAML returns NULL, sets `error` (AM_ERROR_PARSE, a short lowercase message) and
 * `*error_origin` (may be NULL) to where libyaml found the problem. */
JsonNode *am_yaml_parse (const char *text, gsize len, AmOrigin base, GHashTable *origins,
                         AmOrigin *error_origin, GError **error);

G_END_DECLS
