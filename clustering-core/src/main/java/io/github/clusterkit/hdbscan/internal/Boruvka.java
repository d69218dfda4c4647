package io.github.clusterkit.hdbscan.internal;

import io.github.clusterkit.internal.ChunkRunner;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Boruvka's minimum spanning tree (Boruvka 1926; see Nesetril, Milkova and Nesetrilova 2001,
 * doi:10.1016/S0012-365X(00)00224-7) of the mutual reachability graph over an {@link MrdTree}, after McInnes and
 * Healy's accelerated HDBSCAN* (2017, doi:10.1109/ICDMW.2017.12; theirs walks two trees, this one a tree per row): in
 * every round each row looks for its nearest row of another component under the mutual reachability distance, and
 * each component keeps the lightest of its rows' edges.
 *
 * <p><b>Order.</b> Edges are compared by (reduced weight, smaller row, larger row), a total order, so each component's
 * lightest edge is unique, a round never closes a cycle, and the tree is the unique minimum spanning tree under that
 * order (the one {@link DensePrim} finds too), whatever the number of threads.
 *
 * <p><b>Search.</b> A row's search skips nodes that lie wholly in its own component and nodes whose lower bound
 * {@code max(core(p), min core in node, box distance)} is above its best edge so far (or equal to it with no row
 * that could give a smaller pair of indices); and nodes above the best edge any row of its component has found this
 * round (a bound shared through an atomic array: it only prunes, so it changes the work, not the result). A row's
 * best edge stays its best in later rounds while the row at its other end is still in another component (the set of
 * candidates only shrinks), so it is searched again only then, unless its search was cut by the shared bound; a row
 * whose lower bound ({@link #lb}) is above its component's bound is not searched, nor is a copy of the row before it
 * in the same component ({@link MrdTree#copyOfPrevious}). At 10^6 x 2 ({@code Generators.blobs}, k = 5) Boruvka
 * takes 8 rounds and about 2.8 million searches of some 33 node visits each.
 *
 * <p><b>Whole nodes.</b> The rows of a node that lies wholly in one component (the largest such nodes) do not search
 * one by one: one dual-tree search per node ({@link #searchNode}) walks pairs of nodes, pruned by the component's
 * shared bound, the two nodes' smallest core distances and the box-to-box distance, and yields the node's lightest
 * edge. Only rows in leaves shared by several components search alone. At 10^5 x 10 (the benchmark's blobs, k = 10)
 * rounds 3 to 5 (19, 6 and 2 components) took 10^5 row searches each before, and now 1,100 to 1,500 node searches
 * and 7,500 to 43,000 row searches; with the first round below, the time after the core distances went from 15.7 to
 * 3.2 s (one thread, CPU time).
 *
 * <p><b>First round.</b> Given the core distances' k nearest rows ({@link CoreDistances#reducedLists}), a row whose
 * list holds every row within {@code max(k-th distance, core distance)} takes its first edge from the list
 * ({@link #fromList}): any row outside is farther than that, so it cannot weigh less than a listed edge of at most
 * that weight. The others search, from the list's best edge. On the benchmark's blobs (k = 10) 99% of rows need no
 * search, and the first round, as costly as the core distances before, takes a few milliseconds at 10^4 rows.
 */
final class Boruvka {

  /** Positions per chunk of a round's searches (fixed, so chunks do not depend on the thread count). */
  private static final int CHUNK = 512;

  private final MrdTree t;
  private final int n;
  private final int d;
  /** Reduced core distance by position. */
  private final double[] coreAt;
  /** Component by position: the root position of its union-find set, fixed during a round's searches. */
  private final int[] comp;
  /** The other end (a position) of each position's lightest edge found to another component, or -1. */
  private final int[] cand;
  /** The reduced weight of that edge. */
  private final double[] candW;
  /** Whether that edge is the lightest of all, its search not cut by the shared bound (then kept across rounds). */
  private final boolean[] exact;
  /**
   * A lower bound on the weight of each position's lightest edge to another component, valid in every later round
   * too (the other components only lose rows): its core distance, the weight of a candidate since absorbed into its
   * own component, or the least bound of the nodes its last search left out for the shared bound.
   */
  private final double[] lb;
  /**
   * The lightest edge weight found so far this round by any row of each component (indexed by its root), as the
   * bits of a non-negative double; lowered by compare-and-set.
   */
  private final AtomicLongArray bound;
  /** The leaf of each position. */
  private final int[] leafOf;
  /** Entries of a pair stack of {@link #searchNode}: enough for the deepest pair of nodes and one sibling each. */
  private final int stackSize;

  /** The core distances' nearest rows, or null. */
  private final CoreDistances.Lists lists;

  private Boruvka(MrdTree t, double[] coreAt, CoreDistances.Lists lists) {
    this.lists = lists;
    this.t = t;
    this.n = t.n;
    this.d = t.d;
    this.coreAt = coreAt;
    this.comp = new int[n];
    this.cand = new int[n];
    this.candW = new double[n];
    this.exact = new boolean[n];
    this.lb = coreAt.clone();
    this.bound = new AtomicLongArray(n);
    this.leafOf = new int[n];
    int m = t.split.length;
    for (int b = 0; b < m; b++) {
      if (t.split[b] < 0 && t.split[b] != MrdTree.UNUSED) {
        for (int p = t.range[2 * b]; p < t.range[2 * b + 1]; p++) {
          leafOf[p] = b;
        }
      }
    }
    int levels = 32 - Integer.numberOfLeadingZeros(m);
    this.stackSize = 4 * levels + 4;
  }

  /**
   * @param t the tree, its {@link MrdTree#cores} recorded
   * @param coreAt reduced core distances by position ({@code +0.0}, never {@code -0.0})
   * @param lists the nearest rows of the core distances' searches (for the first round), or null
   * @param runner the threads
   * @return the {@code n - 1} edges as pairs of positions: the first ends, then the second ends
   */
  static int[][] run(MrdTree t, double[] coreAt, CoreDistances.Lists lists, ChunkRunner runner) {
    return new Boruvka(t, coreAt, lists).run(runner);
  }

  private int[][] run(ChunkRunner runner) {
    int[] ea = new int[n - 1];
    int[] eb = new int[n - 1];
    int count = 0;
    int[] parent = new int[n];
    int[] bestOf = new int[n];
    for (int p = 0; p < n; p++) {
      parent[p] = p;
      comp[p] = p;
      cand[p] = -1;
    }
    int chunks = ChunkRunner.chunks(n, CHUNK);
    int[] unit = new int[t.split.length];
    PairStack[] stacks = new PairStack[runner.parallelism()];
    long inf = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
    boolean first = true;
    while (count < n - 1) {
      boolean fromLists = first && lists != null;
      first = false;
      t.components(comp);
      for (int p = 0; p < n; p++) {
        if (comp[p] == p) {
          bound.set(p, inf);
          bestOf[p] = -1;
        }
      }
      for (int p = 0; p < n; p++) {
        int q = cand[p];
        if (q >= 0) {
          if (!exact[p]) {
            cand[p] = -1; // its search already recorded its bound
          } else if (comp[q] == comp[p]) {
            lb[p] = Math.max(lb[p], candW[p]); // it was the lightest edge to the rows now outside
            cand[p] = -1;
          } else {
            lower(comp[p], candW[p]);
          }
        }
      }
      int[] nodeComp = t.nodeComp;
      int units = 0;
      for (int b = 0; b < nodeComp.length; b++) {
        if (t.split[b] != MrdTree.UNUSED && nodeComp[b] >= 0 && (b == 0 || nodeComp[(b - 1) >> 1] < 0)) {
          unit[units++] = b;
        }
      }
      int unitCount = units;
      runner.run(unitCount, (c, worker) -> {
        PairStack st = stacks[worker];
        if (st == null) {
          st = new PairStack(stackSize);
          stacks[worker] = st;
        }
        searchNode(unit[c], st);
      });
      runner.run(chunks, c -> {
        int end = (int) Math.min(n, (c + 1L) * CHUNK);
        boolean[] copy = t.copyOfPrevious;
        for (int p = c * CHUNK; p < end; p++) {
          if (cand[p] < 0 && nodeComp[leafOf[p]] < 0) {
            if (copy[p] && comp[p - 1] == comp[p]) {
              // an identical row with a smaller index in the same component has an edge at least as good
              exact[p] = false;
            } else if (fromLists) {
              fromList(p);
            } else {
              search(p, -1, Double.POSITIVE_INFINITY);
            }
          }
        }
      });
      int[] perm = t.perm;
      for (int p = 0; p < n; p++) {
        int q = cand[p];
        if (q < 0) {
          continue;
        }
        int c = comp[p];
        int b = bestOf[c];
        if (b < 0) {
          bestOf[c] = p;
          continue;
        }
        int r = perm[p];
        int s = perm[q];
        int rb = perm[b];
        int sb = perm[cand[b]];
        if (less(candW[p], Math.min(r, s), Math.max(r, s), candW[b], Math.min(rb, sb), Math.max(rb, sb))) {
          bestOf[c] = p;
        }
      }
      int before = count;
      for (int c = 0; c < n; c++) {
        if (comp[c] != c || bestOf[c] < 0) {
          continue;
        }
        int p = bestOf[c];
        int q = cand[p];
        int a = find(parent, p);
        int b = find(parent, q);
        if (a != b) {
          parent[Math.max(a, b)] = Math.min(a, b);
          ea[count] = p;
          eb[count] = q;
          count++;
        }
      }
      if (count == before) {
        throw new IllegalStateException("Boruvka round added no edge with " + count + " of " + (n - 1));
      }
      for (int p = 0; p < n; p++) {
        comp[p] = find(parent, p);
      }
    }
    return new int[][] {ea, eb};
  }

  private static int find(int[] parent, int x) {
    int r = x;
    while (parent[r] != r) {
      r = parent[r];
    }
    while (parent[x] != r) {
      int next = parent[x];
      parent[x] = r;
      x = next;
    }
    return r;
  }

  /** Lowers component {@code c}'s shared bound to {@code w} (non-negative, so its bits order as the values). */
  private void lower(int c, double w) {
    long bits = Double.doubleToRawLongBits(w);
    long cur = bound.get(c);
    while (bits < cur && !bound.compareAndSet(c, cur, bits)) {
      cur = bound.get(c);
    }
  }

  /** (w1, a1, b1) before (w2, a2, b2) in the edge order. */
  static boolean less(double w1, int a1, int b1, double w2, int a2, int b2) {
    return w1 < w2 || (w1 == w2 && (a1 < a2 || (a1 == a2 && b1 < b2)));
  }

  /**
   * The first round's search of position {@code p} (every row its own component) from its core distance's nearest
   * rows: all rows within {@code r = max(k-th distance, core distance)} are listed (else it searches), and every
   * row outside weighs more than {@code r}, so the lightest listed edge is the lightest of all when it weighs at most
   * {@code r}; otherwise it seeds the search.
   */
  private void fromList(int p) {
    CoreDistances.Lists l = lists;
    double cr = coreAt[p];
    double r = Math.max(l.at[p], cr);
    if (!(l.left[p] > r)) {
      search(p, -1, Double.POSITIVE_INFINITY);
      return;
    }
    int[] perm = t.perm;
    int rowP = perm[p];
    double bestW = Double.POSITIVE_INFINITY;
    int best = -1;
    int bestLo = Integer.MAX_VALUE;
    int bestHi = Integer.MAX_VALUE;
    int[] idx = l.idx;
    for (int i = p * l.k, end = i + l.k; i < end; i++) {
      int u = idx[i];
      if (u == p) {
        continue;
      }
      double w = Math.max(Math.max(cr, coreAt[u]), t.dist(p, u));
      int ru = perm[u];
      int a = Math.min(rowP, ru);
      int z = Math.max(rowP, ru);
      if (less(w, a, z, bestW, bestLo, bestHi)) {
        bestW = w;
        best = u;
        bestLo = a;
        bestHi = z;
      }
    }
    if (bestW <= r) {
      cand[p] = best;
      candW[p] = bestW;
      exact[p] = true;
      lower(comp[p], bestW);
    } else {
      search(p, best, bestW);
    }
  }

  /**
   * The lightest edge from position {@code p} to another component, into {@link #cand} and {@link #candW}.
   *
   * @param seed a position of another component whose edge bounds the search, or -1
   * @param seedW the weight of that edge ({@code +infinity} without one)
   */
  private void search(int p, int seed, double seedW) {
    MrdTree t = this.t;
    int cp = comp[p];
    double cr = coreAt[p];
    double shared = Double.longBitsToDouble(bound.get(cp));
    if (lb[p] > shared) {
      // every edge of p to another component weighs at least lb[p] (at least its core distance): another row of
      // its component has a lighter one
      cand[p] = -1;
      exact[p] = false;
      return;
    }
    double cut = Double.POSITIVE_INFINITY;
    int[] perm = t.perm;
    int[] split = t.split;
    double[] splitValue = t.splitValue;
    int[] range = t.range;
    int[] nodeComp = t.nodeComp;
    double[] minCore = t.minCore;
    int[] minRow = t.minRow;
    double[] q = t.xs;
    int qo = p * d;
    int rowP = perm[p];
    double bestW = seedW;
    int best = seed;
    int bestLo = seed < 0 ? Integer.MAX_VALUE : Math.min(rowP, perm[seed]);
    int bestHi = seed < 0 ? Integer.MAX_VALUE : Math.max(rowP, perm[seed]);
    boolean ex = true;
    int b = 0;
    descend:
    while (true) {
      visit:
      if (nodeComp[b] != cp) {
        double lower = Math.max(cr, Math.max(minCore[b], t.minDist(b, q, qo)));
        if (lower > bestW) {
          break visit;
        }
        if (lower == bestW) {
          // every edge into the node weighs at least bestW; at bestW its pair of rows is at least this one
          int mr = minRow[b];
          int lo = Math.min(rowP, mr);
          int hi = Math.max(rowP, mr);
          if (lo > bestLo || (lo == bestLo && hi >= bestHi)) {
            break visit;
          }
        }
        if (lower > shared) {
          ex = false;
          cut = Math.min(cut, lower);
          break visit;
        }
        int kind = split[b];
        if (kind >= 0) {
          b = q[qo + kind] < splitValue[b] ? 2 * b + 1 : 2 * b + 2;
          continue;
        }
        int lo = range[2 * b];
        int hi = range[2 * b + 1];
        boolean improved = false;
        if (kind == MrdTree.POINT_LEAF) {
          // one distance and one core distance for all, rows in increasing order: the first row of another
          // component is the leaf's best
          for (int u = lo; u < hi; u++) {
            if (comp[u] == cp) {
              continue;
            }
            double w = Math.max(Math.max(cr, coreAt[u]), t.dist(p, u));
            int r = perm[u];
            int a = Math.min(rowP, r);
            int z = Math.max(rowP, r);
            if (less(w, a, z, bestW, bestLo, bestHi)) {
              bestW = w;
              best = u;
              bestLo = a;
              bestHi = z;
              improved = true;
            }
            break;
          }
        } else {
          for (int u = lo; u < hi; u++) {
            if (comp[u] == cp) {
              continue;
            }
            double w0 = Math.max(cr, coreAt[u]);
            if (w0 > bestW) {
              continue;
            }
            double w = Math.max(w0, t.dist(p, u));
            if (w > bestW) {
              continue;
            }
            int r = perm[u];
            int a = Math.min(rowP, r);
            int z = Math.max(rowP, r);
            if (w < bestW || a < bestLo || (a == bestLo && z < bestHi)) {
              bestW = w;
              best = u;
              bestLo = a;
              bestHi = z;
              improved = true;
            }
          }
        }
        if (improved) {
          lower(cp, bestW);
        }
        shared = Double.longBitsToDouble(bound.get(cp));
      }
      while (b > 0) {
        int par = (b - 1) >> 1;
        int near = q[qo + split[par]] < splitValue[par] ? 2 * par + 1 : 2 * par + 2;
        if (b == near) {
          b = (b & 1) == 1 ? b + 1 : b - 1;
          continue descend;
        }
        b = par;
      }
      break;
    }
    cand[p] = best;
    candW[p] = bestW;
    exact[p] = ex;
    if (!ex) {
      // the candidate, if any, is used this round only; the best edge is no lighter than it or the nodes left out
      lb[p] = Math.max(lb[p], Math.min(bestW, cut));
    }
  }

  /**
   * The lightest edge from the rows of node {@code qNode}, all of one component, to another component: a dual-tree
   * search (March, Ram and Gray 2010, doi:10.1145/1835804.1835882) over pairs of nodes, pruned by the component's
   * shared bound and by {@code max(min core in either node, box-to-box distance)}. Its edge goes into {@link #cand}
   * of its row (not kept across rounds) unless that row already holds its own lightest edge.
   *
   * @param stack scratch
   */
  private void searchNode(int qNode, PairStack stack) {
    int[] sq = stack.q;
    int[] sr = stack.r;
    double[] sl = stack.lower;
    MrdTree t = this.t;
    int[] perm = t.perm;
    int[] split = t.split;
    int[] range = t.range;
    int[] nodeComp = t.nodeComp;
    double[] minCore = t.minCore;
    int[] minRow = t.minRow;
    int c = nodeComp[qNode];
    double bestW = Double.POSITIVE_INFINITY;
    int bestP = -1;
    int bestU = -1;
    int bestLo = Integer.MAX_VALUE;
    int bestHi = Integer.MAX_VALUE;
    double shared = Double.longBitsToDouble(bound.get(c));
    int top = 0;
    if (nodeComp[0] != c) {
      sq[0] = qNode;
      sr[0] = 0;
      sl[0] = Math.max(minCore[qNode], minCore[0]);
      top = 1;
    }
    while (top > 0) {
      top--;
      int qb = sq[top];
      int rb = sr[top];
      double lower = sl[top];
      if (lower > shared || lower > bestW) {
        continue;
      }
      if (lower == bestW) {
        int mq = minRow[qb];
        int mr = minRow[rb];
        int lo = Math.min(mq, mr);
        int hi = Math.max(mq, mr);
        if (lo > bestLo || (lo == bestLo && hi >= bestHi)) {
          continue;
        }
      }
      int qk = split[qb];
      int rk = split[rb];
      if (qk < 0 && rk < 0) {
        int qlo = range[2 * qb];
        int qhi = qk == MrdTree.POINT_LEAF ? qlo + 1 : range[2 * qb + 1];
        int rlo = range[2 * rb];
        int rhi = range[2 * rb + 1];
        boolean points = rk == MrdTree.POINT_LEAF;
        boolean improved = false;
        for (int p = qlo; p < qhi; p++) {
          double cr = coreAt[p];
          if (cr > bestW || cr > shared) {
            continue;
          }
          int rowP = perm[p];
          for (int u = rlo; u < rhi; u++) {
            if (comp[u] == c) {
              continue;
            }
            double w = Math.max(cr, coreAt[u]);
            if (w <= bestW && w <= shared) {
              w = Math.max(w, t.dist(p, u));
              if (w <= shared) {
                int r = perm[u];
                int a = Math.min(rowP, r);
                int z = Math.max(rowP, r);
                if (less(w, a, z, bestW, bestLo, bestHi)) {
                  bestW = w;
                  bestP = p;
                  bestU = u;
                  bestLo = a;
                  bestHi = z;
                  improved = true;
                }
              }
            }
            if (points) {
              break; // identical rows in row order: the first of another component is the leaf's best
            }
          }
        }
        if (improved) {
          lower(c, bestW);
        }
        shared = Double.longBitsToDouble(bound.get(c));
        continue;
      }
      boolean splitR = rk >= 0 && (qk < 0 || range[2 * rb + 1] - range[2 * rb] >= range[2 * qb + 1] - range[2 * qb]);
      int q1 = qb;
      int q2 = qb;
      int r1 = rb;
      int r2 = rb;
      if (splitR) {
        r1 = 2 * rb + 1;
        r2 = 2 * rb + 2;
      } else {
        q1 = 2 * qb + 1;
        q2 = 2 * qb + 2;
      }
      double l1 = nodeComp[r1] == c ? Double.POSITIVE_INFINITY : pairLower(q1, r1);
      double l2 = nodeComp[r2] == c ? Double.POSITIVE_INFINITY : pairLower(q2, r2);
      // the nearer pair on top
      if (l1 <= l2) {
        if (l2 <= shared) {
          sq[top] = q2;
          sr[top] = r2;
          sl[top++] = l2;
        }
        if (l1 <= shared) {
          sq[top] = q1;
          sr[top] = r1;
          sl[top++] = l1;
        }
      } else {
        if (l1 <= shared) {
          sq[top] = q1;
          sr[top] = r1;
          sl[top++] = l1;
        }
        if (l2 <= shared) {
          sq[top] = q2;
          sr[top] = r2;
          sl[top++] = l2;
        }
      }
    }
    if (bestP >= 0 && cand[bestP] < 0) {
      cand[bestP] = bestU;
      candW[bestP] = bestW;
      exact[bestP] = false;
    }
  }

  /** A lower bound on the weight of every edge between nodes {@code q} and {@code r}. */
  private double pairLower(int q, int r) {
    return Math.max(Math.max(t.minCore[q], t.minCore[r]), t.boxDist(q, r));
  }

  /** The pairs of nodes a {@link #searchNode} has yet to visit, with their lower bounds. */
  private static final class PairStack {
    final int[] q;
    final int[] r;
    final double[] lower;

    PairStack(int size) {
      q = new int[size];
      r = new int[size];
      lower = new double[size];
    }
  }
}
