package io.github.clusterkit.dbscan.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Concurrent, lock-free union-find over {@code 0 .. n-1} that always links the larger root below the smaller
 * one (Anderson and Woll's wait-free scheme with index order as the rank, as in the disjoint-set parallel
 * DBSCAN of Patwary et al., SC 2012, doi:10.1109/SC.2012.9). The root of every set is therefore its
 * smallest element, whatever the order of the unions and the number of threads, and {@code parent[i] <= i}
 * always holds.
 */
final class UnionFind {

  private static final VarHandle AA = MethodHandles.arrayElementVarHandle(int[].class);

  private UnionFind() {}

  /**
   * @param n number of elements
   * @return a parent array in which every element is its own root
   */
  static int[] create(int n) {
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    return parent;
  }

  /** Root of {@code x}, halving the path on the way (safe under concurrency: only ancestors are written). */
  static int find(int[] parent, int x) {
    int p = (int) AA.getAcquire(parent, x);
    while (p != x) {
      int gp = (int) AA.getAcquire(parent, p);
      if (gp != p) {
        AA.setRelease(parent, x, gp);
      }
      x = p;
      p = gp;
    }
    return x;
  }

  /**
   * Merges the sets of {@code a} and {@code b}.
   *
   * @return true if they were different sets
   */
  static boolean union(int[] parent, int a, int b) {
    while (true) {
      a = find(parent, a);
      b = find(parent, b);
      if (a == b) {
        return false;
      }
      if (a < b) {
        int t = a;
        a = b;
        b = t;
      }
      // a is the larger root: link it below b, unless another thread linked it meanwhile
      if (AA.compareAndSet(parent, a, a, b)) {
        return true;
      }
    }
  }

  /**
   * Points every element of {@code [from, to)} straight at its root. Call only when no union runs
   * concurrently; several ranges may be flattened at the same time, as each writes only its own elements
   * and reads others only to follow them towards the root (any value it sees there is an ancestor).
   *
   * @param parent the parent array
   * @param from first element
   * @param to end of the range (exclusive)
   */
  static void flatten(int[] parent, int from, int to) {
    for (int i = from; i < to; i++) {
      int r = parent[i];
      int q = parent[r];
      while (q != r) {
        r = q;
        q = parent[r];
      }
      parent[i] = r;
    }
  }
}
