package io.github.clusterkit.dbscan.internal;

import java.util.Arrays;

/**
 * Groups the rows of a row-major array that are bit for bit identical (and, optionally, share an int key), numbering
 * the groups in the order of their first row. Two rows of one group give every distance computation the same
 * operands, hence the same result, so a query can look at one row per group. Expected O(n d) time by open
 * addressing with linear probing; {@code n} ints of table plus the result. Rows are compared by their bits
 * ({@code 0.0} and {@code -0.0} fall in different groups), so the grouping never merges rows that any arithmetic could
 * tell apart. Not API.
 */
public final class DistinctRows {

  private DistinctRows() {}

  /**
   * The group of every row.
   *
   * @param x row-major values, at least {@code n * d}
   * @param n rows
   * @param d columns, {@code >= 1}
   * @param key one int per row that must also agree for two rows to share a group, or {@code null}
   * @return {@code group[i]} for {@code i < n}, groups numbered {@code 0, 1, ...} in the order of their first row
   *     (so {@code group[i] <= i}, and the first row of group {@code g} comes before the first row of {@code g + 1});
   *     beyond {@code 2^28} rows every row is its own group
   */
  public static int[] group(double[] x, int n, int d, int[] key) {
    int[] group = new int[n];
    if (n > 1 << 28) {
      // beyond the table's reach (2^30 slots at a load of at most 1/2): every row its own group, which is valid
      for (int i = 0; i < n; i++) {
        group[i] = i;
      }
      return group;
    }
    int cap = Integer.highestOneBit(Math.max(4, n)) << 2; // load at most 1/2
    int mask = cap - 1;
    int[] table = new int[cap]; // row of a group's first occurrence, plus 1; 0 is empty
    int groups = 0;
    for (int i = 0; i < n; i++) {
      int xo = i * d;
      long h = key == null ? 0x9E3779B97F4A7C15L : 0x9E3779B97F4A7C15L ^ key[i];
      for (int t = 0; t < d; t++) {
        h = (h ^ Double.doubleToRawLongBits(x[xo + t])) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
      }
      int p = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int r = table[p] - 1;
        if (r < 0) {
          table[p] = i + 1;
          group[i] = groups++;
          break;
        }
        if ((key == null || key[r] == key[i]) && sameBits(x, r * d, xo, d)) {
          group[i] = group[r];
          break;
        }
        p = (p + 1) & mask;
      }
    }
    return group;
  }

  /**
   * The number of groups of a result of {@link #group}.
   *
   * @param group the groups, numbered in the order of their first row
   * @return the number of groups (0 for no rows)
   */
  public static int count(int[] group) {
    int m = 0;
    for (int g : group) {
      m = Math.max(m, g + 1);
    }
    return m;
  }

  /**
   * The first row of every group.
   *
   * @param group the groups, numbered in the order of their first row
   * @param groups their number
   * @return {@code first[g]}, the smallest row of group {@code g}
   */
  public static int[] firstRows(int[] group, int groups) {
    int[] first = new int[groups];
    Arrays.fill(first, -1);
    for (int i = 0; i < group.length; i++) {
      if (first[group[i]] < 0) {
        first[group[i]] = i;
      }
    }
    return first;
  }

  private static boolean sameBits(double[] x, int a, int b, int d) {
    for (int t = 0; t < d; t++) {
      if (Double.doubleToRawLongBits(x[a + t]) != Double.doubleToRawLongBits(x[b + t])) {
        return false;
      }
    }
    return true;
  }
}
