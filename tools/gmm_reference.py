#!/usr/bin/env python3
"""Reference values for clusterkit's Gaussian mixture tests (package io.github.clusterkit.gmm).

Run with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, numpy), from the
repository root:

    /usr/bin/python3 tools/gmm_reference.py [path/to/shared/data]

It writes two fixture files under clustering-core/src/test/resources/fixtures/gmm/:

* em-steps.txt: two small generated data sets (written into the file), fixed initial parameters, and
  scikit-learn's GaussianMixture(weights_init, means_init, precisions_init, tol=0, max_iter=m) after
  m = 1, 5 and 50 iterations for covariance_type full, tied, diag and spherical (weights_, means_,
  covariances_ expanded to full d x d matrices, lower_bound_, score(X), bic(X), aic(X), n_iter_,
  score_samples and predict_proba of the first rows), plus one run with the default tol=1e-3 and
  max_iter=100 to pin down the convergence rule (n_iter_, converged_).
  precisions_init is the inverse of the covariance the Java test passes to initialParameters.
* benchmark-sets.txt: score(X) of GaussianMixture(k, covariance_type='full', n_init=10,
  random_state=0) on five labelled benchmark sets (k = number of true clusters). The data are read from
  the shared data folder (default ../shared/data), never copied into the repository.

Format: one "key = values" line per array (space separated, Python repr, so values round-trip exactly);
lines starting with '#' are comments.
"""
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

warnings.simplefilter("ignore", ConvergenceWarning)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "clustering-core", "src", "test", "resources", "fixtures", "gmm")
TYPES = {"FULL": "full", "TIED": "tied", "DIAGONAL": "diag", "SPHERICAL": "spherical"}


def fmt(a):
    return " ".join(repr(float(v)) for v in np.asarray(a, dtype=float).ravel())


def make_set(rng, n, d, k):
    """Overlapping anisotropic blobs: random centres, random linear maps, uneven sizes."""
    sizes = rng.multinomial(n - 10 * k, np.arange(1, k + 1) / (k * (k + 1) / 2)) + 10
    parts = []
    for c in range(k):
        centre = rng.uniform(-4, 4, size=d)
        a = rng.normal(size=(d, d)) * 0.6 + np.eye(d) * 0.5
        parts.append(centre + rng.normal(size=(sizes[c], d)) @ a)
    x = np.vstack(parts)
    return x[rng.permutation(n)]


def init_params(rng, x, k, kind):
    n, d = x.shape
    w = rng.uniform(0.5, 1.5, size=k)
    w /= w.sum()
    means = x[rng.choice(n, size=k, replace=False)] + rng.normal(scale=0.3, size=(k, d))
    if kind == "full":
        covs = []
        for _ in range(k):
            a = rng.normal(size=(d, d))
            covs.append(a @ a.T / d + np.eye(d) * 0.5)
        covs = np.array(covs)
        prec = np.array([np.linalg.inv(c) for c in covs])
    elif kind == "tied":
        a = rng.normal(size=(d, d))
        c0 = a @ a.T / d + np.eye(d) * 0.5
        covs = np.array([c0] * k)
        prec = np.linalg.inv(c0)
    elif kind == "diag":
        v = rng.uniform(0.5, 2.0, size=(k, d))
        covs = np.array([np.diag(r) for r in v])
        prec = 1.0 / v
    else:
        v = rng.uniform(0.5, 2.0, size=k)
        covs = np.array([np.eye(d) * s for s in v])
        prec = 1.0 / v
    return w, means, covs, prec


def full_covs(gm, k, d):
    c = gm.covariances_
    t = gm.covariance_type
    if t == "full":
        return c
    if t == "tied":
        return np.array([c] * k)
    if t == "diag":
        return np.array([np.diag(r) for r in c])
    return np.array([np.eye(d) * s for s in c])


def em_steps(lines):
    rng = np.random.RandomState(20240517)
    sets = {"A": (300, 3, 3), "B": (200, 5, 4)}
    for name, (n, d, k) in sets.items():
        x = make_set(rng, n, d, k)
        lines.append(f"# set {name}: n={n}, d={d}, k={k}")
        lines.append(f"{name}.shape = {n} {d} {k}")
        lines.append(f"{name}.data = {fmt(x)}")
        for jt, st in TYPES.items():
            w, mu, cov, prec = init_params(rng, x, k, st)
            p = f"{name}.{jt}"
            lines.append(f"{p}.init.weights = {fmt(w)}")
            lines.append(f"{p}.init.means = {fmt(mu)}")
            lines.append(f"{p}.init.covariances = {fmt(cov)}")
            runs = [(m, 0.0) for m in (1, 5, 50)] + [(100, 1e-3)]
            for m, tol in runs:
                gm = GaussianMixture(n_components=k, covariance_type=st, tol=tol, max_iter=m,
                                     reg_covar=1e-6, weights_init=w, means_init=mu,
                                     precisions_init=prec, random_state=0).fit(x)
                q = f"{p}.iter{m}" if tol == 0 else f"{p}.default"
                lines.append(f"# GaussianMixture(n_components={k}, covariance_type='{st}', tol={tol}, "
                             f"max_iter={m}, reg_covar=1e-6, weights_init, means_init, precisions_init)"
                             f".fit(X)")
                lines.append(f"{q}.n_iter = {gm.n_iter_}")
                lines.append(f"{q}.converged = {1 if gm.converged_ else 0}")
                lines.append(f"{q}.weights = {fmt(gm.weights_)}")
                lines.append(f"{q}.means = {fmt(gm.means_)}")
                lines.append(f"{q}.covariances = {fmt(full_covs(gm, k, d))}")
                lines.append(f"{q}.lower_bound = {fmt([gm.lower_bound_])}")
                lines.append(f"{q}.score = {fmt([gm.score(x)])}")
                lines.append(f"{q}.bic = {fmt([gm.bic(x)])}")
                lines.append(f"{q}.aic = {fmt([gm.aic(x)])}")
                lines.append(f"{q}.score_samples5 = {fmt(gm.score_samples(x[:5]))}")
                lines.append(f"{q}.predict_proba5 = {fmt(gm.predict_proba(x[:5]))}")


def benchmark(lines, data_dir):
    sets = ["engytime", "s1", "R15", "hepta", "unbalance"]
    for s in sets:
        path = os.path.join(data_dir, "benchmark", s + ".csv")
        raw = np.loadtxt(path, delimiter=",", skiprows=1)
        x, y = raw[:, :-1], raw[:, -1].astype(int)
        k = len(set(y[y >= 0]))
        gm = GaussianMixture(n_components=k, covariance_type="full", n_init=10, random_state=0).fit(x)
        lines.append(f"# GaussianMixture(n_components={k}, covariance_type='full', n_init=10, "
                     f"random_state=0).fit(X); X = benchmark/{s}.csv without the label column")
        lines.append(f"{s}.k = {k}")
        lines.append(f"{s}.score = {fmt([gm.score(x)])}")
        lines.append(f"{s}.n_iter = {gm.n_iter_}")


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
    os.makedirs(OUT, exist_ok=True)
    header = [f"# written by tools/gmm_reference.py with scikit-learn {sklearn.__version__}, "
              f"numpy {np.__version__}"]
    lines = list(header)
    em_steps(lines)
    with open(os.path.join(OUT, "em-steps.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    lines = list(header)
    benchmark(lines, data_dir)
    with open(os.path.join(OUT, "benchmark-sets.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
