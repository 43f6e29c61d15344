#!/usr/bin/env python3
"""compare-models: checks that the Argdown CLI's JSON and argmap's JSON describe the same model.

Usage: compare-models.py ARGDOWN.json ARGMAP.json
Compares statement titles, argument titles and relations (type, from, from kind, to, to kind).
Relations that argmap derives from premise-conclusion structures (marked `derived` in its JSON)
are left out, since `argdown json` does not list them. Exit 0 when equal, 1 with a summary of
the differences otherwise.
"""

import json
import sys

KIND = {"equivalence-class": "statement", "statement": "statement", "argument": "argument"}
# Argdown's relation types (strict mode included) onto argmap's four (docs/json.md).
TYPE = {"support": "support", "entails": "support", "attack": "attack", "contrary": "attack",
        "contradictory": "contradiction", "undercut": "undercut"}


def titles(collection):
    if isinstance(collection, dict):
        return set(collection)
    return {item["title"] for item in collection}


def argdown_relations(doc):
    return {(TYPE[r["relationType"]], r["from"], KIND[r["fromType"]], r["to"], KIND[r["toType"]])
            for r in doc["relations"]}


def argmap_relations(doc):
    out = set()
    for r in doc["relations"]:
        if r.get("derived"):
            continue
        out.add((r["type"], r["from"], r["from_kind"], r["to"], r["to_kind"]))
    return out


def report(name, a, b):
    if a == b:
        return True
    only_a, only_b = sorted(a - b), sorted(b - a)
    print(f"{name}: {len(only_a)} only in argdown, {len(only_b)} only in argmap")
    for item in only_a[:5]:
        print(f"  argdown only: {item}")
    for item in only_b[:5]:
        print(f"  argmap only:  {item}")
    return False


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    with open(sys.argv[1], encoding="utf-8") as f:
        ad = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        am = json.load(f)
    ok = report("statements", titles(ad["statements"]), titles(am["statements"]))
    ok &= report("arguments", titles(ad["arguments"]), titles(am["arguments"]))
    ok &= report("relations", argdown_relations(ad), argmap_relations(am))
    if ok:
        print(f"same model: {len(ad['statements'])} statements, {len(ad['arguments'])} arguments, "
              f"{len(ad['relations'])} relations")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
