#!/usr/bin/env python3
"""gen-argdown: writes large, valid Argdown maps of three shapes for the benchmarks and fuzz seeds.

Shapes (every file is plain Argdown that the Argdown CLI accepts):
  flat  N statements `[sK]: text`, each followed by indented relations `+ [sJ]` / `- [sJ]` to
        earlier statements (J < K), so the relation graph is a DAG.
  deep  relation trees nested --depth levels, one more space of indentation per level, with an
        occasional leaf sibling on the way down (--leaves); trees repeat until N statements
        exist. `--depth D -n D+1 --leaves 0` is a single chain exactly D levels deep.
  pcs   arguments `<aK>: text` with premise-conclusion structures `(1) ... ----  (n) ...`, some
        with an expanded `-- rule --` inference and an intermediary conclusion, premises that
        reuse earlier conclusions (so Argdown derives support between arguments), and attacks
        on conclusions; until N statements exist.

The output depends only on the arguments: the same --seed gives byte-identical files on any
Python 3 (only random.random() is used, whose sequence is fixed for a given seed).
"""

import argparse
import random
import sys

WORDS = (
    "energy policy market state power trade border risk growth cost people war peace law court "
    "vote reform claim reason evidence doubt source report study model effect cause value price "
    "tax rate debt bank credit union treaty army region city river water food health school "
    "labour wage job export import supply demand rule right duty harm benefit future past"
).split()


class Gen:
    def __init__(self, seed, out):
        self.rng = random.Random(seed)
        self.out = out
        self.statements = 0  # distinct statement titles written so far

    def below(self, n):
        """A uniform integer in [0, n) from random() alone (randrange changed across versions)."""
        return min(int(self.rng.random() * n), n - 1)

    def chance(self, p):
        return self.rng.random() < p

    def text(self):
        n = 4 + self.below(7)
        words = [WORDS[self.below(len(WORDS))] for _ in range(n)]
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def write(self, line):
        self.out.write(line)
        self.out.write("\n")


def gen_flat(g, n):
    """N top-level statements, each with 0..3 relations to distinct earlier statements."""
    for k in range(1, n + 1):
        g.write(f"[s{k}]: {g.text()}")
        g.statements += 1
        if k > 1:
            seen = set()
            for _ in range(g.below(4)):
                j = 1 + g.below(k - 1)
                if j in seen:
                    continue
                seen.add(j)
                sign = "+" if g.chance(0.6) else "-"
                g.write(f"  {sign} [s{j}]")
        g.write("")


def gen_deep(g, n, depth, leaves):
    """Trees nested `depth` levels (the root at column 0, level i indented i spaces); a leaf
    sibling joins a level with probability `leaves`."""
    t = 0
    while g.statements < n:
        t += 1
        g.write(f"[t{t}]: {g.text()}")
        g.statements += 1
        for level in range(1, depth + 1):
            if g.statements >= n:
                break
            pad = " " * level
            if level > 1 and leaves > 0 and g.chance(leaves) and g.statements + 1 < n:
                # A leaf sibling first: the chain continues under the next line at this level.
                sign = "-" if g.chance(0.5) else "+"
                g.write(f"{pad}{sign} [t{t}l{level}]: {g.text()}")
                g.statements += 1
            sign = "+" if level % 2 else "-"
            g.write(f"{pad}{sign} [t{t}n{level}]: {g.text()}")
            g.statements += 1
        g.write("")


def gen_pcs(g, n):
    """Arguments with premise-conclusion structures, linked through shared statements."""
    conclusions = []  # titles of earlier conclusions, reused as premises
    arguments = 0
    while g.statements < n:
        arguments += 1
        a = arguments
        g.write(f"<a{a}>: {g.text()}")
        g.write("")
        num = 0
        premises = 2 + g.below(2)
        for p in range(1, premises + 1):
            num += 1
            if conclusions and g.chance(0.25):
                g.write(f"({num}) [{conclusions[g.below(len(conclusions))]}]")
            else:
                g.write(f"({num}) [a{a}p{p}]: {g.text()}")
                g.statements += 1
        if g.chance(0.3):
            # An expanded inference to an intermediary conclusion, then one more premise.
            g.write("-- modus ponens --")
            num += 1
            g.write(f"({num}) [a{a}i]: {g.text()}")
            g.statements += 1
            num += 1
            g.write(f"({num}) [a{a}q]: {g.text()}")
            g.statements += 1
        g.write("----")
        num += 1
        g.write(f"({num}) [a{a}c]: {g.text()}")
        g.statements += 1
        if conclusions and g.chance(0.3):
            g.write(f"  - [{conclusions[g.below(len(conclusions))]}]")
        if arguments > 1 and g.chance(0.2):
            g.write(f"  - <a{1 + g.below(arguments - 1)}>")
        conclusions.append(f"a{a}c")
        g.write("")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", choices=("flat", "deep", "pcs"), required=True)
    ap.add_argument("--statements", "-n", type=int, required=True,
                    help="number of distinct statements to write")
    ap.add_argument("--depth", type=int, default=100, help="deep: levels per tree (default 100)")
    ap.add_argument("--leaves", type=float, default=0.1,
                    help="deep: probability of a leaf sibling at a level (default 0.1; 0: chains)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-", help="file to write ('-': standard output)")
    args = ap.parse_args()
    if args.statements < 1 or args.depth < 1:
        ap.error("--statements and --depth must be positive")

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    with out:
        g = Gen(args.seed, out)
        g.write(f"# Generated {args.shape} map ({args.statements} statements, seed {args.seed})")
        g.write("")
        if args.shape == "flat":
            gen_flat(g, args.statements)
        elif args.shape == "deep":
            gen_deep(g, args.statements, args.depth, args.leaves)
        else:
            gen_pcs(g, args.statements)


if __name__ == "__main__":
    main()
