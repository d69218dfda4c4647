#!/usr/bin/env python3
"""Prints the scikit-learn and SciPy values that a few small edge-case tests state inline.

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, SciPy 1.10.1, numpy 1.24),
from anywhere:

    /usr/bin/python3 tools/edge_case_reference.py

It writes no fixture: the tests hold these few numbers as literals, each with this script as its source.

* DbscanApiTest.kneeAsEpsMakesTheKneeRowsCorePoints: the 2-distances of the rows (0, 0) and (0.1, 0.6), the
  square of that distance against the squared distance, and DBSCAN's labels with eps set to that distance.
* AgglomerativeApiTest.cutWithTiedMergesKeepsTheFirstRowsOfTheLinkageMatrix: for the rows 0, 2, 0, 1, 1, 1 and
  every method, linkage(X, method), AgglomerativeClustering(n_clusters=k) labels and cut_tree(Z, n_clusters=k).
* AgglomerativeApiTest.wardByCentroidsBreaksAnExactTieThatSciPyRoundsTheOtherWay: for the rows (1, 3), (1, 5),
  (4, 0), (0, 1), (4, 5), SciPy's Ward linkage and 2-cluster cut, scikit-learn's labels, and SciPy's Lance-Williams
  value for the merged rows 0 and 1 against rows 3 and 4 next to the closed form on centroids.
* PcaEdgeCaseTest.svdWhitensARealComponentOfTinyVariance: PCA(2, whiten=True, svd_solver='full') on six rows whose
  second column has standard deviation 1e-9: the whitened row 0.
* PcaEdgeCaseTest.whiteningMapsTheRoundingNoiseOfADerivedColumnToZero: PCA(3, whiten=True, svd_solver='full') on
  eight rows (a, b, a + b) near 2e4: explained_variance_[2] (the rounding noise of the derived column; its last
  digits depend on the LAPACK build, OpenBLAS here).
"""
import math

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import cut_tree, linkage
from sklearn.cluster import DBSCAN, AgglomerativeClustering
from sklearn.neighbors import NearestNeighbors


def knee_rows():
    x = np.array([[0.0, 0.0], [0.1, 0.6]])
    dist, _ = NearestNeighbors(n_neighbors=2).fit(x).kneighbors(x)
    r = dist[0, 1]
    print("2-distances", [repr(v) for v in dist[:, 1]])
    print("distance squared", repr(r * r), "squared distance", repr(0.1 * 0.1 + 0.6 * 0.6))
    print("DBSCAN(eps=%r, min_samples=2) labels" % r, DBSCAN(eps=r, min_samples=2).fit(x).labels_.tolist())


def tied_cuts():
    x = np.array([[0.0], [2.0], [0.0], [1.0], [1.0], [1.0]])
    for method in ("single", "complete", "average", "ward"):
        z = linkage(x, method)
        print(method, "linkage", z.tolist())
        for k in range(1, 7):
            sk = AgglomerativeClustering(n_clusters=k, linkage=method).fit(x).labels_.tolist()
            print("  k", k, "sklearn", sk, "cut_tree", cut_tree(z, n_clusters=k).ravel().tolist())


def ward_tie():
    x = np.array([[1.0, 3.0], [1.0, 5.0], [4.0, 0.0], [0.0, 1.0], [4.0, 5.0]])
    z = linkage(x, "ward")
    print("ward linkage", z.tolist())
    print("cut_tree k = 2", cut_tree(z, n_clusters=2).ravel().tolist(),
          "sklearn k = 2", AgglomerativeClustering(n_clusters=2).fit(x).labels_.tolist())

    def dist(a, b):
        return math.sqrt(sum((p - q) ** 2 for p, q in zip(x[a], x[b])))

    for i in (3, 4):
        # SciPy's _ward(d_xi, d_yi, d_xy, size_x, size_y, size_i) for x = row 0, y = row 1, in its order of operations
        d_xi, d_yi, d_xy, size_x, size_y, size_i = dist(0, i), dist(1, i), dist(0, 1), 1, 1, 1
        t = 1.0 / (size_x + size_y + size_i)
        lw = math.sqrt((size_i + size_x) * t * d_xi * d_xi + (size_i + size_y) * t * d_yi * d_yi
                       - size_i * t * d_xy * d_xy)
        closed = math.sqrt(2 * 2 * 1 / 3) * math.sqrt(sum((c - p) ** 2 for c, p in zip((1.0, 4.0), x[i])))
        print("merged rows 0, 1 to row", i, "Lance-Williams", repr(lw), "centroids", repr(closed))


def pca_tiny():
    from sklearn.decomposition import PCA
    x = np.array([[-5, 1e-9], [-3, -1e-9], [-1, 0], [1, 0], [3, -1e-9], [5, 1e-9]])
    z = PCA(2, whiten=True, svd_solver="full").fit(x).transform(x)
    print("PCA whitened row 0", [repr(v) for v in z[0]])
    rows = []
    for i in range(8):
        a = 10000 + 0.1 * i
        b = 10000 + 0.3 * ((5 * i) % 8)
        rows.append([a, b, a + b])
    p = PCA(3, whiten=True, svd_solver="full").fit(np.array(rows))
    print("PCA derived column explained_variance_[2]", repr(p.explained_variance_[2]))


if __name__ == "__main__":
    print("scikit-learn", sklearn.__version__, "scipy", scipy.__version__, "numpy", np.__version__)
    knee_rows()
    tied_cuts()
    ward_tie()
    pca_tiny()
