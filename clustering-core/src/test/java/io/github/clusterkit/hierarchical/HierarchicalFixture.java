package io.github.clusterkit.hierarchical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** One case of a (gzipped) fixture file written by tools/hierarchical_reference.py (format described there). */
final class HierarchicalFixture {

  /** A flat clustering from SciPy: the parameter (k or height) and the labels. */
  static final class Flat {
    final double parameter;
    final int[] labels;

    Flat(double parameter, int[] labels) {
      this.parameter = parameter;
      this.labels = labels;
    }
  }

  final String method;
  final String metric;
  double cophenet;
  final List<double[]> z = new ArrayList<>();
  int[] leaves;
  final List<Flat> cuts = new ArrayList<>();
  final List<Flat> heights = new ArrayList<>();

  private HierarchicalFixture(String method, String metric) {
    this.method = method;
    this.metric = metric;
  }

  static List<HierarchicalFixture> read(String set) {
    String resource = "/fixtures/hierarchical/" + set + ".txt.gz";
    List<HierarchicalFixture> cases = new ArrayList<>();
    try (InputStream in = HierarchicalFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + resource);
      }
      BufferedReader r =
          new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
      HierarchicalFixture cur = null;
      boolean inZ = false;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[0]) {
          case "case":
            cur = new HierarchicalFixture(f[1], f[2]);
            cases.add(cur);
            break;
          case "cophenet":
            cur.cophenet = Double.parseDouble(f[1]);
            break;
          case "z":
            inZ = true;
            break;
          case "leaves":
            inZ = false;
            cur.leaves = ints(f, 1);
            break;
          case "cut":
            cur.cuts.add(new Flat(Integer.parseInt(f[1]), ints(f, 2)));
            break;
          case "height":
            cur.heights.add(new Flat(Double.parseDouble(f[1]), ints(f, 2)));
            break;
          case "end":
            cur = null;
            break;
          default:
            if (!inZ) {
              throw new IllegalStateException("unexpected line in " + resource + ": " + line);
            }
            cur.z.add(new double[] {
              Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
              Double.parseDouble(f[3])
            });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static int[] ints(String[] f, int from) {
    int[] a = new int[f.length - from];
    for (int i = 0; i < a.length; i++) {
      a[i] = Integer.parseInt(f[from + i]);
    }
    return a;
  }
}
