package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares with scikit-learn 1.2.1: every run in {@code fixtures/dbscan/*.csv} was written by
 * {@code tools/dbscan_reference.py} as
 * {@code DBSCAN(eps=eps, min_samples=minPts, metric=metric, algorithm='kd_tree').fit(X)}. Core masks,
 * noise sets and the partition of core points must be identical; a border point must be in a cluster that
 * holds a core point within eps of it (scikit-learn assigns border points in row order, so its choice among
 * valid clusters can differ from ours, which is the nearest core point's). Every neighbour search and
 * two threads must give the same labels.
 */
class DbscanReferenceTest {

  private static final int ORACLE_MAX_N = 2500;
  static final String[] BENCHMARK = {
    "aggregation", "compound", "jain", "flame", "pathbased", "3-spiral", "R15", "complex9", "hdbscan",
    "cure-t2-4k", "lsun", "target", "atom", "chainlink", "hepta"
  };
  static final String[] GENERATED = {
    "gen-blobs2d", "gen-lattice2d", "gen-blobs3d", "gen-line1d", "gen-blobs6d"
  };

  /** One fixture file: the run specifications, the reference values per run, coordinates if generated. */
  static final class Fixture {
    final String name;
    final List<String> runs = new ArrayList<>();
    final List<String[]> values = new ArrayList<>();
    final List<double[]> points = new ArrayList<>();

    Fixture(String name) {
      this.name = name;
    }
  }

  static Fixture read(String name, boolean withPoints) {
    Fixture f = new Fixture(name);
    String path = "/fixtures/dbscan/" + name + ".csv";
    try (InputStream in = DbscanReferenceTest.class.getResourceAsStream(path);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        if (line.startsWith("runs,")) {
          for (String s : line.substring(5).split(";")) {
            f.runs.add(s);
          }
          continue;
        }
        String[] parts = line.split(",");
        int k = f.runs.size();
        int d = parts.length - k;
        if (withPoints) {
          double[] p = new double[d];
          for (int j = 0; j < d; j++) {
            p[j] = Double.parseDouble(parts[j]);
          }
          f.points.add(p);
        }
        String[] v = new String[k];
        System.arraycopy(parts, d, v, 0, k);
        f.values.add(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  static Stream<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    for (String b : BENCHMARK) {
      Fixture f = read(b, false);
      for (int r = 0; r < f.runs.size(); r++) {
        out.add(Arguments.of(b, false, r, f.runs.get(r)));
      }
    }
    for (String g : GENERATED) {
      Fixture f = read(g, true);
      for (int r = 0; r < f.runs.size(); r++) {
        out.add(Arguments.of(g, true, r, f.runs.get(r)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("runs")
  void matchesScikitLearn(String name, boolean generated, int run, String spec) {
    Fixture f = read(name, generated);
    double[][] x = generated ? f.points.toArray(new double[0][]) : SharedData.benchmark(name + ".csv").x;
    assertEquals(f.values.size(), x.length, "fixture rows");
    String[] s = spec.split(":");
    Metric metric = Metric.valueOf(s[0].toUpperCase(Locale.ROOT));
    double eps = Double.parseDouble(s[1]);
    int minPts = Integer.parseInt(s[2]);
    int n = x.length;
    int[] refLabels = new int[n];
    boolean[] refCore = new boolean[n];
    for (int i = 0; i < n; i++) {
      String v = f.values.get(i)[run];
      refCore[i] = v.endsWith("*");
      refLabels[i] = Integer.parseInt(refCore[i] ? v.substring(0, v.length() - 1) : v);
    }

    Dataset data = Dataset.of(x);
    Dbscan config = Dbscan.eps(eps).minPts(minPts).metric(metric);
    DbscanModel model = config.fit(data);
    int[] labels = model.labels();

    // scikit-learn 1.2.1 (fixture): identical core mask, noise set, core partition
    assertArrayEquals(refCore, model.coreMask(), "core mask");
    for (int i = 0; i < n; i++) {
      assertEquals(refLabels[i] < 0, labels[i] < 0, "noise flag of row " + i);
    }
    DbscanOracle.assertSamePartition(refLabels, labels, refCore, "core partition");
    int refClusters = 0;
    for (int l : refLabels) {
      refClusters = Math.max(refClusters, l + 1);
    }
    assertEquals(refClusters, model.clusterCount(), "cluster count");

    // border points: our cluster must contain a core point within eps (a valid choice for scikit-learn)
    int[] ourToRef = new int[model.clusterCount()];
    for (int i = 0; i < n; i++) {
      if (refCore[i]) {
        ourToRef[labels[i]] = refLabels[i];
      }
    }
    double r = metric.toReduced(eps);
    for (int i = 0; i < n; i++) {
      if (refCore[i] || labels[i] < 0) {
        continue;
      }
      boolean valid = false;
      for (int j = 0; j < n && !valid; j++) {
        valid = refCore[j] && refLabels[j] == ourToRef[labels[i]] && DbscanOracle.reduced(metric, x, i, j) <= r;
      }
      assertTrue(valid, "border row " + i + " is in a cluster without a core point within eps");
    }

    // every path and two threads give the very same labels
    for (Dbscan.Search search : Dbscan.Search.values()) {
      if (search == Dbscan.Search.BRUTE_FORCE && n > ORACLE_MAX_N) {
        continue;
      }
      DbscanModel other = config.search(search).fit(data);
      assertArrayEquals(labels, other.labels(), "labels with " + search + " (" + other.search() + ")");
      assertArrayEquals(model.coreMask(), other.coreMask(), "core mask with " + search);
    }
    assertArrayEquals(labels, config.parallelism(2).fit(data).labels(), "labels with 2 threads");
    // our own rules, checked by brute force (O(n^2): only on the smaller sets, to keep the suite fast)
    if (n <= ORACLE_MAX_N) {
      DbscanOracle.assertExact(x, metric, eps, minPts, false, model);
    }
  }
}
