package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.Table;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "segment tree" block of a bisecting K-Means report: the splits in the order the fit made them, each as one
 * line "which segment split into which two, with their sizes" ({@code 2. B (89) -> B1 (54) + B2 (35)}) and one line
 * per half with its size, its name from the segment profile of the segmentation at that level ({@link Profile} of
 * {@link BisectingKMeansModel#labelsAt(int) labelsAt(m)}, the names the report would give with {@code --k m}) and the
 * final segments under it.
 *
 * <p>Segments of the tree are named by their path: the root is "all customers", its halves {@code A} and {@code B}
 * (the 2-means cluster 0 and 1 of the first split), and below them halves append {@code 1}/{@code 2} and
 * {@code a}/{@code b} in turn ({@code B1}, {@code B2}, {@code B1a}, ...), so a name says where a segment lies.
 */
final class SegmentTree {

  private SegmentTree() {}

  /**
   * The block's lines, without line breaks.
   *
   * @param m the fitted tree
   * @param features the feature columns as read (the profile's input)
   * @return the lines: a heading, then per split a summary line and two lines for its halves
   */
  static List<String> lines(BisectingKMeansModel m, Table features) {
    int k = m.k();
    int nodes = m.nodeCount();
    String[] code = codes(m);
    int width = 0;
    for (int v = 1; v < nodes; v++) {
      width = Math.max(width, code[v].length());
    }
    int digits = Integer.toString(m.nodeSize(0)).length();
    List<String> out = new ArrayList<>();
    if (k == 1) {
      out.add("segment tree: no split (k = 1): all " + m.nodeSize(0) + " customers are one segment");
      return out;
    }
    // each half's name in the profile of the segmentation right after its split
    String[] name = new String[nodes];
    int nameWidth = 0;
    for (int s = 0; s < k - 1; s++) {
      int level = s + 2;
      Profile p = Profile.of(features, m.labelsAt(level), level);
      int[] leaves = m.leavesAt(level);
      for (int child = 2 * s + 1; child <= 2 * s + 2; child++) {
        name[child] = p.nameOfLabel(indexOf(leaves, child));
        nameWidth = Math.max(nameWidth, name[child].length());
      }
    }
    out.add("segment tree: " + (k - 1) + (k == 2 ? " split" : " splits") + " in the order made, each cutting a"
        + " segment in two (names as the profile at that level names them):");
    for (int s = 0; s < k - 1; s++) {
      int parent = m.splitNode(s);
      int left = 2 * s + 1;
      int right = 2 * s + 2;
      String from = parent == 0 ? "all customers" : code[parent];
      out.add(String.format(Locale.ROOT, "  %d. %s (%d) -> %s (%d) + %s (%d)", s + 1, from, m.nodeSize(parent),
          code[left], m.nodeSize(left), code[right], m.nodeSize(right)));
      for (int child = left; child <= right; child++) {
        out.add(String.format(Locale.ROOT, "       %-" + width + "s %" + digits + "d customers  %-" + nameWidth
            + "s  %s", code[child], m.nodeSize(child), name[child], finalSegments(m, child)));
      }
    }
    return out;
  }

  /** Each node's path name: "" for the root, A and B below it, then digits and lower-case letters in turn. */
  static String[] codes(BisectingKMeansModel m) {
    int nodes = m.nodeCount();
    String[] code = new String[nodes];
    int[] depth = new int[nodes];
    code[0] = "";
    // children are numbered after their parent (2s + 1 and 2s + 2 for split s), so one pass in node order works
    for (int v = 1; v < nodes; v++) {
      int parent = m.parent(v);
      boolean left = v % 2 == 1;
      depth[v] = depth[parent] + 1;
      String step = depth[v] == 1 ? (left ? "A" : "B") : depth[v] % 2 == 0 ? (left ? "1" : "2") : (left ? "a" : "b");
      code[v] = code[parent] + step;
    }
    return code;
  }

  /** "= segment #3" for a final segment, "-> segments #0, #1" for a node split again. */
  private static String finalSegments(BisectingKMeansModel m, int node) {
    if (m.nodeLabel(node) >= 0) {
      return "= segment #" + m.nodeLabel(node);
    }
    StringBuilder sb = new StringBuilder();
    int[] leaves = m.leavesAt(m.k());
    for (int l = 0; l < leaves.length; l++) {
      int v = leaves[l];
      while (v > node) { // a descendant's number is larger than its ancestor's
        v = m.parent(v);
      }
      if (v == node) {
        sb.append(sb.length() == 0 ? "" : ", ").append('#').append(l);
      }
    }
    return "-> segments " + sb;
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    throw new IllegalStateException("node " + v + " is no leaf at this level");
  }
}
