package io.github.clusterkit.bench;

/**
 * The Smile version that the adapters in this source folder ({@code src/smile6/java}, profile {@code smile6})
 * are written for; the benchmarks print it in their result checks. Keep it equal to the parent pom's
 * {@code smile6.version}.
 */
final class SmileVersion {

  static final String NAME = "6.3.0";

  private SmileVersion() {
  }
}
