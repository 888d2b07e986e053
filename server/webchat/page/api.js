// Head office's web chat API: the session (kept in localStorage), bearer
// requests, and one automatic new session when a token is refused.

const KEYS = { visitorId: 'motordesk.webchat.visitorId', visitorSecret: 'motordesk.webchat.visitorSecret', token: 'motordesk.webchat.token' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** localStorage that never throws (private browsing, storage disabled, quota full). */
export const store = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      if (value === null || value === undefined) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      // The page still works for this visit; only a reload forgets.
    }
  },
};

/** A refusal from head office, or status 0 when it could not be reached at all. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfterSeconds = 0) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Worth sending again unchanged later: the line or head office was down, or we were asked to slow down. */
  get transient() {
    return this.status === 0 || this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

async function toError(res) {
  let code = 'HTTP_' + res.status;
  let message = res.statusText;
  try {
    const body = await res.json();
    if (body && body.error) ({ code, message } = body.error);
  } catch {
    // Not our JSON (a proxy's page): the status says enough.
  }
  return new ApiError(res.status, code, message, Number(res.headers.get('retry-after')) || 0);
}

function timeout(ms) {
  return typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(ms) : undefined;
}

export function createApi() {
  let visitorId = UUID.test(store.get(KEYS.visitorId) ?? '') ? store.get(KEYS.visitorId) : null;
  // Proves this browser is that visitor: head office gives it once and never accepts the id alone.
  let visitorSecret = store.get(KEYS.visitorSecret);
  let token = store.get(KEYS.token);
  let renewing = null;
  const sessionListeners = [];

  async function raw(method, path, { json, body, type, auth = true, ms = 20000 } = {}) {
    const headers = {};
    if (auth && token) headers.authorization = `Bearer ${token}`;
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (type) headers['content-type'] = type;
    try {
      return await fetch(path, {
        method,
        headers,
        body: json !== undefined ? JSON.stringify(json) : body,
        credentials: 'omit',
        cache: 'no-store',
        signal: timeout(ms),
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : 'network error');
    }
  }

  /** POST /api/webchat/sessions; the stored visitor id and secret let head office recognise a returning customer. */
  async function startSession({ name, topic } = {}) {
    const body = {};
    if (visitorId && visitorSecret) {
      body.visitorId = visitorId;
      body.visitorSecret = visitorSecret;
    }
    if (name) body.name = name;
    if (topic) body.topic = topic;
    const res = await raw('POST', '/api/webchat/sessions', { json: body, auth: false });
    if (!res.ok) throw await toError(res);
    const session = await res.json();
    visitorId = session.visitorId;
    token = session.token;
    if (session.visitorSecret) {
      visitorSecret = session.visitorSecret;
      store.set(KEYS.visitorSecret, visitorSecret);
    }
    store.set(KEYS.visitorId, visitorId);
    store.set(KEYS.token, token);
    for (const fn of sessionListeners) fn();
  }

  /** One new session at a time, however many requests were refused together. */
  function renew() {
    renewing ??= startSession().finally(() => (renewing = null));
    return renewing;
  }

  /** A bearer request; a 401 starts a new session (same visitorId) and retries once. */
  async function request(method, path, opts = {}, as = 'json') {
    let res = await raw(method, path, opts);
    if (res.status === 401) {
      await renew();
      res = await raw(method, path, opts);
    }
    if (!res.ok) throw await toError(res);
    return as === 'blob' ? res.blob() : res.json();
  }

  return {
    get token() {
      return token;
    },
    hasSession: () => Boolean(token),
    onSession: (fn) => sessionListeners.push(fn),
    startSession,
    renew,
    conversation: (after) => request('GET', `/api/webchat/conversation?after=${after}`),
    sendMessage: (body) => request('POST', '/api/webchat/messages', { json: body }),
    sendImage: (clientMessageId, file, type, topic) =>
      request('POST', `/api/webchat/images?clientMessageId=${encodeURIComponent(clientMessageId)}${topic ? `&topic=${encodeURIComponent(topic)}` : ''}`, {
        body: file,
        type,
        ms: 60000,
      }),
    image: (imageId) => {
      if (!UUID.test(imageId)) return Promise.reject(new ApiError(404, 'NOT_FOUND', 'bad image id'));
      return request('GET', `/api/webchat/images/${imageId}`, {}, 'blob');
    },
    rate: (body) => request('POST', '/api/webchat/rating', { json: body }),
  };
}
