package io.github.clusterkit.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.preprocess.PipelineModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Saves fitted models to, and loads them from, versioned JSON documents. Unlike pickle or Java serialization,
 * loading a file never executes code from it: the file names a model <em>kind</em> from a fixed list (never
 * a class), every value is read into plain arrays and passed through the model's validating
 * {@code of(...)} factory, and anything unexpected is rejected.
 *
 * <pre>{@code
 * ModelFiles.save(pipeline, Path.of("preprocess.json"));
 * PipelineModel back = ModelFiles.load(Path.of("preprocess.json"), PipelineModel.class);
 * }</pre>
 *
 * <p><b>Document.</b> One JSON object:
 * <pre>
 * { "format": "clusterkit-model", "formatVersion": 1, "libraryVersion": "0.1.0",
 *   "kind": "pipeline", "parameters": {...}, "state": {...}, "checksum": "sha256:..." }
 * </pre>
 * {@code parameters} hold the configuration, {@code state} the fitted values (finite numbers, written with
 * the shortest decimal text that reads back to the same {@code double}, so a reloaded model predicts
 * exactly as the original; JSON has no infinities, so the two values that may be infinite are written as strings:
 * a K-Means inertia beyond the double range as {@code "Infinity"}, a Gaussian mixture's log-likelihood of
 * {@code -Infinity} as {@code "-Infinity"}). {@code checksum} is the SHA-256 of the document without that field, in
 * Jackson's compact form; it detects corruption and hand edits (it is not a signature: someone who edits a
 * file on purpose can recompute it, and the validation below is what keeps such a file harmless).
 *
 * <p><b>Kinds supported:</b> {@code "pipeline"} ({@link PipelineModel}), {@code "kmeans"}
 * ({@link io.github.clusterkit.kmeans.KMeansModel}), {@code "dbscan"}
 * ({@link io.github.clusterkit.dbscan.DbscanModel}), {@code "gmm"}
 * ({@link io.github.clusterkit.gmm.GaussianMixtureModel}), {@code "pca"}
 * ({@link io.github.clusterkit.pca.PcaModel}), {@code "hdbscan"} ({@link io.github.clusterkit.hdbscan.HdbscanModel}),
 * {@code "kmedoids"} ({@link io.github.clusterkit.kmedoids.KMedoidsModel}), {@code "bisectingKMeans"}
 * ({@link io.github.clusterkit.kmeans.BisectingKMeansModel}: the tree of splits, so its coarser clusterings load too),
 * {@code "birch"} ({@link io.github.clusterkit.birch.BirchModel}: the leaf subclusters and their clusters, not the
 * tree), {@code "lof"} ({@link io.github.clusterkit.outlier.LofModel}: Local Outlier Factor, its training rows and
 * their scores), {@code "isolationForest"} ({@link io.github.clusterkit.outlier.IsolationForestModel}: its trees in
 * scikit-learn's encoding, the threshold and the training scores; neither outlier model is a
 * {@link io.github.clusterkit.ClusterModel}, so neither is the model of a {@code "clusterPipeline"}; either is the
 * detector of an {@code "outlierPipeline"}), {@code "clusterPipeline"}
 * ({@link io.github.clusterkit.ClusterPipelineModel}: a pipeline and the clustering fitted on its output in one
 * document, each written as its own kind would write it, so the two are saved, checked and loaded together) and
 * {@code "outlierPipeline"} ({@link io.github.clusterkit.OutlierPipelineModel}: a pipeline and the {@code "lof"} or
 * {@code "isolationForest"} detector fitted on its output, in one document in the same way). A
 * model's {@code state} is its {@code State} value (for example {@link io.github.clusterkit.kmeans.KMeansModel.State})
 * written field by field, flat row-major arrays as arrays of rows, and it is read back through the model's
 * validating {@code fromState}: the checks listed there (label ranges, finiteness, shapes, weights summing to 1,
 * positive-definite covariances, orthonormal components, ...) apply to every file. Training labels (and DBSCAN's
 * core flags) are part of the state because the models report them; they make files grow with the number of training
 * rows (a K-Means model of 10^6 rows takes about 3 MB), and a DBSCAN model also stores its core points
 * (about 20 bytes per coordinate), so a DBSCAN model of more than about 10^6 two-dimensional core points
 * exceeds {@link #MAX_FILE_BYTES}; an HDBSCAN model stores every training row in the same way (its
 * {@code fromState} fits them again, so loading one costs a fit, and checks that the fit gives the stored labels),
 * so one of more than about 10^6 two-dimensional rows exceeds it too; a {@code "lof"} model stores its training rows
 * with three numbers per row (loading it costs a fit as well, which must give the stored values), so one of more than
 * about 6 * 10^5 two-dimensional rows exceeds it. Saving a model whose document would exceed it
 * fails with an {@link IllegalArgumentException} and writes nothing, since loading would refuse the file.
 *
 * <p><b>Column names.</b> Every kind stores the names of the columns its model was fitted on: a pipeline its input and
 * output columns, {@code "pca"} its {@code columnNames}, and {@code "kmeans"}, {@code "dbscan"}, {@code "gmm"},
 * {@code "hdbscan"}, {@code "kmedoids"}, {@code "bisectingKMeans"}, {@code "birch"}, {@code "lof"} and
 * {@code "isolationForest"} a
 * {@code columnNames} field
 * written when the names were given rather than the placeholders {@code x0 .. x(d-1)} of a dataset built without names
 * (given names are written even when they read so, as a CSV header {@code x0,x1}; a {@code "pca"} file marks them with
 * {@code namesGiven}). A loaded model therefore refuses data whose columns are named differently, as the saved one did
 * (see, for example,
 * {@link io.github.clusterkit.kmeans.KMeansModel#columnNames()}).
 *
 * <p><b>Versions.</b> A change that every reader of this version can still read the old way keeps
 * {@link #FORMAT_VERSION}: the {@code columnNames} of kmeans, dbscan and gmm were added to version 1 as an optional
 * field, so every file written before loads unchanged (with the default names, which nothing is checked against).
 * A library from before that addition refuses a file holding the field ({@code unexpected field "columnNames"}),
 * rather than load a model that would skip the check; so is {@code "pca"}'s optional {@code namesGiven}, and
 * {@code "dbscan"}'s optional {@code labelRule} (written only for a model fitted with
 * {@link io.github.clusterkit.dbscan.Dbscan.LabelRule#SCIKIT_LEARN}, whose predictions follow it). The
 * {@code "clusterPipeline"} kind was added to version 1 in the same way (an earlier library refuses it as an unknown
 * kind), and so was the {@code "hdbscan"} kind, on its own and as the model of a {@code "clusterPipeline"} (where an
 * earlier library refuses it as a model kind it does not know), and the {@code "kmedoids"},
 * {@code "bisectingKMeans"}, {@code "birch"}, {@code "lof"}, {@code "isolationForest"} and {@code "outlierPipeline"}
 * kinds likewise; and so were
 * the options of the preprocessing steps (scikit-learn's {@code with_mean}, {@code with_std}, {@code clip},
 * {@code unit_variance}, {@code drop} and {@code add_indicator}; see the pipeline kind's format), each written only
 * when it is not the default. A change that would make old files mean something else, or that old files could not
 * satisfy, needs a new version.
 *
 * <p><b>Loading checks</b> the size (at most {@link #MAX_FILE_BYTES}), the JSON syntax (nesting depth at most
 * 64, no duplicate keys, nothing after the document), the format name and version, the checksum, that the
 * kind is known and is the requested class, that no unexpected field is present, and finally every shape
 * and value rule of the model (lengths, finiteness, positive scales, distinct names, consistent columns).
 * Any failure raises an {@link IllegalArgumentException} that says what is wrong and where (a JSON path such
 * as {@code state.steps[1].state.scales[3]}); I/O failures raise {@link IOException}.
 *
 * <p>Thread-safety: stateless, safe to use from several threads (on different files).
 */
public final class ModelFiles {

  /** The format version this library writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** The largest model file that {@link #load} accepts: 64 MiB. */
  public static final long MAX_FILE_BYTES = 64L << 20;

  private static final String FORMAT = "clusterkit-model";
  private static final String CHECKSUM_PREFIX = "sha256:";
  private static final String LIBRARY_VERSION = readLibraryVersion();
  private static final ObjectMapper MAPPER = mapper();
  private static final Map<String, ModelCodec<?>> BY_KIND = new LinkedHashMap<>();
  private static final java.security.SecureRandom TEMP_NAMES = new java.security.SecureRandom();

  static {
    register(new PipelineCodec());
    register(new KMeansCodec());
    register(new DbscanCodec());
    register(new GmmCodec());
    register(new PcaCodec());
    register(new HdbscanCodec());
    register(new KMedoidsCodec());
    register(new BisectingKMeansCodec());
    register(new BirchCodec());
    register(new LofCodec());
    register(new IsolationForestCodec());
    register(new ClusterPipelineCodec());
    register(new OutlierPipelineCodec());
  }

  private ModelFiles() {}

  private static void register(ModelCodec<?> c) {
    BY_KIND.put(c.kind(), c);
  }

  private static ObjectMapper mapper() {
    JsonFactory f = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxNumberLength(64)
            .maxStringLength(1 << 20)
            .maxDocumentLength(MAX_FILE_BYTES)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        // Numbers are written by Jackson's own Schubfach (shortest text that reads back exactly) instead of
        // Double.toString, whose text changed in JDK 19 (JDK-4511638): the checksum re-serializes the parsed
        // document, so with Double.toString a file written on JDK 17 failed its checksum on JDK 19+ (for
        // example for 2.82879384806159E17, which JDK 17 prints as 2.82879384806159008E17). Reading uses
        // Jackson's correctly rounded fast parser.
        .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .build();
    ObjectMapper m = new ObjectMapper(f);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.disable(JsonParser.Feature.ALLOW_COMMENTS);
    return m;
  }

  private static String readLibraryVersion() {
    try (InputStream in = ModelFiles.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isEmpty() && !v.startsWith("$")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through: the version is informative only
    }
    return "unknown";
  }

  /** @return the library version written into files ({@code "unknown"} if it cannot be determined) */
  public static String libraryVersion() {
    return LIBRARY_VERSION;
  }

  /**
   * Writes a model to a file (replacing it), via a temporary file in the same folder and a move, so a crash
   * never leaves a half-written model under the final name. The file gets the permissions of any other new file
   * (those the process's umask allows), or, when it replaces a file, that file's permissions, as writing over it
   * in place would: another process or account can read it exactly when it could read the file before.
   *
   * @param model a fitted model of a supported kind
   * @param file the destination, in an existing folder (folders are not created)
   * @throws IOException if writing fails; a {@link java.nio.file.NoSuchFileException} naming {@code file} and its
   *     folder if that folder does not exist
   * @throws IllegalArgumentException if an argument is null, the model's kind is not supported, or its document
   *     would exceed {@link #MAX_FILE_BYTES} (nothing is written then)
   */
  public static void save(Object model, Path file) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    writeAtomically(toBytes(model), file);
  }

  /**
   * Writes bytes to a file (replacing it) as {@link #save(Object, Path)} writes a model: via a temporary file in the
   * same folder and a move, with the permissions of any new file or of the file replaced. For applications that wrap
   * model documents ({@link #toJson(Object)}) in a document of their own.
   *
   * @param bytes the file's new content
   * @param file the destination
   * @throws IOException if writing fails (the file is then left as it was)
   * @throws IllegalArgumentException if an argument is null
   */
  public static void writeAtomically(byte[] bytes, Path file) throws IOException {
    if (bytes == null || file == null) {
      throw new IllegalArgumentException((bytes == null ? "bytes" : "file") + " must not be null");
    }
    Path dir = file.toAbsolutePath().getParent();
    Path tmp;
    try {
      tmp = newTempFile(dir);
    } catch (java.nio.file.NoSuchFileException e) {
      // named after the caller's file, not the temporary one it never asked for
      java.nio.file.NoSuchFileException named = new java.nio.file.NoSuchFileException(file.toString(), null,
          "cannot write it: its folder " + dir + " does not exist (create it first, as with Files.createDirectories)");
      named.initCause(e);
      throw named;
    }
    try {
      keepPermissions(file, tmp); // before the model is written into it
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new empty file in {@code dir} with the permissions of any new file. Not {@code Files.createTempFile}: its
   * file is readable by its owner only and the move kept that, so a model saved by a training job could not be
   * loaded by a service running as another account, and re-saving a model made a readable file owner-only.
   * {@code CREATE_NEW} fails on any existing path, a symbolic link included.
   */
  private static Path newTempFile(Path dir) throws IOException {
    for (int attempt = 0;; attempt++) {
      Path candidate = dir.resolve(".clusterkit-" + Long.toUnsignedString(TEMP_NAMES.nextLong(), 36) + ".tmp");
      try {
        Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return candidate;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /** Gives {@code tmp} the POSIX permissions of {@code file} if that exists (where the file system has them). */
  private static void keepPermissions(Path file, Path tmp) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the new file has the folder's default access
    }
  }

  /**
   * Writes a model to a stream (not closed).
   *
   * @param model a fitted model of a supported kind
   * @param out the destination
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if an argument is null, the model's kind is not supported, or its document
   *     would exceed {@link #MAX_FILE_BYTES} (nothing is written then)
   */
  public static void write(Object model, OutputStream out) throws IOException {
    if (out == null) {
      throw new IllegalArgumentException("out must not be null");
    }
    out.write(toBytes(model));
  }

  /**
   * @param model a fitted model of a supported kind
   * @return the model file's text
   * @throws IllegalArgumentException if the model is null, its kind is not supported, or its document would exceed
   *     {@link #MAX_FILE_BYTES}
   */
  public static String toJson(Object model) {
    return new String(toBytes(model), StandardCharsets.UTF_8);
  }

  /**
   * Reads a model from a file.
   *
   * @param <T> the model type
   * @param file the model file
   * @param type the expected model class, e.g. {@code PipelineModel.class}, or a type it implements:
   *     {@code ClusterModel.class} loads whichever clustering (K-Means, mixture, DBSCAN, HDBSCAN, K-Medoids) the file
   *     holds, {@code OutlierModel.class} whichever outlier detector (LOF, isolation forest)
   * @return the model, equal in state to the one saved
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the file is larger than {@link #MAX_FILE_BYTES}, is not a valid
   *     model file of a supported version, was modified, holds another kind of model, or breaks a rule of
   *     the model (the message says what and where)
   */
  public static <T> T load(Path file, Class<T> type) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    checkType(type);
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException("model file " + file + " has " + size + " bytes, more than the limit of "
          + MAX_FILE_BYTES);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, type);
    }
  }

  /**
   * Reads a model from a stream (read to its end, at most {@link #MAX_FILE_BYTES} bytes; not closed).
   *
   * @param <T> the model type
   * @param in the model document
   * @param type the expected model class
   * @return the model
   * @throws IOException if reading fails
   * @throws IllegalArgumentException as {@link #load(Path, Class)}
   */
  public static <T> T read(InputStream in, Class<T> type) throws IOException {
    if (in == null) {
      throw new IllegalArgumentException("in must not be null");
    }
    checkType(type);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    long total = 0;
    for (int r; (r = in.read(chunk)) > 0;) {
      total += r;
      if (total > MAX_FILE_BYTES) {
        throw new IllegalArgumentException("model document is larger than the limit of " + MAX_FILE_BYTES
            + " bytes");
      }
      buf.write(chunk, 0, r);
    }
    return fromBytes(buf.toByteArray(), type);
  }

  /**
   * Reads a model from its JSON text.
   *
   * @param <T> the model type
   * @param json the model document
   * @param type the expected model class
   * @return the model
   * @throws IllegalArgumentException as {@link #load(Path, Class)}
   */
  public static <T> T fromJson(String json, Class<T> type) {
    if (json == null) {
      throw new IllegalArgumentException("json must not be null");
    }
    checkType(type);
    return fromBytes(json.getBytes(StandardCharsets.UTF_8), type);
  }

  /** @return the codecs of every kind, in registration order (for kinds that hold models of other kinds) */
  static List<ModelCodec<?>> codecs() {
    return List.copyOf(BY_KIND.values());
  }

  /** @return the kinds this library reads and writes, e.g. {@code "pipeline"} */
  public static List<String> kinds() {
    return List.copyOf(BY_KIND.keySet());
  }

  private static void checkType(Class<?> type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> ModelCodec<T> codecFor(Object model) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    for (ModelCodec<?> c : BY_KIND.values()) {
      if (c.type() == model.getClass()) {
        return (ModelCodec<T>) c;
      }
    }
    throw new IllegalArgumentException("cannot save a " + model.getClass().getName() + "; supported kinds are "
        + kindsWithTypes());
  }

  private static String kindsWithTypes() {
    List<String> out = new ArrayList<>();
    for (ModelCodec<?> c : BY_KIND.values()) {
      out.add(c.kind() + " (" + c.type().getSimpleName() + ")");
    }
    return out.toString();
  }

  private static <T> byte[] toBytes(Object model) {
    ModelCodec<T> codec = codecFor(model);
    @SuppressWarnings("unchecked")
    T m = (T) model;
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("format", FORMAT);
    doc.put("formatVersion", FORMAT_VERSION);
    doc.put("libraryVersion", LIBRARY_VERSION);
    doc.put("kind", codec.kind());
    doc.set("parameters", codec.parameters(m));
    doc.set("state", codec.state(m));
    doc.put("checksum", checksum(doc));
    byte[] bytes;
    try {
      bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the model document", e);
    }
    // A document that load() and read() refuse is refused here, where the model still exists, rather than written
    // and found unreadable in the process that needs it.
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IllegalArgumentException("the " + codec.kind() + " model document would have " + bytes.length
          + " bytes, more than the limit of " + MAX_FILE_BYTES + " that loading accepts (training labels are stored,"
          + " with DBSCAN's core points and HDBSCAN's training rows; see ModelFiles)");
    }
    return bytes;
  }

  /** SHA-256 of the compact form of the document without its checksum field. */
  static String checksum(ObjectNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.remove("checksum");
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(MAPPER.writeValueAsBytes(copy));
      StringBuilder sb = new StringBuilder(CHECKSUM_PREFIX);
      for (byte b : hash) {
        sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot compute the checksum", e);
    }
  }

  /** Parses a document into a tree with the loader's limits (for tests that need to re-sign a document). */
  static ObjectNode parse(byte[] bytes) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int cut = msg.indexOf("\n");
      throw new IllegalArgumentException("invalid model file: not a valid JSON document: "
          + (cut > 0 ? msg.substring(0, cut) : msg), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException("invalid model file: the document is empty");
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("invalid model file: expected a JSON object at the top level");
    }
    return (ObjectNode) root;
  }

  private static <T> T fromBytes(byte[] bytes, Class<T> type) {
    ObjectNode root = parse(bytes);
    JsonIn doc = new JsonIn(root, "");
    String format = doc.string("format");
    if (!format.equals(FORMAT)) {
      throw doc.error("format must be \"" + FORMAT + "\", got \"" + abbreviate(format) + "\"");
    }
    long version = doc.integer("formatVersion", 1, Integer.MAX_VALUE);
    if (version != FORMAT_VERSION) {
      throw doc.error("unsupported format version " + version + "; this library (" + LIBRARY_VERSION
          + ") reads version " + FORMAT_VERSION);
    }
    doc.only("format", "formatVersion", "libraryVersion", "kind", "parameters", "state", "checksum");
    doc.string("libraryVersion");
    String stored = doc.string("checksum");
    if (!stored.equals(checksum(root))) {
      throw doc.error("checksum mismatch: the file was modified or corrupted after it was written");
    }
    String kind = doc.string("kind");
    ModelCodec<?> codec = BY_KIND.get(kind);
    if (codec == null) {
      throw doc.error("unknown model kind \"" + abbreviate(kind) + "\"; this library reads " + kinds());
    }
    if (!type.isAssignableFrom(codec.type())) {
      // The file is valid: the type asked for is what is wrong, so the message is about it, not "invalid model file".
      String as = codec.type().getSimpleName()
          + (io.github.clusterkit.ClusterModel.class.isAssignableFrom(codec.type()) ? " or ClusterModel" : "")
          + (io.github.clusterkit.outlier.OutlierModel.class.isAssignableFrom(codec.type()) ? " or OutlierModel" : "");
      throw new IllegalArgumentException("type must be the class of the model in the file: the file holds "
          + article(kind) + " (" + codec.type().getSimpleName() + "), not " + article(type.getSimpleName())
          + "; load it as " + as);
    }
    Object model = codec.read(doc.object("parameters"), doc.object("state"));
    return type.cast(model);
  }

  /** "a kmeans", "an isolationForest", "an OutlierModel": the word with its indefinite article. */
  private static String article(String word) {
    return ("aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
