// One crud as a card, with its like and repost buttons and, for its author, delete; a paged list
// with "Load more" through the API's cursor, of cruds (a feed) or of anything else.

import {SIGNED_OUT, withQuery} from '../api.js';
import {alertBox, h, say} from '../dom.js';
import {fullDate, relativeAge, timeLeft} from '../format.js';
import {bomb, heart, reply, repost, trash} from '../icons.js';
import {signInPath} from '../router.js';
import {confirmDialog} from './confirm.js';

/**
 * A #hashtag (after anything but a letter, digit, _ or #), or an @mention of a handle (after
 * anything but a letter, digit, _ or @, and not running on into more of a word: "ada@example.com"
 * mentions nobody).
 */
const LINKED = /(?<![\p{L}\p{N}_#])#[\p{L}\p{N}_]+|(?<![\p{L}\p{N}_@])@[A-Za-z0-9_]{1,30}(?![\p{L}\p{N}_@])/gu;

/**
 * The message as text, with #hashtags as links to their search and @mentions as links to the
 * person's page; never parsed as markup.
 */
export function messageText(message) {
  const paragraph = h('p', {class: 'message', testid: 'message'});
  let last = 0;
  for (const match of message.matchAll(LINKED)) {
    const [text] = match;
    paragraph.append(message.slice(last, match.index));
    paragraph.append(text.startsWith('#')
      ? h('a', {href: withQuery('/search', {term: text}), class: 'hashtag'}, text)
      : h('a', {href: `/@${text.slice(1)}`, class: 'mention', testid: 'mention'}, text));
    last = match.index + text.length;
  }
  paragraph.append(message.slice(last));
  return paragraph;
}

/** The two marks a reader can put on a crud or reply: the route, the fields, the words. */
const REACTIONS = [
  {path: 'repost', mark: 'reposted_by_me', count: 'reposts_count', icon: repost,
    verb: 'Repost', one: 'repost', many: 'reposts'},
  {path: 'like', mark: 'liked_by_me', count: 'likes_count', icon: heart,
    verb: 'Like', one: 'like', many: 'likes'},
];

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Where a person who must sign in first comes back to. */
function signInHere(app) {
  app.router.navigate(signInPath(window.location.pathname + window.location.search));
}

/**
 * A like or repost button: pressed while the reader has that mark on it; each press asks the
 * server, and the card shows what it answers. Signed out, a press leads to sign in.
 */
function reactionButton(app, kind, card) {
  const count = h('span', {testid: `${kind.path}s-count`});
  const button = h('button', {type: 'button', class: `action action-${kind.path}`, testid: kind.path, title: kind.verb},
    kind.icon(), count);
  button.addEventListener('click', async () => {
    if (!app.session.signedIn) {
      signInHere(app);
      return;
    }
    if (button.hasAttribute('aria-busy')) {
      return; // the previous press is still on its way
    }
    button.setAttribute('aria-busy', 'true');
    say(card.error, null);
    const path = `/api/activities/${card.activity.uuid}/${kind.path}`;
    try {
      const answer = card.activity[kind.mark] ? await app.api.delete(path) : await app.api.put(path);
      card.show(answer.data);
    } catch (failure) {
      if (failure.code === SIGNED_OUT) {
        signInHere(app);
        return;
      }
      say(card.error, failure.message);
    } finally {
      button.removeAttribute('aria-busy');
    }
  });
  return {
    button,
    show(activity) {
      const n = activity[kind.count];
      count.textContent = String(n);
      button.setAttribute('aria-pressed', String(activity[kind.mark] === true));
      button.setAttribute('aria-label', `${kind.verb}, ${plural(n, kind.one, kind.many)}`);
    },
  };
}

/** The author's delete button: asks first, then deletes and calls `deleted`. */
function deleteButton(app, activity, deleted) {
  const noun = activity.reply_to_activity_uuid ? 'reply' : 'crud';
  return h('button', {type: 'button', class: 'action action-delete', testid: 'delete', title: `Delete this ${noun}`,
    'aria-label': `Delete this ${noun}`, onclick: () => confirmDialog({
      title: `Delete this ${noun}?`,
      text: 'It goes at once, for everyone, with its replies, likes and reposts. This cannot be undone.',
      confirm: 'Delete',
      action: () => app.api.delete(`/api/activities/${activity.uuid}`),
      done: deleted,
      signedOut: () => signInHere(app),
    })}, trash());
}

/** After a card left the page the focus would be nowhere: it goes to the page's heading. */
function focusHeading() {
  document.querySelector('main h1')?.focus({preventScroll: true});
}

/**
 * "Reposted by Bob Builder" above a crud that is in a timeline or on a profile because someone
 * reposted it: without it a reader would wonder why a stranger's crud is there. The icon is
 * hidden from screen readers, which read the words.
 */
function repostedBy(reposter) {
  return h('p', {class: 'reposted-by', testid: 'reposted-by', title: `Reposted ${fullDate(reposter.reposted_at)}`},
    repost(), h('span', {}, 'Reposted by ',
      h('a', {href: `/@${encodeURIComponent(reposter.handle)}`, testid: 'reposter'}, reposter.display_name)));
}

/**
 * @param app the app: who reads (their marks, their own cruds) and the API to mark with
 * @param options.parentLink show "In reply to …" when the activity is a reply
 * @param options.big        the crud a page is about
 * @param options.onDeleted  after its author deleted it; by default the card leaves the page
 */
export function activityCard(app, activity, {parentLink = false, big = false, onDeleted = null} = {}) {
  const userPage = `/@${encodeURIComponent(activity.handle)}`;
  const crudPage = `/cruds/${activity.uuid}`;
  const left = timeLeft(activity.expires_at);
  const repliesCount = h('span', {});
  const replies = h('a', {href: crudPage, class: 'replies', testid: 'replies-count'}, reply(), repliesCount);
  const card = {activity, error: alertBox('activity-error')};
  const reactions = REACTIONS.map((kind) => reactionButton(app, kind, card));
  card.show = (current) => {
    card.activity = current;
    repliesCount.textContent = String(current.replies_count);
    replies.setAttribute('aria-label', plural(current.replies_count, 'reply', 'replies'));
    reactions.forEach((reaction) => reaction.show(current));
  };
  card.show(activity);
  const article = h('article', {class: big ? 'crud crud-big' : 'crud', testid: 'activity', 'data-uuid': activity.uuid},
    activity.reposted_by ? repostedBy(activity.reposted_by) : null,
    h('header', {class: 'crud-header'},
      h('a', {href: userPage, class: 'display-name', testid: 'display-name'}, activity.display_name),
      h('a', {href: userPage, class: 'handle', testid: 'handle'}, `@${activity.handle}`),
      h('a', {href: crudPage, class: 'age', testid: 'age', title: fullDate(activity.created_at)},
        h('time', {datetime: activity.created_at}, relativeAge(activity.created_at)))),
    parentLink && activity.reply_to_activity_uuid
      ? h('p', {class: 'in-reply-to'}, h('a', {href: `/cruds/${activity.reply_to_activity_uuid}`, testid: 'in-reply-to'},
        'In reply to a crud'))
      : null,
    messageText(activity.message),
    h('footer', {class: 'crud-footer'},
      replies,
      reactions.map((reaction) => reaction.button),
      h('span', {class: 'expires', testid: 'expires', title: `Self-destructs ${fullDate(activity.expires_at)}`},
        bomb(), h('span', {}, left === 'expired' ? 'expired' : `${left} left`)),
      app.session.is(activity.handle)
        ? deleteButton(app, activity, onDeleted ?? (() => {
          article.remove();
          focusHeading();
        }))
        : null),
    card.error);
  return article;
}

/**
 * A list the API pages: the first page is loaded before the element is returned; "Load more"
 * fetches the next.
 * @param path    the API path of the list (query parameters allowed)
 * @param render  (item, remove) => Element: one item; `remove()` takes it off the list; null
 *                when the item went into the one drawn before it
 * @param options.auth   true when the list needs the access token; by default it is sent when
 *                       someone is signed in (for their marks on each crud)
 * @param options.empty  what to say when there is nothing: text, or nodes (a link onwards)
 */
export async function pagedList(app, path, render,
  {auth = 'optional', empty = 'Nothing here yet.', testid = 'feed', listClass = 'feed'} = {}) {
  const list = h('ol', {class: listClass, testid});
  const error = alertBox('feed-error');
  const more = h('button', {type: 'button', class: 'button-quiet load-more', testid: 'load-more', hidden: true}, 'Load more');
  const nothing = h('p', {class: 'empty', testid: 'feed-empty', hidden: true}, empty);
  let cursor = null;

  const remove = (item) => {
    item.remove();
    nothing.hidden = list.childElementCount > 0;
  };
  const load = async () => {
    more.disabled = true;
    say(error, null);
    try {
      const page = await app.api.get(withQuery(path, {cursor}), {auth});
      for (const entry of page.data) {
        const item = h('li', {});
        const element = render(entry, () => remove(item));
        if (element) { // null: the entry joined the item before it (notifications are grouped)
          item.append(element);
          list.append(item);
        }
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      nothing.hidden = list.childElementCount > 0;
    } catch (failure) {
      say(error, failure.message);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', load);
  await load();
  return h('section', {class: 'feed-section'}, list, nothing, error, more);
}

/**
 * A feed of cruds (or replies).
 * @param options.onDeleted called after the reader deleted one of their own from it
 * Other options: those of pagedList, and the card's parentLink.
 */
export function feed(app, path, {parentLink = false, onDeleted = null, ...options} = {}) {
  return pagedList(app, path, (activity, remove) => activityCard(app, activity, {
    parentLink,
    onDeleted: () => {
      remove();
      focusHeading();
      onDeleted?.();
    },
  }), options);
}
