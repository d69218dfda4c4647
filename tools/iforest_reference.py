#!/usr/bin/env python3
"""Writes the Isolation Forest reference fixtures that IsolationForestReferenceTest (io.github.clusterkit.outlier)
compares against.

Run from the repository root with the shared data folder beside the checkout (../shared/data):

    python3 tools/iforest_reference.py [path/to/shared/data]   (Debian's python3: scikit-learn 1.2.1, numpy 1.24)

1. Exact cases. scikit-learn's random stream cannot be reproduced, so its forests are exported instead: for every
   case, sklearn.ensemble.IsolationForest(n_estimators, max_samples, contamination, random_state).fit(X), then every
   tree's tree_.feature, tree_.threshold, tree_.children_left, tree_.children_right, tree_.n_node_samples
   (concatenated; treeStarts gives the boundaries), max_samples_, offset_, and for the training rows and for new rows
   score_samples, decision_function and predict. The Java test builds a model from those trees
   (IsolationForestModel.fromState) and must reproduce the scores within 1e-12, the threshold -offset_ and predict.
   scikit-learn converts X to float32: every data set here is rounded to float32 first (so its values, written as
   Python's repr of the float64, are the values scikit-learn compares), and the thresholds are float64 values.

   Data sets (exact decimal literals, which Java parses to the same doubles):
     blobs3d   300 rows, 3 columns: make_blobs(285 rows, 3 centres, random_state 1) plus 15 rows uniform in
               [-15, 15]^3 (numpy seed 2)
     dups3d    200 rows drawn from 10 distinct integer rows in [0, 5)^2 plus a constant third column 7 (seed 3):
               duplicates and a column never split on
     small2d   40 rows, 2 columns, normal (seed 4): max_samples "auto" = 40 rows
   New rows: 30 rows uniform over 1.5 times the data's bounding box (seed 5), plus the column minima and maxima.

2. Statistical reference. ROC AUC (label -1 = outlier, the positive class; score = -score_samples) of
   IsolationForest() with the defaults (100 trees, max_samples "auto"), averaged over random_state 0..19, and the
   standard deviation of the 20 values, on:
     cure-t2-4k  ../shared/data/benchmark/cure-t2-4k.csv, 4200 rows, 200 labelled -1 (read by the test itself)
     gauss5d     1050 rows written here: make_blobs(1000 rows, 5 columns, 4 centres, cluster_std 3.5, random_state 6) labelled 0,
                 plus 50 rows uniform in [-12, 12]^5 (seed 7) labelled -1

Output: clustering-core/src/test/resources/fixtures/iforest/<name>-data.csv (no header), cases.txt (blocks of
"key values..." lines separated by blank lines), auc.txt.
"""
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_blobs
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

OUT = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "iforest")


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def write_csv(name, x, labels=None):
    with open(os.path.join(OUT, name + "-data.csv"), "w") as f:
        for i, row in enumerate(x):
            vals = [repr(float(v)) for v in row]
            if labels is not None:
                vals.append(str(int(labels[i])))
            f.write(",".join(vals) + "\n")


def nums(values):
    return " ".join(repr(float(v)) for v in values)


def ints(values):
    return " ".join(str(int(v)) for v in values)


def datasets():
    out = {}
    x, _ = make_blobs(n_samples=285, n_features=3, centers=3, random_state=1)
    noise = np.random.RandomState(2).uniform(-15, 15, size=(15, 3))
    out["blobs3d"] = f32(np.vstack([x, noise]))
    rs = np.random.RandomState(3)
    distinct = rs.randint(0, 5, size=(10, 2))
    rows = distinct[rs.randint(0, 10, size=200)]
    out["dups3d"] = f32(np.hstack([rows, np.full((200, 1), 7.0)]))
    out["small2d"] = f32(np.random.RandomState(4).normal(size=(40, 2)))
    return out


def new_rows(x):
    lo, hi = x.min(axis=0), x.max(axis=0)
    mid, half = (lo + hi) / 2, (hi - lo) / 2 * 1.5
    r = np.random.RandomState(5).uniform(mid - half, mid + half, size=(30, x.shape[1]))
    return f32(np.vstack([r, lo, hi]))


CASES = [
    ("blobs3d", 15, 64, "auto", 0),
    ("blobs3d", 12, 64, 0.1, 1),
    ("dups3d", 10, 64, 0.05, 2),
    ("dups3d", 10, 32, "auto", 3),
    ("small2d", 20, "auto", 0.25, 4),
]


def exact(data):
    blocks = []
    for name, trees, max_samples, contamination, rs in CASES:
        x = data[name]
        forest = IsolationForest(n_estimators=trees, max_samples=max_samples, contamination=contamination,
                                 random_state=rs).fit(x)
        feat, thr, left, right, size, starts = [], [], [], [], [], [0]
        for est in forest.estimators_:
            t = est.tree_
            feat += list(t.feature)
            thr += list(t.threshold)
            left += list(t.children_left)
            right += list(t.children_right)
            size += list(t.n_node_samples)
            starts.append(starts[-1] + t.node_count)
        for fs in forest.estimators_features_:
            assert list(fs) == list(range(x.shape[1]))  # max_features=1.0: every tree sees every column
        new = new_rows(x)
        lines = [
            "dataset " + name,
            "trees " + str(trees),
            "max_samples " + str(max_samples),
            "max_samples_ " + str(forest.max_samples_),
            "contamination " + str(contamination),
            "random_state " + str(rs),
            "offset " + repr(float(forest.offset_)),
            "treeStarts " + ints(starts),
            "feature " + ints(feat),
            "threshold " + nums(thr),
            "left " + ints(left),
            "right " + ints(right),
            "size " + ints(size),
            "train_score_samples " + nums(forest.score_samples(x)),
            "train_decision " + nums(forest.decision_function(x)),
            "train_predict " + ints(forest.predict(x)),
            "new_rows " + nums(new.ravel()),
            "new_score_samples " + nums(forest.score_samples(new)),
            "new_decision " + nums(forest.decision_function(new)),
            "new_predict " + ints(forest.predict(new)),
        ]
        blocks.append("\n".join(lines))
    with open(os.path.join(OUT, "cases.txt"), "w") as f:
        f.write("# tools/iforest_reference.py, scikit-learn " + sklearn.__version__ + ", numpy " + np.__version__
                + "\n\n")
        f.write("\n\n".join(blocks) + "\n")


def auc_stats(x, y):
    pos = (y == -1).astype(int)
    aucs = [roc_auc_score(pos, -IsolationForest(random_state=r).fit(x).score_samples(x)) for r in range(20)]
    return float(np.mean(aucs)), float(np.std(aucs, ddof=1))


def statistical(shared):
    lines = ["# tools/iforest_reference.py: roc_auc_score(y == -1, -IsolationForest(random_state=r).fit(X)"
             ".score_samples(X)) over r = 0..19, scikit-learn " + sklearn.__version__ + "; mean and sample std"]
    x, _ = make_blobs(n_samples=1000, n_features=5, centers=4, cluster_std=3.5, random_state=6)
    noise = np.random.RandomState(7).uniform(-12, 12, size=(50, 5))
    g = np.vstack([x, noise])
    gy = np.concatenate([np.zeros(1000), -np.ones(50)])
    write_csv("gauss5d", g, gy)
    m, s = auc_stats(g, gy)
    lines.append("gauss5d " + repr(m) + " " + repr(s))
    path = os.path.join(shared, "benchmark", "cure-t2-4k.csv")
    raw = np.loadtxt(path, delimiter=",", skiprows=1)
    m, s = auc_stats(raw[:, :2], raw[:, 2])
    lines.append("cure-t2-4k " + repr(m) + " " + repr(s))
    with open(os.path.join(OUT, "auc.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    os.makedirs(OUT, exist_ok=True)
    data = datasets()
    for name, x in data.items():
        write_csv(name, x)
    exact(data)
    statistical(shared)


if __name__ == "__main__":
    main()
