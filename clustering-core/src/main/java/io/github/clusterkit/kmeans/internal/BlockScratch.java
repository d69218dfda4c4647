package io.github.clusterkit.kmeans.internal;

/**
 * Work arrays of a pass that computes every distance by blocks of rows in columns ({@link Assigner#nearestByBlock}):
 * one set per calling thread ({@link PerThread}), sized for a block of {@link Columns#blockRows(int)} rows and
 * {@code k} centroids (the distances of the block to every centroid: at most {@code 1024 * 256} doubles, 2 MiB).
 * Used by Lloyd's passes and Elkan's first pass.
 */
final class BlockScratch {
  /** The block's columns when no column copy holds them. */
  final double[][] cols;
  /** The block's rows, copied whole before they are spread into {@link #cols}. */
  final double[] rowBuf;
  /** Accumulators of the column kernels. */
  final double[][] acc;
  /** Per centroid, the block's squared distances to it. */
  final double[][] dist;
  /** Per row, the nearest squared distance. */
  final double[] bd;
  /** Per row, the nearest centroid's index (as a double). */
  final double[] bestD;

  BlockScratch(int d, int k) {
    int bl = Columns.blockRows(d);
    cols = new double[d][bl];
    rowBuf = new double[Columns.rowBufferLength(d)];
    acc = new double[8][bl];
    dist = new double[k][bl];
    bd = new double[bl];
    bestD = new double[bl];
  }
}
