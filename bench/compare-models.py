#!/usr/bin/env python3
"""compare-models: checks that the Argdown CLI's JSON and argmap's JSON describe the same model.

Usage: compare-models.py ARGDOWN.json ARGMAP.json
Compares statement titles, argument titles and relations (type, from, from kind, to, to kind).
Every relation of argmap's map counts, explicit or derived: Argdown's `relations` are its model
after its own transformations (a relation of a reconstructed argument moved to its conclusion),
which argmap marks as derived. The rules are those of tests/test-argdown-parity.c. Exit 0 when equal, 1 with a summary of
the differences otherwise.
"""

import json
import sys

# An undercut points at the inference of an argument in Argdown, at the argument in argmap.
KIND = {"equivalence-class": "statement", "statement": "statement", "argument": "argument",
        "inference": "argument"}
# Argdown's relation types (strict mode included) onto argmap's four (docs/json.md).
TYPE = {"support": "support", "entails": "support", "attack": "attack", "contrary": "attack",
        "contradictory": "contradiction", "undercut": "undercut"}


def titles(collection):
    if isinstance(collection, dict):
        return set(collection)
    return {item["title"] for item in collection}


def relation(kind, a, a_kind, b, b_kind):
    # Contradiction is symmetric: its ends in sorted order.
    if kind == "contradiction" and (b, b_kind) < (a, a_kind):
        a, a_kind, b, b_kind = b, b_kind, a, a_kind
    return (kind, a, a_kind, b, b_kind)


def argdown_relations(doc):
    return {relation(TYPE[r["relationType"]], r["from"], KIND[r["fromType"]], r["to"],
                     KIND[r["toType"]]) for r in doc["relations"]}


def argmap_relations(doc):
    return {relation(r["type"], r["from"], r["from_kind"], r["to"], r["to_kind"])
            for r in doc["relations"]}


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
