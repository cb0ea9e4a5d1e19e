// /@handle: who the person is (name, handle, bio, counts), Follow or Unfollow for a signed-in
// reader (Edit profile on one's own page), Message when they accept messages from the reader,
// then their cruds.

import {ApiError, SIGNED_OUT} from '../api.js';
import {alertBox, h, heading, say} from '../dom.js';
import {signInPath} from '../router.js';
import {feed} from './activity.js';
import {editProfile} from './profile-editor.js';

function plural(count, one, many) {
  return count === 1 ? one : many;
}

/**
 * The profile of the person with this handle, read with the reader's token when signed in (for
 * `following` and `follows_you`); null, with a "No such user" page in `notFound`, when nobody has it.
 */
export async function readProfile(app, handle) {
  try {
    return (await app.api.get(`/api/users/@${encodeURIComponent(handle)}`, {auth: 'optional'})).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

/** The page for a handle nobody has. */
export function noSuchUser(handle) {
  document.title = 'No such user · Cruddur';
  return h('section', {}, heading('No such user'),
    h('p', {class: 'empty', testid: 'page-error'}, `Nobody has the handle @${handle}.`));
}

export async function userView(app, [handle]) {
  const profile = await readProfile(app, handle);
  if (!profile) {
    return noSuchUser(handle);
  }
  document.title = `${profile.display_name} (@${profile.handle}) · Cruddur`;
  const header = profileHeader(app, profile);
  const cruds = await feed(app, `/api/activities/@${encodeURIComponent(profile.handle)}`,
    {empty: `@${profile.handle} has no cruds right now.`, onDeleted: () => header.reload()});
  return h('section', {}, header.element, cruds);
}

/** The profile's header; `show(profile)` draws it again in place (the focus stays where it is). */
function profileHeader(app, profile) {
  const base = `/@${encodeURIComponent(profile.handle)}`;
  const name = heading(profile.display_name, 'profile-name');
  const followsYou = h('span', {class: 'badge', testid: 'follows-you', hidden: true}, 'Follows you');
  const bio = h('p', {class: 'bio', testid: 'profile-bio'});
  const count = (testid) => h('strong', {testid});
  const followers = count('followers-count');
  const following = count('following-count');
  const cruds = count('cruds-count');
  const followersWord = h('span', {});
  const crudsWord = h('span', {});
  const error = alertBox('profile-error');
  // The server says whether the reader may write to them (their setting; never to oneself).
  const message = h('a', {href: `/messages/@${encodeURIComponent(profile.handle)}`, class: 'button-quiet message-button',
    testid: 'message-button', 'aria-label': `Message @${profile.handle}`, hidden: true}, 'Message');
  let current = profile;

  const show = (next) => {
    current = next;
    name.textContent = next.display_name;
    bio.textContent = next.bio;
    bio.hidden = !next.bio;
    followsYou.hidden = !next.follows_you || app.session.is(next.handle);
    followers.textContent = String(next.followers_count);
    followersWord.textContent = plural(next.followers_count, ' Follower', ' Followers');
    following.textContent = String(next.following_count);
    cruds.textContent = String(next.cruds_count);
    crudsWord.textContent = plural(next.cruds_count, ' Crud', ' Cruds');
    message.hidden = next.can_message !== true;
    action.update?.(next);
  };
  const action = app.session.is(profile.handle)
    ? editButton(app, () => current)
    : followButton(app, () => current, show, error);

  const element = h('header', {class: 'profile', testid: 'profile'},
    h('div', {class: 'profile-top'},
      h('div', {class: 'profile-names'}, name,
        h('p', {class: 'handle'}, h('span', {testid: 'profile-handle'}, `@${profile.handle}`), followsYou)),
      h('div', {class: 'profile-actions'}, message, action.element)),
    bio,
    h('ul', {class: 'profile-counts'},
      h('li', {}, h('a', {href: `${base}/following`, testid: 'following-link'}, following, ' Following')),
      h('li', {}, h('a', {href: `${base}/followers`, testid: 'followers-link'}, followers, followersWord)),
      h('li', {}, cruds, crudsWord)),
    error);
  show(profile);
  return {
    element,
    /** Reads the profile again (after the person deleted a crud of theirs from the page). */
    async reload() {
      try {
        show(await readProfile(app, profile.handle) ?? current);
      } catch (failure) {
        say(error, failure.message);
      }
    },
  };
}

/** Follow, or Unfollow once followed; each press asks the server and the header shows its answer. */
function followButton(app, current, show, error) {
  const button = h('button', {type: 'button', testid: 'follow-button'});
  button.addEventListener('click', async () => {
    const here = window.location.pathname;
    if (!app.session.signedIn) {
      app.router.navigate(signInPath(here));
      return;
    }
    if (button.hasAttribute('aria-busy')) {
      return;
    }
    button.setAttribute('aria-busy', 'true');
    say(error, null);
    const path = `/api/users/@${encodeURIComponent(current().handle)}/follow`;
    try {
      show((current().following ? await app.api.delete(path) : await app.api.put(path)).data);
    } catch (failure) {
      if (failure.code === SIGNED_OUT) {
        app.router.navigate(signInPath(here));
        return;
      }
      say(error, failure.message);
    } finally {
      button.removeAttribute('aria-busy');
    }
  });
  return {
    element: button,
    update(profile) {
      button.textContent = profile.following ? 'Unfollow' : 'Follow';
      button.className = profile.following ? 'button-quiet follow' : 'crud-button follow';
      button.setAttribute('aria-label', `${profile.following ? 'Unfollow' : 'Follow'} @${profile.handle}`);
    },
  };
}

/** On one's own page: the profile editor; what it saves shows on the page drawn again. */
function editButton(app, current) {
  return {
    element: h('button', {type: 'button', class: 'button-quiet', testid: 'edit-profile', onclick: () => {
      editProfile(app, current(), (saved) => {
        app.session.renamed(saved.display_name);
        app.router.dispatch();
      });
    }}, 'Edit profile'),
  };
}
