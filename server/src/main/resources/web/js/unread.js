// What the signed-in person has not read yet: a badge on the Notifications link (notifications)
// and one on the Messages link (conversations with unread messages), both from ONE request,
// GET /api/unread-counts, which also says when someone last sent the person a message. Asked
// when the app starts, after each page change, and then on a timer while the page is visible:
// every POLL_INTERVAL_MS, or every WATCHED_POLL_INTERVAL_MS while a page of messages watches for
// new ones (a chat that answers half a minute late is no chat). A tab in the background asks
// nothing, and asks at once when it is shown again. Marking notifications read answers the
// count that remains, which the badge then shows. Signed out there are no badges and nothing
// is asked.

import {h} from './dom.js';

/** How often a visible page asks for the counts. */
export const POLL_INTERVAL_MS = 30_000;

/** How often it asks while a conversation, or the list of them, is open. */
export const WATCHED_POLL_INTERVAL_MS = 5_000;

/**
 * The server counts up to this many and no further, so at it the badge says "99+". A copy of
 * core's Notifications.UNREAD_COUNTED_UP_TO: WebModulesTest checks they agree.
 */
export const UNREAD_CAP = 100;

const PATH = '/api/unread-counts';

/** What the Notifications badge says, and what screen readers read for it: "3 unread notifications". */
export function unreadText(count) {
  return countText(count, 'notification', 'notifications');
}

/** What a badge of unread things says (one of the server's counts): "3", "3 unread messages"; "99+" at the cap. */
export function countText(count, one, many) {
  if (count >= UNREAD_CAP) {
    return {text: `${UNREAD_CAP - 1}+`, label: `More than ${UNREAD_CAP - 1} unread ${many}`};
  }
  return {text: String(count), label: `${count} unread ${count === 1 ? one : many}`};
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
    // The newest message anyone sent the person, as last answered (undefined: not asked yet).
    this.lastMessageAt = undefined;
    // The page of messages on the screen, if any: {page, changed()}; see watch.
    this.watcher = null;
    // One element each for the app's life: the sidebar, drawn again on each page, takes them
    // along. role=img lets a badge carry a label: "3 unread notifications" rather than a bare "3".
    this.badge = h('span', {class: 'unread-badge', testid: 'unread-badge', role: 'img', hidden: true});
    this.messagesBadge = h('span', {class: 'unread-badge', testid: 'messages-badge', role: 'img', hidden: true});
  }

  /** Starts asking (when someone is signed in) and follows the session and the page's visibility. */
  start() {
    this.who = this.session.user?.handle ?? null;
    this.session.onChange(() => this.sessionChanged());
    document.addEventListener('visibilitychange', () => this.schedule());
    this.schedule({now: false}); // the first page asks, as every page does when it is drawn
  }

  /**
   * A page of messages asks to hear when someone sent the person a new message: `changed()` is
   * called each time the answer's `last_message_at` moves on, and the counts are asked more
   * often while `page` is on the screen. A page the person left is forgotten (see pageShown).
   */
  watch(page, changed) {
    this.watcher = {page, changed, shown: false};
    this.schedule({now: false});
  }

  /** The router drew this page: a watcher for any other page is dropped, and the slow pace is back. */
  pageShown(page) {
    if (this.watcher?.page === page) {
      this.watcher.shown = true;
    } else if (this.watcher) {
      this.watcher = null;
      this.schedule({now: false});
    }
  }

  /** Asks for the counts now, if someone is signed in; failures leave the badges as they are. */
  async refresh() {
    if (!this.session.signedIn) {
      return;
    }
    const ticket = ++this.latest;
    let data;
    try {
      ({data} = await this.api.get(PATH, {auth: true}));
    } catch {
      // Offline or the server busy for a moment: the next poll asks again. A session that has
      // ended is signed out by the API client, which clears the badges through sessionChanged.
      return;
    }
    if (ticket !== this.latest || !this.session.signedIn) {
      return;
    }
    if (Number.isInteger(data?.notifications)) {
      this.show(data.notifications);
    }
    if (Number.isInteger(data?.message_groups)) {
      this.showMessages(data.message_groups);
    }
    this.messageSeen(data?.last_message_at ?? null);
  }

  /** Tells the watching page when the newest message sent to the person is not the one known before. */
  messageSeen(lastMessageAt) {
    const before = this.lastMessageAt;
    this.lastMessageAt = lastMessageAt;
    if (before === undefined || before === lastMessageAt) {
      return;
    }
    const watcher = this.watcher;
    if (watcher?.shown && !watcher.page.isConnected) {
      // Taken off the screen without the router saying so: nothing to watch for any more.
      this.watcher = null;
      this.schedule({now: false});
      return;
    }
    watcher?.changed();
  }

  /** The count of notifications as something else learnt it (the answer to marking read). */
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
    this.showMessages(0);
    this.lastMessageAt = undefined;
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
      this.timer = setInterval(() => this.refresh(), this.watcher ? WATCHED_POLL_INTERVAL_MS : POLL_INTERVAL_MS);
    }
  }

  show(count) {
    paint(this.badge, count, unreadText(count));
  }

  showMessages(count) {
    paint(this.messagesBadge, count, countText(count, 'conversation', 'conversations'));
  }
}

function paint(badge, count, {text, label}) {
  badge.textContent = text;
  badge.setAttribute('aria-label', label);
  badge.hidden = !(count > 0);
}
