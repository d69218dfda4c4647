#!/usr/bin/env python3
"""Prints the SciPy values quoted by HierarchicalMutationGapTest (io.github.clusterkit.hierarchical.internal).

Run it with Debian's python3 and its python3-scipy package (SciPy 1.10.1, NumPy 1.24), from anywhere:

    /usr/bin/python3 tools/hierarchical_mutation_reference.py

Case "tie": five points in three dimensions, found by a search over small integer data for an input where Ward's
chain meets an exact tie between a cluster's cached nearest neighbour and a newly merged cluster (the branch
`nd == m && y < j` of CentroidWard.run). It prints scipy.cluster.hierarchy.linkage(X, 'ward') as repr'd floats.

Case "bounds": eleven points in three dimensions (small integers; a generator's case found by a search) on which the
cached chain with blocks of two slots needs the block bounds that a Ward merge lowers across blocks
(CachedNnChain.update). It prints linkage(X, 'ward'), which the matrix chain reproduces bit for bit.
"""
import numpy as np
from scipy.cluster.hierarchy import linkage

TIE = [[6, 5, 1], [3, 0, 3], [1, 2, 3], [2, 1, 3], [2, 2, 2]]
BOUNDS = [[6, -9, 2], [-4, 2, 2], [2, 2, -8], [-8, 0, -1], [0, 3, -1], [-1, -4, -2], [-5, -6, 1], [3, -1, -10],
          [-2, 0, -6], [-6, 1, -8], [-1, 1, 4]]

if __name__ == "__main__":
    for name, x in (("tie", TIE), ("bounds", BOUNDS)):
        z = linkage(np.array(x, dtype=float), "ward")
        print(name, "ward linkage:")
        for row in z.tolist():
            print("  [%s]" % ", ".join(repr(v) for v in row))
