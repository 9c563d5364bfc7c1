package org.iggyj.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code report.json} (snake_case keys) and {@code report.html} into the output directory,
 * creating it when missing. Stateless apart from its mapper; used once per run.
 */
final class ReportWriter {

    static final String JSON_FILE = "report.json";
    static final String HTML_FILE = "report.html";

    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @throws IOException when the directory or a file cannot be written
     */
    void write(BenchReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        mapper.writeValue(dir.resolve(JSON_FILE).toFile(), report);
        Files.writeString(dir.resolve(HTML_FILE), HtmlReport.render(report), StandardCharsets.UTF_8);
    }
}
