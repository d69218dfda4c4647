#!/usr/bin/env python3
"""scikit-learn's DBSCAN labels (numbers and border points), for Dbscan.LabelRule.SCIKIT_LEARN.

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, numpy 1.24), from the
repository root, with the shared data folder beside the checkout (../shared/data):

    /usr/bin/python3 tools/dbscan_sklearn_labels_reference.py [path/to/shared/data] [--cases N]

It does four things.

1. Checks the rule that LabelRule.SCIKIT_LEARN implements against scikit-learn itself, on N random cases (default
   4000): small data on integer lattices (duplicate rows, many distances exactly eps), 1 to 3 columns, the three
   metrics clusterkit has, algorithm 'brute', 'kd_tree' and 'ball_tree', half of them with sample_weight (integer or
   fractional, zero and negative weights included). scikit-learn's fit (sklearn/cluster/_dbscan.py and
   _dbscan_inner.pyx) starts a depth-first search at every core row not yet labelled, in row order, and gives every
   unlabelled row it reaches the current number; only core rows are expanded. So:

   * clusters are numbered in the order of their smallest core row: the search that starts at a core row labels its
     whole connected component of core rows, hence the next start is the smallest core row of the next component;
   * a non-core row within eps of a core row of several clusters takes the number of the first of them to be
     searched, the lowest-numbered one; a row is labelled once, so the order in which a search meets the rows (the
     order of each neighbourhood) changes nothing.

   The script compares labels_ with that rule computed from scikit-learn's own core rows and neighbourhoods, and runs
   sklearn.cluster._dbscan_inner.dbscan_inner again with every neighbourhood shuffled (three shuffles per case),
   which must not change a label. Any difference stops the script with the case. It also compares scikit-learn's
   core rows with a count of the rows within eps by numpy (the definition clusterkit documents), so that the fixtures
   below test the labels and not a difference of neighbourhoods.

2. Checks that the labels already in fixtures/dbscan/*.csv (written by tools/dbscan_reference.py, algorithm
   'kd_tree') are scikit-learn's under 'brute' and 'ball_tree' too and follow the rule of 1, since the tests compare
   the SCIKIT_LEARN labels with them exactly (benchmark sets are read from the shared folder, the generated ones
   from the fixtures' coordinates).

3. Writes, in the format of tools/dbscan_reference.py (a 'runs' line, then per row the coordinates when the data are
   not shared, and per run the label followed by '*' for a core row), into
   clustering-core/src/test/resources/fixtures/dbscan/:

   * sklearn-mall.csv: the income and spending score of Mall_Customers.csv (read by the test from the shared
     folder) for several eps, min_samples and metrics;
   * sklearn-borders-1d.csv, sklearn-borders-2d.csv: small hand-made sets with rows within eps of core rows of two
     or three clusters, clusters whose first row is a border row, duplicate rows, and distances of exactly eps.

   For every run it prints the number of clusters, of noise rows, of core rows, and of rows whose label differs from
   clusterkit's default rule (LabelRule.NEAREST_CORE), computed here from its definition: clusters numbered by their
   first row of any kind, a border row in the cluster of its nearest core row (ties: the smaller label).

4. Prints the few literals that DbscanLabelRuleTest quotes (a border row that changes cluster when the rows of the
   two clusters it touches swap places).

It takes about ten seconds.
"""
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
from sklearn.cluster._dbscan_inner import dbscan_inner
from sklearn.neighbors import NearestNeighbors

assert sklearn.__version__ == "1.2.1", sklearn.__version__

OUT = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "dbscan")
METRICS = ("euclidean", "manhattan", "chebyshev")


# ------------------------------------------------------------------------------------------------------------------
# The rules, written from their definitions


def within(X, metric, eps):
    """Boolean matrix: row j within eps of row i (numpy, in the metric's own form; exact on small integers)."""
    diff = X[:, None, :] - X[None, :, :]
    if metric == "euclidean":
        return (diff * diff).sum(axis=2) <= eps * eps
    if metric == "manhattan":
        return np.abs(diff).sum(axis=2) <= eps
    return np.abs(diff).max(axis=2) <= eps


def scikit_rule(core, neighbours):
    """Clusters numbered by their smallest core row; a non-core row takes the lowest number among the clusters with
    a core row in its neighbourhood; -1 otherwise. neighbours[i] is the array of rows within eps of row i."""
    n = len(core)
    comp = np.full(n, -1)
    number = 0
    for s in range(n):
        if not core[s] or comp[s] >= 0:
            continue
        comp[s] = number
        todo = [s]
        while todo:
            i = todo.pop()
            for j in neighbours[i]:
                if core[j] and comp[j] < 0:
                    comp[j] = number
                    todo.append(j)
        number += 1
    labels = comp.copy()
    for i in range(n):
        if not core[i]:
            adjacent = [comp[j] for j in neighbours[i] if core[j]]
            labels[i] = min(adjacent) if adjacent else -1
    return labels


def nearest_core_rule(X, metric, core, neighbours):
    """clusterkit's default labels: clusters numbered by their first row of any kind, a non-core row in the cluster
    of its nearest core row; a row whose nearest core rows lie in several clusters takes the one with the smallest
    final number, or, when none is numbered yet, the one with the smallest core row (numbered at this row)."""
    n = len(core)
    comp = scikit_rule(core, neighbours)  # the partition, numbered by smallest core row
    cands = {}
    for i in range(n):
        if core[i]:
            cands[i] = {comp[i]}
            continue
        best = None
        s = set()
        for j in neighbours[i]:
            if not core[j]:
                continue
            dv = X[i] - X[j]
            if metric == "euclidean":
                dd = float(np.dot(dv, dv))
            elif metric == "manhattan":
                dd = float(np.abs(dv).sum())
            else:
                dd = float(np.abs(dv).max())
            if best is None or dd < best:
                best, s = dd, {comp[j]}
            elif dd == best:
                s.add(comp[j])
        if s:
            cands[i] = s
    final = {}
    labels = np.full(n, -1)
    for i in range(n):
        if i not in cands:
            continue
        numbered = [c for c in cands[i] if c in final]
        c = min(numbered, key=final.get) if numbered else min(cands[i])
        if c not in final:
            final[c] = len(final)
        labels[i] = final[c]
    return labels


# ------------------------------------------------------------------------------------------------------------------
# 1. The rule against scikit-learn on random cases


def random_case(rng):
    """Half the cases: rows on an integer lattice (many duplicates and distances of exactly eps). The other half:
    clusters of rows around centres chained along the axes, with rows halfway between two centres, which lie within
    eps of core rows of both clusters when these are not within eps of each other."""
    d = int(rng.integers(1, 4))
    metric = METRICS[int(rng.integers(0, 3))]
    eps = float(rng.choice([1.0, 1.5, 2.0, 3.0]))
    min_samples = int(rng.integers(1, 9))
    if rng.random() < 0.5:
        n = int(rng.integers(1, 61))
        span = int(rng.integers(2, 9))
        X = rng.integers(0, span, size=(n, d)).astype(float)
        if rng.random() < 0.3:  # more duplicates: copies of random rows
            k = int(rng.integers(1, n + 1))
            X = np.vstack([X, X[rng.integers(0, n, size=k)]])
    else:
        k = int(rng.integers(2, 6))
        centres = [np.zeros(d)]
        for _ in range(k - 1):
            step = np.zeros(d)
            step[int(rng.integers(0, d))] = rng.choice([-1, 1]) * int(rng.integers(int(eps) + 3, int(2 * eps) + 3))
            centres.append(centres[int(rng.integers(0, len(centres)))] + step)
        pts = [c + rng.integers(-1, 2, size=(int(rng.integers(2, 12)), d)) for c in centres]
        for _ in range(int(rng.integers(1, 2 * k))):
            a, b = rng.integers(0, k, size=2)
            pts.append(np.round(centres[a] + centres[b])[None, :] / 2)
        X = np.vstack(pts).astype(float)
    X = X[rng.permutation(len(X))]
    weight = None
    if rng.random() < 0.5:
        if rng.random() < 0.5:
            weight = rng.integers(-1, 4, size=len(X)).astype(float)
        else:
            weight = np.round(rng.uniform(-0.5, 3.0, size=len(X)), 2)
    algorithm = ("brute", "kd_tree", "ball_tree")[int(rng.integers(0, 3))]
    return X, metric, eps, min_samples, weight, algorithm


def check_random(cases):
    rng = np.random.default_rng(20261129)
    differ = 0
    weighted = 0
    shared_borders = 0
    other_hoods = []
    for c in range(cases):
        X, metric, eps, min_samples, weight, algorithm = random_case(rng)
        db = DBSCAN(eps=eps, min_samples=min_samples, metric=metric, algorithm=algorithm).fit(X, sample_weight=weight)
        n = len(X)
        core = np.zeros(n, dtype=bool)
        core[db.core_sample_indices_] = True
        nn = NearestNeighbors(radius=eps, metric=metric, algorithm=algorithm).fit(X)
        hoods = nn.radius_neighbors(X, return_distance=False)
        w = within(X, metric, eps)
        mine = [np.flatnonzero(w[i]) for i in range(n)]
        if any(sorted(hoods[i].tolist()) != mine[i].tolist() for i in range(n)):
            # the labels are checked on scikit-learn's own neighbourhoods all the same
            other_hoods.append("%s %s" % (algorithm, metric))
            mine = [np.sort(h) for h in hoods]
        counts = np.array([len(h) if weight is None else weight[h].sum() for h in hoods])
        assert (core == (counts >= min_samples)).all(), ("core rows", c)
        expected = scikit_rule(core, hoods)
        assert (db.labels_ == expected).all(), ("labels", c, X.tolist(), metric, eps, min_samples, weight,
                                                 db.labels_.tolist(), expected.tolist())
        for _ in range(3):
            shuffled = np.empty(n, dtype=object)
            for i in range(n):
                shuffled[i] = hoods[i][rng.permutation(len(hoods[i]))]
            again = np.full(n, -1, dtype=np.intp)
            dbscan_inner(core.astype(np.uint8), shuffled, again)
            assert (again == expected).all(), ("shuffled neighbourhoods", c)
        default = nearest_core_rule(X, metric, core, mine)
        differ += int((default != expected).any())
        weighted += weight is not None
        for i in range(n):
            if not core[i] and len({expected[j] for j in mine[i] if core[j]}) > 1:
                shared_borders += 1
                break
    print("1. %d random cases (%d weighted): scikit-learn's labels_ follow the rule, also with every neighbourhood"
          " shuffled three times; %d cases have a row within eps of core rows of two clusters or more; in %d the"
          " labels differ from LabelRule.NEAREST_CORE's" % (cases, weighted, shared_borders, differ))
    print("   %d cases where scikit-learn's radius_neighbors left out rows at exactly eps (%s; checked on its own"
          " neighbourhoods)" % (len(other_hoods), ", ".join(sorted(set(other_hoods))) or "none"))


# ------------------------------------------------------------------------------------------------------------------
# 2. The existing fixtures


def read_fixture(name):
    runs, values, points = [], [], []
    with open(os.path.join(OUT, name + ".csv")) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if line.startswith("runs,"):
                runs = [tuple(s.split(":")) for s in line[5:].split(";")]
                continue
            parts = line.split(",")
            k = len(runs)
            points.append([float(v) for v in parts[:len(parts) - k]])
            values.append(parts[len(parts) - k:])
    return runs, values, np.array(points)


def load_shared(shared, name):
    a = np.loadtxt(os.path.join(shared, "benchmark", name + ".csv"), delimiter=",", skiprows=1)
    return a[:, :-1]


def check_existing(shared):
    names = sorted(f[:-4] for f in os.listdir(OUT) if f.endswith(".csv") and not f.startswith("sklearn-"))
    total = 0
    differ = 0
    other_core = []
    for name in names:
        runs, values, points = read_fixture(name)
        X = points if name.startswith("gen-") else load_shared(shared, name)
        assert len(X) == len(values), name
        for r, (metric, eps, min_pts) in enumerate(runs):
            eps = float(eps)
            min_pts = int(min_pts)
            ref = np.array([int(v[r].rstrip("*")) for v in values])
            core = np.array([v[r].endswith("*") for v in values])
            for algorithm in ("brute", "ball_tree"):
                db = DBSCAN(eps=eps, min_samples=min_pts, metric=metric, algorithm=algorithm).fit(X)
                other = np.zeros(len(X), dtype=bool)
                other[db.core_sample_indices_] = True
                if (other != core).any():
                    # another neighbourhood (brute force's Euclidean distances from dot products round
                    # differently at exactly eps): not a matter of labels
                    other_core.append("%s %s:%s:%s %s" % (name, metric, fmt(eps), min_pts, algorithm))
                    continue
                assert (db.labels_ == ref).all(), (name, r, algorithm)
            hoods = NearestNeighbors(radius=eps, metric=metric, algorithm="kd_tree").fit(X).radius_neighbors(
                X, return_distance=False)
            assert (scikit_rule(core, hoods) == ref).all(), (name, r)
            default = nearest_core_rule(X, metric, core, hoods)
            differ += int((default != ref).sum())
            total += 1
    print("2. %d runs of %d existing fixtures: labels follow the rule, and are equal under 'brute' and 'ball_tree'"
          " where these find the same core rows; %d labels in all differ from LabelRule.NEAREST_CORE's"
          % (total, len(names), differ))
    print("   other core rows (not compared):", ", ".join(other_core) if other_core else "none")


# ------------------------------------------------------------------------------------------------------------------
# 3. New fixtures


def fmt(v):
    r = repr(float(v))
    return r[:-2] if r.endswith(".0") else r


def write(name, source, X, runs, with_points):
    cols = []
    print(name)
    for metric, eps, min_pts in runs:
        db = DBSCAN(eps=eps, min_samples=min_pts, metric=metric).fit(X)
        n = len(X)
        core = np.zeros(n, dtype=bool)
        core[db.core_sample_indices_] = True
        w = within(X, metric, eps)
        hoods = [np.flatnonzero(w[i]) for i in range(n)]
        assert (db.labels_ == scikit_rule(core, hoods)).all(), (name, metric, eps, min_pts)
        default = nearest_core_rule(X, metric, core, hoods)
        cols.append((db.labels_, core))
        print("  %s eps=%s minPts=%d: %d clusters, %d noise, %d core, %d labels differ from NEAREST_CORE" % (
            metric, fmt(eps), min_pts, db.labels_.max() + 1, int((db.labels_ == -1).sum()), int(core.sum()),
            int((default != db.labels_).sum())))
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write("# DBSCAN labels written by tools/dbscan_sklearn_labels_reference.py; do not edit by hand.\n")
        f.write("# scikit-learn %s: DBSCAN(eps=<eps>, min_samples=<minPts>, metric=<metric>).fit(X).labels_\n"
                % sklearn.__version__)
        f.write("# data: %s (%d points, %d dimensions)\n" % (source, X.shape[0], X.shape[1]))
        f.write("# value = label (-1 noise), '*' marks a core sample; one column per run\n")
        f.write("runs," + ";".join("%s:%s:%d" % (m, fmt(e), p) for m, e, p in runs) + "\n")
        for i in range(len(X)):
            parts = [fmt(v) for v in X[i]] if with_points else []
            parts += [str(int(lab[i])) + ("*" if core[i] else "") for lab, core in cols]
            f.write(",".join(parts) + "\n")


def line(start, step, count, axis=0, d=1, at=(0.0, 0.0)):
    """count rows from start along one axis, step apart (multiples of 1/16: exact in binary, as are their
    distances); the other coordinate at its value in at."""
    rows = []
    for t in range(count):
        p = list(at[:d])
        p[axis] = start + t * step
        rows.append(p)
    return rows


def borders_1d():
    """eps 1, minPts 4 (as designed; the other runs change which rows are core). Row 5 (1.7) is within eps of
    the last core row of P (0.75, at 0.95) and of the first of Q (2.5, at 0.8): scikit-learn gives it P, the
    cluster with the smaller core row; the nearest core row is Q's. Row 0 (11.6) is a border row of R, whose core
    rows come last: numbered first by its first row, last by its first core row. Row 18 (31.75) is at exactly eps
    from P2's core row 30.75 and at 0.75 from Q2's 32.5. Rows 23, 24: copies of a core row and of R's border row."""
    rows = [[11.6]]
    rows += line(0, 0.25, 4)             # P: rows 1-4
    rows += [[1.7]]                      # row 5
    rows += line(2.5, 0.25, 4)           # Q: rows 6-9
    rows += line(10, 0.25, 4)            # R: rows 10-13
    rows += line(30, 0.25, 4)            # P2: rows 14-17
    rows += [[31.75]]                    # row 18
    rows += line(32.5, 0.375, 4)         # Q2: rows 19-22
    rows += [[30.25], [11.6]]            # rows 23, 24
    return np.array(rows, dtype=float), [
        ("euclidean", 1.0, 4), ("manhattan", 1.0, 4), ("chebyshev", 1.0, 4), ("euclidean", 0.95, 4),
        ("euclidean", 1.25, 5), ("manhattan", 1.5, 6)]


def borders_2d():
    """eps 1, minPts 5 (as designed). Clusters are lines of 5 rows 0.25 apart (their ends exactly eps apart).
    Row 0, (0, 0): a border row within eps of one core row of each of C (0.9375 up), A (0.875 left) and B (0.8125
    right), whose core rows come in that order: scikit-learn gives it C, the nearest is B's (and B is numbered first
    by its first row, row 0). Row 16: at exactly eps from D's core row (19, 0) and at 0.8125 from E's. Rows 27, 28:
    two copies of a border row between F and G; row 39 a copy of a core row of F. Rows 40-: a border row at the same
    distance, 0.875, from H and I, where I's core rows come first but H has an earlier border row (row 40): the
    nearest-core rule's tie goes to H, numbered first. Last row: noise."""
    rows = [[0.0, 0.0]]
    rows += line(0.9375, 0.25, 5, axis=1, d=2)                   # C: rows 1-5
    rows += line(-0.875, -0.25, 5, d=2)                          # A: rows 6-10
    rows += line(0.8125, 0.25, 5, d=2)                           # B: rows 11-15
    rows += [[20.0, 0.0]]                                        # row 16
    rows += line(19, -0.25, 5, d=2)                              # D: rows 17-21
    rows += line(20.8125, 0.25, 5, d=2)                          # E: rows 22-26
    rows += [[0.0, 20.0], [0.0, 20.0]]                           # rows 27, 28
    rows += line(20.875, 0.25, 5, axis=1, d=2)                   # F: rows 29-33
    rows += line(19.1875, -0.25, 5, axis=1, d=2)                 # G: rows 34-38
    rows += [[0.0, 21.875]]                                      # row 39
    rows += [[37.5, 0.0]]                                        # row 40: border row of H
    rows += line(40.875, 0.25, 5, d=2)                           # I: rows 41-45
    rows += line(39.125, -0.25, 5, d=2)                          # H: rows 46-50
    rows += [[40.0, 0.0]]                                        # row 51
    rows += [[60.0, 60.0]]                                       # row 52
    return np.array(rows, dtype=float), [
        ("euclidean", 1.0, 5), ("manhattan", 1.0, 5), ("chebyshev", 1.0, 5), ("euclidean", 1.0, 4),
        ("manhattan", 1.25, 6), ("chebyshev", 0.875, 4)]


def literals():
    """The literals of DbscanLabelRuleTest: a border row that changes cluster when the clusters' rows swap places."""
    for x in ([0, 0.4, 0.8, 1.2, 3.2, 3.6, 4.0, 4.4, 2.3], [3.2, 3.6, 4.0, 4.4, 0, 0.4, 0.8, 1.2, 2.3]):
        db = DBSCAN(eps=1.15, min_samples=4).fit(np.array(x).reshape(-1, 1))
        print("   rows", x, "DBSCAN(eps=1.15, min_samples=4).labels_", db.labels_.tolist(),
              "core_sample_indices_", db.core_sample_indices_.tolist())


def main():
    args = [a for a in sys.argv[1:]]
    cases = 4000
    if "--cases" in args:
        i = args.index("--cases")
        cases = int(args[i + 1])
        del args[i:i + 2]
    shared = args[0] if args else os.path.join("..", "shared", "data")
    check_random(cases)
    check_existing(shared)
    print("3. new fixtures in", OUT)
    mall = np.loadtxt(os.path.join(shared, "Mall_Customers.csv"), delimiter=",", skiprows=1, usecols=(3, 4))
    write("sklearn-mall", "shared Mall_Customers.csv, income and spending score (read by the test)", mall,
          [("euclidean", 5.0, 5), ("euclidean", 4.0, 3), ("euclidean", 8.0, 10), ("manhattan", 6.0, 4),
           ("chebyshev", 4.0, 4), ("chebyshev", 6.0, 8)], False)
    X, runs = borders_1d()
    write("sklearn-borders-1d", "hand-made in this script, coordinates below", X, runs, True)
    X, runs = borders_2d()
    write("sklearn-borders-2d", "hand-made in this script, coordinates below", X, runs, True)
    print("4. literals of DbscanLabelRuleTest")
    literals()


if __name__ == "__main__":
    main()
