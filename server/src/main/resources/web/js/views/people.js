// /@handle/followers and /@handle/following: lists of people, paged like the feeds, each person
// linking to their page.

import {h, heading} from '../dom.js';
import {pagedList} from './activity.js';
import {noSuchUser, readProfile} from './user.js';

/** One person of a list: name and handle (both to their page), and their bio. */
function personCard(person) {
  const page = `/@${encodeURIComponent(person.handle)}`;
  return h('article', {class: 'person', testid: 'person'},
    h('a', {href: page, class: 'display-name', testid: 'display-name'}, person.display_name),
    h('a', {href: page, class: 'handle', testid: 'handle'}, `@${person.handle}`),
    person.bio ? h('p', {class: 'bio', testid: 'bio'}, person.bio) : null);
}

const LISTS = {
  followers: {
    title: (handle) => `Followers of @${handle}`,
    empty: (handle) => `Nobody follows @${handle} yet.`,
  },
  following: {
    title: (handle) => `Followed by @${handle}`,
    empty: (handle) => `@${handle} follows nobody yet.`,
  },
};

async function peopleView(app, handle, which) {
  const profile = await readProfile(app, handle);
  if (!profile) {
    return noSuchUser(handle);
  }
  const list = LISTS[which];
  document.title = `${list.title(profile.handle)} · Cruddur`;
  const base = `/@${encodeURIComponent(profile.handle)}`;
  const tab = (path, text, testid) => h('li', {}, h('a', {href: path, testid,
    'aria-current': path === `${base}/${which}` ? 'page' : null}, text));
  const people = await pagedList(app, `/api/users${base}/${which}`, personCard,
    {auth: false, empty: list.empty(profile.handle), testid: 'people', listClass: 'feed people'});
  return h('section', {},
    heading(list.title(profile.handle)),
    h('p', {class: 'aside'}, h('a', {href: base, testid: 'profile-link'}, `${profile.display_name}’s profile`)),
    h('nav', {class: 'tabs', 'aria-label': 'People'}, h('ul', {},
      tab(`${base}/followers`, 'Followers', 'followers-tab'),
      tab(`${base}/following`, 'Following', 'following-tab'))),
    people);
}

export function followersView(app, [handle]) {
  return peopleView(app, handle, 'followers');
}

export function followingView(app, [handle]) {
  return peopleView(app, handle, 'following');
}
