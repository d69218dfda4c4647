#!/usr/bin/env python3
"""Prints reference values of the simplified silhouette and the medoid silhouette, for eval.SimplifiedSilhouetteTest
and eval.MedoidSilhouetteTest.

Run it with Debian's python3 (numpy 1.24), from the repository root, with the shared data beside the checkout:

    python3 tools/simplified_silhouette_reference.py [shared-data-folder]

(the folder defaults to ../shared/data). It writes no fixture: the tests hold these numbers as literals, each with
this script as its source.

Definitions, written here from the papers, straight and slow (no library implements both):
* simplified silhouette (Hruschka et al. 2004; ELKI's SimplifiedSilhouette): a = distance to the mean of the own
  cluster, b = smallest distance to the mean of another cluster, s = (b - a) / max(a, b), 0 in a cluster of one
  and when a = b = 0; the mean over the scored rows. Noise policies by relabelling, as clusterkit's NoisePolicy:
  IGNORE drops the rows labelled -1, MERGE keeps -1 as one cluster, SINGLETONS gives every -1 a label of its own.
* medoid silhouette (Van der Laan et al. 2003; Lenssen and Schubert 2022; the kmedoids package's
  medoid_silhouette): d1, d2 = distances to the nearest and second nearest medoid, s = 1 - d1 / d2, and s = 1 when
  d1 = 0; the mean over all rows. (The kmedoids package itself is not installed here.)

Cases:
* elki: uebungsblatt-2d-mini.csv, its labels (Outlier = -1) under SINGLETONS and MERGE, and the k-means partition
  {A,I,J,K,L,M,N,P,R}, {B,C,D,E,F,G}, {H,S,T,U,V}: ELKI's SimplifiedSilhouetteTest asserts 0.639274812814525,
  0.698584394068721 and 0.8024712757957062; printed as a check of these definitions.
* exact: eight integer points in two columns with the Manhattan distance, where every centroid is rational, so the
  simplified silhouettes (three policies) and the medoid silhouette are computed in fractions.Fraction.
* hdbscan: benchmark/hdbscan.csv with its labels (510 of 2309 rows labelled -1): the simplified silhouette under the
  three policies and three metrics, and the medoid silhouette for the medoid rows 0, 400, 800, 1200, 1600, 2000 under
  the three metrics.
"""
import csv
import os
import sys
from fractions import Fraction

import numpy as np

assert np.__version__.startswith("1.24"), np.__version__

METRICS = ("euclidean", "manhattan", "chebyshev")
POLICIES = ("IGNORE", "MERGE", "SINGLETONS")


def dist(p, q, metric):
    g = [abs(a - b) for a, b in zip(p, q)]
    if metric == "euclidean":
        return float(np.sqrt(sum(t * t for t in g)))
    if metric == "manhattan":
        return sum(g)
    return max(g)


def relabel(y, policy):
    y = list(y)
    if policy == "SINGLETONS":
        nxt = max(y) + 1
        for i in range(len(y)):
            if y[i] == -1:
                y[i] = nxt
                nxt += 1
    keep = [i for i in range(len(y)) if policy != "IGNORE" or y[i] != -1]
    return keep, y


def simplified(x, y, policy, metric, exact=False):
    keep, y = relabel(y, policy)
    labels = sorted({y[i] for i in keep})
    members = {c: [i for i in keep if y[i] == c] for c in labels}
    d = len(x[0])
    if exact:
        cent = {c: [sum(Fraction(x[i][t]) for i in m) / len(m) for t in range(d)] for c, m in members.items()}
    else:
        cent = {c: list(np.mean(np.array([x[i] for i in m], dtype=float), axis=0)) for c, m in members.items()}
    s = []
    for i in keep:
        own = y[i]
        if len(members[own]) == 1:
            s.append(Fraction(0) if exact else 0.0)
            continue
        a = dist(x[i], cent[own], metric)
        b = min(dist(x[i], cent[c], metric) for c in labels if c != own)
        m = max(a, b)
        s.append((b - a) / m if m > 0 else (Fraction(0) if exact else 0.0))
    return sum(s) / len(s) if exact else float(np.mean(s))


def medoid(x, meds, metric, exact=False):
    s = []
    for p in x:
        ds = sorted(dist(p, x[m], metric) for m in meds)
        d1, d2 = ds[0], ds[1]
        if exact:
            s.append(Fraction(1) if d1 == 0 else 1 - Fraction(d1) / Fraction(d2))
        else:
            s.append(1.0 if d1 == 0 else 1.0 - d1 / d2)
    return sum(s) / len(s) if exact else float(np.mean(s))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")

    rows = []
    with open(os.path.join(folder, "elki", "uebungsblatt-2d-mini.csv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                rows.append(line.split())
    x = [[float(r[0]), float(r[1])] for r in rows]
    y = [-1 if r[2] == "Outlier" else int(r[2].split("_")[1]) for r in rows]
    groups = ["AIJKLMNPR", "BCDEFG", "HSTUV"]
    km = [next(g for g in range(3) if r[3] in groups[g]) for r in rows]
    print("elki SINGLETONS", repr(simplified(x, y, "SINGLETONS", "euclidean")), "(ELKI 0.639274812814525)")
    print("elki MERGE     ", repr(simplified(x, y, "MERGE", "euclidean")), "(ELKI 0.698584394068721)")
    print("elki k-means   ", repr(simplified(x, km, "IGNORE", "euclidean")), "(ELKI 0.8024712757957062)")

    # exact: the test builds these points and labels itself
    xe = [[0, 0], [1, 0], [0, 2], [6, 5], [7, 7], [9, 6], [3, 3], [4, 9]]
    ye = [0, 0, 0, 1, 1, 1, -1, -1]
    for policy in POLICIES:
        v = simplified(xe, ye, policy, "manhattan", exact=True)
        print("exact simplified manhattan", policy, v, repr(float(v)))
    v = medoid(xe, [1, 4], "manhattan", exact=True)
    print("exact medoid manhattan rows [1, 4]", v, repr(float(v)))
    v = medoid(xe, [0, 3, 6], "manhattan", exact=True)
    print("exact medoid manhattan rows [0, 3, 6]", v, repr(float(v)))

    with open(os.path.join(folder, "benchmark", "hdbscan.csv"), encoding="utf-8") as f:
        r = list(csv.reader(f))[1:]
    xh = [[float(a), float(b)] for a, b, _ in r]
    yh = [int(c) for _, _, c in r]
    for metric in METRICS:
        for policy in POLICIES:
            print("hdbscan simplified", metric, policy, repr(simplified(xh, yh, policy, metric)))
    meds = [0, 400, 800, 1200, 1600, 2000]
    for metric in METRICS:
        print("hdbscan medoid", metric, meds, repr(medoid(xh, meds, metric)))


if __name__ == "__main__":
    main()
