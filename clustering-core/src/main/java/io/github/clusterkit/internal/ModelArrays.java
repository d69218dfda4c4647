package io.github.clusterkit.internal;

import java.util.Arrays;

/**
 * The copies a fitted model hands out, shared by the models of K-Means, K-Medoids and HDBSCAN*: a flat row-major
 * array as one array per row, and the cluster sizes of a labelling. Not API.
 */
public final class ModelArrays {

  private ModelArrays() {}

  /**
   * @param flat row-major values, at least {@code count * dim} long (not modified)
   * @param count the number of rows
   * @param dim the length of a row
   * @return a copy of the first {@code count} rows, one new array each
   */
  public static double[][] rows(double[] flat, int count, int dim) {
    double[][] out = new double[count][];
    for (int i = 0; i < count; i++) {
      out[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
    }
    return out;
  }

  /**
   * @param labels labels, each in {@code 0..k-1} (not modified)
   * @param k the number of clusters
   * @return the number of labels equal to each cluster number, a new array of length {@code k}
   */
  public static int[] clusterSizes(int[] labels, int k) {
    int[] sizes = new int[k];
    for (int i = 0; i < labels.length; i++) {
      sizes[labels[i]]++;
    }
    return sizes;
  }
}
