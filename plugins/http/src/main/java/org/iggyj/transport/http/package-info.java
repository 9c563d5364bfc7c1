/**
 * The HTTP REST transport: Iggy 0.8's JSON API on Undertow. Every route turns its path, query and JSON
 * body into the binary request of one command and hands it to the kernel's dispatcher, then renders
 * the binary reply as JSON, so commands and permission checks exist once. Requests are stateless: a
 * JWT (HS256, nimbus-jose-jwt) names the user, and each request runs on an unlisted session.
 *
 * <p>Threads: Undertow's XNIO I/O threads accept and parse; routes run on its worker threads, which
 * wait for the dispatcher's reply.
 */
package org.iggyj.transport.http;
