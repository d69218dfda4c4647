package io.github.clusterkit.kmeans;

/**
 * The iteration kernel of {@link KMeans}. All variants are exact: from the same initial centroids they give
 * bit-identical labels, centroids, inertia and iteration counts (tested); they differ only in speed and
 * memory.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum KMeansAlgorithm {

  /**
   * Chooses by dimension and number of clusters: {@link #ELKAN} when its {@code n * k} lower bounds take at most
   * 256 MiB and either {@code 512 <= d <= 1024} and {@code k >= 50}, or {@code d > 1024} and {@code k >= 20};
   * {@link #HAMERLY} otherwise. Up to 1024 columns Hamerly's first pass and its rescans compute distances by blocks
   * of columns, vectorised over the rows, which Elkan's per-centroid bounds allow in its first pass only. Where the
   * benchmark's blobs (where Elkan's bounds shine) and standard Gaussian rows (no cluster structure, the hard case for
   * bounds) disagree, the rule keeps Hamerly unless Elkan's lead on the blobs is the larger.
   *
   * <p>Where the rule picks Hamerly with fewer than 16 clusters, each run then looks at its data once: after Hamerly's
   * first bounded pass (the second pass), it goes on with Elkan when {@code d >= 16}, the {@code n * k} lower bounds
   * take at most 256 MiB, the pass had to compare at least four fifths of the rows with every centroid again (half of
   * them from 64 columns), and, in an even sample of 1024 rows, for at least half the pairs of a row and another
   * centroid, the two centroids are at least twice the row's distance to its own apart (Elkan's test then skips that
   * centroid). That is data with cluster
   * structure and several centroids to a cluster: Hamerly's single lower bound (the second nearest centroid, near)
   * settles few rows, while Elkan's bound per centroid rules out the far ones. The switch costs one pass that computes
   * every distance; the fit is the same bit for bit, and {@link KMeansModel#algorithm()} reports {@link #ELKAN} when
   * the kept run switched. Measured single-threaded (throwaway one-JVM harness, medians of 5 fits of 20 iterations from
   * the same centroids, those of a one-iteration greedy k-means++ fit, seed 42), AUTO / Hamerly / Elkan in ms, the
   * benchmark's blobs (10 blobs, 5% noise): 10^5 rows, d = 16, k = 30: 130 / 147 / 127; d = 20, k = 50: 191 / 241 /
   * 194; d = 50, k = 50: 319 / 474 / 305; d = 50, k = 100: 501 / 773 / 491; d = 100, k = 30: 359 / 522 / 346; 5*10^4
   * rows, d = 384, k = 50: 663 / 1545 / 611; 2.5*10^4 rows, d = 768, k = 50: 405 / 1070 / 410. No switch, as it should
   * not: blobs at d = 20, k = 20 (Hamerly rescanned 68% of the rows, then fewer; 85 / 86 / 107), d = 50, k = 20 (45%;
   * 151 / 148 / 167), k = 10 (about 1%); standard Gaussian rows (the sample finds no far centroid: 5*10^4 rows, d =
   * 50, k = 100: 332 / 334 / 542; d = 128, k = 50: 438 / 460 / 845; 10^5 rows, d = 20, k = 50: 171 / 166 / 309).
   * These figures predate the bounded passes' taking blocks whose rows are nearly all open whole, which made Hamerly
   * faster where most rows stay open; measured again after it (same harness): blobs at d = 16, k = 30: 125 / 129 /
   * 125; d = 20, k = 50: 192 / 217 / 193; d = 50, k = 50: 307 / 457 / 302; d = 100, k = 20: 268 / 306 / 257; d = 384,
   * k = 50: 667 / 1459 / 623; no switch at d = 20 and 50 with k = 20 (84 / 85 / 108, 141 / 140 / 166). From 16
   * clusters there is no switch any more: Hamerly's rescans now compare a row only with the centroids near its own
   * (see {@link #HAMERLY}), which serve such data at least as well as Elkan's bounds. Same harness, Hamerly with those
   * rescans / Elkan, medians of 3 to 5, ms: 10^5 rows, d = 20, k = 50: 163 / 213; k = 100: 244 / 375; d = 50, k = 50:
   * 286 / 312; k = 100: 399 / 520; d = 100, k = 30: 384 / 411; k = 50: 461 / 527; 5*10^4 rows, d = 200, k = 50: 403 /
   * 422; d = 384, k = 50: 704 / 688 (p10 681 / 681).
   *
   * <p>Where the rule picks Elkan with {@code d <= 768} (so from 512 to 768 columns with at least 50 clusters), each
   * run looks the other way after Elkan's first pass: when fewer than half the sampled pairs of a row and another
   * centroid are that far apart (no cluster structure for Elkan's bounds to use), it goes on with Hamerly, and {@link
   * KMeansModel#algorithm()} reports {@link #HAMERLY}. Same harness, AUTO / Hamerly / Elkan in ms: standard Gaussian
   * rows, 2*10^4 x 512, k = 50: 761 / 733 / 1416; k = 100: 1346 / 1284 / 1995; 1.3*10^4 x 768, k = 50: 824 / 783 /
   * 1135; k = 100: 989 / 1027 / 1187; the benchmark's blobs keep Elkan (2*10^4 x 512, k = 50: 172 / 488 / 174; k = 100:
   * 310 / 1222 / 293; 1.3*10^4 x 768, k = 100: 195 / 459 / 190). Not beyond 768 columns: at 1024 columns and 100
   * clusters Elkan was the faster on Gaussian rows too (10^4 rows: 798 against Hamerly's 1495 ms).
   *
   * <p>Measured
   * single-threaded (throwaway one-JVM harnesses), Elkan's time over Hamerly's; the earlier items describe the
   * kernels of their day and the rules they led to, the last one the rule now:
   *
   * <ul>
   *   <li>Up to 64 columns, medians of 5 fits of 25 iterations from the same centroids (those of a one-iteration greedy
   *       k-means++ fit, seed 42). 5*10^4 standard Gaussian rows (no cluster structure, the hard case for bounds):
   *       Elkan slower for d = 10 to 64, 1.2x to 2.2x (k = 20 and 50: 1.36x / 1.23x at d = 20, 1.78x / 1.87x at d = 35,
   *       1.53x / 1.71x at d = 50, 1.43x / 1.66x at d = 64). 10^5 rows of the benchmark's 10 blobs ({@code
   *       Generators.blobs}, 5% noise): Elkan slower at k = 10 for every d (1.5x to 4.2x) and at k = 20 up to d = 50
   *       (1.3x to 2.0x; equal at d = 64), faster at k = 50 from d = 20 (0.64x, 0.96x, 0.87x, 0.78x at d = 20, 35, 50,
   *       64; 1.39x slower at d = 10). Where the two data disagree the rule keeps Hamerly, whose lead on unstructured
   *       data is the larger.
   *   <li>From 65 to 256 columns, medians of 7 fits of greedy k-means++ and 20 iterations (tolerance 0, seed 42). Blobs
   *       at {@code n * d = 10^7}: k = 10 1.90x, 1.58x, 1.57x, 1.42x, 1.17x at d = 65, 100, 128, 200, 256; k = 20
   *       1.12x, 1.00x, 0.97x, 0.83x, 1.07x; k = 30 0.76x at d = 100 and 0.72x at d = 200; k = 50 0.80x, 0.68x, 0.63x,
   *       0.53x at d = 100, 128, 200, 256. Standard Gaussian rows (5*10^4) at d = 80, 100 and 200: Elkan slower for
   *       every k from 10 to 50, 1.21x to 1.46x. Where they disagree (k >= 30) Elkan's lead on blobs is the larger from
   *       d = 128 (1.4x to 1.9x against about 1.2x to 1.3x), hence the rule then (128 columns; see the last item for
   *       the bound now).
   *   <li>Beyond 1024 columns both go row by row (measured when that was beyond 256 columns, as it was from 65 columns
   *       before the blocks reached 256): standard Gaussian rows at d = 80 and 100, Elkan 0.73x / 0.62x / 0.53x and
   *       0.71x / 0.62x / 0.55x for k = 10 / 20 / 50; blobs at k >= 20 and d = 80 and 100, 0.21x to 0.54x; blobs at d =
   *       500, k = 20, 0.74x.
   *   <li>Measured again once Elkan's first pass went by blocks of columns too, with blocks of 64 KiB (Elkan's time
   *       over Hamerly's, medians of 5 fits of greedy k-means++ and 20 iterations, seed 42). Blobs (10^5 rows up to d =
   *       64, {@code n d = 10^7} beyond), k = 20 / 50 / 100: 1.32x / 0.98x / 0.99x at d = 10, 1.48x / 0.90x / 1.06x at
   *       d = 20, 1.21x / 0.83x / 0.86x at d = 35, 1.07x / 0.81x / 0.81x at d = 50, 0.89x / 0.71x / 0.74x at d = 64,
   *       0.85x / 0.62x / 0.56x at d = 128; k = 30 / 50 / 100: 0.73x / 0.70x / 0.65x at d = 80, 0.63x / 0.58x / 0.60x
   *       at d = 100, 0.67x / 0.62x / 0.60x at d = 115 (k = 20 at d = 100: 0.90x). Standard Gaussian rows (5*10^4):
   *       Elkan slower everywhere, 1.16x to 1.76x; k = 20 / 50 / 100: 1.46x / 1.40x / 1.41x at d = 50, 1.30x / 1.40x /
   *       1.54x at d = 64, 1.34x / 1.28x / 1.24x at d = 128, 1.31x at d = 100 and k = 20; k = 30 / 50 / 100: 1.21x /
   *       1.33x / 1.25x at d = 80, 1.28x / 1.48x / 1.41x at d = 100, 1.34x / 1.32x / 1.21x at d = 115. From 80 columns
   *       and 30 clusters Elkan's lead on blobs (1.4x to 1.7x) was then the larger, so the bound moved from 128 to 80
   *       columns; at d = 64 it is not (k = 50: 1.41x against 1.40x; k = 100: 1.35x against 1.54x), nor at k = 20 (d =
   *       100: 1.11x against 1.31x).
   *   <li>Once the blocks reached 1024 columns, with blocks of 512 KiB from 65 columns, which made Hamerly faster still
   *       (medians of 5 fits as above; blobs at {@code n d = 10^7} up to d = 256 and {@code 1.92 * 10^7} beyond,
   *       standard Gaussian rows 5*10^4 up to d = 256 and 20000 beyond). Blobs at k = 30 / 50 / 100: 0.84x / 0.74x /
   *       0.76x at d = 80, 0.82x / 0.77x / 0.70x at d = 128, 0.80x / 0.69x / 0.68x at d = 200, 0.85x / 0.70x / 0.63x at
   *       d = 256, 0.67x / 0.63x at d = 384 (k = 30 / 50), 0.73x / 0.56x at d = 768; k = 50 / 100: 0.58x / 0.51x at d =
   *       512, 0.59x / 0.88x at d = 1024. Gaussian rows, the same: 1.50x / 1.62x / 1.59x, 1.65x / 1.70x / 1.69x, 1.68x
   *       / 1.68x / 1.78x, 1.69x / 1.81x / 1.73x, 1.66x / 1.73x, 1.57x / 1.45x; 1.56x / 1.27x at d = 512, 1.11x / 0.90x
   *       at d = 1024. Up to 384 columns Hamerly's lead on Gaussian rows is now the larger everywhere (so Elkan no
   *       longer wins from 80 or 128 columns, as in the items above); from 512 columns and 50 clusters Elkan's is (1.7x
   *       to 2.0x against 1.1x to 1.6x, and at d = 1024, k = 100 Elkan is the faster on both), at 30 clusters it is not
   *       (d = 768: 1.38x against 1.57x).
   * </ul>
   */
  AUTO,

  /**
   * Lloyd's algorithm (Lloyd 1982, doi:10.1109/TIT.1982.1056489): every row is compared with every centroid
   * in every iteration; {@code O(n k d)} per iteration, no extra memory per row. With {@code 3 <= d <= 1024} and
   * {@code k <= 1024} the distances are computed by blocks of rows held by columns (vectorised over the rows; see the
   * memory note of {@link KMeans}), the same values in the same order as row by row.
   */
  LLOYD,

  /**
   * Hamerly's algorithm (Hamerly 2010, "Making k-means even faster", SIAM SDM,
   * doi:10.1137/1.9781611972801.12): one upper and one lower distance bound per row skip most distance
   * computations. The bounds are kept relative to per-cluster sums of the centroid shifts, so an iteration
   * does not rewrite them; with each row's due value (the drift at which its bounds may stop proving its
   * label), an iteration looks only at the rows that are due. 12 extra bytes a row (two float bounds and a
   * float due value). Fastest in low dimension.
   *
   * <p>From 16 to 1024 clusters (and up to 1024 columns) a row the bounds cannot settle is compared only with its own
   * centroid {@code a} and the centroids whose distance from {@code a} is at most twice the row's distance to {@code
   * a} (Elkan 2003, Lemma 1: the others are farther from the row than {@code a}), found in a per-centroid list of the
   * other centroids by distance (made each iteration: {@code 8 k (k - 1)} bytes, at most 8 MiB); its new lower bound
   * also covers the centroids left out. This is the ball of Exponion (Newling and Fleuret 2016, "Fast k-means with
   * accurate bounds", ICML, PMLR 48:936-944), around the row's centroid rather than by annuli. It pays where a cluster
   * holds several centroids, as when k exceeds the number of natural groups: throwaway one-JVM harness, one thread,
   * 20 iterations from the centroids of a one-iteration greedy k-means++ fit (seed 42), the benchmark's blobs (10
   * blobs, 5% noise), before / after, medians, ms: 10^5 x 10, k = 100 318 to 326 / 190 to 199 (Lloyd 285); 10^5 x 20,
   * k = 100 418 / 240; 10^5 x 50, k = 100 801 / 387 to 396; 5*10^4 x 384, k = 50 1352 / 673. A row whose ball holds
   * more than a quarter of the other centroids (as on rows without cluster structure) is compared with every centroid
   * as before, and where most rows' balls are that wide the balls rest for a few passes: standard Gaussian rows, 10^5 x
   * 10 and 10^5 x 50, k = 100, 200 to 205 / 203 to 207 and 674 to 677 / 692 to 698 (within about 3%).
   */
  HAMERLY,

  /**
   * Elkan's algorithm (Elkan 2003, "Using the triangle inequality to accelerate k-means", ICML): one upper
   * bound and {@code k} lower bounds per row plus all centroid-to-centroid distances; {@code n (k + 1)} extra
   * doubles. Skips the most distance computations, which pays in higher dimension. Its first pass, which computes
   * every distance, goes by blocks of columns as Lloyd's passes do ({@code 3 <= d <= 1024}, {@code k <= 1024}); the
   * later ones go row by row.
   */
  ELKAN
}
