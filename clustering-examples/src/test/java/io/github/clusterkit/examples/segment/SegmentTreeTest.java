package io.github.clusterkit.examples.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.kmeans.BisectingKMeans;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The segment tree block of a bisecting report ({@link SegmentTree}), checked against the fitted tree it describes:
 * every split's line names the node it split and its two halves with their sizes, the halves' sizes add up to the
 * parent's, a half is named by the profile of its level, and the final segments listed under a half are exactly the
 * final labels of its rows.
 */
class SegmentTreeTest {

  private static final Pattern SPLIT = Pattern.compile("  (\\d+)\\. (all customers|[A-Za-z0-9]+) \\((\\d+)\\) -> "
      + "([A-Za-z0-9]+) \\((\\d+)\\) \\+ ([A-Za-z0-9]+) \\((\\d+)\\)");
  private static final Pattern HALF = Pattern.compile(" {7}([A-Za-z0-9]+) +(\\d+) customers  (.+?) +"
      + "(= segment #(\\d+)|-> segments (#\\d+(, #\\d+)*))");

  /** Random tables of 1 to 3 numeric columns, fitted with 2 to 7 segments; the block read back against the tree. */
  @Property(tries = 40)
  void blockDescribesTheTree(@ForAll long seed, @ForAll @IntRange(min = 8, max = 80) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 2, max = 7) int k) {
    Random r = new Random(seed);
    double[][] rows = new double[n][d];
    Table.Builder b = Table.builder();
    for (int j = 0; j < d; j++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) {
        col[i] = Math.rint(r.nextGaussian() * 10) + (i % 3) * 25 * j; // some structure, some duplicates
        rows[i][j] = col[i];
      }
      b.numeric("c" + j, col);
    }
    Table features = b.build();
    BisectingKMeansModel m = BisectingKMeans.k(k).seed(seed).fit(Dataset.of(rows));
    check(m, features, SegmentTree.lines(m, features));
  }

  /** The Mall-like hand case of the model's Javadoc: one column, 2 and 10 then 2 split into 0 and 4. */
  @Example
  void codesAlternateLettersAndDigits() {
    double[][] rows = {{0}, {0.5}, {3.5}, {4}, {9.5}, {10}, {10.5}, {20}, {21}, {30}, {31}};
    BisectingKMeansModel m = BisectingKMeans.k(6).seed(1).fit(Dataset.of(rows));
    String[] codes = SegmentTree.codes(m);
    assertEquals("", codes[0]);
    assertEquals("A", codes[1]);
    assertEquals("B", codes[2]);
    for (int v = 3; v < m.nodeCount(); v++) {
      String parent = codes[m.parent(v)];
      assertTrue(codes[v].startsWith(parent) && codes[v].length() == parent.length() + 1, codes[v]);
      char last = codes[v].charAt(codes[v].length() - 1);
      boolean left = m.leftChild(m.parent(v)) == v;
      // depth 2 appends a digit, depth 3 a lower-case letter, and so on
      String expected = parent.length() % 2 == 1 ? (left ? "1" : "2") : (left ? "a" : "b");
      assertEquals(expected, String.valueOf(last), Arrays.toString(codes));
    }
  }

  @Example
  void oneSegmentHasNoSplit() {
    double[][] rows = {{1}, {2}, {3}};
    Table t = Table.builder().numeric("x", new double[] {1, 2, 3}).build();
    BisectingKMeansModel m = BisectingKMeans.k(1).fit(Dataset.of(rows));
    assertEquals(List.of("segment tree: no split (k = 1): all 3 customers are one segment"), SegmentTree.lines(m, t));
  }

  static void check(BisectingKMeansModel m, Table features, List<String> lines) {
    int k = m.k();
    assertEquals(1 + 3 * (k - 1), lines.size(), String.join("\n", lines));
    assertEquals("segment tree: " + (k - 1) + (k == 2 ? " split" : " splits") + " in the order made, each cutting a"
        + " segment in two (names as the profile at that level names them):", lines.get(0));
    String[] codes = SegmentTree.codes(m);
    int[] finalLabels = m.labels();
    Set<Integer> leavesSeen = new HashSet<>();
    for (int s = 0; s < k - 1; s++) {
      Matcher sm = SPLIT.matcher(lines.get(1 + 3 * s));
      assertTrue(sm.matches(), lines.get(1 + 3 * s));
      int parent = m.splitNode(s);
      assertEquals(s + 1, Integer.parseInt(sm.group(1)));
      assertEquals(parent == 0 ? "all customers" : codes[parent], sm.group(2));
      assertEquals(m.nodeSize(parent), Integer.parseInt(sm.group(3)));
      assertEquals(codes[2 * s + 1], sm.group(4));
      assertEquals(codes[2 * s + 2], sm.group(6));
      int a = Integer.parseInt(sm.group(5));
      int c = Integer.parseInt(sm.group(7));
      assertEquals(m.nodeSize(2 * s + 1), a);
      assertEquals(m.nodeSize(2 * s + 2), c);
      assertEquals(m.nodeSize(parent), a + c);
      int level = s + 2;
      int[] atLevel = m.labelsAt(level);
      Profile p = Profile.of(features, atLevel, level);
      int[] leaves = m.leavesAt(level);
      for (int h = 0; h < 2; h++) {
        int node = 2 * s + 1 + h;
        Matcher hm = HALF.matcher(lines.get(2 + 3 * s + h));
        assertTrue(hm.matches(), lines.get(2 + 3 * s + h));
        assertEquals(codes[node], hm.group(1));
        assertEquals(m.nodeSize(node), Integer.parseInt(hm.group(2)));
        int label = Arrays.stream(leaves).boxed().toList().indexOf(node);
        assertEquals(p.nameOfLabel(label), hm.group(3));
        // the final segments of the half's rows, from the labels: the rows labelled `label` at this level
        Set<Integer> under = new java.util.TreeSet<>();
        int rows = 0;
        for (int i = 0; i < atLevel.length; i++) {
          if (atLevel[i] == label) {
            under.add(finalLabels[i]);
            rows++;
          }
        }
        assertEquals(m.nodeSize(node), rows);
        List<String> listed = new ArrayList<>();
        if (hm.group(5) != null) {
          listed.add("#" + hm.group(5));
          assertEquals(1, under.size());
          leavesSeen.add(Integer.parseInt(hm.group(5)));
        } else {
          listed.addAll(Arrays.asList(hm.group(6).split(", ")));
          assertTrue(under.size() >= 2, lines.get(2 + 3 * s + h));
        }
        List<String> expected = new ArrayList<>();
        for (int l : under) {
          expected.add("#" + l);
        }
        assertEquals(expected, listed);
      }
    }
    // every final segment is announced once, as "= segment #l"
    int[] all = new int[k];
    for (int l = 0; l < k; l++) {
      all[l] = l;
    }
    assertArrayEquals(all, leavesSeen.stream().mapToInt(Integer::intValue).sorted().toArray());
  }
}
