package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.birch.Birch;
import io.github.clusterkit.birch.BirchModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.hdbscan.Hdbscan;
import io.github.clusterkit.hdbscan.HdbscanModel;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.BisectingKMeans;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.BisectingStrategy;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansAlgorithm;
import io.github.clusterkit.kmeans.KMeansInit;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsInit;
import io.github.clusterkit.kmedoids.KMedoidsMethod;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.LocalOutlierFactor;
import io.github.clusterkit.outlier.LofModel;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of the kinds kmeans, dbscan, gmm, pca, hdbscan, kmedoids, bisectingKMeans, birch and lof: exact round
 * trips (every prediction equal, bit for bit), and rejection of broken, unknown-version, modified and re-signed invalid
 * files.
 */
class ModelFilesKindsTest {

  /** The model kinds other than pipeline, in the order of {@link #model(int, long)}. */
  static final List<Class<?>> TYPES = List.of(KMeansModel.class, DbscanModel.class, GaussianMixtureModel.class,
      PcaModel.class, HdbscanModel.class, KMedoidsModel.class, BisectingKMeansModel.class, BirchModel.class,
      LofModel.class);

  /**
   * A random model of the given kind (0 kmeans, 1 dbscan, 2 gmm, 3 pca, 4 hdbscan, 5 kmedoids, 6 bisectingKMeans,
   * 7 birch, 8 lof), fitted on small random data; for an even seed the data's columns have names of their own (which the
   * files keep), for an odd one the defaults.
   */
  static Object model(int kind, long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    int k = 1 + rng.nextInt(4);
    Dataset x = Generators.blobs(15 * k + rng.nextInt(20), d, k, 0.5 + rng.nextDouble(), 0.1, seed).data();
    if ((seed & 1) == 0) {
      List<String> names = new java.util.ArrayList<>();
      for (int j = 0; j < d; j++) {
        names.add("feature " + (char) ('a' + j));
      }
      x = x.withColumnNames(names);
    }
    if (kind == 8) {
      // every metric, contamination auto or a fraction; k up to n - 1
      LocalOutlierFactor l = LocalOutlierFactor.k(1 + rng.nextInt(Math.min(x.size() - 1, 12)))
          .metric(Metric.values()[rng.nextInt(3)]);
      return (rng.nextInt(2) == 0 ? l : l.contamination(0.01 + 0.49 * rng.nextDouble())).fit(x);
    }
    switch (kind) {
      case 0:
        return KMeans.k(k).seed(seed).algorithm(KMeansAlgorithm.values()[rng.nextInt(4)]).fit(x);
      case 1:
        return Dbscan.eps(0.3 + rng.nextDouble()).minPts(1 + rng.nextInt(6))
            .metric(Metric.values()[rng.nextInt(3)]).borderPointsAsNoise(rng.nextInt(3) == 0)
            .search(Dbscan.Search.values()[rng.nextInt(4)]).labelRule(Dbscan.LabelRule.values()[rng.nextInt(2)])
            .fit(x);
      case 2:
        return GaussianMixture.components(k).covariance(CovarianceType.values()[rng.nextInt(4)])
            .maxIterations(rng.nextInt(15)).seed(seed).fit(x);
      case 3:
        return Pca.components(1 + rng.nextInt(d)).whiten(rng.nextInt(2) == 0)
            .solver(rng.nextInt(2) == 0 ? Pca.Solver.SVD : Pca.Solver.COVARIANCE).fit(x);
      case 4: {
        // minSamples set or left to follow minClusterSize (the file stores the number used either way)
        Hdbscan h = Hdbscan.minClusterSize(2 + rng.nextInt(8)).selection(Hdbscan.Selection.values()[rng.nextInt(2)])
            .metric(Metric.values()[rng.nextInt(3)]);
        return (rng.nextInt(2) == 0 ? h.minSamples(1 + rng.nextInt(8)) : h).fit(x);
      }
      case 6:
        // both strategies, every start; maxIterations 1 now and then, so unconverged splits are saved too
        return BisectingKMeans.k(k).seed(seed).strategy(BisectingStrategy.values()[rng.nextInt(2)])
            .init(KMeansInit.values()[rng.nextInt(3)]).restarts(1 + rng.nextInt(2))
            .maxIterations(rng.nextInt(4) == 0 ? 1 : 300).fit(x);
      case 5:
        // every method, metric and initialisation; maxIterations 1 now and then, so unconverged runs are saved too
        return KMedoids.k(k).seed(seed).method(KMedoidsMethod.values()[rng.nextInt(3)])
            .metric(Metric.values()[rng.nextInt(3)]).init(KMedoidsInit.values()[rng.nextInt(3)])
            .maxIterations(rng.nextInt(4) == 0 ? 1 : 100).fit(x);
      default: {
        // with and without the global step; a snapshot of a tree (no training labels) now and then
        Birch b = Birch.threshold(0.2 + rng.nextDouble()).branchingFactor(2 + rng.nextInt(5)).clusters(rng.nextInt(4));
        if (rng.nextInt(3) == 0) {
          return b.tree(x.columnNames()).add(x).model();
        }
        return b.fit(x);
      }
    }
  }

  /** The model's answers on {@code q}, as exact text (doubles by their bits), for equality checks. */
  static String answers(Object model, Dataset q) {
    if (model instanceof KMeansModel) {
      KMeansModel m = (KMeansModel) model;
      StringBuilder sb = new StringBuilder(Arrays.toString(m.predict(q)));
      for (int i = 0; i < q.size(); i++) {
        sb.append(bits(m.transform(q.row(i))));
      }
      return sb.toString();
    }
    if (model instanceof DbscanModel) {
      DbscanModel m = (DbscanModel) model;
      StringBuilder sb = new StringBuilder(Arrays.toString(m.predict(q)));
      for (int i = 0; i < q.size(); i++) {
        sb.append(m.assign(q.row(i))).append(Double.doubleToRawLongBits(m.assign(q.row(i)).distance()));
      }
      return sb.toString();
    }
    if (model instanceof GaussianMixtureModel) {
      GaussianMixtureModel m = (GaussianMixtureModel) model;
      StringBuilder sb = new StringBuilder(Arrays.toString(m.predict(q)));
      sb.append(bits(m.scoreSamples(q)));
      for (double[] p : m.predictProba(q)) {
        sb.append(bits(p));
      }
      return sb.toString();
    }
    if (model instanceof HdbscanModel) {
      HdbscanModel m = (HdbscanModel) model;
      StringBuilder sb = new StringBuilder(Arrays.toString(m.predict(q)));
      for (int i = 0; i < q.size(); i++) {
        HdbscanModel.Membership a = m.membership(q.row(i));
        sb.append(a).append(Double.doubleToRawLongBits(a.probability()))
            .append(Double.doubleToRawLongBits(a.outlierScore()));
      }
      // and what the model reports of its training rows
      return sb.append(Arrays.toString(m.labels())).append(bits(m.probabilities())).append(bits(m.outlierScores()))
          .append(bits(m.coreDistances())).toString();
    }
    if (model instanceof KMedoidsModel) {
      KMedoidsModel m = (KMedoidsModel) model;
      StringBuilder sb = new StringBuilder(Arrays.toString(m.predict(q)));
      for (int i = 0; i < q.size(); i++) {
        sb.append(bits(m.transform(q.row(i))));
      }
      // and what the model reports of its training rows
      return sb.append(Arrays.toString(m.labels())).append(Arrays.toString(m.medoidIndices()))
          .append(Arrays.toString(m.clusterSizes())).append(Double.doubleToRawLongBits(m.cost())).toString();
    }
    if (model instanceof BisectingKMeansModel) {
      BisectingKMeansModel m = (BisectingKMeansModel) model;
      StringBuilder sb = new StringBuilder(Arrays.toString(m.predict(q)));
      for (int level = 1; level <= m.k(); level++) {
        for (int i = 0; i < q.size(); i++) {
          sb.append(m.predictAt(q.row(i), level)).append(',');
        }
        sb.append(Arrays.toString(m.labelsAt(level))).append(Double.doubleToRawLongBits(m.inertiaAt(level)));
      }
      return sb.append(Arrays.toString(m.clusterSizes())).toString();
    }
    if (model instanceof LofModel) {
      LofModel m = (LofModel) model;
      return bits(m.score(q)) + Arrays.toString(m.outliers()) + bits(m.scores()) + m.threshold();
    }
    if (model instanceof BirchModel) {
      BirchModel m = (BirchModel) model;
      StringBuilder sb = new StringBuilder(Arrays.toString(m.predict(q)));
      for (int i = 0; i < q.size(); i++) {
        sb.append(m.nearestSubcluster(q.row(i)));
      }
      return sb.append(m.hasLabels() ? Arrays.toString(m.labels()) : "-").append(bits(m.subclusterRadii()))
          .toString();
    }
    PcaModel m = (PcaModel) model;
    Dataset z = m.transform(q);
    return bits(z.toArray()) + bits(m.inverseTransform(z).toArray()) + m.inverseTransform(z).columnNames();
  }

  private static String bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return Arrays.toString(b);
  }

  static Object state(Object model) {
    if (model instanceof KMeansModel) {
      return ((KMeansModel) model).state();
    }
    if (model instanceof DbscanModel) {
      return ((DbscanModel) model).state();
    }
    if (model instanceof GaussianMixtureModel) {
      return ((GaussianMixtureModel) model).state();
    }
    if (model instanceof HdbscanModel) {
      return ((HdbscanModel) model).state();
    }
    if (model instanceof KMedoidsModel) {
      return ((KMedoidsModel) model).state();
    }
    if (model instanceof BisectingKMeansModel) {
      return ((BisectingKMeansModel) model).state();
    }
    if (model instanceof BirchModel) {
      return ((BirchModel) model).state();
    }
    if (model instanceof LofModel) {
      return ((LofModel) model).state();
    }
    return ((PcaModel) model).state();
  }

  static int dimension(Object model) {
    if (model instanceof KMeansModel) {
      return ((KMeansModel) model).dimension();
    }
    if (model instanceof DbscanModel) {
      return ((DbscanModel) model).dimension();
    }
    if (model instanceof GaussianMixtureModel) {
      return ((GaussianMixtureModel) model).dimension();
    }
    if (model instanceof HdbscanModel) {
      return ((HdbscanModel) model).dimension();
    }
    if (model instanceof KMedoidsModel) {
      return ((KMedoidsModel) model).dimension();
    }
    if (model instanceof BisectingKMeansModel) {
      return ((BisectingKMeansModel) model).dimension();
    }
    if (model instanceof BirchModel) {
      return ((BirchModel) model).dimension();
    }
    if (model instanceof LofModel) {
      return ((LofModel) model).dimension();
    }
    return ((PcaModel) model).dimension();
  }

  /** A saved and reloaded model of every kind has the same state and answers exactly as the original. */
  @Property(tries = 144, edgeCases = EdgeCasesMode.NONE)
  void roundTripPredictsExactly(@ForAll long seed, @ForAll @IntRange(min = 0, max = 8) int kind) {
    Object m = model(kind, seed);
    String json = ModelFiles.toJson(m);
    Object back = ModelFiles.fromJson(json, TYPES.get(kind));
    assertEquals(m.getClass(), back.getClass());
    assertEquals(state(m), state(back));
    if (m instanceof HdbscanModel) {
      // its configuration's toString says whether minSamples followed minClusterSize, which the state does not keep
      assertEquals(m, back);
    } else {
      assertEquals(m.toString(), back.toString());
    }
    Dataset q = Generators.blobs(20, dimension(m), 3, 2, 0.3, seed + 1).data();
    assertEquals(answers(m, q), answers(back, q));
    // Saving the reloaded model gives the same document.
    assertEquals(json, ModelFiles.toJson(back));
  }

  @Test
  void filesAndStreams(@TempDir Path dir) throws IOException {
    for (int kind = 0; kind < TYPES.size(); kind++) {
      Object m = model(kind, 42 + kind);
      Path f = dir.resolve("model" + kind + ".json");
      ModelFiles.save(m, f);
      Object back = ModelFiles.load(f, TYPES.get(kind));
      assertEquals(state(m), state(back));
      assertEquals(state(m), state(ModelFiles.load(f, Object.class)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ModelFiles.write(m, out);
      assertEquals(state(m), state(ModelFiles.read(new ByteArrayInputStream(out.toByteArray()),
          TYPES.get(kind))));
      String text = Files.readString(f);
      assertTrue(text.contains("\"kind\" : \"" + ModelFiles.kinds().get(kind + 1) + "\""), text);
    }
    assertEquals(List.of("pipeline", "kmeans", "dbscan", "gmm", "pca", "hdbscan", "kmedoids", "bisectingKMeans",
        "birch", "lof", "isolationForest", "clusterPipeline", "outlierPipeline"), ModelFiles.kinds());
  }

  /**
   * A K-Means model of data near 1e200 (fitted after the exact power-of-two scaling of KMeans) has an infinite
   * inertia, its true value being about 1e399: JSON has no infinity, so it is written as the string "Infinity" and
   * read back as such, the centroids and predictions unchanged.
   */
  @Test
  void infiniteInertiaRoundTrips() {
    KMeansModel m = KMeans.k(2).seed(1).fit(Dataset.of(new double[][] {{1e200, 0}, {1.5e200, 0}, {-1e200, 0},
        {-1.5e200, 0}}));
    assertEquals(Double.POSITIVE_INFINITY, m.inertia());
    String json = ModelFiles.toJson(m);
    assertTrue(json.contains("\"inertia\" : \"Infinity\""), json);
    KMeansModel back = ModelFiles.fromJson(json, KMeansModel.class);
    assertEquals(m.state(), back.state());
    assertEquals(m.predict(new double[] {2e200, 0}), back.predict(new double[] {2e200, 0}));
  }

  /**
   * A Gaussian mixture started far from its data (one component at 1e200, data 0..3) has -Infinity as its first
   * log-likelihood (GaussianMixtureModel.logLikelihoodHistory documents it, and fromState accepts it). Jackson wrote it
   * as the string "-Infinity", which load refused ("expected a number"): the model saved but could not be loaded.
   * Expected values: the saved model's own state, bit for bit (a round trip), and the refusal of the string anywhere
   * else and of "Infinity" in the history (the history's rule: finite or -Infinity).
   */
  @Test
  void minusInfiniteLogLikelihoodRoundTrips(@TempDir Path dir) throws IOException {
    GaussianMixtureModel m = GaussianMixture.components(1)
        .initialParameters(new double[] {1}, new double[][] {{1e200}}, new double[][][] {{{1}}})
        .fit(Dataset.of(new double[][] {{0}, {1}, {2}, {3}}));
    assertEquals(Double.NEGATIVE_INFINITY, m.logLikelihoodHistory()[0]);
    String json = ModelFiles.toJson(m);
    assertTrue(json.contains("\"logLikelihoodHistory\" : [ \"-Infinity\", "), json);
    GaussianMixtureModel back = ModelFiles.fromJson(json, GaussianMixtureModel.class);
    assertEquals(m.state(), back.state());
    assertArrayEquals(m.logLikelihoodHistory(), back.logLikelihoodHistory(), 0.0);
    Path file = dir.resolve("far.json");
    ModelFiles.save(m, file);
    assertEquals(m.state(), ModelFiles.load(file, GaussianMixtureModel.class).state());
    assertEquals(m.logLikelihood(), back.logLikelihood());
    // the string stands for -Infinity in the history only
    assertRejected("state.weights[0]: expected a number", edit(m, doc -> ((ObjectNode) doc.get("state"))
        .putArray("weights").add("-Infinity")), GaussianMixtureModel.class);
    assertRejected("state.logLikelihoodHistory[0]: expected a number", edit(m, doc -> ((ArrayNode) doc.get("state")
        .get("logLikelihoodHistory")).set(0, "Infinity")), GaussianMixtureModel.class);
  }

  /**
   * A model whose document exceeds MAX_FILE_BYTES is refused when saved, since load refuses it: before, save wrote
   * the file and only the process that loaded it found out. The model: k = 11 and 17,000,000 training labels all
   * 10, each written as "10, " (4 bytes), so the document has more than 68,000,000 bytes, above 64 MiB
   * (67,108,864).
   */
  @Test
  void documentsTooLargeToLoadAreNotSaved(@TempDir Path dir) throws IOException {
    int[] labels = new int[17_000_000];
    java.util.Arrays.fill(labels, 10);
    double[] centroids = new double[11];
    for (int c = 0; c < 11; c++) {
      centroids[c] = c;
    }
    KMeansModel big = KMeansModel.fromState(new KMeansModel.State(1, centroids, labels, 0, 1, true,
        KMeansAlgorithm.LLOYD));
    labels = null;
    Path f = dir.resolve("big.json");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.save(big, f));
    assertTrue(e.getMessage().contains("more than the limit of " + ModelFiles.MAX_FILE_BYTES), e.getMessage());
    assertFalse(Files.exists(f), "nothing is written");
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "no temporary file is left behind");
    }
    assertThrows(IllegalArgumentException.class, () -> ModelFiles.write(big, OutputStream.nullOutputStream()));
  }

  /** The call of the issue: a K-Means model saved and loaded by path. */
  @Test
  void issueExample(@TempDir Path dir) throws IOException {
    KMeansModel kmeansModel = KMeans.k(3).seed(1).fit(Generators.blobs(300, 2, 3, 1, 0, 7).data());
    ModelFiles.save(kmeansModel, dir.resolve("segments.json"));
    KMeansModel back = ModelFiles.load(dir.resolve("segments.json"), KMeansModel.class);
    assertEquals(kmeansModel.state(), back.state());
  }

  /**
   * Numbers are written as the shortest text that reads back exactly, whatever the JDK: JDK 17's
   * Double.toString prints this value as 2.82879384806159008E17 (JDK-4511638, fixed in JDK 19), which made
   * the checksum of a file written on JDK 17 fail on JDK 19+ (seen before the fix, JDK 17 to 25).
   */
  @Test
  void numbersAreWrittenTheSameOnEveryJdk() {
    double v = 2.82879384806159E17;
    KMeansModel m = KMeansModel.fromState(new KMeansModel.State(1, new double[] {v}, new int[] {0}, 0, 1, true,
        KMeansAlgorithm.LLOYD));
    String json = ModelFiles.toJson(m);
    assertTrue(json.contains("[ [ 2.82879384806159E17 ] ]"), json);
    assertEquals(v, ModelFiles.fromJson(json, KMeansModel.class).centroids()[0][0]);
  }

  // ---- rejection -------------------------------------------------------------------------------------

  private static <T> void assertRejected(String expected, String json, Class<T> type) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, type));
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  /** Edits the document tree and re-signs it, to reach the validation behind the checksum. */
  static String edit(Object m, Consumer<ObjectNode> change) {
    ObjectNode doc = ModelFiles.parse(ModelFiles.toJson(m).getBytes(StandardCharsets.UTF_8));
    change.accept(doc);
    doc.put("checksum", ModelFiles.checksum(doc));
    return doc.toString();
  }

  private static final Pattern CHECKSUM = Pattern.compile("\"checksum\"\\s*:\\s*\"[^\"]*\"");

  /** Re-signs a document given as text (to keep literals such as 1e999 that a tree would rewrite). */
  static String resign(String json) {
    ObjectNode doc = ModelFiles.parse(json.getBytes(StandardCharsets.UTF_8));
    return CHECKSUM.matcher(json).replaceFirst(Matcher.quoteReplacement("\"checksum\":\""
        + ModelFiles.checksum(doc) + "\""));
  }

  private static ObjectNode state(ObjectNode doc) {
    return (ObjectNode) doc.get("state");
  }

  private static ObjectNode params(ObjectNode doc) {
    return (ObjectNode) doc.get("parameters");
  }

  static KMeansModel kmeans() {
    return KMeans.k(3).seed(5).fit(Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}, {9, 0}, {9, 1}}));
  }

  static DbscanModel dbscan() {
    return Dbscan.eps(1.2).minPts(2).fit(Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}, {20, 20}}));
  }

  static GaussianMixtureModel gmm(CovarianceType type) {
    return GaussianMixture.components(2).covariance(type).seed(3)
        .fit(Generators.blobs(60, 2, 2, 1, 0, 11).data());
  }

  static PcaModel pca() {
    return Pca.components(2).fit(Generators.blobs(30, 3, 2, 1, 0, 13).data());
  }

  @Test
  void rejectsBrokenFilesOfEveryKind() {
    for (int kind = 0; kind < TYPES.size(); kind++) {
      Object m = model(kind, 100 + kind);
      Class<?> type = TYPES.get(kind);
      String good = ModelFiles.toJson(m);
      assertRejected("not a valid JSON document", good.substring(0, good.length() / 2), type);
      assertRejected("not a valid JSON document", good.substring(0, good.length() - 2), type);
      assertRejected("unsupported format version 2", good.replace("\"formatVersion\" : 1",
          "\"formatVersion\" : 2"), type);
      assertRejected("unsupported format version 2", resign(good.replace("\"formatVersion\" : 1",
          "\"formatVersion\" : 2")), type);
      // A changed digit anywhere in the state is caught by the checksum.
      int at = good.indexOf("\"state\"");
      int digit = at;
      while (!Character.isDigit(good.charAt(digit))) {
        digit++;
      }
      char c = good.charAt(digit);
      String corrupted = good.substring(0, digit) + (c == '9' ? '8' : (char) (c + 1)) + good.substring(digit + 1);
      assertRejected("checksum mismatch", corrupted, type);
      assertRejected("unknown model kind \"pickle\"", edit(m, d -> d.put("kind", "pickle")), type);
      assertRejected("unexpected field \"extra\"", edit(m, d -> state(d).put("extra", 1)), type);
      assertRejected("unexpected field \"extra\"", edit(m, d -> params(d).put("extra", 1)), type);
      assertRejected("missing field", edit(m, d -> state(d).remove(state(d).fieldNames().next())), type);
      Class<?> other = TYPES.get((kind + 1) % TYPES.size());
      assertRejected("not a " + other.getSimpleName(), good, other);
    }
  }

  @Test
  void rejectsInvalidKMeansState() {
    KMeansModel m = kmeans();
    Class<KMeansModel> t = KMeansModel.class;
    assertRejected("state.labels[2]: must be in [0, 2147483647], got -1",
        edit(m, d -> ((ArrayNode) state(d).get("labels")).set(2, -1)), t);
    assertRejected("state: KMeansModel state: labels[2] must be in 0..2 (k = 3), got 3",
        edit(m, d -> ((ArrayNode) state(d).get("labels")).set(2, 3)), t);
    assertRejected("state.centroids[1]: expected 2 values, got 3",
        edit(m, d -> ((ArrayNode) state(d).get("centroids").get(1)).add(1.0)), t);
    assertRejected("state.centroids: expected at least one centroid",
        edit(m, d -> ((ArrayNode) state(d).get("centroids")).removeAll()), t);
    assertRejected("state.centroids[0][1]: must be a finite number",
        resign(ModelFiles.toJson(m).replaceFirst("\"centroids\" : \\[ \\[ ([^,]+), [^\\]]+\\]",
            "\"centroids\" : [ [ $1, 1.0E999 ]")), t);
    assertRejected("state.centroids[0][0]: expected a number, got \"NaN\"",
        edit(m, d -> ((ArrayNode) state(d).get("centroids").get(0)).set(0, "NaN")), t);
    assertRejected("KMeansModel state: inertia must be >= 0 (or +Infinity, beyond the double range), got -1.0",
        edit(m, d -> state(d).put("inertia", -1.0)), t);
    // Only "Infinity" stands for a number, and only in this field.
    assertRejected("state.inertia: expected a number, got \"-Infinity\"",
        edit(m, d -> state(d).put("inertia", "-Infinity")), t);
    assertRejected("state.inertia: expected a number, got \"NaN\"", edit(m, d -> state(d).put("inertia", "NaN")),
        t);
    assertRejected("state.iterations: must be in [0, 2147483647], got 4294967296",
        edit(m, d -> state(d).put("iterations", 1L << 32)), t);
    assertRejected("state.converged: expected true or false, got \"yes\"",
        edit(m, d -> state(d).put("converged", "yes")), t);
    assertRejected("parameters.algorithm: expected one of [lloyd, hamerly, elkan], got \"auto\"",
        edit(m, d -> params(d).put("algorithm", "auto")), t);
    assertRejected("parameters.algorithm: expected one of [lloyd, hamerly, elkan], got \"java.lang.Runtime\"",
        edit(m, d -> params(d).put("algorithm", "java.lang.Runtime")), t);
  }

  @Test
  void integerArraysAndBoundsAreReadExactly() {
    KMeansModel m = kmeans();
    Class<KMeansModel> t = KMeansModel.class;
    // A label must be a JSON integer: 1.5 is not read as 1, "1" not as 0 (the fast path for int values).
    assertRejected("state.labels[2]: expected an integer, got 1.5",
        edit(m, d -> ((ArrayNode) state(d).get("labels")).set(2, 1.5)), t);
    assertRejected("state.labels[0]: expected an integer, got \"0\"",
        edit(m, d -> ((ArrayNode) state(d).get("labels")).set(0, "0")), t);
    // The bounds named in the messages are inclusive: 2147483647 iterations is a valid count.
    KMeansModel most = ModelFiles.fromJson(edit(m, d -> state(d).put("iterations", Integer.MAX_VALUE)), t);
    assertEquals(Integer.MAX_VALUE, most.iterations());
    // A one-dimensional array of numbers (the weights of a mixture) refuses a literal beyond the double range,
    // as the rows of a matrix do.
    GaussianMixtureModel g = gmm(CovarianceType.SPHERICAL);
    assertRejected("invalid model file at state.weights[0]: must be a finite number, got a number beyond the "
        + "double range (magnitude above 1.7976931348623157E308)",
        resign(ModelFiles.toJson(g).replaceFirst("\"weights\" : \\[ [^,]+,", "\"weights\" : [ 1e999,")),
        GaussianMixtureModel.class);
    // An enum name of exactly 40 characters is quoted whole, one of 41 is cut to 37 and "...".
    String forty = "a".repeat(40);
    assertRejected("parameters.algorithm: expected one of [lloyd, hamerly, elkan], got \"" + forty + "\"",
        edit(m, d -> params(d).put("algorithm", forty)), t);
    assertRejected("parameters.algorithm: expected one of [lloyd, hamerly, elkan], got \"" + "a".repeat(37)
        + "...\"", edit(m, d -> params(d).put("algorithm", forty + "b")), t);
  }

  @Test
  void rejectsInvalidDbscanState() {
    DbscanModel m = dbscan();
    Class<DbscanModel> t = DbscanModel.class;
    // The fixture (exact by hand): eps 1.2, minPts 2: rows 0-1 and 2-3 are core pairs, row 4 is noise.
    assertArrayEquals(new int[] {0, 0, 1, 1, -1}, m.labels());
    assertRejected("state.labels[4]: must be in [-1, 2147483647], got -2",
        edit(m, d -> ((ArrayNode) state(d).get("labels")).set(4, -2)), t);
    assertRejected("DbscanModel state: labels[4] must be -1 or a label in 0..2",
        edit(m, d -> ((ArrayNode) state(d).get("labels")).set(4, 5)), t);
    assertRejected("DbscanModel state: labels[0] must be -1 or a label in 0..0",
        edit(m, d -> ((ArrayNode) state(d).get("labels")).set(0, 1)), t);
    assertRejected("DbscanModel state: row 2 is a core point but labelled -1",
        edit(m, d -> ((ArrayNode) state(d).get("labels")).set(2, -1)), t);
    assertRejected("state.corePoints: expected 5 rows, got 4",
        edit(m, d -> ((ArrayNode) state(d).get("coreMask")).set(4, true)), t);
    assertRejected("state.coreMask[1]: expected true or false, got 1",
        edit(m, d -> ((ArrayNode) state(d).get("coreMask")).set(1, 1)), t);
    assertRejected("DbscanModel state: coreMask must have one flag per training row (5), got 4",
        edit(m, d -> {
          ((ArrayNode) state(d).get("coreMask")).remove(4);
        }), t);
    assertRejected("state.corePoints[0]: expected 3 values, got 2",
        edit(m, d -> state(d).put("dimension", 3)), t);
    assertRejected("state.dimension: must be in [1, 2147483647], got 0",
        edit(m, d -> state(d).put("dimension", 0)), t);
    assertRejected("DbscanModel state: eps must be > 0 and finite, got -1.0",
        edit(m, d -> params(d).put("eps", -1.0)), t);
    assertRejected("parameters.minPts: must be in [1, 2147483647], got 0",
        edit(m, d -> params(d).put("minPts", 0)), t);
    assertRejected("parameters.metric: expected one of [euclidean, manhattan, chebyshev], got \"cosine\"",
        edit(m, d -> params(d).put("metric", "cosine")), t);
    assertRejected("parameters.search: expected one of [grid, kdTree, bruteForce], got \"auto\"",
        edit(m, d -> params(d).put("search", "auto")), t);
    assertRejected("with borderPointsAsNoise every non-core row is noise",
        edit(Dbscan.eps(1.2).minPts(3).fit(Dataset.of(new double[][] {{0, 0}, {0, 1}, {0, 2}, {9, 9}})),
            d -> params(d).put("borderPointsAsNoise", true)), t);
  }

  @Test
  void rejectsInvalidGmmState() {
    Class<GaussianMixtureModel> t = GaussianMixtureModel.class;
    GaussianMixtureModel full = gmm(CovarianceType.FULL);
    assertRejected("GaussianMixtureModel state: weights[0] must be >= 0 and finite, got -0.5",
        edit(full, d -> ((ArrayNode) state(d).get("weights")).set(0, -0.5)), t);
    assertRejected("GaussianMixtureModel state: weights must sum to 1 (within 1e-6)",
        edit(full, d -> ((ArrayNode) state(d).get("weights")).set(0, 0.01)), t);
    assertRejected("state.means: expected one mean per weight (2), got 1",
        edit(full, d -> ((ArrayNode) state(d).get("means")).remove(1)), t);
    assertRejected("state.means[1]: expected 2 values, got 1",
        edit(full, d -> ((ArrayNode) state(d).get("means").get(1)).remove(1)), t);
    assertRejected("state.covariances[1]: expected 2 rows, got 3",
        edit(full, d -> ((ArrayNode) state(d).get("covariances").get(1)).add(d.arrayNode())), t);
    assertRejected("state.covariances: expected an array, got 1.0",
        edit(full, d -> state(d).put("covariances", 1.0)), t);
    assertRejected("GaussianMixtureModel state: covariance matrix 1 must be symmetric",
        edit(full, d -> ((ArrayNode) state(d).get("covariances").get(1).get(0)).set(1, 0.123)), t);
    // Symmetric but indefinite: [[1, 2], [2, 1]] has eigenvalues 3 and -1.
    assertRejected("GaussianMixtureModel state: covariance matrix 0 is not positive definite",
        edit(full, d -> {
          ArrayNode c = (ArrayNode) state(d).get("covariances").get(0);
          ((ArrayNode) c.get(0)).set(0, 1.0).set(1, 2.0);
          ((ArrayNode) c.get(1)).set(0, 2.0).set(1, 1.0);
        }), t);
    assertRejected("GaussianMixtureModel state: logLikelihoodHistory must hold iterations + 1",
        edit(full, d -> ((ArrayNode) state(d).get("logLikelihoodHistory")).add(1.0)), t);
    assertRejected("parameters.covarianceType: expected one of [full, tied, diagonal, spherical], got \"diag\"",
        edit(full, d -> params(d).put("covarianceType", "diag")), t);
    // A FULL document read as TIED has the wrong covariance shape.
    assertRejected("state.covariances[0][0]: expected a number",
        edit(full, d -> params(d).put("covarianceType", "tied")), t);
    GaussianMixtureModel tied = gmm(CovarianceType.TIED);
    assertRejected("GaussianMixtureModel state: the shared covariance matrix is not positive definite",
        edit(tied, d -> {
          ArrayNode c = (ArrayNode) state(d).get("covariances");
          ((ArrayNode) c.get(0)).set(0, 1.0).set(1, 1.0);
          ((ArrayNode) c.get(1)).set(0, 1.0).set(1, 1.0);
        }), t);
    GaussianMixtureModel diag = gmm(CovarianceType.DIAGONAL);
    assertRejected("GaussianMixtureModel state: the variances of component 1 must be > 0",
        edit(diag, d -> ((ArrayNode) state(d).get("covariances").get(1)).set(0, 0.0)), t);
    GaussianMixtureModel sph = gmm(CovarianceType.SPHERICAL);
    assertRejected("GaussianMixtureModel state: the variances of component 0 must be > 0",
        edit(sph, d -> ((ArrayNode) state(d).get("covariances")).set(0, -2.0)), t);
    assertRejected("state.covariances[1]: expected a number",
        edit(sph, d -> ((ArrayNode) state(d).get("covariances")).set(1, d.arrayNode())), t);
  }

  @Test
  void rejectsInvalidPcaState() {
    PcaModel m = pca();
    Class<PcaModel> t = PcaModel.class;
    assertRejected("PcaModel state: components must be orthonormal rows",
        edit(m, d -> ((ArrayNode) state(d).get("components").get(0)).set(0, 0.9)), t);
    assertRejected("state.components: expected 1 row, got 2",
        edit(m, d -> ((ArrayNode) state(d).get("explainedVariance")).remove(1)), t);
    assertRejected("state.components[0]: expected 2 values, got 3",
        edit(m, d -> ((ArrayNode) state(d).get("mean")).remove(2)), t);
    assertRejected("PcaModel state: explainedVariance must be non-increasing",
        edit(m, d -> ((ArrayNode) state(d).get("explainedVariance")).set(1, 1e6)), t);
    assertRejected("PcaModel state: explainedVarianceRatio[0] must be in [0, 1], got 2.0",
        edit(m, d -> ((ArrayNode) state(d).get("explainedVarianceRatio")).set(0, 2.0)), t);
    assertRejected("PcaModel state: singularValues[1]^2 / (sampleCount - 1)",
        edit(m, d -> ((ArrayNode) state(d).get("singularValues")).set(1, 1e-3)), t);
    assertRejected("PcaModel state: sampleCount must be >= 2, got 1",
        edit(m, d -> state(d).put("sampleCount", 1)), t);
    assertRejected("PcaModel state: columnNames must be distinct",
        edit(m, d -> ((ArrayNode) state(d).get("columnNames")).set(1, "x0")), t);
    assertRejected("state.columnNames[2]: expected a string, got null",
        edit(m, d -> ((ArrayNode) state(d).get("columnNames")).set(2, d.nullNode())), t);
    // The path is named once: a document error keeps its own, a check of the model gets "state".
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(
        edit(m, d -> ((ArrayNode) state(d).get("columnNames")).set(2, d.nullNode())), t));
    assertEquals("invalid model file at state.columnNames[2]: expected a string, got null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(
        edit(m, d -> ((ArrayNode) state(d).get("columnNames")).set(1, "x0")), t));
    assertTrue(e.getMessage().startsWith("invalid model file at state: PcaModel state: columnNames must be distinct"),
        e.getMessage());
    assertRejected("PcaModel state: noiseVariance must be >= 0 and finite, got -1.0",
        edit(m, d -> state(d).put("noiseVariance", -1.0)), t);
    assertRejected("parameters.solver: expected one of [svd, covariance], got \"auto\"",
        edit(m, d -> params(d).put("solver", "auto")), t);
  }
}
