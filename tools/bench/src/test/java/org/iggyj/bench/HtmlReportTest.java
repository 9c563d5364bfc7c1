package org.iggyj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void shouldEscapeMarkup() {
        assertEquals("a&lt;b&gt; &amp; &quot;c&quot;", HtmlReport.escape("a<b> & \"c\""));
    }

    @Test
    void shouldDrawAtMostMaxPointsAndSkipGaps() {
        Double[] values = new Double[5_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? (double) i : null;
        }
        String svg = SvgChart.line("c", "throughput-chart", "t", "MB/s", values, 0.01);
        int points = svg.split(" [ML]").length - 1;
        assertTrue(points <= SvgChart.MAX_POINTS, "points: " + points);
        assertTrue(svg.startsWith("<svg id=\"c\""));
    }

    @Test
    void shouldRoundAxisTopsToOneTwoOrFive() {
        assertEquals(50.0, SvgChart.niceCeiling(46.07));
        assertEquals(2.0, SvgChart.niceCeiling(1.2));
        assertEquals(1.0, SvgChart.niceCeiling(0));
        assertEquals(1000.0, SvgChart.niceCeiling(501));
    }
}
