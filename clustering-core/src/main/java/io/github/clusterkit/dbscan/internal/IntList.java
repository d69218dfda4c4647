package io.github.clusterkit.dbscan.internal;

import java.util.Arrays;

/** A growable list of primitive ints. */
final class IntList {
  int[] a;
  int size;

  IntList(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length + (a.length >> 1) + 4);
    }
    a[size++] = v;
  }

  void clear() {
    size = 0;
  }
}
