package io.github.clusterkit.internal;

import io.github.clusterkit.data.Dataset;
import java.util.function.Function;

/**
 * Gives clusterkit's own algorithms read access to a {@link Dataset}'s backing array without a copy.
 * Not API: the array must never be modified or handed to a caller.
 */
public final class DataAccess {

  private static volatile Function<Dataset, double[]> accessor;

  private DataAccess() {}

  /**
   * Called once by {@code Dataset}'s static initialiser.
   *
   * @param f the accessor
   */
  public static void install(Function<Dataset, double[]> f) {
    if (accessor != null) {
      throw new IllegalStateException("DataAccess already installed");
    }
    accessor = f;
  }

  /**
   * @param ds a dataset
   * @return its backing row-major array (read only!)
   */
  public static double[] values(Dataset ds) {
    return accessor.apply(ds);
  }
}
