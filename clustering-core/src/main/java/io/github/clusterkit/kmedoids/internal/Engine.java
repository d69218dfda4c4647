package io.github.clusterkit.kmedoids.internal;

import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmedoids.KMedoidsMethod;
import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * The k-medoids engine: the initialisations (BUILD, k-medoids++, random) and the three refinements (FasterPAM, PAM
 * SWAP, alternate), over a {@link Dissimilarity}. One engine serves the restarts of one fit, one at a time. Not API.
 *
 * <p><b>State.</b> For every object {@code o}: its nearest medoid's label {@code near[o]} and distance {@code dn[o]},
 * its second nearest's {@code sec[o]} and {@code ds[o]} (ties to the smaller label; {@code -1} and infinity when
 * {@code k = 1}); for FasterPAM also every medoid's removal loss, the sum of {@code ds - dn} over its objects. A
 * candidate's dissimilarities to all objects are one row computed on the fly ({@code n} values, no {@code n^2}
 * memory for rows and a metric).
 *
 * <p><b>Filters.</b> FasterPAM's evaluation of a candidate only changes its sums for the objects nearer the candidate
 * than their second nearest medoid ({@code d(o, c) < ds[o]}), and BUILD's gain only for those nearer the candidate
 * than their nearest medoid so far. Each keeps a per-object threshold on the reduced scale
 * ({@link Dissimilarity#threshold}, the square of the bound for Euclidean) and asks {@link Dissimilarity#within} for
 * the objects at or below it: the others are proved to contribute nothing, the square root is taken for the few kept,
 * and the kept objects run through the same comparisons on the same doubles, in object order. Skipping terms that
 * are exactly 0 changes no sum, so results are the same bit for bit as summing over every object.
 *
 * <p><b>Floating point.</b> Every sum runs in object order, left to right, so that the engine is reproducible bit for
 * bit by tools/kmedoids_reference.py and independent of the thread count: parallel passes split work by objects or
 * candidates in chunks fixed by {@code n} alone, each value is computed by one thread in the sequential order, and
 * reductions (the best swap, the best BUILD candidate) are taken in chunk order with the sequential tie rule.
 */
public final class Engine implements AutoCloseable {

  /** Objects per chunk of a per-object pass (assignment, update after a swap, alternate's member sums). */
  private static final int ROW_CHUNK = 512;

  /** Candidates per chunk of a per-candidate pass (PAM's swap search, BUILD), each costing {@code n} distances. */
  private static final int CANDIDATE_CHUNK = 8;

  private final Dissimilarity dis;
  private final int n;
  private final int k;
  private final ChunkRunner runner;
  private final int slots;

  private final int[] med;
  private final boolean[] isMed;
  private final int[] near;
  private final int[] sec;
  private final double[] dn;
  private final double[] ds;
  private final double[] loss;
  /** FasterPAM: {@code dis.threshold(ds[o])}, refreshed whenever {@code ds} changes. */
  private final double[] thr;
  /** The calling thread's candidate row. */
  private final double[] row;
  /** Per worker slot: a candidate row and {@code k + 1} accumulators (allocated on first use). */
  private final double[][] slotRow;
  private final double[][] slotAcc;
  /** Per worker slot: the objects {@link Dissimilarity#within} keeps and their dissimilarities (on first use). */
  private final int[][] slotIdx;
  private final double[][] slotVal;

  private DoubleConsumer trace;

  /**
   * @param dis the dissimilarities ({@code n >= 1})
   * @param k medoids, {@code 1 <= k <= n}
   * @param parallelism threads, {@code >= 1}
   */
  public Engine(Dissimilarity dis, int k, int parallelism) {
    this.dis = dis;
    this.n = dis.size();
    this.k = k;
    this.runner = parallelism > 1 ? new ChunkRunner(parallelism) : null;
    this.slots = runner == null ? 1 : runner.parallelism();
    med = new int[k];
    isMed = new boolean[n];
    near = new int[n];
    sec = new int[n];
    dn = new double[n];
    ds = new double[n];
    loss = new double[k];
    thr = new double[n];
    row = new double[n];
    slotRow = new double[slots][];
    slotAcc = new double[slots][];
    slotIdx = new int[slots][];
    slotVal = new double[slots][];
  }

  /**
   * Sets a hook called with the cost (sum of {@code dn}, in object order) after every swap of PAM and FasterPAM and
   * after every assignment of the alternate method; for tests (cost never increases).
   *
   * @param hook the hook, or null for none
   */
  public void trace(DoubleConsumer hook) {
    this.trace = hook;
  }

  @Override
  public void close() {
    if (runner != null) {
      runner.close();
    }
  }

  /** The result of one run. */
  public static final class Result {
    /** Medoid rows in label order. */
    public final int[] medoids;
    /** Label (medoid position) of every object. */
    public final int[] labels;
    /** Sum of every object's dissimilarity to its medoid, in object order. */
    public final double cost;
    /** Iterations (FasterPAM: passes begun over the candidates). */
    public final int iterations;
    /** Swaps applied (alternate: medoid changes). */
    public final int swaps;
    /** Whether the run stopped on its own criterion rather than at the iteration limit. */
    public final boolean converged;

    Result(int[] medoids, int[] labels, double cost, int iterations, int swaps, boolean converged) {
      this.medoids = medoids;
      this.labels = labels;
      this.cost = cost;
      this.iterations = iterations;
      this.swaps = swaps;
      this.converged = converged;
    }
  }

  /**
   * Runs a refinement from the given medoids.
   *
   * @param method the refinement
   * @param initial {@code k} distinct objects (not modified)
   * @param maxIterations at least 1
   * @return the result
   */
  public Result run(KMedoidsMethod method, int[] initial, int maxIterations) {
    setMedoids(initial);
    switch (method) {
      case PAM:
        return pam(maxIterations);
      case ALTERNATE:
        return alternate(maxIterations);
      default:
        return fasterPam(maxIterations);
    }
  }

  private void setMedoids(int[] initial) {
    Arrays.fill(isMed, false);
    for (int j = 0; j < k; j++) {
      med[j] = initial[j];
      isMed[initial[j]] = true;
    }
  }

  private Result result(int iterations, int swaps, boolean converged) {
    return new Result(med.clone(), near.clone(), cost(), iterations, swaps, converged);
  }

  private double cost() {
    double s = 0;
    for (int o = 0; o < n; o++) {
      s += dn[o];
    }
    return s;
  }

  private void traceCost() {
    if (trace != null) {
      trace.accept(cost());
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Passes

  /** A body over objects or candidates {@code [from, to)} run by worker {@code slot}. */
  @FunctionalInterface
  private interface Range {
    void run(int from, int to, int slot);
  }

  /**
   * Runs {@code body} over {@code [0, items)} in chunks of {@code size}: all at once on the calling thread without
   * workers (the bodies write per-item outputs only, or reduce with a rule that chunking does not change).
   */
  private void forChunks(int items, int size, Range body) {
    int chunks = ChunkRunner.chunks(items, size);
    if (runner == null || chunks <= 1) {
      body.run(0, items, 0);
      return;
    }
    runner.run(chunks, (c, slot) -> body.run(c * size, (int) Math.min(items, (long) (c + 1) * size), slot));
  }

  private double[] slotRow(int slot) {
    if (slot == 0) {
      return row;
    }
    double[] r = slotRow[slot];
    if (r == null) {
      r = new double[n];
      slotRow[slot] = r;
    }
    return r;
  }

  private double[] slotAcc(int slot) {
    double[] a = slotAcc[slot];
    if (a == null) {
      a = new double[k + 1];
      slotAcc[slot] = a;
    }
    return a;
  }

  private int[] slotIdx(int slot) {
    int[] a = slotIdx[slot];
    if (a == null) {
      a = new int[n];
      slotIdx[slot] = a;
    }
    return a;
  }

  private double[] slotVal(int slot) {
    double[] a = slotVal[slot];
    if (a == null) {
      a = new double[n];
      slotVal[slot] = a;
    }
    return a;
  }

  /** The candidate {@code c}'s dissimilarities to every object, into {@link #row}, by chunks of objects. */
  private void fillRow(int c) {
    forChunks(n, ROW_CHUNK, (from, to, slot) -> dis.row(c, row, from, to));
  }

  /** Nearest and second nearest medoid of every object. */
  private void assignAll() {
    forChunks(n, ROW_CHUNK, (from, to, slot) -> {
      for (int o = from; o < to; o++) {
        rescan(o);
      }
    });
  }

  /** Nearest and second nearest medoid of {@code o} by a scan of all medoids in label order (ties to the smaller). */
  private void rescan(int o) {
    int a = -1;
    int b = -1;
    double da = Double.POSITIVE_INFINITY;
    double db = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      double v = dis.d(o, med[j]);
      if (v < da) {
        b = a;
        db = da;
        a = j;
        da = v;
      } else if (v < db) {
        b = j;
        db = v;
      }
    }
    near[o] = a;
    dn[o] = da;
    sec[o] = b;
    ds[o] = db;
  }

  private void computeLoss() {
    Arrays.fill(loss, 0.0);
    for (int o = 0; o < n; o++) {
      loss[near[o]] += ds[o] - dn[o];
    }
  }

  /** FasterPAM's filter thresholds from the second nearest distances: after every change of {@code ds}. */
  private void computeThresholds() {
    for (int o = 0; o < n; o++) {
      thr[o] = dis.threshold(ds[o]);
    }
  }

  /**
   * Replaces medoid {@code i} by object {@code c}, whose dissimilarities to every object are {@code doc}, and updates
   * the nearest and second nearest medoids: objects that had {@code i} among them are scanned again, the others
   * compare the new medoid with their two (by distance, then label: the same as a full scan).
   */
  private void swap(int i, int c, double[] doc) {
    isMed[med[i]] = false;
    med[i] = c;
    isMed[c] = true;
    forChunks(n, ROW_CHUNK, (from, to, slot) -> {
      for (int o = from; o < to; o++) {
        if (near[o] == i || sec[o] == i) {
          rescan(o);
          continue;
        }
        double v = doc[o];
        if (v < dn[o] || (v == dn[o] && i < near[o])) {
          sec[o] = near[o];
          ds[o] = dn[o];
          near[o] = i;
          dn[o] = v;
        } else if (v < ds[o] || (v == ds[o] && i < sec[o])) {
          sec[o] = i;
          ds[o] = v;
        }
      }
    });
  }

  /**
   * The change of the cost if medoid {@code i} is replaced by the object at dissimilarities {@code doc}, by PAM's
   * case analysis summed in object order: an object of {@code i} goes to the candidate or to its second nearest
   * medoid, any other object to the candidate if that is closer than its medoid.
   */
  private double pamDelta(double[] doc, int i) {
    double s = 0;
    for (int o = 0; o < n; o++) {
      double v = doc[o];
      if (near[o] == i) {
        s += Math.min(v, ds[o]) - dn[o];
      } else if (v < dn[o]) {
        s += v - dn[o];
      }
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // FasterPAM

  /**
   * FasterPAM's evaluation of one candidate (Schubert and Rousseeuw 2021, Algorithm 3): {@code dd[j]} becomes the
   * change of the cost for swapping medoid {@code j} without the shared part, {@code dd[k]} the shared part (the gain
   * of the objects that move to the candidate).
   *
   * <p>With {@code k >= 2}, only objects with {@code d(o, c) < ds[o]} change a sum ({@code dn[o] <= ds[o]}), so
   * only the objects {@link Dissimilarity#within} keeps under {@link #thr} are visited (a superset of those, in
   * object order, with the same doubles): the sums are the ones over every object. With {@code k = 1} ({@code ds}
   * infinite) every object counts, and the full row is computed into {@code doc}.
   *
   * @param c the candidate
   * @param doc the slot's row, filled only when {@code k = 1}
   * @return the label of the smallest change (ties to the smaller label)
   */
  private int evaluate(int c, double[] doc, double[] dd, int slot) {
    if (k == 1) {
      dis.row(c, doc, 0, n);
      double s = 0;
      for (int o = 0; o < n; o++) {
        s += doc[o] - dn[o];
      }
      dd[0] = s;
      dd[1] = 0.0;
      return 0;
    }
    int[] idx = slotIdx(slot);
    double[] val = slotVal(slot);
    int m = dis.within(c, thr, idx, val);
    System.arraycopy(loss, 0, dd, 0, k);
    double acc = 0;
    for (int p = 0; p < m; p++) {
      int o = idx[p];
      double v = val[p];
      double a = dn[o];
      if (v < a) {
        acc += v - a;
        dd[near[o]] += a - ds[o];
      } else if (v < ds[o]) {
        dd[near[o]] += v - ds[o];
      }
    }
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (dd[j] < dd[best]) {
        best = j;
      }
    }
    dd[k] = acc;
    return best;
  }

  /**
   * The change for the candidate {@code c}, swapping the medoid {@link #evaluate} chose (written to
   * {@code label[at]}): negative only if both the removal-loss estimate and the direct sum ({@link #pamDelta}) are. The
   * estimate rounds an exact 0 (a medoid swapped for its duplicate) to a few ulps either side, and accepting those
   * made runs cycle among duplicates. When the change is negative, {@code doc} holds the candidate's full row (computed
   * then: the rare case), ready for the swap.
   */
  private double candidateDelta(int c, double[] doc, double[] dd, int[] label, int at, int slot) {
    int i = evaluate(c, doc, dd, slot);
    label[at] = i;
    double delta = dd[i] + dd[k];
    if (delta < 0 && k > 1) {
      dis.row(c, doc, 0, n);
      delta = pamDelta(doc, i);
    }
    return delta;
  }

  private Result fasterPam(int maxIterations) {
    assignAll();
    computeLoss();
    computeThresholds();
    long t = 0;
    long last = 0;
    long limit = (long) maxIterations * n;
    int swaps = 0;
    boolean converged = false;
    double[] dd = new double[k + 1];
    int[] label = new int[Math.max(1, 2 * slots)];
    double[] delta = new double[label.length];
    while (true) {
      if (t == last + n) {
        converged = true;
        break;
      }
      if (t == limit) {
        break;
      }
      if (runner == null) {
        int c = (int) (t % n);
        t++;
        if (isMed[c]) {
          continue;
        }
        double change = candidateDelta(c, row, dd, label, 0, 0);
        if (change < 0) {
          swap(label[0], c, row);
          computeLoss();
          computeThresholds();
          swaps++;
          last = t;
          traceCost();
        }
        continue;
      }
      // A batch of upcoming candidates evaluated side by side against the current medoids, then taken in order as
      // the sequential loop takes them: the first that improves is swapped and the rest of the batch is dropped (it
      // will be evaluated again against the new medoids), so the run equals the sequential one.
      int b = (int) Math.min(label.length, Math.min(last + n - t, limit - t));
      long t0 = t;
      runner.run(b, (j, slot) -> {
        int c = (int) ((t0 + j) % n);
        if (isMed[c]) {
          label[j] = -1;
          return;
        }
        delta[j] = candidateDelta(c, slotRow(slot), slotAcc(slot), label, j, slot);
      });
      for (int j = 0; j < b; j++) {
        int c = (int) (t % n);
        t++;
        if (label[j] >= 0 && delta[j] < 0) {
          fillRow(c);
          swap(label[j], c, row);
          computeLoss();
          computeThresholds();
          swaps++;
          last = t;
          traceCost();
          break;
        }
      }
    }
    return result((int) ((t + n - 1) / n), swaps, converged);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // PAM

  private Result pam(int maxIterations) {
    assignAll();
    int chunks = ChunkRunner.chunks(n, CANDIDATE_CHUNK);
    double[] chunkBest = new double[chunks];
    int[] chunkC = new int[chunks];
    int[] chunkI = new int[chunks];
    int iterations = 0;
    int swaps = 0;
    boolean converged = false;
    while (iterations < maxIterations) {
      iterations++;
      Arrays.fill(chunkC, -1);
      forChunks(n, CANDIDATE_CHUNK, (from, to, slot) -> {
        double[] r = slotRow(slot);
        double[] acc = slotAcc(slot);
        double best = 0;
        int bc = -1;
        int bi = -1;
        for (int c = from; c < to; c++) {
          if (isMed[c]) {
            continue;
          }
          dis.row(c, r, 0, n);
          pamChanges(r, acc);
          for (int j = 0; j < k; j++) {
            if (acc[j] < best) {
              best = acc[j];
              bc = c;
              bi = j;
            }
          }
        }
        int chunk = from / CANDIDATE_CHUNK;
        chunkBest[chunk] = best;
        chunkC[chunk] = bc;
        chunkI[chunk] = bi;
      });
      double best = 0;
      int bc = -1;
      int bi = -1;
      for (int ch = 0; ch < chunks; ch++) {
        if (chunkC[ch] >= 0 && chunkBest[ch] < best) {
          best = chunkBest[ch];
          bc = chunkC[ch];
          bi = chunkI[ch];
        }
      }
      if (bc < 0) {
        converged = true;
        break;
      }
      fillRow(bc);
      swap(bi, bc, row);
      swaps++;
      traceCost();
    }
    return result(iterations, swaps, converged);
  }

  /**
   * Classic PAM's change of the cost for every medoid {@code j} swapped with the candidate at {@code doc}, into
   * {@code acc[j]}: each a sum in object order of the textbook cases (terms that are 0 are skipped, which changes no
   * sum).
   */
  private void pamChanges(double[] doc, double[] acc) {
    Arrays.fill(acc, 0, k, 0.0);
    for (int o = 0; o < n; o++) {
      double v = doc[o];
      double a = dn[o];
      if (v < a) {
        double t = v - a;
        for (int j = 0; j < k; j++) {
          acc[j] += t;
        }
      } else {
        acc[near[o]] += Math.min(v, ds[o]) - a;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Alternate

  private Result alternate(int maxIterations) {
    int[] count = new int[k];
    int[] start = new int[k + 1];
    int[] members = new int[n];
    double[] sums = new double[n];
    int iterations = 0;
    int swaps = 0;
    boolean converged = false;
    while (iterations < maxIterations) {
      iterations++;
      assignAll();
      traceCost();
      Arrays.fill(count, 0);
      for (int o = 0; o < n; o++) {
        count[near[o]]++;
      }
      for (int j = 0; j < k; j++) {
        start[j + 1] = start[j] + count[j];
      }
      int[] fill = Arrays.copyOf(start, k);
      for (int o = 0; o < n; o++) {
        members[fill[near[o]]++] = o;
      }
      // every member's sum of dissimilarities to its cluster's members, in object order
      forChunks(n, ROW_CHUNK, (from, to, slot) -> {
        for (int p = from; p < to; p++) {
          int m = members[p];
          int j = near[m];
          double s = 0;
          for (int q = start[j]; q < start[j + 1]; q++) {
            s += dis.d(members[q], m);
          }
          sums[p] = s;
        }
      });
      boolean changed = false;
      for (int j = 0; j < k; j++) {
        if (count[j] == 0) {
          continue;
        }
        double cur = 0;
        for (int q = start[j]; q < start[j + 1]; q++) {
          cur += dis.d(members[q], med[j]);
        }
        int best = -1;
        double bestSum = Double.POSITIVE_INFINITY;
        for (int q = start[j]; q < start[j + 1]; q++) {
          int m = members[q];
          if (isMed[m] && m != med[j]) {
            continue; // a duplicate of another medoid, assigned here by the tie rule: never two medoids on one row
          }
          if (sums[q] < bestSum) {
            best = m;
            bestSum = sums[q];
          }
        }
        if (best >= 0 && bestSum < cur) {
          isMed[med[j]] = false;
          med[j] = best;
          isMed[best] = true;
          changed = true;
          swaps++;
        }
      }
      if (!changed) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      assignAll();
    }
    return result(iterations, swaps, converged);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Initialisations

  /**
   * PAM's BUILD (Kaufman and Rousseeuw 1990): the first medoid has the smallest sum of dissimilarities to all objects
   * (ties to the smaller object), each further one the largest total reduction of the objects' dissimilarity to their
   * nearest medoid (ties to the smaller object; with no reduction left, the first non-medoid).
   *
   * @return {@code k} distinct objects
   */
  public int[] build() {
    double[] score = new double[n];
    // infinite thresholds: within keeps every object (a finite or infinite value is <= infinity), in object order
    double[] bthr = new double[n];
    Arrays.fill(bthr, Double.POSITIVE_INFINITY);
    forChunks(n, CANDIDATE_CHUNK, (from, to, slot) -> {
      int[] idx = slotIdx(slot);
      double[] val = slotVal(slot);
      for (int c = from; c < to; c++) {
        int m = dis.within(c, bthr, idx, val);
        double s = 0;
        for (int p = 0; p < m; p++) {
          s += val[p];
        }
        score[c] = s;
      }
    });
    int first = 0;
    for (int c = 1; c < n; c++) {
      if (score[c] < score[first]) {
        first = c;
      }
    }
    int[] out = new int[k];
    boolean[] chosen = new boolean[n];
    out[0] = first;
    chosen[first] = true;
    double[] best = new double[n];
    dis.row(first, best, 0, n);
    for (int step = 1; step < k; step++) {
      // Only objects with d(o, c) < best[o] gain. An object left out by the filter on threshold(best[o]) has
      // d(o, c) >= best[o], so its term max(best[o] - d(o, c), 0.0) is +0.0 (x - x is +0.0, a negative difference
      // gives 0.0), and adding +0.0 leaves the sum (never -0.0: it starts at +0.0, every term is +0.0 or more)
      // unchanged: the gain is the same double as over every object.
      for (int o = 0; o < n; o++) {
        bthr[o] = dis.threshold(best[o]);
      }
      forChunks(n, CANDIDATE_CHUNK, (from, to, slot) -> {
        int[] idx = slotIdx(slot);
        double[] val = slotVal(slot);
        for (int c = from; c < to; c++) {
          if (chosen[c]) {
            continue;
          }
          int m = dis.within(c, bthr, idx, val);
          double g = 0;
          for (int p = 0; p < m; p++) {
            g += Math.max(best[idx[p]] - val[p], 0.0);
          }
          score[c] = g;
        }
      });
      int pick = -1;
      for (int c = 0; c < n; c++) {
        if (!chosen[c] && (pick < 0 || score[c] > score[pick])) {
          pick = c;
        }
      }
      out[step] = pick;
      chosen[pick] = true;
      fillRow(pick);
      for (int o = 0; o < n; o++) {
        best[o] = Math.min(best[o], row[o]);
      }
    }
    return out;
  }

  /**
   * k-medoids++ as scikit-learn-extra's {@code init='k-medoids++'}: the first medoid uniformly at random, each further
   * one the best of {@code 2 + floor(ln k)} candidates (by the resulting sum of squared dissimilarities to the nearest
   * medoid; ties to the earlier candidate), each drawn with probability proportional to its squared dissimilarity to
   * the nearest medoid so far. A medoid's duplicates have probability 0; when every object coincides with a medoid,
   * the first object not yet chosen is taken.
   *
   * @param rng the restart's generator
   * @return {@code k} distinct objects
   */
  public int[] plusPlus(Rng rng) {
    int trials = 2 + (int) Math.log(k);
    int[] out = new int[k];
    boolean[] chosen = new boolean[n];
    out[0] = rng.nextInt(n);
    chosen[out[0]] = true;
    double[] closest = new double[n];
    double[] cand = new double[n];
    double[] bestRow = new double[n];
    dis.row(out[0], closest, 0, n);
    double pot = 0;
    for (int o = 0; o < n; o++) {
      closest[o] *= closest[o];
      pot += closest[o];
    }
    for (int step = 1; step < k; step++) {
      int bestC = -1;
      double bestPot = Double.POSITIVE_INFINITY;
      for (int trial = 0; trial < trials; trial++) {
        int c;
        if (pot > 0) {
          c = draw(closest, rng.nextDouble() * pot);
        } else {
          c = 0;
          while (chosen[c]) {
            c++;
          }
        }
        dis.row(c, cand, 0, n);
        double p = 0;
        for (int o = 0; o < n; o++) {
          double v = cand[o] * cand[o];
          cand[o] = Math.min(closest[o], v);
          p += cand[o];
        }
        if (p < bestPot) {
          bestPot = p;
          bestC = c;
          double[] tmp = bestRow;
          bestRow = cand;
          cand = tmp;
        }
        if (pot == 0) {
          break;
        }
      }
      out[step] = bestC;
      chosen[bestC] = true;
      double[] tmp = closest;
      closest = bestRow;
      bestRow = tmp;
      pot = bestPot;
    }
    return out;
  }

  /** The first object whose running sum of weights exceeds {@code r} (never one of weight 0). */
  private int draw(double[] w, double r) {
    double s = 0;
    int last = -1;
    for (int o = 0; o < n; o++) {
      if (w[o] > 0) {
        s += w[o];
        last = o;
        if (s > r) {
          return o;
        }
      }
    }
    return last; // r within rounding of the total: the last object of positive weight
  }

  /**
   * @param rng the restart's generator
   * @return {@code k} distinct objects drawn uniformly without replacement (partial Fisher-Yates)
   */
  public int[] random(Rng rng) {
    int[] idx = new int[n];
    for (int o = 0; o < n; o++) {
      idx[o] = o;
    }
    for (int j = 0; j < k; j++) {
      int r = j + rng.nextInt(n - j);
      int t = idx[j];
      idx[j] = idx[r];
      idx[r] = t;
    }
    return Arrays.copyOf(idx, k);
  }
}
