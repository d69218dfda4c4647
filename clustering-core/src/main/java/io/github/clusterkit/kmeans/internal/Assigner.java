package io.github.clusterkit.kmeans.internal;

/**
 * One K-Means assignment step: gives every row the index of its nearest centroid (ties to the lowest index,
 * distances from {@link Dist#sq}) and, in the same pass, accumulates the per-cluster weighted coordinate sums
 * in row order. Implementations differ only in how many distances they skip; their labels are identical.
 *
 * <p>Protocol per run: {@link #reset()}, then for every pass {@link #prepare(double[], double[])} once and
 * {@link #assign(int, int, int[], double[], double[])} on disjoint row ranges (possibly concurrently).
 */
public abstract class Assigner {

  /** Row-major points. */
  protected final double[] x;
  /** Number of rows. */
  protected final int n;
  /** Dimension. */
  protected final int d;
  /** Number of clusters. */
  protected final int k;
  /** Sample weights, or {@code null} for unit weights. */
  protected final double[] w;
  /** Current centroids, row-major {@code k * d}. */
  protected double[] c;
  /**
   * Whether the passes add only the rows whose label changed (moved out of the old cluster's sums into the new
   * one's) instead of every row: see {@link #accumulateMoves(boolean)}.
   */
  protected boolean moves;
  /**
   * Whether the coming full pass is the run's first, on the run's reference points ({@link #trackReference}), so that a
   * row's distance to its own reference point is the distance the pass computes: set by {@link #reset()}, cleared by a
   * {@link #prepare} with shifts (the centroids have moved) and by {@link #takeOver()}.
   */
  protected boolean onReference;
  /**
   * The run's reference points ({@link #trackReference(double[])}), row-major {@code k * d}, or {@code null}: while
   * set, every update of cluster {@code a}'s sums also updates {@code wsum[k + a]}, the sum over its rows of the
   * squared distance {@link Dist#sq} to reference point {@code a}, in the same row order.
   */
  protected double[] ref;

  /**
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param k clusters
   * @param w weights or {@code null}
   */
  protected Assigner(double[] x, int n, int d, int k, double[] w) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.w = w;
  }

  /**
   * A work array of at least {@code n} longs that the caller may use from the end of a run until the next
   * {@link #reset()}: the first pass of a run rewrites it completely. Lets seeding borrow the bounds' memory
   * instead of allocating {@code n} more values (fresh memory is costly: every page is faulted in).
   *
   * @return the array, or {@code null} if this kernel keeps none
   */
  public long[] scratchBits() {
    return null;
  }

  /**
   * Hands over the engine's column copy of the data ({@link Columns}), which a pass may read instead of copying
   * blocks of rows itself, or {@code null} when there is none (any more). The default ignores it.
   *
   * @param columns the copy, or {@code null}
   */
  void useColumns(Columns columns) {}

  /**
   * Whether every pass of this kernel reads the rows by blocks of columns, so that a run without seeding (given
   * initial centroids) should make the engine's column copy too, instead of each pass copying every block again.
   *
   * @return {@code false} by default
   */
  boolean columnsEveryPass() {
    return false;
  }

  /**
   * Whether this kernel's first pass can take the nearest centroids from the seeding ({@link #takeSeeds}) instead
   * of computing every distance.
   *
   * @return {@code false} by default
   */
  boolean takesSeeds() {
    return false;
  }

  /**
   * Hands the next pass what the seeding found for the centroids that pass is prepared with: per row, the nearest
   * centroid's index in the label array (the lowest on ties), its squared distance {@link Dist#sq} as raw bits in
   * {@link #scratchBits()}, and the second smallest squared distance in {@code second} ({@code +inf} when
   * {@code k == 1}); the very values a full pass would compute. Only when {@link #takesSeeds()}; {@code null} ends
   * it. The default ignores it.
   *
   * @param second per row, the second smallest squared distance, or {@code null}
   */
  void takeSeeds(double[] second) {}

  /** Forgets all state of a previous run (the next pass is a full one). */
  public abstract void reset();

  /**
   * Starts this kernel in the middle of a run whose earlier passes another kernel made ({@code KMeansAlgorithm.AUTO}'s
   * switch between Hamerly and Elkan): after {@link #reset()}, its next pass, which the caller asks for as a full one
   * ({@link #prepare} with {@code null} shifts), runs on the current centroids, not on the run's reference points.
   */
  final void takeOver() {
    reset();
    onReference = false;
  }


  /**
   * Called once before each pass.
   *
   * @param centers the centroids to assign to (not modified, kept until the next call)
   * @param shifts for each centroid, an upper bound on its distance to the centroid of the previous pass, or
   *     {@code null} on the first pass of a run
   */
  public abstract void prepare(double[] centers, double[] shifts);

  /**
   * Assigns rows {@code [from, to)}.
   *
   * @param from first row
   * @param to one past the last row
   * @param labels labels of the previous pass (any value, e.g. -1, before the first) updated in place
   * @param sum per-cluster weighted sums {@code k * d} to add to, or {@code null} to skip accumulation
   * @param wsum per-cluster weight totals {@code k} to add to (ignored when {@code sum} is null)
   * @return the number of rows whose label changed
   */
  public abstract int assign(int from, int to, int[] labels, double[] sum, double[] wsum);

  /**
   * Chooses what the next passes write into the sums given to {@link #assign}: with {@code false} (the default)
   * every row's weighted coordinates are added to its new cluster's sums; with {@code true} only the rows whose
   * label changes, which are subtracted from their old cluster's sums and added to the new one's, so that the
   * sums become differences to be added to the previous pass's totals. Rows whose label is proven unchanged are
   * then never read. The labels before such a pass must all be valid cluster indices. Unit weights only (the engine
   * re-sums weighted data in full every pass).
   *
   * @param on whether to accumulate label changes only
   * @throws IllegalStateException if {@code on} and the assigner has weights
   */
  public final void accumulateMoves(boolean on) {
    if (on && w != null) {
      throw new IllegalStateException("moves are accumulated for unit weights only");
    }
    this.moves = on;
  }

  /**
   * For the {@code len} rows of a block by columns ({@code cols[t][r]}) and at most {@code dist.length} centroids
   * ({@link #k} of them): every centroid's squared distances into {@code dist} by the {@link Dist} column kernels
   * (vectorised over the rows; the same values as {@link Dist#sq}), the nearest and second nearest into {@code bd} and
   * {@code sec}, and the nearest's index, lowest on ties, into {@code bestD} (as a double), by loops without branches
   * ({@link #foldMin}, {@link #takeIfMin}): which centroid wins is unpredictable, and a conditional index update
   * compiled into a mispredicted branch.
   *
   * @param cols the block's columns
   * @param len rows in the block
   * @param acc scratch, 8 arrays of at least {@code len} values
   * @param dist receives the distances, {@code k} arrays of at least {@code len} values
   * @param bd receives the nearest squared distances
   * @param sec receives the second nearest ({@code +inf} when {@code k == 1}), or {@code null} when the caller needs
   *     only the nearest (its minimum is then folded alone, the same {@code bd})
   * @param bestD receives the nearest's index
   */
  protected final void nearestByBlock(double[][] cols, int len, double[][] acc, double[][] dist, double[] bd,
      double[] sec, double[] bestD) {
    final int dd = d;
    final int kk = k;
    final double[] cc = c;
    int jp = 0;
    for (; jp + 1 < kk; jp += 2) {
      Dist.sqColumnsPair(cols, len, cc, jp * dd, (jp + 1) * dd, dd, acc, dist[jp], dist[jp + 1]);
    }
    if (jp < kk) {
      Dist.sqColumns(cols, len, cc, jp * dd, dd, acc, dist[jp]);
    }
    System.arraycopy(dist[0], 0, bd, 0, len);
    if (sec != null) {
      java.util.Arrays.fill(sec, 0, len, Double.POSITIVE_INFINITY);
      for (int j = 1; j < kk; j++) {
        foldMin(dist[j], bd, sec, len);
      }
    } else {
      for (int j = 1; j < kk; j++) {
        final double[] v = dist[j];
        for (int r = 0; r < len; r++) {
          bd[r] = Math.min(bd[r], v[r]);
        }
      }
    }
    java.util.Arrays.fill(bestD, 0, len, 0.0);
    for (int j = kk - 1; j >= 0; j--) {
      takeIfMin(dist[j], bd, bestD, j, len);
    }
  }

  /** Folds the distances {@code v} into the running minimum and second minimum, as Hamerly's two-column scan does. */
  static void foldMin(double[] v, double[] bd, double[] sec, int len) {
    for (int r = 0; r < len; r++) {
      double dj = v[r];
      double b0 = bd[r];
      sec[r] = Math.min(sec[r], Math.max(b0, dj));
      bd[r] = Math.min(b0, dj);
    }
  }

  /**
   * Sets {@code best[r] = j} where {@code v[r]} equals the minimum {@code bd[r]}, without a conditional (called for
   * {@code j} from the last centroid down, so the lowest equal index stays). {@code e = v - bd} is 0 exactly when
   * they are equal (both finite: no underflow to 0 in a difference of doubles) and else at least 2^-1074, which
   * the two scalings (not one: 2^1200 overflows) lift to at least 1, so {@code e} becomes 0 or 1 and the update
   * adds {@code j - best} or 0, exact in small integers. When the minimum is infinite every distance is, {@code e}
   * is NaN, the NaN stays in {@code best} for all {@code j}, and its conversion gives 0: a full scan's index
   * when no distance is finite.
   */
  static void takeIfMin(double[] v, double[] bd, double[] best, double j, int len) {
    for (int r = 0; r < len; r++) {
      double e = Math.min((v[r] - bd[r]) * 0x1p600 * 0x1p600, 1.0);
      double b = best[r];
      best[r] = b + (j - b) * (1.0 - e);
    }
  }

  /**
   * Full scan of row {@code i}: the nearest centroid by {@link Dist#sq}, lowest index on ties.
   *
   * @param xo offset of the row
   * @param buf scratch of at least {@code k} values ({@link #distanceBuffer()})
   * @return the index
   */
  protected final int nearest(int xo, double[] buf) {
    distances(xo, buf);
    int best = 0;
    double bd = buf[0];
    for (int j = 1; j < k; j++) {
      double dj = buf[j];
      if (dj < bd) {
        bd = dj;
        best = j;
      }
    }
    return best;
  }

  /** @return a scratch array for {@link #distances(int, double[])}, one per pass and thread */
  protected final double[] distanceBuffer() {
    return new double[k];
  }

  /**
   * The squared distances {@link Dist#sq} from row offset {@code xo} to every centroid, into {@code buf[0..k)};
   * four centroids at a time by {@link Dist#sq4} (the same values) when {@code d >= 8}.
   *
   * @param xo offset of the row
   * @param buf receives the distances; at least {@code k} long ({@link #distanceBuffer()})
   */
  protected final void distances(int xo, double[] buf) {
    final double[] cc = c;
    final int dd = d;
    int j = 0;
    if (dd >= 8) {
      for (; j + 4 <= k; j += 4) {
        Dist.sq4(x, xo, cc, j * dd, (j + 1) * dd, (j + 2) * dd, (j + 3) * dd, dd, buf, j);
      }
    }
    for (; j < k; j++) {
      buf[j] = Dist.sq(x, xo, cc, j * dd, dd);
    }
  }

  /**
   * Starts or stops tracking the sums of squared distances to reference points (unit weights only): with
   * {@code ref} set, the weight arrays passed to {@link #assign} must hold {@code 2 * k} values, the second half
   * receiving those sums. The engine sets the run's initial centroids, so that the first pass, whose centroids
   * they are, adds the distances it has already computed.
   *
   * @param ref reference points, row-major {@code k * d} (kept, not copied), or {@code null}
   */
  public final void trackReference(double[] ref) {
    this.ref = ref;
  }

  /** The squared distance from row offset {@code xo} to reference point {@code a}. */
  protected final double refSq(int xo, int a) {
    if (d < 8) {
      // Dist.sq's single sum, written out so that the callers' loops keep it inlined.
      final int ro = a * d;
      double s = 0;
      for (int t = 0; t < d; t++) {
        double u = x[xo + t] - ref[ro + t];
        s += u * u;
      }
      return s;
    }
    return Dist.sq(x, xo, ref, a * d, d);
  }

  /**
   * {@link #accumulate} of a unit-weight row whose squared distance to reference point {@code a} is already known
   * ({@code refDist}, the value {@link #refSq} would give).
   */
  protected final void accumulateKnown(int xo, int a, double refDist, double[] sum, double[] wsum) {
    int so = a * d;
    for (int t = 0; t < d; t++) {
      sum[so + t] += x[xo + t];
    }
    wsum[a] += 1;
    if (ref != null) {
      wsum[k + a] += refDist;
    }
  }

  /**
   * Adds row {@code i} (offset {@code xo}) to cluster {@code a}'s sums.
   *
   * @param i row
   * @param xo row offset
   * @param a cluster
   * @param sum sums
   * @param wsum weight totals
   */
  protected final void accumulate(int i, int xo, int a, double[] sum, double[] wsum) {
    int so = a * d;
    if (w == null) {
      accumulateKnown(xo, a, ref != null ? refSq(xo, a) : 0, sum, wsum);
    } else {
      double wi = w[i];
      for (int t = 0; t < d; t++) {
        sum[so + t] += x[xo + t] * wi;
      }
      wsum[a] += wi;
    }
  }

  /**
   * Records row {@code i} (offset {@code xo}), whose label went from {@code old} to {@code a}, in the sums: the
   * whole row in {@code a}'s sums, or with {@link #accumulateMoves(boolean)} on, the move from {@code old} to
   * {@code a} if they differ.
   *
   * @param i row
   * @param xo row offset
   * @param old previous label
   * @param a new label
   * @param sum sums
   * @param wsum weight totals
   */
  protected final void tally(int i, int xo, int old, int a, double[] sum, double[] wsum) {
    if (!moves) {
      accumulate(i, xo, a, sum, wsum);
    } else if (a != old) {
      move(i, xo, old, a, sum, wsum);
    }
  }

  /**
   * Moves row {@code i} (offset {@code xo}) from cluster {@code old}'s sums to cluster {@code a}'s (unit weights:
   * {@link #accumulateMoves} refuses weights).
   *
   * @param i row
   * @param xo row offset
   * @param old cluster left
   * @param a cluster joined
   * @param sum sums (differences)
   * @param wsum weight totals (differences)
   */
  protected final void move(int i, int xo, int old, int a, double[] sum, double[] wsum) {
    int so = old * d;
    int sa = a * d;
    for (int t = 0; t < d; t++) {
      double v = x[xo + t];
      sum[so + t] -= v;
      sum[sa + t] += v;
    }
    wsum[old] -= 1;
    wsum[a] += 1;
    if (ref != null) {
      wsum[k + old] -= refSq(xo, old);
      wsum[k + a] += refSq(xo, a);
    }
  }

  /**
   * Half the distance from every centroid to its nearest other centroid, as a lower bound (deflated by
   * {@link Dist#gamma(int)}); {@code +inf} when {@code k == 1}.
   *
   * @param centers centroids
   * @param halfPair if not null, receives the deflated half distances of every pair, {@code k * k}
   * @param s receives the per-centroid minimum
   */
  protected final void halfDistances(double[] centers, double[] halfPair, double[] s) {
    double g = 0.5 * (1 - Dist.gamma(d));
    java.util.Arrays.fill(s, Double.POSITIVE_INFINITY);
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        double h = Math.sqrt(Dist.sq(centers, a * d, centers, b * d, d)) * g;
        if (halfPair != null) {
          halfPair[a * k + b] = h;
          halfPair[b * k + a] = h;
        }
        if (h < s[a]) {
          s[a] = h;
        }
        if (h < s[b]) {
          s[b] = h;
        }
      }
    }
  }
}
