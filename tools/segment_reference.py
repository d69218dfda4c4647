#!/usr/bin/env python3
"""Reference segments for clustering-examples' SegmentCommand tests.

Run with Debian's python3 (the one with python3-sklearn, scikit-learn 1.2.1), from the repository root:

    /usr/bin/python3 tools/segment_reference.py ../shared/data/Mall_Customers.csv

It reads the Kaggle "Mall Customer Segmentation Data" file, standardises the two columns
"Annual Income (k$)" and "Spending Score (1-100)" with StandardScaler, runs
KMeans(n_clusters=5, n_init=10, random_state=0) and writes, one row per segment sorted by size and then by
mean income, the segment's size and its mean income and spending score (in the original units) to
clustering-examples/src/test/resources/fixtures/segment/mall_kmeans5.csv.
"""
import csv
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

COLUMNS = ["Annual Income (k$)", "Spending Score (1-100)"]


def main(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[c]) for c in COLUMNS] for r in rows])
    z = StandardScaler().fit_transform(x)
    km = KMeans(n_clusters=5, n_init=10, random_state=0).fit(z)
    segments = []
    for c in range(5):
        member = km.labels_ == c
        segments.append((int(member.sum()), float(x[member, 0].mean()), float(x[member, 1].mean())))
    segments.sort()
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clustering-examples", "src", "test",
                       "resources", "fixtures", "segment", "mall_kmeans5.csv")
    with open(out, "w", newline="") as f:
        f.write("# scikit-learn %s: StandardScaler on %s, then KMeans(n_clusters=5, n_init=10, random_state=0);\n"
                % (sklearn.__version__, " and ".join(COLUMNS)))
        f.write("# inertia %.10g; one row per segment, sorted by size then mean income\n" % km.inertia_)
        f.write("size,mean_income,mean_spending_score\n")
        for s in segments:
            f.write("%d,%.17g,%.17g\n" % s)
    print(open(out).read())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data", "Mall_Customers.csv"))
