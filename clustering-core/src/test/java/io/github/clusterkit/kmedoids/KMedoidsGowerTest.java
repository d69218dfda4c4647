package io.github.clusterkit.kmedoids;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.testutil.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Gower recipe: for a table of numeric and categorical columns without missing values, Gower's distance (Gower
 * 1971, doi:10.2307/2528823) is the mean over its {@code p} columns of {@code |x - y| / range} (numbers) and of the
 * 0/1 mismatch (categories). After {@code MinMaxScaler.range(0, 2)} on the numbers and {@code OneHotEncoder} on the
 * categories, the Manhattan distance between two transformed rows is {@code 2 p} times their Gower distance: a number
 * contributes {@code 2 |x - y| / range}, a differing category 1 in each of its two one-hot columns. So k-medoids with
 * {@link Metric#MANHATTAN} on the pipeline's output is k-medoids with Gower's distance (costs times {@code 2 p}).
 * Checked against a direct computation of Gower's distance (the oracle, to 1e-12) on Mall_Customers (Gender, Age,
 * Income, Score; read from the shared data) and on a generated table.
 */
class KMedoidsGowerTest {

  static Table mall() {
    try {
      List<String> lines = Files.readAllLines(SharedData.file("Mall_Customers.csv"), StandardCharsets.UTF_8);
      int n = lines.size() - 1;
      String[] gender = new String[n];
      double[] age = new double[n];
      double[] income = new double[n];
      double[] score = new double[n];
      for (int i = 0; i < n; i++) {
        String[] f = lines.get(i + 1).split(",");
        gender[i] = f[1];
        age[i] = Double.parseDouble(f[2]);
        income[i] = Double.parseDouble(f[3]);
        score[i] = Double.parseDouble(f[4]);
      }
      return Table.builder().categorical("Gender", gender).numeric("Age", age).numeric("Income", income)
          .numeric("Score", score).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Table generated() {
    Rng rng = new Rng(71);
    int n = 60;
    String[] plan = new String[n];
    String[] region = new String[n];
    double[] spend = new double[n];
    double[] visits = new double[n];
    String[] plans = {"basic", "plus", "pro"};
    String[] regions = {"north", "south", "east", "west", "centre"};
    for (int i = 0; i < n; i++) {
      plan[i] = plans[rng.nextInt(3)];
      region[i] = regions[rng.nextInt(5)];
      spend[i] = Math.exp(rng.nextGaussian());
      visits[i] = rng.nextInt(12);
    }
    return Table.builder().numeric("spend", spend).categorical("plan", plan).numeric("visits", visits)
        .categorical("region", region).build();
  }

  /** Gower's distance between rows {@code i} and {@code j}, straight from its definition. */
  static double gower(Table t, int i, int j) {
    double s = 0;
    int p = t.columnCount();
    for (int c = 0; c < p; c++) {
      String name = t.columnNames().get(c);
      if (t.type(c) == ColumnType.NUMERIC) {
        double[] v = t.numeric(name);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
        s += Math.abs(v[i] - v[j]) / (max - min);
      } else {
        String[] v = t.categorical(name);
        s += v[i].equals(v[j]) ? 0 : 1;
      }
    }
    return s / p;
  }

  static double[][] gowerMatrix(Table t) {
    int n = t.rowCount();
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        g[i][j] = gower(t, i, j);
      }
    }
    return g;
  }

  private static void checkRecipe(Table t, int k) {
    int n = t.rowCount();
    int p = t.columnCount();
    PipelineModel prep = Pipeline.of(new MinMaxScaler().range(0, 2), new OneHotEncoder()).fit(t);
    Dataset x = prep.transform(t);
    double[][] rows = x.toRows();
    double[][] g = gowerMatrix(t);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double manhattan = Metric.MANHATTAN.distance(rows[i], rows[j]);
        assertEquals(g[i][j], manhattan / (2 * p), 1e-12, "rows " + i + ", " + j);
      }
    }
    for (KMedoidsMethod method : KMedoidsMethod.values()) {
      KMedoidsModel m = KMedoids.k(k).metric(Metric.MANHATTAN).method(method).init(KMedoidsInit.BUILD).fit(x);
      // the model's cost is 2 p times the Gower cost of its medoids
      int[] med = m.medoidIndices();
      double gowerCost = 0;
      for (int i = 0; i < n; i++) {
        double best = Double.POSITIVE_INFINITY;
        for (int c : med) {
          best = Math.min(best, g[i][c]);
        }
        gowerCost += best;
      }
      assertEquals(gowerCost, m.cost() / (2 * p), 1e-12 * n, method.toString());
      // and the same clustering as k-medoids on the Gower matrix itself (the same problem up to rounding; no tie
      // between rows of these tables is decided differently by it)
      KMedoidsResult r = KMedoids.k(k).method(method).init(KMedoidsInit.BUILD).fitDissimilarities(g);
      assertArrayEquals(r.medoidIndices(), med, method.toString());
      assertArrayEquals(r.labels(), m.labels(), method.toString());
      assertEquals(r.cost(), gowerCost, 1e-12 * n);
    }
  }

  @Test
  void mallCustomersWithGender() {
    checkRecipe(mall(), 5);
  }

  @Test
  void generatedMixedTable() {
    checkRecipe(generated(), 4);
  }
}
