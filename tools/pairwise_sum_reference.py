#!/usr/bin/env python3
"""Writes the numpy sums that clustering-core's PairwiseSumTest expects bit for bit.

Run it with Debian's python3 (numpy 1.24) from the repository root:

    /usr/bin/python3 tools/pairwise_sum_reference.py

scikit-learn takes its means and sums with numpy (np.mean of the silhouette samples, mi.sum() in
mutual_info_score, np.sum in entropy, np.mean of LocalOutlierFactor's reachability distances). numpy sums a
contiguous float64 array pairwise in blocks of 8192; the test checks that clustering-core's internal.PairwiseSum
rounds the same way. The values are exact functions of the index, so that Java and Python build the same doubles:
h = (i * 2654435761) mod 2^32, value = (h - 2^31) / D[i % 5] with D = (1, 7, 1000, 3e5, 0.001) (an exact integer divided once, rounded once in both languages).

Writes clustering-core/src/test/resources/fixtures/internal/pairwise_sums.csv: length, numpy.sum of the first
`length` values (repr, round-trips exactly), and the plain left-to-right sum for comparison.
"""
import numpy as np

D = (1.0, 7.0, 1000.0, 3e5, 0.001)
LENGTHS = (0, 1, 2, 7, 8, 9, 15, 16, 17, 127, 128, 129, 130, 136, 255, 256, 257, 1000, 4095, 8191, 8192, 8193,
           16384, 20000, 100001)


def values(n):
    return np.array([(((i * 2654435761) % 2**32) - 2**31) / D[i % 5] for i in range(n)], dtype=np.float64)


def main():
    a = values(max(LENGTHS))
    differ = 0
    with open("clustering-core/src/test/resources/fixtures/internal/pairwise_sums.csv", "w") as f:
        f.write("# numpy %s: length,numpy.sum,left-to-right sum (tools/pairwise_sum_reference.py)\n" % np.__version__)
        for n in LENGTHS:
            s = float(np.sum(a[:n]))
            plain = 0.0
            for x in a[:n]:
                plain += float(x)
            differ += s != plain
            f.write("%d,%r,%r\n" % (n, s, plain))
    print("wrote", len(LENGTHS), "sums;", differ, "differ from the left-to-right sum")


if __name__ == "__main__":
    main()
