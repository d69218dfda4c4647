package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Rng;
import java.util.Locale;

/**
 * The generated customer table that {@code segment} uses when no file is given, so the demonstration needs
 * nothing but a JDK.
 *
 * <p>1,000 customers of an online and high-street retailer, drawn from four segments (occasional shoppers,
 * store regulars, online regulars and premium loyal customers) with these columns: {@code customer_id}
 * ({@code C0001}...), {@code annual_spending} (dollars a year; log-normal within a segment, so the column
 * is skewed like real money columns), {@code visits_per_month}, {@code hours_online} (per week) and
 * {@code preferred_channel} ({@code store}, {@code online} or {@code app}). About 2% of the
 * {@code hours_online} cells and 1% of the {@code preferred_channel} cells are missing, and 10 customers are
 * unusual (very large spending, or many visits with almost no spending). Rows are shuffled. The same seed
 * always gives the same table.
 */
public final class CustomerData {

  /** The seed of the built-in table. */
  public static final long DEFAULT_SEED = 2024;

  /** Number of customers in the built-in table. */
  public static final int SIZE = 1000;

  /** Number of unusual customers among them. */
  public static final int UNUSUAL = 10;

  private static final String[] CHANNELS = {"store", "online", "app"};

  private CustomerData() {}

  /**
   * @return the built-in table ({@link #DEFAULT_SEED})
   */
  public static Table generate() {
    return generate(DEFAULT_SEED);
  }

  /**
   * Generates the customer table.
   *
   * @param seed the seed
   * @return a table of {@link #SIZE} customers
   */
  public static Table generate(long seed) {
    Rng rng = new Rng(seed);
    // per segment: count, median spending, log-sd of spending, visits mean/sd, hours mean/sd,
    // channel probabilities (store, online, app)
    int[] counts = {380, 260, 220, 130};
    double[] spendMedian = {420, 1500, 1300, 6000};
    double[] spendLogSd = {0.40, 0.30, 0.30, 0.35};
    double[][] visits = {{1.2, 0.6}, {8.5, 1.6}, {1.5, 0.8}, {6.5, 1.8}};
    double[][] hours = {{1.5, 0.8}, {2.0, 1.0}, {14, 3.0}, {9, 2.5}};
    double[][] channel = {{0.9, 0.05, 0.05}, {0.92, 0.04, 0.04}, {0.04, 0.9, 0.06}, {0.05, 0.1, 0.85}};
    int n = SIZE;
    double[] spend = new double[n];
    double[] visit = new double[n];
    double[] online = new double[n];
    String[] chan = new String[n];
    int i = 0;
    for (int s = 0; s < counts.length; s++) {
      for (int c = 0; c < counts[s]; c++, i++) {
        spend[i] = Math.rint(spendMedian[s] * Math.exp(spendLogSd[s] * rng.nextGaussian()));
        visit[i] = Math.max(0, Math.rint(visits[s][0] + visits[s][1] * rng.nextGaussian()));
        online[i] = Math.max(0, Math.rint(10 * (hours[s][0] + hours[s][1] * rng.nextGaussian())) / 10);
        chan[i] = pick(channel[s], rng.nextDouble());
      }
    }
    for (int u = 0; u < UNUSUAL; u++, i++) {
      if (u % 2 == 0) {
        // a very large spender who rarely visits
        spend[i] = Math.rint(30000 + 30000 * rng.nextDouble());
        visit[i] = Math.rint(1 + 2 * rng.nextDouble());
      } else {
        // visits nearly every day but spends almost nothing
        spend[i] = Math.rint(50 + 100 * rng.nextDouble());
        visit[i] = Math.rint(25 + 5 * rng.nextDouble());
      }
      online[i] = Math.rint(10 * 30 * rng.nextDouble()) / 10;
      chan[i] = CHANNELS[rng.nextInt(3)];
    }
    int[] order = new int[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
    }
    rng.shuffle(order);
    String[] id = new String[n];
    double[] sp = new double[n];
    double[] vi = new double[n];
    double[] on = new double[n];
    String[] ch = new String[n];
    for (int j = 0; j < n; j++) {
      int r = order[j];
      id[j] = String.format(Locale.ROOT, "C%04d", j + 1);
      sp[j] = spend[r];
      vi[j] = visit[r];
      on[j] = rng.nextDouble() < 0.02 ? Double.NaN : online[r];
      ch[j] = rng.nextDouble() < 0.01 ? null : chan[r];
    }
    return Table.builder()
        .categorical("customer_id", id)
        .numeric("annual_spending", sp)
        .numeric("visits_per_month", vi)
        .numeric("hours_online", on)
        .categorical("preferred_channel", ch)
        .build();
  }

  private static String pick(double[] p, double u) {
    double acc = 0;
    for (int j = 0; j < p.length - 1; j++) {
      acc += p[j];
      if (u < acc) {
        return CHANNELS[j];
      }
    }
    return CHANNELS[p.length - 1];
  }
}
