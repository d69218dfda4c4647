#!/usr/bin/env python3
"""Writes the hierarchical-clustering fixtures that io.github.clusterkit.hierarchical's tests compare against.

Run it with Debian's python3 and its python3-scipy / python3-sklearn packages (SciPy 1.10.1, NumPy 1.24), from
the repository root, with the shared data folder beside the checkout (../shared/data):

    /usr/bin/python3 tools/hierarchical_reference.py [path/to/shared/data]

For five labelled sets of benchmark/ (jain, flame, aggregation, compound, R15; coordinates parsed with
Python's float(), which rounds exactly as Java's Double.parseDouble) and each case (method, metric) it calls

    Z = scipy.cluster.hierarchy.linkage(X, method=method, metric=metric)
    c = scipy.cluster.hierarchy.cophenet(Z, scipy.spatial.distance.pdist(X, metric))[0]
    leaves = scipy.cluster.hierarchy.leaves_list(Z)
    cut_tree(Z, n_clusters=k)[:, 0]                          for a few k
    fcluster(Z, t, criterion='distance')                     for a few heights t

and writes clustering-core/src/test/resources/fixtures/hierarchical/<set>.txt.gz (gzip keeps the exact
linkage matrices small: about 130 KB for all five sets). Cases: ward, complete,
average and single with 'euclidean'; on flame also complete, average and single with 'cityblock' and
'chebyshev'. The data themselves are not copied (the tests read them from the shared folder).

File format, one block per case:
    case <method> <metric>
    cophenet <c>
    z                              then n-1 lines "left right height size" (height as Python repr)
    leaves <n ints>
    cut <k> <n labels>             cut_tree labels (a partition; numbering is not compared)
    height <t> <n labels>          fcluster(criterion='distance') labels; t is written as repr
    end
The heights t are: the height of the merge that leaves k clusters (inclusive cut: that merge is applied)
and the midpoint between it and the next one, for the same k values.

With --duplicates it writes nothing and prints, for the small sets of duplicated rows that
HierarchicalDuplicatesTest uses, linkage(X, 'ward') and scikit-learn 1.2.1's
AgglomerativeClustering(n_clusters=k, linkage='ward').fit(X).labels_ for every k (for the near-duplicates,
only the linkage matrix).
"""
import gzip
import os
import sys

import numpy as np
import scipy
from scipy.cluster.hierarchy import cophenet, cut_tree, fcluster, leaves_list, linkage
from scipy.spatial.distance import pdist

DUPLICATES = {
    "four": [[0.1]] * 4,
    "five": [[0.1]] * 5,
    "mixed": [[0.1, 0.7], [0.3, 0.2], [0.1, 0.7], [0.9, 0.9], [0.1, 0.7], [0.3, 0.2], [0.1, 0.7], [0.3, 0.2],
              [0.3, 0.2]],
}
# Rows within 3 ulps of 0.1 (UP[k] is 0.1 moved up by k ulps): only the first two rows of Z, the zero merges.
UP = [0.1]
while len(UP) < 4:
    UP.append(float(np.nextafter(UP[-1], 1.0)))
NEAR = [[UP[a], UP[b]] for a, b in [[0, 2], [1, 3], [0, 2], [0, 2], [0, 0], [3, 0], [3, 1], [3, 3], [2, 0]]]

SETS = ["jain", "flame", "aggregation", "compound", "R15"]
OUT = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "hierarchical")


def read(path):
    xs, ys = [], []
    with open(path) as f:
        next(f)
        for line in f:
            line = line.strip()
            if not line:
                continue
            parts = line.split(",")
            xs.append([float(p) for p in parts[:-1]])
            ys.append(int(parts[-1]))
    return np.array(xs, dtype=np.float64), np.array(ys)


def block(out, x, method, metric, ks):
    z = linkage(x, method=method, metric=metric)
    c = cophenet(z, pdist(x, metric))[0]
    n = len(x)
    out.append("case %s %s" % (method, metric))
    out.append("cophenet %r" % float(c))
    out.append("z")
    for row in z:
        out.append("%d %d %r %d" % (int(row[0]), int(row[1]), float(row[2]), int(row[3])))
    out.append("leaves " + " ".join(str(int(v)) for v in leaves_list(z)))
    for k in ks:
        labels = cut_tree(z, n_clusters=k)[:, 0]
        out.append("cut %d %s" % (k, " ".join(str(int(v)) for v in labels)))
    for k in ks[:2]:
        # Merge n-k (0-based) is the last one applied when k clusters remain.
        t = float(z[n - k - 1, 2])
        out.append("height %r %s" % (t, " ".join(str(int(v)) for v in fcluster(z, t, criterion="distance"))))
        t2 = float((z[n - k - 1, 2] + z[n - k, 2]) / 2)
        out.append("height %r %s" % (t2, " ".join(str(int(v)) for v in fcluster(z, t2, criterion="distance"))))
    out.append("end")


def duplicates():
    import sklearn
    from sklearn.cluster import AgglomerativeClustering
    assert sklearn.__version__ == "1.2.1", sklearn.__version__
    for name, rows in DUPLICATES.items():
        x = np.array(rows, dtype=np.float64)
        print(name, "linkage(X, 'ward'):", [[int(r[0]), int(r[1]), float(r[2]), int(r[3])] for r in linkage(x, "ward")])
        for k in range(1, len(x) + 1):
            labels = AgglomerativeClustering(n_clusters=k, linkage="ward").fit(x).labels_
            print("  k = %d labels_: %s" % (k, [int(v) for v in labels]))
    print("near linkage(X, 'ward'):", linkage(np.array(NEAR), "ward").tolist())


def main():
    if sys.argv[1:] == ["--duplicates"]:
        duplicates()
        return
    assert scipy.__version__ == "1.10.1", scipy.__version__
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    os.makedirs(OUT, exist_ok=True)
    for name in SETS:
        x, y = read(os.path.join(root, "benchmark", name + ".csv"))
        k_true = len(set(int(v) for v in y if v >= 0))
        ks = [k_true, 2, min(len(x), 2 * k_true + 1)]
        out = ["# scipy %s: scipy.cluster.hierarchy.linkage on benchmark/%s.csv (n=%d, d=%d); written by"
               " tools/hierarchical_reference.py" % (scipy.__version__, name, len(x), x.shape[1])]
        for method in ["ward", "complete", "average", "single"]:
            block(out, x, method, "euclidean", ks)
        if name == "flame":
            for metric in ["cityblock", "chebyshev"]:
                for method in ["complete", "average", "single"]:
                    block(out, x, method, metric, ks)
        # mtime=0: the same input gives the same bytes.
        with open(os.path.join(OUT, name + ".txt.gz"), "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
                f.write(("\n".join(out) + "\n").encode("ascii"))


if __name__ == "__main__":
    main()
