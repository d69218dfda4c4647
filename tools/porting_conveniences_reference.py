#!/usr/bin/env python3
"""Prints the scikit-learn values of the tests of the porting conveniences (KMeansModel.score,
GaussianMixtureModel.score and sample, Pca.signs(Signs.SCORES), Dendrogram.cutBelowHeight), and writes the one
fixture they need.

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, SciPy 1.10.1, numpy 1.24.2),
from the repository root, with the shared data beside the checkout:

    /usr/bin/python3 tools/porting_conveniences_reference.py [shared-data-folder]

(the folder defaults to ../shared/data). Every section is labelled [A] .. [G]; each test names the label it quotes.

* [A] kmeans.KMeansScoreTest: KMeans(n_clusters=k, init=C0, n_init=1, max_iter=1).fit(X), then score(Y) and
  score(Y, sample_weight=w) of the fitted centroids (printed with repr, which round-trips, so the test rebuilds
  the same model from them), on six rows by hand and on Mall_Customers.csv's income and spending score (k = 5,
  C0 its first five rows; Y the 200 rows, w = 0.5 + (i mod 3)). numpy's value from the same centroids is printed
  beside scikit-learn's.
* [B] gmm.GaussianMixtureScoreTest: GaussianMixture.score(X) of parameters given by hand, for each covariance type
  (the parameters are set on an estimator as fit would leave them: weights_, means_, covariances_ and
  precisions_cholesky_ from sklearn's own _compute_precision_cholesky), and of GaussianMixture(n_components=3,
  covariance_type=t, random_state=0) fitted on Mall income and score (FULL and DIAGONAL; its parameters printed).
* [C] gmm.GaussianMixtureSampleTest: what sample(n) returns (X grouped by component, y its labels) and that
  sample(0) is refused; no values (numpy's stream cannot be reproduced).
* [D] pca.PcaSignsTest: PCA(svd_solver='full') on five rows by hand whose 1.2.1 signs (largest absolute score
  positive) differ from scikit-learn 1.5's (largest absolute loading positive) on one component; its components_.
* [E] pca.PcaSignsTest: exact ties in the largest absolute score: LAPACK's U decides them in 1.2.1 (printed: U,
  components_), and how often the first (or last) tied row wins on 200 random small integer sets.
* [F] pca.PcaSignsTest: cc_general.csv (CUST_ID dropped, SimpleImputer(strategy='median'), StandardScaler()):
  PCA(svd_solver='full') 1.2.1 components_ signs relative to the loading rule (+1 kept, -1 flipped), all 17.
* [G] hierarchical.CutBelowHeightTest: AgglomerativeClustering(n_clusters=None, distance_threshold=t) on the rows
  0, 1, 3, 6 (single, t = 2 and t = 1) and on Mall income and score at t = 5 for every linkage; writes
  clustering-core/src/test/resources/fixtures/hierarchical/threshold_mall.txt, labels_ renumbered in order of
  first appearance (the numbering of cutBelowHeight), one line per linkage.
"""
import csv
import os
import sys

import numpy as np
import scipy
import sklearn
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert scipy.__version__ == "1.10.1", scipy.__version__

FIXTURES = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "hierarchical")


def mall(data):
    with open(os.path.join(data, "Mall_Customers.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    return np.array([[float(r[3]), float(r[4])] for r in rows])


def floats(a):
    return [repr(float(v)) for v in np.ravel(a)]


def kmeans_score(data):
    x = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [5.0, 5.0], [6.0, 5.0], [5.0, 6.0]])
    c0 = np.array([[0.0, 0.0], [5.0, 5.0]])
    km = KMeans(n_clusters=2, init=c0, n_init=1, max_iter=1).fit(x)
    y = np.array([[0.0, 0.0], [2.0, 2.0], [10.0, 10.0], [5.0, 5.0]])
    w = np.array([1.0, 2.0, 0.5, 3.0])
    c = km.cluster_centers_
    nearest = ((y[:, None, :] - c[None, :, :]) ** 2).sum(axis=2).min(axis=1)
    print("[A] six rows, init [[0, 0], [5, 5]], max_iter=1: cluster_centers_", floats(c))
    print("    score(Y)", repr(km.score(y)), "numpy", repr(-nearest.sum()))
    print("    score(Y, sample_weight=[1, 2, 0.5, 3])", repr(km.score(y, sample_weight=w)), "numpy",
          repr(-(w * nearest).sum()))
    print("    score(X) (training rows)", repr(km.score(x)), "inertia_", repr(km.inertia_))
    m = mall(data)
    km = KMeans(n_clusters=5, init=m[:5], n_init=1, max_iter=1).fit(m)
    w = 0.5 + (np.arange(len(m)) % 3)
    c = km.cluster_centers_
    nearest = ((m[:, None, :] - c[None, :, :]) ** 2).sum(axis=2).min(axis=1)
    print("[A] Mall income and score, init its first 5 rows, max_iter=1: cluster_centers_", floats(c))
    print("    score(X)", repr(km.score(m)), "numpy", repr(-nearest.sum()))
    print("    score(X, sample_weight=0.5 + i % 3)", repr(km.score(m, sample_weight=w)), "numpy",
          repr(-(w * nearest).sum()))


def mixture(kind, weights, means, cov):
    g = GaussianMixture(n_components=len(weights), covariance_type=kind)
    g.weights_ = np.asarray(weights, dtype=float)
    g.means_ = np.asarray(means, dtype=float)
    g.covariances_ = np.asarray(cov, dtype=float)
    g.precisions_cholesky_ = _compute_precision_cholesky(g.covariances_, kind)
    return g


def gmm_score(data):
    x = np.array([[0.0, 0.0], [1.0, 2.0], [-1.0, 0.5], [3.0, 3.0], [4.0, 2.5], [2.0, -1.0]])
    weights = [0.3, 0.7]
    means = [[0.0, 0.5], [3.0, 2.0]]
    cases = {
        "full": [[[1.0, 0.3], [0.3, 2.0]], [[0.5, -0.2], [-0.2, 1.5]]],
        "tied": [[1.2, 0.4], [0.4, 0.9]],
        "diag": [[1.0, 2.0], [0.5, 1.5]],
        "spherical": [0.8, 1.7],
    }
    for kind, cov in cases.items():
        g = mixture(kind, weights, means, cov)
        print("[B] six rows, weights", weights, "means", means, kind, "covariances", cov, ": score(X)",
              repr(g.score(x)), "mean of score_samples", repr(float(np.mean(g.score_samples(x)))))
    m = mall(data)
    for kind in ("full", "diag"):
        g = GaussianMixture(n_components=3, covariance_type=kind, random_state=0).fit(m)
        print("[B] Mall income and score, GaussianMixture(3, %s, random_state=0): weights_" % kind,
              floats(g.weights_), "means_", floats(g.means_), "covariances_", floats(g.covariances_))
        print("    score(X)", repr(g.score(m)))


def gmm_sample():
    g = mixture("diag", [0.5, 0.5], [[0.0, 0.0], [10.0, 10.0]], [[1.0, 1.0], [1.0, 1.0]])
    g.random_state = 0
    xs, ys = g.sample(6)
    print("[C] sample(6) of two components: y", ys.tolist(), "(grouped by component), X shape", xs.shape)
    try:
        g.sample(0)
        print("[C] sample(0) accepted")
    except ValueError as e:
        print("[C] sample(0) refused:", e)


def pca_small():
    x = np.array([[1.0, 6.0, 7.0], [0.0, 1.0, 4.0], [3.0, 8.0, 5.0], [4.0, 4.0, 6.0], [5.0, 1.0, 7.0]])
    p = PCA(svd_solver="full").fit(x)
    c = p.components_
    loading = np.sign(c[np.arange(3), np.argmax(np.abs(c), axis=1)])
    print("[D] five rows", x.tolist(), ": 1.2.1 components_", [floats(r) for r in c])
    print("    signs relative to the loading rule (scikit-learn >= 1.5)", loading.astype(int).tolist(),
          "transform", [floats(r) for r in p.transform(x)])


def pca_ties():
    for x in ([[0.0], [2.0]], [[2.0, 1.0], [-2.0, 1.0], [0.0, -2.0]]):
        x = np.array(x)
        p = PCA(svd_solver="full").fit(x)
        u = np.linalg.svd(x - x.mean(axis=0), full_matrices=False)[0]
        print("[E] rows", x.tolist(), ": |U|", [floats(r) for r in np.abs(u)], "components_", p.components_.tolist(),
              "transform", p.transform(x).tolist())
    rng = np.random.default_rng(1)
    tied = first = last = 0
    for _ in range(200):
        n = rng.integers(2, 8)
        d = rng.integers(1, 4)
        x = rng.integers(-2, 3, size=(n, d)).astype(float)
        s = np.linalg.svd(x - x.mean(axis=0), compute_uv=False)
        with np.errstate(invalid="ignore", divide="ignore"):
            p = PCA(svd_solver="full").fit(x)
        for j in range(min(n, d)):
            if s[j] <= 1e-8 * s[0]:
                continue
            sc = (x - x.mean(axis=0)) @ p.components_[j]
            a = np.abs(sc)
            rows = np.where(a >= a.max() * (1 - 1e-12))[0]
            if len(rows) > 1:
                tied += 1
                first += sc[rows[0]] > 0
                last += sc[rows[-1]] > 0
    print("[E] 200 random integer sets (n 2-7, d 1-3, values -2..2): components with tied largest |score|", tied,
          "; first tied row positive in", int(first), ", last in", int(last))


def pca_cc_general(data):
    path = os.path.join(data, "cc_general.csv")
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    keep = [j for j, h in enumerate(header) if h != "CUST_ID"]
    x = np.array([[float(r[j]) if r[j] != "" else np.nan for j in keep] for r in rows[1:] if r])
    x = StandardScaler().fit_transform(SimpleImputer(strategy="median").fit_transform(x))
    p = PCA(svd_solver="full").fit(x)
    c = p.components_
    loading = np.sign(c[np.arange(c.shape[0]), np.argmax(np.abs(c), axis=1)])
    print("[F] cc_general.csv standardised: 1.2.1 signs relative to the loading rule, per component",
          loading.astype(int).tolist())
    t = p.transform(x)
    top = np.argmax(np.abs(t), axis=0)
    print("    row of the largest |score| per component", top.tolist(), "its score (positive in 1.2.1)",
          floats(t[top, np.arange(t.shape[1])]))


def threshold(data):
    x = np.array([[0.0], [1.0], [3.0], [6.0]])
    for t in (2.0, 1.0, 1.0000000000000002, 0.0):
        sk = AgglomerativeClustering(n_clusters=None, distance_threshold=t, linkage="single").fit(x)
        print("[G] rows 0, 1, 3, 6 single, distance_threshold=%r: n_clusters_" % t, sk.n_clusters_, "labels_",
              sk.labels_.tolist())
    m = mall(data)
    os.makedirs(FIXTURES, exist_ok=True)
    out = os.path.join(FIXTURES, "threshold_mall.txt")
    with open(out, "w") as f:
        f.write("# Mall_Customers.csv income and spending score: AgglomerativeClustering(n_clusters=None,\n")
        f.write("# distance_threshold=5, linkage=L).labels_, renumbered in order of first appearance\n")
        f.write("# scikit-learn %s; written by tools/porting_conveniences_reference.py\n" % sklearn.__version__)
        for method in ("single", "average", "complete", "ward"):
            sk = AgglomerativeClustering(n_clusters=None, distance_threshold=5.0, linkage=method).fit(m)
            seen = {}
            labels = [seen.setdefault(v, len(seen)) for v in sk.labels_.tolist()]
            f.write("%s %d %s\n" % (method, sk.n_clusters_, ",".join(str(v) for v in labels)))
            print("[G] Mall income and score, %s, distance_threshold=5: n_clusters_" % method, sk.n_clusters_)
    print("[G] wrote", out)


if __name__ == "__main__":
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    kmeans_score(shared)
    gmm_score(shared)
    gmm_sample()
    pca_small()
    pca_ties()
    pca_cc_general(shared)
    threshold(shared)
