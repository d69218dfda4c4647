package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.testutil.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real customer tables against scikit-learn 1.2.1. Every expected value comes from
 * {@code tools/preprocess_reference.py} (fixtures under {@code fixtures/preprocess/}); the data files are
 * read from the shared data folder with a test-only reader (the library's CSV reader lives in clustering-io,
 * which repeats these checks through it).
 */
class PreprocessReferenceTest {

  /** Reads a simple CSV without quotes: header row, cells split at commas, empty cell = missing. */
  static Table readSimple(Path file, String categoricalColumn) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        rows.add(lines.get(i).split(",", -1));
      }
    }
    Table.Builder b = Table.builder();
    for (int j = 0; j < header.length; j++) {
      if (header[j].equals(categoricalColumn)) {
        String[] v = new String[rows.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = rows.get(i)[j];
        }
        b.categorical(header[j], v);
      } else {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
          String s = rows.get(i)[j];
          v[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }
        b.numeric(header[j], v);
      }
    }
    return b.build();
  }

  static List<String[]> fixture(String name) throws IOException {
    try (InputStream in = PreprocessReferenceTest.class.getResourceAsStream("/fixtures/preprocess/" + name)) {
      List<String[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line.split(",", -1));
        }
      }
      return out;
    }
  }

  static String[] get(List<String[]> fx, String key) {
    for (String[] r : fx) {
      if (r[0].equals(key)) {
        return Arrays.copyOfRange(r, 1, r.length);
      }
    }
    throw new AssertionError("no fixture line " + key);
  }

  static double[] doubles(String[] s, int from) {
    double[] out = new double[s.length - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.parseDouble(s[from + i]);
    }
    return out;
  }

  static void assertClose(double[] expected, double[] actual, double relTol, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int k = 0; k < expected.length; k++) {
      double tol = relTol * Math.max(1, Math.abs(expected[k]));
      assertEquals(expected[k], actual[k], tol, what + "[" + k + "]");
    }
  }

  @Test
  void ccGeneralMedianImputationThenStandardScalingMatchesScikitLearn() throws IOException {
    Table t = readSimple(SharedData.file("cc_general.csv"), "CUST_ID").drop("CUST_ID");
    List<String[]> fx = fixture("cc_general_median_standard.csv");
    assertEquals(Arrays.asList(get(fx, "columns")), t.columnNames());
    assertEquals(8950, t.rowCount());
    // DATA.md: MINIMUM_PAYMENTS has 313 empty cells, CREDIT_LIMIT one.
    assertEquals(313, t.missingCount("MINIMUM_PAYMENTS"));
    assertEquals(1, t.missingCount("CREDIT_LIMIT"));

    PipelineModel p = Pipeline.of(Imputer.median(), new StandardScaler()).fit(t);
    assertEquals(t.columnNames(), p.outputColumns());
    Imputer.Fitted imp = (Imputer.Fitted) p.steps().get(0);
    StandardScaler.Fitted sc = (StandardScaler.Fitted) p.steps().get(1);
    double[] medians = new double[17];
    for (int k = 0; k < 17; k++) {
      medians[k] = imp.numericFills().get(t.columnNames().get(k));
    }
    // scikit-learn 1.2.1: SimpleImputer(strategy='median').fit(X).statistics_ (exact: a data value or the
    // mean of two).
    assertArrayEquals(doubles(get(fx, "median_statistics"), 0), medians);
    // StandardScaler().fit(imputed).mean_ / .scale_, to 1e-12 relative.
    assertClose(doubles(get(fx, "scaler_mean"), 0), sc.means(), 1e-12, "mean");
    assertClose(doubles(get(fx, "scaler_scale"), 0), sc.scales(), 1e-12, "scale");

    // make_pipeline(SimpleImputer(strategy='median'), StandardScaler()).fit_transform(X)[row], to 1e-12.
    Dataset x = p.transform(t);
    assertEquals(8950, x.size());
    assertEquals(17, x.dimension());
    int checked = 0;
    for (String[] r : fx) {
      if (r[0].equals("transformed_row")) {
        int row = Integer.parseInt(r[2]);
        assertClose(doubles(r, 3), x.row(row), 1e-12, "row " + r[1]);
        checked++;
      }
    }
    assertEquals(7, checked);
  }

  @Test
  void ccGeneralOtherStepsMatchScikitLearn() throws IOException {
    Table t = readSimple(SharedData.file("cc_general.csv"), "CUST_ID").drop("CUST_ID");
    List<String[]> fx = fixture("cc_general_median_standard.csv");
    List<String> cols = t.columnNames();

    // SimpleImputer(strategy='mean').statistics_, to 1e-12 relative.
    Imputer.Fitted mean = Imputer.mean().fit(t);
    // SimpleImputer(strategy='most_frequent').statistics_ (exact: a data value; smallest on a tie).
    Imputer.Fitted mf = Imputer.mostFrequent().fit(t);
    double[] means = new double[cols.size()];
    double[] modes = new double[cols.size()];
    for (int k = 0; k < cols.size(); k++) {
      means[k] = mean.numericFills().get(cols.get(k));
      modes[k] = mf.numericFills().get(cols.get(k));
    }
    assertClose(doubles(get(fx, "mean_statistics"), 0), means, 1e-12, "mean imputation");
    assertArrayEquals(doubles(get(fx, "most_frequent_statistics"), 0), modes);

    // MinMaxScaler().fit(median-imputed X).data_min_ / data_max_ (exact).
    Table imputed = Imputer.median().fit(t).transform(t);
    MinMaxScaler.Fitted mm = new MinMaxScaler().fit(imputed);
    assertArrayEquals(doubles(get(fx, "minmax_data_min"), 0), mm.mins());
    assertArrayEquals(doubles(get(fx, "minmax_data_max"), 0), mm.maxs());

    // RobustScaler().fit(X) with NaN ignored: center_ exact, scale_ to 1e-12; and quantile_range=(10, 90).
    RobustScaler.Fitted rb = new RobustScaler().fit(t);
    assertArrayEquals(doubles(get(fx, "robust_center"), 0), rb.centers());
    assertClose(doubles(get(fx, "robust_scale"), 0), rb.scales(), 1e-12, "robust scale");
    RobustScaler.Fitted wide = new RobustScaler().quantileRange(10, 90).fit(t);
    assertClose(doubles(get(fx, "robust_10_90_scale"), 0), wide.scales(), 1e-12, "robust 10-90 scale");
  }

  @Test
  void mallOneHotGenderAndScaledNumbers() throws IOException {
    Table t = readSimple(SharedData.file("Mall_Customers.csv"), "Gender");
    List<String[]> fx = fixture("mall_onehot_standard.csv");
    PipelineModel p =
        Pipeline.of(ColumnSelector.drop("CustomerID"), new StandardScaler(), new OneHotEncoder()).fit(t);
    // scikit-learn 1.2.1 get_feature_names_out() order (one-hot Gender first), with '=' as separator.
    assertEquals(List.of("Gender=Female", "Gender=Male", "Age", "Annual Income (k$)", "Spending Score (1-100)"),
        p.outputColumns());
    assertEquals(Arrays.asList(get(fx, "feature_names")), p.outputColumns());
    StandardScaler.Fitted sc = (StandardScaler.Fitted) p.steps().get(1);
    assertClose(doubles(get(fx, "scaler_mean"), 0), sc.means(), 1e-12, "mean");
    assertClose(doubles(get(fx, "scaler_scale"), 0), sc.scales(), 1e-12, "scale");
    Dataset x = p.transform(t);
    assertEquals(200, x.size());
    // DATA.md: 112 Female, 88 Male.
    double female = 0;
    for (int i = 0; i < 200; i++) {
      female += x.get(i, 0);
      assertEquals(1.0, x.get(i, 0) + x.get(i, 1));
    }
    assertEquals(112.0, female);
    for (String[] r : fx) {
      if (r[0].equals("transformed_row")) {
        assertClose(doubles(r, 2), x.row(Integer.parseInt(r[1])), 1e-12, "row " + r[1]);
      }
    }
  }
}
