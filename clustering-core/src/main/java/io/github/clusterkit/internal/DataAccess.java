package io.github.clusterkit.internal;

import io.github.clusterkit.data.Dataset;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Gives clusterkit's own algorithms read access to a {@link Dataset}'s backing array without a copy.
 * Not API: the array must never be modified or handed to a caller.
 */
public final class DataAccess {

  private static volatile Function<Dataset, double[]> accessor;
  private static volatile ToDoubleFunction<Dataset> maxAbs;

  private DataAccess() {}

  /**
   * Called once by {@code Dataset}'s static initialiser.
   *
   * @param f the accessor of the backing array
   * @param m the accessor of the largest absolute value
   */
  public static void install(Function<Dataset, double[]> f, ToDoubleFunction<Dataset> m) {
    if (accessor != null) {
      throw new IllegalStateException("DataAccess already installed");
    }
    maxAbs = m;
    accessor = f;
  }

  /**
   * @param ds a dataset
   * @return its backing row-major array (read only!)
   */
  public static double[] values(Dataset ds) {
    return accessor.apply(ds);
  }

  /**
   * @param ds a dataset
   * @return its largest absolute value (computed once per dataset)
   */
  public static double maxAbs(Dataset ds) {
    return maxAbs.applyAsDouble(ds);
  }
}
