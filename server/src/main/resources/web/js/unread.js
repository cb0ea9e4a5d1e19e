// How many notifications the signed-in person has not read, as a badge on the Notifications
// link. Asked when the app starts, after each page change, and every POLL_INTERVAL_MS while the
// page is visible: a tab in the background asks nothing, and asks at once when it is shown
// again. Marking read answers the count that remains, which the badge then shows. Signed out
// there is no badge and nothing is asked.

import {h} from './dom.js';

/** How often a visible page asks for the count. */
export const POLL_INTERVAL_MS = 30_000;

/**
 * The server counts up to this many and no further, so at it the badge says "99+". A copy of
 * core's Notifications.UNREAD_COUNTED_UP_TO: WebModulesTest checks they agree.
 */
export const UNREAD_CAP = 100;

const PATH = '/api/notifications/unread-count';

/** What the badge says, and what screen readers read for it. */
export function unreadText(count) {
  if (count >= UNREAD_CAP) {
    return {text: `${UNREAD_CAP - 1}+`, label: `More than ${UNREAD_CAP - 1} unread notifications`};
  }
  return {text: String(count), label: `${count} unread ${count === 1 ? 'notification' : 'notifications'}`};
}

export class Unread {
  constructor(api, session) {
    this.api = api;
    this.session = session;
    // Each question and each count set from elsewhere takes a number; an answer that comes back
    // after a newer one was asked or set (a slow count overtaken by marking read) is dropped.
    this.latest = 0;
    this.timer = null;
    this.who = null;
    // One element for the app's life: the sidebar, drawn again on each page, takes it along.
    // role=img lets it carry a label: "3 unread notifications" rather than a bare "3".
    this.badge = h('span', {class: 'unread-badge', testid: 'unread-badge', role: 'img', hidden: true});
  }

  /** Starts asking (when someone is signed in) and follows the session and the page's visibility. */
  start() {
    this.who = this.session.user?.handle ?? null;
    this.session.onChange(() => this.sessionChanged());
    document.addEventListener('visibilitychange', () => this.schedule());
    this.schedule({now: false}); // the first page asks, as every page does when it is drawn
  }

  /** Asks for the count now, if someone is signed in; failures leave the badge as it is. */
  async refresh() {
    if (!this.session.signedIn) {
      return;
    }
    const ticket = ++this.latest;
    try {
      const {data} = await this.api.get(PATH, {auth: true});
      if (ticket === this.latest && this.session.signedIn && Number.isInteger(data?.unread)) {
        this.show(data.unread);
      }
    } catch {
      // Offline or the server busy for a moment: the next poll asks again. A session that has
      // ended is signed out by the API client, which clears the badge through sessionChanged.
    }
  }

  /** The count as something else learnt it (the answer to marking read). */
  set(count) {
    ++this.latest;
    this.show(count);
  }

  /** A token refresh changes the session too; only a change of person starts over. */
  sessionChanged() {
    const who = this.session.user?.handle ?? null;
    if (who === this.who) {
      return;
    }
    this.who = who;
    this.set(0);
    this.schedule();
  }

  /** Polls while someone is signed in and the page is visible, asking at once when it starts. */
  schedule({now = true} = {}) {
    clearInterval(this.timer);
    this.timer = null;
    if (this.session.signedIn && document.visibilityState === 'visible') {
      if (now) {
        this.refresh();
      }
      this.timer = setInterval(() => this.refresh(), POLL_INTERVAL_MS);
    }
  }

  show(count) {
    const {text, label} = unreadText(count);
    this.badge.textContent = text;
    this.badge.setAttribute('aria-label', label);
    this.badge.hidden = !(count > 0);
  }
}
