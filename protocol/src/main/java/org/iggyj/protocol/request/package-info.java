/**
 * One record per request payload, each with {@code static decode(ByteBuf)} (server side; consumes from the
 * reader index, checks wire format only, throws {@link org.iggyj.protocol.IggyException} with 3, 4 or 6) and
 * {@code encode(ByteBuf)} (clients and tests). Trailing bytes after a decoded payload are left unread, which
 * is how 0.8 ignores them. {@link org.iggyj.protocol.request.SendMessagesRequest} is the zero-copy
 * exception: a validated view over the caller's buffer.
 *
 * <p>Decoders are stateless and may run on any thread; the decoded records are immutable (except where a
 * record documents that it keeps a caller's array). The caller keeps ownership of every buffer.
 */
package org.iggyj.protocol.request;
