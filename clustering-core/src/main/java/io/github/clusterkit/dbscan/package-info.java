/**
 * DBSCAN, density-based clustering with noise: {@link io.github.clusterkit.dbscan.Dbscan} (the immutable
 * configuration), {@link io.github.clusterkit.dbscan.DbscanModel} (the immutable result, which can assign
 * new points), {@link io.github.clusterkit.dbscan.Assignment} and
 * {@link io.github.clusterkit.dbscan.KDistance} (the k-distance plot and its knee, for choosing eps).
 *
 * <pre>{@code
 * KDistance kd = KDistance.of(data, 10);                       // 10 = the minPts you intend to use
 * DbscanModel m = Dbscan.eps(kd.knee()).minPts(10).fit(data);
 * int[] labels = m.labels();                                   // -1 = noise
 * int label = m.predict(new double[] {0.1, 0.2});
 * }</pre>
 *
 * <p>The knee is 0 only when every k-distance is 0 ({@code k = 1}, or every row one of at least {@code k} copies
 * of a point; see {@link io.github.clusterkit.dbscan.KDistance}); {@code Dbscan.eps(0)} then fails with a clear
 * message, as no eps can be read from such a plot.
 */
package io.github.clusterkit.dbscan;
