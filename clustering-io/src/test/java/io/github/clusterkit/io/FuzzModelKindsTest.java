package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.ClusterPipelineModel;
import io.github.clusterkit.OutlierPipelineModel;
import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.hdbscan.Hdbscan;
import io.github.clusterkit.hdbscan.HdbscanModel;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.IsolationForest;
import io.github.clusterkit.outlier.LocalOutlierFactor;
import io.github.clusterkit.outlier.OutlierModel;
import io.github.clusterkit.pca.PcaModel;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.RobustScaler;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Hostile model files of the kinds kmeans, dbscan, gmm, pca, hdbscan, kmedoids, bisectingKMeans, birch, lof,
 * clusterPipeline and outlierPipeline: seeded byte mutations of valid files, and re-signed random edits of their trees
 * (which get past the checksum to the validation). The only
 * exception allowed is {@link IllegalArgumentException}, from loading and from using a model that loaded;
 * each input must be handled within a few seconds (no hang), and the inputs stay small, so an out-of-memory
 * error would mean an unbounded allocation. The mutation helpers are {@link FuzzTest}'s.
 */
class FuzzModelKindsTest {

  /** Small valid files, several per kind (GMM of every covariance type), seeds of the mutations. */
  private static final List<byte[]> FILES = new ArrayList<>();

  static {
    for (int kind = 0; kind < ModelFilesKindsTest.TYPES.size(); kind++) {
      for (long seed = 0; seed < (kind == 2 ? 8 : 3); seed++) {
        FILES.add(ModelFiles.toJson(ModelFilesKindsTest.model(kind, seed)).getBytes(StandardCharsets.UTF_8));
      }
    }
    for (long seed = 0; seed < 6; seed++) {
      FILES.add(ModelFiles.toJson(clusterPipeline(seed)).getBytes(StandardCharsets.UTF_8));
    }
    for (long seed = 0; seed < 4; seed++) {
      FILES.add(ModelFiles.toJson(clusterPipeline(seed, true)).getBytes(StandardCharsets.UTF_8));
    }
    for (long seed = 0; seed < 4; seed++) {
      FILES.add(ModelFiles.toJson(outlierPipeline(seed)).getBytes(StandardCharsets.UTF_8));
    }
    for (byte[] f : FILES) {
      // Fail fast if a seed file is not a valid model (a fuzz test of a broken seed proves nothing).
      ModelFiles.fromJson(new String(f, StandardCharsets.UTF_8), Object.class);
    }
  }

  /** A small pipeline (imputer, one-hot, scaler) and a K-Means, mixture, DBSCAN or HDBSCAN fitted on its output. */
  static ClusterPipelineModel clusterPipeline(long seed) {
    return clusterPipeline(seed, false);
  }

  /**
   * As {@link #clusterPipeline(long)}; with {@code options}, the steps take scikit-learn options (indicator, drop,
   * unit variance, clip, no centring), so the fuzzing reaches the options' fields.
   */
  static ClusterPipelineModel clusterPipeline(long seed, boolean options) {
    Rng rng = new Rng(seed);
    int n = 20 + rng.nextInt(20);
    double[] a = new double[n];
    double[] b = new double[n];
    String[] c = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = i % 7 == 3 ? Double.NaN : rng.nextGaussian();
      b[i] = rng.nextGaussian() + (i % 2) * 4;
      c[i] = i % 3 == 0 ? "web" : "shop";
    }
    Table t = Table.builder().numeric("a", a).numeric("b", b).categorical("c", c).build();
    PipelineModel prep = options
        ? Pipeline.of(Imputer.median().addIndicator(true), new OneHotEncoder().drop(OneHotEncoder.Drop.IF_BINARY),
            new RobustScaler().columns("a").unitVariance(true), new MinMaxScaler().columns("b").clip(true),
            new StandardScaler().withMean(false)).fit(t)
        : Pipeline.of(Imputer.median(), new OneHotEncoder(), new StandardScaler()).fit(t);
    Dataset x = prep.transform(t);
    ClusterModel m;
    switch ((int) (seed % 5)) {
      case 0:
        m = KMeans.k(2).seed(seed).fit(x);
        break;
      case 1:
        m = GaussianMixture.components(2).seed(seed).fit(x);
        break;
      case 2:
        m = Dbscan.eps(1.5).minPts(3).fit(x);
        break;
      case 3:
        m = Hdbscan.minClusterSize(4).fit(x);
        break;
      default:
        m = KMedoids.k(2).seed(seed).metric(Metric.MANHATTAN).fit(x);
    }
    ClusterPipelineModel p = ClusterPipelineModel.of(prep, m);
    return seed % 2 == 0 ? p : p.withClusterNames(m.clusterCount() == 0 ? List.of()
        : java.util.Collections.nCopies(m.clusterCount(), "segment"));
  }

  /**
   * A small pipeline (imputer, one-hot, scaler) and a LOF (even seeds) or an isolation forest (odd seeds) fitted on
   * its output, with the automatic threshold or a contamination share.
   */
  static OutlierPipelineModel outlierPipeline(long seed) {
    Rng rng = new Rng(seed);
    int n = 15 + rng.nextInt(15);
    double[] a = new double[n];
    double[] b = new double[n];
    String[] c = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = i % 6 == 2 ? Double.NaN : rng.nextGaussian();
      b[i] = rng.nextGaussian() + (i % 2) * 4;
      c[i] = i % 3 == 0 ? "web" : "shop";
    }
    Table t = Table.builder().numeric("a", a).numeric("b", b).categorical("c", c).build();
    PipelineModel prep = Pipeline.of(Imputer.median(), new OneHotEncoder(), new StandardScaler()).fit(t);
    Dataset x = prep.transform(t);
    OutlierModel m;
    if (seed % 2 == 0) {
      LocalOutlierFactor l = LocalOutlierFactor.k(2 + rng.nextInt(5)).metric(Metric.values()[rng.nextInt(3)]);
      m = (seed % 4 == 0 ? l : l.contamination(0.1)).fit(x);
    } else {
      IsolationForest f = IsolationForest.trees(3 + rng.nextInt(4)).seed(seed);
      m = (seed % 4 == 1 ? f : f.contamination(0.1)).fit(x);
    }
    return OutlierPipelineModel.of(prep, m);
  }

  /** Loads, then uses the model on points of its own dimension (capped, in case the file claims a huge one). */
  private static void loadAndUse(byte[] bytes) throws Exception {
    Object m;
    try {
      m = ModelFiles.read(new ByteArrayInputStream(bytes), Object.class);
    } catch (IllegalArgumentException expected) {
      return; // the documented failure
    }
    if (m instanceof ClusterPipelineModel) {
      useClusterPipeline((ClusterPipelineModel) m);
      return;
    }
    if (m instanceof OutlierPipelineModel) {
      useOutlierPipeline((OutlierPipelineModel) m);
      return;
    }
    int d = ModelFilesKindsTest.dimension(m);
    if (d > 64) {
      return;
    }
    Dataset q = Generators.blobs(5, d, 2, 3, 0.5, 1).data();
    if (m instanceof KMeansModel) {
      ((KMeansModel) m).predict(q);
      ((KMeansModel) m).transform(q.row(0));
    } else if (m instanceof DbscanModel) {
      ((DbscanModel) m).predict(q);
      ((DbscanModel) m).assign(q.row(0));
    } else if (m instanceof GaussianMixtureModel) {
      ((GaussianMixtureModel) m).predict(q);
      ((GaussianMixtureModel) m).predictProba(q);
      ((GaussianMixtureModel) m).scoreSamples(q);
    } else if (m instanceof HdbscanModel) {
      ((HdbscanModel) m).predict(q);
      ((HdbscanModel) m).membership(q.row(0));
      ((HdbscanModel) m).dbscanLabels(0.5);
    } else if (m instanceof KMedoidsModel) {
      ((KMedoidsModel) m).predict(q);
      ((KMedoidsModel) m).transform(q.row(0));
    } else if (m instanceof io.github.clusterkit.kmeans.BisectingKMeansModel) {
      io.github.clusterkit.kmeans.BisectingKMeansModel b = (io.github.clusterkit.kmeans.BisectingKMeansModel) m;
      b.predict(q);
      for (int level = 1; level <= Math.min(b.k(), 64); level++) {
        b.predictAt(q.row(0), level);
        b.labelsAt(level);
        b.centroidsAt(level);
      }
    } else if (m instanceof io.github.clusterkit.birch.BirchModel) {
      ((io.github.clusterkit.birch.BirchModel) m).predict(q);
      ((io.github.clusterkit.birch.BirchModel) m).clusterCentroids();
    } else if (m instanceof io.github.clusterkit.outlier.LofModel) {
      ((io.github.clusterkit.outlier.LofModel) m).score(q);
      ((io.github.clusterkit.outlier.LofModel) m).outliers();
    } else if (m instanceof PcaModel) {
      PcaModel p = (PcaModel) m;
      p.inverseTransform(p.transform(q));
    }
  }

  /**
   * Scores a small table of the columns the loaded pipeline requires (capped in number); an
   * {@code IllegalArgumentException} of the pipeline's documented checks (such as an unknown category) is allowed.
   */
  private static void useClusterPipeline(ClusterPipelineModel p) {
    if (p.requiredColumns().size() > 64 || p.model().dimension() > 64) {
      return;
    }
    Table.Builder t = Table.builder();
    for (int j = 0; j < p.requiredColumns().size(); j++) {
      String name = p.requiredColumns().get(j);
      if (p.requiredTypes().get(j) == ColumnType.NUMERIC) {
        t.numeric(name, new double[] {0.5, -1, Double.NaN});
      } else {
        t.categorical(name, new String[] {"web", "shop", null});
      }
    }
    Table table = t.build();
    try {
      int[] labels = p.predict(table);
      for (int label : labels) {
        if (label < -1 || label >= p.clusterCount()) {
          throw new AssertionError("label " + label + " outside [-1, " + p.clusterCount() + ")");
        }
      }
    } catch (IllegalArgumentException allowed) {
      // a documented refusal of the data, not of the file
    }
  }

  /**
   * Scores a small table of the columns the loaded pipeline requires (capped in number): the flags must be the scores
   * above the threshold; an {@code IllegalArgumentException} of the pipeline's documented checks is allowed.
   */
  private static void useOutlierPipeline(OutlierPipelineModel p) {
    if (p.requiredColumns().size() > 64 || p.detector().dimension() > 64) {
      return;
    }
    Table.Builder t = Table.builder();
    for (int j = 0; j < p.requiredColumns().size(); j++) {
      String name = p.requiredColumns().get(j);
      if (p.requiredTypes().get(j) == ColumnType.NUMERIC) {
        t.numeric(name, new double[] {0.5, -1, Double.NaN});
      } else {
        t.categorical(name, new String[] {"web", "shop", null});
      }
    }
    Table table = t.build();
    try {
      double[] s = p.score(table);
      boolean[] flags = p.isOutlier(table);
      for (int i = 0; i < s.length; i++) {
        if (!(s[i] > 0) || flags[i] != s[i] > p.threshold()) {
          throw new AssertionError("score " + s[i] + ", flag " + flags[i] + ", threshold " + p.threshold());
        }
      }
    } catch (IllegalArgumentException allowed) {
      // a documented refusal of the data, not of the file
    }
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void byteMutationsThrowOnlyIllegalArgument(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int file) {
    byte[] bytes = FuzzTest.mutate(FILES.get(file % FILES.size()), seed);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> loadAndUse(bytes));
  }

  /** Random values put at random places of the tree, re-signed: only validation stands in the way. */
  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void reSignedTreeEditsThrowOnlyIllegalArgument(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int file, @ForAll @IntRange(min = 1, max = 3) int edits) {
    Rng rng = new Rng(seed);
    ObjectNode doc = ModelFiles.parse(FILES.get(file % FILES.size()));
    for (int e = 0; e < edits; e++) {
      List<JsonNode> containers = new ArrayList<>();
      FuzzTest.collect(doc, containers);
      JsonNode target = containers.get(rng.nextInt(containers.size()));
      JsonNode value = rng.nextInt(3) == 0 ? near(rng, target) : FuzzTest.randomValue(rng);
      if (target.isObject()) {
        ObjectNode o = (ObjectNode) target;
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty() || rng.nextInt(5) == 0) {
          o.set("f" + rng.nextInt(3), value);
        } else if (rng.nextInt(4) == 0) {
          o.remove(names.get(rng.nextInt(names.size())));
        } else {
          o.set(names.get(rng.nextInt(names.size())), value);
        }
      } else {
        ArrayNode a = (ArrayNode) target;
        if (a.isEmpty() || rng.nextInt(4) == 0) {
          a.add(value);
        } else if (rng.nextInt(3) == 0) {
          a.remove(rng.nextInt(a.size()));
        } else {
          a.set(rng.nextInt(a.size()), value);
        }
      }
    }
    doc.put("checksum", ModelFiles.checksum(doc));
    byte[] bytes = doc.toString().getBytes(StandardCharsets.UTF_8);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> loadAndUse(bytes));
  }

  /**
   * A plausible value for a model file: a small or large integer, a label-like number, a huge dimension,
   * an empty array or a copy of an element of the container (which keeps shapes nearly right).
   */
  private static JsonNode near(Rng rng, JsonNode container) {
    switch (rng.nextInt(6)) {
      case 0:
        return JsonNodeFactory.instance.numberNode(rng.nextInt(7) - 2);
      case 1:
        return JsonNodeFactory.instance.numberNode(Integer.MAX_VALUE);
      case 2:
        return JsonNodeFactory.instance.numberNode(1e-300);
      case 3:
        return JsonNodeFactory.instance.arrayNode();
      case 4:
        return JsonNodeFactory.instance.booleanNode(rng.nextInt(2) == 0);
      default:
        if (container.size() == 0) {
          return JsonNodeFactory.instance.numberNode(0.5);
        }
        List<JsonNode> children = new ArrayList<>();
        container.elements().forEachRemaining(children::add);
        return children.get(rng.nextInt(children.size())).deepCopy();
    }
  }
}
