package io.github.clusterkit.kmedoids;

/**
 * The refinement {@link KMedoids} runs from its initial medoids. All three minimise the same cost, the sum over the
 * rows of the distance to their medoid, and stop in a local optimum of their own kind.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum KMedoidsMethod {

  /**
   * FasterPAM (Schubert and Rousseeuw 2021, "Fast and eager k-medoids clustering: O(k) runtime improvement of the PAM,
   * CLARA, and CLARANS algorithms", Information Systems 101, doi:10.1016/j.is.2021.101804), the default. The rows are
   * visited as swap candidates in row order, cyclically; for each non-medoid candidate the change of the cost is
   * computed for every medoid at once from each row's nearest and second nearest medoid and every medoid's removal
   * loss ({@code O(n)} per candidate instead of PAM's {@code O(k n)}), and the best swap for that candidate is made at
   * once (eagerly) when it lowers the cost. The run ends after {@code n} consecutive positions without a swap (a full
   * cycle), or after {@code maxIterations} full cycles. Ties: the medoid of the smallest change, the smaller label on
   * equal changes. A swap is made only when the change summed directly over the rows (as {@link #PAM} sums it) is
   * negative too: the removal-loss bookkeeping rounds the exact 0 of swapping a medoid for its own duplicate to a few
   * ulps below 0, and accepting those cycles among duplicates. The final medoids admit no single swap that lowers the
   * cost (up to such rounding). Same algorithm as the {@code kmedoids} package's {@code fasterpam} and ELKI's
   * {@code FasterPAM}, but not their visiting order or random choices, so results from the same start can differ.
   */
  FASTER_PAM,

  /**
   * Classic PAM's SWAP phase (Kaufman and Rousseeuw 1990, "Finding Groups in Data", ch. 2,
   * doi:10.1002/9780470316801): every iteration computes the change of the cost of every swap of a medoid with a
   * non-medoid row (the textbook case analysis, each a sum in row order) and makes the single best one if it lowers
   * the cost; the run ends when none does or after {@code maxIterations} iterations. Ties: the smallest change wins,
   * on equal changes the smaller candidate row, then the smaller medoid label. {@code O(n^2)} distances and
   * {@code O(k n^2)} additions per iteration: slower than {@link #FASTER_PAM} for the same quality, kept for results
   * comparable with R's {@code cluster::pam} and ELKI's {@code PAM}.
   */
  PAM,

  /**
   * The alternate (Voronoi iteration) k-medoids of Park and Jun 2009 ("A simple and fast algorithm for K-medoids
   * clustering", Expert Systems with Applications 36(2), doi:10.1016/j.eswa.2008.01.039), scikit-learn-extra's
   * {@code method='alternate'}: assign every row to its nearest medoid, then make each cluster's medoid the member with
   * the smallest sum of distances to the cluster's members (ties to the smaller row; the medoid changes only if
   * strictly better; a row that is another cluster's medoid is never taken); repeat until no medoid changes or for
   * {@code maxIterations} iterations. Cheap per iteration ({@code sum |C_j|^2} distances) but stops in worse local
   * optima than the swap methods: a cluster's medoid never moves to another cluster's region.
   */
  ALTERNATE
}
