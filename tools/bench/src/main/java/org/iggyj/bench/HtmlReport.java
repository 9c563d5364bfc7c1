package org.iggyj.bench;

import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link BenchReport} as one self-contained HTML page: parameters, group and actor tables, and
 * per group a throughput-over-time chart, an average-latency-over-time chart and a latency-percentile
 * chart, all inline SVG — no scripts, styles or fonts from anywhere else. Stateless.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(BenchReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>iggy-bench: ")
                .append(escape(r.benchmark())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;")
                .append("margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}svg.chart{display:block;")
                .append("margin:1em 0;border:1px solid #eee}.error{color:#b00}\n</style>\n</head>\n<body>\n");
        h.append("<h1>iggy-bench: ").append(escape(r.benchmark())).append("</h1>\n<p>Started ")
                .append(escape(r.startedAt())).append("</p>\n");
        params(h, r.params());
        for (String f : r.failovers()) {
            h.append("<p>Failover: ").append(escape(f)).append("</p>\n");
        }
        if (r.inDoubt() > 0) {
            h.append("<p>Requests in doubt after failovers (not resent): ").append(r.inDoubt()).append("</p>\n");
        }
        for (String e : r.errors()) {
            h.append("<p class=\"error\">").append(escape(e)).append("</p>\n");
        }
        groups(h, r);
        actors(h, r);
        for (GroupReport g : r.groups()) {
            charts(h, g);
        }
        if (r.serverStats() != null) {
            h.append("<h2>Server</h2>\n<p>").append(escape(r.serverStats().serverVersion())).append(" on ")
                    .append(escape(r.serverStats().hostname())).append(", ")
                    .append(r.serverStats().messagesCount()).append(" messages stored</p>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void params(StringBuilder h, Map<String, Object> params) {
        h.append("<h2>Parameters</h2>\n<table id=\"params\">\n");
        params.forEach((k, v) -> h.append("<tr><th class=\"l\">").append(escape(k)).append("</th><td class=\"l\">")
                .append(escape(String.valueOf(v))).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static void groups(StringBuilder h, BenchReport r) {
        h.append("<h2>Results</h2>\n<table id=\"groups\">\n<tr><th class=\"l\">group</th><th>actors</th>")
                .append("<th>messages</th><th>MB</th><th>wall s</th><th>MB/s</th><th>msg/s</th>");
        latencyHeads(h);
        for (GroupReport g : r.groups()) {
            h.append("<tr><td class=\"l\">").append(escape(g.title())).append("</td><td>").append(g.actors())
                    .append("</td><td>").append(g.messages()).append("</td>");
            cells(h, g.payloadBytes() / 1e6, g.wallTimeSeconds(), g.throughputMegabytesPerSecond(),
                    g.messagesPerSecond());
            latencyCells(h, g.latencyMs());
        }
        h.append("</table>\n");
    }

    private static void actors(StringBuilder h, BenchReport r) {
        h.append("<h2>Actors</h2>\n<table id=\"actors\">\n<tr><th class=\"l\">actor</th><th>messages</th>")
                .append("<th>batches</th><th>MB</th><th>s</th><th>MB/s</th><th>msg/s</th>");
        latencyHeads(h);
        for (ActorReport a : r.actors()) {
            h.append("<tr><td class=\"l\">").append(escape(a.role() + " " + a.id())).append("</td><td>")
                    .append(a.messages()).append("</td><td>").append(a.batches()).append("</td>");
            cells(h, a.payloadBytes() / 1e6, a.wallTimeSeconds(), a.throughputMegabytesPerSecond(),
                    a.messagesPerSecond());
            latencyCells(h, a.latencyMs());
        }
        h.append("</table>\n");
    }

    private static void charts(StringBuilder h, GroupReport g) {
        ChartSeries s = g.series();
        double step = s.samplingMs() / 1e3;
        h.append("<h2>").append(escape(g.title())).append("</h2>\n");
        h.append(SvgChart.line("throughput-chart-" + g.role(), "throughput-chart", g.title() + ": throughput",
                "MB/s", box(s.throughputMegabytesPerSecond()), step));
        h.append(SvgChart.line("latency-chart-" + g.role(), "latency-chart", g.title() + ": average batch latency",
                "ms", s.averageLatencyMs(), step));
        LatencyStats l = g.latencyMs();
        h.append(SvgChart.bars("percentile-chart-" + g.role(), "percentile-chart",
                g.title() + ": batch latency percentiles", "ms",
                new String[] {"p50", "p90", "p95", "p99", "p99.9", "p99.99", "max"},
                new double[] {l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.p9999(), l.max()}));
    }

    private static void latencyHeads(StringBuilder h) {
        h.append("<th>p50 ms</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>p99.99</th>")
                .append("<th>max</th></tr>\n");
    }

    private static void latencyCells(StringBuilder h, LatencyStats l) {
        cells(h, l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.p9999(), l.max());
        h.append("</tr>\n");
    }

    private static void cells(StringBuilder h, double... values) {
        for (double v : values) {
            h.append("<td>").append(String.format(Locale.ROOT, "%.3f", v)).append("</td>");
        }
    }

    private static Double[] box(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** @return the text with {@code & < > "} escaped for HTML and SVG */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
