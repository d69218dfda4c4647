#!/usr/bin/env python3
"""Writes the DBSCAN reference fixtures that DbscanReferenceTest compares against.

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, numpy 1.24), from the
repository root, with the shared data folder beside the checkout (../shared/data):

    /usr/bin/python3 tools/dbscan_reference.py [path/to/shared/data]

For every (data set, metric, eps, minPts) run it calls

    sklearn.cluster.DBSCAN(eps=eps, min_samples=minPts, metric=metric, algorithm='kd_tree').fit(X)

and writes, per data set, one CSV file in clustering-core/src/test/resources/fixtures/dbscan/:

    # comment lines (provenance)
    runs,<metric>:<eps>:<minPts>;<metric>:<eps>:<minPts>;...
    [coordinates...,]<run 1 value>,<run 2 value>,...        (one line per point, in row order)

A value is the scikit-learn label (-1 = noise) followed by '*' when the point is a core sample.
Shared benchmark sets are read by the test from the shared folder (never copied into the repository), so
their fixture lines hold only the values; generated sets are built here with a seeded numpy generator and
their coordinates (exact decimal literals, parsed to the same doubles by Java) are written in the fixture.
scikit-learn assigns a border point to the first cluster that reaches it in row order; the test therefore
checks core masks, noise sets and the partition of core points exactly, and for border points only that
their cluster is a valid choice.
"""
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN

OUT = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "dbscan")

# (file in benchmark/, [(metric, eps, minPts), ...]); eps were picked from quantiles of the minPts-distance
# so that each run has several clusters, some noise and some border points.
BENCHMARK = [
    ("aggregation", [("euclidean", 1.1, 5), ("euclidean", 1.4, 10)]),
    ("compound", [("euclidean", 1.2, 5), ("euclidean", 1.7, 10)]),
    ("jain", [("euclidean", 1.4, 5), ("euclidean", 2.0, 10), ("manhattan", 2.0, 5), ("chebyshev", 1.4, 5)]),
    ("flame", [("euclidean", 0.79, 5), ("euclidean", 1.2, 10)]),
    ("pathbased", [("euclidean", 1.7, 5), ("euclidean", 3.1, 10)]),
    ("3-spiral", [("euclidean", 1.9, 5), ("euclidean", 2.8, 10)]),
    ("R15", [("euclidean", 0.27, 5), ("euclidean", 0.39, 10)]),
    ("complex9", [("euclidean", 9.0, 5), ("euclidean", 14.0, 10), ("manhattan", 12.0, 5)]),
    ("hdbscan", [("euclidean", 0.021, 5), ("euclidean", 0.031, 10), ("euclidean", 0.066, 10)]),
    ("cure-t2-4k", [("euclidean", 0.043, 5), ("euclidean", 0.051, 10)]),
    ("lsun", [("euclidean", 0.23, 5), ("euclidean", 0.35, 10)]),
    ("target", [("euclidean", 0.15, 5), ("euclidean", 0.24, 10)]),
    ("atom", [("euclidean", 9.3, 5), ("euclidean", 15.0, 10), ("chebyshev", 8.0, 5)]),
    ("chainlink", [("euclidean", 0.081, 5), ("euclidean", 0.11, 10)]),
    ("hepta", [("euclidean", 0.65, 5), ("euclidean", 0.78, 10)]),
]


def generated():
    """Seeded generated sets: name -> (X, runs). Coordinates are rounded so their decimal text is exact."""
    rng = np.random.default_rng(20240611)
    sets = []

    # 2-D Gaussian blobs with 10% uniform noise; 3 decimals make many equal distances.
    centres = rng.uniform(-5, 5, size=(5, 2))
    pts = [c + rng.normal(0, 0.6, size=(270, 2)) for c in centres]
    pts.append(rng.uniform(-7, 7, size=(150, 2)))
    X = np.round(rng.permutation(np.vstack(pts)), 3)
    sets.append(("gen-blobs2d", X, [("euclidean", 0.3, 5), ("euclidean", 0.5, 12), ("manhattan", 0.45, 8),
                                    ("chebyshev", 0.25, 6)]))

    # Integer lattice with holes and duplicates: very many pairs at exactly eps, ties for border points.
    cells = [(i, j) for i in range(24) for j in range(24) if rng.random() < 0.55]
    X = np.array(cells, dtype=float)
    dup = X[rng.choice(len(X), size=60, replace=False)]
    X = rng.permutation(np.vstack([X, dup]))
    sets.append(("gen-lattice2d", X, [("euclidean", 1.0, 4), ("euclidean", 1.5, 6), ("euclidean", 2.0, 9),
                                      ("manhattan", 2.0, 7), ("chebyshev", 1.0, 6)]))

    # 3-D blobs with noise.
    centres = rng.uniform(-4, 4, size=(4, 3))
    pts = [c + rng.normal(0, 0.5, size=(250, 3)) for c in centres]
    pts.append(rng.uniform(-6, 6, size=(100, 3)))
    X = np.round(rng.permutation(np.vstack(pts)), 3)
    sets.append(("gen-blobs3d", X, [("euclidean", 0.4, 5), ("euclidean", 0.6, 10), ("chebyshev", 0.35, 6)]))

    # 1-D mixture with noise.
    X = np.concatenate([rng.normal(0, 1, 250), rng.normal(6, 0.5, 200), rng.uniform(-5, 12, 50)])
    X = np.round(rng.permutation(X), 2).reshape(-1, 1)
    sets.append(("gen-line1d", X, [("euclidean", 0.05, 5), ("euclidean", 0.1, 10)]))

    # 6-D blobs (the KD-tree path).
    centres = rng.uniform(-3, 3, size=(3, 6))
    pts = [c + rng.normal(0, 0.5, size=(300, 6)) for c in centres]
    pts.append(rng.uniform(-4, 4, size=(60, 6)))
    X = np.round(rng.permutation(np.vstack(pts)), 3)
    sets.append(("gen-blobs6d", X, [("euclidean", 1.0, 5), ("euclidean", 1.3, 10), ("manhattan", 2.5, 8)]))
    return sets


def value(labels, core, i):
    return str(int(labels[i])) + ("*" if core[i] else "")


def run_all(X, runs):
    cols = []
    for metric, eps, min_pts in runs:
        db = DBSCAN(eps=eps, min_samples=min_pts, metric=metric, algorithm="kd_tree").fit(X)
        core = np.zeros(len(X), dtype=bool)
        core[db.core_sample_indices_] = True
        cols.append((db.labels_, core))
        print("  %s eps=%g minPts=%d: %d clusters, %d noise, %d core" % (
            metric, eps, min_pts, db.labels_.max() + 1, int((db.labels_ == -1).sum()), int(core.sum())))
    return cols


def fmt(v):
    r = repr(float(v))
    return r[:-2] if r.endswith(".0") else r


def write(name, source, X, runs, with_points):
    cols = run_all(X, runs)
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w") as f:
        f.write("# DBSCAN reference written by tools/dbscan_reference.py; do not edit by hand.\n")
        f.write("# scikit-learn %s: DBSCAN(eps=<eps>, min_samples=<minPts>, metric=<metric>,"
                " algorithm='kd_tree').fit(X)\n" % sklearn.__version__)
        f.write("# data: %s (%d points, %d dimensions)\n" % (source, X.shape[0], X.shape[1]))
        f.write("# value = label (-1 noise), '*' marks a core sample; one column per run\n")
        f.write("runs," + ";".join("%s:%s:%d" % (m, fmt(e), p) for m, e, p in runs) + "\n")
        for i in range(len(X)):
            parts = [fmt(v) for v in X[i]] if with_points else []
            parts += [value(lab, core, i) for lab, core in cols]
            f.write(",".join(parts) + "\n")


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    os.makedirs(OUT, exist_ok=True)
    for name, runs in BENCHMARK:
        a = np.loadtxt(os.path.join(shared, "benchmark", name + ".csv"), delimiter=",", skiprows=1)
        X = a[:, :-1]
        print(name)
        write(name, "shared data benchmark/%s.csv (read by the test, not committed)" % name, X, runs, False)
    for name, X, runs in generated():
        print(name)
        write(name, "generated by this script (seeded numpy), coordinates below", X, runs, True)


if __name__ == "__main__":
    main()
