/**
 * Connected clients. A session is opened by a transport's event loop, read by the dispatcher on
 * any thread, and its login state is changed only by the login and logout commands; fields that
 * cross threads are volatile. The heartbeat reaper marks sessions that stop pinging as stale; the
 * registry tells its departure listeners about closed and stale sessions. Connections that have not
 * logged in yet are counted and limited per source and in total ({@code UnauthenticatedConnections},
 * called from event loops and hashing threads); the login timeout reaper, on its own timer thread,
 * closes those that wait too long through the closer their transport gave.
 */
package org.iggyj.kernel.session;
