package io.github.clusterkit.kmeans.internal;

/**
 * Hamerly's assignment (Hamerly 2010, "Making k-means even faster", SIAM SDM,
 * doi:10.1137/1.9781611972801.12): per row one upper bound on the distance to its centroid and one lower bound
 * on the distance to every other centroid; a row is rescanned only when the bounds cannot prove its label.
 * O(n) extra memory; best for low dimension.
 *
 * <p>Exact: bounds carry the safety margins of {@link Dist}, pruning needs a strict inequality, and a rescan
 * is Lloyd's full scan, so the labels equal Lloyd's bit for bit.
 */
public final class HamerlyAssigner extends Assigner {

  private final double gUp;
  private final double gDown;
  private final double[] upper;
  private final double[] lower;
  private final double[] s;
  private double[] shift;
  private double maxShift;
  private double secondShift;
  private int argMaxShift;
  private boolean full;

  /**
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param k clusters
   * @param w weights or {@code null}
   */
  public HamerlyAssigner(double[] x, int n, int d, int k, double[] w) {
    super(x, n, d, k, w);
    this.gUp = 1 + Dist.gamma(d);
    this.gDown = 1 - Dist.gamma(d);
    this.upper = new double[n];
    this.lower = new double[n];
    this.s = new double[k];
  }

  @Override
  public void reset() {
    full = true;
  }

  @Override
  public void prepare(double[] centers, double[] shifts) {
    this.c = centers;
    if (shifts == null) {
      full = true;
    } else {
      full = false;
      shift = shifts;
      maxShift = 0;
      secondShift = 0;
      argMaxShift = -1;
      for (int j = 0; j < k; j++) {
        double p = shifts[j];
        if (p > maxShift) {
          secondShift = maxShift;
          maxShift = p;
          argMaxShift = j;
        } else if (p > secondShift) {
          secondShift = p;
        }
      }
    }
    halfDistances(centers, null, s);
  }

  @Override
  public int assign(int from, int to, int[] labels, double[] sum, double[] wsum) {
    int changes = 0;
    final double[] u = upper;
    final double[] l = lower;
    for (int i = from; i < to; i++) {
      int xo = i * d;
      int old = labels[i];
      int a;
      if (full) {
        a = scan(i, xo);
      } else {
        a = old;
        double uu = (u[i] + shift[a]) * Dist.UP;
        double ll = (l[i] - (a == argMaxShift ? secondShift : maxShift)) * Dist.DOWN;
        double m = Math.max(s[a], ll);
        if (uu < m) {
          u[i] = uu;
          l[i] = ll;
        } else {
          uu = Math.sqrt(Dist.sq(x, xo, c, a * d, d)) * gUp;
          if (uu < m) {
            u[i] = uu;
            l[i] = ll;
          } else {
            a = scan(i, xo);
          }
        }
      }
      if (a != old) {
        labels[i] = a;
        changes++;
      }
      if (sum != null) {
        accumulate(i, xo, a, sum, wsum);
      }
    }
    return changes;
  }

  /** Lloyd's full scan of row i; sets both bounds from the exact nearest and second-nearest distances. */
  private int scan(int i, int xo) {
    final double[] cc = c;
    int best = 0;
    double bd = Dist.sq(x, xo, cc, 0, d);
    double second = Double.POSITIVE_INFINITY;
    for (int j = 1; j < k; j++) {
      double dj = Dist.sq(x, xo, cc, j * d, d);
      if (dj < bd) {
        second = bd;
        bd = dj;
        best = j;
      } else if (dj < second) {
        second = dj;
      }
    }
    upper[i] = Math.sqrt(bd) * gUp;
    lower[i] = Math.sqrt(second) * gDown;
    return best;
  }
}
