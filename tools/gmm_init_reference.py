#!/usr/bin/env python3
"""Reference values for GaussianMixture.initialMeans and GmmInit.RANDOM_FROM_DATA (package io.github.clusterkit.gmm).

Run with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, numpy 1.24), from the repository
root:

    /usr/bin/python3 tools/gmm_init_reference.py

It writes clustering-core/src/test/resources/fixtures/gmm/init.txt (read by GaussianMixtureInitialMeansTest and
GaussianMixtureRandomFromDataTest; "key = values" lines, Python repr, '#' comments) and prints the same values
with what each shows. Nothing here reads the shared data.

* blobs: 120 rows, 3 columns, three well-separated anisotropic blobs (30, 40 and 50 rows, centres 12 apart, spreads
  about 1), generated here and written into the fixture. Their k-means partition is the blobs, found from any
  start, so scikit-learn's "kmeans" responsibilities and clusterkit's are the same one-hot matrix once the clusters
  carry the same numbers. The numbering used is "first appearance" (the cluster of row 0 is 0, the next new cluster
  1, ...); the script takes the first random_state whose KMeans(n_clusters=3, n_init=1, random_state=RandomState(s))
  labels (the call GaussianMixture(init_params='kmeans', random_state=s) makes first) are so numbered, and the
  Java test takes the first seed of clusterkit's with that property and checks that both label vectors are equal.
* means_init alone: GaussianMixture(3, covariance_type=t, means_init=M, random_state=s) with max_iter=0 (the
  initial parameters) and the defaults (tol=1e-3, max_iter=100), for two means: "near" (each near its own blob)
  and "swapped" (the means of components 0 and 1 near each other's blob, so the pairing of k-means weights and
  covariances with the given means matters).
* random_from_data, single-row estimates: _estimate_gaussian_parameters(X, resp, 1e-6, t) with resp one-hot at one
  row (rows 0, 7 and 50 of the blobs and a row with values near 3e4), for 'full', 'diag' and 'spherical' (the
  covariances of one component depend on its own column of resp only), and 'tied' for resp one-hot at rows
  0, 7, 50 in components 0, 1, 2 (scikit-learn's formula X^T X - sum N_c mean_c mean_c^T assumes every row's
  responsibilities sum to 1, which one-hot at k rows breaks).
* random_from_data, clusterkit's draws: clusterkit's rule written again here (SplitMix64 as Rng, Rng.split(seed, r)
  for restart r, Lemire's nextInt, the first k steps of a Fisher-Yates shuffle), which the Java test checks
  against the library; scikit-learn's GaussianMixture(init_params='random_from_data') is then fitted from exactly
  those rows by giving it a RandomState whose choice() returns them; seed 0 with one restart for each covariance
  type, and the 5 restarts of the first seed whose best restart (FULL) is not restart 0 (so that the fit differs
  from one restart's) and beats the others by more than 1e-6 (so that
  rounding cannot change the winner), the restart with the largest final mean log-likelihood (clusterkit's rule;
  score(X) of each) being the expected model.
* random_from_data with equal rows: 20 rows of which rows 0-9 are the same point; the first seed of clusterkit's
  whose two rows are both copies, and the first random_state of scikit-learn's whose choice(20, 2) is too: both
  fits (every covariance type) are two equal components, each of weight 1/2, at the one-component fit.
"""
import os
import warnings
from fractions import Fraction

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _estimate_gaussian_parameters

warnings.simplefilter("ignore", ConvergenceWarning)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "clustering-core", "src", "test", "resources", "fixtures", "gmm", "init.txt")
TYPES = {"FULL": "full", "TIED": "tied", "DIAGONAL": "diag", "SPHERICAL": "spherical"}
REG = 1e-6
lines = []


def fmt(a):
    return " ".join(repr(float(v)) for v in np.asarray(a, dtype=float).ravel())


def put(key, values, note=None):
    if note:
        lines.append("# " + note)
    lines.append(f"{key} = {fmt(values)}")
    print(f"{key} = {fmt(values)}" + (f"    # {note}" if note else ""))


def full_cov(g, d):
    """covariances_ as k full d x d matrices."""
    k = g.n_components
    c = g.covariances_
    if g.covariance_type == "full":
        return c
    if g.covariance_type == "tied":
        return np.array([c] * k)
    if g.covariance_type == "diag":
        return np.array([np.diag(r) for r in c])
    return np.array([np.eye(d) * v for v in c])


def put_fit(key, g, x):
    d = x.shape[1]
    put(key + ".weights", g.weights_)
    put(key + ".means", g.means_)
    put(key + ".covariances", full_cov(g, d))
    put(key + ".n_iter", [g.n_iter_])
    put(key + ".converged", [1.0 if g.converged_ else 0.0])
    if g.n_iter_ > 0:  # -inf after max_iter=0
        put(key + ".lower_bound", [g.lower_bound_])
    put(key + ".score", [g.score(x)])


# ------------------------------------------------ clusterkit's generator (io.github.clusterkit.internal.Rng)

# clusterkit's generator (internal.Rng), shared by the scripts that draw what the library draws
from clusterkit_rng import Rng  # noqa: E402


def clusterkit_rows(seed, restart, n, k):
    """GaussianMixture's RANDOM_FROM_DATA rows of restart r: distinctRows(new Rng(split(seed, r).nextLong()), n, k)."""
    rng = Rng(Rng.split(seed, restart).next_long())
    moved = {}
    rows = []
    for c in range(k):
        j = c + rng.next_int(n - c)
        rows.append(moved.get(j, j))
        moved[j] = moved.get(c, c)
    return rows


class FixedChoice(np.random.RandomState):
    """A RandomState whose choice() returns given indices: scikit-learn's random_from_data from clusterkit's rows."""

    def __init__(self, rows):
        super().__init__(0)
        self.rows = list(rows)

    def choice(self, a, size=None, replace=True, p=None):
        assert not replace and size == len(self.rows[0])
        return np.array(self.rows.pop(0))


def first_appearance(labels):
    seen = {}
    for v in labels:
        if v not in seen:
            seen[v] = len(seen)
    return all(seen[v] == v for v in seen)


def main():
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    lines.append(f"# Written by tools/gmm_init_reference.py (scikit-learn {sklearn.__version__},"
                 f" numpy {np.__version__}).")

    # ------------------------------------------------------------ the blobs
    gen = np.random.RandomState(20261130)
    centres = np.array([[0.0, 0.0, 0.0], [12.0, 0.0, 4.0], [3.0, 11.0, -6.0]])
    parts, truth = [], []
    for c, size in enumerate([30, 40, 50]):
        a = gen.normal(size=(3, 3)) * 0.4 + np.eye(3) * (0.6 + 0.3 * c)
        parts.append(centres[c] + gen.normal(size=(size, 3)) @ a)
        truth += [c] * size
    x = np.vstack(parts)
    perm = gen.permutation(len(x))
    x = x[perm]
    truth = np.array(truth)[perm]
    n, d, k = x.shape[0], x.shape[1], 3
    put("blobs.shape", [n, d, k], "the blobs: n, d, k; rows follow, row-major")
    put("blobs.data", x)

    # ------------------------------------------------------------ means_init alone
    state = next(s for s in range(1000)
                 if first_appearance(KMeans(n_clusters=k, n_init=1, random_state=np.random.RandomState(s))
                                     .fit(x).labels_))
    labels = KMeans(n_clusters=k, n_init=1, random_state=np.random.RandomState(state)).fit(x).labels_
    # the partition is the blobs' (any numbering)
    assert len({(a, b) for a, b in zip(labels, truth)}) == k
    put("blobs.kmeans.random_state", [state],
        "first random_state whose k-means labels are numbered by first appearance")
    put("blobs.kmeans.labels", labels, "KMeans(n_clusters=3, n_init=1, random_state=RandomState(state)).labels_")
    # the centre of each first-appearance cluster
    centre = np.array([x[labels == c].mean(axis=0) for c in range(k)])
    means = {"near": centre + np.array([[1.5, -1.0, 0.5], [-1.0, 2.0, 1.0], [0.5, 0.5, -2.0]]),
             "swapped": centre[[1, 0, 2]] + np.array([[2.0, 1.0, 0.0], [0.0, -1.5, 1.0], [1.0, 0.0, 0.0]])}
    for name, m in means.items():
        put(f"means.{name}", m, f"means_init '{name}'")
        for jt, t in TYPES.items():
            g0 = GaussianMixture(k, covariance_type=t, means_init=m, random_state=state, max_iter=0).fit(x)
            put_fit(f"means.{name}.{jt}.init", g0, x)
            g = GaussianMixture(k, covariance_type=t, means_init=m, random_state=state).fit(x)
            put_fit(f"means.{name}.{jt}.fit", g, x)
            # the same weights and covariances without means_init: only the means were replaced
            plain = GaussianMixture(k, covariance_type=t, random_state=state, max_iter=0).fit(x)
            assert np.array_equal(plain.weights_, g0.weights_) and np.array_equal(plain.covariances_, g0.covariances_)
            assert np.array_equal(g0.means_, m)
    print("means_init alone: max_iter=0 gives the kmeans weights and covariances of the same random_state,"
          " and the given means (checked)")

    # ------------------------------------------------------------ random_from_data: single-row estimates
    big = np.array([[31234.5, -28765.25, 30001.125]])
    xb = np.vstack([x, big])
    nb = xb.shape[0]
    for i in [0, 7, 50, nb - 1]:
        resp = np.zeros((nb, 1))
        resp[i, 0] = 1
        for jt, t in TYPES.items():
            if t == "tied":
                continue
            nk, mu, cov = _estimate_gaussian_parameters(xb, resp, REG, t)
            put(f"row.{i}.{jt}.nk", nk)
            put(f"row.{i}.{jt}.mean", mu)
            put(f"row.{i}.{jt}.cov", cov, f"_estimate_gaussian_parameters(X + big row, one-hot at row {i}, 1e-6, '{t}')"
                if jt == "FULL" else None)
        # the deviation formula in exact arithmetic from the doubles mean and x (what FULL's diagonal computes)
        mean = mu[0]
        exact = [float((Fraction(float(xb[i, j])) - Fraction(float(mean[j]))) ** 2 / Fraction(float(nk[0]))
                       + Fraction(REG)) for j in range(d)]
        put(f"row.{i}.exact.diag", exact, "(x - mean)^2 / N + reg, exact then rounded once")
    put("rows.big", big, "the row appended to the blobs for the single-row estimates (its values near 3e4)")
    resp = np.zeros((n, k))
    resp[[0, 7, 50], [0, 1, 2]] = 1
    _, _, tied = _estimate_gaussian_parameters(x, resp, REG, "tied")
    put("rows.0_7_50.TIED.cov", tied, "scikit-learn's tied covariance from one-hot rows 0, 7, 50 of the blobs")

    # ------------------------------------------------------------ random_from_data: clusterkit's draws
    rows0 = clusterkit_rows(0, 0, n, k)
    put("rfd.seed0.rows", rows0, "clusterkit's rows for seed 0, restart 0 (Python reimplementation)")
    for jt, t in TYPES.items():
        g = GaussianMixture(k, covariance_type=t, init_params="random_from_data",
                            random_state=FixedChoice([rows0])).fit(x)
        put_fit(f"rfd.seed0.{jt}", g, x)
        g0 = GaussianMixture(k, covariance_type=t, init_params="random_from_data", max_iter=0,
                             random_state=FixedChoice([rows0])).fit(x)
        put_fit(f"rfd.seed0.{jt}.init", g0, x)
    for seed in range(1000):
        restarts = [clusterkit_rows(seed, r, n, k) for r in range(5)]
        fits = [GaussianMixture(k, covariance_type="full", init_params="random_from_data",
                                random_state=FixedChoice([rows])).fit(x) for rows in restarts]
        scores = [g.score(x) for g in fits]
        top = sorted(scores)
        if top[-1] - top[-2] > 1e-6 and np.argmax(scores) != 0 and len({tuple(r) for r in restarts}) == 5:
            break
    best = int(np.argmax(scores))
    put("rfd.restarts.seed", [seed],
        "first seed whose best of 5 restarts (FULL) is not restart 0 and beats the others by 1e-6")
    put("rfd.restarts.rows", restarts, "clusterkit's rows for that seed, restarts 0-4")
    put("rfd.restarts.scores", scores, "score(X) of each restart's fit (FULL)")
    put("rfd.restarts.best", [best])
    put_fit("rfd.restarts.FULL", fits[best], x)
    both = GaussianMixture(k, covariance_type="full", init_params="random_from_data", n_init=5,
                           random_state=FixedChoice(list(restarts))).fit(x)
    print(f"scikit-learn's own n_init=5 from the same rows (by lower_bound_) picks score {both.score(x)!r}")

    # ------------------------------------------------------------ random_from_data with equal rows
    dup_gen = np.random.RandomState(7)
    dup = np.vstack([np.tile([[2.5, -1.0]], (10, 1)), dup_gen.normal(size=(10, 2)) * 2])
    put("dup.data", dup, "20 rows, rows 0-9 equal")
    seed = next(s for s in range(1000) if all(r < 10 for r in clusterkit_rows(s, 0, 20, 2)))
    put("dup.seed", [seed], "first clusterkit seed whose two rows are both copies")
    put("dup.seed.rows", clusterkit_rows(seed, 0, 20, 2))
    state = next(s for s in range(1000) if all(r < 10 for r in np.random.RandomState(s).choice(20, 2, replace=False)))
    put("dup.random_state", [state], "first random_state whose choice(20, 2, replace=False) is two copies")
    put("dup.random_state.rows", np.random.RandomState(state).choice(20, 2, replace=False))
    for jt, t in TYPES.items():
        g = GaussianMixture(2, covariance_type=t, init_params="random_from_data", random_state=state).fit(dup)
        assert np.array_equal(g.means_[0], g.means_[1]) and g.weights_[0] == g.weights_[1]
        put_fit(f"dup.{jt}", g, dup)
        one = GaussianMixture(1, covariance_type=t).fit(dup)
        put(f"dup.{jt}.one.means", one.means_, "the one-component fit")
        put(f"dup.{jt}.one.covariances", full_cov(one, 2))
    print("equal rows: scikit-learn's two components are equal (checked), each of weight 1/2")

    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()
