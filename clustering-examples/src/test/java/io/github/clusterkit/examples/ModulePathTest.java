package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.Silhouette;
import io.github.clusterkit.io.Csv;
import io.github.clusterkit.io.ModelFiles;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published jars as an application on the module path meets them. clustering-eval and clustering-io are named
 * modules (their descriptors are compiled into the jars only, see their POMs) and clustering-core an automatic one;
 * an application module that requires eval and io, and names neither FastCSV nor Jackson nor EJML, compiles and
 * runs (before the descriptors it needed {@code --add-modules} for FastCSV and Jackson and failed with
 * {@code NoClassDefFoundError} without it), and the {@code internal} package of eval is out of its reach.
 *
 * <p>The jars are those the reactor built before this module's tests; a build that stops before packaging
 * ({@code ./mvnw test}) has only classes folders, which cannot carry a descriptor: the tests are then skipped as
 * assumptions, and fail under CI ({@code CI=true}), whose {@code verify} packages first.
 */
class ModulePathTest {

  private static final String MAIN = String.join("\n",
      "package consumer;",
      "",
      "import io.github.clusterkit.data.Dataset;",
      "import io.github.clusterkit.data.Table;",
      "import io.github.clusterkit.eval.Silhouette;",
      "import io.github.clusterkit.io.Csv;",
      "import io.github.clusterkit.io.ModelFiles;",
      "import io.github.clusterkit.kmeans.KMeans;",
      "import io.github.clusterkit.kmeans.KMeansModel;",
      "import java.nio.file.Files;",
      "import java.nio.file.Path;",
      "",
      "public final class Main {",
      "  public static void main(String[] args) throws Exception {",
      "    Path dir = Path.of(args[0]);",
      "    Files.writeString(dir.resolve(\"points.csv\"), \"" + csvLiteral() + "\");",
      "    Dataset data = Csv.read(dir.resolve(\"points.csv\")).toDataset();",
      "    KMeansModel model = KMeans.k(2).seed(7).fit(data);",
      "    ModelFiles.save(model, dir.resolve(\"model.json\"));",
      "    KMeansModel loaded = ModelFiles.load(dir.resolve(\"model.json\"), KMeansModel.class);",
      "    System.out.println(loaded.predict(new double[] {0.2, 0.3}) + \" \"",
      "        + loaded.predict(new double[] {9.8, 10.4}));",
      "    System.out.println(Double.toString(Silhouette.score(data, loaded.labels())));",
      "    System.out.println(Csv.class.getModule().getName() + \" \" + Silhouette.class.getModule().getName() + \" \"",
      "        + Dataset.class.getModule().getName() + \" \" + Main.class.getModule().getName());",
      "  }",
      "}",
      "");

  private static final String POINTS = "x,y\n0,0\n0,1\n1,0\n1,1.5\n10,10\n10,11\n11,10\n12,11\n";

  private static String csvLiteral() {
    return POINTS.replace("\n", "\\n");
  }

  @Test
  void anApplicationModuleRequiringEvalAndIoRunsWithoutNamingTheirDependencies(@TempDir Path dir) throws Exception {
    List<Path> modulePath = publishedJarsAndDependencies();
    Path src = dir.resolve("src");
    write(src.resolve("module-info.java"),
        "module consumer { requires io.github.clusterkit.io; requires io.github.clusterkit.eval; }\n");
    write(src.resolve("consumer/Main.java"), MAIN);
    Path out = dir.resolve("out");
    String errors = compile(modulePath, out, src.resolve("module-info.java"), src.resolve("consumer/Main.java"));
    assertEquals("", errors, "the consumer module does not compile");

    List<Path> runPath = new ArrayList<>(modulePath);
    runPath.add(0, out);
    Path work = Files.createDirectories(dir.resolve("work"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", join(runPath), "-m", "consumer/consumer.Main", work.toString())
        .redirectErrorStream(true).start();
    String output = readAll(p.getInputStream());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the consumer did not finish");
    assertEquals(0, p.exitValue(), "the consumer failed:\n" + output);

    // The oracle: the same calls on the class path, in this JVM.
    Files.writeString(dir.resolve("points.csv"), POINTS);
    Table table = Csv.read(dir.resolve("points.csv"));
    Dataset data = table.toDataset();
    KMeansModel model = KMeans.k(2).seed(7).fit(data);
    KMeansModel loaded = ModelFiles.fromJson(ModelFiles.toJson(model), KMeansModel.class);
    String expected = loaded.predict(new double[] {0.2, 0.3}) + " " + loaded.predict(new double[] {9.8, 10.4}) + "\n"
        + Silhouette.score(data, loaded.labels()) + "\n"
        + "io.github.clusterkit.io io.github.clusterkit.eval io.github.clusterkit.core consumer\n";
    assertEquals(expected, output);
    assertTrue(Files.isRegularFile(work.resolve("model.json")));
  }

  @Test
  void evalsInternalPackageIsNotExported(@TempDir Path dir) throws Exception {
    List<Path> modulePath = publishedJarsAndDependencies();
    Path src = dir.resolve("src");
    write(src.resolve("module-info.java"), "module consumer { requires io.github.clusterkit.eval; }\n");
    write(src.resolve("consumer/Reach.java"), "package consumer;\n\n"
        + "public final class Reach {\n"
        + "  static Class<?> reach() { return io.github.clusterkit.eval.internal.Checks.class; }\n"
        + "}\n");
    String errors = compile(modulePath, dir.resolve("out"), src.resolve("module-info.java"),
        src.resolve("consumer/Reach.java"));
    assertTrue(errors.contains("io.github.clusterkit.eval.internal") && errors.contains("not visible"),
        "expected the internal package to be out of reach, javac said:\n" + errors);
  }

  @Test
  void theDescriptorsExportOnlyThePublicPackages() throws Exception {
    List<Path> modulePath = publishedJarsAndDependencies();
    ModuleFinder finder = ModuleFinder.of(modulePath.toArray(new Path[0]));
    ModuleDescriptor eval = descriptor(finder, "io.github.clusterkit.eval");
    ModuleDescriptor io = descriptor(finder, "io.github.clusterkit.io");
    ModuleDescriptor core = descriptor(finder, "io.github.clusterkit.core");
    assertEquals(Set.of("io.github.clusterkit.eval"), exported(eval));
    assertEquals(Set.of("io.github.clusterkit.io"), exported(io));
    assertTrue(core.isAutomatic(), "clustering-core is an automatic module (EJML's jars name no module)");
    assertEquals(Set.of("io.github.clusterkit.core transitive"), requires(eval));
    assertEquals(Set.of("io.github.clusterkit.core transitive", "de.siegmar.fastcsv", "com.fasterxml.jackson.databind"),
        requires(io));
    assertEquals(eval.version(), io.version());
    assertTrue(eval.version().isPresent(), "the descriptors carry the project's version");
  }

  private static ModuleDescriptor descriptor(ModuleFinder finder, String name) {
    return finder.find(name).map(ModuleReference::descriptor)
        .orElseThrow(() -> new AssertionError("no module " + name + " on " + finder.findAll()));
  }

  private static Set<String> exported(ModuleDescriptor d) {
    return d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
  }

  private static Set<String> requires(ModuleDescriptor d) {
    return d.requires().stream().filter(r -> !r.name().equals("java.base"))
        .map(r -> r.name()
            + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE) ? " transitive" : ""))
        .collect(Collectors.toSet());
  }

  /** The jars of core, eval and io and of their runtime dependencies, found where this JVM loaded them from. */
  private static List<Path> publishedJarsAndDependencies() throws URISyntaxException {
    return BuiltJars.of(Dataset.class, Silhouette.class, Csv.class, de.siegmar.fastcsv.reader.CsvReader.class,
        com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.databind.ObjectMapper.class,
        com.fasterxml.jackson.annotation.JsonProperty.class, org.ejml.data.DMatrixRMaj.class,
        org.ejml.dense.row.CommonOps_DDRM.class);
  }

  private static String compile(List<Path> modulePath, Path out, Path... sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue(javac != null, "the tests run on a JDK");
    Files.createDirectories(out);
    List<String> args = new ArrayList<>(List.of("--release", "17", "--module-path", join(modulePath),
        "-d", out.toString()));
    for (Path s : sources) {
      args.add(s.toString());
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = javac.run(null, err, err, args.toArray(new String[0]));
    String said = err.toString(StandardCharsets.UTF_8);
    return rc == 0 ? "" : said.isEmpty() ? "javac failed" : said;
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
