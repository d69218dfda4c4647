package io.github.clusterkit.bench;

/**
 * Guards the one-thread claim of the rows that run Smile: Smile runs parts of K-Means, DBSCAN's and the KD-tree's
 * helpers and hierarchical clustering as parallel streams on the common fork-join pool, so its rows are single-threaded
 * only in a fork whose pool has parallelism 0 (every task then runs on the calling thread). The benchmarks set it in
 * {@code @Fork(jvmArgs = ...)}, which a command line's {@code -jvmArgsAppend} leaves in place (it replaces only the
 * annotation's {@code jvmArgsAppend}; before this guard the setting sat there and such a command line dropped it);
 * {@link #requireOff(String)} fails the setup if it is missing anyway (for example under {@code -jvmArgs}).
 */
final class CommonPool {

  /** The system property that sizes the common pool. */
  static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** The fork argument that makes the common pool run every task on the caller. */
  static final String OFF = "-D" + PROPERTY + "=0";

  private CommonPool() {}

  /**
   * @param impl the configuration about to be measured, named in the error
   * @throws IllegalStateException unless the common pool's parallelism is 0
   */
  static void requireOff(String impl) {
    if (!"0".equals(System.getProperty(PROPERTY))) {
      throw new IllegalStateException(impl + " would use the common fork-join pool's threads in a row documented as"
          + " one thread: the fork needs " + OFF + " (got " + PROPERTY + " = " + System.getProperty(PROPERTY)
          + "); keep it when replacing the fork's -jvmArgs");
    }
  }
}
