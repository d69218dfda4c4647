#!/usr/bin/env python3
"""Writes the OPTICS reference fixtures that OpticsReferenceTest compares against.

Run it with Debian's python3 (numpy 1.24, SciPy 1.10.1, scikit-learn 1.2.1) from the repository root, with the
shared data folder beside the checkout (../shared/data):

    /usr/bin/python3 tools/optics_reference.py [path/to/shared/data]

Every case is sklearn.cluster.OPTICS(min_samples, max_eps, metric, xi, min_cluster_size, cluster_method, eps,
predecessor_correction, algorithm='kd_tree').fit(X) of scikit-learn 1.2.1 itself. Euclidean is its default
metric='minkowski' (p=2): its KD-tree and SciPy's cdist then sum squared gaps in column order and take one square
root, the arithmetic the Java port uses; algorithm='kd_tree' is passed because 'auto' switches to a brute-force
search (min_samples >= n // 2, or more than 15 columns) whose Euclidean distances use |x|^2 - 2 x.y + |y|^2 and differ
in their last bits (the script counts the cases where 'auto' gives other core distances and reports them).
Manhattan is metric='manhattan' and Chebyshev metric='chebyshev' (SciPy's cdist, exact sums / maxima).

The predecessor correction comes in three variants (Java: Optics.PredecessorCorrection):
    sklearn12  scikit-learn 1.2.1's own _correct_predecessor (predecessor_correction=True);
    paper      the same run with sklearn.cluster._optics._correct_predecessor replaced by the rule of scikit-learn
               pull request 26459 (merged in 2023, after 1.2; Schubert and Gertz, LWDA 2018, Algorithm 2: the
               predecessor's row is looked up among ordering[s:e]);
    none       predecessor_correction=False.

Self-checks: the core distances equal a brute-force recomputation (np.around(k-th smallest distance, 15), inf above
max_eps); the ordering is a permutation; reachability[ordering][0] is inf.

Output, in clustering-core/src/test/resources/fixtures/optics/:
    graph-<data>-<metric>-m<min_samples>-e<max_eps>.csv   header 'ordering,reachability,core_distance,predecessor',
        then line i: ordering_[i], reachability_[i], core_distances_[i], predecessor_[i] (the last three by row i,
        as scikit-learn's attributes)
    data-<name>.csv   the generated data sets (header x0,x1,..., exact decimal coordinates)
    plots.csv   hand-made plots for the extraction alone (see write_plots): id,xi,min_samples,min_cluster_size,
        correction,ordering,reachability,predecessor,core_distance,eps,hierarchy,labels,dbscan_labels (arrays
        space-separated, by row as scikit-learn's attributes; labels from cluster_optics_xi, dbscan_labels from
        cluster_optics_dbscan at eps)
    cases.csv   '#' comment lines, header, then one line per case:
        id,data,metric,min_samples,max_eps,method,xi,min_cluster_size,correction,eps,graph,clusters,noise,hierarchy,
        labels
        data = a generated data file in this folder (data-*.csv), benchmark/<file> (header, comma separated, last
        column a label to drop), elki/<file> (whitespace separated, the two leading numbers of each non-'#' line) or
        mall-std (Mall_Customers.csv's income and spending score, each standardised as (x - mean) / sd with mean and
        variance from sequential sums in row order, population variance); method = xi or dbscan; xi, min_cluster_size
        and correction are NA for dbscan, eps is NA for xi; hierarchy = cluster_hierarchy_ rows 'start-end' joined by
        ';' (xi) or NA; labels = labels_ joined by spaces.
    Doubles are Python repr (the shortest text that round-trips); infinity is written Infinity.
"""
import math
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
import sklearn.cluster._optics as optics_module
from sklearn.cluster import OPTICS

OUT = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "optics")
ORIGINAL_CORRECTION = optics_module._correct_predecessor


def paper_correction(reachability_plot, predecessor_plot, ordering, s, e):
    """Algorithm 2 of Schubert and Gertz (LWDA 2018) as scikit-learn applies it since pull request 26459."""
    while s < e:
        if reachability_plot[s] > reachability_plot[e]:
            return s, e
        p_e = predecessor_plot[e]
        for i in range(s, e):
            if p_e == ordering[i]:
                return s, e
        e -= 1
    return None, None


def fmt(v):
    v = float(v)
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(v)


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
            toks = line.replace(",", " ").split()
            try:
                rows.append([float(toks[0]), float(toks[1])])
            except (ValueError, IndexError):
                continue
    return np.array(rows)


def sequential_standardise(col):
    n = len(col)
    s = 0.0
    for v in col:
        s += float(v)
    mean = s / n
    q = 0.0
    for v in col:
        t = float(v) - mean
        q += t * t
    sd = math.sqrt(q / n)
    return np.array([(float(v) - mean) / sd for v in col])


def read_mall(root):
    raw = np.loadtxt(os.path.join(root, "Mall_Customers.csv"), delimiter=",", skiprows=1, usecols=(3, 4))
    return np.column_stack([sequential_standardise(raw[:, 0]), sequential_standardise(raw[:, 1])])


def generated():
    rng = np.random.default_rng(20261129)
    sets = {}
    # blobs on a 0.25 grid: many equal distances, and exact duplicates
    centres = np.array([[0.0, 0.0], [4.0, 1.0], [1.0, 5.0]])
    pts = []
    for c, m in zip(centres, (30, 25, 15)):
        pts.append(np.round((c + rng.normal(scale=0.7, size=(m, 2))) * 4) / 4)
    pts.append(np.round(rng.uniform(-3, 8, size=(6, 2)) * 4) / 4)
    X = np.vstack(pts)
    X = np.vstack([X, X[[0, 3, 3, 10, 40]]])
    sets["blobs-ties"] = X
    # an 8 x 8 integer lattice: every distance tied
    g = np.arange(8.0)
    sets["lattice8"] = np.array([[a, b] for a in g for b in g])
    # a 3-d lattice with a denser corner
    h = np.array([[a, b, c] for a in range(4) for b in range(4) for c in range(3)], dtype=float)
    sets["lattice3d"] = np.vstack([h, h[:10] * 0.5])
    # 5-d Gaussian blobs of different spreads, rounded to 3 decimals
    parts = [rng.normal(loc=l, scale=s, size=(m, 5)) for l, s, m in ((0, 0.3, 40), (3, 1.0, 40), (-4, 2.0, 20))]
    sets["blobs5d"] = np.round(np.vstack(parts), 3)
    # groups of identical rows and a constant column
    base = np.array([[1.0, 7.0], [1.0, 7.0], [1.0, 7.0], [1.0, 7.0], [2.0, 7.0], [2.0, 7.0], [5.0, 7.0],
                     [5.5, 7.0], [6.0, 7.0], [6.0, 7.0], [20.0, 7.0], [1.0, 7.0]])
    sets["dups-const"] = base
    sets["all-same"] = np.full((7, 3), 2.5)
    sets["two"] = np.array([[0.0, 0.0], [3.0, 4.0]])
    # a 1-d line with a gap structure (scikit-learn issue 26324's example, reordered)
    sets["line"] = np.array([[1.0], [2.0], [3.0], [8.0], [8.0], [7.0], [100.0], [1.0]])
    return sets


def write_data(name, X):
    with open(os.path.join(OUT, "data-" + name + ".csv"), "w") as f:
        f.write(",".join("x%d" % j for j in range(X.shape[1])) + "\n")
        for row in X:
            f.write(",".join(fmt(v) for v in row) + "\n")


# ---------------------------------------------------------------------------------------------- runs

def sk_metric(metric):
    return {"euclidean": "minkowski", "manhattan": "manhattan", "chebyshev": "chebyshev"}[metric]


def brute_core(X, metric, k, max_eps):
    diff = X[:, None, :] - X[None, :, :]
    if metric == "euclidean":
        s = np.zeros((len(X), len(X)))
        for j in range(X.shape[1]):
            s = s + diff[:, :, j] * diff[:, :, j]
        D = np.sqrt(s)
    elif metric == "manhattan":
        D = np.zeros((len(X), len(X)))
        for j in range(X.shape[1]):
            D = D + np.abs(diff[:, :, j])
    else:
        D = np.abs(diff).max(axis=2)
    core = np.sort(D, axis=1)[:, k - 1]
    core[core > max_eps] = np.inf
    return np.around(core, 15)


def run(X, metric, k, max_eps, method, xi=0.05, mcs=None, correction="paper", eps=None, algorithm="kd_tree"):
    if correction is None:
        correction = "paper"
    optics_module._correct_predecessor = paper_correction if correction == "paper" else ORIGINAL_CORRECTION
    try:
        o = OPTICS(min_samples=k, max_eps=max_eps, metric=sk_metric(metric), cluster_method=method,
                   xi=0.05 if xi is None else xi,
                   min_cluster_size=mcs, predecessor_correction=(correction != "none"), eps=eps,
                   algorithm=algorithm)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            o.fit(X)
    finally:
        optics_module._correct_predecessor = ORIGINAL_CORRECTION
    return o


def write_plots():
    """Hand-made reachability plots for the extraction alone: values from a small set of powers of two, zero and
    infinity, so that xi's products and ratios tie exactly (r * (1 - xi) == mib for xi = 0.5 or 0.75), ratios 0 / 0
    and inf / inf are NaN and x / 0 infinite. Extracted with scikit-learn 1.2.1's public cluster_optics_xi (each
    correction variant) and cluster_optics_dbscan."""
    rng = np.random.default_rng(7)
    values = np.array([0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 8.0, np.inf])
    out = []
    for case in range(400):
        n = int(rng.integers(3, 40))
        ordering = rng.permutation(n)
        plot = values[rng.integers(0, len(values), size=n)]
        if rng.integers(0, 2) == 0:
            plot[0] = np.inf
        reach = np.empty(n)
        reach[ordering] = plot
        pred = np.full(n, -1)
        for i in range(1, n):
            if not np.isinf(plot[i]):
                pred[ordering[i]] = ordering[int(rng.integers(0, i))]
        core = values[rng.integers(0, len(values), size=n)]
        xi = [0.5, 0.25, 0.75, 0.05][case % 4]
        ms = int(rng.integers(2, min(6, n + 1)))
        mcs = int(rng.integers(2, min(6, n + 1)))
        corr = ["paper", "sklearn12", "none"][case % 3]
        optics_module._correct_predecessor = paper_correction if corr == "paper" else ORIGINAL_CORRECTION
        try:
            with np.errstate(divide="ignore"):
                labels, clusters = optics_module.cluster_optics_xi(
                    reachability=reach, predecessor=pred, ordering=ordering, min_samples=ms, min_cluster_size=mcs,
                    xi=xi, predecessor_correction=(corr != "none"))
        finally:
            optics_module._correct_predecessor = ORIGINAL_CORRECTION
        eps = float(values[int(rng.integers(0, len(values) - 1))])
        dl = optics_module.cluster_optics_dbscan(reachability=reach, core_distances=core, ordering=ordering, eps=eps)
        j = lambda a: " ".join(str(int(v)) for v in a)
        jd = lambda a: " ".join(fmt(v) for v in a)
        out.append(",".join(["p%03d" % case, fmt(xi), str(ms), str(mcs), corr, j(ordering), jd(reach), j(pred),
                             jd(core), fmt(eps), ";".join("%d-%d" % (int(c[0]), int(c[1])) for c in clusters),
                             j(labels), j(dl)]))
    with open(os.path.join(OUT, "plots.csv"), "w") as f:
        f.write("# tools/optics_reference.py write_plots: scikit-learn %s cluster_optics_xi / cluster_optics_dbscan\n"
                % sklearn.__version__)
        f.write("id,xi,min_samples,min_cluster_size,correction,ordering,reachability,predecessor,core_distance,eps,"
                "hierarchy,labels,dbscan_labels\n")
        for line in out:
            f.write(line + "\n")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    data = {}
    for name, X in generated().items():
        write_data(name, X)
        data["data-" + name + ".csv"] = X
    data["mall-std"] = read_mall(root)
    for rel in ("elki/3clusters-and-noise-2d.csv", "elki/different-densities-2d.ascii", "elki/hierarchical-2d.ascii"):
        data[rel] = read_elki(root, rel)
    for rel in ("benchmark/compound.csv", "benchmark/jain.csv", "benchmark/hepta.csv", "benchmark/flame.csv",
                "benchmark/aggregation.csv"):
        data[rel] = read_benchmark(root, rel)

    xi_grid = [(0.05, None), (0.1, 10), (0.02, 0.1)]
    cases = []  # (data, metric, k, max_eps, method, xi, mcs, correction, eps)

    def add(src, metric, k, max_eps, xis=xi_grid, corrections=("paper", "sklearn12", "none"), eps_list=()):
        for xi, mcs in xis:
            for corr in corrections:
                cases.append((src, metric, k, max_eps, "xi", xi, mcs, corr, None))
        for e in eps_list:
            cases.append((src, metric, k, max_eps, "dbscan", None, None, None, e))

    add("data-blobs-ties.csv", "euclidean", 5, np.inf, eps_list=(0.5, 1.0, 0.75))
    add("data-blobs-ties.csv", "euclidean", 3, 1.5, eps_list=(0.5, 1.5))
    add("data-blobs-ties.csv", "manhattan", 4, np.inf, eps_list=(1.0,))
    add("data-blobs-ties.csv", "chebyshev", 6, 2.0, eps_list=(0.5, 1.0))
    add("data-lattice8.csv", "euclidean", 4, np.inf, xis=[(0.05, None), (0.3, 2)], eps_list=(1.0, 1.5))
    add("data-lattice8.csv", "chebyshev", 5, 3.0, xis=[(0.05, None)], eps_list=(1.0,))
    add("data-lattice3d.csv", "euclidean", 5, np.inf, xis=[(0.05, None), (0.2, 3)], eps_list=(0.5, 1.0))
    add("data-lattice3d.csv", "manhattan", 3, 2.0, xis=[(0.1, None)], eps_list=(1.0,))
    add("data-blobs5d.csv", "euclidean", 5, np.inf, eps_list=(0.8, 2.0))
    add("data-blobs5d.csv", "manhattan", 8, 6.0, xis=[(0.05, None)], eps_list=(2.0,))
    add("data-dups-const.csv", "euclidean", 2, np.inf, xis=[(0.05, None), (0.5, 3)], eps_list=(0.0, 1.0))
    add("data-dups-const.csv", "euclidean", 4, np.inf, xis=[(0.05, None)], eps_list=(0.5,))
    add("data-all-same.csv", "euclidean", 3, np.inf, xis=[(0.05, None)], eps_list=(0.0, 1.0))
    add("data-two.csv", "euclidean", 2, np.inf, xis=[(0.05, None)], eps_list=(5.0, 4.0))
    add("data-line.csv", "euclidean", 3, np.inf, xis=[(0.05, None)], eps_list=(2.0,))
    add("mall-std", "euclidean", 5, np.inf, xis=[(0.05, None), (0.05, 10), (0.1, 0.05)], eps_list=(0.3, 0.5))
    add("mall-std", "manhattan", 10, np.inf, xis=[(0.05, None)], eps_list=(0.5,))
    add("mall-std", "euclidean", 5, 0.4, xis=[(0.05, None)], eps_list=(0.25,))
    add("elki/3clusters-and-noise-2d.csv", "euclidean", 10, np.inf, xis=[(0.05, None), (0.1, 20)],
        eps_list=(0.05, 0.1))
    add("elki/3clusters-and-noise-2d.csv", "euclidean", 20, 0.2, xis=[(0.05, None)], eps_list=(0.1,))
    add("elki/different-densities-2d.ascii", "euclidean", 20, np.inf, xis=[(0.01, None), (0.05, 40)],
        eps_list=(3.0,))
    # ELKI 0.8's OPTICSHeapTest: OPTICSXi with minpts 20, epsilon 0.15, xi 0.05 on this file
    add("elki/hierarchical-2d.ascii", "euclidean", 20, 0.15, xis=[(0.05, None)], eps_list=(0.1,))
    add("benchmark/compound.csv", "euclidean", 5, np.inf, xis=[(0.05, None), (0.05, 20)], eps_list=(1.5,))
    add("benchmark/jain.csv", "euclidean", 10, np.inf, xis=[(0.05, None)], eps_list=(2.5,))
    add("benchmark/hepta.csv", "euclidean", 5, np.inf, xis=[(0.05, None)], eps_list=(0.5,))
    add("benchmark/hepta.csv", "chebyshev", 10, 2.0, xis=[(0.05, None)], eps_list=(0.5,))
    add("benchmark/flame.csv", "euclidean", 8, np.inf, xis=[(0.05, None), (0.1, 15)], eps_list=(1.0,))
    add("benchmark/aggregation.csv", "euclidean", 8, np.inf, xis=[(0.05, None)], eps_list=(1.5,))

    graphs = {}
    auto_differs = []
    corrections_differ = 0
    lines = []
    for idx, (src, metric, k, max_eps, method, xi, mcs, corr, eps) in enumerate(cases):
        X = data[src]
        o = run(X, metric, k, max_eps, method, xi, mcs, corr, eps)
        short = src.replace("data-", "").replace(".csv", "").replace(".ascii", "").split("/")[-1]
        gname = "graph-%s-%s-m%d-e%s.csv" % (short, metric, k, "inf" if np.isinf(max_eps) else fmt(max_eps))
        if gname not in graphs:
            n = len(X)
            assert sorted(o.ordering_.tolist()) == list(range(n))
            assert np.isinf(o.reachability_[o.ordering_[0]])
            bc = brute_core(X, metric, k, max_eps)
            assert np.array_equal(bc, o.core_distances_), (gname, np.sum(bc != o.core_distances_))
            a = run(X, metric, k, max_eps, method, xi, mcs, corr, eps, algorithm="auto")
            if not (np.array_equal(a.core_distances_, o.core_distances_)
                    and np.array_equal(a.reachability_, o.reachability_)
                    and np.array_equal(a.ordering_, o.ordering_)):
                auto_differs.append(gname)
            with open(os.path.join(OUT, gname), "w") as f:
                f.write("ordering,reachability,core_distance,predecessor\n")
                for i in range(n):
                    f.write("%d,%s,%s,%d\n" % (o.ordering_[i], fmt(o.reachability_[i]), fmt(o.core_distances_[i]),
                                               o.predecessor_[i]))
            graphs[gname] = (o.ordering_, o.reachability_, o.core_distances_, o.predecessor_)
        else:
            g = graphs[gname]
            assert np.array_equal(g[0], o.ordering_) and np.array_equal(g[1], o.reachability_)
        labels = o.labels_
        ncl = int(labels.max()) + 1 if len(labels) else 0
        noise = int(np.sum(labels == -1))
        if method == "xi":
            hier = ";".join("%d-%d" % (int(c[0]), int(c[1])) for c in o.cluster_hierarchy_)
            if corr == "paper":
                other = run(X, metric, k, max_eps, method, xi, mcs, "sklearn12", eps)
                if not np.array_equal(other.labels_, labels):
                    corrections_differ += 1
        else:
            hier = "NA"
        cid = "c%03d" % idx
        lines.append(",".join([
            cid, src, metric, str(k), fmt(max_eps), method, "NA" if xi is None else fmt(xi),
            "NA" if mcs is None else (fmt(mcs) if isinstance(mcs, float) else str(mcs)),
            "NA" if corr is None else corr, "NA" if eps is None else fmt(eps), gname, str(ncl), str(noise), hier,
            " ".join(str(int(v)) for v in labels)]))
    with open(os.path.join(OUT, "cases.csv"), "w") as f:
        f.write("# tools/optics_reference.py: scikit-learn %s, numpy %s, SciPy %s; %d cases\n"
                % (sklearn.__version__, np.__version__, scipy.__version__, len(lines)))
        f.write("id,data,metric,min_samples,max_eps,method,xi,min_cluster_size,correction,eps,graph,clusters,noise,"
                "hierarchy,labels\n")
        for line in lines:
            f.write(line + "\n")
    write_plots()
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print("cases:", len(lines), "graphs:", len(graphs), "bytes:", total)
    print("graphs where algorithm='auto' gives other doubles or another ordering:", auto_differs)
    print("xi cases (paper correction) whose labels differ under scikit-learn 1.2's correction:", corrections_differ)


if __name__ == "__main__":
    main()
