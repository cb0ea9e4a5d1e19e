// The navigation: the brand, the pages, the Crud button and who is signed in. Redrawn on each
// navigation (to mark the current page) and when the session changes; the unread badge on
// Notifications and the one on Messages are elements (js/unread.js) that each drawing takes along.

import {h} from '../dom.js';
import {bomb} from '../icons.js';
import {signInPath} from '../router.js';

export function renderSidebar(app, sidebar, url) {
  const user = app.session.user;
  const link = (href, text, testid, current = url.pathname === href) => h('li', {}, h('a', {
    href, testid, 'aria-current': current ? 'page' : null,
  }, text));

  const account = user
    ? h('div', {class: 'account', testid: 'account'},
      h('p', {class: 'account-name'}, h('span', {class: 'display-name', testid: 'account-name'}, user.name),
        h('span', {class: 'handle', testid: 'account-handle'}, `@${user.handle}`)),
      h('button', {type: 'button', class: 'button-quiet', testid: 'nav-signout', onclick: () => {
        app.session.signOut();
        app.router.navigate('/');
      }}, 'Sign out'))
    : h('div', {class: 'account', testid: 'account'},
      h('a', {href: signInPath(url.pathname + url.search), class: 'button-quiet',
        testid: 'nav-signin'}, 'Sign in'),
      h('a', {href: '/signup', class: 'button-quiet', testid: 'nav-signup'}, 'Sign up'));

  sidebar.replaceChildren(
    h('a', {href: '/', class: 'brand', testid: 'brand'}, bomb(), h('span', {}, 'Cruddur')),
    h('nav', {'aria-label': 'Main'}, h('ul', {},
      link('/', 'Home', 'nav-home'),
      link('/search', 'Search', 'nav-search'),
      link('/notifications', ['Notifications', user ? app.unread.badge : null], 'nav-notifications'),
      user ? link('/messages', ['Messages', app.unread.messagesBadge], 'nav-messages',
        url.pathname === '/messages' || url.pathname.startsWith('/messages/')) : null,
      user ? link(`/@${user.handle}`, 'Profile', 'nav-profile') : null)),
    h('button', {type: 'button', class: 'crud-button', testid: 'crud-button', onclick: () => app.compose.open()}, 'Crud'),
    account);
}
