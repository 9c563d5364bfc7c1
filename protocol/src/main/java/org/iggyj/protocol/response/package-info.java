/**
 * Static writers for the response records of binary-protocol.md §5 and §6.5, taking primitives so the kernel
 * needs no protocol-specific model. They write at the writer index of a caller-owned buffer and never write
 * the frame header. Stateless; any thread.
 */
package org.iggyj.protocol.response;
