/**
 * Diagnostics for get_snapshot: the text reports (filesystem, processes, resources, logs, config)
 * produced with JDK means only, and the ZIP archive that carries them (server-semantics §3.17).
 */
package org.iggyj.kernel.diagnostics;
