package org.iggyj.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints results: rows (ordered maps, one per item) as an aligned table or as JSON for scripts.
 * A list is a JSON array, a single record a JSON object.
 */
final class Output {

    /** The output formats of {@code --output}. */
    enum Format { table, json }

    /** Built on first use: Jackson loads hundreds of classes, and tables do without it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final PrintWriter out;
    private final Format format;

    Output(PrintWriter out, Format format) {
        this.out = out;
        this.format = format;
    }

    boolean json() {
        return format == Format.json;
    }

    void rows(List<Map<String, Object>> rows, String... columns) {
        if (json()) {
            out.println(write(rows));
            return;
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(columns);
        for (Map<String, Object> row : rows) {
            String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                line[i] = String.valueOf(row.getOrDefault(columns[i], ""));
            }
            cells.add(line);
        }
        table(cells);
    }

    void record(Map<String, Object> record) {
        if (json()) {
            out.println(write(record));
            return;
        }
        int width = record.keySet().stream().mapToInt(String::length).max().orElse(0);
        record.forEach((k, v) -> out.println(pad(k, width) + "  " + v));
    }

    void message(String text, Map<String, Object> record) {
        if (json()) {
            out.println(write(record));
        } else {
            out.println(text);
        }
    }

    private void table(List<String[]> cells) {
        int[] widths = new int[cells.get(0).length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                sb.append(i == line.length - 1 ? line[i] : pad(line[i], widths[i]) + "  ");
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CliException("cannot render JSON: " + e.getMessage());
        }
    }
}
