package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pipeline and the clustering fitted on its output, kept and applied together. */
class ClusterPipelineModelTest {

  /** Two groups of four customers and one far away, with an id column the pipeline drops. */
  private static final Table CUSTOMERS = Table.builder()
      .categorical("id", new String[] {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"})
      .numeric("income", new double[] {0, 0, 1, 1, 10, 10, 11, 11, 50})
      .numeric("spending", new double[] {0, 1, 0, 1, 10, 11, 10, 11, 50})
      .build();
  private static final PipelineModel PREP =
      Pipeline.of(ColumnSelector.drop("id"), Imputer.median(), new StandardScaler()).fit(CUSTOMERS);
  private static final Dataset X = PREP.transform(CUSTOMERS);

  private static List<ClusterModel> models() {
    return List.of(KMeans.k(3).seed(1).fit(X), GaussianMixture.components(2).seed(1).fit(X),
        Dbscan.eps(0.3).minPts(3).fit(X));
  }

  @Test
  void predictIsTheModelsPredictOfThePipelinesOutput() {
    // New customers: the id column left out, the columns in another order, an extra column; a missing cell that
    // the pipeline's imputer fills. The expected labels are the two parts applied by hand, the definition.
    Table fresh = Table.builder()
        .numeric("spending", new double[] {0.5, 10.5, Double.NaN, 49})
        .categorical("note", new String[] {"a", "b", "c", "d"})
        .numeric("income", new double[] {0.5, 10.5, 0, 49})
        .build();
    for (ClusterModel m : models()) {
      ClusterPipelineModel p = ClusterPipelineModel.of(PREP, m);
      assertArrayEquals(m.predict(PREP.transform(fresh)), p.predict(fresh), m.toString());
      assertArrayEquals(m.predict(X), p.predict(CUSTOMERS), m.toString());
      assertEquals(PREP.transform(fresh), p.transform(fresh));
      assertEquals(m.clusterCount(), p.clusterCount());
      assertSame(m, p.model());
      assertSame(PREP, p.pipeline());
      assertEquals(List.of("income", "spending"), p.requiredColumns());
      assertEquals(List.of(ColumnType.NUMERIC, ColumnType.NUMERIC), p.requiredTypes());
    }
    // By hand, for K-Means: the first two new customers sit inside the two groups, which k = 3 keeps apart from
    // the far customer (its own cluster).
    ClusterPipelineModel km = ClusterPipelineModel.of(PREP, models().get(0));
    int[] train = km.model().predict(X);
    int[] got = km.predict(fresh);
    assertEquals(train[0], got[0]);
    assertEquals(train[4], got[1]);
    assertEquals(train[8], got[3]);
  }

  @Test
  void aModelMustBeFittedOnThePipelinesOutput() {
    // Another dimension: a model of one column.
    KMeansModel oneColumn = KMeans.k(2).seed(1).fit(Dataset.of(new double[][] {{0}, {1}, {5}, {6}}, List.of("income")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterPipelineModel.of(PREP, oneColumn));
    assertEquals("model must be fitted on the pipeline's output: the pipeline gives 2 columns [income, spending], the"
        + " model has dimension 1 (fitted on [income])", e.getMessage());
    // The same dimension, other names (a model fitted on the columns swapped).
    Dataset swapped = Dataset.of(X.toRows(), List.of("spending", "income"));
    KMeansModel other = KMeans.k(3).seed(1).fit(swapped);
    e = assertThrows(IllegalArgumentException.class, () -> ClusterPipelineModel.of(PREP, other));
    assertEquals("model must be fitted on the pipeline's output: the pipeline gives columns [income, spending], the"
        + " model was fitted on [spending, income]", e.getMessage());
    // A model fitted without names (x0, x1) is paired on its dimension, as its own predict accepts any names.
    KMeansModel unnamed = KMeans.k(3).seed(1).fit(Dataset.of(X.toRows()));
    ClusterPipelineModel p = ClusterPipelineModel.of(PREP, unnamed);
    assertArrayEquals(unnamed.predict(X), p.predict(CUSTOMERS));
    e = assertThrows(IllegalArgumentException.class, () -> ClusterPipelineModel.of(null, unnamed));
    assertEquals("pipeline must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ClusterPipelineModel.of(PREP, null));
    assertEquals("model must not be null", e.getMessage());
  }

  @Test
  void clusterNames() {
    ClusterPipelineModel p = ClusterPipelineModel.of(PREP, models().get(0));
    assertEquals(List.of(), p.clusterNames());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.clusterName(0));
    assertEquals("this model has no cluster names (set them with withClusterNames)", e.getMessage());

    List<String> names = new ArrayList<>(List.of("Low", "High", "Far"));
    ClusterPipelineModel named = p.withClusterNames(names);
    names.set(0, "changed"); // the caller's list is copied
    assertEquals(List.of("Low", "High", "Far"), named.clusterNames());
    assertThrows(UnsupportedOperationException.class, () -> named.clusterNames().set(0, "x"));
    assertEquals("High", named.clusterName(1));
    assertEquals(ClusterPipelineModel.NOISE, named.clusterName(-1));
    assertEquals(List.of(), p.clusterNames()); // the original is unchanged
    assertEquals(List.of(), named.withClusterNames(List.of()).clusterNames());

    e = assertThrows(IllegalArgumentException.class, () -> named.clusterName(3));
    assertEquals("label must be in [-1, 3), got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> named.clusterName(-2));
    assertEquals("label must be in [-1, 3), got -2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.withClusterNames(List.of("a", "b")));
    assertEquals("names must hold one name per cluster (3) or none, got 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.withClusterNames(Arrays.asList("a", null, "c")));
    assertEquals("names must be non-null and not blank, got null at index 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.withClusterNames(List.of("a", "b", " ")));
    assertEquals("names must be non-null and not blank, got \" \" at index 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.withClusterNames(null));
    assertEquals("names must not be null", e.getMessage());
  }

  @Test
  void typedModelAndText() {
    List<ClusterModel> ms = models();
    ClusterPipelineModel p = ClusterPipelineModel.of(PREP, ms.get(0));
    assertSame(ms.get(0), p.model(KMeansModel.class));
    assertSame(ms.get(0), p.model(ClusterModel.class));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.model(io.github.clusterkit.dbscan.DbscanModel.class));
    assertEquals("type must be the model's type, KMeansModel, got DbscanModel", e.getMessage());

    // identity equality, as the models'
    assertNotEquals(p, ClusterPipelineModel.of(PREP, ms.get(0)));
    String text = p.withClusterNames(List.of("a", "b", "c")).toString();
    assertTrue(text.startsWith("ClusterPipelineModel[PipelineModel[3 inputs -> 2 outputs; "), text);
    assertTrue(text.contains(" -> KMeansModel[k=3, d=2, n=9, "), text);
    assertTrue(text.endsWith("; names=[a, b, c]]"), text);
  }

  @Test
  void scoresOneCustomerGivenAsAMap() {
    ClusterPipelineModel p = ClusterPipelineModel.of(PREP, models().get(0));
    java.util.Map<String, Object> customer = new java.util.LinkedHashMap<>();
    customer.put("income", 10.5);
    customer.put("spending", null); // unknown: the pipeline's imputer gives the median of spending, 10
    // By hand: (10.5, 10) lies in the second group, rows 4 to 7, far from the first group and the far customer.
    int[] train = p.model().predict(X);
    assertEquals(train[4], p.predict(Table.ofRow(customer))[0]);
    customer.put("spending", 0.5);
    customer.put("income", 0.5);
    assertEquals(train[0], p.predict(Table.ofRow(customer))[0]);
  }

  @Test
  void switchesTheUnknownCategoryRuleKeepingModelAndNames() {
    Table t = Table.builder()
        .numeric("income", new double[] {0, 0, 1, 1, 10, 10, 11, 11})
        .categorical("channel", new String[] {"web", "web", "web", "web", "shop", "shop", "shop", "shop"})
        .build();
    PipelineModel prep = Pipeline.of(new io.github.clusterkit.preprocess.OneHotEncoder(), new StandardScaler())
        .fit(t);
    ClusterPipelineModel p = ClusterPipelineModel.of(prep, KMeans.k(2).seed(1).fit(prep.transform(t)))
        .withClusterNames(List.of("A", "B"));
    Table phone = Table.builder().numeric("income", new double[] {10.5})
        .categorical("channel", new String[] {"phone"}).build();
    assertThrows(IllegalArgumentException.class, () -> p.predict(phone));
    ClusterPipelineModel lenient = p.withHandleUnknown(
        io.github.clusterkit.preprocess.OneHotEncoder.HandleUnknown.IGNORE);
    assertSame(p.model(), lenient.model());
    assertEquals(p.clusterNames(), lenient.clusterNames());
    // The oracle: the model's own predict of the switched pipeline's output (both encoder columns 0, then scaled).
    assertArrayEquals(p.model().predict(prep.withHandleUnknown(
        io.github.clusterkit.preprocess.OneHotEncoder.HandleUnknown.IGNORE).transform(phone)), lenient.predict(phone));
    // By hand: scaled columns (income, channel=shop, channel=web); the phone customer is (0.995, -1, -1), at squared
    // distance 1.99^2 + 0 + 4 = 7.96 from the web group's centroid (-0.995, -1, 1) and 0 + 4 + 0 = 4 from the shop
    // group's (0.995, 1, -1): the shop group, rows 4 to 7.
    assertEquals(p.model().predict(prep.transform(t))[4], lenient.predict(phone)[0]);
    assertSame(lenient, lenient.withHandleUnknown(io.github.clusterkit.preprocess.OneHotEncoder.HandleUnknown.IGNORE));
  }
}
