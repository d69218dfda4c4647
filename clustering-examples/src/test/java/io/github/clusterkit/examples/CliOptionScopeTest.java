package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An option that the chosen algorithm does not use is refused, naming the option and the algorithm: before,
 * {@code --outlier-share} with dbscan was silently ignored. {@code --k-max} and {@code --seed} apply to all.
 */
class CliOptionScopeTest {

  @Test
  void optionsOfOtherAlgorithmsAreRefusedNamingBoth() {
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "dbscan", "--outlier-share", "0.05"),
        "error: --outlier-share does not apply to --algorithm dbscan (its outliers are its noise");
    // given with its default value it is still given: the user meant it
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "dbscan", "--outlier-share", "0.01"),
        "--outlier-share does not apply to --algorithm dbscan");
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "dbscan", "--k", "3"),
        "error: --k does not apply to --algorithm dbscan (it finds the number of segments itself");
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "gmm", "--min-pts", "5"),
        "error: --min-pts does not apply to --algorithm gmm (--eps and --min-pts apply to dbscan only; gmm takes"
            + " --k, or the best k of the sweep)");
    CliTest.assertOneLineError(CliRun.of("segment", "--eps", "0.5"),
        "error: --eps does not apply to --algorithm kmeans (--eps and --min-pts apply to dbscan only");
  }

  @Test
  void kMaxAndSeedApplyToDbscanToo(@TempDir Path dir) {
    CliRun r = CliRun.of("segment", "--algorithm", "dbscan", "--k-max", "3", "--seed", "7", "--out",
        dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err, r.toString());
    // the K-Means sweep printed (and charted) for comparison stops at --k-max
    assertTrue(r.out.contains("\n   3 ") && !r.out.contains("\n   4 "), r.out);
    CliRun k = CliRun.of("segment", "--algorithm", "kmeans", "--k", "3", "--outlier-share", "0.02", "--out",
        dir.resolve("k").toString());
    assertEquals(0, k.exit, k.toString());
    assertTrue(k.out.contains("outliers: 20 (farthest from their segment's centroid)"), k.out);
  }

  @Test
  void helpStatesWhichAlgorithmsUseWhichOptions() {
    String help = CliRun.of("segment", "--help").out.replaceAll("\\s+", " ");
    assertTrue(help.contains("--k and --outlier-share are kmeans', gmm's, kmedoids' and bisecting's, --eps and"
        + " --min-pts dbscan's"), help);
    assertTrue(help.contains("dbscan and hdbscan print and chart it for comparison"), help);
    assertTrue(help.contains("--min-cluster-size and --min-samples hdbscan's, --distance kmedoids', --stability"
        + " kmeans', gmm's, kmedoids' and bisecting's, --gap all but kmedoids'; the others apply to all six"), help);
  }
}
