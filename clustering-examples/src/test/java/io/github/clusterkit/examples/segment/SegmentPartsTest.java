package io.github.clusterkit.examples.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.Criterion;
import io.github.clusterkit.eval.KSelection;
import io.github.clusterkit.eval.KSelectionResult;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.preprocess.PipelineModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of the segmentation: sweep, preprocessing rules, profile and names, generated data. */
class SegmentPartsTest {

  @Test
  void sweepEqualsKSelection() {
    Table t = CustomerData.generate();
    Table f = t.drop("customer_id");
    PipelineModel p = Preprocessing.pipeline(f, Preprocessing.skewedColumns(f)).fit(f);
    Dataset x = p.transform(f);
    KSweep mine = KSweep.run(x, 6, 7, 3, null);
    // the library's sweep with the same settings (clustering-eval)
    KSelectionResult lib = KSelection.kMeans(1, 6).seed(7).restarts(3).criteria(Criterion.INERTIA,
        Criterion.SILHOUETTE).evaluate(x);
    assertArrayEquals(lib.values(Criterion.INERTIA), mine.inertia(), 0.0);
    assertArrayEquals(lib.values(Criterion.SILHOUETTE), mine.silhouette(), 0.0);
    assertEquals(lib.best(Criterion.INERTIA), mine.knee());
    assertEquals(lib.recommendedK(), mine.recommendedK());
  }

  /**
   * The K-Medoids sweep of the command computes what the library's K-Medoids sweep computes, bit for bit, for each
   * metric and with several threads (the command fits one k at a time, each on the given threads, to advance its
   * progress bar; the library fits several k at once, each on one thread).
   */
  @Test
  void kMedoidsSweepEqualsKSelection() {
    Table t = CustomerData.generate();
    Table f = t.drop("customer_id");
    PipelineModel p = Preprocessing.pipeline(f, Preprocessing.skewedColumns(f)).fit(f);
    Dataset x = p.transform(f);
    for (Metric metric : new Metric[] {Metric.EUCLIDEAN, Metric.MANHATTAN}) {
      KSweep mine = KSweep.runKMedoids(x, 6, 7, 3, metric, 2, null);
      KSelectionResult lib = KSelection.kMedoids(1, 6).metric(metric).seed(7).restarts(3)
          .silhouetteSampleSize(KSweep.silhouetteSampleSize(x.size())).criteria(Criterion.COST, Criterion.SILHOUETTE)
          .parallelism(2).evaluate(x);
      assertArrayEquals(lib.values(Criterion.COST), mine.inertia(), 0.0);
      assertArrayEquals(lib.values(Criterion.SILHOUETTE), mine.silhouette(), 0.0);
      assertEquals(lib.best(Criterion.COST), mine.knee());
      assertEquals(lib.recommendedK(), mine.recommendedK());
      for (int k = 1; k <= 6; k++) {
        assertEquals(lib.kMedoidsModel(k).state(), mine.kMedoidsModel(k).state(), metric + ", k = " + k);
      }
    }
  }

  /** The printed profile's rows name a category that two columns share with its column, as the segment names do. */
  @Test
  void profileRowsOfSharedCategoryNamesCarryTheirColumn() {
    Table t = Table.builder()
        .categorical("Email", new String[] {"Yes", "Yes", "No", "No"})
        .categorical("SMS", new String[] {"No", "No", "Yes", "Yes"})
        .numeric("Spend (USD)", new double[] {1, 2, 3, 4})
        .build();
    Profile p = Profile.of(t, new int[] {0, 0, 1, 1}, 2);
    assertEquals(List.of("Email No", "Email Yes", "Sms No", "Sms Yes", "Spend"), p.displayNames());
  }

  @Test
  void numericIdsAreWrittenInFull() {
    // whole numbers as integers without grouping (Long.toString), others as Double.toString, missing as ""
    assertEquals("100000", Outputs.idText(100000));
    assertEquals("1234567890123", Outputs.idText(1234567890123.0));
    assertEquals("-7", Outputs.idText(-7));
    assertEquals("1.5", Outputs.idText(1.5));
    assertEquals("", Outputs.idText(Double.NaN));
    // a table built in code, with a numeric id column, as the library user passes it to Segmenter
    double[] ids = {100000, 100001, 100002, 100003, 100004, 100005};
    Table t = Table.builder().numeric("customer_id", ids)
        .numeric("spend", new double[] {1, 2, 3, 10, 11, 12}).build();
    Segmentation s = Segmenter.defaults().k(2).maxK(2).run(t, null);
    assertEquals("customer_id", s.idColumn());
    assertArrayEquals(new String[] {"100000", "100001", "100002", "100003", "100004", "100005"},
        s.customerIds());
  }

  @Test
  void skewnessIsTheMomentRatio() {
    // {0,0,0,1}: mean 1/4, m2 = 3/16, m3 = 3/32, g1 = m3 / m2^1.5 = 2/sqrt(3) (exact, by hand)
    assertEquals(2 / Math.sqrt(3), Preprocessing.skewness(new double[] {0, 0, 0, 1}), 1e-15);
    // missing values are skipped; symmetric data has skewness 0
    assertEquals(0, Preprocessing.skewness(new double[] {1, Double.NaN, 2, 3}), 1e-15);
    assertEquals(0, Preprocessing.skewness(new double[] {5, 5, 5}));
    // {0 x 9, 1}: g1 = (0.9*0.001*... ) = 8/3 = 2.666..., above the limit of 2
    double[] tail = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    assertEquals(8 / 3.0, Preprocessing.skewness(tail), 1e-12);
    assertTrue(Preprocessing.isSkewed(tail));
    double[] negative = {-1, 0, 0, 0, 0, 0, 0, 0, 0, 9};
    assertTrue(Preprocessing.skewness(negative) > 2);
    assertTrue(!Preprocessing.isSkewed(negative), "a column with a negative value is never logged");
  }

  @Test
  void idColumnDetection() {
    Table t = Table.builder().numeric("CustomerID", new double[] {1, 2, 3}).numeric("paid", new double[] {1, 2, 3})
        .build();
    assertEquals("CustomerID", Preprocessing.detectIdColumn(t));
    assertNull(Preprocessing.detectIdColumn(t.drop("CustomerID")), "'paid' is not an id");
    Table dup = Table.builder().categorical("CUST_ID", new String[] {"a", "a"}).build();
    assertNull(Preprocessing.detectIdColumn(dup), "repeated values are not an id");
    Table lower = Table.builder().categorical("customer_id", new String[] {"a", "b"}).build();
    assertEquals("customer_id", Preprocessing.detectIdColumn(lower));
  }

  @Test
  void prettyNames() {
    assertEquals("Annual Income", Profile.pretty("Annual Income (k$)"));
    assertEquals("Spending Score", Profile.pretty("Spending Score (1-100)"));
    assertEquals("Cash Advance Frequency", Profile.pretty("CASH_ADVANCE_FREQUENCY"));
    assertEquals("Annual Spending", Profile.pretty("annual_spending"));
    assertEquals("Age", Profile.pretty("Age"));
  }

  @Test
  void profileMeansZScoresAndNames() {
    // two segments of two customers; income 10, 20 | 90, 100 (mean 55, population sd 40.31)
    Table t = Table.builder()
        .numeric("income", new double[] {10, 20, 90, 100, Double.NaN})
        .categorical("channel", new String[] {"store", "store", "online", null, "online"})
        .build();
    Profile p = Profile.of(t, new int[] {0, 0, 1, 1, -1}, 2);
    assertArrayEquals(new int[] {0, 1, Profile.NOISE}, p.segments());
    assertArrayEquals(new int[] {2, 2, 1}, p.sizes());
    assertEquals(List.of("income", "channel=online", "channel=store"), p.features());
    double sd = Math.sqrt((45 * 45 + 35 * 35 + 35 * 35 + 45 * 45) / 4.0);
    assertEquals(55, p.overallMeans()[0], 1e-12);
    assertEquals(sd, p.overallSds()[0], 1e-12);
    assertEquals((15 - 55) / sd, p.zScores(0)[0], 1e-12);
    assertEquals(Double.NaN, p.means(2)[0], "the noise customer's income is missing");
    // channel=online: observed in 4 customers, share 2/4; segment 1 has one observed value, online
    assertEquals(0.5, p.overallMeans()[1], 1e-15);
    assertEquals(1.0, p.means(1)[1], 1e-15);
    assertEquals("Low Income, Mostly Store", p.name(0));
    assertEquals("High Income, Mostly Online", p.name(1));
    assertEquals("Outliers (noise)", p.name(2));
    assertEquals(List.of("Low Income, Mostly Store", "High Income, Mostly Online"), p.segmentNames());
  }

  @Test
  void equalNamesAreMadeDistinct() {
    // segments 0 and 1 are both low on a (z -1) and high on b (z +1); c (mean 2, sd sqrt(3)) separates them
    // with z -1/sqrt(3) and +1/sqrt(3)
    Table t = Table.builder()
        .numeric("a", new double[] {0, 0, 0, 0, 10, 10, 10, 10})
        .numeric("b", new double[] {10, 10, 10, 10, 0, 0, 0, 0})
        .numeric("c", new double[] {0, 2, 2, 4, 0, 4, 0, 4})
        .build();
    Profile p = Profile.of(t, new int[] {0, 0, 1, 1, 2, 2, 2, 2}, 3);
    assertEquals(-1 / Math.sqrt(3), p.zScores(0)[2], 1e-12);
    assertEquals("Low A, High B", p.name(0));
    assertEquals("Low A, High B, High C", p.name(1));
    assertEquals("High A, Low B", p.name(2));
  }

  @Test
  void generatedCustomersAreSeeded() {
    Table a = CustomerData.generate();
    assertEquals(a, CustomerData.generate(CustomerData.DEFAULT_SEED));
    assertEquals(CustomerData.SIZE, a.rowCount());
    assertEquals(List.of("customer_id", "annual_spending", "visits_per_month", "hours_online", "preferred_channel"),
        a.columnNames());
    assertTrue(a.missingCount("hours_online") > 0 && a.missingCount("preferred_channel") > 0);
    assertTrue(!a.equals(CustomerData.generate(1)));
  }

  @Test
  void theOutlierShareIsRoundedDownToWholeCustomers() {
    // The rule (Segmenter, --outlier-share help, README): floor(share * n) customers are flagged, never more than
    // the share. 1% of 5, 50, 150 and 1000 customers: 0, 0, 1 and 10 (before: 1, 1, 2 and 10, i.e. 20% of 5).
    // Scores 0..n-1 are all different, so exactly that many lie beyond the threshold.
    int[] sizes = {5, 50, 150, 1000};
    int[] flagged = {0, 0, 1, 10};
    for (int t = 0; t < sizes.length; t++) {
      int n = sizes[t];
      double[] score = new double[n];
      for (int i = 0; i < n; i++) {
        score[i] = (i * 37) % n; // a permutation of 0..n-1 (37 is prime to each n)
      }
      double above = Segmenter.upperQuantile(score, 0.01);
      double below = Segmenter.lowerQuantile(score, 0.01);
      int high = 0;
      int low = 0;
      for (double v : score) {
        high += v > above ? 1 : 0;
        low += v < below ? 1 : 0;
      }
      assertEquals(flagged[t], high, "K-Means, n = " + n);
      assertEquals(flagged[t], low, "mixture, n = " + n);
      assertEquals(flagged[t], Segmenter.outlierCount(n, 0.01), "n = " + n);
    }
    // the product in decimal: 0.29 * 100 is 28.999999999999996 in doubles, yet 29 customers
    assertEquals(29, Segmenter.outlierCount(100, 0.29));
    assertEquals(0, Segmenter.outlierCount(1000, 0));
    assertEquals(500, Segmenter.outlierCount(1000, 0.5));
    assertEquals(2, Segmenter.outlierCount(5, 0.5));
    // end to end, K-Means and the mixture on n customers of different spending
    for (int t = 0; t < sizes.length; t++) {
      int n = sizes[t];
      double[] spend = new double[n];
      for (int i = 0; i < n; i++) {
        spend[i] = (i * 37) % n + (i % 2 == 0 ? 0 : 10 * n);
      }
      Table table = Table.builder().numeric("spend", spend).build();
      for (Segmenter.Algorithm a : new Segmenter.Algorithm[] {Segmenter.Algorithm.KMEANS,
          Segmenter.Algorithm.GMM}) {
        Segmentation s = Segmenter.defaults().algorithm(a).k(2).maxK(2).logSkewed(false).run(table, null);
        int count = 0;
        for (boolean o : s.outliers()) {
          count += o ? 1 : 0;
        }
        assertEquals(flagged[t], count, a + ", n = " + n);
      }
    }
  }

  @Test
  void aNumericIdColumnMayNotRepeatANumber() {
    // a table built in code with numeric ids: 3 and 3.0 are one id, -0.0 and 0 too; missing (NaN) ids may repeat
    Table t = Table.builder().numeric("id", new double[] {Double.NaN, 0, 3, Double.NaN, -0.0, 3.0})
        .numeric("spend", new double[] {1, 2, 3, 10, 11, 12}).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Segmenter.defaults().idColumn("id").k(2).run(t, null));
    assertEquals("the id column 'id' has '0' in rows 2 and 5 (1 = the first data row); an id column must name"
        + " each customer once (missing ids aside)", e.getMessage());
  }

  @Test
  void configurationRejectsBadValues() {
    assertThrows(IllegalArgumentException.class, () -> Segmenter.defaults().k(0));
    assertThrows(IllegalArgumentException.class, () -> Segmenter.defaults().eps(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Segmenter.defaults().minPts(0));
    assertThrows(IllegalArgumentException.class, () -> Segmenter.defaults().maxK(1));
    assertThrows(IllegalArgumentException.class, () -> Segmenter.defaults().outlierShare(Double.NaN));
  }

  /**
   * DBCV is computed up to the segment size limit and not above it; the limit counts the largest segment, not the
   * noise. Four rows in two segments of two (and one noise row): the value is the library's.
   */
  @Test
  void dbcvUpToTheLargestSegmentLimit() {
    Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 0}, {5, 1}, {9, 9}});
    int[] labels = {0, 0, 1, 1, -1};
    Segmenter.Quality at = Segmenter.Quality.of(x, labels, 1, 1, true, 2);
    assertEquals(io.github.clusterkit.eval.Dbcv.score(x, labels), at.dbcv(), 0.0);
    assertNull(at.dbcvMissing());
    assertEquals(", DBCV " + String.format(java.util.Locale.ROOT, "%.4f", at.dbcv()) + " (noise counts against it)",
        Report.dbcv(at));
    Segmenter.Quality above = Segmenter.Quality.of(x, labels, 1, 1, true, 1);
    assertTrue(Double.isNaN(above.dbcv()));
    assertEquals("a segment above 1 customers", above.dbcvMissing());
    // the CLI's limit: 20,001 customers in one segment (and 2 in another) are above it
    double[][] rows = new double[20_003][];
    int[] big = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {i < 20_001 ? i % 100 : 1000 + i, i / 100};
      big[i] = i < 20_001 ? 0 : 1;
    }
    Segmenter.Quality large = Segmenter.Quality.of(Dataset.of(rows), big, 1, 1, true,
        Segmenter.Quality.DBCV_MAX_SEGMENT);
    assertEquals(", DBCV n/a (a segment above 20,000 customers)", Report.dbcv(large));
    // not a density segmentation: no DBCV and no reason, the silhouette as before
    Segmenter.Quality kmeans = Segmenter.Quality.of(x, labels, 1, 1, false, 2);
    assertTrue(Double.isNaN(kmeans.dbcv()));
    assertNull(kmeans.dbcvMissing());
    assertEquals(at.silhouette(), kmeans.silhouette(), 0.0);
    // every row noise: the largest segment has 0 rows, and the library refuses
    Segmenter.Quality noise = Segmenter.Quality.of(x, new int[] {-1, -1, -1, -1, -1}, 1, 1, true, 2);
    assertEquals("fewer than 2 segments of at least 2 customers", noise.dbcvMissing());
  }
}
