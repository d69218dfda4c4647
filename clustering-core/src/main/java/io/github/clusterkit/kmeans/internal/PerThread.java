package io.github.clusterkit.kmeans.internal;

import java.util.function.Supplier;

/**
 * One value per calling thread, made on a thread's first {@link #get()}: the work arrays of a pass, so that each
 * worker keeps writing into memory its own core has cached instead of new arrays zeroed for every chunk. The
 * lookup is a short synchronized scan (called once per chunk, never per row); a thread is expected to use its
 * value for one chunk at a time. The values live as long as this object (one fit), and so do the keys. Not API.
 *
 * @param <T> the value type
 */
final class PerThread<T> {

  private final Supplier<T> make;
  private Object[] values = new Object[0];
  private Thread[] owners = new Thread[0];

  /**
   * @param make called once per thread, on that thread's first {@link #get()}
   */
  PerThread(Supplier<T> make) {
    this.make = make;
  }

  /** @return the calling thread's value */
  @SuppressWarnings("unchecked")
  synchronized T get() {
    Thread me = Thread.currentThread();
    for (int i = 0; i < owners.length; i++) {
      if (owners[i] == me) {
        return (T) values[i];
      }
    }
    T v = make.get();
    int m = owners.length;
    values = java.util.Arrays.copyOf(values, m + 1);
    owners = java.util.Arrays.copyOf(owners, m + 1);
    values[m] = v;
    owners[m] = me;
    return v;
  }
}
