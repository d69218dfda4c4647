#!/usr/bin/env python3
"""Reference values for Pca.mle(), scikit-learn 1.2.1's PCA(n_components='mle') (Minka's estimate of the dimension).

Run with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, numpy 1.24), from the repository
root, with the shared data beside the checkout:

    /usr/bin/python3 tools/pca_mle_reference.py [shared-data-folder]

(the folder defaults to ../shared/data; it is only read). It prints the values that pca.PcaMleTest and
pca.internal.MinkaDimensionTest hold as literals, and writes one fixture,
clustering-core/src/test/resources/fixtures/pca/mle_random.txt, in pca_reference.py's block format ("<name> <rows>
<cols>" then the rows, values written with repr()):

* case<i>_data: a small random data set (integers, so the file holds it exactly), n >= d as 'mle' requires;
* case<i>_expected: one row [expected, sklearn, noise]: sklearn is scikit-learn's n_components_ (-1 where it raised
  ValueError('math domain error') on an exact tie of the spectrum), noise its noise_variance_ (0 where it raised);
  expected is what clusterkit must do: the same count, or -1 (refusal) where two consecutive explained variances of
  at least 1e-15 agree to 1e-12 relative (clusterkit's tie rule; scikit-learn raises on exact ties and otherwise
  lets the last bits decide).

The random sets mix shapes that meet scikit-learn's special cases: n == d (the centred data have rank d - 1, the last
explained variance is rounding noise below its 1e-15 floor), a duplicated column and a constant column (zero
variances), values in a narrow integer range (repeated values), and a few sets built with tied spectra (a symmetric
cross, and a square whose two variances are equal).

Printed: n_components_ of io.PcaMleModelFileTest's six rows; _assess_dimension of a few spectra by hand (its
special cases: values below 1e-15, v floored at 1e-15, the ties that raise) and of the spectra of standardised
cc_general.csv (SimpleImputer(strategy='median'), StandardScaler(), CUST_ID dropped, as pca_reference.py) and
Mall_Customers.csv's Age, Annual Income and Spending Score (raw, standardised, and standardised times 1e-9, where
every variance is below the floor and scikit-learn keeps 0 components), with each one's n_components_ and
noise_variance_; and the count and spectrum of PcaMleTest's 200000 Lehmer-generator rows (lehmer_case).
"""
import csv
import os
import sys

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.decomposition._pca import _assess_dimension, _infer_dimension
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__

OUT = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "pca")
EPS = 1e-15
TIE = 1e-12


def block(f, name, a):
    a = np.atleast_2d(np.asarray(a, dtype=float))
    f.write("%s %d %d\n" % (name, a.shape[0], a.shape[1]))
    for row in a:
        f.write(",".join(repr(float(v)) for v in row) + "\n")


def lls(spectrum, n):
    out = []
    for rank in range(1, len(spectrum)):
        try:
            out.append(repr(_assess_dimension(np.asarray(spectrum, dtype=float), rank, n)))
        except ValueError as e:
            out.append("ValueError(%s)" % e)
    return out


def clusterkit_tie(spectrum):
    s = spectrum
    d = len(s)
    floor_equal = any(s[k - 1] >= EPS and not (max(EPS, sum(s[k:]) / (d - k)) < s[k - 1]) for k in range(1, d))
    return floor_equal or any(s[i] >= EPS and not (s[i] - s[i + 1] > TIE * s[i]) for i in range(d - 1))


def by_hand():
    for spectrum, n in (([1.0, 0.0, 0.0], 10), ([5.0, 1e-16, 0.0], 10), ([0.0, 0.0, 0.0], 10),
                        ([4.0, 2.0, 1.0, 0.5], 20), ([3.0, 2.0, 2.0, 1.0], 10), ([9.0, 4.0, 1e-16], 7),
                        ([2.5, 1.5, 1.0, 0.75, 0.5, 0.25], 100),
                        # a kept value of exactly 1e-15 whose floored tail mean equals it: ln(0), ValueError
                        ([1.0, 1e-15, 0.0], 10), ([1.0, 1e-15, 1e-16, 0.0], 10), ([2.0, 1.0, 1e-15], 10),
                        # an exact tie at the floor 1e-15 itself: assessed, so ln(0) again (refused as a tie here)
                        ([1.0, 1e-15, 1e-15, 0.0], 10)):
        try:
            k = _infer_dimension(np.asarray(spectrum), n)
        except ValueError as e:
            k = "ValueError(%s)" % e
        print("spectrum", spectrum, "n", n, "_assess_dimension ranks 1..d-1:", lls(spectrum, n),
              "_infer_dimension", k)


def model_file_rows():
    x = np.array([[1, 2, 0.5], [2, 4.1, 1], [3, 6, 1.6], [4, 7.9, 2], [5, 10.2, 2.4], [6, 12, 3.1]])
    p = PCA(n_components="mle", svd_solver="full").fit(x)
    print("io.PcaMleModelFileTest's six rows: n_components_", p.n_components_)


def report(name, x):
    p = PCA(n_components="mle", svd_solver="full").fit(x)
    full = PCA(svd_solver="full").fit(x)
    print(name, "shape", x.shape, "n_components_", p.n_components_, "noise_variance_", repr(p.noise_variance_))
    print("  explained_variance_", [repr(v) for v in full.explained_variance_])
    print("  _assess_dimension ranks 1..d-1:", lls(full.explained_variance_, x.shape[0]))


def shared_sets(data):
    with open(os.path.join(data, "cc_general.csv"), newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    keep = [j for j, h in enumerate(header) if h != "CUST_ID"]
    raw = np.array([[float(r[j]) if r[j] != "" else np.nan for j in keep] for r in rows[1:] if r])
    z = StandardScaler().fit_transform(SimpleImputer(strategy="median").fit_transform(raw))
    report("cc_general.csv standardised", z)
    with open(os.path.join(data, "Mall_Customers.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    m = np.array([[float(r[2]), float(r[3]), float(r[4])] for r in rows])
    report("Mall_Customers.csv Age, Annual Income, Spending Score", m)
    report("Mall_Customers.csv Age, Annual Income, Spending Score standardised", StandardScaler().fit_transform(m))
    tiny = StandardScaler().fit_transform(m) * 1e-9
    p = PCA(n_components="mle", svd_solver="full").fit(tiny)
    print("the same times 1e-9 (variances near 1e-18, below the absolute floor 1e-15): n_components_",
          p.n_components_, "components_.shape", p.components_.shape)


def random_cases():
    rng = np.random.default_rng(20261130)
    sets = []
    sets.append(np.array([[1, 0], [-1, 0], [0, 1], [0, -1]], dtype=float))  # equal variances: exact tie
    sets.append(np.array([[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 3], [0, 0, -3]], dtype=float))
    sets.append(np.array([[0, 0], [1, 0], [0, 1], [1, 1]], dtype=float))  # a square: equal variances
    for t in range(60):
        d = int(rng.integers(2, 7))
        kind = t % 5
        if kind == 0:
            n = d  # centred rank d - 1
        else:
            n = int(rng.integers(d, 13))
        hi = 3 if kind == 1 else 20
        x = rng.integers(-hi, hi + 1, size=(n, d)).astype(float)
        if kind == 2 and d >= 3:
            x[:, d - 1] = x[:, 0]  # duplicated column
        if kind == 3:
            x[:, int(rng.integers(0, d))] = 7.0  # constant column
        if kind == 4:
            # a low-rank signal plus small integer noise
            r = int(rng.integers(1, d))
            x = np.round(rng.normal(size=(n, r)) @ rng.normal(size=(r, d)) * 10) + rng.integers(-1, 2, size=(n, d))
        sets.append(x)
    counts = {"same count": 0, "refused, scikit-learn raised": 0, "refused, scikit-learn chose": 0}
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "mle_random.txt")
    with open(path, "w") as f:
        f.write("# written by tools/pca_mle_reference.py (scikit-learn %s): PCA(n_components='mle') on small random\n"
                "# sets; case<i>_expected = [expected count or -1 = refused, scikit-learn's n_components_\n"
                "# or -1 = raised, its noise_variance_]\n" % sklearn.__version__)
        for i, x in enumerate(sets):
            spectrum = PCA(svd_solver="full").fit(x).explained_variance_
            try:
                p = PCA(n_components="mle", svd_solver="full").fit(x)
                sk, noise = int(p.n_components_), float(p.noise_variance_)
            except ValueError as e:
                assert "math domain error" in str(e), e
                sk, noise = -1, 0.0
            tie = clusterkit_tie(spectrum)
            assert tie or sk != -1, "scikit-learn raised where clusterkit's rule sees no tie: case %d" % i
            if not tie and sk == 0:
                raise AssertionError("0 components (every variance below 1e-15) in case %d" % i)
            expected = -1 if tie else sk
            counts["same count" if not tie else
                   "refused, scikit-learn raised" if sk == -1 else "refused, scikit-learn chose"] += 1
            block(f, "case%d_data" % i, x)
            block(f, "case%d_expected" % i, [expected, sk, noise])
    print("wrote", path, len(sets), "cases:", counts)


def lehmer_case():
    """PcaMleTest's 200000 rows: four Lehmer-generator columns in exact arithmetic (integers mod 2^31 - 1, one
    correctly rounded division, as the test's Java), then the first plus 1e-5 times a fifth and the second plus 1e-7
    times a sixth (variances about 3.3e-11 and 1.8e-15, real and above the floor)."""
    m, n = 2147483647, 200000
    ac = ((16807, 1), (48271, 7), (69621, 13), (40692, 29), (39373, 31), (41358, 37))
    z = [np.array([(((a * i + c) % m) / m - 0.5) * 4.0 for i in range(n)]) for a, c in ac]
    x = np.column_stack([z[0], z[1], z[2], z[3], z[0] + 1e-5 * z[4], z[1] + 1e-7 * z[5]])
    p = PCA(n_components="mle").fit(x)
    print("PcaMleTest's Lehmer rows (200000 x 6): n_components_", p.n_components_, "explained_variance_",
          [repr(v) for v in PCA().fit(x).explained_variance_])


if __name__ == "__main__":
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    by_hand()
    model_file_rows()
    shared_sets(shared)
    random_cases()
    lehmer_case()
