package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of {@link OneHotEncoder}'s infrequent categories on random columns, random settings and every unknown
 * and drop rule, checked against the counts of the fit (a brute-force oracle of the rules in the class comment) and
 * against the encoder without grouping.
 */
class OneHotInfrequentPropertiesTest {

  /**
   * Each row's block sums to exactly 1, or to 0 exactly when its category is unknown (or missing) and the rule does
   * not send it to a grouped column, or it falls in the dropped column; the frequent categories' columns equal the
   * plain encoder's bit for bit; the infrequent categories are those the rules give from the counts.
   */
  @Property(tries = 300)
  void blocksSumToOneOrZeroAndFrequentColumnsAreThePlainEncoders(@ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 9) int categories, @ForAll @IntRange(min = 0, max = 12) int minCount,
      @ForAll @IntRange(min = 0, max = 10) int maxCategories, @ForAll boolean fraction, @ForAll long seed) {
    Rng rng = new Rng(seed);
    String[] fit = new String[n];
    String[] fresh = new String[n];
    for (int i = 0; i < n; i++) {
      // skewed: low indices are frequent, so there are rare ones and ties
      fit[i] = "c" + Math.min(rng.nextInt(categories), rng.nextInt(categories));
      fresh[i] = rng.nextInt(6) == 0 ? (rng.nextInt(2) == 0 ? null : "unseen") : "c" + rng.nextInt(categories);
    }
    Table train = Table.builder().categorical("g", fit).build();
    Table t = Table.builder().categorical("g", fresh).build();
    OneHotEncoder base = new OneHotEncoder();
    double share = minCount / 13.0;
    if (minCount > 0) {
      base = fraction ? base.minFrequencyFraction(share) : base.minFrequency(minCount);
    }
    if (maxCategories >= 2) {
      base = base.maxCategories(maxCategories);
    }
    Table plain = new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE).fit(train).transform(t);
    // the oracle: counts, then the rules of the class comment
    Map<String, Integer> counts = new HashMap<>();
    for (String s : fit) {
      counts.merge(s, 1, Integer::sum);
    }
    OneHotEncoder.Fitted grouped = base.fit(train);
    List<String> cats = grouped.categories().get(0);
    Set<String> rare = new HashSet<>(grouped.infrequentCategories().get(0));
    int frequent = cats.size() - rare.size();
    for (String c : cats) {
      int k = counts.get(c);
      boolean belowMin = minCount > 0 && (fraction ? k < n * share : k < minCount);
      if (belowMin) {
        assertTrue(rare.contains(c), c + " is below the minimum frequency");
      }
      for (String o : cats) {
        if (rare.contains(c) && !rare.contains(o)) {
          // a frequent category has no fewer rows, and on a tie comes later in the sorted order
          int ko = counts.get(o);
          assertTrue(ko > k || (ko == k && cats.indexOf(o) > cats.indexOf(c)) || belowMin, c + " vs " + o);
        }
      }
    }
    if (maxCategories >= 2) {
      assertTrue(frequent + (rare.isEmpty() ? 0 : 1) <= maxCategories, "at most maxCategories columns");
    }
    // the whole infrequent set, exactly: below the minimum, or outside the maxCategories - 1 largest counts (a tie
    // keeps the later category) when the frequent ones plus the grouped column would exceed maxCategories; the
    // boundary checks above alone let a minimum compared with <= instead of < pass
    Set<String> below = new HashSet<>();
    for (String c : cats) {
      int k = counts.get(c);
      if (minCount > 0 && (fraction ? k < n * share : k < minCount)) {
        below.add(c);
      }
    }
    Set<String> oracle = new HashSet<>(below);
    if (maxCategories >= 2 && maxCategories < cats.size() - below.size() + 1) {
      for (String c : cats) {
        int larger = 0; // categories kept before c: more rows, or as many and later in the sorted order
        for (String o : cats) {
          int ko = counts.get(o);
          int k = counts.get(c);
          if (ko > k || (ko == k && cats.indexOf(o) > cats.indexOf(c))) {
            larger++;
          }
        }
        if (larger >= maxCategories - 1) {
          oracle.add(c);
        }
      }
    }
    assertEquals(oracle, rare, "the infrequent categories of the counts " + counts);
    if (minCount == 0 || (!fraction && minCount == 1)) {
      // only the cut: exactly the maxCategories - 1 most frequent stay when it applies
      int expected = maxCategories >= 2 && maxCategories < cats.size() + 1 ? maxCategories - 1 : cats.size();
      assertEquals(expected, frequent);
    }
    for (OneHotEncoder.HandleUnknown h : List.of(OneHotEncoder.HandleUnknown.IGNORE,
        OneHotEncoder.HandleUnknown.INFREQUENT_IF_EXIST)) {
      for (OneHotEncoder.Drop d : OneHotEncoder.Drop.values()) {
        OneHotEncoder.Fitted f = base.handleUnknown(h).drop(d).fit(train);
        assertEquals(grouped.infrequentCategories(), f.infrequentCategories());
        int block = frequent + (rare.isEmpty() ? 0 : 1);
        if (block == 1 && d == OneHotEncoder.Drop.FIRST) {
          continue; // no output column: refused, as OneHotInfrequentTest shows
        }
        Table out = f.transform(t);
        String dropped = f.droppedCategories().get(0);
        List<String> names = out.columnNames();
        int written = block - (dropped == null ? 0 : 1);
        assertEquals(written, names.size());
        for (String name : names) {
          String c = name.substring(2);
          if (!c.equals(OneHotEncoder.INFREQUENT)) {
            assertArrayEquals(plain.numeric(name), out.numeric(name), name);
          }
        }
        for (int i = 0; i < n; i++) {
          double sum = 0;
          for (String name : names) {
            double v = out.numeric(name)[i];
            assertTrue(v == 0 || v == 1);
            sum += v;
          }
          String v = fresh[i];
          boolean known = v != null && cats.contains(v);
          String column = known ? (rare.contains(v) ? OneHotEncoder.INFREQUENT : v)
              : h == OneHotEncoder.HandleUnknown.INFREQUENT_IF_EXIST && !rare.isEmpty() ? OneHotEncoder.INFREQUENT
              : null;
          boolean one = column != null && !column.equals(dropped);
          assertEquals(one ? 1.0 : 0.0, sum, h + " " + d + " row " + v);
          if (one) {
            assertEquals(1.0, out.numeric("g=" + column)[i]);
          }
        }
      }
    }
  }

  /** A random table's grouping survives {@link OneHotEncoder.Fitted#of} from the fitted state: same output. */
  @Property(tries = 100)
  void theFittedStateRebuildsTheSameEncoder(@ForAll @IntRange(min = 2, max = 40) int n,
      @ForAll @IntRange(min = 2, max = 8) int max, @ForAll long seed) {
    Rng rng = new Rng(seed);
    String[] v = new String[n];
    for (int i = 0; i < n; i++) {
      v[i] = "c" + rng.nextInt(10);
    }
    Table t = Table.builder().categorical("g", v).build();
    OneHotEncoder.Fitted f = new OneHotEncoder().maxCategories(max).fit(t);
    OneHotEncoder.Fitted back = OneHotEncoder.Fitted.of(f.columns(), f.categories(), f.handleUnknown(), f.drop(),
        new ArrayList<>(f.infrequentCategories()));
    assertEquals(f, back);
    assertEquals(f.transform(t).columnNames(), back.transform(t).columnNames());
  }
}
