// The lobby's REST API and the stored identity. Every call resolves to parsed JSON or throws an
// ApiError carrying the HTTP status, the error code and the body (409s carry the placement).

const TOKEN_KEY = 'arena.token';
const PLAYER_KEY = 'arena.player';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || (status === 0 ? 'the server cannot be reached' : `request failed (${status})`));
    this.status = status;
    this.code = body?.code || (status === 0 ? 'unavailable' : 'error');
    this.body = body;
  }
}

export const identity = {
  token: () => localStorage.getItem(TOKEN_KEY),
  player() {
    try { return JSON.parse(localStorage.getItem(PLAYER_KEY)); } catch { return null; }
  },
  save(guest) {
    localStorage.setItem(TOKEN_KEY, guest.token);
    localStorage.setItem(PLAYER_KEY, JSON.stringify(guest.player));
  },
  forgetToken: () => localStorage.removeItem(TOKEN_KEY),
};

/**
 * A call to this origin's API with `token` (if any) as the bearer: the parsed JSON answer, or an
 * ApiError with the status, the error code and the body.
 */
export async function request(method, path, body, token) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = 'Bearer ' + token;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null); // network down, nginx gone
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* an HTML error page: keep null */ }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

const call = (method, path, body, auth = true) => request(method, path, body, auth ? identity.token() : null);

/** Gets or keeps the guest identity; with a stored token the server keeps the same player. */
export async function guest(changes) {
  const result = await call('POST', '/lobby/api/guest', changes);
  identity.save(result);
  return result;
}

export const joinQueue = () => call('POST', '/lobby/api/queue');
export const leaveQueue = () => call('DELETE', '/lobby/api/queue');
export const standing = () => call('GET', '/lobby/api/queue');
export const leaderboard = (limit = 10) => call('GET', `/lobby/api/leaderboard?limit=${limit}`, undefined, false);
export const sendFeedback = (post) => call('POST', '/lobby/api/feedback', post);
