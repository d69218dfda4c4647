#!/usr/bin/env python3
"""Reference gap statistics for clustering-eval's GapStatisticReferenceTest, computed independently of the Java.

Run from the repository root with Debian's python3 (numpy 1.24, scikit-learn 1.2.1):

    python3 tools/gap_reference.py [path/to/shared/data]

The gap statistic (Tibshirani, Walther and Hastie 2001, doi:10.1111/1467-9868.00293) is re-implemented here from the
paper and R's cluster::clusGap: for every k, log W_k of the data (W_k the pooled within-cluster sum of squares, the
paper's with d.power = 2; with d.power = 1 the sum over each cluster's pairs of plain distances, scipy's pdist,
divided by its size; k = 1 one cluster), the mean and the sample standard deviation (ddof = 1) of log W*_kb over B
uniform reference sets, Gap(k) = mean - log W_k, s_k = sd_k * sqrt(1 + 1/B), and the choice of each of R's maxSE rules
(re-implemented below from cluster 2.1's maxSE) with SE.factor 1. The clusterer on both sides is Ward:
scikit-learn's AgglomerativeClustering(n_clusters=k, linkage="ward") here, Clusterer.ward() in Java, which give the
same partitions where no merges tie (continuous data).

The reference sets are drawn with clusterkit's generator, ported below (SplitMix64, io.github.clusterkit.internal.Rng;
the same port as tools/kmedoids_reference.py), in the documented order: set b uses Rng.split(seed, b); rows in order,
each row's coordinates in order, each lo + (hi - lo) * nextDouble(). Bounding box: lo, hi the column minima and
maxima. Principal components: the data centred on their column means, V from numpy's SVD with each component's
largest absolute loading made positive (clusterkit's Pca.Signs.COMPONENTS), lo, hi the minima and maxima of the scores
(x - mean) . v_c; a drawn row is sum_c z_c v_c + mean. (V, the means and the ranges agree with the Java's to rounding,
about 1e-15 relative, so the tests compare with a tolerance of 1e-12.)

Datasets (written with repr, which Java's Double.parseDouble reads back to the same doubles):
  gap_blobs.csv   60 rows, 2 columns: three Gaussian blobs (sd 0.5) around (0, 0), (6, 0), (3, 5); numpy
                  default_rng(20261129)
  gap_aniso.csv   50 rows, 3 columns: two elongated, correlated blobs; default_rng(7)
  Mall_Customers.csv (shared data; read by the test itself): Annual Income and Spending Score

Output: clustering-eval/src/test/resources/fixtures/eval/gap_reference.txt, one block per case (blank-line separated):
  case <name> <BOUNDING_BOX|PRINCIPAL_COMPONENTS> seed <s> B <b> kmin <k0> kmax <k1> power <1|2>
  logW / elogW / sd / se / gap   one value per k
  chosen <FIRST_SE_MAX> <TIBS2001_SE_MAX> <GLOBAL_SE_MAX> <FIRST_MAX> <GLOBAL_MAX>   (k, SE.factor 1)
  first <values>                 the first reference set's first row (to check the draw directly)
"""
import csv
import os
import sys

import numpy as np
from scipy.spatial.distance import pdist
from sklearn.cluster import AgglomerativeClustering

OUT = os.path.join("clustering-eval", "src", "test", "resources", "fixtures", "eval")
# clusterkit's generator (internal.Rng), shared by the scripts that draw what the library draws
from clusterkit_rng import Rng  # noqa: E402


def box(x, reference):
    """(lo, hi, V, mean): V None for the bounding box."""
    if reference == "BOUNDING_BOX":
        return x.min(axis=0), x.max(axis=0), None, None
    n, d = x.shape
    r = min(n, d)
    mean = x.mean(axis=0)
    xc = x - mean
    _, _, vt = np.linalg.svd(xc, full_matrices=False)
    v = vt[:r].copy()
    for c in range(r):
        j = int(np.argmax(np.abs(v[c])))
        if v[c, j] < 0:
            v[c] = -v[c]
    scores = xc @ v.T
    return scores.min(axis=0), scores.max(axis=0), v, mean


def draw(x, ref, seed, b):
    lo, hi, v, mean = ref
    n = x.shape[0]
    r = len(lo)
    rng = Rng.split(seed, b)
    z = np.empty((n, r))
    for i in range(n):
        for c in range(r):
            z[i, c] = lo[c] + (hi[c] - lo[c]) * rng.next_double()
    if v is None:
        return z
    s = np.zeros((n, x.shape[1]))
    for c in range(r):
        s = s + z[:, c:c + 1] * v[c]
    return s + mean


def w_k(x, labels, power):
    """The paper's W_k = sum_r D_r / (2 n_r), D_r summed over ordered pairs: with power 2 the within-cluster sum of
    squares, with power 1 the sum over unordered pairs of plain distances divided by n_r (R's W.k times 2)."""
    total = 0.0
    for c in np.unique(labels):
        xs = x[labels == c]
        if power == 2:
            total += float(((xs - xs.mean(axis=0)) ** 2).sum())
        elif len(xs) > 1:
            total += float(pdist(xs).sum()) / len(xs)
    return total


def log_w(x, k, power):
    labels = np.zeros(len(x), dtype=int) if k == 1 else AgglomerativeClustering(
        n_clusters=k, linkage="ward").fit(x).labels_
    return np.log(w_k(x, labels, power))


def max_se(f, se, method, factor=1.0):
    """R cluster 2.1's maxSE, 1-based as R."""
    k = len(f)
    fse = factor * np.asarray(se)

    def first_max():
        for t in range(k - 1):
            if f[t + 1] - f[t] <= 0:
                return t + 1
        return k

    if method == "FIRST_MAX":
        return first_max()
    if method == "GLOBAL_MAX":
        return int(np.argmax(f)) + 1
    if method == "TIBS2001_SE_MAX":
        for t in range(k - 1):
            if f[t] >= f[t + 1] - fse[t + 1]:
                return t + 1
        return k
    nc = first_max() if method == "FIRST_SE_MAX" else int(np.argmax(f)) + 1
    for t in range(nc - 1):
        if f[t] >= f[nc - 1] - fse[nc - 1]:
            return t + 1
    return nc


RULES = ["FIRST_SE_MAX", "TIBS2001_SE_MAX", "GLOBAL_SE_MAX", "FIRST_MAX", "GLOBAL_MAX"]


def case(name, x, reference, seed, b, kmin, kmax, power=2):
    ks = list(range(kmin, kmax + 1))
    ref = box(x, reference)
    logw = np.array([log_w(x, k, power) for k in ks])
    sets = [draw(x, ref, seed, s) for s in range(b)]
    logws = np.array([[log_w(z, k, power) for k in ks] for z in sets])
    elogw = logws.mean(axis=0)
    sd = logws.std(axis=0, ddof=1)
    se = np.sqrt((1 + 1.0 / b) * logws.var(axis=0, ddof=1))
    gap = elogw - logw
    chosen = [max_se(gap, se, r) + kmin - 1 for r in RULES]
    lines = ["case %s %s seed %d B %d kmin %d kmax %d power %d" % (name, reference, seed, b, kmin, kmax, power)]
    for key, arr in (("logW", logw), ("elogW", elogw), ("sd", sd), ("se", se), ("gap", gap)):
        lines.append(key + " " + " ".join(repr(float(v)) for v in arr))
    lines.append("chosen " + " ".join(str(c) for c in chosen))
    lines.append("first " + " ".join(repr(float(v)) for v in sets[0][0]))
    print(name, reference, "power", power, "chosen", dict(zip(RULES, chosen)), file=sys.stderr)
    return "\n".join(lines)


def write_csv(name, x):
    with open(os.path.join(OUT, name), "w") as f:
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    g = np.random.default_rng(20261129)
    centres = np.array([[0.0, 0.0], [6.0, 0.0], [3.0, 5.0]])
    blobs = np.vstack([c + 0.5 * g.standard_normal((20, 2)) for c in centres])
    g = np.random.default_rng(7)
    a = g.standard_normal((25, 3)) * [3.0, 0.4, 0.2]
    rot = np.array([[0.8, 0.6, 0.0], [-0.6, 0.8, 0.0], [0.0, 0.0, 1.0]])
    aniso = np.vstack([a[:25] @ rot, (g.standard_normal((25, 3)) * [3.0, 0.4, 0.2]) @ rot + [0.0, 3.0, 0.0]])
    write_csv("gap_blobs.csv", blobs)
    write_csv("gap_aniso.csv", aniso)
    with open(os.path.join(shared, "Mall_Customers.csv")) as f:
        rows = list(csv.DictReader(f))
    mall = np.array([[float(r["Annual Income (k$)"]), float(r["Spending Score (1-100)"])] for r in rows])
    blocks = [
        case("blobs", blobs, "BOUNDING_BOX", 7, 10, 1, 6),
        case("blobs", blobs, "PRINCIPAL_COMPONENTS", 7, 10, 1, 6),
        case("aniso", aniso, "BOUNDING_BOX", 3, 8, 1, 5),
        case("aniso", aniso, "PRINCIPAL_COMPONENTS", 3, 8, 2, 5),
        case("mall", mall, "BOUNDING_BOX", 42, 20, 1, 10),
        case("blobs", blobs, "BOUNDING_BOX", 5, 6, 1, 5, power=1),
        case("aniso", aniso, "PRINCIPAL_COMPONENTS", 5, 6, 1, 4, power=1),
    ]
    with open(os.path.join(OUT, "gap_reference.txt"), "w") as f:
        f.write("# generated by tools/gap_reference.py (numpy %s, scikit-learn 1.2.1)\n" % np.__version__)
        f.write("\n\n".join(blocks) + "\n")


if __name__ == "__main__":
    main()
