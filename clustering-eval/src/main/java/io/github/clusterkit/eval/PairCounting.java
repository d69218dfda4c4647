package io.github.clusterkit.eval;

import java.math.BigInteger;

/**
 * Pair-counting comparison of a predicted labelling with a reference ("truth") in the manner of Rand 1971
 * (doi:10.1080/01621459.1971.10482356): every pair of points is joined in both labellings ({@link #inBoth()}, true
 * positives), only in the truth ({@link #inTruthOnly()}, false negatives), only in the prediction ({@link
 * #inPredictedOnly()}, false positives) or in neither. Obtained from {@link ContingencyTable#pairCounting()} (unordered
 * pairs of distinct points) or {@link ContingencyTable#pairCounting(boolean)} with self-pairs, ELKI's variant over
 * ordered pairs with each point paired with itself, which its tests use; the ratios do not depend on whether pairs are
 * ordered.
 *
 * <p>Precision is the fraction of pairs joined by the prediction that the truth joins too; recall the fraction of pairs
 * joined by the truth that the prediction joins too (ELKI's {@code PairCounting} with the truth first). Immutable; safe
 * to share between threads.
 */
public final class PairCounting {

  private final long both;
  private final long truthOnly;
  private final long predictedOnly;
  private final long neither;
  private final boolean selfPairs;

  PairCounting(long both, long truthOnly, long predictedOnly, long neither, boolean selfPairs) {
    this.both = both;
    this.truthOnly = truthOnly;
    this.predictedOnly = predictedOnly;
    this.neither = neither;
    this.selfPairs = selfPairs;
  }

  /** @return pairs joined in both labellings */
  public long inBoth() {
    return both;
  }

  /** @return pairs joined in the truth but not in the prediction */
  public long inTruthOnly() {
    return truthOnly;
  }

  /** @return pairs joined in the prediction but not in the truth */
  public long inPredictedOnly() {
    return predictedOnly;
  }

  /** @return pairs joined in neither labelling */
  public long inNeither() {
    return neither;
  }

  /** @return whether these are ELKI's ordered pairs with self-pairs */
  public boolean selfPairs() {
    return selfPairs;
  }

  /** @return {@code TP / (TP + FP)}, NaN when the prediction joins no pair */
  public double precision() {
    return both / (double) (both + predictedOnly);
  }

  /** @return {@code TP / (TP + FN)}, NaN when the truth joins no pair */
  public double recall() {
    return both / (double) (both + truthOnly);
  }

  /**
   * @return the harmonic mean of precision and recall, {@code 2 TP / (2 TP + FP + FN)}; NaN (0 / 0) when neither
   *     labelling joins a pair (say both put every point alone)
   */
  public double f1() {
    return 2.0 * both / (2.0 * both + truthOnly + predictedOnly);
  }

  /**
   * @param beta weight of recall relative to precision, {@code > 0}
   * @return {@code (1 + beta^2) TP / ((1 + beta^2) TP + beta^2 FN + FP)}; NaN (0 / 0) when neither labelling joins
   *     a pair
   * @throws IllegalArgumentException if {@code beta} is not positive and finite
   */
  public double fMeasure(double beta) {
    if (!(beta > 0 && beta < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("beta must be > 0 and finite, got " + beta);
    }
    double b2 = beta * beta;
    return (1 + b2) * both / ((1 + b2) * both + b2 * truthOnly + predictedOnly);
  }

  /** @return the Jaccard index {@code TP / (TP + FP + FN)}; NaN (0 / 0) when neither labelling joins a pair */
  public double jaccard() {
    return both / (double) (both + truthOnly + predictedOnly);
  }

  /**
   * The Rand index (Rand 1971, "Objective criteria for the evaluation of clustering methods", Journal of the
   * American Statistical Association, doi:10.1080/01621459.1971.10482356).
   *
   * @return the Rand index, the fraction of pairs on which both agree (1.0 when there are no pairs)
   */
  public double randIndex() {
    long total = both + truthOnly + predictedOnly + neither;
    return total == 0 ? 1.0 : (both + neither) / (double) total;
  }

  /** @return the Fowlkes-Mallows index {@code sqrt(precision * recall)} (0 when {@code TP = 0}) */
  public double fowlkesMallows() {
    return both == 0 ? 0.0 : Math.sqrt(precision() * recall());
  }

  /**
   * The adjusted Rand index (Hubert and Arabie 1985, doi:10.1007/BF01908075) in exact integer arithmetic:
   * {@code 2 (TP TN - FN FP) / ((TP + FN)(FN + TN) + (TP + FP)(FP + TN))}; 1.0 when {@code FN = FP = 0}. Over the
   * unordered pairs of distinct points ({@link ContingencyTable#pairCounting()}) this is the usual ARI, scikit-learn's
   * {@code adjusted_rand_score}. With self-pairs ({@link #selfPairs()}) it is ELKI's figure, the same formula over its
   * ordered counts, which is not the usual ARI: {@code [0, 0, 1, 1]} against {@code [0, 1, 0, 1]} gives 0 there and
   * -0.5 here (exact computation: TP = 0, FN = FP = TN = 2 unordered; TP = FN = FP = TN = 4 ordered with self-pairs).
   *
   * @return the adjusted Rand index
   */
  public double adjustedRandIndex() {
    if (truthOnly == 0 && predictedOnly == 0) {
      return 1.0;
    }
    BigInteger tp = BigInteger.valueOf(both);
    BigInteger fn = BigInteger.valueOf(truthOnly);
    BigInteger fp = BigInteger.valueOf(predictedOnly);
    BigInteger tn = BigInteger.valueOf(neither);
    BigInteger num = tp.multiply(tn).subtract(fn.multiply(fp)).shiftLeft(1);
    BigInteger den = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
    return ContingencyTable.ratio(num, den);
  }

  /**
   * @return the Mirkin metric, the number of ordered pairs on which the labellings disagree
   *     ({@code 2 (FP + FN)} for unordered counts; ELKI's {@code mirkin()})
   */
  public long mirkin() {
    return selfPairs ? truthOnly + predictedOnly : 2 * (truthOnly + predictedOnly);
  }

  @Override
  public String toString() {
    return "PairCounting[both=" + both + ", truthOnly=" + truthOnly + ", predictedOnly=" + predictedOnly
        + ", neither=" + neither + (selfPairs ? ", ordered with self-pairs" : "") + "]";
  }
}
