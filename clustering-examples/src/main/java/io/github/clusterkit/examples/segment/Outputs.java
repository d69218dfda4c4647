package io.github.clusterkit.examples.segment;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the files of a segmentation into a folder: {@code labels.csv} (one row per customer: id, segment,
 * segment name, outlier flag, for mixtures the probability of the segment, for HDBSCAN* the membership strength as
 * {@code probability} and the GLOSH {@code outlier_score}; with an outlier detector, {@code --outliers lof} or
 * {@code iforest}, the flag is the detector's and {@code outlier_score} its score, for every algorithm),
 * {@code profile.csv} (one row
 * per segment and feature: size, share, mean, z-score, and with {@code --stability} the segment's stability),
 * {@code model.json} ({@link ModelBundle}) and the
 * charts ({@link Charts}).
 */
public final class Outputs {

  /** What was written. */
  public static final class Written {
    /** Every file written. */
    public final List<Path> files;
    /** Whether model.json includes the clustering model (false when clustering-io cannot save its kind). */
    public final boolean modelIncluded;

    Written(List<Path> files, boolean modelIncluded) {
      this.files = files;
      this.modelIncluded = modelIncluded;
    }
  }

  private Outputs() {}

  /**
   * The names of the files {@link #write} writes into its folder.
   *
   * @return labels.csv, profile.csv, model.json and the charts
   */
  public static List<String> fileNames() {
    List<String> names = new ArrayList<>(List.of("labels.csv", "profile.csv", "model.json"));
    for (String stem : new String[] {Charts.PCA, Charts.K_SELECTION, Charts.K_DISTANCE}) {
      names.add(stem + ".svg");
      names.add(stem + ".png");
    }
    return names;
  }

  /**
   * Checks, before any work is done, that {@link #write} can use a folder: it is a folder or can be created as
   * one (no file is in the way), and none of the files to write is a folder.
   *
   * @param dir the output folder
   * @throws IllegalArgumentException if it cannot be used (the message says why)
   */
  public static void checkFolder(Path dir) {
    Path abs = dir.toAbsolutePath();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new IllegalArgumentException("cannot write into " + dir + ": " + (existing.equals(abs) ? dir
          : existing) + " is a file, not a folder");
    }
    for (String name : fileNames()) {
      if (Files.isDirectory(abs.resolve(name))) {
        throw new IllegalArgumentException("cannot write " + dir.resolve(name) + ": it is a folder");
      }
    }
  }

  /**
   * Writes every file.
   *
   * @param s the segmentation
   * @param dir the folder, created if needed
   * @return what was written
   * @throws IOException if writing fails
   */
  public static Written write(Segmentation s, Path dir) throws IOException {
    return write(s, dir, Assessment.NONE);
  }

  /**
   * Writes every file, {@code profile.csv} with a last column {@code stability} when the checks hold the segments'
   * stability ({@code --stability}): each segment's mean Jaccard coefficient over the resamples, on every row of the
   * segment, empty on the noise's rows. Without it the files are {@link #write(Segmentation, Path)}'s.
   *
   * @param s the segmentation
   * @param dir the folder, created if needed
   * @param checks the checks' results
   * @return what was written
   * @throws IOException if writing fails
   */
  public static Written write(Segmentation s, Path dir, Assessment checks) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    Path labels = dir.resolve("labels.csv");
    writeLabels(s, labels);
    files.add(labels);
    Path profile = dir.resolve("profile.csv");
    writeProfile(s.profile(), profile, checks.stability() == null ? null : checks.stability().meanJaccard());
    files.add(profile);
    Path model = dir.resolve("model.json");
    boolean included = ModelBundle.of(s).save(model);
    files.add(model);
    files.addAll(Charts.write(s, dir));
    return new Written(files, included);
  }

  static void writeLabels(Segmentation s, Path file) throws IOException {
    String[] ids = s.customerIds();
    int[] labels = s.labels();
    boolean[] out = s.outliers();
    double[] p = s.probabilities();
    // the GLOSH score of HDBSCAN, or a detector's score (in place of GLOSH) for every algorithm
    double[] g = s.algorithm() == Segmenter.Algorithm.HDBSCAN || s.outlierDetector() != null ? s.outlierScores()
        : null;
    Profile prof = s.profile();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(csv(s.idColumn() == null ? "row" : s.idColumn()) + ",segment,segment_name,outlier"
          + (p == null ? "" : ",probability") + (g == null ? "" : ",outlier_score") + "\n");
      for (int i = 0; i < labels.length; i++) {
        w.write(csv(ids[i]) + "," + labels[i] + "," + csv(prof.nameOfLabel(labels[i])) + "," + out[i]
            + (p == null ? "" : "," + p[i]) + (g == null ? "" : "," + g[i]) + "\n");
      }
    }
  }

  static void writeProfile(Profile p, Path file) throws IOException {
    writeProfile(p, file, null);
  }

  /** {@code profile.csv}, with the column {@code stability} (by label) when {@code stability} is not null. */
  static void writeProfile(Profile p, Path file, double[] stability) throws IOException {
    int[] segs = p.segments();
    List<String> feats = p.features();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("segment,segment_name,size,share,feature,mean,overall_mean,z_score"
          + (stability == null ? "" : ",stability") + "\n");
      double[] all = p.overallMeans();
      for (int g = 0; g < segs.length; g++) {
        double[] m = p.means(g);
        double[] z = p.zScores(g);
        for (int j = 0; j < feats.size(); j++) {
          w.write(segs[g] + "," + csv(p.name(g)) + "," + p.sizes()[g] + ","
              + String.format(Locale.ROOT, "%.6f", p.share(g)) + "," + csv(feats.get(j)) + "," + m[j] + ","
              + all[j] + "," + z[j] + (stability == null ? "" : "," + (segs[g] < 0 ? "" : stability[segs[g]]))
              + "\n");
        }
      }
    }
  }

  /**
   * A numeric customer id as text: a whole number in full ({@code 100000}, not {@code 100,000} or
   * {@code 1.0E5}), any other number as {@link Double#toString(double)}, a missing one ({@code NaN}) as
   * {@code ""}. (The command reads id columns as text, so that ids keep leading zeros; this is for a table
   * whose id column is numeric.)
   *
   * @param v the id
   * @return its text
   */
  public static String idText(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /**
   * @param field a CSV field
   * @return the field, quoted (RFC 4180) when it holds a comma, quote or line break
   */
  public static String csv(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
