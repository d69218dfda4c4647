package io.github.clusterkit.kmeans.internal;

import java.util.function.Supplier;

/**
 * One value per calling thread, made on a thread's first {@link #get()}: the work arrays of a pass, so that each
 * worker keeps writing into memory its own core has cached instead of new arrays zeroed for every chunk. The
 * lookup is a check of the last caller's entry, else a short synchronized scan (called once per chunk, never per
 * row); a thread is expected to use its value for one chunk at a time. The values live as long as this object
 * (one fit), and so do the keys. The lock-free check was worth 0.3 to 0.6 ms of a 14 ms fit at 10^5 x 50, k = 10,
 * one thread, 20 iterations from given centroids (one-JVM A/B, two runs of 100 fits). Not API.
 *
 * @param <T> the value type
 */
final class PerThread<T> {

  private final Supplier<T> make;
  private Object[] values = new Object[0];
  private Thread[] owners = new Thread[0];
  /**
   * The last caller's value, read without the lock: owner and value in one immutable pair, so a reader never takes
   * another thread's value.
   */
  private volatile Entry last;

  private static final class Entry {
    final Thread owner;
    final Object value;

    Entry(Thread owner, Object value) {
      this.owner = owner;
      this.value = value;
    }
  }

  /**
   * @param make called once per thread, on that thread's first {@link #get()}
   */
  PerThread(Supplier<T> make) {
    this.make = make;
  }

  /** @return the calling thread's value */
  @SuppressWarnings("unchecked")
  T get() {
    Entry e = last;
    Thread me = Thread.currentThread();
    if (e != null && e.owner == me) {
      return (T) e.value;
    }
    T v = find(me);
    last = new Entry(me, v);
    return v;
  }

  @SuppressWarnings("unchecked")
  private synchronized T find(Thread me) {
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
