package io.github.clusterkit.kmeans.internal;

/**
 * Elkan's assignment (Elkan 2003, "Using the triangle inequality to accelerate k-means", ICML, pp. 147-153):
 * per row an upper bound on the distance to its centroid and a lower bound for every centroid, plus the
 * centroid-to-centroid distances; O(n k) extra memory, best for higher dimension where a distance is costly.
 *
 * <p>Exact: bounds carry the safety margins of {@link Dist}, pruning needs strict inequalities, every distance
 * that is computed is {@link Dist#sq}, and the running minimum breaks ties to the lowest index, so the labels
 * equal Lloyd's bit for bit.
 */
public final class ElkanAssigner extends Assigner {

  private final double gUp;
  private final double gDown;
  private final double[] upper;
  private final double[] lower;
  private final double[] half;
  private final double[] s;
  private double[] shift;
  private boolean full;

  /**
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param k clusters
   * @param w weights or {@code null}
   */
  public ElkanAssigner(double[] x, int n, int d, int k, double[] w) {
    super(x, n, d, k, w);
    this.gUp = 1 + Dist.gamma(d);
    this.gDown = 1 - Dist.gamma(d);
    this.upper = new double[n];
    this.lower = new double[n * k];
    this.half = new double[k * k];
    this.s = new double[k];
  }

  /**
   * @param n rows
   * @param k clusters
   * @return whether the {@code n * k} lower bounds fit in a Java array
   */
  public static boolean fits(int n, int k) {
    return (long) n * k <= Integer.MAX_VALUE - 8;
  }

  @Override
  public void reset() {
    full = true;
  }

  @Override
  public void prepare(double[] centers, double[] shifts) {
    this.c = centers;
    full = shifts == null;
    shift = shifts;
    halfDistances(centers, half, s);
  }

  @Override
  public int assign(int from, int to, int[] labels, double[] sum, double[] wsum) {
    int changes = 0;
    final double[] u = upper;
    final double[] lb = lower;
    final double[] hp = half;
    final double[] cc = c;
    final int kk = k;
    for (int i = from; i < to; i++) {
      int xo = i * d;
      int base = i * kk;
      int old = labels[i];
      int a;
      if (full) {
        a = 0;
        double bd = Dist.sq(x, xo, cc, 0, d);
        lb[base] = Math.sqrt(bd) * gDown;
        for (int j = 1; j < kk; j++) {
          double dj = Dist.sq(x, xo, cc, j * d, d);
          lb[base + j] = Math.sqrt(dj) * gDown;
          if (dj < bd) {
            bd = dj;
            a = j;
          }
        }
        u[i] = Math.sqrt(bd) * gUp;
      } else {
        a = old;
        final double[] p = shift;
        for (int j = 0; j < kk; j++) {
          lb[base + j] = (lb[base + j] - p[j]) * Dist.DOWN;
        }
        double uu = (u[i] + p[a]) * Dist.UP;
        if (!(uu < s[a])) {
          boolean tight = false;
          double sqA = 0;
          for (int j = 0; j < kk; j++) {
            if (j == a || uu < lb[base + j] || uu < hp[a * kk + j]) {
              continue;
            }
            if (!tight) {
              sqA = Dist.sq(x, xo, cc, a * d, d);
              double da = Math.sqrt(sqA);
              uu = da * gUp;
              lb[base + a] = da * gDown;
              tight = true;
              if (uu < lb[base + j] || uu < hp[a * kk + j]) {
                continue;
              }
            }
            double dj = Dist.sq(x, xo, cc, j * d, d);
            double rj = Math.sqrt(dj);
            lb[base + j] = rj * gDown;
            if (dj < sqA || (dj == sqA && j < a)) {
              a = j;
              sqA = dj;
              uu = rj * gUp;
            }
          }
        }
        u[i] = uu;
      }
      if (a != old) {
        labels[i] = a;
        changes++;
      }
      if (sum != null) {
        tally(i, xo, old, a, sum, wsum);
      }
    }
    return changes;
  }
}
