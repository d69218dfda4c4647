#!/usr/bin/env python3
"""Compares the HDBSCAN* fixtures written by tools/hdbscan_reference.py with scikit-learn's HDBSCAN (1.3 or later).

Not part of the fixture generation: scikit-learn 1.2.1, the project's reference version, has no HDBSCAN. Run it
from the repository root with a Python that has scikit-learn >= 1.3, for example a virtual environment created
with --system-site-packages (so it keeps numpy 1.24 / SciPy 1.10) and `pip install --no-deps scikit-learn==1.6.1`:

    python tools/hdbscan_sklearn_crosscheck.py [path/to/shared/data]

For every case of cases.csv (written by hdbscan_reference.py) and of options-cases.csv (written by
hdbscan_options_reference.py) it runs HDBSCAN(min_cluster_size, min_samples, metric, algorithm='brute',
cluster_selection_method, allow_single_cluster, cluster_selection_epsilon; False and 0.0 for cases.csv) and
prints the number of rows whose label (renumbered by smallest row) differs from the fixture up to a renaming of
the clusters (hdbscan_reference.label_diff), and the largest probability difference over the rows whose
renumbered label agrees.
scikit-learn processes equal-weight MST edges one at a time (a binary tree) while the specification removes
them all at once, so the two agree exactly only where no tie matters; compare with the fixture's binary_diff.
Cases whose fixture holds labels only report the label difference alone.
own_tree_diff applies the project's selection rules (hdbscan_options_reference.select_options and outputs) to
scikit-learn's own condensed tree (its binary single-linkage tree condensed by its _condense_tree) and counts the
rows whose label differs from scikit-learn's labels (exact numbering after renumbering by smallest row):
it isolates differences of the selection and labelling rules from differences of the tree.
"""
import csv
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import HDBSCAN

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hdbscan_options_reference as opt  # noqa: E402
import hdbscan_reference as ref  # noqa: E402
from sklearn.cluster._hdbscan._tree import _condense_tree  # noqa: E402


def tree_of(condensed, n):
    """scikit-learn's condensed tree (binary splits; cluster ids n, n+1, ... with parents before children) as a
    hdbscan_reference.Tree, so that the options statement can be applied to scikit-learn's own tree."""
    t = ref.Tree(n)
    ids = {n: 0}
    for parent, child, value, size in condensed.tolist():
        if child >= n:
            ids[child] = t.new_cluster(ids[parent], value, size)
    deaths = [0.0] * len(t.parent)
    for parent, child, value, size in condensed.tolist():
        deaths[ids[parent]] = max(deaths[ids[parent]], value)
        if child < n:
            t.row_lambda[child] = value
            t.row_parent[child] = ids[parent]
    t.death = deaths
    return t


def check(root, cases_file, prefix):
    with open(os.path.join(ref.OUT, cases_file)) as f:
        cases = list(csv.DictReader(line for line in f if not line.startswith("#")))
    agree = 0
    own_agree = 0
    for c in cases:
        data = c["data"]
        if data.startswith("benchmark/"):
            X = ref.read_benchmark(root, data)
        elif data.startswith("elki/"):
            X = ref.read_elki(root, data)
        else:
            X = np.loadtxt(os.path.join(ref.OUT, data), delimiter=",", skiprows=1, ndmin=2)
        fx = np.genfromtxt(os.path.join(ref.OUT, prefix + c["id"] + ".csv"), delimiter=",", names=True)
        labels = np.atleast_1d(fx["label"]).astype(int)
        allow = c.get("allow_single_cluster", "false") == "true"
        eps = float(c.get("cluster_selection_epsilon", "0.0"))
        h = HDBSCAN(min_cluster_size=int(c["min_cluster_size"]), min_samples=int(c["min_samples"]),
                    metric=c["metric"], algorithm="brute", cluster_selection_method=c["selection"].lower(),
                    allow_single_cluster=allow, cluster_selection_epsilon=eps).fit(X)
        theirs = ref.relabel_by_first_row(h.labels_)
        same = theirs == labels
        diff = ref.label_diff(theirs, labels)
        agree += diff == 0
        # the options statement applied to scikit-learn's own (binary) condensed tree: differences there come
        # from the selection rules, not from the tree
        t = tree_of(_condense_tree(h._single_linkage_tree_, int(c["min_cluster_size"])), len(X))
        stab = ref.stabilities(t)
        sel, _ = opt.select_options(t, stab, c["selection"], allow, eps)
        own, own_prob = opt.outputs(t, stab, sel, eps)[:2]
        own_diff = int((ref.relabel_by_first_row(own) != theirs).sum())
        own_agree += own_diff == 0
        text = "%-52s binary_diff=%4s sklearn_diff=%4d own_tree_diff=%4d own_tree_prob_diff=%.3g" % (
            c["id"], c["binary_diff"], diff, own_diff, float(np.max(np.abs(own_prob - h.probabilities_))))
        if "probability" in fx.dtype.names and same.any():
            text += " max_prob_diff=%.3g" % float(np.max(np.abs(h.probabilities_[same] - fx["probability"][same])))
        print(text, flush=True)
    print("%s: %d of %d cases agree label for label; on scikit-learn's own tree %d of %d"
          % (cases_file, agree, len(cases), own_agree, len(cases)))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    print("scikit-learn", sklearn.__version__)
    check(root, "cases.csv", "")
    check(root, "options-cases.csv", "options-")


if __name__ == "__main__":
    main()
