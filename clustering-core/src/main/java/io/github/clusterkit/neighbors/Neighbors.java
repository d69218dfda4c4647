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
 * <p><b>Lazy distances.</b> When a {@link KdTree} radius query finds a whole subtree inside the radius, it
 * adds the subtree's row indices without computing their distances; the first call that needs a distance
 * ({@link #distance(int)}, {@link #reducedDistance(int)}, {@link #distances()}, {@link #sortByDistance()},
 * {@link #toString()}) computes the missing ones, with exactly the expression {@link BruteForce} uses, so
 * every reported distance is bit for bit the brute-force value. Callers that only read
 * {@link #index(int)} (DBSCAN's expansion) never pay for distances.
 *
 * <p>Not thread-safe: a buffer belongs to one thread at a time.
 */
public final class Neighbors {

  private int[] indices;
  private double[] reduced;
  private int size;
  private Metric metric = Metric.EUCLIDEAN;
  /**
   * The exponent of the index's exact scaling ({@link KdTree}, {@link BruteForce}: data beyond the range of
   * squared distances are searched multiplied by {@code 2^-scale}); held distances are scaled back on access.
   */
  private int scale;
  /**
   * Whether the held values are true distances in the data's units rather than reduced ones at {@link #scale}:
   * the far-radius queries ({@code FarRadius}), whose rows lie at distances too far apart for one scale.
   */
  private boolean trueHeld;

  // Lazy distances: entries whose reduced distance is NaN (never a real value: data and queries are
  // finite, so a reduced distance is finite or +infinity) are computed from these on first access.
  private boolean pending;
  private double[] lazyQuery = new double[0];
  private double[] lazyData;
  private int lazyDim;

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
    materialize();
    return trueDistance(reduced[i]);
  }

  /** The true distance of a held reduced distance, scaled back. */
  private double trueDistance(double r) {
    if (trueHeld) {
      return r;
    }
    double v = metric.fromReduced(r);
    return scale == 0 ? v : Math.scalb(v, scale);
  }

  /**
   * The reduced distance in the data's own units. Where it lies outside the double range (a squared Euclidean
   * distance of points more than about 1.3e154 apart, or less than about 1.5e-154, which an index over extreme data
   * or a query with a huge or tiny radius can report) it is {@code +Infinity} or {@code 0}, while
   * {@link #distance(int)}, held at the index's scale, stays exact; rank by {@link #distance(int)} there.
   *
   * @param i position in {@code [0, size())}
   * @return the reduced distance (squared for Euclidean) of neighbour {@code i}
   */
  public double reducedDistance(int i) {
    Objects.checkIndex(i, size);
    materialize();
    double r = reduced[i];
    if (trueHeld) {
      return metric.toReduced(r);
    }
    return scale == 0 ? r : Math.scalb(r, metric.reducedExponent(scale));
  }

  /** @return a copy of the row indices, in buffer order */
  public int[] indices() {
    return Arrays.copyOf(indices, size);
  }

  /** @return a copy of the true distances, in buffer order */
  public double[] distances() {
    materialize();
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = trueDistance(reduced[i]);
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
    reset(m, 0);
  }

  /**
   * Empties the buffer for a query of an index scaled by {@code 2^-e}.
   *
   * @param m the metric of the coming query
   * @param e the index's scaling exponent, 0 for none
   */
  void reset(Metric m, int e) {
    size = 0;
    metric = m;
    scale = e;
    trueHeld = false;
    pending = false;
    lazyData = null;
  }

  /**
   * Empties the buffer for a query that adds true distances in the data's units ({@link #add} with the distance
   * itself, not its reduced form), each exact on its own: {@link #distance(int)} returns it as added and
   * {@link #reducedDistance(int)} reduces it (which may overflow or underflow, as documented there). The order of
   * {@link #sortByDistance()} is the same, the reduced form being increasing in the distance.
   *
   * @param m the metric of the coming query
   */
  void resetTrue(Metric m) {
    reset(m, 0);
    trueHeld = true;
  }

  /**
   * Appends {@code count} row indices {@code rows[from .. from+count)} whose distances are computed later,
   * from a private copy of the query {@code q[qOff .. qOff+d)} and the data's row-major array.
   */
  void addLazy(int[] rows, int from, int count, double[] q, int qOff, double[] data, int d) {
    if (!pending) {
      if (lazyQuery.length < d) {
        lazyQuery = new double[d];
      }
      System.arraycopy(q, qOff, lazyQuery, 0, d);
      lazyData = data;
      lazyDim = d;
      pending = true;
    }
    ensureCapacity(size + count);
    System.arraycopy(rows, from, indices, size, count);
    Arrays.fill(reduced, size, size + count, Double.NaN);
    size += count;
  }

  /** Computes every distance left pending by {@link #addLazy}. */
  private void materialize() {
    if (!pending) {
      return;
    }
    double[] q = lazyQuery;
    double[] x = lazyData;
    int d = lazyDim;
    Metric m = metric;
    for (int i = 0; i < size; i++) {
      if (Double.isNaN(reduced[i])) {
        // the exact call BruteForce makes (query first, data row second), hence bit-identical
        reduced[i] = m.reducedDistance(q, 0, x, indices[i] * d, d);
      }
    }
    pending = false;
    lazyData = null;
  }

  void ensureCapacity(int minCapacity) {
    if (minCapacity > indices.length) {
      grow(minCapacity);
    }
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
   * tree order). In place, without allocation, O(size log size) (introsort: quicksort with a heapsort
   * fallback). Row indices are distinct, so the order is fully determined.
   */
  public void sortByDistance() {
    materialize();
    if (size > 1) {
      int depthLimit = 2 * (32 - Integer.numberOfLeadingZeros(size));
      introsort(0, size - 1, depthLimit);
    }
  }

  /** True when entry {@code a} comes before entry {@code b}: smaller distance, then smaller index. */
  private boolean before(int a, int b) {
    return reduced[a] < reduced[b] || (reduced[a] == reduced[b] && indices[a] < indices[b]);
  }

  private void swap(int a, int b) {
    int ti = indices[a];
    indices[a] = indices[b];
    indices[b] = ti;
    double td = reduced[a];
    reduced[a] = reduced[b];
    reduced[b] = td;
  }

  /** Sorts positions {@code [lo, hi]}; recursion only on the smaller part, so the depth is O(log size). */
  private void introsort(int lo, int hi, int depthLimit) {
    while (hi - lo > 16) {
      if (depthLimit-- == 0) {
        heapsort(lo, hi);
        return;
      }
      int mid = (lo + hi) >>> 1;
      // median of three moved to lo, then a Hoare partition around it
      if (before(mid, lo)) {
        swap(mid, lo);
      }
      if (before(hi, lo)) {
        swap(hi, lo);
      }
      if (before(hi, mid)) {
        swap(hi, mid);
      }
      swap(lo, mid);
      int i = lo;
      int j = hi + 1;
      while (true) {
        do {
          i++;
        } while (i <= hi && before(i, lo));
        do {
          j--;
        } while (before(lo, j));
        if (i >= j) {
          break;
        }
        swap(i, j);
      }
      swap(lo, j);
      if (j - lo < hi - j) {
        introsort(lo, j - 1, depthLimit);
        lo = j + 1;
      } else {
        introsort(j + 1, hi, depthLimit);
        hi = j - 1;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int j = i; j > lo && before(j, j - 1); j--) {
        swap(j, j - 1);
      }
    }
  }

  private void heapsort(int lo, int hi) {
    int count = hi - lo + 1;
    for (int i = count / 2 - 1; i >= 0; i--) {
      siftDown(lo, i, count);
    }
    for (int last = count - 1; last > 0; last--) {
      swap(lo, lo + last);
      siftDown(lo, 0, last);
    }
  }

  private void siftDown(int base, int c, int count) {
    while (true) {
      int l = 2 * c + 1;
      if (l >= count) {
        return;
      }
      int big = l + 1 < count && before(base + l, base + l + 1) ? l + 1 : l;
      if (!before(base + c, base + big)) {
        return;
      }
      swap(base + c, base + big);
      c = big;
    }
  }

  @Override
  public String toString() {
    materialize();
    StringBuilder sb = new StringBuilder("Neighbors[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(indices[i]).append('@').append(trueDistance(reduced[i]));
    }
    return sb.append(']').toString();
  }
}
