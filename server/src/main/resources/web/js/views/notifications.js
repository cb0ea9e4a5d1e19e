// /notifications: what other people did that concerns the signed-in person, newest first, each
// kind in its own words with its icon. Likes (or reposts) of one crud that follow each other in
// the list are one item, "Ann, Bob and 3 others liked your crud", and so are follows that came
// the same day: ten lines saying the same thing would bury the rest. Replies and mentions stay
// one to an item, since each has its own text to read and answer. Opening the page marks read
// what it shows, and nothing newer.

import {h, heading} from '../dom.js';
import {fullDate, relativeAge} from '../format.js';
import {at, bomb, follower, heart, reply, repost} from '../icons.js';
import {signInPath} from '../router.js';
import {activityCard, pagedList} from './activity.js';

/** A crud or a reply, as the person's own thing was liked. */
function noun(activity) {
  return activity?.reply_to_activity_uuid ? 'reply' : 'crud';
}

/**
 * Each kind: its icon, what its actors did, whether consecutive ones make one item, and whether
 * what it is about shows as a card (something to read and answer) or as a link to it (the
 * person's own crud, which they know).
 */
const KINDS = {
  reply: {icon: reply, did: () => 'replied to you', card: true},
  mention: {icon: at, did: () => 'mentioned you', card: true},
  like: {icon: heart, did: (activity) => `liked your ${noun(activity)}`, grouped: true},
  repost: {icon: repost, did: (activity) => `reposted your ${noun(activity)}`, grouped: true},
  follow: {icon: follower, did: () => 'followed you', grouped: true},
};

/** A kind this app does not know yet (a newer server): its name, on its own. */
const UNKNOWN = {icon: bomb, did: () => 'did something', card: true};

/** Follows further apart than this are not "together". */
const FOLLOWS_TOGETHER_MS = 24 * 60 * 60 * 1000;

/** The people who did it, each a link to their page: "Ann", "Ann and Bob", "Ann, Bob and 3 others". */
function actorLinks(actors) {
  const link = (actor) => h('a', {href: `/@${encodeURIComponent(actor.handle)}`, class: 'actor', testid: 'actor'},
    actor.display_name);
  if (actors.length > 3) {
    const others = actors.length - 2;
    return [link(actors[0]), ', ', link(actors[1]), ` and ${others} ${others === 1 ? 'other' : 'others'}`];
  }
  return actors.flatMap((actor, i) => [i === 0 ? '' : i === actors.length - 1 ? ' and ' : ', ', link(actor)]);
}

/**
 * One item of the list: a notification, and those that join it later. `takes(next)` says
 * whether the next notification of the list belongs here; `add(next)` draws the item again with it.
 */
function notificationItem(app, first) {
  const kind = KINDS[first.kind] ?? UNKNOWN;
  const items = [first];
  const element = h('article', {class: first.read ? 'notification' : 'notification unread',
    testid: 'notification', 'data-kind': first.kind});
  const draw = () => {
    const actors = [];
    for (const {actor} of items) {
      if (!actors.some((known) => known.handle.toLowerCase() === actor.handle.toLowerCase())) {
        actors.push(actor);
      }
    }
    const {activity, created_at: newest} = first;
    const about = !activity ? null : kind.card
      ? activityCard(app, activity, {parentLink: first.kind === 'reply'})
      : h('a', {href: `/cruds/${activity.uuid}`, class: 'notification-crud', testid: 'notification-crud'},
        activity.message);
    element.replaceChildren(
      h('span', {class: 'notification-icon'}, kind.icon()),
      h('div', {class: 'notification-body'},
        h('p', {class: 'notification-line', testid: 'notification-line'},
          first.read ? null : [h('span', {class: 'badge badge-new', testid: 'notification-new'}, 'New'), ' '],
          actorLinks(actors), ` ${kind === UNKNOWN ? first.kind : kind.did(activity)} `,
          h('time', {class: 'notification-age', datetime: newest, title: fullDate(newest)}, relativeAge(newest))),
        about));
  };
  draw();
  return {
    element,
    takes(next) {
      if (!kind.grouped || next.kind !== first.kind || next.read !== first.read) {
        return false; // news and what was seen before stay apart, so "New" means what it says
      }
      if (first.kind === 'follow') {
        return Date.parse(items.at(-1).created_at) - Date.parse(next.created_at) <= FOLLOWS_TOGETHER_MS;
      }
      return next.activity?.uuid === first.activity?.uuid;
    },
    add(next) {
      items.push(next);
      draw();
    },
  };
}

/** Replies, mentions, likes, reposts and new followers; signed out, an invitation to sign in. */
export async function notificationsView(app) {
  document.title = 'Notifications · Cruddur';
  if (!app.session.signedIn) {
    return h('section', {}, heading('Notifications'),
      h('p', {class: 'empty', testid: 'notifications-signed-out'}, 'Sign in to see who replied to your cruds. ',
        h('a', {href: signInPath('/notifications'), testid: 'notifications-signin'}, 'Sign in')));
  }
  let last = null;
  let newest = null;
  let unreadShown = false;
  const notifications = await pagedList(app, '/api/activities/notifications', (notification) => {
    newest ??= notification.created_at; // newest first: the first one of the first page
    unreadShown ||= !notification.read;
    if (last?.takes(notification)) {
      last.add(notification); // also across "Load more": the item drawn last takes it
      return null;
    }
    last = notificationItem(app, notification);
    return last.element;
  }, {auth: true, empty: 'No notifications yet. When someone replies to you, mentions you, likes or reposts your '
      + 'cruds or follows you, it shows here.', testid: 'notifications'});
  const page = h('section', {}, heading('Notifications'), notifications);
  if (unreadShown) {
    // Once the page is on the screen (the router drops a page the person left while it
    // loaded): marked read up to the newest shown, so one that arrived meanwhile stays unread.
    setTimeout(() => markRead(app, page, newest));
  }
  return page;
}

async function markRead(app, page, upTo) {
  if (!page.isConnected) {
    return;
  }
  try {
    const {data} = await app.api.post('/api/notifications/read', {up_to: upTo});
    app.unread.set(data.unread);
  } catch {
    // Nothing is lost: they stay unread, and say "New" again next time.
  }
}
