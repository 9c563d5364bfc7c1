/**
 * The web console plugin: a single-page application (HTML, CSS, ES modules under
 * {@code console/} on the class path) contributed as HTTP routes under {@code [console] path}
 * (default {@code /ui}) through {@link org.iggyj.spi.HttpRouteProvider}. The HTTP transport mounts
 * them; the page then talks to the server's REST API with a JWT like any other client, so every
 * permission check stays in the kernel.
 *
 * <p>The files are read once at start and served from memory by the HTTP transport's worker
 * threads; nothing here is mutable after start.
 */
package org.iggyj.console;
