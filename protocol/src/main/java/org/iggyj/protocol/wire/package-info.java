/**
 * The shared wire primitives of binary-protocol.md §2: identifiers, consumers, partition choice, polling
 * strategies, permissions, and the bounds-checked readers and writers they are built on.
 *
 * <p>Values are immutable records, safe on any thread. Readers consume from a {@code ByteBuf}'s reader index
 * and never retain the buffer; the caller owns every buffer passed in.
 */
package org.iggyj.protocol.wire;
