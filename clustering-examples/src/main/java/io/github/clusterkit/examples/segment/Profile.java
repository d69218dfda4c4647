package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.SegmentProfile;
import io.github.clusterkit.eval.internal.ReadableNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The segment profile: per segment its size, its share of all customers, the mean of every original feature
 * and that mean's z-score against all customers, and a readable name.
 *
 * <p><b>Features.</b> Every numeric column of the original (not imputed, not logged, not scaled) table, and
 * every level of every categorical column as the share of customers with that level. Means skip missing
 * cells. The z-score of a segment is {@code (segment mean - mean of all) / standard deviation of all}
 * (population standard deviation; for a level, {@code sqrt(p (1 - p))}); 0 when the feature is constant.
 *
 * <p><b>Names.</b> A segment is named after its (at most) two most distinctive features, those with the
 * largest {@code |z| >= }{@link #NAME_THRESHOLD}, in column order: {@code "High Annual Income, Low Spending
 * Score"}; a level
 * counts only where it is over-represented ({@code "Mostly Online"}). A segment without such a feature is
 * {@code "Average"}. Equal names get a third feature, then a number. DBSCAN's noise is the group
 * {@link #NOISE}, named {@code "Outliers (noise)"}.
 *
 * <p>The figures and names are the library's {@link SegmentProfile} (named with {@link #NAME_THRESHOLD}); this
 * class adds the command's views of them: group indices, readable feature names and shares of all customers.
 */
public final class Profile {

  /** The segment label of DBSCAN's noise group. */
  public static final int NOISE = -1;

  /** Smallest |z| for a feature to appear in a segment's name. */
  public static final double NAME_THRESHOLD = 0.5;

  private final SegmentProfile profile;
  private final List<String> displayNames;
  private final boolean[] isLevel;
  private final int[] segments;
  private final int[] sizes;
  private final List<String> names;
  private final int total;

  private Profile(SegmentProfile profile, List<String> displayNames, boolean[] isLevel, int total) {
    this.profile = profile;
    this.displayNames = displayNames;
    this.isLevel = isLevel;
    this.segments = profile.segments();
    this.sizes = profile.sizes();
    this.names = profile.names(NAME_THRESHOLD);
    this.total = total;
  }

  /**
   * Computes the profile.
   *
   * @param original the feature columns as read (with missing cells)
   * @param labels one segment per row, {@code -1} for noise
   * @param segmentCount number of segments (labels {@code 0..segmentCount-1})
   * @return the profile
   */
  public static Profile of(Table original, int[] labels, int segmentCount) {
    SegmentProfile p = SegmentProfile.of(original, labels, segmentCount);
    List<Boolean> level = new ArrayList<>();
    for (String c : original.columnNames()) {
      if (original.type(c) == ColumnType.NUMERIC) {
        level.add(false);
      } else {
        for (int t = p.levels(c).size(); t > 0; t--) {
          level.add(true);
        }
      }
    }
    boolean[] isLevel = new boolean[level.size()];
    for (int j = 0; j < isLevel.length; j++) {
      isLevel[j] = level.get(j);
    }
    // the names the segment names use (a category that other columns' categories share reads with its column)
    return new Profile(p, p.displayNames(), isLevel, original.rowCount());
  }

  /**
   * A readable form of a column name: a trailing unit in parentheses is dropped ({@code "Annual Income (k$)"}
   * becomes {@code "Annual Income"}) and names written with underscores or in capitals are title-cased
   * ({@code "CASH_ADVANCE"} becomes {@code "Cash Advance"}).
   *
   * @param column a column name
   * @return the readable name
   */
  public static String pretty(String column) {
    return ReadableNames.pretty(column);
  }

  /** @return the feature names: numeric columns, and {@code column=level} for categories */
  public List<String> features() {
    return profile.features();
  }

  /** @return readable feature names, aligned with {@link #features()} */
  public List<String> displayNames() {
    return displayNames;
  }

  /**
   * @param feature a feature index
   * @return whether it is a category level (a share), not a numeric column
   */
  public boolean isLevel(int feature) {
    return isLevel[feature];
  }

  /** @return the segment labels of the groups, in order ({@link #NOISE} last if present) */
  public int[] segments() {
    return segments.clone();
  }

  /** @return number of customers in each group */
  public int[] sizes() {
    return sizes.clone();
  }

  /** @return total number of customers */
  public int total() {
    return total;
  }

  /**
   * @param group a group index (position in {@link #segments()})
   * @return its share of all customers
   */
  public double share(int group) {
    return (double) sizes[group] / total;
  }

  /** @return the mean of every feature over all customers */
  public double[] overallMeans() {
    return profile.overallMeans();
  }

  /** @return the standard deviation of every feature over all customers */
  public double[] overallSds() {
    return profile.overallSds();
  }

  /**
   * @param group a group index
   * @return the group's mean of every feature
   */
  public double[] means(int group) {
    return profile.means(segments[group]);
  }

  /**
   * @param group a group index
   * @return the group's z-score of every feature
   */
  public double[] zScores(int group) {
    return profile.zScores(segments[group]);
  }

  /**
   * @param group a group index
   * @return the group's name
   */
  public String name(int group) {
    return names.get(group);
  }

  /**
   * @param label a segment label ({@code -1} for noise)
   * @return its name, or {@code "Outliers (noise)"} for noise
   */
  public String nameOfLabel(int label) {
    for (int g = 0; g < segments.length; g++) {
      if (segments[g] == label) {
        return names.get(g);
      }
    }
    return label < 0 ? "Outliers (noise)" : "segment " + label;
  }

  /** @return the names of the segments {@code 0..k-1} (noise excluded) */
  public List<String> segmentNames() {
    List<String> out = new ArrayList<>();
    for (int g = 0; g < segments.length; g++) {
      if (segments[g] != NOISE) {
        out.add(names.get(g));
      }
    }
    return Collections.unmodifiableList(out);
  }
}
