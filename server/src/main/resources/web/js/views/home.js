import {h, heading} from '../dom.js';
import {feed} from './activity.js';

/** The home feed, newest first. `?compose=1` (after signing in to post) opens the form. */
export async function homeView(app, params, url) {
  document.title = 'Home · Cruddur';
  const cruds = await feed(app, '/api/activities/home', {empty: 'No cruds yet. Be the first: press Crud.'});
  if (url.searchParams.has('compose') && app.session.signedIn) {
    history.replaceState(null, '', '/');
    app.focusAfterRender = false; // the form takes the focus, not the heading
    queueMicrotask(() => app.compose.open());
  }
  return h('section', {}, heading('Home'), cruds);
}
