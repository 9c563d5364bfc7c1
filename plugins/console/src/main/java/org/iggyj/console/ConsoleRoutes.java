package org.iggyj.console;

import java.util.HashMap;
import java.util.Map;
import org.iggyj.spi.HttpRequest;
import org.iggyj.spi.HttpResponse;
import org.iggyj.spi.HttpRoutes;

/**
 * Serves the console's files under its prefix: {@code <prefix>} redirects to {@code <prefix>/},
 * which is {@code index.html}; other paths name a file exactly (nothing outside the file table can be
 * reached). Answers {@code If-None-Match} with {@code 304} and sends the gzip copy when the browser
 * accepts it. Immutable; thread-safe.
 */
final class ConsoleRoutes implements HttpRoutes {

    /** Same-origin only: the console loads nothing from elsewhere and may not be framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private final String prefix;
    private final StaticFiles files;

    ConsoleRoutes(String prefix, StaticFiles files) {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("[console] path must start with / and not end with /, got '"
                    + prefix + "'");
        }
        this.prefix = prefix;
        this.files = files;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    int fileCount() {
        return files.size();
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new HttpResponse(405, null, null, Map.of("Allow", "GET, HEAD"));
        }
        String rest = request.path().substring(prefix.length());
        if (rest.isEmpty()) {
            return new HttpResponse(302, null, null, Map.of("Location", prefix + "/"));
        }
        String name = rest.equals("/") ? "index.html" : rest.substring(1);
        StaticFiles.File file = files.get(name);
        if (file == null) {
            return HttpResponse.status(404);
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("ETag", file.etag());
        // Revalidate every time: files change with each release and an ETag check costs one tiny 304.
        headers.put("Cache-Control", "no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Vary", "Accept-Encoding");
        if (file.contentType().startsWith("text/html")) {
            headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        if (file.etag().equals(request.header("If-None-Match"))) {
            return new HttpResponse(304, null, null, headers);
        }
        String accept = request.header("Accept-Encoding");
        if (file.gzipped() != null && accept != null && accept.contains("gzip")) {
            headers.put("Content-Encoding", "gzip");
            return new HttpResponse(200, file.contentType(), file.gzipped(), headers);
        }
        return new HttpResponse(200, file.contentType(), file.bytes(), headers);
    }
}
