package io.github.clusterkit.kmedoids;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmedoids.internal.Dissimilarity;
import io.github.clusterkit.kmedoids.internal.Engine;
import io.github.clusterkit.neighbors.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded starts and restarts equal tools/kmedoids_reference.py, which ports clusterkit's generator
 * ({@code internal.Rng}) and draws k-medoids++ (scikit-learn-extra's {@code _kpp_init} rule: squared distances,
 * {@code 2 + floor(ln k)} greedy trials) and random starts independently: fixture {@code seeded.txt}, seed 42,
 * restarts 0..2 ({@code Rng.split(42, r)}), and the fit with 3 restarts keeping the lowest cost (the earliest on ties).
 */
class KMedoidsSeededTest {

  static List<Arguments> lines(String kind) {
    List<Arguments> out = new ArrayList<>();
    for (String line : ReferenceCases.resource("seeded.txt")) {
      if (line.startsWith(kind + " ")) {
        out.add(Arguments.of((Object) line.split(" ")));
      }
    }
    return out;
  }

  static List<Arguments> starts() {
    return lines("start");
  }

  static List<Arguments> fits() {
    return lines("fit");
  }

  private static int[] ints(String[] f, int from) {
    int[] out = new int[f.length - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = Integer.parseInt(f[from + i]);
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("starts")
  void startsEqualTheReference(String[] f) {
    // start <dataset> <metric> <init> <seed> <restart> <medoids...>
    double[][] rows = ReferenceCases.data(f[1]);
    Metric metric = Metric.valueOf(f[2]);
    int[] expected = ints(f, 6);
    Dataset x = Dataset.of(rows);
    try (Engine e = new Engine(Dissimilarity.rows(x.toArray(), x.size(), x.dimension(), metric), expected.length,
        1)) {
      Rng rng = Rng.split(Long.parseLong(f[4]), Long.parseLong(f[5]));
      int[] got = f[3].equals("PLUS_PLUS") ? e.plusPlus(rng) : e.random(rng);
      assertArrayEquals(expected, got, Arrays.toString(f));
    }
  }

  @ParameterizedTest
  @MethodSource("fits")
  void restartsEqualTheReference(String[] f) {
    // fit <dataset> <metric> <init> <method> <seed> <restarts> <cost> <medoids...>
    double[][] rows = ReferenceCases.data(f[1]);
    int[] expected = ints(f, 8);
    double cost = Double.parseDouble(f[7]);
    KMedoidsModel m = KMedoids.k(expected.length).metric(Metric.valueOf(f[2])).init(KMedoidsInit.valueOf(f[3]))
        .method(KMedoidsMethod.valueOf(f[4])).seed(Long.parseLong(f[5])).restarts(Integer.parseInt(f[6]))
        .parallelism(2).fit(Dataset.of(rows));
    assertArrayEquals(expected, m.medoidIndices(), Arrays.toString(f));
    assertEquals(cost, m.cost(), 1e-12 * cost);
  }
}
