package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;
import org.junit.jupiter.api.Test;

/**
 * A model fitted with {@link Pca.Signs#SCORES} is saved and loaded as any PCA model: the {@code "pca"} file stores
 * the components already signed (the format has no field for the convention and needs none), so the loaded model
 * transforms bit for bit as the fitted one. The data are {@code PcaSignsTest}'s five rows, whose second component
 * the two conventions sign differently (scikit-learn 1.2.1 through {@code tools/porting_conveniences_reference.py},
 * section [D]).
 */
class PcaSignsModelFileTest {

  private static final Dataset FIVE = Dataset.of(new double[][] {{1, 6, 7}, {0, 1, 4}, {3, 8, 5}, {4, 4, 6},
      {5, 1, 7}});

  @Test
  void aScoresSignedModelRoundTripsWithItsSigns() {
    PcaModel scores = Pca.components(3).signs(Pca.Signs.SCORES).fit(FIVE);
    PcaModel plain = Pca.components(3).fit(FIVE);
    String json = ModelFiles.toJson(scores);
    PcaModel back = ModelFiles.fromJson(json, PcaModel.class);
    assertEquals(scores.state(), back.state());
    assertArrayEquals(scores.transform(FIVE).toArray(), back.transform(FIVE).toArray(), 0.0);
    // [D]: the second component is the other way round from the default's, and the file keeps that
    assertEquals(-plain.components()[1][0], back.components()[1][0], 0.0);
    assertNotEquals(ModelFiles.toJson(plain), json);
    // a file of the default convention (the format as before) still loads to the same model
    assertEquals(plain.state(), ModelFiles.fromJson(ModelFiles.toJson(plain), PcaModel.class).state());
    // everything else is the default model's, bit for bit
    assertArrayEquals(plain.mean(), back.mean(), 0.0);
    assertArrayEquals(plain.explainedVariance(), back.explainedVariance(), 0.0);
    assertArrayEquals(plain.singularValues(), back.singularValues(), 0.0);
    int[] sign = {1, -1, 1};
    for (int j = 0; j < 3; j++) {
      for (int a = 0; a < 3; a++) {
        assertEquals(sign[j] * plain.components()[j][a], back.components()[j][a], 0.0);
      }
    }
  }
}
