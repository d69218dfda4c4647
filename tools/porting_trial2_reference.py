#!/usr/bin/env python3
"""Prints the scikit-learn values quoted by the tests of the fifth porting trial (a customer-segmentation notebook
ported to Java): GaussianMixture(n_components=k, means_init=<centroids of a KMeans fit>) on Mall Customers.

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, numpy 1.24), from the repository
root, with the shared data beside the checkout:

    /usr/bin/python3 tools/porting_trial2_reference.py [shared-data-folder]

(the folder defaults to ../shared/data). It writes no fixture: the tests hold these few numbers as literals. Every
line starts with a tag in brackets; each test names the tag of the line its value comes from. Floats are Python
repr (the shortest text that reads back to the same double in Java).

The notebook's case: Mall_Customers.csv's Age, Annual Income and Spending Score, standardised (StandardScaler on all
200 rows); rows 0..159 to fit, rows 160..199 held out; KMeans(n_clusters=5, n_init=10, random_state=0) on the
training rows gives the means, GaussianMixture(5, means_init=those, random_state=0) the fit.

* [G1] the notebook's fit: score on the training rows, on the held-out rows, bic, n_iter_.
* [G2] the K-Means centroids given as means_init.
* [G3] the responsibilities scikit-learn starts from: KMeans(n_clusters=5, n_init=1, random_state=0) on the training
  rows (GaussianMixture's _initialize_parameters, init_params='kmeans'), its labels as one digit per row.
* [G4] the check that these labels are the whole story: weights = counts / n, covariances of each cluster about its
  own mean plus reg_covar (1e-6) on the diagonal, given with means_init as weights_init / precisions_init, give
  [G1]'s fit again (the same four values, printed).
"""
import csv
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__


def r(values):
    return "[" + ", ".join(repr(float(v)) for v in np.ravel(values)) + "]"


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    with open(os.path.join(data, "Mall_Customers.csv"), newline="") as f:
        recs = list(csv.reader(f))[1:]
    m = np.array([[float(v) for v in rec[2:5]] for rec in recs])
    z = StandardScaler().fit_transform(m)
    train, held = z[:160], z[160:]
    km = KMeans(n_clusters=5, n_init=10, random_state=0).fit(train)
    g = GaussianMixture(n_components=5, means_init=km.cluster_centers_, random_state=0).fit(train)
    print("[G1] score(train)", repr(g.score(train)), "score(held out)", repr(g.score(held)), "bic(train)",
          repr(g.bic(train)), "n_iter_", g.n_iter_)
    print("[G2] means_init", r(km.cluster_centers_))
    start = KMeans(n_clusters=5, n_init=1, random_state=0).fit(train)
    labels = start.labels_
    print("[G3] initial k-means labels", "".join(str(v) for v in labels), "counts", list(np.bincount(labels)),
          "inertia", repr(start.inertia_))
    n, d = train.shape
    weights = np.bincount(labels, minlength=5) / n
    covs = np.empty((5, d, d))
    for c in range(5):
        rows = train[labels == c]
        diff = rows - rows.mean(axis=0)
        covs[c] = diff.T @ diff / len(rows) + 1e-6 * np.eye(d)
    e = GaussianMixture(n_components=5, weights_init=weights, means_init=km.cluster_centers_,
                        precisions_init=np.linalg.inv(covs), random_state=0).fit(train)
    print("[G4] explicit parameters: score(train)", repr(e.score(train)), "score(held out)", repr(e.score(held)),
          "bic(train)", repr(e.bic(train)), "n_iter_", e.n_iter_)


if __name__ == "__main__":
    main()
