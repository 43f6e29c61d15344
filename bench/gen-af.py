#!/usr/bin/env python3
"""gen-af.py: random abstract argumentation frameworks in ICCMA 2023 format (p af N).

    gen-af.py --shape random -n 1000000 -m 5000000 --seed 1 -o bench/data/r-1m.af

Shapes:
  random   m attacks between uniformly chosen arguments (self-attacks and duplicates allowed,
           as in real benchmark files; readers must cope with both)
  chain    1 -> 2 -> ... -> n plus m - (n - 1) random forward attacks x -> y, y >= x (no
           cycles but self-attacks): the grounded labelling propagates down the whole chain
  layered  n arguments in layers of 10; each attack goes from a layer to the next one,
           so the framework is acyclic and the grounded labelling is total
The same arguments give the same bytes (Python's random with the given seed).
"""
import argparse
import random
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shape", choices=["random", "chain", "layered"], default="random")
    ap.add_argument("-n", type=int, required=True, help="number of arguments")
    ap.add_argument("-m", type=int, help="number of attacks (default 5n)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    n, m = a.n, a.m if a.m is not None else 5 * a.n
    rnd = random.Random(a.seed)
    out = sys.stdout if a.output == "-" else open(a.output, "w")
    w = out.write
    w(f"p af {n}\n# gen-af.py --shape {a.shape} -n {n} -m {m} --seed {a.seed}\n")
    buf = []
    r = rnd.randrange
    if a.shape == "random":
        for _ in range(m):
            buf.append(f"{r(n) + 1} {r(n) + 1}\n")
            if len(buf) >= 65536:
                w("".join(buf)); buf.clear()
    elif a.shape == "chain":
        for i in range(1, n):
            buf.append(f"{i} {i + 1}\n")
            if len(buf) >= 65536:
                w("".join(buf)); buf.clear()
        for _ in range(max(0, m - (n - 1))):
            x = r(n) + 1
            buf.append(f"{x} {rnd.randint(x, n)}\n")
            if len(buf) >= 65536:
                w("".join(buf)); buf.clear()
    else:
        layers = max(1, n // 10)
        for _ in range(m):
            layer = r(max(1, layers - 1))
            x = layer * 10 + r(10) + 1
            y = (layer + 1) * 10 + r(10) + 1
            if x <= n and y <= n:
                buf.append(f"{x} {y}\n")
            if len(buf) >= 65536:
                w("".join(buf)); buf.clear()
    w("".join(buf))
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
