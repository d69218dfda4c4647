#!/usr/bin/env python3
"""Prints scikit-learn's silhouette under other distances than the Euclidean one, for eval.SilhouetteMetricTest.

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, SciPy 1.10.1, numpy 1.24),
from the repository root, with the shared data beside the checkout:

    /usr/bin/python3 tools/silhouette_metrics_reference.py [shared-data-folder]

(the folder defaults to ../shared/data). It writes no fixture: the test holds these numbers as literals, each with
this script as its source.

Metrics: 'euclidean', 'manhattan' (checked equal to 'cityblock' and 'l1') and 'chebyshev', as
silhouette_score(X, labels, metric=m) and silhouette_samples(X, labels, metric=m). scikit-learn has no noise
policies: clusterkit's three are reproduced on its side by the labels given to it,
  IGNORE      the rows not labelled -1 only,
  MERGE       the labels as they are (-1 is one more cluster),
  SINGLETONS  every -1 replaced by a label of its own.

Cases:
* small: seven integer points in two columns, two clusters and two rows labelled -1, where every Manhattan and
  Chebyshev distance is an integer; the silhouettes are also computed here in exact rational arithmetic
  (fractions.Fraction, straight from Rousseeuw's definition) and printed as fractions.
* mall: Annual Income (k$) and Spending Score (1-100) of Mall_Customers.csv, labelled by a rule the test repeats:
  -1 where 45 <= score <= 55, else 2 * band + (score > 55), band = 0 for income <= 40, 1 for income <= 70, else 2.
* hdbscan: benchmark/hdbscan.csv with its own labels (510 of 2309 rows labelled -1).
"""
import csv
import os
import sys
from fractions import Fraction

import numpy as np
import scipy
import sklearn
from sklearn.metrics import silhouette_samples, silhouette_score

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert scipy.__version__ == "1.10.1", scipy.__version__

METRICS = ("euclidean", "manhattan", "chebyshev")


def policy_labels(x, y, policy):
    if policy == "IGNORE":
        keep = y != -1
        return x[keep], y[keep]
    if policy == "MERGE":
        return x, y
    out = y.copy()
    nxt = y.max() + 1
    for i in range(len(out)):
        if out[i] == -1:
            out[i] = nxt
            nxt += 1
    return x, out


def exact_silhouette(x, y, metric):
    """Rousseeuw's definition in rationals (integer points, Manhattan or Chebyshev only)."""
    def dist(p, q):
        gaps = [abs(Fraction(a) - Fraction(b)) for a, b in zip(p, q)]
        return sum(gaps) if metric == "manhattan" else max(gaps)
    out = []
    for i in range(len(y)):
        own = [dist(x[i], x[j]) for j in range(len(y)) if j != i and y[j] == y[i]]
        if not own:
            out.append(Fraction(0))
            continue
        a = sum(own) / len(own)
        b = min(sum(dist(x[i], x[j]) for j in range(len(y)) if y[j] == c) / int((y == c).sum())
                for c in set(y.tolist()) if c != y[i])
        out.append((b - a) / max(a, b) if max(a, b) > 0 else Fraction(0))
    return out


def check_aliases(x, y):
    m = silhouette_score(x, y, metric="manhattan")
    assert m == silhouette_score(x, y, metric="cityblock") == silhouette_score(x, y, metric="l1"), m


def small():
    x = np.array([[0, 0], [1, 2], [0, 3], [4, 0], [5, 3], [2, 2], [3, 1]], dtype=float)
    y = np.array([0, 0, 0, 1, 1, -1, -1])
    print("small: rows", x.astype(int).tolist(), "labels", y.tolist())
    for metric in METRICS:
        for policy in ("IGNORE", "MERGE", "SINGLETONS"):
            xp, yp = policy_labels(x, y, policy)
            check_aliases(xp, yp)
            s = silhouette_samples(xp, yp, metric=metric)
            line = "  %s %s: silhouette_score %r samples %s" % (
                metric, policy, silhouette_score(xp, yp, metric=metric), [repr(v) for v in s])
            if metric != "euclidean":
                ex = exact_silhouette(xp.astype(int).tolist(), yp, metric)
                mean = sum(ex) / len(ex)
                assert abs(float(mean) - silhouette_score(xp, yp, metric=metric)) < 1e-15
                line += " exact %s, samples %s" % (mean, [str(v) for v in ex])
            print(line)


def mall(data):
    with open(os.path.join(data, "Mall_Customers.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([[float(r[3]), float(r[4])] for r in rows])
    y = np.empty(len(x), dtype=int)
    for i, (income, score) in enumerate(x):
        band = 0 if income <= 40 else 1 if income <= 70 else 2
        y[i] = -1 if 45 <= score <= 55 else 2 * band + (1 if score > 55 else 0)
    print("mall income and score: rows", len(y), "labelled -1", int((y == -1).sum()), "labels",
          sorted(set(y.tolist())))
    for metric in METRICS:
        for policy in ("IGNORE", "MERGE", "SINGLETONS"):
            xp, yp = policy_labels(x, y, policy)
            check_aliases(xp, yp)
            s = silhouette_samples(xp, yp, metric=metric)
            print("  %s %s: silhouette_score %r, silhouette_samples of its first 3 rows %s" % (
                metric, policy, silhouette_score(xp, yp, metric=metric), [repr(v) for v in s[:3]]))


def hdbscan(data):
    with open(os.path.join(data, "benchmark", "hdbscan.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([[float(r[0]), float(r[1])] for r in rows])
    y = np.array([int(r[2]) for r in rows])
    print("hdbscan.csv rows", len(y), "labelled -1", int((y == -1).sum()))
    for metric in METRICS:
        for policy in ("IGNORE", "MERGE", "SINGLETONS"):
            xp, yp = policy_labels(x, y, policy)
            print("  %s %s: silhouette_score %r" % (metric, policy, silhouette_score(xp, yp, metric=metric)))


if __name__ == "__main__":
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    small()
    mall(shared)
    hdbscan(shared)
