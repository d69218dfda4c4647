package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Javadoc of the io package, kept true: the defaults of {@link CsvOptions} and the code snippets of
 * {@link Csv} and {@link ModelFiles}, with their stated results asserted. The snippets' statements are
 * verbatim except for the file locations (a shared-data file and a temporary folder instead of the working
 * directory).
 */
class DocumentationTest {

  @Test
  void csvOptionsDefaults() {
    // CsvOptions: "comma-separated, double-quoted, a decimal point, a header row, "" and "NA" as missing, every
    // column's type inferred, UTF-8, fields kept with the spaces around them".
    CsvOptions o = CsvOptions.defaults();
    assertEquals(',', o.delimiter());
    assertEquals('"', o.quote());
    assertEquals('.', o.decimalSeparator());
    assertTrue(o.header());
    assertEquals(Set.of("", "NA"), o.missingTokenSet());
    assertTrue(o.types().isEmpty());
    assertEquals(StandardCharsets.UTF_8, o.charset());
    assertFalse(o.trimSpaces());
    assertEquals("CsvOptions[delimiter=',', quote='\"', decimalSeparator='.', header=true, missing=[, NA],"
        + " types={}, charset=UTF-8, trimSpaces=false]", o.toString());
  }

  @Test
  void csvSnippet(@TempDir Path dir) throws IOException {
    Path shop = dir.resolve("shop.csv");
    Files.writeString(shop, "item;price;size\nhat;12.5;?\nscarf;;M\nbelt;7;L\n", StandardCharsets.UTF_8);
    Path kunden = dir.resolve("kunden.csv");
    Files.writeString(kunden, "Kunde;Umsatz\nA;1250,75\nB;-3,5e2\n", StandardCharsets.UTF_8);
    Path ccGeneral = TestData.shared("cc_general.csv");
    // --- Csv class comment (paths aside) ---
    Table t = Csv.read(ccGeneral).drop("CUST_ID");
    Table m = Csv.read(shop, CsvOptions.defaults().delimiter(';').missingTokens("", "?"));
    Table e = Csv.read(kunden, CsvOptions.defaults().delimiter(';').decimalSeparator(','));
    // --- end ---
    // cc_general.csv: 18 columns, 8950 rows (DATA.md); without CUST_ID all 17 are numeric.
    assertEquals(8950, t.rowCount());
    assertEquals(17, t.columnCount());
    assertEquals(17, t.columnNames(ColumnType.NUMERIC).size());
    // shop.csv as written above: ';' separates, "" and "?" are missing (the default "NA" no longer is).
    assertEquals(List.of("item", "price", "size"), m.columnNames());
    assertArrayEquals(new double[] {12.5, Double.NaN, 7}, m.numeric("price"));
    assertArrayEquals(new String[] {null, "M", "L"}, m.categorical("size"));
    // kunden.csv: decimal commas, 1250,75 = 1250.75 and -3,5e2 = -350
    assertArrayEquals(new double[] {1250.75, -350}, e.numeric("Umsatz"));
  }

  @Test
  void modelFilesSnippet(@TempDir Path dir) throws IOException {
    Table table = Table.builder().numeric("a", new double[] {1, Double.NaN, 4}).numeric("b", new double[] {2, 3, 9})
        .build();
    PipelineModel pipeline = Pipeline.of(Imputer.median(), new StandardScaler()).fit(table);
    Path file = dir.resolve("preprocess.json");
    // --- ModelFiles class comment (path aside) ---
    ModelFiles.save(pipeline, file);
    PipelineModel back = ModelFiles.load(file, PipelineModel.class);
    // --- end ---
    // "equal in state to the one saved", so it transforms exactly as the original.
    assertEquals(pipeline, back);
    assertArrayEquals(pipeline.transform(table).toArray(), back.transform(table).toArray());
    // The document's layout as the class comment shows it.
    String json = Files.readString(file, StandardCharsets.UTF_8);
    for (String field : new String[] {"\"format\" : \"clusterkit-model\"", "\"formatVersion\" : 1",
        "\"libraryVersion\" : ", "\"kind\" : \"pipeline\"", "\"parameters\" : ", "\"state\" : ",
        "\"checksum\" : \"sha256:"}) {
      assertTrue(json.contains(field), field);
    }
  }
}
