import {h, heading} from '../dom.js';
import {signInPath} from '../router.js';
import {activityCard, pagedList} from './activity.js';

/** What each kind of notification says its actor did. */
const DID = {
  reply: 'replied',
  mention: 'mentioned you',
  like: 'liked your crud',
  repost: 'reposted your crud',
  follow: 'followed you',
};

/** One notification: who did what, and the crud or reply concerned. */
function notificationItem(app, notification) {
  const {actor, kind, activity} = notification;
  const line = h('p', {class: 'notification-line', testid: 'notification-line'},
    h('a', {href: `/@${actor.handle}`}, actor.display_name), ` ${DID[kind] ?? kind}`);
  return h('article', {class: notification.read ? 'notification' : 'notification unread', testid: `notification-${kind}`},
    line, activity ? activityCard(app, activity, {parentLink: kind === 'reply'}) : null);
}

/** Replies, mentions, likes, reposts and new followers; signed out, an invitation to sign in. */
export async function notificationsView(app) {
  document.title = 'Notifications · Cruddur';
  if (!app.session.signedIn) {
    return h('section', {}, heading('Notifications'),
      h('p', {class: 'empty', testid: 'notifications-signed-out'}, 'Sign in to see who replied to your cruds. ',
        h('a', {href: signInPath('/notifications'), testid: 'notifications-signin'}, 'Sign in')));
  }
  const notifications = await pagedList(app, '/api/activities/notifications',
    (notification) => notificationItem(app, notification),
    {auth: true, empty: 'No notifications yet.', testid: 'notifications'});
  return h('section', {}, heading('Notifications'), notifications);
}
