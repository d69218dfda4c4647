package io.github.clusterkit.internal;

/**
 * A small, fast, splittable pseudo-random generator (SplitMix64, Steele, Lea and Flood, OOPSLA 2014,
 * doi:10.1145/2660193.2660195) whose output is fully specified here, so that a seed gives the same numbers
 * on every JDK. {@code java.util.Random#nextGaussian} and {@code RandomGenerator} defaults are not specified
 * precisely enough across JDK versions for that. Not thread-safe: one instance per thread or task; use
 * {@link #split(long)} to derive independent streams deterministically.
 */
public final class Rng {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;
  private double spareGaussian;
  private boolean hasSpare;

  /** @param seed any value */
  public Rng(long seed) {
    this.state = seed;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** @return the next 64 random bits */
  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** @return a uniform double in [0, 1), 53 random bits */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * @param lo lower bound (inclusive)
   * @param hi upper bound (exclusive)
   * @return a uniform double in [lo, hi)
   */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /**
   * Uniform integer without modulo bias (Lemire's method, doi:10.1145/3230636).
   *
   * @param bound exclusive upper bound, {@code > 0}
   * @return a uniform int in [0, bound)
   */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be > 0, got " + bound);
    }
    long m = (nextLong() >>> 32) * bound;
    long l = m & 0xFFFFFFFFL;
    if (l < bound) {
      long t = (0x100000000L - bound) % bound;
      while (l < t) {
        m = (nextLong() >>> 32) * bound;
        l = m & 0xFFFFFFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /**
   * A standard normal variate by Marsaglia's polar method. The logarithm is {@link StrictMath#log}'s (fdlibm's,
   * specified to the bit): {@link Math#log} may differ in the last bit between JVMs and platforms (HotSpot's x86
   * intrinsic differs from fdlibm on about 7% of arguments in {@code (0, 1)}), which would change the variates with
   * the JVM. {@code sqrt} is correctly rounded everywhere.
   *
   * @return the variate
   */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = Math.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * f;
    hasSpare = true;
    return u * f;
  }

  /**
   * Derives an independent generator for stream number {@code stream} of {@code seed}; the result depends
   * only on the two numbers, so parallel tasks get the same streams on any thread count.
   *
   * @param seed the base seed
   * @param stream the stream number
   * @return a new generator
   */
  public static Rng split(long seed, long stream) {
    return new Rng(mix(seed ^ mix(stream * GOLDEN + 0x632BE59BD9B4E019L)));
  }

  /**
   * Fisher-Yates shuffle of {@code a} in place.
   *
   * @param a the array to shuffle
   */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
