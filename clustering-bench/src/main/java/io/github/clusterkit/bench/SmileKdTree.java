package io.github.clusterkit.bench;

import java.util.ArrayList;
import java.util.List;
import smile.neighbor.KDTree;
import smile.neighbor.Neighbor;

/**
 * Smile's KD-tree for {@link KdTreeBenchmark}: {@code KDTree.of(rows)} and its radius search into a reused list.
 * Every call to it goes through here. The calls used are the same in Smile 3.1.1 and 6.x, so this one adapter
 * compiles against both (the version-specific adapters are in {@code src/smile3/java} and
 * {@code src/smile6/java}).
 */
final class SmileKdTree {

  private SmileKdTree() {
  }

  /** Builds Smile's KD-tree over the rows (Smile keeps the row arrays, it does not copy them). */
  static Object build(double[][] rows) {
    return KDTree.of(rows);
  }

  /** Radius searches of the given queries in a tree from {@link #build}. */
  @SuppressWarnings("unchecked")
  static KdTreeBenchmark.Searcher searcher(Object tree, double[][] queries, double radius) {
    return new Searcher((KDTree<double[]>) tree, queries, radius);
  }

  private static final class Searcher implements KdTreeBenchmark.Searcher {
    private final KDTree<double[]> tree;
    private final double[][] q;
    private final double r;
    private final List<Neighbor<double[], double[]>> buf = new ArrayList<>(256);

    Searcher(KDTree<double[]> tree, double[][] q, double r) {
      this.tree = tree;
      this.q = q;
      this.r = r;
    }

    @Override
    public int count(int i) {
      buf.clear();
      tree.search(q[i], r, buf);
      return buf.size();
    }
  }
}
