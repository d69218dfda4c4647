package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Data without names and data whose given names read {@code x0, x1} are told apart by models (the given names are
 * checked against a dataset's, the placeholders are not; see {@link Dataset#hasColumnNames()}). Found in review: the
 * models' states and {@link Dataset} itself called the two equal although the models built from them behave
 * differently. The oracle is the models' own behaviour: a dataset with the two columns' names swapped is refused by the
 * model fitted on given names only.
 */
class NamesKindEqualityTest {

  private static final double[][] ROWS = {{0, 0}, {0, 1}, {1, 0}, {9, 9}, {9, 10}, {10, 9}, {5, 5}};
  private static final Dataset UNNAMED = Dataset.of(ROWS);
  private static final Dataset GIVEN = Dataset.of(ROWS, List.of("x0", "x1"));
  private static final Dataset SWAPPED = Dataset.of(ROWS, List.of("x1", "x0"));

  @Test
  void datasetsWithAndWithoutNamesAreNotEqual() {
    assertFalse(UNNAMED.hasColumnNames());
    assertTrue(GIVEN.hasColumnNames());
    assertEquals(UNNAMED.columnNames(), GIVEN.columnNames()); // the same strings
    assertNotEquals(UNNAMED, GIVEN);
    assertNotEquals(GIVEN, UNNAMED);
    assertEquals(UNNAMED, Dataset.of(ROWS));
    assertEquals(GIVEN, Dataset.of(ROWS, List.of("x0", "x1")));
  }

  @Test
  void kMeansStates() {
    KMeans k = KMeans.k(2).seed(1);
    assertStatesDiffer(k::fit, KMeansModel::state, KMeansModel::fromState, KMeansModel::predict);
  }

  @Test
  void mixtureStates() {
    GaussianMixture g = GaussianMixture.components(2).seed(1);
    assertStatesDiffer(g::fit, GaussianMixtureModel::state, GaussianMixtureModel::fromState,
        GaussianMixtureModel::predict);
  }

  @Test
  void dbscanStates() {
    Dbscan db = Dbscan.eps(1.5).minPts(3);
    assertStatesDiffer(db::fit, DbscanModel::state, DbscanModel::fromState, DbscanModel::predict);
  }

  @Test
  void pcaStates() {
    Pca p = Pca.components(2);
    assertStatesDiffer(p::fit, PcaModel::state, PcaModel::fromState, PcaModel::transform);
  }

  /**
   * The states of fits on the data without names and with the names {@code x0, x1} differ, those of two fits without
   * names do not; the model from the first state takes the swapped names, the one from the second refuses them.
   */
  private static <M, S> void assertStatesDiffer(Function<Dataset, M> fit, Function<M, S> state,
      Function<S, M> fromState, BiConsumer<M, Dataset> use) {
    S unnamed = state.apply(fit.apply(UNNAMED));
    S given = state.apply(fit.apply(GIVEN));
    assertEquals(unnamed, state.apply(fit.apply(UNNAMED)));
    assertNotEquals(unnamed, given);
    use.accept(fromState.apply(unnamed), SWAPPED);
    assertThrows(IllegalArgumentException.class, () -> use.accept(fromState.apply(given), SWAPPED));
  }
}
