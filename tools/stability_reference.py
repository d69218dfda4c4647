#!/usr/bin/env python3
"""Reference cluster-wise bootstrap stabilities for clustering-eval's ClusterStabilityReferenceTest.

Run from the repository root with Debian's python3 (numpy 1.24, scikit-learn 1.2.1):

    python3 tools/stability_reference.py

Hennig's (2007, doi:10.1016/j.csda.2006.11.025) cluster-wise stability is re-implemented here from the paper and the
description of R's fpc::clusterboot: the data are clustered; for each of B resamples the resampled rows are clustered
with the same method and k, and each original cluster C, restricted to the resample's rows, gets the largest Jaccard
coefficient |C* & D| / |C* | D| over the resample's clusters D (0/0 = 0, the maximum starting at 0), counting
positions of the resample (a row drawn twice counts twice). Per cluster: the mean over the B resamples, the count of
coefficients <= 0.5 (dissolved) and > 0.75 (recovered).

Resamples are drawn with clusterkit's generator, ported below (io.github.clusterkit.internal.Rng), in the documented
order: resample b uses Rng.split(seed, b);
  BOOTSTRAP                  n draws next_int(n), each row kept once in order of its first draw (multipleboot=FALSE)
  BOOTSTRAP_WITH_DUPLICATES  the n draws as they are
  SUBSET                     the first m of a partial Fisher-Yates shuffle of 0..n-1 (j + next_int(n - j)), m = n // 2
The clusterer on both sides is Ward: scikit-learn's AgglomerativeClustering(n_clusters=k, linkage="ward") here,
Clusterer.ward() in Java (the same partitions on continuous data, where no merges tie). The original clusters are
numbered in order of their smallest row, as Java's Dendrogram.cut numbers them.

Data: gap_blobs.csv (written by tools/gap_reference.py: three Gaussian blobs of 20 rows). Output:
clustering-eval/src/test/resources/fixtures/eval/stability_reference.txt, one block per case:
  case <resampling> k <k> seed <s> B <b>
  rows0 <the rows of resample 0>
  labels <original labels>
  jaccard <cluster> <B values>       one line per cluster
  mean / dissolved / recovered <one value per cluster>
"""
import os

import numpy as np
from sklearn.cluster import AgglomerativeClustering

OUT = os.path.join("clustering-eval", "src", "test", "resources", "fixtures", "eval")
MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def _mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class Rng:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + GOLDEN) & MASK
        return _mix(self.state)

    def next_int(self, bound):
        m = (self.next_long() >> 32) * bound
        low = m & 0xFFFFFFFF
        if low < bound:
            t = ((1 << 32) - bound) % bound
            while low < t:
                m = (self.next_long() >> 32) * bound
                low = m & 0xFFFFFFFF
        return m >> 32

    @staticmethod
    def split(seed, stream):
        return Rng(_mix((seed & MASK) ^ _mix((stream * GOLDEN + 0x632BE59BD9B4E019) & MASK)))


def rows(n, scheme, seed, b):
    rng = Rng.split(seed, b)
    if scheme == "SUBSET":
        idx = list(range(n))
        for j in range(n // 2):
            r = j + rng.next_int(n - j)
            idx[j], idx[r] = idx[r], idx[j]
        return idx[:n // 2]
    draws = [rng.next_int(n) for _ in range(n)]
    if scheme == "BOOTSTRAP_WITH_DUPLICATES":
        return draws
    seen, out = set(), []
    for r in draws:
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out


def ward(x, k):
    return AgglomerativeClustering(n_clusters=k, linkage="ward").fit(x).labels_


def by_first_row(labels):
    order, out = {}, []
    for l in labels:
        order.setdefault(l, len(order))
        out.append(order[l])
    return np.array(out)


def jaccard(a, b):
    inter = int(np.sum(a & b))
    union = int(np.sum(a)) + int(np.sum(b)) - inter
    return 0.0 if union == 0 else inter / union


def case(x, scheme, k, seed, b):
    n = len(x)
    original = by_first_row(ward(x, k))
    kk = original.max() + 1
    gam = np.zeros((kk, b))
    first = None
    for s in range(b):
        r = rows(n, scheme, seed, s)
        if first is None:
            first = r
        lab = ward(x[r], k)
        orig_r = original[r]
        for j in range(kk):
            best = 0.0
            for c in range(lab.max() + 1):
                g = jaccard(orig_r == j, lab == c)
                if g > best:
                    best = g
            gam[j, s] = best
    lines = ["case %s k %d seed %d B %d" % (scheme, k, seed, b),
             "rows0 " + " ".join(str(v) for v in first),
             "labels " + " ".join(str(v) for v in original)]
    for j in range(kk):
        lines.append("jaccard %d " % j + " ".join(repr(float(v)) for v in gam[j]))
    lines.append("mean " + " ".join(repr(float(v)) for v in gam.mean(axis=1)))
    lines.append("dissolved " + " ".join(str(int(v)) for v in (gam <= 0.5).sum(axis=1)))
    lines.append("recovered " + " ".join(str(int(v)) for v in (gam > 0.75).sum(axis=1)))
    print(scheme, k, "mean", np.round(gam.mean(axis=1), 3))
    return "\n".join(lines)


def main():
    x = np.loadtxt(os.path.join(OUT, "gap_blobs.csv"), delimiter=",")
    blocks = [case(x, s, k, 11, 20) for k in (3, 4)
              for s in ("BOOTSTRAP", "BOOTSTRAP_WITH_DUPLICATES", "SUBSET")]
    with open(os.path.join(OUT, "stability_reference.txt"), "w") as f:
        f.write("# generated by tools/stability_reference.py (numpy %s, scikit-learn 1.2.1)\n" % np.__version__)
        f.write("\n\n".join(blocks) + "\n")


if __name__ == "__main__":
    main()
