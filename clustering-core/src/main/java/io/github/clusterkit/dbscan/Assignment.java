package io.github.clusterkit.dbscan;

/**
 * How a fitted {@link DbscanModel} places one point: its cluster label, its kind and its distance to the
 * nearest core point of the training data. Immutable; safe to share between threads.
 */
public final class Assignment {

  /** What a point would be relative to the training data. */
  public enum Kind {
    /**
     * The point would be a core point of an existing cluster if added to the training data: at least one core
     * point lies within eps, and either the point coincides with a core point or at least {@code minPts - 1}
     * core points lie within eps. (A sufficient test: the model keeps only the core points, so a point whose
     * neighbourhood is completed by border or noise points is reported as {@link #BORDER}.)
     */
    CORE_LIKE,
    /** Within eps of a core point but not {@link #CORE_LIKE}. */
    BORDER,
    /**
     * No core point within eps. This holds even with {@code minPts = 1}, where such a point, added to the
     * training data, would be a core point of a new cluster of its own: no cluster of the model takes it.
     */
    NOISE
  }

  private final int label;
  private final Kind kind;
  private final double distance;

  Assignment(int label, Kind kind, double distance) {
    this.label = label;
    this.kind = kind;
    this.distance = distance;
  }

  /**
   * @return the cluster label ({@link DbscanModel#predict(double[])}'s, which follows the model's
   *     {@link Dbscan.LabelRule}), or {@code -1} for noise (and, under DBSCAN*, for {@link Kind#BORDER})
   */
  public int label() {
    return label;
  }

  /** @return the kind of the point */
  public Kind kind() {
    return kind;
  }

  /**
   * @return the distance to the nearest core point, also when it exceeds eps (an outlier score);
   *     {@link Double#POSITIVE_INFINITY} when the model has no core point
   */
  public double distance() {
    return distance;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Assignment)) {
      return false;
    }
    Assignment a = (Assignment) o;
    return label == a.label && kind == a.kind && Double.compare(distance, a.distance) == 0;
  }

  @Override
  public int hashCode() {
    return (label * 31 + kind.hashCode()) * 31 + Double.hashCode(distance);
  }

  @Override
  public String toString() {
    return "Assignment[label=" + label + ", kind=" + kind + ", distance=" + distance + "]";
  }
}
