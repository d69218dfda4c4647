package io.github.clusterkit.outlier;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.outlier.internal.Forest;
import java.util.OptionalDouble;

/**
 * Isolation Forest (Liu, Ting and Zhou, "Isolation forest", ICDM 2008, doi:10.1109/ICDM.2008.17; "Isolation-based
 * anomaly detection", ACM TKDD 6(1), 2012, doi:10.1145/2133360.2133363): outliers are few and different, so random
 * axis-parallel splits isolate them in fewer steps than the other rows. Each of {@link #trees()} trees is grown on a
 * subsample of {@link #sampleSize()} rows drawn without replacement, splitting on a random feature at a random
 * threshold until a row is alone or the depth reaches {@code ceil(log2(sampleSize))}; a point's anomaly score is
 * {@code s(x) = 2^(-E(h(x)) / c(sampleSize))} in {@code (0, 1]}, where {@code h(x)} is the depth of the leaf it falls
 * in plus {@code c(size of that leaf)}, averaged over the trees, and {@code c(m) = 2 (ln(m - 1) + 0.5772...) - 2 (m -
 * 1) / m} ({@code c(1) = 0}, {@code c(2) = 1}) is the mean depth an unsuccessful search reaches in a binary search
 * tree of {@code m} keys. Higher is more anomalous: near 1 for points isolated at once, about 0.5 or below for the
 * bulk of the data.
 *
 * <pre>{@code
 * IsolationForestModel m = IsolationForest.trees(100).contamination(0.05).seed(7).fit(data);
 * double[] s = m.scores();              // training rows
 * int[] flagged = m.outliers();         // indices of the training rows with s > threshold()
 * boolean odd = m.isOutlier(new double[] {0.3, -1.2});
 * }</pre>
 *
 * <p><b>scikit-learn.</b> This is scikit-learn 1.2.1's {@code IsolationForest(n_estimators=trees,
 * max_samples=sampleSize, contamination=..., max_features=1.0, bootstrap=False)}: {@code scores()} is
 * {@code -score_samples(X)}, {@link IsolationForestModel#threshold()} is {@code -offset_}, a row is an outlier
 * ({@code predict} gives -1) when its score is above the threshold, and {@code decision_function} is
 * {@code threshold() - score}. The trees are grown by the same rules (an {@code ExtraTreeRegressor} with
 * {@code max_features=1}, {@code splitter="random"}: at each node a feature drawn uniformly among those not constant
 * on the node's rows, a threshold uniform in {@code [min, max)} of those rows, {@code x <= threshold} going left), and
 * the scores are computed with its arithmetic: given scikit-learn's trees (its {@code estimators_[i].tree_} arrays,
 * which {@link IsolationForestModel.State} holds in the same encoding) the scores agree within {@code 1e-12} (tested,
 * tools/iforest_reference.py), not bit for bit: numpy's {@code log} is not correctly rounded on every CPU (on
 * AVX-512 ones {@code np.log(9.0)} is one unit in the last place below {@link StrictMath#log}'s), so about half the
 * scores differ in their last bit, and rows whose scores lie at a threshold within that bit (tied scores at a
 * contamination threshold; identical rows at 0.5, below) may be flagged by one and not the other. The random
 * numbers are this library's, so a forest is not scikit-learn's forest for any {@code random_state}; their scores
 * agree in distribution (the ROC AUC on labelled data, averaged over 20 seeds, is tested against scikit-learn's
 * averaged over 20 random states). Two deliberate differences: scikit-learn
 * converts the data to {@code float32} and compares {@code float32} values with the thresholds, here the values are
 * compared in {@code double} (they agree on data representable in {@code float32}); and scikit-learn treats a feature
 * as constant on a node when its range is at most {@code 1e-7} (an absolute tolerance, which never splits data of
 * that scale), here when its maximum is not above its minimum. No {@code max_features} below 1 and no bootstrap.
 *
 * <p><b>Contamination.</b> By default ({@link #contaminationAuto()}, scikit-learn's {@code "auto"}) a point is an
 * outlier when its score is above 0.5, the paper's rule. With {@link #contamination(double) contamination(c)},
 * {@code c} in {@code (0, 0.5]}, the threshold is the score below which a fraction {@code 1 - c} of the training
 * scores lie: scikit-learn's {@code -np.percentile(score_samples(X), 100 c)}, linear interpolation between the
 * sorted scores, so about {@code c n} training rows are above it (fewer when scores tie at the threshold).
 *
 * <p><b>Determinism.</b> Tree {@code t} takes its random numbers from a stream derived from {@code (seed, t)} alone,
 * so the forest, the scores and the threshold are the same for every {@link #parallelism(int)} (tested). The
 * subsamples are drawn by row index: permuting the rows changes the forest (not the distribution of the scores).
 *
 * <p><b>Edge cases.</b> {@link #sampleSize(int)} larger than the data is clamped to the number of rows (scikit-learn
 * warns and clamps too); by default it is {@code min(256, n)}. A column constant on the data is never split on. All
 * rows identical: every tree is one leaf of {@code sampleSize} rows and every score is the same,
 * {@code 2^(-(c + ... + c) / (trees c))} for {@code c = c(sampleSize)}, which is 0.5 up to the rounding of that sum
 * (exactly 0.5 for two rows), so with the automatic threshold such rows are not outliers unless that rounding lands
 * above 0.5, as in scikit-learn, whose rounding can differ (30 identical rows, 25 trees: 0.5000000000000002 there
 * on an AVX-512 CPU, every row an outlier; 0.49999999999999994 here). One row: the sample size is 1,
 * {@code c(1) = 0}, the division by {@code trees c(1) = 0} is skipped and every score is {@code 2^-1 = 0.5}, as
 * scikit-learn's (its comment says it sets the score to 1, but the exponent it leaves is {@code -1}), so nothing is
 * an outlier. Duplicate rows end in the same leaf; a leaf of {@code m} duplicates adds {@code c(m)} to their path
 * length. Values are finite ({@link Dataset} refuses others); a point to score must be finite too.
 *
 * <p><b>Cost.</b> Growing: {@code O(trees sampleSize log sampleSize)} time, independent of {@code n} (a subsample is
 * drawn in {@code O(sampleSize)}); the trees hold at most {@code 2 sampleSize - 1} nodes each, 52 bytes a node (24 in
 * scikit-learn's encoding, 28 in the layout scores are computed from).
 * Scoring: {@code O(trees log sampleSize)} per point; the fit scores every training row.
 *
 * <p><b>Thread-safety.</b> Immutable: a configuration can be shared and used from several threads at once. Equal
 * configurations are {@code equals} and have equal {@code hashCode}s; every setting counts.
 */
public final class IsolationForest {

  /** The value of {@link #sampleSize()} for scikit-learn's {@code max_samples="auto"}: {@code min(256, n)}. */
  public static final int AUTO_SAMPLE_SIZE = 0;
  /** The largest sample size. */
  public static final int MAX_SAMPLE_SIZE = 1 << 29;
  /** The most trees. */
  public static final int MAX_TREES = 1 << 20;

  private final int trees;
  private final int sampleSize;
  /** 0 for automatic. */
  private final double contamination;
  private final long seed;
  private final int parallelism;

  private IsolationForest(int trees, int sampleSize, double contamination, long seed, int parallelism) {
    this.trees = trees;
    this.sampleSize = sampleSize;
    this.contamination = contamination;
    this.seed = seed;
    this.parallelism = parallelism;
  }

  /**
   * The defaults of scikit-learn: 100 trees, sample size {@code min(256, n)}, automatic contamination; seed 0, one
   * thread.
   *
   * @return the configuration
   */
  public static IsolationForest defaults() {
    return new IsolationForest(100, AUTO_SAMPLE_SIZE, 0, 0L, 1);
  }

  /**
   * The defaults ({@link #defaults()}) with this number of trees.
   *
   * @param trees the number of trees (scikit-learn's {@code n_estimators}, default 100), in {@code [1, 2^20]}
   * @return the configuration
   * @throws IllegalArgumentException if out of range
   */
  public static IsolationForest trees(int trees) {
    return defaults().withTrees(trees);
  }

  static void checkTrees(int trees) {
    if (trees < 1 || trees > MAX_TREES) {
      throw new IllegalArgumentException("trees must be in [1, " + MAX_TREES + "], got " + trees);
    }
  }

  static void checkContamination(double c) {
    if (!(c > 0 && c <= 0.5)) {
      throw new IllegalArgumentException("contamination must be in (0, 0.5], got " + c);
    }
  }

  /**
   * @param trees the number of trees, in {@code [1, 2^20]}
   * @return a copy with this number of trees
   * @throws IllegalArgumentException if out of range
   */
  public IsolationForest withTrees(int trees) {
    checkTrees(trees);
    return new IsolationForest(trees, sampleSize, contamination, seed, parallelism);
  }

  /**
   * @param sampleSize the rows of each tree's subsample (scikit-learn's integer {@code max_samples}), in
   *     {@code [2, 2^29]}; a fit on fewer rows uses all of them (clamped, as scikit-learn does after a warning), or
   *     {@link #AUTO_SAMPLE_SIZE} for {@code min(256, n)}
   * @return a copy with this sample size
   * @throws IllegalArgumentException if out of range
   */
  public IsolationForest sampleSize(int sampleSize) {
    if (sampleSize != AUTO_SAMPLE_SIZE && (sampleSize < 2 || sampleSize > MAX_SAMPLE_SIZE)) {
      throw new IllegalArgumentException("sampleSize must be in [2, " + MAX_SAMPLE_SIZE + "] or 0 (AUTO_SAMPLE_SIZE),"
          + " got " + sampleSize);
    }
    return new IsolationForest(trees, sampleSize, contamination, seed, parallelism);
  }

  /**
   * @param contamination the expected fraction of outliers, in {@code (0, 0.5]}: the threshold puts about this
   *     fraction of the training rows above it
   * @return a copy with this contamination
   * @throws IllegalArgumentException if out of range or NaN
   */
  public IsolationForest contamination(double contamination) {
    checkContamination(contamination);
    return new IsolationForest(trees, sampleSize, contamination, seed, parallelism);
  }

  /**
   * scikit-learn's {@code contamination="auto"} (the default): threshold 0.5.
   *
   * @return a copy with the automatic threshold
   */
  public IsolationForest contaminationAuto() {
    return new IsolationForest(trees, sampleSize, 0, seed, parallelism);
  }

  /**
   * @param seed the seed of the subsamples and the splits (any value; default 0)
   * @return a copy with this seed
   */
  public IsolationForest seed(long seed) {
    return new IsolationForest(trees, sampleSize, contamination, seed, parallelism);
  }

  /**
   * @param parallelism threads that grow trees and score rows, at least 1 (default 1); the result does not depend on
   *     it
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public IsolationForest parallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    return new IsolationForest(trees, sampleSize, contamination, seed, parallelism);
  }

  /** @return the number of trees */
  public int trees() {
    return trees;
  }

  /** @return the sample size, {@link #AUTO_SAMPLE_SIZE} for {@code min(256, n)} */
  public int sampleSize() {
    return sampleSize;
  }

  /** @return the contamination, empty for the automatic threshold 0.5 */
  public OptionalDouble contamination() {
    return contamination == 0 ? OptionalDouble.empty() : OptionalDouble.of(contamination);
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /** @return the parallelism */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Grows the forest on the rows and scores them.
   *
   * @param data the rows (not modified), at least one
   * @return the model, with the training rows' scores and the threshold
   * @throws IllegalArgumentException if {@code data} is null
   */
  public IsolationForestModel fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    int d = data.dimension();
    int psi = sampleSize == AUTO_SAMPLE_SIZE ? Math.min(256, n) : Math.min(sampleSize, n);
    double[] x = DataAccess.values(data);
    Forest forest = Forest.grow(x, n, d, trees, psi, seed, parallelism);
    double[] scores = forest.score(x, n, parallelism);
    double threshold = IsolationForestModel.thresholdOf(scores, contamination);
    return new IsolationForestModel(d, data.columnNames(), contamination, threshold, forest, scores, parallelism);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IsolationForest)) {
      return false;
    }
    IsolationForest f = (IsolationForest) o;
    return trees == f.trees && sampleSize == f.sampleSize && Double.compare(contamination, f.contamination) == 0
        && seed == f.seed && parallelism == f.parallelism;
  }

  @Override
  public int hashCode() {
    int h = trees;
    h = 31 * h + sampleSize;
    h = 31 * h + Double.hashCode(contamination);
    h = 31 * h + Long.hashCode(seed);
    return 31 * h + parallelism;
  }

  @Override
  public String toString() {
    return "IsolationForest[trees=" + trees + ", sampleSize=" + (sampleSize == 0 ? "auto" : sampleSize)
        + ", contamination=" + (contamination == 0 ? "auto" : contamination) + ", seed=" + seed + ", parallelism="
        + parallelism + "]";
  }
}
