package io.github.clusterkit.bench;

import java.util.Arrays;

/**
 * Measures what the machine charges for memory the JVM has never touched: it allocates a large {@code double[]}
 * (400 MB by default, the size of the condensed distance matrix at n = 10^4) several times and prints, for each
 * allocation, the time of the allocation itself (the JVM zeroes the array, which is the first touch of fresh
 * heap pages) and of one warm fill of the same array afterwards.
 *
 * <p>Not a benchmark of any library: it explains the gap between the cold-heap and pre-touched rows of the
 * hierarchical benchmark in {@code docs/benchmarks.md}. Run it once with the JVM's default heap (G1 takes fresh
 * regions for the first allocations) and once with {@code -Xms3g -Xmx3g -XX:+AlwaysPreTouch} (every page touched
 * at start-up):
 *
 * <pre>
 * java -Xmx6g -cp clustering-bench/target/benchmarks.jar io.github.clusterkit.bench.FirstTouchProbe
 * java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -cp clustering-bench/target/benchmarks.jar io.github.clusterkit.bench.FirstTouchProbe
 * </pre>
 *
 * <p>Arguments (optional): the array length in doubles, the number of allocations.
 */
public final class FirstTouchProbe {

  private FirstTouchProbe() {}

  /**
   * @param args optional: array length in doubles (default 50,000,000), allocations (default 6)
   */
  public static void main(String[] args) {
    int length = args.length > 0 ? Integer.parseInt(args[0]) : 50_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    double mb = length * 8.0 / 1e6;
    double check = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      double[] a = new double[length];
      long t1 = System.nanoTime();
      Arrays.fill(a, r + 1.0);
      long t2 = System.nanoTime();
      check += a[length / 2];
      System.out.printf("allocation %d of %.0f MB: allocate and zero %.0f ms (%.2f ms per MB), warm fill %.0f ms%n",
          r + 1, mb, (t1 - t0) / 1e6, (t1 - t0) / 1e6 / mb, (t2 - t1) / 1e6);
    }
    System.out.printf("(checksum %.0f)%n", check);
  }
}
