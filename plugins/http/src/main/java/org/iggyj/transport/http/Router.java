package org.iggyj.transport.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The route table: method plus a path pattern whose {@code {}} segments are parameters. Built once at
 * startup; immutable afterwards and safe to share between worker threads.
 */
final class Router {

    /** A route's code. */
    @FunctionalInterface
    interface Action {
        Response run(Call call) throws Exception;
    }

    /**
     * @param method  HTTP method
     * @param pattern path segments, {@code {}} for parameters
     * @param action  the code
     * @param hasBody whether the route reads a JSON body
     */
    record Route(String method, String[] pattern, Action action, boolean hasBody) {
    }

    /**
     * @param route  the matching route, or null
     * @param params the parameter values, URL-decoded
     * @param pathKnown whether some route has this path (with another method: 405)
     */
    record Match(Route route, String[] params, boolean pathKnown) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router get(String path, Action action) {
        return add("GET", path, action, false);
    }

    Router post(String path, Action action) {
        return add("POST", path, action, true);
    }

    Router put(String path, Action action) {
        return add("PUT", path, action, true);
    }

    Router delete(String path, Action action) {
        return add("DELETE", path, action, false);
    }

    Router postNoBody(String path, Action action) {
        return add("POST", path, action, false);
    }

    private Router add(String method, String path, Action action, boolean hasBody) {
        routes.add(new Route(method, split(path), action, hasBody));
        return this;
    }

    /** @return the first path segment of every route ({@code streams}, {@code users}, …), empty for {@code /} */
    java.util.Set<String> firstSegments() {
        java.util.Set<String> first = new java.util.HashSet<>();
        for (Route route : routes) {
            first.add(route.pattern().length == 0 ? "" : route.pattern()[0]);
        }
        return first;
    }

    Match match(String method, String path) {
        String[] segments = split(path);
        boolean known = false;
        for (Route route : routes) {
            String[] params = bind(route.pattern(), segments);
            if (params != null) {
                if (route.method().equals(method)) {
                    return new Match(route, params, true);
                }
                known = true;
            }
        }
        return new Match(null, null, known);
    }

    private static String[] bind(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        List<String> params = new ArrayList<>(2);
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("{}")) {
                params.add(java.net.URLDecoder.decode(segments[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!pattern[i].equals(segments[i])) {
                return null;
            }
        }
        return params.toArray(String[]::new);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
