package io.github.clusterkit.examples.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The mixture's failures reach the command line without advice in library calls. */
class MixtureMessageTest {

  @Test
  void theInitAdviceBecomesFewerSegments() {
    assertEquals("the Gaussian mixture starts from a K-Means fit, which failed: k must be <= 3, got 5; choose"
        + " fewer segments (--k)",
        Segmenter.mixtureMessage("init KMEANS failed: k must be <= 3, got 5; use init(GmmInit.RANDOM) or fewer"
            + " components"));
    assertEquals("other", Segmenter.mixtureMessage("other"));
    assertEquals(null, Segmenter.mixtureMessage(null));
  }
}
