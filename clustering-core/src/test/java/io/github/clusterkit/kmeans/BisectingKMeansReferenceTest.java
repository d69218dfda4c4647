package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * From the same starts, the fit equals scikit-learn 1.2.1's {@code BisectingKMeans(n_clusters=k, init=<callable>,
 * n_init=n_init, tol=0, algorithm="lloyd", bisecting_strategy=s).fit(X, sample_weight=w)}: the same splits in the same
 * order, node sizes, labels ({@code labels_}), predictions ({@code predict}) and, for every {@code m < k}, the labels
 * of scikit-learn's fit with {@code n_clusters=m} as {@code labelsAt(m)}; centroids and inertias to 1e-9 relative
 * (scikit-learn centres the data first, which changes the last bits). Fixtures, their data sets and the two
 * scikit-learn 1.2.1 defects patched to make the comparison possible: tools/bisecting_kmeans_reference.py.
 */
class BisectingKMeansReferenceTest {

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String name : new String[] {"blobs", "blobs10", "weighted", "duplicates", "onecolumn"}) {
      RefFile f = RefFile.load(name);
      for (int c = 0; c < f.cases.size(); c++) {
        for (KMeansAlgorithm a : new KMeansAlgorithm[] {KMeansAlgorithm.LLOYD, KMeansAlgorithm.AUTO}) {
          out.add(Arguments.of(name, c, a, a == KMeansAlgorithm.AUTO ? 2 : 1));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} case {1} {2} threads={3}")
  @MethodSource("cases")
  void equalsScikitLearn(String name, int index, KMeansAlgorithm algorithm, int threads) {
    RefFile f = RefFile.load(name);
    RefCase c = f.cases.get(index);
    BisectingKMeansModel m = fit(f, c, c.k, algorithm, threads);
    int nodes = 2 * c.k - 1;
    assertEquals(nodes, m.nodeCount());
    for (int s = 0; s < c.k - 1; s++) {
      assertEquals(c.splits[s], m.splitNode(s), "split " + s);
    }
    assertArrayEquals(c.labels, m.labels(), "labels_");
    double[] scale = f.columnScale();
    for (int v = 0; v < nodes; v++) {
      assertEquals(c.sizes[v], m.nodeSize(v), "size of node " + v);
      assertClose(c.centroids[v], m.nodeCentroid(v), scale, "centroid of node " + v);
      // Node inertias: numpy's sums of the same squared distances (the script), 1e-9 relative to the root's.
      assertEquals(c.inertias[v], m.nodeInertia(v), 1e-9 * c.inertias[0], "inertia of node " + v);
    }
    double[][] centers = m.centroids();
    for (int l = 0; l < c.k; l++) {
      assertClose(c.centers[l], centers[l], scale, "cluster_centers_[" + l + "]");
    }
    assertEquals(c.inertia, m.inertia(), 1e-9 * c.inertia + 1e-12, "inertia_");
    for (int p = 0; p < f.points.length; p++) {
      assertEquals(c.predicted[p], m.predict(f.points[p]), "predict of point " + p);
    }
    assertArrayEquals(c.predicted, m.predict(Dataset.of(f.points)), "predict(Dataset)");
    for (int level = 1; level < c.k; level++) {
      assertArrayEquals(c.levels[level], m.labelsAt(level), "labels_ of the fit with n_clusters = " + level);
    }
  }

  /** The Java fit with the fixture's starts: split s, restart r takes the rows at positions starts[s n_init + r]. */
  static BisectingKMeansModel fit(RefFile f, RefCase c, int k, KMeansAlgorithm algorithm, int threads) {
    BisectingKMeans config = BisectingKMeans.k(k)
        .strategy(c.strategy)
        .restarts(c.restarts)
        .tolerance(0)
        .algorithm(algorithm)
        .parallelism(threads);
    BisectingKMeans.Starts starts = (split, restart, rows, m, d) -> {
      int call = split * c.restarts + restart;
      int p = c.starts[2 * call];
      int q = c.starts[2 * call + 1];
      assertTrue(p < m && q < m, "start positions within the leaf");
      double[] out = new double[2 * d];
      System.arraycopy(rows, p * d, out, 0, d);
      System.arraycopy(rows, q * d, out, d, d);
      return out;
    };
    return config.fit(f.dataset(), f.weights, starts);
  }

  private static void assertClose(double[] expected, double[] actual, double[] scale, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int t = 0; t < expected.length; t++) {
      double tol = 1e-9 * Math.max(scale[t], Math.abs(expected[t]));
      assertEquals(expected[t], actual[t], tol, what + ", coordinate " + t);
    }
  }

  /** One fixture file of tools/bisecting_kmeans_reference.py (format described there). */
  static final class RefFile {
    double[][] data;
    double[] weights;
    double[][] points;
    final List<RefCase> cases = new ArrayList<>();

    Dataset dataset() {
      return Dataset.of(data);
    }

    double[] columnScale() {
      double[] s = new double[data[0].length];
      for (double[] row : data) {
        for (int t = 0; t < s.length; t++) {
          s[t] = Math.max(s[t], Math.abs(row[t]));
        }
      }
      return s;
    }

    static RefFile load(String name) {
      String path = "/fixtures/bisect/" + name + ".txt";
      List<String> lines = new ArrayList<>();
      try (InputStream in = RefFile.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing fixture " + path);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
          if (!line.startsWith("#")) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      RefFile f = new RefFile();
      int i = 0;
      String[] h = lines.get(i++).split(" ");
      int n = Integer.parseInt(h[1]);
      f.data = new double[n][];
      for (int r = 0; r < n; r++) {
        f.data[r] = doubles(lines.get(i++), 0);
      }
      if (lines.get(i).equals("weights")) {
        f.weights = doubles(lines.get(i + 1), 0);
        i += 2;
      }
      int p = Integer.parseInt(lines.get(i++).split(" ")[1]);
      f.points = new double[p][];
      for (int r = 0; r < p; r++) {
        f.points[r] = doubles(lines.get(i++), 0);
      }
      RefCase c = null;
      for (; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isEmpty()) {
          continue;
        }
        String[] t = line.split(" ");
        switch (t[0]) {
          case "case":
            c = new RefCase();
            c.strategy = BisectingStrategy.valueOf(t[1]);
            c.k = Integer.parseInt(t[2]);
            c.restarts = Integer.parseInt(t[3]);
            c.centroids = new double[2 * c.k - 1][];
            c.centers = new double[c.k][];
            c.levels = new int[c.k][];
            f.cases.add(c);
            break;
          case "starts":
            c.starts = ints(line);
            break;
          case "splits":
            c.splits = ints(line);
            break;
          case "sizes":
            c.sizes = ints(line);
            break;
          case "inertias":
            c.inertias = doubles(line, 1);
            break;
          case "centroid":
            c.centroids[Integer.parseInt(t[1])] = doubles(line, 2);
            break;
          case "labels":
            c.labels = ints(line);
            break;
          case "centers":
            c.centers[Integer.parseInt(t[1])] = doubles(line, 2);
            break;
          case "inertia":
            c.inertia = Double.parseDouble(t[1]);
            break;
          case "predicted":
            c.predicted = ints(line);
            break;
          case "level":
            c.levels[Integer.parseInt(t[1])] = Arrays.copyOfRange(ints(line), 1, t.length - 1);
            break;
          default:
            throw new IllegalStateException("unknown fixture line " + t[0]);
        }
      }
      return f;
    }

    private static double[] doubles(String line, int skip) {
      String[] t = line.trim().split(" ");
      double[] v = new double[t.length - skip];
      for (int j = 0; j < v.length; j++) {
        v[j] = Double.parseDouble(t[j + skip]);
      }
      return v;
    }

    /** The integers after the line's key. */
    private static int[] ints(String line) {
      String[] t = line.trim().split(" ");
      int[] v = new int[t.length - 1];
      for (int j = 0; j < v.length; j++) {
        v[j] = Integer.parseInt(t[j + 1]);
      }
      return v;
    }
  }

  /** One case of a fixture file. */
  static final class RefCase {
    BisectingStrategy strategy;
    int k;
    int restarts;
    int[] starts;
    int[] splits;
    int[] sizes;
    double[] inertias;
    double[][] centroids;
    int[] labels;
    double[][] centers;
    double inertia;
    int[] predicted;
    int[][] levels;
  }
}
