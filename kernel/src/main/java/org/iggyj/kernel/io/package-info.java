/**
 * The event loops and channel classes shared by every transport. Created at startup, shut down
 * after the last endpoint is closed.
 */
package org.iggyj.kernel.io;
