package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A missing category at fit time: scikit-learn 1.2.1's {@code OneHotEncoder()} makes it a column of its own, the
 * encoder here refuses it, and its Javadoc (silent on the difference until a user trial porting a notebook met it)
 * now names the remedy, {@link Imputer#constant(String)} first. Expected values: scikit-learn 1.2.1
 * ({@code tools/porting_reference.py}) on the column {@code b, None, a, b}.
 */
class OneHotMissingCategoryTest {

  private static final Table G = Table.builder().categorical("g", new String[] {"b", null, "a", "b"}).build();

  @Test
  void theEncoderRefusesAMissingCategoryAtFit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OneHotEncoder().fit(G));
    assertTrue(e.getMessage().contains("column 'g' has a missing value at row 1"), e.getMessage());
  }

  @Test
  void aConstantFillFirstGivesScikitLearnsColumnForIt() {
    PipelineModel p = Pipeline.of(Imputer.constant("missing"), new OneHotEncoder()).fit(G);
    // categories_ ['a', 'b', None], get_feature_names_out(['g']) ['g_a', 'g_b', 'g_None']
    assertEquals(List.of("g=a", "g=b", "g=missing"), p.outputColumns());
    Dataset x = p.transform(G);
    // transform: [[0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]]
    double[][] expected = {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}};
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], x.row(i), "row " + i);
    }
  }
}
