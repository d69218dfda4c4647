#!/usr/bin/env python3
"""Prints the scikit-learn 1.2.1 values that clustering-eval's edge-case tests (added by the mutation-testing
audit) state inline.

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, numpy 1.24, mpmath), from anywhere:

    /usr/bin/python3 tools/eval_edge_reference.py

It writes no fixture: the tests hold these few numbers as literals, each with this script as its source. The
labellings are built by the same formulas as in the tests.

* ExternalMeasuresTest.sortedPathCellsOnShuffledRows: 8,000 points, truth (i % 4000) // 2, predicted
  ((i % 4000) + 1) // 2 (2,000 classes by 2,001 clusters, the sparse construction); the measures do not depend
  on the order of the rows, which the test shuffles.
* ExternalMeasuresTest.adjustedMutualInformationBeyondTwentyPoints: n = 50, truth i % 3, predicted (i // 7) % 4;
  n = 1000, truth i % 5, predicted (i * i + 3) % 7; every average_method.
* ExternalMeasuresTest.twoPointsAloneInBothLabellings: AMI of [0, 1] against itself, with the sign of the zero.
* InternalIndexEdgeCaseTest.labelsFarApartWithNoise: silhouette_samples / silhouette_score / davies_bouldin_score
  / calinski_harabasz_score on eight 2-D points labelled 3, 3, 3, 1e9, 1e9, 1e9, -1, -1: IGNORE is scikit-learn
  on the six labelled rows, MERGE is scikit-learn with -1 an ordinary label, SINGLETONS gives the two noise rows
  labels of their own.
"""
import math

import mpmath as mp
import numpy as np
import sklearn
from sklearn import metrics


def external():
    i = np.arange(8000)
    u = (i % 4000) // 2
    v = ((i % 4000) + 1) // 2
    print("sorted path: mutual_info_score", repr(metrics.mutual_info_score(u, v)))
    print("  closed form (2 ln 2000 + 3998 ln 1000) / 4000 =", repr((2 * math.log(2000) + 3998 * math.log(1000)) / 4000))
    print("  normalized_mutual_info_score", repr(metrics.normalized_mutual_info_score(u, v)))
    print("  adjusted_mutual_info_score", repr(metrics.adjusted_mutual_info_score(u, v)))
    # The expected mutual information of this table in 50-digit arithmetic (mpmath): every class has 4 points, two
    # clusters 2 and the other 1999 clusters 4, so E[I] is 2000 (2 E(4, 2) + 1999 E(4, 4)) with E(a, b) the
    # hypergeometric expectation of one cell. scikit-learn's and clusterkit's E[I] both cancel log-gamma values
    # near ln(8000!) = 6.4e4 and are off by about 2e-10 in the AMI.
    mp.mp.dps = 50
    big_n = 8000

    def cell(a, b):
        s = mp.mpf(0)
        for nij in range(max(1, a + b - big_n), min(a, b) + 1):
            p = mp.exp(mp.loggamma(a + 1) + mp.loggamma(b + 1) + mp.loggamma(big_n - a + 1) + mp.loggamma(big_n - b + 1)
                       - mp.loggamma(big_n + 1) - mp.loggamma(nij + 1) - mp.loggamma(a - nij + 1)
                       - mp.loggamma(b - nij + 1) - mp.loggamma(big_n - a - b + nij + 1))
            s += mp.mpf(nij) / big_n * mp.log(mp.mpf(big_n) * nij / (a * b)) * p
        return s

    emi = 2000 * (2 * cell(4, 2) + 1999 * cell(4, 4))
    mi = (2 * mp.log(2000) + 3998 * mp.log(1000)) / 4000
    hu = mp.log(2000)
    hv = -(2 * (mp.mpf(2) / big_n) * mp.log(mp.mpf(2) / big_n) + 1999 * (mp.mpf(4) / big_n) * mp.log(mp.mpf(4) / big_n))
    mean = (hu + hv) / 2
    print("  exact (mpmath): I", mp.nstr(mi, 20), "NMI", mp.nstr(mi / mean, 20), "AMI",
          mp.nstr((mi - emi) / (mean - emi), 20))
    for n, a, b in ((50, lambda i: i % 3, lambda i: (i // 7) % 4), (1000, lambda i: i % 5, lambda i: (i * i + 3) % 7)):
        t = [a(i) for i in range(n)]
        p = [b(i) for i in range(n)]
        for m in ("min", "geometric", "arithmetic", "max"):
            print("n =", n, m, "AMI", repr(metrics.adjusted_mutual_info_score(t, p, average_method=m)),
                  "NMI", repr(metrics.normalized_mutual_info_score(t, p, average_method=m)))
    ami = metrics.adjusted_mutual_info_score([0, 1], [0, 1])
    print("AMI([0, 1], [0, 1])", repr(ami), "sign", math.copysign(1.0, ami))


def internal():
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [4.0, 4.0], [4.0, 5.0], [6.0, 4.0], [2.0, 2.0], [9.0, 0.0]])
    labels = np.array([3, 3, 3, 1_000_000_000, 1_000_000_000, 1_000_000_000, -1, -1])
    keep = labels != -1
    singletons = labels.copy()
    singletons[6] = -2
    singletons[7] = -3
    for name, xs, ls in (("IGNORE", x[keep], labels[keep]), ("MERGE", x, labels), ("SINGLETONS", x, singletons)):
        print(name, "silhouette_samples", [repr(s) for s in metrics.silhouette_samples(xs, ls)])
        print(name, "silhouette_score", repr(metrics.silhouette_score(xs, ls)),
              "davies_bouldin_score", repr(metrics.davies_bouldin_score(xs, ls)),
              "calinski_harabasz_score", repr(metrics.calinski_harabasz_score(xs, ls)))


if __name__ == "__main__":
    print("scikit-learn", sklearn.__version__, "numpy", np.__version__)
    external()
    internal()
