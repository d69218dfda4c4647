package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** k-nearest-neighbour queries where many distinct rows tie at the k-th distance. */
class KdTreeTiedKnnTest {

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void subtreesTiedAtTheKthDistanceWhoseRowsComeLaterAreSkipped() {
    // 10^5 random binary rows of 8 columns under Chebyshev: every row is at distance 0 from its copies (about 390
    // each) and at distance 1 from every other row. A query visited every subtree whose box touches the query
    // (bound 0, equal to the 5th distance), in case it held a copy of smaller row index: this test took 9.5 s; now
    // the subtrees whose rows all come after the 5th candidate are skipped: 1.3 s with the tree's build. The timeout
    // is a safety net only.
    int n = 100_000;
    int d = 8;
    Rng rng = new Rng(20261127);
    double[] x = new double[n * d];
    int[] code = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        int bit = rng.nextInt(2);
        x[i * d + j] = bit;
        code[i] = 2 * code[i] + bit;
      }
    }
    // exact computation: the 5 nearest rows of row i are the 5 rows of smallest index with its code (distance 0),
    // each code being drawn about 390 times
    int[][] firstFive = new int[1 << d][5];
    int[] seen = new int[1 << d];
    for (int i = 0; i < n; i++) {
      if (seen[code[i]] < 5) {
        firstFive[code[i]][seen[code[i]]++] = i;
      }
    }
    KdTree tree = KdTree.build(Dataset.wrap(x, n, d), Metric.CHEBYSHEV);
    Neighbors buf = new Neighbors();
    for (int i = 0; i < n; i += 10) {
      tree.knn(i, 5, buf);
      assertArrayEquals(firstFive[code[i]], buf.indices(), "row " + i);
      assertArrayEquals(new double[5], buf.distances(), "row " + i);
    }
  }
}
