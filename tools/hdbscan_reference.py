#!/usr/bin/env python3
"""Writes the HDBSCAN* reference fixtures that the Java HDBSCAN tests compare against.

Run it with Debian's python3 (numpy 1.24, SciPy 1.10.1, scikit-learn 1.2.1, which has no HDBSCAN) from the
repository root, with the shared data folder beside the checkout (../shared/data):

    /usr/bin/python3 tools/hdbscan_reference.py [path/to/shared/data]

It computes HDBSCAN* exactly as the project's specification defines it (Campello, Moulavi, Zimek, Sander 2015,
doi:10.1145/2733381; n-ary condensed tree: all edges of one weight are removed at once), by brute force:

1. Distances: Euclidean = sqrt of the sum over the columns, in column order, of (a - b)**2 (the same doubles as
   Java's Math.sqrt of a sequential sum of squares); Manhattan = sum of |a - b| in column order; Chebyshev =
   max |a - b|. core(p) = the k-th smallest value of p's full distance row, its own 0 included (k = minSamples).
   mrd(p, q) = max(core(p), core(q), dist(p, q)).
2. Hierarchy, two independent routes that must agree:
   - "threshold" (n <= 400): the partition of the rows into the connected components of the graph
     {mrd < w} is computed with scipy.sparse.csgraph.connected_components (the graph is built from the boolean
     matrix mrd < w, so weight-0 edges are kept) for the distinct mrd values w. The partitions are nested, so
     two of them with the same number of components are equal; a bisection over the sorted distinct values on
     the component count therefore finds every value at which the partition changes without thresholding at
     all ~n^2/2 of them.
   - "mst" (every n): a minimum spanning tree of the complete mrd graph by a plain Kruskal over all pairs
     (scipy's minimum_spanning_tree is not used: it drops weight-0 edges), then the partition before each
     distinct MST weight from a union-find over the MST edges.
   For n <= 400 the script asserts that both routes give the same change points and partitions.
3. Condensed tree top down (spec item 4), stabilities (item 5, exact rational sums of the double lambdas so
   that the reported value is the correctly rounded sum and every EOM decision's margin is known), EOM / LEAF
   selection (item 6, the root is never selected), labels numbered by smallest row index (item 7),
   probabilities (item 8) and GLOSH outlier scores (item 9), with lambda = +infinity for weight-0 levels.

Self-checks (assertions): (a) DBSCAN* equivalence with scikit-learn's DBSCAN(eps, min_samples=minSamples,
algorithm='kd_tree') for three eps per hierarchy (core points and the partition of the core points; eps is a
quantile of the core distances, of the nearest-neighbour distances when that is 0; when it lies within a
relative 1e-9 of a pairwise distance x it is moved to the midpoint between x and the next larger distinct
distance, so that no distance sits on the eps boundary);
(b) the labels (renumbered by smallest row), probabilities, outlier scores, core distances and selected
stabilities do not change under a seeded row permutation of the input (permuted runs use the mst route, so
another spanning tree among equal weights); (c) probabilities and outlier scores are in [0, 1]. The cases
marked "parent" / "children" assert that EOM keeps a cluster that has children / drops one for its children.
For the report it also measures how many rows would get another label if the equal-weight MST edges were
processed one at a time in MST order (a binary single-linkage tree condensed as the hdbscan package and
scikit-learn 1.3+ do), and, for Euclidean, how many distinct squared MST weights share their square root.

Output, in clustering-core/src/test/resources/fixtures/hdbscan/:
    cases.csv     '#' comment line, header, then one line per case:
                  id,data,metric,min_cluster_size,min_samples,selection,clusters,noise,core_file,stabilities,
                  eom_margin,binary_diff
                  data = a path relative to the shared data folder (benchmark/*.csv: header line, comma
                  separated, last column a label to drop; elki/*.csv: '#' comment lines, whitespace
                  separated, numeric columns then a string label) or the name of a generated data file in
                  this folder (data-*.csv: header x0,x1,..., comma separated, exact decimal coordinates);
                  metric = euclidean, manhattan or chebyshev; selection = EOM or LEAF;
                  core_file = core-<data>-<metric>-k<minSamples>.csv in this folder (header core_distance,
                  one line per row), NA when not written (large sets whose cases are labels only);
                  stabilities = the selected clusters' stabilities in label order, ';'-separated (empty when
                  no cluster), each the correctly rounded exact sum of spec item 5;
                  eom_margin = the smallest |S - stability(C)| / max(|S|, |stability(C)|) over the finite EOM
                  decisions of the tree (S = sum of the children's best stabilities), NA when none;
                  binary_diff = rows labelled differently (up to a renaming of the clusters: noise in
                  one only, or outside the best one-to-one matching of clusters) under one-edge-at-a-time
                  tie processing in Kruskal order.
    <id>.csv      header 'label,probability,outlier_score' (or 'label' only, for large shared sets), then one
                  line per input row in row order.
    Doubles are Python repr (the shortest text that round-trips; Java's Double.parseDouble reads the same
    double); infinity is written Infinity.
"""
import math
import os
import sys
import time
from fractions import Fraction

import numpy as np
import scipy
import sklearn
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import DBSCAN

OUT = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "hdbscan")
INF = math.inf
THRESHOLD_ROUTE_MAX_N = 400


# ---------------------------------------------------------------------------------------------- distances

def distance_matrix(X, metric):
    """Pairwise distances, accumulated column by column in column order (as a sequential Java loop)."""
    n, d = X.shape
    acc = np.zeros((n, n))
    for j in range(d):
        diff = X[:, j][:, None] - X[:, j][None, :]
        if metric == "euclidean":
            acc += diff * diff
        elif metric == "manhattan":
            acc += np.abs(diff)
        elif metric == "chebyshev":
            np.maximum(acc, np.abs(diff), out=acc)
        else:
            raise ValueError(metric)
    if metric == "euclidean":
        np.sqrt(acc, out=acc)
    return acc


def core_distances(D, k):
    """k-th smallest value of each full distance row (its own 0 included)."""
    return np.partition(D, k - 1, axis=1)[:, k - 1].copy()


def mutual_reachability(D, core):
    M = np.maximum(D, core[:, None])
    np.maximum(M, core[None, :], out=M)
    return M


# ---------------------------------------------------------------------------------------------- hierarchy

def canonical(labels):
    """Relabels a partition so that every row carries the smallest row index of its block."""
    labels = np.asarray(labels)
    n = len(labels)
    _, inv = np.unique(labels, return_inverse=True)
    mins = np.full(inv.max() + 1, n, dtype=np.int64)
    np.minimum.at(mins, inv, np.arange(n))
    return mins[inv]


def hierarchy_threshold(M):
    """Levels [(w, partition of {mrd < w})] at every w where the partition of {mrd < w} differs from that of
    {mrd <= w}, largest w first, by direct thresholding with connected_components."""
    n = M.shape[0]
    iu = np.triu_indices(n, 1)
    weights = np.unique(M[iu])                       # sorted distinct mrd edge weights
    K = len(weights)
    memo = {}

    def part(i):                                     # partition of {mrd < weights[i]}; i == K: complete graph
        if i not in memo:
            if i == K:
                memo[i] = (1, np.zeros(n, dtype=np.int64))
            else:
                adj = M < weights[i]
                np.fill_diagonal(adj, False)
                c, lab = connected_components(csr_matrix(adj), directed=False)
                memo[i] = (c, canonical(lab))
        return memo[i]

    changes = []
    stack = [(0, K)]
    while stack:                                     # component counts are non-increasing in i
        lo, hi = stack.pop()
        if part(lo)[0] == part(hi)[0]:
            continue
        if hi == lo + 1:
            changes.append(lo)
            continue
        mid = (lo + hi) // 2
        stack.append((lo, mid))
        stack.append((mid, hi))
    changes.sort(reverse=True)
    return [(float(weights[i]), part(i)[1]) for i in changes]


class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, a):
        p = self.parent
        while p[a] != a:
            p[a] = p[p[a]]
            a = p[a]
        return a


def kruskal(M):
    """MST edges (i, j, w) of the complete mrd graph, in acceptance order (weight, then row pair)."""
    n = M.shape[0]
    iu, ju = np.triu_indices(n, 1)
    w = M[iu, ju]
    order = np.argsort(w, kind="stable")            # ties: lexicographic (i, j)
    uf = UnionFind(n)
    edges = []
    iu_l, ju_l, w_l = iu[order], ju[order], w[order]
    chunk = 1 << 16
    for start in range(0, len(order), chunk):
        a_chunk = iu_l[start:start + chunk].tolist()
        b_chunk = ju_l[start:start + chunk].tolist()
        w_chunk = w_l[start:start + chunk].tolist()
        for a, b, x in zip(a_chunk, b_chunk, w_chunk):
            ra, rb = uf.find(a), uf.find(b)
            if ra != rb:
                uf.parent[rb] = ra
                edges.append((a, b, x))
                if len(edges) == n - 1:
                    return edges
    return edges


def hierarchy_mst(edges, n):
    """Levels [(w, partition of {MST edges < w})] at every distinct MST weight, largest first."""
    lab = np.arange(n)
    levels = []
    k = 0
    while k < len(edges):
        w = edges[k][2]
        levels.append((w, lab.copy()))
        while k < len(edges) and edges[k][2] == w:
            a, b, _ = edges[k]
            la, lb = lab[a], lab[b]
            lo, hi = min(la, lb), max(la, lb)
            lab[lab == hi] = lo                      # keeps every row labelled by its block's smallest row
            k += 1
    levels.reverse()
    return levels


# ---------------------------------------------------------------------------------------------- condensed tree

class Tree:
    """Clusters 0..c-1 (0 = root) with parent, birth, death, children; per row: lambda and parent cluster."""

    def __init__(self, n):
        self.parent = [-1]
        self.birth = [0.0]
        self.death = [INF]
        self.children = [[]]
        self.size = [n]
        self.row_lambda = np.full(n, np.nan)
        self.row_parent = np.full(n, -1, dtype=np.int64)

    def new_cluster(self, parent, birth, size):
        self.parent.append(parent)
        self.birth.append(birth)
        self.death.append(INF)
        self.children.append([])
        self.size.append(size)
        self.children[parent].append(len(self.parent) - 1)
        return len(self.parent) - 1


def lam_of(w):
    return INF if w == 0.0 else 1.0 / w


def condense_nary(levels, n, m):
    """Spec item 4: at every level w (largest first) each cluster splits into its components under the edges of
    weight < w, all at once."""
    t = Tree(n)
    active = [(0, np.arange(n))]
    for w, canon in levels:
        lam = lam_of(w)
        nxt = []
        for cid, rows in active:
            uniq, inv, counts = np.unique(canon[rows], return_inverse=True, return_counts=True)
            if len(uniq) == 1:
                nxt.append((cid, rows))
                continue
            large = counts >= m
            small_rows = rows[~large[inv]]
            t.row_lambda[small_rows] = lam
            t.row_parent[small_rows] = cid
            nl = int(large.sum())
            if nl >= 2:
                t.death[cid] = lam
                for g in np.nonzero(large)[0]:       # uniq is sorted: children in order of smallest row
                    child_rows = rows[inv == g]
                    nxt.append((t.new_cluster(cid, lam, len(child_rows)), child_rows))
            elif nl == 1:
                nxt.append((cid, rows[large[inv]]))
            else:
                t.death[cid] = lam
        active = nxt
    for cid, rows in active:                         # not reached for m >= 2 (the smallest level isolates all)
        t.row_lambda[rows] = INF
        t.row_parent[rows] = cid
        t.death[cid] = INF
    assert not np.isnan(t.row_lambda).any()
    return t


def condense_binary(edges, n, m):
    """The hdbscan package's condense_tree over the single-linkage tree built from the MST edges one at a time
    in the given order (equal weights NOT merged): for the tie-handling comparison only."""
    left, right, dist, size = [], [], [], []
    uf_parent = list(range(2 * n - 1))
    node_of = list(range(n))                          # union-find root -> tree node
    sizes = [1] * (2 * n - 1)

    def find(a):
        while uf_parent[a] != a:
            uf_parent[a] = uf_parent[uf_parent[a]]
            a = uf_parent[a]
        return a
    for a, b, w in edges:
        ra, rb = find(a), find(b)
        node = n + len(left)
        left.append(node_of[ra])
        right.append(node_of[rb])
        dist.append(w)
        sizes[node] = sizes[node_of[ra]] + sizes[node_of[rb]]
        uf_parent[rb] = ra
        node_of[ra] = node
    root = 2 * n - 2

    def leaves(node):
        out, stack = [], [node]
        while stack:
            x = stack.pop()
            if x < n:
                out.append(x)
            else:
                stack.append(left[x - n])
                stack.append(right[x - n])
        return out
    t = Tree(n)
    relabel = {root: 0}
    stack = [root]
    while stack:
        node = stack.pop()
        if node < n:
            continue
        cid = relabel[node]
        lam = lam_of(dist[node - n])
        l, r = left[node - n], right[node - n]
        big_l, big_r = sizes[l] >= m, sizes[r] >= m
        if big_l and big_r:
            t.death[cid] = lam
            for ch in (l, r):
                relabel[ch] = t.new_cluster(cid, lam, sizes[ch])
                stack.append(ch)
        elif not big_l and not big_r:
            rows = leaves(node)
            t.row_lambda[rows] = lam
            t.row_parent[rows] = cid
            t.death[cid] = lam
        else:
            small, big = (l, r) if big_r else (r, l)
            rows = leaves(small)
            t.row_lambda[rows] = lam
            t.row_parent[rows] = cid
            relabel[big] = cid
            stack.append(big)
    return t


# ---------------------------------------------------------------------------------------------- results

def exact(x):
    return x if x == INF else Fraction(x)


def stabilities(t):
    """Spec item 5 as exact rationals of the double lambdas (INF when infinite)."""
    c = len(t.parent)
    stab = [Fraction(0)] * c
    for p in range(len(t.row_lambda)):
        cid = t.row_parent[p]
        lp = float(t.row_lambda[p])
        stab[cid] = stab[cid] + (exact(min(lp, t.death[cid])) - exact(t.birth[cid]))
    for cid in range(c):
        for ch in t.children[cid]:
            stab[cid] = stab[cid] + t.size[ch] * (exact(t.death[cid]) - exact(t.birth[cid]))
    return stab


def select(t, stab, selection):
    """Spec item 6. Returns (selected cluster ids, smallest relative margin of a finite EOM decision)."""
    c = len(t.parent)
    sel = [False] * c
    best = [None] * c
    margin = None
    for cid in range(c - 1, 0, -1):                  # children have larger ids than their parents
        if not t.children[cid]:
            sel[cid] = True
            best[cid] = stab[cid]
            continue
        if selection == "LEAF":
            continue
        S = sum((best[ch] for ch in t.children[cid]), Fraction(0))
        if S != INF and stab[cid] != INF:
            scale = max(abs(S), abs(stab[cid]))
            if scale > 0:
                mg = abs(S - stab[cid]) / scale
                margin = mg if margin is None else min(margin, mg)
        if S > stab[cid]:
            best[cid] = S
        else:
            best[cid] = stab[cid]
            sel[cid] = True
            stack = list(t.children[cid])
            while stack:
                x = stack.pop()
                sel[x] = False
                stack.extend(t.children[x])
    return [cid for cid in range(1, c) if sel[cid]], margin


def eom_shape(t, selected):
    """(selected clusters that have children, non-root clusters with children that are not selected)."""
    sel = set(selected)
    internal = [cid for cid in range(1, len(t.parent)) if t.children[cid]]
    return sum(1 for cid in internal if cid in sel), sum(1 for cid in internal if cid not in sel)


def row_outputs(t, labels, raw, max_lambda, subtree_max):
    """Items 8 and 9 per row: the probability (lambda capped at its selected cluster's maxLambda, over it) and the
    GLOSH score (from the subtree of the cluster the row fell out of), with the spec's rules for 0 and infinity."""
    n = len(t.row_lambda)
    prob = np.zeros(n)
    score = np.zeros(n)
    for p in range(n):
        lp = float(t.row_lambda[p])
        if labels[p] >= 0:
            ml = max_lambda[raw[p]]
            if lp == INF or ml == 0.0:
                prob[p] = 1.0
            elif ml == INF:
                prob[p] = 0.0
            else:
                prob[p] = min(lp, ml) / ml
        sm = subtree_max[t.row_parent[p]]
        if lp == INF or sm == 0.0:
            score[p] = 0.0
        elif sm == INF:
            score[p] = 1.0
        else:
            score[p] = (sm - lp) / sm
    return prob, score


def results(t, stab, selection):
    n = len(t.row_lambda)
    selected, margin = select(t, stab, selection)
    sel_set = set(selected)
    c = len(t.parent)
    owner = [-1] * c                                 # selected cluster at or above each cluster
    for cid in range(c):
        if cid in sel_set:
            owner[cid] = cid
        elif t.parent[cid] >= 0:
            owner[cid] = owner[t.parent[cid]]
    raw = np.array([owner[t.row_parent[p]] for p in range(n)])
    first = {}
    for p in range(n):
        if raw[p] >= 0 and raw[p] not in first:
            first[raw[p]] = len(first)
    labels = np.array([first[r] if r >= 0 else -1 for r in raw], dtype=np.int64)
    assert len(first) == len(selected)
    # item 8: maxLambda(C) over rows that fell out of C itself and births of C's children
    max_lambda = [0.0] * c
    for p in range(n):
        cid = t.row_parent[p]
        max_lambda[cid] = max(max_lambda[cid], float(t.row_lambda[p]))
    for cid in range(1, c):
        max_lambda[t.parent[cid]] = max(max_lambda[t.parent[cid]], t.birth[cid])
    # item 9: subtreeMax(C) = max over C and its descendants
    subtree_max = list(max_lambda)
    for cid in range(c - 1, 0, -1):
        subtree_max[t.parent[cid]] = max(subtree_max[t.parent[cid]], subtree_max[cid])
    prob, score = row_outputs(t, labels, raw, max_lambda, subtree_max)
    stabs = [None] * len(selected)
    for cid in selected:
        s = stab[cid]
        stabs[first[cid]] = INF if s == INF else float(s)   # float(Fraction) is correctly rounded
    assert ((prob >= 0) & (prob <= 1)).all() and ((score >= 0) & (score <= 1)).all(), "check (c)"
    return labels, prob, score, stabs, margin, eom_shape(t, selected)


def relabel_by_first_row(labels):
    first = {}
    out = np.full(len(labels), -1, dtype=np.int64)
    for p, lab in enumerate(labels):
        if lab >= 0:
            if lab not in first:
                first[lab] = len(first)
            out[p] = first[lab]
    return out


def label_diff(a, b):
    """Rows labelled differently by two labelings up to a renaming of the clusters: rows noise in one only, plus
    the clustered rows outside the best one-to-one matching of the clusters (maximum total overlap)."""
    a, b = np.asarray(a), np.asarray(b)
    both = (a >= 0) & (b >= 0)
    diff = int(((a >= 0) != (b >= 0)).sum())
    if both.any():
        table = np.zeros((a.max() + 1, b.max() + 1), dtype=np.int64)
        np.add.at(table, (a[both], b[both]), 1)
        r, c = linear_sum_assignment(-table)
        diff += int(both.sum() - table[r, c].sum())
    return diff


# ---------------------------------------------------------------------------------------------- checks

def check_dbscan(X, D, core, levels, k, metric):
    """Self-check (a): components of G_eps restricted to rows with core <= eps == scikit-learn's DBSCAN core
    points and their clusters. Returns the eps values used."""
    n = len(core)
    dists = np.unique(D[np.triu_indices(n, 1)])
    used = []
    nearest = np.partition(D, 1, axis=1)[:, 1]       # for minSamples = 1, whose core distances are all 0
    for q in (0.25, 0.5, 0.8):
        eps = float(np.quantile(core, q))
        if eps <= 0.0:
            eps = float(np.quantile(nearest, q))
        if eps <= 0.0:
            continue
        i = np.searchsorted(dists, eps)
        near = [dists[j] for j in (i - 1, i) if 0 <= j < len(dists)]
        if any(abs(x - eps) <= 1e-9 * eps for x in near):
            # eps (nearly) equals a pairwise distance x: use the midpoint between x and the next distance above
            x = min(near, key=lambda v: abs(v - eps))
            hi = dists[dists > x * (1 + 1e-9)]
            if not len(hi):
                continue
            eps = float((x + hi[0]) / 2)
        # document: moved eps is strictly between two distinct distances, away from both by > 1e-9 relative
        assert np.min(np.abs(dists - eps)) > 1e-9 * eps
        db = DBSCAN(eps=eps, min_samples=k, metric=metric, algorithm="kd_tree").fit(X)
        core_mask = np.zeros(n, dtype=bool)
        core_mask[db.core_sample_indices_] = True
        assert np.array_equal(core_mask, core <= eps), ("dbscan core", eps)
        above = [lv for lv in levels if lv[0] > eps]
        part = above[-1][1] if above else np.zeros(n, dtype=np.int64)
        mine = canonical(part[core_mask]) if core_mask.any() else np.array([], dtype=np.int64)
        theirs = canonical(db.labels_[core_mask]) if core_mask.any() else np.array([], dtype=np.int64)
        assert np.array_equal(mine, theirs), ("dbscan partition", eps)
        used.append(eps)
    return used


def levels_equal(a, b):
    return len(a) == len(b) and all(wa == wb and np.array_equal(pa, pb) for (wa, pa), (wb, pb) in zip(a, b))


# ---------------------------------------------------------------------------------------------- data

def read_benchmark(root, rel):
    X = np.loadtxt(os.path.join(root, rel), delimiter=",", skiprows=1)
    return X[:, :-1].copy()


def read_elki(root, rel):
    rows = []
    with open(os.path.join(root, rel)) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            vals = []
            for tok in line.split():
                try:
                    vals.append(float(tok))
                except ValueError:
                    break
            rows.append(vals)
    return np.array(rows)


def synthetic():
    """Seeded generated sets: name -> X (values with exact short decimal text)."""
    rng = np.random.default_rng(20240917)
    sets = {}
    # (i) integer grids with holes and duplicate rows: many equal distances
    cells = np.array([(i, j) for i in range(12) for j in range(12) if rng.random() < 0.5], dtype=float)
    dup = cells[rng.choice(len(cells), size=15, replace=False)]
    sets["grid-a"] = rng.permutation(np.vstack([cells, dup]))
    cells = np.array([(i, j) for i in range(5) for j in range(5)], dtype=float)
    sets["grid-small"] = rng.permutation(np.vstack([cells, cells[:3]]))
    blocks = []
    for ox, oy in ((0, 0), (7, 0), (0, 8), (9, 9)):
        blocks.append(np.array([(ox + i, oy + j) for i in range(4) for j in range(4) if rng.random() < 0.85],
                               dtype=float))
    blocks.append(np.array([(i, j) for i in range(14) for j in range(14) if rng.random() < 0.12], dtype=float))
    g = np.vstack(blocks)
    sets["grid-blocks"] = rng.permutation(np.vstack([g, g[rng.choice(len(g), 20, replace=False)]]))
    # (ii) duplicate-heavy: groups of identical rows (core distance 0, infinite lambdas)
    centres = np.array([(0, 0), (0, 1), (5, 5), (5, 6), (10, 0)], dtype=float)
    reps = [7, 6, 8, 5, 3]
    parts = [np.repeat(centres[i:i + 1], reps[i], axis=0) for i in range(len(centres))]
    parts.append(np.round(rng.uniform(-2, 12, size=(20, 2)), 1))
    sets["dups"] = rng.permutation(np.vstack(parts))
    sets["identical"] = np.full((12, 2), 1.5)
    # (iii) Gaussian blobs plus uniform noise in 3-D
    centres = rng.uniform(-4, 4, size=(3, 3))
    pts = [c + rng.normal(0, 0.6, size=(90, 3)) for c in centres]
    pts.append(rng.uniform(-7, 7, size=(40, 3)))
    sets["blobs3d"] = np.round(rng.permutation(np.vstack(pts)), 6)
    sets["blobs3d-coarse"] = np.round(sets["blobs3d"][:200], 1)
    # (vi) the root never splits: a chain with growing gaps (every split peels one row)
    sets["chain"] = np.cumsum(1.3 ** np.arange(30))[:, None].round(6)
    # (vii) EOM: two near sub-blobs (parent wins) / two far sub-blobs (children win), plus a third blob
    base = rng.normal(0, 1, size=(40, 2))
    third = rng.normal(0, 1, size=(40, 2)) + (40, 0)
    sets["eom-parent"] = np.round(np.vstack([base[:20], base[20:] + (3, 0), third]), 4)
    sets["eom-children"] = np.round(np.vstack([base[:20], base[20:] + (8, 0), third]), 4)
    # (viii) two gaps whose squared lengths differ (25 + 2^-48 and 25, dyadic coordinates, exact differences)
    # but whose lengths are the same double 5.0: one level in the specification (P continues, Q1 and Q2 of 3
    # rows fall out: all noise for minClusterSize 5), two levels for code that groups squared weights (P and
    # Q = Q1 + Q2 become clusters, Q dies at once and is selected)
    eps = 2.0 ** -24
    p_rows = [(-j / 64, 0.0) for j in range(10)]
    q1 = [(5 + j / 64, eps) for j in range(3)]
    q2 = [(8 + 2 / 64 + j / 64, 4 + eps) for j in range(3)]
    sets["sqrt-tie"] = np.array(p_rows + q1 + q2)
    return sets


# ---------------------------------------------------------------------------------------------- driver

def fmt(x):
    x = float(x)
    if x == INF:
        return "Infinity"
    return repr(x)


class Hier:
    """One hierarchy per (data, metric, minSamples): independent of minClusterSize and of the selection."""

    def __init__(self, X, metric, k, perm_seed):
        n = len(X)
        t0 = time.time()
        D = distance_matrix(X, metric)
        self.core = core_distances(D, k)
        M = mutual_reachability(D, self.core)
        self.edges = kruskal(M)
        self.levels = hierarchy_mst(self.edges, n)
        self.route = "mst"
        if n <= THRESHOLD_ROUTE_MAX_N:
            lt = hierarchy_threshold(M)
            assert levels_equal(lt, self.levels), "threshold and mst routes disagree"
            self.levels = lt
            self.route = "threshold+mst"
        del M
        self.sqrt_collisions = 0
        if metric == "euclidean":
            # distinct squared mrd values among the MST edges that share their square root with another one:
            # levels an implementation grouping edges by squared weight would split although spec item 4
            # (weights = distances) merges them
            S = np.zeros((n, n))
            for j in range(X.shape[1]):
                diff = X[:, j][:, None] - X[:, j][None, :]
                S += diff * diff
            core2 = core_distances(S, k)
            assert np.array_equal(np.sqrt(core2), self.core)
            a = np.array([e[0] for e in self.edges], dtype=np.int64)
            b = np.array([e[1] for e in self.edges], dtype=np.int64)
            w2 = np.maximum(np.maximum(S[a, b], core2[a]), core2[b])
            assert np.array_equal(np.sqrt(w2), np.array([e[2] for e in self.edges]))
            self.sqrt_collisions = len(np.unique(w2)) - len(np.unique(np.sqrt(w2)))
            del S
        self.eps_checked = check_dbscan(X, D, self.core, self.levels, k, metric)
        del D
        # permuted input for check (b): another row order, so another spanning tree among equal weights
        perm = np.random.default_rng(perm_seed).permutation(n)
        Dp = distance_matrix(X[perm], metric)
        core_p = np.empty(n)
        core_p[perm] = core_distances(Dp, k)
        assert np.array_equal(core_p, self.core), "check (b) core distances"
        self.perm = perm
        self.edges_p = kruskal(mutual_reachability(Dp, core_distances(Dp, k)))
        self.levels_p = hierarchy_mst(self.edges_p, n)
        del Dp
        self.seconds = time.time() - t0


def run_case(h, n, m, selection):
    t = condense_nary(h.levels, n, m)
    stab = stabilities(t)
    labels, prob, score, stabs, margin, shape = results(t, stab, selection)
    # (b) permutation
    tp = condense_nary(h.levels_p, n, m)
    lp, pp, sp, stabs_p, _, _ = results(tp, stabilities(tp), selection)
    back = np.empty(n, dtype=np.int64)
    back[h.perm] = lp
    assert np.array_equal(relabel_by_first_row(back), labels), "check (b) labels"
    pb = np.empty(n)
    pb[h.perm] = pp
    sb = np.empty(n)
    sb[h.perm] = sp
    assert np.array_equal(pb, prob) and np.array_equal(sb, score), "check (b) probabilities/scores"
    assert sorted(stabs_p) == sorted(stabs), "check (b) stabilities"
    # binary (one edge at a time) tie processing, for the report: against the n-ary labels, and between the
    # two row orders
    tb = condense_binary(h.edges, n, m)
    lb = relabel_by_first_row(results(tb, stabilities(tb), selection)[0])
    binary_diff = label_diff(lb, labels)
    tbp = condense_binary(h.edges_p, n, m)
    lbp = results(tbp, stabilities(tbp), selection)[0]
    back[h.perm] = lbp
    binary_order_diff = label_diff(back, lb)
    return labels, prob, score, stabs, margin, shape, binary_diff, binary_order_diff


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    t_start = time.time()
    syn = synthetic()
    for name, X in syn.items():
        with open(os.path.join(OUT, "data-" + name + ".csv"), "w") as f:
            f.write(",".join("x%d" % j for j in range(X.shape[1])) + "\n")
            for row in X:
                f.write(",".join(repr(float(v)) for v in row) + "\n")

    def s(name):
        return "data-" + name + ".csv"
    # (data, X, metric, [(minSamples, [(minClusterSize, selection[, option]), ...]), ...]); options: "labels" =
    # write the labels only (large shared sets, to keep the fixtures small), "parent" / "children" = assert
    # that EOM keeps a cluster that has children / drops one for its children
    hd = read_benchmark(root, "benchmark/hdbscan.csv")
    plan = [
        ("benchmark/hdbscan.csv", hd, "euclidean", [
            (5, [(5, "EOM"), (15, "EOM", "labels"), (30, "EOM", "labels"), (5, "LEAF", "labels")]),
            (15, [(15, "EOM"), (15, "LEAF", "labels")]),
            (30, [(30, "EOM", "labels"), (30, "LEAF", "labels")]),
            (1, [(5, "EOM", "labels"), (15, "EOM", "labels"), (30, "EOM", "labels")])]),
        (s("grid-a"), syn["grid-a"], "euclidean", [
            (4, [(4, "EOM"), (8, "EOM"), (4, "LEAF")]), (1, [(2, "EOM"), (5, "EOM")]), (2, [(6, "EOM")])]),
        (s("grid-a"), syn["grid-a"], "manhattan", [(4, [(5, "EOM")]), (3, [(3, "LEAF")])]),
        (s("grid-a"), syn["grid-a"], "chebyshev", [(4, [(5, "EOM")]), (6, [(6, "EOM")])]),
        (s("grid-small"), syn["grid-small"], "euclidean", [
            (1, [(2, "EOM"), (2, "LEAF")]), (3, [(3, "EOM")]), (28, [(28, "EOM")])]),
        (s("grid-blocks"), syn["grid-blocks"], "euclidean", [
            (3, [(3, "EOM"), (6, "EOM"), (3, "LEAF")]), (5, [(5, "EOM")]), (1, [(2, "EOM")])]),
        (s("grid-blocks"), syn["grid-blocks"], "manhattan", [(4, [(4, "EOM")])]),
        (s("grid-blocks"), syn["grid-blocks"], "chebyshev", [(4, [(4, "EOM"), (4, "LEAF")])]),
        (s("dups"), syn["dups"], "euclidean", [
            (5, [(5, "EOM"), (5, "LEAF"), (3, "EOM")]), (3, [(4, "EOM")]), (1, [(2, "EOM")])]),
        (s("dups"), syn["dups"], "manhattan", [(4, [(4, "EOM")])]),
        (s("identical"), syn["identical"], "euclidean", [(3, [(3, "EOM")]), (1, [(2, "LEAF")])]),
        (s("blobs3d"), syn["blobs3d"], "euclidean", [
            (10, [(10, "EOM"), (20, "EOM"), (10, "LEAF")]), (1, [(2, "EOM"), (10, "EOM")])]),
        (s("blobs3d"), syn["blobs3d"], "manhattan", [(10, [(10, "EOM")])]),
        (s("blobs3d"), syn["blobs3d"], "chebyshev", [(10, [(10, "EOM")])]),
        (s("blobs3d-coarse"), syn["blobs3d-coarse"], "euclidean", [(5, [(5, "EOM"), (5, "LEAF")])]),
        (s("blobs3d-coarse"), syn["blobs3d-coarse"], "chebyshev", [(5, [(5, "EOM")])]),
        (s("chain"), syn["chain"], "euclidean", [(1, [(2, "EOM")]), (3, [(3, "EOM")])]),
        (s("eom-parent"), syn["eom-parent"], "euclidean", [(5, [(5, "EOM", "parent"), (5, "LEAF")])]),
        (s("eom-children"), syn["eom-children"], "euclidean", [(5, [(5, "EOM", "children"), (5, "LEAF")])]),
        (s("sqrt-tie"), syn["sqrt-tie"], "euclidean", [(2, [(5, "EOM"), (5, "LEAF"), (3, "EOM")])]),
        ("benchmark/jain.csv", read_benchmark(root, "benchmark/jain.csv"), "euclidean", [
            (5, [(5, "EOM"), (5, "LEAF")]), (10, [(10, "EOM")])]),
        ("benchmark/compound.csv", read_benchmark(root, "benchmark/compound.csv"), "euclidean", [
            (5, [(5, "EOM")]), (10, [(10, "EOM"), (10, "LEAF")])]),
        ("elki/3clusters-and-noise-2d.csv", read_elki(root, "elki/3clusters-and-noise-2d.csv"), "euclidean", [
            (10, [(10, "EOM")]), (20, [(20, "EOM")])]),
        ("benchmark/cluto-t4-8k.csv", read_benchmark(root, "benchmark/cluto-t4-8k.csv"), "euclidean", [
            (10, [(10, "EOM", "labels"), (25, "EOM", "labels")])]),
    ]

    lines = []
    seed = 1
    for data, X, metric, ks_cases in plan:
        n = len(X)
        stem = os.path.splitext(os.path.basename(data))[0].replace("data-", "")
        for k, cases in ks_cases:
            h = Hier(X, metric, k, seed)
            seed += 1
            core_file = "NA"
            if any(len(case) < 3 or case[2] != "labels" for case in cases):
                core_file = "core-%s-%s-k%d.csv" % (stem, metric[:3], k)
                with open(os.path.join(OUT, core_file), "w") as f:
                    f.write("core_distance\n" + "".join(fmt(v) + "\n" for v in h.core))
            for case in cases:
                m, selection = case[0], case[1]
                option = case[2] if len(case) > 2 else ""
                labels, prob, score, stabs, margin, shape, bdiff, bodiff = run_case(h, n, m, selection)
                if option == "parent":
                    assert shape[0] >= 1, "EOM should keep a cluster that has children"
                if option == "children":
                    assert shape[1] >= 1 and shape[0] == 0, "EOM should drop a cluster for its children"
                cid = "%s-%s-m%d-k%d-%s" % (stem, metric[:3], m, k, selection.lower())
                with open(os.path.join(OUT, cid + ".csv"), "w") as f:
                    if option == "labels":
                        f.write("label\n" + "".join("%d\n" % v for v in labels))
                    else:
                        f.write("label,probability,outlier_score\n")
                        for p in range(n):
                            f.write("%d,%s,%s\n" % (labels[p], fmt(prob[p]), fmt(score[p])))
                nc = int(labels.max()) + 1
                noise = int((labels < 0).sum())
                mg = "NA" if margin is None else "%.3g" % float(margin)
                lines.append(",".join([cid, data, metric, str(m), str(k), selection, str(nc), str(noise), core_file,
                                       ";".join(fmt(x) for x in stabs), mg, str(bdiff)]))
                print("%-40s n=%4d %-13s levels=%4d c=%3d noise=%4d eom_shape=%s margin=%-7s binary_diff=%4d "
                      "binary_order_diff=%4d sqrt_collisions=%d eps=%s (%.1fs)"
                      % (cid, n, h.route, len(h.levels), nc, noise, shape, mg, bdiff, bodiff, h.sqrt_collisions,
                         ";".join("%.6g" % e for e in h.eps_checked), h.seconds), flush=True)
    with open(os.path.join(OUT, "cases.csv"), "w") as f:
        f.write("# Written by tools/hdbscan_reference.py (numpy %s, SciPy %s, scikit-learn %s): brute-force "
                "HDBSCAN*\n" % (np.__version__, scipy.__version__, sklearn.__version__))
        f.write("id,data,metric,min_cluster_size,min_samples,selection,clusters,noise,core_file,stabilities,"
                "eom_margin,binary_diff\n")
        f.write("\n".join(lines) + "\n")
    print("%d cases, %.1f s" % (len(lines), time.time() - t_start))


if __name__ == "__main__":
    main()
