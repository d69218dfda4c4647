package io.github.clusterkit.dbscan;

/** DBSCAN's property-test data for the tests of other packages (HDBSCAN*, whose levels are DBSCAN*). */
public final class DbscanPropertiesTestAccess {

  private DbscanPropertiesTestAccess() {}

  /**
   * @param seed the seed
   * @param n rows
   * @param d columns
   * @return {@link DbscanPropertiesTest#data(long, int, int)}
   */
  public static double[][] data(long seed, int n, int d) {
    return DbscanPropertiesTest.data(seed, n, d);
  }
}
