package io.github.clusterkit.eval;

import io.github.clusterkit.internal.Rng;

/** Seeded random test inputs. */
final class Fixtures {

  private Fixtures() {}

  /** Gaussian blobs around k random centres, optionally with exact duplicate rows. */
  static double[][] points(long seed, int n, int d, int k, boolean duplicates) {
    Rng rng = new Rng(seed);
    double[][] centres = new double[Math.max(k, 1)][d];
    for (double[] c : centres) {
      for (int t = 0; t < d; t++) {
        c[t] = rng.uniform(-5, 5);
      }
    }
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      if (duplicates && i > 0 && rng.nextInt(4) == 0) {
        x[i] = x[rng.nextInt(i)].clone();
        continue;
      }
      double[] c = centres[i % centres.length];
      for (int t = 0; t < d; t++) {
        x[i][t] = c[t] + rng.nextGaussian();
      }
    }
    return x;
  }

  /** Labels: row i mostly belongs to centre i % k, with some relabelled at random and some noise. */
  static int[] labels(long seed, int n, int k, int noisePercent) {
    Rng rng = new Rng(seed ^ 0x5DEECE66DL);
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = rng.nextInt(100) < noisePercent ? -1 : rng.nextInt(5) == 0 ? rng.nextInt(k) : i % k;
    }
    return l;
  }

  static int clusters(int[] labels, NoisePolicy policy) {
    java.util.Set<Integer> s = new java.util.HashSet<>();
    int noise = 0;
    for (int l : labels) {
      if (l >= 0) {
        s.add(l);
      } else {
        noise++;
      }
    }
    switch (policy) {
      case IGNORE:
        return s.size();
      case MERGE:
        return s.size() + (noise > 0 ? 1 : 0);
      default:
        return s.size() + noise;
    }
  }

  static int[] permutation(long seed, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    new Rng(seed).shuffle(p);
    return p;
  }
}
