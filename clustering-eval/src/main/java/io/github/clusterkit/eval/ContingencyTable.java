package io.github.clusterkit.eval;

import io.github.clusterkit.eval.internal.Dense;
import io.github.clusterkit.eval.internal.LogFactorial;
import io.github.clusterkit.internal.PairwiseSum;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The contingency table of two labellings of the same points, and the external measures computed from it.
 * Row {@code i} is the {@code i}-th distinct label of {@code truth} (ascending), column {@code j} the
 * {@code j}-th distinct label of {@code predicted}; cell {@code n_ij} counts the points carrying both. The
 * table is stored sparsely (non-zero cells only), so many labels cost no more than {@code O(n)} memory.
 *
 * <p><b>Noise.</b> Labels are arbitrary {@code int}s and {@code -1} is an ordinary label here: the noise of a
 * DBSCAN result forms one group, as in scikit-learn and in ELKI's test F-measure
 * ({@code breakNoiseClusters = false}). To count noise points as singletons instead, give each its own
 * label before building the table.
 *
 * <p><b>Definitions.</b> Where not stated otherwise each measure is scikit-learn 1.2.1's (same special cases)
 * and reproduces it to rounding: {@link #adjustedRandIndex()} (Hubert and Arabie 1985,
 * doi:10.1007/BF01908075), {@link #mutualInformation()}, {@link #normalizedMutualInformation()} and
 * {@link #adjustedMutualInformation()} (Vinh, Epps and Bailey 2010, JMLR 11:2837-2854),
 * {@link #homogeneity()}, {@link #completeness()}, {@link #vMeasure()} (Rosenberg and Hirschberg 2007,
 * EMNLP-CoNLL, aclanthology D07-1043), {@link #fowlkesMallows()} (Fowlkes and Mallows 1983,
 * doi:10.2307/2288117). Entropies and information use natural logarithms.
 *
 * <p>Immutable; arrays returned are copies; safe to share between threads.
 */
public final class ContingencyTable {

  private final int n;
  private final int[] classLabels;
  private final int[] clusterLabels;
  private final int[] classSizes; // a_i, row sums
  private final int[] clusterSizes; // b_j, column sums
  // non-zero cells, sorted by (row, column)
  private final int[] cellRow;
  private final int[] cellColumn;
  private final int[] cellCount;

  private ContingencyTable(int n, int[] classLabels, int[] clusterLabels, int[] classSizes,
      int[] clusterSizes, int[] cellRow, int[] cellColumn, int[] cellCount) {
    this.n = n;
    this.classLabels = classLabels;
    this.clusterLabels = clusterLabels;
    this.classSizes = classSizes;
    this.clusterSizes = clusterSizes;
    this.cellRow = cellRow;
    this.cellColumn = cellColumn;
    this.cellCount = cellCount;
  }

  /**
   * Builds the table in {@code O(n)} (or {@code O(n log n)} when the labels are large or many).
   *
   * @param truth the reference labels, one per point (any {@code int} values)
   * @param predicted the labels to compare, one per point
   * @return the table
   * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
   */
  public static ContingencyTable of(int[] truth, int[] predicted) {
    if (truth == null || predicted == null) {
      throw new IllegalArgumentException("truth and predicted must not be null");
    }
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth and predicted must have the same length, got "
          + truth.length + " and " + predicted.length);
    }
    if (truth.length == 0) {
      throw new IllegalArgumentException("truth and predicted must hold at least one label, got 0");
    }
    int n = truth.length;
    int[] u = new int[n];
    int[] v = new int[n];
    int[] classLabels = Dense.encode(truth, u, false);
    int[] clusterLabels = Dense.encode(predicted, v, false);
    int r = classLabels.length;
    int c = clusterLabels.length;
    int[] a = new int[r];
    int[] b = new int[c];
    for (int i = 0; i < n; i++) {
      a[u[i]]++;
      b[v[i]]++;
    }
    int[] cellRow;
    int[] cellColumn;
    int[] cellCount;
    if ((long) r * c <= Math.max(1L << 16, 4L * n)) {
      int[] dense = new int[r * c];
      for (int i = 0; i < n; i++) {
        dense[u[i] * c + v[i]]++;
      }
      int nz = 0;
      for (int x : dense) {
        if (x != 0) {
          nz++;
        }
      }
      cellRow = new int[nz];
      cellColumn = new int[nz];
      cellCount = new int[nz];
      for (int idx = 0, t = 0; idx < dense.length; idx++) {
        if (dense[idx] != 0) {
          cellRow[t] = idx / c;
          cellColumn[t] = idx % c;
          cellCount[t] = dense[idx];
          t++;
        }
      }
    } else {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = (long) u[i] * c + v[i];
      }
      Arrays.sort(keys);
      int nz = 0;
      for (int i = 0; i < n; i++) {
        if (i == 0 || keys[i] != keys[i - 1]) {
          nz++;
        }
      }
      cellRow = new int[nz];
      cellColumn = new int[nz];
      cellCount = new int[nz];
      int t = -1;
      for (int i = 0; i < n; i++) {
        if (i == 0 || keys[i] != keys[i - 1]) {
          t++;
          cellRow[t] = (int) (keys[i] / c);
          cellColumn[t] = (int) (keys[i] % c);
        }
        cellCount[t]++;
      }
    }
    return new ContingencyTable(n, classLabels, clusterLabels, a, b, cellRow, cellColumn, cellCount);
  }

  /** @return the number of points */
  public int size() {
    return n;
  }

  /** @return the distinct labels of {@code truth}, ascending (the rows) */
  public int[] classLabels() {
    return classLabels.clone();
  }

  /** @return the distinct labels of {@code predicted}, ascending (the columns) */
  public int[] clusterLabels() {
    return clusterLabels.clone();
  }

  /** @return the number of points of each class (row sums) */
  public int[] classSizes() {
    return classSizes.clone();
  }

  /** @return the number of points of each cluster (column sums) */
  public int[] clusterSizes() {
    return clusterSizes.clone();
  }

  /**
   * @param row a row index in {@code [0, classLabels().length)}
   * @param column a column index in {@code [0, clusterLabels().length)}
   * @return the number of points in both
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public int count(int row, int column) {
    java.util.Objects.checkIndex(row, classSizes.length);
    java.util.Objects.checkIndex(column, clusterSizes.length);
    int lo = 0;
    int hi = cellRow.length - 1;
    long key = (long) row * clusterSizes.length + column;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long k = (long) cellRow[mid] * clusterSizes.length + cellColumn[mid];
      if (k < key) {
        lo = mid + 1;
      } else if (k > key) {
        hi = mid - 1;
      } else {
        return cellCount[mid];
      }
    }
    return 0;
  }

  /** @return the table as a dense {@code classes x clusters} array (a new array; beware of its size) */
  public int[][] toArray() {
    int[][] out = new int[classSizes.length][clusterSizes.length];
    for (int t = 0; t < cellRow.length; t++) {
      out[cellRow[t]][cellColumn[t]] = cellCount[t];
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------------
  // Pair counting.

  /**
   * Pair counts over unordered pairs of distinct points, the usual definition (scikit-learn's
   * {@code pair_confusion_matrix}, halved).
   *
   * @return the pair counts
   */
  public PairCounting pairCounting() {
    return pairCounting(false);
  }

  /**
   * Pair counts, optionally over ordered pairs with self-pairs included: ELKI's
   * {@code ClusterContingencyTable(selfPairing = true, breakNoiseClusters = false)}, which its tests use
   * for the F-measure {@code 2 sum n_ij^2 / (sum a_i^2 + sum b_j^2)}.
   *
   * @param selfPairs whether each point also pairs with itself (ELKI's figures)
   * @return the pair counts
   */
  public PairCounting pairCounting(boolean selfPairs) {
    long both = 0;
    for (int t = 0; t < cellCount.length; t++) {
      both += pairs(cellCount[t], selfPairs);
    }
    long inTruth = 0;
    for (int a : classSizes) {
      inTruth += pairs(a, selfPairs);
    }
    long inPredicted = 0;
    for (int b : clusterSizes) {
      inPredicted += pairs(b, selfPairs);
    }
    long total = pairs(n, selfPairs);
    if (!selfPairs) {
      both /= 2;
      inTruth /= 2;
      inPredicted /= 2;
      total /= 2;
    }
    return new PairCounting(both, inTruth - both, inPredicted - both,
        total - inTruth - inPredicted + both, selfPairs);
  }

  private static long pairs(long size, boolean self) {
    return size * (self ? size : size - 1);
  }

  /**
   * The adjusted Rand index, {@code (RI - E[RI]) / (max RI - E[RI])} under the permutation model; 1 for
   * identical partitions, about 0 for independent ones, possibly negative. Computed in exact integer
   * arithmetic. As scikit-learn: 1.0 when no pair is split by one labelling and joined by the other (for
   * instance a single point, or both labellings putting every point alone).
   *
   * @return the adjusted Rand index, in {@code [-1/2, 1]}: the lower bound is tight (Chacon and Rastrojo 2023,
   *     "Minimum adjusted Rand index for two clusterings of a given size", Advances in Data Analysis and
   *     Classification)
   */
  public double adjustedRandIndex() {
    return pairCounting(false).adjustedRandIndex();
  }

  /** @return the Rand index, the fraction of unordered pairs on which both labellings agree (1.0 if none) */
  public double randIndex() {
    return pairCounting(false).randIndex();
  }

  /**
   * Fowlkes-Mallows index, the geometric mean of pair precision and recall: {@code TP / sqrt((TP + FP)(TP +
   * FN))}, 0 when no pair is joined by both labellings.
   *
   * @return the index, in {@code [0, 1]}
   */
  public double fowlkesMallows() {
    long sumSq = 0;
    for (int t = 0; t < cellCount.length; t++) {
      sumSq += (long) cellCount[t] * cellCount[t];
    }
    long pk = -n;
    for (int b : clusterSizes) {
      pk += (long) b * b;
    }
    long qk = -n;
    for (int a : classSizes) {
      qk += (long) a * a;
    }
    long tk = sumSq - n;
    return tk != 0 ? Math.sqrt((double) tk / pk) * Math.sqrt((double) tk / qk) : 0.0;
  }

  // ------------------------------------------------------------------------------------------------------
  // Information-theoretic measures.

  /** @return the entropy {@code H(U)} of the truth labelling, in nats (0 for one class) */
  public double classEntropy() {
    return entropy(classSizes, n);
  }

  /** @return the entropy {@code H(V)} of the predicted labelling, in nats (0 for one cluster) */
  public double clusterEntropy() {
    return entropy(clusterSizes, n);
  }

  private static double entropy(int[] sizes, int n) {
    if (sizes.length == 1) {
      return 0.0;
    }
    double logN = Math.log(n);
    double[] terms = new double[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      terms[i] = (sizes[i] / (double) n) * (Math.log(sizes[i]) - logN);
    }
    return -PairwiseSum.sum(terms, terms.length);
  }

  /**
   * The mutual information {@code I(U; V)} in nats, {@code sum_ij (n_ij / n) ln(n n_ij / (a_i b_j))}; 0 when
   * either labelling has a single label. As scikit-learn, terms below machine epsilon in magnitude are
   * dropped and the sum is clipped at 0. The terms are added in scikit-learn's order (by cluster, then by class) and
   * as numpy adds them (pairwise), so the rounding error grows with the logarithm of the number of cells, and the
   * result equals scikit-learn's wherever the logarithms agree to the last bit.
   *
   * @return the mutual information, {@code >= 0}
   */
  public double mutualInformation() {
    if (classSizes.length == 1 || clusterSizes.length == 1) {
      return 0.0;
    }
    // scikit-learn's order: cells by cluster, then by class (scipy's find), summed as numpy sums
    int cells = cellCount.length;
    int[] start = new int[clusterSizes.length + 1];
    for (int t = 0; t < cells; t++) {
      start[cellColumn[t] + 1]++;
    }
    for (int j = 0; j < clusterSizes.length; j++) {
      start[j + 1] += start[j];
    }
    double logN = Math.log(n);
    double[] terms = new double[cells];
    for (int t = 0; t < cells; t++) {
      double nij = cellCount[t];
      double p = nij / n;
      double outer = (double) ((long) classSizes[cellRow[t]] * clusterSizes[cellColumn[t]]);
      double term = p * (Math.log(nij) - logN) + p * (-Math.log(outer) + logN + logN);
      terms[start[cellColumn[t]]++] = Math.abs(term) >= Math.ulp(1.0) ? term : 0.0;
    }
    return Math.max(PairwiseSum.sum(terms, cells), 0.0);
  }

  /**
   * Normalised mutual information with the arithmetic mean of the entropies (scikit-learn's default).
   *
   * @return {@code I(U; V) / mean(H(U), H(V))}, in {@code [0, 1]} up to one rounding (identical partitions can give
   *     {@code 1.0000000000000002}, as in scikit-learn 1.2.1); 1.0 when both labellings have a single label, 0.0
   *     when the mutual information is 0
   */
  public double normalizedMutualInformation() {
    return normalizedMutualInformation(EntropyMean.ARITHMETIC);
  }

  /**
   * @param mean how the two entropies are combined
   * @return {@code I(U; V) / mean(H(U), H(V))} with the special cases of
   *     {@link #normalizedMutualInformation()}
   * @throws IllegalArgumentException if {@code mean} is null
   */
  public double normalizedMutualInformation(EntropyMean mean) {
    if (mean == null) {
      throw new IllegalArgumentException("mean must not be null");
    }
    if (classSizes.length == 1 && clusterSizes.length == 1) {
      return 1.0;
    }
    double mi = mutualInformation();
    if (mi == 0) {
      return 0.0;
    }
    return mi / mean.of(classEntropy(), clusterEntropy());
  }

  /**
   * The expected mutual information of two random labellings with the same label sizes (the
   * hypergeometric model of Vinh, Epps and Bailey 2010), summed exactly over every feasible cell count.
   * Cost: {@code O(sum_ij min(a_i, b_j))}.
   *
   * @return the expected mutual information in nats; 0 when either labelling has a single label
   */
  public double expectedMutualInformation() {
    int r = classSizes.length;
    int c = clusterSizes.length;
    if (r == 1 || c == 1) {
      return 0.0;
    }
    int maxSize = 0;
    for (int a : classSizes) {
      maxSize = Math.max(maxSize, a);
    }
    for (int b : clusterSizes) {
      maxSize = Math.max(maxSize, b);
    }
    LogFactorial lf = new LogFactorial(n);
    double bigN = n;
    double logN = Math.log(bigN);
    double[] logNij = new double[maxSize + 1];
    for (int v = 1; v <= maxSize; v++) {
      logNij[v] = logN + Math.log(v);
    }
    double glnN = lf.get(n);
    double emi = 0;
    for (int i = 0; i < r; i++) {
      int a = classSizes[i];
      double logA = Math.log(a);
      double glnA = lf.get(a);
      double glnNa = lf.get(n - a);
      for (int j = 0; j < c; j++) {
        int b = clusterSizes[j];
        double logB = Math.log(b);
        double glnB = lf.get(b);
        double glnNb = lf.get(n - b);
        int lo = Math.max(1, a + b - n);
        int hi = Math.min(a, b);
        for (int nij = lo; nij <= hi; nij++) {
          double term2 = logNij[nij] - logA - logB;
          double gln = glnA + glnB + glnNa + glnNb - glnN - lf.get(nij) - lf.get(a - nij) - lf.get(b - nij)
              - lf.get(n - a - b + nij);
          emi += (nij / bigN) * term2 * Math.exp(gln);
        }
      }
    }
    return emi;
  }

  /**
   * Adjusted mutual information with the arithmetic mean of the entropies (scikit-learn's default).
   *
   * @return {@code (I - E[I]) / (mean(H(U), H(V)) - E[I])}; 1 for identical partitions, about 0 for
   *     independent ones; 1.0 when both labellings have a single label. When every point is alone in both
   *     labellings, {@code I = E[I] = H} and the value is {@code 0 / 0}: as scikit-learn, whatever rounding
   *     leaves (0.0 for two points)
   */
  public double adjustedMutualInformation() {
    return adjustedMutualInformation(EntropyMean.ARITHMETIC);
  }

  /**
   * @param mean how the two entropies are combined
   * @return the adjusted mutual information; as scikit-learn, a denominator smaller than machine epsilon
   *     in magnitude is replaced by epsilon with its sign. With {@link EntropyMean#MIN}, when one labelling puts
   *     every point alone, {@code I = E[I] = min(H(U), H(V))} and the value is {@code 0 / 0} too: rounding
   *     leftovers over epsilon, meaningless (1.0 here and 2.0 in scikit-learn 1.2.1 for ids 0 to 4 against
   *     {@code [0, 0, 1, 1, 1]}); compare against such labellings with another mean
   * @throws IllegalArgumentException if {@code mean} is null
   */
  public double adjustedMutualInformation(EntropyMean mean) {
    if (mean == null) {
      throw new IllegalArgumentException("mean must not be null");
    }
    if (classSizes.length == 1 && clusterSizes.length == 1) {
      return 1.0;
    }
    double mi = mutualInformation();
    double emi = expectedMutualInformation();
    double normalizer = mean.of(classEntropy(), clusterEntropy());
    double denominator = normalizer - emi;
    double eps = Math.ulp(1.0);
    if (denominator < 0) {
      denominator = Math.min(denominator, -eps);
    } else {
      denominator = Math.max(denominator, eps);
    }
    return (mi - emi) / denominator;
  }

  /**
   * Homogeneity: {@code I(U; V) / H(U)}, 1 when every cluster holds points of one class only (1.0 when
   * there is a single class), up to one rounding as {@link #normalizedMutualInformation()}.
   *
   * @return the homogeneity, in {@code [0, 1]}
   */
  public double homogeneity() {
    double h = classEntropy();
    return h != 0 ? mutualInformation() / h : 1.0;
  }

  /**
   * Completeness: {@code I(U; V) / H(V)}, 1 when every class lies in one cluster (1.0 when there is a single
   * cluster), up to one rounding as {@link #normalizedMutualInformation()}.
   *
   * @return the completeness, in {@code [0, 1]}
   */
  public double completeness() {
    double h = clusterEntropy();
    return h != 0 ? mutualInformation() / h : 1.0;
  }

  /** @return the V-measure, the harmonic mean of {@link #homogeneity()} and {@link #completeness()} */
  public double vMeasure() {
    return vMeasure(1.0);
  }

  /**
   * @param beta weight of completeness relative to homogeneity, {@code > 0}
   * @return {@code (1 + beta) h c / (beta h + c)}, 0 when both are 0
   * @throws IllegalArgumentException if {@code beta} is not positive and finite
   */
  public double vMeasure(double beta) {
    if (!(beta > 0 && beta < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("beta must be > 0 and finite, got " + beta);
    }
    double h = homogeneity();
    double c = completeness();
    return h + c == 0 ? 0.0 : (1 + beta) * h * c / (beta * h + c);
  }

  /**
   * Purity of the predicted clusters: {@code sum_j max_i n_ij / n}, the fraction of points that belong to
   * the majority class of their cluster (Manning, Raghavan and Schütze 2008, Introduction to Information
   * Retrieval, section 16.3). Not symmetric; 1 when every point is its own cluster.
   *
   * @return the purity, in {@code (0, 1]}
   */
  public double purity() {
    int[] best = new int[clusterSizes.length];
    for (int t = 0; t < cellCount.length; t++) {
      int j = cellColumn[t];
      if (cellCount[t] > best[j]) {
        best[j] = cellCount[t];
      }
    }
    long sum = 0;
    for (int b : best) {
      sum += b;
    }
    return sum / (double) n;
  }

  static double ratio(BigInteger num, BigInteger den) {
    return num.doubleValue() / den.doubleValue();
  }

  @Override
  public String toString() {
    return "ContingencyTable[" + n + " points, " + classSizes.length + " classes x " + clusterSizes.length
        + " clusters, " + cellCount.length + " non-zero cells]";
  }
}
