package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.ClusterPipelineModel;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansAlgorithm;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules of {@link ModelFiles} and its codecs that the mutation audit of {@code clustering-io} found unpinned: each test
 * fails under a PIT mutant that survived the other tests (named in its comment). Expected values follow the Javadoc
 * of {@link ModelFiles} (the size limit) and the messages' documented form (a value of at most 40 characters quoted
 * whole, a longer one cut to 37 and "...", as {@code ModelFilesKindsTest} pins for the enum fields).
 */
class ModelFilesMutationGapTest {

  @Test
  void aModelKindInsideAClusterPipelineIsQuotedWholeUpToFortyCharacters() {
    // Mutant: ClusterPipelineCodec.read's kind.length() > 40 made >= 40, which cut a kind of exactly 40 characters.
    Table t = Table.builder().numeric("x", new double[] {0, 1, 10, 11}).build();
    PipelineModel prep = Pipeline.of(new StandardScaler()).fit(t);
    ClusterPipelineModel p = ClusterPipelineModel.of(prep, KMeans.k(2).seed(1).fit(prep.transform(t)));
    String forty = "k".repeat(40);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(
        ModelFilesKindsTest.edit(p, d -> ((ObjectNode) d.get("state").get("model")).put("kind", forty)),
        ClusterPipelineModel.class));
    assertEquals("invalid model file at state.model.kind: expected one of [kmeans, dbscan, gmm, hdbscan, kmedoids,"
        + " bisectingKMeans, birch],"
        + " got \"" + forty + "\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(
        ModelFilesKindsTest.edit(p, d -> ((ObjectNode) d.get("state").get("model")).put("kind", forty + "k")),
        ClusterPipelineModel.class));
    assertEquals("invalid model file at state.model.kind: expected one of [kmeans, dbscan, gmm, hdbscan, kmedoids,"
        + " bisectingKMeans, birch],"
        + " got \"" + "k".repeat(37) + "...\"", e.getMessage());
  }

  /** A K-Means model of one centroid at 0 and one training row, over {@code d} columns with long names. */
  private static KMeansModel longNames(int d, int length, int extra) {
    List<String> names = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      String prefix = String.format("%03d", j);
      names.add(prefix + "n".repeat(length - prefix.length() + (j == d - 1 ? extra : 0)));
    }
    return KMeansModel.fromState(new KMeansModel.State(d, names, new double[d], new int[] {0}, 0, 1, true,
        KMeansAlgorithm.LLOYD));
  }

  private static byte[] bytes(Object model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelFiles.write(model, out);
    return out.toByteArray();
  }

  @Test
  void aDocumentOfExactlyTheLimitIsSavedAndLoads() throws IOException {
    // Mutant: toBytes' bytes.length > MAX_FILE_BYTES made >=, which refused to save a document that loading accepts
    // (the Javadoc: load accepts "at most MAX_FILE_BYTES", and saving refuses only what loading would). The column
    // names (written once each, ASCII, no escapes) set the document's length byte by byte: 68 names of 986,000
    // characters give a document just below 64 MiB, and the last name takes up the difference. Each name stays below
    // the loader's limit of 2^20 characters per string.
    long max = ModelFiles.MAX_FILE_BYTES;
    int d = 68;
    int length = 986_000;
    long below = bytes(longNames(d, length, 0)).length;
    int missing = (int) (max - below);
    assertTrue(missing > 0 && length + missing < 1 << 20, "the names can make up " + missing + " bytes");
    KMeansModel atLimit = longNames(d, length, missing);
    byte[] doc = bytes(atLimit);
    assertEquals(max, doc.length);
    KMeansModel back = ModelFiles.read(new ByteArrayInputStream(doc), KMeansModel.class);
    assertEquals(atLimit.columnNames(), back.columnNames());
    // One byte more is refused when saving, with the size it would have had.
    KMeansModel over = longNames(d, length, missing + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bytes(over));
    assertEquals("the kmeans model document would have 67108865 bytes, more than the limit of 67108864 that loading"
        + " accepts (training labels are stored, with DBSCAN's core points and HDBSCAN's training rows; see"
        + " ModelFiles)", e.getMessage());
  }
}
