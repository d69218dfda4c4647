#!/usr/bin/env python3
"""Prints the scikit-learn and SciPy values of the tests that pin where a port of a scikit-learn notebook meets a
different convention (the fourth user trial: a notebook ported to a Java service).

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, SciPy 1.10.1, numpy 1.24),
from the repository root, with the shared data beside the checkout:

    /usr/bin/python3 tools/porting_reference.py [shared-data-folder]

(the folder defaults to ../shared/data). It writes no fixture: the tests hold these few numbers as literals, each
with this script as its source.

* hierarchical.ScikitLearnThresholdTest: AgglomerativeClustering(n_clusters=None, distance_threshold=t) merges only
  below t, where SciPy's fcluster(Z, t, criterion='distance') also merges at t. The rows 0, 1, 3, 6 (single linkage,
  heights 1, 2, 3) at t = 2, and the income and spending score of Mall_Customers.csv at t = 5 for every linkage.
* dbscan.DbscanScikitLearnOrderTest: DBSCAN(eps, min_samples).labels_ on two small one-column sets: one whose first
  row is a border point of the cluster whose first core point comes later, and one with a border point within eps
  of a core point of each of two clusters; and on the income and spending score of Mall_Customers.csv (eps 5,
  min_samples 5), printed one character a row.
* preprocess.OneHotMissingCategoryTest: OneHotEncoder() fitted on a column holding None, which scikit-learn makes a
  category of its own (categories_, get_feature_names_out and the transformed rows).
* eval.NoiseLabelsScikitLearnTest: silhouette_score, davies_bouldin_score and calinski_harabasz_score of
  benchmark/hdbscan.csv with its labels as they are (510 rows labelled -1, which scikit-learn scores as one more
  cluster) and of the rows not labelled -1.
"""
import csv
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import DBSCAN, AgglomerativeClustering
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
from sklearn.preprocessing import OneHotEncoder

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert scipy.__version__ == "1.10.1", scipy.__version__


def threshold(data):
    x = np.array([[0.0], [1.0], [3.0], [6.0]])
    z = linkage(x, "single")
    print("rows 0, 1, 3, 6: single linkage heights", z[:, 2].tolist())
    sk = AgglomerativeClustering(n_clusters=None, distance_threshold=2.0, linkage="single").fit(x)
    print("  distance_threshold=2: n_clusters_", sk.n_clusters_, "labels_", sk.labels_.tolist())
    print("  fcluster(Z, 2, 'distance')", fcluster(z, 2.0, criterion="distance").tolist())
    with open(os.path.join(data, "Mall_Customers.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    m = np.array([[float(r[3]), float(r[4])] for r in rows])
    for method in ("single", "average", "complete", "ward"):
        sk = AgglomerativeClustering(n_clusters=None, distance_threshold=5.0, linkage=method).fit(m)
        fc = fcluster(linkage(m, method), 5.0, criterion="distance")
        print("Mall income and score,", method, "t = 5: scikit-learn n_clusters_", sk.n_clusters_,
              "fcluster clusters", fc.max())


def dbscan_order(data):
    first_row_border = np.array([[-0.4], [10.0], [10.5], [11.0], [0.5], [1.0], [1.5]])
    print("rows", first_row_border.ravel().tolist(), "DBSCAN(eps=1, min_samples=3).labels_",
          DBSCAN(eps=1.0, min_samples=3).fit(first_row_border).labels_.tolist())
    shared_border = np.array([[0.0], [0.4], [0.8], [1.2], [3.2], [3.6], [4.0], [4.4], [2.3]])
    db = DBSCAN(eps=1.15, min_samples=4).fit(shared_border)
    print("rows", shared_border.ravel().tolist(), "DBSCAN(eps=1.15, min_samples=4).labels_", db.labels_.tolist(),
          "core_sample_indices_", db.core_sample_indices_.tolist())
    with open(os.path.join(data, "Mall_Customers.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    m = np.array([[float(r[3]), float(r[4])] for r in rows])
    db = DBSCAN(eps=5.0, min_samples=5).fit(m)
    print("Mall income and score, DBSCAN(eps=5, min_samples=5).labels_", "".join(
        "N" if v == -1 else str(v) for v in db.labels_), "(N = -1)", "core rows", len(db.core_sample_indices_))


def one_hot_missing():
    x = np.array([["b"], [None], ["a"], ["b"]], dtype=object)
    e = OneHotEncoder().fit(x)
    print("rows b, None, a, b: OneHotEncoder() categories_", e.categories_[0].tolist(), "names",
          e.get_feature_names_out(["g"]).tolist(), "transform", e.transform(x).toarray().tolist())


def noise_labels(data):
    with open(os.path.join(data, "benchmark", "hdbscan.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([[float(r[0]), float(r[1])] for r in rows])
    y = np.array([int(r[2]) for r in rows])
    keep = y != -1
    print("hdbscan.csv rows", len(y), "labelled -1", int((~keep).sum()))
    print("  with -1 as a label: silhouette_score", repr(silhouette_score(x, y)), "davies_bouldin_score",
          repr(davies_bouldin_score(x, y)), "calinski_harabasz_score", repr(calinski_harabasz_score(x, y)))
    print("  rows not labelled -1: silhouette_score", repr(silhouette_score(x[keep], y[keep])),
          "davies_bouldin_score", repr(davies_bouldin_score(x[keep], y[keep])), "calinski_harabasz_score",
          repr(calinski_harabasz_score(x[keep], y[keep])))


if __name__ == "__main__":
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    threshold(shared)
    dbscan_order(shared)
    one_hot_missing()
    noise_labels(shared)
