package io.github.clusterkit.data;

import io.github.clusterkit.internal.Rng;

/**
 * Seeded synthetic datasets for tests, benchmarks and demonstrations.
 *
 * <p><b>Determinism.</b> Every generator draws from clusterkit's own SplitMix64 generator (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014, doi:10.1145/2660193.2660195) and Marsaglia's
 * polar method for normal variates (Marsaglia and Bray, "A convenient method for generating normal variables",
 * SIAM Review 6(3), 1964, doi:10.1137/1006063), both fully specified in this library, and the logarithm, cosine and
 * sine of {@link StrictMath} (fdlibm's, specified to the bit, where {@link Math}'s may differ in the last bit between
 * JVMs), so the same arguments and seed give bit-for-bit the same data on every JDK, platform and run. Rows are shuffled with the same generator,
 * so clusters and noise are interleaved.
 *
 * <p>All methods are static, stateless and thread-safe. Arguments are validated with
 * {@link IllegalArgumentException} naming the parameter and value.
 */
public final class Generators {

  private Generators() {}

  /**
   * Isotropic Gaussian blobs plus uniform noise, the data of the peers' published benchmarks: {@code k}
   * centres uniform in {@code [-10, 10]^d}, {@code round(n * noiseFraction)} noise points ({@link Math#round(double)},
   * so a half rounds up: 2 of 3 points at {@code 0.5}) uniform in the centres' bounding box widened by
   * {@code 3 std} on every side (label {@code -1}), and the other {@code n - round(n * noiseFraction)} points split
   * as evenly as possible between the centres with standard deviation {@code std} per coordinate.
   *
   * @param n number of points, {@code >= 1}
   * @param d dimension, {@code >= 1}
   * @param k number of blobs, {@code >= 1}, with {@code k * d} at most {@link Dataset#MAX_VALUES}; it may
   *     exceed {@code n} (then only the first {@code n} blobs get points)
   * @param std standard deviation, in {@code [0, 1e300]} (larger ones would overflow)
   * @param noiseFraction share of uniform noise points, in {@code [0, 1]}
   * @param seed the seed
   * @return the points and their blob labels
   */
  public static LabeledDataset blobs(int n, int d, int k, double std, double noiseFraction, long seed) {
    positive("n", n);
    positive("d", d);
    positive("k", k);
    spread("std", std);
    if (!(noiseFraction >= 0 && noiseFraction <= 1)) {
      throw new IllegalArgumentException("noiseFraction must be in [0, 1], got " + noiseFraction);
    }
    fits(n, d);
    if ((long) k * d > Dataset.MAX_VALUES) {
      throw new IllegalArgumentException(
          "k * d must be at most " + Dataset.MAX_VALUES + ", got " + k + " * " + d);
    }
    int noise = (int) Math.round(n * noiseFraction);
    int clustered = n - noise;
    // Every centre is drawn (the noise box and the rest of the stream depend on all of them), but only those that
    // get points are kept: k may exceed n, and k * d values need not fit in memory.
    int kept = Math.min(k, clustered);
    Rng rng = new Rng(seed);
    double[] centres = new double[kept * d];
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        double v = rng.uniform(-10, 10);
        if (c < kept) {
          centres[c * d + j] = v;
        }
        lo[j] = Math.min(lo[j], v - 3 * std);
        hi[j] = Math.max(hi[j], v + 3 * std);
      }
    }
    double[] x = new double[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < clustered; i++) {
      int c = i % k;
      labels[i] = c;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = centres[c * d + j] + std * rng.nextGaussian();
      }
    }
    for (int i = clustered; i < n; i++) {
      labels[i] = -1;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = rng.uniform(lo[j], hi[j]);
      }
    }
    return shuffled(x, labels, n, d, rng);
  }

  /**
   * Two interleaving half circles (as scikit-learn's {@code make_moons}): the upper moon centred at (0, 0)
   * with radius 1, the lower at (1, 0.5), each point perturbed by Gaussian noise of standard deviation
   * {@code noise}. Labels 0 (upper, {@code ceil(n / 2)} points, evenly spaced in angle from 0 to pi) and 1
   * (lower, {@code floor(n / 2)} points); scikit-learn gives the odd point to the other moon.
   *
   * @param n number of points, {@code >= 2}
   * @param noise standard deviation of the perturbation, in {@code [0, 1e300]}
   * @param seed the seed
   * @return two moons in two dimensions
   */
  public static LabeledDataset moons(int n, double noise, long seed) {
    atLeast("n", n, 2);
    fits(n, 2);
    spread("noise", noise);
    Rng rng = new Rng(seed);
    int upper = (n + 1) / 2;
    double[] x = new double[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double t;
      double px;
      double py;
      if (i < upper) {
        t = upper == 1 ? 0 : Math.PI * i / (upper - 1);
        px = StrictMath.cos(t);
        py = StrictMath.sin(t);
      } else {
        int m = n - upper;
        t = m == 1 ? 0 : Math.PI * (i - upper) / (m - 1);
        px = 1 - StrictMath.cos(t);
        py = 0.5 - StrictMath.sin(t);
        labels[i] = 1;
      }
      x[2 * i] = px + noise * rng.nextGaussian();
      x[2 * i + 1] = py + noise * rng.nextGaussian();
    }
    return shuffled(x, labels, n, 2, rng);
  }

  /**
   * Two concentric circles (as scikit-learn's {@code make_circles}): the outer of radius 1 (label 0), the
   * inner of radius {@code factor} (label 1), perturbed by Gaussian noise. The outer circle has
   * {@code ceil(n / 2)} points, evenly spaced in angle from 0 (scikit-learn gives the odd point to the inner
   * circle).
   *
   * @param n number of points, {@code >= 2}
   * @param factor inner radius relative to the outer, in {@code (0, 1)}
   * @param noise standard deviation of the perturbation, in {@code [0, 1e300]}
   * @param seed the seed
   * @return two circles in two dimensions
   */
  public static LabeledDataset circles(int n, double factor, double noise, long seed) {
    atLeast("n", n, 2);
    fits(n, 2);
    if (!(factor > 0 && factor < 1)) {
      throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
    }
    spread("noise", noise);
    Rng rng = new Rng(seed);
    int outer = (n + 1) / 2;
    double[] x = new double[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      boolean isOuter = i < outer;
      int m = isOuter ? outer : n - outer;
      int pos = isOuter ? i : i - outer;
      double t = 2 * Math.PI * pos / m;
      double r = isOuter ? 1 : factor;
      labels[i] = isOuter ? 0 : 1;
      x[2 * i] = r * StrictMath.cos(t) + noise * rng.nextGaussian();
      x[2 * i + 1] = r * StrictMath.sin(t) + noise * rng.nextGaussian();
    }
    return shuffled(x, labels, n, 2, rng);
  }

  /**
   * Anisotropic blobs: {@link #blobs} in two dimensions (no noise, standard deviation 1), then sheared by
   * the linear map {@code [[0.6, -0.6], [-0.4, 0.8]]} applied as {@code x M} (rounded from scikit-learn's k-means
   * assumptions example, whose matrix is {@code [[0.60834549, -0.63667341], [-0.40887718, 0.85253229]]}), which
   * makes the clusters elongated and tilted: hard for K-Means, easy for full-covariance mixtures.
   *
   * @param n number of points, {@code >= 1}
   * @param k number of blobs, {@code >= 1}, with {@code 2 * k} at most {@link Dataset#MAX_VALUES}; it may
   *     exceed {@code n} (then only the first {@code n} blobs get points)
   * @param seed the seed
   * @return sheared blobs in two dimensions
   */
  public static LabeledDataset anisotropicBlobs(int n, int k, long seed) {
    LabeledDataset base = blobs(n, 2, k, 1.0, 0.0, seed);
    double[] x = base.data().toArray();
    for (int i = 0; i < n; i++) {
      double a = x[2 * i];
      double b = x[2 * i + 1];
      x[2 * i] = 0.6 * a - 0.4 * b;
      x[2 * i + 1] = -0.6 * a + 0.8 * b;
    }
    return new LabeledDataset(Dataset.wrap(x, n, 2), base.labels());
  }

  /**
   * Data with many exact duplicates: {@code distinct} points uniform in {@code [0, 1)^d}, then {@code n}
   * rows, each a copy of one of them (label = which one): one copy of every point, so that exactly
   * {@code distinct} different rows occur, and the remaining {@code n - distinct} rows copies of points
   * chosen uniformly. Stresses ties and degenerate splits in neighbour search and clustering.
   *
   * @param n number of rows, {@code >= 1}
   * @param d dimension, {@code >= 1}
   * @param distinct number of distinct points, in {@code [1, n]}
   * @param seed the seed
   * @return rows with heavy duplication
   */
  public static LabeledDataset duplicates(int n, int d, int distinct, long seed) {
    positive("n", n);
    positive("d", d);
    if (distinct < 1 || distinct > n) {
      throw new IllegalArgumentException("distinct must be in [1, n = " + n + "], got " + distinct);
    }
    fits(n, d);
    Rng rng = new Rng(seed);
    double[] base = new double[distinct * d];
    for (int i = 0; i < base.length; i++) {
      base[i] = rng.nextDouble();
    }
    double[] x = new double[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i < distinct ? i : rng.nextInt(distinct);
      labels[i] = c;
      System.arraycopy(base, c * d, x, i * d, d);
    }
    return shuffled(x, labels, n, d, rng);
  }

  private static LabeledDataset shuffled(double[] x, int[] labels, int n, int d, Rng rng) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    rng.shuffle(perm);
    double[] y = new double[n * d];
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, perm[i] * d, y, i * d, d);
      l[i] = labels[perm[i]];
    }
    return new LabeledDataset(Dataset.wrap(y, n, d), l);
  }

  /** A dataset holds at most Dataset.MAX_VALUES values (Java's array limit). */
  private static void fits(int n, int d) {
    if ((long) n * d > Dataset.MAX_VALUES) {
      throw new IllegalArgumentException(
          "n * d must be at most " + Dataset.MAX_VALUES + ", got " + n + " * " + d);
    }
  }

  private static void positive(String name, int v) {
    atLeast(name, v, 1);
  }

  private static void atLeast(String name, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
    }
  }

  /**
   * A standard deviation of the generated points: at most {@link #MAX_SPREAD}, so that no coordinate overflows
   * (a Gaussian draw of the generator stays below 40 in magnitude).
   */
  private static void spread(String name, double v) {
    if (!(v >= 0 && v <= MAX_SPREAD)) {
      throw new IllegalArgumentException(name + " must be in [0, 1e300], got " + v);
    }
  }

  /** The largest standard deviation a generator takes. */
  private static final double MAX_SPREAD = 1e300;
}
