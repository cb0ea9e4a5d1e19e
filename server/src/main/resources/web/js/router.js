// Client-side routing with the History API. The server answers each of these addresses with
// index.html (WebApp.PAGES), so a reload or a shared link opens the same page.

import {withQuery} from './api.js';

export class Router {
  /**
   * @param routes [{pattern: RegExp, view: async (app, params, url) => Element}]; the
   *               pattern's groups become params
   * @param show   (view, params, url) => void: puts the view on the page
   * @param notFound the view for an address no route matches
   */
  constructor(routes, show, notFound) {
    this.routes = routes;
    this.show = show;
    this.notFound = notFound;
  }

  start() {
    window.addEventListener('popstate', () => {
      const url = new URL(window.location.href);
      if (url.pathname + url.search !== this.shown) {
        this.dispatch(); // an anchor on the page (the skip link's "#main") fires popstate too: no new page
      }
    });
    document.addEventListener('click', (event) => this.follow(event));
    this.dispatch();
  }

  /** Goes to an address of the app (pushes it on the history unless `replace`). */
  navigate(address, {replace = false} = {}) {
    if (replace) {
      history.replaceState(null, '', address);
    } else {
      history.pushState(null, '', address);
    }
    this.dispatch();
  }

  /** Shows the page for the current address again (after a write, for fresh data). */
  dispatch() {
    const url = new URL(window.location.href);
    if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
      // The server answers "/signin/" like "/signin" (Javalin ignores a trailing slash): so does the app.
      url.pathname = url.pathname.replace(/\/+$/, '') || '/';
      history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    }
    this.shown = url.pathname + url.search;
    for (const route of this.routes) {
      const match = route.pattern.exec(url.pathname);
      if (match) {
        let params;
        try {
          params = match.slice(1).map(decodeURIComponent);
        } catch {
          break; // "%E0%A4" is no text: no page has that address
        }
        this.show(route.view, params, url);
        return;
      }
    }
    this.show(this.notFound, [], url);
  }

  /** Plain left clicks on links to this origin stay in the app; anything else is the browser's. */
  follow(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) {
      return;
    }
    const url = new URL(link.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api')) {
      return;
    }
    const here = new URL(window.location.href);
    if (url.hash && url.pathname === here.pathname && url.search === here.search) {
      return; // "#main" (the skip link) and other anchors on this page: the browser scrolls and focuses
    }
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }
}

/** The sign-in page, which comes back to `next` (a path of this app, see safeNext) once signed in. */
export function signInPath(next) {
  return withQuery('/signin', {next});
}

/**
 * A `next` address from a query string, only when it is a path of this app (no open redirect):
 * resolved the way the browser will resolve it, so "//evil.example", "/\\evil.example" and
 * "/<tab>/evil.example" (the URL parser drops tabs and newlines) are refused like "javascript:".
 * What comes back is itself followed as an address, so it must be a path that stays one:
 * "/..//evil.example" resolves on this origin to the path "//evil.example", which, followed,
 * is another site; a path starting with two slashes (or a slash and a backslash) is refused.
 */
export function safeNext(url, fallback = '/') {
  const next = url.searchParams.get('next');
  if (!next || !next.startsWith('/')) {
    return fallback;
  }
  let target;
  try {
    target = new URL(next, url.origin);
  } catch {
    return fallback;
  }
  const path = target.pathname;
  if (target.origin !== url.origin || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) {
    return fallback;
  }
  return path + target.search + target.hash;
}
