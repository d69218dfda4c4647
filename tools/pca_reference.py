#!/usr/bin/env python3
"""Reference values for clusterkit's PCA tests, from scikit-learn 1.2.1.

Run with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, numpy 1.24), from the
repository root:

    /usr/bin/python3 tools/pca_reference.py <shared-data-folder>

<shared-data-folder> is the test-data folder beside the checkout (it holds cc_general.csv); it is only
read. The script writes small text fixtures to clustering-core/src/test/resources/fixtures/pca/:

* cc_general.txt: results of PCA(svd_solver='full') on cc_general.csv after dropping CUST_ID,
  SimpleImputer(strategy='median') and StandardScaler() (population standard deviation). Only results are
  written (the data stay in the shared folder): medians, scaler mean and scale, the PCA attributes and the
  transform of the first 20 rows, plain and whitened, and n_components_ for n_components=0.95.
* generated_<name>.txt: seeded synthetic data sets (the data themselves) with the same results.

Signs: components and transforms follow the loading rule of scikit-learn >= 1.5 (largest absolute loading
of each component positive; see loading_signs), applied to scikit-learn 1.2.1's output.

Format: blocks introduced by a line "<name> <rows> <cols>", followed by <rows> lines of <cols>
comma-separated values written with repr() (round-trips exactly); lines starting with '#' are comments.
"""
import csv
import os
import sys

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

OUT = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "pca")


def block(f, name, a):
    a = np.atleast_2d(np.asarray(a, dtype=float))
    f.write("%s %d %d\n" % (name, a.shape[0], a.shape[1]))
    for row in a:
        f.write(",".join(repr(float(v)) for v in row) + "\n")


def loading_signs(components):
    """+1 or -1 per component: the sign that makes its largest absolute loading positive (numpy's argmax,
    so the first on ties). scikit-learn 1.2.1's PCA uses svd_flip(U, Vt) (u_based_decision=True: the
    largest absolute projection of the fitted rows is positive); scikit-learn >= 1.5 uses
    svd_flip(U, Vt, u_based_decision=False), this loading rule, which is clusterkit's convention. The two
    differ only by a sign per component, so the 1.2.1 results are re-signed here."""
    idx = np.argmax(np.abs(components), axis=1)
    return np.sign(components[np.arange(components.shape[0]), idx])


def pca_blocks(f, x, first_rows):
    """Full PCA, whitened PCA, and varianceToKeep 0.95 / 0.8 counts, all with svd_solver='full'.
    Components and transforms are re-signed by loading_signs (the only change to scikit-learn's output)."""
    p = PCA(svd_solver="full").fit(x)
    sign = loading_signs(p.components_)
    block(f, "mean", p.mean_)
    block(f, "explained_variance", p.explained_variance_)
    block(f, "explained_variance_ratio", p.explained_variance_ratio_)
    block(f, "singular_values", p.singular_values_)
    block(f, "components", p.components_ * sign[:, None])
    block(f, "transform", p.transform(x[:first_rows]) * sign[None, :])
    w = PCA(svd_solver="full", whiten=True).fit(x)
    wsign = loading_signs(w.components_)
    block(f, "transform_whiten", w.transform(x[:first_rows]) * wsign[None, :])
    for frac in (0.8, 0.95):
        q = PCA(n_components=frac, svd_solver="full").fit(x)
        block(f, "keep_%s" % frac, [[q.n_components_, q.noise_variance_]])
    q = PCA(n_components=2, svd_solver="full").fit(x)
    block(f, "two_noise_variance", [[q.noise_variance_]])


def header(f, what):
    f.write("# %s\n" % what)
    f.write("# scikit-learn %s, numpy %s; written by tools/pca_reference.py\n"
            % (sklearn.__version__, np.__version__))


def cc_general(shared):
    path = os.path.join(shared, "cc_general.csv")
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    head = rows[0]
    keep = [j for j, h in enumerate(head) if h != "CUST_ID"]
    x = np.array([[float(r[j]) if r[j] != "" else np.nan for j in keep] for r in rows[1:]])
    imp = SimpleImputer(strategy="median").fit(x)
    xi = imp.transform(x)
    sc = StandardScaler().fit(xi)
    xs = sc.transform(xi)
    with open(os.path.join(OUT, "cc_general.txt"), "w") as f:
        header(f, "cc_general.csv: drop CUST_ID, SimpleImputer(strategy='median'), StandardScaler(), "
                  "PCA(svd_solver='full'); transform of the first 20 rows")
        block(f, "shape", [[xs.shape[0], xs.shape[1]]])
        block(f, "medians", imp.statistics_)
        block(f, "scaler_mean", sc.mean_)
        block(f, "scaler_scale", sc.scale_)
        pca_blocks(f, xs, 20)


def generated(name, x, what):
    with open(os.path.join(OUT, "generated_%s.txt" % name), "w") as f:
        header(f, what)
        block(f, "data", x)
        pca_blocks(f, x, x.shape[0])


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pca_reference.py <shared-data-folder>")
    os.makedirs(OUT, exist_ok=True)
    cc_general(sys.argv[1])
    rng = np.random.default_rng(20240601)
    # tall: 120 x 6, correlated Gaussian with distinct variances, shifted mean
    z = rng.standard_normal((120, 6)) * np.array([5.0, 3.0, 2.0, 1.0, 0.5, 0.1])
    q, _ = np.linalg.qr(rng.standard_normal((6, 6)))
    generated("tall", z @ q.T + np.array([10.0, -3.0, 0.5, 100.0, 0.0, 7.0]),
              "tall: 120 x 6, numpy default_rng(20240601), Gaussian scores with sd 5,3,2,1,0.5,0.1 rotated by "
              "a random orthogonal matrix and shifted")
    # wide: 9 x 14 (rank 8 after centring: the 9th singular value is 0 and is not compared)
    generated("wide", rng.standard_normal((9, 14)) * np.linspace(1.0, 3.0, 14),
              "wide: 9 x 14, standard normal columns scaled by linspace(1, 3, 14)")
    # constant column: 40 x 4, column 2 constant 2.5 (the 4th component has zero variance)
    c = rng.standard_normal((40, 4)) @ np.array([[2.0, 0.5, 0, 0.1], [0, 1.0, 0, 0.3], [0, 0, 0, 0],
                                                  [0, 0, 0, 0.7]])
    c[:, 2] = 2.5
    generated("constant_column", c, "constant_column: 40 x 4, column 2 constant 2.5")


if __name__ == "__main__":
    main()
