#!/usr/bin/env python3
"""Brute-force Density-Based Clustering Validation (DBCV) index, the oracle of clustering-eval's DbcvTest.

Run it with Debian's python3 (numpy 1.24; the standard library's decimal) from the repository root, with the shared data
beside the checkout (../shared/data):

    /usr/bin/python3 tools/dbcv_reference.py

Definition (Moulavi, Jaskowiak, Campello, Zimek and Sander 2014, "Density-Based Clustering Validation", SDM,
doi:10.1137/1.9781611973440.96), as clusterkit's eval.Dbcv states it:

* Euclidean distances d, D = number of columns. Only clusters of at least two points take part ("valid");
  noise rows and clusters of one point contribute 0 but count in the total number of rows.
* All-points core distance of a point o in cluster C (n_C points):
  core(o) = (sum over the other p in C of d(o, p)^-D / (n_C - 1))^(-1/D). A copy of o in C (d = 0) makes the
  sum infinite and core(o) = 0, the limit of the formula (ELKI instead skips such pairs).
  Computed here in 50-digit decimal arithmetic, so no overflow or underflow for any D.
* Mutual reachability mrd(o, p) = max(core(o), core(p), d(o, p)), each core within its own cluster.
* The minimum spanning tree of each valid cluster under mrd. Ties are broken by a total order: weight, then
  the lower, then the higher rank of the two end points, a point's rank being its position in its cluster
  sorted lexicographically by coordinates (then by row). That order makes the tree, and the index, independent
  of the order of the rows. Kruskal's algorithm on all pairs here (Prim's in clusterkit: with a strict total
  order both find the one minimum tree).
* Internal nodes: tree degree >= 2; in a cluster of two points both are taken as internal. Density sparseness
  DSC(C) = largest tree edge whose two ends are internal, or the largest edge if there is no such edge
  (clusters of 2 or 3 points, stars).
* Density separation DSPC(C, C') = smallest mrd between an internal node of C and one of C'.
* V(C) = (min over C' of DSPC(C, C') - DSC(C)) / max(both), 0 when both are 0.
* DBCV = sum over valid clusters of (n_C / N) V(C), N = rows kept by the noise policy: SINGLETONS (the
  default; equal to the paper's and ELKI's treatment of noise: each noise row a cluster of one, so it counts
  in N and contributes 0), IGNORE (noise rows left out, N excludes them), MERGE (the noise rows form one cluster).
* Fewer than two valid clusters: undefined (clusterkit throws IllegalArgumentException).

Checks ELKI's published figure: DBCVTest (elki-project/elki, elki-clustering/src/test/java/elki/evaluation/
clustering/internal/DBCVTest.java) asserts 0.699142946543063 on uebungsblatt-2d-mini-jitter.csv with the file's
labels, "Outlier" as noise. Printed with the difference, and with whether any tie in a spanning tree could change
the tree's degrees.

Writes clustering-eval/src/test/resources/fixtures/eval/dbcv_cases.csv (seeded synthetic sets: rows with case
name, label and coordinates, repr, which round-trips exactly) and dbcv_expected.csv (case, noise policy, value).
"""
import itertools
import math

import decimal

import numpy as np

decimal.getcontext().prec = 50
DEC = decimal.Decimal

ELKI_FILE = "../shared/data/elki/uebungsblatt-2d-mini-jitter.csv"
ELKI_FIGURE = 0.699142946543063
OUT_CASES = "clustering-eval/src/test/resources/fixtures/eval/dbcv_cases.csv"
OUT_EXPECTED = "clustering-eval/src/test/resources/fixtures/eval/dbcv_expected.csv"


def dist(x, i, j):
    """Euclidean distance with the squared gaps summed in column order, as clusterkit sums them (bit for bit)."""
    s = 0.0
    for t in range(x.shape[1]):
        g = float(x[i, t]) - float(x[j, t])
        s += g * g
    return math.sqrt(s)


def partition(labels, policy):
    """Cluster lists (row indices in row order) and N, after the noise policy."""
    groups = {}
    noise = [i for i, l in enumerate(labels) if l == -1]
    for i, l in enumerate(labels):
        if l >= 0:
            groups.setdefault(l, []).append(i)
    clusters = [groups[l] for l in sorted(groups)]
    if policy == "IGNORE":
        n = len(labels) - len(noise)
    elif policy == "MERGE":
        n = len(labels)
        if noise:
            clusters.append(noise)
    elif policy == "SINGLETONS":
        n = len(labels)
        clusters.extend([i] for i in noise)
    else:
        raise ValueError(policy)
    return clusters, n


def core_distance(x, o, members, d):
    inv = DEC(0)
    for p in members:
        if p == o:
            continue
        dd = dist(x, o, p)
        if dd == 0.0:
            return 0.0
        inv += DEC(dd) ** (-d)
    return float((inv / (len(members) - 1)) ** (DEC(-1) / d))


def dbcv(x, labels, policy="SINGLETONS", orders=None, report_ties=False):
    """The index; `orders` (one list of rows per valid cluster) replaces the coordinate order that breaks ties."""
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[1]
    clusters, total = partition(labels, policy)
    valid = [c for c in clusters if len(c) >= 2]
    if len(valid) < 2:
        raise ValueError("DBCV needs at least 2 clusters of 2 or more points, got %d" % len(valid))
    core = {}
    internal = []
    dsc = []
    risky_ties = 0
    for ci, c in enumerate(valid):
        if orders is not None:
            members = list(orders[ci])
            assert sorted(members) == sorted(c)
        else:
            members = sorted(c, key=lambda i: (tuple(float(v) for v in x[i]), i))
        for o in members:
            core[o] = core_distance(x, o, members, d)
        m = len(members)
        edges = []
        for a, b in itertools.combinations(range(m), 2):
            i, j = members[a], members[b]
            edges.append((max(core[i], core[j], dist(x, i, j)), a, b))
        edges.sort()
        parent = list(range(m))

        def find(u):
            while parent[u] != u:
                parent[u] = parent[parent[u]]
                u = parent[u]
            return u

        tree = []
        for w, a, b in edges:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
                tree.append((w, a, b))
        weights = [e[0] for e in edges]
        tree_weights = set(e[0] for e in tree)
        # a tree edge whose weight another non-tree edge shares may be swapped for it: a tie the order decides
        risky_ties += sum(1 for w in tree_weights if weights.count(w) > 1)
        degree = [0] * m
        for _, a, b in tree:
            degree[a] += 1
            degree[b] += 1
        inner = [e[0] for e in tree if degree[e[1]] >= 2 and degree[e[2]] >= 2]
        dsc.append(max(inner) if inner else max(e[0] for e in tree))
        internal.append([members[a] for a in range(m) if m == 2 or degree[a] >= 2])
    result = 0.0
    terms = []
    for ci, c in enumerate(valid):
        sep = math.inf
        for cj in range(len(valid)):
            if cj == ci:
                continue
            for i in internal[ci]:
                for j in internal[cj]:
                    sep = min(sep, max(core[i], core[j], dist(x, i, j)))
        big = max(sep, dsc[ci])
        v = 0.0 if big == 0 else (sep - dsc[ci]) / big
        terms.append(len(c) * v)
    result = math.fsum(terms) / total
    if report_ties:
        return result, risky_ties
    return result


def read_elki(path):
    rows, labels, names = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        f = line.split()
        rows.append([float(f[0]), float(f[1])])
        if f[2] in ("Outlier", "Noise"):
            labels.append(-1)
        else:
            if f[2] not in names:
                names.append(f[2])
            labels.append(names.index(f[2]))
    return np.array(rows), labels


def elki_member_order(rows):
    """The order in which ELKI's DBCV sees a cluster's members in its DBCVTest.

    ByLabelClustering collects each label's ids in a hash set and DBCV copies the set into an array, so the order is
    that set's iteration order. The ids are the row numbers from 1 (the test's FixedDBIDsFilter(1)); the set is
    fastutil's open-addressing int hash set of 32 slots (16 expected entries, load factor 0.75), slot
    mix(id) & 31 with mix(h) = h * 0x9E3779B9 xor'ed with its upper 16 bits, linear probing, iterated from the
    last slot down. Used only to show that the definition here is ELKI's, up to the order that breaks ties.
    """
    table = [0] * 32
    for r in rows:
        key = r + 1
        h = (key * 0x9E3779B9) & 0xFFFFFFFF
        pos = (h ^ (h >> 16)) & 31
        while table[pos] != 0:
            pos = (pos + 1) & 31
        table[pos] = key
    return [table[pos] - 1 for pos in range(31, -1, -1) if table[pos] != 0]


def blob(rng, centre, sd, count):
    return [list(np.asarray(centre) + rng.normal(0.0, sd, len(centre))) for _ in range(count)]


def cases():
    """Seeded synthetic sets: name -> (rows, labels)."""
    rng = np.random.default_rng(20140424)
    out = {}

    # three 2-D blobs of different spread, five uniform noise rows
    x = blob(rng, (0, 0), 0.5, 12) + blob(rng, (4, 1), 0.8, 9) + blob(rng, (1, 5), 0.3, 7)
    lab = [0] * 12 + [1] * 9 + [2] * 7
    x += [list(rng.uniform(-2, 6, 2)) for _ in range(5)]
    lab += [-1] * 5
    out["blobs2d_noise"] = (x, lab)

    # two interleaved half moons (non-convex), slight jitter, three noise rows
    t = np.linspace(0, math.pi, 15)
    m1 = [[math.cos(a) + rng.normal(0, 0.05), math.sin(a) + rng.normal(0, 0.05)] for a in t]
    m2 = [[1 - math.cos(a) + rng.normal(0, 0.05), 0.5 - math.sin(a) + rng.normal(0, 0.05)] for a in t]
    x = m1 + m2 + [list(rng.uniform(-1, 2, 2)) for _ in range(3)]
    lab = [3] * 15 + [7] * 15 + [-1] * 3
    out["moons"] = (x, lab)

    # clusters of one, two and three points beside larger ones: labels 5 (one point), 2 (two), 9 (three)
    x = blob(rng, (0, 0), 0.4, 8) + blob(rng, (5, 0), 0.4, 6) + [[2.5, 3.0]] + blob(rng, (0, 4), 0.2, 2) \
        + blob(rng, (5, 4), 0.3, 3) + [list(rng.uniform(-1, 6, 2)) for _ in range(2)]
    lab = [0] * 8 + [1] * 6 + [5] + [2] * 2 + [9] * 3 + [-1] * 2
    out["small_clusters"] = (x, lab)

    # two clusters of two points only (both end points internal), and one of three
    x = [[0.0, 0.0], [0.3, 0.1], [3.0, 0.2], [3.1, 0.7], [1.4, 2.9], [1.9, 3.3], [1.6, 3.8]]
    lab = [0, 0, 1, 1, 2, 2, 2]
    out["pairs"] = (x, lab)

    # duplicate rows: copies within a cluster, a row copied into another cluster, a cluster of copies of one
    # point, a noise row on top of a cluster row
    a = blob(rng, (0, 0), 0.6, 7)
    a += [list(a[0]), list(a[0]), list(a[3])]
    b = blob(rng, (3, 3), 0.5, 6)
    b += [list(b[1]), list(a[5])]
    c = [[-3.0, 4.0]] * 4
    x = a + b + c + [list(a[2])]
    lab = [0] * 10 + [1] * 8 + [2] * 4 + [-1]
    out["duplicates"] = (x, lab)

    # 3-D: three blobs, one elongated, and noise
    x = blob(rng, (0, 0, 0), 0.5, 10) + [[t, 0.1 * rng.normal(), 3 + 0.1 * rng.normal()] for t in np.linspace(0, 4, 9)]
    x += blob(rng, (4, 4, 0), 0.7, 8) + [list(rng.uniform(-1, 5, 3)) for _ in range(4)]
    lab = [0] * 10 + [1] * 9 + [2] * 8 + [-1] * 4
    out["blobs3d"] = (x, lab)

    # 50 columns: d^-50 overflows for distances below about 1e-6 and underflows above about 1e6 in doubles, so
    # the same configuration is written at three scales (all within clusterkit's unscaled range, |x| < 2^200)
    base = blob(rng, np.zeros(50), 1.0, 9) + blob(rng, np.full(50, 1.5), 1.0, 7) + blob(rng, np.r_[np.full(25, 3.0),
                                                                                                 np.zeros(25)], 0.7, 6)
    base += [list(rng.uniform(-2, 4, 50)) for _ in range(2)]
    lab = [0] * 9 + [1] * 7 + [2] * 6 + [-1] * 2
    for name, s in (("dim50", 1.0), ("dim50_tiny", 1e-9), ("dim50_huge", 1e9)):
        out[name] = ([[v * s for v in r] for r in base], lab)
    return out


def main():
    x, labels = read_elki(ELKI_FILE)
    ours, ties = dbcv(x, labels, report_ties=True)
    clusters, _ = partition(labels, "SINGLETONS")
    elki_orders = [elki_member_order(c) for c in clusters if len(c) >= 2]
    elki_like = dbcv(x, labels, orders=elki_orders)
    file_order = dbcv(x, labels, orders=[c for c in clusters if len(c) >= 2])
    print("ELKI uebungsblatt-2d-mini-jitter.csv, ELKI's DBCVTest asserts %r" % ELKI_FIGURE)
    print("  ties broken in ELKI's member order %s (0-based rows): %r, difference %.3g"
          % (elki_orders, elki_like, elki_like - ELKI_FIGURE))
    print("  ties broken by coordinates (clusterkit): %r; in the file's row order: %r; tree weights shared with "
          "another pair: %d" % (ours, file_order, ties))
    print("  IGNORE %r, MERGE %r" % (dbcv(x, labels, "IGNORE"), dbcv(x, labels, "MERGE")))

    all_cases = cases()
    with open(OUT_CASES, "w") as f:
        f.write("# tools/dbcv_reference.py (numpy %s, seed 20140424): case,label,x0,x1,...\n" % np.__version__)
        for name, (rows, lab) in all_cases.items():
            for r, l in zip(rows, lab):
                f.write("%s,%d,%s\n" % (name, l, ",".join(repr(float(v)) for v in r)))
    with open(OUT_EXPECTED, "w") as f:
        f.write("# tools/dbcv_reference.py (50-digit decimal core distances, brute force): case,noise policy,"
                "DBCV\n")
        for name, (rows, lab) in all_cases.items():
            for policy in ("SINGLETONS", "IGNORE", "MERGE"):
                try:
                    v, ties = dbcv(rows, lab, policy, report_ties=True)
                except ValueError as e:
                    print("%-15s %-10s undefined: %s" % (name, policy, e))
                    continue
                f.write("%s,%s,%r\n" % (name, policy, v))
                print("%-15s %-10s %r (shared tree weights: %d)" % (name, policy, v, ties))
    print("wrote", OUT_CASES, "and", OUT_EXPECTED)


if __name__ == "__main__":
    main()
