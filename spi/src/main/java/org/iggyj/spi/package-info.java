/**
 * The plugin contract between the kernel and its extensions.
 *
 * <p>Every extension point has one shape: a stateless extension discovered by PF4J, with a
 * {@code name()} and one method that takes a context from the kernel and returns the running,
 * stateful object. The kernel calls extensions from its startup thread; the running objects are
 * then driven by the threads each type documents. Signatures use JDK, {@code protocol} and Netty
 * buffer/transport types only. This package grows only by {@code default} methods.
 */
package org.iggyj.spi;
