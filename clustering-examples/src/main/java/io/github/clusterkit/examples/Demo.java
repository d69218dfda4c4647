package io.github.clusterkit.examples;

import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.LabeledDataset;

/** The library's demonstration. The DBSCAN issue replaces this first version. */
public final class Demo {

  private Demo() {}

  /**
   * @param args ignored
   */
  public static void main(String[] args) {
    LabeledDataset blobs = Generators.blobs(10_000, 2, 5, 0.5, 0.05, 42);
    System.out.println("Generated " + blobs.data() + " with " + blobs.clusterCount() + " blobs.");
  }
}
