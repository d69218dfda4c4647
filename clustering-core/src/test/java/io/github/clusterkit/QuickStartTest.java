package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.NeighborIndex;
import io.github.clusterkit.neighbors.Neighbors;
import org.junit.jupiter.api.Test;

/** Keeps the README's quick start compiling and correct: the body below is the README snippet. */
class QuickStartTest {

  @Test
  void readmeQuickStart() {
    Dataset data = Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}});
    NeighborIndex index = NeighborIndex.of(data, Metric.EUCLIDEAN);   // a KD-tree
    Neighbors buffer = new Neighbors();                                 // reusable, one per thread
    int found = index.radius(new double[] {0, 0.5}, 1.0, buffer);      // 2: rows 0 and 1
    int k = index.knn(new double[] {5, 5.2}, 1, buffer);               // buffer.index(0) == 2

    // exact: |(0,0.5)-(0,0)| = |(0,0.5)-(0,1)| = 0.5 <= 1, the other rows are > 5 away
    assertEquals(2, found);
    assertEquals(1, k);
    assertEquals(2, buffer.index(0));
    assertEquals(0.2, buffer.distance(0), 1e-15);
  }
}
