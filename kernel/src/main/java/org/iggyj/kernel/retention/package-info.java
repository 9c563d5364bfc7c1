/**
 * Retention: the message cleaner that deletes old sealed segments by topic expiry and topic size
 * (server-semantics §3.9). The deletions themselves run on each partition's owner shard; the
 * cleaner only decides, from its own thread, which partition goes next.
 */
package org.iggyj.kernel.retention;
