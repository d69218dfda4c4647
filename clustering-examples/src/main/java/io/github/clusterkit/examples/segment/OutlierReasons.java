package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.Dataset;
import java.util.List;

/**
 * Why a customer stands out: the features in which it differs most from its segment, measured where the clustering
 * measured it, in the model's input space (numbers scaled, categories one-hot). Each model column is traced back to
 * the feature it came from (the feature's own name, or {@code feature=level} for a one-hot column), and each
 * feature's share is the sum of its columns' squared differences between the customer's row and the mean row of its
 * segment (of all rows for DBSCAN noise, label {@code -1}). For K-Means the shares add up to the squared distance
 * from the centroid by which outliers are ranked, so the first feature named is the largest part of that distance; a
 * customer with ordinary numbers but a category that is rare in its segment is explained by that category.
 */
final class OutlierReasons {

  private OutlierReasons() {}

  /**
   * The feature each model column came from.
   *
   * @param outputColumns the pipeline's output columns
   * @param features the feature names (the pipeline's input columns)
   * @return per output column the index of its feature in {@code features}, {@code -1} if none matches
   */
  static int[] sources(List<String> outputColumns, List<String> features) {
    int[] src = new int[outputColumns.size()];
    for (int c = 0; c < src.length; c++) {
      String name = outputColumns.get(c);
      int best = features.indexOf(name);
      int bestLen = -1;
      if (best < 0) {
        for (int f = 0; f < features.size(); f++) {
          String feature = features.get(f);
          // the longest prefix wins: "a=b=c" comes from "a=b" when both "a" and "a=b" are features
          if (feature.length() > bestLen && name.startsWith(feature + "=")) {
            best = f;
            bestLen = feature.length();
          }
        }
      }
      src[c] = best;
    }
    return src;
  }

  /**
   * Per feature, the squared difference between row {@code row} and the mean row of its segment, summed over the
   * feature's model columns.
   *
   * @param x the model input, one row per customer
   * @param sources {@link #sources} of {@code x}'s columns
   * @param featureCount number of features
   * @param labels segment per row, {@code -1} for noise (compared with all rows)
   * @param row the customer
   * @return the shares, one per feature
   */
  static double[] shares(Dataset x, int[] sources, int featureCount, int[] labels, int row) {
    int n = x.size();
    int d = x.dimension();
    int label = labels[row];
    double[] mean = new double[d];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (label < 0 || labels[i] == label) {
        for (int c = 0; c < d; c++) {
          mean[c] += x.get(i, c);
        }
        count++;
      }
    }
    double[] share = new double[featureCount];
    for (int c = 0; c < d; c++) {
      if (sources[c] >= 0) {
        double t = x.get(row, c) - mean[c] / count;
        share[sources[c]] += t * t;
      }
    }
    return share;
  }

  /**
   * The indices of the {@code m} largest shares, largest first (ties to the lower index); zero shares are left out.
   *
   * @param share the shares
   * @param m how many at most
   * @return their indices
   */
  static int[] largest(double[] share, int m) {
    boolean[] taken = new boolean[share.length];
    int[] out = new int[Math.min(m, share.length)];
    int found = 0;
    for (; found < out.length; found++) {
      int best = -1;
      for (int f = 0; f < share.length; f++) {
        if (!taken[f] && share[f] > 0 && (best < 0 || share[f] > share[best])) {
          best = f;
        }
      }
      if (best < 0) {
        break;
      }
      taken[best] = true;
      out[found] = best;
    }
    return java.util.Arrays.copyOf(out, found);
  }
}
