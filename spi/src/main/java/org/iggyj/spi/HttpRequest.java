package org.iggyj.spi;

/**
 * One HTTP request as an HTTP transport passes it to contributed {@link HttpRoutes}: a read-only
 * view, valid only during {@link HttpRoutes#handle}. Bodies are not offered: contributed routes
 * answer {@code GET}/{@code HEAD}-style requests.
 */
public interface HttpRequest {

    /**
     * @return the method in upper case, e.g. {@code GET}
     */
    String method();

    /**
     * @return the URL-decoded path, starting with the route set's prefix, without the query string
     */
    String path();

    /**
     * @param name a header name, case-insensitive
     * @return the first value of that header, or null when absent
     */
    String header(String name);
}
