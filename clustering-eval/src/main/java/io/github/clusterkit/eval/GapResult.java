package io.github.clusterkit.eval;

import java.util.Locale;

/**
 * The table of a {@link GapStatistic}: for every {@code k}, {@code log W_k} of the data, its mean over the reference
 * sets, the gap, the standard deviation {@code sd_k} and the standard error {@code s_k = sd_k sqrt(1 + 1/B)}; and the
 * {@code k} chosen by the configured {@link GapRule}. Any other rule can be applied to the same table
 * ({@link #chosenK(GapRule, double)}) without clustering again. Immutable; arrays returned are copies; safe to share
 * between threads.
 */
public final class GapResult {

  private final int minK;
  private final double[] logW;
  private final double[] expectedLogW;
  private final double[] gap;
  private final double[] sd;
  private final double[] se;
  private final int referenceSets;
  private final GapRule rule;
  private final double seFactor;
  private final int chosen;

  GapResult(int minK, double[] logW, double[] expectedLogW, double[] gap, double[] sd, double[] se, int referenceSets,
      GapRule rule, double seFactor) {
    this.minK = minK;
    this.logW = logW;
    this.expectedLogW = expectedLogW;
    this.gap = gap;
    this.sd = sd;
    this.se = se;
    this.referenceSets = referenceSets;
    this.rule = rule;
    this.seFactor = seFactor;
    this.chosen = chosenK(rule, seFactor);
  }

  /** @return the values of {@code k}, ascending */
  public int[] ks() {
    int[] ks = new int[gap.length];
    for (int t = 0; t < ks.length; t++) {
      ks[t] = minK + t;
    }
    return ks;
  }

  /** @return {@code log W_k} of the data for every {@code k} (aligned with {@link #ks()}) */
  public double[] logW() {
    return logW.clone();
  }

  /** @return the mean of {@code log W*_kb} over the reference sets, {@code E*[log W_k]}, for every {@code k} */
  public double[] expectedLogW() {
    return expectedLogW.clone();
  }

  /** @return {@code Gap(k) = E*[log W_k] - log W_k} for every {@code k} */
  public double[] gap() {
    return gap.clone();
  }

  /**
   * @return {@code sd_k}, the sample standard deviation (denominator {@code B - 1}) of {@code log W*_kb} over the
   *     reference sets, for every {@code k}
   */
  public double[] sd() {
    return sd.clone();
  }

  /** @return {@code s_k = sd_k sqrt(1 + 1/B)} (R's {@code SE.sim}), for every {@code k} */
  public double[] se() {
    return se.clone();
  }

  /** @return the number of reference sets {@code B} */
  public int referenceSets() {
    return referenceSets;
  }

  /** @return the rule of {@link #chosenK()} */
  public GapRule rule() {
    return rule;
  }

  /** @return the multiple of {@code s_k} of {@link #chosenK()}'s rule */
  public double seFactor() {
    return seFactor;
  }

  /** @return the {@code k} chosen by the configured rule ({@link #rule()}, {@link #seFactor()}) */
  public int chosenK() {
    return chosen;
  }

  /**
   * @param rule a rule
   * @param seFactor the multiple of {@code s_k} it tolerates, {@code >= 0}
   * @return the {@code k} that rule chooses on this table; {@code -1} only if every gap is {@code NaN} (see
   *     {@link GapRule#select(double[], double[], double)}; a {@code NaN} gap or {@code s_k}, as at {@code k = n}
   *     where every set has {@code W = 0}, fails every comparison)
   * @throws IllegalArgumentException if {@code rule} is null or {@code seFactor} is negative, infinite or {@code NaN}
   */
  public int chosenK(GapRule rule, double seFactor) {
    if (rule == null) {
      throw new IllegalArgumentException("rule must not be null");
    }
    if (!(seFactor >= 0) || seFactor == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("seFactor must be finite and >= 0, got " + seFactor);
    }
    int t = rule.selectUnchecked(gap, se, seFactor);
    return t < 0 ? -1 : minK + t;
  }

  /**
   * Whether the chosen {@code k} is the largest of the range: the rule found no stopping point inside it, so a
   * larger {@code k} may be better; widen the range.
   *
   * @return true if {@link #chosenK()} is the largest {@code k}
   */
  public boolean chosenAtEdge() {
    return chosen == minK + gap.length - 1;
  }

  /** @return the table as text, one line per {@code k}, as R prints {@code clusGap}'s (plus {@code sd}) */
  public String toTable() {
    StringBuilder sb = new StringBuilder("k\tlogW\tE.logW\tgap\tsd\tSE.sim\n");
    for (int t = 0; t < gap.length; t++) {
      sb.append(minK + t);
      for (double v : new double[] {logW[t], expectedLogW[t], gap[t], sd[t], se[t]}) {
        sb.append('\t').append(String.format(Locale.ROOT, "%.6g", v));
      }
      sb.append('\n');
    }
    sb.append("chosen k = ").append(chosen).append(" (").append(rule).append(", seFactor ").append(seFactor)
        .append(", B = ").append(referenceSets).append(')');
    if (chosenAtEdge()) {
      sb.append(", the largest k of the range: widen it");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "GapResult[k=" + minK + ".." + (minK + gap.length - 1) + ", chosen " + chosen + " by " + rule
        + ", B=" + referenceSets + "]";
  }
}
