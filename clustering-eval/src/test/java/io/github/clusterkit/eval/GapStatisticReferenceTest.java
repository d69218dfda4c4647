package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.UniformReference;
import io.github.clusterkit.eval.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link GapStatistic} against an independent implementation: {@code tools/gap_reference.py} (numpy 1.24.2,
 * scikit-learn 1.2.1's {@code AgglomerativeClustering(linkage="ward")} on both sides, clusterkit's generator ported
 * to draw the same reference sets, R cluster 2.1's {@code maxSE} re-implemented), fixture
 * {@code fixtures/eval/gap_reference.txt}, with squared distances (the paper's {@code W_k}) and, in two cases, plain
 * ones ({@link GapStatistic#distancePower(int) distancePower(1)}, R's default, scipy's {@code pdist} there).
 * {@code log W_k}, {@code E*log W_k}, {@code sd_k}, {@code s_k} and the gaps agree within 1e-12 (the principal
 * components and sums differ from numpy's in rounding only), and every rule chooses the same {@code k}.
 */
class GapStatisticReferenceTest {

  static double[][] csv(String name) throws IOException {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader r = reader("/fixtures/eval/" + name)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",");
        double[] row = new double[f.length];
        for (int j = 0; j < f.length; j++) {
          row[j] = Double.parseDouble(f[j]);
        }
        rows.add(row);
      }
    }
    return rows.toArray(new double[0][]);
  }

  static BufferedReader reader(String resource) {
    InputStream in = GapStatisticReferenceTest.class.getResourceAsStream(resource);
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Blocks of "key values..." lines, blank-line separated, after a comment line. */
  static List<Map<String, String[]>> blocks(String resource) throws IOException {
    List<Map<String, String[]>> out = new ArrayList<>();
    Map<String, String[]> cur = null;
    try (BufferedReader r = reader(resource)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.isBlank()) {
          cur = null;
          continue;
        }
        if (cur == null) {
          cur = new HashMap<>();
          out.add(cur);
        }
        String[] f = line.trim().split(" ");
        String key = f[0].equals("jaccard") ? "jaccard " + f[1] : f[0];
        int from = f[0].equals("jaccard") ? 2 : 1;
        String[] v = new String[f.length - from];
        System.arraycopy(f, from, v, 0, v.length);
        cur.put(key, v);
      }
    }
    return out;
  }

  static double[] doubles(String[] f) {
    double[] v = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      v[i] = Double.parseDouble(f[i]);
    }
    return v;
  }

  static int[] ints(String[] f) {
    int[] v = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      v[i] = Integer.parseInt(f[i]);
    }
    return v;
  }

  private static Dataset mallIncomeSpending() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.file("Mall_Customers.csv"), StandardCharsets.UTF_8);
    double[][] x = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      x[i - 1] = new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[4])};
    }
    return Dataset.of(x);
  }

  @Test
  void equalsTheNumpyPortWithWardOnBothSides() throws IOException {
    Map<String, Dataset> data = new HashMap<>();
    data.put("blobs", Dataset.of(csv("gap_blobs.csv")));
    data.put("aniso", Dataset.of(csv("gap_aniso.csv")));
    int cases = 0;
    for (Map<String, String[]> b : blocks("/fixtures/eval/gap_reference.txt")) {
      String[] c = b.get("case");
      String name = c[0];
      GapReference ref = GapReference.valueOf(c[1]);
      long seed = Long.parseLong(c[3]);
      int sets = Integer.parseInt(c[5]);
      int kmin = Integer.parseInt(c[7]);
      int kmax = Integer.parseInt(c[9]);
      int power = Integer.parseInt(c[11]);
      Dataset x = name.equals("mall") ? mallIncomeSpending() : data.get(name);
      String what = String.join(" ", c);
      // the first row of the first reference set, drawn as documented
      UniformReference u = ref == GapReference.BOUNDING_BOX ? UniformReference.boundingBox(x)
          : UniformReference.principalComponents(x);
      assertArrayEquals(doubles(b.get("first")), u.draw(seed, 0).row(0), 1e-12, what);
      for (int threads : new int[] {1, 3}) {
        GapResult r = GapStatistic.kRange(kmin, kmax).referenceSets(sets).seed(seed).reference(ref)
            .clusterer(Clusterer.ward()).distancePower(power).parallelism(threads).evaluate(x);
        assertArrayEquals(doubles(b.get("logW")), r.logW(), 1e-12, what);
        assertArrayEquals(doubles(b.get("elogW")), r.expectedLogW(), 1e-12, what);
        assertArrayEquals(doubles(b.get("sd")), r.sd(), 1e-12, what);
        assertArrayEquals(doubles(b.get("se")), r.se(), 1e-12, what);
        assertArrayEquals(doubles(b.get("gap")), r.gap(), 1e-12, what);
        int[] chosen = ints(b.get("chosen"));
        GapRule[] rules = GapRule.values(); // the fixture's order is the enum's
        for (int i = 0; i < rules.length; i++) {
          assertEquals(chosen[i], r.chosenK(rules[i], 1), what + " " + rules[i]);
        }
        assertEquals(chosen[GapRule.TIBS2001_SE_MAX.ordinal()], r.chosenK(), what);
      }
      cases++;
    }
    assertEquals(7, cases);
  }
}
