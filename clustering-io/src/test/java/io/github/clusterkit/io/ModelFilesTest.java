package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.Log1p;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.RobustScaler;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

  static Table table() {
    return Table.builder()
        .numeric("id", new double[] {1, 2, 3, 4, 5})
        .categorical("gender", new String[] {"Male", "Female", null, "Female", "Male"})
        .numeric("income", new double[] {15.5, Double.NaN, 40, 1e6, 0.1})
        .numeric("score", new double[] {1, 2, 3, 4, 5})
        .categorical("city", new String[] {"Köln", "a \"quoted\" name", "Köln", null, "x"})
        .build();
  }

  /** A pipeline with every step kind. */
  static PipelineModel everyStep() {
    return Pipeline.of(ColumnSelector.drop("id"), Imputer.median(), Imputer.mostFrequent().columns("gender"),
        Imputer.constant("unknown"), new Log1p().columns("income"), new RobustScaler().columns("income"),
        new MinMaxScaler().range(-1, 1).columns("score"), new OneHotEncoder().columns("gender"),
        new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE).columns("city"),
        new StandardScaler()).fit(table());
  }

  private static void assertRejected(String expected, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, PipelineModel.class));
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  /** Edits the document tree and re-signs it, to reach the validation behind the checksum. */
  static String edit(PipelineModel m, Consumer<ObjectNode> change) {
    ObjectNode doc = ModelFiles.parse(ModelFiles.toJson(m).getBytes(StandardCharsets.UTF_8));
    change.accept(doc);
    doc.put("checksum", ModelFiles.checksum(doc));
    return doc.toString();
  }

  private static ObjectNode step(ObjectNode doc, int k) {
    return (ObjectNode) doc.get("state").get("steps").get(k);
  }

  @Test
  void newCustomerWithUnknownCategoryInAnotherProcess(@TempDir Path dir) throws IOException {
    // The segmentation flow: fit on a customer CSV, save the pipeline, load it elsewhere and transform a file
    // holding one new customer whose gender is not known. Csv reads that all-empty column as numeric; the
    // pipeline reads it as missing categories. Expected row: that of the same customer with gender typed
    // categorical (and missing), i.e. imputed as the most frequent gender.
    Table train = Csv.parse("id,Gender,Age\n1,Male,20\n2,Female,30\n3,Female,40\n", CsvOptions.defaults());
    PipelineModel p = Pipeline.of(ColumnSelector.drop("id"), Imputer.mostFrequent(), new OneHotEncoder(),
        new StandardScaler()).fit(train);
    Path f = dir.resolve("preprocess.json");
    ModelFiles.save(p, f);
    PipelineModel back = ModelFiles.load(f, PipelineModel.class);
    Table newCustomer = Csv.parse("Age,Gender,id\n30,,9\n", CsvOptions.defaults());
    Table typed = Csv.parse("Age,Gender,id\n30,,9\n", CsvOptions.defaults().type("Gender",
        io.github.clusterkit.data.ColumnType.CATEGORICAL));
    assertEquals(back.transform(typed), back.transform(newCustomer));
    // Gender=Female (1 - 2/3) / sqrt(2/9) = 1/sqrt(2), Gender=Male -1/sqrt(2), Age 30 is the mean -> 0.
    assertArrayEquals(new double[] {Math.sqrt(0.5), -Math.sqrt(0.5), 0}, back.transform(newCustomer).row(0),
        1e-15);
  }

  @Test
  void savedFilesHaveTheAccessOfOtherFiles(@TempDir Path dir) throws IOException {
    // Expected permissions: those of a file written with Files.write in the same folder (the process's umask),
    // and, for a file that is replaced, its own permissions, as writing over it in place keeps them. Before the
    // fix every saved model was owner-only (rw-------, from Files.createTempFile), also when it replaced a
    // readable file, so a service running as another account could no longer load it.
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
    PipelineModel p = everyStep();
    Path plain = dir.resolve("plain.txt");
    Files.write(plain, new byte[] {1});
    Path f = dir.resolve("model.json");
    ModelFiles.save(p, f);
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    for (String perms : new String[] {"rw-r--r--", "rw-r-----", "rw-------", "rw-rw-r--"}) {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
      ModelFiles.save(p, f);
      assertEquals(perms, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
      assertEquals(p, ModelFiles.load(f, PipelineModel.class));
    }
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file is left behind");
    }
  }

  /**
   * Saving into a folder that does not exist names the caller's file and its folder; before, the exception named
   * only the temporary file ({@code .clusterkit-<random>.tmp}) that save writes first, a path the caller never gave.
   */
  @Test
  void saveIntoAMissingFolderNamesTheFileAndTheFolder(@TempDir Path dir) {
    Path f = dir.resolve("no-such-folder").resolve("model.json");
    java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class,
        () -> ModelFiles.save(everyStep(), f));
    assertEquals(f.toString(), e.getFile());
    assertTrue(e.getMessage().contains("its folder " + f.getParent().toAbsolutePath() + " does not exist"),
        e.getMessage());
    assertTrue(Files.notExists(f.getParent()), "no folder is created");
  }

  @Test
  void writeAtomicallyReplacesTheFileAndLeavesNothingElse(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bundle.json");
    ModelFiles.writeAtomically("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), f);
    ModelFiles.writeAtomically("{\"b\": 2}".getBytes(StandardCharsets.UTF_8), f);
    assertEquals("{\"b\": 2}", Files.readString(f));
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "the temporary file is moved, not left beside it");
    }
    assertEquals("bytes must not be null",
        assertThrows(IllegalArgumentException.class, () -> ModelFiles.writeAtomically(null, f)).getMessage());
    assertEquals("file must not be null",
        assertThrows(IllegalArgumentException.class, () -> ModelFiles.writeAtomically(new byte[0], null)).getMessage());
  }

  @Test
  void roundTripIsExact(@TempDir Path dir) throws IOException {
    PipelineModel p = everyStep();
    Path f = dir.resolve("model.json");
    ModelFiles.save(p, f);
    PipelineModel back = ModelFiles.load(f, PipelineModel.class);
    assertEquals(p, back);
    assertEquals(p.outputColumns(), back.outputColumns());
    assertArrayEquals(p.transform(table()).toArray(), back.transform(table()).toArray());
    // Saving the reloaded model gives the same bytes; streams work as files do.
    assertEquals(ModelFiles.toJson(p), ModelFiles.toJson(back));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelFiles.write(p, out);
    assertEquals(p, ModelFiles.read(new ByteArrayInputStream(out.toByteArray()), PipelineModel.class));
    assertEquals(p, ModelFiles.load(f, Object.class));
    String text = Files.readString(f);
    assertTrue(text.contains("\"format\" : \"clusterkit-model\""), text);
    assertTrue(text.contains("\"formatVersion\" : 1"), text);
    assertTrue(text.contains("\"kind\" : \"pipeline\""), text);
  }

  @Test
  void rejectsBrokenDocuments() {
    String good = ModelFiles.toJson(everyStep());
    assertRejected("not a valid JSON document", good.substring(0, good.length() / 2));
    assertRejected("the document is empty", "");
    assertRejected("expected a JSON object", "[1, 2]");
    assertRejected("not a valid JSON document", good + " {}");
    assertRejected("not a valid JSON document", "{\"a\": 1, \"a\": 2}");
    assertRejected("not a valid JSON document", "[".repeat(200) + "]".repeat(200));
    assertRejected("not a valid JSON document", "{\"x\": 1" + "0".repeat(100) + "}");
    assertRejected("missing field \"format\"", "{}");
    assertRejected("format must be \"clusterkit-model\"", good.replace("clusterkit-model", "pickle"));
    assertRejected("unsupported format version 2", good.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
    assertRejected("checksum mismatch", good.replace("\"Male\"", "\"Mole\""));
    // A digit changed in a fitted value is caught by the checksum.
    assertRejected("checksum mismatch", good.replaceFirst("\"means\" : \\[ (-?)(\\d)", "\"means\" : [ $1" + "9"));
  }

  @Test
  void rejectsTamperedButReSignedState() {
    PipelineModel p = everyStep();
    assertRejected("unknown model kind \"kmeans2\"", edit(p, d -> d.put("kind", "kmeans2")));
    assertRejected("unexpected field \"extra\"", edit(p, d -> d.put("extra", 1)));
    assertRejected("state.steps[9]: StandardScaler: scales[0] must be > 0, got -1.0",
        edit(p, d -> ((ArrayNode) step(d, 9).get("state").get("scales")).set(0, -1.0)));
    assertRejected("state.steps[9]: StandardScaler: means must have one value per column (8), got 7",
        edit(p, d -> ((ArrayNode) step(d, 9).get("state").get("means")).remove(0)));
    assertRejected("state.steps[9].state.means[1]: expected a number, got \"1\"",
        edit(p, d -> ((ArrayNode) step(d, 9).get("state").get("means")).set(1, "1")));
    assertRejected("unknown step \"pickle\"", edit(p, d -> step(d, 0).put("step", "pickle")));
    assertRejected("unknown imputer strategy", edit(p, d -> ((ObjectNode) step(d, 1).get("parameters"))
        .put("strategy", "java.lang.Runtime")));
    assertRejected("does not fit the columns before it", edit(p, d -> ((ArrayNode) step(d, 0).get("state")
        .get("columns")).set(0, "nope")));
    assertRejected("outputColumns", edit(p, d -> ((ArrayNode) d.get("state").get("outputColumns")).remove(0)));
    assertRejected("must be distinct", edit(p, d -> ((ArrayNode) step(d, 7).get("state").get("categories")
        .get(0)).add("Female")));
    assertRejected("missing field \"state\"", edit(p, d -> d.remove("state")));
    assertRejected("expected an array", edit(p, d -> ((ObjectNode) d.get("state")).put("steps", "all")));
  }

  @Test
  void libraryVersionIsTheOneWrittenIntoFiles() {
    ObjectNode doc = ModelFiles.parse(ModelFiles.toJson(everyStep()).getBytes(StandardCharsets.UTF_8));
    assertEquals(doc.get("libraryVersion").textValue(), ModelFiles.libraryVersion());
    // the project's version (version.properties, filled in by the build), not "unknown"
    assertTrue(ModelFiles.libraryVersion().matches("\\d+\\.\\d+\\.\\d+.*"), ModelFiles.libraryVersion());
  }

  @Test
  void meanImputerRoundTrips() {
    // The one strategy everyStep() does not use.
    PipelineModel p = Pipeline.of(Imputer.mean(), new StandardScaler()).fit(table().drop("gender", "city"));
    String json = ModelFiles.toJson(p);
    assertTrue(json.contains("\"strategy\" : \"mean\""), json);
    PipelineModel back = ModelFiles.fromJson(json, PipelineModel.class);
    assertEquals(p, back);
    assertArrayEquals(p.transform(table()).toArray(), back.transform(table()).toArray());
  }

  @Test
  void messagesNameThePathOnceAndQuoteShortValuesWhole() {
    PipelineModel p = everyStep();
    // An error of the document inside a step keeps its own path (no second "invalid model file at" prefix); one of
    // the library's checks gets the step's path.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(
        edit(p, d -> ((ArrayNode) step(d, 9).get("state").get("means")).set(1, "1")), PipelineModel.class));
    assertEquals("invalid model file at state.steps[9].state.means[1]: expected a number, got \"1\"",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(
        edit(p, d -> ((ArrayNode) step(d, 9).get("state").get("scales")).set(0, -1.0)), PipelineModel.class));
    assertEquals("invalid model file at state.steps[9]: StandardScaler: scales[0] must be > 0, got -1.0",
        e.getMessage());
    // Texts from the file are quoted whole up to 40 characters, longer ones cut to 37 and "...".
    String forty = "q".repeat(40);
    String cut = "q".repeat(37) + "...";
    assertRejected("unknown step \"" + forty + "\"", edit(p, d -> step(d, 0).put("step", forty)));
    assertRejected("unknown step \"" + cut + "\"", edit(p, d -> step(d, 0).put("step", forty + "r")));
    assertRejected("unexpected field \"" + forty + "\"", edit(p, d -> d.put(forty, 1)));
    assertRejected("unexpected field \"" + cut + "\"", edit(p, d -> d.put(forty + "r", 1)));
    assertRejected("unknown model kind \"" + forty + "\"", edit(p, d -> d.put("kind", forty)));
    assertRejected("unknown model kind \"" + cut + "\"", edit(p, d -> d.put("kind", forty + "r")));
    assertRejected("format must be \"clusterkit-model\", got \"" + forty + "\"", edit(p, d -> d.put("format", forty)));
    // a value is shown as JSON: 38 characters and the two quotes are 40
    String thirtyEight = "q".repeat(38);
    assertRejected("means[1]: expected a number, got \"" + thirtyEight + "\"",
        edit(p, d -> ((ArrayNode) step(d, 9).get("state").get("means")).set(1, thirtyEight)));
    assertRejected("means[1]: expected a number, got \"" + "q".repeat(36) + "...",
        edit(p, d -> ((ArrayNode) step(d, 9).get("state").get("means")).set(1, thirtyEight + "r")));
  }

  @Test
  void invalidJsonIsReportedWithTheParsersReason() {
    // The first line of Jackson's message says what is wrong (here a repeated key, and text after the document).
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson("{\"a\": 1, \"a\": 2}", PipelineModel.class));
    assertTrue(e.getMessage().startsWith("invalid model file: not a valid JSON document: Duplicate"), e.getMessage());
    assertTrue(e.getMessage().contains("'a'") || e.getMessage().contains("\"a\""), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  /** A stream of {@code head} followed by spaces, {@code length} bytes in all, generated as it is read. */
  private static java.io.InputStream padded(byte[] head, long length) {
    return new java.io.InputStream() {
      private long pos;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= length) {
          return -1;
        }
        int n = (int) Math.min(len, length - pos);
        int fromHead = (int) Math.max(0, Math.min(n, head.length - pos));
        if (fromHead > 0) {
          System.arraycopy(head, (int) pos, b, off, fromHead);
        }
        java.util.Arrays.fill(b, off + fromHead, off + n, (byte) ' ');
        pos += n;
        return n;
      }
    };
  }

  @Test
  void documentsUpToTheSizeLimitAreReadAndLongerOnesRefused(@TempDir Path dir) throws IOException {
    // MAX_FILE_BYTES (64 MiB) is the largest document accepted: a valid document padded with spaces (white space
    // JSON allows after the document) to exactly the limit loads; one byte more is refused, from a stream while it
    // is read, from a file by its size before reading.
    PipelineModel p = everyStep();
    byte[] doc = ModelFiles.toJson(p).getBytes(StandardCharsets.UTF_8);
    long max = ModelFiles.MAX_FILE_BYTES;
    assertEquals(67108864L, max);
    assertEquals(p, ModelFiles.read(padded(doc, max), PipelineModel.class));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.read(padded(doc, max + 1), PipelineModel.class));
    assertEquals("model document is larger than the limit of 67108864 bytes", e.getMessage());
    // Files of zero bytes (sparse, nothing written to disk): at the limit the file is read and its content
    // refused, one byte more and its size is.
    Path f = dir.resolve("big.json");
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(max);
    }
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(f, PipelineModel.class));
    assertTrue(e.getMessage().startsWith("invalid model file: not a valid JSON document"), e.getMessage());
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(max + 1);
    }
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(f, PipelineModel.class));
    assertEquals("model file " + f + " has 67108865 bytes, more than the limit of 67108864", e.getMessage());
  }

  @Test
  void wrongKindAndArguments(@TempDir Path dir) throws IOException {
    String json = ModelFiles.toJson(everyStep());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, String.class));
    assertTrue(e.getMessage().contains("holds a pipeline (PipelineModel), not a String"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.toJson("not a model"));
    assertEquals("cannot save a java.lang.String; supported kinds are [pipeline (PipelineModel), kmeans"
        + " (KMeansModel), dbscan (DbscanModel), gmm (GaussianMixtureModel), pca (PcaModel), hdbscan (HdbscanModel),"
        + " kmedoids (KMedoidsModel), bisectingKMeans (BisectingKMeansModel), birch (BirchModel), lof (LofModel),"
        + " isolationForest (IsolationForestModel), clusterPipeline (ClusterPipelineModel), outlierPipeline"
        + " (OutlierPipelineModel)]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ModelFiles.toJson(null));
    assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(json, null));
    // A null type is refused before the file or stream is read (also when the file is missing, or the stream
    // holds a valid model).
    assertEquals("type must not be null", assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.load(dir.resolve("none.json"), null)).getMessage());
    assertEquals("type must not be null", assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null)).getMessage());
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> ModelFiles.load(dir.resolve("none.json"), PipelineModel.class));
    assertTrue(ModelFiles.kinds().contains("pipeline"));
  }
}
