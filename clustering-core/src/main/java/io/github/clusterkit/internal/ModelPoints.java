package io.github.clusterkit.internal;

/**
 * The check of a point given to a fitted model ({@code DbscanModel}, {@code HdbscanModel}): not null, the training
 * data's dimension, every value finite, with messages that name the argument, the rule and the value. Not API.
 */
public final class ModelPoints {

  private ModelPoints() {}

  /**
   * @param point the point (not modified)
   * @param d the training data's dimension
   * @param name the argument's name in the messages
   * @throws IllegalArgumentException if the point is null, of another length, or has a value that is not finite
   */
  public static void check(double[] point, int d, String name) {
    if (point == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (point.length != d) {
      throw new IllegalArgumentException(
          name + " must have dimension " + d + " (the training data's), got " + point.length);
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(point[j])) {
        throw new IllegalArgumentException(name + " must be finite, got " + point[j] + " at index " + j);
      }
    }
  }
}
