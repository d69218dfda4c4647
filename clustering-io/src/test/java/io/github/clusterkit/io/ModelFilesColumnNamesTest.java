package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files keep the column names of kmeans, dbscan and gmm models (pca files always held them), so a loaded model
 * refuses data whose columns are named otherwise, as the saved one does; files written before the names were kept
 * still load, with the default names {@code x0, x1, ...}, which nothing is checked against.
 */
class ModelFilesColumnNamesTest {

  private static final String INCOME = "Annual Income (k$)";
  private static final String SPENDING = "Spending Score (1-100)";

  /** 200 customers in the shape of the Mall Customers file, written inline (no shared file needed). */
  private static String mallCsv() {
    double[][] centres = {{26, 20}, {26, 79}, {55, 50}, {87, 18}, {86, 82}};
    int[] sizes = {23, 22, 81, 35, 39};
    Rng rng = new Rng(7);
    StringBuilder sb = new StringBuilder("CustomerID,Gender,Age," + INCOME + "," + SPENDING + "\n");
    int id = 1;
    for (int g = 0; g < centres.length; g++) {
      for (int i = 0; i < sizes[g]; i++) {
        long income = Math.round(Math.min(137, Math.max(15, centres[g][0] + 9 * rng.nextGaussian())));
        long spending = Math.round(Math.min(99, Math.max(1, centres[g][1] + 9 * rng.nextGaussian())));
        sb.append(id++).append(',').append(rng.nextInt(2) == 0 ? "Male" : "Female").append(',')
            .append(18 + rng.nextInt(52)).append(',').append(income).append(',').append(spending).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * The example through files: K-Means fitted on a pipeline's output [income, spending], both saved; the
   * loaded model refuses the output of a pipeline that selects [spending, income], and accepts its own pipeline's
   * output with the original's answers.
   */
  @Test
  void mallExampleThroughFiles(@TempDir Path dir) throws IOException {
    Table table = Csv.parse(mallCsv(), CsvOptions.defaults());
    PipelineModel prep = Pipeline.of(ColumnSelector.keep(INCOME, SPENDING), new StandardScaler()).fit(table);
    Dataset x = prep.transform(table);
    assertEquals(List.of(INCOME, SPENDING), x.columnNames());
    KMeansModel m = KMeans.k(5).seed(42).fit(x);
    ModelFiles.save(prep, dir.resolve("prep.json"));
    ModelFiles.save(m, dir.resolve("segments.json"));
    assertTrue(ModelFiles.toJson(m).contains("\"columnNames\" : [ \"" + INCOME + "\", \"" + SPENDING + "\" ]"));

    PipelineModel prepBack = ModelFiles.load(dir.resolve("prep.json"), PipelineModel.class);
    KMeansModel back = ModelFiles.load(dir.resolve("segments.json"), KMeansModel.class);
    assertEquals(List.of(INCOME, SPENDING), back.columnNames());
    assertEquals(m.state(), back.state());
    assertArrayEquals(m.predict(x), back.predict(prepBack.transform(table)));

    Dataset swapped = Pipeline.of(ColumnSelector.keep(SPENDING, INCOME), new StandardScaler()).fit(table)
        .transform(table);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> back.predict(swapped));
    assertEquals("data's columns must match the columns the model was fitted on: fitted on [Annual Income (k$), "
        + "Spending Score (1-100)], got [Spending Score (1-100), Annual Income (k$)]", e.getMessage());
    // One-hot columns are names too: a model of [Gender=Female, Gender=Male] refuses the income columns.
    PipelineModel gender = Pipeline.of(ColumnSelector.keep("Gender"), new OneHotEncoder()).fit(table);
    KMeansModel byGender = ModelFiles.fromJson(ModelFiles.toJson(KMeans.k(2).seed(1).fit(gender.transform(table))),
        KMeansModel.class);
    assertEquals(List.of("Gender=Female", "Gender=Male"), byGender.columnNames());
    assertThrows(IllegalArgumentException.class, () -> byGender.predict(x));
  }

  /** Files written before models kept their names (the literal text of such files) load with the default names. */
  @Test
  void filesWithoutNamesLoadWithTheDefaults() {
    KMeansModel k = ModelFiles.fromJson(KMEANS_BEFORE, KMeansModel.class);
    assertEquals(List.of("x0", "x1"), k.columnNames());
    assertArrayEquals(new int[] {1}, k.predict(Dataset.of(new double[][] {{80, 85}}, List.of(INCOME, SPENDING))));
    assertArrayEquals(new int[] {1}, k.predict(Dataset.of(new double[][] {{80, 85}}, List.of(SPENDING, INCOME))));
    DbscanModel db = ModelFiles.fromJson(DBSCAN_BEFORE, DbscanModel.class);
    assertEquals(List.of("x0", "x1"), db.columnNames());
    assertArrayEquals(new int[] {0}, db.predict(Dataset.of(new double[][] {{0, 0.5}}, List.of("a", "b"))));
    GaussianMixtureModel g = ModelFiles.fromJson(GMM_BEFORE, GaussianMixtureModel.class);
    assertEquals(List.of("x0", "x1"), g.columnNames());
    assertArrayEquals(new int[] {1}, g.predict(Dataset.of(new double[][] {{5, 4}}, List.of("a", "b"))));
    // an unnamed model is still written without names, as an earlier version wrote it
    for (Object m : new Object[] {k, db, g}) {
      String json = ModelFiles.toJson(m);
      assertFalse(json.contains("columnNames"), json);
      assertEquals(ModelFilesKindsTest.state(m), ModelFilesKindsTest.state(ModelFiles.fromJson(json, Object.class)));
    }
    // a named model's file with its names removed (and re-signed) loads with the defaults too
    KMeansModel named = KMeans.k(2).seed(1).fit(Dataset.of(new double[][] {{0, 0}, {0, 1}, {9, 9}, {9, 8}},
        List.of("a", "b")));
    KMeansModel stripped = ModelFiles.fromJson(ModelFilesKindsTest.edit(named, d -> state(d).remove("columnNames")),
        KMeansModel.class);
    assertEquals(List.of("x0", "x1"), stripped.columnNames());
  }

  /** Given names that read x0, x1 (a CSV header) are written and kept: the loaded model still refuses a swap. */
  @Test
  void givenNamesThatReadLikePlaceholdersAreSaved() {
    Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 1}, {9, 9}, {9, 8}}, List.of("x0", "x1"));
    Dataset swapped = Dataset.of(x.toRows(), List.of("x1", "x0"));
    for (Object m : new Object[] {KMeans.k(2).seed(1).fit(x), Dbscan.eps(1.5).minPts(2).fit(x),
        GaussianMixture.components(2).seed(1).fit(x)}) {
      String json = ModelFiles.toJson(m);
      assertTrue(json.contains("\"columnNames\" : [ \"x0\", \"x1\" ]"), json);
      io.github.clusterkit.ClusterModel back = ModelFiles.fromJson(json, io.github.clusterkit.ClusterModel.class);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> back.predict(swapped));
      assertTrue(e.getMessage().contains("fitted on [x0, x1], got [x1, x0]"), e.getMessage());
    }
    // PCA writes its names always: given names that read x0, x1 carry "namesGiven", and keep the check.
    PcaModel named = Pca.components(1).fit(x);
    String json = ModelFiles.toJson(named);
    assertTrue(json.contains("\"namesGiven\" : true"), json);
    PcaModel back = ModelFiles.fromJson(json, PcaModel.class);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> back.transform(swapped));
    assertTrue(e.getMessage().contains("fitted on [x0, x1], got [x1, x0]"), e.getMessage());
    assertRejected("invalid model file at state.namesGiven: expected true (the field is absent otherwise), got false",
        ModelFilesKindsTest.edit(named, d -> state(d).put("namesGiven", false)), PcaModel.class);
    // A PCA fitted without names is written as before (names x0, x1, no flag) and loads without names: any named
    // data is accepted, as before names were told apart by their origin.
    PcaModel unnamed = Pca.components(1).fit(Dataset.of(x.toRows()));
    String plain = ModelFiles.toJson(unnamed);
    assertTrue(plain.contains("\"columnNames\" : [ \"x0\", \"x1\" ]"), plain);
    assertFalse(plain.contains("namesGiven"), plain);
    PcaModel loaded = ModelFiles.fromJson(plain, PcaModel.class);
    assertTrue(io.github.clusterkit.internal.FittedColumns.areDefault(loaded.columnNames()));
    assertEquals(unnamed.transform(x), loaded.transform(swapped)); // same values, names not checked
  }

  private static final String KMEANS_BEFORE = """
      {
        "format" : "clusterkit-model",
        "formatVersion" : 1,
        "libraryVersion" : "0.1.0-SNAPSHOT",
        "kind" : "kmeans",
        "parameters" : {
          "algorithm" : "lloyd"
        },
        "state" : {
          "centroids" : [ [ 25.0, 20.0 ], [ 85.0, 80.0 ] ],
          "labels" : [ 0, 0, 1, 1 ],
          "inertia" : 12.5,
          "iterations" : 2,
          "converged" : true
        },
        "checksum" : "sha256:738c75f9924e4b5827e2a6aa9d468975751a6a0bfd92b8160b47d8ba01b48e0c"
      }
      """;

  private static final String DBSCAN_BEFORE = """
      {
        "format" : "clusterkit-model",
        "formatVersion" : 1,
        "libraryVersion" : "0.1.0-SNAPSHOT",
        "kind" : "dbscan",
        "parameters" : {
          "eps" : 1.5,
          "minPts" : 2,
          "metric" : "euclidean",
          "borderPointsAsNoise" : false,
          "search" : "grid"
        },
        "state" : {
          "dimension" : 2,
          "labels" : [ 0, 0, -1 ],
          "coreMask" : [ true, true, false ],
          "corePoints" : [ [ 0.0, 0.0 ], [ 0.0, 1.0 ] ]
        },
        "checksum" : "sha256:89c8815a1b234007bdbca1038824adb901379b744ac0c32d071f021e5afe2ab0"
      }
      """;

  private static final String GMM_BEFORE = """
      {
        "format" : "clusterkit-model",
        "formatVersion" : 1,
        "libraryVersion" : "0.1.0-SNAPSHOT",
        "kind" : "gmm",
        "parameters" : {
          "covarianceType" : "spherical"
        },
        "state" : {
          "weights" : [ 0.5, 0.5 ],
          "means" : [ [ 0.0, 0.0 ], [ 5.0, 5.0 ] ],
          "covariances" : [ 1.0, 1.0 ],
          "iterations" : 0,
          "converged" : false,
          "logLikelihoodHistory" : [ -3.5 ]
        },
        "checksum" : "sha256:b64f5a3386193541b3c4f994cd6151d163bd7bf4efa9fd489b200b1f9be97017"
      }
      """;

  private static ObjectNode state(ObjectNode doc) {
    return (ObjectNode) doc.get("state");
  }

  /** A named model of each kind: 0 kmeans, 1 dbscan, 2 gmm, 3 pca. */
  private static Object named(int kind) {
    Dataset x = Generators.blobs(40, 3, 2, 1, 0, 5).data().withColumnNames(List.of("a", "b", "c"));
    switch (kind) {
      case 0:
        return KMeans.k(2).seed(1).fit(x);
      case 1:
        return Dbscan.eps(1.5).minPts(3).fit(x);
      case 2:
        return GaussianMixture.components(2).seed(1).fit(x);
      default:
        return Pca.components(2).fit(x);
    }
  }

  /** Corrupted names, re-signed so that only validation stands in the way, are refused with the path named. */
  @Test
  void corruptedNamesAreRefused() {
    String[] prefix = {"KMeansModel", "DbscanModel", "GaussianMixtureModel", "PcaModel"};
    for (int kind = 0; kind < 4; kind++) {
      Object m = named(kind);
      Class<?> type = ModelFilesKindsTest.TYPES.get(kind);
      String p = "invalid model file at state: " + prefix[kind] + " state: ";
      assertRejected(p + "columnNames must have one name per column (3), got 2",
          edit(m, d -> names(d).remove(2)), type);
      assertRejected(p + "columnNames must have one name per column (3), got 4",
          edit(m, d -> names(d).add("d")), type);
      assertRejected(p + "columnNames must be distinct, got \"a\" twice (at 0 and 2)",
          edit(m, d -> names(d).set(2, "a")), type);
      assertRejected("invalid model file at state.columnNames[1]: expected a string, got 7",
          edit(m, d -> names(d).set(1, 7)), type);
      assertRejected("invalid model file at state.columnNames[0]: expected a string, got null",
          edit(m, d -> names(d).set(0, d.nullNode())), type);
      assertRejected("invalid model file at state.columnNames: expected an array, got \"a\"",
          edit(m, d -> state(d).put("columnNames", "a")), type);
      assertRejected("invalid model file at state: missing field \"columnNames\"",
          edit(m, d -> state(d).putNull("columnNames")), type);
      // A changed name without re-signing is caught by the checksum.
      String json = ModelFiles.toJson(m);
      assertTrue(json.contains("\"b\""), json);
      assertRejected("invalid model file at the top level: checksum mismatch", json.replace("\"b\"", "\"B\""), type);
    }
  }

  private static ArrayNode names(ObjectNode doc) {
    return (ArrayNode) state(doc).get("columnNames");
  }

  private static String edit(Object m, Consumer<ObjectNode> change) {
    return ModelFilesKindsTest.edit(m, change);
  }

  private static void assertRejected(String expected, String json, Class<?> type) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(json, type));
    assertTrue(e.getMessage().startsWith(expected), () -> "message was: " + e.getMessage());
  }

  /**
   * A model fitted on named columns, saved and loaded, keeps its names, answers exactly as the original, and refuses a
   * permutation of the named columns unless it is the identity, as the original does.
   */
  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void savedModelsKeepTheirNamesAndTheCheck(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int kind) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("column " + j + " (" + (seed & 0xff) + ")");
    }
    Dataset x = Generators.blobs(30, d, 2, 1, 0, seed).data().withColumnNames(names);
    Object m;
    switch (kind) {
      case 0:
        m = KMeans.k(2).seed(seed).fit(x);
        break;
      case 1:
        m = Dbscan.eps(1).minPts(3).fit(x);
        break;
      case 2:
        m = GaussianMixture.components(2).seed(seed).fit(x);
        break;
      default:
        m = Pca.components(1).fit(x);
        break;
    }
    Object back = ModelFiles.fromJson(ModelFiles.toJson(m), ModelFilesKindsTest.TYPES.get(kind));
    assertEquals(ModelFilesKindsTest.state(m), ModelFilesKindsTest.state(back));
    Dataset q = Generators.blobs(10, d, 2, 2, 0.3, seed + 1).data();
    assertEquals(ModelFilesKindsTest.answers(m, q), ModelFilesKindsTest.answers(back, q));
    assertEquals(ModelFilesKindsTest.answers(m, q), ModelFilesKindsTest.answers(back, q.withColumnNames(names)));
    int[] perm = new int[d];
    for (int j = 0; j < d; j++) {
      perm[j] = j;
    }
    for (int j = d - 1; j > 0; j--) {
      int t = rng.nextInt(j + 1);
      int tmp = perm[j];
      perm[j] = perm[t];
      perm[t] = tmp;
    }
    List<String> permuted = new ArrayList<>();
    boolean identity = true;
    for (int j = 0; j < d; j++) {
      permuted.add(names.get(perm[j]));
      identity &= perm[j] == j;
    }
    Dataset p = q.withColumnNames(permuted);
    for (Object model : new Object[] {m, back}) {
      if (identity) {
        ModelFilesKindsTest.answers(model, p);
      } else {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ModelFilesKindsTest.answers(model, p));
        assertTrue(e.getMessage().startsWith("data's columns must match")
            || e.getMessage().startsWith("points' columns must match"), e.getMessage());
      }
    }
  }
}
