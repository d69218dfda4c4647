package io.github.clusterkit.outlier;

import io.github.clusterkit.data.Dataset;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A fitted outlier detector: a score per training row and for any new point, higher for more unusual ones, and a
 * threshold above which a row or point is an outlier. {@link LofModel} (Local Outlier Factor) and
 * {@link IsolationForestModel} implement it, so code that flags outliers (a report, a scoring service) can take either.
 *
 * <p>The scales differ: a LOF is about 1 inside a cluster of any density and grows without bound; an isolation score
 * lies in {@code (0, 1]}, about 0.5 or below for ordinary rows. Compare scores of one model, or the flags.
 *
 * <p>The threshold is fixed at fit time: by the detector's "auto" rule, or so that the given contamination share of
 * the training rows lies above it (scikit-learn's {@code offset_}, negated). A row is an outlier when its score is
 * strictly above the threshold, as scikit-learn's {@code predict(X) == -1}.
 *
 * <p><b>Thread-safety.</b> Implementations are immutable and safe to query from several threads.
 */
public interface OutlierModel {

  /** @return the number of columns of the training rows and of the points scored */
  int dimension();

  /** @return the names of the columns the model was fitted on (placeholders {@code x0 ..} if none were given) */
  List<String> columnNames();

  /** @return the contamination share the threshold was set from; empty for the detector's "auto" threshold */
  OptionalDouble contamination();

  /** @return the score above which a row or point is an outlier (scikit-learn's {@code -offset_}) */
  double threshold();

  /**
   * @return a copy of the training rows' scores, in row order
   * @throws IllegalStateException if the model holds none (an {@link IsolationForestModel} built from a state
   *     without them)
   */
  double[] scores();

  /**
   * @return the indices of the training rows whose score is above {@link #threshold()}, ascending (a new array)
   * @throws IllegalStateException as {@link #scores()}
   */
  int[] outliers();

  /**
   * @param point a point of {@link #dimension()} finite values (not modified)
   * @return its score
   * @throws IllegalArgumentException if the point is null, of another length or not finite
   */
  double score(double[] point);

  /**
   * @param data rows of {@link #dimension()} columns (named as the model's columns when both have names)
   * @return the score of every row, as {@link #score(double[])}
   * @throws IllegalArgumentException if {@code data} is null, of another dimension or has other column names
   */
  double[] score(Dataset data);

  /**
   * @param point a point of {@link #dimension()} finite values (not modified)
   * @return whether its score is above {@link #threshold()}
   * @throws IllegalArgumentException as {@link #score(double[])}
   */
  default boolean isOutlier(double[] point) {
    return score(point) > threshold();
  }

  /**
   * @param data rows of {@link #dimension()} columns
   * @return for every row, whether its score is above {@link #threshold()} (scikit-learn's {@code predict == -1})
   * @throws IllegalArgumentException as {@link #score(Dataset)}
   */
  default boolean[] isOutlier(Dataset data) {
    double[] s = score(data);
    double t = threshold();
    boolean[] out = new boolean[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i] > t;
    }
    return out;
  }
}
