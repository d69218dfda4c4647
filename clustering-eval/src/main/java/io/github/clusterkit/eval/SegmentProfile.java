package io.github.clusterkit.eval;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.internal.ReadableNames;
import io.github.clusterkit.internal.Scale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The profile of a segmentation: what each segment of a table's rows looks like in the table's own columns, and
 * a short name for it. This is the group-by behind "cluster it, profile and name the segments".
 *
 * <pre>{@code
 * SegmentProfile p = SegmentProfile.of(customers.drop("CUST_ID"), labels); // as read, ids dropped; -1 is noise
 * int[] sizes = p.sizes();                                     // aligned with p.segments()
 * double[] z = p.zScores(0);                                   // segment 0, aligned with p.features()
 * String name = p.name(0, 0.5);                                // "High Annual Income, Low Spending Score"
 * }</pre>
 *
 * <p><b>Segments.</b> Segments are numbered {@code 0..k-1} by their label, as every clusterer of the library
 * numbers them; {@link #segments()} lists them in that order, followed by {@code -1} when some row carries the
 * noise label {@code -1} (DBSCAN's noise): noise is profiled as a group of its own, never mixed into a segment,
 * and is always named {@code "Outliers (noise)"}. {@link #of(Table, int[])} takes {@code k} as the largest label
 * plus one; {@link #of(Table, int[], int)} takes it from the model, so that a segment no row belongs to (a mixture
 * component that wins no row) is kept. A segment in {@code 0..k-1} no row carries is empty: size 0, every mean
 * {@code NaN}, every z-score 0. Methods taking a {@code segment} take its label ({@code -1} for noise).
 *
 * <p><b>Features.</b> Every numeric column of the table is a feature, and so is every category of every
 * categorical column, named {@code column=category} (categories in {@link String#compareTo} order), in column
 * order. A numeric feature's mean skips missing cells ({@code NaN}); a category's mean is its share of the
 * non-missing cells of its column. {@link #missingCounts(int)} counts the skipped cells of each feature (for a
 * category, the missing cells of its column). Pass the original table (as read, before imputation, logs or
 * scaling) so that the means are in the units a reader knows, without its identifier columns
 * ({@link Table#drop(String...)}): the mall's {@code CustomerID} read as numbers names segments
 * {@code "High CustomerID"}, and read as text it makes every customer a category of its own
 * ({@code "More CustomerID 197"}; 8,950 features on the 8,950 credit-card customers).
 *
 * <p><b>z-scores.</b> A segment's z-score for a feature is {@code (segment mean - overall mean) / overall
 * standard deviation}, with the population standard deviation over all non-missing cells of all rows, noise
 * included (for a category {@code sqrt(p (1 - p))} with {@code p} its overall share). Where this is undefined
 * the z-score is 0, never {@code NaN}, so that such a feature never names a segment: a constant feature (standard
 * deviation 0: the segment mean equals the overall mean), a column missing in every row (overall mean and
 * standard deviation {@code NaN}), and a segment with no non-missing cell of the feature (its mean is
 * {@code NaN}). {@link #means(int)} tells these cases apart. A column whose non-missing cells are all equal is
 * constant exactly: its means are that value and its standard deviation 0 (rounding never makes a sum over copies
 * of {@code 0.1} look like a spread), and a segment of copies of one value has that value as its mean.
 *
 * <p><b>Range.</b> Every finite value is supported, up to {@link Double#MAX_VALUE} and down to the subnormals. A
 * numeric column whose largest magnitude lies outside {@code [2^-200, 2^201)} (about {@code 6e-61} to
 * {@code 3e60}; beyond about {@code 1e154} or below about {@code 1e-162} squared deviations overflow or underflow,
 * beyond about {@code 1e308 / n} sums do) is multiplied by a power of two that brings that magnitude to
 * {@code [2^200, 2^201)}, one column at a time, before its statistics are computed; this is exact, means and
 * standard deviations are scaled back exactly and z-scores do not depend on the scale, so the results, names
 * included, are those of arithmetic with an unbounded exponent range (a mean or standard deviation below the
 * smallest normal double, about {@code 2.2e-308}, is rounded like any such double). Columns inside that range are
 * not scaled, so their results are unchanged by it. As for the library's other scaling, values smaller than their
 * column's largest magnitude by a factor above about {@code 2^1222} (about {@code 1e368}) lose low bits, or all of
 * them, in the scaling.
 *
 * <p><b>Names.</b> {@link #name(int, double)} names a segment after its (at most) two most distinctive features:
 * those with the largest {@code |z|}, at least the threshold (0.5 reads well), ties to the earlier feature, listed
 * in column order, {@code "High "} or {@code "Low "} before a numeric column's readable name ({@code "High Annual
 * Income, Low Spending Score"}; a trailing unit in parentheses is dropped, {@code UPPER_CASE} and
 * {@code snake_case} names are title-cased). A category counts only where it is over-represented ({@code z > 0}):
 * {@code "Mostly Online"} when its share in the segment is at least one half, {@code "More Online"} otherwise (a
 * category without a letter reads {@code "Region 3"}; a category name that categories of other columns share reads
 * with its column: {@code "Mostly Email No"}, not {@code "Mostly No"}). A segment with no such feature is
 * {@code "Average"}. When
 * two segments get the same name the later one is named after three features, and a name still repeated gets
 * {@code " (2)"}, {@code " (3)"}, ... in segment order.
 *
 * <p><b>Edge cases.</b> {@code IllegalArgumentException}, naming the parameter, rule and value, for a null or
 * empty (zero-row) table, null labels, labels whose length is not the row count, a label below {@code -1} or not
 * below the segment count, a segment count outside {@code [0, rowCount]}, a {@code segment} that is not in
 * {@link #segments()}, a column that is not categorical, and a name threshold that is not positive and finite.
 *
 * <p><b>Copies and thread-safety.</b> The labels are copied in (the caller's array is never kept or changed) and
 * every array is copied out. Immutable, hence safe to share between threads; the result does not depend on the
 * thread.
 */
public final class SegmentProfile {

  private static final String NOISE_NAME = "Outliers (noise)";

  private final int segmentCount;
  private final boolean hasNoise;
  private final List<String> features;
  private final String[] displayNames;
  private final boolean[] isLevel;
  private final Map<String, Integer> firstLevel;
  private final Map<String, List<String>> levels;
  private final double[] allMean;
  private final double[] allSd;
  private final int[] sizes;
  private final double[][] means;
  private final double[][] z;
  private final int[][] missing;

  private SegmentProfile(int segmentCount, boolean hasNoise, List<String> features, String[] displayNames,
      boolean[] isLevel, Map<String, Integer> firstLevel, Map<String, List<String>> levels, double[] allMean,
      double[] allSd, int[] sizes, double[][] means, double[][] z, int[][] missing) {
    this.segmentCount = segmentCount;
    this.hasNoise = hasNoise;
    this.features = features;
    this.displayNames = displayNames;
    this.isLevel = isLevel;
    this.firstLevel = firstLevel;
    this.levels = levels;
    this.allMean = allMean;
    this.allSd = allSd;
    this.sizes = sizes;
    this.means = means;
    this.z = z;
    this.missing = missing;
  }

  /**
   * Profiles the segments {@code 0..k-1} with {@code k} the largest label plus one (0 when every row is noise).
   *
   * @param original the table as read (missing cells allowed), at least one row
   * @param labels one segment label per row, {@code -1} for noise
   * @return the profile
   * @throws IllegalArgumentException if an argument breaks a rule in the class description; here a label must
   *     also be below the row count (segments are numbered from 0, at most one per row)
   */
  public static SegmentProfile of(Table original, int[] labels) {
    checkTable(original);
    checkLabelArray(labels, original.rowCount());
    int n = original.rowCount();
    int max = -1;
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      if (l < -1) {
        throw new IllegalArgumentException("labels[" + i + "]: must be >= -1 (-1 is noise), got " + l);
      }
      if (l >= n) {
        throw new IllegalArgumentException("labels[" + i + "]: must be < the row count " + n
            + " (segments are numbered from 0, at most one per row), got " + l);
      }
      max = Math.max(max, l);
    }
    return build(original, labels.clone(), max + 1);
  }

  /**
   * Profiles the segments {@code 0..segmentCount-1}; a segment no row carries is kept, empty.
   *
   * @param original the table as read (missing cells allowed), at least one row
   * @param labels one segment label per row, in {@code [-1, segmentCount)}, {@code -1} for noise
   * @param segmentCount the number of segments (the model's {@code k}), in {@code [0, rowCount]}
   * @return the profile
   * @throws IllegalArgumentException if an argument breaks a rule in the class description
   */
  public static SegmentProfile of(Table original, int[] labels, int segmentCount) {
    checkTable(original);
    checkLabelArray(labels, original.rowCount());
    int n = original.rowCount();
    if (segmentCount < 0 || segmentCount > n) {
      throw new IllegalArgumentException("segmentCount: must be in [0, row count " + n + "], got " + segmentCount);
    }
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      if (l < -1) {
        throw new IllegalArgumentException("labels[" + i + "]: must be >= -1 (-1 is noise), got " + l);
      }
      if (l >= segmentCount) {
        throw new IllegalArgumentException("labels[" + i + "]: must be < segmentCount " + segmentCount + ", got "
            + l);
      }
    }
    return build(original, labels.clone(), segmentCount);
  }

  private static void checkTable(Table original) {
    if (original == null) {
      throw new IllegalArgumentException("original: must not be null");
    }
    if (original.rowCount() == 0) {
      throw new IllegalArgumentException("original: must have at least one row, got 0 rows");
    }
  }

  private static void checkLabelArray(int[] labels, int n) {
    if (labels == null) {
      throw new IllegalArgumentException("labels: must not be null");
    }
    if (labels.length != n) {
      throw new IllegalArgumentException("labels: length must equal the table's row count " + n + ", got "
          + labels.length);
    }
  }

  private static SegmentProfile build(Table original, int[] labels, int k) {
    int n = labels.length;
    boolean hasNoise = false;
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        hasNoise = true;
        group[i] = k;
      } else {
        group[i] = labels[i];
      }
    }
    int groups = k + (hasNoise ? 1 : 0);
    int[] sizes = new int[groups];
    for (int i = 0; i < n; i++) {
      sizes[group[i]]++;
    }
    List<String> feats = new ArrayList<>();
    List<String> display = new ArrayList<>();
    List<Boolean> level = new ArrayList<>();
    Map<Integer, String> owner = new HashMap<>(); // a level feature's column
    Map<String, Integer> firstLevel = new HashMap<>();
    Map<String, List<String>> levelsOf = new HashMap<>();
    List<double[]> meanCols = new ArrayList<>();
    List<double[]> zCols = new ArrayList<>();
    List<int[]> missCols = new ArrayList<>();
    List<Double> allMeans = new ArrayList<>();
    List<Double> allSds = new ArrayList<>();
    double[] v = new double[n];
    for (String c : original.columnNames()) {
      if (original.type(c) == ColumnType.NUMERIC) {
        feats.add(c);
        display.add(ReadableNames.pretty(c));
        level.add(false);
        summarise(original.numeric(c), group, groups, meanCols, zCols, missCols, allMeans, allSds);
      } else {
        String[] s = original.categorical(c);
        TreeSet<String> set = new TreeSet<>();
        for (String x : s) {
          if (x != null) {
            set.add(x);
          }
        }
        List<String> ls = List.copyOf(set);
        firstLevel.put(c, feats.size());
        levelsOf.put(c, ls);
        String[] sorted = ls.toArray(new String[0]); // in compareTo order, as the TreeSet gave them
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
          codes[i] = s[i] == null ? -1 : Arrays.binarySearch(sorted, s[i]);
        }
        for (int t = 0; t < ls.size(); t++) {
          for (int i = 0; i < n; i++) {
            v[i] = codes[i] < 0 ? Double.NaN : (codes[i] == t ? 1 : 0);
          }
          feats.add(c + "=" + ls.get(t));
          display.add(ReadableNames.level(c, ls.get(t)));
          owner.put(feats.size() - 1, c);
          level.add(true);
          summarise(v, group, groups, meanCols, zCols, missCols, allMeans, allSds);
        }
      }
    }
    // A level name that levels of two or more columns share ("No" of Email and of SMS) reads with its column.
    Map<String, Integer> shared = new HashMap<>();
    for (Map.Entry<Integer, String> e : owner.entrySet()) {
      shared.merge(display.get(e.getKey()), 1, Integer::sum);
    }
    for (Map.Entry<Integer, String> e : owner.entrySet()) {
      String shown = display.get(e.getKey());
      if (shared.get(shown) > 1) {
        display.set(e.getKey(), ReadableNames.pretty(e.getValue()) + " " + shown);
      }
    }
    int f = feats.size();
    double[][] means = new double[groups][f];
    double[][] z = new double[groups][f];
    int[][] missing = new int[groups][f];
    double[] allMean = new double[f];
    double[] allSd = new double[f];
    boolean[] isLevel = new boolean[f];
    for (int j = 0; j < f; j++) {
      allMean[j] = allMeans.get(j);
      allSd[j] = allSds.get(j);
      isLevel[j] = level.get(j);
      for (int g = 0; g < groups; g++) {
        means[g][j] = meanCols.get(j)[g];
        z[g][j] = zCols.get(j)[g];
        missing[g][j] = missCols.get(j)[g];
      }
    }
    return new SegmentProfile(k, hasNoise, Collections.unmodifiableList(feats), display.toArray(new String[0]),
        isLevel, Map.copyOf(firstLevel), Map.copyOf(levelsOf), allMean, allSd, sizes, means, z, missing);
  }

  /**
   * One feature: per group its mean, z-score and missing count, and the overall mean and sd (in row order).
   *
   * <p>A column whose largest magnitude lies outside {@code [2^-Scale.LIMIT, 2^(Scale.LIMIT+1))} is first
   * multiplied by the power of two {@link Scale#exponent(double)} chooses (exact), so that neither the sums
   * (overflow from about {@code 1e308 / n}) nor the squared deviations (overflow from about {@code 1e154}, underflow
   * below about {@code 1e-162}) leave the range; means and sd are scaled back exactly (unless they fall below the
   * smallest normal double) and z-scores are scale-free. Within the range nothing is scaled. Every mean is the
   * quotient {@code sum / n} held within the smallest and largest value it averages, as the quality indices' means
   * ({@code Centroids}): {@code sum / n} of copies of {@code 0.1} is not always {@code 0.1}, so a constant column
   * (or a segment of copies) would otherwise get rounding noise for a mean, a tiny sd and z-scores near 1 that name
   * segments after a constant; held, the mean of copies is their value, and a constant column's deviations, hence
   * its sd, are exactly 0.
   */
  private static void summarise(double[] v, int[] group, int groups, List<double[]> meanCols, List<double[]> zCols,
      List<int[]> missCols, List<Double> allMeans, List<Double> allSds) {
    int n = v.length;
    double maxAbs = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(v[i])) {
        maxAbs = Math.max(maxAbs, Math.abs(v[i]));
      }
    }
    int e = Scale.exponent(maxAbs); // the table holds finite values only
    double[] w = e == 0 ? v : Scale.down(v, e); // NaN stays NaN
    double sum = 0;
    int m = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double[] gs = new double[groups];
    int[] gm = new int[groups];
    int[] miss = new int[groups];
    double[] glo = new double[groups];
    double[] ghi = new double[groups];
    Arrays.fill(glo, Double.POSITIVE_INFINITY);
    Arrays.fill(ghi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      double x = w[i];
      int g = group[i];
      if (Double.isNaN(x)) {
        miss[g]++;
      } else {
        sum += x;
        m++;
        gs[g] += x;
        gm[g]++;
        // comparisons: -0.0 and 0.0 bound a mean alike, and a sum of zeros is 0.0
        lo = x < lo ? x : lo;
        hi = x > hi ? x : hi;
        glo[g] = x < glo[g] ? x : glo[g];
        ghi[g] = x > ghi[g] ? x : ghi[g];
      }
    }
    double mean = m == 0 ? Double.NaN : held(sum / m, lo, hi);
    double ss = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(w[i])) {
        ss += (w[i] - mean) * (w[i] - mean);
      }
    }
    double sd = m == 0 ? Double.NaN : Math.sqrt(ss / m);
    double[] gmean = new double[groups];
    double[] gz = new double[groups];
    for (int g = 0; g < groups; g++) {
      gmean[g] = gm[g] == 0 ? Double.NaN : held(gs[g] / gm[g], glo[g], ghi[g]);
      gz[g] = gm[g] == 0 || !(sd > 0) ? 0 : (gmean[g] - mean) / sd;
    }
    if (e != 0) {
      mean = Math.scalb(mean, e);
      sd = Math.scalb(sd, e);
      Scale.up(gmean, e);
    }
    meanCols.add(gmean);
    zCols.add(gz);
    missCols.add(miss);
    allMeans.add(mean);
    allSds.add(sd);
  }

  /** {@code q} held within {@code [lo, hi]} (by comparisons, so that 0.0 stays 0.0 between -0.0 and -0.0). */
  private static double held(double q, double lo, double hi) {
    return q < lo ? lo : (q > hi ? hi : q);
  }

  private int index(int segment) {
    if (segment >= 0 && segment < segmentCount) {
      return segment;
    }
    if (segment == -1 && hasNoise) {
      return segmentCount;
    }
    throw new IllegalArgumentException("segment: must be a segment of the profile, in [0, " + segmentCount + ")"
        + (hasNoise ? " or -1 (noise)" : " (no row is noise)") + ", got " + segment);
  }

  /**
   * @return the segment labels {@code 0..k-1}, followed by {@code -1} if some row is noise; the other arrays
   *     indexed by segment ({@link #sizes()}, {@link #names(double)}) are aligned with this one
   */
  public int[] segments() {
    int[] s = new int[sizes.length];
    for (int g = 0; g < segmentCount; g++) {
      s[g] = g;
    }
    if (hasNoise) {
      s[segmentCount] = -1;
    }
    return s;
  }

  /**
   * @return the number of rows of each segment, aligned with {@link #segments()} ({@code sizes()[s]} for
   *     segment {@code s}, the noise count last); they add up to the row count. Divide by it for shares.
   */
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * @return the features, unmodifiable: the numeric columns by name and {@code column=category} for every
   *     category, in column order (see the class description)
   */
  public List<String> features() {
    return features;
  }

  /**
   * The features as the segment names read them, aligned with {@link #features()}: a numeric column's readable name
   * ({@code "Annual Income"} for {@code "Annual Income (k$)"}), a category's name ({@code "Online"}), with its
   * column where the category lacks a letter ({@code "Region 3"}) or where categories of other columns share it
   * ({@code "Email No"}).
   *
   * @return the readable feature names, unmodifiable
   */
  public List<String> displayNames() {
    return List.of(displayNames);
  }

  /** @return per feature its mean over all rows, noise included, {@code NaN} where every cell is missing */
  public double[] overallMeans() {
    return allMean.clone();
  }

  /**
   * @return per feature the population standard deviation over all rows, noise included, {@code NaN} where
   *     every cell is missing
   */
  public double[] overallSds() {
    return allSd.clone();
  }

  /**
   * @param segment a segment label ({@code -1} for noise)
   * @return per feature the segment's mean (a category's share of the non-missing cells), {@code NaN} where the
   *     segment has no non-missing cell of it
   */
  public double[] means(int segment) {
    return means[index(segment)].clone();
  }

  /**
   * @param segment a segment label ({@code -1} for noise)
   * @return per feature the segment's z-score, 0 where undefined (see the class description)
   */
  public double[] zScores(int segment) {
    return z[index(segment)].clone();
  }

  /**
   * @param segment a segment label ({@code -1} for noise)
   * @return per feature the number of the segment's rows skipped as missing
   */
  public int[] missingCounts(int segment) {
    return missing[index(segment)].clone();
  }

  /**
   * @param column a categorical column of the table
   * @return its categories (those present in some row), sorted, unmodifiable
   */
  public List<String> levels(String column) {
    checkCategorical(column);
    return levels.get(column);
  }

  /**
   * The share of each category of a column among the segment's non-missing cells of it; the missing cells are
   * counted apart, by {@link #missingCounts(int)}.
   *
   * @param segment a segment label ({@code -1} for noise)
   * @param column a categorical column of the table
   * @return the shares, aligned with {@link #levels(String)}, adding up to 1, or all {@code NaN} where the
   *     segment has no non-missing cell of the column
   */
  public double[] shares(int segment, String column) {
    int g = index(segment);
    checkCategorical(column);
    int from = firstLevel.get(column);
    return Arrays.copyOfRange(means[g], from, from + levels.get(column).size());
  }

  private void checkCategorical(String column) {
    if (column == null || !levels.containsKey(column)) {
      throw new IllegalArgumentException("column: must be a categorical column of the table, one of "
          + new TreeSet<>(levels.keySet()) + ", got " + column);
    }
  }

  /**
   * @param segment a segment label ({@code -1} for noise)
   * @param zThreshold the smallest {@code |z|} for a feature to appear in a name, positive and finite
   * @return the segment's name (see the class description): unique among the segments
   */
  public String name(int segment, double zThreshold) {
    int g = index(segment);
    return names(zThreshold).get(g);
  }

  /**
   * @param zThreshold the smallest {@code |z|} for a feature to appear in a name, positive and finite
   * @return the names of all segments, aligned with {@link #segments()}, unmodifiable
   */
  public List<String> names(double zThreshold) {
    if (!(zThreshold > 0) || zThreshold == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("zThreshold: must be positive and finite, got " + zThreshold);
    }
    int groups = sizes.length;
    String[] out = new String[groups];
    for (int g = 0; g < groups; g++) {
      out[g] = g == segmentCount ? NOISE_NAME : name(g, 2, zThreshold);
    }
    for (int g = 0; g < groups; g++) {
      for (int h = 0; h < g; h++) {
        if (out[g].equals(out[h]) && g != segmentCount) {
          out[g] = name(g, 3, zThreshold);
          break;
        }
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int g = 0; g < groups; g++) {
      int count = seen.merge(out[g], 1, Integer::sum);
      if (count > 1) {
        out[g] = out[g] + " (" + count + ")";
      }
    }
    return List.of(out);
  }

  /**
   * The profile as text, for logs and examples: a header line ({@code segment}, {@code size}, {@code name}, then
   * the {@link #features()}), then one tab-separated line per segment in {@link #segments()} order with its label,
   * its size, its name ({@link #names(double)}) and its {@link #means(int)} ({@code %.6g}; a category's mean is
   * its share).
   *
   * @param zThreshold the smallest {@code |z|} for a feature to appear in a name, positive and finite (0.5 reads
   *     well)
   * @return the table, lines separated by {@code '\n'}, without a final line break
   * @throws IllegalArgumentException if {@code zThreshold} is not positive and finite
   */
  public String toTable(double zThreshold) {
    List<String> names = names(zThreshold);
    StringBuilder sb = new StringBuilder("segment\tsize\tname");
    for (String f : features) {
      sb.append('\t').append(f);
    }
    int[] labels = segments();
    for (int g = 0; g < labels.length; g++) {
      sb.append('\n').append(labels[g]).append('\t').append(sizes[g]).append('\t').append(names.get(g));
      for (double m : means[g]) {
        sb.append('\t').append(String.format(Locale.ROOT, "%.6g", m));
      }
    }
    return sb.toString();
  }

  /** A summary: the segment count, whether there is noise, the sizes and the number of features. */
  @Override
  public String toString() {
    return "SegmentProfile[" + segmentCount + (segmentCount == 1 ? " segment" : " segments")
        + (hasNoise ? " and noise" : "") + ", sizes " + Arrays.toString(sizes) + ", " + features.size()
        + (features.size() == 1 ? " feature]" : " features]");
  }

  private String name(int g, int words, double threshold) {
    double[] zg = z[g];
    int f = zg.length;
    // selection of the (at most) `words` largest |z|, ties to the lower index; f is small (table columns)
    boolean[] used = new boolean[f];
    boolean[] chosen = new boolean[f];
    int taken = 0;
    while (taken < words) {
      int best = -1;
      for (int j = 0; j < f; j++) {
        if (!used[j] && (best < 0 || Math.abs(zg[j]) > Math.abs(zg[best]))) {
          best = j;
        }
      }
      if (best < 0 || !(Math.abs(zg[best]) >= threshold)) {
        break;
      }
      used[best] = true;
      if (!isLevel[best] || zg[best] > 0) {
        chosen[best] = true;
        taken++;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < f; j++) { // the table's column order reads best: "High Annual Income, Low Spending Score"
      if (chosen[j]) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        if (isLevel[j]) {
          sb.append(means[g][j] >= 0.5 ? "Mostly " : "More ");
        } else {
          sb.append(zg[j] > 0 ? "High " : "Low ");
        }
        sb.append(displayNames[j]);
      }
    }
    return sb.length() == 0 ? "Average" : sb.toString();
  }
}
