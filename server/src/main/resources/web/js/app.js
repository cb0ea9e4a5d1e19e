// Cruddur in the browser: loads the server's identity settings, then wires the session, the
// API client, the router and the pages. The app object below is passed to every view; there
// are no other globals.

import {Api} from './api.js';
import {Cognito, cognitoEndpoint} from './cognito.js';
import {h, heading} from './dom.js';
import {Router} from './router.js';
import {Session} from './session.js';
import {Unread} from './unread.js';
import {Compose} from './views/compose.js';
import {renderSidebar} from './views/sidebar.js';
import {homeView} from './views/home.js';
import {userView} from './views/user.js';
import {followersView, followingView} from './views/people.js';
import {crudView} from './views/crud.js';
import {searchView} from './views/search.js';
import {notificationsView} from './views/notifications.js';
import {conversationView, messagesView, newConversationView} from './views/messages.js';
import {confirmView, forgotPasswordView, signInView, signUpView} from './views/account.js';
import {notFoundView} from './views/not-found.js';

const ROUTES = [
  {pattern: /^\/$/, view: homeView},
  {pattern: /^\/@([^/]+)$/, view: userView},
  {pattern: /^\/@([^/]+)\/followers$/, view: followersView},
  {pattern: /^\/@([^/]+)\/following$/, view: followingView},
  {pattern: /^\/cruds\/([^/]+)$/, view: crudView},
  {pattern: /^\/search$/, view: searchView},
  {pattern: /^\/notifications$/, view: notificationsView},
  {pattern: /^\/messages$/, view: messagesView},
  {pattern: /^\/messages\/@([^/]+)$/, view: newConversationView},
  {pattern: /^\/messages\/([^/]+)$/, view: conversationView},
  {pattern: /^\/signup$/, view: signUpView},
  {pattern: /^\/confirm$/, view: confirmView},
  {pattern: /^\/signin$/, view: signInView},
  {pattern: /^\/forgot-password$/, view: forgotPasswordView},
];

async function loadConfig() {
  const response = await fetch('/api/config', {headers: {Accept: 'application/json'}});
  if (!response.ok) {
    throw new Error(`GET /api/config answered ${response.status}`);
  }
  return response.json();
}

async function start() {
  const main = document.getElementById('main');
  const sidebar = document.getElementById('sidebar');
  let config;
  try {
    config = await loadConfig();
  } catch {
    main.replaceChildren(h('p', {class: 'form-error', role: 'alert', testid: 'page-error'},
      'The Cruddur server cannot be reached. Check that it is running, then reload this page.'));
    return;
  }
  const session = new Session(new Cognito(cognitoEndpoint(config, window.location.origin), config.client_id));
  const api = new Api(session);
  const app = {config, session, cognito: session.cognito, api, unread: new Unread(api, session)};

  let shown = 0;
  const show = async (view, params, url) => {
    const ticket = ++shown;
    renderSidebar(app, sidebar, url);
    app.unread.refresh(); // a new page is a moment the person looks: the badge is then current
    main.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await view(app, params, url);
    } catch (error) {
      page = h('section', {}, heading('Something went wrong'),
        h('p', {class: 'form-error', role: 'alert', testid: 'page-error'}, error.message));
    }
    if (ticket !== shown) {
      return; // the person went elsewhere while this page loaded
    }
    main.replaceChildren(page);
    app.unread.pageShown(page); // a page of messages that was left stops watching for new ones
    main.removeAttribute('aria-busy');
    main.dataset.page = url.pathname;
    const focus = app.focusAfterRender;
    if (focus instanceof Element && main.contains(focus)) {
      focus.focus({preventScroll: true}); // the view keeps the focus where the person was (a tab)
    } else if (focus !== false) {
      (main.querySelector('h1') ?? main).focus({preventScroll: true});
    }
    app.focusAfterRender = true;
    window.scrollTo(0, 0);
  };
  app.router = new Router(ROUTES, show, notFoundView);
  app.compose = new Compose(app);
  session.onChange(() => renderSidebar(app, sidebar, new URL(window.location.href)));
  app.unread.start();
  app.router.start();
}

start();
