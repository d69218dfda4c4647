package io.github.clusterkit.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

/**
 * A test helper: a daemon thread that, until closed, lists the JVM's live threads about every 0.1 ms and
 * records the names that start with a given prefix, so that a test can tell whether a call ran on threads of
 * such a name while it was running.
 */
public final class ThreadWatcher implements AutoCloseable {

  private final String prefix;
  private final Set<String> seen = new TreeSet<>();
  private final Thread thread;
  private volatile boolean stop;
  private volatile int samples;

  private ThreadWatcher(String prefix) {
    this.prefix = prefix;
    thread = new Thread(this::watch, "thread-watcher");
    thread.setDaemon(true);
  }

  /**
   * @param prefix the thread-name prefix to look for
   * @return a running watcher, which has taken its first sample
   */
  public static ThreadWatcher start(String prefix) {
    ThreadWatcher w = new ThreadWatcher(prefix);
    w.thread.start();
    while (w.samples == 0) {
      Thread.onSpinWait();
    }
    return w;
  }

  private void watch() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] buf = new Thread[256];
    while (!stop) {
      int count = root.enumerate(buf, true);
      if (count == buf.length) {
        buf = new Thread[2 * buf.length];
        continue;
      }
      for (int i = 0; i < count; i++) {
        String name = buf[i].getName();
        if (name.startsWith(prefix)) {
          synchronized (seen) {
            seen.add(name);
          }
        }
        buf[i] = null;
      }
      samples++;
      LockSupport.parkNanos(100_000);
    }
  }

  /** @return how many times the threads were listed so far */
  public int samples() {
    return samples;
  }

  /** @return the names seen so far that start with the prefix */
  public Set<String> seen() {
    synchronized (seen) {
      return new TreeSet<>(seen);
    }
  }

  /** Stops the watcher and waits for its thread to end. */
  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join();
  }
}
