/**
 * Authentication and authorisation: Argon2id password hashing ({@link org.iggyj.kernel.auth.PasswordHasher}),
 * the credentials the root user is created with ({@link org.iggyj.kernel.auth.RootCredentials}), personal
 * access tokens and their BLAKE3 hashes ({@link org.iggyj.kernel.auth.TokenHasher}), the permission matrix
 * ({@link org.iggyj.kernel.auth.Authorizer}, one {@link org.iggyj.kernel.auth.Operation} per row) and the
 * periodic removal of expired tokens ({@link org.iggyj.kernel.auth.ExpiredTokenCleaner}), and the login
 * path's defences: the failed-login throttle per source and username
 * ({@link org.iggyj.kernel.auth.LoginThrottle}), the prioritised password-hashing pool
 * ({@link org.iggyj.kernel.auth.LoginGate}), the reuse of recent successful password checks
 * ({@link org.iggyj.kernel.auth.VerifiedPasswords}) and the policy with its audit log and meters that the login
 * commands call ({@link org.iggyj.kernel.auth.LoginGuard}).
 *
 * <p>Threads: the classes here are stateless, immutable or thread-safe and may be called from any
 * thread; the cleaner owns one timer thread and applies its changes on the metadata shard, the login
 * gate owns the hashing threads. Password hashing
 * is deliberately slow (tens of milliseconds), so callers run it off event-loop and shard threads.
 * Clear-text passwords and raw tokens are never logged or shown by {@code toString()}.
 */
package org.iggyj.kernel.auth;
