package org.plantracker.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Latency against load, one line per target and percentile: x = requests/s done, y = latency in
 * ms on a log scale (p50 solid, p99 dashed). Drawn with the JDK alone, headless.
 */
final class LatencyChart {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};
    private static final int W = 1000;
    private static final int H = 620;
    private static final int LEFT = 80;
    private static final int RIGHT = 260;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private LatencyChart() {
    }

    static void write(Path file, String title, Map<String, List<LoadGenerator.Result>> byTarget) throws Exception {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double maxX = 1;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (List<LoadGenerator.Result> results : byTarget.values()) {
            for (LoadGenerator.Result r : results) {
                maxX = Math.max(maxX, r.throughput());
                minY = Math.min(minY, Math.max(0.1, r.percentileMillis(50)));
                maxY = Math.max(maxY, r.percentileMillis(99));
            }
        }
        maxX *= 1.05;
        double logMin = Math.floor(Math.log10(Math.max(minY, 0.1)));
        double logMax = Math.ceil(Math.log10(Math.max(maxY, 1)));
        if (logMax <= logMin) {
            logMax = logMin + 1;
        }
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // axes and grid
        g.setColor(new Color(0xdddddd));
        for (int decade = (int) logMin; decade <= (int) logMax; decade++) {
            int y = TOP + plotH - (int) ((decade - logMin) / (logMax - logMin) * plotH);
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(formatMs(Math.pow(10, decade)), 10, y + 4);
            g.setColor(new Color(0xdddddd));
        }
        double xStep = niceStep(maxX / 6);
        for (double x = 0; x <= maxX; x += xStep) {
            int px = LEFT + (int) (x / maxX * plotW);
            g.drawLine(px, TOP, px, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf(Math.round(x)), px - 12, TOP + plotH + 18);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString("requests/s completed (8 connections, open-loop fixed arrival rates)", LEFT, H - 25);
        g.drawString("latency, ms (log)", 10, TOP - 10);
        int series = 0;
        int legendY = TOP + 10;
        for (Map.Entry<String, List<LoadGenerator.Result>> entry : byTarget.entrySet()) {
            Color color = COLORS[series++ % COLORS.length];
            // open-loop points only: a saturation run's latency is service time under a closed loop
            List<LoadGenerator.Result> points = entry.getValue().stream().filter(r -> !r.saturation())
                    .sorted((a, b) -> Double.compare(a.throughput(), b.throughput())).toList();
            for (double percentile : new double[]{50, 99}) {
                g.setColor(color);
                g.setStroke(percentile == 50 ? new BasicStroke(2f)
                        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{7f, 5f}, 0f));
                int[] xs = new int[points.size()];
                int[] ys = new int[points.size()];
                for (int i = 0; i < points.size(); i++) {
                    LoadGenerator.Result r = points.get(i);
                    xs[i] = LEFT + (int) (r.throughput() / maxX * plotW);
                    double log = Math.log10(Math.max(r.percentileMillis(percentile), Math.pow(10, logMin)));
                    ys[i] = TOP + plotH - (int) ((log - logMin) / (logMax - logMin) * plotH);
                    g.fillOval(xs[i] - 3, ys[i] - 3, 7, 7);
                }
                g.drawPolyline(xs, ys, xs.length);
                g.drawLine(LEFT + plotW + 15, legendY, LEFT + plotW + 45, legendY);
                g.setColor(Color.BLACK);
                g.drawString(shortName(entry.getKey()) + (percentile == 50 ? " p50" : " p99"), LEFT + plotW + 50, legendY + 4);
                legendY += 20;
            }
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static String shortName(String target) {
        int colon = target.indexOf(':');
        return colon > 0 ? target.substring(0, colon) : target;
    }

    private static String formatMs(double ms) {
        return ms < 1 ? String.valueOf(ms) : String.valueOf(Math.round(ms));
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (raw <= m * magnitude) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
