#!/usr/bin/env python3
"""Prints the SciPy values quoted by HierarchicalMutationGapTest (io.github.clusterkit.hierarchical.internal).

Run it with Debian's python3 and its python3-scipy package (SciPy 1.10.1, NumPy 1.24), from anywhere:

    /usr/bin/python3 tools/hierarchical_mutation_reference.py

Case "tie": five points in three dimensions, found by a search over small integer data for an input where Ward's
chain meets an exact tie between a cluster's cached nearest neighbour and a newly merged cluster (the branch
`nd == m && y < j` of CentroidWard.run). It prints scipy.cluster.hierarchy.linkage(X, 'ward') as repr'd floats.
"""
import numpy as np
from scipy.cluster.hierarchy import linkage

TIE = [[6, 5, 1], [3, 0, 3], [1, 2, 3], [2, 1, 3], [2, 2, 2]]

if __name__ == "__main__":
    z = linkage(np.array(TIE, dtype=float), "ward")
    print("tie ward linkage:")
    for row in z.tolist():
        print("  [%s]" % ", ".join(repr(v) for v in row))
