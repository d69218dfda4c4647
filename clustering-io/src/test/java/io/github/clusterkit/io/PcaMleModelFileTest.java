package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;
import org.junit.jupiter.api.Test;

/**
 * A model fitted with {@link Pca#mle()} is the model of the count it chose: its {@code "pca"} file is byte for byte
 * the file of {@code Pca.components(k)} fitted on the same data (the format stores the fitted model, not how its count
 * was chosen, and needs no new field), and it loads and transforms bit for bit. The data: six rows for which
 * scikit-learn 1.2.1's {@code PCA(n_components='mle')} keeps 2 of 3 components ({@code tools/pca_mle_reference.py}).
 */
class PcaMleModelFileTest {

  private static final Dataset ROWS = Dataset.of(new double[][] {{1, 2, 0.5}, {2, 4.1, 1}, {3, 6, 1.6},
      {4, 7.9, 2}, {5, 10.2, 2.4}, {6, 12, 3.1}});

  @Test
  void anMleModelIsSavedAsTheModelOfItsCount() {
    for (Pca.Solver solver : new Pca.Solver[] {Pca.Solver.SVD, Pca.Solver.COVARIANCE}) {
      PcaModel mle = Pca.mle().solver(solver).fit(ROWS);
      assertEquals(2, mle.componentCount());
      PcaModel fixed = Pca.components(2).solver(solver).fit(ROWS);
      String json = ModelFiles.toJson(mle);
      assertEquals(ModelFiles.toJson(fixed), json);
      PcaModel back = ModelFiles.fromJson(json, PcaModel.class);
      assertEquals(mle.state(), back.state());
      assertArrayEquals(mle.transform(ROWS).toArray(), back.transform(ROWS).toArray(), 0.0);
      assertEquals(mle.noiseVariance(), back.noiseVariance(), 0.0);
    }
  }
}
