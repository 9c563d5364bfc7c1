/**
 * Server lifecycle: start order storage, shards, metadata recovery, root user, transports; stop in
 * reverse. The main entry point is {@link org.iggyj.kernel.IggyServer#main}.
 */
package org.iggyj.kernel;
