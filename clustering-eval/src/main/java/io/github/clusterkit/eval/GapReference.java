package io.github.clusterkit.eval;

/**
 * The null reference distribution of {@link GapStatistic}: where its uniform reference sets are drawn. These are the
 * two choices of Tibshirani, Walther and Hastie (2001, section 3, doi:10.1111/1467-9868.00293), R's
 * {@code clusGap(spaceH0 = "original" | "scaledPCA")}.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum GapReference {
  /**
   * Uniform over the data's bounding box: each column independently uniform between its minimum and maximum (the
   * paper's option (a), R's {@code spaceH0 = "original"}). Simple; ignores the shape of the data, so elongated,
   * correlated data get a box much larger than the point cloud.
   */
  BOUNDING_BOX,
  /**
   * Uniform over the box aligned with the data's principal components (the paper's option (b), which it recommends
   * for taking the shape of the data into account; R's {@code spaceH0 = "scaledPCA"}, the default of
   * {@code clusGap}): the data are centred and rotated onto their right singular vectors {@code V}, each rotated
   * column is drawn uniformly between its minimum and maximum, and the draws are rotated back ({@code Z V^T}) and the
   * mean added. {@code min(n, d)} components; the signs of {@code V} are fixed as
   * {@link io.github.clusterkit.pca.Pca.Signs#COMPONENTS} does (they change which points are drawn, not their
   * distribution).
   */
  PRINCIPAL_COMPONENTS
}
