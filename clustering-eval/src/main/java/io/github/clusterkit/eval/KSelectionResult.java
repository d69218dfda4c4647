package io.github.clusterkit.eval;

import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import java.util.EnumSet;
import java.util.Locale;

/**
 * The table of a {@link KSelection} sweep: one row per {@code k}, one column per {@link Criterion}
 * ({@code NaN} where a criterion is undefined, such as the silhouette at {@code k = 1}),
 * the choice of each criterion, and the recommended {@code k} with the rule that chose it, and the models
 * fitted for every {@code k} (K-Means in a K-Means sweep, with Gaussian mixtures when BIC or AIC was computed;
 * K-Medoids in a K-Medoids sweep; in a bisecting K-Means sweep the one fit, whose tree holds every {@code k}).
 * Immutable; arrays returned are copies; safe to share between threads (the models it holds are immutable too).
 */
public final class KSelectionResult {

  private final int[] ks;
  private final double[][] table; // [criterion ordinal][row]
  private final EnumSet<Criterion> computed;
  private final KMeansModel[] models; // null in a K-Medoids sweep
  private final KMedoidsModel[] medoidModels; // null in a K-Means sweep
  private final BisectingKMeansModel tree; // the one fit of a bisecting K-Means sweep, null in the others
  private final GaussianMixtureModel[] mixtures; // null when no mixture was fitted
  private final int[] best; // per criterion ordinal, -1 if none
  private final int recommended;
  private final Criterion rule;
  /**
   * The inertias (K-Means) or costs (K-Medoids) the knee is found on when they differ from the table's (data scaled by
   * a power of two), or null.
   */
  private final double[] kneeInertia;

  KSelectionResult(int[] ks, double[][] table, double[] kneeInertia, EnumSet<Criterion> computed,
      KMeansModel[] models, GaussianMixtureModel[] mixtures, Criterion recommendBy, double kneeSensitivity) {
    this(ks, table, kneeInertia, computed, models, null, null, mixtures, recommendBy, kneeSensitivity);
  }

  /**
   * @param kneeInertia the knee criterion's values to find the knee on, or null for the table's: of
   *     {@link Criterion#INERTIA} when {@code models} or {@code tree} are given, of {@link Criterion#COST} when
   *     {@code medoidModels} are
   * @param tree the fit of a bisecting K-Means sweep with {@code maxK} leaves, or null (exactly one of
   *     {@code models}, {@code medoidModels} and {@code tree} is given)
   */
  KSelectionResult(int[] ks, double[][] table, double[] kneeInertia, EnumSet<Criterion> computed,
      KMeansModel[] models, KMedoidsModel[] medoidModels, BisectingKMeansModel tree, GaussianMixtureModel[] mixtures,
      Criterion recommendBy, double kneeSensitivity) {
    this.ks = ks;
    this.table = table;
    this.kneeInertia = kneeInertia;
    this.computed = computed;
    this.models = models;
    this.medoidModels = medoidModels;
    this.tree = tree;
    this.mixtures = mixtures;
    Criterion[] all = Criterion.values();
    this.best = new int[all.length];
    for (Criterion c : all) {
      best[c.ordinal()] = computed.contains(c) ? choose(c, kneeSensitivity) : -1;
    }
    Criterion used = null;
    if (best[recommendBy.ordinal()] >= 0) {
      used = recommendBy;
    } else {
      for (Criterion c : all) {
        if (best[c.ordinal()] >= 0) {
          used = c;
          break;
        }
      }
    }
    this.rule = used;
    this.recommended = used == null ? -1 : best[used.ordinal()];
  }

  private int choose(Criterion c, double sensitivity) {
    double[] v = table[c.ordinal()];
    if (c == Criterion.INERTIA || c == Criterion.COST) {
      if (kneeInertia != null && (c == Criterion.INERTIA) == (medoidModels == null)) {
        v = kneeInertia;
      }
      if (c == Criterion.COST) {
        for (double y : v) {
          if (!Double.isFinite(y)) {
            return -1; // no cost curve (not fitted)
          }
        }
      }
      double[] x = new double[ks.length];
      for (int t = 0; t < ks.length; t++) {
        x[t] = ks[t];
      }
      int t = Kneedle.knee(x, v, Kneedle.Shape.CONVEX_DECREASING, sensitivity);
      return t < 0 ? -1 : ks[t];
    }
    boolean higher = !c.lowerIsBetter();
    int arg = -1;
    for (int t = 0; t < ks.length; t++) {
      double x = v[t];
      if (Double.isNaN(x)) {
        continue;
      }
      if (arg < 0 || (higher ? x > v[arg] : x < v[arg])) {
        arg = t;
      }
    }
    return arg < 0 ? -1 : ks[arg];
  }

  /** @return the values of {@code k}, ascending */
  public int[] ks() {
    return ks.clone();
  }

  /**
   * @param criterion a criterion the sweep computed ({@link #criteria()})
   * @return its value for every {@code k} (aligned with {@link #ks()}); {@code NaN} where undefined (the
   *     silhouette, Davies-Bouldin and Calinski-Harabasz at {@code k = 1}, Calinski-Harabasz where every row is
   *     its own cluster, a sampled silhouette whose sample holds one cluster)
   * @throws IllegalArgumentException if {@code criterion} is null or was not computed
   */
  public double[] values(Criterion criterion) {
    return table[computedOrdinal(criterion)].clone();
  }

  private int computedOrdinal(Criterion criterion) {
    if (criterion == null) {
      throw new IllegalArgumentException("criterion must not be null");
    }
    if (!computed.contains(criterion)) {
      if (medoidModels != null && (criterion == Criterion.INERTIA || criterion == Criterion.BIC
          || criterion == Criterion.AIC)) {
        throw new IllegalArgumentException("criterion must be one this sweep computed " + computed + ", got "
            + criterion + ", which a K-Medoids sweep does not compute" + (criterion == Criterion.INERTIA
            ? " (its cost is COST)" : "; sweep KSelection.kMeans(...).mixtures(...) for it"));
      }
      if (medoidModels == null && (criterion == Criterion.COST || criterion == Criterion.MEDOID_SILHOUETTE)) {
        throw new IllegalArgumentException("criterion must be one this sweep computed " + computed + ", got "
            + criterion + ", which a " + kind() + " sweep does not compute; sweep KSelection.kMedoids(...) for it");
      }
      if (tree != null && (criterion == Criterion.BIC || criterion == Criterion.AIC)) {
        throw new IllegalArgumentException("criterion must be one this sweep computed " + computed + ", got "
            + criterion + ", which a bisecting K-Means sweep does not compute; sweep KSelection.kMeans(...)"
            + ".mixtures(...) for it");
      }
      boolean mixture = criterion == Criterion.BIC || criterion == Criterion.AIC;
      throw new IllegalArgumentException("criterion must be one this sweep computed " + computed + ", got "
          + criterion + "; name it in KSelection.criteria(...)" + (mixture ? " or call KSelection.mixtures(...)" : "")
          + " and evaluate again");
    }
    return criterion.ordinal();
  }

  private String kind() {
    return models != null ? "K-Means" : medoidModels != null ? "K-Medoids" : "bisecting K-Means";
  }

  /** @return the criteria that were computed */
  public EnumSet<Criterion> criteria() {
    return EnumSet.copyOf(computed);
  }

  /**
   * @param criterion a criterion the sweep computed ({@link #criteria()})
   * @return the {@code k} it chooses by its rule ({@link Criterion#rule()}), or {@code -1} if it chooses
   *     none (no knee, or undefined for every {@code k})
   * @throws IllegalArgumentException if {@code criterion} is null or was not computed
   */
  public int best(Criterion criterion) {
    return best[computedOrdinal(criterion)];
  }

  /**
   * The recommended {@code k}. A recommendation at the largest {@code k} of the sweep ({@code ks()[ks().length - 1]})
   * says only that the criterion was still improving there: the silhouette and the information criteria often keep
   * improving as clusters get smaller (on the mall customers with their one-hot gender, scaled, the silhouette is
   * highest at {@code k = 10} of 1..10, where the inertia knee is at 4; scikit-learn 1.2.1's silhouette of
   * {@code KMeans(k, n_init=10, random_state=42)} on the same columns is still rising at 12, 0.378 against 0.360 at
   * 10). Widen the range, or choose by another criterion ({@link #best(Criterion)}), before taking it;
   * {@link #recommendedAtEdge()} says when this is the case, and {@link #toTable()} prints it.
   *
   * @return the recommended {@code k}, or {@code -1} if no computed criterion chooses one
   */
  public int recommendedK() {
    return recommended;
  }

  /**
   * Whether the recommended {@code k} lies at an edge of the sweep beyond which its criterion might still improve:
   * the largest {@code k} of the sweep, or the smallest where the criterion is also defined for smaller {@code k}
   * (from {@code k = 2} for the silhouette, the medoid silhouette, Davies-Bouldin and Calinski-Harabasz, from
   * {@code k = 1} for the others). Such a recommendation says only that the best {@code k} may lie outside the
   * range: widen it before taking the recommendation.
   *
   * @return true if {@link #recommendedK()} is such an edge; false if it is inside the range or there is none
   */
  public boolean recommendedAtEdge() {
    if (rule == null) {
      return false;
    }
    int lowest = rule == Criterion.SILHOUETTE || rule == Criterion.MEDOID_SILHOUETTE
        || rule == Criterion.DAVIES_BOULDIN || rule == Criterion.CALINSKI_HARABASZ ? 2 : 1;
    return recommended == ks[ks.length - 1] || (recommended == ks[0] && ks[0] > lowest);
  }

  /** @return the criterion whose rule chose {@link #recommendedK()}, or null if none did */
  public Criterion rule() {
    return rule;
  }

  /**
   * The K-Means model the sweep fitted for {@code k}: the same model, bit for bit, as
   * {@code KMeans.k(k).seed(seed).restarts(restarts).fit(data)} with the sweep's seed and restarts, so the
   * recommended segmentation needs no second fit ({@code model(recommendedK())}).
   *
   * @param k a {@code k} of the sweep
   * @return the K-Means model fitted for it
   * @throws IllegalArgumentException if {@code k} is outside the sweep
   * @throws IllegalStateException if the sweep fitted K-Medoids ({@link #kMedoidsModel(int)}) or bisecting K-Means
   *     ({@link #bisectingModel(int)})
   */
  public KMeansModel model(int k) {
    checkK(k);
    if (models == null) {
      throw new IllegalStateException("this sweep fitted " + kind() + ", not K-Means; see "
          + (tree != null ? "bisectingModel(k)" : "kMedoidsModel(k)"));
    }
    return models[k - ks[0]];
  }

  /**
   * The K-Medoids model a K-Medoids sweep ({@link KSelection#kMedoids(int, int)}) fitted for {@code k}: the same
   * model, bit for bit, as {@code KMedoids.k(k).seed(seed).restarts(restarts).metric(metric).method(method)
   * .init(init).fit(data)} with the sweep's settings (and one thread), so the recommended segmentation needs no
   * second fit ({@code kMedoidsModel(recommendedK())}). Its {@code cost()} is the table's {@link Criterion#COST}.
   *
   * @param k a {@code k} of the sweep
   * @return the K-Medoids model fitted for it
   * @throws IllegalArgumentException if {@code k} is outside the sweep
   * @throws IllegalStateException if the sweep fitted K-Means ({@link #model(int)}) or bisecting K-Means
   *     ({@link #bisectingModel(int)})
   */
  public KMedoidsModel kMedoidsModel(int k) {
    checkK(k);
    if (medoidModels == null) {
      throw new IllegalStateException("this sweep fitted " + kind() + ", not K-Medoids; see "
          + (tree != null ? "bisectingModel(k)" : "model(k)"));
    }
    return medoidModels[k - ks[0]];
  }

  /**
   * The bisecting K-Means model with {@code k} clusters of a bisecting K-Means sweep
   * ({@link KSelection#bisectingKMeans(int, int)}): the sweep's one fit, with {@code maxK} leaves, cut after its first
   * {@code k - 1} splits. By the nesting of {@link io.github.clusterkit.kmeans.BisectingKMeans} this is the model of
   * the separate fit {@code BisectingKMeans.k(k).seed(seed).restarts(restarts).strategy(strategy).fit(data)} with the
   * sweep's settings, without fitting again: its {@code state()} equals that fit's, every number bit for bit, so its
   * {@code labels()} are the tree's {@code labelsAt(k)}, its {@code inertia()} the table's {@link Criterion#INERTIA},
   * its tree the first {@code 2k - 1} nodes of the sweep's, and it predicts as that fit does. The recommended
   * segmentation is {@code bisectingModel(recommendedK())}; {@code bisectingModel(maxK)} is the sweep's fit itself,
   * whose {@code labelsAt(m)} gives every coarser clustering.
   *
   * @param k a {@code k} of the sweep
   * @return the model with {@code k} leaves (built from the fit's state on every call but the last {@code k}, in
   *     {@code O(n + k d)} time; equal models every time)
   * @throws IllegalArgumentException if {@code k} is outside the sweep
   * @throws IllegalStateException if the sweep fitted K-Means ({@link #model(int)}) or K-Medoids
   *     ({@link #kMedoidsModel(int)})
   */
  public BisectingKMeansModel bisectingModel(int k) {
    checkK(k);
    if (tree == null) {
      throw new IllegalStateException("this sweep fitted " + kind() + ", not bisecting K-Means; see "
          + (models != null ? "model(k)" : "kMedoidsModel(k)"));
    }
    if (k == tree.k()) {
      return tree;
    }
    // The tree after k - 1 splits is its first 2k - 1 nodes: split s made nodes 2s + 1 and 2s + 2.
    BisectingKMeansModel.State all = tree.state();
    int nodes = 2 * k - 1;
    int d = all.dimension();
    return BisectingKMeansModel.fromState(new BisectingKMeansModel.State(d, all.columnNames(),
        java.util.Arrays.copyOf(all.splits(), k - 1), java.util.Arrays.copyOf(all.centroids(), nodes * d),
        java.util.Arrays.copyOf(all.sizes(), nodes), java.util.Arrays.copyOf(all.inertias(), nodes), tree.labelsAt(k),
        java.util.Arrays.copyOf(all.iterations(), k - 1), java.util.Arrays.copyOf(all.converged(), k - 1)));
  }

  private void checkK(int k) {
    if (k < ks[0] || k > ks[ks.length - 1]) {
      throw new IllegalArgumentException("k must be in [" + ks[0] + ", " + ks[ks.length - 1] + "], got " + k);
    }
  }

  /**
   * @param k a {@code k} of the sweep
   * @return the Gaussian mixture with {@code k} components fitted for it (its {@code bic(data)} and
   *     {@code aic(data)} are the table's {@link Criterion#BIC} and {@link Criterion#AIC})
   * @throws IllegalArgumentException if {@code k} is outside the sweep
   * @throws IllegalStateException if the sweep fitted no mixtures (neither BIC nor AIC was computed)
   */
  public GaussianMixtureModel mixture(int k) {
    checkK(k);
    if (mixtures == null && models == null) {
      throw new IllegalStateException("this " + kind() + " sweep fitted no Gaussian mixtures; they come with"
          + " KSelection.kMeans(...).mixtures(...)");
    }
    if (mixtures == null) {
      throw new IllegalStateException("this sweep fitted no Gaussian mixtures; configure KSelection.mixtures(...)"
          + " or the BIC or AIC criterion");
    }
    return mixtures[k - ks[0]];
  }

  /** @return the table as text, one line per {@code k}, for logs and examples */
  public String toTable() {
    StringBuilder sb = new StringBuilder("k");
    for (Criterion c : computed) {
      sb.append('\t').append(c.name().toLowerCase(Locale.ROOT));
    }
    sb.append('\n');
    for (int t = 0; t < ks.length; t++) {
      sb.append(ks[t]);
      for (Criterion c : computed) {
        sb.append('\t').append(String.format(Locale.ROOT, "%.6g", table[c.ordinal()][t]));
      }
      sb.append('\n');
    }
    sb.append("recommended k = ").append(recommended);
    if (rule != null) {
      sb.append(" (").append(rule.rule()).append(')');
    }
    if (recommendedAtEdge()) {
      sb.append(recommended == ks[ks.length - 1] ? ", the largest k of the sweep" : ", the smallest k of the sweep")
          .append(": the best k may lie beyond it, widen the range");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "KSelectionResult[k=" + ks[0] + ".." + ks[ks.length - 1] + ", recommended " + recommended
        + (rule == null ? "" : " by " + rule) + (recommendedAtEdge() ? ", at the edge of the range" : "") + "]";
  }
}
