package io.github.clusterkit.examples;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.dbscan.KDistance;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The library's demonstration: customer segments and outliers with DBSCAN, eps chosen by the k-distance
 * knee.
 *
 * <p>It generates customers with two features (annual spend in dollars and store visits per month) drawn
 * from three segments plus a few unusual customers, standardises the features (DBSCAN's eps is one radius
 * for all features, so they must share a scale), reads eps off the knee of the sorted 10-distance plot,
 * runs DBSCAN with minPts 10 and prints the segments and the outliers. Deterministic: the same output on
 * every run.
 */
public final class Demo {

  /** minPts, and the k of the k-distance plot. */
  static final int MIN_PTS = 10;

  private Demo() {}

  /**
   * Runs the demonstration on standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the demonstration.
   *
   * @param out where to print
   * @return the fitted model
   */
  static DbscanModel run(PrintStream out) {
    double[][] customers = customers(2024);
    int n = customers.length;
    double[][] stats = columnStats(customers);
    double[][] z = new double[n][];
    for (int i = 0; i < n; i++) {
      z[i] = scale(customers[i], stats);
    }
    Dataset scaled = Dataset.of(z);

    KDistance kd = KDistance.of(scaled, MIN_PTS);
    double eps = kd.knee();
    DbscanModel model = Dbscan.eps(eps).minPts(MIN_PTS).fit(scaled);

    out.printf(Locale.ROOT, "clusterkit demo: DBSCAN on %d generated customers (annual spend, visits per month)%n",
        n);
    out.printf(Locale.ROOT, "eps from the knee of the sorted %d-distance plot: %.3f (standardised units)%n",
        MIN_PTS, eps);
    out.printf(Locale.ROOT, "DBSCAN(eps=%.3f, minPts=%d): %d segments, %d outliers, %d core customers%n%n",
        eps, MIN_PTS, model.clusterCount(), model.noiseCount(), model.coreCount());

    int[] labels = model.labels();
    int[] sizes = model.clusterSizes();
    for (int c = 0; c < model.clusterCount(); c++) {
      double spend = 0;
      double visits = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] == c) {
          spend += customers[i][0];
          visits += customers[i][1];
        }
      }
      out.printf(Locale.ROOT, "segment %d: %4d customers, mean spend $%,8.0f a year, %5.1f visits a month%n",
          c, sizes[c], spend / sizes[c], visits / sizes[c]);
    }
    out.printf(Locale.ROOT, "%noutliers (%d):%n", model.noiseCount());
    int shown = 0;
    for (int i = 0; i < n && shown < 12; i++) {
      if (labels[i] < 0) {
        out.printf(Locale.ROOT, "  customer %4d: spend $%,8.0f a year, %5.1f visits a month%n", i,
            customers[i][0], customers[i][1]);
        shown++;
      }
    }
    if (model.noiseCount() > shown) {
      out.printf(Locale.ROOT, "  ... and %d more%n", model.noiseCount() - shown);
    }

    double[] newcomer = {1150, 6.5};
    int segment = model.predict(scale(newcomer, stats));
    out.printf(Locale.ROOT, "%na new customer spending $%,.0f with %.1f visits a month joins segment %d%n",
        newcomer[0], newcomer[1], segment);
    return model;
  }

  /**
   * Three segments (occasional shoppers, regulars, loyal big spenders) and 2% unusual customers.
   *
   * @param seed the seed
   * @return rows of (annual spend in dollars, visits per month)
   */
  static double[][] customers(long seed) {
    SplitMix rng = new SplitMix(seed);
    int[] counts = {900, 700, 360};
    double[][] mean = {{400, 2}, {1200, 6}, {3200, 11}};
    double[][] sd = {{90, 0.5}, {160, 0.9}, {300, 1.4}};
    int outliers = 40;
    int n = counts[0] + counts[1] + counts[2] + outliers;
    double[][] x = new double[n][];
    int i = 0;
    for (int s = 0; s < counts.length; s++) {
      for (int c = 0; c < counts[s]; c++) {
        double spend = Math.max(0, mean[s][0] + sd[s][0] * rng.gaussian());
        double visits = Math.max(0, mean[s][1] + sd[s][1] * rng.gaussian());
        x[i++] = new double[] {Math.rint(spend), Math.rint(visits * 10) / 10};
      }
    }
    for (int c = 0; c < outliers; c++) {
      x[i++] = new double[] {Math.rint(6000 * rng.uniform()), Math.rint(250 * rng.uniform()) / 10};
    }
    // shuffle so that segments and outliers are interleaved
    for (int j = n - 1; j > 0; j--) {
      int k = (int) (rng.uniform() * (j + 1));
      double[] t = x[j];
      x[j] = x[k];
      x[k] = t;
    }
    return x;
  }

  /** Mean and standard deviation of each column: {@code {means, sds}}. */
  static double[][] columnStats(double[][] x) {
    int d = x[0].length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int j = 0; j < d; j++) {
      for (double[] r : x) {
        mean[j] += r[j];
      }
      mean[j] /= x.length;
      for (double[] r : x) {
        sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
      sd[j] = Math.sqrt(sd[j] / x.length);
    }
    return new double[][] {mean, sd};
  }

  /** A point in z-score units. */
  static double[] scale(double[] p, double[][] stats) {
    double[] out = new double[p.length];
    for (int j = 0; j < p.length; j++) {
      out[j] = (p[j] - stats[0][j]) / stats[1][j];
    }
    return out;
  }

  /** SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a small seeded generator for the example data. */
  static final class SplitMix {
    private long state;

    SplitMix(long seed) {
      state = seed;
    }

    double uniform() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z ^= z >>> 31;
      return (z >>> 11) * 0x1.0p-53;
    }

    double gaussian() {
      // Box-Muller
      double u = 1 - uniform();
      double v = uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  }
}
