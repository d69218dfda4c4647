package io.github.clusterkit.neighbors;

import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable, growable buffer of neighbours (row index and distance) that a {@link NeighborIndex} query
 * fills. Create one per thread and pass it to every query: after the first few queries it stops
 * allocating.
 *
 * <p>Distances are kept in the metric's reduced form (squared for Euclidean) and converted on access by
 * {@link #distance(int)}; {@link #reducedDistance(int)} gives the raw value.
 *
 * <p>Not thread-safe: a buffer belongs to one thread at a time.
 */
public final class Neighbors {

  private int[] indices;
  private double[] reduced;
  private int size;
  private Metric metric = Metric.EUCLIDEAN;

  /** Creates an empty buffer with a small initial capacity. */
  public Neighbors() {
    this(16);
  }

  /**
   * @param initialCapacity initial capacity, {@code >= 0}
   * @throws IllegalArgumentException if the capacity is negative
   */
  public Neighbors(int initialCapacity) {
    if (!(initialCapacity >= 0)) {
      throw new IllegalArgumentException("initialCapacity must be >= 0, got " + initialCapacity);
    }
    indices = new int[initialCapacity];
    reduced = new double[initialCapacity];
  }

  /** @return the number of neighbours held */
  public int size() {
    return size;
  }

  /**
   * @param i position in {@code [0, size())}
   * @return the row index of neighbour {@code i}
   */
  public int index(int i) {
    Objects.checkIndex(i, size);
    return indices[i];
  }

  /**
   * @param i position in {@code [0, size())}
   * @return the true distance of neighbour {@code i} to the query
   */
  public double distance(int i) {
    Objects.checkIndex(i, size);
    return metric.fromReduced(reduced[i]);
  }

  /**
   * @param i position in {@code [0, size())}
   * @return the reduced distance (squared for Euclidean) of neighbour {@code i}
   */
  public double reducedDistance(int i) {
    Objects.checkIndex(i, size);
    return reduced[i];
  }

  /** @return a copy of the row indices, in buffer order */
  public int[] indices() {
    return Arrays.copyOf(indices, size);
  }

  /** @return a copy of the true distances, in buffer order */
  public double[] distances() {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = metric.fromReduced(reduced[i]);
    }
    return out;
  }

  /** @return the metric whose reduced distances this buffer holds */
  public Metric metric() {
    return metric;
  }

  /**
   * Empties the buffer, keeping its capacity. Queries call this themselves.
   *
   * @param m the metric of the coming query
   */
  void reset(Metric m) {
    size = 0;
    metric = m;
  }

  void add(int index, double reducedDistance) {
    if (size == indices.length) {
      grow(size + 1);
    }
    indices[size] = index;
    reduced[size] = reducedDistance;
    size++;
  }

  void grow(int minCapacity) {
    int cap = Math.max(minCapacity, Math.max(16, indices.length + (indices.length >> 1)));
    indices = Arrays.copyOf(indices, cap);
    reduced = Arrays.copyOf(reduced, cap);
  }

  int[] rawIndices() {
    return indices;
  }

  double[] rawReduced() {
    return reduced;
  }

  void setSize(int s) {
    size = s;
  }

  /**
   * Sorts the held neighbours by distance, ties by smaller row index (radius queries return them in
   * tree order).
   */
  public void sortByDistance() {
    // insertion sort for small sizes, otherwise a primitive merge through an index permutation
    if (size <= 32) {
      for (int i = 1; i < size; i++) {
        int ix = indices[i];
        double r = reduced[i];
        int j = i - 1;
        while (j >= 0 && (reduced[j] > r || (reduced[j] == r && indices[j] > ix))) {
          indices[j + 1] = indices[j];
          reduced[j + 1] = reduced[j];
          j--;
        }
        indices[j + 1] = ix;
        reduced[j + 1] = r;
      }
      return;
    }
    // merge sort of positions by (reduced, index), without boxing
    int[] pos = new int[size];
    for (int i = 0; i < size; i++) {
      pos[i] = i;
    }
    int[] tmp = new int[size];
    mergeSort(pos, tmp, 0, size);
    int[] ni = new int[size];
    double[] nr = new double[size];
    for (int i = 0; i < size; i++) {
      ni[i] = indices[pos[i]];
      nr[i] = reduced[pos[i]];
    }
    System.arraycopy(ni, 0, indices, 0, size);
    System.arraycopy(nr, 0, reduced, 0, size);
  }

  private boolean less(int a, int b) {
    return reduced[a] < reduced[b] || (reduced[a] == reduced[b] && indices[a] < indices[b]);
  }

  private void mergeSort(int[] a, int[] tmp, int lo, int hi) {
    if (hi - lo <= 16) {
      for (int i = lo + 1; i < hi; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= lo && less(v, a[j])) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(a, tmp, lo, mid);
    mergeSort(a, tmp, mid, hi);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      tmp[k++] = less(a[j], a[i]) ? a[j++] : a[i++];
    }
    while (i < mid) {
      tmp[k++] = a[i++];
    }
    while (j < hi) {
      tmp[k++] = a[j++];
    }
    System.arraycopy(tmp, lo, a, lo, hi - lo);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Neighbors[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(indices[i]).append('@').append(metric.fromReduced(reduced[i]));
    }
    return sb.append(']').toString();
  }
}
