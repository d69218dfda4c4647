package io.github.clusterkit.kmedoids;

import io.github.clusterkit.internal.ModelArrays;
import java.util.Arrays;

/**
 * The result of {@link KMedoids#fitDissimilarities(double[][])}: {@code k} medoids (object numbers), a label per
 * object, the cost (the sum over the objects, in object order, of the dissimilarity to their medoid) and how the run
 * ended. Unlike {@link KMedoidsModel} it cannot assign new objects: a new object has no dissimilarities to the
 * medoids; compute them and take the smallest (ties to the smaller label, as the fit does).
 *
 * <p><b>Thread-safety.</b> Immutable: arrays are copied on the way out.
 */
public final class KMedoidsResult {

  private final int[] medoidIndices;
  private final int[] labels;
  private final int k;
  private final double cost;
  private final int iterations;
  private final int swaps;
  private final boolean converged;
  private final KMedoidsMethod method;

  KMedoidsResult(int[] medoidIndices, int[] labels, int k, double cost, int iterations, int swaps,
      boolean converged, KMedoidsMethod method) {
    this.medoidIndices = medoidIndices.clone();
    this.labels = labels;
    this.k = k;
    this.cost = cost;
    this.iterations = iterations;
    this.swaps = swaps;
    this.converged = converged;
    this.method = method;
  }

  /** @return the number of medoids */
  public int k() {
    return k;
  }

  /** @return a copy of the medoids' object numbers (row numbers of the matrix), in label order */
  public int[] medoidIndices() {
    return medoidIndices.clone();
  }

  /** @return a copy of the labels, one per object, each in {@code 0..k-1} */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the number of objects in each cluster */
  public int[] clusterSizes() {
    return ModelArrays.clusterSizes(labels, k);
  }

  /** @return the sum over the objects of the dissimilarity to their medoid */
  public double cost() {
    return cost;
  }

  /** @return the iterations of the kept run, as {@link KMedoidsModel#iterations()} */
  public int iterations() {
    return iterations;
  }

  /** @return the swaps of the kept run, as {@link KMedoidsModel#swaps()} */
  public int swaps() {
    return swaps;
  }

  /** @return whether the kept run stopped on its own criterion rather than at {@code maxIterations} */
  public boolean converged() {
    return converged;
  }

  /** @return the refinement that ran */
  public KMedoidsMethod method() {
    return method;
  }

  @Override
  public String toString() {
    return "KMedoidsResult[k=" + k + ", n=" + labels.length + ", medoidIndices=" + Arrays.toString(medoidIndices)
        + ", sizes=" + Arrays.toString(clusterSizes()) + ", cost=" + cost + ", iterations=" + iterations
        + ", swaps=" + swaps + ", converged=" + converged + ", method=" + method + "]";
  }
}
