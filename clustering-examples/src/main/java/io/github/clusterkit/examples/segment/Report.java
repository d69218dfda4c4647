package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.GapResult;
import io.github.clusterkit.eval.StabilityResult;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.outlier.IsolationForestModel;
import io.github.clusterkit.outlier.LofModel;
import io.github.clusterkit.outlier.OutlierModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link Segmentation} as text: preprocessing, k sweep, segments, profile (for bisecting K-Means followed by
 * the tree of splits, {@link SegmentTree}), outliers and quality.
 */
public final class Report {

  /** Most outliers listed by name. */
  static final int OUTLIERS_SHOWN = 10;

  private static final int CELL = 17;

  private Report() {}

  /** Magnitude from which a number is printed in scientific notation: beyond it plain text runs to 20 digits. */
  static final double LARGE = 1e15;

  /**
   * A number for people: no decimals from 1000 on, one from 10 on, else two; whole numbers without decimals. A
   * number of {@link #LARGE 1e15} or more, or one other than zero that would print as zero ({@code 0.00}), is
   * printed in scientific notation with three significant digits, {@code 4.52e299} or {@code -3.10e-7}: before,
   * 1e300 printed with 300 digits and 1e-7 as 0.00, as if it were zero.
   *
   * @param v the value
   * @return its text
   */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < LARGE) {
      return String.format(Locale.ROOT, a >= 10000 ? "%,.0f" : "%.0f", v);
    }
    if (a >= 1000) {
      return compact(v, "%,.0f", true);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return compact(v, "%.2f", true);
  }

  /**
   * {@code v} in the format {@code plain}, or in scientific notation with three significant digits ({@code
   * 1.23e45}, {@code -4.50e-8}) when it is {@link #LARGE} or more, or ({@code tiny}) not zero but printed as zero in
   * {@code plain}. NaN and infinities as {@code plain} prints them.
   *
   * @param v the value
   * @param plain a {@link String#format} format for one number
   * @param tiny whether a number printed as zero, but not zero, is printed in scientific notation
   * @return its text
   */
  static String compact(double v, String plain, boolean tiny) {
    String text = String.format(Locale.ROOT, plain, v);
    if (!Double.isFinite(v) || Math.abs(v) < LARGE
        && (!tiny || v == 0 || text.chars().anyMatch(c -> c >= '1' && c <= '9'))) {
      return text;
    }
    String sci = String.format(Locale.ROOT, "%.2e", v); // 4.52e+299, -3.10e-07
    int e = sci.indexOf('e');
    int exponent = Integer.parseInt(sci.substring(e + 1));
    return (plain.startsWith("%+") && v >= 0 ? "+" : "") + sci.substring(0, e) + "e" + exponent;
  }

  private static String z(double v) {
    return compact(v, "%+.1f", false);
  }

  /**
   * Prints the report.
   *
   * @param s the segmentation
   * @param source where the customers came from, e.g. the file name
   * @param out where to print
   */
  public static void print(Segmentation s, String source, PrintStream out) {
    print(s, source, out, Assessment.NONE);
  }

  /**
   * Prints the report with the checks asked for: the gap statistic's columns in the k-selection table and the
   * choices of its rules below it ({@code --gap}), each segment's stability beside its size ({@code --stability}).
   * With {@link Assessment#NONE} the report is {@link #print(Segmentation, String, PrintStream)}'s.
   *
   * @param s the segmentation
   * @param source where the customers came from, e.g. the file name
   * @param out where to print
   * @param checks the checks' results
   */
  public static void print(Segmentation s, String source, PrintStream out, Assessment checks) {
    Table f = s.features();
    int n = f.rowCount();
    out.printf(Locale.ROOT, "clusterkit segment: %d customers from %s%n", n, source);
    out.printf(Locale.ROOT, "features: %s%s%n", String.join(", ", f.columnNames()),
        s.idColumn() == null ? "" : "  (customer id: " + s.idColumn() + ")");
    List<String> imputed = new ArrayList<>();
    int cells = 0;
    for (String c : f.columnNames()) {
      int m = f.missingCount(c);
      if (m > 0) {
        cells += m;
        imputed.add(c + " " + m + (f.type(c) == ColumnType.NUMERIC ? " (median)" : " (most frequent)"));
      }
    }
    out.printf(Locale.ROOT, "missing cells imputed: %s%n",
        imputed.isEmpty() ? "none" : cells + " = " + String.join(", ", imputed));
    out.printf(Locale.ROOT, "log1p of skewed columns (skewness > %.0f, no negative value): %s%n",
        Preprocessing.SKEWNESS_LIMIT, s.logColumns().isEmpty() ? "none" : String.join(", ", s.logColumns()));
    if (s.config().effectiveDistance() == Segmenter.Distance.GOWER) {
      int p = f.columnNames().size();
      out.printf(Locale.ROOT, "model input: %s (numbers min-max scaled to [0, 2], categories one-hot); Manhattan"
          + " distance = 2 x %d x Gower's dissimilarity over the %s%n%n", plural(s.scaled().dimension(), "column"), p,
          plural(p, "feature"));
    } else {
      out.printf(Locale.ROOT, "model input: %s (numbers standard-scaled, categories one-hot)%n%n",
          plural(s.scaled().dimension(), "column"));
    }

    KSweep sw = s.sweep();
    int[] ks = sw.ks();
    double[] in = sw.inertia();
    double[] sil = sw.silhouette();
    String silText = KSweep.silhouetteSampleSize(n) == 0 ? "exact" : "on " + KSweep.silhouetteSampleSize(n)
        + " sampled rows";
    boolean medoids = sw.kMedoids();
    GapResult gap = checks.gap();
    double[] gaps = gap == null ? null : gap.gap();
    double[] se = gap == null ? null : gap.se();
    if (medoids) {
      out.printf(Locale.ROOT, "k selection (K-Medoids, FasterPAM, %d restarts, %s, silhouette %s with it):%n",
          Segmenter.KMEDOIDS_RESTARTS, distanceName(s.config().effectiveDistance()), silText);
      out.println("   k         cost  silhouette");
    } else if (sw.bisecting()) {
      out.printf(Locale.ROOT, "k selection (bisecting K-Means, one fit of %d segments read at every k, %d restarts per"
          + " split, silhouette %s):%n", ks[ks.length - 1], Segmenter.BISECTING_RESTARTS, silText);
      out.println("   k      inertia  silhouette" + (gap == null ? "" : "         gap         s_k"));
    } else {
      out.printf(Locale.ROOT, "k selection (K-Means, %d restarts, silhouette %s):%n", Segmenter.KMEANS_RESTARTS,
          silText);
      out.println("   k      inertia  silhouette" + (gap == null ? "" : "         gap         s_k"));
    }
    String kneeOf = medoids ? "  <- knee of cost" : "  <- knee of inertia";
    for (int t = 0; t < ks.length; t++) {
      out.printf(Locale.ROOT, "  %2d %12.4g  %10s%s%s%n", ks[t], in[t],
          Double.isNaN(sil[t]) ? "" : String.format(Locale.ROOT, "%.4f", sil[t]),
          gap == null ? "" : String.format(Locale.ROOT, "  %10s  %10s", gapNumber(gaps[t]), gapNumber(se[t])),
          (ks[t] == sw.knee() ? kneeOf : "") + (ks[t] == sw.recommendedK() ? "  <- best silhouette" : "")
              + (gap != null && ks[t] == gap.chosenK() ? "  <- gap rule" : ""));
    }
    if (gap != null) {
      printGapChoice(s, checks, out);
    }
    int last = ks[ks.length - 1];
    if (s.config().k() == null && !density(s.algorithm()) && sw.recommendedK() == last
        && last == s.config().maxK()) {
      // The sweep was cut by --k-max, not by the data: the silhouette may still rise beyond it (KSelectionResult's
      // recommendedK says the same of the library's sweep).
      out.printf(Locale.ROOT, "note: the silhouette is highest at the largest k tried (%d) and may rise further:"
          + " widen --k-max, or choose with --k%s%n", last,
          sw.knee() > 0 ? String.format(Locale.ROOT, " (the inertia knee is at k = %d)", sw.knee()) : "");
    }
    out.println();

    switch (s.algorithm()) {
      case KMEANS:
        out.printf(Locale.ROOT, "K-Means, k = %d (%s), %d restarts%n", s.chosenK(),
            s.config().k() != null ? "as asked" : "highest silhouette",
            Segmenter.KMEANS_RESTARTS);
        break;
      case BISECTING:
        out.printf(Locale.ROOT, "Bisecting K-Means, k = %d (%s), %d restarts per split, splitting the segment of"
            + " largest inertia%n", s.chosenK(), s.config().k() != null ? "as asked" : "highest silhouette",
            Segmenter.BISECTING_RESTARTS);
        break;
      case GMM:
        out.printf(Locale.ROOT, "Gaussian mixture, %s (%s), full covariances%n", plural(s.chosenK(), "component"),
            s.config().k() != null ? "as asked" : "k of the highest silhouette");
        break;
      case KMEDOIDS:
        out.printf(Locale.ROOT, "K-Medoids, k = %d (%s), FasterPAM, %d restarts, %s%n", s.chosenK(),
            s.config().k() != null ? "as asked" : "highest silhouette", Segmenter.KMEDOIDS_RESTARTS,
            distanceName(s.config().effectiveDistance()));
        break;
      case HDBSCAN:
        out.printf(Locale.ROOT, "HDBSCAN*, min cluster size = %d (%s), minSamples = %d (%s), excess of mass: %d"
            + " segment%s, %d noise%n", s.minClusterSize(),
            s.config().minClusterSize() != null ? "as asked" : "1% of the customers, at least 5", s.minPts(),
            s.config().minSamples() != null ? "as asked" : "the min cluster size", s.segmentCount(),
            s.segmentCount() == 1 ? "" : "s", noise(s.labels()));
        break;
      default:
        out.printf(Locale.ROOT, "DBSCAN, eps = %.4g (scaled units%s), minPts = %d: %d segment%s, %d noise%n",
            s.eps(), s.config().eps() == null ? ", knee of the k-distance curve" : "", s.minPts(), s.segmentCount(),
            s.segmentCount() == 1 ? "" : "s", noise(s.labels()));
        break;
    }

    Profile p = s.profile();
    int[] segs = p.segments();
    out.println();
    out.println("segments:");
    StabilityResult st = checks.stability();
    double[] stability = st == null ? null : st.meanJaccard();
    int[] dissolved = st == null ? null : st.dissolved();
    for (int g = 0; g < segs.length; g++) {
      String stable = stability == null || segs[g] < 0 ? ""
          : String.format(Locale.ROOT, "  stability %.2f (%s; dissolved %d/%d)", stability[segs[g]],
              Assessment.reading(stability[segs[g]]), dissolved[segs[g]], st.resamples());
      out.printf(Locale.ROOT, "  %-5s %-50s %6d customer%s (%4.1f%%)%s%n", segs[g] < 0 ? "noise" : "#" + segs[g],
          p.name(g), p.sizes()[g], p.sizes()[g] == 1 ? " " : "s", 100 * p.share(g), stable);
    }
    if (st != null) {
      printStabilityNote(s, st, out);
    }
    if (s.medoidRows() != null) {
      printTypicalCustomers(s, out);
    }
    out.println();
    out.println("profile: mean of each feature, its z-score against all customers in brackets");
    List<String> feats = p.displayNames();
    int w = 8;
    for (String fn : feats) {
      w = Math.max(w, Math.min(30, fn.length()));
    }
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-" + w + "s %10s", "", "all"));
    for (int g = 0; g < segs.length; g++) {
      head.append(String.format(Locale.ROOT, " %" + CELL + "s", segs[g] < 0 ? "noise" : "#" + segs[g]));
    }
    out.println(head);
    StringBuilder size = new StringBuilder(String.format(Locale.ROOT, "  %-" + w + "s %10d", "customers", n));
    for (int g = 0; g < segs.length; g++) {
      size.append(String.format(Locale.ROOT, " %" + CELL + "s",
          p.sizes()[g] + String.format(Locale.ROOT, " (%.0f%%)", 100 * p.share(g))));
    }
    out.println(size);
    double[] all = p.overallMeans();
    for (int j = 0; j < feats.size(); j++) {
      String fn = feats.get(j);
      if (fn.length() > w) {
        fn = fn.substring(0, w - 1) + "~";
      }
      boolean lvl = p.isLevel(j);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-" + w + "s %10s", fn,
          lvl ? pct(all[j]) : number(all[j])));
      for (int g = 0; g < segs.length; g++) {
        double m = p.means(g)[j];
        row.append(String.format(Locale.ROOT, " %" + CELL + "s",
            (lvl ? pct(m) : number(m)) + " (" + z(p.zScores(g)[j]) + ")"));
      }
      out.println(row);
    }
    if (s.model() instanceof BisectingKMeansModel) {
      out.println();
      for (String line : SegmentTree.lines((BisectingKMeansModel) s.model(), f)) {
        out.println(line);
      }
    }

    printOutliers(s, out);

    Segmenter.Quality q = s.quality();
    out.println();
    String silNote = s.algorithm() != Segmenter.Algorithm.KMEDOIDS ? ""
        : s.config().effectiveDistance().metric() == io.github.clusterkit.neighbors.Metric.MANHATTAN
            ? " (Manhattan distance, as the fit)" : " (Euclidean distance, as the fit)";
    out.printf(Locale.ROOT, "quality: silhouette %s%s%s, Davies-Bouldin %s, Calinski-Harabasz %s%s%n",
        fmt(q.silhouette()), q.silhouetteSampled() ? " (sampled)" : "", silNote, fmt(q.daviesBouldin()),
        Double.isNaN(q.calinskiHarabasz()) ? "n/a" : compact(q.calinskiHarabasz(), "%.1f", false),
        density(s.algorithm()) ? " (noise left out)" + dbcv(q) : "");
  }

  /**
   * The lines below a sweep with the gap statistic: which k its rules pick, and that the segmentation's k is chosen
   * as without {@code --gap}.
   */
  private static void printGapChoice(Segmentation s, Assessment checks, PrintStream out) {
    GapResult g = checks.gap();
    out.printf(Locale.ROOT, "gap statistic (Tibshirani et al. 2001), B = %d uniform reference sets over the bounding"
        + " box of the model input:%n  the paper's rule (the smallest k with Gap(k) >= Gap(k+1) - s_k+1) picks"
        + " k = %d, the global-SE-max rule k = %d;%n%s", g.referenceSets(), g.chosenK(), checks.gapGlobalSeMaxK(),
        g.chosenAtEdge() ? "  the paper's rule stops at the largest k tried: the gap may rise further (widen --k-max);"
            + System.lineSeparator() : "");
    String kept;
    if (density(s.algorithm())) {
      kept = s.algorithm().name().toLowerCase(Locale.ROOT) + " finds the number of segments itself";
    } else if (s.config().k() != null) {
      kept = "the segments use k = " + s.chosenK() + " as asked (--k)";
    } else {
      kept = "the segments use k = " + s.chosenK() + ", the highest silhouette, as without --gap (choose another"
          + " with --k)";
    }
    out.println("  " + kept);
  }

  /** A gap or its standard error: four decimals; {@code inf} or {@code n/a} where it is infinite or undefined. */
  private static String gapNumber(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return compact(v, "%.4f", false);
  }

  /** What the stability beside each segment is, and how to read it. */
  private static void printStabilityNote(Segmentation s, StabilityResult st, PrintStream out) {
    String method;
    switch (s.algorithm()) {
      case KMEDOIDS:
        method = String.format(Locale.ROOT, "K-Medoids, %d restarts, %s", Segmenter.KMEDOIDS_RESTARTS,
            distanceName(s.config().effectiveDistance()));
        break;
      case GMM:
        method = String.format(Locale.ROOT, "the Gaussian mixture, %d restarts", Segmenter.GMM_RESTARTS);
        break;
      case BISECTING:
        method = String.format(Locale.ROOT, "bisecting K-Means, %d restarts per split", Segmenter.BISECTING_RESTARTS);
        break;
      default:
        method = String.format(Locale.ROOT, "K-Means, %d restarts", Segmenter.KMEANS_RESTARTS);
        break;
    }
    out.printf(Locale.ROOT, "stability: each segment's mean Jaccard coefficient with its best match in %d bootstrap"
        + " resamples%n  segmented again by %s, k = %d, seed %d (Hennig 2007, as fpc::clusterboot);%n  reading: 0.85"
        + " or more highly stable, 0.75 or more stable, 0.6 to 0.75 a pattern with uncertain members, below 0.6"
        + " unstable;%n  dissolved: Jaccard <= %s in a resample%n", st.resamples(), method, s.chosenK(),
        s.config().seedValue(), Report.number(st.dissolution()));
  }

  /**
   * The DBCV part of the quality line of a density segmentation: {@code ", DBCV 0.1234 (noise counts against it)"},
   * or {@code ", DBCV n/a (reason)"} with {@link Segmenter.Quality#dbcvMissing() the reason}.
   */
  static String dbcv(Segmenter.Quality q) {
    return ", DBCV " + (q.dbcvMissing() != null ? "n/a (" + q.dbcvMissing() + ")"
        : fmt(q.dbcv()) + " (noise counts against it)");
  }

  /**
   * The distance of K-Medoids for people: {@code "Gower's dissimilarity"} (see {@link Segmenter.Distance#GOWER}),
   * {@code "Manhattan distance"} or {@code "Euclidean distance"}.
   */
  static String distanceName(Segmenter.Distance d) {
    switch (d) {
      case GOWER:
        return "Gower's dissimilarity";
      case MANHATTAN:
        return "Manhattan distance";
      default:
        return "Euclidean distance";
    }
  }

  /**
   * The medoids as each segment's typical customer: its id (or, without an id column, its row, 1 for the first data
   * row) and its values in the file (before imputation, logarithm and scaling; {@code missing} for an empty cell).
   */
  private static void printTypicalCustomers(Segmentation s, PrintStream out) {
    int[] rows = s.medoidRows();
    String[] ids = s.customerIds();
    Table f = s.features();
    out.println();
    out.println("typical customers (the medoids: each segment's customer with the least total distance to its"
        + " members):");
    for (int g = 0; g < rows.length; g++) {
      int i = rows[g];
      String who = s.idColumn() == null || ids[i].isEmpty() ? "row " + (i + 1) : s.idColumn() + " " + ids[i];
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  #%-4d %s:", g, who));
      List<String> names = f.columnNames();
      for (int j = 0; j < names.size(); j++) {
        String c = names.get(j);
        String v;
        if (f.type(c) == ColumnType.NUMERIC) {
          double x = f.numeric(c)[i];
          v = Double.isNaN(x) ? "missing" : number(x);
        } else {
          String x = f.categorical(c)[i];
          v = x == null ? "missing" : x;
        }
        sb.append(j == 0 ? " " : ", ").append(Profile.pretty(c)).append(' ').append(v);
      }
      out.println(sb);
    }
  }

  /** Whether the algorithm finds the number of segments itself and leaves noise (DBSCAN, HDBSCAN*). */
  static boolean density(Segmenter.Algorithm a) {
    return a == Segmenter.Algorithm.DBSCAN || a == Segmenter.Algorithm.HDBSCAN;
  }

  /** {@code n} and the noun, with an s unless {@code n} is 1: "1 column", "2 columns". */
  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : compact(v, "%.4f", false);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
  }

  private static int count(boolean[] b) {
    int c = 0;
    for (boolean x : b) {
      if (x) {
        c++;
      }
    }
    return c;
  }

  /**
   * One feature of an outlier beside its segment, from the segment profile: a number with the segment's mean
   * ({@code "Hours Online 9.40 (segment mean 1.52)"}), a category with its share in the segment ({@code "Preferred
   * Channel Online (6% of segment)"}, among the segment's customers whose cell is not missing); noise is compared
   * with all customers. A missing cell is shown as {@code missing}, without a share.
   */
  static String reason(Profile p, Table f, String column, int label, int row) {
    String scope = label < 0 ? "all" : "segment";
    double[] means = label < 0 ? p.overallMeans() : p.means(label);
    if (f.type(column) == ColumnType.NUMERIC) {
      double v = f.numeric(column)[row];
      double mean = means[p.features().indexOf(column)];
      return Profile.pretty(column) + " " + (Double.isNaN(v) ? "missing" : number(v))
          + (Double.isNaN(mean) ? "" : " (" + scope + " mean " + number(mean) + ")");
    }
    String level = f.categorical(column)[row];
    if (level == null) {
      return Profile.pretty(column) + " missing";
    }
    double share = means[p.features().indexOf(column + "=" + level)];
    String shown = level.chars().anyMatch(Character::isLetter) ? Profile.pretty(level) : level;
    return Profile.pretty(column) + " " + shown + String.format(Locale.ROOT, " (%.0f%% of %s)", 100 * share, scope);
  }

  /** The customers of DBSCAN's and HDBSCAN*'s noise, label {@code -1}. */
  private static int noise(int[] labels) {
    int c = 0;
    for (int l : labels) {
      if (l < 0) {
        c++;
      }
    }
    return c;
  }

  /**
   * The rule of an outlier detector, as the report names it: {@code "Local Outlier Factor, k = 20, LOF above 1.5
   * (auto), highest first"}, {@code "isolation forest, 100 trees of 256 customers, seed 42, score above 0.5873
   * (contamination 0.01), highest first"}; for DBSCAN and HDBSCAN* that their noise keeps its label.
   */
  static String detectorRule(Segmentation s) {
    OutlierModel m = s.outlierDetector();
    StringBuilder sb = new StringBuilder();
    if (m instanceof LofModel) {
      sb.append("Local Outlier Factor, k = ").append(((LofModel) m).k()).append(", LOF above ");
    } else {
      IsolationForestModel f = (IsolationForestModel) m;
      sb.append("isolation forest, ").append(f.trees()).append(" trees of ").append(f.sampleSize())
          .append(" customers, seed ").append(s.config().seedValue()).append(", score above ");
    }
    sb.append(String.format(Locale.ROOT, "%.4g", m.threshold()));
    sb.append(m.contamination().isPresent()
        ? String.format(Locale.ROOT, " (contamination %s)", number(m.contamination().getAsDouble())) : " (auto)");
    sb.append(", highest first");
    if (s.algorithm() == Segmenter.Algorithm.DBSCAN || s.algorithm() == Segmenter.Algorithm.HDBSCAN) {
      sb.append("; noise keeps its label and is listed only when flagged");
    }
    return sb.toString();
  }

  private static void printOutliers(Segmentation s, PrintStream out) {
    boolean[] flag = s.outliers();
    int total = count(flag);
    out.println();
    String rule;
    OutlierModel detector = s.outlierDetector();
    if (detector != null) {
      rule = detectorRule(s);
    } else {
      switch (s.algorithm()) {
        case KMEANS:
          rule = "farthest from their segment's centroid";
          break;
        case KMEDOIDS:
          rule = "farthest from their segment's medoid";
          break;
        case BISECTING:
          rule = "farthest from their segment's centroid, the leaf of the tree";
          break;
        case GMM:
          rule = "lowest mixture likelihood";
          break;
        case HDBSCAN:
          rule = "HDBSCAN noise, highest GLOSH outlier score first";
          break;
        default:
          rule = "DBSCAN noise";
          break;
      }
    }
    out.printf(Locale.ROOT, "outliers: %d (%s)%n", total, rule);
    if (total == 0) {
      return;
    }
    Integer[] rows = new Integer[total];
    int c = 0;
    for (int i = 0; i < flag.length; i++) {
      if (flag[i]) {
        rows[c++] = i;
      }
    }
    double[] score = s.outlierScores();
    if (score != null) {
      // a distance, a GLOSH score or a detector's score: highest first
      boolean high = detector != null || s.algorithm() != Segmenter.Algorithm.GMM;
      Arrays.sort(rows, (a, b) -> high ? Double.compare(score[b], score[a]) : Double.compare(score[a], score[b]));
    }
    String[] ids = s.customerIds();
    Table f = s.features();
    Profile p = s.profile();
    List<String> names = f.columnNames();
    Dataset x = s.scaled();
    int[] src = OutlierReasons.sources(s.pipeline().outputColumns(), names);
    int[] labels = s.labels();
    for (int t = 0; t < Math.min(OUTLIERS_SHOWN, total); t++) {
      int i = rows[t];
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-10s", ids[i]));
      sb.append(labels[i] < 0 ? "  noise" : "  #" + labels[i]);
      if (detector != null) {
        sb.append(String.format(Locale.ROOT, "  %s %.3f", detector instanceof LofModel ? "LOF" : "score", score[i]));
      }
      // the two features that differ most from the segment, in the model's space (see OutlierReasons)
      double[] share = OutlierReasons.shares(x, src, names.size(), labels, i);
      for (int j : OutlierReasons.largest(share, 2)) {
        sb.append("  ").append(reason(p, f, names.get(j), labels[i], i));
      }
      out.println(sb);
    }
    if (total > OUTLIERS_SHOWN) {
      out.printf(Locale.ROOT, "  ... and %d more (see labels.csv)%n", total - OUTLIERS_SHOWN);
    }
  }
}
