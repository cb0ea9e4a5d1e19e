// The signed-in person's tokens: kept in localStorage (so a reload or a second tab stays
// signed in), the access token refreshed with the refresh token shortly before it expires.
// localStorage is readable by any script on the page; the app renders user text only as text
// and loads scripts only from its own origin, which is what keeps other scripts out.

import {CognitoError} from './cognito.js';

const KEY = 'cruddur.session';
/** Refresh when less than this is left (seconds), or half the token's life if that is shorter. */
const REFRESH_MARGIN = 300;

export class Session {
  /** @param clock milliseconds since the epoch, as Date.now (tests pass their own) */
  constructor(cognito, storage = window.localStorage, clock = () => Date.now()) {
    this.cognito = cognito;
    this.storage = storage;
    this.clock = clock;
    this.listeners = new Set();
    this.refreshing = null;
    this.state = this.read();
    // Signing in or out in another tab applies here too.
    window.addEventListener('storage', (event) => {
      if (event.key === KEY) {
        this.state = this.read();
        this.changed();
      }
    });
  }

  get signedIn() {
    return this.state !== null;
  }

  /**
   * {name, handle, email} from the ID token, or null when signed out. The name is the one the
   * profile editor last saved in this sign-in, if any: the ID token keeps the one it was issued with.
   */
  get user() {
    if (!this.state) {
      return null;
    }
    const claims = decodeClaims(this.state.idToken) ?? {};
    return {
      name: this.state.name ?? claims.name ?? '',
      handle: claims.preferred_username ?? '',
      email: this.state.email,
    };
  }

  /** Whether this handle is the signed-in person's (handles are one person's whatever their case). */
  is(handle) {
    const mine = this.user?.handle;
    return Boolean(mine) && mine.toLowerCase() === String(handle).toLowerCase();
  }

  /** The name to show for the signed-in person after they changed it in their profile. */
  renamed(name) {
    if (this.state) {
      this.state = {...this.state, name};
      this.write();
    }
  }

  /** Keeps the tokens of a password sign-in. */
  signedInWith(result, email) {
    this.state = {
      accessToken: result.AccessToken,
      idToken: result.IdToken,
      refreshToken: result.RefreshToken,
      email,
      ...this.lifetimeOf(result),
    };
    this.write();
  }

  /**
   * When the access token runs out by this browser's clock: now + ExpiresIn. The token's `exp` is
   * by Cognito's clock; a laptop whose clock runs ahead would otherwise see every fresh token as
   * expired and refresh before every call.
   */
  lifetimeOf(result) {
    const seconds = result.ExpiresIn;
    return typeof seconds === 'number' && seconds > 0
      ? {expiresAt: this.clock() + seconds * 1000, lifetime: seconds}
      : {expiresAt: undefined, lifetime: undefined};
  }

  /**
   * Signs out: the tokens are forgotten here at once, and Cognito is asked to revoke the refresh
   * token, which also ends the access tokens of this sign-in, so a copy of either taken from
   * this page stops working too. If that request fails (offline, a pool without revocation),
   * the person is still signed out here: the promise never rejects.
   */
  signOut() {
    const refreshToken = this.state?.refreshToken;
    this.forget();
    if (!refreshToken) {
      return Promise.resolve();
    }
    return this.cognito.revokeToken(refreshToken).catch(() => undefined);
  }

  /** Drops the tokens in this browser only: for a session Cognito has ended already. */
  forget() {
    this.state = null;
    this.write();
  }

  /** A usable access token (refreshed first when it is about to expire), or null when signed out. */
  async accessToken() {
    const state = this.state;
    if (state && this.refreshDue(state)) {
      try {
        await this.refresh();
      } catch (error) {
        // Cognito unreachable or failing for a moment: a token with time left still does.
        if (this.state === state && !this.expired(state)) {
          return state.accessToken;
        }
        throw error;
      }
    }
    return this.state?.accessToken ?? null;
  }

  /**
   * New tokens from the refresh token. Concurrent callers share one request. When Cognito no
   * longer accepts the refresh token the session ends and a CognitoError says so.
   *
   * @param refused the access token the API refused, if that is why: when the session already
   *                holds another one (a concurrent call refreshed first), nothing is asked
   */
  refresh(refused) {
    if (refused && this.state && this.state.accessToken !== refused) {
      return Promise.resolve();
    }
    this.refreshing ??= this.refreshNow().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async refreshNow() {
    const state = this.state;
    if (!state) {
      return;
    }
    try {
      const result = await this.cognito.refresh(state.refreshToken);
      if (this.state !== state) {
        return; // signed out (or in again) meanwhile
      }
      this.state = {
        ...state,
        accessToken: result.AccessToken,
        idToken: result.IdToken ?? state.idToken,
        refreshToken: result.RefreshToken ?? state.refreshToken,
        ...this.lifetimeOf(result),
      };
      this.write();
    } catch (error) {
      if (error instanceof CognitoError && error.type === 'NotAuthorizedException') {
        this.forget();
        throw new CognitoError(error.type, 'Your session has ended. Sign in again.');
      }
      throw error;
    }
  }

  /** Seconds before expiry, by this browser's clock when Cognito said ExpiresIn, else by the token's claims. */
  expiry(state) {
    if (typeof state.expiresAt === 'number' && typeof state.lifetime === 'number') {
      return {left: (state.expiresAt - this.clock()) / 1000, lifetime: state.lifetime};
    }
    const claims = decodeClaims(state.accessToken);
    if (typeof claims?.exp !== 'number') {
      return {left: 0, lifetime: 0};
    }
    const lifetime = typeof claims.iat === 'number' ? claims.exp - claims.iat : 3600;
    return {left: claims.exp - this.clock() / 1000, lifetime};
  }

  /** Less than five minutes left (or half the token's life, if that is shorter). */
  refreshDue(state) {
    const {left, lifetime} = this.expiry(state);
    return left <= Math.min(REFRESH_MARGIN, lifetime / 2);
  }

  expired(state) {
    return this.expiry(state).left <= 0;
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  read() {
    try {
      const stored = JSON.parse(this.storage.getItem(KEY));
      return stored?.accessToken && stored?.refreshToken ? stored : null;
    } catch {
      return null;
    }
  }

  write() {
    if (this.state) {
      this.storage.setItem(KEY, JSON.stringify(this.state));
    } else {
      this.storage.removeItem(KEY);
    }
    this.changed();
  }

  changed() {
    this.listeners.forEach((listener) => listener());
  }
}

/** The payload of a JWT (not verified: the server does that), or null if it is not one. */
function decodeClaims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
