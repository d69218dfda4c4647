#!/usr/bin/env python3
"""Reference segment profile for clustering-eval's SegmentProfileTest (a numpy group-by, independent of the Java).

Run with Debian's python3 (numpy; scikit-learn 1.2.1 is not needed), from the repository root:

    /usr/bin/python3 tools/segment_profile_reference.py ../shared/data/Mall_Customers.csv

It reads the Kaggle "Mall Customer Segmentation Data" file (columns Gender, Age, Annual Income (k$),
Spending Score (1-100); CustomerID is left out), labels every customer by a fixed rule that the test repeats:

    noise (-1)  if CustomerID % 13 == 0
    0           if income < 40
    1           if income < 70 and spending < 50
    2           if income < 70
    3           if spending >= 50
    4           otherwise

and writes, per segment (0..4, then -1) and per feature (the numeric columns, then Gender=Female and
Gender=Male), the segment's size, the segment mean (numpy mean over the group; for a category the share), the
overall mean and population standard deviation (numpy std, ddof=0), the z-score (segment mean - overall mean) /
overall sd, and the segment's name by the rule documented in SegmentProfile (threshold 0.5, re-implemented here)
to clustering-eval/src/test/resources/fixtures/eval/mall_segment_profile.csv.
"""
import csv
import os
import re
import sys

import numpy as np

NUMERIC = ["Age", "Annual Income (k$)", "Spending Score (1-100)"]
THRESHOLD = 0.5


def label(cid, income, spending):
    if cid % 13 == 0:
        return -1
    if income < 40:
        return 0
    if income < 70:
        return 1 if spending < 50 else 2
    return 3 if spending >= 50 else 4


def pretty(column):
    s = re.sub(r"\s*\([^)]*\)\s*$", "", column).strip() or column
    if "_" in s or s == s.upper() or s == s.lower():
        return " ".join(w[0].upper() + w[1:].lower() for w in re.split(r"[_\s]+", s) if w)
    return s


def name(features, display, is_level, mean, z, words):
    order = sorted(range(len(features)), key=lambda j: (-abs(z[j]), j))
    chosen = []
    for j in order:
        if len(chosen) == words or not abs(z[j]) >= THRESHOLD:
            break
        if not is_level[j] or z[j] > 0:
            chosen.append(j)
    parts = []
    for j in sorted(chosen):
        if is_level[j]:
            parts.append(("Mostly " if mean[j] >= 0.5 else "More ") + display[j])
        else:
            parts.append(("High " if z[j] > 0 else "Low ") + display[j])
    return ", ".join(parts) if parts else "Average"


def main(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    labels = np.array([label(int(r["CustomerID"]), float(r["Annual Income (k$)"]),
                             float(r["Spending Score (1-100)"])) for r in rows])
    cols = [np.array([float(r[c]) for r in rows]) for c in NUMERIC]
    features = list(NUMERIC)
    display = [pretty(c) for c in NUMERIC]
    is_level = [False] * len(NUMERIC)
    gender = np.array([r["Gender"] for r in rows])
    for lev in sorted(set(gender)):
        cols.append((gender == lev).astype(float))
        features.append("Gender=" + lev)
        display.append(pretty(lev))
        is_level.append(True)
    segments = [0, 1, 2, 3, 4, -1]
    overall_mean = [c.mean() for c in cols]
    overall_sd = [c.std() for c in cols]
    means, zs, names = {}, {}, {}
    for s in segments:
        member = labels == s
        means[s] = [c[member].mean() for c in cols]
        zs[s] = [(m - om) / sd for m, om, sd in zip(means[s], overall_mean, overall_sd)]
    for s in segments:
        names[s] = "Outliers (noise)" if s == -1 else name(features, display, is_level, means[s], zs[s], 2)
    # equal names: the later segment gets a third feature, then a repeated name a number, in segment order
    for i, s in enumerate(segments):
        if s != -1 and any(names[s] == names[t] for t in segments[:i]):
            names[s] = name(features, display, is_level, means[s], zs[s], 3)
    seen = {}
    for s in segments:
        seen[names[s]] = seen.get(names[s], 0) + 1
        if seen[names[s]] > 1:
            names[s] = "%s (%d)" % (names[s], seen[names[s]])
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clustering-eval", "src", "test",
                       "resources", "fixtures", "eval", "mall_segment_profile.csv")
    with open(out, "w", newline="") as f:
        f.write("# numpy %s group-by of Mall_Customers.csv, labels by the rule in tools/segment_profile_reference.py\n"
                % np.__version__)
        f.write("segment,size,feature,mean,overall_mean,overall_sd,z,name (last: it may hold commas)\n")
        for s in segments:
            for j, feat in enumerate(features):
                f.write("%d,%d,%s,%r,%r,%r,%r,%s\n" % (s, int((labels == s).sum()), feat, float(means[s][j]),
                                                        float(overall_mean[j]), float(overall_sd[j]),
                                                        float(zs[s][j]), names[s]))
    print("wrote", out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/Mall_Customers.csv")
