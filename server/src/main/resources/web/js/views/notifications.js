import {h, heading} from '../dom.js';
import {signInPath} from '../router.js';
import {feed} from './activity.js';

/** Replies by other people to my cruds and replies; signed out, an invitation to sign in. */
export async function notificationsView(app) {
  document.title = 'Notifications · Cruddur';
  if (!app.session.signedIn) {
    return h('section', {}, heading('Notifications'),
      h('p', {class: 'empty', testid: 'notifications-signed-out'}, 'Sign in to see who replied to your cruds. ',
        h('a', {href: signInPath('/notifications'), testid: 'notifications-signin'}, 'Sign in')));
  }
  const replies = await feed(app, '/api/activities/notifications',
    {auth: true, parentLink: true, empty: 'No replies to your cruds yet.', testid: 'notifications'});
  return h('section', {}, heading('Notifications'), replies);
}
