package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quality against scikit-learn 1.2.1's own random starts: on the shared labelled benchmark sets (k = the number of true
 * labels, raw columns), the mean inertia of our default fit over seeds 0..49 is within {@link #BOUND} of the mean of
 * {@code BisectingKMeans(n_clusters=k, random_state=seed)} over its seeds 0..49, both strategies
 * (tools/bisecting_kmeans_quality.py, fixture quality.txt). The two draw different starts, so only the distributions
 * can agree. Measured ratios of the means (ours / scikit-learn's) when this test was written, biggest inertia and
 * largest cluster: R15 1.010 and 0.960, D31 1.023 and 1.020, s1 1.012 and 1.019, a1 1.011 and 1.017, hepta 0.978
 * and 1.002, unbalance 0.986 and 1.001, aggregation 1.001 and 0.998 (and with {@code tolerance(0)}, to rule out the
 * difference of tolerances, from 0.954 to 1.029 with no consistent sign: seed noise of 50-seed means, whose single
 * runs spread by up to a factor of 2 on R15 and hepta). The assertion message prints the table.
 */
class BisectingKMeansQualityTest {

  /** Largest relative difference of the two 50-seed means allowed. */
  static final double BOUND = 0.05;

  @Test
  void meanInertiaOverSeedsMatchesScikitLearns() {
    List<String> table = new ArrayList<>();
    List<String> worse = new ArrayList<>();
    for (String line : lines()) {
      String[] f = line.split(" ");
      String name = f[0];
      int k = Integer.parseInt(f[2]);
      BisectingStrategy strategy = BisectingStrategy.valueOf(f[3]);
      int seeds = Integer.parseInt(f[4]);
      double sklearnMean = Double.parseDouble(f[5]);
      double sklearnMedian = Double.parseDouble(f[6]);
      Dataset data = Dataset.of(SharedData.benchmark(name + ".csv").x);
      assertEquals(Integer.parseInt(f[1]), data.size(), name + " rows");
      double[] ours = new double[seeds];
      for (int s = 0; s < seeds; s++) {
        ours[s] = BisectingKMeans.k(k).strategy(strategy).seed(s).fit(data).inertia();
      }
      double mean = Arrays.stream(ours).sum() / seeds;
      double[] sorted = ours.clone();
      Arrays.sort(sorted);
      double median = (sorted[(seeds - 1) / 2] + sorted[seeds / 2]) / 2;
      String row = String.format("%s k=%d %s mean %.4g / %.4g = %.4f, median %.4g / %.4g = %.4f", name, k, strategy,
          mean, sklearnMean, mean / sklearnMean, median, sklearnMedian, median / sklearnMedian);
      table.add(row);
      if (Math.abs(mean / sklearnMean - 1) > BOUND) {
        worse.add(row);
      }
    }
    assertEquals(14, table.size());
    assertTrue(worse.isEmpty(), "outside " + BOUND + ": " + worse + "\nall: " + String.join("\n", table));
  }

  private static List<String> lines() {
    List<String> out = new ArrayList<>();
    try (InputStream in = BisectingKMeansQualityTest.class.getResourceAsStream("/fixtures/bisect/quality.txt")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.startsWith("#") && !line.isEmpty()) {
          out.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
