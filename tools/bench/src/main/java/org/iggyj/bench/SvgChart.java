package org.iggyj.bench;

import java.util.Locale;

/**
 * Draws the report's charts as inline SVG text (no script, no external resources): a line chart of a
 * series over time with axes, grid and labels, and a bar chart of named values. Long series are reduced to
 * at most {@link #MAX_POINTS} points by averaging neighbours. Stateless.
 */
final class SvgChart {

    static final int MAX_POINTS = 1_000;

    private static final int WIDTH = 900;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;
    private static final int TICKS = 5;

    private SvgChart() {
    }

    /**
     * @param values one point per step of {@code stepSeconds}; null/NaN points are gaps skipped by the line
     */
    static String line(String id, String cssClass, String title, String yLabel, Double[] values, double stepSeconds) {
        int n = values.length;
        int group = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        double max = 0;
        StringBuilder path = new StringBuilder();
        double[] ys = new double[(n + group - 1) / group];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = average(values, i * group, Math.min(n, (i + 1) * group));
            if (!Double.isNaN(ys[i])) {
                max = Math.max(max, ys[i]);
            }
        }
        double top = niceCeiling(max);
        double seconds = n * stepSeconds;
        StringBuilder svg = open(id, cssClass, title);
        axes(svg, top, seconds, yLabel, "time (s)");
        boolean pen = false;
        for (int i = 0; i < ys.length; i++) {
            if (Double.isNaN(ys[i])) {
                pen = false;
                continue;
            }
            double x = LEFT + plotWidth() * (ys.length == 1 ? 0.5 : (double) i / (ys.length - 1));
            double y = TOP + plotHeight() * (1 - ys[i] / top);
            path.append(pen ? " L" : " M").append(fmt(x)).append(' ').append(fmt(y));
            pen = true;
        }
        svg.append("<path class=\"series\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" d=\"")
                .append(path.toString().trim()).append("\"/>\n");
        return svg.append("</svg>\n").toString();
    }

    /** A bar per label, with its value written above it. */
    static String bars(String id, String cssClass, String title, String yLabel, String[] labels, double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double top = niceCeiling(max);
        StringBuilder svg = open(id, cssClass, title);
        axes(svg, top, -1, yLabel, null);
        double slot = (double) plotWidth() / labels.length;
        for (int i = 0; i < labels.length; i++) {
            double h = plotHeight() * values[i] / top;
            double x = LEFT + slot * i + slot * 0.15;
            svg.append("<rect class=\"bar\" fill=\"#ff7f0e\" x=\"").append(fmt(x)).append("\" y=\"")
                    .append(fmt(TOP + plotHeight() - h)).append("\" width=\"").append(fmt(slot * 0.7))
                    .append("\" height=\"").append(fmt(h)).append("\"/>\n");
            text(svg, x + slot * 0.35, TOP + plotHeight() - h - 4, "middle", String.format(Locale.ROOT, "%.3f", values[i]));
            text(svg, x + slot * 0.35, HEIGHT - BOTTOM + 16, "middle", labels[i]);
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String id, String cssClass, String title) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"").append(id).append("\" class=\"chart ").append(cssClass)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\">\n<title>").append(HtmlReport.escape(title)).append("</title>\n");
        text(svg, WIDTH / 2.0, 18, "middle", title);
        return svg;
    }

    private static void axes(StringBuilder svg, double top, double seconds, String yLabel, String xLabel) {
        for (int i = 0; i <= TICKS; i++) {
            double y = TOP + plotHeight() * (1 - (double) i / TICKS);
            svg.append("<line class=\"grid\" stroke=\"#ddd\" x1=\"").append(LEFT).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y))
                    .append("\"/>\n");
            text(svg, LEFT - 6, y + 4, "end", label(top * i / TICKS));
            if (seconds > 0) {
                double x = LEFT + plotWidth() * (double) i / TICKS;
                text(svg, x, HEIGHT - BOTTOM + 16, "middle", label(seconds * i / TICKS));
            }
        }
        svg.append("<line class=\"axis\" stroke=\"#333\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT)
                .append("\" y1=\"").append(TOP).append("\" y2=\"").append(TOP + plotHeight()).append("\"/>\n");
        svg.append("<line class=\"axis\" stroke=\"#333\" x1=\"").append(LEFT).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y1=\"").append(TOP + plotHeight()).append("\" y2=\"")
                .append(TOP + plotHeight()).append("\"/>\n");
        text(svg, 14, TOP + plotHeight() / 2.0, "middle", yLabel, "rotate(-90 14 " + fmt(TOP + plotHeight() / 2.0) + ")");
        if (xLabel != null) {
            text(svg, LEFT + plotWidth() / 2.0, HEIGHT - 8, "middle", xLabel);
        }
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String s) {
        text(svg, x, y, anchor, s, null);
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String s, String transform) {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" font-size=\"11\" ")
                .append("text-anchor=\"").append(anchor).append('"');
        if (transform != null) {
            svg.append(" transform=\"").append(transform).append('"');
        }
        svg.append('>').append(HtmlReport.escape(s)).append("</text>\n");
    }

    private static double average(Double[] values, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            if (values[i] != null && !values[i].isNaN()) {
                sum += values[i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** @return 1, 2 or 5 times a power of ten, at least {@code max} (1 for an empty chart) */
    static double niceCeiling(double max) {
        if (max <= 0 || Double.isNaN(max)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String label(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }
}
