package io.github.clusterkit.testutil;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates the shared test data (the {@code shared/data} folder beside the checkout, never copied into the
 * repository). Where it is absent the calling test is skipped as a JUnit assumption, visibly; under CI
 * ({@code CI=true}) its absence fails the test instead, so nothing is skipped silently there.
 */
public final class SharedData {

  private SharedData() {}

  /**
   * @param relative a path inside the shared data folder, e.g. {@code "benchmark/jain.csv"}
   * @return the file, which exists
   */
  public static Path file(String relative) {
    String root = System.getProperty("clusterkit.sharedData", "../../shared/data");
    Path p = Path.of(root).resolve(relative).normalize();
    if (!Files.isRegularFile(p)) {
      String msg = "shared test data not found: " + relative + " (looked in " + Path.of(root).normalize()
          + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + "; under CI=true the shared data must be present");
      }
      assumeTrue(false, msg + "; test skipped");
    }
    return p;
  }

  /**
   * Mall Customers' annual income and spending score (the file's fourth and fifth columns), 200 rows in file order.
   *
   * @return the rows
   */
  public static double[][] mallIncomeAndScore() {
    try {
      java.util.List<String> lines = Files.readAllLines(file("Mall_Customers.csv"),
          java.nio.charset.StandardCharsets.UTF_8);
      double[][] rows = new double[lines.size() - 1][];
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        rows[i - 1] = new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[4])};
      }
      return rows;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A labelled benchmark set: points and integer labels ({@code -1} = noise). */
  public static final class Labelled {
    public final double[][] x;
    public final int[] labels;

    Labelled(double[][] x, int[] labels) {
      this.x = x;
      this.labels = labels;
    }
  }

  /**
   * Reads one of {@code benchmark/*.csv}: header {@code x0,x1[,x2],label}.
   *
   * @param name file name without folder, e.g. {@code "jain.csv"}
   * @return the points and labels
   */
  public static Labelled benchmark(String name) {
    Path p = file("benchmark/" + name);
    try {
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      List<double[]> rows = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i).trim();
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split(",");
        double[] r = new double[f.length - 1];
        for (int j = 0; j < r.length; j++) {
          r[j] = Double.parseDouble(f[j]);
        }
        rows.add(r);
        labels.add(Integer.parseInt(f[f.length - 1].trim()));
      }
      int[] l = new int[labels.size()];
      for (int i = 0; i < l.length; i++) {
        l[i] = labels.get(i);
      }
      return new Labelled(rows.toArray(new double[0][]), l);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads one of ELKI's whitespace-separated test files: numeric columns first, then string labels; lines
   * starting with {@code #} and non-numeric header lines are skipped. The first label column becomes the
   * label, numbered in order of first appearance; a label named {@code Noise} or {@code Outlier} becomes
   * {@code -1}.
   *
   * @param name file name inside {@code elki/}
   * @param numericColumns number of leading numeric columns
   * @return the points and labels
   */
  public static Labelled elki(String name, int numericColumns) {
    Path p = file("elki/" + name);
    try {
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      List<double[]> rows = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String raw : lines) {
        String line = raw.trim();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("[\\s,]+");
        double[] r = new double[numericColumns];
        try {
          for (int j = 0; j < numericColumns; j++) {
            r[j] = Double.parseDouble(f[j]);
          }
        } catch (NumberFormatException header) {
          continue;
        }
        String lab = f.length > numericColumns ? f[numericColumns] : "";
        int id;
        if (lab.equalsIgnoreCase("noise") || lab.equalsIgnoreCase("outlier")) {
          id = -1;
        } else {
          id = names.indexOf(lab);
          if (id < 0) {
            names.add(lab);
            id = names.size() - 1;
          }
        }
        rows.add(r);
        labels.add(id);
      }
      int[] l = new int[labels.size()];
      for (int i = 0; i < l.length; i++) {
        l[i] = labels.get(i);
      }
      return new Labelled(rows.toArray(new double[0][]), l);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
