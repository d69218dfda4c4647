package io.github.clusterkit.examples.segment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.Assignment;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.hdbscan.HdbscanModel;
import io.github.clusterkit.io.ModelFiles;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.outlier.OutlierModel;
import io.github.clusterkit.preprocess.PipelineModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The segmentation model file, {@code DIR/model.json}: the fitted preprocessing pipeline and the fitted
 * clustering model, each as a clusterkit model document ({@link ModelFiles}, which validates them and their
 * checksums on loading), plus what {@code predict} needs to report like {@code segment} did: the segment
 * names, the identifier column and the outlier rule with its threshold.
 *
 * <pre>
 * { "format": "clusterkit-segmentation", "formatVersion": 1, "algorithm": "kmeans",
 *   "idColumn": "CUST_ID", "segments": ["High Balance, ...", ...],
 *   "outlierThreshold": 4.2, "pipeline": {...}, "model": {...} }
 * </pre>
 *
 * <p>{@code outlierThreshold} is a distance to the centroid (K-Means, and bisecting K-Means: to the leaf centroid the
 * tree leads to; above it is an outlier), to the medoid
 * (K-Medoids, in the distance of its fit; above it is an outlier) or a log density
 * (mixtures; below it is an outlier); DBSCAN and HDBSCAN* have none (their noise is the outlier), and the field is
 * absent for them. {@code model} is absent when
 * this build of clustering-io cannot yet write the model's kind; such a file cannot predict.
 *
 * <p><b>Outlier detector.</b> A segmentation whose outliers were flagged by a detector ({@code segment --outliers lof}
 * or {@code iforest}) adds its model document, of kind {@code "lof"} or {@code "isolationForest"}, as {@code
 * "outlierDetector"}, and is written with {@code "formatVersion": 2} ({@link #DETECTOR_FORMAT_VERSION}), so that a
 * build that does not know the field refuses the file by its version rather than flag by another rule; a file without
 * a detector is written as before, version 1, and both load. {@link #predict} then flags by the detector: a new
 * customer's score is the detector's score of its preprocessed row ({@link OutlierModel#score(Dataset)}), flagged
 * above the detector's threshold, whatever the algorithm (the segment is still the clustering's, noise included). For
 * an isolation forest this is the score the fit gave a training customer; a Local Outlier Factor scores a new point
 * against all the training customers, so a training customer fed back as a new one (whose copy among them is then its
 * nearest neighbour, at distance 0) gets a LOF of its own, usually lower than its training LOF. Immutable.
 */
public final class ModelBundle {

  /** The format name written into the file. */
  public static final String FORMAT = "clusterkit-segmentation";

  /** The format version written and read. */
  public static final int FORMAT_VERSION = 1;

  /** The format version of a file with an outlier detector ({@code "outlierDetector"}), written and read. */
  public static final int DETECTOR_FORMAT_VERSION = 2;

  private static final long MAX_BYTES = ModelFiles.MAX_FILE_BYTES * 2;
  private static final ObjectMapper MAPPER = mapper();

  private final Segmenter.Algorithm algorithm;
  private final String idColumn;
  private final List<String> segments;
  private final double outlierThreshold;
  private final PipelineModel pipeline;
  private final Object model;
  private final OutlierModel detector;

  private ModelBundle(Segmenter.Algorithm algorithm, String idColumn, List<String> segments,
      double outlierThreshold, PipelineModel pipeline, Object model, OutlierModel detector) {
    this.detector = detector;
    this.algorithm = algorithm;
    this.idColumn = idColumn;
    this.segments = segments;
    this.outlierThreshold = outlierThreshold;
    this.pipeline = pipeline;
    this.model = model;
  }

  private static ObjectMapper mapper() {
    JsonFactory f = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(80).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    ObjectMapper m = new ObjectMapper(f);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return m;
  }

  /**
   * @param s a segmentation
   * @return its bundle
   */
  public static ModelBundle of(Segmentation s) {
    return new ModelBundle(s.algorithm(), s.idColumn(), s.profile().segmentNames(), s.modelOutlierThreshold(),
        s.pipeline(), s.model(), s.outlierDetector());
  }

  /**
   * @param model a fitted model
   * @return whether this build of clustering-io can write it
   */
  public static boolean canSave(Object model) {
    try {
      ModelFiles.toJson(model);
      return true;
    } catch (IllegalArgumentException unsupported) {
      return false;
    }
  }

  /** @return the algorithm */
  public Segmenter.Algorithm algorithm() {
    return algorithm;
  }

  /** @return the identifier column, or null */
  public String idColumn() {
    return idColumn;
  }

  /** @return the segment names, by label */
  public List<String> segments() {
    return segments;
  }

  /** @return the fitted pipeline */
  public PipelineModel pipeline() {
    return pipeline;
  }

  /** @return the fitted model, or null if the file holds none */
  public Object model() {
    return model;
  }

  /** @return the outlier detector that flags the outliers, or null when the clustering's rule does */
  public OutlierModel outlierDetector() {
    return detector;
  }

  /** @return the clustering's outlier threshold ({@code NaN} for DBSCAN and HDBSCAN) */
  public double outlierThreshold() {
    return outlierThreshold;
  }

  /**
   * Writes the bundle.
   *
   * @param file the destination, replaced
   * @return whether the clustering model was included (false when clustering-io cannot write its kind yet)
   * @throws IOException if writing fails
   */
  public boolean save(Path file) throws IOException {
    JsonNodeFactory nf = JsonNodeFactory.instance;
    ObjectNode doc = nf.objectNode();
    doc.put("format", FORMAT);
    doc.put("formatVersion", detector == null ? FORMAT_VERSION : DETECTOR_FORMAT_VERSION);
    doc.put("algorithm", algorithm.name().toLowerCase(Locale.ROOT));
    if (idColumn == null) {
      doc.putNull("idColumn");
    } else {
      doc.put("idColumn", idColumn);
    }
    ArrayNode names = doc.putArray("segments");
    for (String s : segments) {
      names.add(s);
    }
    if (hasThreshold(algorithm)) {
      doc.put("outlierThreshold", outlierThreshold);
    }
    doc.set("pipeline", MAPPER.readTree(ModelFiles.toJson(pipeline)));
    boolean withModel = canSave(model);
    if (withModel) {
      doc.set("model", MAPPER.readTree(ModelFiles.toJson(model)));
    }
    if (detector != null) {
      doc.set("outlierDetector", MAPPER.readTree(ModelFiles.toJson(detector)));
    }
    // a crash while writing leaves the old file (or none), never half a model under the final name
    ModelFiles.writeAtomically(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc), file);
    return withModel;
  }

  /**
   * Reads a bundle, validating it and the two model documents inside it.
   *
   * @param file the model file
   * @return the bundle
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the file is not a valid segmentation model file (the message says why)
   */
  public static ModelBundle load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException("model file " + file + " has " + size + " bytes, more than the limit of "
          + MAX_BYTES);
    }
    if (size == 0) {
      throw new IllegalArgumentException("model file " + file + " is empty; segment writes model.json into its"
          + " --out folder");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(notJson(file, e), e);
    }
    if (root == null || !root.isObject()) {
      throw bad(file, "expected a JSON object");
    }
    if (!FORMAT.equals(text(root, "format"))) {
      throw bad(file, "format must be \"" + FORMAT + "\" (is it a clusterkit segment model.json?)");
    }
    JsonNode v = root.get("formatVersion");
    JsonNode det = root.get("outlierDetector");
    if (det != null) {
      if (v == null || !v.isInt() || v.intValue() != DETECTOR_FORMAT_VERSION) {
        throw bad(file, "formatVersion must be " + DETECTOR_FORMAT_VERSION + " for a file with \"outlierDetector\","
            + " got " + v);
      }
    } else if (v == null || !v.isInt() || v.intValue() != FORMAT_VERSION) {
      throw bad(file, "formatVersion must be " + FORMAT_VERSION + (v != null && v.isInt()
          && v.intValue() == DETECTOR_FORMAT_VERSION ? " for a file without \"outlierDetector\"" : "") + ", got " + v);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
      String f = it.next();
      if (!List.of("format", "formatVersion", "algorithm", "idColumn", "segments", "outlierThreshold", "pipeline",
          "model", "outlierDetector").contains(f)) {
        throw bad(file, "unexpected field \"" + f + "\"");
      }
    }
    Segmenter.Algorithm alg;
    String a = text(root, "algorithm");
    try {
      alg = Segmenter.Algorithm.valueOf(a == null ? "" : a.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(file, "algorithm must be kmeans, gmm, dbscan, hdbscan, kmedoids or bisecting, got " + a);
    }
    JsonNode idNode = root.get("idColumn");
    if (idNode == null || !(idNode.isNull() || idNode.isTextual())) {
      throw bad(file, "idColumn must be a string or null");
    }
    String id = idNode.isNull() ? null : idNode.textValue();
    JsonNode segs = root.get("segments");
    if (segs == null || !segs.isArray()) {
      throw bad(file, "segments must be an array of names");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode s : segs) {
      if (!s.isTextual()) {
        throw bad(file, "segments must hold strings");
      }
      names.add(s.textValue());
    }
    double threshold = Double.NaN;
    if (hasThreshold(alg)) {
      JsonNode t = root.get("outlierThreshold");
      if (t == null || !t.isNumber() || !Double.isFinite(t.doubleValue())) {
        throw bad(file, "outlierThreshold must be a finite number");
      }
      if (alg == Segmenter.Algorithm.KMEANS && !(t.doubleValue() >= 0)) {
        throw bad(file, "outlierThreshold must be >= 0 for kmeans (a distance to the centroid), got "
            + t.doubleValue());
      }
      if (alg == Segmenter.Algorithm.BISECTING && !(t.doubleValue() >= 0)) {
        throw bad(file, "outlierThreshold must be >= 0 for bisecting (a distance to the leaf centroid), got "
            + t.doubleValue());
      }
      if (alg == Segmenter.Algorithm.KMEDOIDS && !(t.doubleValue() >= 0)) {
        throw bad(file, "outlierThreshold must be >= 0 for kmedoids (a distance to the medoid), got "
            + t.doubleValue());
      }
      threshold = t.doubleValue();
    }
    JsonNode p = root.get("pipeline");
    if (p == null || !p.isObject()) {
      throw bad(file, "pipeline must be a model document");
    }
    PipelineModel pipe = inner(file, "pipeline", p, PipelineModel.class);
    JsonNode m = root.get("model");
    Object model = null;
    if (m != null) {
      if (!m.isObject()) {
        throw bad(file, "model must be a model document");
      }
      model = inner(file, "model", m, modelClass(alg));
      int count = clusterCount(model);
      if (count != names.size()) {
        throw bad(file, "segments has " + names.size() + (names.size() == 1 ? " name" : " names")
            + " but the model has " + count + (count == 1 ? " segment" : " segments"));
      }
    }
    OutlierModel detector = null;
    if (det != null) {
      if (!det.isObject()) {
        throw bad(file, "outlierDetector must be a model document");
      }
      detector = inner(file, "outlierDetector", det, OutlierModel.class);
      int d = pipe.outputColumns().size();
      if (detector.dimension() != d) {
        throw bad(file, "outlierDetector has " + detector.dimension() + " columns but the pipeline writes " + d);
      }
    }
    return new ModelBundle(alg, id, Collections.unmodifiableList(names), threshold, pipe, model, detector);
  }

  /**
   * Reads one of the two model documents, naming the file and the field in its errors (those of
   * {@link ModelFiles} name neither: "invalid model file at the top level: checksum mismatch ...").
   */
  private static <T> T inner(Path file, String field, JsonNode doc, Class<T> type) {
    try {
      return ModelFiles.fromJson(doc.toString(), type);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      for (String prefix : new String[] {"invalid model file at the top level: ", "invalid model file: ",
          "invalid model file "}) {
        if (m.startsWith(prefix)) {
          m = m.substring(prefix.length());
          break;
        }
      }
      // A model of another kind than the bundle's "algorithm" says: the library's advice on which class to load it
      // as means nothing to a user of the command; the bundle is what is inconsistent.
      String wrongType = "type must be the class of the model in the file: ";
      if (m.startsWith(wrongType)) {
        m = m.substring(wrongType.length());
        int cut = m.indexOf("; load it as");
        m = cut < 0 ? m : m.substring(0, cut);
      }
      IllegalArgumentException named = bad(file, "\"" + field + "\": " + m);
      named.initCause(e);
      throw named;
    }
  }

  static Class<?> modelClass(Segmenter.Algorithm a) {
    switch (a) {
      case KMEANS:
        return KMeansModel.class;
      case GMM:
        return GaussianMixtureModel.class;
      case HDBSCAN:
        return HdbscanModel.class;
      case KMEDOIDS:
        return KMedoidsModel.class;
      case BISECTING:
        return BisectingKMeansModel.class;
      default:
        return DbscanModel.class;
    }
  }

  /** Whether the algorithm's outliers are those beyond a threshold (K-Means, mixtures), not its noise. */
  private static boolean hasThreshold(Segmenter.Algorithm a) {
    return a == Segmenter.Algorithm.KMEANS || a == Segmenter.Algorithm.GMM || a == Segmenter.Algorithm.KMEDOIDS
        || a == Segmenter.Algorithm.BISECTING;
  }

  private static int clusterCount(Object model) {
    if (model instanceof KMeansModel) {
      return ((KMeansModel) model).k();
    }
    if (model instanceof GaussianMixtureModel) {
      return ((GaussianMixtureModel) model).components();
    }
    if (model instanceof HdbscanModel) {
      return ((HdbscanModel) model).clusterCount();
    }
    if (model instanceof KMedoidsModel) {
      return ((KMedoidsModel) model).k();
    }
    if (model instanceof BisectingKMeansModel) {
      return ((BisectingKMeansModel) model).k();
    }
    return ((DbscanModel) model).clusterCount();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? null : v.textValue();
  }

  /** Jackson's parts of a message in its own terms: where an object started, the Java type, the feature. */
  private static final java.util.regex.Pattern JACKSON_DETAIL = java.util.regex.Pattern.compile(
      "\\s*\\(start marker at \\[Source:.*?\\]\\)|\\s*\\(bound as `[^`]*`\\)|:?\\s*not allowed as per `[^`]*`");

  /**
   * The message for a model file that is no JSON, in a user's terms: one cut short (a copy that stopped, a full
   * disk) is "not a complete clusterkit model file", with the line and column where its text ends; other JSON
   * errors give Jackson's description without its source-location dump ("(start marker at [Source: REDACTED
   * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])") or Java type names.
   *
   * @param file the model file
   * @param e the parser's exception
   * @return one line
   */
  static String notJson(Path file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    m = JACKSON_DETAIL.matcher(m.replace('\n', ' ')).replaceAll("").strip();
    if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
      return "model file " + file + " is not a complete clusterkit model file (its text stops"
          + (where.isEmpty() ? "" : " at " + where + ",") + " before its JSON is closed: cut short? segment writes it"
          + " whole into its --out folder)";
    }
    if (m.startsWith("Trailing token")) {
      return "model file " + file + " is not a clusterkit model file as segment writes it (more text follows its"
          + " JSON object" + (where.isEmpty() ? "" : ", at " + where) + ")";
    }
    return "model file " + file + " is not valid JSON (" + (where.isEmpty() ? "" : where + ": ") + m + ")";
  }

  private static IllegalArgumentException bad(Path file, String what) {
    return new IllegalArgumentException("invalid model file " + file + ": " + what);
  }

  /** The segments of new customers. */
  public static final class Prediction {
    /** Segment per customer, {@code -1} for DBSCAN's and HDBSCAN's noise. */
    public final int[] labels;
    /** Whether each customer is an outlier by the model's rule, or by its outlier detector when it has one. */
    public final boolean[] outliers;
    /** Probability of the segment (mixtures) or membership strength (HDBSCAN, 0 for noise), else null. */
    public final double[] probabilities;
    /** The outlier detector's score when the file has one, else GLOSH in {@code [0, 1]} (HDBSCAN), else null. */
    public final double[] outlierScores;

    Prediction(int[] labels, boolean[] outliers, double[] probabilities, double[] outlierScores) {
      this.labels = labels;
      this.outliers = outliers;
      this.probabilities = probabilities;
      this.outlierScores = outlierScores;
    }
  }

  /**
   * Assigns customers to segments.
   *
   * @param customers a table with the pipeline's {@link PipelineModel#requiredColumns() required columns} (the
   *     feature columns; others, such as the id column, are ignored and may be absent)
   * @return the segments, outlier flags, (mixtures, HDBSCAN) probabilities and (HDBSCAN) outlier scores
   * @throws IllegalArgumentException if the file holds no model, or a column is missing or of another type
   */
  public Prediction predict(Table customers) {
    Prediction p = predictByModel(customers);
    if (detector == null) {
      return p;
    }
    // the detector's score of each preprocessed row, flagged above its threshold (see the class description)
    double[] score = detector.score(pipeline.transform(customers));
    double t = detector.threshold();
    boolean[] out = new boolean[score.length];
    for (int i = 0; i < score.length; i++) {
      out[i] = score[i] > t;
    }
    return new Prediction(p.labels, out, p.probabilities, score);
  }

  private Prediction predictByModel(Table customers) {
    if (model == null) {
      throw new IllegalArgumentException("this model file holds no clustering model (the build that wrote it"
          + " could not save a " + algorithm.name().toLowerCase(Locale.ROOT) + " model); run segment again");
    }
    Dataset x = pipeline.transform(customers);
    int n = x.size();
    boolean[] out = new boolean[n];
    if (model instanceof KMeansModel) {
      KMeansModel m = (KMeansModel) model;
      int[] labels = m.predict(x);
      for (int i = 0; i < n; i++) {
        out[i] = m.transform(x.row(i))[labels[i]] > outlierThreshold;
      }
      return new Prediction(labels, out, null, null);
    }
    if (model instanceof BisectingKMeansModel) {
      // down the tree of splits to the nearer child at each (the model's predict, as the fit labelled its customers);
      // an outlier beyond the threshold of the distance to that leaf's centroid, as the fit flagged its customers
      BisectingKMeansModel m = (BisectingKMeansModel) model;
      int[] labels = m.predict(x);
      for (int i = 0; i < n; i++) {
        out[i] = m.transform(x.row(i))[labels[i]] > outlierThreshold;
      }
      return new Prediction(labels, out, null, null);
    }
    if (model instanceof KMedoidsModel) {
      // the nearest medoid in the fit's distance; an outlier beyond the threshold, as the fit flagged its customers
      KMedoidsModel m = (KMedoidsModel) model;
      int[] labels = m.predict(x);
      for (int i = 0; i < n; i++) {
        out[i] = m.transform(x.row(i))[labels[i]] > outlierThreshold;
      }
      return new Prediction(labels, out, null, null);
    }
    if (model instanceof GaussianMixtureModel) {
      GaussianMixtureModel m = (GaussianMixtureModel) model;
      int[] labels = m.predict(x);
      double[][] proba = m.predictProba(x);
      double[] ll = m.scoreSamples(x);
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = proba[i][labels[i]];
        out[i] = ll[i] < outlierThreshold;
      }
      return new Prediction(labels, out, p, null);
    }
    if (model instanceof HdbscanModel) {
      // where each customer would join the fitted hierarchy (HdbscanModel.membership), the training rows unchanged
      HdbscanModel m = (HdbscanModel) model;
      int[] labels = new int[n];
      double[] p = new double[n];
      double[] g = new double[n];
      for (int i = 0; i < n; i++) {
        HdbscanModel.Membership as = m.membership(x.row(i));
        labels[i] = as.label();
        p[i] = as.probability();
        g[i] = as.outlierScore();
        out[i] = as.label() < 0;
      }
      return new Prediction(labels, out, p, g);
    }
    DbscanModel m = (DbscanModel) model;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Assignment as = m.assign(x.row(i));
      labels[i] = as.label();
      out[i] = as.label() < 0;
    }
    return new Prediction(labels, out, null, null);
  }
}
