package io.github.clusterkit.kmeans;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.kmeans.internal.Dist;

/**
 * The result of {@link KMeans#fit(Dataset)}: {@code k} centroids, a label per fitted row, the inertia and how
 * the run ended. It assigns new points to the nearest centroid ({@link #predict(double[])}) and gives the
 * distances to every centroid ({@link #transform(double[])}).
 *
 * <p>Labels are {@code 0..k-1}; there is no noise label. A cluster can be empty only in degenerate cases
 * (see {@link KMeans}), never with a zero-vector centroid. Ties in {@code predict} go to the lowest centroid
 * index, as in the fit, so {@code predict} of a fitted row returns its label.
 *
 * <p><b>Thread-safety.</b> Immutable: arrays are copied on the way in and out; safe to share and to query
 * from several threads.
 */
public final class KMeansModel {

  private final double[] centers;
  private final int k;
  private final int d;
  private final int[] labels;
  private final double inertia;
  private final int iterations;
  private final boolean converged;
  private final KMeansAlgorithm algorithm;

  KMeansModel(double[] centers, int k, int d, int[] labels, double inertia, int iterations, boolean converged,
      KMeansAlgorithm algorithm) {
    this.centers = centers.clone();
    this.k = k;
    this.d = d;
    this.labels = labels.clone();
    this.inertia = inertia;
    this.iterations = iterations;
    this.converged = converged;
    this.algorithm = algorithm;
  }

  /** @return the number of clusters {@code k} */
  public int k() {
    return k;
  }

  /** @return the dimension of the data and the centroids */
  public int dimension() {
    return d;
  }

  /** @return a copy of the centroids, {@code k} rows of length {@link #dimension()} */
  public double[][] centroids() {
    double[][] out = new double[k][d];
    for (int j = 0; j < k; j++) {
      System.arraycopy(centers, j * d, out[j], 0, d);
    }
    return out;
  }

  /** @return a copy of the labels of the fitted rows, in row order, each in {@code 0..k-1} */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the number of fitted rows in each cluster (not weighted) */
  public int[] clusterSizes() {
    int[] sizes = new int[k];
    for (int i = 0; i < labels.length; i++) {
      sizes[labels[i]]++;
    }
    return sizes;
  }

  /**
   * @return the inertia of the kept run: the weighted sum over the fitted rows of the squared Euclidean
   *     distance to the assigned centroid (scikit-learn's {@code inertia_}, ELKI's SSE)
   */
  public double inertia() {
    return inertia;
  }

  /** @return the number of Lloyd iterations of the kept run (scikit-learn's {@code n_iter_}) */
  public int iterations() {
    return iterations;
  }

  /**
   * @return whether the kept run stopped because no label changed or the centroid shift fell within the
   *     tolerance, rather than at {@code maxIterations}
   */
  public boolean converged() {
    return converged;
  }

  /** @return the kernel that ran ({@link KMeansAlgorithm#AUTO} resolved) */
  public KMeansAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return the index of the nearest centroid (lowest index on ties)
   * @throws IllegalArgumentException if the point is null, of the wrong length or not finite
   */
  public int predict(double[] point) {
    check(point);
    return nearest(point, 0);
  }

  /**
   * @param data points of dimension {@link #dimension()}
   * @return the index of the nearest centroid for every row
   * @throws IllegalArgumentException if {@code data} is null or of another dimension
   */
  public int[] predict(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.dimension() != d) {
      throw new IllegalArgumentException(
          "data must have dimension " + d + " like the centroids, got " + data.dimension());
    }
    double[] x = DataAccess.values(data);
    int[] out = new int[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = nearest(x, i * d);
    }
    return out;
  }

  /**
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return its Euclidean distance to every centroid, in centroid order (scikit-learn's {@code transform})
   * @throws IllegalArgumentException if the point is null, of the wrong length or not finite
   */
  public double[] transform(double[] point) {
    check(point);
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      out[j] = Math.sqrt(Dist.sq(point, 0, centers, j * d, d));
    }
    return out;
  }

  private int nearest(double[] x, int xo) {
    int best = 0;
    double bd = Dist.sq(x, xo, centers, 0, d);
    for (int j = 1; j < k; j++) {
      double dj = Dist.sq(x, xo, centers, j * d, d);
      if (dj < bd) {
        bd = dj;
        best = j;
      }
    }
    return best;
  }

  private void check(double[] point) {
    if (point == null) {
      throw new IllegalArgumentException("point must not be null");
    }
    if (point.length != d) {
      throw new IllegalArgumentException("point must have length " + d + ", got " + point.length);
    }
    for (int t = 0; t < d; t++) {
      if (!Double.isFinite(point[t])) {
        throw new IllegalArgumentException("point must be finite, got " + point[t] + " at index " + t);
      }
    }
  }

  @Override
  public String toString() {
    return "KMeansModel[k=" + k + ", d=" + d + ", n=" + labels.length + ", inertia=" + inertia
        + ", iterations=" + iterations + ", converged=" + converged + ", algorithm=" + algorithm + "]";
  }
}
