package io.github.clusterkit.optics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.optics.internal.Extract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The extraction alone on the 400 hand-made reachability plots of {@code tools/optics_reference.py}
 * ({@code write_plots}: values in {0, 0.5, 1, 2, 3, 4, 8, inf}, so xi's products tie exactly and ratios of zeros or
 * infinities are NaN; random orderings and predecessors), against scikit-learn 1.2.1's public
 * {@code cluster_optics_xi} under each predecessor correction and {@code cluster_optics_dbscan}: hierarchy and labels
 * exactly.
 */
class OpticsExtractTest {

  static Stream<Arguments> plots() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String line : OpticsReferenceTest.read("plots.csv")) {
      if (line.startsWith("#") || line.startsWith("id,")) {
        continue;
      }
      out.add(Arguments.of(line.split(",", -1)[0], line));
    }
    assertTrue(out.size() >= 400, "plots: " + out.size());
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plots")
  void matchesScikitLearn(String id, String line) {
    // id,xi,min_samples,min_cluster_size,correction,ordering,reachability,predecessor,core_distance,eps,hierarchy,
    // labels,dbscan_labels
    String[] f = line.split(",", -1);
    int[] ordering = ints(f[5]);
    double[] reach = doubles(f[6]);
    int[] pred = ints(f[7]);
    double[] core = doubles(f[8]);
    int mode;
    switch (f[4]) {
      case "paper":
        mode = Extract.CORRECTION_PAPER;
        break;
      case "sklearn12":
        mode = Extract.CORRECTION_SKLEARN_1_2;
        break;
      default:
        mode = Extract.CORRECTION_NONE;
        break;
    }
    int[][] h = Extract.xiClusters(ordering, reach, pred, Double.parseDouble(f[1]), Integer.parseInt(f[2]),
        Integer.parseInt(f[3]), mode);
    StringBuilder got = new StringBuilder();
    for (int[] c : h) {
      if (got.length() > 0) {
        got.append(';');
      }
      got.append(c[0]).append('-').append(c[1]);
    }
    assertEquals(f[10], got.toString(), "hierarchy");
    assertArrayEquals(ints(f[11]), Extract.xiLabels(ordering, h), "labels");
    assertArrayEquals(ints(f[12]), Extract.dbscan(ordering, reach, core, Double.parseDouble(f[9])), "dbscan");
  }

  private static int[] ints(String s) {
    String[] v = s.split(" ");
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Integer.parseInt(v[i]);
    }
    return out;
  }

  private static double[] doubles(String s) {
    String[] v = s.split(" ");
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Double.parseDouble(v[i]);
    }
    return out;
  }
}
