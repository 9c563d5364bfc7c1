// The REST API client: the console is an ordinary client of the server's HTTP API (JWT bearer
// tokens), so every permission check happens in the kernel, exactly as for any other client.

/** Put NEVER where the API wants u64::MAX ("never expire", "unlimited"): JSON numbers cannot hold it. */
export const NEVER = '__u64_max__';
const U64_MAX = '18446744073709551615';

const TOKEN_KEY = 'iggyj.console.token';
const USER_KEY = 'iggyj.console.user';

export class ApiError extends Error {
  constructor(status, body) {
    const reason = body && body.reason ? body.reason : statusText(status, body);
    super(reason);
    this.status = status;
    this.code = body && body.code ? body.code : null;
    this.id = body && body.id !== undefined ? body.id : null;
  }

  /** A one-line explanation for the user: the server's reason and its Iggy error code. */
  describe() {
    if (this.status === 403) {
      return `The server refused: you do not have permission for this (${this.code || 'unauthorized'}).`;
    }
    return this.code ? `${this.message} (${this.code}${this.id !== null ? ' ' + this.id : ''})` : this.message;
  }
}

function statusText(status, body) {
  if (typeof body === 'string' && body.trim()) return `${body.trim()} (HTTP ${status})`;
  if (status === 401) return 'Your session has expired; log in again.';
  if (status === 404) return 'Not found.';
  return `Request failed with HTTP ${status}.`;
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get user() {
    const raw = sessionStorage.getItem(USER_KEY);
    return raw ? JSON.parse(raw) : null;
  },
  save(token, user) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};

/**
 * Calls the API under the page's origin. Resolves to the parsed JSON body, or null for an empty
 * one; rejects with an ApiError carrying the server's Iggy error code for any non-2xx status.
 */
export async function api(method, path, body) {
  const headers = {};
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body).replaceAll(`"${NEVER}"`, U64_MAX),
    cache: 'no-store',
  });
  const text = await response.text();
  let parsed = null;
  if (text) {
    try { parsed = JSON.parse(text, keepBigIntegers); } catch { parsed = text; }
  }
  if (!response.ok) {
    if (response.status === 401 && session.token) {
      session.clear();
      window.dispatchEvent(new CustomEvent('iggy:session-expired'));
    }
    throw new ApiError(response.status, parsed);
  }
  return parsed;
}

/**
 * u64 and u128 values (message ids, u64::MAX "never") do not fit a JavaScript number: keep integers
 * beyond 2^53 exact as BigInt, from the source text (JSON.parse source access).
 */
function keepBigIntegers(key, value, context) {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context && /^\d+$/.test(context.source)) {
    return BigInt(context.source);
  }
  return value;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);

/** Logs in with a username and password, or with a personal access token; stores the JWT. */
export async function login({ username, password, token }) {
  session.clear();
  const identity = token
    ? await post('/personal-access-tokens/login', { token })
    : await post('/users/login', { username, password });
  session.save(identity.access_token.token, { id: identity.user_id, name: username || `user ${identity.user_id}` });
  if (!username) {
    try {
      const me = await get(`/users/${identity.user_id}`);
      session.save(identity.access_token.token, { id: identity.user_id, name: me.username });
    } catch { /* a token without read access to its own user keeps the numeric name */ }
  }
  return identity;
}

export async function logout() {
  try { await del('/users/logout'); } catch { /* the token is dropped either way */ }
  session.clear();
}

/** Encodes a path segment: numeric ids stay ids, names are URL-escaped. */
export const seg = (v) => encodeURIComponent(String(v));
