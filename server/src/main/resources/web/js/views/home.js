// The home page. Signed in, it opens on the person's Following timeline (the people they follow,
// and themselves) with Everyone one tab away; the choice lives in the address (/?feed=everyone)
// so a reload or Back keeps it. Signed out there is nobody to follow for: the feed of everyone.

import {h, heading} from '../dom.js';
import {feed} from './activity.js';

const FEEDS = {
  following: {label: 'Following', address: '/', path: '/api/activities/following', auth: true},
  everyone: {label: 'Everyone', address: '/?feed=everyone', path: '/api/activities/home', auth: 'optional'},
};

/** The home feed, newest first. `?compose=1` (after signing in to post) opens the form. */
export async function homeView(app, params, url) {
  document.title = 'Home · Cruddur';
  const signedIn = app.session.signedIn;
  const which = signedIn && url.searchParams.get('feed') !== 'everyone' ? 'following' : 'everyone';
  const chosen = FEEDS[which];
  const cruds = await feed(app, chosen.path, {
    auth: chosen.auth,
    empty: which === 'following' ? emptyTimeline() : 'No cruds yet. Be the first: press Crud.',
  });
  if (url.searchParams.has('compose') && signedIn) {
    history.replaceState(null, '', chosen.address);
    app.focusAfterRender = false; // the form takes the focus, not the heading
    queueMicrotask(() => app.compose.open());
  }
  if (!signedIn) {
    return h('section', {}, heading('Home'), cruds);
  }
  const tabs = feedTabs(app, which);
  return h('section', {}, heading('Home'), tabs,
    h('div', {role: 'tabpanel', id: 'home-feed', 'aria-labelledby': `tab-${which}`}, cruds));
}

/** A new account follows nobody: say what the timeline is for, and where the cruds are. */
function emptyTimeline() {
  return ['Your timeline shows the cruds and reposts of the people you follow, and your own. ',
    'Follow people to fill it: find them in ', h('a', {href: FEEDS.everyone.address, testid: 'empty-to-everyone'}, 'Everyone'),
    ', or post a crud.'];
}

/**
 * Following | Everyone as ARIA tabs. Each tab is a link to its address (so it can be opened in
 * a new tab, and the router keeps the history); the arrow keys, Home and End move between them
 * and Enter or Space opens one. A feed comes from the server, so moving does not open it at
 * once. After a tab was opened the focus stays on it, where the person was.
 */
function feedTabs(app, which) {
  const tabs = Object.entries(FEEDS).map(([key, choice]) => h('a', {
    href: choice.address, role: 'tab', id: `tab-${key}`, testid: `tab-${key}`,
    'aria-selected': String(key === which), 'aria-controls': 'home-feed', tabindex: key === which ? '0' : '-1',
  }, choice.label));
  const selected = tabs.find((tab) => tab.getAttribute('aria-selected') === 'true');
  if (app.focusTab) {
    app.focusTab = false;
    app.focusAfterRender = selected;
  }
  const list = h('div', {role: 'tablist', class: 'tabs', 'aria-label': 'Feeds', testid: 'feed-tabs'}, tabs);
  list.addEventListener('click', (event) => {
    if (event.target.closest('[role=tab]') && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) {
      app.focusTab = true; // the router draws the page again; the tab keeps the focus
    }
  });
  list.addEventListener('keydown', (event) => {
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) {
      return;
    }
    const next = {
      ArrowRight: (at + 1) % tabs.length,
      ArrowLeft: (at - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      tabs.forEach((tab, i) => tab.setAttribute('tabindex', i === next ? '0' : '-1'));
      tabs[next].focus();
    } else if (event.key === ' ') {
      event.preventDefault(); // a link opens with Enter only; a tab opens with Space too
      tabs[at].click();
    }
  });
  return list;
}
