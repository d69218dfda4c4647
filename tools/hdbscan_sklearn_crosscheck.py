#!/usr/bin/env python3
"""Compares the HDBSCAN* fixtures written by tools/hdbscan_reference.py with scikit-learn's HDBSCAN (1.3 or later).

Not part of the fixture generation: scikit-learn 1.2.1, the project's reference version, has no HDBSCAN. Run it
from the repository root with a Python that has scikit-learn >= 1.3, for example a virtual environment created
with --system-site-packages (so it keeps numpy 1.24 / SciPy 1.10) and `pip install --no-deps scikit-learn==1.6.1`:

    python tools/hdbscan_sklearn_crosscheck.py [path/to/shared/data]

For every case of cases.csv it runs HDBSCAN(min_cluster_size, min_samples, metric, algorithm='brute',
cluster_selection_method, allow_single_cluster=False) and prints the number of rows whose label (renumbered by
smallest row) differs from the fixture up to a renaming of the clusters (hdbscan_reference.label_diff), and the
largest probability difference over the rows whose renumbered label agrees.
scikit-learn processes equal-weight MST edges one at a time (a binary tree) while the specification removes
them all at once, so the two agree exactly only where no tie matters; compare with the fixture's binary_diff.
Cases whose fixture holds labels only report the label difference alone.
"""
import csv
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import HDBSCAN

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hdbscan_reference as ref  # noqa: E402


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    with open(os.path.join(ref.OUT, "cases.csv")) as f:
        cases = list(csv.DictReader(line for line in f if not line.startswith("#")))
    print("scikit-learn", sklearn.__version__)
    for c in cases:
        data = c["data"]
        if data.startswith("benchmark/"):
            X = ref.read_benchmark(root, data)
        elif data.startswith("elki/"):
            X = ref.read_elki(root, data)
        else:
            X = np.loadtxt(os.path.join(ref.OUT, data), delimiter=",", skiprows=1, ndmin=2)
        fx = np.genfromtxt(os.path.join(ref.OUT, c["id"] + ".csv"), delimiter=",", names=True)
        labels = np.atleast_1d(fx["label"]).astype(int)
        h = HDBSCAN(min_cluster_size=int(c["min_cluster_size"]), min_samples=int(c["min_samples"]),
                    metric=c["metric"], algorithm="brute", cluster_selection_method=c["selection"].lower(),
                    allow_single_cluster=False).fit(X)
        theirs = ref.relabel_by_first_row(h.labels_)
        same = theirs == labels
        text = "%-40s binary_diff=%4s sklearn_diff=%4d" % (c["id"], c["binary_diff"], ref.label_diff(theirs, labels))
        if "probability" in fx.dtype.names and same.any():
            text += " max_prob_diff=%.3g" % float(np.max(np.abs(h.probabilities_[same] - fx["probability"][same])))
        print(text)


if __name__ == "__main__":
    main()
