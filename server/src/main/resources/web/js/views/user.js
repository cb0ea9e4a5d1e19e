import {ApiError} from '../api.js';
import {h, heading} from '../dom.js';
import {feed} from './activity.js';

/** /@handle: the user's name and handle, then their cruds. */
export async function userView(app, [handle]) {
  const path = encodeURIComponent(handle);
  let profile;
  try {
    profile = (await app.api.get(`/api/users/@${path}`)).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      document.title = 'No such user · Cruddur';
      return h('section', {}, heading('No such user'),
        h('p', {class: 'empty', testid: 'page-error'}, `Nobody has the handle @${handle}.`));
    }
    throw error;
  }
  document.title = `${profile.display_name} (@${profile.handle}) · Cruddur`;
  const cruds = await feed(app, `/api/activities/@${encodeURIComponent(profile.handle)}`,
    {empty: `@${profile.handle} has no cruds right now.`});
  return h('section', {},
    h('header', {class: 'profile'},
      heading(profile.display_name, 'profile-name'),
      h('p', {class: 'handle', testid: 'profile-handle'}, `@${profile.handle}`)),
    cruds);
}
