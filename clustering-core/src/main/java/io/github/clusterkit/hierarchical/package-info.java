/**
 * Agglomerative hierarchical clustering with dendrograms: {@link io.github.clusterkit.hierarchical.Agglomerative}
 * (the immutable configuration), {@link io.github.clusterkit.hierarchical.Linkage} (Ward, complete, average,
 * single) and {@link io.github.clusterkit.hierarchical.Dendrogram} (the immutable tree: flat cuts, SciPy's
 * linkage matrix, leaf order, cophenetic correlation).
 *
 * <pre>{@code
 * Dendrogram t = Agglomerative.linkage(Linkage.WARD).fit(data);
 * int[] labels = t.cut(5);                  // exactly 5 clusters
 * int[] byHeight = t.cutAtHeight(2.5);      // every merge of height <= 2.5
 * double[][] z = t.linkageMatrix();         // as scipy.cluster.hierarchy.linkage(X, 'ward')
 * int[] drawOrder = t.leafOrder();          // as scipy.cluster.hierarchy.leaves_list(z)
 * }</pre>
 *
 * <p>Ward's linkage is computed by default from cluster centroids, without a distance matrix (heights within
 * about 1e-13 relative of SciPy's where the trees agree; exact ties, common in integer data, can give another tree,
 * see {@code Agglomerative}); {@code Agglomerative.linkage(Linkage.WARD).wardByCentroids(false)} runs
 * SciPy's matrix algorithm, bit for bit. Complete, average and single linkage equal SciPy's bit for bit.
 */
package io.github.clusterkit.hierarchical;
