/**
 * The command dispatcher and one class per command group. The dispatcher runs on the calling
 * transport's event loop: it decodes the request, checks the session, and either answers from the
 * current metadata snapshot or hands the work to the metadata writer or to a partition's owner
 * shard, whose reply completes the returned stage. Nothing here blocks an event loop.
 */
package org.iggyj.kernel.command;
