package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.outlier.OutlierModel;
import io.github.clusterkit.dbscan.KDistance;
import io.github.clusterkit.pca.PcaModel;
import io.github.clusterkit.preprocess.PipelineModel;
import java.util.List;

/**
 * Everything a {@link Segmenter} run produced: the fitted pipeline and model, labels, outliers, the profile,
 * the quality indices, the sweep, the k-distance curve and the 2-D PCA view. Arrays are returned as copies.
 */
public final class Segmentation {

  private final Segmenter config;
  private final Table table;
  private final Table features;
  private final String idColumn;
  private final List<String> logColumns;
  private final PipelineModel pipeline;
  private final Dataset scaled;
  private final KSweep sweep;
  private final int chosenK;
  private final KDistance kDistance;
  private final int minPts;
  private final double eps;
  private final int minClusterSize;
  private final Object model;
  private final int[] labels;
  private final int segmentCount;
  private final boolean[] outlier;
  private final double[] outlierScore;
  private final double outlierThreshold;
  private final double[] probability;
  private final Profile profile;
  private final Segmenter.Quality quality;
  private final PcaModel pca;
  private final Dataset pcaScores;
  private final double[][] pcaCentres;
  private final int[] medoidRows;
  private final OutlierModel detector;
  private final double modelOutlierThreshold;

  Segmentation(Segmenter config, Table table, Table features, String idColumn, List<String> logColumns,
      PipelineModel pipeline, Dataset scaled, KSweep sweep, int chosenK, KDistance kDistance, int minPts,
      double eps, int minClusterSize, Object model, int[] labels, int segmentCount, boolean[] outlier,
      double[] outlierScore, double outlierThreshold, double[] probability, Profile profile, Segmenter.Quality quality,
      PcaModel pca, Dataset pcaScores, double[][] pcaCentres, int[] medoidRows, OutlierModel detector,
      double modelOutlierThreshold) {
    this.medoidRows = medoidRows;
    this.detector = detector;
    this.modelOutlierThreshold = modelOutlierThreshold;
    this.config = config;
    this.table = table;
    this.features = features;
    this.idColumn = idColumn;
    this.logColumns = logColumns;
    this.pipeline = pipeline;
    this.scaled = scaled;
    this.sweep = sweep;
    this.chosenK = chosenK;
    this.kDistance = kDistance;
    this.minPts = minPts;
    this.eps = eps;
    this.minClusterSize = minClusterSize;
    this.model = model;
    this.labels = labels;
    this.segmentCount = segmentCount;
    this.outlier = outlier;
    this.outlierScore = outlierScore;
    this.outlierThreshold = outlierThreshold;
    this.probability = probability;
    this.profile = profile;
    this.quality = quality;
    this.pca = pca;
    this.pcaScores = pcaScores;
    this.pcaCentres = pcaCentres;
  }

  /** @return the configuration that produced this result */
  public Segmenter config() {
    return config;
  }

  /** @return the algorithm used */
  public Segmenter.Algorithm algorithm() {
    return config.algorithm();
  }

  /** @return the whole input table */
  public Table table() {
    return table;
  }

  /** @return the feature columns as read (before preprocessing) */
  public Table features() {
    return features;
  }

  /** @return the identifier column, or null */
  public String idColumn() {
    return idColumn;
  }

  /** @return the columns that got {@code log1p} */
  public List<String> logColumns() {
    return logColumns;
  }

  /** @return the fitted preprocessing pipeline */
  public PipelineModel pipeline() {
    return pipeline;
  }

  /** @return the preprocessed (scaled) customers */
  public Dataset scaled() {
    return scaled;
  }

  /** @return the k-selection sweep */
  public KSweep sweep() {
    return sweep;
  }

  /** @return the k asked for or chosen by the sweep (K-Means, mixtures) */
  public int chosenK() {
    return chosenK;
  }

  /** @return the sorted k-distance curve for {@link #minPts()} */
  public KDistance kDistance() {
    return kDistance;
  }

  /** @return DBSCAN's minPts or HDBSCAN's minSamples (also the k of the k-distance curve) */
  public int minPts() {
    return minPts;
  }

  /** @return DBSCAN's eps, {@code NaN} for other algorithms */
  public double eps() {
    return eps;
  }

  /** @return HDBSCAN's min cluster size, 0 for other algorithms */
  public int minClusterSize() {
    return minClusterSize;
  }

  /**
   * @return the fitted model: a {@code KMeansModel}, {@code GaussianMixtureModel}, {@code DbscanModel},
   *     {@code HdbscanModel}, {@code KMedoidsModel} or {@code BisectingKMeansModel}
   */
  public Object model() {
    return model;
  }

  /** @return the segment of every customer, {@code -1} for DBSCAN's and HDBSCAN's noise */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the number of segments (noise not counted) */
  public int segmentCount() {
    return segmentCount;
  }

  /**
   * The medoids of K-Medoids: each segment's typical customer, a row of the table.
   *
   * @return per segment, in label order, the row (0-based) of its medoid customer; null for the other algorithms
   */
  public int[] medoidRows() {
    return medoidRows == null ? null : medoidRows.clone();
  }

  /**
   * @return whether each customer is an outlier: by the clustering's rule, or by the {@link #outlierDetector()}
   *     when there is one (DBSCAN's and HDBSCAN*'s noise is then flagged only when the detector flags it; its label
   *     stays {@code -1})
   */
  public boolean[] outliers() {
    return outlier.clone();
  }

  /**
   * @return per customer the outlier score: the {@link #outlierDetector()}'s (LOF, isolation score; higher is more
   *     unusual) when there is one, else distance to the centroid (K-Means) or the medoid (K-Medoids), log
   *     density (mixtures), GLOSH in {@code [0, 1]}
   *     (HDBSCAN, whose outliers are its noise, not the highest scores); null for DBSCAN
   */
  public double[] outlierScores() {
    return outlierScore == null ? null : outlierScore.clone();
  }

  /**
   * @return the outlier threshold on {@link #outlierScores()}: the detector's when there is one, else the
   *     clustering's, {@code NaN} for DBSCAN and HDBSCAN
   */
  public double outlierThreshold() {
    return outlierThreshold;
  }

  /**
   * @return the outlier detector fitted on {@link #scaled()} ({@code --outliers lof} or {@code iforest}), or null
   *     when the clustering flags the outliers
   */
  public OutlierModel outlierDetector() {
    return detector;
  }

  /** @return the clustering's own outlier threshold, as {@link #outlierThreshold()} without a detector */
  double modelOutlierThreshold() {
    return modelOutlierThreshold;
  }

  /**
   * @return per customer the probability of its segment (mixtures) or its membership strength in {@code [0, 1]}, 0
   *     for noise (HDBSCAN), else null
   */
  public double[] probabilities() {
    return probability == null ? null : probability.clone();
  }

  /** @return the segment profile and names */
  public Profile profile() {
    return profile;
  }

  /** @return the quality indices */
  public Segmenter.Quality quality() {
    return quality;
  }

  /** @return the PCA fitted on the scaled customers (at most 2 components) */
  public PcaModel pca() {
    return pca;
  }

  /** @return the customers' PCA coordinates */
  public Dataset pcaScores() {
    return pcaScores;
  }

  /** @return the segment centres' PCA coordinates */
  public double[][] pcaCentres() {
    double[][] out = new double[pcaCentres.length][];
    for (int s = 0; s < out.length; s++) {
      out[s] = pcaCentres[s].clone();
    }
    return out;
  }

  /**
   * @return per row the customer's identifier ({@code ""} where its cell is missing, which a column named with
   *     {@code --id-column} may have; a numeric id as {@link Outputs#idText(double)} writes it), or its 1-based
   *     row number when there is no identifier column
   */
  public String[] customerIds() {
    int n = table.rowCount();
    String[] out = new String[n];
    if (idColumn == null) {
      for (int i = 0; i < n; i++) {
        out[i] = Integer.toString(i + 1);
      }
    } else if (table.type(idColumn) == io.github.clusterkit.data.ColumnType.NUMERIC) {
      double[] v = table.numeric(idColumn);
      for (int i = 0; i < n; i++) {
        out[i] = Outputs.idText(v[i]);
      }
    } else {
      String[] v = table.categorical(idColumn);
      for (int i = 0; i < n; i++) {
        out[i] = v[i] == null ? "" : v[i];
      }
    }
    return out;
  }
}
