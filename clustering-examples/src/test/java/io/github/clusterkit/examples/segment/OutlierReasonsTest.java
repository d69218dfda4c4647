package io.github.clusterkit.examples.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The features named beside an outlier: traced to their source column, measured against the segment's mean row. */
class OutlierReasonsTest {

  @Test
  void modelColumnsAreTracedToTheirFeature() {
    // a numeric column keeps its name, a one-hot column is "feature=level"; the longest matching feature wins
    List<String> features = List.of("a", "b", "b=c");
    List<String> out = List.of("a", "b=x", "b=y", "b=c=z", "unknown");
    assertArrayEquals(new int[] {0, 1, 1, 2, -1}, OutlierReasons.sources(out, features));
  }

  @Test
  void sharesAreSquaredDifferencesFromTheSegmentMean() {
    // columns: num, cat=a, cat=b; segment 0 holds rows 0 to 2, segment 1 row 3
    Dataset x = Dataset.of(new double[][] {{0, 1, 0}, {2, 1, 0}, {1, 0, 1}, {9, 0, 1}});
    int[] src = {0, 1, 1};
    int[] labels = {0, 0, 0, 1};
    // exact computation: segment 0's mean row is (1, 2/3, 1/3); row 2 differs by 0 in num and by
    // (0 - 2/3)^2 + (1 - 1/3)^2 = 8/9 in cat
    assertArrayEquals(new double[] {0, 8.0 / 9}, OutlierReasons.shares(x, src, 2, labels, 2), 1e-15);
    // row 0: (0 - 1)^2 = 1 in num, (1 - 2/3)^2 + (0 - 1/3)^2 = 2/9 in cat
    assertArrayEquals(new double[] {1, 2.0 / 9}, OutlierReasons.shares(x, src, 2, labels, 0), 1e-15);
    // a segment of one row: nothing differs
    assertArrayEquals(new double[] {0, 0}, OutlierReasons.shares(x, src, 2, labels, 3), 0.0);
    // noise (-1) is compared with all rows: mean row (3, 1/2, 1/2); row 3 differs by 36 and by 1/4 + 1/4
    int[] noisy = {0, 0, 0, -1};
    assertArrayEquals(new double[] {36, 0.5}, OutlierReasons.shares(x, src, 2, noisy, 3), 1e-15);
  }

  @Test
  void kMeansSharesAddUpToTheDistanceFromTheCentroid() {
    // the outlier score K-Means ranks by: the squared distance from the row to its centroid (the centroid is the
    // mean of its rows once the fit has converged), here against the model's own centroids to 1e-12 relative
    Table t = CustomerData.generate();
    Table f = t.drop("customer_id");
    Dataset x = Preprocessing.pipeline(f, Preprocessing.skewedColumns(f)).fit(f).transform(f);
    KMeansModel m = KMeans.k(4).seed(3).tolerance(0).fit(x);
    int[] labels = m.labels();
    double[][] c = m.centroids();
    int[] src = new int[x.dimension()];
    for (int j = 0; j < src.length; j++) {
      src[j] = j; // one feature per column: the shares are the per-column squared differences
    }
    for (int i = 0; i < x.size(); i += 37) {
      double[] share = OutlierReasons.shares(x, src, src.length, labels, i);
      double sum = 0;
      double dist = 0;
      for (int j = 0; j < src.length; j++) {
        sum += share[j];
        double t2 = x.get(i, j) - c[labels[i]][j];
        dist += t2 * t2;
      }
      assertEquals(dist, sum, 1e-12 * Math.max(1, dist), "row " + i);
    }
  }

  @Test
  void largestSharesFirstTiesToTheLowerIndexZerosLeftOut() {
    assertArrayEquals(new int[] {2, 0}, OutlierReasons.largest(new double[] {1, 0.5, 3, 1}, 2));
    assertArrayEquals(new int[] {1}, OutlierReasons.largest(new double[] {0, 2, 0}, 2));
    assertArrayEquals(new int[] {}, OutlierReasons.largest(new double[] {0, 0}, 2));
  }

  @Test
  void reasonsShowTheValueBesideTheSegment() {
    Table f = Table.builder()
        .numeric("hours_online", new double[] {1, 2, Double.NaN, 30})
        .categorical("channel", new String[] {"store", "store", "app", null})
        .build();
    int[] labels = {0, 0, 0, -1};
    Profile p = Profile.of(f, labels, 1);
    // segment 0: hours mean (1 + 2) / 2 = 1.5 (the missing cell left out); "app" is 1 of its 3 rows
    assertEquals("Hours Online 1 (segment mean 1.50)", Report.reason(p, f, "hours_online", 0, 0));
    assertEquals("Hours Online missing (segment mean 1.50)", Report.reason(p, f, "hours_online", 0, 2));
    assertEquals("Channel App (33% of segment)", Report.reason(p, f, "channel", 0, 2));
    // noise is compared with all customers: mean of 1, 2 and 30 is 11; a missing category has no share (the
    // profile counts shares among the cells that are not missing)
    assertEquals("Hours Online 30 (all mean 11)", Report.reason(p, f, "hours_online", -1, 3));
    assertEquals("Channel missing", Report.reason(p, f, "channel", -1, 3));
  }
}
