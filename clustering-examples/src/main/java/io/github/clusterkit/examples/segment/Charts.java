package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.Dataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The segmentation charts, drawn with XChart and written as SVG and PNG: the PCA 2-D scatter coloured by
 * segment with the centres, the k-selection curves (inertia with its knee, silhouette on a second axis) and
 * the sorted k-distance curve with DBSCAN's eps.
 */
public final class Charts {

  /** File stem of the PCA scatter. */
  public static final String PCA = "segments-pca";
  /** File stem of the k-selection curves. */
  public static final String K_SELECTION = "k-selection";
  /** File stem of the k-distance curve. */
  public static final String K_DISTANCE = "k-distance";

  private static final int WIDTH = 900;
  private static final int HEIGHT = 620;

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f)
  };

  private Charts() {}

  static {
    // charts are drawn off screen; no display is needed (or used) on a server
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Writes the three charts as {@code DIR/<stem>.svg} and {@code DIR/<stem>.png}.
   *
   * @param s the segmentation
   * @param dir the output folder (exists)
   * @return the files written
   * @throws IOException if writing fails
   */
  public static List<Path> write(Segmentation s, Path dir) throws IOException {
    // ImageIO's disk cache writes temporary files into java.io.tmpdir, outside the output folder
    javax.imageio.ImageIO.setUseCache(false);
    List<Path> out = new ArrayList<>();
    save(pca(s), dir, PCA, out);
    save(kSelection(s.sweep()), dir, K_SELECTION, out);
    save(kDistance(s), dir, K_DISTANCE, out);
    return out;
  }

  private static void save(XYChart chart, Path dir, String stem, List<Path> out) throws IOException {
    Path png = dir.resolve(stem + ".png");
    Path svg = dir.resolve(stem + ".svg");
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    out.add(svg);
    out.add(png);
  }

  private static XYChart base(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    Styler st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setAntiAlias(true);
    return c;
  }

  /**
   * The customers on the first two principal components of the scaled features, one series per segment
   * (plus one for outliers/noise when DBSCAN found noise) and one series with the segment centres.
   *
   * @param s the segmentation
   * @return the chart
   */
  public static XYChart pca(Segmentation s) {
    double[] ratio = s.pca().explainedVarianceRatio();
    Dataset sc = s.pcaScores();
    boolean two = sc.dimension() >= 2;
    XYChart c = base(String.format(Locale.ROOT, "Customer segments (%s) on the first two principal components",
        s.algorithm().name().toLowerCase(Locale.ROOT)),
        String.format(Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * ratio[0]),
        two ? String.format(Locale.ROOT, "PC2 (%.0f%% of variance)", 100 * ratio[1]) : "(one feature only)");
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setMarkerSize(5);
    int[] labels = s.labels();
    int k = s.segmentCount();
    int n = labels.length;
    int[] counts = new int[k + 1];
    for (int i = 0; i < n; i++) {
      counts[labels[i] < 0 ? k : labels[i]]++;
    }
    Profile p = s.profile();
    for (int g = 0; g <= k; g++) {
      if (counts[g] == 0) {
        continue;
      }
      double[] xs = new double[counts[g]];
      double[] ys = new double[counts[g]];
      int t = 0;
      for (int i = 0; i < n; i++) {
        if ((labels[i] < 0 ? k : labels[i]) == g) {
          xs[t] = sc.get(i, 0);
          ys[t] = two ? sc.get(i, 1) : 0;
          t++;
        }
      }
      String name = g == k ? "noise (" + counts[g] + ")" : "#" + g + " " + p.nameOfLabel(g) + " (" + counts[g] + ")";
      XYSeries ser = c.addSeries(name, xs, ys);
      ser.setMarker(SeriesMarkers.CIRCLE);
      Color col = g == k ? new Color(0x99, 0x99, 0x99) : PALETTE[g % PALETTE.length];
      ser.setMarkerColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), g == k ? 140 : 150));
    }
    double[][] centres = s.pcaCentres();
    if (centres.length > 0) {
      double[] cx = new double[centres.length];
      double[] cy = new double[centres.length];
      for (int g = 0; g < centres.length; g++) {
        cx[g] = centres[g][0];
        cy[g] = two ? centres[g][1] : 0;
      }
      XYSeries cs = c.addSeries(s.algorithm() == Segmenter.Algorithm.GMM ? "component means"
          : s.algorithm() == Segmenter.Algorithm.KMEDOIDS ? "medoids (typical customers)" : "centroids", cx, cy);
      cs.setMarker(SeriesMarkers.DIAMOND);
      cs.setMarkerColor(Color.BLACK);
    }
    return c;
  }

  /**
   * Inertia (K-Medoids: cost) against k with the knee marked, and the mean silhouette on a second y axis.
   *
   * @param sw the sweep
   * @return the chart
   */
  public static XYChart kSelection(KSweep sw) {
    boolean medoids = sw.kMedoids();
    String objective = medoids ? "cost (sum of distances to the medoids)" : "inertia (within-segment sum of squares)";
    XYChart c = base(medoids ? "Choosing k: K-Medoids cost (elbow) and mean silhouette"
        : sw.bisecting() ? "Choosing k: bisecting K-Means inertia (elbow) and mean silhouette"
        : "Choosing k: K-Means inertia (elbow) and mean silhouette", "k (number of segments)", objective);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    c.setYAxisGroupTitle(0, objective);
    c.setYAxisGroupTitle(1, "mean silhouette");
    c.getStyler().setXAxisDecimalPattern("0");
    int[] ks = sw.ks();
    double[] inertia = sw.inertia();
    double[] x = new double[ks.length];
    for (int t = 0; t < ks.length; t++) {
      x[t] = ks[t];
    }
    XYSeries in = c.addSeries(medoids ? "cost" : "inertia", x, inertia);
    in.setMarker(SeriesMarkers.CIRCLE);
    in.setLineColor(PALETTE[0]);
    in.setMarkerColor(PALETTE[0]);
    in.setYAxisGroup(0);
    if (sw.knee() > 0) {
      XYSeries knee = c.addSeries("knee: k = " + sw.knee(), new double[] {sw.knee()},
          new double[] {inertia[sw.knee() - 1]});
      knee.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      knee.setMarker(SeriesMarkers.DIAMOND);
      knee.setMarkerColor(PALETTE[3]);
      knee.setYAxisGroup(0);
    }
    double[] sil = sw.silhouette();
    double[] sx = new double[ks.length - 1];
    double[] sy = new double[ks.length - 1];
    for (int t = 1; t < ks.length; t++) {
      sx[t - 1] = ks[t];
      sy[t - 1] = sil[t];
    }
    XYSeries sl = c.addSeries("silhouette (best: k = " + sw.recommendedK() + ")", sx, sy);
    sl.setMarker(SeriesMarkers.SQUARE);
    sl.setLineColor(PALETTE[2]);
    sl.setMarkerColor(PALETTE[2]);
    sl.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL, 10f, new float[] {6f, 4f}, 0f));
    sl.setYAxisGroup(1);
    return c;
  }

  /**
   * The sorted distances of every customer to its minPts-th nearest neighbour (itself counted), with the
   * knee and, for DBSCAN, the eps used; for HDBSCAN* these are its core distances ({@code k = minSamples}).
   *
   * @param s the segmentation
   * @return the chart
   */
  public static XYChart kDistance(Segmentation s) {
    double[] d = s.kDistance().sortedDistances();
    int k = s.kDistance().k();
    XYChart c = base("Sorted " + k + "-distance curve (" + (s.algorithm() == Segmenter.Algorithm.HDBSCAN
        ? "HDBSCAN's core distances, minSamples = " + k + "; " : "") + "DBSCAN's eps at the knee)",
        "customers sorted by distance", k + "-distance (scaled units)");
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    c.getStyler().setXAxisTickMarkSpacingHint(110);
    c.getStyler().setXAxisDecimalPattern("#,##0");
    double[] x = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      x[i] = i;
    }
    XYSeries curve = c.addSeries(k + "-distance", x, d);
    curve.setMarker(SeriesMarkers.NONE);
    curve.setLineColor(PALETTE[0]);
    int knee = s.kDistance().kneeIndex();
    double eps = Double.isNaN(s.eps()) ? d[knee] : s.eps();
    XYSeries line = c.addSeries(String.format(Locale.ROOT, "eps = %.3f%s", eps,
        Double.isNaN(s.eps()) ? " (knee)" : (eps == d[knee] ? " (knee, used)" : " (used)")),
        new double[] {0, d.length - 1}, new double[] {eps, eps});
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(PALETTE[3]);
    line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL, 10f, new float[] {6f, 4f}, 0f));
    return c;
  }
}
