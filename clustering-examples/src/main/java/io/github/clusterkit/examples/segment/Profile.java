package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

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
 */
public final class Profile {

  /** The segment label of DBSCAN's noise group. */
  public static final int NOISE = -1;

  /** Smallest |z| for a feature to appear in a segment's name. */
  public static final double NAME_THRESHOLD = 0.5;

  private final List<String> features;
  private final List<String> displayNames;
  private final boolean[] isLevel;
  private final double[] allMean;
  private final double[] allSd;
  private final int[] segments;
  private final int[] sizes;
  private final double[][] means;
  private final double[][] z;
  private final String[] names;
  private final int total;

  private Profile(List<String> features, List<String> displayNames, boolean[] isLevel, double[] allMean,
      double[] allSd, int[] segments, int[] sizes, double[][] means, double[][] z, int total) {
    this.features = features;
    this.displayNames = displayNames;
    this.isLevel = isLevel;
    this.allMean = allMean;
    this.allSd = allSd;
    this.segments = segments;
    this.sizes = sizes;
    this.means = means;
    this.z = z;
    this.total = total;
    this.names = nameAll();
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
    int n = original.rowCount();
    List<String> feats = new ArrayList<>();
    List<String> display = new ArrayList<>();
    List<double[]> cols = new ArrayList<>();
    List<Boolean> level = new ArrayList<>();
    for (String c : original.columnNames()) {
      if (original.type(c) == ColumnType.NUMERIC) {
        feats.add(c);
        display.add(pretty(c));
        cols.add(original.numeric(c));
        level.add(false);
      } else {
        String[] v = original.categorical(c);
        TreeSet<String> levels = new TreeSet<>();
        for (String s : v) {
          if (s != null) {
            levels.add(s);
          }
        }
        for (String l : levels) {
          double[] ind = new double[n];
          for (int i = 0; i < n; i++) {
            ind[i] = v[i] == null ? Double.NaN : (l.equals(v[i]) ? 1 : 0);
          }
          feats.add(c + "=" + l);
          display.add(levelName(c, l));
          cols.add(ind);
          level.add(true);
        }
      }
    }
    boolean hasNoise = false;
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        hasNoise = true;
        break;
      }
    }
    int groups = segmentCount + (hasNoise ? 1 : 0);
    int[] segs = new int[groups];
    for (int s = 0; s < segmentCount; s++) {
      segs[s] = s;
    }
    if (hasNoise) {
      segs[segmentCount] = NOISE;
    }
    int f = feats.size();
    double[] allMean = new double[f];
    double[] allSd = new double[f];
    int[] sizes = new int[groups];
    for (int i = 0; i < n; i++) {
      sizes[group(labels[i], segmentCount)]++;
    }
    double[][] means = new double[groups][f];
    double[][] z = new double[groups][f];
    boolean[] isLevel = new boolean[f];
    for (int j = 0; j < f; j++) {
      isLevel[j] = level.get(j);
      double[] v = cols.get(j);
      double sum = 0;
      int m = 0;
      double[] gs = new double[groups];
      int[] gm = new int[groups];
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(v[i])) {
          sum += v[i];
          m++;
          int g = group(labels[i], segmentCount);
          gs[g] += v[i];
          gm[g]++;
        }
      }
      double mean = m == 0 ? Double.NaN : sum / m;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(v[i])) {
          ss += (v[i] - mean) * (v[i] - mean);
        }
      }
      double sd = m == 0 ? Double.NaN : Math.sqrt(ss / m);
      allMean[j] = mean;
      allSd[j] = sd;
      for (int g = 0; g < groups; g++) {
        means[g][j] = gm[g] == 0 ? Double.NaN : gs[g] / gm[g];
        z[g][j] = gm[g] == 0 || !(sd > 0) ? 0 : (means[g][j] - mean) / sd;
      }
    }
    return new Profile(Collections.unmodifiableList(feats), Collections.unmodifiableList(display), isLevel,
        allMean, allSd, segs, sizes, means, z, n);
  }

  private static int group(int label, int segmentCount) {
    return label < 0 ? segmentCount : label;
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
    String s = column.replaceAll("\\s*\\([^)]*\\)\\s*$", "").trim();
    if (s.isEmpty()) {
      s = column;
    }
    if (s.contains("_") || s.equals(s.toUpperCase(Locale.ROOT)) || s.equals(s.toLowerCase(Locale.ROOT))) {
      StringBuilder sb = new StringBuilder();
      for (String w : s.split("[_\\s]+")) {
        if (w.isEmpty()) {
          continue;
        }
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1).toLowerCase(Locale.ROOT));
      }
      return sb.length() == 0 ? column : sb.toString();
    }
    return s;
  }

  private static String levelName(String column, String level) {
    boolean word = level.chars().anyMatch(Character::isLetter);
    return word ? pretty(level) : pretty(column) + " " + level;
  }

  private String[] nameAll() {
    int groups = segments.length;
    String[] out = new String[groups];
    Map<String, Integer> seen = new HashMap<>();
    for (int g = 0; g < groups; g++) {
      out[g] = segments[g] == NOISE ? "Outliers (noise)" : name(g, 2);
    }
    for (int g = 0; g < groups; g++) {
      for (int h = 0; h < g; h++) {
        if (out[g].equals(out[h]) && segments[g] != NOISE) {
          out[g] = name(g, 3);
          break;
        }
      }
    }
    for (int g = 0; g < groups; g++) {
      int count = seen.merge(out[g], 1, Integer::sum);
      if (count > 1) {
        out[g] = out[g] + " (" + count + ")";
      }
    }
    return out;
  }

  private String name(int g, int words) {
    Integer[] order = new Integer[features.size()];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    double[] zg = z[g];
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(Math.abs(zg[b]), Math.abs(zg[a]));
      return c != 0 ? c : Integer.compare(a, b);
    });
    List<Integer> chosen = new ArrayList<>();
    for (int t = 0; t < order.length && chosen.size() < words; t++) {
      int j = order[t];
      double v = zg[j];
      if (!(Math.abs(v) >= NAME_THRESHOLD)) {
        break;
      }
      if (!isLevel[j] || v > 0) {
        chosen.add(j);
      }
    }
    Collections.sort(chosen); // the table's column order reads best: "High Annual Income, Low Spending Score"
    List<String> parts = new ArrayList<>();
    for (int j : chosen) {
      if (isLevel[j]) {
        parts.add((means[g][j] >= 0.5 ? "Mostly " : "More ") + displayNames.get(j));
      } else {
        parts.add((zg[j] > 0 ? "High " : "Low ") + displayNames.get(j));
      }
    }
    return parts.isEmpty() ? "Average" : String.join(", ", parts);
  }

  /** @return the feature names: numeric columns, and {@code column=level} for categories */
  public List<String> features() {
    return features;
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
    return allMean.clone();
  }

  /** @return the standard deviation of every feature over all customers */
  public double[] overallSds() {
    return allSd.clone();
  }

  /**
   * @param group a group index
   * @return the group's mean of every feature
   */
  public double[] means(int group) {
    return means[group].clone();
  }

  /**
   * @param group a group index
   * @return the group's z-score of every feature
   */
  public double[] zScores(int group) {
    return z[group].clone();
  }

  /**
   * @param group a group index
   * @return the group's name
   */
  public String name(int group) {
    return names[group];
  }

  /**
   * @param label a segment label ({@code -1} for noise)
   * @return its name, or {@code "Outliers (noise)"} for noise
   */
  public String nameOfLabel(int label) {
    for (int g = 0; g < segments.length; g++) {
      if (segments[g] == label) {
        return names[g];
      }
    }
    return label < 0 ? "Outliers (noise)" : "segment " + label;
  }

  /** @return the names of the segments {@code 0..k-1} (noise excluded) */
  public List<String> segmentNames() {
    List<String> out = new ArrayList<>();
    for (int g = 0; g < segments.length; g++) {
      if (segments[g] != NOISE) {
        out.add(names[g]);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
