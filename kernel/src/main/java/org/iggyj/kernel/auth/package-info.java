/**
 * Authentication primitives: Argon2id password hashing ({@link org.iggyj.kernel.auth.PasswordHasher})
 * and the credentials the root user is created with ({@link org.iggyj.kernel.auth.RootCredentials}).
 *
 * <p>Threads: the classes here are stateless or immutable and may be called from any thread, but
 * hashing is deliberately slow (tens of milliseconds), so callers run it off event-loop and shard
 * threads. Clear-text passwords are never logged or shown by {@code toString()}.
 */
package org.iggyj.kernel.auth;
