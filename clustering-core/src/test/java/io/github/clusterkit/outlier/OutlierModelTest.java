package io.github.clusterkit.outlier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The common contract of {@link OutlierModel}, checked on both detectors through the interface alone: the flags are
 * exactly "score above the threshold" (scikit-learn's {@code predict == -1}: {@code score_samples < offset_}), the
 * training outliers are the training rows whose score is above it, and a contamination share puts that share of the
 * training rows above the threshold (numpy's linear percentile: at most {@code ceil(c n)} rows, at least
 * {@code floor(c n) - 1} where no scores tie).
 */
class OutlierModelTest {

  private static List<OutlierModel> models(Dataset x) {
    List<OutlierModel> out = new ArrayList<>();
    out.add(LocalOutlierFactor.defaults().fit(x));
    out.add(LocalOutlierFactor.k(10).contamination(0.05).fit(x));
    out.add(IsolationForest.defaults().seed(3).fit(x));
    out.add(IsolationForest.trees(50).contamination(0.05).seed(3).fit(x));
    return out;
  }

  @Test
  void flagsAreScoresAboveTheThreshold() {
    Dataset x = Generators.blobs(400, 3, 4, 1.0, 0.05, 11).data();
    Dataset fresh = Generators.blobs(150, 3, 4, 1.0, 0.2, 12).data();
    for (OutlierModel m : models(x)) {
      assertEquals(3, m.dimension());
      double t = m.threshold();
      double[] s = m.scores();
      int[] outliers = m.outliers();
      int c = 0;
      for (int i = 0; i < s.length; i++) {
        if (s[i] > t) {
          assertEquals(i, outliers[c++], m.getClass().getSimpleName());
        }
      }
      assertEquals(c, outliers.length);
      double[] fs = m.score(fresh);
      boolean[] flags = m.isOutlier(fresh);
      for (int i = 0; i < fresh.size(); i++) {
        double[] row = fresh.row(i);
        assertEquals(fs[i], m.score(row), 0.0);
        assertEquals(fs[i] > t, flags[i]);
        assertEquals(flags[i], m.isOutlier(row));
      }
      OptionalDouble share = m.contamination();
      if (share.isPresent()) {
        double cn = share.getAsDouble() * s.length;
        assertTrue(c <= Math.ceil(cn) && c >= Math.floor(cn) - 1, c + " outliers for " + cn);
      }
    }
  }
}
