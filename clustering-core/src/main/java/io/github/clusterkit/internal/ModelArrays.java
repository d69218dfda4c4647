package io.github.clusterkit.internal;

import java.util.Arrays;

/**
 * The copies a fitted model hands out, shared by the models of K-Means, K-Medoids and HDBSCAN*: a flat row-major
 * array as one array per row, and the cluster sizes of a labelling; and the null check of every model's
 * {@code State} constructor. Not API.
 */
public final class ModelArrays {

  private ModelArrays() {}

  /**
   * The null check of a model state's constructor.
   *
   * @param value a field's value
   * @param owner the model's class name, e.g. {@code "KMeansModel"}
   * @param name the field's name
   * @param <T> its type
   * @return {@code value}
   * @throws IllegalArgumentException "{@code owner} state: {@code name} must not be null" if it is null
   */
  public static <T> T stateField(T value, String owner, String name) {
    if (value == null) {
      throw new IllegalArgumentException(owner + " state: " + name + " must not be null");
    }
    return value;
  }

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
