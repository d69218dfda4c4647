package io.github.clusterkit.bench;

/**
 * The Smile version that the adapters in this source folder ({@code src/smile3/java}, the default profile) are
 * written for; the benchmarks print it in their result checks. Keep it equal to the parent pom's
 * {@code smile.version}.
 */
final class SmileVersion {

  static final String NAME = "3.1.1";

  private SmileVersion() {
  }
}
