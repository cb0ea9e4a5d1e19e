// The Cruddur API over fetch: JSON in and out, the access token on calls that need one, and
// the server's error messages turned into ApiError for the page to show.

export class ApiError extends Error {
  /** @param violations a 422's `errors`: [{code, field, message}], else empty */
  constructor(message, code, status, violations = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.violations = violations;
  }
}

/** Thrown when a call needs a signed-in person and there is none. */
export const SIGNED_OUT = 'signed_out';

export class Api {
  constructor(session) {
    this.session = session;
  }

  /**
   * @param options.auth true: needs the token; false: anonymous; 'optional': with the token when
   *        someone is signed in (the answer then carries their likes, reposts and follows), and
   *        anonymous when nobody is or the session has just ended
   * @returns {Promise<{data, nextCursor}>} nextCursor: the X-Next-Cursor header, or null
   */
  async get(path, {auth = false} = {}) {
    if (auth !== 'optional') {
      return this.request('GET', path, {auth});
    }
    if (!this.session.signedIn) {
      return this.request('GET', path, {auth: false});
    }
    try {
      return await this.request('GET', path, {auth: true});
    } catch (error) {
      if (!this.session.signedIn) {
        return this.request('GET', path, {auth: false}); // signed out on the way: the public page
      }
      throw error;
    }
  }

  /** Writes always need a token. @returns {Promise<{data}>} */
  post(path, body) {
    return this.request('POST', path, {auth: true, body});
  }

  /** PUT without a body (a like, a follow). @returns {Promise<{data}>} */
  put(path) {
    return this.request('PUT', path, {auth: true});
  }

  /** @returns {Promise<{data}>} data: the answer, or null for a 204 */
  delete(path) {
    return this.request('DELETE', path, {auth: true});
  }

  async request(method, path, {auth, body}) {
    const token = auth ? await this.token() : null;
    let response = await this.send(method, path, body, token);
    if (auth && response.status === 401) {
      // The server refused the token (revoked key, clock skew, …): one fresh token, one retry.
      await this.session.refresh(token);
      response = await this.send(method, path, body, await this.token());
      if (response.status === 401) {
        this.session.signOut();
        throw new ApiError('Your session has ended. Sign in again.', SIGNED_OUT, 401);
      }
    }
    const data = await readJson(response);
    if (!response.ok) {
      throw new ApiError(data?.message ?? `The server answered ${response.status}. Try again.`,
        data?.error ?? `http_${response.status}`, response.status, Array.isArray(data?.errors) ? data.errors : []);
    }
    return {data, nextCursor: response.headers.get('X-Next-Cursor')};
  }

  async token() {
    const token = await this.session.accessToken();
    if (!token) {
      throw new ApiError('Sign in first.', SIGNED_OUT, 401);
    }
    return token;
  }

  async send(method, path, body, token) {
    const headers = {Accept: 'application/json'};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    try {
      return await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    } catch {
      throw new ApiError('The Cruddur server cannot be reached. Check your connection and try again.', 'network', 0);
    }
  }
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** A path with query parameters, e.g. withQuery('/api/activities/home', {cursor}). */
export function withQuery(path, parameters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') {
      query.set(name, value);
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
