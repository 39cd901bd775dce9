// The API session: a bearer token kept in this module's memory only (never in storage or cookies).

/** An API failure with the problem details' words (RFC 9457) or the OAuth error (RFC 6749). */
export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

let session = null;
const expiryListeners = [];

/** Called with a message when the token is rejected or has expired. */
export function onExpired(listener) {
  expiryListeners.push(listener);
}

function expire(message) {
  session = null;
  for (const listener of expiryListeners) {
    listener(message);
  }
}

export async function signIn(clientId, clientSecret, scopes) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  if (scopes.length > 0) {
    form.set('scope', scopes.join(' '));
  }
  const response = await fetch('/connect/token', { method: 'POST', body: form, credentials: 'omit', cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(body.error_description || body.error || `The token endpoint answered ${response.status}.`, response.status, body);
  }
  session = {
    token: body.access_token,
    clientId,
    scopes: new Set((body.scope || '').split(' ').filter(s => s.length > 0)),
    expiresAt: Date.now() + body.expires_in * 1000,
  };
  return session;
}

export function signOut() {
  session = null;
}

export function current() {
  return session !== null && Date.now() < session.expiresAt ? session : null;
}

export function has(scope) {
  return current()?.scopes.has(scope) ?? false;
}

/** Sends a request with the bearer token; a 401 ends the session. */
export async function request(path, { method = 'GET', body, headers = {}, accept = 'application/json' } = {}) {
  const active = current();
  if (active === null) {
    expire('Your session has ended: sign in again.');
    throw new ApiError('Not signed in.', 401);
  }
  const init = { method, headers: { Accept: accept, Authorization: `Bearer ${active.token}`, ...headers }, credentials: 'omit', cache: 'no-store' };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    expire('The API no longer accepts the token (expired or revoked): sign in again.');
  }
  return response;
}

/** The message of a problem details body, with its validation errors. */
export async function failure(response) {
  const body = await response.json().catch(() => null);
  let message = body?.detail || body?.title || `The API answered ${response.status}.`;
  if (body?.errors) {
    message += ' ' + Object.entries(body.errors).map(([field, texts]) => `${field}: ${[].concat(texts).join(' ')}`).join(' ');
  }
  return new ApiError(message, response.status, body);
}

/** GET (or another method) answering JSON; throws an ApiError on anything but 2xx. */
export async function json(path, options) {
  const response = await request(path, options);
  if (!response.ok) {
    throw await failure(response);
  }
  return { body: response.status === 204 ? null : await response.json(), response };
}

/** Every page of a keyset-paged list (up to a bound). */
export async function all(path, limit = 1000, maxPages = 20) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const { body } = await json(`${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) {
      break;
    }
  }
  return items;
}
