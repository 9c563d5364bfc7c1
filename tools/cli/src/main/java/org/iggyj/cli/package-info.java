/**
 * {@code iggy}, the command line for an Iggy 0.8 server (iggyj or upstream): plain TCP over its own
 * blocking socket ({@link org.iggyj.cli.BlockingTcpConnection}), TLS, WebSocket and QUIC over the lean
 * client in {@code org.iggyj.client}; one picocli command per command group (stream, topic, message,
 * user, …), human-readable tables or JSON out, and a session file for {@code iggy login}.
 *
 * <p>Single-threaded: each {@link org.iggyj.cli.IggyCli#execute} runs on the caller's thread and
 * opens at most one connection, closed before it returns.
 */
package org.iggyj.cli;
