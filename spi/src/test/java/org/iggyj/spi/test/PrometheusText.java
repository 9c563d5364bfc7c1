package org.iggyj.spi.test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format's line grammar, for tests: every line is blank, a
 * {@code # HELP name text}, a {@code # TYPE name type} or a sample {@code name{labels} value}; any
 * other line fails the parse.
 */
public final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\"";
    private static final String VALUE = "(?:[-+]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|Inf|NaN))";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile(
            "# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})? (" + VALUE + ")(?: -?[0-9]+)?");

    private PrometheusText() {
    }

    /**
     * @param text a scrape
     * @return every sample, keyed by {@code name{labels}} exactly as written
     * @throws IllegalArgumentException naming the first line that breaks the grammar
     */
    public static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || HELP.matcher(line).matches() || TYPE.matcher(line).matches()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not Prometheus text: " + line);
            }
            String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
            samples.put(key, Double.parseDouble(m.group(3).replace("Inf", "Infinity")));
        }
        return samples;
    }
}
